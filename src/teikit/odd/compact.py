"""RELAX NG XML syntax to RELAX NG compact syntax, without Java.

``teikit odd compile --compact SCHEMA.rnc`` writes the compact form of the schema it
compiled. The Consortium's own tools call trang (Java) for it; no Python library writes
compact syntax (``rnc2rng`` reads it), and the Consortium's ``RngToRnc.xsl`` is a part of
their documentation stylesheets that does not compile on its own. So teikit serialises
the grammar itself, following the compact syntax of the RELAX NG specification (OASIS
2002): every pattern, name class, datatype, parameter and ``except`` of the XML syntax
has its compact form, with the namespaces and datatype libraries declared up front.

What does not carry over: annotations other than ``a:documentation`` (which becomes a
``##`` comment before the element, attribute or definition it documents), such as the
Schematron rules odd2relax embeds (they are in the ``--schematron`` file), and XML
comments other than the grammar's own (kept as ``#`` comments). A schema read back from
the compact form accepts and rejects exactly what the XML form does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from teikit.errors import SchemaError
from teikit.xmlio import parse

RNG_NS = "http://relaxng.org/ns/structure/1.0"
ANNOTATIONS_NS = "http://relaxng.org/ns/compatibility/annotations/1.0"
XSD_LIBRARY = "http://www.w3.org/2001/XMLSchema-datatypes"
XML_NS = "http://www.w3.org/XML/1998/namespace"
R = f"{{{RNG_NS}}}"
#: the compact syntax's keywords: an identifier spelt like one is escaped with a backslash
KEYWORDS = frozenset("attribute default datatypes div element empty external grammar include "
                     "inherit list mixed namespace notAllowed parent start string text "
                     "token".split())
INDENT = "  "
#: a composite pattern shorter than this stays on one line
LINE = 72


class CompactError(SchemaError):
    """The RELAX NG schema holds something the compact syntax cannot say here."""


@dataclass
class _Names:
    """The namespace prefixes and datatype library prefixes the output declares."""

    default_ns: str | None = None
    prefixes: dict[str, str] = field(default_factory=dict)     # uri -> prefix
    libraries: dict[str, str] = field(default_factory=dict)    # library uri -> prefix

    def prefix(self, uri: str, hint: str | None = None) -> str:
        if uri == XML_NS:
            return "xml"
        if uri not in self.prefixes:
            taken = set(self.prefixes.values()) | {"xml", "xsd"}
            candidate = hint if hint and hint not in taken and hint not in KEYWORDS else None
            n = 1
            while candidate is None or candidate in taken:
                candidate, n = f"ns{n}", n + 1
            self.prefixes[uri] = candidate
        return self.prefixes[uri]

    def library(self, uri: str) -> str:
        if uri not in self.libraries:
            self.libraries[uri] = "xsd" if uri == XSD_LIBRARY else f"dt{len(self.libraries) + 1}"
        return self.libraries[uri]


def to_compact(relaxng: str | bytes | etree._Element) -> str:
    """The compact syntax of the RELAX NG grammar *relaxng* (XML text or a parsed root)."""
    if isinstance(relaxng, etree._Element):
        root = relaxng
    else:
        data = relaxng.encode("utf-8") if isinstance(relaxng, str) else relaxng
        root = parse(data, name="the RELAX NG schema").getroot()
    if root.tag not in (f"{R}grammar", f"{R}element") and not root.tag.startswith(R):
        raise CompactError(f"not a RELAX NG schema (root is {root.tag})")
    names = _Names(default_ns=root.get("ns"))
    writer = _Writer(names)
    if root.tag == f"{R}grammar":
        body = writer.grammar_content(root, 0, root.get("ns", ""),
                                      root.get("datatypeLibrary", ""))
    else:
        body = [writer.pattern(root, 0, root.get("ns", ""), root.get("datatypeLibrary", ""))]
    return "\n".join(_preamble(root, names) + [""] + body).rstrip() + "\n"


def _preamble(root: etree._Element, names: _Names) -> list[str]:
    lines = [f"# {line}".rstrip() for comment in root.iterchildren(etree.Comment)
             for line in (comment.text or "").strip().splitlines()]
    if names.default_ns is not None:
        lines.append(f"default namespace = {_literal(names.default_ns)}")
    for uri, prefix in names.prefixes.items():
        if prefix != "xml":
            lines.append(f"namespace {prefix} = {_literal(uri)}")
    for uri, prefix in names.libraries.items():
        if prefix != "xsd" or uri != XSD_LIBRARY:
            lines.append(f"datatypes {prefix} = {_literal(uri)}")
    return lines


class _Writer:
    """Writes patterns; *ns* and *library* are the inherited ``ns`` and
    ``datatypeLibrary`` at each node."""

    def __init__(self, names: _Names) -> None:
        self.names = names

    # ---------------------------------------------------------------- grammar content

    def grammar_content(self, node, depth: int, ns: str, library: str) -> list[str]:
        out: list[str] = []
        pad = INDENT * depth
        for child in _rng_children(node):
            kind = _local(child)
            docs = _documentation(child, pad)
            c_ns, c_lib = _inherit(child, ns, library)
            if kind in ("start", "define"):
                operator = {"choice": "|=", "interleave": "&="}.get(child.get("combine"), "=")
                name = "start" if kind == "start" else _identifier(child.get("name"))
                body = self.sequence(_rng_children(child), depth + 1, c_ns, c_lib)
                out += docs + [f"{pad}{name} {operator}{_after_equals(body, depth + 1)}"]
            elif kind == "div":
                out += docs + [f"{pad}div {{", *self.grammar_content(child, depth + 1, c_ns, c_lib),
                               f"{pad}}}"]
            elif kind == "include":
                inner = self.grammar_content(child, depth + 1, c_ns, c_lib)
                head = f"{pad}include {_literal(child.get('href'))}{self._inherit_ns(child)}"
                out += docs + ([head + " {", *inner, f"{pad}}}"] if inner else [head])
            else:
                raise CompactError(f"<{kind}> cannot stand in a grammar")
        return out

    def _inherit_ns(self, node) -> str:
        if node.get("ns") is None:
            return ""
        return f" inherit = {self.names.prefix(node.get('ns'), None)}"

    # ---------------------------------------------------------------- patterns

    def sequence(self, patterns, depth: int, ns: str, library: str) -> str:
        """Several patterns in a row (an element's or define's content): one group."""
        parts = [self.pattern(p, depth, ns, library) for p in patterns]
        if not parts:
            return "empty"
        return parts[0] if len(parts) == 1 else _composite(parts, ",", depth)

    def pattern(self, node, depth: int, ns: str, library: str) -> str:
        ns, library = _inherit(node, ns, library)
        kind = _local(node)
        children = _rng_children(node)
        if kind in ("element", "attribute"):
            return self._named(node, kind, children, depth, ns, library)
        if kind in ("group", "choice", "interleave"):
            parts = [self.pattern(c, depth, ns, library) for c in children]
            if len(parts) == 1:
                return parts[0]
            return _composite(parts, {"group": ",", "choice": "|", "interleave": "&"}[kind],
                              depth)
        if kind in ("optional", "zeroOrMore", "oneOrMore"):
            inner = self.sequence(children, depth, ns, library)
            suffix = {"optional": "?", "zeroOrMore": "*", "oneOrMore": "+"}[kind]
            return f"{_primary(inner)}{suffix}"
        if kind in ("list", "mixed"):
            return f"{kind} {_braced(self.sequence(children, depth + 1, ns, library), depth + 1)}"
        if kind in ("empty", "text", "notAllowed"):
            return kind
        if kind == "ref":
            return _identifier(node.get("name"))
        if kind == "parentRef":
            return f"parent {_identifier(node.get('name'))}"
        if kind == "externalRef":
            return f"external {_literal(node.get('href'))}{self._inherit_ns(node)}"
        if kind == "grammar":
            inner = self.grammar_content(node, depth + 1, ns, library)
            return "grammar {\n" + "\n".join(inner) + f"\n{INDENT * depth}}}"
        if kind == "data":
            return self._data(node, children, depth, ns, library)
        if kind == "value":
            return self._value(node, library)
        raise CompactError(f"RELAX NG <{kind}> is not a pattern")

    def _named(self, node, kind: str, children, depth: int, ns: str, library: str) -> str:
        if node.get("name") is not None:
            name = self._qname(node, node.get("name"), ns, kind)
            content = children
        else:
            name = self.name_class(children[0], ns if kind == "element" else "", kind)
            content = children[1:]
        if kind == "attribute" and not content:
            body = "text"
        else:
            body = self.sequence(content, depth + 1, ns, library)
        docs = _documentation(node, "")
        lead = "".join(f"{line}\n{INDENT * depth}" for line in docs)
        return f"{lead}{kind} {_escape_name(name)} {_braced(body, depth + 1)}"

    def _data(self, node, children, depth: int, ns: str, library: str) -> str:
        text = self._datatype(node.get("type"), library)
        params = [c for c in children if _local(c) == "param"]
        excepts = [c for c in children if _local(c) == "except"]
        if params:
            inner = " ".join(f"{_identifier(p.get('name'))} = {_literal(p.text or '')}"
                             for p in params)
            text += f" {{ {inner} }}"
        if excepts:
            minus = self.sequence(_rng_children(excepts[0]), depth, ns, library)
            text = f"({text} - {_primary(minus)})"
        return text

    def _value(self, node, library: str) -> str:
        kind = node.get("type")
        literal = _literal(node.text or "")
        if kind is None:  # the built-in token type, whatever the inherited library
            return literal
        return f"{self._datatype(kind, library)} {literal}"

    def _datatype(self, kind: str, library: str) -> str:
        if library == "":
            if kind not in ("string", "token"):
                raise CompactError(f"datatype {kind} of the built-in library")
            return kind
        return f"{self.names.library(library)}:{kind}"

    def _qname(self, node, name: str, ns: str, kind: str) -> str:
        """A name attribute as the compact syntax writes it (prefix declared as needed); an
        attribute's unprefixed name is in no namespace, whatever ``ns`` says."""
        if ":" in name:
            prefix, local = name.split(":", 1)
            uri = node.nsmap.get(prefix) if prefix != "xml" else XML_NS
            if uri is None:
                raise CompactError(f"prefix {prefix} of {name} is not declared")
            return f"{self.names.prefix(uri, prefix)}:{local}"
        return name if kind == "attribute" else self._in_ns(ns, name)

    def _in_ns(self, ns: str, local: str, kind: str = "element") -> str:
        if kind == "attribute":  # unprefixed attribute names are in no namespace
            return local if ns == "" else f"{self.names.prefix(ns, None)}:{local}"
        if ns == (self.names.default_ns or "") and (ns or self.names.default_ns is None):
            return local
        if ns == "":
            if self.names.default_ns:  # an element in no namespace under a default one
                return f"{self.names.prefix('', 'local')}:{local}"
            return local
        return f"{self.names.prefix(ns, None)}:{local}"

    # ---------------------------------------------------------------- name classes

    def name_class(self, node, ns: str, kind: str) -> str:
        ns = node.get("ns", ns)
        local = _local(node)
        if local == "name":
            return self._in_ns(ns, (node.text or "").strip(), kind)
        if local == "anyName":
            return "*" + self._name_except(node, ns, kind)
        if local == "nsName":
            if not ns and kind == "element":
                raise CompactError("an nsName of no namespace under a default namespace")
            prefix = self.names.prefix(ns, None) if ns else self.names.prefix("", "local")
            return f"{prefix}:*" + self._name_except(node, ns, kind)
        if local == "choice":
            return "(" + " | ".join(self.name_class(c, ns, kind)
                                    for c in _rng_children(node)) + ")"
        raise CompactError(f"<{local}> is not a name class")

    def _name_except(self, node, ns: str, kind: str) -> str:
        for child in _rng_children(node):
            if _local(child) == "except":
                inner = [self.name_class(c, ns, kind) for c in _rng_children(child)]
                return " - " + (inner[0] if len(inner) == 1 else "(" + " | ".join(inner) + ")")
        return ""


