"""Fuzzing the importer's parsers (hyphenation, dates, citations) with arbitrary text.

What is checked on every generated input: no crash; spans inside the text, in
order, not overlapping; every attribute a valid value (ISO dates, existing
bibliography keys, page numbers printed in the text); and, for hyphenation, no
lost or added characters but the line-end hyphens and spaces it is there to undo.
The whole-import property (no lost words in a draft) is tests/test_import_properties.py.
"""

from __future__ import annotations

import datetime
import os
import re

from hypothesis import given, settings, strategies as st

from teikit.importer.citations import CitationState, find_citations
from teikit.importer.dates import MONTHS, DateState, find_dates
from teikit.importer.hyphenation import dehyphenate, join_lines, keeps_hyphen

#: raise TEIKIT_FUZZ_EXAMPLES for a deeper run than CI's
FUZZ = settings(max_examples=int(os.environ.get("TEIKIT_FUZZ_EXAMPLES", 120)), deadline=None)

LETTERS = "abcçdefgğhıijklmnoöprsştuüvyzABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZâîû"
PUNCTUATION = list("-–/.,:;()’'\"%&•") + [" - ", ". ", ", ", "; "]
WORDS = ["Mustafa", "Kemal", "Lenin", "Şimşir", "Tansel", "Müderrisoğlu", "ve", "and", "TBMM",
         "G.C.Z.", "Pan-", "Rus", "Hâkimiyet-", "i", "Milliye", "gece", "arasında", "s.",
         *MONTHS]
TOKEN = st.one_of(
    st.sampled_from(WORDS),
    st.integers(0, 2100).map(str),
    st.sampled_from(PUNCTUATION),
    st.text(alphabet=LETTERS + "0123456789-", min_size=1, max_size=8),
)
SEPARATOR = st.sampled_from(["", " ", " ", "-", "/", ".", "\n", "  "])


@st.composite
def texts(draw, max_tokens: int = 30) -> str:
    tokens = draw(st.lists(TOKEN, max_size=max_tokens))
    separators = draw(st.lists(SEPARATOR, min_size=len(tokens), max_size=len(tokens)))
    return "".join(t + s for t, s in zip(tokens, separators))


def squeezed(text: str) -> str:
    """The text without whitespace and hyphens: what hyphenation may never change."""
    return re.sub(r"[\s-]", "", text)


def check_spans(spans, text: str) -> None:
    previous_end = 0
    for span in spans:
        assert 0 <= previous_end <= span.start < span.end <= len(text), (span, text)
        previous_end = span.end
        for child in span.children:
            assert span.start <= child.start < child.end <= span.end, (child, span)


# --------------------------------------------------------------------------- hyphenation

LINES = st.lists(st.one_of(texts(max_tokens=6), texts(max_tokens=6).map(lambda t: t + "-")),
                 min_size=1, max_size=12).map(lambda ls: [l.replace("\n", " ") for l in ls])


@FUZZ
@given(LINES)
def test_join_lines_loses_no_character_but_line_end_hyphens(lines):
    joined = join_lines(lines)
    assert squeezed(joined.text) == squeezed("".join(line.strip() for line in lines))
    removable = sum(1 for line in lines[:-1] if line.strip().endswith("-"))
    source_hyphens = sum(line.strip().count("-") for line in lines)
    assert source_hyphens - removable <= joined.text.count("-") <= source_hyphens
    assert len(joined.line_starts) == len(lines)
    assert joined.line_starts == sorted(joined.line_starts)
    assert all(0 <= offset <= len(joined.text) for offset in joined.word_breaks)


@FUZZ
@given(texts(max_tokens=60))
def test_dehyphenate_keeps_every_letter_and_digit(text):
    assert squeezed(dehyphenate(text)) == squeezed(text)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=6), st.text(max_size=6))
def test_keeps_hyphen_answers_for_any_pair(before, after):
    assert keeps_hyphen(before, after) in (True, False)


