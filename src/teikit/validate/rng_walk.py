"""Walk one parsed document through a :class:`rng_derive.Grammar`; return every error.

The walk is jing's: start tag, attributes, end of the start tag, text and child
elements, end tag, each turning the pattern of what may come next into a new one;
an error is reported with what was expected at that point, then recovered from
(see :mod:`teikit.validate.rng_derive`) so that one mistake does not hide the next.
Messages name elements as they are written and say what was expected there; they
never say more than the grammar says (a child is "first" only when it is).
"""

from __future__ import annotations

from lxml import etree

from teikit.validate.rng_derive import XML_NS, Grammar, Issue, Pattern

#: an element's expected-names list is cut after this many names
MAX_NAMES = 40
#: elements this deep or less are first checked whole by libxml2 (see subtree_valid)
SKIP_DEPTH = 6


class Walker:
    """Every RELAX NG error of a tree, in document order."""

    def __init__(self, grammar: Grammar, explain_attribute=None, children=None,
                 subtree_valid=None) -> None:
        self.g = grammar
        #: a fast check of one element against its own definition (libxml2), used to step
        #: over the large valid parts of an invalid document
        self.subtree_valid = subtree_valid
        self.depth = 0
        self.explain_attribute = explain_attribute
        self.children = children  # element name -> names allowed anywhere in its content
        self.issues: list[Issue] = []

    def check(self, tree: etree._ElementTree) -> list[Issue]:
        self.issues = []
        self._element(tree.getroot(), self.g.start, None)
        return self.issues

    # ------------------------------------------------------------------ elements
    def _element(self, element: etree._Element, p: Pattern, previous) -> Pattern:
        g = self.g
        name = _name(element)
        q = g.start_tag_open(p, name)
        if q is g.not_allowed:
            late = g.start_tag_open_late(p, name)
            if late is not g.not_allowed:
                self._report(element, "start", self._not_yet(element, p, previous))
                return self._body(element, late)
            self._report(element, "start", self._not_here(element, p, previous))
            anywhere = g.element_anywhere(name)
            if anywhere is not None:
                self._body(element, anywhere)
            else:
                self._inside_undefined(element)
            return p
        if self.subtree_valid is not None and self.depth < SKIP_DEPTH and len(element) > 1:
            after = g.skip_valid(q, name)
            if after is not None and self.subtree_valid(element):
                return after
        self.depth += 1
        try:
            return self._body(element, q)
        finally:
            self.depth -= 1

    def _inside_undefined(self, element: etree._Element) -> None:
        """The children of an element the grammar does not define: each is out of place
        (reported at its end tag, where jing reports it too), its own content is checked."""
        for child in element:
            if not isinstance(child.tag, str):
                continue
            anywhere = self.g.element_anywhere(_name(child))
            if anywhere is None:
                self._inside_undefined(child)
                continue
            self._report(child, "end", f"element <{_display(child)}> is inside "
                         f"<{_display(element)}>, which the schema does not define: it cannot "
                         "be valid there")
            self._body(child, anywhere)

    def _body(self, element: etree._Element, q: Pattern) -> Pattern:
        g = self.g
        for key, value in element.attrib.items():
            name = _attribute_name(key)
            after = g.attribute(q, name, value)
            if after is g.not_allowed:
                self._report(element, "attribute", self._bad_attribute(element, q, name),
                             attribute=key)
                after = g.attribute_any_value(q, name)
                if after is not g.not_allowed:  # a wrong value: go on as if it were right
                    q = after
            else:
                q = after
        closed = g.start_tag_close(q)
        if closed is g.not_allowed:
            missing = sorted(g.attribute_names(q, required_only=True))
            self._report(element, "start", f"<{_display(element)}> lacks the required "
                         f"attribute{'s' if len(missing) != 1 else ''} "
                         f"{', '.join('@' + m for m in missing) or '(see the schema)'}")
            closed = g.start_tag_close_recover(q)
        q = closed
        if element.find("*") is None:
            text = "".join(_texts(element))
            after = g.text_deriv(q, text)
            if not text.strip():
                q = g.choice(q, after)
            elif after is g.not_allowed:
                self._report(element, "text", self._bad_text(element, q, None), text_index=0)
            else:
                q = after
        else:
            q = self._children(element, q)
        ended = g.end_tag(q)
        if ended is g.not_allowed:
            self._report(element, "end", self._incomplete(element, q))
            ended = g.end_tag(q, recover=True)
        return ended

    def _children(self, element: etree._Element, q: Pattern) -> Pattern:
        g = self.g
        pending = element.text or ""
        previous = None
        index = 0
        for node in element:
            if not isinstance(node.tag, str):
                pending += node.tail or ""
                continue
            q = self._text(element, q, pending, previous, index)
            q = self._element(node, q, previous)
            previous = node
            index += 1
            pending = node.tail or ""
        return self._text(element, q, pending, previous, index)

    def _text(self, element, q: Pattern, text: str, previous, index: int) -> Pattern:
        if not text or not text.strip():
            return q
        after = self.g.text_deriv(q, text)
        if after is self.g.not_allowed:
            self._report(element, "text", self._bad_text(element, q, previous),
                         text_index=index)
            return q
        return after

    # ------------------------------------------------------------------ messages
    def _expected(self, q: Pattern, element: etree._Element | None = None) -> str:
        g = self.g
        names = set()
        text = False
        end = False
        for content in g.content_parts(q):
            names |= g.first_names(content)
            text = text or g.text_deriv(content, "x") is not g.not_allowed
            end = end or content.nullable
        items = sorted(names)
        if len(items) > MAX_NAMES:
            items = items[:MAX_NAMES] + [f"… ({len(names)} elements in all)"]
        if text:
            items.append("text")
        if end and element is not None:
            items.append(f"the end of <{_display(element)}>")
        return ", ".join(items) if items else "nothing more"

    def _not_yet(self, element, p: Pattern, previous) -> str:
        parent = element.getparent()
        return (f"element <{_display(element)}> is allowed in <{_display(parent)}> but not "
                f"yet{_where(previous)}: something required must come before it; expected "
                f"here: {self._expected(p, parent)}")

    def _not_here(self, element, p: Pattern, previous) -> str:
        parent = element.getparent()
        if parent is None:
            return self._wrong_root(element, p)
        name = _display(element)
        if self.g.element_anywhere(_name(element)) is None:
            return (f"element <{name}>{_namespace_note(element)} is not allowed inside "
                    f"<{_display(parent)}>{_where(previous)}; allowed there: "
                    f"{self._expected(p, parent)} (the schema does not define <{name}> "
                    "anywhere)")
        if self.in_content_model(parent, name):
            return (f"element <{name}> is allowed in <{_display(parent)}> but not here"
                    f"{_where(previous)}: check the order of the children; expected here: "
                    f"{self._expected(p, parent)}")
        return (f"element <{name}>{_namespace_note(element)} is not allowed inside "
                f"<{_display(parent)}>{_where(previous)}; allowed there: "
                f"{self._expected(p, parent)}")

    def _wrong_root(self, element, p: Pattern) -> str:
        """The document element is not one the schema starts with: say which part differs."""
        ns, local = _name(element)
        expected = sorted(self.g.first_qnames(p))
        namespaces = sorted({n for n, name in expected if name == local})
        if namespaces and not ns:
            return (f"the document element <{local}> has no namespace: Expecting a namespace "
                    f"for element {local}; add xmlns=\"{namespaces[0]}\"")
        if namespaces:
            return (f"the document element <{local}> is in the wrong namespace: expecting "
                    f"{' or '.join(namespaces)}, not {ns}")
        names = ", ".join(name for _, name in expected) or "another element"
        return (f"the schema does not accept <{local}> as the document element: Expecting "
                f"element {names}, got {local}")

    def in_content_model(self, parent, name: str) -> bool:
        """Is *name* allowed somewhere in *parent*'s content (only not at this point)?"""
        return self.children is not None and name in self.children(_display(parent))

    def _bad_attribute(self, element, q: Pattern, name: tuple[str, str]) -> str:
        if self.explain_attribute is not None:
            return self.explain_attribute(element, _attribute_label(name))
        return f"<{_display(element)}> may not carry @{_attribute_label(name)}"

    def _bad_text(self, element, q: Pattern, previous) -> str:
        where = f" after <{_display(previous)}>" if previous is not None else ""
        return (f"text is not allowed in <{_display(element)}>{where}; expected there: "
                f"{self._expected(q, element)}")

    def _incomplete(self, element, q: Pattern) -> str:
        return (f"<{_display(element)}> is incomplete: a required child element is missing "
                f"before its end tag (it starts on line {element.sourceline}); expected: "
                f"{self._expected(q)}")

    def _report(self, element, where: str, message: str, attribute=None, text_index=0) -> None:
        self.issues.append(Issue(element, where, message, attribute, text_index))


