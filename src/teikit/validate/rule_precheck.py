"""Ask libxml2 first whether any Schematron rule can fail on a document; run Saxon only then.

Handing a document to Saxon (lxml serialises it, Saxon parses it) and running the rules
costs more than the RELAX NG check of it. The rules embedded in TEI schemas are mostly
XPath 1.0 as well as 3.0 (``tei:*[@when]`` reports ``@notBefore|@notAfter|@from|@to``;
``tei:div`` reports ``(ancestor::tei:p or ancestor::tei:ab) and not(...)``), so libxml2
can evaluate each check over the whole document in one expression:
``(//context)[not(test)]`` for an assert, ``(//context)[test]`` for a report. When none
selects a node, no rule fails and Saxon is not called. Any rule libxml2 cannot evaluate
(XPath 2 syntax, a function it lacks, a ``let`` variable) counts as "may fail" as soon as
its context matches, or always when the context itself cannot be read; so Saxon still
decides every document on which a rule could fail, and writes every message.
"""

from __future__ import annotations

import re

from lxml import etree

SCH = "{http://purl.oclc.org/dsdl/schematron}"


class Precheck:
    """The checks of one Schematron schema (an ``sch:schema`` element) as XPath 1.0."""

    def __init__(self, schema: etree._Element) -> None:
        self.namespaces = {k: v for k, v in schema.nsmap.items() if k}
        for ns in schema.iter(SCH + "ns"):
            self.namespaces[ns.get("prefix")] = ns.get("uri")
        self.always = schema.find(SCH + "let") is not None
        self.checks: list[etree.XPath | None] = []
        for rule in schema.iter(SCH + "rule"):
            self.checks.extend(self._rule(rule))

    def _rule(self, rule: etree._Element) -> list[etree.XPath | None]:
        context = self._selection(rule.get("context") or "")
        if context is None:
            return [None]
        if rule.find(SCH + "let") is not None:
            return [context]  # its tests use variables: may fail wherever it applies
        found = []
        for check in rule:
            if check.tag not in (SCH + "assert", SCH + "report"):
                continue
            test = check.get("test") or "true()"
            predicate = f"not({test})" if check.tag == SCH + "assert" else f"({test})"
            found.append(self._xpath(f"({context.path})[{predicate}]") or context)
        return found

    def _selection(self, context: str) -> etree.XPath | None:
        # a context only selects: value comparisons (eq, gt …) may read as general ones,
        # which select at least the same nodes
        context = _VALUE_COMPARISON.sub(lambda m: _GENERAL[m.group(1)], context.strip())
        if context.startswith("/"):
            return self._xpath(context)
        return self._xpath(_rooted(context))

    def _xpath(self, expression: str) -> etree.XPath | None:
        try:
            return etree.XPath(expression, namespaces=self.namespaces)
        except etree.XPathError:
            return None

    def may_fail(self, tree: etree._ElementTree) -> bool:
        """Could any rule fail (or report) on *tree*? False only when none can."""
        if self.always:
            return True
        for check in self.checks:
            if check is None:
                return True
            try:
                if check(tree):
                    return True
            except etree.XPathError:
                return True
        return False


_GENERAL = {"eq": " = ", "ne": " != ", "lt": " < ", "le": " <= ", "gt": " > ", "ge": " >= "}
_VALUE_COMPARISON = re.compile(r"\s(eq|ne|lt|le|gt|ge)\s")


def _rooted(context: str) -> str:
    """A rule context as an XPath 1.0 selection from the document: each branch of its
    union prefixed with ``//``, into a parenthesised union too (``(a | b)/c`` ->
    ``(//a | //b)/c``, which XPath 1.0 allows where ``//(a | b)/c`` it does not)."""
    branches = []
    for branch in _top_level_union(context):
        branch = branch.strip()
        if branch.startswith("("):
            end = _closing(branch)
            inner = _rooted(branch[1:end])
            branches.append(f"({inner}){branch[end + 1:]}")
        else:
            branches.append(f"//{branch}")
    return " | ".join(branches)


def _closing(text: str) -> int:
    """The index of the parenthesis that closes the one *text* starts with."""
    depth, quote = 0, None
    for i, char in enumerate(text):
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i
    return len(text) - 1


def _top_level_union(expression: str) -> list[str]:
    """*expression* split at the ``|`` that are not inside brackets, parentheses or quotes."""
    parts, depth, quote, start = [], 0, None, 0
    for i, char in enumerate(expression):
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(expression[start:i])
            start = i + 1
    parts.append(expression[start:])
    return parts
