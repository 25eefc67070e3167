"""End to end: both seed articles become valid TEI drafts that keep every word.

Word equality, defined precisely:

* body: the words of ``text/body`` read in document order, leaving out the
  ``note`` elements, equal the words of the source from the first body line
  (``ImportResult.body_start_line``) to the end, leaving out the footnote lines,
  after undoing line-end hyphenation with :func:`join_lines` over the remaining
  non-blank lines, and leaving out each footnote marker the importer found
  (``ImportResult.markers``: the number glued to the text, which ``note/@n`` carries);
* notes: the words of each ``note``, in order, equal the words of its footnote
  lines with the leading note number removed;
* abstracts: the words of each ``abstract`` equal those of its source paragraphs.

A word is a maximal run of ``\\w`` characters; punctuation, bullets and spacing do
not count. Headings keep their printed numbering, list items their ``1. Madde``.
"""

from __future__ import annotations

import re
import shutil

import pytest
from click.testing import CliRunner

from teikit import cli
from teikit.importer.hyphenation import join_lines

from import_helpers import (NS, PROJECT, PROJECT_RNG, SAMPLE_REGISTER, SEEDS, TEI, TEI_ALL,
                            jing_errors, note_texts, run_import, text_without_notes, words)

REAL_REGISTER = PROJECT / "tei" / "register"
REGISTER = REAL_REGISTER if (REAL_REGISTER / "persons.xml").exists() else SAMPLE_REGISTER
ARTICLES = {"mosc": "article-moscow-treaty-1921.txt", "dipl": "article-turkish-diplomats-1917-1925.txt"}


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    """prefix -> (ImportResult, root, path of the written draft, source lines)."""
    out = {}
    for prefix, name in ARTICLES.items():
        folder = tmp_path_factory.mktemp(prefix)
        result, root = run_import(SEEDS / name, folder, prefix=prefix, register=REGISTER)
        path = folder / "tei" / f"{prefix}.xml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(result.to_bytes())
        shutil.copytree(REGISTER, path.parent / "register")  # @ref resolves beside the draft
        lines = (SEEDS / name).read_text(encoding="utf-8").split("\n")
        out[prefix] = (result, root, path, lines)
    return out


def paragraph(root, containing: str):
    return next(p for p in root.iterfind(".//t:body//t:p", NS) if containing in "".join(p.itertext()))


def citations(p):
    return [(b.get("corresp")[1:], [(c.get("from"), c.get("to")) for c in b.iterfind("t:citedRange", NS)])
            for b in p.iterfind(".//t:bibl", NS)]


@pytest.mark.parametrize("prefix, pages, notes", [("mosc", 39, 0), ("dipl", 33, 2)])
def test_pages_and_footnotes_are_counted(drafts, prefix, pages, notes):
    result, root, _, _ = drafts[prefix]
    assert len(root.findall(".//t:pb", NS)) == pages == result.report.counts["pages"]
    assert len(root.findall(".//t:note[@place='foot']", NS)) == notes


@pytest.mark.parametrize("prefix", ARTICLES)
def test_draft_is_valid_against_tei_all_and_the_project_schema(drafts, prefix):
    path = drafts[prefix][2]
    assert jing_errors(path, TEI_ALL) == ""
    assert jing_errors(path, PROJECT_RNG) == ""


def test_drafts_pass_teikit_validate_with_schematron(drafts):
    paths = [str(drafts[p][2]) for p in ARTICLES]
    result = CliRunner().invoke(cli.main, ["validate", *paths])
    assert result.exit_code == 0, result.output


