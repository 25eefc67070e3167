"""The two seed articles as running text, for tests that check a form is really printed."""

from __future__ import annotations

import re

from import_helpers import SEEDS

ARTICLES = {"mosc": "article-moscow-treaty-1921.txt", "dipl": "article-turkish-diplomats-1917-1925.txt"}


def seed_texts(prefix: str) -> list[str]:
    """The seed article of *prefix*, whitespace collapsed, line-end hyphens removed and kept.

    Both joins are returned because a hyphen at a line end may be the typesetter's
    (``Mus-`` + ``tafa``) or the word's own (``Brest-`` + ``Litovsk``).
    """
    raw = (SEEDS / ARTICLES[prefix]).read_text(encoding="utf-8")
    return [" ".join(re.sub(r"-[ \t]*\n\s*", joint, raw).split()) for joint in ("", "-")]
