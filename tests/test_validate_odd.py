"""``teikit validate --schema my.odd`` and ``<?xml-model href="my.odd"?>``: the ODD is
compiled (once per content, in the user's cache) and its RELAX NG and Schematron run."""

from __future__ import annotations

import json
import shutil

from odd_helpers import CORPUS, EXAMPLES, FIXTURES, REFERENCE, odd_env, teikit

MINIMAL_TEI = """<?xml version="1.0" encoding="UTF-8"?>
{pi}<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>
  <publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>
  <text><body><p>One <hi rend="{rend}">word</hi>.</p>{extra}</body></text>
</TEI>
"""


def document(tmp_path, name="doc.xml", pi="", rend="italic", extra="", title="t"):
    path = tmp_path / name
    path.write_text(MINIMAL_TEI.format(pi=pi, rend=rend, extra=extra, title=title),
                    encoding="utf-8")
    return path


def problems(run) -> list[tuple[str, int, int, str]]:
    report = json.loads(run.stdout)
    return [(p["path"], p["line"], p["column"], p["message"]) for p in report["problems"]]


def test_an_odd_schema_finds_what_the_reference_relax_ng_finds(tmp_path):
    env = odd_env(tmp_path)
    files = sorted(CORPUS.rglob("*.xml"))[:6]
    assert len(files) == 6
    ours = teikit("validate", "--format", "json", "-j", "1", "--schema",
                  EXAMPLES / "tei_bare.odd", *files, env=env)
    theirs = teikit("validate", "--format", "json", "-j", "1", "--schema",
                    REFERENCE / "tei_bare.rng", *files, env=env)
    assert ours.returncode == theirs.returncode == 1, ours.stderr
    assert problems(ours) == problems(theirs)
    assert len({p[0] for p in problems(ours)}) == 6


def test_the_odds_value_lists_and_constraint_specs_both_run(tmp_path):
    odd = tmp_path / "base.odd"
    shutil.copy(FIXTURES / "chained-base.odd", odd)
    good = document(tmp_path, "good.xml")
    off_list = document(tmp_path, "off-list.xml", rend="underline")
    untitled = document(tmp_path, "untitled.xml", title=" ")
    run = teikit("validate", "--schema", odd, good, off_list, untitled, env=odd_env(tmp_path))
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    # hi/@rend's closed list (RELAX NG), the title's constraintSpec (Schematron)
    assert any(line.startswith(f"{off_list}:5:") for line in lines), lines
    assert f"{untitled}:3:35: error: a title has words" in lines
    assert not any(line.startswith(str(good)) for line in lines)


def test_an_xml_model_pi_naming_an_odd_uses_it_and_not_the_project_schema(tmp_path):
    shutil.copy(FIXTURES / "chained-base.odd", tmp_path / "base.odd")
    pi = '<?xml-model href="base.odd" type="application/tei+xml" ' \
         'schematypens="http://www.tei-c.org/ns/1.0"?>\n'
    valid = document(tmp_path, "valid.xml", pi=pi)
    invalid = document(tmp_path, "invalid.xml", pi=pi, rend="underline")
    run = teikit("validate", "-j", "1", valid, invalid, env=odd_env(tmp_path))
    lines = run.stdout.splitlines()
    assert run.returncode == 1
    # the project schema would want an xml:id and a teikit header of the valid file
    assert [line for line in lines if line.startswith(str(valid))] == []
    # the ODD's closed list of hi/@rend, reported at the attribute
    assert [line.split(": ")[0] for line in lines if line.startswith(str(invalid))] == \
        [f"{invalid}:6:26"]


def test_the_compiled_odd_is_cached_by_the_content_of_the_odd_and_its_sources(tmp_path):
    env = odd_env(tmp_path)
    shutil.copy(FIXTURES / "chained-base.odd", tmp_path / "chained-base.odd")
    shutil.copy(FIXTURES / "chained-child.odd", tmp_path / "child.odd")
    doc = document(tmp_path)
    cache = tmp_path / "cache" / "odd"
    assert teikit("validate", "--schema", tmp_path / "child.odd", doc, env=env).returncode == 0
    first = sorted(p.name for p in cache.iterdir())
    assert len(first) == 1
    assert teikit("validate", "--schema", tmp_path / "child.odd", doc, env=env).returncode == 0
    assert sorted(p.name for p in cache.iterdir()) == first
    # the base ODD the child draws on changes: the child is compiled anew
    base = tmp_path / "chained-base.odd"
    base.write_text(base.read_text().replace('<valItem ident="bold"/>',
                                             '<valItem ident="bold"/><valItem ident="sc"/>'))
    assert teikit("validate", "--schema", tmp_path / "child.odd", doc, env=env).returncode == 0
    assert len(list(cache.iterdir())) == 2


def test_a_bad_odd_given_with_schema_is_an_error_at_its_position(tmp_path):
    run = teikit("validate", "--schema", FIXTURES / "unknown-module.odd", document(tmp_path),
                 env=odd_env(tmp_path))
    assert run.returncode == 1
    assert run.stderr.startswith(f"Error: {FIXTURES / 'unknown-module.odd'}:9:18: ")


def test_a_bad_odd_named_by_a_document_is_that_documents_error(tmp_path):
    shutil.copy(FIXTURES / "unknown-module.odd", tmp_path / "typo.odd")
    doc = document(tmp_path, pi='<?xml-model href="typo.odd"?>\n')
    run = teikit("validate", doc, env=odd_env(tmp_path))
    assert run.returncode == 1
    assert any(line.startswith(f"{doc}:2:1: error: ") and "namesdate" in line
               for line in run.stdout.splitlines()), run.stdout


def test_an_odd_that_repeats_an_xml_id_is_a_schema_all_the_same(tmp_path):
    # the Consortium's tei_simplePrint.odd has two xml:id="page1"; its stylesheets accept it
    run = teikit("validate", "--schema", EXAMPLES / "tei_simplePrint.odd",
                 document(tmp_path), env=odd_env(tmp_path))
    # its schema, not an error about it: simplePrint styles with @rendition, not @rend
    assert run.returncode == 1 and "Error:" not in run.stdout + run.stderr
    assert "doc.xml:5:26: error: <hi> may not carry @rend" in run.stdout
    assert "1 file checked, 1 invalid: 1 error" in run.stdout


def test_a_key_declared_in_a_constraint_spec_serves_its_rules(tmp_path):
    # tei_jtei.odd declares xsl:key idrefs inside a constraint; extract-isosch copies it
    # into a pattern (and to the schema): the rule that looks a bibl's id up in it runs
    bibliography = ('<back><div type="bibliography"><listBibl><bibl xml:id="{id}">A book.</bibl>'
                    '</listBibl></div></back>')
    pointed = document(tmp_path, "pointed.xml", extra='<p><ref type="bibl" target="#b1">1</ref></p>')
    pointed.write_text(pointed.read_text(encoding="utf-8").replace(
        "</body>", "</body>" + bibliography.format(id="b1")), encoding="utf-8")
    orphan = document(tmp_path, "orphan.xml")
    orphan.write_text(orphan.read_text(encoding="utf-8").replace(
        "</body>", "</body>" + bibliography.format(id="b2")), encoding="utf-8")
    run = teikit("validate", "--format", "json", "--schema", EXAMPLES / "tei_jtei.odd",
                 pointed, orphan, env=odd_env(tmp_path))
    assert run.returncode == 1, run.stderr
    orphans = [p[0] for p in problems(run) if "bibliographic entry is an orphan" in p[3]]
    assert orphans == [str(orphan)], problems(run)
