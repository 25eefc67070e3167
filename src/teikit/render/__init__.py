"""Renderers: one small declared class per output format, found through a registry.

A render is fixed phases, as a Sphinx build is: **read** the TEI documents (safely),
**check** them (well-formed TEI), **resolve** what spans documents (the register, the
bibliography, page numbers), **write** each output through its XSLT 3.0 stylesheet.
A new output format is a subclass of :class:`Renderer` plus ``@register`` in a module
of this package; :func:`load_renderers` imports every such module.

Public facade: :func:`render` (what ``teikit render`` calls), :func:`read_edition`.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from pathlib import Path
from typing import Sequence

from teikit.errors import TeikitError
from teikit.render.base import (RENDERERS, Document, Edition, Renderer, check_tei, default_jobs,
                                read_edition, register)

__all__ = ["RENDERERS", "Document", "Edition", "RenderFailures", "Renderer", "default_jobs",
           "load_renderers", "read_edition", "register", "render"]

#: modules of this package that hold machinery, not output formats
_MACHINERY = {"base", "config", "document", "parallel", "saxon"}


def load_renderers() -> dict[str, type[Renderer]]:
    """Import every renderer module of this package so it registers itself."""
    for module in pkgutil.iter_modules(__path__):
        if module.name not in _MACHINERY and not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")
    return RENDERERS


def render(paths: Sequence[str | os.PathLike], formats: Sequence[str],
           out: str | os.PathLike = "out", jobs: int | None = None,
           failures: list[TeikitError] | None = None,
           rules: str | os.PathLike | None = None) -> dict[str, list[Path]]:
    """Render the edition at *paths* into each format of *formats* below *out*.

    Articles are written in *jobs* processes (default: every core). Returns, per
    format, the files written. The edition is read once, into small handles: each
    article's tree is parsed again, transformed and dropped while it is written.

    An article that cannot be read (malformed XML, not TEI, a register file) does not
    stop the others: every other article is rendered in every format, and edition-wide
    outputs (register, index page, print volume) are built from the articles read.
    Nor does an article whose stylesheet fails: it gets no output in that format (an
    earlier run's is removed) and that format's index page leaves it out (see
    :meth:`Renderer.write`). The errors (read errors first) are appended to *failures*
    when it is given; otherwise :class:`RenderFailures` is raised at the end. When no
    article at all can be read, nothing is written: a single error is raised as itself,
    several as :class:`RenderFailures`.

    *rules* names the edition's rules file, which overrides a few of the project's
    rendering rules; without it, the edition's ``teikit.toml`` may name one
    (:mod:`teikit.render.config`).
    """
    from teikit.render.config import rules_for, using_rules
    with using_rules(rules_for(paths, rules)):
        return _render(paths, formats, out, jobs, failures)


def _render(paths: Sequence[str | os.PathLike], formats: Sequence[str], out: str | os.PathLike,
            jobs: int | None, failures: list[TeikitError] | None) -> dict[str, list[Path]]:
    load_renderers()
    found: list[TeikitError] = []
    edition = read_edition(paths, failures=found, check=check_tei)
    if found and not edition.articles:
        raise found[0] if len(found) == 1 else RenderFailures(found, len(found), {})
    unread = len(found)
    written: dict[str, list[Path]] = {}
    built_from: dict[str, int] = {}
    broken: set[Path] = set()
    for name in formats:
        renderer, failed = RENDERERS[name](out), []
        written[name] = renderer.run(edition, jobs=jobs or default_jobs(), failures=failed)
        built_from[name] = len(edition.articles) - len(failed)
        broken.update(article.path for article, _ in failed)
        found.extend(exc for _, exc in failed)
    if failures is not None:
        failures.extend(found)
    elif found:
        raise RenderFailures(found, unread + len(edition.articles), written, built_from,
                             failed=unread + len(broken))
    return written


class RenderFailures(TeikitError):
    """Some articles could not be rendered; the others were (see :func:`render`).

    ``failures``: one error per article and format that failed; ``failed``: how many
    articles that is (default: one per error); ``total``: the articles given;
    ``written``: per format, the files written; ``built_from``: per format, how many
    articles its outputs were made from."""

    def __init__(self, failures: list[TeikitError], total: int, written: dict[str, list[Path]],
                 built_from: dict[str, int] | None = None, failed: int | None = None) -> None:
        self.failures, self.total, self.written = failures, total, written
        self.failed = len(failures) if failed is None else failed
        self.built_from = built_from or {name: total - self.failed for name in written}
        super().__init__(f"{self.failed} of {total} articles could not be rendered")

    def report(self) -> str:
        """One line per article that failed (``path:line:column: message``)."""
        return "\n".join(str(exc) for exc in self.failures)
