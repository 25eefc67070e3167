"""How much of a TEI document's wording reaches a rendered page: the coverage measure.

A document's words are the words of its text (``tei:text``) and of the header parts that
are a document's content (:data:`CONTENT_PARTS`: a manuscript description, a letter's
correspondence description, person and place lists, a bibliography, the participants, the
``standOff``), and those of the documentary transcription (``sourceDoc``) of a document
that has no text. A page's words are the words a reader sees in its ``<body>``.
:func:`coverage` is the share of the document's words (counted with repetition) that the
page shows as often: extra words on the page (labels, page numbers) neither help nor hurt.

How the text is cut into words, on both sides, follows what a reader sees:

- a word is a run of letters and digits (``\\w+``, after Unicode NFC), editorial
  brackets inside it aside;
- TEI: phrase-level elements (:data:`TEI_INLINE`) join their text to its neighbours, any
  other element is a boundary (a ``<w>`` is a word, a ``<note>`` or a ``<cell>`` stands
  apart), and so do two parts of a name with nothing between them
  (``<forename>Jorge</forename><surname>Melo</surname>`` is two words);
  ``<lb break="no"/>`` joins the two halves of a word; a ``<choice>`` counts only
  the reading the renderers show (``corr``, else ``reg``, else ``expan``, else the first);
  comments and processing instructions are not text;
- HTML: phrase elements (:data:`HTML_INLINE`) join, every other element is a boundary,
  a footnote call and a footnote (print) stand apart, so does a block met inside running
  text (``class="as-block"``: both stylesheets display it as a block), ``<head>`` and ``aria-hidden``
  running heads are not part of the reading text.

Files that do not parse with lxml's defaults (``xml:id="xi:include_1.d2e195"`` in
OpenArabicPE's al-Haqaiq) are read as teikit's renderers read them (lenient ids). An
``xi:include`` whose file is missing has no words in the document: nothing to count.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from lxml import etree

TEI = "{http://www.tei-c.org/ns/1.0}"

#: header parts whose words are a document's content (issue 13)
CONTENT_PARTS = ("msDesc", "correspDesc", "standOff", "listPerson", "listPlace", "listOrg",
                 "listBibl", "particDesc")

#: TEI elements that do not break a word: their text runs on with their neighbours'
TEI_INLINE = frozenset(
    "hi emph foreign title term mentioned soCalled distinct gloss persName placeName "
    "orgName name rs geogName country region settlement bloc district roleName forename "
    "surname addName genName nameLink date time num measure unit abbr expan ex am sic corr "
    "reg orig supplied unclear del add damage surplus subst restore secl gap c g pc ref ptr "
    "q quote said seg hyphenation choice lem handShift locus idno".split())

#: HTML elements that do not break a word
HTML_INLINE = frozenset(
    "a abbr b bdi bdo cite code data del dfn em i ins kbd mark q s samp small span strong "
    "sub sup time u var".split())

#: classes of HTML elements that stand apart from the words around them
HTML_APART = frozenset({"noteref", "footnote", "footnote-call", "pb", "anchor", "backref",
                        "editorial-note", "as-block"})

#: parts of a name: words of their own even where the source runs them together
NAME_PARTS = frozenset("forename surname addName roleName genName nameLink".split())

_WORD = re.compile(r"\w+")
_JOIN = "\x00"
_BRACKETS = re.compile(r"[\[\]⟨⟩⸢⸣]")


def words(text: str) -> Counter:
    """The words of *text*, counted. Editorial brackets (Leiden conventions: ``ἑ[ξ]ήκοντα``,
    a letter the editor supplied) mark a word without breaking it."""
    text = re.sub(r"\s*" + _JOIN + r"\s*", "", unicodedata.normalize("NFC", text))
    text = _BRACKETS.sub("", text)
    return Counter(_WORD.findall(text))


# ------------------------------------------------------------------------------ TEI side
def tei_words(root: etree._Element) -> Counter:
    """The words of a TEI document: its texts, and its header parts that are content."""
    parts: list[str] = []
    for element in _content_elements(root):
        _tei_text(element, parts)
        parts.append(" ")
    return words("".join(parts))


def _content_elements(root: etree._Element) -> list[etree._Element]:
    """The outermost text, standOff and content-bearing header elements of *root*, and the
    documentary transcription (``sourceDoc``) of a document that has no text."""
    wanted = {TEI + "text"} | {TEI + n for n in CONTENT_PARTS}
    found = []
    for element in root.iter(*wanted, TEI + "sourceDoc"):
        if element.tag == TEI + "sourceDoc":
            if element.getparent().find(TEI + "text") is None:
                found.append(element)
        elif not any(a.tag in wanted for a in element.iterancestors()):
            found.append(element)
    return found


def _tei_text(element: etree._Element, parts: list[str]) -> None:
    """Append the reading text of *element* (see the module doc) to *parts*."""
    if not isinstance(element.tag, str):       # comment, processing instruction
        return
    name = element.tag[len(TEI):] if element.tag.startswith(TEI) else ""
    if name == "lb" and element.get("break") == "no":
        parts.append(_JOIN)
        return
    inline = name in TEI_INLINE
    if not inline or (name in NAME_PARTS and _follows_name_part(element)):
        parts.append(" ")
    if name == "choice":
        shown = _shown_reading(element)
        if shown is not None:
            _tei_text(shown, parts)
    else:
        parts.append(element.text or "")
        for child in element:
            _tei_text(child, parts)
            parts.append(child.tail or "")
    if not inline:
        parts.append(" ")


def _follows_name_part(element: etree._Element) -> bool:
    """Whether *element* comes right after another part of a name, nothing between them."""
    before = element.getprevious()
    return (before is not None and isinstance(before.tag, str) and not before.tail
            and before.tag.startswith(TEI) and before.tag[len(TEI):] in NAME_PARTS)


def _shown_reading(choice: etree._Element) -> etree._Element | None:
    for name in ("corr", "reg", "expan"):
        found = choice.find(TEI + name)
        if found is not None:
            return found
    return next(iter(choice.iterchildren(tag=etree.Element)), None)


# ------------------------------------------------------------------------------ HTML side
def html_words(page: str | bytes) -> Counter:
    """The words a reader sees in the ``<body>`` of an HTML page."""
    return words(html_text(page))


def html_text(page: str | bytes) -> str:
    """The text a reader sees in the ``<body>`` of an HTML page, blocks apart, whitespace
    collapsed."""
    from lxml import html as lxml_html
    document = lxml_html.document_fromstring(page)
    parts: list[str] = []
    for body in document.iter("body"):
        _html_text(body, parts)
    return " ".join("".join(parts).split())


def _html_text(element, parts: list[str]) -> None:
    if not isinstance(element.tag, str) or element.get("aria-hidden") == "true":
        return
    if element.tag in ("script", "style", "template"):
        return
    apart = element.tag not in HTML_INLINE or bool(HTML_APART & set(element.get("class", "").split()))
    if apart:
        parts.append(" ")
    parts.append(element.text or "")
    for child in element:
        _html_text(child, parts)
        parts.append(child.tail or "")
    if apart:
        parts.append(" ")


# ------------------------------------------------------------------------------ the share
def coverage(source: Counter, shown: Counter) -> tuple[int, int]:
    """(words of *source* that *shown* holds as often, words of *source*)."""
    found = sum(min(count, shown[word]) for word, count in source.items())
    return found, sum(source.values())


def missing(source: Counter, shown: Counter, most: int = 15) -> list[tuple[str, int]]:
    """The words of *source* the page lacks most often (for a failing test's message)."""
    lacking = Counter({w: c - shown[w] for w, c in source.items() if c > shown[w]})
    return lacking.most_common(most)
