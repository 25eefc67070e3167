"""Quantities of arms, ammunition and money as ``measure`` (docs/encoding.md).

Figures in digits (``515.000 tüfek``, ``10 milyon altın ruble``, ``153,7 milyon
lira``) and in Turkish number words (``sekiz bin tüfek``, ``üç yüz mitralyöz``)
before a known noun; a case suffix glued to the noun stays outside the tag
(``<measure>165.927 sandık cephane</measure>yi``).
"""

from __future__ import annotations

import re

from teikit.importer.inline import Span

#: Turkish noun phrase -> (unit, commodity); longest first when matching
COMMODITIES = {
    "makineli tüfek": ("piece", "machine-gun"), "tüfek": ("piece", "rifle"),
    "mitralyöz": ("piece", "machine-gun"), "sahra topu": ("piece", "field-gun"),
    "dağ topu": ("piece", "mountain-gun"), "top mermisi": ("piece", "shell"),
    "top": ("piece", "gun"), "fişek": ("piece", "cartridge"),
    "kutu mermi": ("box", "cartridge"), "sandık cephane": ("box", "ammunition"),
    "el bombası": ("piece", "hand-grenade"), "şarapnel mermisi": ("piece", "shrapnel-shell"),
    "kılıç": ("piece", "sword"), "gaz maskesi": ("piece", "gas-mask"),
    "uçak": ("piece", "aircraft"), "mermi": ("piece", "cartridge"),
    "altın ruble": ("gold-rouble", "gold"), "altın lira": ("gold-lira", "gold"),
    "ruble": ("rouble", "money"), "lira": ("lira", "money"),
    "kilo altın": ("kg", "gold"), "batarya": ("piece", "battery"),
    "tayyare": ("piece", "aircraft"), "kamyon": ("piece", "truck"),
}
ONES = {"bir": 1, "iki": 2, "üç": 3, "dört": 4, "beş": 5, "altı": 6, "yedi": 7, "sekiz": 8,
        "dokuz": 9, "on": 10, "yirmi": 20, "otuz": 30, "kırk": 40, "elli": 50, "altmış": 60,
        "yetmiş": 70, "seksen": 80, "doksan": 90}
SCALES = {"yüz": 100, "bin": 1_000, "milyon": 1_000_000}
_WORD_FORMS = [w for word in [*ONES, *SCALES]
               for w in {word, ("İ" + word[1:]) if word[0] == "i" else word.capitalize()}]
WORDS = r"(?<![\w])(?<!\d\s)((?:(?:" + "|".join(sorted(_WORD_FORMS, key=len, reverse=True)) + r")\s)+)"
CASE = r"(?:y?[ıiuü]|n?[ıiuü]n|y?[ae]|[dt][ae]n?|l[ae]r[ıiuü]?|s[ıiuü]n?|y?l[ae])?(?![\w])"
ADJECTIVES = r"(?:ağır\s|muhtelif cins\s|hafif\s)?"
NUMBER = r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)"
SCALE = r"(?:\s(milyon|bin))?"
_NOUNS = "|".join(sorted((re.escape(k) for k in COMMODITIES), key=len, reverse=True))
MEASURE = re.compile(NUMBER + SCALE + r"\s" + ADJECTIVES + "(" + _NOUNS + ")" + CASE)
MEASURE_WORDS = re.compile(WORDS + ADJECTIVES + "(" + _NOUNS + ")" + CASE)
_SCALES = {"milyon": 1_000_000, "bin": 1_000, None: 1}


def find_measures(text: str) -> list[Span]:
    """``measure`` spans for every quantity (digits or words) followed by a known noun."""
    spans = []
    for match in MEASURE.finditer(text):
        number, scale, noun = match.groups()
        spans.append(_span(match, noun, _quantity(number, scale)))
    for match in MEASURE_WORDS.finditer(text):
        words, noun = match.groups()
        spans.append(_span(match, noun, str(number_from_words(words.split()))))
    return [s for s in spans if s is not None]


def _span(match: re.Match, noun: str, quantity: str | None) -> Span | None:
    if quantity is None:
        return None
    unit, commodity = COMMODITIES[noun]
    return Span(match.start(), match.end(2 if match.re is MEASURE_WORDS else 3), "measure",
                {"quantity": quantity, "unit": unit, "commodity": commodity}, priority=5)


def number_from_words(words: list[str]) -> int:
    """``['on', 'beş', 'bin']`` → 15000; ``['iki', 'yüz']`` → 200; ``['yüz', 'bin']`` → 100000."""
    total = current = 0
    for word in (w.replace("İ", "i").lower() for w in words):
        if word in ONES:
            current += ONES[word]
        elif word == "yüz":
            current = (current or 1) * 100
        else:
            total += (current or 1) * SCALES[word]
            current = 0
    return total + current


def _quantity(number: str, scale: str | None) -> str | None:
    """``515.000`` → ``515000``; ``153,7`` + ``milyon`` → ``153700000``."""
    digits = number.replace(".", "").replace(",", ".")
    try:
        value = float(digits) * _SCALES[scale]
    except ValueError:
        return None
    return str(int(value)) if value == int(value) else str(value)
