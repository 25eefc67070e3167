"""Quantities as measure: digits and Turkish number words before a known noun."""

from __future__ import annotations

from hypothesis import given, strategies as st

from teikit.importer.measures import find_measures, number_from_words


def measures(text):
    return [(text[s.start:s.end], s.attrs["quantity"], s.attrs["unit"], s.attrs["commodity"])
            for s in find_measures(text)]


def test_thousands_with_dots():
    assert measures("515.000 tüfek") == [("515.000 tüfek", "515000", "piece", "rifle")]


def test_millions_of_gold_roubles():
    assert measures("10 milyon altın ruble") == [("10 milyon altın ruble", "10000000", "gold-rouble", "gold")]


def test_decimal_comma():
    assert measures("153,7 milyon lira dış borcu") == [("153,7 milyon lira", "153700000", "lira", "money")]


def test_number_words():
    text = "sekiz bin tüfek, üç yüz mitralyöz ve beş bin sandık cephanenin"
    assert measures(text) == [("sekiz bin tüfek", "8000", "piece", "rifle"),
                              ("üç yüz mitralyöz", "300", "piece", "machine-gun"),
                              ("beş bin sandık cephane", "5000", "box", "ammunition")]


def test_case_suffix_stays_outside():
    assert measures("165.927 sandık cephaneyi teslim") == \
        [("165.927 sandık cephane", "165927", "box", "ammunition")]


def test_a_longer_word_is_not_the_noun():
    assert measures("12 toplantı ve 3 topçu") == []


def test_the_scale_word_after_digits_is_not_counted_twice():
    assert [m[0] for m in measures("180 milyon fişek")] == ["180 milyon fişek"]


def test_number_words_arithmetic():
    assert number_from_words(["on", "beş", "bin"]) == 15000
    assert number_from_words(["Yüz", "bin"]) == 100000
    assert number_from_words(["iki", "yüz", "elli"]) == 250
    assert number_from_words(["bir", "milyon"]) == 1_000_000


PIECE = st.sampled_from(["bir", "on", "beş", "yüz", "bin", "milyon", "515.000", "10", "tüfek",
                         "top", "toplantı", "altın", "ruble", "sandık", "cephaneyi", "ve", ","])


@given(st.lists(PIECE, max_size=10).map(" ".join))
def test_any_text_gives_positive_integer_quantities_inside_the_text(text):
    for span in find_measures(text):
        assert 0 <= span.start < span.end <= len(text)
        assert float(span.attrs["quantity"]) > 0
