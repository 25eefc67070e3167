"""Turkish hyphenation for the PDF: a pattern dictionary written from Turkish syllable rules,
plugged into Pyphen, which WeasyPrint asks for ``hyphens: auto`` text in ``lang="tr"``.

Pyphen (0.18) ships no Turkish dictionary, so without this module WeasyPrint hyphenated no
Turkish word and justified lines gaped. Turkish syllabification is regular (TDK, *Yazım
Kılavuzu*, "Hecelerin bölünmesi"): every syllable has one vowel, and a syllable break falls

* before the last consonant ahead of a vowel: ``a-ra``, ``Sam-sun``, ``Türk-çe``, ``kork-mak``;
* between two vowels: ``sa-at``, ``şi-ir``.

That is exactly two families of Liang patterns (``1cv`` for every consonant *c* and vowel
*v*; ``v1v`` for every vowel pair), plus three guards: no break right after an apostrophe
(``Samsun’-dan`` is not a Turkish line end: ``Sam-sun’dan``), none after the first two
letters of a word that opens with three consonants (``st-rateji``), and the TDK's two
letters at least on each side (Pyphen's *left*/*right*, WeasyPrint's
``hyphenate-limit-chars``). The patterns are this project's own, written from the rules;
no third-party pattern file is used (so no licence applies but the project's).

Pyphen lower-cases a word with :meth:`str.lower`, which turns ``İ`` into two characters
(``i`` + combining dot) and ``I`` into ``i``: positions after a capital İ came out one
letter late, and ``I`` was read as the wrong vowel. :class:`TurkishHyphDict` lower-cases the
Turkish way first (``I`` -> ``ı``, ``İ`` -> ``i``, same length).

:func:`install` writes the dictionary (``hyph_tr_TR.dic``, hunspell/Pyphen format) into the
user's cache directory once, and registers it with Pyphen under ``tr`` and ``tr_TR``.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from teikit.xmlio import atomic_write

VOWELS = "aeıioöuüâîûàáäèéêëìíïòóôùú"
CONSONANTS = "bcçdfgğhjklmnprsştvyzqwx"
APOSTROPHES = "’'"
#: a word opening with three consonants is not broken after the first two (st-rateji, ps-kov)
CLUSTER_ENDS = CONSONANTS


def turkish_lower(word: str) -> str:
    """Lower case the Turkish way, one character for one: I -> ı, İ -> i."""
    return word.replace("I", "ı").replace("İ", "i").lower()


def patterns() -> list[str]:
    """The Liang patterns of Turkish syllable breaks (see the module docstring)."""
    found = [f"1{c}{v}" for c in CONSONANTS for v in VOWELS]
    found += [f"{a}1{b}" for a in VOWELS for b in VOWELS]
    found += [f"{a}2{c}" for a in APOSTROPHES for c in CONSONANTS]
    found += [f".{a}{b}2{c}" for a in CONSONANTS for b in CONSONANTS for c in CLUSTER_ENDS]
    return found


def dictionary_text() -> str:
    """The hunspell hyphenation dictionary (first line: its encoding)."""
    return "\n".join(["UTF-8", "LEFTHYPHENMIN 2", "RIGHTHYPHENMIN 2", *patterns()]) + "\n"


def syllables(word: str) -> list[str]:
    """*word* cut into syllables by the rules themselves (no patterns): the reference the
    pattern dictionary is tested against."""
    lower = turkish_lower(word)
    cuts = []
    for i in range(1, len(lower)):
        vowel_before = any(ch in VOWELS for ch in lower[:i])
        if not vowel_before or lower[i - 1] in APOSTROPHES:
            continue
        if lower[i] in CONSONANTS and i + 1 < len(lower) and lower[i + 1] in VOWELS:
            cuts.append(i)
        elif lower[i] in VOWELS and lower[i - 1] in VOWELS:
            cuts.append(i)
    return [word[a:b] for a, b in zip([0, *cuts], [*cuts, len(word)])]


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    try:
        directory = Path(base) / "teikit"
        directory.mkdir(parents=True, exist_ok=True)
        return directory
    except OSError:                       # a read-only home: the temporary directory will do
        return Path(tempfile.gettempdir())


def dictionary_path() -> Path:
    """Where the dictionary is, written once per content (its digest is in the name)."""
    text = dictionary_text()
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    path = _cache_dir() / f"hyph_tr_TR-{digest}.dic"
    if not path.is_file():
        atomic_write(path, text.encode("utf-8"))
    return path


_INSTALLED: list[Path] = []


def install() -> Path:
    """Register the Turkish dictionary with Pyphen (``tr``, ``tr_TR``); return its path."""
    import pyphen

    if _INSTALLED:
        return _INSTALLED[0]

    class TurkishHyphDict(pyphen.HyphDict):
        """Pyphen's pattern engine on the word in Turkish lower case."""

        def positions(self, word):
            return super().positions(turkish_lower(word))

    path = dictionary_path()
    for name in ("tr_TR", "tr"):
        pyphen.LANGUAGES[name] = path
        pyphen.LANGUAGES_LOWERCASE[name.lower()] = name
    pyphen.hdcache[path] = TurkishHyphDict(path)
    _INSTALLED.append(path)
    return path
