"""Shared by the publishing tests: a small edition with three articles and a real server.

``three_article_edition`` derives two more articles from the sample fixture so that lists
have several pages, datestamps differ (one with a time zone), the types differ (sets),
one article has no citation tree and one points to no place. ``serve`` starts
``teikit serve`` as a real subprocess on a free port on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

FIXTURES = Path(__file__).parent / "fixtures" / "edition"
SAMPLE = FIXTURES / "sample-article.xml"


def three_article_edition(directory: Path) -> Path:
    """Write smpl (the fixture), scnd (changed 2026-11-25T09:30:00+03:00) and thrd
    (a review without refsDecl and without place references) into *directory*."""
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copytree(FIXTURES / "register", directory / "register")
    sample = SAMPLE.read_text("utf-8")
    shutil.copy(SAMPLE, directory / "sample-article.xml")
    second = sample.replace("smpl", "scnd").replace(
        '<change when="2026-11-21"', '<change when="2026-11-25T09:30:00+03:00"')
    (directory / "second-article.xml").write_text(second, "utf-8")
    start, end = sample.index("<refsDecl>"), sample.index("</refsDecl>") + len("</refsDecl>")
    third = (sample[:start] + sample[end:]).replace("smpl", "thrd").replace(
        '<bibl type="article">', '<bibl type="review">').replace(
        '<change when="2026-11-21"', '<change when="2026-12-01"').replace(
        '<placeName ref="register/places.xml#pl-samsun">', "<placeName>")
    (directory / "third-review.xml").write_text(third, "utf-8")
    return directory


def edition_without_ids(directory: Path) -> Path:
    """The sample edition with no xml:id on its paragraphs and sections, as most TEI from
    other projects has them (ELTeC, DraCor, Perseus), in *directory*."""
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copytree(FIXTURES / "register", directory / "register")
    sample = re.sub(r' xml:id="smpl-(p\d|s1|s1\.1)"', "", SAMPLE.read_text("utf-8"))
    (directory / "sample-article.xml").write_text(sample, "utf-8")
    return directory


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve(site: Path, *options: str, log: list[str] | None = None):
    """Run ``teikit serve SITE`` on a free port; yield its base URL; stop it afterwards.
    Its stderr (the access log) goes to a file, not a pipe nobody reads; *log*, when
    given, receives its lines once the server stopped."""
    port = free_port()
    stderr = tempfile.TemporaryFile()
    process = subprocess.Popen([sys.executable, "-m", "teikit", "serve", str(site), "--port", str(port),
                                *options], stdout=subprocess.DEVNULL, stderr=stderr)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/dts", timeout=2)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    stderr.seek(0)
                    raise RuntimeError("teikit serve did not start: " + stderr.read().decode(errors="replace"))
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log is not None:
            stderr.seek(0)
            log.extend(stderr.read().decode(errors="replace").splitlines())
        stderr.close()
