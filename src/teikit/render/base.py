"""The :class:`Renderer` base class, the registry of output formats, and how an edition is read.

A render runs fixed phases, as a Sphinx build does:

``read``
    :func:`read_edition` finds the articles and reads each one safely (:mod:`teikit.xmlio`)
    into a lightweight :class:`~teikit.edition.Article` handle: its path and a small
    :class:`DocumentInfo` (root element, xml:id, a copy of its header); the tree itself
    is dropped at once, so memory does not grow with the number of documents (issue 7).
    Articles are the ``*.xml`` files given, or found below the given directories except
    in ``register/`` and in drafts directories (:func:`find_articles`); register files
    (small, shared by every article) are the ``register/*.xml`` next to the articles,
    kept parsed (pointers ``register/persons.xml#per-x`` are relative to the article).
``check``
    :meth:`Renderer.check`: every article has a TEI root (``TEI`` or ``teiCorpus``) and
    is not a register file. A register file is recognised by its location, a
    ``register/`` directory (docs/encoding.md), as :func:`find_articles` skips those
    directories: content would misjudge real TEI documents that are only a
    ``listPlace`` (a gazetteer renders as a page of its own). The error names the
    file's register list (``listPerson``...) when it has one.
``resolve``
    :meth:`Renderer.resolve`: what spans documents (registers, occurrences, page numbers)
    is computed once and returned as stylesheet parameters shared by every document.
``write``
    :meth:`Renderer.write`: each article is parsed again, goes through the renderer's
    stylesheet (:meth:`render_document`) into ``<out>/<name>/<stem><suffix>`` and is
    dropped (in *jobs* worker processes, see :mod:`teikit.render.parallel`); then
    :meth:`finish` writes what belongs to the whole edition (index pages, assets).
    An article whose stylesheet fails does not stop the others: it is reported, gets no
    output (an earlier run's is removed) and is left out of what :meth:`finish` writes.
    A format's files are written in one :class:`~teikit.xmlio.Batch`: made durable
    together, then put in place together (:meth:`Renderer.batched`).

Rules (which TEI element becomes what) live in the XSLT stylesheets under ``xslt/``;
Python only orchestrates. A new output format is a subclass plus ``@register``, in its
own module under :mod:`teikit.render` (found by :func:`teikit.render.load_renderers`).

Every stylesheet run by :meth:`Renderer.render_document` receives these parameters:

``registers`` (``document-node()*``)
    the register files next to the article, already parsed;
``source-name`` (``xs:string``)
    the article's file name, e.g. ``moscow-1921.xml``;
``output-name`` (``xs:string``)
    the file name of the output, e.g. ``moscow-1921.html``;
``register-page`` (``xs:string``)
    where the register page of the edition is, relative to the output:
    ``../register/index.html`` (entries are anchored by their xml:id);
``chronology-page``, ``map-page`` (``xs:string``)
    the chronology and the map: ``../register/chronology.html``, ``../register/map.html``.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, ClassVar, Iterator, Sequence

from teikit.edition import (TEI_ROOTS, Article, DocumentInfo, Edition, check_tei, find_articles,
                            read_edition, read_registers)
from teikit.errors import InputError, TeikitError
from teikit.render.saxon import RenderError
from teikit.xmlio import Batch, atomic_write

__all__ = ["ARTICLE_ERRORS", "CHRONOLOGY_PAGE", "MAP_PAGE", "REGISTER_PAGE", "RENDERERS", "TEI_ROOTS",
           "Article", "DocumentInfo", "Edition", "EntryPage", "Failure", "Renderer", "check_tei",
           "article_files", "default_jobs", "discard_output", "entry_pages", "find_articles", "header_pages", "read_edition",
           "read_registers", "reading_pages", "register"]

#: an article that could not be written, and why
Failure = tuple[Article, TeikitError]

#: what goes wrong with one article and not the others: its stylesheet run fails
#: (:class:`RenderError`), or it can no longer be read (:class:`InputError`). An output
#: that cannot be written (:class:`OutputError`) or a stylesheet that does not compile
#: (:class:`SchemaError`) stops the render: every article would fail the same way.
ARTICLE_ERRORS = (RenderError, InputError)

#: format name -> renderer class; filled by :func:`register`
RENDERERS: dict[str, type["Renderer"]] = {}

#: the register, chronology and map pages of the edition, as seen from any other output directory
REGISTER_PAGE = "../register/index.html"
CHRONOLOGY_PAGE = "../register/chronology.html"
MAP_PAGE = "../register/map.html"


def register(cls: type["Renderer"]) -> type["Renderer"]:
    """Class decorator: make *cls* available as ``teikit render --to <cls.name>``."""
    RENDERERS[cls.name] = cls
    return cls


def default_jobs() -> int:
    """How many processes write by default: every core of the machine."""
    return os.cpu_count() or 1


@dataclass(frozen=True)
class EntryPage:
    """An edition-wide page of a format that a reader starts from: the site's front page
    links it and its sitemap lists it (``teikit build``)."""

    path: str        # relative to the format's directory, e.g. "index.html"
    label: str       # what the front page calls it, in Turkish
    label_en: str    # and in English
    #: its key in the site header every page shows (common/site-frame.xsl: "articles",
    #: "register", "chronology", "map"); None: the header does not link it
    header: str | None = None


def entry_pages(formats: Sequence[str]) -> list[tuple[str, str, str]]:
    """The entry pages the renderers of *formats* declare, as (path relative to the
    output directory, Turkish label, English label), in the order of *formats*."""
    return [(f"{name}/{page.path}", page.label, page.label_en)
            for name in formats for page in RENDERERS[name].entry_pages]


def header_pages(formats: Sequence[str]) -> dict[str, tuple[str, str]]:
    """The site header's pages that the renderers of *formats* declare
    (:attr:`EntryPage.header`): header key -> (format, path relative to the output
    directory)."""
    return {page.header: (name, f"{name}/{page.path}")
            for name in formats for page in RENDERERS[name].entry_pages if page.header}


def reading_pages(formats: Sequence[str], stem: str) -> list[str]:
    """The reading pages of the article *stem* (relative to the output directory) that
    the renderers of *formats* make (:attr:`Renderer.reading_page`), best first."""
    return [f"{name}/{stem}{RENDERERS[name].suffix}" for name in formats if RENDERERS[name].reading_page]


def article_files(formats: Sequence[str], stem: str) -> list[tuple[str, str]]:
    """The article *stem*'s own files, other than its reading page, that the renderers of
    *formats* make (:attr:`Renderer.article_label`): (path relative to the output
    directory, label), in the order of *formats*."""
    return [(f"{name}/{stem}{RENDERERS[name].suffix}", RENDERERS[name].article_label) for name in formats
            if RENDERERS[name].article_label and not RENDERERS[name].reading_page]


class Renderer:
    """One output format. Subclasses declare ``name``, ``stylesheet`` and ``suffix``
    (and :attr:`entry_pages`, :attr:`reading_page`) and override the phases they need.

    ``teikit render`` calls :meth:`run`; ``teikit build`` writes through the same renderer
    incrementally, as a Sphinx builder does: :meth:`outdated` says which articles need
    their output written again, :meth:`update` writes them, :meth:`write_edition` the
    edition-wide outputs, and :meth:`pages` lists what the site's sitemap shows."""

    name: ClassVar[str]
    #: path below ``xslt/``, e.g. ``"html.xsl"``; None for a renderer without one
    stylesheet: ClassVar[str | None] = None
    suffix: ClassVar[str] = ".html"
    #: False for a renderer that only writes edition-wide outputs (in :meth:`finish`)
    per_document: ClassVar[bool] = True
    #: the formats rendered in the same run into the same ``out`` (set by whoever runs it):
    #: a page links another format's output only when it is there or made in this run
    companions: frozenset[str] = frozenset()
    #: called once per article written or failed (set by whoever shows progress)
    progress: Callable[[], None] | None = None
    #: the edition-wide pages a reader starts from (relative to :attr:`target`)
    entry_pages: ClassVar[tuple[EntryPage, ...]] = ()
    #: True when the per-article output is the article's reading page (a site links it)
    reading_page: ClassVar[bool] = False
    #: what a site's front page calls the file of each article this format writes at
    #: ``<stem><suffix>`` besides its reading page (e.g. "PDF"); None: no such file
    article_label: ClassVar[str | None] = None

    def __init__(self, out: str | os.PathLike = "out", links: dict[str, Any] | None = None) -> None:
        self.out = Path(out)
        #: stylesheet parameters added to what :meth:`resolve` finds (``teikit build``
        #: gives the HTML pages their link to the site's search page this way)
        self.links: dict[str, Any] = dict(links or {})
        self.shared: dict[str, Any] = {}
        self._prepared: Edition | None = None
        #: where :meth:`write_file` stages files, made durable together (see :meth:`batched`)
        self.batch: Batch | None = None
        #: worker processes started ahead (:class:`teikit.render.parallel.Workers`, lent by
        #: ``teikit build``), else :meth:`write_articles` starts its own
        self.workers = None
        #: output file name -> fingerprint of its inputs, recorded in the manifest for the
        #: next render to compare (:mod:`teikit.render.fingerprint`); set by the formats
        #: that skip outputs whose inputs did not change
        self.inputs: dict[str, str] = {}

    @property
    def target(self) -> Path:
        """The directory this format writes into: ``<out>/<name>``."""
        return self.out / self.name

    # -- the phases, in order; override what the format needs

    def check(self, edition: Edition) -> None:
        """Phase *check*: refuse what cannot be rendered, with file:line."""
        outputs: dict[Path, Article] = {}
        for article in edition.articles:
            check_tei(article)
            other = outputs.setdefault(self.output_path(article), article)
            if self.per_document and other is not article:
                raise InputError(f"has the same file name as {other.path}: both would be written to "
                                 f"{self.output_path(article)}; rename one", str(article.path))

    def resolve(self, edition: Edition) -> dict[str, Any]:
        """Phase *resolve*: stylesheet parameters shared by every document."""
        return {}

    def params(self, article: Article, edition: Edition) -> dict[str, Any]:
        """The stylesheet parameters for one article (see the module docstring)."""
        return {
            "registers": [doc.xdm for doc in edition.registers_for(article)],
            "source-name": article.path.name,
            "output-name": self.output_path(article).name,
            "register-page": REGISTER_PAGE,
            "chronology-page": CHRONOLOGY_PAGE,
            "map-page": MAP_PAGE,
            **self.shared,
        }

    def render_document(self, article: Article, edition: Edition) -> bytes | str:
        """Transform one article; the result is written to :meth:`output_path`."""
        from teikit.render.saxon import transform
        return transform(self.stylesheet, article.xdm, self.params(article, edition),
                         source=str(article.path))

    def output_path(self, article: Article) -> Path:
        """Where the output of *article* goes: ``<out>/<name>/<stem><suffix>``."""
        return self.target / f"{article.stem}{self.suffix}"

    def finish(self, edition: Edition, written: list[Path]) -> list[Path]:
        """Write edition-wide outputs (index page, assets); return their paths."""
        return []

    def while_writing(self, edition: Edition) -> None:
        """Called in the parent process while worker processes write the articles of
        *edition* (``--jobs``), which it would otherwise wait for idle: a format may
        prepare here what :meth:`finish` needs of every article, whichever of them fail.
        Nothing by default."""

    # -- the fixed sequence

    def linkable(self, fmt: str, href: str) -> bool:
        """Whether a page may link *href* (relative to :attr:`target`), an output of format
        *fmt*: it is written in this run (:attr:`companions`) or is there already."""
        return fmt in self.companions or (self.target / href).resolve().is_file()

    def prepare(self, edition: Edition) -> None:
        """Phases *check* and *resolve* (once per edition)."""
        if self._prepared is edition:
            return
        self.check(edition)
        self.shared = {**self.resolve(edition), **self.links}
        self._prepared = edition

    def write_document(self, article: Article, edition: Edition) -> Path:
        """Parse *article*, transform it, write the result, drop the tree.

        When the article fails (:data:`ARTICLE_ERRORS`: its stylesheet raises, or it can
        no longer be read) nothing is written, no temporary file is left, and the output
        an earlier run wrote for *article* is removed, so that a stale page does not look
        current; then the error is raised."""
        target = self.output_path(article)
        try:
            with article.loaded():
                data = self.render_document(article, edition)
        except ARTICLE_ERRORS:
            discard_output(target)
            raise
        return self.write_file(target, data)

    def write_file(self, path: Path, data: bytes | str) -> Path:
        """Write one output atomically: into :attr:`batch` when there is one (in place
        once the batch is committed), else at once (:func:`teikit.xmlio.atomic_write`)."""
        return self.batch.write(path, data) if self.batch is not None else atomic_write(path, data)

    @contextlib.contextmanager
    def batched(self) -> Iterator[Batch]:
        """Write into one :class:`~teikit.xmlio.Batch` during the block (unless one is
        set already: its owner commits it): committed at the end, discarded on an error."""
        if self.batch is not None:
            yield self.batch
            return
        with Batch() as self.batch:
            try:
                yield self.batch
            finally:
                self.batch = None

    def write_articles(self, edition: Edition, jobs: int = 1) -> list[Path | TeikitError]:
        """Write every article (in *jobs* processes); one outcome per article, in order:
        the file written, or the error that stopped that article (and no other)."""
        if jobs > 1 and len(edition.articles) > 1:
            from teikit.render.parallel import write_in_parallel
            return write_in_parallel(self, edition, jobs, self.workers)
        return [self.write_article(article, edition) for article in edition.articles]

    def tick(self) -> None:
        """One article done (written or failed): tell :attr:`progress`, if anyone listens."""
        if self.progress is not None:
            self.progress()

    def write_article(self, article: Article, edition: Edition) -> Path | TeikitError:
        """:meth:`write_document`, an error of the article returned instead of raised."""
        try:
            return self.write_document(article, edition)
        except ARTICLE_ERRORS as exc:
            return exc
        finally:
            self.tick()

    def write(self, edition: Edition, jobs: int = 1, failures: list[Failure] | None = None) -> list[Path]:
        """Phase *write*: every article (in *jobs* processes), then :meth:`finish`.

        An article that fails is recorded with its error and the others are written;
        :meth:`finish` (index page...) then runs with the articles written only, and not
        at all when every article failed. The failures are appended to *failures* when
        it is given; otherwise they are raised together, after :meth:`finish`, as
        :class:`teikit.render.RenderFailures` holding the files written."""
        written, failed, done = self._write_each(edition, jobs) if self.per_document else ([], [], edition)
        every_one_failed = bool(failed) and not done.articles
        files = written if every_one_failed else written + self.finish(done, written)
        return self._settle(edition, files, failed, failures)

    def _settle(self, edition: Edition, files: list[Path], failed: list[Failure],
                failures: list[Failure] | None) -> list[Path]:
        """*files*, once *failed* is appended to *failures*, or raised without it."""
        if failures is not None:
            failures.extend(failed)
        elif failed:
            from teikit.render import RenderFailures
            raise RenderFailures([exc for _, exc in failed], len(edition.articles), {self.name: files})
        return files

    def _write_each(self, edition: Edition, jobs: int) -> tuple[list[Path], list[Failure], Edition]:
        """:meth:`write_articles`, sorted out: the files written, the articles that failed,
        and the edition of the articles written."""
        pairs = list(zip(edition.articles, self.write_articles(edition, jobs)))
        failed = [(article, out) for article, out in pairs if isinstance(out, TeikitError)]
        done = [(article, out) for article, out in pairs if not isinstance(out, TeikitError)]
        return [out for _, out in done], failed, Edition([a for a, _ in done], edition.registers)

    # -- writing into a site that an earlier build left (``teikit build``)

    def outdated(self, edition: Edition, current: Callable[[Article], bool]) -> list[Article]:
        """The articles whose output must be written again: those whose inputs changed
        since the output was written (*current* says which did not) or whose output is
        gone. None for a format without per-article outputs."""
        if not self.per_document:
            return []
        return [a for a in edition.articles if not (current(a) and self.output_path(a).is_file())]

    def update(self, edition: Edition, articles: list[Article], jobs: int = 1) -> list[Path | TeikitError]:
        """Write the outputs of *articles* (some of *edition*'s, in *jobs* processes); one
        outcome per article, in order, as :meth:`write_articles`. The edition is checked
        and resolved first (once)."""
        self.prepare(edition)
        if not articles:
            return []
        return self.write_articles(Edition(articles, edition.registers), jobs)

    def write_edition(self, edition: Edition, failed: set[Path] = frozenset()) -> list[Path]:
        """The edition-wide outputs (:meth:`finish`: index page, register, volume...) of
        *edition* without the articles at *failed* (resolved paths), as ``teikit render``
        leaves out an article whose stylesheet failed."""
        self.prepare(edition)
        done = Edition([a for a in edition.articles if a.path.resolve() not in failed], edition.registers)
        outputs = [p for p in map(self.output_path, done.articles) if p.is_file()] if self.per_document else []
        files = self.finish(done, outputs)
        if not self.per_document:     # all its outputs: their fingerprints serve the next build
            self.record_outputs(files)
        return files

    def pages(self, edition: Edition) -> list[Path]:
        """What a reader may land on (a site's sitemap): each article's output and the
        :attr:`entry_pages`, those that exist."""
        outputs = [self.output_path(a) for a in edition.articles] if self.per_document else []
        return [p for p in outputs + [self.target / e.path for e in self.entry_pages] if p.is_file()]

    def record_outputs(self, files: list[Path]) -> None:
        """Remember *files* as what this format wrote (:data:`MANIFEST`), and remove what
        the previous render of this directory wrote that this one did not: the pages of
        articles that are gone. A file no render wrote is never touched."""
        manifest, target = self.target / MANIFEST, self.target.resolve()
        now = sorted({str(Path(f).resolve().relative_to(target)) for f in files
                      if Path(f).resolve().is_relative_to(target)})
        for stale in sorted(set(_recorded(manifest)) - set(now)):
            discard_output(self.target / stale)
        record: dict[str, Any] = {"format": self.name, "files": now}
        if self.inputs:
            record["inputs"] = dict(sorted(self.inputs.items()))
        atomic_write(manifest, json.dumps(record, indent=1) + "\n")

    def run(self, edition: Edition, jobs: int = 1, failures: list[Failure] | None = None) -> list[Path]:
        """check -> resolve -> write; return every file written (see :meth:`write` for
        *failures*). The files are made durable together (:meth:`batched`)."""
        self.prepare(edition)
        failed: list[Failure] = []
        with self.batched():
            files = self.write(edition, jobs, failed)
        return self._settle(edition, files, failed, failures)


#: the list of files the last render of a format wrote, in that format's directory
MANIFEST = ".teikit-render.json"


def _recorded(manifest: Path) -> list[str]:
    """The files a manifest lists; none when it is missing or unreadable. Only plain
    relative paths inside the directory count: an edited manifest cannot point outside."""
    try:
        files = json.loads(manifest.read_text(encoding="utf-8")).get("files", [])
    except (OSError, ValueError, AttributeError):
        return []
    return [f for f in files if isinstance(f, str) and f and not Path(f).is_absolute()
            and ".." not in Path(f).parts]


def recorded_inputs(manifest: Path) -> dict[str, str]:
    """The fingerprints a manifest records (output name -> fingerprint); none when it is
    missing or unreadable."""
    try:
        inputs = json.loads(manifest.read_text(encoding="utf-8")).get("inputs", {})
    except (OSError, ValueError, AttributeError):
        return {}
    return {k: v for k, v in inputs.items() if isinstance(k, str) and isinstance(v, str)} \
        if isinstance(inputs, dict) else {}


def discard_output(path: Path) -> None:
    """Remove the output an earlier run left at *path*, if any: its article failed now."""
    try:
        path.unlink()
    except OSError:   # none there, or it cannot be removed: nothing more to do about it
        pass
