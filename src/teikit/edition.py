"""The edition model of every command: an :class:`Edition` of :class:`Article` handles.

``render``, ``build`` and ``serve`` see an edition the same way, and find its articles the
same way (:func:`find_articles`: the ``*.xml`` files given, or below the directories given,
except in ``register/`` and drafts directories; an article in ``ed/vol2/`` is an article of
``ed``). Everything is read safely (:func:`teikit.xmlio.parse`).

An :class:`Article` is read once, to learn what the steps before writing need
(:class:`DocumentInfo`: its root element, xml:id and a copy of its header); then its tree is
dropped. :meth:`Article.loaded` parses it again for as long as one transformation needs it,
so rendering N documents holds one article tree at a time (per process), whatever N is.
Register files are small and shared by every article: they stay parsed (an
:class:`Article` built with its tree); so do the articles ``teikit serve`` answers from
(:func:`load`).

What publishing needs of an article (datestamp, Dublin Core, bibl types, title) comes
from its header; its citation trees (DTS) from its text. :meth:`Article.summary` keeps
these facts without the tree as a :class:`Summary`, which round-trips through JSON, so
``teikit build`` can leave an unchanged article unparsed.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from lxml import etree

from teikit.errors import InputError, WorkerError
from teikit.saxon import heap as saxon_heap
from teikit.xmlio import NS as _NS, TEI_NS, XML_NS, parse, plain_text

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

    def to_json(self) -> dict:
        """The info as JSON data (``teikit build`` caches it beside the site)."""
        return {"tag": self.tag, "line": self.line, "id": self.id,
                "header": self.header.decode("utf-8"), "register_list": self.register_list}

    @classmethod
    def from_json(cls, data: dict) -> "DocumentInfo":
        """The info from :meth:`to_json`'s data; malformed data raises ``KeyError``,
        ``TypeError`` or ``AttributeError``."""
        return cls(str(data["tag"]), int(data["line"]), str(data["id"]),
                   data["header"].encode("utf-8"), str(data["register_list"]))

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


class Article:
    """One TEI file of the edition: a path and a :class:`DocumentInfo`.

    Built with its *tree*, the article keeps it (register files, a served edition); built
    by :meth:`read`, it holds no tree: :attr:`tree` and :attr:`xdm` parse the file again
    on each use, except inside :meth:`loaded`, which holds what the block parsed. Saxon
    reads the file's own text when that is the document (:func:`teikit.xmlio.plain_text`:
    UTF-8, no DOCTYPE), so a transformation builds no lxml tree of the article. The
    publishing facts (:attr:`datestamp`, :attr:`dc_xml`, :attr:`types`, :attr:`title`)
    come from the header and are computed once; :attr:`citation_trees` from the text.
    """

    def __init__(self, path: str | os.PathLike, tree: etree._ElementTree | None = None,
                 info: DocumentInfo | None = None) -> None:
        self.path = Path(path)
        self._tree = tree
        self._xdm = None
        self._loading = False
        if info is None:
            info = DocumentInfo.of(tree if tree is not None else self._parse())
        self.info = info

    @classmethod
    def read(cls, path: str | os.PathLike) -> "Article":
        """A handle on the article at *path*: parsed, summarised, and the tree dropped."""
        return cls(path, info=DocumentInfo.of(parse(path, lenient_ids=True)))

    @classmethod
    def held(cls, path: str | os.PathLike) -> "Article":
        """The article at *path*, parsed and kept parsed (an edition served from memory)."""
        return cls(path, parse(path, lenient_ids=True))

    def __repr__(self) -> str:
        return f"Article({str(self.path)!r})"

    def _parse(self) -> etree._ElementTree:
        return parse(self.path, lenient_ids=True)

    @property
    def tree(self) -> etree._ElementTree:
        """The parsed document (parsed now unless held; inside :meth:`loaded`, once)."""
        if self._tree is not None:
            return self._tree
        tree = self._parse()
        if self._loading:
            self._tree = tree
        return tree

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
        """The document as a Saxon node (kept while the tree is held or the article loaded).

        Saxon parses the file's own text when it may (:func:`teikit.xmlio.plain_text`)
        and the article holds no tree; else, or when Saxon cannot read that text, the
        lxml tree is handed over (and a file that is not well-formed is reported by
        :func:`teikit.xmlio.parse`, with its line and column)."""
        if self._xdm is not None:
            return self._xdm
        from teikit.render.saxon import text_to_xdm, to_xdm
        uri = self.path.resolve().as_uri()
        text = plain_text(self.path) if self._tree is None else None
        node = text_to_xdm(text, uri) if text is not None else None
        if node is None:
            node = to_xdm(self.tree, uri)
        if self._tree is not None or self._loading:
            self._xdm = node
        return node

    @property
    def header_tree(self) -> etree._ElementTree:
        """The root element with only its header (and a bare ``text``), parsed."""
        return parse(self.info.header, name=str(self.path), lenient_ids=True)

    @property
    def header_xdm(self):
        """The root element with only its header, as a Saxon node (for index pages)."""
        from teikit.render.saxon import to_xdm
        return to_xdm(self.header_tree, self.path.resolve().as_uri())

    @contextlib.contextmanager
    def loaded(self) -> Iterator["Article"]:
        """Hold the parsed tree and the Saxon node during the block, each parsed when first
        asked for (a transformation needs only the node), then drop them."""
        if self._tree is not None or self._loading:
            yield self
            return
        self._loading = True
        try:
            yield self
        finally:
            self._loading = False
            self._tree = self._xdm = None
            _heap.done_with(self.path)  # its Saxon copy is garbage now: N must not grow the heap

    # -- what publishing needs (OAI-PMH, DTS, the front page, the JSON index) ----------

    @functools.cached_property
    def datestamp(self) -> datetime:
        """The article's last change, in UTC: the latest ``revisionDesc/change/@when``,
        else the file's modification time. Dates without a time count from 00:00:00Z."""
        stamps = [s for s in map(parse_when, self._change_dates()) if s is not None]
        if stamps:
            return max(stamps)
        mtime = datetime.fromtimestamp(self.path.stat().st_mtime, tz=timezone.utc)
        return mtime.replace(microsecond=0)

    @property
    def dated_by_mtime(self) -> bool:
        """True when :attr:`datestamp` is the file's modification time: no
        ``revisionDesc//change/@when`` reads as a date."""
        return not any(parse_when(v) is not None for v in self._change_dates())

    def _change_dates(self) -> list[str]:
        # str(): an lxml "smart string" keeps its whole document alive
        return [str(w) for w in self.header_tree.xpath("//tei:revisionDesc//tei:change/@when",
                                                       namespaces=_NS)]

    @functools.cached_property
    def dc_xml(self) -> bytes:
        """The ``oai_dc:dc`` record (xslt/common/dublin-core.xsl, which reads the header)."""
        from teikit.publish import dc
        return dc.dublin_core_xml(self.header_tree, source=self.path)

    @functools.cached_property
    def types(self) -> list[str]:
        """The ``sourceDesc/bibl/@type`` values, sorted (the OAI sets ``type:...``)."""
        found = self.header_tree.xpath("tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl/@type",
                                       namespaces=_NS)
        return sorted({str(t) for t in found})

    @property
    def dublin_core(self) -> dict[str, list[dict[str, str]]]:
        return dublin_core(self.dc_xml)

    @functools.cached_property
    def title(self) -> str:
        """The Dublin Core title in the article's own language (TEI/@xml:lang), else the
        record's first: an article that prints its English title first keeps its Turkish
        one beside the other Turkish articles (front page, search, DTS, JSON index)."""
        titles = self.dublin_core.get("title") or [{"value": self.id}]
        language = self.header_tree.getroot().get(f"{{{XML_NS}}}lang")
        own = [t for t in titles if language and t.get("lang") == language]
        return (own or titles)[0]["value"]

    @functools.cached_property
    def citation_trees(self) -> list:
        """The DTS citation trees (:func:`teikit.publish.dts.read_citation_trees`)."""
        from teikit.publish.dts import read_citation_trees
        return read_citation_trees(self)

    @property
    def tei_bytes(self) -> bytes:
        """The article as it is served (OAI-PMH's ``tei`` records, the fingerprint)."""
        return etree.tostring(self.root, encoding="utf-8", xml_declaration=True)

    def summary(self) -> "Summary":
        """The publishing facts without the tree: the citation trees keep their shape only."""
        from teikit.publish.dts import CitationTree
        return Summary(self.id, self.path, self.title, self.datestamp, self.dc_xml, list(self.types),
                       [CitationTree(t.identifier, t.structure, []) for t in self.citation_trees])


