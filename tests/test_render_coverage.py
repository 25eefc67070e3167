"""Any TEI shows its content: every real TEI file of ../shared/corpora/external, rendered to
HTML (its reading page) and to print (a one-article volume), shows at least 97% of its
words, and the corpus at least 99% (issue 13; the measure is tests/coverage_helpers.py);
and the TEI Guidelines' own examples, each a document of its own (tests/guidelines_examples.py),
show 99.5% of theirs.

Two files of the corpus are special and count as follows:
- ``oclc_644997575-i_1.TEIP5.xml`` has ``xml:id`` values that are not NCNames; it is read
  as the renderers read it (lenient ids) and counts like any other file.
- ``ParlaMint-TR.xml`` XIncludes four session files, three of them missing; the renderers
  do not expand XIncludes, so what counts is the corpus header's own content (its
  ``particDesc``: the parties and the 164 members), and the one session present in the
  corpus is measured as a file of its own.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from coverage_helpers import coverage, html_words, missing, tei_words
from guidelines_examples import example_documents
from teikit.edition import Article, Edition
from teikit.render.print import volume_html
from teikit.render.saxon import transform
from teikit.xmlio import parse

HERE = Path(__file__).parent
SHARED = HERE.parent.parent / "shared"
EXTERNAL = SHARED / "corpora" / "external"
EXTERNAL_FILES = sorted(EXTERNAL.rglob("*.xml"))

PER_FILE = 0.97
OVERALL = 0.99


def rendered_words(path: Path) -> dict[str, Counter]:
    """The words of *path* itself, of its HTML page and of its print volume."""
    tree = parse(path, lenient_ids=True)
    page = transform("html.xsl", tree, {"source-name": path.name}, source=str(path))
    volume = volume_html(Edition([Article(path, tree)]))
    return {"tei": tei_words(tree.getroot()), "html": html_words(page), "print": html_words(volume)}


@pytest.fixture(scope="module")
def corpus() -> dict[Path, dict[str, Counter]]:
    assert len(EXTERNAL_FILES) == 21
    return {path: rendered_words(path) for path in EXTERNAL_FILES}


def _report(path: Path, words: dict[str, Counter], output: str) -> tuple[float, str]:
    found, total = coverage(words["tei"], words[output])
    share = found / total
    return share, (f"{path.name}: {output} shows {found} of {total} words ({share:.2%}); "
                   f"most missed: {missing(words['tei'], words[output])}")


@pytest.mark.parametrize("output", ["html", "print"])
@pytest.mark.parametrize("path", EXTERNAL_FILES, ids=lambda p: p.name)
def test_each_external_file_shows_its_words(corpus, path: Path, output: str) -> None:
    assert sum(corpus[path]["tei"].values()) > 100, "a file with words to measure"
    share, message = _report(path, corpus[path], output)
    assert share >= PER_FILE, message


@pytest.mark.parametrize("output", ["html", "print"])
def test_external_corpus_shows_its_words(corpus, output: str) -> None:
    found = total = 0
    for words in corpus.values():
        f, t = coverage(words["tei"], words[output])
        found, total = found + f, total + t
    assert found / total >= OVERALL, f"{output}: {found} of {total} words ({found / total:.2%})"


def test_measure_counts_words_run_together_and_moved_notes_apart() -> None:
    tei = parse(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p><w>At</w><w>last</w>'
                b' the<note>A note.</note> te<lb break="no"/>a <choice><sic>cme</sic><corr>came'
                b'</corr></choice></p></body></text></TEI>').getroot()
    assert tei_words(tei) == Counter({"At": 1, "last": 1, "the": 1, "A": 1, "note": 1, "tea": 1, "came": 1})
    run_together = html_words('<html><body><p>Atlast the<a class="noteref">1</a> tea came</p>'
                              '<ol><li>A note.</li></ol></body></html>')
    assert coverage(tei_words(tei), run_together) == (5, 7)


def test_measure_takes_a_space_element_as_the_space_it_is() -> None:
    """Schnitzler's letters: ``D<hi>r</hi><space unit="chars" quantity="1"/>Goldmann``."""
    tei = parse(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>Herrn D<hi rend="superscript">r'
                b'</hi><space unit="chars" quantity="1"/>Goldmann</p></body></text></TEI>').getroot()
    assert tei_words(tei) == Counter({"Herrn": 1, "Dr": 1, "Goldmann": 1})


def test_measure_counts_the_parts_of_a_name_run_together_as_words_apart() -> None:
    tei = parse(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p><persName><forename>Jorge'
                b' Orlando</forename><surname>Melo</surname></persName> and <persName><forename>Ana'
                b'</forename> <surname>Ruiz</surname></persName>e<hi>s</hi></p></body></text></TEI>').getroot()
    assert tei_words(tei) == Counter({"Jorge": 1, "Orlando": 1, "Melo": 1, "and": 1, "Ana": 1, "Ruizes": 1})


# ------------------------------------------------------------ the Guidelines' own examples
GUIDELINES_OVERALL = 0.995      # 99.53% when set (98.6-98.9% before the rules for rdgGrp,
                                # ruby, caesura, headLabel, castItem parts, media and bibl)


@pytest.fixture(scope="module")
def guidelines_examples(tmp_path_factory) -> list[dict[str, Counter]]:
    documents = example_documents(SHARED / "tei-p5" / "p5subset.xml",
                                  SHARED / "schemas-reference" / "tei_all.rng",
                                  tmp_path_factory.mktemp("guidelines-examples"))
    return [rendered_words(path) for path in documents]


@pytest.mark.parametrize("output", ["html", "print"])
def test_guidelines_examples_show_their_words(guidelines_examples, output: str) -> None:
    """Every example of the TEI Guidelines that is valid somewhere in a TEI document (over
    1,000 of them, most elements of TEI) rendered as a document of its own: 99.5% of their
    words reach the page. What is still missed is mostly words the measure cuts where the
    page rightly joins them (Chinese text around a term or an anchor)."""
    assert len(guidelines_examples) > 1000
    found = total = 0
    for words in guidelines_examples:
        f, t = coverage(words["tei"], words[output])
        found, total = found + f, total + t
    assert total > 15000 and found / total >= GUIDELINES_OVERALL, f"{output}: {found} of {total} words"
