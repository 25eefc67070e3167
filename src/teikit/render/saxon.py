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
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from lxml import etree

from teikit import xmlio
from teikit.errors import InputError, SchemaError, TeikitError
from teikit.saxon import PolicyError, Runtime, SaxonError, Stylesheet, project_runtime
from teikit.saxon.policy import XSL_NS

#: the environment variable naming an edition's rules file (set by ``teikit render
#: --rules`` and by the edition's ``teikit.toml``; spawned workers inherit it)
RULES_ENV = "TEIKIT_RULES"
#: the module every stylesheet that renders TEI text imports: the rules
RULES_MODULE = "rules.xsl"

#: a stylesheet with an edition's rules above the project's: the later import wins
_WITH_RULES = """<?xml version="1.0" encoding="UTF-8"?>
<!-- written by teikit.render.saxon: {base_name} with the rules of {rules_name} above its own -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
{imports}
</xsl:stylesheet>
"""

#: below an edition's rules written in XSLT: it may render any element as a page break
#: (html.xsl then passes every page through common/page-markers.xsl), unless it declares
#: tk:page-breaks itself, as the modules compiled from an ODD do (teikit.render.pm_xslt)
_ANY_PAGE_BREAK = """<?xml version="1.0" encoding="UTF-8"?>
<!-- written by teikit.render.saxon: an edition's XSLT rules may make any element a page break -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:tk="urn:teikit">
  <xsl:function name="tk:page-breaks" as="element()*">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="$root//*"/>
  </xsl:function>
</xsl:stylesheet>
"""


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


def rules_file() -> Path | None:
    """The edition's rules file now ($TEIKIT_RULES), or None: read at each call, like
    :func:`xslt_dir`."""
    configured = os.environ.get(RULES_ENV)
    return Path(configured).resolve() if configured else None


def compile_stylesheet(name: str) -> Stylesheet:
    """Compile ``xslt/<name>`` once per process; raise :class:`SchemaError` if it cannot be.

    The compiled stylesheet is cached by its resolved path, so another stylesheet
    directory never gets the executable compiled from the first one. Before compiling,
    :mod:`teikit.saxon.policy` refuses a module outside the project, or one that reads
    a file, an environment variable or writes a result document. When an edition names
    a rules file (:func:`rules_file`) and the stylesheet renders TEI text (it imports
    ``common/rules.xsl``), the edition's rules are imported above the project's
    (:func:`_compile_with_rules`): the same policy applies to them.
    """
    directory = xslt_dir().resolve()
    path, rules = (directory / name).resolve(), rules_file()
    if rules is not None and applies_rules(path):
        return _compile_with_rules(path, directory.parent, rules, _stamp(rules))
    return _compile(path, directory.parent)


def _stamp(path: Path) -> tuple:
    """When *path* last changed and its size: an edited rules file is compiled again (an
    ODD's, with every ODD of its chain: :func:`rules_chain`)."""
    if path.suffix == ".odd":
        return tuple(map(_file_stamp, rules_chain(path)))
    return _file_stamp(path)


#: rules ODD -> (the stamps of its chain's files when it was read, those files)
_CHAINS: dict[Path, tuple[tuple, tuple[Path, ...]]] = {}


def rules_chain(path: Path) -> tuple[Path, ...]:
    """The ODDs an edition's rules ODD at *path* is made of: the ODDs it chains to (the
    project's rules ODD among them), source first, and itself. Read again only when one
    of the files read last time changed (an edit can change the chain itself); an ODD
    that cannot be read yet counts with the project's, and its error is reported when
    the rules are compiled."""
    from teikit.render.pm import load, project_odd
    key = Path(path).resolve()
    known = _CHAINS.get(key)
    if known is not None and tuple(map(_file_stamp, known[1])) == known[0]:
        return known[1]
    try:
        files = tuple(load(key, xslt_dir()).files)
    except TeikitError:
        return (project_odd(xslt_dir()), key)
    _CHAINS[key] = (tuple(map(_file_stamp, files)), files)
    return files


def _file_stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (0, -1)
    return (stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=None)
def applies_rules(path: Path) -> bool:
    """True when the stylesheet at *path* imports (at any depth) ``common/rules.xsl``."""
    seen: set[Path] = set()
    todo = [path]
    while todo:
        module = todo.pop()
        if module in seen or not module.is_file():
            continue
        seen.add(module)
        if module.name == RULES_MODULE and module.parent.name == "common":
            return True
        root = xmlio.parse(module).getroot()
        todo.extend((module.parent / e.get("href", "")).resolve()
                    for e in root.iter(f"{{{XSL_NS}}}import", f"{{{XSL_NS}}}include"))
    return False


@lru_cache(maxsize=None)
def _compile_with_rules(path: Path, project: Path, rules: Path, stamp: tuple) -> Stylesheet:
    """*path* with the edition's *rules* imported after it (so they win), compiled (once per
    *stamp* of the rules file).

    The rules are an XSLT module, or a processing-model ODD (:mod:`teikit.render.pm`)
    compiled here to one (which says which elements its rules render as page breaks; an
    XSLT module is taken to make any element one, :data:`_ANY_PAGE_BREAK`). The imports
    (and the modules written for them) are written into a private temporary folder,
    removed once Saxon has compiled them; the rules' folder is one the modules may be read
    from, and the rules are confined code like the project's own (no reads, no result
    documents).
    """
    if not rules.is_file():
        raise SchemaError(f"{rules}: the edition's rules file does not exist")
    from teikit.render.pm_xslt import locate, rules_module
    folder = Path(tempfile.mkdtemp(prefix="teikit-rules-"))
    odd = is_rules_odd(rules)
    try:
        modules = [path, rules]
        if odd:
            modules[1] = folder / "edition-rules.xsl"
            modules[1].write_text(rules_module(rules, xslt_dir().resolve(), edition=True), "utf-8")
        else:
            modules.insert(1, folder / "any-page-break.xsl")
            modules[1].write_text(_ANY_PAGE_BREAK, "utf-8")
        imports = "\n".join(f'  <xsl:import href="{os.path.relpath(m, folder)}"/>' for m in modules)
        wrapper = folder / path.name
        wrapper.write_text(_WITH_RULES.format(base_name=path.name, rules_name=rules.name,
                                              imports=imports), "utf-8")
        return project_runtime().compile_file(wrapper, roots=[project, folder, rules.parent])
    except (SaxonError, PolicyError) as exc:
        located = locate(rules, xslt_dir().resolve()) if odd and isinstance(exc, SaxonError) else None
        if located is not None:
            raise located from None
        raise SchemaError(f"{rules}: cannot compile the edition's rules with {path.name}: {exc}") from None
    except InputError:
        raise
    except TeikitError as exc:   # the rules file is not well-formed XML
        raise SchemaError(f"{rules}: cannot read the edition's rules: {exc}") from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def is_rules_odd(rules: Path) -> bool:
    """Whether the edition's rules file is an ODD (a TEI document), not an XSLT module."""
    if rules.suffix == ".odd":
        return True
    try:
        return etree.QName(xmlio.parse(rules).getroot()).namespace == xmlio.TEI_NS
    except TeikitError:
        return False


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


def text_to_xdm(text: str, base_uri: str | None = None):
    """A document's own text (:func:`teikit.xmlio.plain_text`: no DOCTYPE, so nothing to
    fetch) as a Saxon document node; None when Saxon cannot read it (not well-formed):
    the caller then parses it with :func:`teikit.xmlio.parse`, which says where."""
    try:
        return runtime().parse_text(text, base_uri)
    except SaxonError:
        return None


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
