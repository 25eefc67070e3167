"""Safe XML reading and atomic writing: the only place teikit touches files as XML.

Every parser here refuses what a hostile file could use against us: no DTD is
loaded, no external entity is resolved, no network is reached, entity
declarations are refused (billion laughs, quadratic blow-up, XXE), files above
:data:`MAX_DOCUMENT_BYTES` are refused before they are read, and XInclude is
expanded only by :func:`expand_xincludes`, inside a root directory.
Encoding problems are reported with the line and column of the first bad byte.

Writes go to a temporary file in the target directory and are renamed into
place (:func:`atomic_write`, :func:`atomic_output`), so a reader never sees a
half-written output, whatever happens (disk full, read-only directory, Ctrl-C).
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import itertools
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

from teikit.errors import InputError, OutputError

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XI_NS = "http://www.w3.org/2001/XInclude"
NS = {"tei": TEI_NS, "xml": XML_NS, "xi": XI_NS}

#: largest document teikit reads (bytes); override with TEIKIT_MAX_DOCUMENT_BYTES
MAX_DOCUMENT_BYTES = int(os.environ.get("TEIKIT_MAX_DOCUMENT_BYTES", 256 * 1024 * 1024))
#: how deep XIncludes may nest
MAX_XINCLUDE_DEPTH = 16
#: root elements a TEI document may have
TEI_ROOTS = ("TEI", "teiCorpus")

_BOMB_MESSAGES = ("amplification", "entity reference loop", "entity loop")
_POSITION_SUFFIX = re.compile(r",? line \d+, column \d+\s*$")
#: libxml2 error codes that are about the file's encoding (a tag named encodingDesc is not)
_ENCODING_ERRORS = frozenset(getattr(etree.ErrorTypes, name) for name in (
    "ERR_ENCODING_NAME", "ERR_INVALID_ENCODING", "ERR_UNKNOWN_ENCODING",
    "ERR_UNSUPPORTED_ENCODING", "IO_ENCODER", "WAR_ENCODING_MISMATCH"))
_LIMIT_MESSAGES = ("Resource limit exceeded", "huge text node", "Text node too long",
                   "XML_PARSE_HUGE")


#: options a caller may not turn back on: each would let a file fetch or expand
_UNSAFE = {"resolve_entities": True, "no_network": False, "load_dtd": True,
           "dtd_validation": True, "attribute_defaults": True, "xinclude": True}


class _RefuseExternal(etree.Resolver):
    """Answer every external load (DTD, entity) with nothing; only *allowed* is read.

    libxml2 can still reach for an external DTD with some option sets (lxml's
    ``collect_ids=False`` makes it load ``<!DOCTYPE x SYSTEM "file:///etc/passwd">``),
    so the load itself is cut off here, whatever the options.
    """

    def __init__(self, allowed: str | None = None) -> None:
        super().__init__()
        self.allowed = _local_path(allowed) if allowed else None

    def resolve(self, url, pubid, context):
        if self.allowed is not None and _local_path(url) == self.allowed:
            return None  # the document being parsed: libxml2 reads it as usual
        return self.resolve_string("", context)


def _local_path(url: str) -> str:
    parsed = urlparse(url)
    path = unquote(parsed.path) if parsed.scheme == "file" else url
    return os.path.abspath(path)


def safe_parser(*, source: str | os.PathLike | None = None, **overrides) -> etree.XMLParser:
    """Return an lxml parser that cannot be made to fetch, expand or explode.

    *source* is the file this parser will read (the only load it lets through).
    """
    for name, unsafe in _UNSAFE.items():
        if overrides.get(name, not unsafe) == unsafe:
            raise ValueError(f"safe_parser: {name}={unsafe} would make parsing unsafe")
    options = dict(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )
    options.update(overrides)
    parser = etree.XMLParser(**options)
    parser.resolvers.add(_RefuseExternal(os.fspath(source) if source is not None else None))
    return parser


# --------------------------------------------------------------------------- reading

def parse(source: str | os.PathLike | bytes, *, name: str | None = None,
          lenient_ids: bool = False) -> etree._ElementTree:
    """Parse a file (or bytes) safely; raise :class:`InputError` with file:line:column.

    A text node above libxml2's 10 MB limit is accepted (a long paragraph is
    legitimate) once the prolog is known to declare no entity. With *lenient_ids*
    an xml:id that is not an NCName (``xml:id="xi:include_1"``, well-formed XML
    that libxml2 rejects) is accepted: renderers read such files, validators do not.
    """
    ids = {"collect_ids": False} if lenient_ids else {}
    path = name or (str(source) if not isinstance(source, bytes) else "<bytes>")
    _check_size(source, path)
    try:
        tree = _parse_with(source, _parser_for(source, **ids))
    except etree.XMLSyntaxError as exc:
        if not _hit_size_limit(exc):
            raise _syntax_error(exc, path) from None
        _refuse_entities_in_prolog(source, path)
        try:
            tree = _parse_with(source, _parser_for(source, huge_tree=True, **ids))
        except etree.XMLSyntaxError as exc2:
            raise _syntax_error(exc2, path) from None
        except OSError as exc2:
            raise _read_error(exc2, source, path) from None
    except OSError as exc:
        raise _read_error(exc, source, path) from None
    _refuse_entities(tree, path)
    return tree


#: an XML declaration that leaves the text as it is: version 1.0, UTF-8 (or no encoding)
_PLAIN_DECLARATION = re.compile(rb"""<\?xml\s+version\s*=\s*(["'])1\.0\1"""
                                rb"""(\s+encoding\s*=\s*(["'])(?i:utf-?8)\3)?"""
                                rb"""(\s+standalone\s*=\s*(["'])(yes|no)\5)?\s*\?>""")


def plain_text(path: str | os.PathLike) -> str | None:
    """The root element of the file as written (its text from the start tag to the end
    tag) when the file is exactly the document a parser builds without a DTD (UTF-8, an
    XML 1.0 declaration or none, no DOCTYPE: nothing to fetch, expand or default), so
    another parser (Saxon's) may read it as it is; else None, and the caller uses
    :func:`parse`, which says what is wrong with the file. The comments and processing
    instructions around the root are left out, as :meth:`teikit.saxon.Runtime.document`
    leaves them out of an lxml tree: the two give Saxon the same nodes. An unreadable
    file, one above :data:`MAX_DOCUMENT_BYTES`, one that is not UTF-8 is None too; the
    text is not checked for well-formedness: whoever parses it does that."""
    try:
        if os.stat(path).st_size > MAX_DOCUMENT_BYTES:
            return None
        data = Path(path).read_bytes()
    except OSError:
        return None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    if data.startswith(b"<?xml") and not _PLAIN_DECLARATION.match(data):
        return None
    if b"<!DOCTYPE" in data:      # anywhere (even in a comment): parse() decides
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return _root_text(text)


def _root_text(text: str) -> str | None:
    """*text* without the comments, processing instructions and whitespace before and
    after its root element; None when it does not start with one."""
    start = 0
    while True:
        start = _skip_space(text, start, 1)
        closing = "?>" if text.startswith("<?", start) else "-->" if text.startswith("<!--", start) else ""
        if not closing:
            break
        found = text.find(closing, start)
        if found < 0:
            return None
        start = found + len(closing)
    if not text.startswith("<", start) or text[start + 1:start + 2] in ("", "!", "?", "/"):
        return None
    end = _skip_space(text, len(text), -1)
    while text.endswith(("?>", "-->"), start, end):
        found = text.rfind("<?" if text.endswith("?>", start, end) else "<!--", start, end)
        if found <= start:
            return None
        end = _skip_space(text, found, -1)
    return text[start:end]


def _skip_space(text: str, at: int, step: int) -> int:
    """The first position from *at* (forwards, *step* 1) or the last end before it
    (backwards, -1) that is not XML whitespace."""
    if step > 0:
        while at < len(text) and text[at] in " \t\r\n":
            at += 1
    else:
        while at > 0 and text[at - 1] in " \t\r\n":
            at -= 1
    return at


def _parser_for(source, **options) -> etree.XMLParser:
    return safe_parser(source=None if isinstance(source, bytes) else source, **options)


def _parse_with(source, parser: etree.XMLParser) -> etree._ElementTree:
    if isinstance(source, bytes):
        return etree.ElementTree(etree.fromstring(source, parser))
    return etree.parse(os.fspath(source), parser)


def _check_size(source, path: str) -> None:
    """Refuse a document larger than :data:`MAX_DOCUMENT_BYTES` before reading it."""
    try:
        size = len(source) if isinstance(source, bytes) else os.stat(source).st_size
    except OSError:
        return  # parse() reports the unreadable file with its own message
    if size > MAX_DOCUMENT_BYTES:
        raise InputError(f"the document is {size:,} bytes, above teikit's limit of "
                         f"{MAX_DOCUMENT_BYTES:,} (set TEIKIT_MAX_DOCUMENT_BYTES to raise it)", path)


def _hit_size_limit(exc: etree.XMLSyntaxError) -> bool:
    return any(m in str(exc) for m in _LIMIT_MESSAGES)


def _syntax_error(exc: etree.XMLSyntaxError, path: str) -> InputError:
    """Turn libxml2's error into an InputError; libxml2 columns are already 1-based."""
    line, column = exc.position if exc.position else (exc.lineno, None)
    message = _POSITION_SUFFIX.sub("", exc.msg or str(exc)).strip()
    if any(m in message for m in _BOMB_MESSAGES):
        message = ("refused: entity expansion bomb (entities that expand to far more text "
                   "than the file holds); teikit does not expand entities")
    elif "Char 0x0 " in message:
        message = ("NUL bytes: the file looks like UTF-16 without a byte-order mark; "
                   f"{_ENCODING_HINT}")
    elif exc.code in _ENCODING_ERRORS:
        message = f"{message}; {_ENCODING_HINT}"
    else:
        message = f"not well-formed XML: {message}"
    return InputError(message, path, line, column)


def _read_error(exc: OSError, source, path: str) -> InputError:
    """An OSError from libxml2 is either an unreadable file or undecodable bytes."""
    if not isinstance(source, bytes) and os.path.isfile(source) and os.access(source, os.R_OK):
        located = locate_encoding_error(Path(source).read_bytes(), path)
        if located is not None:
            return located
    reason = exc.strerror or str(exc)
    if not isinstance(source, bytes) and not os.path.exists(source):
        reason = "no such file"
    return InputError(f"cannot read file: {reason}", path)


def _refuse_entities(tree: etree._ElementTree, path: str) -> None:
    """Reject documents whose internal DTD declares entities (bomb or XXE bait)."""
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError("the document declares entities in its DTD; teikit does not "
                         "expand entities (remove the DOCTYPE declaration)", path, 1, 1)


def _refuse_entities_in_prolog(source, path: str) -> None:
    """Read only up to the root element's start tag and refuse declared entities."""
    stream = source if not isinstance(source, bytes) else _BytesReader(source)
    try:
        for _event, element in etree.iterparse(stream, events=("start",), resolve_entities=False,
                                               no_network=True, load_dtd=False, huge_tree=False):
            _refuse_entities(element.getroottree(), path)
            return
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, path) from None


