"""Names from the register files: tagging every listed form, suffixes outside.

The register (``tei/register/{persons,places,orgs,events}.xml``) gives each
entity a preferred form and variants; every form is searched as a whole word,
longest first, so ``Mustafa Kemal Paşa`` wins over ``Mustafa Kemal``. A Turkish
case suffix after the apostrophe stays outside the tag by construction; one glued
on without an apostrophe (``Moskova Antlaşmasını``, ``Bolşeviklerin``) is left
outside the tag too.
Capitalised words that no form covers are reported as unknown candidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from teikit.errors import InputError
from teikit.importer.inline import Span
from teikit.xmlio import NS, XML_NS, parse

#: register file -> (entity element, form elements, TEI tag, report key)
KINDS = {
    "persons.xml": ("person", ("persName",), "persName", "persons"),
    "places.xml": ("place", ("placeName",), "placeName", "places"),
    "orgs.xml": ("org", ("orgName",), "orgName", "organisations"),
    "events.xml": ("event", ("label",), "name", "events"),
}
UP = "A-ZÇĞİÖŞÜÂÎÛ"
#: name/@type values docs/encoding.md allows; an armistice is an agreement, the rest events
NAME_TYPES = {"treaty": "treaty", "congress": "congress", "conference": "conference",
              "agreement": "agreement", "armistice": "agreement"}
#: case suffixes glued without apostrophe after a vowel (``Moskova görüşmeleri|nde``)
GLUED = r"n(?:d[ae]n?|[ıiuü]n|[ıiuü]|[ae])|yl[ae]"
#: the same after a consonant (``Bolşevikler|in``, ``Kafkaslar|a``, ``Sovyetler|den``)
GLUED_AFTER_CONSONANT = r"[ıiuü]n|[dt][ae]n?|l[ae]|[ıiuü]|[ae]"
VOWELS = "aeıioöuüâîû"
#: a form ending in this title takes no glued suffix: ``Bekir Sami Beyin`` is tagged
#: ``<persName>Bekir Sami</persName> Beyin``, as the curation does
UNSUFFIXED_TITLES = (" Bey",)
CANDIDATE = re.compile(rf"[{UP}][a-zçğıöşüâîû]+(?:\s[{UP}][a-zçğıöşüâîû]+)*")


@dataclass
class Form:
    text: str
    tag: str
    ref: str
    kind: str
    type: str | None = None


class Register:
    """All name forms of a register directory, compiled into one regex."""

    def __init__(self, forms: list[Form]):
        self.forms: dict[str, list[Form]] = {}
        for form in forms:
            known = self.forms.setdefault(form.text, [])
            if all(f.ref != form.ref for f in known):
                known.append(form)
        ordered = sorted(self.forms, key=len, reverse=True)
        alternation = "|".join(_with_suffixes(f) for f in ordered) or r"(?!x)x"
        self.regex = re.compile(rf"(?<![\w])(?:{alternation})")
        self.words = {w for f in self.forms for w in f.split()}

    @classmethod
    def load(cls, directory: str | Path | None) -> "Register":
        """Read the four register files of *directory* (missing files are skipped)."""
        if directory is None:
            return cls([])
        folder = Path(directory)
        if not folder.is_dir():
            raise InputError("register directory not found", str(folder))
        forms: list[Form] = []
        for filename, kind in KINDS.items():
            path = folder / filename
            if path.exists():
                forms += _forms(path, filename, *kind)
        return cls(forms)

    def find(self, text: str) -> list[Span]:
        """Spans for every register form in *text* that names one entry only."""
        spans = []
        for m in self.regex.finditer(text):
            if len(self.forms[m.group()]) > 1:
                continue
            form = self.forms[m.group()][0]
            attrs = {"ref": form.ref}
            if form.type:
                attrs = {"type": form.type, "ref": form.ref}
            spans.append(Span(m.start(), m.end(), form.tag, attrs, priority=10))
        return spans


    def ambiguous(self, text: str) -> list[tuple[int, str, list[str]]]:
        """(offset, form, refs) of forms the register gives to several entries."""
        return [(m.start(), m.group(), [f.ref for f in self.forms[m.group()]])
                for m in self.regex.finditer(text) if len(self.forms[m.group()]) > 1]


def _with_suffixes(form: str) -> str:
    """Regex for *form* as a whole word, optionally followed by a glued case suffix."""
    glued = GLUED
    if form[-1:].lower() not in VOWELS and not form.endswith(UNSUFFIXED_TITLES):
        glued = f"{GLUED}|{GLUED_AFTER_CONSONANT}"
    return rf"{re.escape(form)}(?=(?:{glued})?(?![\w]))"


def _forms(path: Path, filename: str, entity: str, labels, tag: str, kind: str) -> list[Form]:
    tree = parse(path)
    forms = []
    for element in tree.iterfind(f".//tei:{entity}", NS):
        ident = element.get(f"{{{XML_NS}}}id")
        if not ident:
            continue
        ref = f"register/{filename}#{ident}"
        for label in labels:
            for name in element.iterfind(f"tei:{label}", NS):
                text = " ".join("".join(name.itertext()).split())
                if text:
                    kind_type = NAME_TYPES.get(element.get("type"), "event") if tag == "name" else None
                    forms.append(Form(text, tag, ref, kind, kind_type))
    return forms


def unknown_candidates(text: str, spans: list[Span]) -> list[tuple[int, str]]:
    """Capitalised word runs not inside a span and not opening a sentence."""
    found = []
    for m in CANDIDATE.finditer(text):
        if any(s.start <= m.start() < s.end for s in spans):
            continue
        before = text[:m.start()].rstrip()
        if not before or before.endswith((".", ":", "!", "?", "“", "\"", "…", "(")):
            continue
        found.append((m.start(), m.group()))
    return found
