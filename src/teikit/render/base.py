"""The :class:`Renderer` base class, the registry of output formats, and how an edition is read.

A render runs fixed phases, as a Sphinx build does:

``read``
    :func:`read_edition` finds the articles and reads each one safely (:mod:`teikit.xmlio`)
    into a lightweight :class:`Document` handle: its path and a small
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
from pathlib import Path
from typing import Any, ClassVar, Sequence

from lxml import etree

from teikit.errors import InputError
from teikit.render.document import (TEI_ROOTS, Document, DocumentInfo, Edition, find_articles,
                                    read_edition, read_registers)
from teikit.xmlio import TEI_NS, atomic_write

__all__ = ["CHRONOLOGY_PAGE", "MAP_PAGE", "REGISTER_PAGE", "RENDERERS", "TEI_ROOTS", "Document",
           "DocumentInfo", "Edition", "Renderer", "check_tei", "default_jobs", "find_articles",
           "read_edition", "read_registers", "register"]

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


def check_tei(document: Document) -> None:
    """Raise :class:`InputError` unless *document* is a TEI article: it has a TEI root
    element and is not a register file (see :meth:`DocumentInfo.is_register`)."""
    info = document.info
    if info.tag not in TEI_ROOTS:
        name = etree.QName(info.tag)
        raise InputError(f"not a TEI document: the root element is <{name.localname}>"
                         f" in namespace '{name.namespace or ''}', expected "
                         f"<TEI xmlns=\"{TEI_NS}\">", str(document.path), info.line, 1)
    if info.is_register(document.path):
        kind = info.register_list or "in a register/ directory"
        raise InputError(f"{document.path} is a register file ({kind}), not an "
                         "article; render the edition directory instead")


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
        """Where the output of *article* goes: ``<out>/<name>/<stem><suffix>``."""
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
        """Parse *article*, transform it, write the result, drop the tree."""
        with article.loaded():
            return atomic_write(self.output_path(article), self.render_document(article, edition))

    def write(self, edition: Edition, jobs: int = 1) -> list[Path]:
        """Phase *write*: every article (in *jobs* processes), then :meth:`finish`."""
        written: list[Path] = []
        if self.per_document:
            if jobs > 1 and len(edition.articles) > 1:
                from teikit.render.parallel import write_in_parallel
                written = write_in_parallel(self, edition, jobs)
            else:
                written = [self.write_document(a, edition) for a in edition.articles]
        return written + self.finish(edition, written)

    def run(self, edition: Edition, jobs: int = 1) -> list[Path]:
        """check -> resolve -> write; return every file written."""
        self.prepare(edition)
        return self.write(edition, jobs)
