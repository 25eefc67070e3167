"""Benchmark of the printed volume: ``teikit render --to pdf`` against WeasyPrint alone.

    python benchmarks/render_pdf.py [--repeat 3] [EDITION]
    python benchmarks/render_pdf.py --per-document [--repeat 3] [--max-kb 130] [PATH ...]

**The edition** (default; EDITION defaults to ``tei/`` when it holds articles, else the
sample edition in ``tests/fixtures/edition``), each a fresh process, best of ``--repeat``
runs, CPU seconds (user + system) of the child process and wall seconds:

* **teikit**     ``teikit render --to pdf`` into an empty directory: everything it does
                 (reading the TEI, print.xsl, the layouts, the volume's PDF and one PDF
                 per article);
* **weasyprint** ``weasyprint edition.html out.pdf`` on the print HTML that
                 ``teikit render --to print`` wrote in the same run (print.css and the fonts
                 beside it): WeasyPrint's own time on the same HTML, the anchor;
* **weasyprint+tr** the same with teikit's Turkish hyphenation dictionary registered
                 (what teikit's layout has to do, hyphenating Turkish, as the CLI cannot);

and the ratios teikit/weasyprint (the goal of issue 14: at most 1.2) and
teikit/weasyprint+tr. Then a re-render into the same directory with nothing changed
(teikit skips the layout: fingerprints in the manifest).

**Per document** (``--per-document``): each document printed as a volume of its own, in
CPU milliseconds of this process: an identity transform (the XSLT baseline), print.xsl,
one plain WeasyPrint layout with its default stylesheet (the PDF baseline) and what
``--to pdf`` does, with pages, ms per page and MB/s of TEI.
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pypdf import PdfReader  # noqa: E402  (test extra: pip install -e '.[test]')

from teikit.render import read_edition  # noqa: E402
from teikit.render.base import Edition  # noqa: E402
from teikit.render.pdf import volume_pdf  # noqa: E402
from teikit.render.print import css_path, fonts_root, volume_html  # noqa: E402
from teikit.render.saxon import compile_stylesheet  # noqa: E402
from teikit.saxon import user_runtime  # noqa: E402

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


def timed(command: list[str], repeat: int) -> tuple[float, float]:
    """Best of *repeat* runs of *command* in a child process: (CPU seconds, wall seconds)."""
    best_cpu, best_wall = float("inf"), float("inf")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best_cpu, best_wall = min(best_cpu, cpu), min(best_wall, wall)
    return best_cpu, best_wall


#: WeasyPrint's API on the print HTML, with teikit's Turkish hyphenation registered
WEASYPRINT_TR = ("import sys, weasyprint; from teikit.render import turkish_hyphenation; "
                 "turkish_hyphenation.install(); weasyprint.HTML(sys.argv[1]).write_pdf(sys.argv[2])")


def edition_run(edition: Path, repeat: int) -> None:
    """teikit render --to pdf against WeasyPrint alone on the same print HTML, same run."""
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="teikit-bench-pdf-") as work:
        work = Path(work)
        subprocess.run([python, "-m", "teikit", "render", str(edition), "--to", "print", "--out",
                        str(work / "print-out")], check=True, stdout=subprocess.DEVNULL,
                       env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
        html = work / "print-out" / "print" / "edition.html"

        def fresh_render() -> list[str]:
            shutil.rmtree(work / "pdf-out", ignore_errors=True)
            return [python, "-m", "teikit", "render", str(edition), "--to", "pdf", "--out", str(work / "pdf-out")]

        # the fresh directory is made before each run, outside the timing
        results = {}
        results["weasyprint"] = timed([python, "-m", "weasyprint", str(html), str(work / "w.pdf")], repeat)
        results["weasyprint+tr"] = timed([python, "-c", WEASYPRINT_TR, str(html), str(work / "w.pdf")], repeat)
        best = (float("inf"), float("inf"))
        for _ in range(repeat):
            best = min(best, timed(fresh_render(), 1))
        results["teikit"] = best
        command = [python, "-m", "teikit", "render", str(edition), "--to", "pdf", "--out", str(work / "pdf-out")]
        results["teikit again"] = timed(command, repeat)
        pages = len(PdfReader(work / "pdf-out" / "pdf" / "edition.pdf").pages)
        articles = len(list((work / "pdf-out" / "pdf").glob("*.pdf"))) - 1
    print(f"edition {edition} ({pages} pages; teikit also writes {articles} article PDFs); "
          f"best of {repeat} runs, each a fresh process")
    print(f"{'':28} {'CPU s':>7} {'wall s':>7}")
    for name, label in (("weasyprint", "weasyprint (CLI) on the HTML"),
                        ("weasyprint+tr", "weasyprint + Turkish hyph."),
                        ("teikit", "teikit render --to pdf"),
                        ("teikit again", "  again, nothing changed")):
        cpu, wall = results[name]
        print(f"{label:28} {cpu:7.2f} {wall:7.2f}")
    cpu = results["teikit"][0]
    print(f"ratio teikit / weasyprint: {cpu / results['weasyprint'][0]:.2f} (CPU), "
          f"{results['teikit'][1] / results['weasyprint'][1]:.2f} (wall); goal <= 1.2")
    print(f"ratio teikit / weasyprint + Turkish hyphenation: {cpu / results['weasyprint+tr'][0]:.2f} (CPU), "
          f"{results['teikit'][1] / results['weasyprint+tr'][1]:.2f} (wall)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--max-kb", type=int, default=130)
    parser.add_argument("--per-document", action="store_true",
                        help="each document as a volume of its own, in this process")
    args = parser.parse_args()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    if not args.per_document:
        edition_run(args.paths[0] if args.paths else default_paths(args.max_kb)[0], args.repeat)
        return

    edition = read_edition(args.paths or default_paths(args.max_kb))
    start = time.perf_counter()
    compile_stylesheet("print.xsl")
    compile_ms = (time.perf_counter() - start) * 1000
    identity = user_runtime().compile_text(IDENTITY, "an identity transform")
    plain_pdf("<p>warm-up</p>")  # load pango and the fonts once, outside the timings

    print(f"print.xsl compiled once in {compile_ms:.0f} ms; "
          f"best of {args.repeat} runs per document; each document is a volume of its own")
    print(f"{'document':40} {'KB':>6} {'identity':>9} {'print':>8} {'pr/id':>6} "
          f"{'plain':>8} {'pdf':>8} {'pdf/pl':>7} {'pages':>5} {'ms/page':>8} {'MB/s':>6}")
    totals = dict(size=0, identity=0.0, print=0.0, plain=0.0, pdf=0.0, pages=0)
    for article in edition.articles:
        one = Edition([article], {article.path.resolve().parent: edition.registers_for(article)})
        size = article.path.stat().st_size
        node = article.tree  # converted to a Saxon node on each run, as volume_html converts it
        id_ms, _ = best_ms(lambda: identity.transform(node), args.repeat)
        print_ms, html = best_ms(lambda: volume_html(one), args.repeat)
        plain_ms, (_, plain_pages) = best_ms(lambda: plain_pdf(html), args.repeat)
        pdf_ms, pdf = best_ms(lambda: volume_pdf(
            lambda part, pages, breaks: volume_html(one, css="", part=part, pages=pages, breaks=breaks),
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