class _BytesReader:
    """A minimal file-like wrapper so iterparse can read bytes."""

    def __init__(self, data: bytes) -> None:
        self._data, self._pos = data, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self._data) if size < 0 else self._pos + size
        chunk, self._pos = self._data[self._pos:end], min(end, len(self._data))
        return chunk


# --------------------------------------------------------------------------- encodings

_ENCODING_HINT = ("save the file as UTF-8, or declare its real encoding, e.g. "
                  "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>")
_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))


def sniff_encoding(data: bytes) -> tuple[str, int]:
    """Return (encoding, BOM length) as an XML parser would decide them."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    match = _DECLARED.match(data[:512])
    return (match.group(1).decode("ascii").lower() if match else "utf-8"), 0


def locate_encoding_error(data: bytes, path: str) -> InputError | None:
    """Find the first byte that does not decode; None when the whole file decodes."""
    encoding, start = sniff_encoding(data)
    try:
        decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    except LookupError:
        return InputError(f"unknown encoding {encoding!r} declared", path, 1, 1)
    try:
        decoder.decode(data[start:], final=True)
    except UnicodeDecodeError as exc:
        before = data[start:start + exc.start].decode(encoding, errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        bad = data[start + exc.start:start + exc.start + 1].hex().upper()
        return InputError(f"byte 0x{bad} is not valid {encoding.upper()}; {_ENCODING_HINT}",
                          path, line, column)
    return None


# --------------------------------------------------------------------------- TEI checks

def require_tei(tree: etree._ElementTree | etree._Element, path: str) -> etree._Element:
    """Return the root if it is a TEI ``<TEI>``/``<teiCorpus>``; else a clear InputError."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    qname = etree.QName(root)
    line = root.sourceline
    if qname.localname in TEI_ROOTS and qname.namespace != TEI_NS:
        where = f"namespace {qname.namespace!r}" if qname.namespace else "no namespace"
        raise InputError(f"<{qname.localname}> is in {where}, not the TEI namespace; add "
                         f'xmlns="{TEI_NS}" to the root element', path, line, 1)
    if qname.localname not in TEI_ROOTS or qname.namespace != TEI_NS:
        shown = qname.localname if not qname.namespace else f"{{{qname.namespace}}}{qname.localname}"
        raise InputError(f"the root element is <{shown}>, not a TEI document "
                         "(expected <TEI> or <teiCorpus> in the TEI namespace)", path, line, 1)
    return root


