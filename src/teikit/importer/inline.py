"""Inline content: a paragraph's text, milestones at offsets, and tagged spans.

Annotators (citations, dates, names, measures) return :class:`Span` objects;
:func:`resolve` keeps the non-overlapping ones by priority, and :func:`emit`
writes text, spans and milestones (``pb``, ``lb``, ``note``) into an lxml
element without changing a single character of the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from lxml import etree

from teikit.xmlio import TEI_NS

T = "{%s}" % TEI_NS


@dataclass
class Span:
    """A tag over ``text[start:end]``, with optional nested spans."""

    start: int
    end: int
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list["Span"] = field(default_factory=list)
    priority: int = 0


@dataclass
class Milestone:
    """An empty element (or a note) placed at *offset* in the text."""

    offset: int
    make: Callable[[], etree._Element]
    order: int = 0


@dataclass
class Inline:
    """A block's text with its milestones and spans, and its first source line."""

    text: str
    line: int
    line_starts: list[int] = field(default_factory=list)
    line_numbers: list[int] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)

    def source_line(self, offset: int) -> int:
        """The source line number holding *offset*."""
        index = 0
        for i, start in enumerate(self.line_starts):
            if start <= offset:
                index = i
        if index < len(self.line_numbers):
            return self.line_numbers[index]
        return self.line + index

    def delete(self, start: int, end: int) -> None:
        """Remove ``text[start:end]`` (a footnote marker), shifting offsets after it."""
        width = end - start
        self.text = self.text[:start] + self.text[end:]
        self.line_starts = [o - width if o > start else o for o in self.line_starts]
        for milestone in self.milestones:
            if milestone.offset > start:
                milestone.offset = max(start, milestone.offset - width)
        _shift_spans(self.spans, start, width)


def _shift_spans(spans: list[Span], start: int, width: int) -> None:
    """Move span bounds after a deletion of *width* characters at *start*."""
    for span in spans:
        if span.start >= start + width:
            span.start -= width
        if span.end >= start + width:
            span.end -= width
        elif span.end > start:
            span.end = start
        _shift_spans(span.children, start, width)


def resolve(spans: list[Span]) -> list[Span]:
    """Keep the highest-priority spans that do not overlap an already kept one."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (-s.priority, s.start, -(s.end - s.start))):
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def emit(parent: etree._Element, inline: Inline) -> None:
    """Write *inline* into *parent* (text, spans, milestones)."""
    milestones = sorted(inline.milestones, key=lambda m: (m.offset, m.order))
    pending = list(milestones)
    _emit_range(parent, inline.text, 0, len(inline.text), resolve(inline.spans), pending)
    for milestone in pending:  # at the very end of the text
        _append_element(parent, milestone.make())


def _emit_range(parent, text, start, end, spans, pending) -> None:
    pos = start
    for span in spans:
        _emit_text(parent, text, pos, span.start, pending)
        element = etree.SubElement(parent, T + span.tag, span.attrs)
        _emit_range(element, text, span.start, span.end, sorted(span.children, key=lambda s: s.start), pending)
        pos = span.end
    _emit_text(parent, text, pos, end, pending)


def _emit_text(parent, text, start, end, pending) -> None:
    pos = start
    while pending and start <= pending[0].offset < end:
        milestone = pending.pop(0)
        _append_text(parent, text[pos:milestone.offset])
        _append_element(parent, milestone.make())
        pos = milestone.offset
    _append_text(parent, text[pos:end])


def _append_text(parent: etree._Element, chunk: str) -> None:
    if not chunk:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + chunk
    else:
        parent.text = (parent.text or "") + chunk


def _append_element(parent: etree._Element, element: etree._Element) -> None:
    parent.append(element)
