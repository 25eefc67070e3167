"""The XML Schema datatypes RELAX NG grammars use (``datatypeLibrary`` XSD), in Python.

Only used to explain why a document libxml2 found invalid is invalid (see
:mod:`teikit.validate.rng_derive`): the verdict itself is libxml2's. Covers the
types and facets TEI schemas use (tei_all: 22 types; facets pattern, min/maxInclusive,
min/maxExclusive, length, min/maxLength). XSD regular expressions are anchored and
use Unicode blocks and categories (``[^\\p{C}\\p{Z}]+``): the ``regex`` module reads
them once ``\\i`` and ``\\c`` are spelled out. An unknown type accepts every value, so
that an unknown library never invents an error.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import regex

XSD = "http://www.w3.org/2001/XMLSchema-datatypes"

_NAME_START = ("A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF"
               "\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD"
               "\U00010000-\U000EFFFF")
_NAME_CHAR = _NAME_START + r"\-.0-9\u00B7\u0300-\u036F\u203F-\u2040"
_NCNAME = re.compile(f"[{_NAME_START}][{_NAME_CHAR}]*")
_NAME = re.compile(f"[:{_NAME_START}][:{_NAME_CHAR}]*")
_YEAR = r"-?(?:[1-9][0-9]{4,}|[0-9]{4})"
_TZ = r"(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
_MONTH, _DAY = r"(?:0[1-9]|1[0-2])", r"(?:0[1-9]|[12][0-9]|3[01])"
_TIME = r"(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?|24:00:00(?:\.0+)?"
_LEXICAL = {
    "boolean": r"true|false|1|0",
    "decimal": r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)",
    "integer": r"[+-]?[0-9]+",
    "nonNegativeInteger": r"\+?[0-9]+|-0+",
    "positiveInteger": r"\+?0*[1-9][0-9]*",
    "nonPositiveInteger": r"-[0-9]+|\+?0+",
    "negativeInteger": r"-0*[1-9][0-9]*",
    "double": r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?INF|NaN",
    "date": f"{_YEAR}-{_MONTH}-{_DAY}{_TZ}",
    "dateTime": f"{_YEAR}-{_MONTH}-{_DAY}T(?:{_TIME}){_TZ}",
    "time": f"(?:{_TIME}){_TZ}",
    "gYear": f"{_YEAR}{_TZ}",
    "gYearMonth": f"{_YEAR}-{_MONTH}{_TZ}",
    "gMonth": f"--{_MONTH}{_TZ}",
    "gMonthDay": f"--{_MONTH}-{_DAY}{_TZ}",
    "gDay": f"---{_DAY}{_TZ}",
    "duration": r"-?P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?"
                r"(?:\d+(?:\.\d+)?S)?)?",
    "language": r"[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*",
    "anyURI": r"[^\s]*|.*",
}
_LEXICAL["float"] = _LEXICAL["double"]
_LEXICAL["long"] = _LEXICAL["int"] = _LEXICAL["short"] = _LEXICAL["integer"]
_COMPILED = {name: re.compile(pattern) for name, pattern in _LEXICAL.items()}
_NAMES = {"NCName": _NCNAME, "ID": _NCNAME, "IDREF": _NCNAME, "ENTITY": _NCNAME,
          "Name": _NAME, "NMTOKEN": re.compile(f"[:{_NAME_CHAR}]+")}
_LISTS = {"IDREFS": "IDREF", "ENTITIES": "ENTITY", "NMTOKENS": "NMTOKEN"}
_NUMERIC = {"decimal", "integer", "nonNegativeInteger", "positiveInteger",
            "nonPositiveInteger", "negativeInteger", "double", "float", "long", "int", "short"}


def normalise(library: str, type_name: str, value: str) -> str:
    """The value as the type sees it: whitespace collapsed except for string."""
    if library == XSD and type_name in ("string",):
        return value
    if library == XSD and type_name == "normalizedString":
        return re.sub(r"[\t\n\r]", " ", value)
    return " ".join(value.split())


def allows(library: str, type_name: str, params: tuple[tuple[str, str], ...], value: str) -> bool:
    """Does *value* belong to the datatype, with its facets *params*?"""
    if library == "":
        return True  # built-in string and token accept every string
    if library != XSD:
        return True
    text = normalise(library, type_name, value)
    if not _lexical_ok(type_name, text):
        return False
    return all(_facet_ok(type_name, name, limit, text, value) for name, limit in params)


def equal(library: str, type_name: str, value: str, expected: str) -> bool:
    """Does *value* equal the ``<value>`` *expected* under the datatype?"""
    if library == "" and type_name == "string":
        return value == expected
    if library == XSD and type_name in _NUMERIC:
        try:
            return Decimal(value.strip()) == Decimal(expected.strip())
        except InvalidOperation:
            return False
    return normalise(library, type_name, value) == normalise(library, type_name, expected)


def _lexical_ok(type_name: str, text: str) -> bool:
    if type_name in ("string", "normalizedString", "token"):
        return True
    if type_name in _LISTS:
        items = text.split()
        return bool(items) and all(_NAMES[_LISTS[type_name]].fullmatch(i) for i in items)
    checker = _NAMES.get(type_name) or _COMPILED.get(type_name)
    if checker is None:
        return True
    if not checker.fullmatch(text):
        return False
    if type_name in ("nonNegativeInteger", "positiveInteger") and text.startswith("-"):
        return int(text) == 0
    return True


def _facet_ok(type_name: str, facet: str, limit: str, text: str, raw: str) -> bool:
    if facet == "pattern":
        return xsd_regex(limit).fullmatch(text if type_name != "string" else raw) is not None
    if facet in ("length", "minLength", "maxLength"):
        size = len(text.split()) if type_name in _LISTS else len(text)
        bound = int(limit)
        return {"length": size == bound, "minLength": size >= bound,
                "maxLength": size <= bound}[facet]
    if facet in ("minInclusive", "maxInclusive", "minExclusive", "maxExclusive"):
        try:
            number, bound = Decimal(text), Decimal(limit)
        except InvalidOperation:
            return True  # ordered non-numeric types (dates): not compared here
        return {"minInclusive": number >= bound, "maxInclusive": number <= bound,
                "minExclusive": number > bound, "maxExclusive": number < bound}[facet]
    return True


@lru_cache(maxsize=256)
def xsd_regex(pattern: str):
    """An XSD regular expression as a compiled ``regex`` pattern (to use with fullmatch)."""
    translated = (pattern.replace(r"\i", f"[:{_NAME_START}]").replace(r"\I", f"[^:{_NAME_START}]")
                  .replace(r"\c", f"[:{_NAME_CHAR}]").replace(r"\C", f"[^:{_NAME_CHAR}]"))
    try:
        return regex.compile(translated, regex.V0)
    except regex.error:
        return regex.compile(".*", regex.S)  # an expression we cannot read never fails a value
