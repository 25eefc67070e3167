"""The curated Turkish-diplomats article (tei/turkish-diplomats-1917-1925.xml) as the edition publishes it.

Word equality against the seed text, defined precisely. The seed is plain text extracted
from the article's PDF (``../shared/seeds/article-turkish-diplomats-1917-1925.txt``), double
spaced. Its lines are read as follows (1-based line numbers):

* line 1 (``● ● ●``) is an ornament, line 3 ``Öz`` and line 31 ``Abstract`` are section
  labels: none of them is article text (``abstract/@xml:lang`` says what the labels say);
* lines 5-21 are the Turkish abstract, lines 33-51 the English one;
* line 23 (``Anahtar Sözcükler: …``) is the keyword list; its label is not article text
  (``keywords/@xml:lang`` carries it), its terms are. The article prints no English keywords;
* lines 27-29 are the English title and lines 52-53 the Turkish title (top of page 2): the
  header's ``titleStmt`` holds them;
* lines 110-114 are the unnumbered footnote on the title, which the header keeps in
  ``sourceDesc`` as a ``note`` on the title;
* lines 1347-1349 are footnote 1 (``1  Tevfik Rüştü …``), whose leading ``1`` is its number
  (``note/@n``), and its marker is the ``1`` glued to ``2010b:33)1`` on line 1290;
* lines 54 to the end, without those two footnotes, are the body, headings included.

Blank lines (and the lines of spaces over each footnote) are dropped and the others joined with
the importer's own :func:`teikit.importer.hyphenation.join_lines`, which undoes line-end
hyphenation and keeps the hyphens that belong to the word. A word is a maximal run of
``\\w`` characters.
"""

from __future__ import annotations

from collections import Counter

import pytest
from lxml import etree

from teikit.validate import validate_paths

from edition_helpers import (XML_ID, XML_LANG, bad_dates, citations, dates, event_type_mismatches, names, paragraph,
                             refs, seed_words, unresolved_refs, untagged_register_forms)
from import_helpers import NS, PROJECT, SEEDS, TEI, TEI_ALL, jing_errors, note_texts, text_without_notes, words

ARTICLE = PROJECT / "tei" / "turkish-diplomats-1917-1925.xml"
SEED = SEEDS / "article-turkish-diplomats-1917-1925.txt"

# Seed line ranges (1-based, inclusive), see the module docstring.
ABSTRACT_TR, KEYWORDS_TR, TITLE_EN, ABSTRACT_EN, TITLE_TR = (5, 21), 23, (27, 29), (33, 51), (52, 53)
TITLE_NOTE, FOOTNOTE_1, BODY_START = (110, 114), (1347, 1349), 54
FOOTNOTE_MARKER = (1290, "2010b:33)1 de", "2010b:33) de")
KEYWORD_LABEL = "Anahtar Sözcükler:"

# Words that begin with a register form but name a people, or an adjective, not the entity.
DEMONYMS = {"Osmanlılar", "Ukraynalıların", "Azerbaycanlıların", "Asyalı", "Russian"}
# Common words that begin with a register form ("Aras").
COMMON_WORDS = {"Arasındaki"}


@pytest.fixture(scope="module")
def root():
    return etree.parse(str(ARTICLE)).getroot()


@pytest.fixture(scope="module")
def seed_lines():
    lines = SEED.read_text(encoding="utf-8").split("\n")
    number, printed, without_marker = FOOTNOTE_MARKER
    assert printed in lines[number - 1]
    lines[number - 1] = lines[number - 1].replace(printed, without_marker)
    return lines


def body_seed_words(lines: list[str]) -> list[str]:
    """The body's lines: from BODY_START to the end without the two footnotes."""
    skip = set(range(TITLE_NOTE[0], TITLE_NOTE[1] + 1)) | set(range(FOOTNOTE_1[0], FOOTNOTE_1[1] + 1))
    kept = [line if n not in skip else "" for n, line in enumerate(lines, 1)]
    return seed_words(kept, BODY_START, len(kept))


# ------------------------------------------------------------------ validity

def test_article_is_valid_against_the_project_schema_and_schematron():
    problems = validate_paths([ARTICLE]).problems
    assert [str(p) for p in problems] == []


def test_article_is_valid_against_the_official_tei_all():
    assert jing_errors(ARTICLE, TEI_ALL) == ""


# ------------------------------------------------------------------ words

@pytest.mark.parametrize("lang, lines", [("tr", ABSTRACT_TR), ("en", ABSTRACT_EN)])
def test_abstracts_keep_every_word_in_order(root, seed_lines, lang, lines):
    abstract = root.find(f".//t:abstract[@xml:lang='{lang}']", NS)
    assert words("".join(abstract.itertext())) == seed_words(seed_lines, *lines)


