"""The curated Moscow-treaty article (tei/moscow-treaty-1921.xml) as the edition publishes it.

Word equality against the seed text, defined precisely. The seed is plain text extracted
from the article's PDF (``../shared/seeds/article-moscow-treaty-1921.txt``). Its lines are
read as follows (1-based line numbers):

* line 1 ``ÖZET`` and line 23 ``ABSTRACT`` are section labels, not article text: the
  header says the same with ``abstract/@xml:lang``;
* lines 3-19 are the Turkish abstract, lines 25-43 the English one;
* line 21 (``Anahtar Kelimeler: …``) and line 45 (``Keywords: …``) are the keyword lists;
  their labels are not article text (``keywords/@xml:lang`` carries them), their terms are;
* lines 47 to the end are the body, headings included.

Blank lines are dropped and the others joined with the importer's own
:func:`teikit.importer.hyphenation.join_lines`, which undoes line-end hyphenation and
keeps the hyphens that belong to the word. A word is a maximal run of ``\\w``
characters. The source prints no footnotes, so the edition has none.
"""

from __future__ import annotations

import copy
import re
from collections import Counter

import pytest
from lxml import etree

from teikit.validate import validate_paths

from edition_helpers import (XML_ID, XML_LANG, citations, names, paragraph, refs, seed_words,
                             unresolved_refs, untagged_register_forms)
from import_helpers import NS, PROJECT, SEEDS, TEI, TEI_ALL, jing_errors, note_texts, text_without_notes, words

ARTICLE = PROJECT / "tei" / "moscow-treaty-1921.xml"
SEED = SEEDS / "article-moscow-treaty-1921.txt"

# Seed line ranges (1-based, inclusive), see the module docstring.
ABSTRACT_TR, KEYWORDS_TR, ABSTRACT_EN, KEYWORDS_EN, BODY_START = (3, 19), 21, (25, 43), 45, 47
KEYWORD_LABELS = {"tr": "Anahtar Kelimeler:", "en": "Keywords:"}

# Words that begin with a register form but name a people or follower, not the entity.
DEMONYMS = {"Avrupalılar", "Avrupalı", "Azerbaycanlılar", "Enveristler", "Osmanlılardan", "İtalyanlar",
            "İtalyan", "Vandov"}


@pytest.fixture(scope="module")
def root():
    return etree.parse(str(ARTICLE)).getroot()


@pytest.fixture(scope="module")
def seed_lines():
    return SEED.read_text(encoding="utf-8").split("\n")


# ------------------------------------------------------------------ validity

def test_article_is_valid_against_the_project_schema_and_schematron():
    problems = validate_paths([ARTICLE]).problems
    assert [str(p) for p in problems] == []


def test_article_is_valid_against_the_official_tei_all():
    assert jing_errors(ARTICLE, TEI_ALL) == ""


# ------------------------------------------------------------------ words

def test_turkish_abstract_keeps_every_word_in_order(root, seed_lines):
    abstract = root.find(".//t:abstract[@xml:lang='tr']", NS)
    assert words("".join(abstract.itertext())) == seed_words(seed_lines, *ABSTRACT_TR)


def test_english_abstract_keeps_every_word_in_order(root, seed_lines):
    abstract = root.find(".//t:abstract[@xml:lang='en']", NS)
    assert words("".join(abstract.itertext())) == seed_words(seed_lines, *ABSTRACT_EN)


@pytest.mark.parametrize("lang, line", [("tr", KEYWORDS_TR), ("en", KEYWORDS_EN)])
def test_keywords_are_the_printed_terms_in_order(root, seed_lines, lang, line):
    printed = seed_lines[line - 1].replace(KEYWORD_LABELS[lang], "")
    terms = [t.text for t in root.iterfind(f".//t:keywords[@xml:lang='{lang}']/t:term", NS)]
    assert terms == [t.strip(" .") for t in printed.split(",")]


def test_body_words_equal_the_seed_words_with_hyphenation_undone(root, seed_lines):
    body = root.find(".//t:body", NS)
    assert words(text_without_notes(body)) == seed_words(seed_lines, BODY_START, len(seed_lines))


