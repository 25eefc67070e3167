"""The project schema (schemas/teikit.rng, generated from teikit.odd): a subset of TEI, and strict.

That the committed files are what the ODD compiles to is tests/test_schema_odd.py's.

Conformance to the official TEI P5 is checked with jing against tei_all.rng, a validator
independent of the libxml2 one teikit uses.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from teikit.validate import PROJECT_RNG, check_file

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
TEI_ALL = ROOT.parent / "shared" / "schemas-reference" / "tei_all.rng"
RNG_INVALID = FIXTURES / "schema" / "rng-invalid"

#: every file the project calls valid: the canonical edition, the schema fixtures, tei/
VALID_FILES = sorted(
    list((FIXTURES / "edition").rglob("*.xml"))
    + list((FIXTURES / "schema" / "rng-valid").rglob("*.xml"))
    + list((ROOT / "tei").rglob("*.xml")))


def test_project_rng_compiles_in_libxml2():
    etree.RelaxNG(etree.parse(str(PROJECT_RNG)))


@pytest.mark.parametrize("path", VALID_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_valid_file_has_no_error_against_project_schemas(path):
    assert [p for p in check_file(path) if p.severity == "error"] == []


def _jing(schema: Path, files: list[Path]) -> subprocess.CompletedProcess:
    jing = shutil.which("jing")
    assert jing, "jing is needed (Debian package jing, listed in .ci/run)"
    return subprocess.run([jing, str(schema), *map(str, files)], capture_output=True,
                          text=True, check=False)


def test_every_valid_file_is_also_valid_against_official_tei_all():
    result = _jing(TEI_ALL, VALID_FILES)
    assert result.returncode == 0, result.stdout
    assert len(VALID_FILES) >= 7


def test_jing_agrees_that_every_valid_file_matches_the_project_rng():
    result = _jing(PROJECT_RNG, VALID_FILES)
    assert result.returncode == 0, result.stdout


# case file -> what the message must say (what was found, what was expected)
RNG_CASES = {
    "div-type-outside-closed-list": '@type="chapter" on <div> is not allowed: expected one of '
                                    "appendix, bibliography, section, subsection, treaty",
    "cited-range-unit-outside-closed-list": '@unit="folio" on <citedRange> is not allowed: '
                                            "expected one of chapter, document, page, volume",
    "unknown-element-in-paragraph": "element <seg> is not allowed inside <p> as its first child "
                                    "element; allowed there: bibl,",
    "paragraph-after-subdivision": "element <p> is allowed in <div> but not here after <div>",
    "date-when-not-iso": '@when="19 Mayıs 1919" on <date> has the wrong form: expected a day '
                         "YYYY-MM-DD (1919-05-19) or a month YYYY-MM (1917-10) or a year",
    "measure-quantity-not-a-number": '@quantity="on bin" on <measure> has the wrong form: '
                                     "expected a plain number",
    "list-type-outside-closed-list": '@type="gloss" on <list> is not allowed: expected one of '
                                     "bulleted, numbered",
    "note-place-outside-closed-list": '@place="sidebar" on <note> is not allowed',
    "unknown-attribute-on-page-break": "<pb> may not carry @edRef; its attributes are: @facs, @n",
    "division-with-head-only": "<div> is incomplete: a required child element is missing",
}


def test_every_rng_invalid_fixture_has_a_case():
    assert {p.stem for p in RNG_INVALID.glob("*.xml")} == set(RNG_CASES)


@pytest.mark.parametrize("case", sorted(RNG_CASES))
def test_rng_invalid_fixture_is_reported_with_what_was_expected(case):
    problems = check_file(RNG_INVALID / f"{case}.xml", (("relaxng", str(PROJECT_RNG)),))
    messages = [p.message for p in problems if p.severity == "error"]
    assert any(RNG_CASES[case] in m for m in messages), messages


def test_rng_invalid_fixture_error_points_at_the_offending_line_and_column():
    problems = check_file(RNG_INVALID / "unknown-attribute-on-page-break.xml",
                          (("relaxng", str(PROJECT_RNG)),))
    line_text = (RNG_INVALID / "unknown-attribute-on-page-break.xml").read_text(
        encoding="utf-8").splitlines()[problems[0].line - 1]
    assert line_text[problems[0].column - 1:].startswith("edRef=")


def test_closed_lists_are_stricter_than_tei_all():
    """The customisation's point: these cases are TEI but not teikit."""
    cases = ["div-type-outside-closed-list", "cited-range-unit-outside-closed-list",
             "list-type-outside-closed-list", "note-place-outside-closed-list"]
    result = _jing(TEI_ALL, [RNG_INVALID / f"{c}.xml" for c in cases])
    assert result.returncode == 0, result.stdout
