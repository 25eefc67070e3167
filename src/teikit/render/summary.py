"""Per-document summaries: what the register and the chronology need from one article.

The register of the edition is aggregated from these small summaries, never from the
article trees themselves: each article is parsed, summarised and dropped, so memory
grows with the number of *occurrences* in the edition, not with the number or size of
documents (issue 7). This is the "resolve" phase's collection step, as a Sphinx
builder's environment collects cross-references document by document.

What counts, in every article's ``text`` (front, body, back, footnotes included):

* an **occurrence** is a ``persName``, ``placeName``, ``orgName``, ``name``, ``rs`` or
  ``geogName`` with ``@ref`` (every element the rules render as a name); each pointer of
  ``@ref`` (space-separated) is one occurrence. It is linked to its *anchor*, the nearest
  ancestor carrying an ``xml:id`` (the paragraph, or the footnote inside it), and to the
  printed page, the ``@n`` of the nearest preceding ``pb``.
* a **dated event** is a ``date`` with ``@when`` or ``@from`` (an ISO 8601 value) in the
  running text of the ``body``, not in a heading, a citation or a name (:func:`is_event`,
  docs/encoding.md "The chronology: what counts as an event"); it keeps its own text, the sentence around it (the block's text when no
  sentence boundary is found), its anchor and page, and whether it is *inferred*
  (``@evidence`` internal/conjecture or ``@cert`` low/medium/unknown, see
  docs/encoding.md "Dates").

:func:`summarize` returns an :class:`ArticleSummary`; :meth:`ArticleSummary.to_xml`
gives the ``<article>`` element the register stylesheets read (see xslt/register.xsl).
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from teikit.xmlio import TEI_NS, XML_NS

_T = f"{{{TEI_NS}}}"
_XML_ID = f"{{{XML_NS}}}id"
_XML_LANG = f"{{{XML_NS}}}lang"
NAME_TAGS = frozenset(_T + n for n in ("persName", "placeName", "orgName", "name", "rs", "geogName"))
#: elements whose text is a "block" in which a date's sentence is looked for
BLOCK_TAGS = frozenset(_T + n for n in (
    "p", "item", "head", "note", "ab", "l", "cell", "quote", "bibl", "label", "seg", "s"))
_ISO_DATE = re.compile(r"^-?\d{4}(-\d{2}(-\d{2})?)?(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$")
_INFERRED_EVIDENCE = frozenset({"internal", "conjecture"})
_INFERRED_CERT = frozenset({"low", "medium", "unknown"})
#: a full stop after one of these does not end a sentence
_ABBREVIATIONS = frozenset({"bkz", "vb", "vs", "dr", "st", "s", "c", "no", "yy", "bk", "çev",
                            "haz", "ed", "vd", "mr", "prof", "doç", "yrd", "krş", "age", "agm"})
_BOUNDARY = re.compile(r"[.!?…]+[\"”’»)\]]*\s+")
_LAST_WORD = re.compile(r"(\w+)\W*$")


@dataclass(frozen=True)
class Occurrence:
    """One tagged name pointing at a register entry."""

    ref: str            # the pointer as written, e.g. "register/persons.xml#per-lenin"
    target: str         # the pointed file, resolved against the article ("" for "#id")
    entry: str          # the fragment: the entry's xml:id
    kind: str           # persName | placeName | orgName | name | rs | geogName
    form: str           # the text as the article spells it
    anchor: str         # xml:id of the nearest identified ancestor ("" if none)
    page: str           # @n of the nearest preceding pb ("" if none)


@dataclass(frozen=True)
class DatedEvent:
    """One ``date`` of an article body with the sentence that carries it."""

    start: str          # @when or @from
    end: str            # @to ("" if none)
    text: str
    sentence: str
    anchor: str
    page: str
    inferred: bool
    lang: str = ""      # the nearest xml:lang around the date ("" if none)


@dataclass
class ArticleSummary:
    """What one article contributes to the register and chronology of the edition."""

    source: Path
    article_id: str
    titles: dict[str, str] = field(default_factory=dict)
    occurrences: list[Occurrence] = field(default_factory=list)
    dates: list[DatedEvent] = field(default_factory=list)
    #: date values that are not ISO 8601 and so cannot be placed in time
    skipped_dates: list[str] = field(default_factory=list)
    #: copies of the article's own lists of persons, places, organisations and events
    #: (in its header, standOff or text) that hold entries with an xml:id: they feed the
    #: register like the register files do
    own_lists: list[etree._Element] = field(default_factory=list)

    @property
    def slug(self) -> str:
        """The file name without suffix: the article's HTML page is ``<slug>.html``."""
        return self.source.stem

    def to_xml(self) -> etree._Element:
        """The summary as an ``<article>`` element (no namespace) for the stylesheets."""
        root = etree.Element("article", id=self.article_id, slug=self.slug,
                             source=self.source.name)
        for lang, title in self.titles.items():
            etree.SubElement(root, "title", lang=lang).text = title
        for occ in self.occurrences:
            etree.SubElement(root, "occ", ref=occ.ref, target=occ.target, entry=occ.entry,
                             kind=occ.kind, anchor=occ.anchor, page=occ.page).text = occ.form
        for date in self.dates:
            el = etree.SubElement(root, "date", start=date.start, end=date.end,
                                  anchor=date.anchor, page=date.page, lang=date.lang,
                                  inferred="true" if date.inferred else "false")
            etree.SubElement(el, "text").text = date.text
            etree.SubElement(el, "sentence").text = date.sentence
        return root


