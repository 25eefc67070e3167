"""xslt/print.xsl run directly through saxonche on small fixtures: golden files + what a printer gets.

Golden files live in tests/golden/print/<fixture>.html; generated ids (``b-d1e23``,
``fn-d1e40``, which depend on Saxon's node numbering) are replaced by ``GEN`` before
comparing. After a deliberate change of the stylesheet, regenerate them with
``TEIKIT_UPDATE_GOLDEN=1 python -m pytest tests/test_xslt_print.py`` and review the diff.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from teikit.render.saxon import call_template, to_xdm
from teikit.xmlio import parse
from golden_helpers import assert_matches_golden

HERE = Path(__file__).parent
EDITION = HERE / "fixtures" / "edition"
PRINT = HERE / "fixtures" / "print"
GOLDEN = HERE / "golden" / "print"

#: golden case -> the article files of the volume
CASES = {
    "sample-edition": [EDITION / "sample-article.xml"],
    "blocks-inside-inline": [PRINT / "blocks-inside-inline.xml"],
    "turkish-order": [PRINT / "turkish-order" / "turkish-order.xml"],
}


def volume(articles: list[Path], **params) -> str:
    """What teikit.render.print gives print.xsl: the articles and their register files."""
    registers = sorted({r for a in articles for r in (a.parent / "register").glob("*.xml")})
    return call_template("print.xsl", {
        "articles": [to_xdm(parse(a, lenient_ids=True), a.resolve().as_uri()) for a in articles],
        "registers": [to_xdm(parse(r)) for r in registers],
        **params,
    })


def tree(articles: list[Path], **params):
    return lxml_html.document_fromstring(volume(articles, **params))


def without_generated_ids(html: str) -> str:
    return re.sub(r"\b(b|fn|fnref-fn)-d\d+e\d+\b", r"\1-GEN", html)


@pytest.mark.parametrize("case", sorted(CASES))
def test_volume_matches_golden_file(case: str) -> None:
    assert_matches_golden(GOLDEN / f"{case}.html", without_generated_ids(volume(CASES[case])))


# ---------------------------------------------------------------- the sample edition

@pytest.fixture(scope="module")
def sample():
    return tree(CASES["sample-edition"])


def test_head_carries_what_becomes_pdf_metadata(sample) -> None:
    assert sample.get("lang") == "tr"
    assert sample.findtext(".//head/title") == "Örnek Makale: Moskova Antlaşması"
    meta = {m.get("name"): m.get("content") for m in sample.iter("meta") if m.get("name")}
    assert meta["author"] == "Ayşe Örnek"
    assert meta["keywords"] == "Türkiye, Rusya, Turkey, Russia"
    assert meta["dcterms.created"] == "2026-11-21"


def test_title_block_gives_both_titles_author_abstracts_and_keywords(sample) -> None:
    header = sample.find(".//article/header")
    assert header.findtext("h1") == "Örnek Makale: Moskova Antlaşması"
    assert header.find("p[@class='other-title']").get("lang") == "en"
    assert [s.get("lang") for s in header.findall("section")] == ["tr", "en"]
    keywords = [p.text_content() for p in header.iter("p") if p.get("class") == "keywords"]
    assert keywords == ["Anahtar kelimeler: Türkiye, Rusya", "Keywords: Turkey, Russia"]


def test_running_head_strings_are_the_author_and_the_title(sample) -> None:
    assert sample.find(".//p[@class='running-author']").text_content().strip() == "Ayşe Örnek"
    assert sample.find(".//p[@class='running-title']").text_content().strip() == (
        "Örnek Makale: Moskova Antlaşması")


def test_running_head_takes_the_short_title_when_there_is_one() -> None:
    page = tree(CASES["blocks-inside-inline"])
    assert page.find(".//p[@class='running-title']").text_content().strip() == "Bloklar"


def test_running_author_falls_back_to_the_title_without_author() -> None:
    page = tree(CASES["blocks-inside-inline"])
    assert page.find(".//p[@class='running-author']").text_content().strip() == "Satır İçinde Bloklar"


def test_sections_are_numbered_from_their_n(sample) -> None:
    assert [h.text_content() for h in sample.iter("h2", "h3") if h.get("class") is None][:2] == [
        "1. GİRİŞ", "1.1. Alt Bölüm"]


def test_heading_that_prints_its_number_is_not_numbered_twice(blocks) -> None:
    heading = blocks.get_element_by_id("blk-s2").find("h2")
    assert heading.text_content() == "2. Numarası basılı başlık"
    assert not heading.find_class("secno")


def test_printed_page_numbers_become_marginal_marks(sample) -> None:
    marks = [s.text for s in sample.iter("span") if s.get("class") == "pb"]
    assert marks == ["196", "197"]


def test_footnote_is_a_float_with_an_anchor_at_its_call(sample) -> None:
    note = sample.get_element_by_id("smpl-n1")
    assert note.get("class") == "footnote" and note.get("data-n") == "1"
    call = note.getprevious()
    assert call.tag == "a" and call.get("id") == "fnref-smpl-n1"
    assert note.getparent().get("id") == "smpl-p1"


def test_citation_links_to_its_bibliography_entry(sample) -> None:
    links = [a for a in sample.iter("a") if a.get("class") == "citation"]
    assert links[0].get("href") == "#smpl-bib-simsir-2006"
    for link in links:
        assert sample.get_element_by_id(link.get("href")[1:]).tag == "li"


def test_every_tagged_name_is_an_anchor_the_register_points_at(sample) -> None:
    names = [a for a in sample.iter("a") if "name" in (a.get("class") or "").split()]
    pagerefs = {a.get("href")[1:] for a in sample.iter("a") if a.get("class") == "pageref"}
    assert {a.get("id") for a in names} == pagerefs
    assert len(names) == 5


def test_register_entry_gives_name_other_forms_and_what_the_register_says(sample) -> None:
    entry = sample.get_element_by_id("reg-per-mustafa-kemal")
    text = " ".join(entry.text_content().split())
    assert text == ("Mustafa Kemal Atatürk (Mustafa Kemal; M. Kemal; Atatürk; Mustafa Kemal Paşa), "
                    "Kurtuluş Savaşı’nın önderi; TBMM Başkanı")


def test_register_parts_follow_persons_places_orgs_events(sample) -> None:
    parts = [s.get("id") for s in sample.iter("section") if "register-part" in (s.get("class") or "")]
    assert parts == ["register-person", "register-place", "register-org", "register-event"]


def test_register_omits_entries_that_occur_nowhere(sample) -> None:
    with pytest.raises(KeyError):
        sample.get_element_by_id("reg-pl-moskova")


# ---------------------------------------------------------------- Turkish order

def test_register_entries_follow_turkish_alphabetical_order() -> None:
    page = tree(CASES["turkish-order"])
    names = [s.text for s in page.iter("span") if s.get("class") == "entry-name"]
    assert names == ["Cemal", "Çelik", "Gazi", "Gülşen", "Ilgaz", "Işık", "İsmet", "Osman", "Ömer",
                     "Saffet", "Şükrü", "Uğur", "Ümit", "Zeki"]
    letters = [h.text for h in page.iter("h3") if h.get("class") == "letter"]
    assert letters == ["C", "Ç", "G", "I", "İ", "O", "Ö", "S", "Ş", "U", "Ü", "Z"]


def test_register_gives_one_page_reference_per_paragraph() -> None:
    entry = tree(CASES["turkish-order"]).get_element_by_id("reg-per-cemal")
    # three occurrences, two of them in the same paragraph tro-p2
    assert [a.get("href") for a in entry.iter("a")] == ["#occ-tro-6", "#occ-tro-15"]


def test_register_gives_one_page_reference_per_page_once_pages_are_known() -> None:
    page = tree(CASES["turkish-order"], **{"occurrence-pages": {"occ-tro-6": 3, "occ-tro-15": 3}})
    entry = page.get_element_by_id("reg-per-cemal")
    assert [a.get("href") for a in entry.iter("a")] == ["#occ-tro-6"]


def test_register_laid_out_apart_prints_its_page_numbers() -> None:
    """part 'register' (teikit.render.pdf lays the register out after the text): only the
    register, each page number printed once, as the text's layout gave it."""
    pages = {"occ-tro-6": 3, "occ-tro-15": 3, "occ-tro-1": 4, "register": 9}
    page = tree(CASES["turkish-order"], part="register", **{"occurrence-pages": pages})
    assert not page.find_class("article") and not page.find_class("front-matter")
    entry = page.get_element_by_id("reg-per-cemal")
    assert [(a.get("class"), a.get("href"), a.text) for a in entry.iter("a")] == [("pageno", "#occ-tro-6", "3")]


