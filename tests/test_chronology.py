"""The chronology (xslt/chronology.xsl and the dates of teikit.render.summary): every
date of the article bodies that is an event (not in a heading, citation or name) in time order, with its sentence, a link to its
paragraph and a mark when its year is inferred."""

from __future__ import annotations

import json

import pytest

from teikit.render.summary import summarize
from teikit.xmlio import parse
from register_helpers import (SAMPLE_EDITION, TESTS, TURKISH_ORDER, assert_golden,
                              edition_index, html, run)

DATES = TESTS / "fixtures" / "register" / "dates"
DATES_ARTICLE = DATES / "dates-bce-partial-and-unparseable.xml"


@pytest.fixture(scope="module")
def sample_page():
    return run("chronology.xsl", edition_index(SAMPLE_EDITION)[1])


@pytest.fixture(scope="module")
def dates_page():
    return html(run("chronology.xsl", edition_index(DATES)[1]))


def entries(page):
    """(start, end, sentence, link) of every event, in page order."""
    return [(li.xpath("string(.//time[1]/@datetime)"), li.xpath("string(.//time[2]/@datetime)"),
             li.xpath("string(.//p[@class='sentence'])"), li.xpath("string(.//p[@class='source']/a/@href)"))
            for li in page.xpath("//ol[@class='chronology']/li")]


def test_chronology_page_matches_golden(sample_page):
    assert_golden("sample-chronology.html", sample_page)


def test_events_come_in_time_order_bce_first_month_before_its_days(dates_page):
    assert [e[0] for e in entries(dates_page)] == ["-0044", "1917-10", "1917-10-25", "1918-03-03",
                                                   "1920-06"]


def test_ranges_show_both_ends(dates_page):
    assert entries(dates_page)[-1][:2] == ("1920-06", "1920-08")


def test_each_event_carries_its_own_sentence_and_links_to_its_paragraph(dates_page):
    by_start = {e[0]: e for e in entries(dates_page)}
    assert by_start["1917-10-25"][2] == "Gün 25 Ekim 1917 idi."
    assert by_start["1917-10"][2] == "Ay ise Ekim 1917 olarak verilir!"
    assert by_start["1917-10-25"][3] == "../html/dates-bce-partial-and-unparseable.html#dt-p1"
    assert by_start["-0044"][2] == "Çok eski bir yıl: MÖ 44."


def test_each_sentence_carries_the_language_of_its_paragraph(dates_page):
    langs = {li.xpath("string(.//time/@datetime)"): li.xpath("string(.//p[@class='sentence']/@lang)")
             for li in dates_page.xpath("//ol[@class='chronology']/li")}
    assert langs["1918-03-03"] == "en" and langs["1917-10-25"] == "tr"


def test_the_dates_own_words_are_marked_in_the_sentence(dates_page):
    assert dates_page.xpath("(//ol[@class='chronology']/li)[1]//mark/text()") == ["MÖ 44"]


def test_inferred_dates_are_marked_as_such(sample_page):
    page = html(sample_page)
    inferred = page.xpath("//li[@class='inferred']")
    assert [li.xpath("string(.//time/@datetime)") for li in inferred] == ["1919-05-06"]
    assert "bağlamdan çıkarıldı" in inferred[0].text_content()


def test_header_and_back_matter_dates_are_not_events(dates_page, sample_page):
    assert "1999" not in [e[0][:4] for e in entries(dates_page)]
    assert "2006" not in [e[0] for e in entries(dates_page)]
    assert "1921-03-16" not in [e[0] for e in entries(html(sample_page))]  # abstract only


def test_values_that_are_not_iso_dates_are_left_out_and_reported():
    summary = summarize(parse(DATES_ARTICLE), DATES_ARTICLE)
    assert summary.skipped_dates == ["yaz 1920"]


def test_dates_without_when_or_from_are_not_events():
    summary = summarize(parse(DATES_ARTICLE), DATES_ARTICLE)
    assert all(d.text != "1900’ler" for d in summary.dates)


def test_initials_and_abbreviations_do_not_end_a_sentence():
    summary = summarize(parse(TURKISH_ORDER / "names-across-pages.xml"),
                        TURKISH_ORDER / "names-across-pages.xml")
    inferred = [d for d in summary.dates if d.inferred]
    assert [d.sentence for d in inferred] == ["Sonra İsmet Paşa, 26 Şubat’ta M. Kemal’e yazdı."]


def test_a_date_in_a_footnote_keeps_the_footnote_sentence_and_anchor():
    summary = summarize(parse(TURKISH_ORDER / "names-across-pages.xml"),
                        TURKISH_ORDER / "names-across-pages.xml")
    note_date = next(d for d in summary.dates if d.start == "1922-08-30")
    assert (note_date.sentence, note_date.anchor, note_date.page) == (
        "Bu notta Şükrü ve 30 Ağustos 1922 geçer.", "fx-n1", "10")


def test_chronology_json_is_in_the_same_order_as_the_page(dates_page):
    data = json.loads(run("register-json.xsl", edition_index(DATES)[1]))
    assert [c["start"] for c in data["chronology"]] == [e[0] for e in entries(dates_page)]
    assert [c["inferred"] for c in data["chronology"]] == [False] * 5


# ------------------------------------------------------------------ what counts as an event
NOT_EVENTS = TESTS / "fixtures" / "chronology" / "dates-in-headings-citations-and-names.xml"


def test_only_dates_of_the_running_text_are_events_not_those_of_headings_citations_or_names():
    """docs/encoding.md, "The chronology: what counts as an event"."""
    summary = summarize(parse(NOT_EVENTS), NOT_EVENTS)
    assert [(d.start, d.anchor) for d in summary.dates] == [
        ("1920-09-28", "ev-p1"), ("1920-11-08", "ev-n1"), ("1921-03-16", "ev-i1")]


def test_the_editions_chronology_holds_no_citation_date_nor_the_1914_border():
    from collections import Counter
    from teikit.render.register import build_index_streaming
    from teikit.xmlio import NS
    with build_index_streaming([TESTS.parent / "tei"]) as index:
        dates = index.tree.getroot().findall("article/date")
    assert not [d for d in dates if d.findtext("text") == "1914" and "1914 sınırı" in d.findtext("sentence")]
    # the rule of docs/encoding.md as one XPath over the TEI: the same events, no more
    rule = ("//tei:body//tei:date[@when or @from][not(ancestor::tei:head or ancestor::tei:bibl"
            " or ancestor::tei:citedRange or ancestor::tei:title or ancestor::tei:name"
            " or ancestor::tei:persName or ancestor::tei:placeName or ancestor::tei:orgName)]")
    expected = Counter((d.get("when") or d.get("from"), " ".join("".join(d.itertext()).split()))
                       for path in sorted((TESTS.parent / "tei").glob("*.xml"))
                       for d in parse(path).xpath(rule, namespaces=NS))
    assert Counter((d.get("start"), d.findtext("text")) for d in dates) == expected
    cited = [d for path in (TESTS.parent / "tei").glob("*.xml")
             for d in parse(path).xpath("//tei:body//tei:bibl//tei:date", namespaces=NS)]
    assert len(cited) >= 5 and len(dates) == sum(expected.values())
