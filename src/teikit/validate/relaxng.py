"""RELAX NG validation (libxml2 through lxml) with messages a person can act on.

libxml2 says "Did not expect element foo there" and stops at the first error of a
subtree. Here each error is explained from the grammar itself (:class:`Grammar`
lists the elements and attribute values allowed where the error is), and after an
error the offending element or attribute is removed from a copy of the tree and the
copy validated again, so one run reports several independent problems (up to
``MAX_ROUNDS``), as jing would.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from teikit.errors import SchemaError
from teikit.xmlio import parse

RNG = "{http://relaxng.org/ns/structure/1.0}"
MAX_ROUNDS = 25
#: documents with more elements than this are reported with their first error only
MAX_ELEMENTS_TO_RETRY = 50_000
#: errors about one misplaced element, which can be dropped to look for the next error
_REMOVABLE = {"RELAXNG_ERR_ELEMWRONG", "RELAXNG_ERR_EXTRACONTENT"}


@dataclass(frozen=True)
class RngError:
    """One RELAX NG error on one element (or one of its attributes)."""

    element: etree._Element
    attribute: str | None
    message: str


class RelaxNGValidator:
    """One RELAX NG schema, compiled once, applied to many documents."""

    def __init__(self, rng_path: Path) -> None:
        self.path = Path(rng_path)
        grammar_tree = parse(self.path)
        try:
            self._schema = etree.RelaxNG(grammar_tree)
        except etree.RelaxNGParseError as exc:
            raise SchemaError(f"{self.path}: not a usable RELAX NG schema: {exc}") from None
        self.grammar = Grammar(grammar_tree)

    def check(self, tree: etree._ElementTree) -> list[RngError]:
        """Validate *tree*; return its errors, each explained (the tree is not changed).

        The first error is read from *tree* itself. Looking for more works on a copy
        and is done for documents up to ``MAX_ELEMENTS_TO_RETRY`` elements (a copy and
        a validation per further error would cost too much on a huge file).
        """
        if self._schema.validate(tree):
            return []
        found = self._first_error(tree)
        if found is None:
            return [RngError(tree.getroot(), None, self._log_summary())]
        errors = [self._error(*found)]
        if not self._worth_retrying(tree, found):
            return errors
        work = copy.deepcopy(tree)
        node = _counterpart(work, found[0], tree)
        if node is None:
            return errors
        for _ in range(MAX_ROUNDS - 1):
            if not _remove(node, found[1]) or self._schema.validate(work):
                break
            found = self._first_error(work)
            if found is None:
                break
            original = _counterpart(tree, found[0], work)
            errors.append(self._error(tree.getroot() if original is None else original,
                                      *found[1:], explain_node=found[0]))
            if not self._worth_retrying(work, found):
                break
            node = found[0]
        return errors

    def _worth_retrying(self, tree: etree._ElementTree, found) -> bool:
        removable = found[1] is not None or found[2] in _REMOVABLE
        return removable and _element_count(tree) <= MAX_ELEMENTS_TO_RETRY

    def _error(self, element, attribute, kind, raw, explain_node=None) -> RngError:
        node = element if explain_node is None else explain_node
        return RngError(element, attribute, self._explain(node, attribute, kind, raw))

    def _log_summary(self) -> str:
        messages = [e.message for e in self._schema.error_log]
        return "; ".join(dict.fromkeys(messages)) or "the document does not match the schema"

    def _first_error(self, work: etree._ElementTree):
        self._schema.validate(work)
        entries = [e for e in self._schema.error_log if e.path]
        if not entries:
            return None
        entry = entries[-1] if entries[0].type_name == "RELAXNG_ERR_ELEMWRONG" else entries[0]
        nodes = work.xpath(entry.path, namespaces=_prefixes(work))
        if not nodes:
            return None
        node = nodes[0]
        attribute = None
        if entry.type_name == "RELAXNG_ERR_INVALIDATTR":
            attribute = entry.message.split("Invalid attribute ", 1)[-1].split(" for element")[0]
        elif entry.type_name == "RELAXNG_ERR_EXTRACONTENT":
            name = entry.message.rsplit(": ", 1)[-1]
            extra = [c for c in node if isinstance(c.tag, str) and etree.QName(c).localname == name]
            if extra:
                node = extra[0]
        return node, attribute, entry.type_name, entry.message

    def _explain(self, node, attribute, kind, raw) -> str:
        name = _display(node)
        if attribute is not None:
            return self.grammar.explain_attribute(node, attribute)
        parent = node.getparent()
        if kind in ("RELAXNG_ERR_ELEMWRONG", "RELAXNG_ERR_EXTRACONTENT") and parent is not None:
            allowed = self.grammar.children(etree.QName(parent).localname)
            if name in allowed:
                return (f"element <{name}> is allowed in <{_display(parent)}> but not here"
                        f"{_where(node)}: check the order of the children (allowed in "
                        f"<{_display(parent)}>: {_names(allowed)})")
            return (f"element <{name}> is not allowed inside <{_display(parent)}>; "
                    f"allowed there: {_names(allowed)}")
        allowed = self.grammar.children(etree.QName(node).localname)
        if "got nothing" in raw:
            return (f"<{name}> is incomplete: a required child element is missing; "
                    f"elements allowed in <{name}>: {_names(allowed)}")
        return (f"<{name}> does not match its content model ({raw}); "
                f"elements allowed in <{name}>: {_names(allowed)}")


def _prefixes(tree: etree._ElementTree) -> dict[str, str]:
    """Every prefix the document declares: libxml2's error paths use them (xi:include)."""
    found: dict[str, str] = {}
    for element in tree.getroot().iter(etree.Element):
        for prefix, uri in element.nsmap.items():
            if prefix:
                found.setdefault(prefix, uri)
    return found


