"""Every RELAX NG error of a document, found the way jing finds them (derivatives).

libxml2 gives teikit its fast verdict, but it stops at the first error of a subtree
and blames the parent for a child's fault. For a document libxml2 found invalid,
this module walks the tree once with James Clark's derivative algorithm (the one
jing implements: each element, attribute and text turns the pattern of what may
come next into a new pattern), and recovers from each error as jing does:

- an element that is not allowed where it is is reported with what was expected
  there; its content is still checked against its own definition(s) elsewhere in the
  grammar (an element the grammar does not define anywhere is not looked into), and
  its parent goes on as if it were not there;
- an attribute that is not allowed, or whose value is wrong, is reported and ignored;
- a required attribute that is missing is reported, and the element goes on;
- text where none is allowed is reported and ignored;
- an element whose content ends too early is reported at its end tag, with what it
  still needed.

Patterns are hash-consed (one object per distinct pattern) and every derivative is
memoised on its pattern, so a document costs a few dictionary look-ups per node once
its kinds of elements have been seen. Attribute values are checked against their
datatype (:mod:`teikit.validate.rng_datatypes`) apart from the pattern structure,
so that unique values (ids, pointers) do not defeat the memo.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from lxml import etree

from teikit.validate import rng_datatypes as datatypes

RNG_NS = "http://relaxng.org/ns/structure/1.0"
_R = f"{{{RNG_NS}}}"
XML_NS = "http://www.w3.org/XML/1998/namespace"

EMPTY, NOT_ALLOWED, TEXT, CHOICE, GROUP, INTERLEAVE, ONE_OR_MORE = range(7)
ELEMENT, ATTRIBUTE, DATA, VALUE, LIST, AFTER, HOLE = range(7, 14)
#: attribute values whose check is remembered (per value and pattern), at most
MAX_REMEMBERED_VALUES = 200_000


class Pattern:
    """One node of a hash-consed pattern; derivatives are memoised on it."""

    __slots__ = ("kind", "a", "b", "nullable", "text_free", "holes", "sto", "att", "stc",
                 "end", "td", "alts", "name", "extra", "__weakref__")

    def __init__(self, kind: int, a=None, b=None, nullable=False, name=None, extra=None):
        self.kind, self.a, self.b, self.nullable = kind, a, b, nullable
        self.name, self.extra = name, extra
        self.sto: dict = {}
        self.att: dict = {}
        self.stc = self.end = self.td = None
        self.alts = None
        self.text_free = True
        self.holes = False


@dataclass(frozen=True)
class Issue:
    """One RELAX NG error: where it is detected and what to tell the user."""

    element: etree._Element
    where: str          # "start" | "attribute" | "end" | "text"
    message: str
    attribute: str | None = None
    text_index: int = 0  # for "text": 0 = the element's text, n = the tail of its n-th child


class Grammar:
    """A RELAX NG grammar (XML syntax, one file) turned into patterns on demand."""

    def __init__(self, tree: etree._ElementTree) -> None:
        self.root = tree.getroot()
        self.defines: dict[str, list[etree._Element]] = {}
        self.by_name: dict[tuple[str, str], list[etree._Element]] = {}
        self.wildcards: list[etree._Element] = []  # element patterns with a name class
        for define in self.root.iter(_R + "define"):
            self.defines.setdefault(define.get("name"), []).append(define)
        self._table: dict = {}
        self._fits: dict = {}
        self._built: dict = {}
        self._elements: dict = {}
        self.empty = self._make(EMPTY, nullable=True)
        self.not_allowed = self._make(NOT_ALLOWED)
        self.text = self._make(TEXT, nullable=True)
        for node in self.root.iter(_R + "element"):
            for name in _names_of(node, attribute=False):
                if name[0] == "*":
                    self.wildcards.append(node)
                else:
                    self.by_name.setdefault(name, []).append(node)
        starts = [s for s in self.root.iter(_R + "start")]
        if self.root.tag == _R + "grammar":
            self.start = self._choice_of(self._build_group(list(_kids(s))) for s in starts)
        else:
            self.start = self._build(self.root)

    # ------------------------------------------------------------- construction
    def _make(self, kind, a=None, b=None, nullable=False, name=None, extra=None) -> Pattern:
        key = (kind, id(a) if isinstance(a, Pattern) else a, id(b) if isinstance(b, Pattern)
               else b, name, extra)
        found = self._table.get(key)
        if found is None:
            found = Pattern(kind, a, b, nullable, name, extra)
            if kind in (DATA, VALUE, LIST):
                found.text_free = False
            elif kind == HOLE:
                found.holes = True
            elif kind in (CHOICE, GROUP, INTERLEAVE, ONE_OR_MORE, AFTER):
                parts = [p for p in (a, b) if isinstance(p, Pattern)]
                if kind == AFTER:
                    parts = [a]
                found.text_free = all(p.text_free for p in parts)
                found.holes = any(p.holes for p in (a, b) if isinstance(p, Pattern))
            self._table[key] = found
        return found

    def choice(self, a: Pattern, b: Pattern) -> Pattern:
        if a is self.not_allowed:
            return b
        if b is self.not_allowed or a is b:
            return a
        alts = (a.alts or frozenset((a,))) | (b.alts or frozenset((b,)))
        return self._choice_set(alts)

    def _choice_set(self, alts: frozenset) -> Pattern:
        if len(alts) == 1:
            return next(iter(alts))
        key = (CHOICE, alts)
        found = self._table.get(key)
        if found is None:
            found = Pattern(CHOICE, nullable=any(p.nullable for p in alts))
            found.alts = alts
            found.text_free = all(p.text_free for p in alts)
            found.holes = any(p.holes for p in alts)
            self._table[key] = found
        return found

    def _choice_of(self, patterns: Iterable[Pattern]) -> Pattern:
        alts: set = set()
        for p in patterns:
            if p is self.not_allowed:
                continue
            alts.update(p.alts or (p,))
        return self._choice_set(frozenset(alts)) if alts else self.not_allowed

    def group(self, a: Pattern, b: Pattern) -> Pattern:
        return self._sequence(GROUP, a, b)

    def interleave(self, a: Pattern, b: Pattern) -> Pattern:
        return self._sequence(INTERLEAVE, a, b)

    def _sequence(self, kind, a: Pattern, b: Pattern) -> Pattern:
        """A group or an interleave of *a* and *b*, normalised the same way: notAllowed
        absorbs, empty is the unit; nullable when both are."""
        if a is self.not_allowed or b is self.not_allowed:
            return self.not_allowed
        if a is self.empty:
            return b
        if b is self.empty:
            return a
        return self._make(kind, a, b, a.nullable and b.nullable)

    def one_or_more(self, p: Pattern) -> Pattern:
        if p is self.not_allowed or p is self.empty:
            return p
        return self._make(ONE_OR_MORE, p, None, p.nullable)

    def after(self, a: Pattern, b: Pattern) -> Pattern:
        if a is self.not_allowed or b is self.not_allowed:
            return self.not_allowed
        return self._make(AFTER, a, b, False)

    # --------------------------------------------------------------- from XML
    def _build(self, node: etree._Element) -> Pattern:
        found = self._built.get(node)
        if found is None:
            found = self._built[node] = self._build_new(node)
        return found

    def _build_group(self, nodes: list) -> Pattern:
        result = self.empty
        for node in nodes:
            result = self.group(result, self._build(node))
        return result

    def _build_new(self, node: etree._Element) -> Pattern:
        tag = node.tag[len(_R):]
        kids = list(_kids(node))
        if tag == "element":
            if node in self._elements:
                return self._elements[node]
            pattern = self._make(ELEMENT, None, None, False, name=_name_class(node, False),
                                 extra=node)
            self._elements[node] = pattern
            return pattern
        if tag == "attribute":
            content = [k for k in kids if k.tag != _R + "name" and not _is_name_class(k)]
            value = self._build_group(content) if content else self.text
            return self._make(ATTRIBUTE, value, None, False, name=_name_class(node, True))
        if tag in ("group", "define", "start"):
            return self._build_group(kids)
        if tag == "choice":
            return self._choice_of(self._build(k) for k in kids)
        if tag == "interleave":
            result = self.empty
            for k in kids:
                result = self.interleave(result, self._build(k))
            return result
        if tag == "optional":
            return self.choice(self._build_group(kids), self.empty)
        if tag == "zeroOrMore":
            return self.choice(self.one_or_more(self._build_group(kids)), self.empty)
        if tag == "oneOrMore":
            return self.one_or_more(self._build_group(kids))
        if tag == "mixed":
            return self.interleave(self._build_group(kids), self.text)
        if tag == "ref" or tag == "parentRef":
            return self._define(node.get("name"))
        if tag == "empty":
            return self.empty
        if tag == "text":
            return self.text
        if tag == "notAllowed":
            return self.not_allowed
        if tag == "list":
            return self._make(LIST, self._build_group(kids))
        if tag == "data":
            params = tuple((p.get("name"), (p.text or "")) for p in kids if p.tag == _R + "param")
            excepted = [k for k in kids if k.tag == _R + "except"]
            exc = self._choice_of(self._build(k) for e in excepted for k in _kids(e)) \
                if excepted else None
            return self._make(DATA, exc, None, False, name=(_library(node), node.get("type")),
                              extra=params)
        if tag == "value":
            library = _library(node) if node.get("type") else ""
            kind = node.get("type") or "token"
            return self._make(VALUE, None, None, False, name=(library, kind),
                              extra=node.text or "")
        if tag == "externalRef" or tag == "grammar":
            return self.text  # not reachable for the single-file grammars teikit reduces
        return self.empty  # annotations and name classes carry no content

    def _define(self, name: str) -> Pattern:
        key = ("define", name)
        found = self._built.get(key)
        if found is None:
            defines = self.defines.get(name, [])
            if any(d.get("combine") == "interleave" for d in defines):
                result = self.empty
                for d in defines:
                    result = self.interleave(result, self._build_group(list(_kids(d))))
            else:
                result = self._choice_of(self._build_group(list(_kids(d))) for d in defines)
            found = self._built[key] = result
        return found

    def content(self, element: Pattern) -> Pattern:
        """The content pattern of an element pattern (built when first needed)."""
        if element.a is None:
            node = element.extra
            kids = [k for k in _kids(node) if k.tag != _R + "name" and not _is_name_class(k)]
            element.a = self._build_group(kids)
        return element.a

    # ------------------------------------------------------------- derivatives
    def start_tag_open(self, p: Pattern, name: tuple[str, str]) -> Pattern:
        found = p.sto.get(name)
        if found is None:
            found = p.sto[name] = self._sto(p, name)
        return found

    def _sto(self, p: Pattern, name) -> Pattern:
        kind = p.kind
        if kind == CHOICE:
            return self._choice_of(self.start_tag_open(x, name) for x in p.alts)
        if kind == ELEMENT:
            if _contains(p.name, name):
                return self.after(self.content(p), self.empty)
            return self.not_allowed
        if kind == GROUP:
            x = self._apply_after(self.start_tag_open(p.a, name), lambda r: self.group(r, p.b))
            if p.a.nullable:
                return self.choice(x, self.start_tag_open(p.b, name))
            return x
        if kind == INTERLEAVE:
            return self.choice(
                self._apply_after(self.start_tag_open(p.a, name), lambda r: self.interleave(r, p.b)),
                self._apply_after(self.start_tag_open(p.b, name), lambda r: self.interleave(p.a, r)))
        if kind == ONE_OR_MORE:
            rest = self.choice(p, self.empty)
            return self._apply_after(self.start_tag_open(p.a, name), lambda r: self.group(r, rest))
        if kind == AFTER:
            return self._apply_after(self.start_tag_open(p.a, name), lambda r: self.after(r, p.b))
        return self.not_allowed

    def start_tag_open_late(self, p: Pattern, name: tuple[str, str]) -> Pattern:
        """Like :meth:`start_tag_open`, but the element may skip required content before
        it (jing's "not allowed yet": the validation goes on as if it were in place)."""
        kind = p.kind
        if kind == CHOICE:
            return self._choice_of(self.start_tag_open_late(x, name) for x in p.alts)
        if kind == ELEMENT:
            return self.start_tag_open(p, name)
        if kind == GROUP:
            return self.choice(
                self._apply_after(self.start_tag_open_late(p.a, name),
                                  lambda r: self.group(r, p.b)),
                self.start_tag_open_late(p.b, name))
        if kind == INTERLEAVE:
            return self.choice(
                self._apply_after(self.start_tag_open_late(p.a, name),
                                  lambda r: self.interleave(r, p.b)),
                self._apply_after(self.start_tag_open_late(p.b, name),
                                  lambda r: self.interleave(p.a, r)))
        if kind == ONE_OR_MORE:
            rest = self.choice(p, self.empty)
            return self._apply_after(self.start_tag_open_late(p.a, name),
                                     lambda r: self.group(r, rest))
        if kind == AFTER:
            return self._apply_after(self.start_tag_open_late(p.a, name),
                                     lambda r: self.after(r, p.b))
        return self.not_allowed

    def _apply_after(self, p: Pattern, f) -> Pattern:
        if p.kind == AFTER:
            return self.after(p.a, f(p.b))
        if p.kind == CHOICE:
            return self._choice_of(self._apply_after(x, f) for x in p.alts)
        return self.not_allowed

    def attribute(self, p: Pattern, name: tuple[str, str], value: str) -> Pattern:
        """The pattern after attribute *name*=*value* (NOT_ALLOWED when it does not fit)."""
        template = p.att.get(name)
        if template is None:
            template = p.att[name] = self._att(p, name)
        if not template.holes:
            return template
        holes = template.stc if template.stc is not None else self._holes(template)
        verdicts = tuple(self.value_fits(h.a, value) for h in holes)
        filled = template.td if template.td is not None else {}
        template.td = filled
        found = filled.get(verdicts)
        if found is None:
            found = filled[verdicts] = self._fill(template, value, dict(
                zip((h.a for h in holes), verdicts)), {})
        return found

    def attribute_any_value(self, p: Pattern, name: tuple[str, str]) -> Pattern:
        """The pattern after attribute *name* as if its value were right (to go on after a
        wrong value without also calling the attribute missing)."""
        template = p.att.get(name)
        if template is None:
            template = p.att[name] = self._att(p, name)
        if not template.holes:
            return template
        holes = template.stc if template.stc is not None else self._holes(template)
        return self._fill(template, "", {h.a: True for h in holes}, {})

    def _holes(self, template: Pattern) -> tuple:
        """The value holes of an attribute template (kept in its unused ``stc`` slot)."""
        found: dict = {}
        stack = [template]
        while stack:
            p = stack.pop()
            if not p.holes or p in found:
                continue
            found[p] = None
            if p.kind == CHOICE:
                stack.extend(p.alts)
            elif p.kind != HOLE:
                stack.extend(x for x in (p.a, p.b) if isinstance(x, Pattern))
        holes = tuple(p for p in found if p.kind == HOLE)
        template.stc = holes
        return holes

    def _att(self, p: Pattern, name) -> Pattern:
        kind = p.kind
        if kind == CHOICE:
            return self._choice_of(self._att_memo(x, name) for x in p.alts)
        if kind == ATTRIBUTE:
            if _contains(p.name, name):
                return self._make(HOLE, p.a)
            return self.not_allowed
        if kind == GROUP:
            return self.choice(self.group(self._att_memo(p.a, name), p.b),
                               self.group(p.a, self._att_memo(p.b, name)))
        if kind == INTERLEAVE:
            return self.choice(self.interleave(self._att_memo(p.a, name), p.b),
                               self.interleave(p.a, self._att_memo(p.b, name)))
        if kind == ONE_OR_MORE:
            return self.group(self._att_memo(p.a, name), self.choice(p, self.empty))
        if kind == AFTER:
            return self.after(self._att_memo(p.a, name), p.b)
        return self.not_allowed

    def _att_memo(self, p: Pattern, name) -> Pattern:
        found = p.att.get(name)
        if found is None:
            found = p.att[name] = self._att(p, name)
        return found

    def _fill(self, p: Pattern, value: str, verdicts: dict, done: dict) -> Pattern:
        """Replace each value hole by EMPTY (the value fits) or NOT_ALLOWED."""
        if not p.holes:
            return p
        found = done.get(p)
        if found is not None:
            return found
        kind = p.kind
        if kind == HOLE:
            ok = verdicts.get(p.a)
            if ok is None:
                ok = verdicts[p.a] = self.value_fits(p.a, value)
            result = self.empty if ok else self.not_allowed
        elif kind == CHOICE:
            result = self._choice_of(self._fill(x, value, verdicts, done) for x in p.alts)
        elif kind == GROUP:
            result = self.group(self._fill(p.a, value, verdicts, done),
                                self._fill(p.b, value, verdicts, done))
        elif kind == INTERLEAVE:
            result = self.interleave(self._fill(p.a, value, verdicts, done),
                                     self._fill(p.b, value, verdicts, done))
        elif kind == ONE_OR_MORE:
            result = self.one_or_more(self._fill(p.a, value, verdicts, done))
        elif kind == AFTER:
            result = self.after(self._fill(p.a, value, verdicts, done), p.b)
        else:
            result = p
        done[p] = result
        return result

    def value_fits(self, p: Pattern, value: str) -> bool:
        """Does the text *value* match the (attribute or data) pattern *p* entirely?"""
        if p.nullable and not value.strip():
            return True
        key = (p, value)
        found = self._fits.get(key)
        if found is None:
            found = self._matches(p, value)
            if len(self._fits) > MAX_REMEMBERED_VALUES:
                self._fits.clear()
            self._fits[key] = found
        return found

    def _matches(self, p: Pattern, value: str) -> bool:
        """value_fits without building patterns for the usual shapes (a choice of values
        and datatypes); anything else goes through the text derivative."""
        kind = p.kind
        if kind == CHOICE:
            return any(self._matches(x, value) for x in p.alts)
        if kind == TEXT:
            return True
        if kind in (VALUE, DATA):
            return self._td(p, value) is self.empty
        if kind == EMPTY:
            return not value.strip()
        if kind == NOT_ALLOWED:
            return False
        return self.text_deriv(p, value).nullable

    def start_tag_close(self, p: Pattern) -> Pattern:
        if p.stc is None:
            p.stc = self._stc(p, recover=False)
        return p.stc

    def start_tag_close_recover(self, p: Pattern) -> Pattern:
        return self._stc(p, recover=True)

    def _stc(self, p: Pattern, recover: bool) -> Pattern:
        kind = p.kind
        if kind == CHOICE:
            return self._choice_of(self._stc(x, recover) for x in p.alts)
        if kind == GROUP:
            return self.group(self._stc(p.a, recover), self._stc(p.b, recover))
        if kind == INTERLEAVE:
            return self.interleave(self._stc(p.a, recover), self._stc(p.b, recover))
        if kind == ONE_OR_MORE:
            return self.one_or_more(self._stc(p.a, recover))
        if kind == AFTER:
            return self.after(self._stc(p.a, recover), p.b)
        if kind == ATTRIBUTE:
            return self.empty if recover else self.not_allowed
        return p

    def text_deriv(self, p: Pattern, text: str) -> Pattern:
        if p.text_free:
            if p.td is None:
                p.td = self._td(p, text)
            return p.td
        return self._td(p, text)

    def _td(self, p: Pattern, text: str) -> Pattern:
        kind = p.kind
        if kind == TEXT:
            return p
        if kind == CHOICE:
            return self._choice_of(self.text_deriv(x, text) for x in p.alts)
        if kind == GROUP:
            x = self.group(self.text_deriv(p.a, text), p.b)
            return self.choice(x, self.text_deriv(p.b, text)) if p.a.nullable else x
        if kind == INTERLEAVE:
            return self.choice(self.interleave(self.text_deriv(p.a, text), p.b),
                               self.interleave(p.a, self.text_deriv(p.b, text)))
        if kind == ONE_OR_MORE:
            return self.group(self.text_deriv(p.a, text), self.choice(p, self.empty))
        if kind == AFTER:
            return self.after(self.text_deriv(p.a, text), p.b)
        if kind == VALUE:
            library, type_name = p.name
            ok = datatypes.equal(library, type_name, text, p.extra)
            return self.empty if ok else self.not_allowed
        if kind == DATA:
            library, type_name = p.name
            if not datatypes.allows(library, type_name, p.extra, text):
                return self.not_allowed
            if p.a is not None and self.value_fits(p.a, text):
                return self.not_allowed
            return self.empty
        if kind == LIST:
            q = p.a
            for token in text.split():
                q = self.text_deriv(q, token)
            return self.empty if q.nullable else self.not_allowed
        return self.not_allowed

    def end_tag(self, p: Pattern, recover: bool = False) -> Pattern:
        if not recover and p.end is not None:
            return p.end
        kind = p.kind
        if kind == CHOICE:
            result = self._choice_of(self.end_tag(x, recover) for x in p.alts)
        elif kind == AFTER:
            result = p.b if (recover or p.a.nullable) else self.not_allowed
        else:
            result = self.not_allowed
        if not recover:
            p.end = result
        return result

    # ------------------------------------------------------------ explanation
    def first_names(self, p: Pattern) -> set[str]:
        """The names of the elements that may come next in *p*."""
        names: set = set()
        self._firsts(p, names, set())
        return names

    def first_qnames(self, p: Pattern) -> set[tuple[str, str]]:
        """(namespace, local name) of the elements that may come next in *p*."""
        found: list = []
        for element in self._first_elements(p, set()):
            _collect(element.name, found)
        return set(found)

    def _first_elements(self, p: Pattern, seen: set) -> list[Pattern]:
        if p in seen:
            return []
        seen.add(p)
        if p.kind == ELEMENT:
            return [p]
        if p.kind == CHOICE:
            return [e for x in p.alts for e in self._first_elements(x, seen)]
        if p.kind == GROUP:
            found = self._first_elements(p.a, seen)
            return found + self._first_elements(p.b, seen) if p.a.nullable else found
        if p.kind == INTERLEAVE:
            return self._first_elements(p.a, seen) + self._first_elements(p.b, seen)
        if p.kind in (ONE_OR_MORE, AFTER):
            return self._first_elements(p.a, seen)
        return []

    def _firsts(self, p: Pattern, names: set, seen: set) -> None:
        if p in seen:
            return
        seen.add(p)
        kind = p.kind
        if kind == CHOICE:
            for x in p.alts:
                self._firsts(x, names, seen)
        elif kind == ELEMENT:
            names.update(_display_names(p.name))
        elif kind == GROUP:
            self._firsts(p.a, names, seen)
            if p.a.nullable:
                self._firsts(p.b, names, seen)
        elif kind == INTERLEAVE:
            self._firsts(p.a, names, seen)
            self._firsts(p.b, names, seen)
        elif kind in (ONE_OR_MORE, AFTER):
            self._firsts(p.a, names, seen)

    def skip_valid(self, q: Pattern, name: tuple[str, str]) -> Pattern | None:
        """The pattern after a whole element named *name* known to be valid against its
        definition, from *q* = start_tag_open(..., name); None when the grammar defines
        more than one element of that name (which definition applies is not known)."""
        nodes = self.by_name.get(name)
        if not nodes or len(nodes) != 1:
            return None
        content = self.content(self._build(nodes[0]))
        parts = self._after_parts(q)
        if not parts or any(a is not content for a, _ in parts):
            return None
        return self._choice_of(b for _, b in parts)

    def _after_parts(self, p: Pattern) -> list[tuple[Pattern, Pattern]]:
        if p.kind == AFTER:
            return [(p.a, p.b)]
        if p.kind == CHOICE:
            return [part for x in p.alts for part in self._after_parts(x)]
        return []

    def content_parts(self, p: Pattern) -> list[Pattern]:
        """The content patterns of the After nodes of *p* (inside the current element)."""
        if p.kind == AFTER:
            return [p.a]
        if p.kind == CHOICE:
            return [c for x in p.alts for c in self.content_parts(x)]
        return []

    def attribute_names(self, p: Pattern, required_only: bool = False) -> set[str]:
        """Names of the attributes *p* still allows (or requires)."""
        names: set = set()
        for content in self.content_parts(p):
            self._attributes(content, names, set(), required_only)
        return names

    def _attributes(self, p: Pattern, names: set, seen: set, required: bool) -> None:
        if p in seen:
            return
        seen.add(p)
        kind = p.kind
        if kind == ATTRIBUTE:
            names.update(_display_names(p.name))
        elif kind == CHOICE:
            if required and any(x.nullable or not self._has_attribute(x) for x in p.alts):
                return
            for x in p.alts:
                self._attributes(x, names, seen, required)
        elif kind in (GROUP, INTERLEAVE):
            self._attributes(p.a, names, seen, required)
            self._attributes(p.b, names, seen, required)
        elif kind == ONE_OR_MORE:
            self._attributes(p.a, names, seen, required)

    def _has_attribute(self, p: Pattern) -> bool:
        if p.kind == ATTRIBUTE:
            return True
        if p.kind == CHOICE:
            return any(self._has_attribute(x) for x in p.alts)
        if p.kind in (GROUP, INTERLEAVE):
            return self._has_attribute(p.a) or self._has_attribute(p.b)
        if p.kind == ONE_OR_MORE:
            return self._has_attribute(p.a)
        return False

    def element_anywhere(self, name: tuple[str, str]) -> Pattern | None:
        """The content every element pattern of the grammar named *name* allows, or None."""
        nodes = self.by_name.get(name) or [
            n for n in self.wildcards if _contains(_name_class(n, False), name)]
        if not nodes:
            return None
        return self._choice_of(self.after(self.content(self._build(n)), self.empty)
                               for n in nodes)


def _kids(node: etree._Element):
    for child in node:
        if isinstance(child.tag, str) and child.tag.startswith(_R):
            yield child


def _is_name_class(node: etree._Element) -> bool:
    return node.tag in (_R + "anyName", _R + "nsName", _R + "choice") and _only_names(node)


def _only_names(node: etree._Element) -> bool:
    if node.tag in (_R + "name", _R + "anyName", _R + "nsName"):
        return True
    if node.tag == _R + "choice":
        return all(_only_names(k) for k in _kids(node))
    return False


def _inherited_ns(node: etree._Element) -> str:
    for ancestor in (node, *node.iterancestors()):
        ns = ancestor.get("ns")
        if ns is not None:
            return ns
    return ""


def _library(node: etree._Element) -> str:
    for ancestor in (node, *node.iterancestors()):
        library = ancestor.get("datatypeLibrary")
        if library is not None:
            return library
    return ""


def _qname(text: str, node: etree._Element, default_ns: str) -> tuple[str, str]:
    text = text.strip()
    if ":" in text:
        prefix, local = text.split(":", 1)
        ns = XML_NS if prefix == "xml" else (node.nsmap.get(prefix) or "")
        return ns, local
    return default_ns, text


def _name_class(node: etree._Element, attribute: bool):
    """The name class of an element or attribute pattern, as nested tuples."""
    name = node.get("name")
    if name is not None:
        default = (node.get("ns") or "") if attribute else _inherited_ns(node)
        return ("name", *_qname(name, node, default))
    for child in _kids(node):
        if _is_name_class(child) or child.tag == _R + "name":
            return _class_of(child)
    return ("any", None)


def _class_of(node: etree._Element):
    tag = node.tag[len(_R):]
    if tag == "name":
        return ("name", *_qname(node.text or "", node, _inherited_ns(node)))
    excepted = next((k for k in _kids(node) if k.tag == _R + "except"), None)
    exc = None
    if excepted is not None:
        classes = [_class_of(k) for k in _kids(excepted)]
        exc = classes[0]
        for other in classes[1:]:
            exc = ("choice", exc, other)
    if tag == "anyName":
        return ("any", exc)
    if tag == "nsName":
        return ("ns", _inherited_ns(node), exc)
    classes = [_class_of(k) for k in _kids(node)]
    result = classes[0]
    for other in classes[1:]:
        result = ("choice", result, other)
    return result


def _contains(nc, name: tuple[str, str]) -> bool:
    kind = nc[0]
    if kind == "name":
        return nc[1] == name[0] and nc[2] == name[1]
    if kind == "any":
        return nc[1] is None or not _contains(nc[1], name)
    if kind == "ns":
        return nc[1] == name[0] and (nc[2] is None or not _contains(nc[2], name))
    return _contains(nc[1], name) or _contains(nc[2], name)


def _names_of(node: etree._Element, attribute: bool) -> list[tuple[str, str]]:
    nc = _name_class(node, attribute)
    found: list = []
    _collect(nc, found)
    return found


def _collect(nc, found: list) -> None:
    if nc[0] == "name":
        found.append((nc[1], nc[2]))
    elif nc[0] == "choice":
        _collect(nc[1], found)
        _collect(nc[2], found)
    elif nc[0] == "any":
        found.append(("*", "*"))
    else:
        found.append(("*", nc[1]))


def _display_names(nc) -> list[str]:
    found: list = []
    _collect(nc, found)
    out = []
    for ns, local in found:
        if ns == "*":
            out.append("any element" if local == "*" else f"any element in {local}")
        elif ns == XML_NS:
            out.append(f"xml:{local}")
        else:
            out.append(local)
    return out