def test_every_citation_of_a_sample_paragraph(drafts):
    p = paragraph(drafts["mosc"][1], "Mondros Mütarekesi’nin 20. maddesi")
    assert citations(p) == [
        ("mosc-bib-turkmen-2001", [("69", None)]),
        ("mosc-bib-muderrisoglu-2018", []),
        ("mosc-bib-muderrisoglu-2018", [("37", None)]),
        ("mosc-bib-ozalp-2020", [("90", None), ("91", None)]),
        ("mosc-bib-tansel-2019b", [("18", None)]),
        ("mosc-bib-turkmen-2001", [("78", None)])]
    first = paragraph(drafts["mosc"][1], "Müttefik Kuvvetleri temsilen")
    assert citations(first) == [("mosc-bib-simsir-2006", [("56", None)]),
                                ("mosc-bib-jaeschke-2011", [("29", None)]),
                                ("mosc-bib-tansel-2019a", [("53", None)]),
                                ("mosc-bib-sonyel-2010", [("27", None)])]


def test_every_citation_of_a_sample_paragraph_of_the_second_article(drafts):
    p = paragraph(drafts["dipl"][1], "önerisinde bulunmaktadır")
    assert ("dipl-bib-aras-2010b", [("131", None), ("209", None)]) in citations(p)
    assert ("dipl-bib-aras-2010b", [("131", None)]) in citations(p)


def test_normalised_dates_of_a_sample_paragraph(drafts):
    p = paragraph(drafts["mosc"][1], "Müttefik Kuvvetleri temsilen")
    found = [(d.text, d.get("when"), d.get("cert")) for d in p.iterfind(".//t:date", NS)]
    assert found == [("30 Ekim 1918", "1918-10-30", None), ("13 Kasım 1918", "1918-11-13", None),
                     ("6 Mayıs", "1919-05-06", "medium"), ("15 Mayıs 1919", "1919-05-15", None)]
    later = paragraph(drafts["mosc"][1], "26 Şubat’ta başlayan görüşmeler")
    assert [(d.get("when"), d.get("cert")) for d in later.iterfind(".//t:date", NS)] == \
        [("1921-02-26", "medium"), ("1921-03-16", None), ("1921-03-18", "medium")]


def test_night_and_range_dates_of_the_first_article(drafts):
    root = drafts["mosc"][1]
    night = next(d for d in root.iter(f"{TEI}date") if d.text == "27/28 Ocak 1920")
    assert (night.get("from"), night.get("to")) == ("1920-01-27", "1920-01-28")


def test_footnote_marker_after_a_citation_is_found(drafts):
    result, root, _, _ = drafts["dipl"]
    note = root.find(".//t:note[@n='1']", NS)
    assert note.getprevious().get("corresp") == "#dipl-bib-aras-2010b"
    assert result.markers == [(1290, "1")]


def test_bibliography_is_built_from_the_citations(drafts):
    root = drafts["mosc"][1]
    ids = {b.get("{http://www.w3.org/XML/1998/namespace}id")
           for b in root.iterfind(".//t:back//t:listBibl/t:bibl", NS)}
    cited = {b.get("corresp")[1:] for b in root.iterfind(".//t:text//t:bibl[@corresp]", NS)}
    assert cited == ids
    assert {"mosc-bib-tansel-2019a", "mosc-bib-tansel-2019b", "mosc-bib-tansel-2019c",
            "mosc-bib-tbmm-gcz-1920"} <= ids


@pytest.mark.parametrize("prefix", ARTICLES)
def test_body_words_equal_the_source_words_with_hyphenation_undone(drafts, prefix):
    result, root, _, lines = drafts[prefix]
    body_lines = [(no, line) for no, line in enumerate(lines, 1)
                  if no >= result.body_start_line and no not in result.footnote_lines and line.strip()]
    joined = join_lines([line for _, line in body_lines])
    text = _remove_markers(joined, body_lines, result.markers)
    assert words(text_without_notes(root.find(".//t:body", NS))) == words(text)


@pytest.mark.parametrize("prefix", ARTICLES)
def test_note_words_equal_the_footnote_words(drafts, prefix):
    result, root, _, lines = drafts[prefix]
    source = [re.sub(r"^ ?\d{1,3} +", "", lines[no - 1]) for no in sorted(result.footnote_lines)]
    assert words(" ".join(note_texts(root))) == words(join_lines(source).text)


