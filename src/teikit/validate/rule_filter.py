"""Keep only the Schematron rules that can fire on a run's documents.

tei_all.rng embeds 98 rules (196 asserts and reports) from the TEI Guidelines; most are
about elements an edition never uses (``elementSpec``, ``constraintSpec``, ``rt``…). A
rule fires only on a node its context matches, and that node is an element named in
the context (``tei:l//tei:p`` matches ``p`` elements), or, for a wildcard context
(``tei:*[@calendar]``), an element that carries the attribute the predicate asks for.
So a rule whose context names no element of the run, or whose every branch needs an
attribute no document of the run carries (:func:`required_attributes`), is dropped
before Saxon compiles the rules: the verdicts are the same, each document is checked by
a few rules instead of 98. A wildcard context whose predicate says anything else
(``*[not(@x)]``, ``*[@x or @y]``) is always kept.

Per document, rule_precheck asks the same of the document's own names, and does not
evaluate a rule that cannot match any node of it.
"""

from __future__ import annotations

import copy
import re
from typing import Iterable

from lxml import etree

SCH = "{http://purl.oclc.org/dsdl/schematron}"
_ELEMENT_TEST = re.compile(r"(?<![@\w.:-])(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*|\*)(?=\s*(?:\[|/|\||\)|$))")
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
    certainly cannot: it names elements none of which occur, or each branch of it needs
    an attribute that does not occur (:func:`required_attributes`)."""
    names = targets(context)
    if names is not None and not names & elements:
        return False
    needs = None if attributes is None else required_attributes(context)
    return needs is None or any(branch <= attributes for branch in needs)


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


#: a predicate part that is false on an element without the attribute it names: ``@x``,
#: ``@x = 'v'`` / ``@x eq 'v'`` (compared with nothing: false, or the empty sequence),
#: ``starts-with(@x, 'v')``, ``contains(@x, 'v')``, ``ends-with(@x, 'v')`` with a
#: non-empty literal (false on the empty string)
_NEEDS_ATTRIBUTE = re.compile(
    r"""\s*(?:@(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)"""
    r"""(?:\s*(?:=|eq)\s*(?:'[^']*'|"[^"]*"))?"""
    r"""|(?:starts-with|contains|ends-with)\(\s*@(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)"""
    r"""\s*,\s*(?:'[^']+'|"[^"]+")\s*\))\s*""")


def required_attributes(context: str) -> list[frozenset[str]] | None:
    """For each branch of a rule *context* (a union), the attribute local names one of its
    steps' predicates requires of the node that step selects; None when some branch
    requires none (then any document may match). A document that lacks a required
    attribute of every branch has no node the context matches.

    Only a predicate, or a top-level ``and`` conjunct of one, of the forms listed at
    ``_NEEDS_ATTRIBUTE`` counts: whatever else a step says (positional predicates,
    ``or``, functions), that part is still false on an element without the attribute.
    """
    found = []
    for branch in top_level(" ".join(context.split()), "|"):
        needed = {name for predicate in _predicates(branch)
                  for part in top_level(predicate, " and ") for name in _needs(part)}
        if not needed:
            return None
        found.append(frozenset(needed))
    return found or None


def _needs(part: str) -> tuple[str, ...]:
    """The attribute a predicate *part* is false without (none, or one)."""
    match = _NEEDS_ATTRIBUTE.fullmatch(part)
    return tuple(name for name in match.groups() if name) if match else ()


def _predicates(branch: str) -> list[str]:
    """The ``[…]`` predicates of the steps of a path *branch* (not those nested inside a
    predicate or a parenthesised expression), as their text."""
    found, depth, parens, start = [], 0, 0, 0
    for i, char in unquoted(branch):
        if char == "(":
            parens += 1
        elif char == ")":
            parens -= 1
        elif char == "[":
            if depth == 0 and parens == 0:
                start = i + 1
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0 and parens == 0:
                found.append(branch[start:i])
    return found


def unquoted(expression: str):
    """(index, character) of each character of an XPath *expression* outside its string
    literals (their quotes left out too)."""
    quote = None
    for i, char in enumerate(expression):
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        else:
            yield i, char


def top_level(expression: str, separator: str) -> list[str]:
    """*expression* split at each *separator* not inside brackets, parentheses or quotes."""
    parts, depth, start = [], 0, 0
    for i, char in unquoted(expression):
        if i < start:
            continue  # inside the separator just cut
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif depth == 0 and expression.startswith(separator, i):
            parts.append(expression[start:i])
            start = i + len(separator)
    parts.append(expression[start:])
    return parts
