"""ASCII slugs for xml:ids, folding Turkish letters (docs/encoding.md)."""

from __future__ import annotations

import re
import unicodedata

_FOLD = str.maketrans({"ş": "s", "Ş": "s", "ğ": "g", "Ğ": "g", "ı": "i", "İ": "i",
                       "ö": "o", "Ö": "o", "ü": "u", "Ü": "u", "ç": "c", "Ç": "c"})


def slug(text: str) -> str:
    """``Şemsutdinov ve Bagirov`` → ``semsutdinov-ve-bagirov``; ``G.C.Z.`` → ``gcz``."""
    folded = text.translate(_FOLD).replace(".", "")
    ascii_text = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"