def test_keywords_are_the_printed_terms_in_order(root, seed_lines):
    printed = seed_lines[KEYWORDS_TR - 1].replace(KEYWORD_LABEL, "")
    terms = [t.text for t in root.iterfind(".//t:keywords[@xml:lang='tr']/t:term", NS)]
    assert terms == [t.strip(" .") for t in printed.split(",")]
    assert root.find(".//t:keywords[@xml:lang='en']", NS) is None, "the article prints no English keywords"


@pytest.mark.parametrize("lang, lines", [("tr", TITLE_TR), ("en", TITLE_EN)])
def test_titles_are_the_printed_ones(root, seed_lines, lang, lines):
    title = root.find(f".//t:titleStmt/t:title[@type='main'][@xml:lang='{lang}']", NS)
    assert words(title.text) == seed_words(seed_lines, *lines)


def test_title_footnote_is_kept_word_for_word_as_a_note_on_the_title(root, seed_lines):
    note = root.find(".//t:sourceDesc/t:bibl/t:note[@type='source']", NS)
    assert note.get("n") == "*"
    assert words("".join(note.itertext())) == seed_words(seed_lines, *TITLE_NOTE)


def test_body_words_equal_the_seed_words_with_hyphenation_undone(root, seed_lines):
    body = root.find(".//t:body", NS)
    assert words(text_without_notes(body)) == body_seed_words(seed_lines)


def test_the_numbered_footnote_keeps_its_words_and_stands_at_its_marker(root, seed_lines):
    notes = root.findall(".//t:body//t:note", NS)
    assert [(n.get("n"), n.get(XML_ID)) for n in notes] == [("1", "dipl-n1")]
    assert words(note_texts(notes[0].getparent())[0]) == seed_words(seed_lines, *FOOTNOTE_1)[1:]
    marker = notes[0].getprevious()
    assert marker.get("corresp") == "#dipl-bib-aras-2010b" and marker.tail == ")"


# ------------------------------------------------------------------ header

def test_header_has_both_titles_licence_and_an_honest_source_description(root):
    titles = {t.get(XML_LANG) for t in root.iterfind(".//t:titleStmt/t:title[@type='main']", NS)}
    assert titles == {"tr", "en"}
    assert root.find(".//t:licence", NS).get("target") == "https://creativecommons.org/licenses/by/4.0/"
    source = "".join(root.find(".//t:sourceDesc/t:bibl/t:note[@type='editorial']", NS).itertext())
    assert "none of them is recorded here" in source
    decl = root.find(".//t:editorialDecl", NS)
    for kind in ("correction", "hyphenation", "quotation", "normalization", "interpretation", "segmentation"):
        assert decl.find(f"t:{kind}", NS) is not None, kind
    assert len(root.findall(".//t:revisionDesc/t:change", NS)) >= 2


def test_pages_are_numbered_in_source_order_without_invented_printed_numbers(root):
    # page 1 holds the abstracts (in the header); the body begins on page 2; 30 pages in all
    assert [pb.get("n") for pb in root.iter(f"{TEI}pb")] == [str(n) for n in range(2, 31)]
    assert root.find(".//t:body", NS)[0].tag == f"{TEI}pb"
    assert root.find(".//t:sourceDesc//t:biblScope", NS).get("to") == "30"


def seed_paragraph_starts(lines: list[str]) -> list[list[str]]:
    """First three words of each body paragraph the seed marks for certain.

    Two or more empty lines, or a line ending in two spaces, end a paragraph (a short last line
    may too, but that is the importer's guess, not a mark). Footnotes, with the line of spaces
    over each, are left out without counting as empty lines: the paragraph runs on under them.
    """
    notes = set(range(TITLE_NOTE[0] - 1, TITLE_NOTE[1] + 1)) | set(range(FOOTNOTE_1[0] - 1, FOOTNOTE_1[1] + 1))
    starts, inside, empty = [], False, 0
    for number, line in enumerate(lines[BODY_START - 1:], BODY_START):
        if number in notes:
            continue
        if not line.strip():
            empty += 1
            inside = inside and empty < 2
            continue
        if not inside:
            starts.append(words(line)[:3])
        inside, empty = not line.endswith("  "), 0
    return starts


def test_every_paragraph_the_seed_marks_starts_a_block(root, seed_lines):
    blocks = [words(text_without_notes(b)) for b in root.find(".//t:body", NS).iter(
        f"{TEI}p", f"{TEI}head", f"{TEI}item")]
    starts = seed_paragraph_starts(seed_lines)
    assert len(starts) > 60
    merged = [s for s in starts if not any(b[:len(s)] == s or (b and s[:len(b)] == b) for b in blocks)]
    assert merged == []