def test_the_source_prints_no_footnotes_and_the_edition_adds_only_its_own_notes(root):
    """The body's only notes are the editors' ambiguity notes, each beside the uncertain name it explains."""
    body_notes = root.findall(".//t:body//t:note", NS)
    assert [(n.get("type"), n.get("place"), n.getprevious().get("cert")) for n in body_notes] == [
        ("ambiguity", None, "low")]
    editorial = root.findall(".//t:back//t:note", NS)
    assert editorial and all(n.get("type") == "editorial" and n.getparent().tag == f"{TEI}bibl" for n in editorial)


def test_the_bare_sakir_is_tagged_uncertain_and_the_note_names_both_candidates(root):
    """mosc-p83 "Cemal ve Şakir Beylerinde": the next paragraph names Dr. Bahattin Şakir and Bekir Şakir."""
    p83 = paragraph(root, "mosc-p83")
    sakir = next(n for n in p83.iterfind(".//t:persName", NS) if n.text == "Şakir")
    assert (sakir.get("ref").partition("#")[2], sakir.get("cert")) == ("per-bahattin-sakir", "low")
    note = "".join(sakir.getnext().itertext())
    assert "Dr. Bahattin Şakir" in note and "Bekir Şakir" in note
    assert "Bahattin Şakir ve Bekir Şakir" in text_without_notes(paragraph(root, "mosc-p84"))


def test_authors_named_without_a_year_link_to_their_work(root):
    assert ("Tevetoğlu", "mosc-bib-tevetoglu-1967") in citation_names(paragraph(root, "mosc-p90"))
    assert ("Tevetoğlu", "mosc-bib-tevetoglu-1967") in citation_names(paragraph(root, "mosc-p88"))
    assert ("Cebesoy", "mosc-bib-cebesoy-2017") in citation_names(paragraph(root, "mosc-p60"))


def test_the_two_forms_of_the_tiçsf_president_are_one_person(root):
    people = names(paragraph(root, "mosc-p88"), "persName")
    assert ("İsmail Namık", "per-namik-ismail") in people and ("Namık İsmail", "per-namik-ismail") in people


def citation_names(element) -> list[tuple[str, str]]:
    """(text before any page, work) of every bibl of *element* that names its author."""
    return [("".join(b.itertext()).split(",")[0].strip(), b.get("corresp").lstrip("#"))
            for b in element.iterfind(".//t:bibl[@corresp]", NS) if b.find("t:citedRange", NS) is None
            or (b.text or "").strip()]


# ------------------------------------------------------------------ header

def test_header_has_both_titles_licence_and_an_honest_source_description(root):
    titles = {t.get(XML_LANG): t.text for t in root.iterfind(".//t:titleStmt/t:title[@type='main']", NS)}
    assert set(titles) == {"tr", "en"} and all(t.startswith("[") for t in titles.values())
    assert root.find(".//t:licence", NS).get("target") == "https://creativecommons.org/licenses/by/4.0/"
    source = "".join(root.find(".//t:sourceDesc/t:bibl", NS).itertext())
    assert "none of them is recorded here" in source
    decl = root.find(".//t:editorialDecl", NS)
    for kind in ("hyphenation", "quotation", "normalization", "interpretation", "segmentation"):
        assert decl.find(f"t:{kind}", NS) is not None, kind
    assert len(root.findall(".//t:revisionDesc/t:change", NS)) >= 2


def test_pages_are_numbered_in_source_order_without_invented_printed_numbers(root):
    # page 1 holds the abstracts (in the header); the body begins on page 2
    assert [pb.get("n") for pb in root.iter(f"{TEI}pb")] == [str(n) for n in range(2, 40)]
    assert root.find(".//t:body", NS)[0].tag == f"{TEI}pb"


# ------------------------------------------------------------------ spot checks of paragraphs

