"""The project schema is a subset of TEI P5: random documents it accepts, tei_all accepts too.

A small generator walks schemas/teikit.rng and writes seeded random instances of it
(every choice, optional and repetition decided at random, bounded in depth); jing
then checks the whole batch against the project schema (the generator is honest)
and against the official tei_all.rng (the claim).
"""

from __future__ import annotations

import random
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from lxml import etree

from teikit.validate import PROJECT_RNG

ROOT = Path(__file__).resolve().parents[1]
TEI_ALL = ROOT.parent / "shared" / "schemas-reference" / "tei_all.rng"
RNG = "{http://relaxng.org/ns/structure/1.0}"
XML_NS = "http://www.w3.org/XML/1998/namespace"
SAMPLES = {"date": "1921-03-16", "gYearMonth": "1917-10", "gYear": "1921", "decimal": "2.5",
           "dateTime": "2026-11-21T10:00:00Z", "language": "tr", "anyURI": "#x",
           "token": "word", "string": "metin"}
MAX_DEPTH = 9
DOCUMENTS = 60


class InstanceWriter:
    """Random documents valid against one RELAX NG grammar (XML syntax; foreign elements such
    as odd2relax's a:documentation are passed over)."""

    def __init__(self, grammar: etree._Element, seed: int) -> None:
        self.defines = {d.get("name"): d for d in grammar.iter(RNG + "define")}
        self.start = grammar.find(RNG + "start")
        self.ns = grammar.get("ns")
        self.random = random.Random(seed)
        self.ids = 0

    def document(self) -> etree._Element:
        holder = etree.Element("holder")
        self._pattern(self.start, holder, 0)
        return holder[0]

    def _pattern(self, node, parent, depth) -> None:
        for child in node:
            if isinstance(child.tag, str):
                self._one(child, parent, depth)

    def _one(self, node, parent, depth) -> None:
        tag = node.tag[len(RNG):]
        deep = depth > MAX_DEPTH
        if tag in ("group", "define", "start"):
            self._pattern(node, parent, depth)
        elif tag == "interleave":
            self._pattern(node, parent, depth)
        elif tag == "choice":
            options = _patterns(node)
            if deep:
                options = sorted(options, key=self._cost)[:1]
            self._one(self.random.choice(options), parent, depth)
        elif tag in ("optional", "zeroOrMore", "oneOrMore"):
            least = 1 if tag == "oneOrMore" else 0
            most = least if deep else (1 if tag == "optional" else least + 2)
            for _ in range(self.random.randint(least, most)):
                self._pattern(node, parent, depth)
        elif tag == "ref":
            self._one(self.defines[node.get("name")], parent, depth)
        elif tag == "element":
            element = etree.SubElement(parent, _name(node, self.ns))
            self._pattern(node, element, depth + 1)
        elif tag == "attribute":
            self._attribute(node, parent, depth)
        elif tag == "text":
            _append_text(parent, "metin ")
        elif tag in ("data", "value", "list"):
            _append_text(parent, self._value(node))
        # empty, notAllowed: nothing to write

    def _attribute(self, node, element, depth) -> None:
        name = _name(node, "")
        content = [c for c in node if isinstance(c.tag, str) and c.tag != RNG + "name"]
        holder = etree.Element("holder")
        for child in content:
            self._one(child, holder, depth)
        value = (holder.text or "").strip() or "metin"
        if name == f"{{{XML_NS}}}id":
            self.ids += 1
            value = f"id{self.ids}"
        element.set(name, value)

    def _value(self, node) -> str:
        tag = node.tag[len(RNG):]
        if tag == "value":
            return node.text
        if tag == "data":
            return SAMPLES.get(node.get("type"), "metin")
        holder = etree.Element("holder")  # list: one or more tokens
        self._pattern(node, holder, MAX_DEPTH + 1)
        return " ".join((holder.text or "").split()) or "x"

    def _cost(self, node) -> int:
        return _cost(self, node, frozenset())


def _cost(writer: InstanceWriter, node, seen: frozenset) -> int:
    """How many elements the smallest instance of *node* needs (to end deep recursion)."""
    tag = node.tag[len(RNG):]
    if tag == "element":
        return 1 + sum(_cost(writer, c, seen) for c in node if isinstance(c.tag, str))
    if tag == "ref":
        name = node.get("name")
        return 50 if name in seen else _cost(writer, writer.defines[name], seen | {name})
    if tag in ("optional", "zeroOrMore", "attribute", "text", "data", "value", "empty", "name"):
        return 0
    kids = [_cost(writer, c, seen) for c in _patterns(node)]
    if tag == "choice":
        return min(kids)
    return sum(kids)


def _patterns(node: etree._Element) -> list[etree._Element]:
    """The RELAX NG children of *node* (not comments, not annotations)."""
    return [c for c in node if isinstance(c.tag, str) and c.tag.startswith(RNG)]


def _name(node: etree._Element, default_ns: str) -> str:
    """The Clark name of an element or attribute pattern (name attribute, maybe prefixed as
    odd2relax writes xml:id, or <name> child)."""
    name_node = node.find(RNG + "name")
    if name_node is None:
        local, ns = node.get("name"), default_ns
        if ":" in local:
            prefix, local = local.split(":", 1)
            ns = XML_NS if prefix == "xml" else node.nsmap[prefix]
    else:
        local, ns = name_node.text.strip(), name_node.get("ns", default_ns)
    return f"{{{ns}}}{local}" if ns else local


def _append_text(parent: etree._Element, text: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


@lru_cache(maxsize=1)
def _documents(directory: Path) -> list[Path]:
    grammar = etree.parse(str(PROJECT_RNG)).getroot()
    paths = []
    for seed in range(DOCUMENTS):
        document = InstanceWriter(grammar, seed).document()
        path = directory / f"random-{seed:02d}.xml"
        path.write_bytes(etree.tostring(document, xml_declaration=True, encoding="UTF-8"))
        paths.append(path)
    return paths


def _jing(schema: Path, files: list[Path]) -> subprocess.CompletedProcess:
    jing = shutil.which("jing")
    assert jing, "jing is needed (Debian package jing, listed in .ci/run)"
    return subprocess.run([jing, str(schema), *map(str, files)], capture_output=True,
                          text=True, check=False)


def test_random_documents_of_the_project_schema_are_valid_tei(tmp_path_factory):
    files = _documents(tmp_path_factory.mktemp("random-instances"))
    generated = _jing(PROJECT_RNG, files)
    assert generated.returncode == 0, generated.stdout[:3000]  # the generator is honest
    official = _jing(TEI_ALL, files)
    assert official.returncode == 0, official.stdout[:3000]


def test_random_documents_exercise_most_of_the_schema(tmp_path_factory):
    files = _documents(tmp_path_factory.mktemp("random-instances"))
    used = {etree.QName(e).localname for f in files for e in etree.parse(str(f)).iter()
            if isinstance(e.tag, str)}
    declared = {etree.QName(_name(e, "x")).localname
                for e in etree.parse(str(PROJECT_RNG)).iter(RNG + "element")}
    assert len(used & declared) >= 0.8 * len(declared), sorted(declared - used)
