"""``teikit import``: from text extracted from a PDF to a TEI draft.

Public facade: :func:`import_file` (and :class:`Options`, :class:`ImportResult`).
The pipeline: :mod:`source` (checked lines) → :mod:`layout` (pages, footnotes,
blocks) → :mod:`front` (titles, abstracts, keywords) → :mod:`annotate` (text
joined by :mod:`hyphenation`; :mod:`citations`, :mod:`dates`, :mod:`names`,
:mod:`measures`) → :mod:`notes` → :mod:`tei` (the document) → :mod:`report`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from teikit.importer.annotate import Annotator, count_tags
from teikit.importer.bibliography import printed_entries
from teikit.importer.citations import CitationState
from teikit.importer.front import split_front
from teikit.importer.layout import analyse
from teikit.importer.names import Register
from teikit.importer.notes import place_notes
from teikit.importer.report import Report
from teikit.importer.source import read_lines
from teikit.importer.tei import Meta, document

__all__ = ["Options", "ImportResult", "import_file", "import_lines"]


@dataclass
class Options:
    """What the command line passes in."""

    prefix: str
    lang: str = "tr"
    register: str | os.PathLike | None = None
    first_page: int | None = None  # None: pages numbered from 1, printed numbers unknown
    line_breaks: bool = False
    output: str | os.PathLike = "tei/draft.xml"


@dataclass
class ImportResult:
    """The draft, its report, and where things were found in the source."""

    tree: etree._ElementTree
    report: Report
    body_start_line: int = 1
    footnote_lines: set[int] = field(default_factory=set)
    markers: list[tuple[int, str]] = field(default_factory=list)
    #: first source line of a bibliography printed in the text (its heading), if any
    back_start_line: int | None = None

    def to_bytes(self) -> bytes:
        return etree.tostring(self.tree, xml_declaration=True, encoding="UTF-8",
                              pretty_print=True)


def import_file(source: str | os.PathLike, options: Options) -> ImportResult:
    """Read, check and import *source*; raise InputError on bad input."""
    return import_lines(read_lines(source), options, os.fspath(source))


def import_lines(lines: list[str], options: Options, name: str = "<text>") -> ImportResult:
    """Import already decoded *lines* (see :func:`import_file`)."""
    report = Report(source=name)
    first = options.first_page if options.first_page is not None else 1
    layout = analyse(lines, first, report)
    front = split_front(layout.blocks)
    annotator = Annotator(Register.load(options.register), report,
                          CitationState(options.prefix), options.line_breaks)
    end = front.back_start if front.back_start is not None else len(layout.blocks)
    for entry in printed_entries(layout.blocks[end + 1:], report):
        annotator.citations.add_printed(entry)
    inlines = _inlines(layout.blocks, front, end, annotator, report)
    markers, orphans = place_notes(layout.footnotes, inlines, annotator, options.prefix, report)
    if options.first_page is None:
        report.notes.append("pages numbered from 1: give --first-page for the printed numbers")
    meta = Meta(options.prefix, options.lang, Path(name).name, options.first_page,
                first + max(layout.pages, 1) - 1, schema_hrefs(options.output))
    tree = document(meta, front, inlines, layout.blocks,
                    list(annotator.citations.entries.values()), end, orphans)
    _finish_report(report, tree, front, annotator, meta)
    return ImportResult(tree, report, _first_line(layout.blocks, front.body_start),
                        {l.no for note in layout.footnotes for l in note.lines}, markers,
                        layout.blocks[end].first if end < len(layout.blocks) else None)


def _inlines(blocks, front, end: int, annotator: Annotator, report: Report) -> list:
    """Annotated text of the body blocks and abstracts (None for the rest), in order."""
    abstract_ids = {id(b) for bs in front.abstracts.values() for b in bs}
    inlines = []
    for index, block in enumerate(blocks):
        in_body = front.body_start <= index < end
        if block.kind == "ornament" or not in_body and id(block) not in abstract_ids:
            inlines.append(None)
            continue
        inlines.append(annotator.inline(block.lines, pb_inside=not in_body))
        if block.kind == "quote" and in_body:
            report.doubt(block.first, "read as a block quotation (its lines are set wider "
                                      "than the body's)")
    return inlines


def _first_line(blocks, index: int) -> int:
    return blocks[index].first if blocks else 1


def _finish_report(report, tree, front, annotator, meta) -> None:
    count_tags(tree.getroot(), report)
    report.counts["bibliography entries"] = len(annotator.citations.entries)
    report.counts["sections"] = len(tree.getroot().findall(".//{*}body//{*}div"))
    report.counts["quotations"] = len(tree.getroot().findall(".//{*}body//{*}cit"))
    report.counts["lists"] = len(tree.getroot().findall(".//{*}body//{*}list"))
    if not front.titles:
        report.doubt(1, "no title found in the text: the header carries a placeholder title")
    for entry in annotator.citations.entries.values():
        if entry.printed is None:
            report.doubt(entry.first_line, f"bibliography entry {entry.key} created from a "
                                           "citation: complete its title and details")
    for ident in meta.empty_divs:
        report.doubt(1, f"section {ident} has a heading but no text: an empty p keeps it valid")


def schema_hrefs(output: str | os.PathLike) -> tuple[str, str]:
    """Paths of the project's teikit.{rng,sch} relative to the output file's folder: those
    of the project the output is written in (a folder above it with ``schemas/``), else
    those teikit itself validates with (its installed ``schemas/``), so the href always
    names a file that exists."""
    from teikit.validate.locate import SCHEMA_DIR

    folder = Path(output).resolve().parent
    root = _project_root(folder)
    schemas = root / "schemas" if root is not None and (root / "schemas").is_dir() else SCHEMA_DIR
    return tuple(os.path.relpath(schemas / f"teikit.{ext}", folder).replace(os.sep, "/")
                 for ext in ("rng", "sch"))


def _project_root(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / "schemas").is_dir() or (candidate / "pyproject.toml").exists():
            return candidate
    return None
