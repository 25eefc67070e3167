"""Quantities of arms, ammunition and money as ``measure`` (docs/encoding.md).

Only figures written in digits are tagged (``515.000 tüfek``, ``10 milyon altın
ruble``, ``153,7 milyon lira``); number words are left for the editor.
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
    "kutu mermi": ("box", "cartridge"), "sandık cephane": ("crate", "ammunition"),
    "el bombası": ("piece", "hand-grenade"), "şarapnel mermisi": ("piece", "shrapnel-shell"),
    "kılıç": ("piece", "sword"), "gaz maskesi": ("piece", "gas-mask"),
    "uçak": ("piece", "aircraft"), "mermi": ("piece", "cartridge"),
    "altın ruble": ("gold-rouble", "gold"), "altın lira": ("gold-lira", "gold"),
    "ruble": ("rouble", "money"), "lira": ("lira", "money"),
}
ADJECTIVES = r"(?:ağır\s|muhtelif cins\s|hafif\s)?"
NUMBER = r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)"
SCALE = r"(?:\s(milyon|bin))?"
_NOUNS = "|".join(sorted((re.escape(k) for k in COMMODITIES), key=len, reverse=True))
MEASURE = re.compile(NUMBER + SCALE + r"\s" + ADJECTIVES + "(" + _NOUNS + r")(?![a-zçğıöşü])")
_SCALES = {"milyon": 1_000_000, "bin": 1_000, None: 1}


def find_measures(text: str) -> list[Span]:
    """``measure`` spans for every digit quantity followed by a known noun."""
    spans = []
    for match in MEASURE.finditer(text):
        number, scale, noun = match.groups()
        unit, commodity = COMMODITIES[noun]
        quantity = _quantity(number, scale)
        if quantity is None:
            continue
        spans.append(Span(match.start(), match.end(), "measure",
                          {"quantity": quantity, "unit": unit, "commodity": commodity},
                          priority=5))
    return spans


def _quantity(number: str, scale: str | None) -> str | None:
    """``515.000`` → ``515000``; ``153,7`` + ``milyon`` → ``153700000``."""
    digits = number.replace(".", "").replace(",", ".")
    try:
        value = float(digits) * _SCALES[scale]
    except ValueError:
        return None
    return str(int(value)) if value == int(value) else str(value)
