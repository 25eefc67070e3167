"""Benchmark of ``teikit build``: a full build versus rebuilds, measured in one run.

    python benchmarks/bench_build.py [--docs 20] [--mb 2] [--to html --to register ...] [--jobs J]

Makes a corpus with benchmarks/make_corpus.py (copies of the edition's articles with
renumbered ids and the shared registers), then times ``teikit render`` of the same
formats into another directory (the anchor of the throughput ratio: issue 13 asks for a
build's per-document throughput of at least half of render's, i.e. a ratio >= 0.5), then,
into the same site directory:

1. the first build (the baseline: everything rendered, indexed and written);
2. a second build with nothing changed (must rewrite nothing);
3. a build after one register entry that every copy points to gained an attribute;
4. a build after one register entry that no article points to changed;
5. a build after one article's text was touched (a comment appended to the middle
   file), which must redo only what depends on it: with the summary cache, no other
   article is parsed;
6. the same again (a second comment) with every summary cache lookup made to miss,
   so every article is parsed as before the cache: 5 against 6 is the cache's gain,
   measured in the same run.

Then the ceiling of the ratio on this machine, from CPU seconds measured in the same run:
the render's (the process and its workers) and Pagefind's alone, indexing the first
build's search records into a scratch folder. A build renders the same pages and
indexes the same records, so on C cores it cannot take less than
(render CPU + Pagefind CPU) / C, whatever else it does or how well it overlaps; the
printed ceiling is render's wall time over that bound.

Prints each time, its ratio to the first build, the time spent streaming the articles
(``Builder.stream``: summaries, per-document parts), the parts rebuilt, the files
written and the articles parsed (calls of ``teikit.edition.Article.held``); after the
first build, its per-document throughput against render's.
``--without-summary-cache`` makes every lookup miss in every step.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from teikit.edition import Article  # noqa: E402
from teikit.publish.pagefind_service import index_records  # noqa: E402
from teikit.publish.search import SEARCH_CACHE  # noqa: E402
from teikit.publish.site import Builder, build  # noqa: E402
from teikit.render import load_renderers, render  # noqa: E402

PARSED = []          # articles parsed by the build being timed (Article.held calls)
_held = Article.held


def _counting_held(cls, path):
    PARSED.append(path)
    return _held(path)


Article.held = classmethod(_counting_held)
STREAM = []          # seconds spent in Builder.stream by the build being timed
_stream = Builder.stream


def _timed_stream(self, *args):
    started = time.perf_counter()
    try:
        return _stream(self, *args)
    finally:
        STREAM.append(time.perf_counter() - started)


Builder.stream = _timed_stream
_cached_summary = Builder.cached_summary


@contextlib.contextmanager
def summary_cache_off():
    """Every summary cache lookup misses (every article is parsed) inside the block."""
    Builder.cached_summary = lambda self, path, sources: None
    try:
        yield
    finally:
        Builder.cached_summary = _cached_summary


def timed(label: str, source: Path, out: Path, formats, baseline: float | None, jobs: int | None) -> float:
    PARSED.clear()
    STREAM.clear()
    started = time.perf_counter()
    report = build(source, out, formats=formats, jobs=jobs)
    elapsed = time.perf_counter() - started
    ratio = f"{elapsed / baseline:6.3f} x first build" if baseline else "  baseline"
    print(f"{label:<52} {elapsed:8.2f} s  {ratio}  stream {sum(STREAM):6.2f} s  "
          f"rebuilt {len(report.rebuilt):3d} parts, "
          f"wrote {len(report.written):4d} files, parsed {len(PARSED):4d} articles", flush=True)
    return elapsed


def cpu_seconds() -> float:
    """User + system CPU of this process and of the children it has waited for."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def pagefind_alone(site: Path, scratch: Path) -> tuple[float, int]:
    """CPU seconds of Pagefind indexing the search records of *site*'s build into
    *scratch* (the indexer is a child process, waited for), and the number of records."""
    records = [r for p in sorted((site / SEARCH_CACHE).glob("*.json")) for r in json.loads(p.read_text("utf-8"))]
    before = cpu_seconds()
    index_records(records, scratch)
    return cpu_seconds() - before, len(records)


