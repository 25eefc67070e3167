"""Author–date citations to ``bibl`` with ``citedRange`` (docs/encoding.md).

Parenthetical: ``(Şimşir, 2006: 56)``, ``(Jaeschke, 2011: 29; Tansel, 2019 a: 53)``,
``(Aras, 2010b:131,209)``, archival ``(TBMM G.C.Z., 24 Nisan 1920)``.
Narrative: ``Müderrisoğlu (2018)``, ``Şimşir’e (2006)``; a later page-only
parenthesis ``(37)`` becomes a ``bibl`` with only a ``citedRange`` pointing at
the last narrative citation. Every work cited gets a bibliography :class:`Entry`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from teikit.importer.dates import DateState, find_dates
from teikit.importer.inline import Span
from teikit.importer.slug import slug

UP = "A-ZÇĞİÖŞÜ"
WORD = rf"[{UP}][\w.-]*"
AUTHOR = rf"{WORD}(?:\s(?:ve|and|&)\s{WORD}|\s{WORD})*"
YEAR = r"(1[5-9]\d\d|20[0-4]\d)"
SUFFIX = r"(?:\s?([a-h])(?!\w))?"
RANGE = r"\d+(?:\s?[-–]\s?\d+)?"
PAGES = rf"{RANGE}(?:\s?,\s?{RANGE})*(?:\s?,)?"
REF = re.compile(rf"\s*({AUTHOR}),\s?{YEAR}{SUFFIX}(?:\s?:\s?({PAGES}))?\s*")
ARCHIVE = re.compile(rf"\s*({AUTHOR}),?\s(.*?(1[5-9]\d\d|20[0-4]\d))\s*")
PAGE_ONLY = re.compile(rf"\s*({PAGES})\s*")
PAREN = re.compile(r"\(([^()]*)\)")
NARRATIVE = re.compile(rf"(?<![\w’])({WORD}(?:\s(?:ve|and)\s{WORD})?)(’\w+)?\s\({YEAR}{SUFFIX}\)")
NOT_AUTHORS = {"Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos",
               "Eylül", "Ekim", "Kasım", "Aralık", "Antlaşma", "Antlaşması", "Anlaşma",
               "Anlaşması", "Savaş", "Savaşı", "Kongre", "Kongresi", "Konferans", "Konferansı",
               "Madde", "Kanun", "Kanunu", "Devlet", "Hükümet", "Meclis"}


@dataclass
class Entry:
    """A bibliography entry built from citations (author, year, suffix)."""

    key: str
    author: str
    year: str
    suffix: str = ""
    archival: bool = False
    first_line: int = 0
    printed: object = None  # a bibliography.PrintedEntry when the text lists the work


@dataclass
class CitationState:
    """Bibliography built so far and the last narrative citation (for ``(37)``)."""

    prefix: str
    doubt: object = None
    entries: dict[str, Entry] = field(default_factory=dict)
    last_narrative: str | None = None
    narrative_block: int = -1
    block: int = 0
    count: int = 0

    by_surname: dict[str, str] = field(default_factory=dict)

    def add_printed(self, printed) -> Entry:
        """Register an entry the text itself lists (see :mod:`bibliography`)."""
        key = base = f"{self.prefix}-bib-{slug(printed.surname or 'entry')}-{printed.year_value}{printed.suffix}"
        n = 1
        while key in self.entries:
            n += 1
            key = f"{base}-{n}"
        entry = Entry(key, printed.surname, printed.year_value, printed.suffix, False,
                      printed.line, printed)
        self.entries[key] = entry
        if printed.year_value:
            self.by_surname.setdefault(_surname_key(printed.surname, printed.year_value,
                                                    printed.suffix), key)
        return entry

    def entry(self, author: str, year: str, suffix: str = "", archival: bool = False,
              line: int = 0) -> Entry:
        """The bibliography entry a citation (author, year, suffix) points to, made if new."""
        listed = self.by_surname.get(_surname_key(author, year, suffix))
        if listed:
            return self.entries[listed]
        key = f"{self.prefix}-bib-{slug(author)}-{year}{suffix}"
        if key not in self.entries:
            self.entries[key] = Entry(key, author.strip(), year, suffix, archival, line)
        return self.entries[key]


def _surname_key(author: str, year: str, suffix: str) -> str:
    first = re.split(r"[\s,]", author.strip(), maxsplit=1)[0]
    return f"{slug(first)}-{year}{suffix}"


def find_citations(text: str, state: CitationState, doubt=None, line_of=lambda o: 0) -> list[Span]:
    """Citation spans in *text*, read in order; creates bibliography entries in *state*.

    Order matters: a page-only ``(37)`` belongs to the narrative citation before it.
    """
    found = [(m.start(), 0, m) for m in NARRATIVE.finditer(text)]
    found += [(m.start(), 1, m) for m in PAREN.finditer(text)]
    spans: list[Span] = []
    for _start, kind, match in sorted(found, key=lambda f: (f[0], f[1])):
        if any(s.start <= match.start() < s.end for s in spans):
            continue  # the "(2018)" of "Müderrisoğlu (2018)"
        if kind == 0:
            spans += _narrative(match, state, line_of)
        else:
            spans += _parenthetical(match, state, doubt, line_of)
    return spans


def _narrative(m: re.Match, state: CitationState, line_of) -> list[Span]:
    author, _suffix_word, year, letter = m.groups()
    if author in NOT_AUTHORS:
        return []
    entry = state.entry(author, year, letter or "", line=line_of(m.start()))
    state.last_narrative, state.narrative_block = entry.key, state.block
    state.count += 1
    return [Span(m.start(), m.end(), "bibl", {"corresp": "#" + entry.key}, priority=30)]


def _parenthetical(paren: re.Match, state: CitationState, doubt, line_of) -> list[Span]:
    inner_start = paren.start(1)
    parts = _split(paren.group(1), inner_start)
    spans: list[Span] = []
    for start, part in parts:
        if spans and PAGE_ONLY.fullmatch(part) and not _looks_like_years(part):
            _more_pages(spans[-1], part, start)  # (Bıyıklıoğlu, 1959: 18; 66)
            continue
        span = _reference(part, start, state, line_of)
        if span is None:
            return [] if not spans else _partial(spans, paren, doubt)
        spans.append(span)
    return spans


def _more_pages(span: Span, part: str, start: int) -> None:
    """Pages after a semicolon belong to the reference before them, which grows to hold them."""
    lead = len(part) - len(part.lstrip())
    body = part.strip()
    span.end = start + lead + len(body)
    span.children += _ranges(body, start + lead)


def _partial(spans: list[Span], paren: re.Match, doubt) -> list[Span]:
    if doubt:
        doubt(paren.start(), f"citation “{paren.group()}” only partly understood")
    return spans


def _split(inner: str, offset: int) -> list[tuple[int, str]]:
    parts, pos = [], 0
    for piece in inner.split(";"):
        parts.append((offset + pos, piece))
        pos += len(piece) + 1
    return parts


def _reference(part: str, start: int, state: CitationState, line_of) -> Span | None:
    """One reference inside parentheses, or None when it is not a citation."""
    lead = len(part) - len(part.lstrip())
    body = part.strip()
    begin, end = start + lead, start + lead + len(body)
    m = REF.fullmatch(body)
    if m and m.group(1) not in NOT_AUTHORS:
        author, year, letter, pages = m.groups()
        entry = state.entry(author, year, letter or "", line=line_of(begin))
        children = _ranges(pages, begin + m.start(4)) if pages else []
        state.count += 1
        return Span(begin, end, "bibl", {"corresp": "#" + entry.key}, children, 30)
    m = PAGE_ONLY.fullmatch(body)
    if m and state.last_narrative and not _looks_like_years(body):
        if state.narrative_block != state.block and state.doubt:
            state.doubt(begin, f"page “({body})” attached to the narrative citation of an "
                               f"earlier paragraph ({state.last_narrative})")
        state.count += 1
        return Span(begin, end, "bibl", {"corresp": "#" + state.last_narrative},
                    _ranges(body, begin), 30)
    m = ARCHIVE.fullmatch(body)
    if m and m.group(1).split()[0].isupper() and len(m.group(1).split()[0]) > 1:
        return _archival(m, begin, end, state, line_of)
    return None


def _archival(m: re.Match, begin: int, end: int, state: CitationState, line_of) -> Span | None:
    author, when_text, year = m.groups()
    dates = find_dates(when_text, DateState())
    if not dates or dates[0].end - dates[0].start != len(when_text):
        return None
    date = dates[0]
    offset = begin + m.start(2)
    date_span = Span(offset + date.start, offset + date.end, "date", date.attrs)
    child = Span(date_span.start, date_span.end, "citedRange", {"unit": "document"}, [date_span])
    entry = state.entry(author.rstrip(",. ").replace(".", ""), year, archival=True,
                        line=line_of(begin))
    entry.author = author.rstrip(", ")
    state.count += 1
    return Span(begin, end, "bibl", {"corresp": "#" + entry.key}, [child], 30)


def _looks_like_years(body: str) -> bool:
    numbers = [int(n) for n in re.findall(r"\d+", body)]
    return any(1500 <= n <= 2049 for n in numbers)


def _ranges(pages: str, offset: int) -> list[Span]:
    """``citedRange`` spans for ``29``, ``196-197``, ``131,209``."""
    spans = []
    for m in re.finditer(r"(\d+)(?:\s?[-–]\s?(\d+))?", pages):
        attrs = {"unit": "page", "from": m.group(1)}
        if m.group(2):
            attrs["to"] = m.group(2)
        spans.append(Span(offset + m.start(), offset + m.end(), "citedRange", attrs))
    return spans
