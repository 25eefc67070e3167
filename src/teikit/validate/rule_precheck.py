"""Ask libxml2 first whether any Schematron rule can fail on a document; run Saxon only then.

Handing a document to Saxon (lxml serialises it, Saxon parses it) and running the rules
costs more than the RELAX NG check of it. The rules embedded in TEI schemas are mostly
XPath 1.0 as well as 3.0 (``tei:*[@when]`` reports ``@notBefore|@notAfter|@from|@to``;
``tei:div`` reports ``(ancestor::tei:p or ancestor::tei:ab) and not(...)``), so libxml2
can evaluate each check over the whole document in one expression (skipped when the
document has none of the elements the rule's context names: one pass gathers them):
``(//context)[not(test)]`` for an assert, ``(//context)[test]`` for a report. When none
selects a node, no rule fails and Saxon is not called. Any rule libxml2 cannot evaluate
(XPath 2 syntax, a function it lacks, a ``let`` variable) counts as "may fail" as soon as
its context matches, or always when the context itself cannot be read; so Saxon still
decides every document on which a rule could fail, and writes every message.
"""

from __future__ import annotations

import re

from lxml import etree

from teikit.validate.rule_filter import (required_attributes, targets, top_level as _top_level,
                                         unquoted)

SCH = "{http://purl.oclc.org/dsdl/schematron}"


class Precheck:
    """The checks of one Schematron schema (an ``sch:schema`` element) as XPath 1.0."""

    def __init__(self, schema: etree._Element) -> None:
        self.namespaces = {k: v for k, v in schema.nsmap.items() if k}
        for ns in schema.iter(SCH + "ns"):
            self.namespaces[ns.get("prefix")] = ns.get("uri")
        self.always = schema.find(SCH + "let") is not None
        # (element names the rule can match or None, attributes one of which each branch
        # of its context needs or None, check)
        self.checks: list = []
        for rule in schema.iter(SCH + "rule"):
            context = rule.get("context") or ""
            names, needs = targets(context), required_attributes(context)
            self.checks.extend((names, needs, check) for check in self._rule(rule))

    def _rule(self, rule: etree._Element) -> list:
        context = self._selection(rule.get("context") or "")
        if context is None:
            return [None]
        lets = [(let.get("name"), self._runnable(_as_xpath1(let.get("value") or "()")))
                for let in rule.iter(SCH + "let")]
        if any(value is None for _, value in lets):
            # a variable XPath 1.0 cannot read: a report still cannot fire where the parts
            # of its test (A and B and …) that do not use variables are false
            return [self._readable_part(context, check) or context
                    for check in rule if check.tag in (SCH + "assert", SCH + "report")]
        found = []
        for check in rule:
            if check.tag not in (SCH + "assert", SCH + "report"):
                continue
            test = _as_xpath1(check.get("test") or "true()")
            assert_ = check.tag == SCH + "assert"
            if lets:  # the variables depend on each context node: evaluated node by node
                compiled = self._xpath(f"boolean({test})")
                found.append(_PerNode(context, lets, compiled, assert_) if compiled else context)
                continue
            predicate = f"not({test})" if assert_ else f"({test})"
            found.append(self._xpath(f"({context.path})[{predicate}]") or context)
        return found

    def _readable_part(self, context: etree.XPath, check: etree._Element):
        """``(//context)[A]`` for a report whose test is ``A and B`` with only A readable
        (dropping a conjunct makes a report fire on more nodes, never on fewer)."""
        if check.tag != SCH + "report":
            return None
        parts = [p for p in _top_level(" ".join((check.get("test") or "").split()), " and ")
                 if "$" not in p and self._runnable(f"boolean({_as_xpath1(p)})") is not None]
        if not parts:
            return None
        return self._xpath(f"({context.path})[{' and '.join(f'({_as_xpath1(p)})' for p in parts)}]")

    def _selection(self, context: str) -> etree.XPath | None:
        context = _as_xpath1(context.strip())
        if context.startswith("/"):
            return self._xpath(context)
        return self._xpath(rooted(context))

    def _runnable(self, expression: str) -> etree.XPath | None:
        """The compiled expression if libxml2 can also run it (a function it lacks, such as
        tokenize(), only shows when the expression runs)."""
        compiled = self._xpath(expression)
        try:
            if compiled is not None:
                compiled(etree.Element("probe"))
        except etree.XPathEvalError:
            return None
        return compiled

    def _xpath(self, expression: str) -> etree.XPath | None:
        try:
            # no EXSLT (regexp=False) and no extension functions: a schema a document
            # names may not run more here than XPath 1.0 itself (which reads no file)
            return etree.XPath(expression, namespaces=self.namespaces, regexp=False,
                               smart_strings=False)
        except etree.XPathError:
            return None

    def may_fail(self, tree: etree._ElementTree, present=None) -> bool:
        """Could any rule fail (or report) on *tree*? False only when none can.
        *present*: :func:`names_in` of the tree, when the caller has it."""
        if self.always:
            return True
        for names, needs, check in self.checks:
            if names is not None or needs is not None:
                if present is None:  # one pass over the tree, for every named rule
                    present = names_in(tree)
                if names is not None and not names & present[0]:
                    continue
                if needs is not None and not any(branch <= present[1] for branch in needs):
                    continue
            if check is None:
                return True
            try:
                if check(tree):
                    return True
            except etree.XPathError:
                return True
        return False


