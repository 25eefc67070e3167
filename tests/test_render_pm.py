"""The rendering rules are a TEI processing model (schemas/teikit-render.odd), compiled to
xslt/common/rules.xsl; an edition changes a few of them with an ODD chained to it
(``teikit render --rules my.odd``, ``[render] rules`` in teikit.toml), in every output at
once, and a bad rule is an error at its file:line:column with nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from teikit import cli
from teikit.render.pm import behaviours, load, project_odd
from teikit.render.pm_xslt import rules_module
from teikit.render.saxon import xslt_dir

from render_helpers import marker_of_milestone_in_a_name

HERE = Path(__file__).parent
EDITION = HERE / "fixtures" / "edition-rules"
ARTICLE = EDITION / "spelling-as-printed.xml"
RULES_ODD = EDITION / "rendering" / "rules.odd"
OUTPUTS = ("html", "print")


def run(*args: str):
    return CliRunner().invoke(cli.main, ["render", *args])


def article(tmp: Path) -> Path:
    """The fixture's article, in a folder of its own (its edition's teikit.toml left behind)."""
    folder = tmp / "edition"
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(ARTICLE, folder))


def render(tmp: Path, rules: Path | None, *outputs: str) -> Path:
    out = tmp / "out"
    formats = [a for o in (outputs or OUTPUTS) for a in ("--to", o)]
    extra = ["--rules", str(rules)] if rules else []
    result = run(str(article(tmp)), *formats, *extra, "--out", str(out), "-j", "1")
    assert result.exit_code == 0, result.output
    return out


def paragraph(out: Path, output: str):
    page = out / ("html/spelling-as-printed.html" if output == "html" else "print/edition.html")
    return lxml_html.parse(str(page)).getroot().get_element_by_id("sp-p1")


def words(element) -> str:
    return " ".join(element.text_content().split())


def edition_odd(tmp: Path, models: str, source: str = "teikit:render") -> Path:
    """An edition's rules ODD holding *models* (elementSpecs) in its schemaSpec."""
    odd = tmp / "my-rules.odd"
    odd.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>rules</title></titleStmt>
    <publicationStmt><p>test</p></publicationStmt><sourceDesc><p>test</p></sourceDesc>
  </fileDesc></teiHeader>
  <text><body>
    <schemaSpec ident="my-rules" source="{source}">
{models}
    </schemaSpec>
  </body></text>
</TEI>
""", "utf-8")
    return odd


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return render(tmp_path_factory.mktemp("project"), None)


@pytest.fixture(scope="module")
def overridden(tmp_path_factory) -> Path:
    return render(tmp_path_factory.mktemp("odd"), RULES_ODD)


# ------------------------------------------------------------------ the project's rules
def test_rules_xsl_is_what_the_odd_compiles_to() -> None:
    """rules.xsl is generated: edit schemas/teikit-render.odd, then run
    ``python -m teikit.render.pm_xslt``."""
    directory = xslt_dir()
    generated = rules_module(project_odd(directory), directory)
    committed = (directory / "common" / "rules.xsl").read_text("utf-8")
    assert generated == committed, "xslt/common/rules.xsl differs from schemas/teikit-render.odd: " \
                                   "run python -m teikit.render.pm_xslt"


def test_regenerating_the_rules_writes_the_committed_module(tmp_path: Path, capsys) -> None:
    from teikit.render.pm_xslt import main
    out = tmp_path / "rules.xsl"
    assert main([str(project_odd(xslt_dir())), str(out)]) == 0
    assert out.read_text("utf-8") == (xslt_dir() / "common" / "rules.xsl").read_text("utf-8")
    assert main([str(tmp_path / "missing.odd"), str(out)]) == 1
    assert "Error:" in capsys.readouterr().err


def test_the_odd_chains_to_the_projects_schema_odd() -> None:
    from lxml import etree
    spec = etree.parse(str(project_odd(xslt_dir()))).find(".//{http://www.tei-c.org/ns/1.0}schemaSpec")
    assert spec.get("source") == "teikit.odd"
    assert (project_odd(xslt_dir()).parent / spec.get("source")).is_file()


def test_the_rules_odd_compiles_to_the_schema_of_teikit_odd(tmp_path: Path) -> None:
    """Chained to teikit.odd, the rules ODD changes no element's schema: with the
    Consortium's stylesheets it compiles to the same RELAX NG (its own name aside)."""
    from odd_helpers import P5SUBSET, STAMP, STYLESHEETS, odd_env, teikit
    env = odd_env(tmp_path)
    schemas = project_odd(xslt_dir()).parent
    for name in ("teikit.odd", "teikit-render.odd"):
        done = teikit("odd", "compile", schemas / name, "-o", tmp_path / f"{name}.rng",
                      "--stylesheets", STYLESHEETS, "--source", P5SUBSET, env=env)
        assert done.returncode == 0, done.stderr

    def schema(name: str) -> list[str]:
        text = STAMP.sub("", (tmp_path / f"{name}.rng").read_text("utf-8"))
        return [line for line in text.replace("teikit-render", "teikit").splitlines()
                if not line.startswith("TEI Edition")]
    assert schema("teikit-render.odd") == schema("teikit.odd")


