"""The project's stylesheets: where they are, compiled once each, run on the project runtime.

Everything XSLT of the renderers goes through here, and from here through
:mod:`teikit.saxon` (the one Saxon runtime, ``Trust.PROJECT``: modules inside the
project, no resource reads, no result documents, no network). Documents are read safely
by :mod:`teikit.xmlio` (lxml, no DTD, no entities) and handed to Saxon as text.
Stylesheet parameters are passed typed (str, bool, int, float, node, sequence, map);
Saxon's errors become :class:`RenderError` naming the document and the stylesheet.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from lxml import etree

from teikit.errors import SchemaError, TeikitError
from teikit.saxon import PolicyError, Runtime, SaxonError, Stylesheet, project_runtime


def _find_xslt_dir() -> Path:
    """Where the stylesheets are: $TEIKIT_XSLT_DIR, else those a regular install ships
    (``teikit/_data/xslt``, copied by setup.py), else ``xslt/`` of the checkout."""
    configured = os.environ.get("TEIKIT_XSLT_DIR")
    if configured:
        return Path(configured)
    package = Path(__file__).resolve().parents[1]
    shipped = package / "_data" / "xslt"
    return shipped if shipped.is_dir() else package.parents[1] / "xslt"


#: the stylesheets found at import; the runner itself asks :func:`xslt_dir`, which sees a
#: later $TEIKIT_XSLT_DIR
XSLT_DIR = _find_xslt_dir()


class RenderError(TeikitError):
    """A stylesheet failed on a document (a dynamic error or xsl:message terminate)."""


def runtime() -> Runtime:
    """The Saxon runtime of the stylesheets in :func:`xslt_dir` (``Trust.PROJECT``)."""
    return project_runtime()


def xslt_dir() -> Path:
    """The stylesheet directory now: $TEIKIT_XSLT_DIR when it is set, else :data:`XSLT_DIR`.

    Read at each call, so a directory set after import (a test's copy of ``xslt/``) is
    the one compiled from, in this process as in the spawned workers that inherit it.
    """
    configured = os.environ.get("TEIKIT_XSLT_DIR")
    return Path(configured) if configured else XSLT_DIR


def stylesheet_path(name: str) -> Path:
    """Where the stylesheet *name* (relative to ``xslt/``) lives."""
    return xslt_dir() / name


def compile_stylesheet(name: str) -> Stylesheet:
    """Compile ``xslt/<name>`` once per process; raise :class:`SchemaError` if it cannot be.

    The compiled stylesheet is cached by its resolved path, so another stylesheet
    directory never gets the executable compiled from the first one. Before compiling,
    :mod:`teikit.saxon.policy` refuses a module outside the project, or one that reads
    a file, an environment variable or writes a result document.
    """
    directory = xslt_dir().resolve()
    return _compile((directory / name).resolve(), directory.parent)


@lru_cache(maxsize=None)
def _compile(path: Path, project: Path) -> Stylesheet:
    if not path.is_file():
        raise SchemaError(f"stylesheet not found: {path}")
    try:
        return project_runtime().compile_file(path, roots=[project])
    except (SaxonError, PolicyError) as exc:
        raise SchemaError(f"{path}: cannot compile the stylesheet: {exc}") from None


def to_xdm(tree: etree._ElementTree | etree._Element, base_uri: str | None = None):
    """Hand an lxml tree (already parsed safely) to Saxon as a document node.

    Only the root element is serialised: the DOCTYPE is dropped so Saxon has nothing
    to fetch. *base_uri* (a file URI) lets the stylesheet resolve relative links.
    """
    try:
        return runtime().document(tree, base_uri)
    except SaxonError as exc:  # pragma: no cover - lxml accepted it already
        raise RenderError(str(exc)) from None


def xdm(value: Any, keep: list | None = None):
    """A Python value as the XDM value of a typed stylesheet parameter (see
    :meth:`teikit.saxon.Runtime.value`); *keep* holds what Saxon only has handles to."""
    return runtime().value(value, [] if keep is None else keep)


def transform(stylesheet: str, document, params: Mapping[str, Any] | None = None,
              *, source: str = "<document>") -> str:
    """Run ``xslt/<stylesheet>`` on *document* (an XDM node or an lxml tree); return the result.

    *source* names the document in error messages (its path).
    """
    executable = compile_stylesheet(stylesheet)
    if not hasattr(document, "node_kind"):
        document = to_xdm(document, Path(source).resolve().as_uri() if source[:1] != "<" else None)
    try:
        return executable.transform(document, params)
    except SaxonError as exc:
        raise RenderError(f"{source}: {stylesheet} failed: {exc}") from None


def apply_mode(stylesheet: str, mode: str, document, params: Mapping[str, Any] | None = None,
               *, source: str = "<document>") -> str:
    """Apply ``xslt/<stylesheet>`` in *mode* to *document*; return the result."""
    try:
        return compile_stylesheet(stylesheet).transform(document, params, mode=mode)
    except SaxonError as exc:
        raise RenderError(f"{source}: {stylesheet} ({mode}) failed: {exc}") from None


def call_template(stylesheet: str, params: Mapping[str, Any] | None = None,
                  *, source: str = "<edition>") -> str:
    """Run ``xslt/<stylesheet>`` from its ``xsl:initial-template`` (no source document)."""
    try:
        return compile_stylesheet(stylesheet).call_template(params)
    except SaxonError as exc:
        raise RenderError(f"{source}: {stylesheet} failed: {exc}") from None