def parse_tei(source: str | os.PathLike | bytes, *, name: str | None = None,
              xinclude_root: str | os.PathLike | None = None) -> etree._ElementTree:
    """:func:`parse` plus :func:`require_tei`; with *xinclude_root*, XIncludes are
    expanded from inside that directory only (see :func:`expand_xincludes`)."""
    path = name or (str(source) if not isinstance(source, bytes) else "<bytes>")
    tree = parse(source, name=name)
    require_tei(tree, path)
    if xinclude_root is not None and not isinstance(source, bytes):
        expand_xincludes(tree, xinclude_root, source)
    return tree


def stream(path: str | os.PathLike, tag: str | tuple[str, ...] | None,
           at_start: bool = False) -> Iterator[etree._Element]:
    """Yield each *tag* element of a file (every element: None), then free it: memory
    stays flat for any size.

    The yielded element is cleared once the caller moves on; copy what you keep. With
    *at_start* each element is yielded when its start tag is read (document order; its
    attributes are there, its content not yet) and freed at its end tag.
    """
    name = os.fspath(path)
    _check_size(path, name)
    events = ("start", "end") if at_start else ("end",)
    context = etree.iterparse(name, events=events, tag=tag, resolve_entities=False,
                              no_network=True, load_dtd=False, huge_tree=True)
    checked = False
    try:
        for event, element in context:
            if not checked:  # the DTD is read before the first element
                _refuse_entities(element.getroottree(), name)
                checked = True
            if event == "start" or not at_start:
                yield element
            if event == "end":
                element.clear(keep_tail=False)
                parent = element.getparent()  # None for the root (its siblings: the prolog)
                while parent is not None and element.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, name) from None
    except OSError as exc:
        raise _read_error(exc, path, name) from None


