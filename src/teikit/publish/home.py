"""The site's front page (``index.html`` at the root of a built site).

Without it, the URL the site is published at (and ``teikit serve``'s own
``http://127.0.0.1:8000/``) answered 404. The page links every article's reading page
and TEI file, each entry page the renderers declare that exists (reading edition,
register, print, PDF... see :attr:`teikit.render.base.Renderer.entry_pages`: no format
is named here), the search, and the machine interfaces (JSON index, OAI-PMH, DTS, sitemap).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

#: the site's own pages after the renderers' entry pages: (path, Turkish, English label)
SITE_PAGES = (("search.html", "Arama", "Search"),)
INTERFACES = (
    ("index.json", "JSON index (Dublin Core)"),
    ("oai/static.xml", "OAI-PMH Static Repository"),
    ("api/dts/index.jsonld", "DTS 1.0 (static)"),
    ("sitemap.xml", "Sitemap"),
)


def front_page(title: str, articles: list[tuple[str, str, str]], site: Path,
               entries: list[tuple[str, str, str]], promised: tuple[str, ...] = ("search.html",)) -> str:
    """HTML of the front page. *articles*: (title, reading page, TEI file) paths relative to
    the site; *entries*: the renderers' entry pages (path relative to the site, Turkish
    and English label), then :data:`SITE_PAGES`; a page is linked when it exists in *site*
    or is in *promised* (written later in the same build)."""
    outputs = [(path, tr, en) for path, tr, en in [*entries, *SITE_PAGES]
               if path in promised or (site / path).is_file()]
    items = "\n".join(
        f'      <li><a href="{escape(page)}">{escape(name)}</a> '
        f'(<a href="{escape(tei)}">TEI</a>)</li>' for name, page, tei in articles)
    links = "\n".join(f'      <li><a href="{escape(path)}">{escape(tr)} / {escape(en)}</a></li>'
                      for path, tr, en in outputs)
    apis = "\n".join(f'      <li><a href="{escape(path)}">{escape(label)}</a></li>'
                     for path, label in INTERFACES)
    return f"""<!DOCTYPE html>
<html lang="tr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{escape(title)}</title>
  <style>body{{font-family:sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5}}</style>
</head>
<body>
  <main>
    <h1>{escape(title)}</h1>
    <h2>Makaleler / Articles</h2>
    <ul>
{items}
    </ul>
    <h2>Edisyon / Edition</h2>
    <ul>
{links}
    </ul>
    <h2>Arayüzler / Interfaces</h2>
    <ul>
{apis}
      <li>OAI-PMH: <code>/oai</code>, DTS: <code>/dts</code> (<code>teikit serve</code>)</li>
    </ul>
  </main>
</body>
</html>
"""
