"""The printed volume: ``--to print`` (HTML + CSS Paged Media) and ``--to pdf`` (WeasyPrint).

Both render the whole edition as ONE volume, because the printed register's page
numbers (CSS ``target-counter()``) must point into the same document as the text:

``print``
    ``xslt/print.xsl`` (from its initial template, all articles and register files as
    parameters) -> ``<out>/print/edition.html``, beside a copy of ``print.css`` and the
    ``fonts/`` it embeds, ready for any CSS Paged Media engine.
``pdf``
    the same HTML laid out by WeasyPrint with the same CSS -> ``<out>/pdf/edition.pdf``
    (fonts embedded, metadata from the ``<head>``, bookmarks from the headings).

WeasyPrint may only read the project's own files (the stylesheet and the fonts): any
other URL in the text (an image on the web, a local file elsewhere) is refused, so a
render never reaches the network.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from teikit.errors import OutputError, TeikitError
from teikit.render.base import Edition, EntryPage, Renderer, check_tei, register
from teikit.xmlio import atomic_write

CSS_NAME = "print.css"
FONTS_DIR = "fonts"
VOLUME_STEM = "edition"


def _xslt_dir() -> Path:
    from teikit.render.saxon import xslt_dir
    return xslt_dir()


def css_path() -> Path:
    """The print stylesheet (CSS) shipped with the project."""
    return _xslt_dir() / "assets" / CSS_NAME


def fonts_root() -> Path:
    """The directory holding ``fonts/`` (print.css refers to ``fonts/...``)."""
    return _xslt_dir().parent


def volume_html(edition: Edition, *, title: str = "", css: str = CSS_NAME,
                pages: dict[str, int] | None = None, breaks: list[str] | None = None) -> str:
    """The HTML of the printed volume: every article, then the register.

    From a previous layout (see :mod:`teikit.render.pdf`): *pages* (occurrence anchor ->
    page) lets the register print each page number once per entry; *breaks* are the ids
    of blocks that must start a page.
    """
    from teikit.render.saxon import call_template
    params: dict[str, Any] = {
        "articles": [doc.xdm for doc in edition.articles],
        "registers": [doc.xdm for doc in edition.all_registers],
        "title": title,
        "css": css,
    }
    if pages:
        params["occurrence-pages"] = pages
    if breaks:
        params["page-breaks"] = breaks
    return call_template("print.xsl", params, source=_describe(edition))


def _describe(edition: Edition) -> str:
    names = [str(doc.path) for doc in edition.articles]
    return names[0] if len(names) == 1 else f"{len(names)} articles ({names[0]}, ...)"


@register
class PrintRenderer(Renderer):
    """HTML + CSS Paged Media for the whole edition (one volume)."""

    name = "print"
    stylesheet = "print.xsl"
    suffix = ".html"
    per_document = False
    entry_pages = (EntryPage(f"{VOLUME_STEM}.html", "Baskı edisyonu (HTML)", "Print edition (HTML)"),)

    def check(self, edition: Edition) -> None:
        """Every article must be TEI; articles of the same file name are fine (one volume)."""
        for article in edition.articles:
            check_tei(article)

    def finish(self, edition: Edition, written: list[Path]) -> list[Path]:
        html = volume_html(edition)
        page = atomic_write(self.target / f"{VOLUME_STEM}{self.suffix}", html)
        return [page, *copy_assets(self.target)]


@register
class PdfRenderer(PrintRenderer):
    """The print volume laid out as PDF by WeasyPrint."""

    name = "pdf"
    suffix = ".pdf"
    entry_pages = (EntryPage(f"{VOLUME_STEM}.pdf", "Baskı edisyonu (PDF)", "Print edition (PDF)"),)

    def finish(self, edition: Edition, written: list[Path]) -> list[Path]:
        from teikit.render.pdf import volume_pdf
        pdf = volume_pdf(lambda pages, breaks: volume_html(edition, css="", pages=pages,
                                                           breaks=breaks),
                         css_path(), fonts_root())
        return [atomic_write(self.target / f"{VOLUME_STEM}{self.suffix}", pdf)]


def copy_assets(target: Path) -> list[Path]:
    """Put print.css and the fonts it embeds beside the volume's HTML."""
    copied = [atomic_write(target / CSS_NAME, css_path().read_bytes())]
    source = fonts_root() / FONTS_DIR
    try:
        for path in sorted(p for p in source.rglob("*") if p.is_file()):
            copied.append(atomic_write(target / FONTS_DIR / path.relative_to(source),
                                       path.read_bytes()))
    except OSError as exc:
        raise OutputError(f"cannot copy the fonts from {source}: {exc.strerror or exc}") from None
    if len(copied) == 1:
        raise TeikitError(f"no fonts found in {source}: the print output needs them")
    return copied


__all__ = ["PdfRenderer", "PrintRenderer", "copy_assets", "volume_html"]
