"""The HTML reading edition: one page per article, an index page, the CSS and the TEI sources.

Output (below ``<out>/html/``)::

    index.html            the edition's index page   (xslt/index.xsl)
    <article>.html        one reading page per article (xslt/html.xsl)
    assets/edition.css    the web stylesheet          (xslt/assets/edition.css)
    assets/landing.js     marks the paragraph a link lands on and the searched words in it
    assets/search-terms.js  the search's Turkish word matching, which landing.js uses
    assets/entries.js     opens a name's register entry (its card in the page) in a popover
    tei/<article>.xml     the TEI source, linked from each page (rel="alternate")
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from teikit.render.base import (CHRONOLOGY_PAGE, MAP_PAGE, REGISTER_PAGE, Article, Edition,
                                EntryPage, Renderer, register)
from teikit.render.saxon import call_template, to_xdm, xslt_dir
from teikit.xmlio import TEI_NS, parse

#: files copied from xslt/assets/ into <out>/html/assets/
ASSETS = ("edition.css", "search-terms.js", "landing.js", "entries.js")


@register
class HtmlRenderer(Renderer):
    """``teikit render --to html``."""

    name = "html"
    stylesheet = "html.xsl"
    suffix = ".html"
    index_stylesheet = "index.xsl"
    entry_pages = (EntryPage("index.html", "Okuma edisyonu", "Reading edition", header="articles"),)
    reading_page = True

    def resolve(self, edition: Edition) -> dict[str, Any]:
        """The register, chronology and map pages to link: each one that exists below
        ``out/register/`` or is written in this run (``register`` among
        :attr:`companions`); '' for the others, which the pages then do not link."""
        return {param: page if self.linkable("register", page) else ""
                for param, page in (("register-page", REGISTER_PAGE), ("chronology-page", CHRONOLOGY_PAGE),
                                    ("map-page", MAP_PAGE))}

    def params(self, article: Article, edition: Edition) -> dict[str, Any]:
        """The base parameters, plus where the index page and the CSS are."""
        return {**super().params(article, edition),
                "index-page": "index.html", "css": "assets/edition.css"}

    def finish(self, edition: Edition, written: list[Path]) -> list[Path]:
        """The index page, the stylesheet and the TEI sources the pages link to."""
        return [self.write_index(edition), *self.copy_assets(), *self.copy_sources(edition)]

    def write_index(self, edition: Edition) -> Path:
        """``index.html``: every article's titles, authors and abstract (from its header)."""
        params = {
            "articles": [index_entry(article) for article in edition.articles],
            "pages": [self.output_path(article).name for article in edition.articles],
            "register-page": self.shared.get("register-page", REGISTER_PAGE),
            "chronology-page": self.shared.get("chronology-page", CHRONOLOGY_PAGE),
            "map-page": self.shared.get("map-page", MAP_PAGE),
            "css": "assets/edition.css",
            "search-page": self.shared.get("search-page", ""),   # set by teikit build
            "site-name": self.shared.get("site-name", ""),       # set by teikit build
        }
        html = call_template(self.index_stylesheet, params, source=str(self.target / "index.html"))
        return self.write_file(self.target / "index.html", html)

    def copy_assets(self) -> list[Path]:
        """Copy :data:`ASSETS` from ``xslt/assets/`` into ``<out>/html/assets/``."""
        return [self.write_file(self.target / "assets" / name, (xslt_dir() / "assets" / name).read_bytes())
                for name in ASSETS]

    def copy_sources(self, edition: Edition) -> list[Path]:
        """Copy each article's TEI file as it is, so rel="alternate" links resolve."""
        return [self.write_file(self.target / "tei" / article.path.name, article.path.read_bytes())
                for article in edition.articles]


#: what index.xsl reads of an article's header: teiHeader child -> the children it keeps
_INDEXED = {f"{{{TEI_NS}}}fileDesc": {f"{{{TEI_NS}}}titleStmt", f"{{{TEI_NS}}}sourceDesc"},
            f"{{{TEI_NS}}}profileDesc": {f"{{{TEI_NS}}}abstract"}}


def index_entry(article: Article):
    """The root of *article* holding only what the index page shows (titles, authors, pages,
    abstract), as a Saxon node: the index of an edition holds one per article at once, and
    a whole header (taxonomies, revision history, citation structure) is many times that."""
    root = parse(article.info.header, name=str(article.path), lenient_ids=True).getroot()
    for header in root.iterchildren(f"{{{TEI_NS}}}teiHeader"):
        for part in list(header):
            if part.tag not in _INDEXED:
                header.remove(part)
                continue
            for child in list(part):
                if child.tag not in _INDEXED[part.tag]:
                    part.remove(child)
    return to_xdm(root.getroottree(), article.path.resolve().as_uri())