def test_the_odd_says_first_model_that_holds_wins() -> None:
    rules = load(project_odd(xslt_dir()), xslt_dir())
    bibl = rules.specs["bibl"]
    assert [a.calls[0].template for a in bibl] == ["citation", "list-item", "inline"]
    assert bibl[0].predicate == "starts-with(@corresp, '#')" and bibl[-1].predicate is None
    # TEI's break and note are told apart by a parameter, consumed by the compiler
    assert rules.specs["pb"][0].calls[0].template == "page-break"
    assert [c.template for a in rules.specs["note"] for c in a.calls] == [None, "note", "remark"]   # None: omit, an empty note


def test_a_behaviour_takes_only_parameters_every_output_declares() -> None:
    known = behaviours(xslt_dir())
    assert {"content", "class", "kind", "before", "after", "title"} <= known["inline"]
    assert "class" not in known["list"]       # the print output's b:list has no $class
    assert "body" in known                    # implemented once, in rules-core.xsl


# ------------------------------------------------------------------ an edition's override
@pytest.mark.parametrize("output", OUTPUTS)
def test_project_rules_show_the_regularised_spelling(project: Path, output: str) -> None:
    shown = paragraph(project, output)
    assert "Es war Tür und Thor." in words(shown)
    assert shown.xpath(".//em") == [] and shown.xpath(".//span[@class = 'emph']") == []


@pytest.mark.parametrize("output", OUTPUTS)
def test_an_odd_override_changes_the_rule_in_every_output(overridden: Path, output: str) -> None:
    shown = paragraph(overridden, output)
    assert "Es war Thür und Thor." in words(shown)
    emphasis = shown.xpath(".//em | .//span[@class = 'emph']")
    assert [e.text for e in emphasis] == ["Thor"]


def test_the_rest_of_the_page_is_the_projects(project: Path, overridden: Path) -> None:
    plain = (project / "html/spelling-as-printed.html").read_text("utf-8")
    ruled = (overridden / "html/spelling-as-printed.html").read_text("utf-8")
    assert ruled != plain
    # the reading not shown is the tooltip's: the source's spelling, or the regularised one
    assert 'title="original spelling: Thür">Tür<' in plain and 'title="regularised: Tür">Thür<' in ruled
    plain = plain.replace('title="original spelling: Thür"', 'title="the other reading"')
    ruled = ruled.replace('title="regularised: Tür"', 'title="the other reading"')
    assert ruled.replace("Thür", "Tür").replace('<em class="emph">Thor</em>',
                                                '<i class="hi italic">Thor</i>') == plain


def test_the_edition_config_names_a_rules_odd(tmp_path: Path) -> None:
    edition = tmp_path / "edition"
    shutil.copytree(EDITION, edition)
    (edition / "teikit.toml").write_text('[render]\nrules = "rendering/rules.odd"\n', "utf-8")
    out = tmp_path / "out"
    result = run(str(edition), "--to", "print", "--out", str(out), "-j", "1")
    assert result.exit_code == 0, result.output
    assert "Thür" in words(paragraph(out, "print"))


