"""The edition index the Schematron rules need to look beyond one document.

An edition is the directory that holds ``register/`` (``tei/`` in the project): the
articles in it and the registers in ``register/``; a document outside any edition
is its own one-directory edition. The index lists, for
every ``*.xml`` file of the edition, its xml:ids (with the element that carries each)
and every pointer it makes, resolved to an absolute URI. It is built by reading each
file once, one at a time, with the safe parser (no DTD, no entities, no network), and
handed to the Schematron as one XML document: Saxon itself never opens a file.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from teikit.xmlio import safe_parser

POINTER_ATTRIBUTES = ("ref", "target", "corresp", "who")
#: one path, not a union: libxml2 merges the node-sets of a union in quadratic time
#: (4.7 s instead of 0.6 s for the pointers of a 15 MB article)
_POINTERS = ('//@*[namespace-uri()="" and ('
             + " or ".join(f'local-name()="{name}"' for name in POINTER_ATTRIBUTES) + ")]")
#: larger files are left out of the index (they are not schema-validated either)
MAX_INDEXED_BYTES = 512 * 1024 * 1024
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


def edition_root(doc_path: Path) -> Path:
    """The nearest directory at or above *doc_path* that holds ``register/``."""
    start = doc_path.resolve().parent
    for directory in (start, *start.parents):
        if (directory / "register").is_dir():
            return directory
    return start


def edition_files(root: Path) -> list[Path]:
    """The files of the edition rooted at *root*: its articles (``*.xml``) and its
    registers (``register/*.xml``), as docs/encoding.md lays them out. Files in other
    subdirectories (drafts, work files) are not part of the edition."""
    files = [*root.glob("*.xml"), *(root / "register").glob("*.xml")]
    return sorted(p for p in files if p.is_file())


def _build_index(root: Path) -> str:
    """The index of the edition at *root* as XML text (see the module docstring)."""
    parts = [f"<edition root={quoteattr(root.as_uri())}>"]
    for path in edition_files(root):
        parts.extend(_index_file(path))
    parts.append("</edition>")
    return "".join(parts)


def _index_file(path: Path) -> list[str]:
    """The <file> entry of one file: its ids and its resolved pointers."""
    uri = path.resolve().as_uri()
    opening = f"<file uri={quoteattr(uri)}"
    try:
        if path.stat().st_size > MAX_INDEXED_BYTES:
            return [opening, ' skipped="too large"/>']
        tree = etree.parse(str(path), safe_parser(source=path))
    except (OSError, etree.XMLSyntaxError):
        return [opening, ' broken="true"/>']  # the file's own validation says why
    parts = [opening, ">"]
    for value in tree.xpath("//@xml:id"):
        name = etree.QName(value.getparent()).localname
        parts.append(f"<id name={quoteattr(name)}>{escape(value)}</id>")
    resolved: dict[str, str] = {"": uri}  # file part of a pointer -> absolute file URI
    pointers: set[str] = set()  # each target once: the index only says what is pointed at
    for value in tree.xpath(_POINTERS):
        for token in value.split():
            if token.startswith("#") or token.startswith("file:") or not _SCHEME.match(token):
                file_part, hash_mark, fragment = token.partition("#")
                base = resolved.get(file_part)
                if base is None:
                    base = resolved[file_part] = urljoin(uri, file_part)
                pointers.add(base + hash_mark + fragment)
    parts.extend(f"<ptr>{escape(pointer)}</ptr>" for pointer in sorted(pointers))
    parts.append("</file>")
    return parts


_cache: dict[Path, tuple[tuple, str]] = {}


def _signature(root: Path) -> tuple:
    """What the index depends on: every file's path, size and modification time."""
    signature = []
    for path in edition_files(root):
        stat = path.stat()
        signature.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(signature)


def seed_index(indexes: dict[Path, tuple[tuple, str]]) -> None:
    """Use indexes built elsewhere (by the parent of a worker process)."""
    _cache.update(indexes)


def cached_index(root: Path) -> tuple[tuple, str]:
    """(signature, index) of the edition at *root*, rebuilt when any of its files changed."""
    signature = _signature(root)
    cached = _cache.get(root)
    if cached is None or cached[0] != signature:
        cached = _cache[root] = (signature, _build_index(root))
    return cached


def edition_index(root: Path) -> str:
    """The index of the edition at *root* (see the module docstring), built once per change."""
    return cached_index(root)[1]