def names_in(tree: etree._ElementTree) -> tuple[set[str], set[str]]:
    """The local names of the elements and of the attributes in *tree*."""
    tags: set[str] = set()
    keys: set[str] = set()
    for element in tree.getroot().iter(etree.Element):
        tags.add(element.tag)
        keys.update(element.keys())
    return ({tag.rpartition("}")[2] for tag in tags}, {key.rpartition("}")[2] for key in keys})


_GENERAL = {"eq": " = ", "ne": " != ", "lt": " < ", "le": " <= ", "gt": " > ", "ge": " >= "}
_VALUE_COMPARISON = re.compile(r"\s(eq|ne|lt|le|gt|ge)\s")


class _PerNode:
    """A check whose rule has ``let`` variables: they are worked out for each node the
    context selects, then the test is evaluated there with them."""

    def __init__(self, context: etree.XPath, lets: list, test: etree.XPath,
                 assert_: bool) -> None:
        self.context, self.lets, self.test, self.assert_ = context, lets, test, assert_

    def __call__(self, tree: etree._ElementTree) -> bool:
        for node in self.context(tree):
            values = {name: value(node) for name, value in self.lets}
            if self.test(node, **values) != self.assert_:
                return True
        return False


def _as_xpath1(expression: str) -> str:
    """XPath 2 value comparisons (``count(tei:width) gt 1``) as XPath 1.0 general ones
    (``>``): on the single values they compare they give the same answer, and where
    XPath 2 would stop with a type error the check errs towards "may fail"."""
    return _VALUE_COMPARISON.sub(lambda m: _GENERAL[m.group(1)], expression)


def rooted(context: str) -> str:
    """A rule context as an XPath 1.0 selection from the document: each branch of its
    union prefixed with ``//``, into a parenthesised union too (``(a | b)/c`` ->
    ``(//a | //b)/c``, which XPath 1.0 allows where ``//(a | b)/c`` it does not)."""
    branches = []
    for branch in _top_level_union(context):
        branch = branch.strip()
        if branch.startswith("("):
            end = _closing(branch)
            inner = rooted(branch[1:end])
            branches.append(f"({inner}){branch[end + 1:]}")
        else:
            branches.append(f"//{branch}")
    return " | ".join(branches)


def _closing(text: str) -> int:
    """The index of the parenthesis that closes the one *text* starts with."""
    depth = 0
    for i, char in unquoted(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i
    return len(text) - 1


def _top_level_union(expression: str) -> list[str]:
    """*expression* split at the ``|`` that are not inside brackets, parentheses or quotes."""
    return _top_level(expression, "|")
