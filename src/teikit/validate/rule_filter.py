"""Keep only the Schematron rules that can fire on a run's documents.

tei_all.rng embeds 98 rules (196 asserts and reports) from the TEI Guidelines; most are
about elements an edition never uses (``elementSpec``, ``constraintSpec``, ``rt``…). A
rule fires only on a node its context matches, and that node is an element named in
the context (``tei:l//tei:p`` matches ``p`` elements), or, for a wildcard context
(``tei:*[@calendar]``), an element that carries the attribute the predicate asks for.
So a rule whose context names no element of the run, or whose wildcard context asks
only for attributes no document of the run carries, is dropped before Saxon compiles
the rules: the verdicts are the same, each document is checked by a few rules instead
of 98. A wildcard context with a negation (``*[not(@x)]``) is always kept.
"""

from __future__ import annotations

import copy
import re
from typing import Iterable

from lxml import etree

SCH = "{http://purl.oclc.org/dsdl/schematron}"
_ELEMENT_TEST = re.compile(r"(?<![@\w.:-])(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*|\*)(?=\s*(?:\[|/|\||\)|$))")
_ATTRIBUTE = re.compile(r"@(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
_AXIS_OR_FUNCTION = re.compile(r"[\w.-]+\s*(?:::|\()")
_LITERAL = re.compile(r"'[^']*'|\"[^\"]*\"")


def targets(context: str) -> frozenset[str] | None:
    """The element local names a rule *context* can match (None: any element)."""
    text = _LITERAL.sub("''", context)
    names = set(_ELEMENT_TEST.findall(_AXIS_OR_FUNCTION.sub(" ", _without_predicates(text))))
    return None if "*" in names or not names else frozenset(names)


def can_fire(context: str, elements: set[str], attributes: set[str] | None) -> bool:
    """Could a rule with this *context* match a node of documents that use these element
    and attribute local names (*attributes* None: not known)? False only when it
    certainly cannot."""
    text = _LITERAL.sub("''", context)
    steps = _AXIS_OR_FUNCTION.sub(" ", _without_predicates(text))
    names = set(_ELEMENT_TEST.findall(steps))
    wildcard = "*" in names or not names
    if not wildcard:
        return bool(names & elements)
    if "not(" in text.replace(" ", "") or attributes is None:
        return True
    wanted = set(_ATTRIBUTE.findall(text))
    named = names - {"*"}
    return (not wanted or bool(wanted & attributes)) or bool(named & elements)


def _without_predicates(text: str) -> str:
    """*text* without its ``[…]`` predicates: what is left names the nodes it matches."""
    out, depth = [], 0
    for char in text:
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(depth - 1, 0)
        elif depth == 0:
            out.append(char)
    return "".join(out)


def applicable(schema: etree._Element, elements: Iterable[str],
               attributes: Iterable[str] | None) -> etree._Element | None:
    """A copy of the Schematron *schema* without the rules that cannot fire (and without
    the patterns left empty); None when no rule is left."""
    elements = set(elements)
    attributes = None if attributes is None else set(attributes)
    kept = copy.deepcopy(schema)
    for rule in list(kept.iter(SCH + "rule")):
        context = rule.get("context")
        if context and not can_fire(context, elements, attributes):
            rule.getparent().remove(rule)
    for pattern in list(kept.iter(SCH + "pattern")):
        if pattern.find(SCH + "rule") is None:
            pattern.getparent().remove(pattern)
    return kept if kept.find(SCH + "pattern") is not None else None