def summarize(tree: etree._ElementTree, source: str | Path) -> ArticleSummary:
    """Summarise one parsed article (a TEI document) read from *source*."""
    source = Path(source)
    root = tree.getroot()
    summary = ArticleSummary(source=source, article_id=root.get(_XML_ID) or source.stem,
                             titles=_titles(root))
    summary.own_lists = own_lists(root)
    page = ""
    for text in _outer_texts(root):
        for node in text.iter(_T + "pb", *NAME_TAGS, _T + "date"):
            if node.tag == _T + "pb":
                page = node.get("n", page)
            elif node.tag == _T + "date":
                if (node.get("when") or node.get("from")) and is_event(node):
                    _add_date(summary, node, page)
            elif node.get("ref"):
                summary.occurrences.extend(_occurrences(node, source, page))
    return summary


#: the lists whose entries are register entries (as in the register files)
OWN_LISTS = tuple(_T + n for n in ("listPerson", "listPlace", "listOrg", "listEvent"))
_ENTRIES = tuple(_T + n for n in ("person", "personGrp", "place", "org", "event"))


def own_lists(root: etree._Element) -> list[etree._Element]:
    """Copies of the outermost person, place, organisation and event lists of a document
    that hold at least one entry with an xml:id (a play's cast, a letter's persons, a
    gazetteer's places)."""
    found = []
    for found_list in root.iter(*OWN_LISTS):
        if any(a.tag in OWN_LISTS for a in found_list.iterancestors()):
            continue
        if any(e.get(_XML_ID) for e in found_list.iter(*_ENTRIES)):
            found.append(etree.fromstring(etree.tostring(found_list, with_tail=False)))
    return found


def _outer_texts(root: etree._Element):
    """Every ``text`` not inside another one: one per TEI of a teiCorpus; texts nested
    in a ``group`` are walked with their outer text."""
    for text in root.iter(_T + "text"):
        if not any(a.tag == _T + "text" for a in text.iterancestors()):
            yield text


def _titles(root: etree._Element) -> dict[str, str]:
    """Main titles of the article by language (the first title when none is typed main)."""
    titles: dict[str, str] = {}
    stmt = root.find(f"{_T}teiHeader/{_T}fileDesc/{_T}titleStmt")
    if stmt is None:
        return titles
    candidates = [t for t in stmt.findall(_T + "title") if t.get("type") == "main"]
    for title in candidates or stmt.findall(_T + "title")[:1]:
        lang = title.get(_XML_LANG) or root.get(_XML_LANG) or ""
        titles.setdefault(lang, _normalize("".join(title.itertext())))
    return titles


def _occurrences(node: etree._Element, source: Path, page: str) -> list[Occurrence]:
    """One :class:`Occurrence` per pointer of the name's ``@ref``."""
    form = _normalize("".join(_text_without_notes(node)))
    anchor = _anchor(node)
    found = []
    for ref in node.get("ref", "").split():
        path, _, fragment = ref.partition("#")
        found.append(Occurrence(ref, _resolve(str(source.parent), path), fragment,
                                etree.QName(node).localname, form, anchor, page))
    return found


@lru_cache(maxsize=256)
def _resolve(directory: str, path: str) -> str:
    """The file a pointer's path names: absolute, or the URI itself, or "" for "#id"."""
    if not path or "://" in path:
        return path
    return str((Path(directory) / path).resolve())


