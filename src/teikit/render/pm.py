"""The rendering rules as a TEI processing model: read an ODD's models, chained to its sources.

The project's rules are ``schemas/teikit-render.odd``: one ``elementSpec`` per TEI element,
its ``model``s (``modelSequence``, ``modelGrp``) saying which behaviour the element becomes
(see docs/rendering.md). An edition changes a few of them with an ODD of its own whose
``schemaSpec/@source`` names the ODD it changes (a local path, or ``teikit:render`` for the
project's rules; without ``@source``, the ODD given to ``--rules`` changes the project's).
:func:`load` follows that chain, the source first, and applies each ODD's ``elementSpec``s
(those of its ``schemaSpec``, then those of its ``specGrp``s: the project's rules for
elements its schema does not have are there, where the schema compiler leaves them out)
as ODD chaining does: an ``elementSpec`` holding models replaces the models of its element,
one in mode ``delete`` removes them, any other keeps them. An ODD with no models (the
schema's own ``teikit.odd``) ends the chain.

Every behaviour and parameter is checked against what the behaviour modules implement
(:mod:`teikit.render.pm_xslt` turns the result into XSLT), and every XPath expression
against the policy of confined code; a problem is an :class:`InputError` at the
file:line:column of the ODD that says it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from teikit.odd import check
from teikit.saxon.policy import XSL_NS, PolicyError, check_expression
from teikit.xmlio import TEI_NS, parse

T = f"{{{TEI_NS}}}"
#: the ``@source`` that names the project's rules ODD
PROJECT_SOURCE = "teikit:render"
#: the elementSpec whose models apply to every element (teikit's extension)
ANY_ELEMENT = "anyElement"
#: how deep rules ODDs may chain
MAX_CHAIN = 8
#: TEI behaviours told apart by a parameter: (behaviour, parameter) -> {literal: template}
DISPATCH = {("break", "type"): {"page": "page-break", "line": "line-break"},
            ("note", "place"): {"inline": "remark", None: "note"}}
MODELS = (f"{T}model", f"{T}modelSequence", f"{T}modelGrp")


@dataclass(frozen=True)
class Call:
    """One behaviour called with its parameters (name, XPath), when *predicate* holds."""

    template: str | None          # the b: template's local name; None: omit
    params: tuple[tuple[str, str], ...]
    predicate: str | None = None


@dataclass(frozen=True)
class Alternative:
    """One way to render an element: used when *predicate* holds (None: always)."""

    predicate: str | None
    calls: tuple[Call, ...]


@dataclass
class Rules:
    """The processing model: element ident -> its alternatives, in the order they are tried."""

    specs: dict[str, list[Alternative]] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)   # the ODDs of the chain, source first


def project_odd(xslt_dir: Path) -> Path:
    """The project's rules ODD, beside the stylesheets (``schemas/`` of the checkout or of
    the installed package's data); for a copy of ``xslt/`` alone (``TEIKIT_XSLT_DIR``), the
    one beside teikit's own stylesheets."""
    beside = xslt_dir.parent / "schemas" / "teikit-render.odd"
    if beside.is_file():
        return beside
    from teikit.render.saxon import XSLT_DIR
    return XSLT_DIR.parent / "schemas" / "teikit-render.odd"


def behaviours(xslt_dir: Path) -> dict[str, frozenset[str]]:
    """What every output implements: b: template -> the parameters all outputs declare.

    Read from ``common/behaviours-*.xsl`` (each output's module) and ``common/rules-core.xsl``
    (the behaviours the rules themselves implement, for every output).
    """
    common = xslt_dir / "common"
    shared = _templates(common / "rules-core.xsl")
    found: dict[str, frozenset[str]] | None = None
    for module in sorted(common.glob("behaviours-*.xsl")):
        templates = _templates(module)
        found = templates if found is None else {
            name: params & templates[name] for name, params in found.items() if name in templates}
    return {**(found or {}), **shared}


def _templates(path: Path) -> dict[str, frozenset[str]]:
    root = parse(path).getroot()
    return {t.get("name")[2:]: frozenset(p.get("name") for p in t.findall(f"{{{XSL_NS}}}param")
                                         if p.get("tunnel") != "yes")
            for t in root.iter(f"{{{XSL_NS}}}template") if (t.get("name") or "").startswith("b:")}


def load(path: Path, xslt_dir: Path) -> Rules:
    """The rules of the ODD at *path*, applied over the ODDs it chains to."""
    known = behaviours(xslt_dir)
    return _load(Path(path).resolve(), project_odd(xslt_dir).resolve(), known, (), top=True)


def _load(path: Path, project: Path, known: dict, chain: tuple[Path, ...], top: bool) -> Rules:
    odd = check.read_chained(path, chain, MAX_CHAIN, "rules ODD")
    spec = odd.schema_spec()
    base = _base(odd, spec, project, known, chain + (path,), top)
    rules = Rules(dict(base.specs), base.files + [path])
    groups = odd.tree.getroot().iter(f"{T}specGrp")
    for element in [*spec.iter(f"{T}elementSpec"), *(e for g in groups for e in g.iter(f"{T}elementSpec"))]:
        ident = element.get("ident", "")
        if element.get("mode") == "delete":
            rules.specs.pop(ident, None)
        elif any(child.tag in MODELS for child in element):
            rules.specs[ident] = _alternatives(odd, element, known)
    return rules


