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

#: what hides a start tag from the count: comments, CDATA sections, processing
#: instructions, the DOCTYPE
_HIDDEN = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^>\[]|\[.*?\])*>", re.S)


class _FileText:
    """Start-tag offsets of one file and its line starts, each worked out when first
    asked for: the offsets of one qualified name at a time (the names of the elements
    with a problem, not every name of the file)."""

    def __init__(self, path: Path, tree: etree._ElementTree, skip: frozenset = frozenset()) -> None:
        self.tree = tree
        self.skip = skip
        self.text = path.read_bytes().decode("utf-8", errors="replace")
        hidden = [(m.start(), m.end()) for m in _HIDDEN.finditer(self.text)]
        self.hidden_starts = [start for start, _ in hidden]
        self.hidden_ends = [end for _, end in hidden]
        self._line_starts: list[int] | None = None
        self.starts: dict[str, list[int]] = {}
        self.order: dict[str, dict[etree._Element, int]] = {}

    @property
    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        return self._line_starts

    def line_column(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def _offsets(self, name: str) -> list[int]:
        """Where each start tag written *name* begins, outside what :data:`_HIDDEN` matches."""
        if name not in self.starts:
            found = []
            for match in re.finditer(f"<{re.escape(name)}(?=[\\s/>])", self.text):
                at = bisect.bisect_right(self.hidden_starts, match.start()) - 1
                if at < 0 or self.hidden_ends[at] <= match.start():
                    found.append(match.start())
            self.starts[name] = found
        return self.starts[name]

    def _index(self, element: etree._Element, name: str) -> int | None:
        """*element*'s rank among the elements written *name* (those skipped aside)."""
        if name not in self.order:
            same = (e for e in self.tree.getroot().iter(element.tag)
                    if e.prefix == element.prefix and e not in self.skip)
            self.order[name] = {e: n for n, e in enumerate(same)}
        return self.order[name].get(element)

    def locate(self, element: etree._Element, attribute: str | None) -> tuple[int, int] | None:
        name = _written_name(element)
        if element in self.skip:
            return None
        offsets = self._offsets(name)
        index = self._index(element, name)
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


_cache: dict[str, tuple] = {}
_NOTHING_INCLUDED: dict = {}


def start_tags(path: Path, tree: etree._ElementTree,
               elements: list[etree._Element]) -> dict[etree._Element, tuple[int, int]]:
    """(line, column) of each of *elements* in a tree not yet changed (not cached)."""
    text = _FileText(path, tree)
    return {element: text.locate(element, None) or (element.sourceline or 1, 1)
            for element in elements}


def forget() -> None:
    """Drop the texts read for the last file (they hold its tree)."""
    _cache.clear()
    _spans_cache.clear()


def _reader(cache: dict, kind, path: Path, tree: etree._ElementTree,
            element: etree._Element, included: dict | None):
    """(None, the *kind* reader of this file: _FileText or _Spans), or (the answer, None)
    when the XInclude that inserted *element* answers, or the file cannot be read (then
    the tree's line)."""
    included = included or _NOTHING_INCLUDED
    if included:
        for node in (element, *element.iterancestors()):
            if node in included:
                return included[node], None
    key = str(path)
    found, cached_tree, cached_included = cache.get(key, (None, None, None))
    if found is None or cached_tree is not tree or cached_included is not included:
        cache.clear()
        skip = frozenset(e for top in included for e in top.iter())
        try:
            found = kind(path, tree, skip)
        except OSError:
            return (element.sourceline or 1, 1), None
        cache[key] = (found, tree, included)  # held: an id could be a later tree's
    return None, found


def position(path: Path, tree: etree._ElementTree, element: etree._Element,
             attribute: str | None = None,
             included: dict[etree._Element, tuple[int, int]] | None = None) -> tuple[int, int]:
    """(line, column) where *element*'s start tag (or its *attribute*) is written.

    *included* maps each element an XInclude inserted to the include's (line, column).
    """
    spot, text = _reader(_cache, _FileText, path, tree, element, included)
    if text is None:
        return spot
    if attribute and attribute.startswith("{"):
        namespace, local = attribute[1:].split("}")
        attribute = f"xml:{local}" if namespace.endswith("XML/1998/namespace") else local
    found = text.locate(element, attribute)
    return found if found else (element.sourceline or 1, 1)


#: every markup token; group 1: an end tag's name, group 2: a start tag's name,
#: group 3: "/" when the start tag closes itself
_MARKUP = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^>\[]|\[.*?\])*>"
                     r"|</([^\s>]+)\s*>"
                     r"|<([^\s/>!?]+)(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>", re.S)


class _Spans:
    """For each element written in a file (document order): where its start tag ends,
    where its end tag starts and ends. Read only for files with an error at an end tag
    or in text (jing reports those there, and so does teikit)."""

    def __init__(self, path: Path, tree: etree._ElementTree, skip: frozenset) -> None:
        self.text = path.read_bytes().decode("utf-8", errors="replace")
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        self.tag_end: list[int] = []
        self.close_start: list[int] = []
        self.close_end: list[int] = []
        stack: list[int] = []
        for match in _MARKUP.finditer(self.text):
            if match.group(2):
                index = len(self.tag_end)
                self.tag_end.append(match.end())
                if match.group(3):
                    self.close_start.append(match.end())
                    self.close_end.append(match.end())
                else:
                    self.close_start.append(match.end())
                    self.close_end.append(match.end())
                    stack.append(index)
            elif match.group(1) and stack:
                index = stack.pop()
                self.close_start[index] = match.start()
                self.close_end[index] = match.end()
        self.index = {}
        count = 0
        for element in tree.getroot().iter(etree.Element):
            if element in skip:
                continue
            self.index[element] = count
            count += 1

    def line_column(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def end_tag(self, element) -> tuple[int, int] | None:
        index = self.index.get(element)
        if index is None or index >= len(self.close_start):
            return None
        return self.line_column(self.close_start[index])

    def text_end(self, element, after_child: int) -> tuple[int, int] | None:
        """Where the text of *element* before its child number *after_child* + 1 (0: its
        first text) ends: the last character that is not white space."""
        index = self.index.get(element)
        if index is None or index >= len(self.tag_end):
            return None
        children = [c for c in element if isinstance(c.tag, str)]
        if after_child == 0:
            start = self.tag_end[index]
        else:
            previous = self.index.get(children[after_child - 1])
            if previous is None:
                return None
            start = self.close_end[previous]
        if after_child < len(children) and self.index.get(children[after_child]) is not None:
            stop = self.text.rfind("<", start, self._tag_start(children[after_child]) + 1)
        else:
            stop = self.close_start[index]
        segment = self.text[start:max(start, stop)].rstrip()
        return self.line_column(start + max(len(segment) - 1, 0))

    def _tag_start(self, element) -> int:
        index = self.index[element]
        return self.text.rfind("<", 0, self.tag_end[index])


_spans_cache: dict[str, tuple] = {}


def end_position(path: Path, tree: etree._ElementTree, element: etree._Element,
                 included: dict | None = None, after_child: int | None = None
                 ) -> tuple[int, int]:
    """(line, column) of *element*'s end tag, or with *after_child* of the end of its
    text before child number *after_child* + 1 (0: the text right after its start tag)."""
    spot, spans = _reader(_spans_cache, _Spans, path, tree, element, included)
    if spans is None:
        return spot
    found = spans.end_tag(element) if after_child is None else spans.text_end(element,
                                                                              after_child)
    return found if found else (element.sourceline or 1, 1)