# --------------------------------------------------------------------------- XInclude

@dataclass
class IncludeEvent:
    """What became of one top-level ``xi:include`` (see :func:`expand_xincludes`).

    *outcome* is ``"included"`` (its target replaced it), ``"fallback"`` (its target
    was not read and its ``xi:fallback`` replaced it) or ``"failed"`` (no fallback:
    the include was removed). *inserted* holds the elements that replaced it.
    """

    include: etree._Element
    href: str
    outcome: str
    reason: str = ""
    inserted: list = field(default_factory=list)


class _Unavailable(InputError):
    """An include whose target is not read (refused or missing): its fallback may stand in."""


def expand_xincludes(tree: etree._ElementTree, root_dir: str | os.PathLike,
                     path: str | os.PathLike, _depth: int = 0,
                     _seen: tuple[str, ...] = (), *,
                     on_include: Callable[[IncludeEvent], None] | None = None
                     ) -> etree._ElementTree:
    """Replace each ``xi:include`` by what it points at, refusing anything outside *root_dir*.

    Only local files are followed (no scheme but ``file:``); ``parse="text"`` and
    ``parse="xml"`` are supported, ``xpointer`` is not; cycles and nesting deeper
    than :data:`MAX_XINCLUDE_DEPTH` are refused. A target that is refused or missing
    is never read: the include's ``xi:fallback`` content replaces it, as XInclude
    says; without a fallback that is an :class:`InputError` - or, when *on_include*
    is given, the include is removed and reported as ``"failed"``. *on_include* is
    told what became of every include of this document (not of nested ones).
    """
    base = Path(path).resolve()
    for include in list(tree.getroot().iter(f"{{{XI_NS}}}include")):
        event = _expand_one(include, base, Path(root_dir).resolve(), str(path), _depth,
                            _seen + (str(base),))
        if event.outcome == "failed" and on_include is None:
            raise InputError(event.reason, str(path), include.sourceline, 1)
        if on_include is not None:
            on_include(event)
        _replace(include, event.inserted)
    return tree


