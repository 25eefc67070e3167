"""Compiled ODDs kept in the user's cache, for ``teikit validate --schema my.odd`` and
``<?xml-model href="my.odd"?>``.

An ODD is compiled once for each content of it and of everything it is made from: its
own bytes, the local files it draws on (``@source`` and ``moduleRef/@url``, and theirs
when they are ODDs too), the TEI source and the Consortium's stylesheets. The sha256
of all of them names a folder ``<cache>/odd/<hash>/`` holding ``schema.rng`` and
``schema.sch``; it is filled beside its final place and renamed into it, so two
processes compiling the same ODD at once both end with a whole folder.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from teikit.errors import InputError
from teikit.odd import check
from teikit.odd.compiler import compile_odd
from teikit.odd.consortium import (EXTRACT_ISOSCH, ODD2ODD, ODD2RELAX, Consortium, cache_dir,
                                   find)
from teikit.xmlio import TEI_NS

#: bump when what teikit makes of an ODD changes, so old entries are not used
FORMAT = "1"


@dataclass(frozen=True)
class CompiledOdd:
    """The schemas one ODD compiles to, as files in the cache."""

    odd: Path
    relaxng: Path
    schematron: Path


def compiled(odd: str | os.PathLike, consortium: Consortium | None = None) -> CompiledOdd:
    """The cached schemas of the ODD at *odd*, compiled first when not cached yet."""
    path = Path(odd).resolve()
    consortium = consortium or find()
    return _compiled(path, consortium, key(path, consortium))


@lru_cache(maxsize=16)
def _compiled(path: Path, consortium: Consortium, digest: str) -> CompiledOdd:
    folder = cache_dir() / "odd" / digest
    result = CompiledOdd(path, folder / "schema.rng", folder / "schema.sch")
    if result.relaxng.is_file() and result.schematron.is_file():
        return result
    schemas = compile_odd(path, consortium)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{digest[:12]}-", dir=folder.parent))
    try:
        (staging / "schema.rng").write_text(schemas.relaxng, encoding="utf-8")
        (staging / "schema.sch").write_text(schemas.schematron, encoding="utf-8")
        try:
            staging.rename(folder)
        except OSError:
            if not folder.is_dir():  # another process renamed its copy first: keep that
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result


def key(path: Path, consortium: Consortium) -> str:
    """The sha256 naming the compiled form of the ODD at *path* (see the module doc)."""
    digest = hashlib.sha256(f"teikit-odd {FORMAT}\n".encode())
    for part in (*_made_from(path, ()), consortium.source,
                 *(consortium.stylesheet(s) for s in (ODD2ODD, ODD2RELAX, EXTRACT_ISOSCH))):
        digest.update(str(part).encode() + b"\0" + _file_hash(part).encode() + b"\n")
    version = consortium.stylesheets / "VERSION"
    if version.is_file():
        digest.update(version.read_bytes())
    return digest.hexdigest()


def _made_from(path: Path, seen: tuple[Path, ...]) -> list[Path]:
    """The ODD at *path* and the local files it draws on (those ODDs' too), in order."""
    if path in seen or not path.is_file():
        return [path] if path not in seen else []
    files = [path]
    try:
        odd = check.read(path)
    except InputError:  # malformed: compile_odd says where; hashed as bytes here
        return files
    for element in odd.tree.getroot().iter(etree.Element):
        if etree.QName(element).namespace != TEI_NS:
            continue
        for attribute in ("source", "url"):
            value = element.get(attribute)
            if value and not value.startswith("#") and "://" not in value and \
                    not value.startswith("tei:"):
                target = (path.parent / value.removeprefix("file:")).resolve()
                if target.is_file():
                    files.extend(_made_from(target, seen + (path,)))
    return files


@lru_cache(maxsize=64)
def _hashed(path: str, mtime: float, size: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _file_hash(path: Path) -> str:
    stat = path.stat()
    return _hashed(str(path), stat.st_mtime, stat.st_size)
