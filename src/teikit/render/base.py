"""The :class:`Renderer` base class, the registry of output formats, and how an edition is read.

A render runs fixed phases, as a Sphinx build does:

``read``
    :func:`read_edition` parses every TEI file safely (:mod:`teikit.xmlio`). Articles are
    the ``*.xml`` files given, or found below the given directories except in ``register/``
    and in drafts directories (:func:`find_articles`); register files are the
    ``register/*.xml`` next to the articles (pointers ``register/persons.xml#per-x`` are
    relative to the article).
``check``
    :meth:`Renderer.check`: every article has a TEI root (``TEI`` or ``teiCorpus``).
``resolve``
    :meth:`Renderer.resolve`: what spans documents (registers, occurrences, page numbers)
    is computed once and returned as stylesheet parameters shared by every document.
``write``
    :meth:`Renderer.write`: each article goes through the renderer's stylesheet
    (:meth:`render_document`) into ``<out>/<name>/<stem><suffix>``; then
    :meth:`finish` writes what belongs to the whole edition (index pages, assets).

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

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from multiprocessing import get_context
from pathlib import Path
from typing import Any, ClassVar, Iterable, Sequence

from lxml import etree

from teikit.errors import InputError
from teikit.xmlio import TEI_NS, XML_NS, atomic_write, parse

#: format name -> renderer class; filled by :func:`register`
RENDERERS: dict[str, type["Renderer"]] = {}

#: the register, chronology and map pages of the edition, as seen from any other output directory
REGISTER_PAGE = "../register/index.html"
CHRONOLOGY_PAGE = "../register/chronology.html"
MAP_PAGE = "../register/map.html"

TEI_ROOTS = {f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"}


def register(cls: type["Renderer"]) -> type["Renderer"]:
    """Class decorator: make *cls* available as ``teikit render --to <cls.name>``."""
    RENDERERS[cls.name] = cls
    return cls


# --------------------------------------------------------------------------- read

@dataclass
class Document:
    """One TEI file of the edition, parsed safely."""

    path: Path
    tree: etree._ElementTree

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    @property
    def stem(self) -> str:
        """The file name without ``.xml``: names the outputs."""
        return self.path.stem

    @property
    def id(self) -> str:
        """The root's xml:id (the article prefix), else the file stem."""
        return self.root.get(f"{{{XML_NS}}}id") or self.stem

    @cached_property
    def xdm(self):
        """The document as a Saxon node (built once, on first use)."""
        from teikit.render.saxon import to_xdm
        return to_xdm(self.tree, self.path.resolve().as_uri())


@dataclass
class Edition:
    """The articles to render and the register files they point into."""

    articles: list[Document]
    registers: dict[Path, list[Document]] = field(default_factory=dict)

    def registers_for(self, article: Document) -> list[Document]:
        """The register files next to *article* (``<its dir>/register/*.xml``)."""
        return self.registers.get(article.path.resolve().parent, [])

    @property
    def all_registers(self) -> list[Document]:
        """Every register file of the edition, once."""
        return [doc for docs in self.registers.values() for doc in docs]