#: datestamps are UTC, second precision
STAMP = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True)
class Summary:
    """What publishing needs of an article once its tree is dropped (``teikit build``'s
    edition-wide files: front page, JSON index, sitemap, OAI, DTS root). It answers like
    an :class:`Article` for those; the citation trees keep their shape, not their units."""

    id: str
    path: Path
    title: str
    datestamp: datetime
    dc_xml: bytes
    types: list[str]
    citation_trees: list

    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def dublin_core(self) -> dict[str, list[dict[str, str]]]:
        return dublin_core(self.dc_xml)

    def to_json(self) -> dict:
        """The summary as JSON data (the path is not kept: the reader knows it)."""
        return {"id": self.id, "title": self.title, "datestamp": self.datestamp.strftime(STAMP),
                "dc_xml": self.dc_xml.decode("utf-8"), "types": list(self.types),
                "citation_trees": [{"identifier": t.identifier, "structure": t.structure}
                                   for t in self.citation_trees]}

    @classmethod
    def from_json(cls, data: dict, path: Path) -> "Summary":
        """The summary of the article at *path* from :meth:`to_json`'s data; malformed data
        raises ``KeyError``, ``TypeError`` or ``ValueError``."""
        from teikit.publish.dts import CitationTree
        stamp = datetime.strptime(data["datestamp"], STAMP).replace(tzinfo=timezone.utc)
        trees = [CitationTree(t["identifier"], list(t["structure"]), []) for t in data["citation_trees"]]
        return cls(str(data["id"]), path, str(data["title"]), stamp, data["dc_xml"].encode("utf-8"),
                   [str(t) for t in data["types"]], trees)