def test_a_paragraph_indent_is_not_read_as_a_page(root):
    # seed line 834 starts a paragraph with one space right after a paragraph ends: not a page
    p = next(p for p in root.iter(f"{TEI}p") if "".join(p.itertext()).startswith("Türk Milli Mücadelesi"))
    previous = p.getprevious()
    assert previous.tag == f"{TEI}p" and previous.find(f"{TEI}pb") is None


# ------------------------------------------------------------------ spot checks of paragraphs

def test_stockholm_paragraph_names_dates_and_citations(root):
    p = paragraph(root, "dipl-p13")
    assert {("Sefir Cevad Bey", "per-cevad-bey"), ("Esat Cemal (Paker) Bey", "per-esat-cemal-paker"),
            ("Aleksandr Kerenski", "per-kerenski")} <= set(names(p, "persName"))
    assert {("Stockholm", "pl-stockholm"), ("Petersburg", "pl-petersburg"), ("Kars", "pl-kars")} <= set(
        names(p, "placeName"))
    assert ("İsveç Kızılhaç Cemiyeti", "org-isvec-kizilhac") in names(p, "orgName")
    assert ("Brest-Litovsk Antlaşması", "ev-brest-litovsk-antlasmasi") in names(p, "name")
    assert dates(p) == [("27 Ocak 1917", "1917-01-27", None, None, None)]
    assert citations(p) == [("dipl-bib-kurat-1990", [("317", "318")]), ("dipl-bib-paker-2001", [("106", None)])]


def test_years_taken_from_the_narrative_are_marked_inferred(root):
    # Bekir Sami's mission reached Moscow in July 1920 (dipl-p34), so his 4 August is 1920
    assert dates(paragraph(root, "dipl-p32"))[0] == ("4 Ağustos", "1920-08-04", None, None, "medium")
    assert dates(paragraph(root, "dipl-p34")) == [("19 Temmuz 1920", "1920-07-19", None, None, None),
                                                 ("24 Temmuz", "1920-07-24", None, None, "medium")]
    assert ("1924 Eylül", "1924-09", None, None, None) in dates(paragraph(root, "dipl-p86"))


def test_a_century_is_a_range_of_years(root):
    assert dates(paragraph(root, "dipl-p6"))[0] == ("17.Yüzyıl", None, "1601", "1700", None)


def test_a_night_is_a_range_of_two_days(root):
    assert ("22-23 Şubat 1921", None, "1921-02-22", "1921-02-23", None) in dates(paragraph(root, "dipl-p77"))


def test_glued_suffixes_stay_outside_the_tags(root):
    p = paragraph(root, "dipl-p36")
    glued = [e for e in p.iter(f"{TEI}orgName") if e.text == "Bolşevikler"]
    assert [(e.tail or "")[:2] for e in glued] == [" h", "in", "in", "in"]
    treaty = p.find("t:name[@type='treaty']", NS)
    assert (treaty.get("ref").split("#")[1], treaty.find("t:date", NS).get("when"), treaty.tail[:3]) == (
        "ev-moskova-antlasmasi", "1921", "’nd")


def test_a_title_with_a_glued_suffix_is_tagged_with_the_name(root):
    # "Ali Fuat Paşaya", "Bekir Sami Beyin": the register form includes the title
    titled = {(e.text, e.tail[:2]) for e in root.iter(f"{TEI}persName")
              if e.text and e.text.endswith((" Bey", " Paşa")) and e.tail and e.tail[:1].isalpha()}
    assert {("Ali Fuat Paşa", "ya"), ("Bekir Sami Bey", "in"), ("Talat Paşa", "yı")} <= titled


def test_ambiguous_forms_are_decided_by_context(root):
    assert ("İnönü", "pl-inonu") in names(paragraph(root, "dipl-p40"), "placeName")
    assert ("Kamenev", "per-kamenev") in names(paragraph(root, "dipl-p74"), "persName")
    p75 = paragraph(root, "dipl-p75")
    assert ("Brest-Litovsk", "pl-brest-litovsk") in names(p75, "placeName")
    assert ("Şuralar Meclisi", "org-suralar-meclisi") in names(p75, "orgName")
    assert ("Brest-Litovsk", "ev-brest-litovsk-antlasmasi") in names(paragraph(root, "dipl-p49"), "name")
    assert ("Moskova görüşmeleri", "ev-moskova-konferansi") in names(paragraph(root, "dipl-p77"), "name")


def test_the_soviet_state_after_the_second_world_war_is_the_ussr(root):
    """dipl-p84: Stalin's claim after WWII made "Sovyetler" look no different from Tsarist Russia."""
    assert names(paragraph(root, "dipl-p84"), "placeName")[:2] == [("Sovyetler", "pl-sovyet-rusya"),
                                                                  ("Türkiye", "pl-turkiye")]
    assert ("Sovyetler", "pl-sscb") in names(paragraph(root, "dipl-p84"), "placeName")


