"""Turkish dates to ISO 8601 (docs/encoding.md, "Dates").

``19 Mayıs 1919`` → ``when="1919-05-19"``; ``Ekim 1917`` → ``1917-10``;
``1-9 Eylül 1920`` and ``27/28 Ocak 1920`` → ``from``/``to``; ``1917-1925`` and
``1917-25`` → a year range; ``24.04.1920`` → a day; a bare year → ``when``.
A day and month without a year take the year of the last full date before it
and carry ``cert="medium" evidence="internal"``.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from teikit.importer.inline import Span

MONTHS = {"Ocak": 1, "Şubat": 2, "Mart": 3, "Nisan": 4, "Mayıs": 5, "Haziran": 6,
          "Temmuz": 7, "Ağustos": 8, "Eylül": 9, "Ekim": 10, "Kasım": 11, "Aralık": 12}
M = "(" + "|".join(MONTHS) + r")(?![a-zçğıöşü])"
#: English month names, for the English abstract (``May 15, 1919``)
EN_MONTHS = {name: n for n, name in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"], 1)}
EN = "(" + "|".join(EN_MONTHS) + r")(?![a-z])"
Y = r"(1[5-9]\d\d|20[0-4]\d)"
D = r"(?<![\d.,])([0-3]?\d)"
DASH = r"\s?[-–]\s?"
END = r"(?![\d])"

#: (name, regex) tried in this order; earlier patterns win on overlap
PATTERNS = [
    ("days", re.compile(D + DASH + r"([0-3]?\d)\s" + M + r"\s" + Y + END)),
    ("night", re.compile(D + r"/([0-3]?\d)\s" + M + r"\s" + Y + END)),
    ("day-day", re.compile(D + r"\s" + M + DASH + r"([0-3]?\d)\s" + M + r"\s" + Y + END)),
    ("day", re.compile(D + r"\s" + M + r"\s" + Y + END)),
    ("numeric", re.compile(r"(?<![\d.])([0-3]\d)\.([01]\d)\.(1[5-9]\d\d|20[0-4]\d)" + END)),
    ("months", re.compile(M + DASH + M + r"\s" + Y + END)),
    ("month", re.compile(M + r"\s" + Y + END)),
    ("year-month", re.compile(r"(?<![\d.])" + Y + r"\s" + M + r"(?=\s+ay)")),
    ("years", re.compile(r"(?<![\d.,])" + Y + DASH + r"(\d{4}|\d{2})(?![\d.,]\d|\d)")),
    ("en-mdy", re.compile(EN + r"\s([0-3]?\d),?\s" + Y + END)),
    ("en-dmy", re.compile(D + r"\s" + EN + r"\s" + Y + END)),
    ("en-my", re.compile(EN + r"\s" + Y + END)),
    ("day-no-year", re.compile(D + r"\s" + M)),
    ("year", re.compile(r"(?<![\d.,:/])" + Y + r"(?![\d]|[.,]\d)")),
]


@dataclass
class DateState:
    """The year of the last date that gave one, for dates that do not."""

    year: int | None = None


def find_dates(text: str, state: DateState, doubt=None) -> list[Span]:
    """Date spans in *text* (non-overlapping, in order), updating *state*."""
    found: list[tuple[int, int, str, re.Match]] = []
    taken: list[tuple[int, int]] = []
    for name, regex in PATTERNS:
        for match in regex.finditer(text):
            start, end = match.span()
            if any(start < e and end > s for s, e in taken):
                continue
            taken.append((start, end))
            found.append((start, end, name, match))
    spans = []
    found.sort(key=lambda f: f[0])
    for index, (start, end, name, match) in enumerate(found):
        if name == "day-no-year":
            _year_from_sentence(text, found[index + 1:], end, state)
        attrs = _attributes(name, match, state)
        if attrs is None:
            if name != "day-no-year" and doubt:
                doubt(start, f"“{match.group()}” looks like a date but is not a valid one: left untagged")
            continue
        if attrs.get("cert") and doubt:
            doubt(start, f"“{match.group()}” has no year: {attrs['when'][:4]} taken from the context")
        spans.append(Span(start, end, "date", attrs, priority=20))
    return spans


def _year_from_sentence(text: str, later, end: int, state: DateState) -> None:
    """A full date later in the same sentence gives the year (``6 Mayıs’ta ... 15 Mayıs 1919``)."""
    for start, _end, name, match in later:
        if re.search(r"[.!?]\s", text[end:start]):
            return
        if name in ("days", "night", "day-day", "day", "numeric", "months", "month",
                    "en-mdy", "en-dmy", "en-my"):
            state.year = int(match.groups()[-1])
            return


def _attributes(name: str, m: re.Match, state: DateState) -> dict[str, str] | None:
    """ISO attributes for a match of pattern *name*; None when it is no valid date."""
    g = m.groups()
    if name == "day-no-year" and state.year is None:
        return None
    if name not in ("years", "year", "day-no-year"):
        state.year = int(g[_YEAR_GROUP[name]])
    try:
        return _BUILD[name](g, state.year)
    except ValueError:  # 31 Şubat and the like: leave the text untagged
        return None


#: index of the year group of each pattern that gives a year
_YEAR_GROUP = {"days": 3, "night": 3, "day-day": 4, "day": 2, "numeric": 2, "months": 2,
               "month": 1, "year-month": 0, "en-mdy": 2, "en-dmy": 2, "en-my": 1}

_BUILD = {
    "days": lambda g, y: _range(_day(y, MONTHS[g[2]], g[0]), _day(y, MONTHS[g[2]], g[1])),
    "night": lambda g, y: _range(_day(y, MONTHS[g[2]], g[0]), _day(y, MONTHS[g[2]], g[1])),
    "day-day": lambda g, y: _range(_day(y, MONTHS[g[1]], g[0]), _day(y, MONTHS[g[3]], g[2])),
    "day": lambda g, y: {"when": _day(y, MONTHS[g[1]], g[0])},
    "numeric": lambda g, y: {"when": _day(y, int(g[1]), g[0])},
    "months": lambda g, y: _range(f"{y}-{MONTHS[g[0]]:02d}", f"{y}-{MONTHS[g[1]]:02d}"),
    "month": lambda g, y: {"when": f"{y}-{MONTHS[g[0]]:02d}"},
    "year-month": lambda g, y: {"when": f"{y}-{MONTHS[g[1]]:02d}"},
    "years": lambda g, y: _years(g[0], g[1]),
    "day-no-year": lambda g, y: {"when": _day(y, MONTHS[g[1]], g[0]), "cert": "medium",
                                 "evidence": "internal"},
    "year": lambda g, y: {"when": g[0]},
    "en-mdy": lambda g, y: {"when": _day(y, EN_MONTHS[g[0]], g[1])},
    "en-dmy": lambda g, y: {"when": _day(y, EN_MONTHS[g[1]], g[0])},
    "en-my": lambda g, y: {"when": f"{y}-{EN_MONTHS[g[0]]:02d}"},
}


def _day(year: int, month: int, day: str) -> str:
    return datetime.date(year, month, int(day)).isoformat()


def _range(start: str, end: str) -> dict[str, str]:
    if end < start:
        raise ValueError("range ends before it starts")
    return {"from": start, "to": end}


def _years(first: str, second: str) -> dict[str, str]:
    start = int(first)
    end = int(second) if len(second) == 4 else int(first[:2] + second)
    if end <= start:
        raise ValueError("not a year range")
    return {"from": str(start), "to": str(end)}