def _add_date(summary: ArticleSummary, node: etree._Element, page: str) -> None:
    """Record a body ``date`` (or note its value as skipped when it is not ISO 8601)."""
    start = node.get("when") or node.get("from")
    if not _ISO_DATE.match(start):
        summary.skipped_dates.append(start)
        return
    block = _block(node)
    before, inside, after = _text_around(block, node)
    summary.dates.append(DatedEvent(
        start=start, end=node.get("to", "") if not node.get("when") else "",
        text=_normalize(inside), sentence=_sentence(before, inside, after),
        anchor=_anchor(node), page=page,
        inferred=(node.get("evidence") in _INFERRED_EVIDENCE
                  or node.get("cert") in _INFERRED_CERT),
        lang=_lang(node)))


def _lang(node: etree._Element) -> str:
    """The xml:lang in force at *node* (its own or its nearest ancestor's)."""
    for el in (node, *node.iterancestors()):
        if el.get(_XML_LANG) is not None:
            return el.get(_XML_LANG)
    return ""


#: a date inside one of these is not an event of the chronology: a heading names its
#: section's subject, a citation dates the document cited, a name is a name
NOT_EVENT_CONTEXT = frozenset(_T + n for n in (
    "head", "bibl", "biblStruct", "listBibl", "citedRange", "title",
    "name", "persName", "placeName", "orgName", "rs", "term"))


def is_event(node: etree._Element) -> bool:
    """Whether a ``date`` is an event of the chronology: in the body's running text, not
    inside a heading, a citation or a name (docs/encoding.md, "The chronology: what
    counts as an event")."""
    ancestors = {a.tag for a in node.iterancestors()}
    return _T + "body" in ancestors and not ancestors & NOT_EVENT_CONTEXT


def _anchor(node: etree._Element) -> str:
    """The xml:id of the nearest ancestor that has one (the HTML keeps it as ``id``)."""
    for ancestor in node.iterancestors():
        if ancestor.get(_XML_ID) and ancestor.tag not in (_T + "TEI", _T + "teiCorpus"):
            return ancestor.get(_XML_ID)
    return ""


def _block(node: etree._Element) -> etree._Element:
    """The nearest enclosing block (paragraph, item, note, ...) of *node*."""
    for ancestor in node.iterancestors():
        if ancestor.tag in BLOCK_TAGS:
            return ancestor
    return node.getparent() if node.getparent() is not None else node


def _text_without_notes(el: etree._Element):
    """The text of *el*, leaving out nested footnotes, comments and processing instructions."""
    if isinstance(el.tag, str) and el.text:
        yield el.text
    for child in el:
        if isinstance(child.tag, str) and child.tag != _T + "note":
            yield from _text_without_notes(child)
        if child.tail:
            yield child.tail


def _text_around(block: etree._Element, target: etree._Element) -> tuple[str, str, str]:
    """The block's text before, inside and after *target* (nested notes left out)."""
    parts: dict[str, list[str]] = {"before": [], "inside": [], "after": []}
    state = ["before"]

    def walk(el: etree._Element) -> None:
        if el is target:
            parts["inside"].extend(_text_without_notes(el))
            state[0] = "after"
            return
        if el.text:
            parts[state[0]].append(el.text)
        for child in el:
            keep = isinstance(child.tag, str) and (
                child.tag != _T + "note" or any(d is target for d in child.iter()))
            if keep:
                walk(child)
            if child.tail:
                parts[state[0]].append(child.tail)

    walk(block)
    return "".join(parts["before"]), "".join(parts["inside"]), "".join(parts["after"])


def _sentence(before: str, inside: str, after: str) -> str:
    """The sentence of the block that contains the date (whitespace normalised)."""
    before, inside, after = (re.sub(r"\s+", " ", t) for t in (before, inside, after))
    text = before + inside + after
    start, end = len(before), len(before) + len(inside)
    cuts = [m.end() for m in _BOUNDARY.finditer(text) if _ends_sentence(text, m)]
    first = max((c for c in cuts if c <= start), default=0)
    last = min((c for c in cuts if c >= end), default=len(text))
    return _normalize(text[first:last])


def _ends_sentence(text: str, match: re.Match) -> bool:
    """A boundary ends a sentence unless it follows an initial or an abbreviation,
    or the next word starts in lower case."""
    following = text[match.end():match.end() + 3].lstrip("\"“„«( ")
    if not following or not (following[0].isupper() or following[0].isdigit()):
        return False
    word = _LAST_WORD.search(text, max(0, match.start() - 40), match.start() + 1)
    if word is None:
        return True
    token = word.group(1)
    return not (len(token) == 1 and token.isupper()) and token.lower() not in _ABBREVIATIONS


def _normalize(text: str) -> str:
    return " ".join(text.split())
