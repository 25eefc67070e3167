"""Draft bibliographies in ``tei/bibliography-drafts/``, built from each article's citations.

Once an editor merges a draft into its article's back matter and deletes it, the same
checks run on the article's ``listBibl`` (register pointers then start ``register/``).

Neither article prints its list of works, so each draft may hold only what the article
gives: every entry must be cited in its own article (author and year with its letter),
ids follow ``<prefix>-bib-<author>-<year><suffix>``, and an author who is a person of the
story points at that person's register entry.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from import_helpers import PROJECT, PROJECT_RNG, TEI_ALL, jing_errors
from seed_helpers import seed_texts
from teikit.xmlio import NS, XML_NS, parse

DRAFTS = PROJECT / "tei" / "bibliography-drafts"
PERSONS = PROJECT / "tei" / "register" / "persons.xml"
PREFIXES = ("mosc", "dipl")


def _source(prefix: str):
    """The draft of *prefix* while it exists; once merged, the article whose back matter holds it."""
    draft = DRAFTS / f"{prefix}.xml"
    if draft.exists():
        return draft
    articles = [p for p in (PROJECT / "tei").glob("*.xml") if parse(p).getroot().get(f"{{{XML_NS}}}id") == prefix]
    assert len(articles) == 1, f"{prefix}: neither a draft nor one merged article"
    return articles[0]


def _register_prefix(prefix: str) -> str:
    return "../register/" if _source(prefix).parent == DRAFTS else "register/"


def _entries(prefix: str):
    return list(parse(_source(prefix)).iterfind(".//tei:listBibl/tei:bibl", NS))


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _person_forms() -> dict[str, set[str]]:
    """Every person form -> the register ids it names."""
    forms = defaultdict(set)
    for person in parse(PERSONS).iterfind(".//tei:person", NS):
        for name in person.iterfind("tei:persName", NS):
            forms[_text(name)].add(person.get(f"{{{XML_NS}}}id"))
    return forms


@pytest.mark.parametrize("schema", [TEI_ALL, PROJECT_RNG], ids=["tei_all", "project-schema"])
@pytest.mark.parametrize("prefix", PREFIXES)
def test_each_draft_is_valid_against(schema, prefix):
    assert jing_errors(_source(prefix), schema) == ""


@pytest.mark.parametrize("prefix", PREFIXES)
def test_ids_are_prefix_bib_author_year_and_unique(prefix):
    idents = [bibl.get(f"{{{XML_NS}}}id") for bibl in _entries(prefix)]
    assert len(idents) > 20 and len(idents) == len(set(idents))
    for ident, bibl in zip(idents, _entries(prefix)):
        year = bibl.find("tei:date", NS)
        assert re.fullmatch(rf"{prefix}-bib-[a-z0-9]+(?:-[a-z0-9]+)*-{year.get('when')}[a-d]?", ident)
        assert ident.endswith(re.sub(r"\s", "", year.text)), ident


@pytest.mark.parametrize("prefix", PREFIXES)
def test_every_entry_is_cited_in_its_article_with_author_and_year(prefix):
    texts = seed_texts(prefix)
    uncited = []
    for bibl in _entries(prefix):
        author = bibl.find("tei:author", NS)
        who = _text(author) if author is not None else _text(bibl.find("tei:title", NS)).rstrip(".")
        date = bibl.find("tei:date", NS).text
        year, letter = date[:4], date[4:]
        pattern = re.compile(rf"{re.escape(who)}.{{0,40}}?{year}\s?{letter}(?![a-z\d])", re.S)
        if not any(pattern.search(text) for text in texts):
            uncited.append(bibl.get(f"{{{XML_NS}}}id"))
    assert not uncited


@pytest.mark.parametrize("prefix", PREFIXES)
def test_an_author_who_is_a_person_of_the_story_points_at_the_register(prefix):
    forms = _person_forms()
    for author in parse(_source(prefix)).iterfind(".//tei:listBibl/tei:bibl/tei:author", NS):
        expected = forms.get(_text(author), set())
        ref = author.get("ref")
        target = {ref.split("#", 1)[1]} if ref else set()
        assert target == expected, (_text(author), ref)
        if ref:
            assert ref.startswith(_register_prefix(prefix) + "persons.xml#")


def test_titles_come_only_from_the_first_articles_method_section():
    method = seed_texts("mosc")[0]
    method = method[method.index("YÖNTEM"):method.index("BULGULAR")]
    titles = [_text(t) for prefix in PREFIXES for b in _entries(prefix)
              for t in b.iterfind("tei:title", NS) if b.find("tei:author", NS) is not None]
    assert titles
    assert all(title in method for title in titles), [t for t in titles if t not in method]
