"""Benchmark of the register (``teikit render --to register``): time and memory.

    python benchmarks/bench_register.py [--docs 200] [--mb 20]

Builds a corpus with benchmarks/make_corpus.py (copies of the edition's articles, ids
renumbered, a valid edition), then measures in this same run:

* **time**: parsing every document safely (``teikit.xmlio.parse``, the floor any
  renderer pays: the baseline), summarising them, and the whole register render
  (summaries + index + register/chronology/map/JSON/TEI stylesheets). Printed per
  document, in MB/s, and as a ratio to the parse baseline.
* **memory** (issue 7): the peak resident memory of building the index in a fresh
  process, streaming (``build_index_streaming``: one tree at a time), as ``teikit render``
  does it (``read_edition``'s handles, then one tree at a time), and the baseline of
  holding every document's tree first, for a small and a large corpus of documents of the
  same size. The first two peaks should barely grow with the number of documents.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from teikit.render import render  # noqa: E402
from teikit.render.base import find_articles  # noqa: E402
from teikit.render.summary import summarize  # noqa: E402
from teikit.xmlio import parse  # noqa: E402

PEAK = """
import json, re, sys
sys.path.insert(0, {src!r})
from teikit.render.register import build_index, build_index_streaming, index_node
from teikit.render import read_edition
from teikit.render.base import find_articles
from teikit.xmlio import parse
mode, path = sys.argv[1], sys.argv[2]
held = [parse(p, lenient_ids=True) for p in find_articles([path])] if mode == "hold-all" else []
index = build_index(read_edition([path])) if mode == "render" else build_index_streaming([path])
node = index_node(index)  # what the stylesheets then read: Saxon's tree of the index
size = index.path.stat().st_size
# VmHWM: this process's own peak (ru_maxrss would carry the parent's over exec)
hwm = re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1)
print(json.dumps({{"peak_mb": int(hwm) / 1024, "index_mb": size / 1e6}}))
"""


def make_corpus(out: Path, docs: int, megabytes: float) -> list[Path]:
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "benchmarks" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.make_corpus(out, docs=docs, megabytes=megabytes)
    return find_articles([out])


def timed(function) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds of this process) spent in *function*."""
    wall, cpu = time.perf_counter(), time.process_time()
    function()
    return time.perf_counter() - wall, time.process_time() - cpu


def peak(mode: str, corpus: Path) -> dict:
    code = PEAK.format(src=str(ROOT / "src"))
    proc = subprocess.run([sys.executable, "-c", code, mode, str(corpus)],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def bench_time(corpus: Path, files: list[Path]) -> None:
    size_mb = sum(p.stat().st_size for p in files) / 1e6
    render([files[0]], ["register"], Path(tempfile.mkdtemp()))  # compile stylesheets once
    t_parse = timed(lambda: [parse(p) for p in files])
    t_summary = timed(lambda: [summarize(parse(p), p) for p in files])
    with tempfile.TemporaryDirectory() as out:
        t_render = timed(lambda: render([corpus], ["register"], Path(out)))
    n = len(files)
    print(f"corpus: {n} documents, {size_mb:.1f} MB")
    print("  (wall clock; CPU time of this process in brackets: the machine may be shared)")
    for label, (wall, cpu) in (("parse (baseline)", t_parse), ("parse + summarise", t_summary),
                               ("register render", t_render)):
        print(f"  {label:<20} {wall * 1000 / n:8.2f} ms/doc  {size_mb / wall:7.1f} MB/s"
              f"  x{wall / t_parse[0]:5.2f} baseline   [{cpu * 1000 / n:8.2f} ms/doc CPU,"
              f" x{cpu / t_parse[1]:5.2f}]")


#: how the index is built in the memory measurement; "hold-all" is the baseline
MODES = ("streaming", "render", "hold-all")


def bench_memory(docs_small: int, docs_large: int, per_doc_mb: float) -> None:
    print(f"peak memory building the index (documents of ~{per_doc_mb * 1000:.0f} kB each):")
    results = {}
    for docs in (docs_small, docs_large):
        with tempfile.TemporaryDirectory() as tmp:
            make_corpus(Path(tmp), docs, per_doc_mb * docs)
            results[docs] = {mode: peak(mode, Path(tmp)) for mode in MODES}
    for mode in MODES:
        small, large = results[docs_small][mode], results[docs_large][mode]
        print(f"  {mode:<10} {docs_small:5d} docs {small['peak_mb']:7.1f} MB   "
              f"{docs_large:5d} docs {large['peak_mb']:7.1f} MB   "
              f"x{large['peak_mb'] / small['peak_mb']:.2f} for x{docs_large / docs_small:.0f} documents"
              f"  (index file {small['index_mb']:.1f} -> {large['index_mb']:.1f} MB)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size for the timing, about")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        files = make_corpus(Path(tmp), args.docs, args.mb)
        bench_time(Path(tmp), files)
    bench_memory(max(args.docs // 10, 5), args.docs, args.mb / args.docs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
