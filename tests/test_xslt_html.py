"""xslt/html.xsl run directly through saxonche on small fixtures: golden files + what a reader sees.

Golden files live in tests/golden/html/<fixture>.html. After a deliberate change of the
stylesheet, regenerate them with ``TEIKIT_UPDATE_GOLDEN=1 python -m pytest tests/test_xslt_html.py``
and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import html as lxml_html

from teikit.render.saxon import transform
from teikit.xmlio import parse
from golden_helpers import assert_matches_golden
from register_helpers import EXTERNAL

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures" / "html"
EDITION = HERE / "fixtures" / "edition"
GOLDEN = HERE / "golden" / "html"

CASES = sorted(FIXTURES.glob("*.xml")) + [EDITION / "sample-article.xml"]


def render(path: Path) -> str:
    """What teikit.render.html gives html.xsl for one article."""
    registers = [parse(p) for p in sorted((EDITION / "register").glob("*.xml"))]
    from teikit.render.saxon import to_xdm
    params = {"registers": [to_xdm(tree) for tree in registers], "source-name": path.name}
    return transform("html.xsl", parse(path, lenient_ids=True), params, source=str(path))


def page(path: Path):
    return lxml_html.document_fromstring(render(path))


@pytest.mark.parametrize("fixture", CASES, ids=lambda p: p.stem)
def test_page_matches_golden_file(fixture: Path) -> None:
    assert_matches_golden(GOLDEN / f"{fixture.stem}.html", render(fixture))


# ---------------------------------------------------------------- the sample article

@pytest.fixture(scope="module")
def sample():
    return page(EDITION / "sample-article.xml")


def test_footnote_is_linked_both_ways(sample) -> None:
    ref = sample.get_element_by_id("smpl-n1-ref")
    note = sample.get_element_by_id("smpl-n1")
    assert ref.get("href") == "#smpl-n1"
    assert note.xpath(".//a[@role='doc-backlink']/@href") == ["#smpl-n1-ref"]
    assert "Bkz." in note.text_content()


def test_names_link_to_their_register_entry_with_preferred_name(sample) -> None:
    link = sample.xpath("//p[@id='smpl-p1']//a[contains(@class, 'persName')]")[0]
    assert link.text_content() == "Mustafa Kemal"
    assert link.get("href") == "../register/index.html#per-mustafa-kemal"
    assert link.get("title") == "Mustafa Kemal Atatürk"
    classes = {a.get("class") for a in sample.xpath("//a[starts-with(@href, '../register/')]")}
    assert {"name placeName", "name orgName", "name treaty"} <= classes


def test_dates_show_their_normalised_value(sample) -> None:
    day = sample.xpath("//p[@id='smpl-p1']//time")[0]
    assert (day.get("datetime"), day.get("title"), day.get("tabindex")) == ("1919-05-19", "1919-05-19", "0")
    night = sample.xpath("//span[@class='date'][. = '27/28 Ocak 1920']")[0]
    assert night.get("data-norm") == "1920-01-27 – 1920-01-28"
    inferred = sample.xpath("//time[. = '6 Mayıs']")[0]
    assert inferred.get("title") == "1919-05-06 (çıkarsanmış tarih)"


def test_citation_links_to_bibliography_entry(sample) -> None:
    cite = sample.xpath("//a[@class='cite'][starts-with(., 'Tansel')]")[0]
    assert cite.get("href") == "#smpl-bib-tansel-2019a"
    assert sample.get_element_by_id("smpl-bib-tansel-2019a").tag == "li"


def test_sections_are_numbered_and_listed_in_contents(sample) -> None:
    assert sample.xpath("normalize-space(//section[@id='smpl-s1']/h2)") == "1. GİRİŞ"
    assert sample.xpath("normalize-space(//section[@id='smpl-s1.1']/h3)") == "1.1. Alt Bölüm"
    assert sample.xpath("//nav[@class='toc']//a/@href") == ["#smpl-s1", "#smpl-s1.1", "#smpl-bibliography"]


def test_printed_page_numbers_are_marked(sample) -> None:
    assert sample.xpath("//span[@role='doc-pagebreak']/text()") == ["196", "197"]


def test_block_quotation_shows_its_source(sample) -> None:
    figure = sample.get_element_by_id("smpl-q1")
    assert figure.xpath("normalize-space(blockquote)") == "Blok alıntı metni."
    assert figure.xpath("normalize-space(figcaption)") == "— TBMM G.C.Z., 24 Nisan 1920"


def test_abstracts_and_keywords_in_both_languages(sample) -> None:
    blocks = {s.get("lang"): s.text_content() for s in sample.xpath("//section[@class='abstract']")}
    assert "Türkçe özet metni" in blocks["tr"] and "Anahtar kelimeler: Türkiye, Rusya" in blocks["tr"]
    assert "English abstract text." in blocks["en"] and "Keywords: Turkey, Russia" in blocks["en"]


def test_head_carries_highwire_tags_json_ld_and_tei_link(sample) -> None:
    meta = {m.get("name"): m.get("content") for m in sample.xpath("//meta[starts-with(@name, 'citation_')]")}
    assert meta["citation_title"] == "Örnek Makale: Moskova Antlaşması"
    assert meta["citation_author"] == "Örnek, Ayşe"
    assert meta["citation_publication_date"] == "2026/11/21"
    assert (meta["citation_firstpage"], meta["citation_lastpage"]) == ("196", "197")
    data = json.loads(sample.xpath("//script[@type='application/ld+json']")[0].text)
    assert data["@type"] == "ScholarlyArticle"
    assert data["author"] == [{"@type": "Person", "name": "Örnek, Ayşe"}]
    assert data["encoding"]["contentUrl"] == "tei/sample-article.xml"
    assert sample.xpath("//link[@rel='alternate'][@type='application/tei+xml']/@href") == ["tei/sample-article.xml"]


def test_page_language_is_declared(sample) -> None:
    assert sample.get("lang") == "tr"
    assert sample.xpath("//p[@class='title-other']/@lang") == ["en"]


# ---------------------------------------------------------------- edge cases

def test_paragraph_with_blocks_becomes_div_and_notes_number_in_order() -> None:
    doc = page(FIXTURES / "note-without-n-in-block-paragraph.xml")
    block = doc.get_element_by_id("blk-p1")
    assert block.tag == "div" and block.get("class") == "p"
    assert doc.get_element_by_id("blk-p2").tag == "p"
    assert doc.xpath("//a[@role='doc-noteref']/sup/text()") == ["1", "2", "3"]
    assert doc.xpath("normalize-space(//nav[@class='toc']//a[@href='#blk-s1'])") == "1. Başlık"
    assert len(doc.xpath("//section[@class='footnotes']//li[3]//p")) == 2


def test_links_never_nest_and_unknown_register_entry_is_plain_text() -> None:
    doc = page(FIXTURES / "name-inside-citation.xml")
    assert doc.xpath("//a//a") == []
    assert doc.xpath("//a[@class='cite']//span[contains(@class, 'persName')]/@title") == ["Lenin"]
    assert doc.xpath("//a//*[@tabindex]") == []
    assert doc.xpath("//span[contains(@class, 'persName')][. = 'Bilinmeyen']/@title") == []
    assert doc.xpath("//a[. = 'belge']/@href") == ["https://www.example.org/belge"]
    assert doc.xpath("//span[@class='date'][. = '1920 başı']/@data-norm") == ["1920-01 – 1920-03"]


def test_unknown_elements_fall_back_to_their_text() -> None:
    doc = page(FIXTURES / "unknown-elements-fall-back-to-text.xml")
    text = doc.xpath("normalize-space(//main)")
    for kept in ("Kept three", "foreign text", "the", "lemma [reading B]", "Block of another vocabulary.", "[sup]"):
        assert kept in text
    assert "teh" not in text
    assert doc.xpath("//div[@class='fw']/text()") == ["RUNNING HEAD"]   # the source's forme work, set apart
    assert doc.xpath("//div[@class='lg']/div[@class='l']/text()") == ["First line", "Second line"]
    assert doc.xpath("//table//th/text()") == ["H"]


def test_cast_list_group_description_stays_in_a_list_item() -> None:
    doc = page(FIXTURES / "drama-cast-list.xml")
    assert doc.xpath("//ul[@class='castList']/li[@class='castGroup']/ul/li[@class='roleDesc']/text()") == ["гости"]
    assert doc.xpath("//div[@class='sp']/p[@class='speaker']/strong/text()") == ["Попова"]
    assert doc.xpath("//p/em[@class='stage']/text()") == ["(смотрит)"]
    assert doc.get("lang") == "ru"


def test_right_to_left_document_gets_dir_rtl_and_no_invented_metadata() -> None:
    doc = page(FIXTURES / "rtl-arabic.xml")
    assert (doc.get("lang"), doc.get("dir")) == ("ar", "rtl")
    assert doc.xpath("//i[@lang='en']/@dir") == []
    assert doc.xpath("//meta[@name='citation_author' or @name='citation_publication_date']") == []
    assert doc.xpath("//meta[@name='citation_title']/@content") == ["الزهور"]


def test_section_numbers_are_never_printed_twice_nor_invented() -> None:
    doc = page(FIXTURES / "section-numbers-printed-in-heads.xml")
    headings = [h.text_content() for h in doc.xpath("//section/h2 | //section/h3")]
    assert headings == ["GİRİŞ", "1. Birinci Bölüm", "1.1. Alt", "2. İkinci Bölüm"]
    assert [a.text_content() for a in doc.xpath("//nav[@class='toc']//a")] == headings
    assert doc.xpath("normalize-space(//p[@class='source'])") == "39 sayfa"


def test_link_with_an_empty_target_renders_as_plain_text() -> None:
    """An empty or blank @target (an editor's slip) leaves the ref's content, unlinked."""
    doc = page(FIXTURES / "link-with-an-empty-target.xml")
    paragraph = doc.get_element_by_id("emt-p1")
    text = " ".join("".join(paragraph.xpath("node()[not(@class = 'anchor')]//text() | text()")).split())
    assert text == "Bkz. bu belge, şu belge ve o belge."
    assert [(a.text_content(), a.get("href")) for a in paragraph.iter("a") if a.get("class") != "anchor"] == \
        [("o belge", "https://www.example.org/belge")]


# ---------------------------------------------------------------- page markers

PAGE_BREAKS = FIXTURES / "page-break-inside-a-name-a-date-and-a-word.xml"


def is_marker(el) -> bool:
    return "pb" in (el.get("class") or "").split()


def text_without_markers(el, stop=None, out=None) -> list[str]:
    """The text of *el* without the page markers' numbers; with *stop*, up to that marker."""
    out = [] if out is None else out
    if el.text:
        out.append(el.text)
    for child in el:
        if child is stop:
            raise StopIteration
        if not is_marker(child):
            text_without_markers(child, stop, out)
        if child.tail:
            out.append(child.tail)
    return out


def marker_context(marker) -> tuple[str, str]:
    """The text just before and just after a page marker, within its paragraph."""
    paragraph = next(a for a in marker.iterancestors() if a.tag == "p")
    before: list[str] = []
    try:
        text_without_markers(paragraph, marker, before)
    except StopIteration:
        pass
    whole = "".join(text_without_markers(paragraph))
    return whole[:len("".join(before))], whole[len("".join(before)):]


def test_page_markers_stand_between_words_and_outside_links_the_text_unchanged() -> None:
    root = page(PAGE_BREAKS)
    markers = root.xpath("//span[contains(concat(' ', @class, ' '), ' pb ')]")
    assert [m.text_content() for m in markers] == ["7", "8", "9", "10", "11"]
    for marker in markers[1:]:
        assert not [a for a in marker.iterancestors() if a.tag in ("a", "time")], marker.text_content()
        before, after = marker_context(marker)
        assert before.endswith((" ", "\n")) or after.startswith((" ", "\n")), (before[-12:], after[:12])
    # the text reads as the source's, the numbers left out
    paragraph = root.get_element_by_id("pbw-p1")
    words = " ".join("".join(text_without_markers(paragraph)).split())
    assert words.startswith("Bir not göndererek Lenin’in görüşünü aldı. Sonra Aralık 1917’de ordu karşı kıyıya geçti, "
                            "Mustafa Kemal ise bekledi.")
    # the links keep their whole name
    assert [a.text_content() for a in paragraph.xpath(".//a[contains(@class, 'name')]")] == ["Lenin", "Mustafa Kemal"]


def test_no_page_marker_of_the_edition_stands_inside_a_word_or_a_link() -> None:
    for source in sorted((HERE.parent / "tei").glob("*.xml")):
        root = page(source)
        markers = root.xpath("//div[@class='text']//span[contains(concat(' ', @class, ' '), ' pb ')]")
        assert len(markers) > 20, source.name
        for marker in markers:
            assert not [a for a in marker.iterancestors() if a.tag in ("a", "time")], (source.name, marker.text_content())
            if any(a.tag == "p" for a in marker.iterancestors()):
                before, after = marker_context(marker)
                assert not (before[-1:].strip() and after[:1].strip()), (source.name, before[-12:], after[:12])


def test_the_nth_marked_unit_is_the_nth_search_unit_without_an_id() -> None:
    """A search result of a paragraph, speech or stanza without xml:id lands on "#unit-n",
    the nth element its page marks data-unit (assets/landing.js): the page marks exactly
    the units teikit.publish.search makes records of, in the same order, for the fixtures
    and every file of the external corpus."""
    from teikit.edition import Article
    from teikit.publish.search import paragraphs

    files = CASES + sorted(EXTERNAL.rglob("*.xml"))
    checked = 0
    for path in files:
        units = [u for u in paragraphs(Article.held(path)) if u.id.startswith("unit-")]
        marked = page(path).xpath("//*[@data-unit]")
        assert [u.id for u in units] == [f"unit-{n}" for n in range(1, len(units) + 1)], path.name
        assert len(marked) == len(units), path.name
        for unit, element in zip(units, marked):
            first = unit.text.split()[:1]
            assert not first or first[0] in " ".join(element.text_content().split()), (path.name, unit.id)
        checked += len(units)
    assert checked > 3000          # the external corpus's paragraphs, speeches and verse without ids
