"""Renderers: one small declared class per output format, found through a registry.

A render is fixed phases, as a Sphinx build is: **read** the TEI documents (safely),
**check** them (well-formed TEI), **resolve** what spans documents (the register, the
bibliography, page numbers), **write** each output through its XSLT 3.0 stylesheet.
A new output format is a subclass of :class:`Renderer` plus ``@register`` in a module
of this package; :func:`load_renderers` imports every such module.

Public facade: :func:`render` (what ``teikit render`` calls), :func:`read_edition`.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from pathlib import Path
from typing import Sequence

from teikit.render.base import (RENDERERS, Document, Edition, Renderer, default_jobs,
                                read_edition, register)

__all__ = ["RENDERERS", "Document", "Edition", "Renderer", "default_jobs", "load_renderers",
           "read_edition", "register", "render"]

#: modules of this package that hold machinery, not output formats
_MACHINERY = {"base", "document", "parallel", "saxon"}


def load_renderers() -> dict[str, type[Renderer]]:
    """Import every renderer module of this package so it registers itself."""
    for module in pkgutil.iter_modules(__path__):
        if module.name not in _MACHINERY and not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")
    return RENDERERS


def render(paths: Sequence[str | os.PathLike], formats: Sequence[str],
           out: str | os.PathLike = "out", jobs: int | None = None) -> dict[str, list[Path]]:
    """Render the edition at *paths* into each format of *formats* below *out*.

    Articles are written in *jobs* processes (default: every core). Returns, per
    format, the files written. The edition is read once, into small handles: each
    article's tree is parsed again, transformed and dropped while it is written.
    """
    load_renderers()
    edition = read_edition(paths)
    written: dict[str, list[Path]] = {}
    for name in formats:
        renderer = RENDERERS[name](out)
        written[name] = renderer.run(edition, jobs=jobs or default_jobs())
    return written
