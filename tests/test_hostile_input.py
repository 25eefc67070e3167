"""Hostile and broken input through the command line, as an editor meets it.

Every case ends the same way: a clear ``Error:``/``error:`` line naming the file
(and line:column where there is one), a non-zero exit, no traceback, nothing of
/etc/passwd anywhere, and never a half-written file in the output.
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from teikit.cli import main
from teikit.render.base import MANIFEST

from scale_helpers import FIXTURE, ROOT, load_generator, make_edition
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
TEIKIT = [sys.executable, "-m", "teikit"]
PASSWD_LINE = "root:x:0:0"

#: hostile fixture -> what the error line must say (each is refused, with a position)
BROKEN = {
    "malformed-mismatched-tag.xml": r":12:38: error: not well-formed XML",
    "billion-laughs.xml": r":\d+:\d+: error: refused: entity expansion bomb",
    "xxe-system-entity.xml": r":1:1: error: the document declares entities",
    "xxe-parameter-entity.xml": r":1:1: error: the document declares entities",
    "latin1-undeclared.xml": r":11:25: error: byte 0xE7 is not valid UTF-8",
    "utf16-without-bom.xml": r":1:2: error: NUL bytes: the file looks like UTF-16",
    "missing-namespace.xml": r":1:1: error: .*Expecting a namespace for element TEI",
    "wrong-namespace.xml": r":1:1: error: .*wrong namespace: expecting http://www.tei-c.org/ns/1.0",
    "non-tei-root.xml": r":2:1: error: .*Expecting element TEI, got html",
}


def partial_files(directory: Path) -> list[Path]:
    """Temporary or hidden files left behind (render's list of what it wrote is neither)."""
    return [p for p in directory.rglob("*") if p.name.endswith(".part")
            or (p.name.startswith(".") and p.name != MANIFEST)]


def assert_complete_html(directory: Path) -> None:
    for page in directory.rglob("*.html"):
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>"), f"{page} is cut short"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


# --------------------------------------------------------------------------- validate

@pytest.fixture
def mixed_edition(tmp_path):
    """The valid sample article among every hostile fixture."""
    edition = make_edition(tmp_path / "ed")
    for fixture in HOSTILE.glob("*.xml"):
        shutil.copy(fixture, edition / fixture.name)
    return edition


def test_validate_reports_each_broken_file_and_still_checks_the_others(mixed_edition):
    result = invoke("validate", str(mixed_edition))
    assert result.exit_code == 1
    assert "Traceback" not in result.output and PASSWD_LINE not in result.output
    for name, expected in BROKEN.items():
        assert re.search(re.escape(str(mixed_edition / name)) + expected, result.output), name
    sample = str(mixed_edition / "sample-article.xml")
    assert not [l for l in result.output.splitlines() if l.startswith(sample) and ": error:" in l]
    checked = len(list(mixed_edition.rglob("*.xml")))
    assert f"{checked} files checked" in result.output


def test_validate_in_parallel_gives_the_same_report_without_traceback(mixed_edition):
    serial = invoke("validate", str(mixed_edition)).output
    proc = subprocess.run([*TEIKIT, "validate", "--jobs", "2", str(mixed_edition)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and PASSWD_LINE not in proc.stdout + proc.stderr
    assert sorted(proc.stdout.splitlines()) == sorted(serial.splitlines())


def test_file_names_with_spaces_and_turkish_letters_validate_and_render(tmp_path):
    edition = make_edition(tmp_path / "baskı 1")
    (edition / "sample-article.xml").rename(edition / "örnek makale ğüşıöç.xml")
    result = invoke("validate", str(edition))
    assert result.exit_code == 0, result.output
    out = tmp_path / "çıktı klasörü"
    result = invoke("render", str(edition), "--to", "html", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "html" / "örnek makale ğüşıöç.html").is_file()


def test_validate_a_ten_megabyte_paragraph(tmp_path):
    edition = make_edition(tmp_path / "ed")
    article = edition / "sample-article.xml"
    text = article.read_text(encoding="utf-8")
    long_words = " ".join(["Antlaşma"] * 1_200_000)  # 10.8 MB in one paragraph
    article.write_text(text.replace("<p>Blok alıntı metni.</p>", f"<p>{long_words}</p>"),
                       encoding="utf-8")
    assert article.stat().st_size > 10 * 1024 * 1024
    result = invoke("validate", str(article))
    assert "Traceback" not in result.output
    assert result.exit_code == 0, result.output[-2000:]


# --------------------------------------------------------------------------- render

@pytest.mark.parametrize("name", ["malformed-mismatched-tag.xml", "billion-laughs.xml",
                                  "xxe-system-entity.xml", "latin1-undeclared.xml"])
def test_render_refuses_a_broken_article_and_leaves_no_partial_output(tmp_path, name):
    edition = make_edition(tmp_path / "ed")
    shutil.copy(HOSTILE / name, edition / name)
    out = tmp_path / "out"
    result = invoke("render", str(edition), "--to", "html", "--out", str(out))
    assert result.exit_code == 1
    assert "Traceback" not in result.output and PASSWD_LINE not in result.output
    # each broken article on its own line, then the count; the other article is rendered
    assert re.search(r"^\S*" + re.escape(name) + r":\d+:\d+: ", result.output, re.M)
    assert "\nError: 1 of 2 articles could not be rendered\n" in result.output
    assert partial_files(tmp_path) == []
    assert_complete_html(tmp_path)


def test_render_never_reads_an_external_dtd(tmp_path):
    edition = make_edition(tmp_path / "ed")
    article = edition / "sample-article.xml"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("<TEI ", '<!DOCTYPE TEI SYSTEM "file:///etc/passwd">\n<TEI ', 1),
                       encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("render", str(edition), "--to", "html", "--out", str(out))
    assert result.exit_code == 0, result.output
    rendered = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    assert "Moskova" in rendered and PASSWD_LINE not in rendered


def test_render_into_a_location_that_cannot_be_a_directory(tmp_path):
    edition = make_edition(tmp_path / "ed")
    (tmp_path / "a-file").write_text("x")
    result = invoke("render", str(edition), "--to", "html", "--out", str(tmp_path / "a-file" / "out"))
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot write") and "Traceback" not in result.output


def limit_file_size(limit: int):
    def apply() -> None:
        import resource
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_render_when_the_disk_fills_leaves_no_partial_file(tmp_path):
    """RLIMIT_FSIZE makes the kernel refuse writes past 4 kB, as a full disk would."""
    edition = make_edition(tmp_path / "ed")
    out = tmp_path / "out"
    proc = subprocess.run([*TEIKIT, "render", str(edition), "--to", "html", "--out", str(out)],
                          capture_output=True, text=True, check=False,
                          preexec_fn=limit_file_size(4096))
    assert proc.returncode == 1
    assert proc.stderr.startswith("Error: cannot write")
    assert "disk or your quota is full" in proc.stderr and "Traceback" not in proc.stderr
    assert partial_files(out) == []
    assert_complete_html(out)


# --------------------------------------------------------------------------- Ctrl-C

@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Twenty 100 kB articles: long enough to interrupt a render in the middle."""
    out = tmp_path_factory.mktemp("corpus")
    load_generator().make_corpus(out, docs=20, megabytes=2, source=FIXTURE)
    return out


def interrupt_when_output_appears(command: list[str], out: Path) -> subprocess.CompletedProcess:
    """Start *command*, send SIGINT as soon as a first output file exists, wait for it."""
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and any(p.is_file() for p in out.rglob("*")):
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the command finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)
    return subprocess.CompletedProcess(command, proc.returncode, stdout, stderr)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_in_the_middle_of_a_render_leaves_no_partial_file(corpus, tmp_path, jobs):
    out = tmp_path / "out"
    done = interrupt_when_output_appears(
        [*TEIKIT, "render", str(corpus), "--to", "html", "--jobs", jobs, "--out", str(out)], out)
    assert done.returncode == 130
    assert done.stderr.strip().endswith("Error: interrupted; no output was left half-written")
    assert "Traceback" not in done.stderr
    assert partial_files(out) == []
    assert_complete_html(out)
    assert len(list(out.rglob("*.html"))) < 21  # it really stopped part-way


def test_ctrl_c_in_the_middle_of_a_build_leaves_no_partial_file(corpus, tmp_path):
    out = tmp_path / "site"
    done = interrupt_when_output_appears(
        [*TEIKIT, "build", str(corpus), "--to", "html", "--out", str(out)], out)
    assert done.returncode == 130
    assert "Traceback" not in done.stderr
    assert partial_files(out) == []
    assert_complete_html(out)


# --------------------------------------------------------------------------- no fetching

class RecordingServer:
    """A real HTTP server on 127.0.0.1 that serves an XML file and records every request."""

    def __init__(self) -> None:
        import http.server
        import threading

        requests = self.requests = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the stdlib's name
                requests.append(self.path)
                body = b'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="x"/>'
                self.send_response(200)
                self.send_header("Content-Type", "application/xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def server():
    recording = RecordingServer()
    yield recording
    recording.close()


def pointing_outside(edition: Path, server: RecordingServer) -> Path:
    """The sample article with pointers to the network and to /etc/passwd, and an external DTD."""
    article = edition / "sample-article.xml"
    text = article.read_text(encoding="utf-8")
    text = text.replace('<bibl corresp="#smpl-bib-simsir-2006">Şimşir, 2006</bibl>',
                        f'<bibl corresp="{server.url}/bib.xml#x">Şimşir, 2006</bibl>', 1)
    text = text.replace('<bibl corresp="#smpl-bib-muderrisoglu-2018">Müderrisoğlu (2018)</bibl>',
                        '<bibl corresp="file:///etc/passwd#root">Müderrisoğlu (2018)</bibl>', 1)
    text = text.replace("<TEI ", f'<!DOCTYPE TEI SYSTEM "{server.url}/tei.dtd">\n<TEI ', 1)
    article.write_text(text, encoding="utf-8")
    return article


def test_validate_never_fetches_what_a_document_points_at(tmp_path, server):
    edition = make_edition(tmp_path / "ed")
    pointing_outside(edition, server)
    for jobs in ("1", "2"):
        result = invoke("validate", "--jobs", jobs, str(edition))
        assert "Traceback" not in result.output and PASSWD_LINE not in result.output
    assert server.requests == []


def test_render_never_fetches_what_a_document_points_at(tmp_path, server):
    edition = make_edition(tmp_path / "ed")
    pointing_outside(edition, server)
    out = tmp_path / "out"
    result = invoke("render", str(edition), "--to", "html", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert server.requests == []
    assert PASSWD_LINE not in "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))


def test_the_recording_server_sees_a_real_fetch(server):
    """Control for the two tests above: a fetch, when one happens, is recorded."""
    import urllib.request
    with urllib.request.urlopen(f"{server.url}/bib.xml") as response:
        assert b"TEI" in response.read()
    assert server.requests == ["/bib.xml"]


# --------------------------------------------------------------------------- import

SEED = ROOT.parent / "shared" / "seeds" / "article-moscow-treaty-1921.txt"


@pytest.mark.parametrize("content, expected", [
    ("GİRİŞ\n\nBir metin çok güzel.\n".encode("latin-1", errors="replace"), r":3:11: not UTF-8 text"),
    (b"GIRIS\n\x00\x01\x02binary", r":2:1: the file contains NUL bytes"),
    (b"", r": the file is empty"),
])
def test_import_refuses_undecodable_text_and_writes_nothing(tmp_path, content, expected):
    source = tmp_path / "kaynak metin.txt"
    source.write_bytes(content)
    out = tmp_path / "tei" / "x.xml"
    result = invoke("import", str(source), "-o", str(out))
    assert result.exit_code == 1
    assert re.search(r"^Error: .*kaynak metin\.txt" + expected, result.output, re.M), result.output
    assert "Traceback" not in result.output
    assert not out.exists() and partial_files(tmp_path) == []


def test_import_into_a_path_blocked_by_a_file(tmp_path):
    (tmp_path / "tei").write_text("not a directory")
    result = invoke("import", str(SEED), "-o", str(tmp_path / "tei" / "mosc.xml"))
    assert result.exit_code == 1
    assert "a file of that name is in the way" in result.output and "Traceback" not in result.output


def test_import_when_the_disk_fills_leaves_no_partial_file(tmp_path):
    out = tmp_path / "tei" / "mosc.xml"
    proc = subprocess.run([*TEIKIT, "import", str(SEED), "-o", str(out)], capture_output=True,
                          text=True, check=False, preexec_fn=limit_file_size(8192))
    assert proc.returncode == 1
    assert "disk or your quota is full" in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists() and partial_files(tmp_path) == []


def test_render_never_follows_an_xinclude_out_of_the_edition(tmp_path):
    edition = make_edition(tmp_path / "ed")
    article = edition / "sample-article.xml"
    text = article.read_text(encoding="utf-8").replace(
        "<p>Blok alıntı metni.</p>",
        '<p>Blok alıntı metni.<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
        'href="../../../../../../../../etc/passwd" parse="text"/></p>', 1)
    article.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("render", str(edition), "--to", "html", "--out", str(out))
    assert result.exit_code == 0, result.output
    rendered = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    assert "Blok alıntı metni." in rendered and PASSWD_LINE not in rendered