def test_first_section_paragraph_names_dates_and_citations(root):
    p = paragraph(root, "mosc-p4")
    assert ("Koramiral Calthorpe", "per-calthorpe") in names(p, "persName")
    assert ("Hüseyin Rauf (Orbay) Bey", "per-rauf-orbay") in names(p, "persName")
    assert {("İstanbul", "pl-istanbul"), ("Haliç", "pl-halic"), ("Beyoğlu", "pl-beyoglu")} <= set(names(p, "placeName"))
    assert ("Mondros Mütarekesi", "ev-mondros-mutarekesi") in names(p, "name")
    assert [(d.text, d.get("when"), d.get("cert")) for d in p.iter(f"{TEI}date")] == [
        ("30 Ekim 1918", "1918-10-30", None), ("13 Kasım 1918", "1918-11-13", None),
        ("6 Mayıs", "1919-05-06", "medium"), ("15 Mayıs 1919", "1919-05-15", None)]
    assert citations(p) == [("mosc-bib-simsir-2006", [("56", None)]), ("mosc-bib-jaeschke-2011", [("29", None)]),
                            ("mosc-bib-tansel-2019a", [("53", None)]), ("mosc-bib-sonyel-2010", [("27", None)])]


def test_arms_kept_from_the_allies_are_measured(root):
    p = paragraph(root, "mosc-p5")
    found = [(m.get("quantity"), m.get("unit"), m.get("commodity")) for m in p.iter(f"{TEI}measure")]
    assert found == [("515000", "piece", "rifle"), ("252", "piece", "gun"), ("627", "piece", "field-gun"),
                     ("987", "piece", "machine-gun"), ("165927", "box", "ammunition"),
                     ("8000", "piece", "rifle"), ("300", "piece", "machine-gun"), ("5000", "box", "ammunition")]
    night = next(d for d in p.iter(f"{TEI}date") if d.text == "27/28 Ocak 1920")
    assert (night.get("from"), night.get("to")) == ("1920-01-27", "1920-01-28")


def test_narrative_citation_links_name_and_later_page(root):
    p = paragraph(root, "mosc-p5")
    assert ("mosc-bib-muderrisoglu-2018", []) in citations(p)
    assert ("mosc-bib-muderrisoglu-2018", [("37", None)]) in citations(p)


def test_each_later_page_belongs_to_the_author_named_before_it(root):
    assert citations(paragraph(root, "mosc-p111")) == [
        ("mosc-bib-cebesoy-2017", []), ("mosc-bib-cebesoy-2017", [("167", None)]),
        ("mosc-bib-sonyel-2003", []), ("mosc-bib-sonyel-2003", [("43", None)]),
        ("mosc-bib-okyar-2017", []), ("mosc-bib-okyar-2017", [("110", None)]),
        ("mosc-bib-ates-2004", []), ("mosc-bib-ates-2004", [("145", None)])]
    assert [c for c in citations(paragraph(root, "mosc-p130")) if c[1]][:2] == [
        ("mosc-bib-vandov-2014", [("59", None)]), ("mosc-bib-semsutdinov-ve-bagirov-2022", [("46", None)])]


def test_tansel_fourth_volume_is_linked_with_its_pages(root):
    p = paragraph(root, "mosc-p108")
    assert [c for c in citations(p) if c[0] == "mosc-bib-tansel-2019d"] == [
        ("mosc-bib-tansel-2019d", [("63", None)]), ("mosc-bib-tansel-2019d", [("63", "64")]),
        ("mosc-bib-tansel-2019d", [("63", "64")])]
    inferred = [(d.text, d.get("when")) for d in p.iter(f"{TEI}date") if d.get("cert") == "medium"]
    assert ("16", "1920-10-16") in inferred and ("3 Aralık", "1920-12-03") in inferred


def test_assembly_records_are_cited_by_the_date_of_the_sitting(root):
    sittings = [b.find("t:citedRange/t:date", NS).get("when")
                for b in root.iterfind(".//t:body//t:bibl[@corresp='#mosc-bib-tbmm-gcz-1920'][t:citedRange]", NS)]
    assert sittings == ["1920-04-24", "1920-04-24", "1920-05-29", "1920-07-03", "1920-10-16"]


def test_ambiguous_forms_are_decided_by_context(root):
    first = paragraph(root, "mosc-p1")
    assert ("Moskova görüşmeleri", "ev-moskova-gorusmeleri-1920") in names(first, "name")
    second = paragraph(root, "mosc-p116")
    assert ("II. Moskova görüşmeleri", "ev-moskova-konferansi") in names(second, "name")
    assert ("Türkiye Komünist Partisi", "org-tkp-ankara") in names(paragraph(root, "mosc-p87"), "orgName")
    assert ("Türkiye Komünist Partisi", "org-tkp-baku") in names(paragraph(root, "mosc-p103"), "orgName")
    assert ("Kamenev", "per-kamenev-ordu") in names(paragraph(root, "mosc-p60"), "persName")


