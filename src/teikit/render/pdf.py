"""Lay the printed volume's HTML out as PDF with WeasyPrint (CSS Paged Media).

:func:`typeset` is the facade: it lays the volume out as two WeasyPrint documents whose
pages make one PDF (:class:`Volume`), so that the long part is laid out once:

``text``
    the front matter (title page, imprint, contents), then every article, then an empty
    right page anchored ``register``: where the register will start. Its contents' page
    numbers are CSS ``target-counter()`` values, which WeasyPrint settles within this one
    layout (the contents page is made again once the headings' pages are known).
``register``
    the register alone, its page numbers printed as numbers: the pages the text's layout
    gave each occurrence anchor (one number per entry and page), its page counter set to
    the page of the ``register`` anchor, which it replaces in the PDF. The text's layout
    does not depend on the register (it comes last), so nothing is laid out twice to make
    its numbers right (earlier, the whole volume was laid out again for them).

The text is laid out again only when a footnote landed on a later page than its call:
WeasyPrint (70) may move a page's footnotes to the next page to squeeze in the first line
of a paragraph starting at the foot of the page (``layout/block.py``, the widows/orphans
branch). Each call carries an anchor ``fnref-<note id>``; the block starting lowest on the
call's page is then asked to start a new page (``page-breaks`` parameter of
``xslt/print.xsl``), as a typesetter would push that line over.

Both documents share one :class:`Typesetter`: print.css parsed and its fonts loaded once.
WeasyPrint reads only the project's own files (``print.css`` and the fonts below the
project root): every other URL is refused, so printing never reaches the network.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlsplit

from teikit.errors import TeikitError

#: prefix of the occurrence anchors xslt/common/print-register.xsl makes
OCCURRENCE_PREFIX = "occ-"
#: prefix of the anchor xslt/print.xsl puts at each footnote call
CALL_PREFIX = "fnref-"
#: the anchor of the page where the register starts (xslt/print.xsl, part 'text')
REGISTER_ANCHOR = "register"
#: layouts of the text at most (a fix can shift later pages, whose footnotes are checked again)
MAX_LAYOUTS = 6

#: make_html(part, anchor pages, page breaks) -> the HTML of that part of the volume
#: (``xslt/print.xsl`` with its parameters part, occurrence-pages and page-breaks)
MakeHtml = Callable[[str, dict[str, int], list[str]], str]


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


class Typesetter:
    """WeasyPrint set up once for a volume: the fetcher, the fonts and the stylesheet
    *css* parsed once and shared by every layout (URLs resolve against *root*)."""

    def __init__(self, css: Path, root: Path) -> None:
        self.weasyprint = _weasyprint()
        self.fetcher = _fetcher(root)
        self.base = root.resolve().as_uri() + "/"
        # @font-face rules only take effect through a FontConfiguration shared by the
        # stylesheet and the layouts
        self.fonts = self.weasyprint.text.fonts.FontConfiguration()
        self.sheet = self.css(css.read_text(encoding="utf-8"))

    def css(self, text: str):
        """A stylesheet from *text*, its fonts in this typesetter's configuration."""
        try:
            return self.weasyprint.CSS(string=text, base_url=self.base, url_fetcher=self.fetcher,
                                       font_config=self.fonts)
        except (ValueError, OSError) as exc:
            raise PdfError(f"WeasyPrint cannot read the print stylesheet: {exc}") from None

    def layout(self, html: str, first_page: int = 1):
        """Lay *html* out; its first page is numbered *first_page*."""
        sheets = [self.sheet]
        if first_page != 1:
            sheets.append(self.css(f"@page :first {{ counter-set: page {first_page}; }}"))
        try:
            return self.weasyprint.HTML(string=html, base_url=self.base, url_fetcher=self.fetcher).render(
                stylesheets=sheets, font_config=self.fonts)
        except (ValueError, OSError, AssertionError) as exc:
            raise PdfError(f"WeasyPrint cannot lay the volume out: {exc}") from None


def layout(html: str, css: Path, root: Path):
    """Lay *html* out with the stylesheet *css*; URLs resolve against *root* (fonts/)."""
    return Typesetter(css, root).layout(html)


