"""Line-end hyphenation: undone for broken words, kept for real hyphens."""

from __future__ import annotations

import re

from hypothesis import given, strategies as st

from teikit.importer.hyphenation import join_lines, keeps_hyphen


def test_broken_word_is_joined_without_its_hyphen():
    assert join_lines(["im-", "zalanan Mondros"]).text == "imzalanan Mondros"


def test_hyphen_before_a_capital_is_kept_pan_rus():
    assert join_lines(["Çiçerin ile Pan-", "Rus Merkez"]).text == "Çiçerin ile Pan-Rus Merkez"


def test_brest_litovsk_keeps_its_hyphen():
    assert join_lines(["Brest-", "Litovsk’un feshinden"]).text == "Brest-Litovsk’un feshinden"


def test_page_range_keeps_its_hyphen():
    assert join_lines(["(Cebesoy, 2017: 196-", "197)."]).text == "(Cebesoy, 2017: 196-197)."


def test_izafet_vowel_keeps_its_hyphen():
    assert join_lines(["Hâkimiyet-", "i Milliye’de"]).text == "Hâkimiyet-i Milliye’de"


def test_heading_in_capitals_is_joined():
    assert join_lines(["3. BOLŞEVİZM VE KOMÜNİZM HAKKINDAKİ GÖRÜŞ-", "LER"]).text \
        == "3. BOLŞEVİZM VE KOMÜNİZM HAKKINDAKİ GÖRÜŞLER"


def test_dash_after_a_space_is_not_a_hyphenation():
    assert join_lines(["hiç hazzetmediği halde -", "komünist"]).text == "hiç hazzetmediği halde - komünist"


def test_percent_range_keeps_its_hyphen():
    assert keeps_hyphen("%18", "%25’i")


def test_line_starts_and_word_breaks_are_recorded():
    joined = join_lines(["bir prob-", "lemdi. Mondros"])
    assert joined.line_starts == [0, 8]
    assert joined.word_breaks == {8}


def test_lines_without_hyphen_join_with_one_space():
    assert join_lines(["  first line ", " second line  "]).text == "first line second line"


WORD = st.text(alphabet="abcçdefgğhıijklmnoöprsştuüvyzABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ0123456789",
               min_size=1, max_size=8)
LINE = st.lists(WORD, min_size=1, max_size=6).map(" ".join)


@given(st.lists(st.tuples(LINE, st.booleans()), min_size=1, max_size=8))
def test_no_letter_is_lost_or_added(lines):
    """Whatever the hyphens, the letters and digits of the lines survive in order."""
    raw = [text + ("-" if hyphen else "") for text, hyphen in lines]
    joined = join_lines(raw).text
    assert re.sub(r"[\s-]", "", joined) == re.sub(r"[\s-]", "", "".join(raw))


@given(st.lists(LINE, min_size=1, max_size=8))
def test_without_hyphens_the_words_are_the_same(lines):
    assert join_lines(lines).text.split() == " ".join(lines).split()
