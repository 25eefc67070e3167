"""schemas/teikit.odd: the project's customisation as a TEI ODD, and the source of its schema.

``schemas/teikit.rng`` and ``schemas/teikit.sch`` are what ``teikit odd compile`` makes of
the ODD with the Consortium's stylesheets (the copies in ../shared): a test fails when the
committed files drift from it. The ODD states every element whole (content, attributes,
datatypes, closed lists) and the Schematron rules as constraintSpecs, on the element they
belong to or on the schema where they are document-wide; the reference tables of
docs/encoding.md are generated from it. That the schema accepts and rejects what it must
(with which messages) is tests/test_schema.py's and tests/test_schema_rules.py's.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from lxml import etree

from odd_helpers import jing_lines, odd_env, teikit

ROOT = Path(__file__).resolve().parents[1]
ODD = ROOT / "schemas" / "teikit.odd"
PROJECT_RNG = ROOT / "schemas" / "teikit.rng"
PROJECT_SCH = ROOT / "schemas" / "teikit.sch"
FIXTURES = ROOT / "tests" / "fixtures"
VALID_FILES = sorted(list((FIXTURES / "edition").rglob("*.xml"))
                     + list((FIXTURES / "schema" / "rng-valid").rglob("*.xml"))
                     + list((ROOT / "tei").rglob("*.xml")))
TEI = "{http://www.tei-c.org/ns/1.0}"
RNG = "{http://relaxng.org/ns/structure/1.0}"
SCH = "{http://purl.oclc.org/dsdl/schematron}"
#: the command the README gives for regenerating the schema (paths relative to ROOT)
REGENERATE = ("odd", "compile", "schemas/teikit.odd", "-o", "schemas/teikit.rng",
              "--schematron", "schemas/teikit.sch", "--fixed-date", "--no-embedded-rules")


@pytest.fixture(scope="module")
def compiled(tmp_path_factory) -> Path:
    """The README's command, run on a copy of schemas/: the folder it wrote into."""
    work = tmp_path_factory.mktemp("teikit-odd")
    (work / "schemas").mkdir()
    (work / "schemas" / "teikit.odd").write_bytes(ODD.read_bytes())
    run = teikit(*REGENERATE, env=odd_env(work), cwd=work)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""  # no warning
    return work / "schemas"


def test_teikit_rng_is_what_the_odd_compiles_to(compiled):
    assert (compiled / "teikit.rng").read_text(encoding="utf-8") == \
        PROJECT_RNG.read_text(encoding="utf-8"), "run the README's teikit odd compile command"


def test_teikit_sch_is_what_the_odd_compiles_to(compiled):
    assert (compiled / "teikit.sch").read_text(encoding="utf-8") == \
        PROJECT_SCH.read_text(encoding="utf-8"), "run the README's teikit odd compile command"


