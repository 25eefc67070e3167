"""The one Saxon runtime of teikit: the only module that imports saxonche.

Every stylesheet, compiled Schematron and XPath teikit runs goes through a
:class:`Runtime`, and every runtime applies one policy, decided by who wrote the code:

``Trust.PROJECT``
    teikit's own stylesheets (``xslt/``, or the folder ``TEIKIT_XSLT_DIR`` names). Every
    module must lie in that folder's project (the stylesheet folder's parent), and
    :func:`teikit.saxon.policy.check_confined` refuses any call that reads a resource or
    an environment variable, compiles code from a string, or writes a result document.
    They need none: what they read (the article, the registers, the edition index) is
    parsed safely by :mod:`teikit.xmlio` and handed to them as documents and parameters.
    The processor may read ``file:`` URIs only (its modules), never the network.
``Trust.USER``
    code the user names on the command line (``--schema``, the ODD stylesheets of
    ``teikit odd``): it may read local files, never the network. Its result documents
    are captured in memory, never written.
``Trust.DOCUMENT``
    code a document brings along: the Schematron (or its XSLT) that an ``xml-model`` PI
    names, the Schematron embedded in a RELAX NG schema a document names. Its modules
    must lie in the document's folder or the project's ``schemas/`` and it is checked as
    confined code; the processor compiles it, and is then *locked*: Saxon's
    ``allowedProtocols`` becomes empty, so from then on it reads no URI at all, of any
    scheme (Saxon makes this one-way). So it reads nothing, writes nothing, reaches no
    network and sees no environment variable.

Each runtime owns its Saxon processor (a document runtime one of its own: the lock is
per processor), and nodes are built by the runtime that runs them. A policy violation
is a :class:`PolicyError`; a failing run a :class:`SaxonError` (first line of Saxon's
message). Callers turn both into that document's error.
"""

from __future__ import annotations

import enum
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

from lxml import etree
from saxonche import PySaxonApiError, PySaxonProcessor, PyXdmItem, PyXdmValue

from teikit.errors import TeikitError
from teikit.saxon import heap
from teikit.saxon.policy import (XSL_NS, PolicyError, check_confined, check_modules,
                                  check_static_reads)

__all__ = ["PolicyError", "Runtime", "SaxonError", "Stylesheet", "Trust", "heap",
           "project_runtime", "started", "user_runtime"]

ALLOWED_PROTOCOLS = "http://saxon.sf.net/feature/allowedProtocols"


class SaxonError(TeikitError):
    """Saxon could not compile or run something; the message is Saxon's first line
    (:attr:`detail`: all of Saxon's message, when it said more)."""

    detail = ""


class Trust(enum.Enum):
    """Who wrote the code a runtime runs, and so what it may do (see the module doc)."""

    PROJECT = "project"
    USER = "user"
    DOCUMENT = "document"


