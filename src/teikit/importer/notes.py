"""Footnotes: text from the page foot, placed at their marker or paragraph end.

A marker is the note's number glued to the word, bracket or quotation mark
before it (``(Aras, 2010b:33)1 de``) in a block of the same page; it is
removed from the text (the ``note`` element carries the number in ``@n``).
A note whose marker was lost goes to the end of the paragraph the page foot
interrupted, and the report says so.
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from teikit.importer.annotate import NOTE_NUMBER, Annotator
from teikit.importer.inline import T, Inline, Milestone, emit
from teikit.importer.layout import Footnote
from teikit.importer.report import Report
from teikit.xmlio import XML_NS


def place_notes(notes: list[Footnote], inlines: list[Inline | None], annotator: Annotator,
                prefix: str, report: Report):
    """Attach every note to an inline as a milestone.

    Returns the (line, n) of the markers found, and the notes no paragraph could take.
    """
    markers = []
    used: set[str] = set()
    orphans: list = []
    for index, note in enumerate(notes, 1):
        element = _note_element(note, annotator, prefix, index, used)
        target, offset = _marker(note, inlines)
        if target is not None:
            markers.append((target.source_line(offset), note.n))
            target.delete(offset, offset + len(note.n))
        else:
            target = _fallback(note, inlines, report)
            if target is None:
                orphans.append(element)
                continue
            offset = len(target.text)
        target.milestones.append(Milestone(offset, lambda e=element: copy.deepcopy(e), 2))
    return markers, orphans


def _fallback(note: Footnote, inlines: list[Inline | None], report: Report) -> Inline | None:
    """Where a note whose marker was not found goes: the end of its paragraph, or (None)
    a paragraph of its own; the report says which."""
    target = _anchor(note, inlines)
    if target is None:
        report.doubt(note.lines[0].no, "footnote with no paragraph to attach it to: "
                                       "placed in a paragraph of its own at the end")
    else:
        report.doubt(note.lines[0].no, f"footnote {note.n or '(unnumbered)'}: marker not "
                                       f"found, placed at the end of the paragraph at line {target.line}")
    return target


def _note_element(note: Footnote, annotator: Annotator, prefix: str, index: int, used: set[str]):
    first = copy.copy(note.lines[0])
    first.raw = NOTE_NUMBER.sub("", first.raw, count=1) if note.n else first.raw
    inline = annotator.inline([first, *note.lines[1:]])
    element = etree.Element(f"{T}note", place="foot")
    if note.n:
        element.set("n", note.n)
    ident = f"{prefix}-n{note.n}" if note.n else f"{prefix}-nu{index}"
    if ident in used:  # a number printed twice (numbering restarting per page)
        ident = f"{ident}-{index}"
    used.add(ident)
    element.set(f"{{{XML_NS}}}id", ident)
    emit(element, inline)
    return element


def _marker(note: Footnote, inlines: list[Inline | None]) -> tuple[Inline | None, int]:
    """The inline and offset of the note's number in the text of its page."""
    if not note.n:
        return None, 0
    regex = re.compile(rf"(?<=[^\W\d]|[)”’\"]){note.n}(?=[\s.,;:]|$)")
    for index in range(min(note.anchor, len(inlines) - 1), -1, -1):
        inline = inlines[index]
        if inline is None:
            continue
        match = None
        for match in regex.finditer(inline.text):
            pass
        if match and inline.source_line(match.start()) >= note.page_line:
            return inline, match.start()
        if inline.line < note.page_line:
            break
    return None, 0


def _anchor(note: Footnote, inlines: list[Inline | None]) -> Inline | None:
    """The paragraph the page foot interrupted, else the next one."""
    start = min(note.anchor, len(inlines) - 1)
    for index in [*range(start, -1, -1), *range(start + 1, len(inlines))]:
        if inlines[index] is not None:
            return inlines[index]
    return None
