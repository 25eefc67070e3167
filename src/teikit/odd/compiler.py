"""ODD to RELAX NG and ISO Schematron with the TEI Consortium's own stylesheets.

The chain is the Consortium's (``teianttasks.xml``, ``bin/teitorelaxng``): ``odd2odd.xsl``
expands the customisation against its source into a compiled ODD; ``odd2relax.xsl``
turns that into RELAX NG (with the ``constraintSpec``s embedded as Schematron);
``extract-isosch.xsl`` takes the ``constraintSpec``s out as an ISO Schematron schema.
They run in the user runtime (:func:`teikit.saxon.user_runtime`): they read the ODD,
its sources and their own modules from local files, never the network, and the debug
files ``odd2odd.xsl`` writes (``/tmp/odd2odd-pass0.xml``) are captured in memory.

Chaining: a ``@source`` that names another ODD that is not yet compiled (it still has
``moduleRef``s) is compiled first, the same way, and the ODD then draws on that.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from teikit.errors import InputError, SchemaError
from teikit.odd import check
from teikit.odd.consortium import EXTRACT_ISOSCH, ODD2ODD, ODD2RELAX, Consortium
from teikit.saxon import SaxonError, Stylesheet, user_runtime
from teikit.xmlio import TEI_NS, parse

T = f"{{{TEI_NS}}}"
#: how deep ODDs may chain (an ODD whose source is an ODD whose source is ...)
MAX_CHAIN = 8


@dataclass(frozen=True)
class Schemas:
    """What one ODD compiles to."""

    compiled: str      # the compiled ODD (odd2odd's output)
    relaxng: str       # RELAX NG, XML syntax
    schematron: str    # ISO Schematron (the constraintSpecs; no pattern when there are none)
    warnings: tuple[str, ...] = ()  # path:line:col: warning: ... (an XInclude's fallback used)


def compile_odd(path: str | Path, consortium: Consortium, *, selected: str | None = None,
                fixed_date: bool = False) -> Schemas:
    """Compile the ODD at *path* (see the module doc); InputError for bad input.

    *fixed_date*: stamp the schemas (RELAX NG and Schematron) 1970-01-01 instead of now,
    for files kept in git.
    """
    with tempfile.TemporaryDirectory(prefix="teikit-odd-") as scratch:
        warnings: list[str] = []
        compiled = _compiled(Path(path).resolve(), consortium, selected, Path(scratch), (),
                             warnings)
        runtime = user_runtime()
        document = runtime.parse_text(compiled, Path(path).resolve().as_uri())
        params = {"useFixedDate": "true"} if fixed_date else {}
        relaxng = _run(consortium, ODD2RELAX, document, params, path)
        schematron = _run(consortium, EXTRACT_ISOSCH, document, params, path)
    return Schemas(compiled, relaxng, schematron, tuple(warnings))


SCH_NS = "http://purl.oclc.org/dsdl/schematron"


def without_rules(relaxng: str) -> str:
    """*relaxng* without the Schematron odd2relax embeds in it (its ``sch:`` elements).

    For a schema whose rules are kept apart (``--schematron``): a validator that runs
    embedded rules (teikit's does) would otherwise run them twice, and embedded they lack
    the ``constraintDecl``'s lets, keys and functions that extract-isosch carries over.
    Only whole ``sch:`` elements go (with the white space before them), and the namespace
    declarations nothing uses any more; the rest is odd2relax's grammar as it wrote it.
    """
    root = parse(relaxng.encode("utf-8"), name="the compiled RELAX NG").getroot()
    found = list(root.iter(f"{{{SCH_NS}}}*"))
    if not found:
        return relaxng
    for element in found:
        if element.getparent() is None or etree.QName(element.getparent()).namespace == SCH_NS:
            continue
        parent, previous = element.getparent(), element.getprevious()
        if previous is not None:
            previous.tail = element.tail if _blank(previous.tail) else previous.tail
        elif _blank(parent.text):
            parent.text = element.tail
        parent.remove(element)
    etree.cleanup_namespaces(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="unicode") \
        + "\n"


def _blank(text: str | None) -> bool:
    return not text or not text.strip()


def _compiled(path: Path, consortium: Consortium, selected: str | None, scratch: Path,
              chain: tuple[Path, ...], warnings: list[str]) -> str:
    """odd2odd's output for the ODD at *path*, its uncompiled ODD sources compiled first."""
    odd = check.read_chained(path, chain, MAX_CHAIN)
    spec = odd.schema_spec(selected)
    for holder in spec.iter(etree.Element):
        value = holder.get("source") if etree.QName(holder).namespace == TEI_NS else None
        if value and not value.startswith("#") and _sources_specs(holder):
            target = check.local_source(odd, holder, value,
                                        f"{etree.QName(holder).localname}/@source")
            if not is_compiled(target):
                text = _compiled(target, consortium, None, scratch, chain + (path,), warnings)
                out = scratch / f"{len(list(scratch.iterdir()))}-{target.stem}.compiled.odd"
                out.write_text(text, encoding="utf-8")
                holder.set("source", out.as_uri())
    check.check(odd, consortium.source, selected)
    warnings.extend(odd.warnings)
    runtime = user_runtime()
    document = runtime.document(odd.tree, path.as_uri())
    params = {"defaultSource": consortium.source.as_uri()}
    if selected:
        params["selectedSchema"] = selected
    return _run(consortium, ODD2ODD, document, params, path)


def _sources_specs(element: etree._Element) -> bool:
    """Whether this element's @source names a TEI source (not an exemplum's bibliography)."""
    return etree.QName(element).localname in ("schemaSpec", "moduleRef", *check.REFS,
                                              *check.SPECS)


def is_compiled(path: Path) -> bool:
    """Whether *path* is a TEI source odd2odd can draw on as it is: p5subset.xml, or a
    compiled ODD (no reference left to expand in its schemaSpec)."""
    root = parse(path).getroot()
    for spec in root.iter(f"{T}schemaSpec"):
        refs = (f"{T}moduleRef", f"{T}specGrpRef", *(f"{T}{r}" for r in check.REFS))
        for ref in spec.iter(*refs):
            if etree.QName(ref).localname in ("moduleRef", "specGrpRef") or \
                    check._outside_content(ref, spec):
                return False
    return True


@lru_cache(maxsize=16)
def stylesheet(path: Path) -> Stylesheet:
    """One of the Consortium's stylesheets, compiled once per process; its xsl:messages
    are kept (for the error they explain) instead of printed."""
    try:
        compiled = user_runtime().compile_file(path)
    except SaxonError as exc:
        raise SchemaError(f"the TEI Consortium's {path.name} does not compile: {exc}") from None
    compiled.executable.set_save_xsl_message(True)
    return compiled


def _run(consortium: Consortium, relative: Path, document, params, odd_path) -> str:
    sheet = stylesheet(consortium.stylesheet(relative))
    sheet.executable.clear_xsl_messages()
    try:
        return sheet.transform(document, params)
    except SaxonError as exc:
        said = messages(sheet)
        reason = said[-1] if said else str(exc)
        raise InputError(f"the TEI Consortium's {relative.name} stopped: {reason}",
                         str(odd_path)) from None
    finally:
        sheet.executable.clear_xsl_messages()


def messages(sheet: Stylesheet) -> list[str]:
    """The xsl:message texts of the stylesheet's last run."""
    value = sheet.executable.get_xsl_messages()
    if value is None:
        return []
    return [" ".join(str(getattr(item, "string_value", item)).split()) for item in value]
