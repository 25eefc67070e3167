"""The :class:`Renderer` base class and the registry of output formats.

Rules (which TEI element becomes what) live in the XSLT stylesheets under
``xslt/``; Python only orchestrates the phases. Concrete renderers live in
their own modules and register themselves with :func:`register`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

#: format name -> renderer class; filled by :func:`register`
RENDERERS: dict[str, type["Renderer"]] = {}


def register(cls: type["Renderer"]) -> type["Renderer"]:
    """Class decorator: make *cls* available as ``teikit render --to <cls.name>``."""
    RENDERERS[cls.name] = cls
    return cls


@dataclass
class Renderer:
    """One output format. Subclasses declare ``name``, ``stylesheet`` and ``suffix``
    and override the phases they need; the defaults are filled in by the render module."""

    name: ClassVar[str]
    stylesheet: ClassVar[str]          # path below xslt/, e.g. "html.xsl"
    suffix: ClassVar[str] = ".html"
    out: Path = field(default_factory=lambda: Path("out"))