class Runtime:
    """One Saxon processor under one policy."""

    def __init__(self, trust: Trust, roots: Iterable[str | os.PathLike] = ()) -> None:
        self.trust = trust
        self.roots = tuple(Path(r).resolve() for r in roots)
        _started[0] = True
        self.processor = PySaxonProcessor(license=False)
        self.locked = False
        self.processor.set_configuration_property(ALLOWED_PROTOCOLS, "file")

    # --- compiling -------------------------------------------------------------------
    def compile_file(self, path: str | os.PathLike,
                     roots: Iterable[str | os.PathLike] | None = None) -> "Stylesheet":
        """Check the stylesheet at *path* (and its modules) against the policy, compile it.

        Confined code's modules must lie under *roots* (default: the runtime's own).
        """
        path = Path(path).resolve()
        if not path.is_file():
            raise SaxonError(f"stylesheet not found: {path}")
        if self.trust is not Trust.USER:
            roots = self.roots if roots is None else tuple(Path(r).resolve() for r in roots)
            check_modules(path, roots, confined=True, may_read=self.trust is Trust.DOCUMENT)
        return self._compile(str(path), stylesheet_file=str(path))

    def compile_text(self, text: str, source: str, base_uri: str | None = None) -> "Stylesheet":
        """Compile a stylesheet given as text (a compiled Schematron); *source* names it.

        A document's code is compiled on the locked processor: it has no module to read.
        """
        if self.trust is not Trust.USER:
            root = etree.fromstring(text.encode("utf-8"))
            check_confined(root, source, may_read=self.trust is Trust.DOCUMENT)
            check_static_reads(root, source)
            if next(root.iter(f"{{{XSL_NS}}}import", f"{{{XSL_NS}}}include"), None) is not None:
                raise PolicyError(f"{source}: a stylesheet given as text may not import or "
                                  "include modules here; refused")
        if self.trust is Trust.DOCUMENT:
            self.lock()
        if base_uri is None:
            return self._compile(source, stylesheet_text=text)
        # as a node with a base URI: relative URIs in it resolve against its file
        return self._compile(source, stylesheet_node=self.parse_text(text, base_uri))

    def _compile(self, source: str, **kwargs) -> "Stylesheet":
        compiler = self.processor.new_xslt30_processor()
        try:
            executable = compiler.compile_stylesheet(**kwargs)
        except PySaxonApiError as exc:
            error = SaxonError(f"{source}: cannot compile: {first_line(exc)}")
            error.detail = str(exc).strip()   # every line: the reason is often the second
            raise error from None
        executable.set_capture_result_documents(True, False)  # never written to disk
        if self.trust is Trust.DOCUMENT:
            self.lock()
        return Stylesheet(self, executable, source)

    def lock(self) -> None:
        """Forbid this processor to read any URI from now on (one-way)."""
        if not self.locked:
            self.processor.set_configuration_property(ALLOWED_PROTOCOLS, "")
            self.locked = True

    # --- values ----------------------------------------------------------------------
    def document(self, tree: etree._ElementTree | etree._Element,
                 base_uri: str | None = None, *, with_prolog: bool = False):
        """An lxml tree (already parsed safely) as a Saxon document node of this runtime.

        Only the root element is serialised (with *with_prolog*, the comments and
        processing instructions before it too): no DOCTYPE, so nothing to fetch.
        """
        root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
        parts = []
        if with_prolog:
            parts = [etree.tostring(node, encoding="unicode", with_tail=False)
                     for node in reversed(list(root.itersiblings(preceding=True)))
                     if isinstance(node, (etree._ProcessingInstruction, etree._Comment))]
        parts.append(etree.tostring(root, encoding="unicode", with_tail=False))
        return self.parse_text("\n".join(parts), base_uri)

    def parse_text(self, text: str, base_uri: str | None = None):
        """Well-formed XML text (teikit wrote it, or lxml parsed it) as a document node."""
        builder = self.processor.new_document_builder()
        if base_uri:
            builder.set_base_uri(base_uri)
        try:
            return builder.parse_xml(xml_text=text)
        except PySaxonApiError as exc:
            raise SaxonError(f"{base_uri or '<document>'}: Saxon cannot read it: "
                             f"{first_line(exc)}") from None

    def value(self, value: Any, keep: list):
        """A Python value as the XDM value of a typed parameter (see :meth:`Stylesheet.run`).

        str/path, bool, int, float, lxml trees (documents), mappings (maps; a list inside
        one becomes an array, read it as ``$map?key?*``) and lists (sequences). Saxon only
        holds handles: everything built is appended to *keep*, held until the run is over.
        """
        converted = self._convert(value, keep)
        keep.append(converted)
        return converted

    def _convert(self, value: Any, keep: list):
        proc = self.processor
        if isinstance(value, PyXdmValue):
            return value
        if isinstance(value, (etree._ElementTree, etree._Element)):
            return self.document(value)
        if isinstance(value, bool):
            return proc.make_boolean_value(value)
        if isinstance(value, int):
            return proc.make_integer_value(value)
        if isinstance(value, float):
            return proc.make_double_value(value)
        if isinstance(value, (str, os.PathLike)):
            return proc.make_string_value(os.fspath(value))
        if isinstance(value, Mapping):
            return proc.make_map2({str(k): (proc.make_array([self.value(i, keep) for i in v])
                                            if isinstance(v, (list, tuple))
                                            else self.value(v, keep))
                                   for k, v in value.items()})
        if isinstance(value, (list, tuple)):
            sequence = proc.empty_sequence()
            for item in value:
                converted = self.value(item, keep)
                if not isinstance(converted, PyXdmItem):
                    raise TypeError("a sequence parameter holds single items (str, number, node)")
                sequence.add_xdm_item(converted)
            return sequence
        raise TypeError(f"cannot pass {type(value).__name__} as a stylesheet parameter")


class Stylesheet:
    """A compiled stylesheet, run on its runtime's processor."""

    def __init__(self, runtime: Runtime, executable, source: str) -> None:
        self.runtime, self.executable, self.source = runtime, executable, source

    def transform(self, document, params: Mapping[str, Any] | None = None,
                  *, mode: str | None = None, base_uri: str | None = None) -> str:
        """Apply the stylesheet to *document* (a node of this runtime, or an lxml tree)."""
        if not hasattr(document, "node_kind"):
            document = self.runtime.document(document, base_uri)
        if mode is None:
            return self.run(params, lambda e: e.transform_to_string(xdm_node=document))
        return self.run(params, lambda e: (e.set_initial_mode(mode),
                                           e.apply_templates_returning_string(
                                               xdm_node=document))[1])

    def call_template(self, params: Mapping[str, Any] | None = None) -> str:
        """Run the stylesheet from its ``xsl:initial-template``."""
        return self.run(params, lambda e: e.call_template_returning_string())

    def run(self, params: Mapping[str, Any] | None, action) -> str:
        """Set the typed *params*, call *action(executable)*, always clear them again."""
        executable, keep = self.executable, []
        executable.clear_parameters()
        try:
            for name, value in (params or {}).items():
                executable.set_parameter(name, self.runtime.value(value, keep))
            return action(executable)
        except PySaxonApiError as exc:
            raise SaxonError(first_line(exc)) from None
        finally:
            executable.clear_parameters()


#: has this process made a Saxon processor (see :func:`started`)?
_started = [False]


def started() -> bool:
    """Has this process made a Saxon processor? Its isolate runs threads: a process
    forked after that must not use Saxon, so workers are then spawned afresh."""
    return _started[0]


@lru_cache(maxsize=1)
def project_runtime() -> Runtime:
    """The runtime of the project's stylesheets (one per process: nodes it builds serve
    every project stylesheet; each compile names the project folder its modules lie in)."""
    return Runtime(Trust.PROJECT)


@lru_cache(maxsize=1)
def user_runtime() -> Runtime:
    """The runtime of code the user names on the command line (one per process)."""
    return Runtime(Trust.USER)


def first_line(exc: Exception) -> str:
    """The first line of Saxon's message: what a person needs to read."""
    text = str(exc).strip()
    return text.splitlines()[0].strip() if text else type(exc).__name__
