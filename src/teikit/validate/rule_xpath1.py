"""Run the Schematron patterns that are plain XPath 1.0 in libxml2, with Saxon's findings.

Most rules TEI schemas embed are XPath 1.0 as written (``tei:*[@subtype]`` asserts
``@type``). A pattern is *plain* when every rule in it has no ``let``, a context and
tests libxml2 compiles and runs as they stand (no value comparison such as ``eq``, no
``<`` or ``>``, whose meaning differs between XPath 1.0 and 2.0), and messages made of
text, ``name`` and ``value-of``. For a document on which rule_precheck shows that no
other rule can fire, the plain patterns are evaluated here and Saxon is not started at
all (its compile of tei_all's rules costs half a second in every process). A finding
is written as Saxon writes it (ISO Schematron's first-rule-wins per pattern, the
location as XPath 3 ``path()``, the message's white space normalised); whatever this
cannot write the same way (a number that is not a small integer, a context node that is
not an element) raises :class:`NotPlain`, and Saxon decides that document.
libxml2 runs only XPath 1.0's own functions here: no EXSLT, no extension functions
(rule_precheck says why).
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from teikit.validate.rule_filter import required_attributes, targets
from teikit.validate.rule_precheck import SCH, names_in, rooted
from teikit.validate.schematron import Failure, severity

_XPATH2_ONLY = re.compile(r"\s(?:eq|ne|lt|le|gt|ge)\s|[<>]")
_INLINE = {SCH + "emph", SCH + "dir", SCH + "span"}


class NotPlain(Exception):
    """This document's findings cannot be written here exactly as Saxon would: ask Saxon."""


class PlainRules:
    """The plain patterns of one Schematron schema, and the schema without them."""

    def __init__(self, schema: etree._Element) -> None:
        self.namespaces = {k: v for k, v in schema.nsmap.items() if k}
        for ns in schema.iter(SCH + "ns"):
            self.namespaces[ns.get("prefix")] = ns.get("uri")
        self.patterns: list = []  # (pattern name, [(context, [(assert?, test, role, message)])])
        self.rest = None
        patterns = list(schema.iter(SCH + "pattern"))
        plain = set()
        if schema.find(SCH + "let") is None:  # schema-level variables: none is plain
            for index, pattern in enumerate(patterns, 1):
                compiled = self._pattern(pattern)
                if compiled is not None:
                    self.patterns.append((pattern.get("id", f"pattern-{index}"), compiled))
                    plain.add(index - 1)
        if len(plain) < len(patterns):  # the others, for rule_precheck and Saxon
            self.rest = copy.deepcopy(schema)
            for index, pattern in enumerate(list(self.rest.iter(SCH + "pattern"))):
                if index in plain:
                    pattern.getparent().remove(pattern)

    def _pattern(self, pattern: etree._Element):
        rules = []
        for node in pattern:
            if not isinstance(node.tag, str) or node.tag in (SCH + "title", SCH + "p"):
                continue
            if node.tag != SCH + "rule" or node.get("abstract") == "true":
                return None
            rule = self._rule(node)
            if rule is None:
                return None
            rules.append(rule)
        return rules or None

    def _rule(self, rule: etree._Element):
        context = (rule.get("context") or "").strip()
        if not context or context.startswith("/") or _XPATH2_ONLY.search(context):
            return None
        selection = self._xpath(rooted(context))
        checks = []
        for node in rule:
            if not isinstance(node.tag, str) or node.tag in (SCH + "title", SCH + "p"):
                continue
            if node.tag not in (SCH + "assert", SCH + "report"):
                return None  # a let, or anything else
            test = node.get("test") or ""
            compiled = None if _XPATH2_ONLY.search(test) else self._xpath(f"boolean({test})")
            message = self._message(node)
            if compiled is None or message is None:
                return None
            assert_ = node.tag == SCH + "assert"
            checks.append((assert_, compiled, severity(node.get("role") or rule.get("role")),
                           message, self._failing(context, test, assert_)))
        if selection is None or not checks:
            return None
        return selection, checks, targets(context), required_attributes(context)

    def _failing(self, context: str, test: str, assert_: bool) -> etree.XPath | None:
        """All the nodes of the document a check fails on, in one expression (its test as
        a predicate, where the context position is not the test's: none when the test
        asks for position() or last())."""
        if "position(" in test or "last(" in test:
            return None
        negation = "not" if assert_ else ""
        return self._xpath(f"({rooted(context)})[{negation}(boolean({test}))]")

    def _message(self, node: etree._Element) -> list | None:
        """The message as parts: text, or a compiled expression (value-of / name)."""
        parts: list = [node.text or ""]
        for child in node:
            if child.tag == SCH + "value-of":
                select = child.get("select") or ""
                expression = None if _XPATH2_ONLY.search(select) else self._xpath(select)
            elif child.tag == SCH + "name":
                expression = self._xpath(f"name({child.get('path', '.')})")
            elif child.tag in _INLINE:
                inner = self._message(child)
                if inner is None:
                    return None
                parts.extend(inner)
                parts.append(child.tail or "")
                continue
            else:
                return None
            if expression is None:
                return None
            parts.extend((expression, child.tail or ""))
        return parts

    def _xpath(self, expression: str) -> etree.XPath | None:
        """Compiled and tried once (an unknown function only shows when it runs)."""
        try:
            compiled = etree.XPath(expression, namespaces=self.namespaces, regexp=False)
            compiled(etree.Element("probe"))
        except etree.XPathError:
            return None
        return compiled

    def failures(self, tree: etree._ElementTree, present=None) -> list[Failure]:
        """What the plain patterns find in *tree*, as Saxon would report it. *present*:
        rule_precheck's :func:`names_in` of the tree, when the caller has it."""
        found: list[Failure] = []
        present = names_in(tree) if present is None else present
        for name, rules in self.patterns:
            failing = [[set() if not _may_match(names, needs, present)
                        else None if check[4] is None else set(_run(check[4], tree))
                        for check in checks] for _, checks, names, needs in rules]
            if all(part is not None and not part for rule in failing for part in rule):
                continue  # no check fails anywhere: no node need be visited
            found.extend(self._pattern_failures(name, rules, failing, tree))
        return found

    def _pattern_failures(self, name: str, rules: list, failing: list, tree) -> list[Failure]:
        """The failures of one pattern, node by node in document order, each node checked
        by the first rule that matches it (ISO Schematron)."""
        matched: dict = {}
        for number, (selection, *_) in enumerate(rules):
            for node in _run(selection, tree):
                if not isinstance(node, etree._Element) or not isinstance(node.tag, str):
                    raise NotPlain("a context node that is not an element")
                matched.setdefault(node, number)
        nodes = list(matched)
        if len(rules) > 1 and len(nodes) > 1:
            order = {e: i for i, e in enumerate(tree.getroot().iter())}
            nodes.sort(key=order.__getitem__)
        found = []
        for node in nodes:
            number = matched[node]
            for (assert_, test, role, message, _), fails in zip(rules[number][1],
                                                               failing[number]):
                if (node in fails) if fails is not None else bool(_run(test, node)) != assert_:
                    found.append(Failure(name, role, _path(node),
                                         " ".join(_text(message, node).split())))
        return found


