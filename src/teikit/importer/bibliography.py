"""A bibliography printed in the text (``KAYNAKÇA``): its entries, linked to citations.

Each entry keeps its printed wording; its author (the text before the year) and
its year are tagged. Citations find an entry by the first author's surname and
the year with its a/b/c suffix, so ``Şemsutdinov ve Bagirov, 2022`` finds
``Şemsutdinov, A. ve Bagirov, Y. (2022). ...``. Only works the list lacks are
created from the citations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from teikit.importer.hyphenation import join_lines
from teikit.importer.inline import T, Inline, Milestone, Span
from teikit.importer.layout import Block, SourceLine
from teikit.importer.report import Report

HEADS = {"kaynakça", "kaynaklar", "kaynakca", "references", "bibliography", "bibliyografya"}
YEAR = re.compile(r"[(,.]\s*(1[5-9]\d\d|20[0-4]\d)\s?([a-h])?(?![\w])\s*\)?")
ENTRY_START = re.compile(r"^[A-ZÇĞİÖŞÜ][\w’'.-]*(?:\s[\w’'.-]+){0,3},\s.{0,80}?[(,.]\s*(1[5-9]\d\d|20[0-4]\d)")


@dataclass
class PrintedEntry:
    """One entry of the printed list: its text, where author and year sit in it."""

    text: str
    line: int
    year_value: str = ""
    suffix: str = ""
    surname: str = ""
    inline: Inline | None = None  # the text with author, date and page breaks to emit


def is_bibliography_head(text: str) -> bool:
    return text.strip().replace("İ", "i").replace("I", "ı").lower() in HEADS


def printed_entries(blocks: list[Block], report: Report) -> list[PrintedEntry]:
    """Entries of the printed bibliography, one per block or per entry-starting line."""
    entries = []
    for group in _groups(blocks):
        entry = _parse(group)
        if not entry.year_value:
            report.doubt(entry.line, "bibliography entry without a year: not linked to citations")
        entries.append(entry)
    return entries


def _groups(blocks: list[Block]) -> list[list[SourceLine]]:
    groups: list[list[SourceLine]] = []
    for block in blocks:
        groups.append([block.lines[0]])
        for line in block.lines[1:]:
            if ENTRY_START.match(line.text) and groups[-1][-1].text.endswith("."):
                groups.append([line])
            else:
                groups[-1].append(line)
    return groups


def _parse(lines: list[SourceLine]) -> PrintedEntry:
    joined = join_lines([l.raw for l in lines])
    text = joined.text
    entry = PrintedEntry(text, lines[0].no)
    entry.inline = Inline(text, lines[0].no, joined.line_starts, [l.no for l in lines])
    for line, offset in zip(lines, joined.line_starts):
        if line.page is not None:
            entry.inline.milestones.append(Milestone(offset, _pb(line.page)))
    match = YEAR.search(text)
    if match and match.start() > 0:
        author_end = len(text[:match.start()].rstrip(" ,.("))
        year_end = match.end(2) if match.group(2) else match.end(1)
        entry.year_value, entry.suffix = match.group(1), match.group(2) or ""
        entry.surname = text[:author_end].split(",")[0].strip()
        entry.inline.spans = [Span(0, author_end, "author"),
                              Span(match.start(1), year_end, "date", {"when": entry.year_value})]
    return entry


def _pb(n: int):
    return lambda: etree.Element(f"{T}pb", n=str(n))