def test_models_of_an_element_replace_the_projects(tmp_path: Path) -> None:
    """An elementSpec with models replaces the element's models: an italic hi that none of
    the edition's models matches shows its text, not the project's <i>."""
    odd = edition_odd(tmp_path, """
      <elementSpec ident="hi" mode="change">
        <model behaviour="inline" predicate="@rend = 'bold'"><param name="kind" value="'emph'"/></model>
      </elementSpec>""")
    shown = paragraph(render(tmp_path, odd, "html"), "html")
    assert "Es war Tür und Thor." in words(shown)
    assert shown.xpath(".//*[. = 'Thor']") == []


def test_a_model_sequence_calls_its_behaviours_in_order(tmp_path: Path) -> None:
    odd = edition_odd(tmp_path, """
      <elementSpec ident="hi" mode="change">
        <modelSequence predicate="@rend = 'italic'">
          <model behaviour="inline"><param name="kind" value="'emph'"/></model>
          <model behaviour="text"><param name="text" value="'*'"/></model>
          <model behaviour="text" predicate="@rend = 'bold'"><param name="text" value="'!'"/></model>
        </modelSequence>
      </elementSpec>""")
    for output in OUTPUTS:
        shown = paragraph(render(tmp_path / output, odd, output), output)
        assert "Es war Tür und Thor*." in words(shown), output


def test_a_model_group_holds_alternatives_and_css_class_is_the_class(tmp_path: Path) -> None:
    odd = edition_odd(tmp_path, """
      <elementSpec ident="hi" mode="change">
        <modelGrp>
          <model behaviour="inline" predicate="@rend = 'bold'" cssClass="strong"/>
          <model behaviour="inline" cssClass="it's"/>
        </modelGrp>
      </elementSpec>""")
    hi = load(odd, xslt_dir()).specs["hi"]
    assert [a.predicate for a in hi] == ["@rend = 'bold'", None]
    assert [a.calls[0].params for a in hi] == [(("class", "'strong'"),), (("class", "'it''s'"),)]
    shown = paragraph(render(tmp_path, odd, "html"), "html")
    assert [e.get("class") for e in shown.xpath(".//i")] == ["it's"]


def chained_odds(tmp: Path) -> tuple[Path, Path]:
    """An edition ODD showing the original spelling (tmp/my-rules.odd), and one in tmp/top/
    chained to it that marks italics as emphasis: (the base, the top one)."""
    base = edition_odd(tmp, """
      <elementSpec ident="choice" mode="change">
        <model behaviour="alternate"><param name="shown" value="orig"/></model>
      </elementSpec>""")
    top = tmp / "top"
    top.mkdir()
    odd = edition_odd(top, """
      <elementSpec ident="hi" mode="change">
        <model behaviour="inline"><param name="kind" value="'emph'"/></model>
      </elementSpec>""", source="../my-rules.odd")
    return base, odd


def show_regularised(odd: Path) -> None:
    odd.write_text(odd.read_text("utf-8").replace('value="orig"', 'value="reg"'), "utf-8")


def test_an_odd_chains_to_another_edition_odd(tmp_path: Path) -> None:
    """A rules ODD whose @source is another rules ODD gets that one's changes too."""
    _, odd = chained_odds(tmp_path)
    shown = paragraph(render(odd.parent, odd, "html"), "html")
    assert "Es war Thür und Thor." in words(shown)
    assert [e.text for e in shown.xpath(".//em")] == ["Thor"]


def test_an_edit_of_a_chained_odd_shows_in_the_next_render_of_the_same_process(tmp_path: Path) -> None:
    """Editing the ODD an edition's rules ODD chains to (not the named file) changes the
    next render in the same process: the compiled rules are keyed by every ODD of the chain."""
    base, odd = chained_odds(tmp_path)
    assert "Es war Thür und Thor." in words(paragraph(render(odd.parent, odd, "html"), "html"))
    show_regularised(base)
    assert "Es war Tür und Thor." in words(paragraph(render(odd.parent, odd, "html"), "html"))


def test_a_build_redoes_the_pages_when_a_chained_odd_changes(tmp_path: Path) -> None:
    """`teikit build`'s cache key holds every ODD of the rules' chain, not only the named one."""
    from teikit.publish.site import build
    base, odd = chained_odds(tmp_path)
    source, site = article(tmp_path).parent, tmp_path / "site"
    build(source, site, rules=odd, formats=["html"], jobs=1)
    assert "Es war Thür und Thor." in words(paragraph(site, "html"))
    show_regularised(base)
    report = build(source, site, rules=odd, formats=["html"], jobs=1)
    assert any("spelling-as-printed" in str(p) for p in report.rebuilt)
    assert "Es war Tür und Thor." in words(paragraph(site, "html"))