def _expand_one(include, base: Path, root: Path, path: str, depth: int,
                seen: tuple[str, ...]) -> IncludeEvent:
    """Load one include's target, or its fallback when the target is not read."""
    href = include.get("href", "")
    try:
        target = _include_target(include, base, root, path)
    except _Unavailable as exc:
        fallback = include.find(f"{{{XI_NS}}}fallback")
        if fallback is None:
            return IncludeEvent(include, href, "failed",
                                f"{exc.args[0]}, and the include has no xi:fallback")
        return IncludeEvent(include, href, "fallback", f"{exc.args[0]}; its xi:fallback is used",
                            _fallback_content(fallback))
    if str(target) in seen or depth >= MAX_XINCLUDE_DEPTH:
        raise InputError(f"XInclude of {href} loops or nests too deep",
                         path, include.sourceline, 1)
    loaded = _load_include(include, target, root, depth, seen)
    return IncludeEvent(include, href, "included", "", [loaded])


def _fallback_content(fallback: etree._Element) -> list:
    """The fallback's text and children, in order, as :func:`_replace` takes them."""
    content: list = [fallback.text] if fallback.text else []
    for child in fallback:
        tail, child.tail = child.tail, None
        content.append(child)
        if tail:
            content.append(tail)
    return content


def _include_target(include: etree._Element, base: Path, root: Path, path: str) -> Path:
    """The file an include reads; :class:`_Unavailable` when it must not or cannot be read."""
    href = include.get("href", "")
    where = (path, include.sourceline, 1)
    parsed = urlparse(href)
    if not href:
        raise InputError("XInclude without href is not supported", *where)
    if parsed.scheme not in ("", "file") or parsed.netloc not in ("", "localhost"):
        raise _Unavailable(f"XInclude of {href} refused: only files inside the edition "
                           "may be included", *where)
    target = (base.parent / unquote(parsed.path)).resolve()
    if not target.is_relative_to(root):
        raise _Unavailable(f"XInclude of {href} refused: it points outside the edition "
                           f"({root}) and is not read", *where)
    if not target.is_file():
        raise _Unavailable(f"XInclude of {href} failed: no such file", *where)
    if include.get("xpointer"):
        raise _Unavailable(f"XInclude of {href} failed: xpointer is not supported", *where)
    return target


def _load_include(include, target: Path, root_dir, depth: int, seen: tuple[str, ...]):
    """Return the included root element (parse="xml") or text (parse="text")."""
    if include.get("parse", "xml") == "text":
        data = _read_bytes(target)
        try:
            return data.decode(include.get("encoding", "utf-8"))
        except (UnicodeDecodeError, LookupError):
            raise locate_encoding_error(data, str(target)) or InputError(
                "cannot decode included text", str(target)) from None
    tree = parse(target)
    expand_xincludes(tree, root_dir, target, depth + 1, seen)
    return tree.getroot()


def _read_bytes(target: Path) -> bytes:
    _check_size(target, str(target))
    try:
        return target.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", str(target)) from None


def _replace(include: etree._Element, content: list) -> None:
    """Put *content* (strings and elements, in order) where *include* was."""
    parent = include.getparent()
    if parent is None:
        raise InputError("an XInclude cannot be the root element", None)
    previous, index = include.getprevious(), parent.index(include)
    tail = include.tail
    parent.remove(include)
    for item in [*content, tail]:
        if item is None or (isinstance(item, str) and not item):
            continue
        if isinstance(item, str):
            if previous is not None:
                previous.tail = (previous.tail or "") + item
            else:
                parent.text = (parent.text or "") + item
        else:
            item.tail = None
            parent.insert(index, item)
            previous, index = item, index + 1