_NAMES: dict[str, tuple[str, str]] = {}


def _name(element: etree._Element) -> tuple[str, str]:
    tag = element.tag
    found = _NAMES.get(tag)
    if found is None:
        found = tuple(tag[1:].split("}", 1)) if tag[0] == "{" else ("", tag)
        if len(_NAMES) < 10_000:
            _NAMES[tag] = found
    return found


def _attribute_name(key: str) -> tuple[str, str]:
    if key[0] == "{":
        ns, local = key[1:].split("}", 1)
        return ns, local
    return "", key


def _attribute_label(name: tuple[str, str]) -> str:
    ns, local = name
    if ns == XML_NS:
        return f"xml:{local}"
    return local


def _display(element) -> str:
    if element is None:
        return "document"
    return etree.QName(element).localname


def _namespace_note(element: etree._Element) -> str:
    parent = element.getparent()
    ns = etree.QName(element).namespace or ""
    parent_ns = etree.QName(parent).namespace or "" if parent is not None else ns
    if ns != parent_ns:
        return f" (namespace {ns or 'none'})"
    return ""


def _where(previous) -> str:
    return f" after <{_display(previous)}>" if previous is not None else " as its first child element"


def _texts(element: etree._Element):
    yield element.text or ""
    for node in element:  # comments and processing instructions only (no child elements)
        yield node.tail or ""
