"""The saxonche runner: one Saxon processor per process, each stylesheet compiled once.

Everything XSLT goes through here. Documents are read safely by :mod:`teikit.xmlio`
(lxml, no DTD, no entities) and handed to Saxon as text, so Saxon never fetches a
DTD or an entity itself. Stylesheet parameters are passed typed (str, bool, int,
float, node, sequence, map); Saxon's errors become :class:`RenderError` naming the
document and the stylesheet.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from lxml import etree
from saxonche import PySaxonApiError, PySaxonProcessor, PyXdmItem, PyXdmValue

from teikit.errors import SchemaError, TeikitError
from teikit.security import check_stylesheet_modules

def _find_xslt_dir() -> Path:
    """Where the stylesheets are: $TEIKIT_XSLT_DIR, else those a regular install ships
    (``teikit/_data/xslt``, copied by setup.py), else ``xslt/`` of the checkout."""
    configured = os.environ.get("TEIKIT_XSLT_DIR")
    if configured:
        return Path(configured)
    package = Path(__file__).resolve().parents[1]
    shipped = package / "_data" / "xslt"
    return shipped if shipped.is_dir() else package.parents[1] / "xslt"


#: the stylesheets found at import (their parent directory is the project root: fonts/ sits
#: beside them); the runner itself asks :func:`xslt_dir`, which sees a later $TEIKIT_XSLT_DIR
XSLT_DIR = _find_xslt_dir()


class RenderError(TeikitError):
    """A stylesheet failed on a document (a dynamic error or xsl:message terminate)."""


@lru_cache(maxsize=1)
def processor() -> PySaxonProcessor:
    """The one Saxon processor of this process."""
    return PySaxonProcessor(license=False)


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


def compile_stylesheet(name: str):
    """Compile ``xslt/<name>`` once per process; raise :class:`SchemaError` if it cannot be.

    The compiled stylesheet is cached by its resolved path, so another stylesheet
    directory never gets the executable compiled from the first one.
    """
    directory = xslt_dir().resolve()
    return _compile((directory / name).resolve(), directory.parent)


@lru_cache(maxsize=None)
def _compile(path: Path, project: Path):
    """Compile the stylesheet at *path* (resolved) once.

    Before compiling, :func:`teikit.security.check_stylesheet_modules` refuses a module
    (imported or included) outside *project*, or one that reads a file at compile time.
    """
    if not path.is_file():
        raise SchemaError(f"stylesheet not found: {path}")
    # every module must lie inside the project and read nothing at compile time
    check_stylesheet_modules(path, project)
    compiler = processor().new_xslt30_processor()
    try:
        return compiler.compile_stylesheet(stylesheet_file=str(path))
    except PySaxonApiError as exc:
        raise SchemaError(f"{path}: cannot compile the stylesheet: {exc}") from None


def to_xdm(tree: etree._ElementTree | etree._Element, base_uri: str | None = None):
    """Hand an lxml tree (already parsed safely) to Saxon as a document node.

    Only the root element is serialised: the DOCTYPE is dropped so Saxon has nothing
    to fetch. *base_uri* (a file URI) lets the stylesheet resolve relative links.
    """
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    builder = processor().new_document_builder()
    if base_uri:
        builder.set_base_uri(base_uri)
    text = etree.tostring(root, encoding="unicode")
    try:
        return builder.parse_xml(xml_text=text)
    except PySaxonApiError as exc:  # pragma: no cover - lxml accepted it already
        raise RenderError(f"{base_uri or '<document>'}: Saxon cannot read it: {exc}") from None


def xdm(value: Any, keep: list | None = None):
    """Convert a Python value into the XDM value of a typed stylesheet parameter.

    Saxon only holds handles to the values it is given: everything built here is also
    appended to *keep*, which the caller holds until the transformation is over.
    """
    keep = [] if keep is None else keep
    converted = _convert(value, keep)
    keep.append(converted)
    return converted


def _convert(value: Any, keep: list):
    """One Python value as an XDM value: atomic values here, containers below."""
    proc = processor()
    if isinstance(value, PyXdmValue):
        return value
    if isinstance(value, bool):
        return proc.make_boolean_value(value)
    if isinstance(value, int):
        return proc.make_integer_value(value)
    if isinstance(value, float):
        return proc.make_double_value(value)
    if isinstance(value, (str, os.PathLike)):
        return proc.make_string_value(os.fspath(value))
    if isinstance(value, Mapping):
        return _map(value, keep)
    if isinstance(value, (list, tuple)):
        return _sequence(value, keep)
    raise TypeError(f"cannot pass {type(value).__name__} as a stylesheet parameter")


def _map(value: Mapping, keep: list):
    """A map; a list inside it becomes an array (saxonche cannot put a sequence in a
    map): read it in XPath as ``$map?key?*``."""
    proc = processor()
    return proc.make_map2({str(k): (proc.make_array([xdm(i, keep) for i in v])
                                    if isinstance(v, (list, tuple)) else xdm(v, keep))
                           for k, v in value.items()})


def _sequence(value: list | tuple, keep: list):
    """A sequence of single items (strings, numbers, nodes)."""
    sequence = processor().empty_sequence()
    for item in value:
        converted = xdm(item, keep)
        if not isinstance(converted, PyXdmItem):
            raise TypeError("a sequence parameter holds single items (str, number, node)")
        sequence.add_xdm_item(converted)
    return sequence


def transform(stylesheet: str, document, params: Mapping[str, Any] | None = None,
              *, source: str = "<document>") -> str:
    """Run ``xslt/<stylesheet>`` on *document* (an XDM node or an lxml tree); return the result.

    *source* names the document in error messages (its path).
    """
    executable = compile_stylesheet(stylesheet)
    if not hasattr(document, "node_kind"):
        document = to_xdm(document, Path(source).resolve().as_uri() if source[:1] != "<" else None)
    keep: list = []
    _set_parameters(executable, params, keep)
    try:
        return executable.transform_to_string(xdm_node=document)
    except PySaxonApiError as exc:
        raise RenderError(f"{source}: {stylesheet} failed: {_first_line(exc)}") from None
    finally:
        executable.clear_parameters()


def call_template(stylesheet: str, params: Mapping[str, Any] | None = None,
                  *, source: str = "<edition>") -> str:
    """Run ``xslt/<stylesheet>`` from its ``xsl:initial-template`` (no source document)."""
    executable = compile_stylesheet(stylesheet)
    keep: list = []
    _set_parameters(executable, params, keep)
    try:
        return executable.call_template_returning_string()
    except PySaxonApiError as exc:
        raise RenderError(f"{source}: {stylesheet} failed: {_first_line(exc)}") from None
    finally:
        executable.clear_parameters()


def _set_parameters(executable, params: Mapping[str, Any] | None, keep: list) -> None:
    """Set the typed parameters of one run (those of the previous run cleared)."""
    executable.clear_parameters()
    for name, value in (params or {}).items():
        executable.set_parameter(name, xdm(value, keep))


def _first_line(exc: Exception) -> str:
    """The first line of Saxon's message: what a person needs to read."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
