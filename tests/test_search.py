"""teikit.publish.search: the search records of an article, one per body paragraph (or the
unit that stands for one: a speech, a stanza, an inscription's ab, an utterance), each with
the printed pages it runs over (the label a search result shows: "s. 22–23")."""

from __future__ import annotations

from pathlib import Path

from teikit.edition import Article
from teikit.publish.search import paragraphs, search_records

TEI = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Sayfalar</title>'
       '</titleStmt><publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc>'
       '</teiHeader><text><body><div xml:id="d1"><head>Başlık</head>{body}</div></body></text></TEI>')


def page_labels(tmp_path: Path, body: str) -> dict[str, str | None]:
    path = tmp_path / "pages.xml"
    path.write_text(TEI.format(body=body), "utf-8")
    return {p.id: p.page_label for p in paragraphs(Article.held(path))}


def test_paragraph_is_on_the_page_of_the_last_break_before_it(tmp_path: Path) -> None:
    labels = page_labels(tmp_path, '<p xml:id="a">Önce.</p><pb n="22"/><p xml:id="b">Bir.</p><p xml:id="c">İki.</p>')
    assert labels == {"a": None, "b": "s. 22", "c": "s. 22"}


def test_paragraph_running_onto_the_next_page_names_both(tmp_path: Path) -> None:
    labels = page_labels(tmp_path, '<pb n="22"/><p xml:id="a">Bir <pb n="23"/>iki <pb n="24"/>üç.</p>')
    assert labels == {"a": "s. 22–24"}


def test_paragraph_opening_with_a_page_break_is_on_that_page_alone(tmp_path: Path) -> None:
    """The break opens it (no word of it before the break): the page before is not its own,
    whatever text the document has before the paragraph (its heading, its header's title)."""
    labels = page_labels(tmp_path, '<pb n="22"/><p xml:id="a">Bir.</p>'
                                   '<p xml:id="b"><pb n="23"/>İki <hi>üç</hi>.</p>'
                                   '<p xml:id="c"> <!-- yorum --> <pb n="24"/>Dört.</p>'
                                   '<p xml:id="d">Beş <pb n="25"/>altı.</p>')
    assert labels == {"a": "s. 22", "b": "s. 23", "c": "s. 24", "d": "s. 24–25"}


def test_a_page_break_inside_a_note_does_not_make_a_page_of_the_paragraph(tmp_path: Path) -> None:
    labels = page_labels(tmp_path, '<pb n="22"/><p xml:id="a">Bir<note>dipnot <pb n="23"/>sürer</note> iki.</p>')
    assert labels == {"a": "s. 22"}


def test_plays_poems_inscriptions_and_debates_are_searched_by_their_own_units(tmp_path: Path) -> None:
    """A speech, a stanza (not the poem around stanzas), an inscription's text and an
    utterance are what a search result lands on (a body may have no <p> at all: Calderón's
    verse plays, EpiDoc, ParlaMint); a paragraph or a line inside one of them is part of it,
    not a result of its own."""
    path = tmp_path / "kinds.xml"
    path.write_text(TEI.format(body=(
        '<sp xml:id="sp1"><speaker>SOBERBIA</speaker><l>la púrpura real</l><l>le dé la Soberbia</l></sp>'
        '<lg type="poem"><lg xml:id="lg1"><l>Roses are red</l><l>violets are blue</l></lg>'
        '<lg xml:id="lg2"><l>Sugar is sweet</l></lg></lg>'
        '<ab xml:id="ab1"><lb n="1"/>Dis Manibus <lb n="2"/>Gaio</ab>'
        '<u xml:id="u1" who="#A"><seg>The session is open.</seg></u>'
        '<l xml:id="l1">A line alone</l><p xml:id="p1">Prose, with <l>a quoted line</l> in it.</p>')), "utf-8")
    found = {p.id: p.text for p in paragraphs(Article.held(path))}
    assert found == {"sp1": "SOBERBIA la púrpura real le dé la Soberbia", "lg1": "Roses are red violets are blue", "lg2": "Sugar is sweet",
                     "ab1": "Dis Manibus Gaio", "u1": "The session is open.", "l1": "A line alone",
                     "p1": "Prose, with a quoted line in it."}


def test_units_without_an_id_are_numbered_in_order(tmp_path: Path) -> None:
    """A unit without xml:id lands on ``unit-<n>``, the nth such unit (its page marks them
    data-unit in the same order: tests/test_xslt_html.py); one with an id keeps it."""
    path = tmp_path / "no-ids.xml"
    path.write_text(TEI.format(body='<p>Bir.</p><lg><l>iki</l><l>üç</l></lg><p xml:id="own">Dört.</p><p>Beş.</p>'),
                    "utf-8")
    assert [p.id for p in paragraphs(Article.held(path))] == ["unit-1", "unit-2", "own", "unit-3"]


def test_an_empty_unit_is_no_search_record_and_the_next_keeps_its_number(tmp_path: Path) -> None:
    path = tmp_path / "empty.xml"
    path.write_text(TEI.format(body='<p>Bir.</p><p/><l>  </l><p>. .</p><p>Beş.</p>'), "utf-8")
    records = search_records(Article.held(path), {}, "html/empty.html")
    assert [(r["url"], r["content"]) for r in records] == [("/html/empty.html#unit-1", "Bir."),
                                                         ("/html/empty.html#unit-5", "Beş.")]


def test_a_chapter_without_an_id_still_names_the_section_of_its_paragraphs(tmp_path: Path) -> None:
    """A novel's chapters rarely have xml:ids: a result still says which chapter it is in
    (the innermost division whose heading has words; an empty EpiDoc head is none)."""
    path = tmp_path / "novel.xml"
    path.write_text(TEI.format(body='<div><head>CHAPTER I. <hi>Down</hi> the Rabbit-Hole</head><p>Alice was '
                                    'beginning.</p><div><head/><p>So she was considering.</p></div></div>'
                                    '<p>Before any chapter.</p>'), "utf-8")
    found = {p.text: p.section for p in paragraphs(Article.held(path))}
    assert found == {"Alice was beginning.": (None, "CHAPTER I. Down the Rabbit-Hole"),
                     "So she was considering.": (None, "CHAPTER I. Down the Rabbit-Hole"),
                     "Before any chapter.": ("d1", "Başlık")}