# -------------------------------------------------------------------- helpers

def _local(node) -> str:
    return etree.QName(node).localname


def _rng_children(node) -> list:
    return [c for c in node if isinstance(c.tag, str) and c.tag.startswith(R)]


def _inherit(node, ns: str, library: str) -> tuple[str, str]:
    return node.get("ns", ns), node.get("datatypeLibrary", library)


def _documentation(node, pad: str) -> list[str]:
    """``##`` lines for the non-empty a:documentation children of *node*."""
    lines = []
    for doc in node.iterchildren(f"{{{ANNOTATIONS_NS}}}documentation"):
        text = " ".join("".join(doc.itertext()).split())
        if text:
            lines.append(f"{pad}## {text}")
    return lines


def _identifier(name: str) -> str:
    return f"\\{name}" if name in KEYWORDS else name


def _escape_name(name: str) -> str:
    """A name in a name class: a keyword without a prefix is escaped."""
    return _identifier(name) if ":" not in name and name != "*" else name


def _literal(text: str) -> str:
    """A compact-syntax string literal for *text* (pieces joined with ``~`` when no one
    delimiter can hold it)."""
    multiline = "\n" in text or "\r" in text
    for quote in (('"""', "'''") if multiline else ('"', "'", '"""', "'''")):
        if quote not in text and not text.endswith(quote[0]):
            return f"{quote}{text}{quote}"
    pieces = [text[i:i + 1] for i in range(len(text))]
    return " ~ ".join(_literal(p) for p in pieces)