def dublin_core(dc_xml: bytes) -> dict[str, list[dict[str, str]]]:
    """A Dublin Core record as ``{"title": [{"value", "lang"}], ...}``."""
    from teikit.publish import dc
    return dc.as_dict(etree.fromstring(dc_xml))


#: Saxon's heap is collected once this many bytes of documents have been dropped since the
#: last collection: the garbage it holds stays below a constant, as with a collection after
#: every article, without paying one per small article (a full collection costs about
#: 20 ms: 210 articles of 200 KB spent 4.3 s of a 30 s render in it). An article of 1 MiB
#: or more is still followed by a collection of its own: 4 MiB let render -j 2's peak grow
#: past tests/test_memory_bounds.py's bound (219 -> 293 MB for 2 MB articles, bound 290).
COLLECT_EVERY_BYTES = 2**20
_heap = saxon_heap.Budget(COLLECT_EVERY_BYTES)


@dataclass
class Edition:
    """The articles (handles, or :class:`Summary` records in a build's edition-wide step)
    and the register files they point into (parsed); *fingerprint* changes with the
    articles' content (OAI-PMH resumption tokens are bound to it)."""

    articles: list
    registers: dict[Path, list[Article]] = field(default_factory=dict)
    fingerprint: str = ""

    def registers_for(self, article: Article) -> list[Article]:
        """The register files next to *article* (``<its dir>/register/*.xml``)."""
        return self.registers.get(article.path.resolve().parent, [])

    @property
    def all_registers(self) -> list[Article]:
        """Every register file of the edition, once (folders may share an edition's)."""
        return list({id(doc): doc for docs in self.registers.values() for doc in docs}.values())

    def get(self, article_id: str):
        """The article whose id is *article_id*, or None."""
        return next((a for a in self.articles if a.id == article_id), None)


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


#: the edition's configuration file, which makes a directory without ``register/`` an
#: edition (the same file ``teikit render`` reads its ``[render]`` settings from)
EDITION_CONFIG = "teikit.toml"


def is_edition(directory: Path) -> bool:
    """Does *directory* hold an edition (``register/`` or an ``EDITION_CONFIG`` file)?
    (Here, not in :mod:`teikit.validate.edition`, which uses it too: importing that
    package costs every render process 60-80 ms.)"""
    return (directory / "register").is_dir() or (directory / EDITION_CONFIG).is_file()


def register_folder(directory: Path) -> Path:
    """Where the register files of the articles in *directory* are: ``register/`` of the
    nearest edition folder at or above it, an edition being what ``teikit validate``
    calls one (:func:`is_edition`: a folder holding ``register/`` or ``teikit.toml``);
    so an article in ``ed/vol2/`` uses ``ed/register/``. Outside any edition,
    ``register/`` beside the article (there is none)."""
    for folder in (directory, *directory.resolve().parents):
        if is_edition(folder):
            return folder / "register"
    return directory / "register"


def read_registers(directories: Iterable[Path]) -> dict[Path, list[Article]]:
    """The parsed register files (:func:`register_folder`) of each article directory;
    a register file shared by several directories is parsed once."""
    parsed: dict[Path, Article] = {}

    def article(path: Path) -> Article:
        key = path.resolve()
        if key not in parsed:
            parsed[key] = Article(path, parse(path))
        return parsed[key]
    return {directory: [article(p) for p in sorted(register_folder(directory).glob("*.xml"))]
            for directory in sorted(set(directories))}


