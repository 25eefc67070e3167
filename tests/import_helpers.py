"""Shared by the importer tests: running an import, validating, reading words."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from lxml import etree

from teikit.importer import ImportResult, Options, import_file

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures" / "import"
SAMPLE_REGISTER = TESTS / "fixtures" / "edition" / "register"
PROJECT = TESTS.parent
SHARED = Path(os.environ.get("TEIKIT_SHARED", PROJECT.parent / "shared"))
SEEDS = SHARED / "seeds"
TEI_ALL = SHARED / "schemas-reference" / "tei_all.rng"
PROJECT_RNG = PROJECT / "schemas" / "teikit.rng"
TEI = "{http://www.tei-c.org/ns/1.0}"
NS = {"t": "http://www.tei-c.org/ns/1.0", "xml": "http://www.w3.org/XML/1998/namespace"}


def run_import(source: Path, tmp_path: Path, prefix: str = "test", register=SAMPLE_REGISTER,
               **options) -> tuple[ImportResult, etree._Element]:
    """Import *source*; return the result and the parsed draft."""
    output = tmp_path / "tei" / f"{prefix}.xml"
    result = import_file(source, Options(prefix=prefix, register=register, output=output, **options))
    return result, etree.fromstring(result.to_bytes())


def jing_errors(path: Path, schema: Path) -> str:
    """jing's complaints about *path* ('' when valid)."""
    jing = shutil.which("jing")
    assert jing, "jing is needed (apt-get install jing)"
    run = subprocess.run([jing, str(schema), str(path)], capture_output=True, text=True)
    return run.stdout.strip()


def words(text: str) -> list[str]:
    """The words of a text, as the word-equality tests count them."""
    return re.findall(r"\w+", text)


BLOCKS = {f"{TEI}{t}" for t in ("p", "head", "item", "div", "list", "cit", "quote", "body",
                                 "abstract", "note", "term", "title")}


def text_without_notes(element: etree._Element) -> str:
    """All text under *element* in document order, leaving out footnotes.

    Inline elements join without a space (a page break may fall inside a word);
    block elements are separated by one.
    """
    out: list[str] = []

    def walk(node):
        out.append(" " if node.tag in BLOCKS else "")
        out.append(node.text or "")
        for child in node:
            if child.tag != f"{TEI}note":
                walk(child)
            out.append(child.tail or "")
        out.append(" " if node.tag in BLOCKS else "")

    walk(element)
    return "".join(out)


def note_texts(root: etree._Element) -> list[str]:
    return ["".join(n.itertext()) for n in root.iter(f"{TEI}note")]
