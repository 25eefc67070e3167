"""Shared by the tests of the curated articles in tei/ (tests/test_edition_<prefix>.py).

Reading the seed's words, finding paragraphs, listing the names, dates and citations a
paragraph carries, the edition's register entries, and the register forms printed in a
text but left untagged.
"""

from __future__ import annotations

import re

from lxml import etree

from teikit.importer.hyphenation import join_lines

from import_helpers import NS, PROJECT, TEI, words

REGISTER = PROJECT / "tei" / "register"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# an element of these kinds makes the register forms inside it count as tagged
TAGGING = {f"{TEI}{t}" for t in ("persName", "placeName", "orgName", "name", "title", "bibl", "date")}


def seed_words(lines: list[str], first: int, last: int) -> list[str]:
    """Words of the seed lines *first*..*last* (1-based, inclusive), hyphenation undone."""
    kept = [line for line in lines[first - 1:last] if line.strip()]
    return words(join_lines(kept).text)


def paragraph(root, pid: str):
    return root.find(f".//t:p[@xml:id='{pid}']", NS)


def citations(element) -> list[tuple[str, list[tuple[str, str]]]]:
    """(bibliography id, [(from, to) of each citedRange]) for each linked bibl, in order."""
    return [(b.get("corresp")[1:], [(c.get("from"), c.get("to")) for c in b.iterfind("t:citedRange", NS)])
            for b in element.iterfind(".//t:bibl[@corresp]", NS)]


def names(element, tag: str) -> list[tuple[str, str]]:
    """(printed form, register id) of each *tag* element under *element*."""
    return [("".join(e.itertext()), e.get("ref").split("#")[1]) for e in element.iter(f"{TEI}{tag}")]


def dates(element) -> list[tuple[str, str | None, str | None, str | None, str | None]]:
    """(printed form, when, from, to, cert) of each date under *element*."""
    return [("".join(d.itertext()), d.get("when"), d.get("from"), d.get("to"), d.get("cert"))
            for d in element.iter(f"{TEI}date")]


def register_entries() -> dict[str, tuple[str, etree._Element]]:
    """xml:id -> (register file name, entry) for the whole edition's registers."""
    out = {}
    for name in ("persons", "places", "orgs", "events"):
        tree = etree.parse(str(REGISTER / f"{name}.xml"))
        for entry in tree.iter(f"{TEI}person", f"{TEI}place", f"{TEI}org", f"{TEI}event"):
            out[entry.get(XML_ID)] = (f"{name}.xml", entry)
    return out


def unresolved_refs(root) -> list[str]:
    """Every @ref under *root* that does not name an entry of the register its element belongs to."""
    entries = register_entries()
    kind = {"persName": "persons.xml", "placeName": "places.xml", "orgName": "orgs.xml", "name": "events.xml"}
    bad = []
    for e in root.iter():
        if not isinstance(e.tag, str) or not e.get("ref"):
            continue
        target, _, entry_id = e.get("ref").partition("#")
        local = etree.QName(e).localname
        if (entry_id not in entries or target != "register/" + entries[entry_id][0]
                or (local in kind and entries[entry_id][0] != kind[local])):
            bad.append(f"{local} {e.get('ref')}")
    return bad


def refs(root) -> list[str]:
    return [e.get("ref") for e in root.iter() if isinstance(e.tag, str) and e.get("ref")]


def register_forms() -> set[str]:
    """Every preferred and variant form of the registers longer than two characters."""
    forms = set()
    for _, entry in register_entries().values():
        for n in entry.iter(f"{TEI}persName", f"{TEI}placeName", f"{TEI}orgName", f"{TEI}label"):
            if n.get("type") in ("preferred", "variant"):
                form = " ".join("".join(n.itertext()).split())
                if len(form) > 2:
                    forms.add(form)
    return forms


def untagged_register_forms(holders, allowed: set[str]) -> list[str]:
    """Register forms printed in *holders* outside any name, date, title or citation.

    A match runs on to the end of its word (a suffix glued on without an apostrophe);
    words in *allowed* (peoples and followers that merely begin with a form) are not counted.
    """
    forms = register_forms()
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
                         + r")(\w*)")
    untagged = []
    for holder in holders:
        for text, owner in texts(holder):
            if any(a.tag in TAGGING for a in [owner, *owner.iterancestors()]):
                continue
            untagged += [m.group(0) for m in pattern.finditer(text) if m.group(0) not in allowed]
    return untagged


def texts(element):
    """(text, element that holds it) for every text and tail under *element*."""
    for e in element.iter():
        if not isinstance(e.tag, str):
            continue
        if e.text:
            yield e.text, e
        if e.tail and e is not element:
            yield e.tail, e.getparent()


def bad_dates(root) -> list[bytes]:
    """Dates of the text and abstracts lacking ISO values, or with an unprinted year not marked inferred.

    A century (``17.Yüzyıl``) prints its years: it is a range, not an inference.
    """
    bad = []
    holders = [root.find(".//t:text", NS), *root.iterfind(".//t:abstract", NS),
               *root.iterfind(".//t:sourceDesc//t:note", NS)]
    for d in (d for h in holders for d in h.iter(f"{TEI}date")):
        values = [d.get("when")] if d.get("when") else [d.get("from"), d.get("to")]
        if not all(v and ISO.match(v) for v in values):
            bad.append(etree.tostring(d))
        elif not re.search(r"\d{4}|\d\d?\. ?[Yy]üzyıl", "".join(d.itertext())) and (
                d.get("cert"), d.get("evidence")) != ("medium", "internal"):
            bad.append(etree.tostring(d))
    return bad


EVENT_NAME_TYPES = {"treaty": "treaty", "congress": "congress", "conference": "conference",
                    "agreement": "agreement", "armistice": "agreement"}


def event_type_mismatches(root) -> list[tuple[str, str, str]]:
    """(event id, register type, name/@type) where a name's type does not follow its event's type.

    The text's ``name/@type`` is the event's type for treaties, congresses, conferences and
    agreements, ``agreement`` for an armistice, and ``event`` otherwise (docs/encoding.md).
    """
    entries = register_entries()
    bad = []
    for name in root.iter(f"{TEI}name"):
        ident = name.get("ref").partition("#")[2]
        kind = entries[ident][1].get("type")
        if name.get("type") != EVENT_NAME_TYPES.get(kind, "event"):
            bad.append((ident, kind, name.get("type")))
    return bad
