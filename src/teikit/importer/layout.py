"""Page layout of extracted text: pages, footnote zones, blocks.

The extraction leaves these signals (see ``../shared/seeds/README.md``):

* a line starting with one to three spaces is the first line of a printed page,
  unless it comes a few lines after another page start and follows a line
  ending in ``:`` (then it is a list item whose bullet glyph was lost);
* a line of spaces only (20 or more) opens the footnote zone of the page, which
  runs to the next page start; a footnote starts with its number;
* paragraphs end at blank lines (two or more in double-spaced text), at a
  short line ending a sentence, or at a line ending in two or more spaces;
* bullets (``•``, ``●``, private-use glyphs) and ``1. Madde`` start list items;
* short lines without closing punctuation are headings; paragraphs set with
  clearly longer lines than the body (a smaller font) are block quotations.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from teikit.importer.report import Report

PAGE_START = re.compile(r"^ {1,3}\S")
SEPARATOR = re.compile(r"^ {20,}$")
NOTE_START = re.compile(r"^ ?(\d{1,3}) +(\S.*)$")
#: how a sentence (and so a note) ends; a note that breaks off without one runs on
SENTENCE_END = (".", "!", "?", "…", ")", "\"", "”", "’", "»")
BULLET = re.compile(r"^\s*([•●▪■◦\u2023\u2043\ue000-\uf8ff])\s*")
NUMBERED_ITEM = re.compile(r"^(\d+(?:-\d+)?)\.\s+Madde")
NUMBERED_HEAD = re.compile(r"^(\d+(?:\.\d+)*)\.\s+\S")
TERMINAL = tuple(".!?:…”\")")
#: lines that are blocks of their own whatever the spacing: keyword lists, standard headings
STANDALONE = re.compile(r"^(?:(?:Anahtar (?:Kelimeler|Sözcükler)|Keywords|Key Words)\s*:.*"
                        r"|(?:ÖZET|ÖZ|Özet|Öz|ABSTRACT|Abstract|GİRİŞ|Giriş|SONUÇ|Sonuç"
                        r"|KAYNAKÇA|Kaynakça|INTRODUCTION|Introduction|CONCLUSION|Conclusion))\s*$")
LOST_BULLET_WINDOW = 12


@dataclass
class SourceLine:
    """One non-blank line of the source."""

    no: int
    raw: str
    blank_before: int = 0
    page: int | None = None  # set when the line starts a printed page

    @property
    def text(self) -> str:
        return self.raw.strip()

    @property
    def width(self) -> int:
        return len(self.raw.rstrip())

    @property
    def trailing(self) -> int:
        return len(self.raw) - len(self.raw.rstrip(" "))


@dataclass
class Block:
    """A paragraph-like run of lines: p, head, quote, item, numitem, ornament."""

    kind: str
    lines: list[SourceLine] = field(default_factory=list)
    lost_bullet: bool = False

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)

    @property
    def first(self) -> int:
        return self.lines[0].no


@dataclass
class Footnote:
    """A footnote from a page foot; *anchor* is the index of the interrupted block."""

    n: str | None
    lines: list[SourceLine]
    anchor: int
    page_line: int  # first source line of the page the note sits on


@dataclass
class Layout:
    blocks: list[Block]
    footnotes: list[Footnote]
    pages: int
    double_spaced: bool
    width: float


def analyse(raw_lines: list[str], first_page: int, report: Report) -> Layout:
    """Split the source into blocks and footnotes, numbering the pages."""
    text_lines, foot_zones = _separate_footnotes(raw_lines)
    width = _typical_width(text_lines)
    double = _is_double_spaced(text_lines)
    state = _Grouper(width, double, first_page, report)
    for line in text_lines:
        if line.no in foot_zones:
            state.footnote_zone(foot_zones[line.no])
        state.add(line)
    state.flush_zones(foot_zones, text_lines)
    body = _body_width(state.blocks) or width
    blocks = [_classify(b, body, state.blocks[i - 1] if i else None)
              for i, b in enumerate(state.blocks)]
    return Layout(blocks, state.footnotes, state.pages, double, width)


def _separate_footnotes(raw: list[str]) -> tuple[list[SourceLine], dict[int, list[SourceLine]]]:
    """Text lines, and footnote lines keyed by the number of the next text line."""
    text: list[SourceLine] = []
    zones: dict[int, list[SourceLine]] = {}
    zone: list[SourceLine] | None = None
    blank = 0
    for no, raw_line in enumerate(raw, 1):
        if SEPARATOR.match(raw_line) and text:  # a page foot needs a page above it
            zone, blank = ([] if zone is None else zone), 0
            continue
        if not raw_line.strip():
            blank += 1
            continue
        line = SourceLine(no, raw_line, blank)
        blank = 0
        if zone is not None and (not zone or not PAGE_START.match(raw_line)):
            zone.append(line)
            continue
        if zone:
            zones[no] = zone
        zone = None
        text.append(line)
    if zone:
        zones[len(raw) + 1] = zone
    return text, zones


def _typical_width(lines: list[SourceLine]) -> float:
    widths = sorted(line.width for line in lines if len(line.text) > 1)
    return float(widths[int(len(widths) * 0.9)]) if widths else 80.0


def _body_width(blocks: list["Block"]) -> float | None:
    """Median width of the full lines of ordinary paragraphs (not their last lines)."""
    widths = [l.width for b in blocks if b.kind == "p" and len(b.lines) >= 3 for l in b.lines[1:-1]]
    return statistics.median(widths) if widths else None


def _is_double_spaced(lines: list[SourceLine]) -> bool:
    ones = sum(1 for line in lines if line.blank_before == 1)
    return ones > 0.5 * max(1, len(lines))


class _Grouper:
    """Turns text lines into blocks, numbering pages and collecting footnotes."""

    def __init__(self, width: float, double: bool, first_page: int, report: Report):
        self.width, self.double, self.report = width, double, report
        self.page = first_page - 1
        self.pages = 0
        self.last_space_line = -10 ** 6  # last page start or lost-bullet item
        self.page_line = 1
        self.blocks: list[Block] = []
        self.footnotes: list[Footnote] = []

    def add(self, line: SourceLine) -> None:
        """Put *line* into the current block or start a new one (page, item, paragraph)."""
        lost = self._is_lost_bullet(line)
        if not lost and (PAGE_START.match(line.raw) or not self.pages):
            self._start_page(line)
        if not re.search(r"\w", line.text):
            self._new_block("ornament", line)
        elif lost or BULLET.match(line.raw):
            self._new_block("item", line, lost)
        elif NUMBERED_ITEM.match(line.text):
            self._new_block("numitem", line)
        elif self._breaks_before(line):
            self._new_block("p", line)
        else:
            self.blocks[-1].lines.append(line)

    def _start_page(self, line: SourceLine) -> None:
        self.page += 1
        self.pages += 1
        line.page = self.page
        self.last_space_line = self.page_line = line.no

    def _is_lost_bullet(self, line: SourceLine) -> bool:
        if not self.blocks or not PAGE_START.match(line.raw) or BULLET.match(line.raw):
            return False
        previous = self.blocks[-1]
        near = line.no - self.last_space_line <= LOST_BULLET_WINDOW
        if near and (previous.text.endswith(":") or previous.lost_bullet):
            self.last_space_line = line.no
            self.report.doubt(line.no, "a line starting with a space just after a page start: "
                                       "read as a list item whose bullet glyph was lost")
            return True
        return False

    def _new_block(self, kind: str, line: SourceLine, lost: bool = False) -> None:
        self.blocks.append(Block(kind, [line], lost))

    def _breaks_before(self, line: SourceLine) -> bool:
        if not self.blocks:
            return True
        if line.blank_before >= (2 if self.double else 1):
            return True
        block = self.blocks[-1]
        if block.kind == "ornament" or STANDALONE.match(line.text):
            return True
        if len(block.lines) == 1 and STANDALONE.match(block.lines[0].text):
            return True
        if self.double and self._heading_start(block):
            return self._heading_ends(block, line)
        if self.double and block.kind == "item" and block.lines[-1].text.endswith((".", ";")):
            return True  # double spacing hides where an item ends: at its sentence
        return self._ends_paragraph(block.lines[-1])

    def _ends_paragraph(self, line: SourceLine) -> bool:
        short = line.width < 0.8 * self.width
        terminal = line.text.endswith(TERMINAL)
        return (terminal and short) or (line.trailing >= 2 and (terminal or short))

    def _heading_start(self, block: Block) -> bool:
        """Short lines that open like a heading (numbered, capitals, or very short)."""
        if block.kind != "p" or len(block.lines) > 3:
            return False
        if not all(l.width < 0.75 * self.width for l in block.lines):
            return False
        first = block.lines[0]
        return bool(NUMBERED_HEAD.match(first.text) or _upper_ratio(first.text) > 0.7
                    or first.width < 0.6 * self.width)

    def _heading_ends(self, block: Block, line: SourceLine) -> bool:
        """In double-spaced text a heading ends at a long line or a closed sentence."""
        last = block.lines[-1].text
        if last.endswith((".", ",", ";")) or len(block.lines) == 3 or block.lines[-1].trailing >= 2:
            return True
        return line.width >= 0.75 * self.width

    def footnote_zone(self, lines: list[SourceLine]) -> None:
        """Footnotes of the page that ends before the current line."""
        anchor = len(self.blocks) - 1
        for index, line in enumerate(lines):
            match = NOTE_START.match(line.raw)
            if not match and index == 0 and self._note_runs_on():
                self.footnotes[-1].lines.append(line)
            elif match or index == 0:
                number = match.group(1) if match else None
                self.footnotes.append(Footnote(number, [line], anchor, self.page_line))
            else:
                self.footnotes[-1].lines.append(line)

    def _note_runs_on(self) -> bool:
        """Whether the last note broke off mid-sentence at its page foot: then an
        unnumbered first line of the next page foot is its continuation (a word
        hyphenated across the pages is joined like any other), not a note of its own."""
        if not self.footnotes:
            return False
        return not self.footnotes[-1].lines[-1].text.rstrip().endswith(SENTENCE_END)

    def flush_zones(self, zones: dict[int, list[SourceLine]], lines: list[SourceLine]) -> None:
        """A footnote zone at the very end of the text (no page follows it)."""
        last = lines[-1].no if lines else 0
        for key, zone in zones.items():
            if key > last:
                self.footnote_zone(zone)


def _classify(block: Block, width: float, previous: Block | None = None) -> Block:
    """Name a plain block's kind; *width* is the median line width of the text."""
    if block.kind != "p":
        return block
    if not re.search(r"\w", block.text):
        block.kind = "ornament"
    elif _looks_like_heading(block, width):
        block.kind = "head"
    elif _looks_like_quote(block, width, previous):
        block.kind = "quote"
    return block


def _looks_like_heading(block: Block, width: float) -> bool:
    text = block.text.strip()
    if len(block.lines) > 3 or len(text) > 130 or not (text[0].isupper() or text[0].isdigit()):
        return False
    numbered = bool(NUMBERED_HEAD.match(text))
    if text.endswith((".", ",", ";")) or (text.endswith(":") and not numbered):
        return False
    short = all(l.width < 0.7 * width for l in block.lines)
    return numbered or _upper_ratio(text) > 0.7 or short


def _upper_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) / max(1, len(letters))


def _looks_like_quote(block: Block, width: float, previous: Block | None) -> bool:
    """Lines longer than the body's (a smaller font): clearly so, or a little after a colon."""
    if len(block.lines) < 2:
        return False
    ratio = statistics.median(l.width for l in block.lines[:-1]) / width
    introduced = previous is not None and previous.text.rstrip().endswith((":", ","))
    return ratio >= 1.085 or (introduced and ratio >= 1.03)
