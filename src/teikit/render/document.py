"""Phase *read* of a render: lightweight handles on the edition's documents.

An article is read once, safely (:func:`teikit.xmlio.parse`), to learn what the phases
before *write* need (:class:`DocumentInfo`: its root element, xml:id and a copy of its
header); then its tree is dropped. :meth:`Document.loaded` parses it again for as
long as one transformation needs it, so rendering N documents holds one article tree
at a time (per process), whatever N is. Register files are small and shared by every
article: they stay parsed (a :class:`Document` built with its tree).
"""

from __future__ import annotations

import contextlib
import os
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from lxml import etree

from teikit.errors import InputError
from teikit.saxon import heap as saxon_heap
from teikit.xmlio import TEI_NS, XML_NS, parse

TEI_ROOTS = frozenset({f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"})
_HEADER_PARTS = (f"{{{TEI_NS}}}teiHeader",)
_SHALLOW_PARTS = (f"{{{TEI_NS}}}text",)
#: the lists a register file's body is made of (docs/encoding.md, "Registers")
REGISTER_LISTS = frozenset(f"{{{TEI_NS}}}{n}" for n in ("listPerson", "listPlace", "listOrg", "listEvent"))


@dataclass(frozen=True)
class DocumentInfo:
    """What is kept of a document between the phases *read* and *write*."""

    tag: str            # the root element's Clark name
    line: int           # the root element's line
    id: str             # the root's xml:id ("" if none)
    header: bytes       # the root element holding only its teiHeader (and a bare text)
    register_list: str = ""  # "listPerson" etc. when the body holds such a list, else ""

    @classmethod
    def of(cls, tree: etree._ElementTree) -> "DocumentInfo":
        """The summary of a parsed document."""
        root = tree.getroot()
        return cls(root.tag, root.sourceline or 1, root.get(f"{{{XML_NS}}}id") or "",
                   etree.tostring(_header_copy(root)), _register_list(root))

    def is_register(self, path: Path) -> bool:
        """True for a register file: one in a ``register/`` directory, where
        :func:`find_articles` never looks for articles either. Content alone is not
        enough: a real TEI document may be a list of places with no prose (a gazetteer,
        e.g. HBAS's listplace.xml) and still render as a page of its own."""
        return path.parent.name == "register"


def _register_list(root: etree._Element) -> str:
    """The local name of the first register list in the first body, or ""."""
    body = root.find(f".//{{{TEI_NS}}}body")
    found = next(body.iter(*REGISTER_LISTS), None) if body is not None else None
    return etree.QName(found).localname if found is not None else ""


def _header_copy(root: etree._Element) -> etree._Element:
    """A copy of *root* with its teiHeader, and its text's attributes (its language)."""
    copy = etree.Element(root.tag, dict(root.attrib), nsmap=root.nsmap)
    for child in root:
        if child.tag in _HEADER_PARTS:
            copy.append(deepcopy(child))
        elif child.tag in _SHALLOW_PARTS:
            etree.SubElement(copy, child.tag, dict(child.attrib))
    return copy


class Document:
    """One TEI file of the edition: a path and a :class:`DocumentInfo`.

    Built with its *tree*, the document keeps it (register files); built by
    :meth:`read`, it holds no tree: :attr:`tree` and :attr:`xdm` parse the file again
    on each use, except inside :meth:`loaded`, which holds them for a block.
    """

    def __init__(self, path: str | os.PathLike, tree: etree._ElementTree | None = None,
                 info: DocumentInfo | None = None) -> None:
        self.path = Path(path)
        self._tree = tree
        self._xdm = None
        if info is None:
            info = DocumentInfo.of(tree if tree is not None else self._parse())
        self.info = info

    @classmethod
    def read(cls, path: str | os.PathLike) -> "Document":
        """A handle on the article at *path*: parsed, summarised, and the tree dropped."""
        return cls(path, info=DocumentInfo.of(parse(path, lenient_ids=True)))

    def __repr__(self) -> str:
        return f"Document({str(self.path)!r})"

    def _parse(self) -> etree._ElementTree:
        return parse(self.path, lenient_ids=True)

    @property
    def tree(self) -> etree._ElementTree:
        """The parsed document (parsed now unless held)."""
        return self._tree if self._tree is not None else self._parse()

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
        return self.info.id or self.stem

    @property
    def xdm(self):
        """The document as a Saxon node (kept while the tree is held)."""
        if self._xdm is not None:
            return self._xdm
        from teikit.render.saxon import to_xdm
        node = to_xdm(self.tree, self.path.resolve().as_uri())
        if self._tree is not None:
            self._xdm = node
        return node

    @property
    def header_xdm(self):
        """The root element with only its header, as a Saxon node (for index pages)."""
        from teikit.render.saxon import to_xdm
        header = parse(self.info.header, name=str(self.path), lenient_ids=True)
        return to_xdm(header, self.path.resolve().as_uri())

    @contextlib.contextmanager
    def loaded(self) -> Iterator["Document"]:
        """Hold the parsed tree (and its Saxon node) during the block, then drop them."""
        if self._tree is not None:
            yield self
            return
        self._tree = self._parse()
        try:
            yield self
        finally:
            self._tree = self._xdm = None
            _collect_after(self.path)  # its Saxon copy is garbage now: N must not grow the heap


#: Saxon's heap is collected once this many bytes of documents have been dropped since the
#: last collection: the garbage it holds stays below a constant, as with a collection after
#: every article, without paying one per small article (a full collection costs about
#: 20 ms: 210 articles of 200 KB spent 4.3 s of a 30 s render in it). An article of 1 MiB
#: or more is still followed by a collection of its own: 4 MiB let render -j 2's peak grow
#: past tests/test_memory_bounds.py's bound (219 -> 293 MB for 2 MB articles, bound 290).
COLLECT_EVERY_BYTES = 2**20
_dropped = [0]


def _collect_after(path: Path) -> None:
    """Count *path*'s bytes as dropped; collect Saxon's heap when enough are."""
    try:
        _dropped[0] += path.stat().st_size
    except OSError:
        _dropped[0] = COLLECT_EVERY_BYTES
    if _dropped[0] >= COLLECT_EVERY_BYTES:
        _dropped[0] = 0
        saxon_heap.collect()


@dataclass
class Edition:
    """The articles to render (handles) and the register files they point into (parsed)."""

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
        for path in _candidates(given):
            found.setdefault(path.resolve(), path)
    return list(found.values())


def _candidates(given: Path) -> list[Path]:
    """The article files one given path names."""
    if given.is_file():
        return [given]
    if not given.is_dir():
        raise InputError("no such file or directory", str(given))
    candidates = sorted(p for p in given.rglob("*.xml") if p.is_file() and not any(
        _not_articles(d) for d in p.relative_to(given).parts[:-1]))
    if not candidates:
        raise InputError("no TEI files (*.xml) in this directory", str(given))
    return candidates


def _not_articles(directory: str) -> bool:
    """True for a subdirectory whose files are not articles (registers, drafts)."""
    return directory == "register" or "draft" in directory.lower()


def read_registers(directories: Iterable[Path]) -> dict[Path, list[Document]]:
    """The parsed ``register/*.xml`` files of each article directory."""
    return {directory: [Document(p, parse(p)) for p in sorted((directory / "register").glob("*.xml"))]
            for directory in sorted(set(directories))}


def read_edition(paths: Sequence[str | os.PathLike], failures: list[InputError] | None = None,
                 check: Callable[[Document], None] | None = None) -> Edition:
    """Phase *read*: a handle per article, and the register files next to them.

    An article that cannot be read (or that *check* refuses with :class:`InputError`)
    raises that error; given a *failures* list, the error is appended there instead, in
    the order of the files, and the article left out of the edition.
    """
    articles = []
    for path in find_articles(paths):
        try:
            article = Document.read(path)
            if check is not None:
                check(article)
            articles.append(article)
        except InputError as exc:
            if failures is None:
                raise
            failures.append(exc)
    return Edition(articles, read_registers(a.path.resolve().parent for a in articles))
