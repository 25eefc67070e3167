"""Property: any text the importer accepts becomes a well-formed draft that keeps its words.

Generated sources mix the traps of the seeds: leading spaces (page starts), hyphens at
line ends, blank lines, bullets, ``1. Madde`` lines, headings, dates, citations, lines of
spaces followed by footnotes. The words of the draft's body and notes, with the
bibliography and header left out, must be the source's words after hyphenation is
undone, minus footnote numbers and markers (digits), in the same multiset. (A line
ending in a hyphen before a blank line is ambiguous -- hyphenation or paragraph end --
so the generator ends such lines with a dash instead.)
"""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import HealthCheck, given, settings, strategies as st
from lxml import etree

from teikit.importer import Options, import_lines
from teikit.importer.hyphenation import join_lines

from import_helpers import NS, TEI, note_texts, text_without_notes, words

TOKENS = ["Samsun’dan", "Mustafa", "Kemal", "ve", "bir", "iş-", "Pan-", "Rus", "1919", "19 Mayıs 1919",
          "(Şimşir, 2006: 56).", "(37)", "Lenin", "•", "1. Madde", "GİRİŞ", "2. BAŞLIK", "Ekim 1917",
          "27/28 Ocak 1920", "10.000 tüfek", "şu:", "olmuştur.", "(TBMM G.C.Z., 24 Nisan 1920)",
          "Öz", "Abstract", "Müderrisoğlu (2018)", "1917-1925", "-", "%18-", "’e"]
LINE = st.one_of(
    st.lists(st.sampled_from(TOKENS), min_size=1, max_size=9).map(" ".join),
    st.just(""), st.just(" " * 54), st.just("1  Dipnot metni burada."))
PREFIX = st.sampled_from(["", " ", "  ", ""])


@st.composite
def sources(draw):
    lines = draw(st.lists(st.tuples(PREFIX, LINE), min_size=1, max_size=40))
    text = [prefix + line if line.strip() else line for prefix, line in lines]
    for i in range(len(text) - 1):  # a hyphen before a paragraph break is not a hyphenation
        if text[i].rstrip().endswith("-") and not text[i + 1].strip():
            text[i] = text[i].rstrip()[:-1] + "–"
    if not any(re.search(r"[^\W\d_]", line) for line in text):
        text.append("Son satır.")
    return text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sources())
def test_any_source_gives_a_well_formed_draft_with_every_word(tmp_path_factory, lines):
    out = tmp_path_factory.mktemp("p") / "tei" / "x.xml"
    result = import_lines(lines, Options(prefix="x", output=out))
    root = etree.fromstring(result.to_bytes())
    assert all(el.tag.startswith(TEI) for el in root.iter(etree.Element))
    body_source = [l for no, l in enumerate(lines, 1) if l.strip() and no not in result.footnote_lines]
    note_source = [lines[no - 1] for no in sorted(result.footnote_lines)]
    _same_words(words(join_lines(body_source).text) if body_source else [], _kept_words(root))
    notes = words(join_lines(note_source).text) if note_source else []
    _same_words(notes, words(" ".join(note_texts(root))))


def _kept_words(root) -> list[str]:
    """Words of the body without notes, the abstracts, found titles and keywords."""
    kept = words(text_without_notes(root.find(".//t:body", NS)))
    for abstract in root.iterfind(".//t:profileDesc/t:abstract", NS):
        kept += words(text_without_notes(abstract))
    kept += [w for t in root.iterfind(".//t:titleStmt/t:title", NS)
             if not t.text.startswith("[title not found") for w in words(t.text)]
    kept += [w for t in root.iterfind(".//t:keywords/t:term", NS) for w in words(t.text)]
    return kept


def _same_words(source: list[str], kept: list[str]) -> None:
    """Same multiset, but for digits (note numbers, markers) and keyword labels."""
    missing = Counter(source) - Counter(kept)
    extra = Counter(kept) - Counter(source)
    assert all(w.isdigit() or w in ("Anahtar", "Kelimeler", "Keywords") for w in missing), missing
    assert not extra, extra
