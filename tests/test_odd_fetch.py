"""First use without a local copy: the pinned release is downloaded over real HTTP (a
local server here), kept only when its sha256 is the pinned one, and unpacked into the
cache; no network means the error that says what to download and where."""

from __future__ import annotations

import hashlib
import http.server
import io
import threading
import zipfile
from functools import partial

import pytest

from odd_helpers import P5SUBSET, STYLESHEETS
from teikit.odd import consortium, fetch
from teikit.odd.consortium import MissingConsortiumFiles
from teikit.odd.fetch import Pin


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server(tmp_path):
    """A local HTTP server of *tmp_path*/www; yields its base URL."""
    root = tmp_path / "www"
    root.mkdir()
    handler = partial(Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def release_zip() -> bytes:
    """A zip laid out like the Consortium's release: the folder deep inside it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("doc/README.txt", "not the stylesheets")
        for folder in ("odds", "common"):
            for path in (STYLESHEETS / folder).iterdir():
                archive.write(path, f"xml/tei/stylesheet/{folder}/{path.name}")
    return buffer.getvalue()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_the_pinned_stylesheets_are_downloaded_checked_and_unpacked(server, tmp_path):
    root, base = server
    data = release_zip()
    (root / "tei-xsl.zip").write_bytes(data)
    target = tmp_path / "cache" / "tei-stylesheets"
    got = fetch.install_stylesheets(target, Pin("test", f"{base}/tei-xsl.zip", sha(data)))
    assert consortium.is_stylesheet_dir(got)
    assert (got / "odds" / "odd2odd.xsl").read_bytes() == \
        (STYLESHEETS / "odds" / "odd2odd.xsl").read_bytes()
    assert not (got / "doc").exists()


def test_the_pinned_source_is_downloaded_and_checked(server, tmp_path):
    root, base = server
    (root / "p5subset.xml").write_bytes(P5SUBSET.read_bytes())
    target = tmp_path / "cache" / "tei-p5" / "p5subset.xml"
    pin = Pin("test", f"{base}/p5subset.xml", sha(P5SUBSET.read_bytes()))
    assert fetch.install_source(target, pin).read_bytes() == P5SUBSET.read_bytes()


def test_a_download_with_another_checksum_is_not_kept(server, tmp_path):
    root, base = server
    (root / "p5subset.xml").write_bytes(b"<TEI>tampered</TEI>")
    target = tmp_path / "cache" / "tei-p5" / "p5subset.xml"
    pin = Pin("test", f"{base}/p5subset.xml", sha(P5SUBSET.read_bytes()))
    with pytest.raises(MissingConsortiumFiles, match="is not the pinned"):
        fetch.install_source(target, pin)
    assert not target.exists() and list(target.parent.glob("*")) == []


def test_a_zip_without_the_odd_stylesheets_installs_nothing(server, tmp_path):
    root, base = server
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xml/tei/stylesheet/html/html.xsl", "<x/>")
    (root / "other.zip").write_bytes(buffer.getvalue())
    target = tmp_path / "cache" / "tei-stylesheets"
    pin = Pin("test", f"{base}/other.zip", sha(buffer.getvalue()))
    with pytest.raises(MissingConsortiumFiles, match="holds no odds/odd2odd.xsl"):
        fetch.install_stylesheets(target, pin)
    assert not target.parent.exists()


def test_no_network_gives_the_download_hint(server, tmp_path, monkeypatch):
    root, base = server
    monkeypatch.setenv("TEIKIT_CACHE_DIR", str(tmp_path / "cache"))
    unreachable = Pin("test", "http://127.0.0.1:9/tei-xsl.zip", "0" * 64)
    with pytest.raises(MissingConsortiumFiles) as caught:
        fetch.install_stylesheets(tmp_path / "cache" / "tei-stylesheets", unreachable)
    message = str(caught.value)
    assert "cannot download http://127.0.0.1:9/tei-xsl.zip" in message
    assert fetch.STYLESHEETS_PIN.url in message
    assert str(tmp_path / "cache" / "tei-stylesheets") in message


def test_a_pin_without_a_recorded_checksum_is_never_downloaded(server, tmp_path):
    root, base = server
    (root / "p5subset.xml").write_bytes(P5SUBSET.read_bytes())
    with pytest.raises(MissingConsortiumFiles, match="records no checksum"):
        fetch.install_source(tmp_path / "p5subset.xml", Pin("test", f"{base}/p5subset.xml", ""))
    assert not (tmp_path / "p5subset.xml").exists()


def test_find_prefers_the_options_then_the_environment_then_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TEIKIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("TEIKIT_TEI_STYLESHEETS", str(STYLESHEETS))
    monkeypatch.setenv("TEIKIT_TEI_SOURCE", str(P5SUBSET))
    assert consortium.find(download=False).source == P5SUBSET.resolve()
    own = tmp_path / "mine.xml"
    own.write_bytes(b"<TEI/>")
    assert consortium.find(source=own, download=False).source == own.resolve()
    monkeypatch.delenv("TEIKIT_TEI_SOURCE")
    with pytest.raises(MissingConsortiumFiles, match="p5subset.xml is not here"):
        consortium.find(download=False)
    (tmp_path / "cache" / "tei-p5").mkdir(parents=True)
    (tmp_path / "cache" / "tei-p5" / "p5subset.xml").write_bytes(b"<TEI/>")
    assert consortium.find(download=False).source == \
        (tmp_path / "cache" / "tei-p5" / "p5subset.xml").resolve()