def test_a_change_to_the_odd_shows_as_drift(tmp_path):
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "teikit.odd").write_text(
        ODD.read_text(encoding="utf-8").replace('<valItem ident="treaty"/>', ""), encoding="utf-8")
    run = teikit(*REGENERATE, env=odd_env(tmp_path), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    drifted = (tmp_path / "schemas" / "teikit.rng").read_text(encoding="utf-8")
    assert drifted != PROJECT_RNG.read_text(encoding="utf-8")
    assert "<value>treaty</value>" not in drifted.split('<define name="div">')[1].split("</define>")[0]


def test_the_odd_itself_is_valid_tei():
    tei_all = ROOT.parent / "shared" / "schemas-reference" / "tei_all.rng"
    assert jing_lines(tei_all, [ODD]) == []


def test_every_file_the_project_calls_valid_is_valid_with_jing():
    assert len(VALID_FILES) >= 7
    assert jing_lines(PROJECT_RNG, VALID_FILES) == []


def test_the_rules_are_in_teikit_sch_only():
    rng = etree.parse(str(PROJECT_RNG)).getroot()
    assert list(rng.iter(f"{SCH}*")) == []
    assert etree.parse(str(PROJECT_SCH)).getroot().get("queryBinding") == "xslt3"


def constraint_contexts() -> dict[str, str]:
    """constraintSpec ident -> the element it stands in, for each one holding a rule."""
    where = {}
    for spec in etree.parse(str(ODD)).getroot().iter(f"{TEI}constraintSpec"):
        if spec.find(f".//{SCH}pattern") is not None:
            where[spec.get("ident")] = spec.getparent().get("ident")
    return where


def test_rules_stand_in_their_element_and_document_rules_in_tei():
    where = constraint_contexts()
    assert where["bibl-points-at-bibliography"] == "bibl"
    assert where["persName-points-at-person"] == "persName"
    assert where["person-used"] == "person"
    # the document's own rules stand in its root element, TEI (not in the schemaSpec): an
    # ODD chained to this one (schemas/teikit-render.odd) draws them in with the element
    assert where["pointers-resolve"] == where["ids-unique"] == where["xml-model"] == "TEI"


def test_an_odd_chained_to_teikit_odd_validates_with_its_rules(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text((ROOT / "tests" / "fixtures" / "schema" / "sch-invalid" /
                    "date-range-reversed.xml").read_text(encoding="utf-8"), encoding="utf-8")
    run = teikit("validate", "--schema", ODD.parent / "teikit-render.odd", bad,
                 env=odd_env(tmp_path))
    assert run.returncode == 1, run.stderr
    assert "starts after it ends" in run.stdout and "Error" not in run.stdout + run.stderr


def test_every_rule_of_teikit_sch_comes_from_a_constraint_spec_of_the_odd():
    sch = etree.parse(str(PROJECT_SCH)).getroot()
    patterns = list(sch.iter(f"{SCH}pattern"))
    # the Consortium's own constraints on TEI classes are not carried: the ODD replaces
    # every element, so TEI's att.typed, att.datable ... and their rules are gone
    assert len(patterns) == 14
    assert sorted(p.get("id") for p in patterns) == sorted(constraint_contexts())


def odd_lists() -> dict[tuple[str, str], set[str]]:
    lists = {}
    for spec in etree.parse(str(ODD)).getroot().iter(f"{TEI}elementSpec"):
        for att in spec.iter(f"{TEI}attDef"):
            for values in att.iter(f"{TEI}valList"):
                if values.get("type") == "closed":
                    lists[(spec.get("ident"), att.get("ident"))] = {
                        v.get("ident") for v in values.iter(f"{TEI}valItem")}
    return lists


def rng_lists(path: Path) -> dict[tuple[str, str], set[str]]:
    """element, attribute -> the values a RELAX NG schema closes it to (refs followed
    inside an element's pattern, not into other elements)."""
    root = etree.parse(str(path)).getroot()
    defines = defaultdict(list)
    for define in root.iter(f"{RNG}define"):
        defines[define.get("name")].append(define)
    found: dict[tuple[str, str], set[str]] = defaultdict(set)

    def walk(node, element: str, seen: frozenset) -> None:
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if child.tag in (f"{RNG}element", f"{RNG}name"):
                continue
            if child.tag == f"{RNG}attribute" and name_of(child):
                values = {v.text for v in child.iter(f"{RNG}value")}
                if values and not any(True for _ in child.iter(f"{RNG}data")):
                    found[(element, name_of(child))] |= values
                continue
            if child.tag == f"{RNG}ref" and child.get("name") not in seen:
                for define in defines[child.get("name")]:
                    walk(define, element, seen | {child.get("name")})
                continue
            walk(child, element, seen)

    for element in root.iter(f"{RNG}element"):
        if name_of(element):
            walk(element, name_of(element), frozenset())
    return dict(found)


def name_of(pattern) -> str | None:
    """An element or attribute pattern's name: @name (odd2relax) or <name> (rnc2rng)."""
    if pattern.get("name"):
        return pattern.get("name")
    name = pattern.find(f"{RNG}name")
    return name.text.strip() if name is not None and name.text else None


def test_the_odds_closed_lists_are_teikit_rngs():
    ours = odd_lists()
    assert len(ours) >= 25
    assert rng_lists(PROJECT_RNG) == ours


def test_the_reference_in_docs_encoding_md_is_generated_from_the_odd():
    from teikit.odd import reference

    text = reference.DOC.read_text(encoding="utf-8")
    assert reference.updated(text) == text
    assert "| `div/@type` | `section`, `subsection`, `bibliography`, `appendix`, `treaty` |" in text


def test_the_reference_check_flags_a_stale_block(tmp_path):
    from teikit.odd import reference

    odd = tmp_path / "teikit.odd"
    odd.write_text(ODD.read_text(encoding="utf-8").replace('<valItem ident="treaty"/>', ''),
                   encoding="utf-8")
    text = reference.DOC.read_text(encoding="utf-8")
    stale = reference.updated(text, odd)
    assert stale != text and "`appendix` | what a division is" in stale
