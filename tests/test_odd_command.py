"""``teikit odd compile``: what a user sees for good and bad ODDs, and where the
Consortium's stylesheets and TEI source come from."""

from __future__ import annotations

import shutil

import pytest
from lxml import etree

from odd_helpers import EXAMPLES, FIXTURES, P5SUBSET, REFERENCE, STAMP, STYLESHEETS, odd_env, teikit

RNG = "{http://relaxng.org/ns/structure/1.0}"
SCH = "{http://purl.oclc.org/dsdl/schematron}"


def defines(path) -> set[str]:
    return {d.get("name") for d in etree.parse(str(path)).getroot().iter(f"{RNG}define")}


def test_tei_lite_compiles_to_the_consortium_reference_but_for_the_timestamp(tmp_path):
    out, sch = tmp_path / "lite.rng", tmp_path / "lite.sch"
    run = teikit("odd", "compile", EXAMPLES / "tei_lite.odd", "-o", out, "--schematron", sch,
                 env=odd_env(tmp_path))
    assert run.returncode == 0, run.stderr
    reference = (REFERENCE / "tei_lite.rng").read_text(encoding="utf-8")
    ours = out.read_text(encoding="utf-8")
    assert STAMP.search(ours) and ours != reference
    assert STAMP.sub("", ours).rstrip("\n") == STAMP.sub("", reference).rstrip("\n")
    rules = etree.parse(str(sch)).getroot()
    assert rules.tag == f"{SCH}schema" and len(rules.findall(f".//{SCH}rule")) > 5


def test_fixed_date_makes_the_output_reproducible(tmp_path):
    outputs = []
    for name in ("a.rng", "b.rng"):
        run = teikit("odd", "compile", EXAMPLES / "tei_bare.odd", "-o", tmp_path / name,
                     "--fixed-date", env=odd_env(tmp_path))
        assert run.returncode == 0, run.stderr
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1] and b"Schema generated from ODD source 1970-01-01" in outputs[0]


def test_options_name_the_stylesheets_and_source(tmp_path):
    run = teikit("odd", "compile", EXAMPLES / "tei_minimal.odd", "-o", tmp_path / "m.rng",
                 "--stylesheets", STYLESHEETS, "--source", P5SUBSET,
                 env=odd_env(tmp_path, consortium=False))
    assert run.returncode == 0, run.stderr
    assert "TEI" in defines(tmp_path / "m.rng")


def test_the_cache_folder_is_used_when_nothing_is_named(tmp_path):
    env = odd_env(tmp_path, consortium=False)
    cache = tmp_path / "cache"
    shutil.copytree(STYLESHEETS / "odds", cache / "tei-stylesheets" / "odds")
    shutil.copytree(STYLESHEETS / "common", cache / "tei-stylesheets" / "common")
    shutil.copy(STYLESHEETS / "i18n.xml", cache / "tei-stylesheets" / "i18n.xml")
    (cache / "tei-p5").mkdir()
    shutil.copy(P5SUBSET, cache / "tei-p5" / "p5subset.xml")
    run = teikit("odd", "compile", EXAMPLES / "tei_minimal.odd", "-o", tmp_path / "m.rng", env=env)
    assert run.returncode == 0, run.stderr
    assert "TEI" in defines(tmp_path / "m.rng")


def test_without_a_copy_or_a_network_the_error_says_what_to_download_and_where(tmp_path):
    env = odd_env(tmp_path, consortium=False)
    run = teikit("odd", "compile", EXAMPLES / "tei_minimal.odd", "-o", tmp_path / "m.rng", env=env)
    assert run.returncode == 1
    assert run.stderr.startswith("Error: ") and "Traceback" not in run.stderr
    assert "tei-xsl-7.58.0.zip" in run.stderr
    assert str(tmp_path / "cache" / "tei-stylesheets") in run.stderr
    assert "--stylesheets" in run.stderr and not (tmp_path / "m.rng").exists()


def test_a_stylesheet_option_that_is_not_the_consortiums_folder_is_an_error(tmp_path):
    run = teikit("odd", "compile", EXAMPLES / "tei_minimal.odd", "-o", tmp_path / "m.rng",
                 "--stylesheets", tmp_path, env=odd_env(tmp_path))
    assert run.returncode == 1 and "odds/odd2odd.xsl" in run.stderr
    assert not (tmp_path / "m.rng").exists()


