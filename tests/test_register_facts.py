"""What the registers in ``tei/register/`` say about an entry is what the articles say.

The review of issue 4 checked every role, description, date, identifier and coordinate of
the registers against the two articles. These tests keep that true: a role must be printed
(words with any suffix) in a passage of the articles that mentions its person, a
description's dates and numbers must be printed where the articles mention the entry, an
event's dates must be dates the articles give where they name the event, and identifiers
and coordinates must be ones the review vouched for. Each check is also run once on an
entry broken on purpose, to show it can fail.
"""

from __future__ import annotations

import re

import pytest

from import_helpers import PROJECT
from seed_helpers import seed_texts
from teikit.xmlio import NS, XML_NS, parse

REGISTER = PROJECT / "tei" / "register"
ARTICLES = ("moscow-treaty-1921.xml", "turkish-diplomats-1917-1925.xml")
MONTHS = "Ocak|Şubat|Mart|Nisan|Mayıs|Haziran|Temmuz|Ağustos|Eylül|Ekim|Kasım|Aralık"
#: every authority identifier of the registers, as checked by the review (entry -> identifier)
REVIEWED_IDNOS = {
    "per-mustafa-kemal": "Q359", "per-lenin": "Q1394", "per-stalin": "Q855", "per-trocki": "Q33391",
    "per-wilson": "Q34296", "per-deli-petro": "Q8479", "per-cengiz-han": "Q720", "per-karl-marx": "Q9061",
    "pl-turkiye": "Q43", "pl-rusya": "Q159", "pl-sscb": "Q15180", "pl-osmanli-devleti": "Q12560",
    "pl-iran": "Q794", "pl-afganistan": "Q889", "pl-irak": "Q796", "pl-suriye": "Q858", "pl-ukrayna": "Q212",
    "pl-almanya": "Q183", "pl-fransa": "Q142", "pl-italya": "Q38", "pl-abd": "Q30", "pl-polonya": "Q36",
    "pl-isvec": "Q34", "pl-yunanistan": "Q41", "pl-ankara": "Q3640", "pl-istanbul": "Q406",
    "pl-moskova": "Q649", "pl-izmir": "Q35997", "pl-berlin": "Q64", "pl-paris": "Q90",
    "pl-stockholm": "Q1754", "pl-petersburg": "Q656",
}
#: the part of the world the articles describe (Western Europe to the Caspian), lat/long
REGION = ((35.0, 61.0), (0.0, 51.0))


def _norm(text: str) -> str:
    """Lower case (Turkish dotted/dotless i), circumflexes and punctuation dropped, spaces collapsed."""
    text = text.replace("’", "'").replace("İ", "i").replace("I", "ı").lower()
    text = text.translate(str.maketrans("âûî", "aui"))
    return " ".join(re.sub(r"[^\w' ]", " ", text).split())


SEEDS = [_norm(t) for prefix in ("mosc", "dipl") for t in seed_texts(prefix)]


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _entries(filename: str, tag: str):
    return list(parse(REGISTER / filename).iterfind(f".//tei:{tag}", NS))


def _ident(element) -> str:
    return element.get(f"{{{XML_NS}}}id")


BLOCKS = ("p", "note", "head", "item", "quote", "ab")


def _block(element):
    """The paragraph-like block of an article that holds *element*."""
    return next(a for a in element.iterancestors() if a.tag.rpartition("}")[2] in BLOCKS)


def _passages() -> dict[str, list[str]]:
    """entry id -> the normalised text around each of the articles' mentions of that entry.

    A passage is the block holding the mention, the block before it (a quotation's speaker
    is often introduced by the paragraph that leads into it) and the heading of its section.
    """
    found: dict[str, list[str]] = {}
    for article in ARTICLES:
        for name in parse(PROJECT / "tei" / article).xpath(
                "//tei:body//*[starts-with(@ref, 'register/')]", namespaces=NS):
            block = _block(name)
            section = next(block.iterancestors(f"{{{NS['tei']}}}div"), None)
            parts = [block.getprevious(), block, None if section is None else section.find("tei:head", NS)]
            text = " ".join(_text(part) for part in parts if part is not None)
            found.setdefault(name.get("ref").partition("#")[2], []).append(_norm(text))
    return found


PASSAGES = _passages()


def _stems(phrase: str) -> list[str]:
    """Each word of three letters or more without its last two letters (a Turkish suffix may
    differ: ``üyesi``/``üyeleri``), kept to three to five letters."""
    return [w[:max(3, min(5, len(w) - 2))] for w in re.findall(r"\w+", phrase) if len(w) >= 3]


def unsupported_roles(persons) -> list[tuple[str, str]]:
    """(person, role) for every role note that no passage mentioning the person supports.

    A passage supports a role when it prints the role, or every word of it with any suffix.
    """
    bad = []
    for person in persons:
        passages = PASSAGES.get(_ident(person), [])
        for role in person.iterfind("tei:note[@type='role']", NS):
            phrase = _norm(_text(role))
            if not any(phrase in p or all(s in p for s in _stems(phrase)) for p in passages):
                bad.append((_ident(person), _text(role)))
    return bad


