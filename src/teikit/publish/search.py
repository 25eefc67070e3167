"""The site's full-text search for ``teikit build``: per-paragraph Pagefind records,
indexed in parts of bounded size, and the search page.

Search page. ``search.html`` runs the edition's own script (xslt/assets/search.js) on
Pagefind's JavaScript API, not Pagefind UI: Pagefind's answer is a list of candidates,
and xslt/assets/search-terms.js keeps those whose text holds every word of the query in a
suffixed form, the Turkish way (as typed first; "Kars" is not "karşı"; a query typed
without Turkish letters falls back to them, through each bundle's ``teikit-words.json``).

Records. Each article gives one Pagefind custom record per body paragraph
(:func:`search_records`), at its anchor in the article's reading page, filtered by the
article and by the persons and places the paragraph names. The build keeps them per
article (``.teikit-cache/search/<stem>.json``) and only recomputes a changed article's.

Parts. Pagefind's indexer holds everything it is given in memory, about 70 KB per record
(measured: 7,424 records of real paragraphs, 566 MB), so one index of a large edition
would grow without bound (1,000 articles: some 230,000 records). The records are therefore
indexed in *parts* of at most ``part_size`` records (:func:`plan_parts`: articles in id
order, a part closed before the article that would overflow it), one Pagefind process per
part, one after the other. Part 1 is the primary bundle at ``pagefind/`` (it carries the UI);
part *n* > 1 is a bundle of its own at ``pagefind-parts/<n>/``, which ``search.html`` merges
in the browser (Pagefind UI's ``mergeIndex``): the reader searches one index. A part is
rebuilt only when the search records of one of its articles changed, so touching one
article re-indexes its part, not the edition. An edition under ``part_size`` records (the
usual case) has one bundle and no merging.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Callable, Iterator

from lxml import etree

from teikit.publish.pagefind_service import index_records
from teikit.xmlio import NS, XML_NS

SEARCH_CACHE = ".teikit-cache/search"     # per-article Pagefind records, indexed into the parts
PART_SIZE = 5000                          # records per Pagefind part: ~350 MB in its indexer
PRIMARY = "pagefind"                      # part 1: the bundle that also holds the search UI
PARTS = "pagefind-parts"                  # parts 2, 3, ...: merged into part 1's UI


@dataclass
class Paragraph:
    """One paragraph of an article's body as the search sees it: where it is (its own
    xml:id, else its section's), its section heading, its text (its footnotes after it),
    the register pointers in it and the printed pages it runs over (first, last)."""

    id: str | None
    section: tuple[str, str] | None
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

    @property
    def anchor(self) -> str | None:
        return self.id or (self.section[0] if self.section else None)


def paragraphs(article) -> list[Paragraph]:
    """The body paragraphs of *article* (not those inside notes or inside another paragraph)."""
    found = []
    for p in article.root.xpath("//tei:text/tei:body//tei:p[not(ancestor::tei:note) and not(ancestor::tei:p)]",
                                namespaces=NS):
        divs = p.xpath("ancestor::tei:div[@xml:id][tei:head][1]", namespaces=NS)
        section = (divs[0].get(f"{{{XML_NS}}}id"), _words(divs[0].find(f"{{{NS['tei']}}}head").itertext())) \
            if divs else None
        text = " ".join([_words(p.xpath(".//text()[not(ancestor::tei:note)]", namespaces=NS))]
                        + [_words(note.itertext()) for note in p.xpath(".//tei:note", namespaces=NS)])
        found.append(Paragraph(p.get(f"{{{XML_NS}}}id"), section, text,
                               {str(r) for r in p.xpath(".//@ref", namespaces=NS)}, _pages(p)))
    return found


def _pages(p) -> tuple[str, str] | None:
    """The printed pages *p* runs over: from the page break before it (or the one that
    opens it, with no word before it) to the last one inside it."""
    inside = p.xpath(".//tei:pb[@n][not(ancestor::tei:note)]", namespaces=NS)
    before = p.xpath("preceding::tei:pb[@n][1]/@n", namespaces=NS)
    first = str(before[0]) if before else None
    if inside and (first is None or not _text_before(p, inside[0]).strip()):
        first = inside[0].get("n")
    last = inside[-1].get("n") if inside else first
    return (first, last) if first else None


def _text_before(p, milestone) -> str:
    """The text of *p* before *milestone* (a descendant of it)."""
    return "".join(milestone.xpath("preceding::text()[count(ancestor::tei:p[1] | $p) = 1]",
                                   namespaces=NS, p=p))


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
    language = article.root.get(f"{{{XML_NS}}}lang") or "tr"
    records = []
    for paragraph in paragraphs(article):
        filters = {"article": [article.title], **_filters({resolve(r) for r in paragraph.refs}, labels)}
        if paragraph.section:
            filters["section"] = [paragraph.section[1]]
        if paragraph.page_label:
            filters["page"] = [paragraph.page_label]
        records.append({"url": f"/{page}" + (f"#{paragraph.anchor}" if paragraph.anchor else ""),
                        "content": paragraph.text, "language": language, "meta": {},
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
    for record in records:
        for word in _WORD.findall(turkish_lower(record["content"])):
            folded = word.translate(_FOLD)
            if folded != word:
                found.setdefault(folded, set()).add(word)
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
            lines.append(f'<h2 id="{escape(section[0])}">{escape(section[1])}</h2>')
        anchor = f' id="{escape(paragraph.id)}"' if paragraph.id else ""
        lines.append(f"<p{anchor}>{escape(paragraph.text)}</p>")
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


def plan_parts(members: list[tuple[str, str, int]], part_size: int) -> list[Part]:
    """*members* (stem, records key, record count, in id order) cut into parts of at most
    *part_size* records; an article larger than that is a part of its own."""
    parts: list[list[tuple[str, str, int]]] = []
    count = 0
    for member in members:
        if not parts or count + member[2] > part_size:
            parts.append([])
            count = 0
        parts[-1].append(member)
        count += member[2]
    return [Part(number, found) for number, found in enumerate(parts, 1)]


def cached_records(out: Path, stems: list[str]) -> Iterator[dict]:
    """The cached records of the articles *stems*, one article's file in memory at a time."""
    for stem in stems:
        yield from json.loads((out / SEARCH_CACHE / f"{stem}.json").read_text("utf-8"))


def index_part(part: Part, out: Path, write_many: Callable[[list[tuple[str, bytes | Path]]], list[Path]]) -> list[Path]:
    """Index *part*'s records with Pagefind into its folder of the site *out*; files of an
    earlier bundle there that this one does not make are removed. *write_many* puts each
    (path in the site, bytes or a file Pagefind wrote in a scratch folder of the site) in
    place before it returns: a bundle's files are moved, not copied (one per record)."""
    scratch = out / f".pagefind-scratch-{part.number}"
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        stems = [stem for stem, _, _ in part.members]
        index_records(cached_records(out, stems), scratch / "bundle")
        bundle = scratch / "bundle"
        words = json.dumps(words_index(cached_records(out, stems)), ensure_ascii=False, separators=(",", ":"))
        written = write_many([(f"{part.directory}/{p.relative_to(bundle)}", p)
                              for p in sorted(bundle.rglob("*")) if p.is_file()]
                             + [(f"{part.directory}/{WORDS_FILE}", words.encode("utf-8"))])
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    keep = {p.resolve() for p in written}
    folder = out / part.directory
    for path in folder.rglob("*"):
        if path.is_file() and path.resolve() not in keep:
            path.unlink()
    return written


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
