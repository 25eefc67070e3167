"""One document being validated: its lxml tree, and what Saxon reads of it.

The Schematron rules run in Saxon, which needs the document as text. When the file's
own text is exactly the document lxml parsed (UTF-8, no DOCTYPE, nothing XIncluded),
Saxon reads that text: lxml does not serialise the tree again (a copy as large as the
file), and Saxon sees the file as it is written. A large document (over
:data:`RELEASE_TREE_BYTES`) then also gives up its lxml tree while Saxon holds its own
copy, and is parsed again only when a rule failed and its line and column are wanted:
for a 41 MB article the two trees side by side were 3.5 times jing's memory.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from pathlib import Path

from lxml import etree

from teikit.validate import position
from teikit.xmlio import parse

#: a document larger than this gives up its lxml tree while Saxon checks it
RELEASE_TREE_BYTES = 16 * 1024 * 1024
_UTF8 = {"UTF-8", "UTF8"}


class Document:
    """A parsed file (XIncludes expanded; *included* maps inserted elements to their
    include's line and column), handed to RELAX NG and to Saxon."""

    def __init__(self, path: Path, tree: etree._ElementTree, included: dict,
                 size: int) -> None:
        self.path, self.included, self.size = path, included, size
        self._tree: etree._ElementTree | None = tree
        self.own_text = not included and _plain(tree)

    @classmethod
    def unparsed(cls, path: Path, size: int) -> "Document":
        """A document already found to be its file's own text (:attr:`own_text`), not
        parsed now: Saxon reads the text, the tree is parsed only if it is asked for."""
        document = cls.__new__(cls)
        document.path, document.included, document.size = path, {}, size
        document._tree, document.own_text = None, True
        return document

    @property
    def tree(self) -> etree._ElementTree:
        """The lxml tree (parsed again if it was given up: the same file, the same tree)."""
        if self._tree is None:
            self._tree = parse(self.path)
        return self._tree

    def for_saxon(self) -> tuple[etree._ElementTree | None, str | None]:
        """(tree, text) to hand to Saxon: the file's own text when it is the document
        (then a large document's tree is given up), else the tree to serialise."""
        if not self.own_text:
            return self.tree, None
        try:
            text = self.path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            self.own_text = False
            return self.tree, None
        if self.size > RELEASE_TREE_BYTES:
            self._release()
        return self._tree, text

    def _release(self) -> None:
        """Drop the tree and every cache that holds it, and hand the freed memory back."""
        self._tree = None
        position.forget()
        gc.collect()
        _trim()


def _plain(tree: etree._ElementTree) -> bool:
    """Is the file's text the document lxml built (UTF-8, no DOCTYPE: nothing a DTD
    could add, default or fetch)?"""
    info = tree.docinfo
    return ((info.encoding or "UTF-8").upper() in _UTF8 and not info.doctype
            and info.internalDTD is None and info.externalDTD is None)


def _trim() -> None:
    """Return the freed heap to the system (glibc keeps a large tree's freed blocks,
    which Saxon, allocating elsewhere, cannot reuse)."""
    name = ctypes.util.find_library("c")
    try:
        ctypes.CDLL(name).malloc_trim(0)
    except (OSError, AttributeError, TypeError):
        pass  # not glibc: the memory is reused by later allocations only
