"""Reading the extracted text: bytes in, checked Unicode lines out.

The importer accepts only what is really text: UTF-8 (a BOM is tolerated),
not empty, without NUL bytes or other control characters that betray a binary
file. Every refusal names the file, line and column of the first bad byte.
"""

from __future__ import annotations

import os
import re

from teikit.errors import InputError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def read_lines(path: str | os.PathLike) -> list[str]:
    """Return the lines of *path* (no line ends, tabs expanded) or raise InputError."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", name) from None
    return decode_lines(data, name)


def decode_lines(data: bytes, name: str = "<bytes>") -> list[str]:
    """Decode and check *data*; see :func:`read_lines`."""
    if not data.strip():
        raise InputError("the file is empty; there is no text to import", name)
    if b"\x00" in data:
        line, column = _position(data, data.index(b"\x00"))
        raise InputError("the file contains NUL bytes: it is binary, not extracted text",
                         name, line, column)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        raise InputError(f"not UTF-8 text (byte 0x{data[exc.start]:02x}); convert the file "
                         "to UTF-8 first", name, line, column) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    _refuse_control_characters(lines, name)
    if not any(ch.isalpha() for ch in text):
        raise InputError("the file holds no letters at all: it is not a text to import", name)
    if text.endswith("\n"):
        lines.pop()
    return [line.expandtabs(8).replace("\f", "") for line in lines]


def _refuse_control_characters(lines: list[str], name: str) -> None:
    for number, line in enumerate(lines, 1):
        match = _CONTROL.search(line)
        if match:
            raise InputError(f"control character U+{ord(match.group()):04X}: this is not "
                             "plain text", name, number, match.start() + 1)


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte *offset*."""
    before = data[:offset]
    line = before.count(b"\n") + 1
    start = before.rfind(b"\n") + 1
    column = len(before[start:].decode("utf-8", errors="replace")) + 1
    return line, column