def unprinted_facts(entries) -> list[tuple[str, str]]:
    """(entry, fact) for every date or number of a description or note the articles do not print.

    A bare number or year must be printed where the articles mention the entry; a full
    date (day, month, year) is specific enough to be found anywhere in the seeds (the
    articles may give a date in a sentence that does not name the entry).
    """
    pattern = re.compile(rf"\d+(?: (?:{MONTHS})(?: \d{{4}})?)?")
    bad = []
    for entry in entries:
        passages = PASSAGES.get(_ident(entry), [])
        for holder in [*entry.iterfind("tei:desc", NS), *entry.iterfind("tei:note", NS)]:
            for fact in pattern.findall(_text(holder).replace("’", " ")):
                printed = re.compile(rf"(?<!\d){re.escape(_norm(fact))}(?!\d)")
                where = SEEDS if fact.count(" ") == 2 else passages
                if not any(printed.search(text) for text in where):
                    bad.append((_ident(entry), fact))
    return bad


def _article_dates_by_event() -> dict[str, set[str]]:
    """event id -> every ISO value of the dates in the blocks of the articles that name it."""
    found: dict[str, set[str]] = {}
    for article in ARTICLES:
        for name in parse(PROJECT / "tei" / article).iterfind(".//tei:name[@ref]", NS):
            block = _block(name)
            values = found.setdefault(name.get("ref").partition("#")[2], set())
            for date in block.iterfind(".//tei:date", NS):
                values.update(date.get(a) for a in ("when", "from", "to") if date.get(a))
    return found


def undated_event_values(events) -> list[tuple[str, str, str]]:
    """(event, attribute, value) for every event date not given where an article names the event."""
    given = _article_dates_by_event()
    return [(_ident(e), attr, e.get(attr)) for e in events for attr in ("when", "from", "to")
            if e.get(attr) and e.get(attr) not in given.get(_ident(e), set())]


def test_every_role_of_a_person_is_printed_beside_a_form_of_that_person():
    assert unsupported_roles(_entries("persons.xml", "person")) == []


def test_a_role_printed_only_beside_someone_else_is_caught():
    person = parse(REGISTER / "persons.xml").find(".//tei:person[@xml:id='per-trocki']", NS)
    role = person.find("tei:note[@type='role']", NS)
    role.text = "İktisat Bakanı"  # printed, but of Yusuf Kemal
    assert unsupported_roles([person]) == [("per-trocki", "İktisat Bakanı")]


@pytest.mark.parametrize("filename, tag", [("persons.xml", "person"), ("places.xml", "place"),
                                           ("orgs.xml", "org"), ("events.xml", "event")])
def test_every_date_and_number_a_register_entry_states_is_printed_in_a_seed(filename, tag):
    assert unprinted_facts(_entries(filename, tag)) == []


def test_a_description_with_a_date_no_article_prints_is_caught():
    org = parse(REGISTER / "orgs.xml").find(".//tei:org[@xml:id='org-tkp-ankara']", NS)
    org.find("tei:desc", NS).text = "18 Ekim 1920’de kurulan resmi parti."
    assert unprinted_facts([org]) == [("org-tkp-ankara", "18 Ekim 1920")]


def test_every_event_date_is_a_date_the_articles_give_where_they_name_the_event():
    assert undated_event_values(_entries("events.xml", "event")) == []


def test_an_event_date_the_articles_do_not_give_is_caught():
    event = parse(REGISTER / "events.xml").find(".//tei:event[@xml:id='ev-sakarya-savasi']", NS)
    event.set("to", "1921-09-14")
    assert undated_event_values([event]) == [("ev-sakarya-savasi", "to", "1921-09-14")]


def test_every_authority_identifier_is_one_the_review_vouched_for():
    found = {}
    for filename, tag in (("persons.xml", "person"), ("places.xml", "place"), ("orgs.xml", "org"),
                          ("events.xml", "event")):
        for entry in _entries(filename, tag):
            for idno in entry.iterfind("tei:idno", NS):
                found[_ident(entry)] = idno.text.rpartition("/")[2]
    assert found == REVIEWED_IDNOS


def test_coordinates_are_latitude_then_longitude_at_city_precision_in_the_region():
    (south, north), (west, east) = REGION
    geos = [(_ident(p), g.text) for p in _entries("places.xml", "place")
            for g in p.iterfind("tei:location/tei:geo", NS)]
    assert geos
    for ident, text in geos:
        lat, long = text.split()
        assert south <= float(lat) <= north and west <= float(long) <= east, (ident, text)
        assert all(len(x.partition(".")[2]) <= 4 for x in (lat, long)), (ident, text)
