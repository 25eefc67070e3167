"""The Schematron rules (schemas/teikit.sch) and teikit's Schematron-to-XSLT-3 compiler."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from teikit.errors import SchemaError
from teikit.validate import PROJECT_SCH, check_file, validate_paths
from teikit.validate.schematron import SchematronValidator, compile_schematron
from teikit.xmlio import parse

ROOT = Path(__file__).resolve().parents[1]
EDITION = ROOT / "tests" / "fixtures" / "edition"
CASES = ROOT / "tests" / "fixtures" / "schema" / "sch-invalid"
SCHEMATRON_ONLY = (("schematron", str(PROJECT_SCH)),)

# case file -> what the error message must say
SCH_CASES = {
    "local-pointer-unresolved": '@corresp="#sc0-bib-nobody-1999" points to #sc0-bib-nobody-1999, '
                                "but no element of this document has that xml:id",
    "register-entry-missing": "no entry register/persons.xml#per-nobody exists in the pointed file",
    "pointer-into-unknown-file": "register/people.xml, which is not a file of the edition",
    "persname-points-at-place": "points at an entry that is not a <person>",
    "bibl-points-at-paragraph": "which is not a bibliography entry",
    "id-duplicated-across-edition": 'xml:id="per-ali" is also used in file://',
    "date-not-a-calendar-day": '@when="1919-02-30" is not an ISO 8601 date',
    "date-range-reversed": '<date> starts after it ends (@from="1920-09-09", @to="1920-09-01")',
    "xml-model-missing": "The document does not name the project's RELAX NG schema",
}


def test_every_schematron_fixture_has_a_case():
    # id-duplicated-in-document is refused earlier, by the parser (see below)
    assert {p.stem for p in CASES.glob("*.xml")} == set(SCH_CASES) | {"id-duplicated-in-document"}


@pytest.mark.parametrize("case", sorted(SCH_CASES))
def test_schematron_fixture_is_reported_with_how_to_fix_it(case):
    problems = check_file(CASES / f"{case}.xml", SCHEMATRON_ONLY)
    errors = [p.message for p in problems if p.severity == "error"]
    assert any(SCH_CASES[case] in m for m in errors), errors


def test_id_duplicated_in_document_is_refused_with_its_line():
    problems = check_file(CASES / "id-duplicated-in-document.xml")
    assert [(p.line, p.severity) for p in problems] == [(17, "error")]
    assert "ID sc5-p1 already defined" in problems[0].message


def test_canonical_edition_is_valid_with_one_orphan_warning():
    report = validate_paths([EDITION])
    assert report.ok
    assert [(Path(p.path).name, p.line, p.severity) for p in report.problems] == [
        ("places.xml", 22, "warning")]
    assert 'xml:id="pl-moskova"' in report.problems[0].message


def test_orphaned_register_entry_is_a_warning_at_its_line():
    problems = check_file(CASES / "register" / "persons.xml", SCHEMATRON_ONLY)
    orphan = [p for p in problems if "per-orphan" in p.message]
    assert [(p.severity, p.line, p.column) for p in orphan] == [("warning", 18, 9)]
    assert "orphaned register entry" in orphan[0].message


def test_register_pointer_resolves_relative_to_the_document(tmp_path):
    edition = tmp_path / "edition"
    shutil.copytree(EDITION, edition)
    (edition / "register" / "persons.xml").rename(edition / "register" / "people.xml")
    problems = check_file(edition / "sample-article.xml", SCHEMATRON_ONLY)
    unresolved = [p for p in problems if "not a file of the edition" in p.message]
    assert len(unresolved) == 3  # the author, Mustafa Kemal, Lenin
    assert all(p.line in (10, 65, 68) for p in unresolved)


def test_schematron_error_points_at_the_attribute_column():
    path = CASES / "date-range-reversed.xml"
    problem = check_file(path, SCHEMATRON_ONLY)[0]
    line = path.read_text(encoding="utf-8").splitlines()[problem.line - 1]
    assert line[problem.column - 1:].startswith("<date from=")


def test_compiled_schematron_is_xslt_3_with_a_mode_per_pattern():
    xslt = etree.fromstring(compile_schematron(PROJECT_SCH).encode())
    modes = xslt.findall("{http://www.w3.org/1999/XSL/Transform}mode")
    assert xslt.get("version") == "3.0"
    assert all(m.get("on-no-match") == "shallow-skip" for m in modes)
    assert len(modes) == 1 + len(etree.parse(str(PROJECT_SCH)).findall(
        "{http://purl.oclc.org/dsdl/schematron}pattern"))


def test_first_matching_rule_of_a_pattern_wins(tmp_path):
    sch = tmp_path / "order.sch"
    sch.write_text("""<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt3">
      <sch:pattern id="order">
        <sch:rule context="b"><sch:report test="true()">first rule</sch:report></sch:rule>
        <sch:rule context="*"><sch:report test="true()" role="warning">fallback <sch:name/></sch:report></sch:rule>
      </sch:pattern></sch:schema>""")
    doc = etree.ElementTree(etree.fromstring("<a><b/></a>"))
    failures = SchematronValidator(sch).check(doc, (tmp_path / "d.xml").as_uri())
    assert [(f.message, f.role) for f in failures] == [("fallback a", "warning"),
                                                       ("first rule", "error")]


def test_a_rule_whose_context_is_a_variable_checks_the_nodes_it_holds(tmp_path):
    # an XSLT 3 pattern ($name): teikit.sch's pointers-resolve looks at the pointers only
    # when the document has one that does not resolve
    sch = tmp_path / "variable.sch"
    sch.write_text("""<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt3">
      <sch:pattern id="odd">
        <sch:let name="odd" value="//@n[. mod 2 = 1]"/>
        <sch:rule context="$odd"><sch:report test="true()">odd <sch:value-of select="."/></sch:report></sch:rule>
      </sch:pattern></sch:schema>""")
    doc = etree.ElementTree(etree.fromstring('<a n="1"><b n="2"/><b n="3"><c n="5"/></b></a>'))
    failures = SchematronValidator(sch).check(doc, (tmp_path / "d.xml").as_uri())
    assert [(f.message, f.location) for f in failures] == [
        ("odd 1", "/Q{}a[1]/@n"), ("odd 3", "/Q{}a[1]/Q{}b[2]/@n"),
        ("odd 5", "/Q{}a[1]/Q{}b[2]/Q{}c[1]/@n")]


def test_unsupported_schematron_element_is_refused_not_ignored(tmp_path):
    sch = tmp_path / "phase.sch"
    sch.write_text("""<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt3">
      <sch:phase id="p"/><sch:pattern><sch:rule context="*"><sch:assert test="true()">x</sch:assert>
      </sch:rule></sch:pattern></sch:schema>""")
    with pytest.raises(SchemaError, match=r"<phase> is not supported"):
        compile_schematron(sch)


def test_xpath1_only_query_binding_is_refused(tmp_path):
    sch = tmp_path / "xpath1.sch"
    sch.write_text('<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron"/>')
    with pytest.raises(SchemaError, match="queryBinding"):
        compile_schematron(sch)


def test_edition_index_follows_edits_between_runs(tmp_path):
    edition = tmp_path / "edition"
    shutil.copytree(EDITION, edition)
    article = edition / "sample-article.xml"
    assert check_file(article, SCHEMATRON_ONLY) == []
    persons = edition / "register" / "persons.xml"
    persons.write_text(persons.read_text(encoding="utf-8").replace(
        'xml:id="per-lenin"', 'xml:id="per-vladimir-lenin"'), encoding="utf-8")
    problems = check_file(article, SCHEMATRON_ONLY)
    assert [p.line for p in problems] == [68]
    assert "no entry register/persons.xml#per-lenin exists" in problems[0].message


def test_rules_also_run_without_teikit_edition_index():
    """Another Schematron processor passes no $edition: pointed files are read with doc()
    (so here on the runtime of a schema the user names, which may read local files)."""
    from teikit.saxon import user_runtime

    validator = SchematronValidator(PROJECT_SCH, user_runtime())
    article = EDITION / "sample-article.xml"
    assert validator.check(parse(article), article.as_uri(), None) == []
    broken = parse(article.read_bytes().replace(b"#per-lenin", b"#per-nobody"))
    failures = validator.check(broken, article.as_uri(), None)
    assert [f.pattern for f in failures] == ["pointers-resolve"]
    assert "no entry register/persons.xml#per-nobody exists" in failures[0].message


def test_draft_in_a_subdirectory_is_not_part_of_the_edition(tmp_path):
    edition = tmp_path / "edition"
    shutil.copytree(EDITION, edition)
    (edition / "drafts").mkdir()
    draft = edition / "drafts" / "bibliography.xml"
    text = (EDITION / "sample-article.xml").read_text(encoding="utf-8")
    draft.write_text(text.replace('href="../../../', 'href="../../../../')
                     .replace('register/', '../register/'), encoding="utf-8")
    # the draft repeats the article's ids: not an error, it is not part of the edition
    assert check_file(draft, SCHEMATRON_ONLY) == []
    assert check_file(edition / "sample-article.xml", SCHEMATRON_ONLY) == []
    draft.write_text(draft.read_text(encoding="utf-8").replace("#per-lenin", "#per-nobody"),
                     encoding="utf-8")
    assert ["no entry ../register/persons.xml#per-nobody" in p.message
            for p in check_file(draft, SCHEMATRON_ONLY)] == [True]


def _mixed_pointers(tmp_path) -> Path:
    """The sample edition with wrong pointers written among right ones, each twice."""
    edition = tmp_path / "edition"
    shutil.copytree(EDITION, edition)
    article = edition / "sample-article.xml"
    text = article.read_text(encoding="utf-8")
    for old, new in (
            ('<persName ref="register/persons.xml#per-mustafa-kemal">',
             '<persName ref="register/persons.xml#per-mustafa-kemal register/places.xml#pl-samsun">'),
            ('<persName ref="register/persons.xml#per-lenin">',
             '<persName ref=" register/places.xml#pl-samsun  register/persons.xml#per-lenin">'),
            ('<bibl corresp="#smpl-bib-tansel-2019a">',
             '<bibl corresp="#smpl-bib-tansel-2019a #smpl-p1 #smpl-bib-nobody">'),
            ('<bibl corresp="#smpl-bib-muderrisoglu-2018"><citedRange',
             '<bibl corresp="#smpl-p1 #smpl-bib-nobody #smpl-bib-muderrisoglu-2018"><citedRange')):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    article.write_text(text, encoding="utf-8")
    return article


def test_a_wrong_pointer_among_right_ones_is_reported_where_each_attribute_holds_it(tmp_path):
    # the pointer rules judge each distinct token once per document and fire only where an
    # attribute holds a wrong one: each place that writes one is reported, with the message
    # naming that attribute (its spaces normalised, as every message's); the same right
    # tokens elsewhere (line 66's place, the other citations of these works) are not
    article = _mixed_pointers(tmp_path)
    found = [(p.line, p.message.split(" points")[0]) for p in check_file(article, SCHEMATRON_ONLY)]
    assert found == [
        (65, '<persName> @ref="register/persons.xml#per-mustafa-kemal register/places.xml#pl-samsun"'),
        (68, '<persName> @ref=" register/places.xml#pl-samsun register/persons.xml#per-lenin"'),
        (70, 'bibl/@corresp="#smpl-bib-tansel-2019a #smpl-p1 #smpl-bib-nobody"'),
        (70, '@corresp="#smpl-bib-tansel-2019a #smpl-p1 #smpl-bib-nobody"'),
        (78, 'bibl/@corresp="#smpl-p1 #smpl-bib-nobody #smpl-bib-muderrisoglu-2018"'),
        (78, '@corresp="#smpl-p1 #smpl-bib-nobody #smpl-bib-muderrisoglu-2018"')]
    messages = [p.message for p in check_file(article, SCHEMATRON_ONLY)]
    assert sum("is not a <person>" in m for m in messages) == 2
    assert sum("points at #smpl-p1, which is not a bibliography entry" in m for m in messages) == 2
    assert sum("points to #smpl-bib-nobody, but no element" in m for m in messages) == 2
