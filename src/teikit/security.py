"""Hardened XSLT: stylesheets compiled from inside the project, run with no file access.

saxonche offers no custom URI resolver, so teikit restricts Saxon in two steps:

1. **Before compiling**, every stylesheet module (the main one and, transitively,
   its ``xsl:import``/``xsl:include`` targets) must lie inside the project root,
   and no expression Saxon evaluates at compile time (``use-when``, static
   params and variables, shadow attributes) may call a resource function such as
   ``unparsed-text()`` or ``doc()``.
2. **At run time** (from the first :meth:`HardenedXslt.transform` on) Saxon's
   ``allowedProtocols`` feature is set to the empty string. Saxon makes this
   one-way: the processor can never read a URI again, so ``document()``, ``doc()``, ``unparsed-text()``, ``collection()``,
   ``json-doc()`` and ``xsl:source-document`` cannot read *any* URI.

Documents a stylesheet needs (the register, the bibliography) are therefore
handed to it as parameters, parsed safely by :mod:`teikit.xmlio`::

    xslt = HardenedXslt(project_root)
    html = xslt.compile("xslt/html.xsl")      # compile every stylesheet first
    out = xslt.transform(html, article_tree, {"persons": persons_tree})

The source document is passed as an lxml tree (already parsed safely), never as
a path for Saxon's own parser.
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

from lxml import etree

from teikit import xmlio
from teikit.errors import SchemaError

ALLOWED_PROTOCOLS = "http://saxon.sf.net/feature/allowedProtocols"
XSL_NS = "http://www.w3.org/1999/XSL/Transform"

#: functions that read a resource; refused in anything Saxon evaluates statically
RESOURCE_CALL = re.compile(
    r"(?<![\w.-])(?:[\w-]+:)?(doc|doc-available|document|unparsed-text|unparsed-text-lines|"
    r"unparsed-text-available|collection|uri-collection|json-doc|transform|"
    r"environment-variable|available-environment-variables|load-xquery-module)\s*\(")

_lock = threading.Lock()


class HardenedXslt:
    """One Saxon processor whose stylesheets cannot read outside *root* (nor, at run time, at all)."""

    def __init__(self, root: str | os.PathLike) -> None:
        from saxonche import PySaxonProcessor

        self.root = Path(root).resolve()
        self.processor = PySaxonProcessor(license=False)
        self._compiler = self.processor.new_xslt30_processor()
        self.locked = False

    def compile(self, stylesheet: str | os.PathLike):
        """Check every module of *stylesheet*, then compile it; return the executable."""
        path = Path(stylesheet)
        path = (path if path.is_absolute() else self.root / path).resolve()
        if self.locked:
            raise SchemaError("compile every stylesheet before the first transform: this "
                              "processor is locked against reading files")
        check_stylesheet_modules(path, self.root)
        with _lock:
            try:
                return self._compiler.compile_stylesheet(stylesheet_file=str(path))
            except Exception as exc:  # saxonche raises PySaxonApiError
                raise SchemaError(f"{path}: cannot compile stylesheet: {exc}".strip()) from None

    def transform(self, executable, source: etree._ElementTree | etree._Element,
                  params: dict[str, object] | None = None) -> str:
        """Run *executable* on an lxml tree; tree parameters become XDM documents."""
        self.lock()
        node = self.to_xdm(source)
        executable.clear_parameters()
        for name, value in (params or {}).items():
            executable.set_parameter(name, self._to_value(value))
        try:
            return executable.transform_to_string(xdm_node=node)
        except Exception as exc:
            raise SchemaError(f"transformation failed: {str(exc).strip()}") from None

    def to_xdm(self, tree: etree._ElementTree | etree._Element):
        """Hand an lxml tree to Saxon as serialized text: Saxon never opens a file."""
        return self.processor.parse_xml(xml_text=etree.tostring(tree, encoding="unicode"))

    def _to_value(self, value):
        if isinstance(value, (etree._ElementTree, etree._Element)):
            return self.to_xdm(value)
        if isinstance(value, bool):
            return self.processor.make_boolean_value(value)
        if isinstance(value, int):
            return self.processor.make_integer_value(value)
        if isinstance(value, str):
            return self.processor.make_string_value(value)
        return value  # already an XDM value

    def lock(self) -> None:
        """Forbid every URI access from now on (Saxon cannot undo it)."""
        if not self.locked:
            lock_processor(self.processor)
            self.locked = True


def lock_processor(processor) -> None:
    """Forbid *processor* (a ``PySaxonProcessor``) to read any URI from now on.

    One-way: Saxon cannot re-allow access, so compile every stylesheet first. For a
    runner with its own processor (``teikit.render.saxon``): compile, then call this.
    """
    processor.set_configuration_property(ALLOWED_PROTOCOLS, "")


def check_stylesheet_modules(path: Path, root: Path, _seen: set[Path] | None = None) -> None:
    """Refuse a stylesheet module outside *root*, or one that reads resources at compile time."""
    seen = set() if _seen is None else _seen
    if path in seen:
        return
    seen.add(path)
    if not path.is_relative_to(root):
        raise SchemaError(f"stylesheet module {path} is outside the project ({root}); refused")
    tree = xmlio.parse(path)
    for element in tree.getroot().iter(etree.Element):
        _refuse_static_reads(element, path)
        if element.tag in (f"{{{XSL_NS}}}import", f"{{{XSL_NS}}}include"):
            href = element.get("href", "")
            if ":" in href.split("/")[0]:
                raise SchemaError(f"{path}:{element.sourceline}: stylesheet module {href} "
                                  "is not a relative path inside the project; refused")
            check_stylesheet_modules((path.parent / href).resolve(), root, seen)


def _refuse_static_reads(element: etree._Element, path: Path) -> None:
    """Compile-time expressions may not read files: they run before the lock-down."""
    static = element.get("static") in ("yes", "true", "1")
    for name, value in element.attrib.items():
        local = etree.QName(name).localname
        evaluated_statically = (local == "use-when" or local.startswith("_")
                                or (static and local == "select"))
        if evaluated_statically and RESOURCE_CALL.search(value):
            raise SchemaError(f"{path}:{element.sourceline}: {local}=\"{value}\" reads a "
                              "resource at compile time; refused")