# --------------------------------------------------------------------------- writing

def holds(path: str | os.PathLike, data: bytes) -> bool:
    """True when the file at *path* exists and holds exactly *data* (a build rewrites
    only what changed)."""
    return os.path.isfile(path) and Path(path).read_bytes() == data


def atomic_write(path: str | os.PathLike, data: bytes | str, *, force: bool = True) -> Path:
    """Write *data* to *path* through a temporary file and a rename.

    With ``force=False`` an existing file is left alone and :class:`OutputError` raised.
    A full disk, a read-only directory or an interrupt leaves no temporary file and
    the previous *path* (if any) untouched.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    with atomic_output(path, force=force) as tmp:
        with open(tmp, "wb") as handle:
            handle.write(data)
    return Path(path)


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike, *, force: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside *path*; rename it into place only on success.

    For tools that write files themselves (Saxon's ``transform_to_file``, a PDF
    engine): ``with atomic_output(out) as tmp: engine.write(tmp)``.
    """
    target = Path(path)
    tmp: Path | None = None
    try:
        with _interrupts_deferred():   # no Ctrl-C between mkstemp and this try
            tmp = _make_temp(target, force)
        yield tmp
        _fsync(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        _unlink_quietly(tmp)
        raise OutputError(f"cannot write {target}: {_reason(exc)}") from None
    except BaseException:
        _unlink_quietly(tmp)
        raise


class Batch:
    """Many atomic writes made durable together: as :func:`atomic_write`, with one sync
    of the file system for the whole batch instead of one ``fsync`` per file.

    :meth:`write` puts the data in a temporary file beside its target (the target is not
    touched); :meth:`commit` makes every temporary file durable at once (``syncfs``),
    then renames each onto its target and makes the renames durable. So a crash at any
    moment leaves each target either as it was or whole and new, never half-written, as
    :func:`atomic_write` does; what a crash may leave behind is a temporary file
    (``.<name>.<random>.part``). :meth:`discard` (or leaving the ``with`` block on an
    error) removes the temporary files and keeps the old targets.

    Writing a thousand small pages, the per-file ``fsync`` was most of the time spent
    writing them (2.9 s of 17.5 s in ``teikit render``; 32 s of a 63 s ``teikit build``).

    The files are written by the caller's thread. A writer thread of their own was tried
    (a build makes 9,500 small files) and was slower: each of its system calls gives up
    Python's lock, and a thread that computes holds it for up to the switch interval
    (5 ms) before the writer gets it back, so the writer wrote one file every few
    milliseconds and the build waited for it (measured: 2.2 s of CPU and 1 s of waiting
    for 8,300 files, against 0.2-0.8 s written in the build's own thread).
    """

    def __init__(self) -> None:
        self.pending: list[tuple[str | Path, str | Path]] = []     # (temporary file, target)
        self._folders: set[str] = set()                # made or found already
        self._count = itertools.count()
        self._pid = os.getpid()

    def write(self, path: str | os.PathLike, data: bytes | str) -> Path:
        """Stage *data* for *path*; return *path* (written at :meth:`commit`)."""
        target = path if isinstance(path, Path) else Path(path)
        self._write_now(target, data)
        return target

    def _write_now(self, target: Path, data: bytes | str) -> None:
        """Write *data* into a new temporary file for *target*, recorded as pending."""
        data = data.encode("utf-8") if isinstance(data, str) else data
        fd = self._temporary(target)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        except OSError as exc:
            raise OutputError(f"cannot write {target}: {_reason(exc)}") from None
        finally:
            os.close(fd)

    def _temporary(self, target: Path) -> int:
        """A new temporary file beside *target*, recorded as pending, open for writing:
        named as :func:`atomic_output` names its own, without a random draw per file. It
        is recorded before it is made, so an interrupt at any moment leaves nothing that
        :meth:`discard` does not remove (removing a name never made is no error)."""
        folder, name = os.path.split(os.fspath(target))
        folder = folder or "."
        try:
            if folder not in self._folders:
                os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
            while True:
                tmp = os.path.join(folder, f".{name}.{self._pid}-{next(self._count)}.part")
                self.pending.append((tmp, target))
                try:
                    return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                except FileExistsError:
                    self.pending.pop()
        except OSError as exc:
            raise OutputError(f"cannot write to {folder}: {_reason(exc)}") from None

    def adopt(self, tmp: str | os.PathLike, path: str | os.PathLike) -> None:
        """Take over *tmp*, a finished file on the same file system (staged for *path* by
        another batch in a worker process, or a tool's output): it is renamed onto
        *path* at this batch's :meth:`commit`. (Paths stay strings: a build adopts tens of
        thousands of static DTS files.)"""
        path = os.fspath(path)
        folder = os.path.dirname(path) or "."
        if folder not in self._folders:
            try:
                os.makedirs(folder, exist_ok=True)
            except OSError as exc:
                raise OutputError(f"cannot write to {folder}: {_reason(exc)}") from None
            self._folders.add(folder)
        self.pending.append((os.fspath(tmp), path))

    def handover(self) -> list[tuple[str, str]]:
        """The staged (temporary file, target) pairs, no longer this batch's to commit."""
        staged, self.pending = [(str(t), str(p)) for t, p in self.pending], []
        return staged

    def commit(self) -> None:
        """Make every staged file durable, then put each in place (see the class)."""
        if not self.pending:
            return
        folders = {os.path.dirname(tmp) for tmp, _ in self.pending}
        done, target = 0, self.pending[0][1]
        try:
            for one in {os.stat(folder).st_dev: folder for folder in folders}.values():
                _sync_to_disk(Path(one))        # once per file system
            for tmp, target in self.pending:
                os.chmod(tmp, 0o644)
                os.replace(tmp, target)
                done += 1
            _sync_to_disk(Path(os.path.dirname(target)))     # the renames too
        except OSError as exc:
            del self.pending[:done]
            self.discard()
            raise OutputError(f"cannot write {target}: {_reason(exc)}") from None
        self.pending = []

    def discard(self) -> None:
        """Remove the staged temporary files; their targets stay as they were."""
        for tmp, _ in self.pending:
            _unlink_quietly(tmp)
        self.pending = []

    def __enter__(self) -> "Batch":
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()


def _sync_to_disk(folder: Path) -> None:
    """Flush the file system holding *folder* to disk (``syncfs``; ``sync`` where the C
    library has no ``syncfs``): every file written on it so far is durable after this."""
    import ctypes
    syncfs = getattr(ctypes.CDLL(None, use_errno=True), "syncfs", None)
    if syncfs is None:
        os.sync()
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        if syncfs(fd) != 0:
            error = ctypes.get_errno()
            raise OSError(error, os.strerror(error))
    finally:
        os.close(fd)


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back during the block (POSIX): their Python handlers run
    after it, once the caller can clean up what the block created."""
    import signal
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def check_writable_directory(path: str | os.PathLike) -> None:
    """Raise :class:`OutputError` unless files can be written into the directory *path*
    (or, where it does not exist yet, created in its nearest existing parent). Nothing is
    left behind: for a command to find out before long work."""
    directory = Path(path)
    existing = directory
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    try:
        if not existing.is_dir():
            raise NotADirectoryError(errno.EEXIST, "not a directory", str(existing))
        fd, probe = tempfile.mkstemp(prefix=".teikit-probe.", dir=existing)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(f"cannot write to {directory}: {_reason(exc)}") from None


def _make_temp(target: Path, force: bool) -> Path:
    """Create the temporary file beside *target*; every refusal is an OutputError."""
    try:
        if target.is_dir():
            raise OutputError(f"cannot write {target}: it is a directory")
        if not force and target.exists():
            raise OutputError(f"{target} exists; use --force to overwrite it")
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write to {target.parent}: {_reason(exc)}") from None
    os.close(fd)
    return Path(tmp)


def _fsync(tmp: Path) -> None:
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _reason(exc: OSError) -> str:
    """A short human reason; name the disk-full cases plainly."""
    if exc.errno == errno.EEXIST:
        return "a file of that name is in the way (it is not a directory)"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return f"{exc.strerror} (the disk or your quota is full; nothing was written)"
    return exc.strerror or str(exc)


def _unlink_quietly(path: str | os.PathLike | None) -> None:
    if path is None:
        return
    try:
        os.unlink(path)
    except OSError:
        pass
