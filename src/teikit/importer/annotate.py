"""Turning blocks into annotated inline text (citations, dates, names, measures)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from teikit.importer.citations import CitationState, find_citations
from teikit.importer.dates import DateState, find_dates
from teikit.importer.hyphenation import join_lines
from teikit.importer.inline import T, Inline, Milestone, resolve
from teikit.importer.layout import BULLET, SourceLine
from teikit.importer.measures import find_measures
from teikit.importer.names import Register, unknown_candidates
from teikit.importer.report import Report

TAG_COUNTS = {"persName": "persons", "placeName": "places", "orgName": "organisations",
              "name": "events", "measure": "measures"}


@dataclass
class Annotator:
    """Holds what runs through the whole article: date context, bibliography."""

    register: Register
    report: Report
    citations: CitationState
    line_breaks: bool = False
    dates: DateState = field(default_factory=DateState)
    block_index: int = 0

    def inline(self, lines: list[SourceLine], *, pb_inside: bool = True) -> Inline:
        """Join *lines* into an annotated :class:`Inline` (page breaks as milestones)."""
        texts = [_strip_bullet(l.raw) if i == 0 else l.raw for i, l in enumerate(lines)]
        joined = join_lines(texts)
        inline = Inline(joined.text, lines[0].no, joined.line_starts, [l.no for l in lines])
        for index, line in enumerate(lines):
            offset = joined.line_starts[index]
            if line.page is not None and (index or pb_inside):
                inline.milestones.append(Milestone(offset, _pb(line.page), 0))
            if self.line_breaks and index:
                inline.milestones.append(Milestone(offset, _lb(offset in joined.word_breaks), 1))
        self.annotate(inline)
        return inline

    def annotate(self, inline: Inline) -> None:
        """Find citations, dates, names and measures in *inline*."""
        self.block_index += 1
        self.citations.block = self.block_index
        where = inline.source_line
        self.citations.doubt = lambda offset, msg: self.report.doubt(where(offset), msg)
        spans = find_citations(inline.text, self.citations, line_of=where)
        spans += find_dates(inline.text, self.dates,
                            lambda offset, msg: self.report.doubt(where(offset), msg))
        spans += self.register.find(inline.text)
        for offset, form, refs in self.register.ambiguous(inline.text):
            self.report.doubt(where(offset), f"“{form}” names several register entries "
                                             f"({', '.join(r.split('#')[1] for r in refs)}): left untagged")
        spans += find_measures(inline.text)
        inline.spans = spans
        self._unknown(inline)

    def _unknown(self, inline: Inline) -> None:
        kept = resolve(inline.spans)
        for offset, name in unknown_candidates(inline.text, kept):
            if name not in self.register.words:
                self.report.unknown(name, inline.source_line(offset))


def count_tags(root: etree._Element, report: Report) -> None:
    """Fill the report's counts from the finished document."""
    body = root.find(f"{T}text")
    for tag, key in TAG_COUNTS.items():
        report.counts[key] = len(body.findall(f".//{T}{tag}")) if body is not None else 0
    report.counts["dates"] = len(root.findall(f".//{T}text//{T}date")) + \
        len(root.findall(f".//{T}abstract//{T}date"))
    report.counts["dates inferred"] = len(root.findall(f".//{T}date[@cert='medium']"))
    report.counts["pages"] = len(root.findall(f".//{T}pb"))
    report.counts["notes"] = len(root.findall(f".//{T}note[@place='foot']"))
    report.counts["paragraphs"] = len(root.findall(f".//{T}body//{T}p"))
    report.counts["citations"] = len(root.findall(f".//{T}body//{T}bibl[@corresp]"))


def _strip_bullet(raw: str) -> str:
    return BULLET.sub("", raw, count=1) if BULLET.match(raw) else raw


def _pb(n: int):
    return lambda: etree.Element(f"{T}pb", n=str(n))


def _lb(in_word: bool):
    def make():
        """A fresh lb (break="no" inside a word)."""
        element = etree.Element(f"{T}lb")
        if in_word:
            element.set("break", "no")
        return element
    return make


NOTE_NUMBER = re.compile(r"^\s?\d{1,3}\s+")
