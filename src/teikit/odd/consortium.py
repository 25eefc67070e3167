"""Where the TEI Consortium's ODD stylesheets and TEI source (``p5subset.xml``) come from.

They are not part of teikit. In this order, the first that exists is used:

1. ``--stylesheets DIR`` / ``--source FILE`` on the command line;
2. the environment: ``TEIKIT_TEI_STYLESHEETS`` (a folder holding ``odds/odd2odd.xsl``)
   and ``TEIKIT_TEI_SOURCE`` (a ``p5subset.xml``);
3. the user's cache folder (:func:`cache_dir`): ``tei-stylesheets/`` and
   ``tei-p5/p5subset.xml``, put there by hand or by an earlier download;
4. the pinned TEI release (:mod:`teikit.odd.fetch`), downloaded, checked against its
   sha256 and unpacked into that cache folder.

With none of these, an :class:`~teikit.errors.TeikitError` says what to download and
where to put it.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from teikit.errors import TeikitError

STYLESHEETS_ENV = "TEIKIT_TEI_STYLESHEETS"
SOURCE_ENV = "TEIKIT_TEI_SOURCE"
CACHE_ENV = "TEIKIT_CACHE_DIR"

#: the stylesheets teikit runs, relative to the stylesheet folder
ODD2ODD = Path("odds/odd2odd.xsl")
ODD2RELAX = Path("odds/odd2relax.xsl")
EXTRACT_ISOSCH = Path("odds/extract-isosch.xsl")


class MissingConsortiumFiles(TeikitError):
    """Neither a local copy nor a download of the Consortium's files could be had."""


@dataclass(frozen=True)
class Consortium:
    """The Consortium's stylesheet folder and TEI source that one compile uses."""

    stylesheets: Path   # holds odds/ and common/
    source: Path        # p5subset.xml

    def stylesheet(self, relative: Path) -> Path:
        return self.stylesheets / relative


def cache_dir() -> Path:
    """teikit's folder in the user's cache: ``TEIKIT_CACHE_DIR``, else the platform's."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "teikit" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "teikit"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "teikit"


def cached_stylesheets() -> Path:
    return cache_dir() / "tei-stylesheets"


def cached_source() -> Path:
    return cache_dir() / "tei-p5" / "p5subset.xml"


def is_stylesheet_dir(path: Path) -> bool:
    return (path / ODD2ODD).is_file() and (path / ODD2RELAX).is_file()


def find(stylesheets: str | os.PathLike | None = None,
         source: str | os.PathLike | None = None, *, download: bool = True) -> Consortium:
    """The stylesheets and source to use (see the module doc for the order)."""
    return Consortium(_stylesheets(stylesheets, download), _source(source, download))


def _stylesheets(given, download: bool) -> Path:
    for where, candidate in (("--stylesheets", given),
                             (STYLESHEETS_ENV, os.environ.get(STYLESHEETS_ENV))):
        if candidate:
            path = Path(candidate).expanduser().resolve()
            if not is_stylesheet_dir(path):
                raise MissingConsortiumFiles(
                    f"{where} {candidate}: not the TEI Consortium's stylesheet folder "
                    f"(it must hold {ODD2ODD} and {ODD2RELAX})")
            return path
    if is_stylesheet_dir(cached_stylesheets()):
        return cached_stylesheets().resolve()
    if download:
        from teikit.odd import fetch
        return fetch.install_stylesheets(cached_stylesheets())
    raise MissingConsortiumFiles(fetch_hint("stylesheets"))


def _source(given, download: bool) -> Path:
    for where, candidate in (("--source", given), (SOURCE_ENV, os.environ.get(SOURCE_ENV))):
        if candidate:
            path = Path(candidate).expanduser().resolve()
            if not path.is_file():
                raise MissingConsortiumFiles(f"{where} {candidate}: no such file (the TEI "
                                             "source, p5subset.xml, is expected)")
            return path
    if cached_source().is_file():
        return cached_source().resolve()
    if download:
        from teikit.odd import fetch
        return fetch.install_source(cached_source())
    raise MissingConsortiumFiles(fetch_hint("source"))


def fetch_hint(what: str) -> str:
    """What to download and where to put it, for *what* ("stylesheets" or "source")."""
    from teikit.odd.fetch import SOURCE_PIN, STYLESHEETS_PIN

    if what == "stylesheets":
        return (f"the TEI Consortium's ODD stylesheets are not here: download "
                f"{STYLESHEETS_PIN.url} and unpack its stylesheet folder (the one holding "
                f"odds/ and common/) as {cached_stylesheets()}, or pass --stylesheets DIR "
                f"(or set {STYLESHEETS_ENV})")
    return (f"the TEI source p5subset.xml is not here: download {SOURCE_PIN.url} to "
            f"{cached_source()}, or pass --source FILE (or set {SOURCE_ENV})")
