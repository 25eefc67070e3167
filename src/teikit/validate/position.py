"""Line and column of an element (or one of its attributes) in the file it came from.

libxml2 gives each element the line where its start tag *ends* and no column. The
column (and the true line of a start tag spread over several lines) is found in the
file's text: the n-th element named ``p`` in document order is the n-th ``<p`` start
tag outside comments, CDATA sections and processing instructions. The text is read
only for files that have a problem, once per file.

After XInclude expansion the tree holds elements that are not written in the file:
they are left out of the counting, and a problem inside them is placed at the
``xi:include`` that brought them in (*included* maps each inserted element to it).
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path

from lxml import etree

_TOKENS = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^>\[]|\[.*?\])*>"
                     r"|<([^\s/>!?]+)", re.S)


class _FileText:
    """Start-tag offsets of one file, by qualified name, and its line starts."""

    def __init__(self, path: Path, tree: etree._ElementTree, skip: frozenset = frozenset()) -> None:
        self.tree = tree
        self.skip = skip
        self.text = path.read_bytes().decode("utf-8", errors="replace")
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        self.starts: dict[str, list[int]] = {}
        for match in _TOKENS.finditer(self.text):
            if match.group(1):
                self.starts.setdefault(match.group(1), []).append(match.start())
        self.order: dict[etree._Element, int] = {}
        counters: dict[str, int] = {}
        for element in tree.getroot().iter(etree.Element):
            if element in skip:
                continue
            name = _written_name(element)
            self.order[element] = counters.get(name, 0)
            counters[name] = self.order[element] + 1

    def line_column(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def locate(self, element: etree._Element, attribute: str | None) -> tuple[int, int] | None:
        offsets = self.starts.get(_written_name(element), [])
        index = self.order.get(element)
        if index is None or index >= len(offsets):
            return None
        start = offsets[index]
        line, column = self.line_column(start)
        if element.sourceline and line > element.sourceline:
            return None  # the text and the tree disagree: trust the tree's line
        if attribute:
            found = self._attribute(start, attribute)
            if found is not None:
                return self.line_column(found)
        return line, column

    def _attribute(self, start: int, attribute: str) -> int | None:
        end = _tag_end(self.text, start)
        name = re.escape(attribute)
        match = re.compile(rf"\s({name})\s*=").search(self.text, start, end)
        return match.start(1) if match else None


def _tag_end(text: str, start: int) -> int:
    quote = None
    for i in range(start, len(text)):
        char = text[i]
        if quote:
            if char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == ">":
            return i
    return len(text)


def _written_name(element: etree._Element) -> str:
    local = etree.QName(element).localname
    return f"{element.prefix}:{local}" if element.prefix else local


_cache: dict[str, tuple[_FileText, dict]] = {}


def start_tags(path: Path, tree: etree._ElementTree,
               elements: list[etree._Element]) -> dict[etree._Element, tuple[int, int]]:
    """(line, column) of each of *elements* in a tree not yet changed (not cached)."""
    text = _FileText(path, tree)
    return {element: text.locate(element, None) or (element.sourceline or 1, 1)
            for element in elements}


def position(path: Path, tree: etree._ElementTree, element: etree._Element,
             attribute: str | None = None,
             included: dict[etree._Element, tuple[int, int]] | None = None) -> tuple[int, int]:
    """(line, column) where *element*'s start tag (or its *attribute*) is written.

    *included* maps each element an XInclude inserted to the include's (line, column).
    """
    included = included or {}
    for node in (element, *element.iterancestors()):
        if node in included:
            return included[node]
    key = str(path)
    text, cached_for = _cache.get(key, (None, None))
    if text is None or text.tree is not tree or cached_for is not included:
        _cache.clear()
        skip = frozenset(e for top in included for e in top.iter())
        try:
            text = _FileText(path, tree, skip)
        except OSError:
            return element.sourceline or 1, 1
        _cache[key] = (text, included)
    if attribute and attribute.startswith("{"):
        namespace, local = attribute[1:].split("}")
        attribute = f"xml:{local}" if namespace.endswith("XML/1998/namespace") else local
    found = text.locate(element, attribute)
    return found if found else (element.sourceline or 1, 1)
