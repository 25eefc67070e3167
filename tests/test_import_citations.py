"""Author–date citations to bibl/citedRange, and the bibliography built from them."""

from __future__ import annotations

from hypothesis import given, strategies as st

from teikit.importer.citations import CitationState, find_citations


def cite(text: str, state: CitationState | None = None):
    state = state or CitationState("mosc")
    spans = find_citations(text, state)
    return [(text[s.start:s.end], s.attrs["corresp"],
             [(text[c.start:c.end], c.tag, c.attrs) for c in s.children]) for s in spans], state


def test_parenthetical_citation_with_a_page():
    found, state = cite("Haliç işgal edilmiştir (Şimşir, 2006: 56).")
    assert found == [("Şimşir, 2006: 56", "#mosc-bib-simsir-2006",
                      [("56", "citedRange", {"unit": "page", "from": "56"})])]
    entry = state.entries["mosc-bib-simsir-2006"]
    assert (entry.author, entry.year, entry.suffix) == ("Şimşir", "2006", "")


def test_two_references_in_one_parenthesis_and_a_spaced_suffix():
    found, state = cite("(Jaeschke, 2011: 29; Tansel, 2019 a: 53)")
    assert [f[:2] for f in found] == [("Jaeschke, 2011: 29", "#mosc-bib-jaeschke-2011"),
                                      ("Tansel, 2019 a: 53", "#mosc-bib-tansel-2019a")]
    assert state.entries["mosc-bib-tansel-2019a"].suffix == "a"


def test_glued_suffix_and_several_pages():
    found, _ = cite("(Aras, 2010b:131,209)")
    assert found == [("Aras, 2010b:131,209", "#mosc-bib-aras-2010b",
                      [("131", "citedRange", {"unit": "page", "from": "131"}),
                       ("209", "citedRange", {"unit": "page", "from": "209"})])]


def test_page_range_has_from_and_to():
    found, _ = cite("(Cebesoy, 2017: 196-197)")
    assert found[0][2] == [("196-197", "citedRange", {"unit": "page", "from": "196", "to": "197"})]


def test_narrative_citation_and_its_later_page():
    found, _ = cite("Müderrisoğlu (2018), teslim edilmeyen ağır top sayısını 233 olarak ifade etmektedir (37).")
    assert found == [("Müderrisoğlu (2018)", "#mosc-bib-muderrisoglu-2018", []),
                     ("37", "#mosc-bib-muderrisoglu-2018",
                      [("37", "citedRange", {"unit": "page", "from": "37"})])]


def test_narrative_citation_with_a_case_suffix():
    found, _ = cite("Şimşir’e (2006) göre, Karal tam bağımsızlık")
    assert found == [("Şimşir’e (2006)", "#mosc-bib-simsir-2006", [])]


def test_archival_citation_cites_its_sitting_as_a_dated_document():
    state = CitationState("mosc")
    text = "(TBMM G.C.Z., 24 Nisan 1920)"
    [span] = find_citations(text, state)
    assert (text[span.start:span.end], span.attrs) == ("TBMM G.C.Z., 24 Nisan 1920",
                                                       {"corresp": "#mosc-bib-tbmm-gcz-1920"})
    [cited] = span.children
    assert (text[cited.start:cited.end], cited.tag, cited.attrs) == \
        ("24 Nisan 1920", "citedRange", {"unit": "document"})
    assert [(c.tag, c.attrs) for c in cited.children] == [("date", {"when": "1920-04-24"})]
    assert state.entries["mosc-bib-tbmm-gcz-1920"].archival


def test_suffix_beyond_c():
    found, _ = cite("(Tansel, 2019 d: 63-64)")
    assert found[0][1] == "#mosc-bib-tansel-2019d"


def test_pages_after_a_semicolon_belong_to_the_reference_before():
    found, _ = cite("(Bıyıklıoğlu, 1959: 18; 66)")
    assert found == [("Bıyıklıoğlu, 1959: 18; 66", "#mosc-bib-biyiklioglu-1959",
                      [("18", "citedRange", {"unit": "page", "from": "18"}),
                       ("66", "citedRange", {"unit": "page", "from": "66"})])]


def test_two_authors_joined_by_ve():
    found, _ = cite("(Şemsutdinov ve Bagirov, 2022: 7)")
    assert found[0][1] == "#mosc-bib-semsutdinov-ve-bagirov-2022"


def test_year_range_in_parentheses_is_not_a_page():
    found, _ = cite("Lee (2004) der ki Mustafa Kemal (1920-1921) döneminde")
    assert [f[0] for f in found] == ["Lee (2004)"]


def test_a_treaty_followed_by_its_year_is_not_a_narrative_citation():
    found, state = cite("Çiçerin, Antlaşma’nın (1921) imzalanması ve")
    assert found == [] and not state.entries


def test_parenthesis_that_is_not_a_citation_is_left_alone():
    found, _ = cite("Rus Sosyalist Federe Sovyet Cumhuriyeti (RSFSC) ve Halil (Kut) Paşa")
    assert found == []


def test_every_work_cited_is_one_bibliography_entry():
    _, state = cite("(Okyar, 2017: 37). Okyar (2017) der ki (6-7). (Okyar, 2017: 59)")
    assert list(state.entries) == ["mosc-bib-okyar-2017"]
    assert state.count == 4


PIECE = st.sampled_from(["(", ")", ";", ":", ",", " ", "Şimşir", "Tansel", "ve", "2006", "2019",
                         "a", "b", "56", "53-54", "TBMM", "G.C.Z.", "24 Nisan 1920", "’e"])


@given(st.lists(PIECE, max_size=20).map("".join))
def test_any_text_gives_spans_inside_the_text_with_known_entries(text):
    state = CitationState("x")
    for span in find_citations(text, state):
        assert 0 <= span.start < span.end <= len(text)
        assert span.attrs["corresp"][1:] in state.entries
        for child in span.children:
            assert span.start <= child.start < child.end <= span.end


def test_a_page_belongs_to_the_narrative_citation_before_it_not_a_later_one():
    found, _ = cite("Cebesoy (2017), zafer etkili olmuştur (167). Ateş’e (2004) göre, olumlu olmuştur (145).")
    assert [(f[0], f[1]) for f in found] == [("Cebesoy (2017)", "#mosc-bib-cebesoy-2017"),
                                             ("167", "#mosc-bib-cebesoy-2017"),
                                             ("Ateş’e (2004)", "#mosc-bib-ates-2004"),
                                             ("145", "#mosc-bib-ates-2004")]


def test_page_only_citation_goes_to_the_nearest_preceding_author_not_the_last_of_the_paragraph():
    text = ("Cebesoy (2017) der ki (167). Sonyel (2003) de ekler (43), "
            "oysa Okyar (2017) başka görür.")
    found, _ = cite(text)
    assert [(f[0], f[1]) for f in found] == [("Cebesoy (2017)", "#mosc-bib-cebesoy-2017"),
                                             ("167", "#mosc-bib-cebesoy-2017"),
                                             ("Sonyel (2003)", "#mosc-bib-sonyel-2003"),
                                             ("43", "#mosc-bib-sonyel-2003"),
                                             ("Okyar (2017)", "#mosc-bib-okyar-2017")]


def test_year_suffix_d_after_a_space_with_a_single_page():
    found, state = cite("(Tansel, 2019 d: 63)")
    assert found == [("Tansel, 2019 d: 63", "#mosc-bib-tansel-2019d",
                      [("63", "citedRange", {"unit": "page", "from": "63"})])]
    assert state.entries["mosc-bib-tansel-2019d"].suffix == "d"