def print_ceiling(rendered: float, render_cpu: float, site: Path, scratch: Path) -> None:
    """The best ratio a build could reach on this machine (see the module's docstring)."""
    pagefind_cpu, records = pagefind_alone(site, scratch)
    cores = len(os.sched_getaffinity(0))
    bound = (render_cpu + pagefind_cpu) / cores
    print(f"{'   CPU: render':<52} {render_cpu:8.2f} s  Pagefind alone ({records} records) {pagefind_cpu:.2f} s",
          flush=True)
    print(f"{'   ceiling of the ratio on ' + str(cores) + ' cores':<52} {rendered / bound:8.2f}    "
          f"(no build of these pages and records takes less than {bound:.2f} s)", flush=True)


def touch_entry(register: Path, entry_id: str) -> None:
    text = register.read_text("utf-8")
    marker = f'xml:id="{entry_id}"'
    register.write_text(text.replace(marker, marker + ' cert="high"', 1), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20)
    parser.add_argument("--mb", type=float, default=2)
    parser.add_argument("--to", action="append", default=None, help="formats (default: all registered)")
    parser.add_argument("--jobs", type=int, default=None, help="processes (default: every core)")
    parser.add_argument("--without-summary-cache", action="store_true",
                        help="every summary cache lookup misses: every article is parsed on every build")
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        if args.without_summary_cache:
            stack.enter_context(summary_cache_off())
        run(args)


def touch(article: Path) -> None:
    with open(article, "a", encoding="utf-8") as handle:
        handle.write("<!-- touched by benchmarks/bench_build.py -->\n")


def run(args) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus, out = Path(tmp) / "corpus", Path(tmp) / "site"
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), str(corpus),
                        "--docs", str(args.docs), "--mb", str(args.mb)], check=True, stdout=subprocess.DEVNULL)
        documents = len(list(corpus.glob('*.xml')))
        print(f"corpus: {documents} articles, formats: {args.to or 'all registered'}", flush=True)
        started, cpu = time.perf_counter(), cpu_seconds()
        render([corpus], args.to or sorted(load_renderers()), Path(tmp) / "rendered", jobs=args.jobs)
        rendered, render_cpu = time.perf_counter() - started, cpu_seconds() - cpu
        print(f"{'0. teikit render, same formats (anchor)':<52} {rendered:8.2f} s  "
              f"{documents / rendered:7.1f} documents/s", flush=True)
        first = timed("1. first build", corpus, out, args.to, None, args.jobs)
        print(f"{'   build throughput / render throughput':<52} {rendered / first:8.2f}    "
              f"({documents / first:.1f} against {documents / rendered:.1f} documents/s; goal >= 0.5)",
              flush=True)
        timed("2. rebuild, nothing changed", corpus, out, args.to, first, args.jobs)
        places = corpus / "register" / "places.xml"
        used = "pl-samsun" if 'xml:id="pl-samsun"' in places.read_text("utf-8") else None
        if used:
            touch_entry(places, used)
            timed(f"3. rebuild, entry {used} (cited) changed", corpus, out, args.to, first, args.jobs)
        ids = [line.split('xml:id="')[1].split('"')[0] for line in places.read_text("utf-8").splitlines()
               if 'xml:id="pl-' in line]
        cited = " ".join(p.read_text("utf-8") for p in corpus.glob("*.xml"))
        unused = next((i for i in ids if f"#{i}\"" not in cited), None)
        if unused:
            touch_entry(places, unused)
            timed(f"4. rebuild, entry {unused} (uncited) changed", corpus, out, args.to, first, args.jobs)
        articles = sorted(corpus.glob("*.xml"))
        victim = articles[len(articles) // 2]
        touch(victim)
        timed(f"5. rebuild, {victim.stem} touched", corpus, out, args.to, first, args.jobs)
        touch(victim)
        with summary_cache_off():
            timed("6. same, summary cache off", corpus, out, args.to, first, args.jobs)
        print_ceiling(rendered, render_cpu, out, Path(tmp) / "pagefind-alone")


if __name__ == "__main__":
    main()
