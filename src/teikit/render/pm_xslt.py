"""The processing model (:mod:`teikit.render.pm`) compiled to XSLT 3.0: the rules module.

Each alternative of an element becomes one template in mode ``tk:text`` that matches the
element (``ident[predicate]``) and calls its behaviours (``b:*``, with ``xsl:with-param`` for
each ``param``); the priorities keep the ODD's order (the first model that holds wins) and
put the models of ``anyElement`` before every element's own. Predicates and values are
written as they are, with TEI as the default element namespace
(``xpath-default-namespace``), so ``parent::list`` means ``parent::tei:list``.

- The project's module, ``xslt/common/rules.xsl``, is generated from
  ``schemas/teikit-render.odd`` and committed (``python -m teikit.render.pm_xslt``; a test
  fails when it drifts): the stylesheets stay a folder of plain XSLT that any XSLT tool, an
  install and ``TEIKIT_XSLT_DIR`` use as it is, and rendering compiles nothing more.
- An edition's module (``--rules my-rules.odd``) is generated when its stylesheets are
  compiled (:func:`teikit.render.saxon.compile_stylesheet`), holds the whole chained rule
  set and a last rule that shows the text of an element none of its models matches, and is
  imported above the project's rules, so the project's never show through.

When Saxon cannot compile a module generated from an ODD, :func:`locate` compiles each of
the ODD's expressions alone and names the one at fault, at its file:line:column.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from lxml import etree

from teikit.errors import InputError, TeikitError
from teikit.odd import check
from teikit.render.pm import ANY_ELEMENT, T, Alternative, Rules, load, project_odd
from teikit.saxon import SaxonError, project_runtime
from teikit.saxon.policy import XSL_NS
from teikit.xmlio import TEI_NS

XSL = f"{{{XSL_NS}}}"
NSMAP = {"xsl": XSL_NS, "xs": "http://www.w3.org/2001/XMLSchema", "tei": TEI_NS,
         "tk": "urn:teikit", "b": "urn:teikit:behaviour"}
HEADER = """
  xslt/common/rules.xsl - THE rules: what each TEI element becomes, for every output.

  GENERATED from {source} by teikit.render.pm_xslt: do not edit; change the ODD and run
      python -m teikit.render.pm_xslt
  (tests/test_render_pm.py fails when this file and the ODD differ).

  Where it sits in the pipeline: imported by common/behaviours-html.xsl (xslt/html.xsl) and
  common/behaviours-print.xsl (xslt/print.xsl). Each output applies mode tk:text to the parts
  of a document it shows; each template here matches a TEI element (one model of its
  elementSpec: name, context and attributes) and calls its behaviours, named templates in
  the b: namespace that each behaviour module implements. The text nodes' rules and b:body
  are in common/rules-core.xsl; the functions the predicates call in common/tei-facts.xsl.
  An element without a rule shows its text (the mode's on-no-match="text-only-copy").
  Last, tk:page-breaks($root): the elements some rule renders as a page break (html.xsl
  writes a page without them straight out, with no pass to move page markers).
"""


def generate(rules: Rules, source: str, *, edition: bool = False) -> str:
    """The XSLT module of *rules* (read from the ODD *source*); *edition*: a module imported
    above the project's rules (no imports; a last rule shields the project's)."""
    root = etree.Element(f"{XSL}stylesheet", nsmap=NSMAP, version="3.0")
    root.set("exclude-result-prefixes", "#all")
    root.set("xpath-default-namespace", TEI_NS)
    if edition:
        root.append(etree.Comment(f" an edition's rendering rules, GENERATED from {source} "
                                  "by teikit.render.pm_xslt "))
    else:
        root.append(etree.Comment(HEADER.format(source=source)))
        for module in ("tei-facts.xsl", "rules-core.xsl"):
            etree.SubElement(root, f"{XSL}import", href=module)
    first = max((len(a) for i, a in rules.specs.items() if i != ANY_ELEMENT), default=0)
    if ANY_ELEMENT in rules.specs:
        _element(root, ANY_ELEMENT, "*", rules.specs[ANY_ELEMENT], first)
    for ident, alternatives in rules.specs.items():
        if ident != ANY_ELEMENT:
            _element(root, ident, ident, alternatives, 0)
    _page_breaks(root, rules)
    if edition:
        root.append(etree.Comment(" an element none of these rules matches shows its text "))
        shield = etree.SubElement(root, f"{XSL}template", match="*", mode="tk:text",
                                  priority="-1")
        etree.SubElement(shield, f"{XSL}apply-templates", mode="#current")
    etree.indent(root, space="  ")
    text = etree.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"


def _element(root: etree._Element, ident: str, pattern: str,
             alternatives: list[Alternative], above: int) -> None:
    """The templates of one elementSpec, the first model with the highest priority."""
    root.append(etree.Comment(f" {ident} "))
    for n, alternative in enumerate(alternatives):
        match = f"{pattern}[{alternative.predicate}]" if alternative.predicate else pattern
        template = etree.SubElement(root, f"{XSL}template", match=match, mode="tk:text",
                                    priority=str(above + len(alternatives) - n))
        for call in alternative.calls:
            holder = template
            if call.predicate:
                holder = etree.SubElement(template, f"{XSL}if", test=call.predicate)
            if call.template is None:
                continue            # omit
            called = etree.SubElement(holder, f"{XSL}call-template", name=f"b:{call.template}")
            for name, value in call.params:
                etree.SubElement(called, f"{XSL}with-param", name=name, select=value)


#: the behaviour that writes a page marker, which html.xsl's marker pass moves (page-markers.xsl)
PAGE_BREAK = "page-break"


def _page_breaks(root: etree._Element, rules: Rules) -> None:
    """``tk:page-breaks($root)``: the elements of a document that some rule may render as a
    page break. html.xsl writes a page with none straight out, without the passes over the
    rendered page that move page markers (a third of a page's time)."""
    names = sorted({"*" if ident == ANY_ELEMENT else ident for ident, alternatives in rules.specs.items()
                    if any(call.template == PAGE_BREAK for a in alternatives for call in a.calls)})
    root.append(etree.Comment(" the elements a rule may render as a page break (html.xsl) "))
    function = etree.SubElement(root, f"{XSL}function", name="tk:page-breaks", **{"as": "element()*"})
    etree.SubElement(function, f"{XSL}param", name="root", **{"as": "node()"})
    etree.SubElement(function, f"{XSL}sequence",
                     select=f"$root//({' | '.join(names)})" if names else "()")


def rules_module(path: Path, xslt_dir: Path, *, edition: bool = False) -> str:
    """The rules module of the ODD at *path* (its chain followed), as XSLT text."""
    rules = load(path, xslt_dir)
    source = os.path.relpath(path, xslt_dir.parent) if not edition else Path(path).name
    return generate(rules, Path(source).as_posix(), edition=edition)


# ------------------------------------------------------------------ placing Saxon's errors
PROBE = """<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit" xpath-default-namespace="http://www.tei-c.org/ns/1.0">
  <xsl:import href="{facts}"/>
</xsl:stylesheet>
"""


def verify(path: Path, xslt_dir: Path) -> None:
    """Refuse the edition's rules ODD at *path* before anything is rendered: a behaviour or
    parameter no output has, an expression the policy forbids (:func:`rules_module`), or
    one of its own expressions that does not compile (one Saxon compile for all of them;
    on failure, one per expression to name it). InputError at its file:line:column."""
    rules_module(path, xslt_dir, edition=True)
    odd = check.read(path)
    found = list(_expressions(odd))
    with tempfile.TemporaryDirectory(prefix="teikit-pm-") as folder:
        if found and _probe(found, Path(folder), xslt_dir):
            error = _first_failing(odd, found, Path(folder), xslt_dir)
            if error is not None:
                raise error


def locate(path: Path, xslt_dir: Path) -> InputError | None:
    """The first expression of the rules ODD at *path* (its own first, then its sources')
    that Saxon cannot compile, as an error at its file:line:column; None if all compile."""
    with tempfile.TemporaryDirectory(prefix="teikit-pm-") as folder:
        for file in reversed(load(path, xslt_dir).files):
            odd = check.read(file)
            error = _first_failing(odd, list(_expressions(odd)), Path(folder), xslt_dir)
            if error is not None:
                return error
    return None


def _expressions(odd: check.Odd):
    """(element, attribute, XPath) of every predicate and parameter value of *odd*."""
    for element in odd.tree.getroot().iter(f"{T}model", f"{T}modelSequence", f"{T}param"):
        for attribute in ("predicate", "value"):
            if element.get(attribute):
                yield element, attribute, element.get(attribute)


def _first_failing(odd: check.Odd, found: list, folder: Path,
                   xslt_dir: Path) -> InputError | None:
    for element, attribute, expression in found:
        reason = _probe([(element, attribute, expression)], folder, xslt_dir)
        if reason:
            return odd.error(element, f"{attribute} {' '.join(expression.split())!r} does "
                             f"not compile: {reason}", attribute)
    return None


def _probe(found: list, folder: Path, xslt_dir: Path) -> str | None:
    """Saxon's complaint about the expressions *found* (in one stylesheet), or None."""
    facts = os.path.relpath(xslt_dir / "common" / "tei-facts.xsl", folder)
    root = etree.fromstring(PROBE.format(facts=facts).encode("utf-8"))
    for n, (_element, attribute, expression) in enumerate(found):
        template = etree.SubElement(root, f"{XSL}template", mode=f"probe{n}")
        if attribute == "predicate":
            template.set("match", f"*[{expression}]")
        else:
            template.set("match", "*")
            etree.SubElement(template, f"{XSL}sequence", select=expression)
    probe = folder / "probe.xsl"
    probe.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    try:
        project_runtime().compile_file(probe, roots=[xslt_dir.parent, folder])
    except SaxonError as exc:
        lines = [" ".join(line.split()) for line in (exc.detail or str(exc)).splitlines()]
        return ([line for line in lines[1:] if line] or lines)[-1]
    return None


def write(odd: Path, xslt_dir: Path, out: Path) -> None:
    """Write the project's rules module for *odd* to *out* (a temporary file, then renamed)."""
    text = rules_module(odd, xslt_dir)
    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=".rules-", suffix=".xsl")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(temporary, out)


def main(argv: list[str] | None = None) -> int:
    """``python -m teikit.render.pm_xslt [ODD [OUT]]``: regenerate ``xslt/common/rules.xsl``."""
    from teikit.render.saxon import xslt_dir
    args = sys.argv[1:] if argv is None else argv
    directory = xslt_dir()
    odd = Path(args[0]) if args else project_odd(directory)
    out = Path(args[1]) if len(args) > 1 else directory / "common" / "rules.xsl"
    try:
        write(odd, directory, out)
    except TeikitError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {out} from {odd}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
