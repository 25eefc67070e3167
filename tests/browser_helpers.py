"""Shared by the tests that look at pages in a real browser (Debian's chromium, headless):
running it, and reading what it produced (PNG screenshots, CSS colours); :class:`Chromium`
drives it through the DevTools protocol over a pipe (no extra package)."""

from __future__ import annotations

import json
import os
import select
import shutil
import struct
import subprocess
import time
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


class Chromium:
    """Headless chromium driven through the DevTools protocol on a pipe (fds 3 and 4)."""

    def __init__(self, profile: Path) -> None:
        exe = shutil.which("chromium") or shutil.which("chromium-browser")
        assert exe, "Debian's chromium is needed (apt-get install chromium; .ci/run installs it)"
        to_chromium, self._to_us = os.pipe(), os.pipe()
        self.process = subprocess.Popen(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
             "--disable-background-networking", "--disable-component-update", "--remote-debugging-pipe",
             f"--user-data-dir={profile}", "about:blank"],
            pass_fds=(3, 4), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=lambda: (os.dup2(to_chromium[0], 3), os.dup2(self._to_us[1], 4)))
        os.close(to_chromium[0])
        os.close(self._to_us[1])
        self._out, self._in = to_chromium[1], self._to_us[0]
        self._buffer, self._next = b"", 0
        page = next(t for t in self.call("Target.getTargets")["targetInfos"] if t["type"] == "page")
        self.session = self.call("Target.attachToTarget", targetId=page["targetId"], flatten=True)["sessionId"]

    def call(self, method: str, session: str | None = None, **params) -> dict:
        """Send one DevTools command and return its result (an error fails the test)."""
        self._next += 1
        message = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self._buffer:
                assert select.select([self._in], [], [], 120)[0], f"chromium did not answer {method}"
                chunk = os.read(self._in, 1 << 16)
                assert chunk, f"chromium closed the pipe during {method}"
                self._buffer += chunk
            line, self._buffer = self._buffer.split(b"\0", 1)
            reply = json.loads(line)
            if reply.get("id") == self._next:
                assert "error" not in reply, f"{method}: {reply['error']}"
                return reply["result"]

    def open(self, url: str) -> None:
        """Navigate the page to *url* and wait until it has loaded."""
        self.call("Page.navigate", self.session, url=url)
        deadline = time.monotonic() + 30
        while self.evaluate("document.readyState + ' ' + location.href") != f"complete {url}":
            assert time.monotonic() < deadline, f"{url} did not load"
            time.sleep(0.05)

    def evaluate(self, expression: str):
        """The value of *expression* in the page (a promise is awaited); a JS error fails the test."""
        for _ in range(50):       # a navigation in flight destroys the context: try again
            reply = self.call("Runtime.evaluate", self.session, expression=expression,
                              awaitPromise=True, returnByValue=True)
            if "exceptionDetails" not in reply:
                return reply["result"].get("value")
            if "context" not in json.dumps(reply["exceptionDetails"]):
                raise AssertionError(reply["exceptionDetails"].get("exception", reply["exceptionDetails"]))
            time.sleep(0.1)
        raise AssertionError(f"could not evaluate {expression[:60]}")

    def close(self) -> None:
        try:
            self.call("Browser.close")
            self.process.wait(timeout=10)
        except (AssertionError, OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        os.close(self._out)
        os.close(self._in)