def _may_match(names, needs, present: tuple[set[str], set[str]]) -> bool:
    """Can a rule context that names these elements and needs these attributes match a
    node of a document with the *present* element and attribute names (rule_filter)?"""
    if names is not None and not names & present[0]:
        return False
    return needs is None or any(branch <= present[1] for branch in needs)


def _run(expression: etree.XPath, node):
    try:
        return expression(node)
    except etree.XPathError as exc:
        raise NotPlain(str(exc)) from None


def _text(parts: list, node: etree._Element) -> str:
    return "".join(part if isinstance(part, str) else _string(_run(part, node))
                   for part in parts)


def _string(value) -> str:
    """XSLT 3's xsl:value-of of an XPath 1.0 result: the items' string values joined by
    a space; a number as XPath 2 writes it (only small integers are written alike)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value != value or not value.is_integer() or abs(value) >= 1e6:
            raise NotPlain(f"the number {value!r}")
        return str(int(value))
    if isinstance(value, list):
        return " ".join(_node_string(item) for item in value)
    return str(value)


def _node_string(item) -> str:
    """The string value of a node (an element's descendant text) or of a string."""
    return _STRING(item) if isinstance(item, etree._Element) else str(item)


_STRING = etree.XPath("string(.)")


def _path(element: etree._Element) -> str:
    """XPath 3 ``path()`` of an element: ``/Q{ns}TEI[1]/Q{ns}text[1]/…``."""
    steps = []
    node = element
    while node is not None:
        qname = etree.QName(node)
        index = 1 + sum(1 for s in node.itersiblings(preceding=True) if s.tag == node.tag)
        steps.append(f"Q{{{qname.namespace or ''}}}{qname.localname}[{index}]")
        node = node.getparent()
    return "/" + "/".join(reversed(steps))