@pytest.mark.parametrize("fixture, where, says", [
    ("malformed.odd", "6:17", "not well-formed XML"),
    ("unknown-module.odd", "9:18", 'moduleRef key="namesdate": no such module'),
    ("unknown-element-in-include.odd", "6:29", "module core has no element paragraph"),
    ("unknown-element-changed.odd", "9:20", 'elementSpec ident="paragraph" mode="change": '
                                            "no such element"),
    ("unreadable-source.odd", "4:47", "schemaSpec/@source no-such-p5subset.xml cannot be read"),
    ("network-source.odd", "6:29", "teikit never fetches from the network"),
])
def test_bad_odds_are_errors_at_their_position_and_nothing_is_written(tmp_path, fixture, where,
                                                                     says):
    out, sch = tmp_path / "out.rng", tmp_path / "out.sch"
    run = teikit("odd", "compile", FIXTURES / fixture, "-o", out, "--schematron", sch,
                 env=odd_env(tmp_path))
    assert run.returncode == 1
    assert run.stderr.startswith(f"Error: {FIXTURES / fixture}:{where}: "), run.stderr
    assert says in run.stderr and "Traceback" not in run.stderr
    assert list(tmp_path.glob("out*")) == []


def test_a_missing_odd_is_an_error(tmp_path):
    run = teikit("odd", "compile", tmp_path / "nothing.odd", "-o", tmp_path / "out.rng",
                 env=odd_env(tmp_path))
    assert run.returncode == 1 and "nothing.odd" in run.stderr and "no such file" in run.stderr


def test_an_odd_chained_to_another_odd_keeps_its_changes_and_adds_its_own(tmp_path):
    base, child = tmp_path / "base.rng", tmp_path / "child.rng"
    for odd, out in (("chained-base.odd", base), ("chained-child.odd", child)):
        run = teikit("odd", "compile", FIXTURES / odd, "-o", out, env=odd_env(tmp_path))
        assert run.returncode == 0, run.stderr
    assert "note" in defines(base) and "note" not in defines(child)
    for schema in (base, child):
        hi = next(d for d in etree.parse(str(schema)).getroot().iter(f"{RNG}define")
                  if d.get("name") == "hi")
        assert sorted(v.text for v in hi.iter(f"{RNG}value")) == ["bold", "italic"]


def test_an_existing_output_is_left_alone_when_the_compile_fails(tmp_path):
    out = tmp_path / "out.rng"
    out.write_text("the previous schema")
    run = teikit("odd", "compile", FIXTURES / "unknown-module.odd", "-o", out,
                 env=odd_env(tmp_path))
    assert run.returncode == 1 and out.read_text() == "the previous schema"


def test_usage_errors_exit_2(tmp_path):
    run = teikit("odd", "compile", EXAMPLES / "tei_bare.odd", env=odd_env(tmp_path))
    assert run.returncode == 2 and "--output" in run.stderr


def test_no_embedded_rules_keeps_the_rules_in_the_schematron_only(tmp_path):
    out, sch = tmp_path / "lite.rng", tmp_path / "lite.sch"
    run = teikit("odd", "compile", EXAMPLES / "tei_lite.odd", "-o", out, "--schematron", sch,
                 "--no-embedded-rules", env=odd_env(tmp_path))
    assert run.returncode == 0, run.stderr
    assert list(etree.parse(str(out)).getroot().iter(f"{SCH}*")) == []
    assert len(etree.parse(str(sch)).getroot().findall(f".//{SCH}rule")) > 5
    # the grammar itself is the Consortium's: the same defines as the reference
    assert defines(out) == defines(REFERENCE / "tei_lite.rng")


def test_no_embedded_rules_without_a_schematron_output_is_a_usage_error(tmp_path):
    run = teikit("odd", "compile", EXAMPLES / "tei_bare.odd", "-o", tmp_path / "b.rng",
                 "--no-embedded-rules", env=odd_env(tmp_path))
    assert run.returncode == 2 and "--schematron" in run.stderr
    assert not (tmp_path / "b.rng").exists()


def test_compact_writes_the_schema_in_compact_syntax_too(tmp_path):
    out, rnc = tmp_path / "bare.rng", tmp_path / "bare.rnc"
    run = teikit("odd", "compile", EXAMPLES / "tei_bare.odd", "-o", out, "--compact", rnc,
                 env=odd_env(tmp_path))
    assert run.returncode == 0, run.stderr
    assert f"wrote {rnc}" in run.stdout
    text = rnc.read_text(encoding="utf-8")
    assert text.startswith("# Schema generated from ODD source")
    assert 'default namespace = "http://www.tei-c.org/ns/1.0"' in text
    assert "\nstart = TEI" in text or "\nstart = (TEI" in text