def test_abstracts_keep_every_word(drafts):
    root, lines = drafts["mosc"][1], drafts["mosc"][3]
    tr = "".join(root.find(".//t:abstract[@xml:lang='tr']", NS).itertext())
    assert words(tr) == words(join_lines(lines[2:19]).text)
    en = "".join(root.find(".//t:abstract[@xml:lang='en']", NS).itertext())
    assert words(en) == words(join_lines(lines[24:43]).text)


def test_header_carries_titles_found_in_the_text(drafts):
    root = drafts["dipl"][1]
    titles = {t.get("{http://www.w3.org/XML/1998/namespace}lang"): t.text
              for t in root.iterfind(".//t:titleStmt/t:title", NS)}
    assert titles == {"en": "Turkish-Soviet Relations From the Point of View of Turkish Diplomats (1917-1925)",
                      "tr": "Türk Diplomatların Bakış Açısıyla Türk-Sovyet İlişkileri (1917-1925)"}


def test_names_are_linked_with_suffixes_outside(drafts):
    root = drafts["mosc"][1]
    samsun = [e for e in root.iterfind(".//t:body//t:placeName", NS) if e.text == "Samsun"]
    assert samsun and all(e.get("ref").startswith("register/places.xml#") for e in samsun)
    assert any((e.tail or "").startswith("’") for e in samsun)


def _remove_markers(joined, body_lines, markers) -> str:
    """Cut each found footnote marker (its number right after the text) out of *joined*."""
    text = joined.text
    index = {no: i for i, (no, _) in enumerate(body_lines)}
    for line, n in sorted(markers, reverse=True):
        start = joined.line_starts[index[line]]
        end = joined.line_starts[index[line] + 1] if index[line] + 1 < len(body_lines) else len(text)
        m = list(re.finditer(rf"(?<=[^\W\d]|[)”’\"]){n}(?=[\s.,;:]|$)", text[start:end]))[-1]
        text = text[:start + m.start()] + text[start + m.end():]
    return text


def test_plural_names_with_a_glued_suffix_are_linked(drafts):
    root = drafts["dipl"][1]
    glued = [e for e in root.iterfind(".//t:body//t:orgName", NS)
             if e.text == "Bolşevikler" and (e.tail or "").startswith("in ")]
    assert len(glued) >= 10  # "Bolşeviklerin", printed without an apostrophe


def test_page_only_citations_go_to_the_nearest_preceding_author_of_their_paragraph(drafts):
    p = paragraph(drafts["mosc"][1], "Doğu’da Ermenilere karşı kazanılan zafer")
    pages = [(key, ranges) for key, ranges in citations(p) if ranges and
             key in {"mosc-bib-cebesoy-2017", "mosc-bib-sonyel-2003", "mosc-bib-okyar-2017",
                     "mosc-bib-ates-2004"}]
    assert pages == [("mosc-bib-cebesoy-2017", [("167", None)]),
                     ("mosc-bib-sonyel-2003", [("43", None)]),
                     ("mosc-bib-okyar-2017", [("110", None)]),
                     ("mosc-bib-ates-2004", [("145", None)])]


def test_year_suffix_d_is_kept_in_citation_and_bibliography(drafts):
    p = paragraph(drafts["mosc"][1], "darıltılması yoluna gidilmemesi")
    assert ("mosc-bib-tansel-2019d", [("63", None)]) in citations(p)
    assert ("mosc-bib-tansel-2019d", [("63", "64")]) in citations(p)
    entry = drafts["mosc"][1].find(".//t:listBibl/t:bibl[@xml:id='mosc-bib-tansel-2019d']", NS)
    assert "".join(entry.itertext()).split() == ["Tansel", "2019d"]