def test_an_element_whose_models_are_deleted_shows_its_text(tmp_path: Path) -> None:
    odd = edition_odd(tmp_path, '<elementSpec ident="hi" mode="delete"/>')
    shown = paragraph(render(tmp_path, odd, "html"), "html")
    assert "Es war Tür und Thor." in words(shown) and shown.xpath(".//i") == []


# ------------------------------------------------------------------ bad rules
def _refused(tmp_path: Path, models: str, message: str, line: int) -> None:
    odd = edition_odd(tmp_path, models)
    out = tmp_path / "out"
    result = run(str(article(tmp_path)), "--to", "html", "--to", "print", "--rules", str(odd),
                 "--out", str(out), "-j", "1")
    assert result.exit_code == 1, result.output
    assert f"Error: {odd}:{line}:" in result.output, result.output
    assert message in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_a_bad_predicate_is_an_error_at_its_place(tmp_path: Path) -> None:
    _refused(tmp_path, """
      <elementSpec ident="hi" mode="change">
        <model behaviour="inline" predicate="@rend = ('italic'"/>
      </elementSpec>""", "predicate \"@rend = ('italic'\" does not compile", 10)


def test_a_predicate_calling_an_unknown_function_is_an_error(tmp_path: Path) -> None:
    _refused(tmp_path, """
      <elementSpec ident="hi" mode="change">
        <model behaviour="inline"><param name="class" value="tk:no-such-function(.)"/></model>
      </elementSpec>""", "Cannot find a 1-argument function", 10)


def test_an_unknown_behaviour_is_an_error(tmp_path: Path) -> None:
    _refused(tmp_path, """
      <elementSpec ident="hi" mode="change">
        <model behaviour="sparkle"/>
      </elementSpec>""", "unknown behaviour 'sparkle'", 10)


def test_a_parameter_the_behaviour_lacks_is_an_error(tmp_path: Path) -> None:
    _refused(tmp_path, """
      <elementSpec ident="list" mode="change">
        <model behaviour="list"><param name="class" value="'mine'"/></model>
      </elementSpec>""", "behaviour 'list' has no parameter 'class'", 10)


def test_a_rule_that_reads_a_file_is_refused(tmp_path: Path) -> None:
    _refused(tmp_path, """
      <elementSpec ident="hi" mode="change">
        <model behaviour="inline" predicate="unparsed-text-available('/etc/passwd')"/>
      </elementSpec>""", "calls unparsed-text-available(), which this code may not use", 10)


def test_a_rule_for_one_output_only_is_an_error(tmp_path: Path) -> None:
    _refused(tmp_path, """
      <elementSpec ident="hi" mode="change">
        <model behaviour="inline" output="web"/>
      </elementSpec>""", "@output is not supported", 10)


# ------------------------------------------------------------------ page breaks of an edition
MILESTONE_RULE = """
      <elementSpec ident="milestone" mode="change">
        <model behaviour="break" predicate="@unit = 'page'"><param name="type" value="'page'"/></model>
      </elementSpec>"""


def test_the_rules_say_which_elements_break_pages() -> None:
    """html.xsl writes a page that has none of them straight out, with no marker pass."""
    assert '<xsl:sequence select="$root//(pb)"/>' in rules_module(project_odd(xslt_dir()), xslt_dir())


def test_an_edition_rule_that_breaks_pages_gets_its_markers_moved(tmp_path: Path) -> None:
    """A milestone the edition's ODD makes a page break has no pb beside it: its marker
    still leaves the name it stands in (the page goes through the marker pass)."""
    odd = edition_odd(tmp_path, MILESTONE_RULE)
    assert "$root//(milestone | pb)" in rules_module(odd, xslt_dir(), edition=True)
    marker = marker_of_milestone_in_a_name(tmp_path, odd)
    assert marker.getparent().get("id") == "mb-p1"        # out of the name, in the paragraph
