"""Joining the lines of a block into running text, undoing line-end hyphenation.

A line ending in ``-`` is a word broken by the typesetter *unless* the hyphen
belongs to the text: before a capital (``Pan-`` + ``Rus``, ``Brest-`` +
``Litovsk``), between digits (``196-`` + ``197``), before an izafet vowel
(``Hâkimiyet-`` + ``i Milliye``), after a space (a dash) or after a non-letter
(``%18-``). Those keep their hyphen and join without a space; the others lose it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_IZAFET = re.compile(r"(?:i|ı|u|ü|yi|yı|yu|yü)(?!\w)")


@dataclass
class Joined:
    """Running text with the offset where each source line starts in it."""

    text: str
    line_starts: list[int] = field(default_factory=list)
    #: offsets where a line break fell inside a word (hyphen removed or kept)
    word_breaks: set[int] = field(default_factory=set)


def keeps_hyphen(before: str, after: str) -> bool:
    """Whether the hyphen ending *before* (without it) is part of the text."""
    if not before or not after:
        return True
    last, first = before[-1], after[0]
    if last.isspace() or not last.isalpha() and not last.isdigit():
        return True
    if last.isdigit() and first.isdigit():
        return True
    if before[-2:].isupper() and after[:2].isupper():
        return False  # a heading in capitals: GÖRÜŞ- + LER
    if first.isupper() or not first.isalpha():
        return True
    return bool(_IZAFET.match(after))


def join_lines(lines: list[str]) -> Joined:
    """Join stripped *lines* into one string (see the module docstring)."""
    joined = Joined("")
    parts: list[str] = []
    length = 0
    for index, raw in enumerate(lines):
        line = raw.strip()
        joined.line_starts.append(length)
        nxt = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if index + 1 < len(lines) and line.endswith("-") and not line.endswith(" -"):
            body = line[:-1]
            piece = line if keeps_hyphen(body, nxt) else body
            joined.word_breaks.add(length + len(piece))
        elif index + 1 < len(lines):
            piece = line + " "
        else:
            piece = line
        parts.append(piece)
        length += len(piece)
    joined.text = "".join(parts)
    return joined


def dehyphenate(text: str) -> str:
    """Undo line-end hyphenation in a whole text, keeping its blank lines."""
    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        lines = [line for line in paragraph.split("\n") if line.strip()]
        if lines:
            out.append(join_lines(lines).text)
    return "\n\n".join(out)
