"""Fuzzing ``teikit validate`` with mutated copies of a valid article.

Each example cuts, duplicates or splices the sample article's bytes, or moves,
removes, duplicates and renames its elements, then validates it. Whatever the damage: no crash, the file is left byte for byte as
it was, every problem names the file and a line inside it, a file that is not
well-formed is reported invalid, and the RELAX NG verdict agrees with lxml's own
RELAX NG validator on the project schema (an invalid file is never passed).
"""

from __future__ import annotations

import copy
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from lxml import etree

from teikit.validate import PROJECT_RNG, validate_paths

from scale_helpers import FIXTURE, make_edition, with_absolute_schema_links

SNIPPETS = [b"<", b"&", b"&amp;", b"</p>", b"<p>", b"<hi>", b"]]>", b"<!--", b"\xff", b"\xc4",
            "ğ".encode(), b' xml:id="smpl-p1"', b' ref="#nowhere"', b"<!DOCTYPE TEI []>",
            b"<?pi x?>", b'<date when="1919-13-45">x</date>', b'<pb n="x"/>', b"\x00", b"\t"]


SOURCE = with_absolute_schema_links(
    (FIXTURE / "sample-article.xml").read_text(encoding="utf-8")).encode("utf-8")
POSITION = st.integers(0, len(SOURCE))


@st.composite
def tree_mutations(draw) -> bytes:
    """Well-formed damage: elements moved, removed, duplicated, renamed; values changed."""
    root = etree.fromstring(SOURCE)
    elements = [e for e in root.iter(etree.Element) if e is not root]
    for _ in range(draw(st.integers(1, 3))):
        element = draw(st.sampled_from(elements))
        parent = element.getparent()
        if parent is None:
            continue
        kind = draw(st.sampled_from(["remove", "duplicate", "hoist", "attribute", "rename", "text"]))
        if kind == "remove":
            parent.remove(element)
        elif kind == "duplicate":
            element.addnext(copy.deepcopy(element))
        elif kind == "hoist" and parent.getparent() is not None:
            parent.addnext(element)
        elif kind == "attribute":
            name = draw(st.sampled_from(list(element.attrib) or ["n"]))
            element.set(name, draw(st.sampled_from(["", "x y", "#nowhere", "1919-02-30",
                                                    "register/persons.xml#per-nobody", "ğ"])))
        elif kind == "rename":
            element.tag = draw(st.sampled_from(["{http://www.tei-c.org/ns/1.0}seg", "p", "{urn:x}p"]))
        else:
            element.text = draw(st.sampled_from(["", "metin & <işaret>", "]]>", "\u00a0"]))
    return etree.tostring(root.getroottree(), encoding="utf-8", xml_declaration=True)


@st.composite
def byte_mutations(draw) -> bytes:
    data = SOURCE
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["delete", "insert", "duplicate", "truncate", "swap"]))
        i, j = sorted((draw(POSITION) % (len(data) + 1), draw(POSITION) % (len(data) + 1)))
        if kind == "delete":
            data = data[:i] + data[j:j + (j - i) % 40]  # also short cuts
            data = data if data else b"<"
        elif kind == "insert":
            data = data[:i] + draw(st.sampled_from(SNIPPETS)) + data[i:]
        elif kind == "duplicate":
            data = data[:j] + data[i:i + min(j - i, 400)] + data[j:]
        elif kind == "truncate":
            data = data[:max(i, 1)]
        else:  # rename every element of one name: a schema error, not a syntax error
            name = draw(st.sampled_from([b"persName", b"date", b"bibl", b"p", b"div"]))
            data = data.replace(b"<" + name + b" ", b"<nameX ").replace(b"</" + name + b">", b"</nameX>")
    return data


_RNG = etree.RelaxNG(etree.parse(str(PROJECT_RNG)))


def lxml_verdict(data: bytes) -> tuple[bool, bool]:
    """(well-formed, valid against the project RELAX NG) by lxml alone."""
    try:
        tree = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True,
                                                      load_dtd=False)).getroottree()
    except etree.XMLSyntaxError:
        return False, False
    return True, _RNG.validate(tree)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """Registers once; each example writes its article into a fresh edition beside them."""
    return tmp_path_factory.mktemp("fuzz-validate")


def new_edition(workspace: Path) -> Path:
    """A fresh edition directory (the index of an edition is cached by its path)."""
    return make_edition(Path(tempfile.mkdtemp(dir=workspace)) / "ed", article=False)


@settings(max_examples=int(os.environ.get("TEIKIT_FUZZ_EXAMPLES", 40)), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.one_of(byte_mutations(), tree_mutations()))
def test_validate_survives_any_mutation_and_never_passes_an_invalid_file(workspace, data):
    article = new_edition(workspace) / "mutated.xml"
    article.write_bytes(data)
    report = validate_paths([article])
    assert article.read_bytes() == data, "validation changed the file"
    lines = data.count(b"\n") + 1
    for problem in report.problems:
        assert problem.path == str(article)
        assert problem.severity in ("error", "warning")
        assert problem.line is None or 1 <= problem.line <= lines, problem
        assert problem.message.strip()
    well_formed, rng_valid = lxml_verdict(data)
    if not well_formed or not rng_valid:
        assert not report.ok, f"validate passed a file lxml finds {'invalid' if well_formed else 'broken'}"


def test_the_unmutated_article_is_valid(workspace):
    article = new_edition(workspace) / "sample.xml"
    article.write_bytes(SOURCE)
    report = validate_paths([article])
    assert report.ok, [str(p) for p in report.errors]
    assert lxml_verdict(SOURCE) == (True, True)
