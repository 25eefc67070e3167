"""teikit.publish.search: the search records of an article, one per body paragraph, each
with the printed pages it runs over (the label a search result shows: "s. 22–23")."""

from __future__ import annotations

from pathlib import Path

from teikit.edition import Article
from teikit.publish.search import paragraphs

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
