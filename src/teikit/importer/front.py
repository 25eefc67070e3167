"""Front matter: titles, abstracts and keyword lists before the body.

The body starts at the first heading that is an introduction (``GİRİŞ``,
``Giriş``, ``Introduction``) or is numbered; before it, an ``ÖZET``/``Öz`` or
``ABSTRACT`` heading opens an abstract in that language, a line
``Anahtar Kelimeler: ...`` or ``Keywords: ...`` gives keywords, and any other
text is a title (English when it reads like English).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from teikit.importer.bibliography import is_bibliography_head
from teikit.importer.layout import NUMBERED_HEAD, Block

ABSTRACT_HEADS = {"öz": "tr", "özet": "tr", "abstract": "en", "summary": "en"}
INTRO_HEADS = {"giriş", "introduction", "giriş ve amaç"}
KEYWORDS = re.compile(r"^(Anahtar (?:Kelimeler|Sözcükler)|Keywords|Key Words)\s*:\s*(.*)$", re.S)
ENGLISH = re.compile(r"\b(the|of|and|from|in|on|point|view)\b", re.I)


@dataclass
class Front:
    titles: list[tuple[str, list[Block]]] = field(default_factory=list)
    abstracts: dict[str, list[Block]] = field(default_factory=dict)
    keywords: dict[str, tuple[Block, list[str]]] = field(default_factory=dict)
    skipped: list[Block] = field(default_factory=list)  # headings and ornaments
    body_start: int = 0  # index of the first body block
    back_start: int | None = None  # index of a printed bibliography's heading


def turkish_lower(text: str) -> str:
    return text.replace("İ", "i").replace("I", "ı").lower()


def split_front(blocks: list[Block]) -> Front:
    """Sort the blocks before the body into titles, abstracts and keywords."""
    front = Front()
    start = _body_start(blocks)
    front.back_start = _back_start(blocks, start)
    if start == 0:
        return front
    front.body_start = start
    current: str | None = None
    for block in blocks[:start]:
        current = _place(front, block, current)
    return front


def _body_start(blocks: list[Block]) -> int:
    for index, block in enumerate(blocks):
        if block.kind != "head":
            continue
        text = turkish_lower(block.text.strip())
        if text in INTRO_HEADS or NUMBERED_HEAD.match(block.text):
            return index
    return 0


def _back_start(blocks: list[Block], start: int) -> int | None:
    for index in range(start, len(blocks)):
        if blocks[index].kind == "head" and is_bibliography_head(blocks[index].text):
            return index
    return None


def _place(front: Front, block: Block, current: str | None) -> str | None:
    label = turkish_lower(block.text.strip().rstrip(":"))
    keywords = KEYWORDS.match(block.text.strip())
    if block.kind == "head" and label in ABSTRACT_HEADS:
        front.skipped.append(block)
        return ABSTRACT_HEADS[label]
    if keywords:
        lang = "tr" if keywords.group(1).startswith("Anahtar") else "en"
        terms = [t.strip().rstrip(".").strip() for t in keywords.group(2).split(",")]
        front.keywords[lang] = (block, [t for t in terms if t])
        return None
    if block.kind == "ornament":
        front.skipped.append(block)
        return current
    if current and block.kind != "head":
        front.abstracts.setdefault(current, []).append(block)
        return current
    _add_title(front, block)
    return None


def _add_title(front: Front, block: Block) -> None:
    lang = "en" if ENGLISH.search(block.text) and not re.search("[çğışöüÇĞİŞÖÜ]", block.text) else "tr"
    if front.titles and front.titles[-1][1][-1] is _last_title_block(front) and \
            _adjacent(front.titles[-1][1][-1], block):
        front.titles[-1][1].append(block)
        return
    front.titles.append((lang, [block]))


def _last_title_block(front: Front) -> Block | None:
    return front.titles[-1][1][-1] if front.titles else None


def _adjacent(a: Block, b: Block) -> bool:
    """Two title blocks with only blank lines between them."""
    return b.first - a.lines[-1].no <= 3
