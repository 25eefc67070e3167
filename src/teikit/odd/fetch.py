"""First use without a local copy: download the pinned TEI release, check it, cache it.

Two pins, one per artefact: the Consortium's stylesheet release (a zip, of which the
folder holding ``odds/`` and ``common/`` is kept) and the TEI source of the matching P5
release (``p5subset.xml``). A download is kept only when its sha256 is the pinned one;
it is written through a temporary file and a rename, so an interrupted or refused
download leaves nothing behind. Without a network the error says what to download and
where to put it (:func:`teikit.odd.consortium.fetch_hint`).

A pin whose digest is not recorded (``sha256=""``) is never downloaded: teikit installs
nothing it cannot check.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from teikit.odd.consortium import MissingConsortiumFiles, ODD2ODD, fetch_hint, is_stylesheet_dir
from teikit.xmlio import atomic_write

#: seconds to wait for the server before giving up (then: the "what to download" error)
TIMEOUT = 30
#: a download larger than this is refused (the stylesheet zip is about 10 MB)
MAX_BYTES = 200 * 2**20


@dataclass(frozen=True)
class Pin:
    """One artefact of a TEI release: where it is, and the sha256 it must have."""

    name: str
    url: str
    sha256: str


# TEI P5 4.9.0 and the Stylesheets 7.58.0 released with it (the copies in ../shared are
# the development states just before them). The digests must be taken from the released
# files themselves, on a machine that can reach them: the machines teikit is built on
# reach package registries only (github.com and tei-c.org do not resolve there), and the
# Consortium publishes neither file to PyPI, npm or Maven Central (nor would another
# file's digest check these URLs). Until a digest is recorded, the pins refuse to
# download (see the module doc) and the error says what to fetch by hand and where.
STYLESHEETS_PIN = Pin("TEI Stylesheets 7.58.0",
                      "https://github.com/TEIC/Stylesheets/releases/download/v7.58.0/"
                      "tei-xsl-7.58.0.zip", "")
SOURCE_PIN = Pin("TEI P5 4.9.0 p5subset.xml",
                 "https://www.tei-c.org/Vault/P5/4.9.0/xml/tei/odd/p5subset.xml", "")


def download(pin: Pin) -> bytes:
    """The bytes *pin* names, checked against its sha256 (else MissingConsortiumFiles)."""
    if not pin.sha256:
        raise MissingConsortiumFiles(f"{pin.name}: this teikit records no checksum for it, "
                                     "so it is not downloaded")
    try:
        with urllib.request.urlopen(pin.url, timeout=TIMEOUT) as response:
            data = response.read(MAX_BYTES + 1)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise MissingConsortiumFiles(f"cannot download {pin.url}: {reason}") from None
    if len(data) > MAX_BYTES:
        raise MissingConsortiumFiles(f"{pin.url}: larger than {MAX_BYTES // 2**20} MB; refused")
    digest = hashlib.sha256(data).hexdigest()
    if digest != pin.sha256:
        raise MissingConsortiumFiles(f"{pin.url}: sha256 {digest} is not the pinned "
                                     f"{pin.sha256}; nothing was kept")
    return data


def install_source(target: Path, pin: Pin | None = None) -> Path:
    """Download the pinned ``p5subset.xml`` to *target* (the cache); return its path."""
    pin = pin or SOURCE_PIN
    try:
        data = download(pin)
    except MissingConsortiumFiles as exc:
        raise MissingConsortiumFiles(f"{exc}; {fetch_hint('source')}") from None
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, data)
    return target.resolve()


def install_stylesheets(target: Path, pin: Pin | None = None) -> Path:
    """Download the pinned stylesheet release, unpack its stylesheet folder as *target*."""
    pin = pin or STYLESHEETS_PIN
    try:
        data = download(pin)
        unpack_stylesheets(data, target, pin.url)
    except MissingConsortiumFiles as exc:
        raise MissingConsortiumFiles(f"{exc}; {fetch_hint('stylesheets')}") from None
    return target.resolve()


def unpack_stylesheets(data: bytes, target: Path, url: str) -> None:
    """Unpack the folder of the zip *data* that holds ``odds/odd2odd.xsl`` as *target*.

    Unpacked beside *target* first, renamed into place when complete: a reader never
    sees half a folder. Members that would land outside it are refused.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise MissingConsortiumFiles(f"{url}: not a zip archive") from None
    suffix = ODD2ODD.as_posix()
    tops = [n[: -len(suffix)] for n in archive.namelist() if n.endswith("/" + suffix)
            or n == suffix]
    if not tops:
        raise MissingConsortiumFiles(f"{url}: holds no {suffix}")
    top = min(tops, key=len)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".tei-stylesheets-", dir=target.parent))
    try:
        for info in archive.infolist():
            if not info.filename.startswith(top) or info.is_dir():
                continue
            relative = PurePosixPath(info.filename[len(top):])
            if relative.is_absolute() or ".." in relative.parts:
                raise MissingConsortiumFiles(f"{url}: member {info.filename} leaves the folder")
            out = staging.joinpath(*relative.parts)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(archive.read(info))
        if not is_stylesheet_dir(staging):
            raise MissingConsortiumFiles(f"{url}: the unpacked folder lacks the ODD stylesheets")
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
