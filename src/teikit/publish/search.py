"""The site's full-text search for ``teikit build``: per-paragraph Pagefind records,
indexed in parts of bounded size.

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
import shutil
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Callable, Iterator

from teikit.publish.pagefind_service import index_records
from teikit.xmlio import NS, XML_NS

SEARCH_CACHE = ".teikit-cache/search"     # per-article Pagefind records, indexed into the parts
PART_SIZE = 5000                          # records per Pagefind part: ~350 MB in its indexer
PRIMARY = "pagefind"                      # part 1: the bundle that also holds the search UI
PARTS = "pagefind-parts"                  # parts 2, 3, ...: merged into part 1's UI


@dataclass
class Paragraph:
    """One paragraph of an article's body as the search sees it: where it is (its own
    xml:id, else its section's), its section heading, its text (its footnotes after it)
    and the register pointers in it."""

    id: str | None
    section: tuple[str, str] | None
    text: str
    refs: set[str]

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
                               {str(r) for r in p.xpath(".//@ref", namespaces=NS)}))
    return found


def _words(texts) -> str:
    return " ".join("".join(texts).split())


def _filters(refs: set[str], labels: dict[str, str]) -> dict[str, list[str]]:
    """The person and place filters of the register entries among *refs*."""
    found = {}
    for facet, prefix in (("person", "register/persons.xml#"), ("place", "register/places.xml#")):
        names = sorted({labels[r] for r in refs if r.startswith(prefix) and r in labels})
        if names:
            found[facet] = names
    return found


def search_records(article, labels: dict[str, str], page: str) -> list[dict]:
    """Pagefind custom records of *article*, one per paragraph, at ``/page#anchor`` (Pagefind
    UI prefixes its baseUrl): a reader filtering by a person reaches the paragraphs naming them.
    *labels*: register pointer -> preferred name. The result heading (article — section) is
    meta ``heading``, not ``title``: Pagefind searches a record's title, and the article title
    in every record made each of its paragraphs match its words, the shortest first.
    search.html shows it as the title."""
    language = article.root.get(f"{{{XML_NS}}}lang") or "tr"
    records = []
    for paragraph in paragraphs(article):
        title = article.title + (f" — {paragraph.section[1]}" if paragraph.section else "")
        records.append({"url": f"/{page}" + (f"#{paragraph.anchor}" if paragraph.anchor else ""),
                        "content": paragraph.text, "language": language, "meta": {"heading": title},
                        "filters": {"article": [article.title], **_filters(paragraph.refs, labels)}})
    return records


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


def index_part(part: Part, out: Path, write_many: Callable[[list[tuple[str, bytes]]], list[Path]]) -> list[Path]:
    """Index *part*'s records with Pagefind into its folder of the site *out*; files of an
    earlier bundle there that this one does not make are removed."""
    scratch = out / f".pagefind-scratch-{part.number}"
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        index_records(cached_records(out, [stem for stem, _, _ in part.members]), scratch / "bundle")
        bundle = scratch / "bundle"
        written = write_many([(f"{part.directory}/{p.relative_to(bundle)}", p.read_bytes())
                              for p in sorted(bundle.rglob("*")) if p.is_file()])
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    keep = {p.resolve() for p in written}
    folder = out / part.directory
    for path in folder.rglob("*"):
        if path.is_file() and path.resolve() not in keep:
            path.unlink()
    return written


def search_html(base_path: str, parts: list[Part]) -> str:
    """``search.html``: the Pagefind UI of part 1, merging the other parts; result URLs are
    prefixed with *base_path*, the path of ``--base-url``, so the search works when the site
    is hosted under a folder (bundle paths are absolute for the same reason: the UI imports
    a merged bundle relative to its own script, not to the page)."""
    merged = [{"bundlePath": f"{base_path}{part.directory}/", "baseUrl": base_path} for part in parts[1:]]
    return (SEARCH_PAGE.replace("BASE_URL", json.dumps(base_path))
            .replace("MERGED", json.dumps(merged, ensure_ascii=False)))


SEARCH_PAGE = """<!DOCTYPE html>
<html lang="tr">
<head>
  <meta charset="utf-8">
  <title>Arama / Search</title>
  <link href="pagefind/pagefind-ui.css" rel="stylesheet">
  <script src="pagefind/pagefind-ui.js"></script>
</head>
<body>
  <nav><a href="index.html">Ana sayfa / Home</a></nav>
  <main>
    <h1>Arama / Search</h1>
    <div id="search"></div>
  </main>
  <script>
    window.addEventListener('DOMContentLoaded', () => {
      new PagefindUI({ element: "#search", showSubResults: true, baseUrl: BASE_URL, mergeIndex: MERGED,
                       processResult: (result) => { result.meta.title = result.meta.heading; return result; } });
    });
  </script>
</body>
</html>
"""