def _element_count(tree: etree._ElementTree, limit: int = MAX_ELEMENTS_TO_RETRY) -> int:
    """How many elements *tree* has, counting no further than *limit* + 1."""
    count = 0
    for count, _ in enumerate(tree.getroot().iter(etree.Element), 1):
        if count > limit:
            break
    return count


def _counterpart(target: etree._ElementTree, node: etree._Element,
                 source: etree._ElementTree) -> etree._Element | None:
    """The element of *target* that *node* (of *source*, a copy of it) stands for.

    Matched by tag and source line, then by order among the elements with both; no
    table of every element is kept (holding that many proxies makes lxml crawl)."""
    line, tag = node.sourceline, node.tag
    same = [e for e in source.getroot().iter(tag) if e.sourceline == line]
    index = next((i for i, e in enumerate(same) if e is node), 0)
    candidates = [e for e in target.getroot().iter(tag) if e.sourceline == line]
    return candidates[min(index, len(candidates) - 1)] if candidates else None


def _where(node: etree._Element) -> str:
    previous = node.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        previous = previous.getprevious()
    return f" after <{_display(previous)}>" if previous is not None else " as first child element"


def _names(names) -> str:
    names = sorted(names)
    if not names:
        return "no child elements (text only or empty)"
    return ", ".join(names) if len(names) <= 40 else ", ".join(names[:40]) + f", … ({len(names)} in all)"


def _display(node: etree._Element) -> str:
    return etree.QName(node).localname if isinstance(node.tag, str) else str(node.tag)


def _remove(node: etree._Element, attribute: str | None) -> bool:
    """Drop what was wrong from the working copy; False when nothing can be dropped."""
    if attribute is not None:
        for key in list(node.attrib):
            if key == attribute or etree.QName(key).localname == attribute.split(":")[-1]:
                del node.attrib[key]
                return True
        return False
    parent = node.getparent()
    if parent is None:
        return False
    parent.remove(node)  # the tail text goes with it; it was never the problem
    return True


#: how the XML Schema datatypes of attribute values read to a person
_FORMS = {
    "date": "a day YYYY-MM-DD (1919-05-19)", "gYearMonth": "a month YYYY-MM (1917-10)",
    "gYear": "a year YYYY (1921)", "dateTime": "a moment YYYY-MM-DDThh:mm:ss",
    "decimal": "a plain number (10000 or 2.5)", "double": "a number", "integer": "a whole number",
    "nonNegativeInteger": "a whole number", "ID": "an XML name (letters, digits, '-', '.', '_')",
    "NCName": "an XML name", "anyURI": "a URI without spaces", "language": "a language tag "
    "such as tr or en", "token": "a word without spaces", "string": "text",
}