def test_text_part_holds_the_registers_place_not_the_register() -> None:
    page = tree(CASES["turkish-order"], part="text")
    assert page.find_class("article") and not page.find_class("register-entry")
    assert page.get_element_by_id("register").get("class") == "register-start"
    assert page.body[-1].get("id") == "register"              # the last thing of the text


# ---------------------------------------------------------------- a file's own lists

def test_register_includes_an_articles_own_person_and_place_lists() -> None:
    page = tree([PRINT / "own-lists" / "letter-with-own-lists.xml"])
    entries = {div.get("id"): [a.get("href") for a in div.iter("a")] for div in page.find_class("register-entry")}
    assert sorted(entries) == ["reg-own-anna", "reg-own-emre", "reg-own-izmir", "reg-own-karl"]
    assert len(entries["reg-own-anna"]) == 2                   # named in two paragraphs
    assert entries["reg-own-karl"] == ["#own-karl"]            # never named: its description
    for hrefs in entries.values():
        for href in hrefs:
            assert page.get_element_by_id(href[1:]) is not None, href


def test_a_pointer_into_another_articles_own_list_counts_under_its_entry() -> None:
    folder = PRINT / "own-lists"
    page = tree([folder / "letter-with-own-lists.xml", folder / "reply-naming-the-letters-persons.xml"])
    entry = page.get_element_by_id("reg-own-emre")
    assert [a.get("href") for a in entry.iter("a")] == ["#occ-own-3", "#occ-reply-1"]


