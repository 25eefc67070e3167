"""Shared by the register tests: fixtures, golden-file comparison, HTML parsing.

Golden files live in tests/golden/register/; ``TEIKIT_UPDATE_GOLDEN=1 pytest`` rewrites
them (then read the diff before committing). The page's inline CSS is stripped before
comparing: it is presentation, not what the stylesheets under test decide.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import lxml.html

from teikit.render import read_edition
from teikit.render.register import build_index, index_node
from teikit.render.saxon import transform

TESTS = Path(__file__).parent
SAMPLE_EDITION = TESTS / "fixtures" / "edition"
TURKISH_ORDER = TESTS / "fixtures" / "register" / "turkish-order"
GOLDEN = TESTS / "golden" / "register"
EXTERNAL = Path(os.environ.get("TEIKIT_SHARED", TESTS.parents[1] / "shared")) / "corpora" / "external"
TEI_ALL = EXTERNAL.parents[1] / "schemas-reference" / "tei_all.rng"


def edition_index(directory: Path):
    """(EditionIndex, its Saxon node) for the edition in *directory*."""
    index = build_index(read_edition([directory]))
    return index, index_node(index)


def run(stylesheet: str, node, **params) -> str:
    """Run ``xslt/<stylesheet>`` through the project's saxonche runner."""
    return transform(stylesheet, node, params, source="the edition index")


def strip_volatile(text: str) -> str:
    return re.sub(r"<style>.*?</style>", "<style/>", text, flags=re.S)


def assert_golden(name: str, text: str) -> None:
    """Compare *text* with tests/golden/register/<name>."""
    path = GOLDEN / name
    text = strip_volatile(text)
    if os.environ.get("TEIKIT_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    assert path.is_file(), f"no golden file {path}; run with TEIKIT_UPDATE_GOLDEN=1 once"
    assert text == path.read_text("utf-8"), f"{name} differs from its golden file"


def html(text: str):
    """The HTML5 page *text* as an lxml tree."""
    return lxml.html.document_fromstring(text.encode("utf-8"))
