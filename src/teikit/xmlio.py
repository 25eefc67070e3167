"""Safe XML reading and atomic writing: the only place teikit touches files as XML.

Every parser here refuses what a hostile file could use against us: no DTD is
loaded, no external entity is resolved, no network is reached, and libxml2's
limits against entity expansion bombs stay on (``huge_tree=False``).
Writes go to a temporary file in the target directory and are renamed into
place, so a reader never sees a half-written output.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from lxml import etree

from teikit.errors import InputError, OutputError

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NS = {"tei": TEI_NS, "xml": XML_NS}


def safe_parser(**overrides) -> etree.XMLParser:
    """Return an lxml parser that cannot be made to fetch, expand or explode."""
    options = dict(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )
    options.update(overrides)
    return etree.XMLParser(**options)


def _refuse_entities(tree: etree._ElementTree, path: str) -> None:
    """Reject documents whose internal DTD declares entities (bomb or XXE bait)."""
    docinfo = tree.docinfo
    dtd = docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError("the document declares entities in its DTD; teikit does not "
                         "expand entities (remove the DOCTYPE declaration)", path, 1, 1)


def parse(source: str | os.PathLike | bytes, *, name: str | None = None) -> etree._ElementTree:
    """Parse a file (or bytes) safely; raise :class:`InputError` with file:line:column."""
    path = name or (str(source) if not isinstance(source, bytes) else "<bytes>")
    parser = safe_parser()
    try:
        if isinstance(source, bytes):
            tree = etree.ElementTree(etree.fromstring(source, parser))
        else:
            tree = etree.parse(os.fspath(source), parser)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", path) from None
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (exc.lineno, 0)
        raise InputError(f"not well-formed XML: {exc.msg}", path, line, column + 1) from None
    _refuse_entities(tree, path)
    return tree


def atomic_write(path: str | os.PathLike, data: bytes | str, *, force: bool = True) -> Path:
    """Write *data* to *path* through a temporary file and a rename.

    With ``force=False`` an existing file is left alone and :class:`OutputError` raised.
    """
    target = Path(path)
    if not force and target.exists():
        raise OutputError(f"{target} exists; use --force to overwrite it")
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write to {target.parent}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        _unlink_quietly(tmp)
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    except BaseException:
        _unlink_quietly(tmp)
        raise
    return target


def _unlink_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
