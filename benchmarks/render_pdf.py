"""Benchmark of the printed volume: ``teikit render --to print`` and ``--to pdf``, per document.

    python benchmarks/render_pdf.py [--repeat 3] [--max-kb 130] [PATH ...]

PATH defaults to the edition (``tei/`` when it holds articles, else the sample edition in
``tests/fixtures/edition``), the multi-page print fixture, and the real TEI files of
``../shared/corpora/external`` no larger than ``--max-kb`` (the largest run to hundreds of
pages, minutes each in WeasyPrint). Each document is printed as a volume of its own, with
its register files; print.xsl is compiled once before timing. Best of ``--repeat`` runs,
in CPU milliseconds of this process:

* **identity**  a Saxon identity transform of the document: the XSLT baseline;
* **print**     ``xslt/print.xsl`` (HTML + CSS Paged Media), ratio print/identity;
* **plain**     one WeasyPrint layout + PDF of the same HTML with WeasyPrint's own default
                stylesheet only: the PDF baseline (what laying the text out costs at all);
* **pdf**       what ``teikit render --to pdf`` does: print.xsl, the layouts needed to put
                footnotes on their call's page and to print each register page once, the
                PDF with embedded fonts; ratio pdf/plain, pages, ms per page, MB/s of TEI.

The TEI Consortium's stylesheets have no PDF path of their own here (their fo/ output needs
an XSL-FO engine, not on the machine), so no outside figure is compared.
"""

from __future__ import annotations

import argparse
import io
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pypdf import PdfReader  # noqa: E402  (test extra: pip install -e '.[test]')

from teikit.render import read_edition  # noqa: E402
from teikit.render.base import Edition  # noqa: E402
from teikit.render.pdf import volume_pdf  # noqa: E402
from teikit.render.print import css_path, fonts_root, volume_html  # noqa: E402
from teikit.render.saxon import compile_stylesheet, processor  # noqa: E402

EXTERNAL = ROOT.parent / "shared" / "corpora" / "external"
LONG = ROOT / "tests" / "fixtures" / "print" / "long-article"

IDENTITY = """<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0">
  <xsl:mode on-no-match="shallow-copy"/>
  <xsl:output method="xml" encoding="UTF-8"/>
</xsl:stylesheet>"""


def default_paths(max_kb: int) -> list[Path]:
    edition = ROOT / "tei"
    has_articles = edition.is_dir() and any(edition.glob("*.xml"))
    small = sorted(p for p in EXTERNAL.rglob("*.xml") if p.stat().st_size <= max_kb * 1024)
    return [edition if has_articles else ROOT / "tests" / "fixtures" / "edition", LONG, *small]


def best_ms(run, repeat: int) -> tuple[float, object]:
    """The fastest of *repeat* runs in milliseconds of CPU time of this process, and the
    last result. CPU time, not wall time: a PDF takes seconds, and on a shared machine
    the wall clock mostly measures the neighbours (Saxon and WeasyPrint both run in
    this process, so nothing is left out)."""
    times, result = [], None
    for _ in range(repeat):
        start = time.process_time()
        result = run()
        times.append((time.process_time() - start) * 1000)
    return min(times), result


def plain_pdf(html: str) -> tuple[bytes, int]:
    """One layout with WeasyPrint's default stylesheet only, written as PDF."""
    import weasyprint
    document = weasyprint.HTML(string=html, base_url=str(ROOT)).render()
    return document.write_pdf(), len(document.pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--max-kb", type=int, default=130)
    args = parser.parse_args()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)

    edition = read_edition(args.paths or default_paths(args.max_kb))
    start = time.perf_counter()
    compile_stylesheet("print.xsl")
    compile_ms = (time.perf_counter() - start) * 1000
    identity = processor().new_xslt30_processor().compile_stylesheet(stylesheet_text=IDENTITY)
    plain_pdf("<p>warm-up</p>")  # load pango and the fonts once, outside the timings

    print(f"SaxonC {processor().version}; print.xsl compiled once in {compile_ms:.0f} ms; "
          f"best of {args.repeat} runs per document; each document is a volume of its own")
    print(f"{'document':40} {'KB':>6} {'identity':>9} {'print':>8} {'pr/id':>6} "
          f"{'plain':>8} {'pdf':>8} {'pdf/pl':>7} {'pages':>5} {'ms/page':>8} {'MB/s':>6}")
    totals = dict(size=0, identity=0.0, print=0.0, plain=0.0, pdf=0.0, pages=0)
    for article in edition.articles:
        one = Edition([article], {article.path.resolve().parent: edition.registers_for(article)})
        size = article.path.stat().st_size
        node = article.xdm
        id_ms, _ = best_ms(lambda: identity.transform_to_string(xdm_node=node), args.repeat)
        print_ms, html = best_ms(lambda: volume_html(one), args.repeat)
        plain_ms, (_, plain_pages) = best_ms(lambda: plain_pdf(html), args.repeat)
        pdf_ms, pdf = best_ms(lambda: volume_pdf(
            lambda pages, breaks: volume_html(one, css="", pages=pages, breaks=breaks),
            css_path(), fonts_root()), args.repeat)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        for key, value in dict(size=size, identity=id_ms, print=print_ms, plain=plain_ms,
                               pdf=pdf_ms, pages=pages).items():
            totals[key] += value
        print(f"{article.path.name[:40]:40} {size / 1024:6.0f} {id_ms:9.2f} {print_ms:8.2f} "
              f"{print_ms / id_ms:6.1f} {plain_ms:8.0f} {pdf_ms:8.0f} {pdf_ms / plain_ms:7.2f} "
              f"{pages:5d} {pdf_ms / max(pages, 1):8.0f} {size / 1e6 / (pdf_ms / 1000):6.3f}")
    n = len(edition.articles)
    print(f"{'TOTAL (' + str(n) + ' documents)':40} {totals['size'] / 1024:6.0f} "
          f"{totals['identity']:9.2f} {totals['print']:8.2f} {totals['print'] / totals['identity']:6.1f} "
          f"{totals['plain']:8.0f} {totals['pdf']:8.0f} {totals['pdf'] / totals['plain']:7.2f} "
          f"{totals['pages']:5d} {totals['pdf'] / max(totals['pages'], 1):8.0f} "
          f"{totals['size'] / 1e6 / (totals['pdf'] / 1000):6.3f}")
    print(f"print: {totals['print'] / n:.1f} ms/document, "
          f"{totals['size'] / 1e6 / (totals['print'] / 1000):.2f} MB/s; "
          f"pdf: {totals['pdf'] / n:.0f} ms/document, {totals['size'] / 1e6 / (totals['pdf'] / 1000):.3f} MB/s")


if __name__ == "__main__":
    main()