def test_a_broken_word_is_joined_and_a_compound_keeps_its_hyphen():
    assert join_lines(["Mustafa Kemal’in baş-", "langıcı"]).text == "Mustafa Kemal’in başlangıcı"
    assert join_lines(["Pan-", "Rus"]).text == "Pan-Rus"


# --------------------------------------------------------------------------- dates

ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def iso_value(value: str) -> tuple:
    assert ISO.match(value), value
    if len(value) == 10:
        datetime.date.fromisoformat(value)  # raises on 31 February
    parts = [int(p) for p in value.split("-")]
    if len(parts) > 1:
        assert 1 <= parts[1] <= 12
    return tuple(parts)


@FUZZ
@given(texts())
def test_find_dates_gives_only_valid_iso_dates(text):
    spans = find_dates(text, DateState())
    check_spans(spans, text)
    for span in spans:
        assert span.tag == "date"
        attrs = span.attrs
        assert ("when" in attrs) != ("from" in attrs and "to" in attrs), attrs
        if "when" in attrs:
            iso_value(attrs["when"])
        else:
            assert iso_value(attrs["from"]) <= iso_value(attrs["to"])
        if "cert" in attrs:
            assert attrs == {**attrs, "cert": "medium", "evidence": "internal"}
        else:
            year = (attrs.get("when") or attrs["from"])[:4]
            assert year in text[span.start:span.end], (attrs, text[span.start:span.end])


@FUZZ
@given(st.dates(datetime.date(1500, 1, 1), datetime.date(2049, 12, 31)), texts(max_tokens=4))
def test_a_printed_turkish_date_becomes_its_iso_day(day, context):
    month = list(MONTHS)[day.month - 1]
    printed = f"{day.day} {month} {day.year}"
    text = f"{context}, {printed} tarihinde"  # the comma: "0- 1 Ocak" would be a day range
    spans = [s for s in find_dates(text, DateState()) if text[s.start:s.end] == printed]
    assert [s.attrs for s in spans] == [{"when": day.isoformat()}]


@FUZZ
@given(st.integers(1500, 2049), st.integers(1, 12), st.integers(1, 27), st.integers(1, 27))
def test_a_day_range_gives_from_and_to(year, month, first, length):
    last = min(first + length, 28)
    if last == first:
        return
    name = list(MONTHS)[month - 1]
    text = f"{first}-{last} {name} {year} arasında"
    spans = find_dates(text, DateState())
    assert [s.attrs for s in spans] == [{
        "from": datetime.date(year, month, first).isoformat(),
        "to": datetime.date(year, month, last).isoformat()}]


# --------------------------------------------------------------------------- citations

@FUZZ
@given(texts())
def test_find_citations_points_only_at_entries_it_made(text):
    state = CitationState(prefix="fz")
    spans = find_citations(text, state)
    check_spans(spans, text)
    for span in spans:
        assert span.tag == "bibl"
        assert span.attrs["corresp"][1:] in state.entries
        for child in span.children:
            if child.tag == "citedRange":
                printed = text[child.start:child.end]
                assert child.attrs["from"] in printed and child.attrs.get("to", "") in printed
    assert all(key.startswith("fz-bib-") for key in state.entries)


SURNAMES = st.sampled_from(["Şimşir", "Tansel", "Müderrisoğlu", "Jaeschke", "Öke", "Gürün"])


@FUZZ
@given(SURNAMES, st.integers(1500, 2049), st.integers(1, 999), texts(max_tokens=5))
def test_a_parenthetical_citation_gives_its_entry_and_page(surname, year, page, context):
    citation = f"{surname}, {year}: {page}"
    text = f"{context.replace('(', '').replace(')', '')} ({citation}) dedi."
    state = CitationState(prefix="fz")
    spans = [s for s in find_citations(text, state) if text[s.start:s.end] == citation]
    assert len(spans) == 1
    entry = state.entries[spans[0].attrs["corresp"][1:]]
    assert (entry.author, entry.year) == (surname, str(year))
    assert [c.attrs for c in spans[0].children] == [{"unit": "page", "from": str(page)}]
