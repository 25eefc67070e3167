"""Phase *read* of a render keeps handles, not trees: rendering N documents holds one
article tree at a time, so memory does not grow with N (issue 7)."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from teikit import edition as document
from teikit.errors import InputError
from teikit.render import load_renderers, read_edition, render

HERE = Path(__file__).parent
EDITION = HERE / "fixtures" / "edition"
COPIES = 6
#: the fixture's own article and its copies
ARTICLES = COPIES + 1


@pytest.fixture
def many_article_edition(tmp_path: Path) -> Path:
    """The sample edition with its article copied under several names and prefixes."""
    edition = tmp_path / "tei"
    shutil.copytree(EDITION, edition)
    text = (edition / "sample-article.xml").read_text(encoding="utf-8")
    for n in range(COPIES):
        (edition / f"copy-{n}.xml").write_text(text.replace('xml:id="smpl"', f'xml:id="cp{n}"'),
                                               encoding="utf-8")
    return edition


@pytest.fixture
def parse_log(monkeypatch: pytest.MonkeyPatch) -> dict:
    """Record every article parse (by lxml, or the file's text read for Saxon), and how many
    other articles held a tree or a Saxon node at that moment."""
    log: dict = {"parses": Counter(), "held_at_parse": []}
    handles: list[document.Article] = []
    real_init = document.Article.__init__

    def init(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        handles.append(self)

    def logged(real):
        def read(path, **options):
            if isinstance(path, Path) and path.parent.name != "register":
                log["parses"][path.name] += 1
                log["held_at_parse"].append(sum(1 for h in handles if h.path.parent.name != "register"
                                                and (h._tree is not None or h._xdm is not None)))
            return real(path, **options)
        return read

    monkeypatch.setattr(document.Article, "__init__", init)
    # a parse by lxml, or Saxon given the file's own text (Article.xdm): either is a read
    monkeypatch.setattr(document, "parse", logged(document.parse))
    monkeypatch.setattr(document, "plain_text", logged(document.plain_text))
    return log


def test_read_phase_in_worker_processes_gives_the_same_edition_and_errors(many_article_edition: Path) -> None:
    """Read from both ends (the render's idle workers from the last file back): the same
    articles, infos and errors, in the same order, as one process reading them all."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    (many_article_edition / "copy-2.xml").write_text("<TEI><unclosed></TEI>", encoding="utf-8")
    (many_article_edition / "copy-4.xml").write_text("<notTEI/>", encoding="utf-8")
    alone: list[InputError] = []
    expected = read_edition([many_article_edition], failures=alone, check=document.check_tei)
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        both: list[InputError] = []
        edition = read_edition([many_article_edition], failures=both, check=document.check_tei, pool=pool)
    assert [(a.path, a.info) for a in edition.articles] == [(a.path, a.info) for a in expected.articles]
    assert len(edition.articles) == ARTICLES - 2
    assert [str(e) for e in both] == [str(e) for e in alone] and len(both) == 2
    assert "copy-2.xml:1:" in str(both[0]) and "copy-4.xml" in str(both[1])


def test_read_phase_keeps_no_article_tree(many_article_edition: Path, parse_log: dict) -> None:
    edition = read_edition([many_article_edition])
    assert len(edition.articles) == ARTICLES
    assert all(a._tree is None and a._xdm is None for a in edition.articles)
    assert all(d._tree is not None for d in edition.all_registers)   # registers stay parsed
    assert parse_log["held_at_parse"] == [0] * len(edition.articles)


def test_html_render_holds_one_article_tree_at_a_time(many_article_edition: Path, tmp_path: Path,
                                                      parse_log: dict) -> None:
    written = render([many_article_edition], ["html"], tmp_path / "out", jobs=1)["html"]
    pages = [p for p in written if p.suffix == ".html" and p.name != "index.html"]
    assert len(pages) == ARTICLES
    # each article is read once (read phase) and parsed once more to be written ...
    assert set(parse_log["parses"].values()) == {2}
    # ... while no other article holds its tree or its Saxon node
    assert parse_log["held_at_parse"] == [0] * (2 * (ARTICLES))


def test_index_page_lists_every_article_from_the_headers_alone(many_article_edition: Path,
                                                               tmp_path: Path) -> None:
    render([many_article_edition], ["html"], tmp_path / "out", jobs=1)
    index = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    for n in range(COPIES):
        assert f'href="copy-{n}.html"' in index
    assert index.count('<li class="article"') == ARTICLES


def test_loaded_document_drops_its_tree_after_the_block(many_article_edition: Path) -> None:
    article = read_edition([many_article_edition]).articles[0]
    with article.loaded():
        assert article.xdm is article.xdm            # one Saxon node for the whole block
        assert article.root.tag.endswith("}TEI")
    assert article._tree is None and article._xdm is None


def test_register_render_reads_each_article_once_more(many_article_edition: Path, tmp_path: Path,
                                                      parse_log: dict) -> None:
    load_renderers()
    render([many_article_edition], ["register"], tmp_path / "out", jobs=1)
    assert set(parse_log["parses"].values()) == {2}
    assert parse_log["held_at_parse"] == [0] * (2 * (ARTICLES))


def test_html_render_hands_saxon_the_file_itself_not_a_second_lxml_tree(
        many_article_edition: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parses: Counter = Counter()
    real_parse = document.parse

    def parse(path, **options):
        if isinstance(path, Path):
            parses[path.name] += 1
        return real_parse(path, **options)

    monkeypatch.setattr(document, "parse", parse)
    article = many_article_edition / "copy-0.xml"
    with_doctype = many_article_edition / "with-doctype.xml"
    declaration, rest = article.read_text(encoding="utf-8").split("\n", 1)
    with_doctype.write_text(f"{declaration}\n<!DOCTYPE TEI>\n{rest}", encoding="utf-8")
    render([many_article_edition], ["html"], tmp_path / "out", jobs=1)
    # a plain UTF-8 file is read by lxml once (phase read), and Saxon reads its text
    assert parses["copy-0.xml"] == 1
    # a DOCTYPE could declare anything: that file goes through lxml's safe parse again
    assert parses["with-doctype.xml"] == 2
    pages = tmp_path / "out" / "html"
    assert ((pages / "with-doctype.html").read_text(encoding="utf-8").replace("with-doctype", "copy-0")
            == (pages / "copy-0.html").read_text(encoding="utf-8"))


def test_article_broken_after_reading_is_reported_with_its_line(many_article_edition: Path) -> None:
    article = read_edition([many_article_edition]).articles[0]
    article.path.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text>\n<p>x</q>\n</TEI>',
                            encoding="utf-8")
    with article.loaded(), pytest.raises(InputError) as info:
        article.xdm
    assert (info.value.line, str(article.path)) == (3, info.value.path)
