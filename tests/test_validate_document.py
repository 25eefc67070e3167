"""Saxon reads a document's own text when that is the document lxml parsed, and a large
document gives up its lxml tree while Saxon runs (teikit.validate.document): neither
may change a single problem, message, line or column."""

from __future__ import annotations

from pathlib import Path

import pytest

from teikit.validate import document, validate_paths
from teikit.validate.document import Document
from teikit.xmlio import parse

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
EXTERNAL = ROOT.parent / "shared" / "corpora" / "external"
TEI_ALL = ROOT.parent / "shared" / "schemas-reference" / "tei_all.rng"


def _problems(paths, **options):
    return [(p.path, p.line, p.column, p.severity, p.message)
            for p in validate_paths(paths, **options).problems]


def _serialised_tree_only(monkeypatch):
    """Saxon gets lxml's serialisation of the tree, as before document.py."""
    monkeypatch.setattr(document, "_plain", lambda tree: False)


@pytest.mark.parametrize("folder", ["schema/sch-invalid", "schema/rng-invalid", "edition",
                                    "edition-rules", "rules"])
def test_the_files_own_text_finds_what_the_serialised_tree_finds(monkeypatch, folder):
    paths = [FIXTURES / folder]
    own = _problems(paths, jobs=1)
    with monkeypatch.context() as patch:
        _serialised_tree_only(patch)
        serialised = _problems(paths, jobs=1)
    assert own == serialised
    if folder == "schema/sch-invalid":
        assert sum(p[3] == "error" for p in own) >= 10  # rules did fail: lines compared


def test_the_edition_finds_the_same_either_way(monkeypatch):
    own = _problems([ROOT / "tei"], jobs=1)
    _serialised_tree_only(monkeypatch)
    assert own == _problems([ROOT / "tei"], jobs=1)


@pytest.mark.skipif(not TEI_ALL.is_file(), reason="needs ../shared")
def test_the_embedded_rules_find_the_same_on_the_external_corpus(monkeypatch):
    own = _problems([EXTERNAL], schema=TEI_ALL, jobs=1)
    _serialised_tree_only(monkeypatch)
    serialised = _problems([EXTERNAL], schema=TEI_ALL, jobs=1)
    assert own == serialised
    assert len(own) > 100


def test_a_document_that_gives_up_its_tree_reports_the_same_lines(monkeypatch):
    paths = [FIXTURES / "schema" / "sch-invalid"]
    kept = _problems(paths, jobs=1)
    monkeypatch.setattr(document, "RELEASE_TREE_BYTES", 0)
    released = _problems(paths, jobs=1)
    assert released == kept and len(kept) >= 10


def test_a_tree_is_parsed_again_only_when_asked(monkeypatch):
    path = FIXTURES / "schema" / "sch-invalid" / "date-range-reversed.xml"
    monkeypatch.setattr(document, "RELEASE_TREE_BYTES", 0)
    doc = Document(path, parse(path), {}, path.stat().st_size)
    tree, text = doc.for_saxon()
    assert tree is None and text.lstrip().startswith("<")
    assert doc.tree.getroot().tag.endswith("TEI")


def test_a_document_with_a_doctype_is_handed_over_as_its_tree(tmp_path):
    path = tmp_path / "doctype.xml"
    path.write_text('<!DOCTYPE TEI [<!ATTLIST p rend CDATA "bold">]>\n'
                    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><p>x</p></TEI>', encoding="utf-8")
    doc = Document(path, parse(path), {}, path.stat().st_size)
    tree, text = doc.for_saxon()
    assert text is None and tree is not None  # the DTD's default is not Saxon's to add


def test_a_latin1_document_is_handed_over_as_its_tree(tmp_path):
    path = tmp_path / "latin1.xml"
    path.write_bytes('<?xml version="1.0" encoding="ISO-8859-1"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">'
                     '<p>caf\u00e9</p></TEI>'.encode("latin-1"))
    doc = Document(path, parse(path), {}, path.stat().st_size)
    assert doc.for_saxon()[1] is None
