"""The HTML reading edition: one page per article, an index page, the CSS and the TEI sources.

Output (below ``<out>/html/``)::

    index.html            the edition's index page   (xslt/index.xsl)
    <article>.html        one reading page per article (xslt/html.xsl)
    assets/edition.css    the web stylesheet          (xslt/assets/edition.css)
    tei/<article>.xml     the TEI source, linked from each page (rel="alternate")
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from teikit.render.base import (CHRONOLOGY_PAGE, MAP_PAGE, REGISTER_PAGE, Document, Edition,
                                Renderer, register)
from teikit.render.saxon import XSLT_DIR, call_template
from teikit.xmlio import atomic_write

#: files copied from xslt/assets/ into <out>/html/assets/
ASSETS = ("edition.css",)


@register
class HtmlRenderer(Renderer):
    """``teikit render --to html``."""

    name = "html"
    stylesheet = "html.xsl"
    suffix = ".html"
    index_stylesheet = "index.xsl"

    def params(self, article: Document, edition: Edition) -> dict[str, Any]:
        """The base parameters, plus where the index page and the CSS are."""
        return {**super().params(article, edition),
                "index-page": "index.html", "css": "assets/edition.css"}

    def finish(self, edition: Edition, written: list[Path]) -> list[Path]:
        """The index page, the stylesheet and the TEI sources the pages link to."""
        return [self.write_index(edition), *self.copy_assets(), *self.copy_sources(edition)]

    def write_index(self, edition: Edition) -> Path:
        """``index.html``: every article's titles, authors and abstract (from its header)."""
        params = {
            "articles": [article.header_xdm for article in edition.articles],
            "pages": [self.output_path(article).name for article in edition.articles],
            "register-page": REGISTER_PAGE,
            "chronology-page": CHRONOLOGY_PAGE,
            "map-page": MAP_PAGE,
            "css": "assets/edition.css",
            "search-page": self.shared.get("search-page", ""),   # set by teikit build
        }
        html = call_template(self.index_stylesheet, params, source=str(self.target / "index.html"))
        return atomic_write(self.target / "index.html", html)

    def copy_assets(self) -> list[Path]:
        """Copy :data:`ASSETS` from ``xslt/assets/`` into ``<out>/html/assets/``."""
        return [atomic_write(self.target / "assets" / name, (XSLT_DIR / "assets" / name).read_bytes())
                for name in ASSETS]

    def copy_sources(self, edition: Edition) -> list[Path]:
        """Copy each article's TEI file as it is, so rel="alternate" links resolve."""
        return [atomic_write(self.target / "tei" / article.path.name, article.path.read_bytes())
                for article in edition.articles]
