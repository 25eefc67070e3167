"""The printed volume: ``--to print`` (HTML + CSS Paged Media) and ``--to pdf`` (WeasyPrint).

Both render the whole edition as ONE volume, because the printed register's page
numbers (CSS ``target-counter()``) must point into the same document as the text:

``print``
    ``xslt/print.xsl`` (from its initial template, all articles and register files as
    parameters) -> ``<out>/print/edition.html``, beside a copy of ``print.css`` and the
    ``fonts/`` it embeds, ready for any CSS Paged Media engine.
``pdf``
    the same HTML laid out by WeasyPrint with the same CSS -> ``<out>/pdf/edition.pdf``
    (fonts embedded, metadata from the ``<head>``, bookmarks from the headings), and one
    PDF per article, ``<out>/pdf/<article>.pdf``: the article's pages of the volume, as a
    journal's offprint, with the volume's page numbers (see :class:`PdfRenderer` for what
    a render does again when one article changed).

WeasyPrint may only read the project's own files (the stylesheet and the fonts): any
other URL in the text (an image on the web, a local file elsewhere) is refused, so a
render never reaches the network.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from teikit.errors import OutputError, TeikitError
from teikit.render.base import (Article, Edition, EntryPage, header_pages,
                                Renderer, check_tei, register)
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


def volume_html(edition: Edition, *, title: str = "", css: str = CSS_NAME, part: str = "volume",
                pages: dict[str, int] | None = None, breaks: list[str] | None = None,
                build_date: str = "", site: dict[str, str] | None = None) -> str:
    """The HTML of the printed volume: front matter, every article, then the register.

    *part* is ``volume`` (all of it), ``text`` or ``register`` (see ``xslt/print.xsl``).
    From a layout (see :mod:`teikit.render.pdf`): *pages* (anchor -> page) gives the
    register its page numbers, one per entry and page; *breaks* are the ids of blocks
    that must start a page. *build_date* is printed in the imprint. *site* gives the
    screen's site header its links (page key -> href, see ``xslt/common/site-frame.xsl``)
    and ``site-name``; none: no header (the PDF's volume).
    """
    from teikit.render.saxon import call_template
    params: dict[str, Any] = {
        "articles": [doc.xdm for doc in edition.articles],
        "registers": [doc.xdm for doc in edition.all_registers],
        "title": title,
        "css": css,
        "part": part,
        "build-date": build_date,
        "site-links": {key: href for key, href in (site or {}).items() if key != "site-name"},
        "site-name": (site or {}).get("site-name", ""),
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

    def resolve(self, edition: Edition) -> dict[str, Any]:
        """The site pages the screen header links: each one that exists beside ``print/``
        or is made in this run (the build adds its search page and the edition's name)."""
        from teikit.render import load_renderers
        pages = header_pages(sorted(load_renderers()))
        return {key: f"../{path}" for key, (fmt, path) in pages.items() if self.linkable(fmt, f"../{path}")}

    def site_header(self) -> dict[str, str]:
        """The header's links in the stylesheet's terms (``search-page`` is ``search``)."""
        links = {("search" if key == "search-page" else key): str(href) for key, href in self.shared.items()}
        return {key: href for key, href in links.items() if href}

    def finish(self, edition: Edition, written: list[Path]) -> list[Path]:
        html = volume_html(edition, build_date=build_date(), site=self.site_header())
        page = atomic_write(self.target / f"{VOLUME_STEM}{self.suffix}", html)
        return [page, *copy_assets(self.target)]


@register
class PdfRenderer(PrintRenderer):
    """The print volume laid out as PDF by WeasyPrint, and each article's pages of it.

    What a render does again is decided by fingerprints of the inputs, kept in the
    format's manifest (:data:`~teikit.render.base.MANIFEST`, ``inputs``): when nothing
    the volume depends on changed (the articles, their register files, the stylesheets,
    print.css, the fonts, the edition's rules file), nothing is laid out; otherwise the
    volume is laid out again, ``edition.pdf`` written, and an article's PDF rewritten only
    when its own inputs or its first page changed. The edition PDF keeps a layout of its
    own, not a concatenation of the article PDFs: its register's page numbers and its
    contents point across articles, and one change anywhere can move every page after it.
    """

    name = "pdf"
    suffix = ".pdf"
    entry_pages = (EntryPage(f"{VOLUME_STEM}.pdf", "Baskı edisyonu (PDF)", "Print edition (PDF)"),)
    article_label = "PDF"

    def finish(self, edition: Edition, written: list[Path]) -> list[Path]:
        from teikit.render.fingerprint import edition_inputs
        shared = shared_inputs()
        outputs = [self.target / f"{VOLUME_STEM}{self.suffix}", *self.article_outputs(edition)]
        before = recorded_inputs(self.target)
        self.inputs = {outputs[0].name: edition_inputs(edition, shared)}
        if before.get(outputs[0].name) == self.inputs[outputs[0].name] and all(
                before.get(path.name) and path.is_file() for path in outputs):
            self.inputs = {path.name: before[path.name] for path in outputs}
            return outputs                                   # nothing it depends on changed
        volume = self.typeset(edition)
        files = [atomic_write(outputs[0], self.pdf(volume.document()))]
        return files + self.write_articles(edition, volume, outputs[1:], shared, before)

    def write_articles(self, edition: Edition, volume, paths: list[Path], shared: str,
                       before: dict[str, str]) -> list[Path]:
        """Each article's pages of *volume* as its PDF at *paths*, written only when its
        fingerprint (its inputs, *shared*, its first page) differs from the one recorded
        *before* or the file is gone; returns every path."""
        from teikit.render.fingerprint import article_inputs
        anchors = [article_anchor(article, i) for i, article in enumerate(edition.articles, 1)]
        for article, path, pages in zip(edition.articles, paths, volume.article_pages(anchors)):
            first = volume.text_pages.index(pages[0]) + 1
            self.inputs[path.name] = article_inputs(article, edition, shared, first)
            if before.get(path.name) != self.inputs[path.name] or not path.is_file():
                atomic_write(path, self.pdf(volume.text.copy(pages), article))
        return paths

    def pages(self, edition: Edition) -> list[Path]:
        """The volume's PDF and each article's (a site's sitemap lists them)."""
        return [*super().pages(edition), *(p for p in self.article_outputs(edition) if p.is_file())]

    def article_outputs(self, edition: Edition) -> list[Path]:
        """Where each article's PDF goes: ``<stem>.pdf``; an article whose file name another
        one has already (two directories of one volume) gets ``<stem>-2.pdf``..., and none
        is named like the volume's PDF."""
        taken, paths = {VOLUME_STEM}, []
        for article in edition.articles:
            stem, n = article.stem, 1
            while stem in taken:
                n += 1
                stem = f"{article.stem}-{n}"
            taken.add(stem)
            paths.append(self.target / f"{stem}{self.suffix}")
        return paths

    def typeset(self, edition: Edition):
        """The volume laid out (:func:`teikit.render.pdf.typeset`)."""
        from teikit.render.pdf import typeset
        today = build_date()
        return typeset(lambda part, pages, breaks: volume_html(
            edition, css="", part=part, pages=pages, breaks=breaks, build_date=today),
            css_path(), fonts_root())

    @staticmethod
    def pdf(document, article: Article | None = None) -> bytes:
        """*document* as PDF; an article's with its own title and authors as metadata."""
        from teikit.render.pdf import write_pdf
        return write_pdf(document, article_metadata(article) if article is not None else None)


def article_anchor(article: Article, position: int) -> str:
    """The id xslt/print.xsl gives an article's element (tk:article-id): its xml:id, else
    its position in the volume."""
    return article.info.id or f"article-{position}"


def article_metadata(article: Article) -> dict[str, Any]:
    """The PDF metadata of one article: its main title (in its language) and authors."""
    from teikit.xmlio import NS, XML_NS, parse
    root = parse(article.info.header, name=str(article.path), lenient_ids=True).getroot()
    stmt = root.find("tei:teiHeader/tei:fileDesc/tei:titleStmt", NS)
    if stmt is None:
        return {}
    lang = root.get(f"{{{XML_NS}}}lang")
    titles = stmt.findall("tei:title", NS)
    mains = [t for t in titles if t.get("type") == "main"] or titles
    own = [t for t in mains if t.get(f"{{{XML_NS}}}lang") == lang] or mains
    text = [" ".join("".join(t.itertext()).split()) for t in own[:1]]

    def words(elements) -> list[str]:
        return [w for w in (" ".join("".join(e.itertext()).split()) for e in elements) if w]
    return {"title": text[0] if text else None, "authors": words(stmt.findall("tei:author", NS)),
            "keywords": words(root.iterfind(".//tei:keywords/tei:term", NS)), "description": None}


def build_date() -> str:
    """The date of this build for the imprint (ISO 8601): today, or the day of
    $SOURCE_DATE_EPOCH when it is set (reproducible builds)."""
    import datetime
    import os
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    day = (datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
           if epoch.isdigit() else datetime.date.today())
    return day.isoformat()


def shared_inputs() -> str:
    """The fingerprint of what every printed page depends on besides the TEI: the
    stylesheets (with print.css), the fonts and the edition's rules file."""
    from teikit.render.fingerprint import digest_files
    from teikit.render.saxon import rules_file
    files = sorted(p for p in _xslt_dir().rglob("*") if p.is_file())
    files += sorted(p for p in (fonts_root() / FONTS_DIR).rglob("*") if p.is_file())
    rules = rules_file()
    return digest_files(files + ([rules] if rules else []))


def recorded_inputs(target: Path) -> dict[str, str]:
    """The fingerprints the last render of *target* recorded (none when unreadable)."""
    from teikit.render.base import MANIFEST, recorded_inputs as read
    return read(target / MANIFEST)


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
