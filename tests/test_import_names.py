"""Names from the register: every listed form, case suffixes outside the tag."""

from __future__ import annotations

import pytest

from teikit.errors import InputError
from teikit.importer.names import Register, unknown_candidates

from import_helpers import SAMPLE_REGISTER


@pytest.fixture(scope="module")
def register():
    return Register.load(SAMPLE_REGISTER)


def tagged(register, text):
    return [(text[s.start:s.end], s.tag, s.attrs) for s in register.find(text)]


def test_place_with_a_case_suffix_leaves_the_suffix_outside(register):
    text = "Samsun’dan başlattı"
    assert tagged(register, text) == [("Samsun", "placeName", {"ref": "register/places.xml#pl-samsun"})]


def test_every_variant_of_a_person_points_at_one_entry(register):
    found = tagged(register, "Mustafa Kemal, M. Kemal ve Atatürk aynı kişidir; Lenin’e yazdı.")
    assert [(f[0], f[2]["ref"]) for f in found] == [
        ("Mustafa Kemal", "register/persons.xml#per-mustafa-kemal"),
        ("M. Kemal", "register/persons.xml#per-mustafa-kemal"),
        ("Atatürk", "register/persons.xml#per-mustafa-kemal"),
        ("Lenin", "register/persons.xml#per-lenin")]


def test_the_longest_form_wins(register):
    assert [f[0] for f in tagged(register, "Mustafa Kemal Paşa geldi")] == ["Mustafa Kemal Paşa"]


def test_a_form_inside_a_longer_word_is_not_tagged(register):
    assert tagged(register, "Leninizm ve Samsunlu") == []


def test_organisations_and_events(register):
    found = tagged(register, "TBMM, Moskova Antlaşması’nı onayladı")
    assert found == [("TBMM", "orgName", {"ref": "register/orgs.xml#org-tbmm"}),
                     ("Moskova Antlaşması", "name",
                      {"type": "treaty", "ref": "register/events.xml#ev-moscow-treaty"})]


def test_unknown_capitalised_names_are_candidates_but_not_sentence_starts(register):
    text = "Bu arada Kazım Karabekir, Erzurum’dan yazdı. Sonra Samsun’a döndü."
    spans = register.find(text)
    assert [name for _, name in unknown_candidates(text, spans)] == ["Kazım Karabekir", "Erzurum"]


def test_missing_register_directory_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="register directory not found"):
        Register.load(tmp_path / "nowhere")


def test_a_form_shared_by_two_entries_is_left_for_the_editor(tmp_path):
    (tmp_path / "events.xml").write_text("""<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><listEvent>
      <event xml:id="ev-a" type="conference"><label type="preferred">I. Moskova görüşmeleri</label>
        <label type="variant">Moskova görüşmeleri</label></event>
      <event xml:id="ev-b" type="conference"><label type="preferred">II. Moskova görüşmeleri</label>
        <label type="variant">Moskova görüşmeleri</label></event>
    </listEvent></body></text></TEI>""", encoding="utf-8")
    register = Register.load(tmp_path)
    text = "Moskova görüşmeleri başladı; II. Moskova görüşmeleri sürdü."
    assert [(text[s.start:s.end], s.attrs["ref"]) for s in register.find(text)] == \
        [("II. Moskova görüşmeleri", "register/events.xml#ev-b")]
    assert register.ambiguous(text) == [(0, "Moskova görüşmeleri",
                                         ["register/events.xml#ev-a", "register/events.xml#ev-b"])]


def test_a_suffix_glued_after_a_vowel_stays_outside(register):
    text = "Moskova Antlaşmasını yapabilmek için"
    assert tagged(register, text) == [("Moskova Antlaşması", "name",
                                       {"type": "treaty", "ref": "register/events.xml#ev-moscow-treaty"})]
    assert tagged(register, "Samsunlu ve Leninist") == []


@pytest.fixture(scope="module")
def plural_register(tmp_path_factory):
    """Register forms ending in a consonant: a plural name and a person with a title."""
    folder = tmp_path_factory.mktemp("register")
    (folder / "orgs.xml").write_text("""<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><listOrg>
      <org xml:id="org-bolsevik"><orgName type="preferred">Bolşevik Partisi</orgName>
        <orgName type="variant">Bolşevikler</orgName></org>
    </listOrg></body></text></TEI>""", encoding="utf-8")
    (folder / "persons.xml").write_text("""<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><listPerson>
      <person xml:id="per-bekir-sami"><persName type="preferred">Bekir Sami</persName>
        <persName type="variant">Bekir Sami Bey</persName></person>
    </listPerson></body></text></TEI>""", encoding="utf-8")
    return Register.load(folder)


@pytest.mark.parametrize("word", ["Bolşeviklerin", "Bolşeviklere", "Bolşeviklerden", "Bolşeviklerle",
                                  "Bolşevikleri"])
def test_a_suffix_glued_after_a_consonant_without_apostrophe_stays_outside(plural_register, word):
    text = f"Ali Fuat Paşa {word} ilişkisini anlatır."
    assert tagged(plural_register, text) == [("Bolşevikler", "orgName",
                                             {"ref": "register/orgs.xml#org-bolsevik"})]


def test_a_consonant_form_inside_a_longer_word_is_still_not_tagged(plural_register):
    assert tagged(plural_register, "Bolşeviklerinkiler ve Bolşeviklerce") == []


def test_a_glued_suffix_after_bey_leaves_the_title_outside(plural_register):
    text = "Bekir Sami Beyin görüşleri"
    assert tagged(plural_register, text) == [("Bekir Sami", "persName",
                                             {"ref": "register/persons.xml#per-bekir-sami"})]