def test_case_suffixes_stay_outside_the_tags(root):
    lenin = [e for e in root.iter(f"{TEI}persName") if e.text == "Lenin"]
    assert lenin and any((e.tail or "").startswith("’e") for e in lenin)
    glued = [e for e in root.iter(f"{TEI}placeName") if e.text == "Kafkaslar"]
    assert {(e.tail or "")[:1] for e in glued} >= {"a", "ı"}


def test_method_section_links_the_works_it_lists(root):
    works = paragraph(root, "mosc-p2").getnext()
    assert works.tag == f"{TEI}p", "the list of works is running text, not a quotation"
    linked = [b.get("corresp")[1:] for b in works.iterfind("t:bibl", NS)]
    assert linked[:3] == ["mosc-bib-cebesoy-2017", "mosc-bib-biyiklioglu-1959", "mosc-bib-gurun-1991"]
    first = works.find("t:bibl/t:title", NS)
    assert "".join(first.itertext()) == "Moskova Anıları"
    assert ("Moskova", "pl-moskova") in names(first, "placeName"), "names inside titles are tagged too"


def test_treaty_articles_are_a_numbered_list(root):
    items = root.findall(".//t:list[@type='numbered']/t:item", NS)
    assert [i.get("n") for i in items] == ["1", "2", "3", "4", "5", "6", "7", "8", "9-14", "15", "16"]
    assert ("Sevr Antlaşması", "ev-sevr-antlasmasi") in names(items[0], "name")


# ------------------------------------------------------------------ counts

# the counts of the curated file: losing any tag fails the test
MINIMUM = {"persName": 383, "placeName": 520, "orgName": 190, "name": 109, "date": 206,
           "bibl[@corresp]": 231, "measure": 43, "cit": 14}


@pytest.mark.parametrize("what, minimum", MINIMUM.items())
def test_tagging_counts_do_not_fall(root, what, minimum):
    assert len(root.findall(f".//t:text//t:{what}", NS)) >= minimum


def test_every_date_carries_an_iso_value_and_inferred_years_say_so(root):
    dates = list(root.iter(f"{TEI}date"))[1:]  # the first is the publication date
    iso = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
    for d in dates:
        values = [d.get("when")] if d.get("when") else [d.get("from"), d.get("to")]
        assert all(v and iso.match(v) for v in values), etree.tostring(d)
        if not re.search(r"\d{4}", "".join(d.itertext())):
            assert (d.get("cert"), d.get("evidence")) == ("medium", "internal"), etree.tostring(d)
    assert sum(d.get("cert") == "medium" for d in dates) >= 26


def test_every_measure_is_normalised(root):
    for m in root.iter(f"{TEI}measure"):
        assert m.get("unit") and m.get("commodity")
        digits = re.search(r"\d", m.text) and "-" not in m.text
        if digits:
            assert float(m.get("quantity")) > 0


# ------------------------------------------------------------------ links

def test_every_ref_resolves_to_an_entry_of_the_right_register(root):
    assert len(refs(root)) > 1000
    assert unresolved_refs(root) == []


def test_every_citation_resolves_and_every_work_is_cited(root):
    listed = Counter(b.get(XML_ID) for b in root.iterfind(".//t:back//t:listBibl/t:bibl", NS))
    assert max(listed.values()) == 1 and len(listed) == 66
    cited = {b.get("corresp")[1:] for b in root.iterfind(".//t:text/t:body//t:bibl[@corresp]", NS)}
    assert cited == set(listed)


def test_every_register_form_printed_in_the_text_is_tagged(root):
    """The article's words, not the editors' ambiguity notes (which name the candidates in prose)."""
    text = copy.deepcopy(root.find(".//t:text", NS))
    for note in text.findall(".//t:note[@type='ambiguity']", NS):
        note.getparent().remove(note)  # its tail went with it: the test of words keeps the whole text
    holders = [text, *root.iterfind(".//t:abstract", NS)]
    assert untagged_register_forms(holders, DEMONYMS) == []
