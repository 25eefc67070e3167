"""The edition index the Schematron rules need to look beyond one document.

An edition is a directory that holds ``register/`` (``tei/`` in the project) or the
edition's configuration ``teikit.toml`` (an edition without registers): the articles in
it and the registers in ``register/``. A document outside any edition is
an edition of its own, that one file: it is never compared with the other files of
its directory (``macbeth.xml`` beside ``the-comedy-of-errors.xml`` shares no ids with
it). Every file of the edition is read once, one at a
time, with the safe parser (no DTD, no entities, no network), and what the rules of
schemas/teikit.sch need is handed to them as one XML document: Saxon itself never
opens a file. A validation run parses its files anyway: it hands the index each file's
:func:`facts` from that parse (core.py's two passes), and only the files it did not
parse are read here.

The index is PRUNED to what those rules can ask of it, so that it does not grow with
the edition (each validation worker holds it parsed and key-indexed by Saxon, about
1 KB an entry):

- ``<file uri=…/>`` for every file (``broken``/``skipped`` when it could not be read):
  "is this a file of the edition";
- ``<id name=…>`` (the element that carries it) only for an id that occurs in more
  than one file (every occurrence: "ids unique across the edition"), that some
  pointer written as ``file#id`` (not ``#id``) resolves to ("does the entry exist, and
  is it a person"), or that belongs to a register file (registers are bounded by the
  register, not by the number of articles, and drafts point into them);
- ``<ptr>`` once for each distinct target, edition-wide, of a pointer that leaves its
  own file, plus the targets of a file's pointers into its own register-like entries
  (person, place, org, event): "is this register entry referred to from anywhere".
  A ptr sits under the file it points into (under the first file when that is not a
  file of the edition); the rules look it up by its text only.

Pointers written ``#id`` are checked inside their own document (key ``tk-id``), so
they do not keep an id. Drafts (documents validated from a subdirectory that is not
part of the edition, see :func:`edition_files`) are not in the index, but their
pointers must still resolve: the caller names them (``drafts``), their pointers are
added to the set of targets whose ids are kept (never to the ``<ptr>`` list: a draft
does not make a register entry "used"), and their size and modification time are part
of the index's cache signature.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin

from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from teikit.errors import InputError
from teikit.xmlio import safe_parser, stream

POINTER_ATTRIBUTES = ("ref", "target", "corresp", "who")
#: larger files are left out of the index (they are not schema-validated either)
MAX_INDEXED_BYTES = 512 * 1024 * 1024
#: larger files are read for the index element by element, not as a tree (a tree takes
#: about 7 times its file's size; streaming is about twice as slow)
STREAM_BYTES = 16 * 1024 * 1024
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
#: the elements of register entries (schemas/teikit.sch, register-entries-used)
_ENTRY_NAMES = frozenset({"person", "place", "org", "event"})
#: an id occurrence is one int: file number << _NAME_BITS | element-name number
_NAME_BITS = 20
_NAME_MASK = (1 << _NAME_BITS) - 1


#: the edition's configuration file, which makes a directory without ``register/`` an
#: edition (the same file ``teikit render`` reads its ``[render]`` settings from)
EDITION_CONFIG = "teikit.toml"


def is_edition(directory: Path) -> bool:
    """Does *directory* hold an edition (``register/`` or an ``EDITION_CONFIG`` file)?"""
    return (directory / "register").is_dir() or (directory / EDITION_CONFIG).is_file()


def edition_root(doc_path: Path) -> Path:
    """The nearest edition directory at or above *doc_path*; the document itself (a
    one-file edition) when there is none."""
    start = doc_path.resolve().parent
    for directory in (start, *start.parents):
        if is_edition(directory):
            return directory
    return doc_path.resolve()


def edition_files(root: Path) -> list[Path]:
    """The files of the edition rooted at *root*: its articles (``*.xml``) and its
    registers (``register/*.xml``), as docs/encoding.md lays them out. Files in other
    subdirectories (drafts, work files) are not part of the edition. A one-file edition
    (*root* is a file) is that file."""
    if not root.is_dir():
        return [root]
    files = [*root.glob("*.xml"), *(root / "register").glob("*.xml")]
    return sorted(p for p in files if p.is_file())


def is_draft(path: Path, root: Path) -> bool:
    """Is *path* validated against the edition at *root* without being one of its files
    (a draft in a subdirectory, see :func:`edition_files`)?"""
    path = path.resolve()
    if path == root:
        return False
    return path.suffix != ".xml" or path.parent not in (root, root / "register")


def drafts_by_root(paths: Iterable[Path]) -> dict[Path, list[Path]]:
    """The edition root of each of *paths*, with those of them that are drafts there."""
    found: dict[Path, list[Path]] = {}
    for path in paths:
        root = edition_root(path)
        found.setdefault(root, [])
        if is_draft(path, root):
            found[root].append(path.resolve())
    return found


class _Collector:
    """What one streaming pass over the edition gathers, kept compact: an id maps to one
    int per occurrence (file number and element-name number), targets are plain strings."""

    def __init__(self) -> None:
        self.files: list[tuple[str, str, bool]] = []  # (uri, flag attribute or "", register?)
        self.names: list[str] = []
        self._name_numbers: dict[str, int] = {}
        self.ids: dict[str, int | list[int]] = {}
        self.targets: set[str] = set()  # file#id of pointers that go through the index
        self.ptrs: set[str] = set()  # what makes a register entry "used"

    def add_file(self, path: Path, register: bool, known: Mapping | None = None) -> None:
        """Fold one edition file's ids and pointers in: its :func:`facts` from *known*
        (by resolved path) when the caller has them, else read from the file."""
        uri = path.resolve().as_uri()
        found, flag = _known_or_read(path, uri, known)
        self.files.append((uri, flag, register))
        if found is None:
            return
        ids, ptrs, targets = found
        number = len(self.files) - 1
        for key, name in ids:
            self._add_id(key, number << _NAME_BITS | self._name_number(name))
        self.ptrs.update(ptrs)
        self.targets.update(targets)

    def add_draft(self, path: Path, known: Mapping | None = None) -> None:
        """Keep what a draft's pointers point at (it is not itself in the index)."""
        found, _ = _known_or_read(path, path.resolve().as_uri(), known)
        if found is not None:
            self.targets.update(found[2])

    def _name_number(self, name: str) -> int:
        number = self._name_numbers.get(name)
        if number is None:
            number = self._name_numbers[name] = len(self.names)
            self.names.append(sys.intern(name))
        return number

    def _add_id(self, key: str, code: int) -> None:
        known = self.ids.get(key)
        if known is None:
            self.ids[key] = code
        elif isinstance(known, list):
            known.append(code)
        else:
            self.ids[key] = [known, code]

    def kept_ids(self) -> dict[int, list[str]]:
        """Per file number, the <id> entries the rules can ask for (module docstring)."""
        kept: dict[int, list[str]] = {}
        for key, codes in self.ids.items():
            many = isinstance(codes, list) and len({c >> _NAME_BITS for c in codes}) > 1
            for code in codes if isinstance(codes, list) else (codes,):
                uri, _, register = self.files[code >> _NAME_BITS]
                if many or register or f"{uri}#{key}" in self.targets:
                    name = self.names[code & _NAME_MASK]
                    kept.setdefault(code >> _NAME_BITS, []).append(
                        f"<id name={quoteattr(name)}>{escape(key)}</id>")
        return kept

    def ptrs_by_file(self) -> dict[int, list[str]]:
        """Per file number, the <ptr> entries into that file (the rest under file 0)."""
        numbers = {uri: n for n, (uri, _, _) in enumerate(self.files)}
        grouped: dict[int, list[str]] = {}
        for pointer in sorted(self.ptrs):
            number = numbers.get(pointer.partition("#")[0], 0)
            grouped.setdefault(number, []).append(f"<ptr>{escape(pointer)}</ptr>")
        return grouped


Facts = tuple[list[tuple[str, str]], list[str], list[str]]


def facts(tree: etree._ElementTree, uri: str) -> Facts:
    """What the index needs of one parsed file, the file at *uri*: see :func:`_folded`.
    One walk over the elements (two XPath queries took twice as long)."""
    ids, pointers = [], {}
    for element in tree.iter(etree.Element):
        key = element.get(_XML_ID)
        if key is not None:
            ids.append((key, etree.QName(element).localname))
        for name in POINTER_ATTRIBUTES:
            value = element.get(name)
            if value is not None:
                pointers[value] = None
    return _folded(ids, pointers, uri)


def _folded(ids: list[tuple[str, str]], values: Iterable[str], uri: str) -> Facts:
    """(the file's (xml:id, element local name) pairs in document order; the pointers
    that make a register entry "used": those that leave the file, and those into its own
    register-like entries; the pointers that go through the index: those that leave the
    file, and those written file#id into it), from its ids and its pointer attribute
    *values* (in no namespace). Worked out where the file was parsed (a validation
    worker), so that the index only merges sets."""
    entries = {key for key, name in ids if name in _ENTRY_NAMES}
    ptrs, targets = set(), set()
    for token, pointer in _pointers(values, uri):
        if pointer.partition("#")[0] != uri:
            ptrs.add(pointer)
            targets.add(pointer)
        else:
            if pointer.partition("#")[2] in entries:
                ptrs.add(pointer)
            if not token.startswith("#"):  # self.xml#id is looked up in the index
                targets.add(pointer)
    return ids, list(ptrs), list(targets)


def _known_or_read(path: Path, uri: str, known: Mapping | None):
    """:func:`_read`'s answer for *path* (at *uri*), from *known* (the :func:`facts` of
    files the caller parsed already, by resolved path) when it is there."""
    if known:
        found = known.get(path.resolve())
        if found is not None:
            return found, ""
    return _read(path, uri)


#: a file below this size is parsed by teikit.xmlio.parse exactly as :func:`_read`
#: parses it (no text node can reach libxml2's 10 MB limit, above which parse retries
#: with huge_tree): a validation that parsed it can hand its :func:`facts` to the index
FACTS_BELOW_BYTES = 10_000_000


def _read(path: Path, uri: str):
    """(the :func:`facts` of the file at *path* and *uri*, "") or (None, flag attribute)
    when it is too large or unreadable. A file over STREAM_BYTES is streamed: the index
    of an edition with one huge article does not hold a second tree of it beside the one
    being validated."""
    try:
        size = path.stat().st_size
        if size > MAX_INDEXED_BYTES:
            return None, ' skipped="too large"'
        if size > STREAM_BYTES:
            return _folded(*_streamed(path), uri), ""
        tree = etree.parse(str(path), safe_parser(source=path))
    except (OSError, etree.XMLSyntaxError, InputError):
        return None, ' broken="true"'  # the file's own validation says why
    return facts(tree, uri), ""


def _streamed(path: Path) -> tuple[list, list]:
    """What :func:`_read` gathers, read element by element (memory stays flat)."""
    ids, pointers = [], []
    for element in stream(path, None, at_start=True):
        key = element.get(_XML_ID)
        if key is not None:
            ids.append((key, etree.QName(element).localname))
        pointers.extend(value for value in map(element.get, POINTER_ATTRIBUTES)
                        if value is not None)
    return ids, pointers


def _pointers(values: Iterable[str], uri: str):
    """(token, resolved absolute pointer) for each distinct in-edition pointer token of
    the pointer attribute *values* of the file at *uri*."""
    resolved: dict[str, str] = {"": uri}  # file part of a pointer -> absolute file URI
    seen: set[str] = set()
    for value in dict.fromkeys(values):  # a file repeats its pointers: split each once
        for token in str(value).split():
            if token in seen:
                continue
            seen.add(token)
            if token.startswith("#") or token.startswith("file:") or not _SCHEME.match(token):
                file_part, hash_mark, fragment = token.partition("#")
                base = resolved.get(file_part)
                if base is None:
                    base = resolved[file_part] = urljoin(uri, file_part)
                yield token, base + hash_mark + fragment


def _build_index(root: Path, drafts: Iterable[Path] = (), known: Mapping | None = None) -> str:
    """The pruned index of the edition at *root* as XML text (see the module docstring);
    *known*: the :func:`facts` of files already parsed, by resolved path (not read again)."""
    collector = _Collector()
    for path in edition_files(root):
        collector.add_file(path, register=path.parent == root / "register", known=known)
    for path in drafts:
        collector.add_draft(path, known)
    ids, ptrs = collector.kept_ids(), collector.ptrs_by_file()
    parts = [f"<edition root={quoteattr(root.as_uri())}>"]
    for number, (uri, flag, _) in enumerate(collector.files):
        entries = ids.get(number, []) + ptrs.get(number, [])
        if flag or not entries:
            parts.append(f"<file uri={quoteattr(uri)}{flag}/>")
        else:
            parts.extend([f"<file uri={quoteattr(uri)}>", *entries, "</file>"])
    parts.append("</edition>")
    return "".join(parts)


_cache: dict[Path, tuple[tuple, str]] = {}


def _signature(root: Path, drafts: Iterable[Path] = ()) -> tuple:
    """What the index depends on: the path, size and modification time of every file of
    the edition and of every draft whose pointers it keeps."""
    signature = []
    for group in (edition_files(root), sorted(drafts)):
        for path in group:
            try:
                stat = path.stat()
            except OSError:
                continue  # a draft that is gone
            signature.append((str(path), stat.st_size, stat.st_mtime_ns))
        signature.append(None)  # where the edition's files end
    return tuple(signature)


def _drafts_of(signature: tuple) -> set[Path]:
    """The drafts a signature was made for."""
    return {Path(entry[0]) for entry in signature[signature.index(None) + 1:] if entry}


#: inside :func:`one_run`: the roots whose cached index was built or found fresh in this
#: run (None outside a run: every lookup takes the signature again)
_fresh: list[set[Path] | None] = [None]


@contextmanager
def one_run():
    """The extent of one validation run: its edition files are taken as unchanged while it
    lasts, so an index is checked against its files (a ``stat`` of each) once per run,
    not once per document (which made a run of N files take N² ``stat`` calls)."""
    _fresh[0] = set()
    try:
        yield
    finally:
        _fresh[0] = None


def seed_index(indexes: dict[Path, tuple[tuple, str]]) -> None:
    """Use indexes built elsewhere (by the parent of a worker process, in the same run:
    the worker lives for that run only, so the run's extent is the worker's)."""
    _cache.update(indexes)
    if _fresh[0] is None:
        _fresh[0] = set()
    _fresh[0].update(indexes)


def cached_index(root: Path, drafts: Iterable[Path] = (),
                 known: Mapping | None = None) -> tuple[tuple, str]:
    """(signature, index) of the edition at *root* that also keeps what *drafts* point at,
    rebuilt when any of its files changed. An index built for more drafts is reused.
    *known*: the :func:`facts` of files the caller parsed already, by resolved path."""
    cached = _cache.get(root)
    wanted = {Path(d).resolve() for d in drafts}
    fresh = _fresh[0]
    if cached is not None:
        covered = _drafts_of(cached[0])
        if fresh is not None and root in fresh and wanted <= covered:
            return cached
        wanted |= covered
    signature = _signature(root, wanted)
    if cached is None or cached[0] != signature:
        cached = _cache[root] = (signature, _build_index(root, sorted(wanted), known))
    if fresh is not None:
        fresh.add(root)
    return cached


def edition_index(root: Path, drafts: Iterable[Path] = ()) -> str:
    """The index of the edition at *root* (see the module docstring), built once per change."""
    return cached_index(root, drafts)[1]
