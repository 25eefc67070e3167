"""Lay the printed volume's HTML out as PDF with WeasyPrint (CSS Paged Media).

:func:`volume_pdf` is the facade. Two things need a finished layout to be right, so the
volume is laid out again until a layout confirms them (usually two layouts, at most
:data:`MAX_LAYOUTS`):

* **footnotes on the page of their call.** WeasyPrint (70) may move a page's footnotes to
  the next page to squeeze in the first line of a paragraph starting at the foot of the
  page (``layout/block.py``, the widows/orphans branch). When a footnote lands on a later
  page than its call (each call carries an anchor ``fnref-<note id>``), the block
  starting lowest on the call's page is asked to start a new page (``page-breaks``
  parameter of ``xslt/print.xsl``), as a typesetter would push that line over.
* **one page number per register entry and page.** The register's numbers are CSS
  ``target-counter()`` values; once a layout tells on which page each occurrence anchor
  lands, ``xslt/print.xsl`` (``occurrence-pages``) keeps one reference per page. Only the
  register, after the articles and on its own pages, changes.

WeasyPrint reads only the project's own files (``print.css`` and the fonts below the
project root): every other URL is refused, so printing never reaches the network.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlsplit

from teikit.errors import TeikitError

#: prefix of the occurrence anchors xslt/common/print-register.xsl makes
OCCURRENCE_PREFIX = "occ-"
#: prefix of the anchor xslt/print.xsl puts at each footnote call
CALL_PREFIX = "fnref-"
#: layouts at most (a fix can shift later pages, whose footnotes are checked again)
MAX_LAYOUTS = 6


class PdfError(TeikitError):
    """WeasyPrint could not lay the volume out or write the PDF."""


def _weasyprint():
    """Import WeasyPrint (and pango) only when a PDF is asked for: it takes ~0.5 s. Turkish
    hyphenation (:mod:`teikit.render.turkish_hyphenation`) is registered with Pyphen first."""
    import weasyprint
    from teikit.render import turkish_hyphenation
    turkish_hyphenation.install()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return weasyprint


def _fetcher(root: Path):
    """A URL fetcher that serves files below *root* and refuses everything else."""
    weasyprint = _weasyprint()
    root = root.resolve()

    class ProjectFilesOnly(weasyprint.URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            path = Path(unquote(parts.path)).resolve() if parts.scheme == "file" else None
            if path is None or not path.is_relative_to(root):
                raise ValueError(f"teikit does not fetch {url} while printing")
            return super().fetch(url, headers)

    return ProjectFilesOnly(allowed_protocols=["file"])


def layout(html: str, css: Path, root: Path):
    """Lay *html* out with the stylesheet *css*; URLs resolve against *root* (fonts/)."""
    weasyprint = _weasyprint()
    fetcher = _fetcher(root)
    base = root.resolve().as_uri() + "/"
    # @font-face rules only take effect through a FontConfiguration shared by both calls
    fonts = weasyprint.text.fonts.FontConfiguration()
    try:
        sheet = weasyprint.CSS(string=css.read_text(encoding="utf-8"), base_url=base,
                               url_fetcher=fetcher, font_config=fonts)
        return weasyprint.HTML(string=html, base_url=base, url_fetcher=fetcher).render(
            stylesheets=[sheet], font_config=fonts)
    except (ValueError, OSError, AssertionError) as exc:
        raise PdfError(f"WeasyPrint cannot lay the volume out: {exc}") from None


def occurrence_pages(document) -> dict[str, int]:
    """Occurrence anchor -> the page number (1-based) it landed on."""
    return {name: number for number, page in enumerate(document.pages, start=1)
            for name in page.anchors if name.startswith(OCCURRENCE_PREFIX)}


def misplaced_footnotes(document) -> dict[str, tuple[int, int]]:
    """Footnote id -> (page of its call, page of its text), for each footnote apart."""
    pages = {name: number for number, page in enumerate(document.pages, start=1)
             for name in page.anchors}
    return {note: (pages[call], pages[note]) for call in pages
            if call.startswith(CALL_PREFIX)
            and (note := call[len(CALL_PREFIX):]) in pages and pages[note] != pages[call]}


def lowest_block(document, page_number: int, notes: set[str]) -> str | None:
    """The id of the block starting lowest on page *page_number* (anchors of names,
    calls and footnotes aside)."""
    anchors = document.pages[page_number - 1].anchors
    blocks = {name: position for name, position in anchors.items()
              if not name.startswith((OCCURRENCE_PREFIX, CALL_PREFIX)) and name not in notes}
    return max(blocks, key=lambda name: blocks[name][1], default=None)


def final_layout(make_html: Callable[[dict[str, int], list[str]], str], css: Path, root: Path):
    """Lay the volume out until a layout confirms its footnotes and register pages.

    *make_html(occurrence_pages, page_breaks)* runs ``xslt/print.xsl`` with those
    parameters (see the module docstring). Returns WeasyPrint's laid-out document.
    """
    pages: dict[str, int] = {}
    breaks: list[str] = []
    for _ in range(MAX_LAYOUTS):
        document = layout(make_html(pages, breaks), css, root)
        misplaced = misplaced_footnotes(document)
        fixes = [block for call_page, _ in misplaced.values()
                 if (block := lowest_block(document, call_page, set(misplaced)))
                 and block not in breaks]
        found = occurrence_pages(document)
        if not fixes and found == pages:
            break
        breaks += list(dict.fromkeys(fixes))
        pages = found
    return document


def volume_pdf(make_html: Callable[[dict[str, int], list[str]], str], css: Path,
               root: Path) -> bytes:
    """The PDF of the volume laid out by :func:`final_layout`, tagged (a structure tree
    of headings, paragraphs, lists and notes that screen readers and reflow use)."""
    document = final_layout(make_html, css, root)
    try:
        return document.write_pdf(pdf_tags=True)
    except (ValueError, OSError) as exc:
        raise PdfError(f"WeasyPrint cannot write the PDF: {exc}") from None
