"""The register stylesheets run directly through saxonche on small fixtures:
xslt/register.xsl, map.xsl, register-json.xsl, register-tei.xsl and the Turkish
collation of xslt/common/turkish-collation.xsl."""

from __future__ import annotations

import json
from functools import lru_cache
from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from teikit.render.saxon import XSLT_DIR, runtime
from teikit.render.saxon import xdm
from register_helpers import (SAMPLE_EDITION, TURKISH_ALPHABET, TURKISH_ORDER, assert_golden,
                              edition_index, html, run, turkish_key)


@pytest.fixture(scope="module")
def sample():
    return edition_index(SAMPLE_EDITION)


@pytest.fixture(scope="module")
def turkish():
    return edition_index(TURKISH_ORDER)


def call_collation(expression: str) -> str:
    """Evaluate *expression* with turkish-collation.xsl imported; the result joined by '|'."""
    stylesheet = f"""<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
        xmlns:tk="urn:teikit"><xsl:import href="{(XSLT_DIR / 'common/turkish-collation.xsl').as_uri()}"/>
        <xsl:output method="text"/>
        <xsl:template name="xsl:initial-template"><xsl:value-of select="{expression}" separator="|"/></xsl:template>
        </xsl:stylesheet>"""
    executable = runtime().processor.new_xslt30_processor().compile_stylesheet(stylesheet_text=stylesheet)
    return executable.call_template_returning_string(None)


@lru_cache(maxsize=1)
def sorter():
    """A stylesheet, compiled once, returning its parameter $words sorted by tk:tr-sort."""
    return runtime().processor.new_xslt30_processor().compile_stylesheet(stylesheet_text=f"""
        <xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
          xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tk="urn:teikit">
        <xsl:import href="{(XSLT_DIR / 'common/turkish-collation.xsl').as_uri()}"/>
        <xsl:param name="words" as="xs:string*"/>
        <xsl:output method="text"/>
        <xsl:template name="xsl:initial-template">
          <xsl:value-of select="tk:tr-sort($words)" separator="&#10;"/></xsl:template>
        </xsl:stylesheet>""")


# ------------------------------------------------------------------ Turkish order

#: words over the whole alphabet, and words made only of the letters Turkish order is about
WORDS = st.lists(st.one_of(
    st.text(alphabet=TURKISH_ALPHABET + TURKISH_ALPHABET.upper() + "İâ ", min_size=1, max_size=8),
    st.text(alphabet="aâcçCÇgğGıiIİoöOÖsşSŞuüUÜ", min_size=1, max_size=4)).map(str.strip).filter(bool),
    min_size=2, max_size=40)


@settings(max_examples=40, deadline=None)
@given(WORDS)
def test_turkish_order_agrees_with_an_independent_oracle(words):
    executable, keep = sorter(), []  # keep: Saxon holds only handles to the values
    executable.set_parameter("words", xdm(words, keep))
    got = executable.call_template_returning_string(None).split("\n")
    assert [turkish_key(w) for w in got] == sorted(turkish_key(w) for w in words)


def test_turkish_order_puts_each_plain_letter_before_its_turkish_sister():
    words = "('Zeki','çay','cam','ğat','gaz','ırmak','iğne','ol','öz','şam','sen','ülkü','ural')"
    assert call_collation(f"tk:tr-sort({words})") == \
        "cam|çay|gaz|ğat|ırmak|iğne|ol|öz|sen|şam|ural|ülkü|Zeki"


def test_dotless_capital_i_files_under_i_and_dotted_capital_under_i_dot():
    assert call_collation("('Irak','ılık','İstanbul','iğne') ! tk:tr-initial(.)") == "I|I|İ|İ"
    assert call_collation("tk:tr-sort(('İzmir','Işık','ılgaz','İsmet'))") == "ılgaz|Işık|İsmet|İzmir"


def test_circumflex_letters_sort_with_their_base_letter():
    assert call_collation("tk:tr-sort(('Anadolu','Âkif','Ali'))") == "Âkif|Ali|Anadolu"


def test_turkish_upper_case_keeps_the_dot_of_i():
    assert call_collation("tk:tr-upper-case('istanbul ılık')") == "İSTANBUL ILIK"
    assert call_collation("tk:tr-lower-case('IRAK İZMİR')") == "ırak izmir"


# ------------------------------------------------------------------ the register page

def test_register_page_matches_golden(sample):
    assert_golden("sample-index.html", run("register.xsl", sample[1]))


def test_letters_follow_the_turkish_alphabet_with_other_scripts_last(turkish):
    page = html(run("register.xsl", turkish[1]))
    sections = [s.get("id") for s in page.xpath("//section[@class='letter']")]
    assert sections == ["harf-A", "harf-C", "harf-Ç", "harf-G", "harf-I", "harf-İ", "harf-K",
                        "harf-O", "harf-Ö", "harf-S", "harf-Ş", "harf-U", "harf-Ü", "harf-W",
                        "harf-Z", "harf-diger"]
    names = [n.text_content() for n in page.xpath("//section[@id='harf-I' or @id='harf-İ']//h3")]
    assert names == ["ılgaz", "Işık", "İsmet", "İstanbul", "İzmir"]


def test_jump_bar_links_only_letters_that_have_entries(turkish):
    page = html(run("register.xsl", turkish[1]))
    bar = page.xpath("//nav[@class='az']")[0]
    links = [a.text for a in bar.xpath(".//a")]
    assert links == ["A", "C", "Ç", "G", "I", "İ", "K", "O", "Ö", "S", "Ş", "U", "Ü", "W", "Z", "#"]
    assert "Ğ" in [s.text for s in bar.xpath(".//span[@aria-disabled='true']")]
    for a in bar.xpath(".//a"):  # the serializer percent-encodes Ç; browsers decode it
        assert page.xpath(f"//section[@id='{unquote(a.get('href')[1:])}']"), a.get("href")