def read_edition(paths: Sequence[str | os.PathLike], failures: list[InputError] | None = None,
                 check: Callable[[Article], None] | None = None, pool=None) -> Edition:
    """Phase *read*: a handle per article, and the register files next to them.

    An article that cannot be read (or that *check* refuses with :class:`InputError`)
    raises that error; given a *failures* list, the error is appended there instead, in
    the order of the files, and the article left out of the edition.

    Given a *pool* (a :class:`concurrent.futures.Executor` of processes, such as the render's
    workers, idle until the write phase), the articles are read from both ends: the pool's
    processes from the last file back, this one from the first on, until they meet
    (:func:`_read_from_both_ends`); the outcome is the same, in the same order.
    """
    found = find_articles(paths)
    articles = []
    for path, outcome in zip(found, _read_from_both_ends(found, pool) if pool else map(read_info, found)):
        try:
            if isinstance(outcome, InputError):
                raise outcome
            article = Article(path, info=outcome)
            if check is not None:
                check(article)
            articles.append(article)
        except InputError as exc:
            if failures is None:
                raise
            failures.append(exc)
    return Edition(articles, read_registers(a.path.resolve().parent for a in articles))


def read_info(path: Path) -> DocumentInfo | InputError:
    """What the read phase keeps of the article at *path*: its :class:`DocumentInfo`, or
    the error that it cannot be read (returned, so that a process pool hands it back)."""
    try:
        return DocumentInfo.of(parse(path, lenient_ids=True))
    except InputError as exc:
        return exc


def _read_from_both_ends(paths: list[Path], pool) -> Iterator[DocumentInfo | InputError]:
    """:func:`read_info` of each of *paths*, in order: *pool* takes them from the last one
    back, two at a time, this process from the first on, until they meet. Nothing is handed
    to the pool that this process might want first, so nothing is taken back (a cancelled
    task left in a pool that is then stopped upsets Python 3.11's executor)."""
    from concurrent.futures.process import BrokenProcessPool

    done: dict[int, DocumentInfo | InputError] = {}
    given: dict[int, object] = {}
    back = len(paths)
    try:
        for front, path in enumerate(paths):
            while len(given) < 2 and back - 1 > front:
                back -= 1
                given[back] = pool.submit(read_info, paths[back])
            if front in given:
                done[front] = given.pop(front).result()
            yield done.pop(front) if front in done else read_info(path)
            for index in [i for i, future in given.items() if future.done()]:
                done[index] = given.pop(index).result()
    except BrokenProcessPool:          # a worker was killed (out of memory...)
        raise WorkerError() from None


def unique_ids(articles: Iterable) -> None:
    """Refuse an article whose xml:id another article of the edition already has."""
    seen: dict[str, Path] = {}
    for article in articles:
        if article.id in seen:
            raise InputError(f"xml:id {article.id!r} is also the id of {seen[article.id]}",
                             str(article.path))
        seen[article.id] = article.path


def published(articles: list, digests: dict[Path, str]) -> Edition:
    """The edition as publishing serves it: *articles* in id order, the fingerprint made
    of their ids and *digests* (each article's SHA-256, by path)."""
    ordered = sorted(articles, key=lambda a: a.id)
    fingerprint = hashlib.sha256()
    for article in ordered:
        fingerprint.update(article.id.encode() + b"\0" + digests[article.path].encode())
    return Edition(ordered, fingerprint=fingerprint.hexdigest()[:16])


def load(paths: Sequence[str | os.PathLike]) -> Edition:
    """The edition ``teikit serve`` answers from: every article found below *paths*
    (:func:`find_articles`) parsed and held, TEI (:func:`check_tei`), ids unique."""
    articles = [Article.held(path) for path in find_articles(paths)]
    for article in articles:
        check_tei(article)
    unique_ids(articles)
    return published(articles, {a.path: hashlib.sha256(a.tei_bytes).hexdigest() for a in articles})


def check_tei(document: Article) -> None:
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


_WHEN = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T(\d{2}):(\d{2})(?::(\d{2}))?"
                   r"(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$")


def parse_when(value: str) -> datetime | None:
    """An ISO 8601 date or dateTime (``1921``, ``1921-03``, ``2026-11-21T10:00:00+03:00``) in UTC."""
    match = _WHEN.match(value.strip())
    if not match:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        stamp = datetime(int(year), int(month or 1), int(day or 1), int(hour or 0),
                         int(minute or 0), int(second or 0), tzinfo=timezone.utc)
    except ValueError:
        return None
    if zone and zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        offset = sign * (int(zone[1:3]) * 60 + int(zone[4:6]))
        stamp = stamp.replace(tzinfo=None)
        stamp = (stamp - timedelta(minutes=offset)).replace(tzinfo=timezone.utc)
    return stamp