def find_articles(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """The article files named by *paths*: files, or the ``*.xml`` below directories.

    Directories are searched recursively, except subdirectories that are not articles:
    ``register/`` (the registers) and drafts (any directory whose name contains
    ``draft``, e.g. ``tei/bibliography-drafts/``).
    """
    found: dict[Path, Path] = {}
    for given in map(Path, paths):
        if given.is_dir():
            candidates = sorted(p for p in given.rglob("*.xml")
                                if p.is_file() and not any(_not_articles(d) for d in
                                                           p.relative_to(given).parts[:-1]))
            if not candidates:
                raise InputError("no TEI files (*.xml) in this directory", str(given))
        elif given.is_file():
            candidates = [given]
        else:
            raise InputError("no such file or directory", str(given))
        for path in candidates:
            found.setdefault(path.resolve(), path)
    return list(found.values())


def _not_articles(directory: str) -> bool:
    """True for a subdirectory whose files are not articles (registers, drafts)."""
    return directory == "register" or "draft" in directory.lower()


def read_edition(paths: Sequence[str | os.PathLike]) -> Edition:
    """Phase *read*: parse the articles and the register files next to them."""
    articles = [Document(path, parse(path, lenient_ids=True)) for path in find_articles(paths)]
    registers: dict[Path, list[Document]] = {}
    for directory in sorted({a.path.resolve().parent for a in articles}):
        files = sorted((directory / "register").glob("*.xml"))
        registers[directory] = [Document(p, parse(p)) for p in files]
    return Edition(articles, registers)


def check_tei(document: Document) -> None:
    """Raise :class:`InputError` unless *document* has a TEI root element."""
    root = document.root
    if root.tag not in TEI_ROOTS:
        raise InputError(f"not a TEI document: the root element is <{etree.QName(root).localname}>"
                         f" in namespace '{etree.QName(root).namespace or ''}', expected "
                         f"<TEI xmlns=\"{TEI_NS}\">", str(document.path), root.sourceline, 1)


# --------------------------------------------------------------------------- renderer

class Renderer:
    """One output format. Subclasses declare ``name``, ``stylesheet`` and ``suffix``
    and override the phases they need."""

    name: ClassVar[str]
    #: path below ``xslt/``, e.g. ``"html.xsl"``; None for a renderer without one
    stylesheet: ClassVar[str | None] = None
    suffix: ClassVar[str] = ".html"
    #: False for a renderer that only writes edition-wide outputs (in :meth:`finish`)
    per_document: ClassVar[bool] = True

    def __init__(self, out: str | os.PathLike = "out") -> None:
        self.out = Path(out)
        self.shared: dict[str, Any] = {}

    @property
    def target(self) -> Path:
        """The directory this format writes into: ``<out>/<name>``."""
        return self.out / self.name

    # -- the phases, in order; override what the format needs

    def check(self, edition: Edition) -> None:
        """Phase *check*: refuse what cannot be rendered, with file:line."""
        outputs: dict[Path, Document] = {}
        for article in edition.articles:
            check_tei(article)
            other = outputs.setdefault(self.output_path(article), article)
            if self.per_document and other is not article:
                raise InputError(f"has the same file name as {other.path}: both would be written to "
                                 f"{self.output_path(article)}; rename one", str(article.path))

    def resolve(self, edition: Edition) -> dict[str, Any]:
        """Phase *resolve*: stylesheet parameters shared by every document."""
        return {}

    def params(self, article: Document, edition: Edition) -> dict[str, Any]:
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

    def render_document(self, article: Document, edition: Edition) -> bytes | str:
        """Transform one article; the result is written to :meth:`output_path`."""
        from teikit.render.saxon import transform
        return transform(self.stylesheet, article.xdm, self.params(article, edition),
                         source=str(article.path))

    def output_path(self, article: Document) -> Path:
        return self.target / f"{article.stem}{self.suffix}"

    def finish(self, edition: Edition, written: list[Path]) -> list[Path]:
        """Write edition-wide outputs (index page, assets); return their paths."""
        return []

    # -- the fixed sequence

    def prepare(self, edition: Edition) -> None:
        """Phases *check* and *resolve*."""
        self.check(edition)
        self.shared = self.resolve(edition)

    def write_document(self, article: Document, edition: Edition) -> Path:
        return atomic_write(self.output_path(article), self.render_document(article, edition))

    def write(self, edition: Edition, jobs: int = 1, paths: Sequence[Path] = ()) -> list[Path]:
        """Phase *write*: every article (in *jobs* processes), then :meth:`finish`."""
        written: list[Path] = []
        if self.per_document:
            if jobs > 1 and len(edition.articles) > 1:
                written = _write_in_parallel(self, paths, len(edition.articles), jobs)
            else:
                written = [self.write_document(a, edition) for a in edition.articles]
        return written + self.finish(edition, written)

    def run(self, edition: Edition, jobs: int = 1, paths: Sequence[Path] = ()) -> list[Path]:
        """check -> resolve -> write; return every file written."""
        self.prepare(edition)
        return self.write(edition, jobs, paths)


# --------------------------------------------------------------------------- parallel write

_WORKER: dict[str, Any] = {}


def _worker_init(name: str, out: str, paths: list[str]) -> None:
    """In each worker process: read the edition and resolve once (own Saxon processor)."""
    from teikit.render import load_renderers
    load_renderers()
    edition = read_edition(paths)
    renderer = RENDERERS[name](out)
    renderer.prepare(edition)
    _WORKER.update(renderer=renderer, edition=edition)


def _worker_write(index: int) -> Path:
    from teikit.errors import TeikitError
    from teikit.render.saxon import RenderError
    renderer, edition = _WORKER["renderer"], _WORKER["edition"]
    try:
        return renderer.write_document(edition.articles[index], edition)
    except TeikitError as exc:  # crosses the process boundary with its full message
        raise RenderError(str(exc)) from None


def _write_in_parallel(renderer: Renderer, paths: Sequence[Path], count: int, jobs: int) -> list[Path]:
    """Write the *count* articles in *jobs* fresh processes (Saxon cannot be forked)."""
    if not paths:
        raise ValueError("parallel writing needs the paths the edition was read from")
    with ProcessPoolExecutor(max_workers=min(jobs, count), mp_context=get_context("spawn"),
                             initializer=_worker_init,
                             initargs=(renderer.name, str(renderer.out), [str(p) for p in paths])) as pool:
        return list(pool.map(_worker_write, range(count)))
