"""Benchmark of the HTML reading edition (``teikit render --to html``): time per document and MB/s.

    python benchmarks/render.py [--repeat 5] [PATH ...]

PATH defaults to the edition (``tei/`` when it holds articles, else the sample edition in
``tests/fixtures/edition``) plus the 21 real TEI files of ``../shared/corpora/external``.
Every stylesheet is compiled once and every document transformed once before timing (as
``teikit render`` compiles once; the warm-up lets the JIT settle). For each document, in
this same run, the best of ``--repeat`` runs of:

* **parse**    ``teikit.xmlio.parse`` + handing the tree to Saxon (what every renderer pays);
* **identity** a Saxon identity transform of the same tree (``on-no-match="shallow-copy"``,
  serialised as XML): the floor of walking and writing the document in SaxonC-HE,
  the **baseline** the ratios are taken against;
* **html**     ``xslt/html.xsl`` with the document's register files, as ``teikit render`` runs it;
* **tei-c**    the TEI Consortium's ``html/html.xsl`` when it is on the machine
  (``$TEI_STYLESHEETS`` or the Debian package ``tei-xsl``); reported as absent otherwise.

Printed: a row per document, then totals (ms per document, MB/s, html/identity ratio).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from teikit.render import read_edition  # noqa: E402
from teikit.render.base import find_articles  # noqa: E402
from teikit.render.html import HtmlRenderer  # noqa: E402
from teikit.render.saxon import processor, to_xdm  # noqa: E402
from teikit.xmlio import parse  # noqa: E402

EXTERNAL = ROOT.parent / "shared" / "corpora" / "external"

IDENTITY = """<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0">
  <xsl:mode on-no-match="shallow-copy"/>
  <xsl:output method="xml" encoding="UTF-8"/>
</xsl:stylesheet>"""

#: where the TEI Consortium's stylesheets are installed when present
TEI_C_CANDIDATES = [Path(p) / "html" / "html.xsl" for p in
                    filter(None, [os.environ.get("TEI_STYLESHEETS"),
                                  "/usr/share/xml/tei/stylesheet", "/usr/share/tei-xsl",
                                  "/opt/tei-stylesheets"])]


def default_paths() -> list[Path]:
    edition = ROOT / "tei"
    has_articles = edition.is_dir() and any(p for p in edition.glob("*.xml"))
    return [edition if has_articles else ROOT / "tests" / "fixtures" / "edition",
            *sorted(EXTERNAL.glob("*/*.xml"))]


def best_ms(run, repeat: int) -> float:
    """The fastest of *repeat* runs, in milliseconds (the least disturbed by the machine)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def compile_text(text: str):
    return processor().new_xslt30_processor().compile_stylesheet(stylesheet_text=text)


def compile_file(path: Path):
    return processor().new_xslt30_processor().compile_stylesheet(stylesheet_file=str(path))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    paths = args.paths or default_paths()

    edition = read_edition(paths)
    renderer = HtmlRenderer(Path("/nonexistent"))
    renderer.prepare(edition)

    start = time.perf_counter()
    from teikit.render.saxon import compile_stylesheet, transform
    compile_stylesheet("html.xsl")
    compile_ms = (time.perf_counter() - start) * 1000
    identity = compile_text(IDENTITY)
    tei_c_path = next((p for p in TEI_C_CANDIDATES if p.is_file()), None)
    tei_c = compile_file(tei_c_path) if tei_c_path else None

    print(f"SaxonC {processor().version}; html.xsl compiled once in {compile_ms:.0f} ms; "
          f"best of {args.repeat} runs per document; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} CPUs (compare runs only at similar load)")
    print("TEI Consortium stylesheets: " + (str(tei_c_path) if tei_c_path else
          "absent (looked in $TEI_STYLESHEETS, " + ", ".join(str(p) for p in TEI_C_CANDIDATES[-3:])
          + "); their html.xsl is reported at ~18-20 ms/document and ~1 MB/s in SaxonC-HE"))
    header = f"{'document':44} {'KB':>7} {'parse':>8} {'identity':>9} {'html':>8} {'MB/s':>7} {'html/id':>8}"
    if tei_c:
        header += f" {'tei-c':>8} {'tei-c/html':>10}"
    print(header)

    for article in edition.articles:  # warm-up: let the JIT see every document once
        transform("html.xsl", article.xdm, renderer.params(article, edition), source=str(article.path))
        identity.transform_to_string(xdm_node=article.xdm)

    rows = []
    for article in edition.articles:
        size = article.path.stat().st_size
        node = article.xdm
        params = renderer.params(article, edition)
        parse_ms = best_ms(lambda: to_xdm(parse(article.path, lenient_ids=True)), args.repeat)
        id_ms = best_ms(lambda: identity.transform_to_string(xdm_node=node), args.repeat)
        html_ms = best_ms(lambda: transform("html.xsl", node, params, source=str(article.path)), args.repeat)
        row = [article.path.name, size, parse_ms, id_ms, html_ms]
        line = (f"{article.path.name[:44]:44} {size / 1024:7.0f} {parse_ms:8.2f} {id_ms:9.2f} {html_ms:8.2f} "
                f"{size / 1e6 / (html_ms / 1000):7.2f} {html_ms / id_ms:8.2f}")
        if tei_c:
            tei_ms = best_ms(lambda: tei_c.transform_to_string(xdm_node=node), args.repeat)
            row.append(tei_ms)
            line += f" {tei_ms:8.2f} {tei_ms / html_ms:10.2f}"
        rows.append(row)
        print(line)

    total_mb = sum(r[1] for r in rows) / 1e6
    total = {name: sum(r[i] for r in rows) for i, name in ((2, "parse"), (3, "identity"), (4, "html"))}
    print(f"\n{len(rows)} documents, {total_mb:.2f} MB")
    for name, ms in total.items():
        print(f"  {name:9} {ms / len(rows):7.2f} ms/document (median {median(r[2 + list(total).index(name)] for r in rows):.2f})"
              f"  {total_mb / (ms / 1000):6.2f} MB/s")
    print(f"  html / identity baseline: {total['html'] / total['identity']:.2f}x the time "
          "(the floor of walking and serialising the same documents)")
    if tei_c:
        tei_total = sum(r[5] for r in rows)
        print(f"  tei-c     {tei_total / len(rows):7.2f} ms/document  {total_mb / (tei_total / 1000):6.2f} MB/s;"
              f" ours is {tei_total / total['html']:.1f}x faster")
    else:
        html_median = median(r[4] for r in rows)
        print(f"  against the TEI Consortium's reported ~19 ms/document and ~1 MB/s (not measured here): "
              f"{19 / html_median:.1f}x faster on the median document, "
              f"{total_mb / (total['html'] / 1000):.1f}x in MB/s")


if __name__ == "__main__":
    main()
