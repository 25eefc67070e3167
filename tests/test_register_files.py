"""The edition's shared registers in ``tei/register/``: valid TEI, stable ids, honest forms.

The importer tags every printed name with the forms listed here, so these tests check
what it relies on: each entry has one preferred name and ids of the documented shape,
no form points at two entities unless the register says so, and every variant form is
printed in one of the two seed articles (nothing is invented).
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from import_helpers import PROJECT, PROJECT_RNG, TEI_ALL, jing_errors
from seed_helpers import seed_texts
from teikit.xmlio import NS, XML_NS, parse

REGISTER = PROJECT / "tei" / "register"

#: file -> (entity element, name element, id prefix)
KINDS = {
    "persons.xml": ("person", "persName", "per-"),
    "places.xml": ("place", "placeName", "pl-"),
    "orgs.xml": ("org", "orgName", "org-"),
    "events.xml": ("event", "label", "ev-"),
}
ID_SHAPE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
EVENT_TYPES = {"treaty", "armistice", "congress", "conference", "agreement", "meeting",
               "declaration", "revolution", "war", "campaign", "battle"}
IDNO_PREFIXES = {"wikidata": "http://www.wikidata.org/entity/Q",
                 "geonames": "https://www.geonames.org/",
                 "viaf": "https://viaf.org/viaf/"}
#: forms the articles really use for two entities (see docs/encoding.md, "Registers")
DOCUMENTED_AMBIGUITIES = {"Kamenev", "İnönü", "Brest-Litovsk", "Türkiye Komünist Partisi",
                          "Moskova görüşmeleri", "Sovyetler"}
ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _entities():
    """(file, entity element) for every entry of the four registers."""
    for filename, (entity, _, _) in KINDS.items():
        for element in parse(REGISTER / filename).iterfind(f".//tei:{entity}", NS):
            yield filename, element


ENTITIES = list(_entities())


def _ident(element) -> str:
    return element.get(f"{{{XML_NS}}}id")


def _names(filename, element, kind=None):
    tag = KINDS[filename][1]
    return [n for n in element.iterfind(f"tei:{tag}", NS) if kind is None or n.get("type") == kind]


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


@pytest.mark.parametrize("schema", [TEI_ALL, PROJECT_RNG], ids=["tei_all", "project-schema"])
@pytest.mark.parametrize("filename", KINDS)
def test_each_register_file_is_valid_against(schema, filename):
    assert jing_errors(REGISTER / filename, schema) == ""


def test_each_register_file_points_at_the_project_schemas():
    for filename in KINDS:
        tree = parse(REGISTER / filename)
        models = [pi.get("href") for pi in tree.xpath("/processing-instruction('xml-model')")]
        assert models == ["../../schemas/teikit.rng", "../../schemas/teikit.sch"], filename


def test_registers_are_not_empty():
    counts = defaultdict(int)
    for filename, _ in ENTITIES:
        counts[filename] += 1
    assert all(counts[name] >= 20 for name in KINDS), dict(counts)


def test_ids_carry_their_register_prefix_and_an_ascii_slug():
    for filename, element in ENTITIES:
        ident, prefix = _ident(element), KINDS[filename][2]
        assert ident and ident.startswith(prefix), (filename, ident)
        assert ID_SHAPE.fullmatch(ident[len(prefix):]), ident


def test_ids_are_unique_across_all_registers():
    idents = [_ident(element) for _, element in ENTITIES]
    duplicates = {i for i in idents if idents.count(i) > 1}
    assert not duplicates


def test_every_entry_has_exactly_one_preferred_name():
    for filename, element in ENTITIES:
        preferred = _names(filename, element, "preferred")
        assert len(preferred) == 1 and _text(preferred[0]), _ident(element)
        others = {n.get("type") for n in _names(filename, element)} - {"preferred"}
        assert others <= {"variant"}, (_ident(element), others)


def _owners() -> dict[str, set[str]]:
    owners = defaultdict(set)
    for filename, element in ENTITIES:
        for name in _names(filename, element):
            owners[_text(name)].add(_ident(element))
    return owners


def test_no_form_is_listed_twice_in_one_entry():
    for filename, element in ENTITIES:
        forms = [_text(n) for n in _names(filename, element)]
        assert len(forms) == len(set(forms)), _ident(element)


def test_a_form_shared_by_two_entities_is_explained_in_both_entries():
    owners = _owners()
    ambiguous = {form: ids for form, ids in owners.items() if len(ids) > 1}
    assert set(ambiguous) == DOCUMENTED_AMBIGUITIES
    for filename, element in ENTITIES:
        ident = _ident(element)
        notes = [_text(n) for n in element.iterfind("tei:note[@type='editorial']", NS)]
        for name in _names(filename, element):
            form = _text(name)
            for other in ambiguous.get(form, set()) - {ident}:
                assert any(f"“{form}”" in note and other in note for note in notes), (ident, form, other)


def test_every_variant_form_is_printed_in_a_seed_article():
    texts = seed_texts("mosc") + seed_texts("dipl")
    missing = []
    for filename, element in ENTITIES:
        for name in _names(filename, element, "variant"):
            pattern = re.compile(r"(?<!\w)" + re.escape(_text(name)))
            if not any(pattern.search(text) for text in texts):
                missing.append((_ident(element), _text(name)))
    assert not missing


@pytest.mark.parametrize("form, ident", [
    ("Tengirşenk", "per-yusuf-kemal-tengirsenk"), ("Tengirşek", "per-yusuf-kemal-tengirsenk"),
    ("Y. Kemal", "per-yusuf-kemal-tengirsenk"), ("A. Fuat Paşa", "per-ali-fuat-cebesoy"),
    ("Cebesoy", "per-ali-fuat-cebesoy"), ("Korkmazof", "per-celal-korkmazov"),
    ("Korkmazov", "per-celal-korkmazov"), ("M. Kemal", "per-mustafa-kemal"),
    ("Mondros Ateşkes Antlaşması", "ev-mondros-mutarekesi"), ("Anakara", "pl-ankara"),
])
def test_the_forms_the_seed_readme_warns_about_lead_to_one_entry(form, ident):
    assert _owners()[form] == {ident}


def test_coordinates_are_two_numbers_within_range():
    places = [e for f, e in ENTITIES if f == "places.xml"]
    geos = [g for e in places for g in e.iterfind("tei:location/tei:geo", NS)]
    assert geos
    for geo in geos:
        lat, long = (float(x) for x in geo.text.split())
        assert -90 <= lat <= 90 and -180 <= long <= 180, geo.text


def test_every_place_and_event_says_what_kind_it_is():
    for filename, element in ENTITIES:
        if filename in ("places.xml", "orgs.xml"):
            assert element.get("type"), _ident(element)
        if filename == "events.xml":
            assert element.get("type") in EVENT_TYPES, _ident(element)


def test_event_dates_are_iso_8601():
    for filename, element in ENTITIES:
        for attr in ("when", "from", "to"):
            value = element.get(attr)
            assert value is None or ISO_DATE.fullmatch(value), (_ident(element), attr, value)


def test_authority_identifiers_are_full_uris_of_known_authorities():
    for _, element in ENTITIES:
        for idno in element.iterfind("tei:idno", NS):
            prefix = IDNO_PREFIXES[idno.get("type")]
            assert idno.text.startswith(prefix) and idno.text[len(prefix):].isdigit(), idno.text