@pytest.mark.parametrize("pid, form", [("dipl-p48", "Gürün"), ("dipl-p53", "Gürün"), ("dipl-p63", "Gürün"),
                                       ("dipl-p82", "K. Gürün")])
def test_gurun_named_without_a_year_links_to_the_only_work_the_article_cites(root, pid, form):
    linked = [b.text for b in paragraph(root, pid).iterfind("t:bibl[@corresp='#dipl-bib-gurun-2010']", NS)]
    assert form in linked


def test_nikolay_kres_is_krestinski(root):
    assert names(paragraph(root, "dipl-p69"), "persName").count(("Nikolay Kres", "per-krestinski")) == 1


def test_the_1925_treaty_paragraph_links_narrative_and_parenthetical_citations(root):
    p = paragraph(root, "dipl-p86")
    assert citations(p) == [("dipl-bib-inonu-1998", [("243", None)]), ("dipl-bib-gurun-2010", []),
                            ("dipl-bib-gurun-2010", [("113", None)]), ("dipl-bib-gurun-2010", [("109", None)])]
    assert p.find("t:bibl[@corresp='#dipl-bib-gurun-2010']", NS).text == "Kamuran Gürün"
    assert ("İsmet Paşa", "per-ismet-inonu") in names(p, "persName")
    assert names(p, "name").count(("1925 Antlaşması", "ev-tarafsizlik-antlasmasi-1925")) == 2


def test_aid_promised_in_1921_is_measured(root):
    found = [(m.get("quantity"), m.get("unit"), m.get("commodity"))
             for m in paragraph(root, "dipl-p68").iter(f"{TEI}measure")]
    assert found == [("10000000", "rouble", "money"), ("1200000", "gold-lira", "gold"),
                     (None, "piece", "cartridge"), (None, "piece", "rifle")]  # "birkaç": no number printed


def test_the_policy_list_keeps_its_six_items_and_measures_the_arms(root):
    items = root.findall(".//t:list[@type='bulleted']/t:item", NS)
    assert len(items) == 6
    assert ("Misak-i Milli", "ev-misak-i-milli") in names(items[0], "name")
    arms = items[3].find("t:measure", NS)
    assert (arms.text, arms.get("quantity"), arms.get("commodity")) == ("yüz bin silah", "100000", "arms")


# ------------------------------------------------------------------ counts

# the counts of the curated file: losing any tag fails the test
MINIMUM = {"persName": 293, "placeName": 444, "orgName": 145, "name": 92, "date": 73,
           "bibl[@corresp]": 100, "measure": 10, "list": 1, "note[@place='foot']": 1, "pb": 29}


@pytest.mark.parametrize("what, minimum", MINIMUM.items())
def test_tagging_counts_do_not_fall(root, what, minimum):
    assert len(root.findall(f".//t:text/t:body//t:{what}", NS)) >= minimum


def test_every_date_carries_an_iso_value_and_inferred_years_say_so(root):
    assert bad_dates(root) == []
    assert sum(d.get("cert") == "medium" for d in root.iter(f"{TEI}date")) >= 4


def test_every_measure_is_normalised(root):
    for m in root.iter(f"{TEI}measure"):
        assert m.get("unit") and m.get("commodity")
        if m.get("quantity") is not None:
            assert float(m.get("quantity")) > 0
        else:
            assert "birkaç" in m.text or "kırk elli" in m.text, etree.tostring(m)


# ------------------------------------------------------------------ links

def test_every_ref_resolves_to_an_entry_of_the_right_register(root):
    assert len(refs(root)) > 900
    assert unresolved_refs(root) == []


def test_event_names_carry_the_type_of_their_event(root):
    assert len(root.findall(".//t:body//t:name", NS)) >= 90
    assert event_type_mismatches(root) == []


def test_every_citation_resolves_and_every_work_is_cited(root):
    listed = Counter(b.get(XML_ID) for b in root.iterfind(".//t:back//t:listBibl/t:bibl", NS))
    assert max(listed.values()) == 1 and len(listed) == 24
    cited = {b.get("corresp")[1:] for b in root.iterfind(".//t:text/t:body//t:bibl[@corresp]", NS)}
    assert cited == set(listed)


def test_bibliography_points_at_the_registers_from_the_article(root):
    authors = [a.get("ref") for a in root.iterfind(".//t:back//t:author[@ref]", NS)]
    assert authors and all(r.startswith("register/persons.xml#") for r in authors)


def test_every_register_form_printed_in_the_text_is_tagged(root):
    holders = [root.find(".//t:text", NS), *root.iterfind(".//t:abstract", NS)]
    assert untagged_register_forms(holders, DEMONYMS | COMMON_WORDS) == []
