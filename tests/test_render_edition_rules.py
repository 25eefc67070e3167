"""An edition overrides a few rendering rules with a file of its own (``teikit render
--rules FILE``, or ``[render] rules`` in its ``teikit.toml``), for every output at once,
without copying xslt/; a rules file that is missing, broken or reads files is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from teikit import cli

from render_helpers import marker_of_milestone_in_a_name

HERE = Path(__file__).parent
EDITION = HERE / "fixtures" / "edition-rules"
RULES = EDITION / "rendering" / "rules.xsl"


def run(*args: str):
    return CliRunner().invoke(cli.main, ["render", *args])


def paragraph(out: Path, output: str):
    page = out / ("html/spelling-as-printed.html" if output == "html" else "print/edition.html")
    return lxml_html.parse(str(page)).getroot().get_element_by_id("sp-p1")


@pytest.fixture(scope="module")
def without_rules(tmp_path_factory) -> Path:
    """The edition rendered with the project's rules alone (its teikit.toml left behind)."""
    edition = tmp_path_factory.mktemp("plain") / "edition"
    edition.mkdir()
    shutil.copy(EDITION / "spelling-as-printed.xml", edition)
    out = edition.parent / "out"
    result = run(str(edition), "--to", "html", "--to", "print", "--out", str(out), "-j", "1")
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def with_config(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("configured")
    result = run(str(EDITION), "--to", "html", "--to", "print", "--out", str(out), "-j", "1")
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("output", ["html", "print"])
def test_project_rules_show_the_regularised_spelling(without_rules: Path, output: str) -> None:
    shown = paragraph(without_rules, output)
    assert "Es war Tür und Thor." in " ".join(shown.text_content().split())
    assert shown.xpath(".//em") == []


@pytest.mark.parametrize("output", ["html", "print"])
def test_edition_config_names_rules_that_change_every_output(with_config: Path, output: str) -> None:
    shown = paragraph(with_config, output)
    assert "Es war Thür und Thor." in " ".join(shown.text_content().split())
    emphasis = shown.xpath(".//em | .//span[@class = 'emph']")
    assert [e.text for e in emphasis] == ["Thor"]


def test_rules_option_names_the_rules_of_an_edition_without_config(tmp_path: Path) -> None:
    article = tmp_path / "spelling-as-printed.xml"
    shutil.copy(EDITION / "spelling-as-printed.xml", article)
    result = run(str(article), "--rules", str(RULES), "--out", str(tmp_path / "out"), "-j", "1")
    assert result.exit_code == 0, result.output
    assert "Thür" in paragraph(tmp_path / "out", "html").text_content()


def test_the_rest_of_the_page_is_the_projects(without_rules: Path, with_config: Path) -> None:
    plain = (without_rules / "html/spelling-as-printed.html").read_text("utf-8")
    ruled = (with_config / "html/spelling-as-printed.html").read_text("utf-8")
    # the reading not shown is the tooltip's: the source's spelling, or the regularised one
    assert 'title="original spelling: Thür">Tür<' in plain and 'title="regularised: Tür">Thür<' in ruled
    plain = plain.replace('title="original spelling: Thür"', 'title="the other reading"')
    ruled = ruled.replace('title="regularised: Tür"', 'title="the other reading"')
    assert ruled.replace("Thür", "Tür").replace('<em class="emph">Thor</em>', '<i class="hi italic">Thor</i>') == plain


def _refused(tmp_path: Path, rules_text: str | None, message: str) -> None:
    rules = tmp_path / "rules.xsl"
    if rules_text is not None:
        rules.write_text(rules_text, "utf-8")
    out = tmp_path / "out"
    result = run(str(EDITION / "spelling-as-printed.xml"), "--rules", str(rules), "--out", str(out), "-j", "1")
    assert result.exit_code == 1, result.output
    assert "Error:" in result.output and message in result.output and "Traceback" not in result.output
    assert not (out / "html" / "spelling-as-printed.html").exists()


def test_missing_rules_file_is_an_error(tmp_path: Path) -> None:
    _refused(tmp_path, None, "does not exist")


def test_rules_that_read_a_file_are_refused(tmp_path: Path) -> None:
    _refused(tmp_path, RULES.read_text("utf-8").replace(
        "<xsl:with-param name=\"shown\" select=\"tei:orig\"/>",
        "<xsl:with-param name=\"shown\" select=\"tei:orig\"/></xsl:call-template>"
        "<xsl:value-of select=\"unparsed-text('/etc/passwd')\"/><xsl:call-template name=\"b:text\">"), "unparsed-text")


def test_rules_with_an_xslt_error_name_the_file(tmp_path: Path) -> None:
    _refused(tmp_path, RULES.read_text("utf-8").replace('name="b:inline"', 'name="b:no-such-behaviour"'),
             "rules.xsl")


def test_build_uses_the_editions_rules_and_rebuilds_when_they_change(tmp_path: Path) -> None:
    from teikit.publish.site import build
    edition = tmp_path / "edition"
    shutil.copytree(EDITION, edition)
    site = tmp_path / "site"
    build(edition, site, formats=["html"], jobs=1)
    page = site / "html" / "spelling-as-printed.html"
    assert "Thür" in lxml_html.parse(str(page)).getroot().get_element_by_id("sp-p1").text_content()
    rules = edition / "rendering" / "rules.xsl"
    rules.write_text(rules.read_text("utf-8").replace('select="tei:orig"', 'select="tei:reg"'), "utf-8")
    report = build(edition, site, formats=["html"], jobs=1)
    assert any("spelling-as-printed" in str(p) for p in report.rebuilt)
    assert "Tür " in lxml_html.parse(str(page)).getroot().get_element_by_id("sp-p1").text_content()


def test_xslt_rules_may_break_pages_anywhere_and_their_markers_are_moved(tmp_path: Path) -> None:
    """Rules written in XSLT may make any element a page break (html.xsl cannot ask them
    which): every page goes through the marker pass, so a milestone's marker leaves the name."""
    rules = tmp_path / "rules.xsl"
    rules.write_text("""<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
        xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns:b="urn:teikit:behaviour">
      <xsl:template match="tei:milestone[@unit = 'page']" mode="tk:text" xmlns:tk="urn:teikit">
        <xsl:call-template name="b:page-break"/>
      </xsl:template>
    </xsl:stylesheet>""", "utf-8")
    marker = marker_of_milestone_in_a_name(tmp_path, rules)
    assert marker.getparent().get("id") == "mb-p1"        # out of the name, in the paragraph
