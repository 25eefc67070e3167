"""teikit.odd.compact: RELAX NG XML to compact syntax. The compact form read back (by jing's
compact-syntax mode, and by the rnc2rng library) says what the XML form says: the same
verdicts, errors and positions on real TEI, for the Consortium's schemas and teikit's."""

from __future__ import annotations

from pathlib import Path

import pytest
import rnc2rng

from odd_helpers import EXAMPLES, P5SUBSET, REFERENCE, STYLESHEETS, corpus_files, jing_lines
from teikit.odd import compile_odd, find
from teikit.odd.compact import CompactError, to_compact

ROOT = Path(__file__).resolve().parents[1]
PROJECT_RNG = ROOT / "schemas" / "teikit.rng"
FIXTURES = ROOT / "tests" / "fixtures"


def same(lines: list[str]) -> list[str]:
    """jing's lines with what was expected cut off: jing lists a choice of datatypes in an
    order of its own that changes between runs (and so between the two syntaxes)."""
    return [line.split("; ")[0] for line in lines]


def write_compact(rng: Path, out: Path) -> Path:
    out.write_text(to_compact(rng.read_bytes()), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def tei_lite(tmp_path_factory) -> Path:
    schemas = compile_odd(EXAMPLES / "tei_lite.odd", find(STYLESHEETS, P5SUBSET, download=False))
    path = tmp_path_factory.mktemp("lite") / "tei_lite.rng"
    path.write_text(schemas.relaxng, encoding="utf-8")
    return path


def test_tei_lite_in_compact_syntax_gives_jings_errors_at_the_same_places(tei_lite, tmp_path):
    rnc = write_compact(tei_lite, tmp_path / "tei_lite.rnc")
    files = corpus_files()
    expected = jing_lines(tei_lite, files)
    assert len(expected) > 1000  # the external corpus is not tei_lite: many errors to match
    assert same(jing_lines(rnc, files, compact=True)) == same(expected)


def test_teikit_schema_in_compact_syntax_gives_jings_errors_at_the_same_places(tmp_path):
    rnc = write_compact(PROJECT_RNG, tmp_path / "teikit.rnc")
    # the fixtures first: jing stops a batch at a file it cannot read (two corpus files)
    files = sorted((FIXTURES / "schema" / "rng-invalid").glob("*.xml")) + corpus_files()
    expected = jing_lines(PROJECT_RNG, files)
    assert any("rng-invalid" in line for line in expected)
    assert same(jing_lines(rnc, files, compact=True)) == same(expected)


def test_tei_all_in_compact_syntax_is_read_back_by_rnc2rng_and_jing(tmp_path):
    reference = REFERENCE / "tei_all.rng"
    rnc = write_compact(reference, tmp_path / "tei_all.rnc")
    back = tmp_path / "tei_all.back.rng"
    back.write_text(rnc2rng.dumps(rnc2rng.loads(rnc.read_text(encoding="utf-8"))),
                    encoding="utf-8")
    files = corpus_files()
    expected = jing_lines(reference, files)
    assert expected and same(jing_lines(back, files)) == same(expected)


EVERY_CONSTRUCT = """<grammar xmlns="http://relaxng.org/ns/structure/1.0"
    xmlns:a="http://relaxng.org/ns/compatibility/annotations/1.0" xmlns:x="urn:x"
    datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start combine="choice"><ref name="div"/></start>
  <define name="div">
    <element name="div">
      <a:documentation>a "division", with 'quotes'</a:documentation>
      <optional><attribute name="x:type"><choice><value>a"b</value><value>it's</value>
        <value type="string">two
lines</value></choice></attribute></optional>
      <optional><attribute><name ns="urn:x">n</name><data type="integer">
        <param name="minInclusive">1</param></data></attribute></optional>
      <optional><attribute name="when"><data type="string"><except><value>never</value>
        </except></data></attribute></optional>
      <zeroOrMore><attribute><anyName><except><nsName ns=""/><name ns="urn:x">type</name>
        <name ns="urn:x">n</name></except></anyName></attribute></zeroOrMore>
      <interleave><zeroOrMore><ref name="text"/></zeroOrMore>
        <optional><element name="list"><list><oneOrMore><data type="token"/></oneOrMore>
        </list></element></optional></interleave>
      <optional><element name="grammar"><grammar><start><element name="in">
        <parentRef name="leaf"/></element></start></grammar></element></optional>
    </element>
  </define>
  <define name="text"><element name="text"><mixed><zeroOrMore><ref name="leaf"/></zeroOrMore>
    </mixed></element></define>
  <define name="leaf" combine="choice"><element><nsName ns="urn:x"/><empty/></element></define>
  <define name="leaf" combine="choice"><notAllowed/></define>
  <div><define name="element"><element name="element"><text/></element></define></div>
</grammar>"""

DOCUMENTS = {
    "valid": '<div xmlns:x="urn:x" x:type="a&quot;b" x:n="3" when="now" x:other="1">'
             '<text>t<x:y/></text><list>a b</list><grammar><in><x:z/></in></grammar></div>',
    "two-lines": '<div xmlns:x="urn:x" x:type="two&#10;lines"/>',
    "bad-value": '<div xmlns:x="urn:x" x:type="ab"/>',
    "bad-integer": '<div xmlns:x="urn:x" x:n="0"/>',
    "excepted-value": '<div when="never"/>',
    "excepted-name": '<div other="1"/>',
    "misplaced": '<div><grammar><in/></grammar><text/></div>',
}


def test_every_construct_of_relax_ng_says_the_same_in_compact_syntax(tmp_path):
    rng = tmp_path / "every.rng"
    rng.write_text(EVERY_CONSTRUCT, encoding="utf-8")
    rnc = write_compact(rng, tmp_path / "every.rnc")
    text = rnc.read_text(encoding="utf-8")
    assert "\\div" in text and "\\element" in text and "\\list" in text
    assert "## a \"division\", with 'quotes'" in text
    files = []
    for name, body in DOCUMENTS.items():
        files.append(tmp_path / f"{name}.xml")
        files[-1].write_text(body, encoding="utf-8")
    expected = jing_lines(rng, files)
    assert {line.split("/")[-1].split(".xml")[0] for line in expected} == \
        set(DOCUMENTS) - {"valid", "two-lines"}
    assert same(jing_lines(rnc, files, compact=True)) == same(expected)


def test_a_document_that_is_not_relax_ng_is_refused():
    with pytest.raises(CompactError, match="not a RELAX NG schema"):
        to_compact("<schema xmlns='http://purl.oclc.org/dsdl/schematron'/>")