def anchor_pages(document) -> dict[str, int]:
    """Anchor -> the page number (1-based) it landed on (the first, for an anchor met twice)."""
    found: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for name in page.anchors:
            found.setdefault(name, number)
    return found


def misplaced_footnotes(document) -> dict[str, tuple[int, int]]:
    """Footnote id -> (page of its call, page of its text), for each footnote apart."""
    pages = anchor_pages(document)
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


def text_layout(make_html: Callable[[list[str]], str], setter: Typesetter):
    """Lay the text out until every footnote is on its call's page (at most
    :data:`MAX_LAYOUTS` layouts; nearly always one). *make_html(page_breaks)* gives the
    text's HTML. Returns WeasyPrint's laid-out document."""
    breaks: list[str] = []
    for _ in range(MAX_LAYOUTS):
        document = setter.layout(make_html(breaks))
        misplaced = misplaced_footnotes(document)
        fixes = [block for call_page, _ in misplaced.values()
                 if (block := lowest_block(document, call_page, set(misplaced)))
                 and block not in breaks]
        if not fixes:
            break
        breaks += list(dict.fromkeys(fixes))
    return document


@dataclass
class Volume:
    """The laid-out volume: the text's document and the register's (None without a
    register), whose pages make the PDF (:meth:`pages`). With a register, the text's last
    page is the empty one that holds its place."""

    text: object
    register: object | None

    @cached_property
    def text_pages(self) -> list:
        """The text's pages, without the empty page that holds the register's place."""
        if self.register is None:
            return list(self.text.pages)
        return list(self.text.pages[:-1])

    @property
    def pages(self) -> list:
        return self.text_pages + (list(self.register.pages) if self.register is not None else [])

    def document(self):
        """One WeasyPrint document of every page (metadata of the text's)."""
        return self.text.copy(self.pages)

    def article_pages(self, anchors: list[str]) -> list[list]:
        """The pages of each article, whose elements are anchored *anchors* in volume
        order: from its first page to the page before the next article's, blank pages at
        its end left out. Articles are looked for in order, so two of the same id are
        still told apart."""
        pages, starts, at = self.text_pages, [], 0
        for anchor in anchors:
            at = next((n for n in range(at, len(pages)) if anchor in pages[n].anchors), None)
            if at is None:
                raise PdfError(f"the article anchored '{anchor}' is not in the laid-out volume")
            starts.append(at)
            at += 1
        chosen = [pages[first:last] for first, last in zip(starts, [*starts[1:], len(pages)])]
        for article in chosen:
            while len(article) > 1 and _blank(article[-1]):
                article.pop()
        return chosen


def _blank(page) -> bool:
    """A page left blank for the next part to start on a right page (CSS :blank)."""
    return bool(getattr(getattr(getattr(page, "_page_box", None), "page_type", None), "blank", False))


def typeset(make_html: MakeHtml, css: Path, root: Path) -> Volume:
    """Lay the volume out: the text once (again only to put a footnote on its call's
    page), then the register from the text's pages (see the module docstring)."""
    setter = Typesetter(css, root)
    text = text_layout(lambda breaks: make_html("text", {}, breaks), setter)
    # the register's place is the text's last page (an article may have an id 'register' too)
    if REGISTER_ANCHOR not in text.pages[-1].anchors:
        return Volume(text, None)
    register = setter.layout(make_html("register", anchor_pages(text), []), first_page=len(text.pages))
    return Volume(text, register)


def write_pdf(document, metadata: dict | None = None) -> bytes:
    """*document* as a tagged PDF (a structure tree of headings, paragraphs, lists and notes
    that screen readers and reflow use); *metadata* replaces fields of its metadata
    (title, authors...)."""
    if metadata:
        document.metadata = copy.copy(document.metadata)
        for name, value in metadata.items():
            setattr(document.metadata, name, value)
    try:
        return document.write_pdf(pdf_tags=True)
    except (ValueError, OSError) as exc:
        raise PdfError(f"WeasyPrint cannot write the PDF: {exc}") from None


def volume_pdf(make_html: MakeHtml, css: Path, root: Path) -> bytes:
    """The PDF of the volume laid out by :func:`typeset`."""
    return write_pdf(typeset(make_html, css, root).document())