def _base(odd: check.Odd, spec: etree._Element, project: Path, known: dict,
          chain: tuple[Path, ...], top: bool) -> Rules:
    """The rules this ODD changes: those of its @source (the project's by default)."""
    value = spec.get("source")
    if value == PROJECT_SOURCE or (value is None and top and odd.path.resolve() != project):
        return _load(project, project, known, chain, top=False)
    if value is None or value.startswith("tei:"):
        return Rules()            # TEI itself: no processing model of teikit's
    source = check.local_source(odd, spec, value, "schemaSpec/@source")
    if not _has_models(source):
        return Rules()            # a schema ODD (teikit.odd): the chain ends here
    return _load(source, project, known, chain, top=False)


def _has_models(path: Path) -> bool:
    root = parse(path).getroot()
    return next(root.iter(*MODELS), None) is not None


# ------------------------------------------------------------------ one elementSpec's models
def _alternatives(odd: check.Odd, spec: etree._Element, known: dict) -> list[Alternative]:
    """The models of *spec*, in order: a model or a modelSequence is one alternative; a
    modelGrp's children are alternatives of their own."""
    found = []
    for child in spec:
        if child.tag == f"{T}modelGrp":
            _refuse_output(odd, child)
            found.extend(_alternative(odd, c, known) for c in child if c.tag in MODELS[:2])
        elif child.tag in MODELS:
            found.append(_alternative(odd, child, known))
    return found


def _alternative(odd: check.Odd, model: etree._Element, known: dict) -> Alternative:
    _refuse_output(odd, model)
    predicate = _expression(odd, model, "predicate")
    if model.tag == f"{T}modelSequence":
        calls = tuple(_call(odd, m, known, _expression(odd, m, "predicate"))
                      for m in model.iter(f"{T}model"))
        return Alternative(predicate, calls)
    return Alternative(predicate, (_call(odd, model, known, None),))


def _refuse_output(odd: check.Odd, model: etree._Element) -> None:
    if model.get("output"):
        raise odd.error(model, "teikit's rules are the same for every output: @output is not "
                        "supported (an output differs in its behaviour module)", "output")
    rendition = model.find(f"{T}outputRendition")
    if rendition is not None:
        raise odd.error(rendition, "outputRendition is not supported: what a behaviour looks "
                        "like is decided by its behaviour module and the CSS")


def _call(odd: check.Odd, model: etree._Element, known: dict, predicate: str | None) -> Call:
    """The behaviour template *model* calls, with its parameters."""
    _refuse_output(odd, model)
    behaviour = model.get("behaviour")
    if not behaviour:
        raise odd.error(model, "a model needs a @behaviour")
    params = [(p.get("name", ""), _expression(odd, p, "value") or "()", p)
              for p in model.findall(f"{T}param")]
    if model.get("cssClass"):
        params.append(("class", "'" + model.get("cssClass").replace("'", "''") + "'", model))
    if behaviour == "omit":
        if params:
            raise odd.error(params[0][2], "behaviour omit takes no parameter", "name")
        return Call(None, (), predicate)
    template, params = _template(odd, model, behaviour, params)
    if template not in known:
        raise odd.error(model, f"unknown behaviour {behaviour!r}: every output implements "
                        + ", ".join(sorted(_names(known))), "behaviour")
    for name, _value, element in params:
        if name not in known[template]:
            accepted = ", ".join(sorted(known[template])) or "none"
            raise odd.error(element, f"behaviour {behaviour!r} has no parameter {name!r} "
                            f"(it takes: {accepted})", "name")
    return Call(template, tuple((n, v) for n, v, _e in params), predicate)


def _template(odd, model, behaviour: str, params: list) -> tuple[str, list]:
    """The template name of *behaviour*: TEI's camelCase as teikit's kebab-case
    (listItem: list-item), and break/note told apart by their parameter."""
    for (name, param), choices in DISPATCH.items():
        if behaviour != name:
            continue
        given = [p for p in params if p[0] == param]
        literal = _literal(given[0][1]) if given else None
        if literal not in choices:
            where = given[0][2] if given else model
            raise odd.error(where, f"behaviour {name!r} needs the parameter {param!r}, one of "
                            + ", ".join(repr(c) for c in choices if c), "value" if given else None)
        return choices[literal], [p for p in params if p[0] != param]
    return re.sub(r"[A-Z]", lambda m: "-" + m.group(0).lower(), behaviour), params


def _names(known: dict) -> list[str]:
    """The behaviour names an ODD may use (TEI's spelling)."""
    names = {re.sub(r"-([a-z])", lambda m: m.group(1).upper(), t) for t in known}
    names -= {"pageBreak", "lineBreak", "remark"}
    return sorted(names | {"break", "omit"})


def _literal(expression: str) -> str | None:
    found = re.fullmatch(r"\s*(?:'([^']*)'|\"([^\"]*)\")\s*", expression)
    return (found.group(1) if found.group(1) is not None else found.group(2)) if found else None


def _expression(odd: check.Odd, element: etree._Element, attribute: str) -> str | None:
    """The XPath of *element*'s *attribute*, checked as confined code (it becomes XSLT)."""
    value = element.get(attribute)
    if value is None:
        return None
    if not value.strip():
        raise odd.error(element, f"an empty @{attribute}", attribute)
    try:
        check_expression(value, str(odd.path), attribute)
    except PolicyError as exc:
        raise odd.error(element, str(exc).split(": ", 1)[-1], attribute) from None
    return _squeeze(value)


def _squeeze(expression: str) -> str:
    """*expression* on one line: runs of whitespace outside string literals become a space."""
    parts = re.split(r"('[^']*'|\"[^\"]*\")", expression)
    return "".join(part if i % 2 else re.sub(r"\s+", " ", part)
                   for i, part in enumerate(parts)).strip()