def test_entry_shows_preferred_name_variants_and_what_the_register_says(sample):
    page = html(run("register.xsl", sample[1]))
    entry = page.get_element_by_id("per-mustafa-kemal")
    assert entry.xpath("string(h3)") == "Mustafa Kemal Atatürk"
    assert [v.text for v in entry.xpath(".//span[@class='variant']")] == \
        ["Mustafa Kemal", "M. Kemal", "Atatürk", "Mustafa Kemal Paşa"]
    facts = entry.xpath("string(.//dl[@class='facts'])")
    assert "Kurtuluş Savaşı’nın önderi" in facts and "http://www.wikidata.org/entity/Q359" in facts
    place = page.get_element_by_id("pl-samsun")
    assert place.xpath("string(.//data[@class='geo']/@value)") == "41.2867 36.33"
    assert "Türşehir" in place.xpath("string(.//dl)")     # the type in the interface's language


def test_occurrences_are_grouped_by_article_and_printed_page_with_paragraph_links(turkish):
    page = html(run("register.xsl", turkish[1]))
    entry = page.get_element_by_id("per-ismet")
    article = entry.xpath(".//li[@class='in-article']")[0]
    assert article.xpath("string(a[@class='article'])") == "Sayfalar Arası Adlar"
    assert " ".join(article.text_content().split()) == "Sayfalar Arası Adlar: s. 10, ¶ 1; s. 11, ¶ 2"
    assert [a.get("href") for a in article.xpath(".//a[@class='occ']")] == [
        "../html/names-across-pages.html#fx-p1", "../html/names-across-pages.html#fx-p2"]
    assert entry.xpath("string(.//p[@class='forms'])").endswith("İsmet; İsmet Paşa")


def test_name_in_a_footnote_links_to_the_footnote(turkish):
    page = html(run("register.xsl", turkish[1]))
    links = page.get_element_by_id("per-sukru").xpath(".//a[@class='occ']")
    assert [(a.get("href"), a.text) for a in links] == [
        ("../html/names-across-pages.html#fx-n1", "s. 10, dn. 1")]


def test_coordinates_that_are_not_numbers_are_not_shown(turkish):
    page = html(run("register.xsl", turkish[1]))
    assert not page.get_element_by_id("pl-kars").xpath(".//data[@class='geo']")


def test_names_pointing_nowhere_are_listed_for_the_editor(turkish):
    page = html(run("register.xsl", turkish[1]))
    loose = page.get_element_by_id("cozulemeyen").text_content()
    assert "register/persons.xml#per-nobody" in loose and "Kimse" in loose
    assert "https://example.org/org/1" in loose


def test_author_names_in_the_header_are_not_occurrences(turkish):
    page = html(run("register.xsl", turkish[1]))
    assert page.get_element_by_id("per-zeki").xpath(".//p[@class='no-occurrences']")


# ------------------------------------------------------------------ the map

def test_map_page_matches_golden(sample):
    assert_golden("sample-map.html", run("map.xsl", sample[1]))


def test_map_draws_only_places_with_valid_coordinates_and_lists_them(turkish):
    page = html(run("map.xsl", turkish[1]))
    assert sorted(a.get("href") for a in page.xpath("//svg//a")) == \
        ["index.html#pl-istanbul", "index.html#pl-izmir"]
    assert [a.text for a in page.xpath("//ul[@class='places']//a")] == ["İstanbul", "İzmir"]


def test_map_puts_north_up_and_east_right(turkish):
    page = html(run("map.xsl", turkish[1]))
    circles = {c.getparent().get("href"): (float(c.get("cx")), float(c.get("cy")))
               for c in page.xpath("//svg//circle")}
    istanbul, izmir = circles["index.html#pl-istanbul"], circles["index.html#pl-izmir"]
    assert istanbul[0] > izmir[0] and istanbul[1] < izmir[1]


def test_labels_of_places_close_together_do_not_overlap(tmp_path):
    page = html(run("map.xsl", edition_index(TURKISH_ORDER.parent / "close-places")[1]))
    boxes = []
    for text in page.xpath("//svg//a/text"):
        x, y, width = float(text.get("x")), float(text.get("y")), len(text.text) * 7 + 4
        x0 = x if text.get("text-anchor") == "start" else x - width
        boxes.append((x0, y - 10, x0 + width, y + 2))
    assert len(boxes) == 3
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


# ------------------------------------------------------------------ JSON and TEI

def test_json_matches_golden(sample):
    data = json.loads(run("register-json.xsl", sample[1]))
    assert_golden("sample-register.json", json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def test_json_entries_come_in_the_order_of_the_html_register(turkish):
    data = json.loads(run("register-json.xsl", turkish[1]))
    page = html(run("register.xsl", turkish[1]))
    assert [e["id"] for e in data["entries"]] == page.xpath("//li[contains(@class,'entry')]/@id")


def test_enriched_register_matches_golden(sample):
    index, node = sample
    from teikit.render.saxon import to_xdm
    from teikit.xmlio import parse
    register = SAMPLE_EDITION / "register" / "persons.xml"
    result = run("register-tei.xsl", to_xdm(parse(register)), index=node,
                 **{"register-file": index.file_key(register)})
    assert_golden("sample-persons.xml", result)