class Grammar:
    """What a RELAX NG grammar allows inside each element, read from its XML syntax."""

    def __init__(self, tree: etree._ElementTree) -> None:
        root = tree.getroot()
        self._defines: dict[str, list[etree._Element]] = {}
        self._elements: dict[str, list[etree._Element]] = {}
        for define in root.iter(RNG + "define"):
            self._defines.setdefault(define.get("name"), []).append(define)
        for element in root.iter(RNG + "element"):
            for name in _pattern_names(element):
                self._elements.setdefault(name, []).append(element)

    @lru_cache(maxsize=None)
    def children(self, element_name: str) -> frozenset[str]:
        """Local names of the elements allowed as children of *element_name*."""
        found: set[str] = set()
        for element in self._elements.get(element_name, []):
            self._walk(element, found, set(), want="element")
        return frozenset(found)

    @lru_cache(maxsize=None)
    def attributes(self, element_name: str) -> dict[str, tuple[str, ...]]:
        """Attribute name -> allowed values (empty tuple when any value of a type)."""
        found: dict[str, set[str]] = {}
        for element in self._elements.get(element_name, []):
            self._walk(element, found, set(), want="attribute")
        return {k: tuple(sorted(v)) for k, v in found.items()}

    def explain_attribute(self, node: etree._Element, attribute: str) -> str:
        name = _display(node)
        allowed = self.attributes(name)
        value = node.get(_clark(attribute))
        if attribute not in allowed:
            return (f"<{name}> may not carry @{attribute}; its attributes are: "
                    f"{', '.join('@' + a for a in sorted(allowed)) or 'none'}")
        values = [v for v in allowed[attribute] if not v.startswith("type:")]
        forms = sorted({_FORMS.get(v[5:], v[5:]) for v in allowed[attribute]
                        if v.startswith("type:")})
        expected = [*values, *forms]
        if values and not forms:
            return (f"@{attribute}=\"{value}\" on <{name}> is not allowed: expected one of "
                    f"{', '.join(values)}")
        return (f"@{attribute}=\"{value}\" on <{name}> has the wrong form: expected "
                f"{' or '.join(expected) or 'another value'}")

    def _values(self, node, seen: set) -> set[str]:
        """Values an attribute pattern lists, and ``type:<datatype>`` for each datatype."""
        found: set[str] = set()
        for child in node.iter(RNG + "value", RNG + "data", RNG + "ref"):
            if child.tag == RNG + "value" and child.text:
                found.add(child.text.strip())
            elif child.tag == RNG + "data":
                found.add(f"type:{child.get('type')}")
            elif child.tag == RNG + "ref" and child.get("name") not in seen:
                seen.add(child.get("name"))
                for define in self._defines.get(child.get("name"), []):
                    found |= self._values(define, seen)
        return found

    def _walk(self, node, found, seen, want) -> None:
        for child in node:
            if not isinstance(child.tag, str) or not child.tag.startswith(RNG):
                continue
            tag = child.tag[len(RNG):]
            if tag == "element":
                if want == "element":
                    found.update(_pattern_names(child))
            elif tag == "attribute":
                if want == "attribute":
                    values = self._values(child, set())
                    for name in _pattern_names(child, attribute=True):
                        found.setdefault(name, set()).update(values)
            elif tag == "ref":
                ref = child.get("name")
                if ref not in seen:
                    seen.add(ref)
                    for define in self._defines.get(ref, []):
                        self._walk(define, found, seen, want)
            elif tag not in ("name", "value", "data", "param", "except", "anyName", "nsName"):
                self._walk(child, found, seen, want)


def _pattern_names(node: etree._Element, attribute: bool = False) -> list[str]:
    if node.get("name"):
        return [_qualify(node.get("name"), attribute, node)]
    names = []
    for name in node.findall(RNG + "name") + node.findall(f"{RNG}choice/{RNG}name"):
        names.append(_qualify(name.text.strip(), attribute, name))
    return names


def _qualify(name: str, attribute: bool, node: etree._Element) -> str:
    if ":" in name:
        return name
    if attribute and node.get("ns") == "http://www.w3.org/XML/1998/namespace":
        return f"xml:{name}"
    return name


def _clark(attribute: str) -> str:
    if attribute.startswith("xml:"):
        return "{http://www.w3.org/XML/1998/namespace}" + attribute[4:]
    return attribute
