"""Fingerprints of what an output is made from, so that a render redoes only what changed.

A fingerprint is a SHA-256 of the bytes of the input files (and of a few values, such as
the page an article starts on), with teikit's version: an output whose recorded
fingerprint (the format's manifest, :data:`teikit.render.base.MANIFEST`) equals the one
computed now is up to date. Contents, not modification times: a file touched but not
changed changes nothing, and a file restored from elsewhere is recognised.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable

from teikit import __version__
from teikit.errors import InputError
from teikit.render.document import Document, Edition


def _hasher(*values: str):
    digest = hashlib.sha256(__version__.encode())
    for value in values:
        digest.update(b"\0" + value.encode("utf-8"))
    return digest


def _add_file(digest, path: Path) -> None:
    try:
        digest.update(b"\0" + path.name.encode("utf-8") + b"\0" + path.read_bytes())
    except OSError as exc:
        raise InputError(f"cannot read it: {exc.strerror or exc}", str(path)) from None


def digest_files(paths: Iterable[Path], *values: str) -> str:
    """The fingerprint of the files *paths* (their names and bytes, in this order) and
    of *values*."""
    digest = _hasher(*values)
    for path in paths:
        _add_file(digest, Path(path))
    return digest.hexdigest()


def edition_inputs(edition: Edition, shared: str) -> str:
    """The fingerprint of a whole edition: every article and register file, in order,
    with *shared* (the fingerprint of the stylesheets and what else every output uses)."""
    return digest_files([a.path for a in edition.articles] + [r.path for r in edition.all_registers],
                        shared, str(len(edition.articles)))


def article_inputs(article: Document, edition: Edition, shared: str, *values: object) -> str:
    """The fingerprint of one article: its file, the register files next to it, *shared*
    and *values* (e.g. the page it starts on)."""
    return digest_files([article.path] + [r.path for r in edition.registers_for(article)],
                        shared, *map(str, values))
