"""Reading the extracted text: bytes in, checked Unicode lines out.

The importer accepts only what is really text: UTF-8 (a BOM is tolerated), or UTF-16 /
UTF-32 announced by their byte order mark (what Windows tools write as "Unicode"),
not empty, without NUL bytes or other control characters that betray a binary
file. Every refusal names the file, line and column of the first bad byte.
"""

from __future__ import annotations

import codecs
import os
import re

from teikit.errors import InputError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
#: byte order marks that name the encoding (UTF-32's first: its LE mark begins with UTF-16's)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


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
    text = _decode(data, name)
    if not text.strip():
        raise InputError("the file is empty; there is no text to import", name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    _refuse_control_characters(lines, name)
    if not any(ch.isalpha() for ch in text):
        raise InputError("the file holds no letters at all: it is not a text to import", name)
    if text.endswith("\n"):
        lines.pop()
    return [line.expandtabs(8).replace("\f", "") for line in lines]


def _decode(data: bytes, name: str) -> str:
    """*data* as text: UTF-16/32 when a byte order mark says so, else UTF-8; a NUL
    character (a binary file) or a byte the encoding cannot read is refused."""
    encoding = next((codec for bom, codec in _BOMS if data.startswith(bom)), "utf-8-sig")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line, column = _position(data[:exc.start].decode(encoding, errors="replace"))
        label = "UTF-8" if encoding == "utf-8-sig" else encoding.upper()
        advice = "; convert the file to UTF-8 first" if label == "UTF-8" else ""
        raise InputError(f"not {label} text (byte 0x{data[exc.start]:02x}){advice}",
                         name, line, column) from None
    if "\x00" in text:
        line, column = _position(text[:text.index("\x00")])
        raise InputError("the file contains NUL bytes: it is binary, not extracted text",
                         name, line, column)
    return text


def _refuse_control_characters(lines: list[str], name: str) -> None:
    for number, line in enumerate(lines, 1):
        match = _CONTROL.search(line)
        if match:
            raise InputError(f"control character U+{ord(match.group()):04X}: this is not "
                             "plain text", name, number, match.start() + 1)


def _position(before: str) -> tuple[int, int]:
    """1-based line and column (in characters) just after the text *before*."""
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
