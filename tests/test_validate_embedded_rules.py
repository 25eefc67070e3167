"""The Schematron rules embedded in tei_all.rng run by default, cut down to those that can
fire on the run's documents, and Saxon is skipped only where libxml2 shows no rule can
fail: on every real file, the same findings as running every rule with Saxon."""

from __future__ import annotations

from pathlib import Path

import pytest

from lxml import etree

from teikit.saxon import user_runtime
from teikit.validate import validate_paths
from teikit.validate.rng_reduce import scan_names
from teikit.validate.rule_filter import applicable, can_fire, required_attributes
from teikit.validate.rule_precheck import SCH, Precheck
from teikit.validate.rule_xpath1 import NotPlain, PlainRules
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


@pytest.mark.parametrize("context, needs", [
    ("tei:*[@when]", [{"when"}]),
    ("tei:*[not(self::tei:schemaSpec)][@targetLang]", [{"targetLang"}]),
    ("tei:*[ starts-with( @spanTo, '#') ]", [{"spanTo"}]),
    ("tei:*[ @minOccurs and not( @maxOccurs ) ]", [{"minOccurs"}]),
    ("tei:*[@a][1]", [{"a"}]),
    ("tei:*[@a] | tei:x[@b='1']", [{"a"}, {"b"}]),
    ("tei:x[@a]/..", [{"a"}]),
])
def test_a_context_that_needs_an_attribute_says_so(context, needs):
    assert required_attributes(context) == [frozenset(n) for n in needs]


@pytest.mark.parametrize("context", [
    "tei:p", "tei:*[@a] | tei:x", "tei:*[@a or @b]", "tei:*[string(@a) = '']",
    "tei:*[@a != 'x']", "tei:*[not(@a)]", "tei:*[(@a, 'x')[1]]", "(tei:*[@a])/tei:b",
    "tei:x[tei:y[@a]]", "@xml:id", "tei:*[starts-with(@a, '')]",
])
def test_a_context_that_may_match_without_an_attribute_needs_none(context):
    """Each of these matches some element without the attribute it mentions (or the
    analysis cannot tell): no document may be spared the rule."""
    assert required_attributes(context) is None


def test_a_document_without_the_attribute_a_rule_needs_is_not_asked(tmp_path):
    rules = embedded_schematron(parse(TEI_ALL).getroot())
    precheck = Precheck(applicable(rules, {"TEI", "div", "p"}, None))
    body = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div {}><p>x</p></div></body></text></TEI>'
    without = tmp_path / "without.xml"
    without.write_text(body.format('type="x"'), encoding="utf-8")
    with_subtype = tmp_path / "with.xml"
    with_subtype.write_text(body.format('subtype="x"'), encoding="utf-8")
    assert not precheck.may_fail(parse(without))
    assert precheck.may_fail(parse(with_subtype))  # @subtype without @type: reported


@pytest.mark.parametrize("test", [
    "re:test(., '(a+)+$')",            # EXSLT regular expressions: off
    "string-length(document('/etc/passwd')) > 0",  # XSLT's document(): not in XPath
    "php:function('system', 'id')",     # no extension functions
])
def test_the_precheck_runs_only_xpath_itself(tmp_path, test):
    """What a document's schema asks of libxml2 before Saxon: XPath 1.0's own functions
    only; anything else leaves the verdict to Saxon and its sandbox."""
    schema = etree.fromstring(
        '<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" '
        'xmlns:re="http://exslt.org/regular-expressions" xmlns:php="http://php.net/xsl">'
        f'<sch:pattern><sch:rule context="/*"><sch:assert test="{test}">m</sch:assert>'
        '</sch:rule></sch:pattern></sch:schema>')
    precheck = Precheck(schema)
    doc = tmp_path / "doc.xml"
    doc.write_text("<TEI/>", encoding="utf-8")
    tree = parse(doc)
    for _, _, check in precheck.checks:
        if check is not None:  # compiled: the function is unknown when it is called
            with pytest.raises(etree.XPathEvalError, match="Unregistered function"):
                check(tree)
    assert precheck.may_fail(tree)
    assert PlainRules(schema).patterns == []  # nor is it run by libxml2 to find failures


def test_the_plain_rules_find_in_libxml2_what_saxon_finds():
    """Where no other rule can fire, the rules that are plain XPath 1.0 run in libxml2:
    the same findings, messages and locations as Saxon's, on every real file."""
    rules = embedded_schematron(parse(TEI_ALL).getroot())
    files = sorted(EXTERNAL.rglob("*.xml")) + sorted((ROOT / "tei").glob("*.xml"))
    elements, attributes, _ = scan_names(files)
    kept = applicable(rules, elements, attributes)
    saxon = SchematronValidator(TEI_ALL, user_runtime(), schema=kept)
    plain = PlainRules(kept)
    others = Precheck(plain.rest)
    assert plain.patterns and plain.rest is not None  # both kinds are in tei_all
    compared = found = 0
    for path, tree in _readable(files):
        if others.may_fail(tree):
            continue
        expected = saxon.check(tree, path.resolve().as_uri())
        assert plain.failures(tree) == expected, path
        compared += 1
        found += len(expected)
    assert compared >= 8 and found >= 5


def test_a_rule_xpath_1_reads_otherwise_is_not_plain():
    schema = etree.fromstring(
        '<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron">'
        '<sch:pattern id="a"><sch:rule context="p"><sch:assert test="@n">n</sch:assert>'
        '</sch:rule></sch:pattern>'
        '<sch:pattern id="b"><sch:rule context="p"><sch:assert test="@n lt 3">lt</sch:assert>'
        '</sch:rule></sch:pattern>'
        '<sch:pattern id="c"><sch:rule context="p"><sch:let name="x" value="1"/>'
        '<sch:assert test="$x">let</sch:assert></sch:rule></sch:pattern>'
        '<sch:pattern id="d"><sch:rule context="p"><sch:assert test="matches(., \'x\')">f</sch:assert>'
        '</sch:rule></sch:pattern></sch:schema>')
    plain = PlainRules(schema)
    assert [name for name, _ in plain.patterns] == ["a"]
    assert [p.get("id") for p in plain.rest.iter(SCH + "pattern")] == ["b", "c", "d"]


def test_a_finding_the_plain_path_cannot_write_alike_goes_to_saxon(tmp_path):
    schema = etree.fromstring(
        '<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron">'
        '<sch:pattern id="a"><sch:rule context="p"><sch:report test="@n">'
        'n is <sch:value-of select="@n div 3"/></sch:report></sch:rule></sch:pattern>'
        '</sch:schema>')
    doc = tmp_path / "doc.xml"
    doc.write_text('<TEI><p n="1"/></TEI>', encoding="utf-8")
    with pytest.raises(NotPlain):  # XPath 2 writes 1 div 3 otherwise than Python
        PlainRules(schema).failures(parse(doc))
