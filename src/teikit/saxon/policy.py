"""What code run by Saxon may do: the static half of teikit's Saxon sandbox.

:mod:`teikit.saxon` locks each processor by trust (which URI schemes it may read at all).
What the lock cannot stop is checked here, on the stylesheet's XML *before* it is compiled:

- every module (``xsl:import``/``xsl:include``, transitively) lies inside the folders the
  code may read (:func:`check_modules`);
- *confined* code (the project's stylesheets, and code a document brings along) reads no
  environment variable, compiles no code from a string (``function-lookup``,
  ``fn:transform``, ``load-xquery-module``, ``xsl:evaluate``) and writes no
  ``xsl:result-document`` (:func:`check_confined`). The project's stylesheets also call
  no function that reads a resource (their processor may read ``file:`` URIs, for their
  modules); a document's code may call them, but its processor is locked before it runs,
  so every read fails, and nothing it evaluates while compiling may read
  (:func:`check_static_reads`). A function named in an
  expression is found as a token (``unparsed-text``, ``Q{...}unparsed-text``,
  ``unparsed-text#1``, with comments or spaces before its parenthesis), so neither a
  prefix nor a function reference slips through; Saxon's own extension namespace and
  ``java:`` URIs are refused outright.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from lxml import etree

from teikit import xmlio
from teikit.errors import TeikitError

XSL_NS = "http://www.w3.org/1999/XSL/Transform"

#: functions that read a resource (file, network)
READING = ("doc", "doc-available", "document", "unparsed-text", "unparsed-text-lines",
           "unparsed-text-available", "collection", "uri-collection", "json-doc")
#: functions that Saxon's lock does not stop: the environment, and those that turn a
#: string into code (which would escape every check made here)
ESCAPING = ("environment-variable", "available-environment-variables", "function-lookup",
            "transform", "load-xquery-module")
#: XSLT instructions confined code may not use: evaluate compiles a string; the others write
#: files or load code from elsewhere
INSTRUCTIONS = ("evaluate", "result-document", "use-package")


def _calls(names: tuple[str, ...]) -> re.Pattern:
    """A call of (or a reference to) one of the functions *names*, in an XPath expression."""
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(r"(?<![\w.\-$])(?:[\w\-]+:|Q\{[^}]*\})?(" + alternatives +
                      r")(?=\s*(?:\(:.*?:\)\s*)*[(#])", re.S)


_ESCAPING = _calls(ESCAPING)
_ANY = _calls(ESCAPING + READING)
_FORBIDDEN_NS = re.compile(r"saxon\.sf\.net|(?<![\w])java:")
_EXPAND_TEXT = ("expand-text", f"{{{XSL_NS}}}expand-text")


class PolicyError(TeikitError):
    """Code given to Saxon does what its trust level forbids; the message says where."""


def check_modules(path: Path, roots: Iterable[Path], confined: bool, may_read: bool = False,
                  _seen: set[Path] | None = None) -> None:
    """Check the stylesheet at *path* and every module it imports or includes.

    Each module must lie under one of *roots*; when *confined*, each must also pass
    :func:`check_confined` (with *may_read*) and :func:`check_static_reads`.
    """
    roots = tuple(roots)
    seen = set() if _seen is None else _seen
    path = path.resolve()
    if path in seen:
        return
    seen.add(path)
    if not any(path.is_relative_to(root) for root in roots):
        raise PolicyError(f"stylesheet module {path} is outside the folders it may be read "
                          f"from ({', '.join(str(r) for r in roots)}); refused")
    tree = xmlio.parse(path)
    if confined:
        check_confined(tree.getroot(), str(path), may_read)
        check_static_reads(tree.getroot(), str(path))
    for element in tree.getroot().iter(f"{{{XSL_NS}}}import", f"{{{XSL_NS}}}include"):
        href = element.get("href", "")
        if ":" in href.split("/")[0]:
            raise PolicyError(f"{path}:{element.sourceline}: stylesheet module {href} is "
                              "not a relative path; refused")
        check_modules(path.parent / href, roots, confined, may_read, seen)


def check_confined(root: etree._Element, source: str, may_read: bool = False) -> None:
    """Refuse confined code (a stylesheet's root element) that could escape or write, or,
    unless *may_read* (its processor will be locked), call a function that reads."""
    calls = _ESCAPING if may_read else _ANY
    for element in root.iter(etree.Element):
        where = f"{source}:{element.sourceline}"
        qname = etree.QName(element)
        if qname.namespace == XSL_NS and qname.localname in INSTRUCTIONS:
            raise PolicyError(f"{where}: <xsl:{qname.localname}> is not allowed here; refused")
        for uri in element.nsmap.values():
            if uri and _FORBIDDEN_NS.search(uri):
                raise PolicyError(f"{where}: the namespace {uri} is not allowed here; refused")
        for name, value in element.attrib.items():
            _refuse_tokens(value, where, etree.QName(name).localname, calls)
        if element.text and _expands_text(element):
            _refuse_tokens(element.text, where, "text", calls)


def check_expression(expression: str, where: str, attribute: str) -> None:
    """Refuse one XPath expression of confined code before it is written into a stylesheet
    (a predicate of an edition's rendering rules): the checks :func:`check_confined` makes
    on an attribute."""
    _refuse_tokens(expression, where, attribute, _ANY)


def check_static_reads(root: etree._Element, source: str) -> None:
    """Refuse expressions Saxon evaluates while compiling (``use-when``, static params,
    shadow attributes) that read a resource: they would run before any lock."""
    for element in root.iter(etree.Element):
        static = element.get("static") in ("yes", "true", "1")
        for name, value in element.attrib.items():
            local = etree.QName(name).localname
            if local == "use-when" or local.startswith("_") or (static and local == "select"):
                _refuse_tokens(value, f"{source}:{element.sourceline}", local, _ANY)


def _refuse_tokens(expression: str, where: str, attribute: str, calls: re.Pattern) -> None:
    found = calls.search(expression)
    if found:
        raise PolicyError(f"{where}: {attribute} calls {found.group(1)}(), which this code "
                          "may not use; refused")
    if "Q{" in expression and _FORBIDDEN_NS.search(expression):
        raise PolicyError(f"{where}: {attribute} names a Saxon or Java extension; refused")


def _expands_text(element: etree._Element) -> bool:
    """True when text value templates are on for *element*'s text (XSLT 3 expand-text)."""
    for node in [element, *element.iterancestors()]:
        for name in _EXPAND_TEXT:
            value = node.get(name)
            if value is not None:
                return value.strip() in ("yes", "true", "1")
    return False
