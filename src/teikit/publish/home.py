"""The site's front page (``index.html`` at the root of a built site), and the site header
that the pages teikit build writes itself share with the rendered ones.

Without the front page, the URL the site is published at (and ``teikit serve``'s own
``http://127.0.0.1:8000/``) answered 404. The page links every article's reading page
and TEI file, each entry page the renderers declare that exists (reading edition,
register, print, PDF... see :attr:`teikit.render.base.Renderer.entry_pages`: no format
is named in the list), the search, and the machine interfaces (JSON index, OAI-PMH, DTS,
sitemap). It is in the site's interface language (Turkish), with the site's header and
stylesheet.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

#: the site's own pages after the renderers' entry pages: (path inside the site, label)
SITE_PAGES = (("search.html", "Arama"),)
INTERFACES = (
    ("index.json", "JSON dizini (Dublin Core)"),
    ("oai/static.xml", "OAI-PMH durağan deposu (Static Repository)"),
    ("api/dts/index.jsonld", "DTS 1.0 (durağan)"),
    ("sitemap.xml", "Site haritası (sitemap)"),
)
#: the header's page the build writes itself (common/site-frame.xsl key, path in the site);
#: the others are the renderers' entry pages that name a header key (EntryPage.header)
SEARCH_PAGE = ("search", "search.html")


def site_header(name: str, current: str, site: Path, promised: tuple[str, ...] = (),
                prefix: str = "") -> str:
    """The site's header (xslt/site-header.xsl, the template every rendered page uses) for
    a page at the site's root: the header pages the registered renderers declare
    (:func:`teikit.render.base.header_pages`) and the search page, each one that exists
    in *site* or is *promised* (written later in the same build), *current* marked as the
    page shown."""
    from teikit.render import load_renderers
    from teikit.render.base import header_pages
    from teikit.render.saxon import call_template
    pages = [*((key, path) for key, (_, path) in header_pages(sorted(load_renderers())).items()), SEARCH_PAGE]
    params = {key: prefix + path if path in promised or (site / path).is_file() else ""
              for key, path in pages}
    html = call_template("site-header.xsl", {**params, "name": name, "current": current,
                                             "home": prefix + "index.html"})
    return html.replace(' xmlns="http://www.w3.org/1999/xhtml"', "", 1).strip()


def front_page(title: str, articles: list[tuple[str, str, str, list[tuple[str, str]]]], site: Path,
               entries: list[tuple[str, str, str]], promised: tuple[str, ...] = ("search.html",)) -> str:
    """HTML of the front page. *articles*: (title, reading page, TEI file, the article's
    other files as (path, label): its PDF...), paths relative to the site; *entries*: the
    renderers' entry pages (path relative to the site, Turkish and English label; the site
    speaks Turkish), then :data:`SITE_PAGES`; a page or file is linked when it exists in
    *site* or is in *promised* (written later in the same build)."""
    outputs = [(path, label) for path, label, *_ in [*entries, *SITE_PAGES]
               if path in promised or (site / path).is_file()]
    items = "\n".join(
        f'      <li><a href="{escape(page)}">{escape(name)}</a> ('
        + " · ".join(f'<a href="{escape(path)}">{escape(label)}</a>' for path, label in
                     [(tei, "TEI"), *((p, l) for p, l in files if p in promised or (site / p).is_file())])
        + ")</li>" for name, page, tei, files in articles)
    links = "\n".join(f'      <li><a href="{escape(path)}">{escape(label)}</a></li>'
                      for path, label in outputs)
    apis = "\n".join(f'      <li><a href="{escape(path)}">{escape(label)}</a></li>'
                     for path, label in INTERFACES)
    header = site_header(title, "", site, promised)
    return f"""<!DOCTYPE html>
<html lang="tr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{escape(title)}</title>
  <link rel="stylesheet" href="search/edition.css">
</head>
<body>
  <a class="skip" href="#text">Metne geç</a>
  {header}
  <main id="text">
    <h1>{escape(title)}</h1>
    <h2>Makaleler</h2>
    <ul>
{items}
    </ul>
    <h2>Edisyon</h2>
    <ul>
{links}
    </ul>
    <h2>Makinelerin okuyacağı arayüzler</h2>
    <ul>
{apis}
      <li>OAI-PMH: <code>/oai</code>, DTS: <code>/dts</code> (<code>teikit serve</code>)</li>
    </ul>
  </main>
</body>
</html>
"""
