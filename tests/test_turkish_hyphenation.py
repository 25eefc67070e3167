"""Turkish hyphenation for the PDF (teikit.render.turkish_hyphenation): the syllable rules, the
pattern dictionary written from them, and its registration with Pyphen (which WeasyPrint uses)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pyphen
import pytest

from teikit.render import turkish_hyphenation as th
from teikit.xmlio import NS, parse

TEI = Path(__file__).parent.parent / "tei"


@pytest.fixture(scope="module")
def turkish() -> pyphen.Pyphen:
    th.install()
    return pyphen.Pyphen(lang="tr", left=2, right=2)


@pytest.mark.parametrize("word, expected", [
    ("korkmak", "kork-mak"), ("Türkçe", "Türk-çe"), ("anlaşılmıştır", "an-la-şıl-mış-tır"),
    ("saat", "sa-at"), ("şiir", "şi-ir"), ("dağları", "dağ-la-rı"), ("İstanbul", "İs-tan-bul"),
    ("ISPARTA", "IS-PAR-TA"), ("Sarıkamış’ı", "Sa-rı-ka-mış’ı"), ("Samsun’dan", "Sam-sun’dan"),
    ("strateji", "stra-te-ji"), ("Antlaşması’na", "Ant-laş-ma-sı’na")])
def test_words_break_between_their_syllables(word, expected, turkish):
    assert "-".join(th.syllables(word)) == expected
    assert turkish.inserted(word) == expected


def test_the_patterns_agree_with_the_rules_on_every_word_of_the_articles(turkish):
    words = set()
    for article in TEI.glob("*.xml"):
        words |= set(re.findall(r"[^\W\d_]+(?:’[^\W\d_]+)?", " ".join(parse(article).find(".//tei:body", NS).itertext())))
    assert len(words) > 5000
    wrong = [w for w in words if list(turkish.positions(w)) != [
        p for p in itertools.accumulate(len(s) for s in th.syllables(w)[:-1]) if 2 <= p <= len(w) - 2]]
    assert wrong == []


def test_a_capital_dotted_i_does_not_shift_the_breaks(turkish):
    """str.lower() makes "İ" two characters; Pyphen's own lower case put every break one late."""
    assert turkish.inserted("İngiltere") == "İn-gil-te-re"
    assert turkish.inserted("İNGİLTERE") == "İN-GİL-TE-RE"


def test_no_line_end_right_after_an_apostrophe(turkish):
    assert all(not left.endswith("’") for left, _ in turkish.iterate("Moskova’dan"))


def test_the_dictionary_is_registered_under_tr_and_tr_TR_and_written_once():
    path = th.install()
    assert pyphen.language_fallback("tr") and pyphen.language_fallback("tr-TR")
    assert pyphen.LANGUAGES["tr"] == pyphen.LANGUAGES["tr_TR"] == path == th.dictionary_path()
    assert path.read_text("utf-8").splitlines()[0] == "UTF-8"
    assert th.install() == path
