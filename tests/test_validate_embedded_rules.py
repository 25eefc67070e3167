"""The Schematron rules embedded in tei_all.rng run by default, cut down to those that can
fire on the run's documents, and Saxon is skipped only where libxml2 shows no rule can
fail: on every real file, the same findings as running every rule with Saxon."""

from __future__ import annotations

from pathlib import Path

import pytest

from teikit.saxon import user_runtime
from teikit.validate import validate_paths
from teikit.validate.rng_reduce import scan_names
from teikit.validate.rule_filter import applicable, can_fire
from teikit.validate.rule_precheck import Precheck
from teikit.validate.schematron import SchematronValidator, embedded_schematron
from teikit.xmlio import parse

ROOT = Path(__file__).resolve().parents[1]
EXTERNAL = ROOT.parent / "shared" / "corpora" / "external"
TEI_ALL = ROOT.parent / "shared" / "schemas-reference" / "tei_all.rng"

pytestmark = pytest.mark.skipif(not TEI_ALL.is_file(), reason="needs ../shared")


def _readable(files):
    for path in files:
        try:
            yield path, parse(path)
        except Exception:  # the xml:id that is no NCName: not this test's subject
            continue


def test_skipping_saxon_never_hides_a_finding_of_the_full_rules():
    rules = embedded_schematron(parse(TEI_ALL).getroot())
    everything = SchematronValidator(TEI_ALL, user_runtime(), schema=rules)
    files = sorted(EXTERNAL.rglob("*.xml")) + sorted((ROOT / "tei").glob("*.xml"))
    elements, attributes, _ = scan_names(files)
    kept = applicable(rules, elements, attributes)
    precheck = Precheck(kept)
    skipped = found = 0
    for path, tree in _readable(files):
        failures = everything.check(tree, path.resolve().as_uri())
        found += len(failures)
        if not precheck.may_fail(tree):
            skipped += 1
            assert failures == [], path
    assert skipped >= 8 and found >= 40  # both branches are exercised


def test_a_rule_whose_context_names_no_element_of_the_run_is_dropped():
    assert not can_fire("tei:elementSpec[ @mode eq 'delete' ]", {"p", "div"}, {"mode"})
    assert can_fire("tei:l//tei:p", {"p"}, set())
    assert not can_fire("tei:*[@calendar]", {"date"}, {"when"})
    assert can_fire("tei:*[@calendar]", {"date"}, {"calendar"})
    assert can_fire("tei:*[not(@x)]", {"date"}, set())  # a negation: kept


def test_embedded_rules_run_by_default_and_can_be_turned_off(tmp_path):
    doc = tmp_path / "subtype.xml"
    doc.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
                   "<title>t</title></titleStmt><publicationStmt><p>p</p></publicationStmt>"
                   "<sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body>"
                   '<div subtype="x"><p>x</p></div></body></text></TEI>', encoding="utf-8")
    on = validate_paths([doc], schema=TEI_ALL).problems
    off = validate_paths([doc], schema=TEI_ALL, embedded_rules=False).problems
    assert [p.line for p in on] == [1] and off == []
