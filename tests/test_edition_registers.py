"""The registers of the whole edition (tei/register/) against the articles that use them.

Edition-wide, so it needs both articles in tei/: every person, place, organisation and
event entry is pointed at (``@ref``) from at least one article; an entry neither article
uses must be removed from the register or its mentions tagged, never kept unused.
"""

from __future__ import annotations

from lxml import etree

from import_helpers import PROJECT, TEI

REGISTER = PROJECT / "tei" / "register"
ARTICLES = ("moscow-treaty-1921.xml", "turkish-diplomats-1917-1925.xml")
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def _entries() -> dict[str, str]:
    """xml:id -> register file name, for every entry of the four registers."""
    out = {}
    for name in ("persons", "places", "orgs", "events"):
        tree = etree.parse(str(REGISTER / f"{name}.xml"))
        for entry in tree.iter(f"{TEI}person", f"{TEI}place", f"{TEI}org", f"{TEI}event"):
            out[entry.get(XML_ID)] = f"{name}.xml"
    return out


def _pointers() -> set[str]:
    """Every register pointer of the articles, as 'file.xml#id'."""
    found = set()
    for article in ARTICLES:
        root = etree.parse(str(PROJECT / "tei" / article)).getroot()
        for element in root.iter():
            ref = element.get("ref") if isinstance(element.tag, str) else None
            if ref and ref.startswith("register/"):
                found.add(ref[len("register/"):])
    return found


def test_both_articles_of_the_edition_are_present():
    assert all((PROJECT / "tei" / article).exists() for article in ARTICLES)


def test_every_register_entry_is_used_by_an_article():
    used = _pointers()
    unused = sorted(ident for ident, name in _entries().items() if f"{name}#{ident}" not in used)
    assert unused == []


def test_every_pointer_of_the_articles_names_an_entry_of_that_register():
    entries = _entries()
    dangling = sorted(p for p in _pointers() if entries.get(p.partition("#")[2]) != p.partition("#")[0])
    assert dangling == []
