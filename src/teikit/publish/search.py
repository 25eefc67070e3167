"""The site's full-text search for ``teikit build``: per-paragraph Pagefind records,
indexed in parts of bounded size, and the search page.

Search page. ``search.html`` runs the edition's own script (xslt/assets/search.js) on
Pagefind's JavaScript API, not Pagefind UI: Pagefind's answer is a list of candidates,
and xslt/assets/search-terms.js keeps those whose text holds every word of the query in a
suffixed form, the Turkish way (as typed first; "Kars" is not "karşı"; a query typed
without Turkish letters falls back to them, through each bundle's ``teikit-words.json``).

Records. Each article gives one Pagefind custom record per body paragraph, or per unit
that stands for one in a play, a poem, an inscription, a debate or a dictionary (a speech,
a stanza, an ab, an utterance, an entry: :data:`UNITS`; :func:`search_records`), at its
anchor in the article's reading page, filtered by the
article and by the persons and places the paragraph names. The build keeps them per
article (``.teikit-cache/search/<stem>.json``) and only recomputes a changed article's.

Parts. Pagefind's indexer holds everything it is given in memory, about 70 KB per record
(measured: 7,424 records of real paragraphs, 566 MB), so one index of a large edition
would grow without bound (1,000 articles: some 230,000 records). The records are therefore
indexed in *parts* of at most ``part_size`` records (:class:`PartPlan`: articles in the
order the build streams them, their paths' order, a part closed before the article that
would overflow it), one Pagefind process per part, one after the other. Part 1 is the primary bundle at ``pagefind/`` (it carries the UI);
part *n* > 1 is a bundle of its own at ``pagefind-parts/<n>/``, which ``search.html`` merges
in the browser (Pagefind UI's ``mergeIndex``): the reader searches one index. A part is
rebuilt only when the search records of one of its articles changed, so touching one
article re-indexes its part, not the edition. An edition under ``part_size`` records (the
usual case) has one bundle and no merging.

Indexing while the build streams. Pagefind is a process of its own, so it indexes on
another core while the build goes on: :class:`StreamedIndex` plans the parts as the
articles come and starts a part's indexer (:class:`PartIndexer`) as soon as one of its
articles' records is new (not what the part held last build), feeding it the part's
records so far and then each article's as it is made; the indexer writes its bundle into
a scratch folder once the part is closed, and the build puts it in place at the end. A
part whose articles all kept their records is not indexed, as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import re
import shutil
import threading
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Callable, Iterable, Iterator

from lxml import etree

from teikit.publish.pagefind_service import index_records
from teikit.xmlio import NS, XML_NS

SEARCH_CACHE = ".teikit-cache/search"     # per-article Pagefind records, indexed into the parts
PART_SIZE = 5000                          # records per Pagefind part: ~350 MB in its indexer
PRIMARY = "pagefind"                      # part 1: the bundle that also holds the search UI
#: the language of every record: search.html's. Pagefind keeps one index per language and
#: a page searches only the index of its own <html lang>, so a record in another language
#: (an English novel, a Russian play in the edition) was never found; one index, stemmed
#: the Turkish way, finds them all (search-terms.js matches the words the Turkish way too)
SEARCH_LANGUAGE = "tr"
PARTS = "pagefind-parts"                  # parts 2, 3, ...: merged into part 1's UI
#: puts each (path in the site, bytes or a finished file to move there) in place, see index_part
WriteMany = Callable[[list[tuple[str, bytes | Path]]], list[Path]]


@dataclass
class Paragraph:
    """One paragraph of an article's body as the search sees it: its anchor (its own
    xml:id, else ``unit-<n>`` for the nth unit without one, which the reading page's
    assets/landing.js finds among the units the page marks: tk:is-unit), its section
    (the division's xml:id or None, and its heading), its text (its footnotes after it),
    the register pointers in it and the printed pages it runs over (first, last)."""

    id: str
    section: tuple[str | None, str] | None
    text: str
    refs: set[str]
    pages: tuple[str, str] | None = None

    @property
    def page_label(self) -> str | None:
        """"s. 23", or "s. 22–23" for a paragraph that runs onto the next page."""
        if not self.pages:
            return None
        first, last = self.pages
        return f"s. {first}" if first == last else f"s. {first}–{last}"


#: what a search result lands on: a paragraph, or what stands for one in other kinds of TEI
#: (an inscription's ab, a speech of a play, a stanza, a line of verse outside both, an
#: utterance of a debate, a dictionary entry); a unit inside another is part of that one,
#: but a poem's stanzas are units of their own (an lg holding lgs is not one)
UNITS = ("p", "ab", "sp", "lg", "l", "u", "entry")


def paragraphs(article) -> list[Paragraph]:
    """The body paragraphs of *article*, or the units that stand for them (:data:`UNITS`),
    outermost only, not inside notes."""
    found = []
    before = _page_before(article.root)
    units: list[etree._Element] = []
    for body in article.root.iter(_BODY):
        if body.getparent().tag == _TEXT:
            _collect_units(body, units)
    unnamed = 0
    for p in units:
        section = _section(p)
        text = " ".join([_words(_own_text(p, []))]
                        + [_words(note.itertext()) for note in p.xpath(".//tei:note", namespaces=NS)])
        anchor = p.get(_XML_ID)
        if anchor is None:
            unnamed += 1
            anchor = f"unit-{unnamed}"
        found.append(Paragraph(anchor, section, text,
                               {str(r) for r in p.xpath(".//@ref", namespaces=NS)}, _pages(p, before.get(p))))
    return found


_DIVS = "ancestor::*[self::tei:div or self::tei:div1 or self::tei:div2 or self::tei:div3 or self::tei:div4]"


def _section(unit: etree._Element) -> tuple[str | None, str] | None:
    """The innermost division around *unit* with a heading that has words: its xml:id (None
    when it has none, as most TEI of other projects: a novel's chapters) and its heading."""
    for div in reversed(unit.xpath(_DIVS, namespaces=NS)):
        heading = div.find(f"{{{NS['tei']}}}head")
        words = _words(heading.itertext()) if heading is not None else ""
        if words:
            return div.get(_XML_ID), words
    return None


def _collect_units(el: etree._Element, found: list[etree._Element]) -> None:
    """Append the outermost units (:data:`UNITS`) inside *el* to *found*, in document
    order, leaving out notes; a poem's stanzas, not the poem, when lgs nest."""
    for child in el:
        if child.tag == _NOTE or not isinstance(child.tag, str):
            continue
        if child.tag in _UNIT_TAGS and not (child.tag == _LG and _holds_stanzas(child)):
            found.append(child)
        else:
            _collect_units(child, found)


def _holds_stanzas(lg: etree._Element) -> bool:
    """Whether *lg* holds line groups of its own (a poem of stanzas), notes aside."""
    return any(child.tag == _LG or (child.tag != _NOTE and isinstance(child.tag, str) and _holds_stanzas(child))
               for child in lg)


def _own_text(el: etree._Element, parts: list[str]) -> list[str]:
    """The text of *el* without its notes, its lines, speakers and other blocks apart
    (``<l>Roses are red</l><l>violets</l>`` is two lines, not "redviolets"); a line break
    inside a word (lb break="no") joins."""
    if el.text and isinstance(el.tag, str):
        parts.append(el.text)
    for child in el:
        if child.tag == _NOTE:
            pass
        elif child.tag == _LB:
            parts.append("" if child.get("break") == "no" else " ")
        elif child.tag in _APART:
            parts.append(" ")
            _own_text(child, parts)
            parts.append(" ")
        elif isinstance(child.tag, str):
            _own_text(child, parts)
        if child.tail:
            parts.append(child.tail)
    return parts


def _page_before(root: etree._Element) -> dict[etree._Element, str]:
    """Each paragraph (or unit) of the document -> the @n of the last page break before it, in one
    pass (``preceding::pb[@n][1]`` for each paragraph walked the document from its start:
    a tenth of a build's time)."""
    before, last = {}, None
    for el in root.iter(_PB, *_UNIT_TAGS):
        if el.tag != _PB:
            if last is not None:
                before[el] = last
        elif el.get("n") is not None:
            last = el.get("n")
    return before


def _pages(p, before: str | None) -> tuple[str, str] | None:
    """The printed pages *p* runs over: from the page break before it (*before*'s @n), or
    the one that opens it, with no word of it before, to the last one inside it."""
    inside = p.xpath(".//tei:pb[@n][not(ancestor::tei:note)]", namespaces=NS)
    first = before
    if inside and (first is None or not _text_before(p, inside[0]).strip()):
        first = inside[0].get("n")
    last = inside[-1].get("n") if inside else first
    return (first, last) if first else None


def _text_before(p, milestone) -> str:
    """The text of *p* before *milestone* (a descendant of it), not a paragraph's inside it."""
    parts: list[str] = []

    def walk(el, own: bool) -> bool:          # True once the milestone is reached
        if el is milestone:
            return True
        if own and el.text and isinstance(el.tag, str):     # not a comment's text
            parts.append(el.text)
        for child in el:
            if walk(child, own and child.tag not in _UNIT_TAGS):
                return True
            if own and child.tail:
                parts.append(child.tail)
        return False

    walk(p, True)
    return "".join(parts)


_PB, _LB, _NOTE, _LG, _BODY, _TEXT = (f"{{{NS['tei']}}}{name}" for name in ("pb", "lb", "note", "lg", "body", "text"))
#: elements whose text stands apart from the text around them in a search record
_APART = frozenset(f"{{{NS['tei']}}}{name}" for name in (*UNITS, "speaker", "stage", "seg", "head", "item",
                                                         "label", "list", "sense", "form", "row", "cell"))
_UNIT_TAGS = frozenset(f"{{{NS['tei']}}}{unit}" for unit in UNITS)
_XML_ID = f"{{{XML_NS}}}id"


def _words(texts) -> str:
    return " ".join("".join(texts).split())


#: the search filter of a register entry, by its element's local name
FACETS = {"person": "person", "personGrp": "person", "place": "place"}


def facet(entry: etree._Element) -> str | None:
    """The search filter a register *entry* is offered under ("person", "place"), if any."""
    return FACETS.get(etree.QName(entry).localname)


def _filters(refs: set[str], labels: dict[str, tuple[str, str]]) -> dict[str, list[str]]:
    """The person and place filters of the register entries among *refs* (keys of *labels*:
    pointers as from the edition's folder, whatever the register files are called)."""
    found: dict[str, set[str]] = {}
    for ref in refs:
        if ref in labels:
            kind, name = labels[ref]
            found.setdefault(kind, set()).add(name)
    return {kind: sorted(found[kind]) for kind in ("person", "place") if kind in found}


def search_records(article, labels: dict[str, tuple[str, str]], page: str,
                   resolve: Callable[[str], str] = str) -> list[dict]:
    """Pagefind custom records of *article*, one per paragraph, at ``/page#anchor`` (the
    search page prefixes its base URL): a reader filtering by a person reaches the
    paragraphs naming them. *labels*: register pointer (as from the edition's folder) ->
    (filter, preferred name) of the entries offered as filters (:func:`facet`); *resolve* turns a pointer as written in the article into such a key
    (``../register/persons.xml#x`` in a volume folder is ``register/persons.xml#x``).

    Only the paragraph's text is searched. Pagefind searches every ``meta`` value of a
    record (measured: "silah" matched 142 records with the article and section title in
    meta, 19 without, and 19 paragraphs hold the word), so nothing goes in ``meta``; the
    section heading and the printed page travel as the filters ``section`` and ``page``,
    which Pagefind does not search but returns with each result. search.html shows them
    and offers only the ``article``, ``person`` and ``place`` filters to the reader."""
    records = []
    for paragraph in paragraphs(article):
        if not _WORD.search(paragraph.text):   # an empty <p/>, a row of dots: no word to find
            continue                            # (Pagefind drops such a record)
        filters = {"article": [article.title], **_filters({resolve(r) for r in paragraph.refs}, labels)}
        if paragraph.section:
            filters["section"] = [paragraph.section[1]]
        if paragraph.page_label:
            filters["page"] = [paragraph.page_label]
        records.append({"url": f"/{page}#{paragraph.id}",
                        "content": paragraph.text, "language": SEARCH_LANGUAGE, "meta": {},
                        "filters": filters})
    return records


# -- words that need Turkish letters ------------------------------------------------------
WORDS_FILE = "teikit-words.json"          # per bundle: folded word -> its spellings in the text
_WORD = re.compile(r"[^\W_]+")
_FOLD = str.maketrans("çğıöşüâîû", "cgiosuaiu")


def turkish_lower(text: str) -> str:
    """Lower case the Turkish way: I -> ı and İ -> i (Python's lower() makes İ "i̇")."""
    return text.replace("I", "ı").replace("İ", "i").lower()


def fold(word: str) -> str:
    """*word* in Turkish lower case without its Turkish letters and circumflexes (ş -> s, ı -> i)."""
    return turkish_lower(word).translate(_FOLD)


def words_index(records: Iterator[dict]) -> dict[str, list[str]]:
    """Folded word -> the spellings of the records' words that fold to it, for the words
    that hold a Turkish letter. The search page reads it when a query typed without
    Turkish letters ("Sarikamis") matches nothing as typed, to ask Pagefind for the words
    it stands for ("sarıkamış"): Pagefind's own folding finds some forms of a word and
    not others (it found "Sarıkamış" but not "Sarıkamış’ı" for "Sarikamis")."""
    found: dict[str, set[str]] = {}
    _gather_words(records, found)
    return _sorted_words(found)


def _gather_words(records: Iterable[dict], found: dict[str, set[str]]) -> None:
    """Add the words of *records* that hold a Turkish letter to *found* (see :func:`words_index`)."""
    for record in records:
        for word in _WORD.findall(turkish_lower(record["content"])):
            folded = word.translate(_FOLD)
            if folded != word:
                found.setdefault(folded, set()).add(word)


def _sorted_words(found: dict[str, set[str]]) -> dict[str, list[str]]:
    return {key: sorted(found[key]) for key in sorted(found)}


def search_page(article) -> str:
    """The plain reading page of an article when no HTML format is built: its body
    paragraphs (footnotes after them) with their anchors, under their section headings."""
    language = escape(article.root.get(f"{{{XML_NS}}}lang") or "tr")
    lines = [f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8">'
             f"<title>{escape(article.title)}</title></head><body><main>",
             f"<h1>{escape(article.title)}</h1>"]
    section = None
    for paragraph in paragraphs(article):
        if paragraph.section and paragraph.section != section:
            section = paragraph.section
            anchor = f' id="{escape(section[0])}"' if section[0] else ""
            lines.append(f"<h2{anchor}>{escape(section[1])}</h2>")
        lines.append(f'<p id="{escape(paragraph.id)}">{escape(paragraph.text)}</p>')
    lines.append("</main></body></html>\n")
    return "\n".join(lines)


# -- parts ------------------------------------------------------------------------------
@dataclass
class Part:
    """One Pagefind bundle of the site: its number and its articles (stem, records key, count)."""

    number: int
    members: list[tuple[str, str, int]]

    @property
    def directory(self) -> str:
        """The bundle's folder in the site."""
        return PRIMARY if self.number == 1 else f"{PARTS}/{self.number}"

    @property
    def key(self) -> str:
        """What the bundle depends on: its articles and their records' keys."""
        digest = hashlib.sha256()
        for stem, key, _ in self.members:
            digest.update(f"{stem}\0{key}\n".encode())
        return digest.hexdigest()


class PartPlan:
    """Parts planned one article at a time: each member (stem, records key, record count)
    joins the open part, or opens the next one when it would take the open part over
    *part_size* records; an article larger than that is a part of its own."""

    def __init__(self, part_size: int) -> None:
        self.part_size = part_size
        self.parts: list[Part] = []
        self._count = 0                # records in the open part

    def add(self, member: tuple[str, str, int]) -> tuple[Part, bool]:
        """Put *member* in its part; return the part and whether *member* opened it."""
        opened = not self.parts or self._count + member[2] > self.part_size
        if opened:
            self.parts.append(Part(len(self.parts) + 1, []))
            self._count = 0
        self.parts[-1].members.append(member)
        self._count += member[2]
        return self.parts[-1], opened


def plan_parts(members: list[tuple[str, str, int]], part_size: int) -> list[Part]:
    """*members* (stem, records key, record count, in the build's order) cut into parts
    of at most *part_size* records (:class:`PartPlan`)."""
    plan = PartPlan(part_size)
    for member in members:
        plan.add(member)
    return plan.parts


def cached_records(out: Path, stem: str) -> list[dict]:
    """The cached records of the article *stem* in the site *out*."""
    return json.loads((out / SEARCH_CACHE / f"{stem}.json").read_text("utf-8"))


_END, _ABORT = object(), object()       # what a PartIndexer's feed ends with


class _Aborted(Exception):
    """The build stopped: the indexer is to stop too, its bundle unwritten."""


class PartIndexer:
    """One part's Pagefind indexer, fed records while the build goes on.

    A thread hands the records (:meth:`add`) to the Pagefind service
    (:func:`teikit.publish.pagefind_service.index_records`), which indexes them in its own
    process; :meth:`close` ends the feed, after which the service writes the bundle into a
    scratch folder of the site; :meth:`install` waits for it and puts it in place.
    :meth:`abort` stops the indexer and removes the scratch folder.

    *after*: the indexer of the part before, still writing its bundle; this one's Pagefind
    process starts once that one's has ended (one Pagefind process at a time: each holds
    its part's records in memory), while the records given meanwhile wait in the feed, so
    the build streams on instead of waiting for that bundle."""

    def __init__(self, part: Part, out: Path, after: "PartIndexer | None" = None) -> None:
        self.part, self.out, self._after = part, out, after
        self.scratch = out / f".pagefind-scratch-{part.number}"
        shutil.rmtree(self.scratch, ignore_errors=True)
        self._feed: queue.SimpleQueue = queue.SimpleQueue()
        self._words: dict[str, set[str]] = {}
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._index, name=f"pagefind-part-{part.number}", daemon=True)
        self._thread.start()

    def _records(self) -> Iterator[dict]:
        while (records := self._feed.get()) is not _END:
            if records is _ABORT:
                raise _Aborted()
            yield from records

    def _index(self) -> None:
        if self._after is not None:
            self._after._thread.join()     # its error, if any, is raised by its own wait()
            self._after = None
        try:
            index_records(self._records(), self.scratch / "bundle")
        except BaseException as exc:      # handed to the build's thread by wait()
            self._error = exc

    def add(self, records: list[dict]) -> None:
        """Index *records* (one article's) after those given before."""
        self._feed.put(records)
        _gather_words(records, self._words)

    def close(self) -> None:
        """No more records: the indexer writes its bundle (in the background)."""
        self._feed.put(_END)

    def wait(self) -> None:
        """Wait until the bundle is written; an indexer's error is raised here."""
        self._thread.join()
        if self._error is not None:
            raise self._error

    def install(self, write_many: WriteMany) -> list[Path]:
        """Put the bundle in the part's folder with *write_many* (see :func:`index_part`);
        files of an earlier bundle there that this one does not make are removed."""
        try:
            self.wait()
            bundle, directory = self.scratch / "bundle", self.part.directory
            words = json.dumps(_sorted_words(self._words), ensure_ascii=False, separators=(",", ":"))
            written = write_many([(f"{directory}/{p.relative_to(bundle)}", p)
                                  for p in sorted(bundle.rglob("*")) if p.is_file()]
                                 + [(f"{directory}/{WORDS_FILE}", words.encode("utf-8"))])
        finally:
            shutil.rmtree(self.scratch, ignore_errors=True)
        keep = set(map(os.fspath, written))       # below the site, as rglob gives them
        for path in (self.out / directory).rglob("*"):
            if os.fspath(path) not in keep and path.is_file():
                path.unlink()
        return written

    def abort(self) -> None:
        """Stop indexing (the service is ended) and remove the scratch folder."""
        self._feed.put(_ABORT)
        self._thread.join()
        shutil.rmtree(self.scratch, ignore_errors=True)


def index_part(part: Part, out: Path, write_many: WriteMany) -> list[Path]:
    """Index *part*'s records (from the cache) with Pagefind into its folder of the site
    *out*; files of an earlier bundle there that this one does not make are removed.
    *write_many* puts each (path in the site, bytes or a file Pagefind wrote in a scratch
    folder of the site) in place before it returns: a bundle's files are moved, not copied
    (one per record)."""
    indexer = PartIndexer(part, out)
    try:
        for stem, _, _ in part.members:
            indexer.add(cached_records(out, stem))
        indexer.close()
        return indexer.install(write_many)
    except BaseException:
        indexer.abort()
        raise


@dataclass
class StreamedIndex:
    """The search parts of one build, planned and indexed as the build streams its
    articles (see the module's docstring). *previous*: part number -> {stem: records key}
    as the last build left each part."""

    out: Path
    part_size: int
    previous: dict[int, dict[str, str]]
    plan: PartPlan = field(init=False)
    indexers: dict[int, PartIndexer] = field(default_factory=dict)
    made: dict[str, list[dict]] = field(default_factory=dict)    # the open part's records made
    # by this build and not yet fed (its files are staged, not yet in place)

    def __post_init__(self) -> None:
        self.plan = PartPlan(self.part_size)

    def add(self, stem: str, key: str, count: int, records: list[dict] | None) -> None:
        """The next article: its records key and count, and its records when this build
        made them (else they are in the cache). Its part's indexer starts when its records
        are not what that part held last build."""
        part, opened = self.plan.add((stem, key, count))
        if opened:
            self._close(part.number - 1)
            self.made.clear()
        indexer = self.indexers.get(part.number)
        if indexer is None and self.previous.get(part.number, {}).get(stem) != key:
            indexer = self._start(part)
        if indexer is not None:
            indexer.add(records if records is not None else cached_records(self.out, stem))
        elif records is not None:
            self.made[stem] = records

    def _start(self, part: Part) -> PartIndexer:
        """An indexer for *part*, fed the records of its articles so far (but the last);
        it indexes once the part before has written its bundle (see :class:`PartIndexer`).
        The part two before must be done first: at most one part's records wait in memory
        for a Pagefind process, however far the stream runs ahead of the indexers."""
        if part.number - 2 in self.indexers:
            self.indexers[part.number - 2].wait()
        indexer = self.indexers[part.number] = PartIndexer(part, self.out, self.indexers.get(part.number - 1))
        for stem, _, _ in part.members[:-1]:
            made = self.made.pop(stem, None)
            indexer.add(made if made is not None else cached_records(self.out, stem))
        return indexer

    def _close(self, number: int) -> None:
        if number in self.indexers:
            self.indexers[number].close()

    def finish(self) -> None:
        """Every article is in: the last part is closed (its indexer writes its bundle)."""
        self._close(len(self.plan.parts))
        self.made.clear()

    def indexed(self, part: Part) -> bool:
        """True when *part* is being indexed already (its records changed)."""
        return part.number in self.indexers

    def install(self, part: Part, write_many: WriteMany) -> list[Path]:
        """*part*'s bundle put in place: the one indexed while streaming, else indexed now
        from the cached records."""
        indexer = self.indexers.pop(part.number, None)
        return indexer.install(write_many) if indexer is not None else index_part(part, self.out, write_many)

    def abort(self) -> None:
        """Stop every indexer still running (the build failed or was interrupted)."""
        while self.indexers:
            self.indexers.popitem()[1].abort()


#: the files of xslt/assets/ the search page uses, copied into the site's search/ folder
SEARCH_ASSETS = ("edition.css", "search.css", "search-terms.js", "search.js")


def search_html(base_path: str, parts: list[Part], header: str, title: str = "teikit dijital edisyonu") -> str:
    """``search.html``: the edition's own search page (search/search.js on Pagefind's API),
    in the site's look (search/edition.css) and with its *header* (the site's one header,
    :func:`teikit.publish.home.site_header`), in Turkish.
    Result URLs are prefixed with *base_path*, the path of ``--base-url``, so the search
    works when the site is hosted under a folder (bundle paths are absolute for the same
    reason: Pagefind imports a merged bundle relative to its own script, not to the page)."""
    config = {"bundle": f"{base_path}{PRIMARY}/", "baseUrl": base_path,
              "merged": [{"bundlePath": f"{base_path}{part.directory}/", "baseUrl": base_path}
                         for part in parts[1:]]}
    return (SEARCH_PAGE.replace("SITE_TITLE", escape(title))
            .replace("HEADER", header)
            .replace("CONFIG", json.dumps(config, ensure_ascii=False).replace("</", "<\\/")))


def search_assets(read: Callable[[str], bytes]) -> list[tuple[str, bytes]]:
    """The search page's CSS and scripts (*read*: name in xslt/assets/ -> bytes), for search/."""
    return [(f"search/{name}", read(name)) for name in SEARCH_ASSETS]


SEARCH_PAGE = """<!DOCTYPE html>
<html lang="tr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Arama · SITE_TITLE</title>
  <link rel="stylesheet" href="search/edition.css">
  <link rel="stylesheet" href="search/search.css">
  <script id="search-config" type="application/json">CONFIG</script>
  <script src="search/search-terms.js" defer></script>
  <script src="search/search.js" defer></script>
</head>
<body>
  <a class="skip" href="#search">Aramaya geç</a>
  HEADER
  <main id="search" class="search-page">
    <h1>Arama</h1>
    <form id="search-form" role="search">
      <label for="search-input">Metinde ara</label>
      <input id="search-input" type="search" name="q" autocomplete="off" spellcheck="false"
             placeholder="ör. silah, Kars, &quot;Moskova Antlaşması&quot;">
      <button type="submit">Ara</button>
    </form>
    <p class="search-help">Bir sözcük, eklerini de bulur (silah: silahları, silahlandırılır); tırnak içindeki sözcükler
      yan yana aranır. Türkçe harfler olmadan yazılan bir sözcük (Sarikamis), yazıldığı gibi bulunamazsa Türkçe
      yazılışıyla aranır.</p>
    <p id="search-message" role="status" aria-live="polite"></p>
    <div class="search-body">
      <div id="search-filters" class="filters" aria-label="Süzgeçler"></div>
      <ol id="search-results" class="results"></ol>
    </div>
  </main>
</body>
</html>
"""
