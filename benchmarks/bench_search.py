"""Benchmark of the search index of ``teikit build``: one Pagefind record per paragraph.

    python benchmarks/bench_search.py [--docs 20] [--mb 2] [--wrapper]

Makes a corpus with benchmarks/make_corpus.py, takes every article's per-paragraph records
(``teikit.publish.search.search_records``) and times, in the same run:

1. the baseline: Pagefind indexing one HTML page per article (the same text, filters per
   article), a directory in one ``PagefindIndex.add_directory`` call, as the build did
   before the records were per paragraph;
2. the records through ``teikit.publish.pagefind_service`` (what the build does now);
3. with ``--wrapper``: the records through ``PagefindIndex.add_custom_record`` (it waits
   0.1 s per record: slow, so off by default; use a small ``--docs``).
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from teikit import edition as model  # noqa: E402
from teikit.publish.pagefind_service import index_records  # noqa: E402
from teikit.publish.search import search_records  # noqa: E402
from teikit.publish.site import Sources  # noqa: E402


def per_article_pages(records_by_article: dict[str, list[dict]], pages: Path) -> None:
    """One HTML page per article holding its paragraphs' text and all their filters."""
    for stem, records in records_by_article.items():
        filters = sorted({(k, v) for r in records for k, vs in r["filters"].items() for v in vs})
        body = "".join(f"<p>{escape(r['content'])}</p>" for r in records)
        spans = "".join(f'<span data-pagefind-filter="{k}">{escape(v)}</span>' for k, v in filters)
        path = pages / "html" / f"{stem}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'<html lang="tr"><body><main data-pagefind-body><div data-pagefind-ignore>{spans}'
                        f"</div>{body}</main></body></html>", "utf-8")


async def directory(pages: Path, bundle: Path) -> None:
    from pagefind.index import PagefindIndex
    async with PagefindIndex(config={"output_path": str(bundle), "write_playground": False}) as index:
        await index.add_directory(str(pages))


async def wrapper(records: list[dict], bundle: Path) -> None:
    from pagefind.index import PagefindIndex
    async with PagefindIndex(config={"output_path": str(bundle), "write_playground": False}) as index:
        for record in records:
            await index.add_custom_record(**record)


def timed(label: str, run, baseline: float | None) -> float:
    started = time.perf_counter()
    run()
    elapsed = time.perf_counter() - started
    ratio = f"{elapsed / baseline:7.2f} x baseline" if baseline else "   baseline"
    print(f"{label:<52} {elapsed:8.2f} s  {ratio}", flush=True)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20)
    parser.add_argument("--mb", type=float, default=2)
    parser.add_argument("--wrapper", action="store_true", help="also time PagefindIndex.add_custom_record")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), str(tmp / "corpus"),
                        "--docs", str(args.docs), "--mb", str(args.mb)], check=True, stdout=subprocess.DEVNULL)
        sources = Sources.read(tmp / "corpus")
        edition = model.load(sources.articles)
        by_article = {a.path.stem: search_records(a, sources.labels, f"html/{a.path.stem}.html")
                      for a in edition.articles}
        records = [r for rs in by_article.values() for r in rs]
        print(f"corpus: {len(by_article)} articles, {len(records)} paragraphs", flush=True)
        per_article_pages(by_article, tmp / "pages")
        base = timed("1. one page per article, add_directory", lambda: asyncio.run(
            directory(tmp / "pages", tmp / "b1")), None)
        timed("2. one record per paragraph, teikit's service client", lambda: index_records(
            records, tmp / "b2"), base)
        if args.wrapper:
            timed("3. one record per paragraph, PagefindIndex wrapper", lambda: asyncio.run(
                wrapper(records, tmp / "b3")), base)


if __name__ == "__main__":
    main()
