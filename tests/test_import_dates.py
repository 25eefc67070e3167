"""Turkish dates to ISO values (docs/encoding.md, "Dates")."""

from __future__ import annotations

import re

from hypothesis import given, strategies as st

from teikit.importer.dates import DateState, find_dates


def dates(text: str, year: int | None = None) -> list[tuple[str, dict]]:
    return [(text[s.start:s.end], s.attrs) for s in find_dates(text, DateState(year))]


def test_day_month_year_becomes_when():
    assert dates("Mustafa Kemal, 19 Mayıs 1919’da Samsun’dan") == [("19 Mayıs 1919", {"when": "1919-05-19"})]


def test_month_and_year_becomes_year_month():
    assert dates("Ekim 1917’de Lenin") == [("Ekim 1917", {"when": "1917-10"})]


def test_day_range_becomes_from_to():
    assert dates("1-9 Eylül 1920 arasında") == [("1-9 Eylül 1920", {"from": "1920-09-01", "to": "1920-09-09"})]


def test_night_becomes_from_to():
    assert dates("27/28 Ocak 1920 gecesi") == [("27/28 Ocak 1920", {"from": "1920-01-27", "to": "1920-01-28"})]


def test_year_range_becomes_from_to_years():
    assert dates("1917-1925 yılları") == [("1917-1925", {"from": "1917", "to": "1925"})]


def test_short_year_range_is_expanded():
    assert dates("1917-25 yılları") == [("1917-25", {"from": "1917", "to": "1925"})]


def test_day_month_to_day_month_range():
    assert dates("Sakarya Savaşı’ndaki(23 Ağustos-12 Eylül 1921) başarı") == \
        [("23 Ağustos-12 Eylül 1921", {"from": "1921-08-23", "to": "1921-09-12"})]


def test_numeric_date():
    assert dates("(TBMM G.C.Z., 24.04.1920)") == [("24.04.1920", {"when": "1920-04-24"})]


def test_year_before_month_ayinda():
    assert dates("1919 Haziran ayında yapılan") == [("1919 Haziran", {"when": "1919-06"})]


def test_bare_year_is_a_year():
    assert dates("1923 yılına kadar") == [("1923", {"when": "1923"})]


def test_day_without_year_takes_it_from_the_context_and_says_so():
    found = dates("15 Mayıs 1919’da başladı. Konsey 6 Mayıs’ta karar aldı.")
    assert found[1] == ("6 Mayıs", {"when": "1919-05-06", "cert": "medium", "evidence": "internal"})


def test_day_without_year_prefers_a_full_date_later_in_the_same_sentence():
    found = dates("13 Kasım 1918’de geldi. Başkanlar 6 Mayıs’ta aldıkları karar üzerine 15 Mayıs 1919’da")
    assert found[1][1]["when"] == "1919-05-06"


def test_day_without_any_year_in_context_is_left_alone():
    assert dates("6 Mayıs’ta toplandılar") == []


def test_impossible_day_is_left_untagged_and_reported():
    doubts = []
    assert find_dates("31 Şubat 1920 günü", DateState(), lambda o, m: doubts.append(m)) == []
    assert doubts == ["“31 Şubat 1920” looks like a date but is not a valid one: left untagged"]


def test_decimal_numbers_are_not_years():
    assert dates("515.000 tüfek ve 1.500 kılıç, 153,7 milyon") == []


def test_each_doubt_is_reported():
    doubts = []
    find_dates("26 Şubat 1921’de başladı. 18 Mart’ta yayımlandı.", DateState(),
               lambda offset, message: doubts.append((offset, message)))
    assert doubts == [(26, "“18 Mart” has no year: 1921 taken from the context")]


ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
MONTH = st.sampled_from(["Ocak", "Şubat", "Mayıs", "Ağustos", "Eylül", "Aralık"])
PIECE = st.one_of(st.integers(0, 40).map(str), st.integers(1500, 2049).map(str), MONTH,
                  st.sampled_from(["-", "/", ".", "’de", "ve", "(", ")", " "]))


@given(st.lists(PIECE, max_size=12).map(" ".join), st.one_of(st.none(), st.integers(1800, 2000)))
def test_any_text_gives_ordered_spans_with_iso_values(text, year):
    spans = find_dates(text, DateState(year))
    ends = [0] + [s.end for s in spans]
    for span, previous_end in zip(spans, ends):
        assert previous_end <= span.start < span.end <= len(text)
        for key in ("when", "from", "to"):
            if key in span.attrs:
                assert ISO.match(span.attrs[key]), span.attrs
        if "from" in span.attrs:
            assert span.attrs["from"] <= span.attrs["to"]


def test_english_dates_of_the_english_abstract():
    assert dates("French on May 15, 1919, the Ottoman") == [("May 15, 1919", {"when": "1919-05-15"})]
    assert dates("signed on 16 March 1921 and in October 1917") == \
        [("16 March 1921", {"when": "1921-03-16"}), ("October 1917", {"when": "1917-10"})]
