"""RELAX NG validation with every error found and explained, faster than jing.

Two engines, each for what it does best:

- libxml2 (through lxml) gives the verdict, in C. A document-sized grammar
  (schemas/teikit.rng) is compiled whole (0.05 s). A large one (tei_all.rng: 8-10 s
  to compile, in every process) is cut down to the element names of the run's files
  (:mod:`teikit.validate.rng_reduce`, cached; 0.3-0.5 s) when the run is large enough
  to pay for it and libxml2 compiles the cut-down grammar in time (some it never
  finishes: that is tried once, in a child process).
- :mod:`teikit.validate.rng_walk` walks a document with the derivative algorithm jing
  uses and reports every error as jing does (children of a rejected element still
  checked, an element's missing content at its end tag), each message saying what was
  expected there; attribute errors keep teikit's explanation of the values allowed
  (:class:`Grammar`). It explains every document libxml2 rejects, and is the verdict
  for a large grammar without a cut-down compile. In an invalid document libxml2
  checks each large subtree against its own definition first, and the walk steps over
  the valid ones.

Should the two engines disagree on a small grammar (libxml2 rejects, the walk finds
nothing), libxml2's first error is reported.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from teikit.errors import SchemaError
from teikit.validate import rng_derive, rng_reduce
from teikit.validate.rng_walk import Walker
from teikit.xmlio import parse

RNG = "{http://relaxng.org/ns/structure/1.0}"
#: the element local names of the run's documents (see expect_names)
_EXPECTED: set[str] = set()


def expect_names(names) -> None:
    """Tell this process's validators the element names the run's documents use, so that
    a large grammar can be cut down to them and compiled by libxml2."""
    _EXPECTED.clear()
    _EXPECTED.update(names)


@dataclass(frozen=True)
class RngError:
    """One RELAX NG error on one element (or one of its attributes, its end tag, its text)."""

    element: etree._Element
    attribute: str | None
    message: str
    where: str = "start"   # "start" | "attribute" | "end" | "text"
    text_index: int = 0


class RelaxNGValidator:
    """One RELAX NG schema, compiled once per process, applied to many documents."""

    def __init__(self, rng_path: Path) -> None:
        self.path = Path(rng_path)
        self._tree = parse(self.path)
        self._large = rng_reduce.reducible(self._tree, self.path.stat().st_size)
        self._schema = None if self._large else self._compile(self._tree)
        self._reduced_for: frozenset[str] | None = None
        self.grammar = Grammar(self._tree)
        self._derived: rng_derive.Grammar | None = None

    def _compile(self, grammar_tree) -> etree.RelaxNG:
        try:
            return etree.RelaxNG(grammar_tree)
        except etree.RelaxNGParseError as exc:
            raise SchemaError(f"{self.path}: not a usable RELAX NG schema: {exc}") from None

    def _libxml2(self):
        """The libxml2 schema: whole for a small grammar; for a large one cut down to the
        names the run announced (None without them, or when it does not compile)."""
        if self._large and _EXPECTED and self._reduced_for != frozenset(_EXPECTED):
            self._reduced_for = frozenset(_EXPECTED)
            self._schema = rng_reduce.compiled_reduced(self.path, self._tree, _EXPECTED)
        return self._schema

    def compile_now(self) -> None:
        """Compile what :meth:`check` will use, now (before worker processes fork)."""
        self._libxml2()

    def prepare(self) -> None:
        """Make the cut-down grammar for the announced names and try its compile (in a
        child process, once per set of names), without compiling it here."""
        if self._large and _EXPECTED:
            rng_reduce.prepare(self.path, self._tree, _EXPECTED)

    def check(self, tree: etree._ElementTree) -> list[RngError]:
        """Validate *tree*; return all its errors, each explained (the tree is not changed)."""
        schema = self._libxml2()
        if self._large:
            return self._check_large(schema, tree)
        if schema is not None and schema.validate(tree):
            return []
        issues = Walker(self.derived(), self.grammar.explain_attribute,
                        self.grammar.children).check(tree)
        if issues:
            return [RngError(i.element, i.attribute, i.message, i.where, i.text_index)
                    for i in issues]
        if schema is None or self._large:
            return []  # the walk of the whole grammar is the verdict
        return self._libxml2_error(schema, tree)

    def _check_large(self, schema, tree: etree._ElementTree) -> list[RngError]:
        """A large grammar: libxml2's cut-down compile (which starts anywhere) for the
        verdict on a document whose root the grammar starts with, and for the valid
        subtrees of an invalid one; the walk of the whole grammar for the errors."""
        derived = self.derived()
        subtree_valid = None
        if schema is not None:
            root = tree.getroot()
            if derived.start_tag_open(derived.start, _qname(root)) is not derived.not_allowed \
                    and schema.validate(tree):
                return []
            failing = _failing(schema, tree)

            def subtree_valid(element: etree._Element) -> bool:
                if element in failing:
                    return False
                return schema.validate(etree.ElementTree(copy.deepcopy(element)))
        issues = Walker(derived, self.grammar.explain_attribute, self.grammar.children,
                        subtree_valid).check(tree)
        return [RngError(i.element, i.attribute, i.message, i.where, i.text_index)
                for i in issues]

    def derived(self) -> rng_derive.Grammar:
        """The grammar as derivative patterns (built on the first invalid document)."""
        if self._derived is None:
            self._derived = rng_derive.Grammar(self._tree)
        return self._derived

    def _libxml2_error(self, schema, tree) -> list[RngError]:
        found = self._first_error(schema, tree)
        if found is None:
            return [RngError(tree.getroot(), None, self._log_summary(schema))]
        return [self._error(*found)]

    def _error(self, element, attribute, kind, raw) -> RngError:
        return RngError(element, attribute, self._explain(element, attribute, kind, raw))

    @staticmethod
    def _log_summary(schema) -> str:
        messages = [e.message for e in schema.error_log]
        return "; ".join(dict.fromkeys(messages)) or "the document does not match the schema"

    @staticmethod
    def _first_error(schema, work: etree._ElementTree):
        entries = [e for e in schema.error_log if e.path]
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
            return (f"element <{name}> is not valid here in <{_display(parent)}> "
                    f"({raw}); allowed in <{_display(parent)}>: {_names(allowed)}")
        allowed = self.grammar.children(etree.QName(node).localname)
        if "got nothing" in raw:
            return (f"<{name}> is incomplete: a required child element is missing; "
                    f"elements allowed in <{name}>: {_names(allowed)}")
        return (f"<{name}> does not match its content model ({raw}); "
                f"elements allowed in <{name}>: {_names(allowed)}")


def _failing(schema, tree: etree._ElementTree) -> set:
    """The elements libxml2 reported an error on, and their ancestors: they are invalid,
    so checking them again on their own would be wasted."""
    found: set = set()
    prefixes = _prefixes(tree)
    for entry in schema.error_log:
        if not entry.path:
            continue
        try:
            nodes = tree.xpath(entry.path, namespaces=prefixes)
        except etree.XPathError:
            continue
        for node in nodes[:1]:
            if isinstance(node, etree._Element):
                found.add(node)
                found.update(node.iterancestors())
    return found


def _qname(element: etree._Element) -> tuple[str, str]:
    namespace, _, local = element.tag[1:].partition("}") if element.tag[0] == "{" else (
        "", "", element.tag)
    return namespace, local


def _prefixes(tree: etree._ElementTree) -> dict[str, str]:
    """Every prefix the document declares: libxml2's error paths use them (xi:include)."""
    found: dict[str, str] = {}
    for element in tree.getroot().iter(etree.Element):
        for prefix, uri in element.nsmap.items():
            if prefix:
                found.setdefault(prefix, uri)
    return found


def _names(names) -> str:
    names = sorted(names)
    if not names:
        return "no child elements (text only or empty)"
    return ", ".join(names) if len(names) <= 40 else ", ".join(names[:40]) + f", … ({len(names)} in all)"


def _display(node: etree._Element) -> str:
    return etree.QName(node).localname if isinstance(node.tag, str) else str(node.tag)


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