# ---------------------------------------------------------------- front matter

def test_contents_link_each_article_and_section_to_an_element_of_the_volume(sample) -> None:
    links = [a.get("href") for a in sample.find_class("contents-entry")]
    assert links[0] == "#smpl" and links[-1] == "#register" and len(links) >= 3
    for href in links:
        assert sample.get_element_by_id(href[1:]) is not None, href


def test_imprint_prints_the_build_date_only_when_given() -> None:
    article = CASES["sample-edition"]
    assert not tree(article).find_class("build-date")
    [line] = tree(article, **{"build-date": "2026-01-02"}).find_class("build-date")
    assert line.text_content() == "Bu baskının tarihi: 2026-01-02"


def test_name_without_register_entry_stays_plain_text() -> None:
    page = tree(CASES["turkish-order"])
    loose = [s for s in page.iter("span") if s.text == "Kayıtsız"]
    assert loose and loose[0].get("id") is None


# ---------------------------------------------------------------- TEI it has no rule for

@pytest.fixture(scope="module")
def blocks():
    return tree(CASES["blocks-inside-inline"])


def test_blocks_inside_a_paragraph_become_block_spans(blocks) -> None:
    paragraph = blocks.get_element_by_id("blk-p1")
    assert not [e for e in paragraph.iterdescendants() if e.tag in ("p", "div", "ul", "li", "blockquote")]
    note = blocks.get_element_by_id("blk-n1")
    assert [s.text for s in note if "p" in (s.get("class") or "").split()] == [
        "Dipnotun birinci paragrafı.", "Dipnotun ikinci paragrafı."]


def test_unknown_elements_fall_back_to_their_text(blocks) -> None:
    text = blocks.get_element_by_id("blk-p2").text_content()
    assert "bilinmeyenin metni" in text and "yabancı metin" in text
    assert "doğru" in text and "yanlış" not in text
    assert "[…]" in text


def test_note_without_id_gets_a_call_anchor_all_the_same(blocks) -> None:
    notes = [s for s in blocks.iter("span") if s.get("class") == "footnote"]
    assert len(notes) == 4
    for note in notes:
        assert note.getprevious().get("id") == "fnref-" + note.get("id")


def test_editorial_note_on_a_bibliography_entry_stays_in_the_entry(blocks) -> None:
    entry = blocks.get_element_by_id("blk-bib-ornek-2020")
    assert entry.tag == "li" and entry.text_content() == "Örnek 2020 [Künye makaleden.]"
    assert not entry.find_class("footnote")


def test_heading_bookmark_label_leaves_its_footnote_out(blocks) -> None:
    heading = blocks.get_element_by_id("blk-s1.1").find("h3")
    assert heading.get("data-label") == "1.1. Dipnotlu başlık"
    assert "Başlığın dipnotu." in heading.text_content()


def test_footnote_whitespace_is_trimmed_and_collapsed(blocks) -> None:
    note = blocks.get_element_by_id("blk-n3")
    assert note.text_content() == "Satır sonuyla başlayan dipnot"


def test_every_block_has_an_id_a_layout_can_find(blocks) -> None:
    """Every block of the articles (the front matter has no footnotes to move)."""
    [article] = blocks.find_class("article")
    for element in article.iter("p", "section"):
        if element.get("class") not in ("running-author",) and element.getparent().tag != "header":
            assert element.get("id"), element.text_content()[:40]


def test_page_breaks_parameter_makes_the_block_start_a_page() -> None:
    page = tree(CASES["sample-edition"], **{"page-breaks": ["smpl-p2"]})
    assert page.get_element_by_id("smpl-p2").get("class") == "p page-break"
    assert page.get_element_by_id("smpl-p1").get("class") == "p"


def test_css_parameter_links_the_print_stylesheet() -> None:
    linked = tree(CASES["sample-edition"]).find(".//head/link")
    assert linked.get("rel") == "stylesheet" and linked.get("href") == "print.css"
    assert tree(CASES["sample-edition"], css="").find(".//head/link") is None


def test_two_copies_of_a_register_give_each_entry_once() -> None:
    long_article = PRINT / "long-article" / "long-article.xml"
    page = tree([EDITION / "sample-article.xml", long_article])
    ids = [d.get("id") for d in page.iter("div") if d.get("class") == "register-entry"]
    assert len(ids) == len(set(ids)) and "reg-per-lenin" in ids
    assert [a.get("id") for a in page.iter("article")] == ["smpl", "long"]


def test_link_with_an_empty_target_prints_as_plain_text() -> None:
    """An empty or blank @target (an editor's slip, well-formed) neither stops the volume
    nor loses the ref's content (the HTML side: tests/test_xslt_html.py); the web link
    beside them stays a link of the PDF."""
    doc = tree([HERE / "fixtures" / "html" / "link-with-an-empty-target.xml"])
    paragraph = doc.get_element_by_id("emt-p1")
    assert " ".join(paragraph.text_content().split()) == "Bkz. bu belge, şu belge ve o belge."
    assert [(a.get("href"), a.text_content()) for a in paragraph.xpath(".//a")] == [
        ("https://www.example.org/belge", "o belge")]
