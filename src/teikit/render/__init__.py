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
from typing import Callable, Sequence

from teikit.errors import InputError, TeikitError
from teikit.xmlio import check_writable_directory
from teikit.edition import Article, Edition, check_tei, read_edition
from teikit.render.base import RENDERERS, EntryPage, Renderer, default_jobs, entry_pages, register

__all__ = ["RENDERERS", "Article", "Edition", "EntryPage", "RenderFailures", "Renderer", "default_jobs",
           "entry_pages", "load_renderers", "read_edition", "register", "render"]

#: modules of this package that hold machinery, not output formats (not imported to find
#: the formats: the rules compiler, pm and pm_xslt, pulls in teikit.odd and teikit.validate)
_MACHINERY = {"base", "config", "parallel", "pm", "pm_xslt", "saxon", "summary", "turkish_hyphenation"}


def load_renderers() -> dict[str, type[Renderer]]:
    """Import every renderer module of this package so it registers itself."""
    for module in pkgutil.iter_modules(__path__):
        if module.name not in _MACHINERY and not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")
    return RENDERERS


def render(paths: Sequence[str | os.PathLike], formats: Sequence[str],
           out: str | os.PathLike = "out", jobs: int | None = None,
           failures: list[TeikitError] | None = None,
           progress: Callable[[int, int], None] | None = None,
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

    A format that cannot be finished (its directory is read-only, the disk is full, its
    stylesheet does not compile) does not stop the other formats either: they are
    written, and :class:`RenderFailures` says which formats were written and which were
    not (``stopped``). Each format records the files it wrote in its directory
    (:data:`~teikit.render.base.MANIFEST`), and removes those an earlier render of the
    same ``--out`` wrote that this one did not (articles that are gone); it never
    touches a file it did not write.

    *rules* names the edition's rules file, which overrides a few of the project's
    rendering rules; without it, the edition's ``teikit.toml`` may name one
    (:mod:`teikit.render.config`).
    """
    from teikit.render.config import rules_for, using_rules
    with using_rules(rules_for(paths, rules)):
        return _render(paths, formats, out, jobs, failures, progress)


def _render(paths: Sequence[str | os.PathLike], formats: Sequence[str], out: str | os.PathLike,
            jobs: int | None, failures: list[TeikitError] | None,
            progress: Callable[[int, int], None] | None) -> dict[str, list[Path]]:
    load_renderers()
    jobs = jobs or default_jobs()
    workers = early_workers(formats, jobs)
    try:
        return _render_with(paths, formats, out, jobs, failures, progress, workers)
    finally:
        if workers is not None:
            workers.close()


def per_document_formats(formats: Sequence[str]) -> list[str]:
    """The names among *formats* of those that write one output per article."""
    return [name for name in formats if RENDERERS[name].per_document]


def early_workers(formats: Sequence[str], jobs: int):
    """The worker processes of the formats that write one output per article, started
    before their work is known (:class:`teikit.render.parallel.Workers`: their start-up
    runs beside the read phase of a render, or the stream of a build), or None when the
    articles are written in this process."""
    names = per_document_formats(formats)
    if not names or jobs < 2:
        return None
    from teikit.render.parallel import Workers, helpers
    return Workers(helpers(jobs), [RENDERERS[n].stylesheet for n in names if RENDERERS[n].stylesheet])


def _render_with(paths: Sequence[str | os.PathLike], formats: Sequence[str], out: str | os.PathLike,
                 jobs: int, failures: list[TeikitError] | None,
                 progress: Callable[[int, int], None] | None, workers) -> dict[str, list[Path]]:
    found: list[TeikitError] = []
    edition = read_edition(paths, failures=found, check=check_tei, pool=workers.pool if workers else None)
    if found and not edition.articles:
        raise found[0] if len(found) == 1 else RenderFailures(found, len(found), {})
    unread = len(found)
    written: dict[str, list[Path]] = {}
    built_from: dict[str, int] = {}
    broken: set[Path] = set()
    renderers = {name: RENDERERS[name](out) for name in formats}
    for renderer in renderers.values():
        renderer.workers = workers if renderer.per_document else None
    tick = _counter(progress, sum(len(edition.articles) if r.per_document else 1 for r in renderers.values()))
    for renderer in renderers.values():
        renderer.companions = frozenset(formats)    # what the others of this run will write
        renderer.progress = tick
    stopped = _unwritable(renderers)
    for name, renderer in renderers.items():
        if name in stopped:
            continue
        failed: list = []
        try:
            written[name] = renderer.run(edition, jobs=jobs, failures=failed)
            if tick and not renderer.per_document:
                tick()                              # an edition-wide format is one step
            renderer.record_outputs(written[name])
        except InputError:
            raise  # the articles themselves: every format would refuse them
        except TeikitError as exc:  # this format cannot be finished; the others can
            stopped[name] = exc
            continue
        built_from[name] = len(edition.articles) - len(failed)
        broken.update(article.path for article, _ in failed)
        found.extend(exc for _, exc in failed)
    if len(stopped) == 1 and not written:
        raise next(iter(stopped.values()))  # nothing was written: the one reason is the error
    if failures is not None and not stopped:
        failures.extend(found)
    elif found or stopped:
        raise RenderFailures(found, unread + len(edition.articles), written, built_from,
                             failed=unread + len(broken), stopped=stopped)
    return written


def _unwritable(renderers: dict[str, Renderer]) -> dict[str, TeikitError]:
    """The formats whose directory cannot be written, found before any long work."""
    stopped: dict[str, TeikitError] = {}
    for name, renderer in renderers.items():
        try:
            check_writable_directory(renderer.target)
        except TeikitError as exc:
            stopped[name] = exc
    return stopped


def _counter(progress: Callable[[int, int], None] | None, total: int) -> Callable[[], None] | None:
    """A per-article callback that reports (done, *total*) to *progress*, shared by the
    renderers of one run so that the count runs across formats."""
    if progress is None:
        return None
    done = [0]

    def tick() -> None:
        done[0] = min(total, done[0] + 1)
        progress(done[0], total)
    return tick


class RenderFailures(TeikitError):
    """Some articles could not be rendered; the others were (see :func:`render`).

    ``failures``: one error per article and format that failed; ``failed``: how many
    articles that is (default: one per error); ``total``: the articles given;
    ``written``: per format, the files written; ``built_from``: per format, how many
    articles its outputs were made from; ``stopped``: the formats that could not be
    finished, with why."""

    def __init__(self, failures: list[TeikitError], total: int, written: dict[str, list[Path]],
                 built_from: dict[str, int] | None = None, failed: int | None = None,
                 stopped: dict[str, TeikitError] | None = None) -> None:
        self.failures, self.total, self.written = failures, total, written
        self.failed = len(failures) if failed is None else failed
        self.built_from = built_from or {name: total - self.failed for name in written}
        self.stopped = stopped or {}
        parts = [f"{self.failed} of {total} articles could not be rendered"] if self.failed else []
        if self.stopped:
            parts.append(f"not written: {', '.join(self.stopped)}; written: "
                         f"{', '.join(written) or 'none'}")
        super().__init__("; ".join(parts))

    def report(self) -> str:
        """One line per article that failed (``path:line:column: message``), then one per
        format that was not written (``pdf: not written: why``)."""
        return "\n".join([str(exc) for exc in self.failures] +
                         [f"{name}: not written: {exc}" for name, exc in self.stopped.items()])