def _primary(text: str) -> str:
    """*text* as an operand of ``?``, ``*``, ``+``: parenthesised when it has an operator
    of its own outside brackets."""
    return f"({text})" if _has_operator(text) else text


def _has_operator(text: str) -> bool:
    """Whether *text* has ``,`` ``|`` ``&`` or `` - `` outside brackets, braces, string
    literals and ``#`` comments (the compact syntax needs parentheses around it then)."""
    depth, i = 0, 0
    while i < len(text):
        ch = text[i]
        if ch in "\"'":
            quote = text[i:i + 3] if text[i:i + 3] in ('"""', "'''") else ch
            end = text.find(quote, i + len(quote))
            i = (end if end >= 0 else len(text)) + len(quote)
            continue
        if ch == "#":
            end = text.find("\n", i)
            i = end if end >= 0 else len(text)
            continue
        if ch in "({":
            depth += 1
        elif ch in ")}":
            depth -= 1
        elif depth == 0 and (ch in ",|&" or text[i:i + 3] == " - "):
            return True
        i += 1
    return False


def _composite(parts: list[str], operator: str, depth: int) -> str:
    """Parts joined by one operator, in parentheses (the compact syntax does not mix
    operators without them); on one line when short."""
    wrapped = [f"({p})" if _has_operator(p) else p for p in parts]
    one_line = f"{operator} ".join(wrapped) if operator == "," else f" {operator} ".join(wrapped)
    if "\n" not in one_line and len(one_line) + len(INDENT) * depth < LINE:
        return f"({one_line})"
    pad = INDENT * depth
    if operator == ",":
        return "(" + f",\n{pad} ".join(wrapped) + ")"
    return "(" + f"\n{pad} {operator} ".join(wrapped) + ")"


def _after_equals(body: str, depth: int) -> str:
    """A definition's body after ``=``: on the same line when short, else indented below."""
    if "\n" not in body and len(body) < LINE:
        return f" {body}"
    return f"\n{INDENT * depth}{body}"


def _braced(body: str, depth: int) -> str:
    """Content inside ``{ }``: on one line when short, else indented on lines of its own."""
    if "\n" not in body and len(body) < LINE:
        return f"{{ {body} }}"
    return f"{{\n{INDENT * depth}{body}\n{INDENT * (depth - 1)}}}"
