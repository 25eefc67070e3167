"""Shared by the tests that look at pages in a real browser (Debian's chromium, headless):
running it, and reading what it produced (PNG screenshots, CSS colours)."""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--no-first-run", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def chromium_exe() -> str:
    """The chromium executable (the test fails with what to install when it is missing)."""
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    assert exe, "Debian's chromium is needed (apt-get install chromium; .ci/run installs it)"
    return exe


def browse(tmp: Path, *args: str) -> subprocess.CompletedProcess:
    """Run chromium headless with *args* and a throw-away profile in *tmp*."""
    return subprocess.run([chromium_exe(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp / 'chromium-profile'}",
                           *args], capture_output=True, text=True, timeout=120)


def png_size_and_colours(png: Path) -> tuple[tuple[int, int], int]:
    """Width, height and the number of distinct byte values of the pixel data (stdlib only)."""
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    chunks, pos = [], 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            chunks.append(data[pos + 8:pos + 8 + length])
        pos += 12 + length
    return (width, height), len(set(zlib.decompress(b"".join(chunks))))


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two CSS rgb() colours."""
    high, low = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _luminance(css: str) -> float:
    """Relative luminance (WCAG 2) of a CSS ``rgb()``/``rgba()`` colour."""
    channels = [int(float(v)) / 255 for v in css[css.index("(") + 1:css.index(")")].split(",")[:3]]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
