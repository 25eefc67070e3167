"""Benchmark of ``teikit odd``: time to compile an ODD, cold and warm, beside the same
TEI Consortium stylesheets run directly in saxonche in the same run.

    python benchmarks/odd.py [--repeat 3] [--stylesheets DIR] [--source P5SUBSET] [ODD ...]

ODD defaults to ``tei_lite.odd`` and ``tei_all.odd`` of ``../shared/tei-p5/odd``; the
stylesheets and ``p5subset.xml`` default to the copies in ``../shared``. For each ODD,
best of ``--repeat``:

* **direct, cold**  a fresh Python process that compiles ``odd2odd.xsl``,
  ``odd2relax.xsl`` and ``extract-isosch.xsl`` in saxonche and runs the chain on the ODD
  (what a script calling SaxonC by hand pays): the **baseline** of the cold rows;
* **teikit compile, cold**  ``teikit odd compile ODD -o X.rng --schematron X.sch`` in a
  fresh process (start-up, finding the files, checking the ODD, the chain, writing);
* **validate cache, cold / warm**  a fresh process asking :mod:`teikit.odd.cache` for the
  ODD's schemas with an empty cache (it compiles them) and with the cache filled (it
  hashes the ODD and its sources and finds them): what ``teikit validate --schema
  my.odd`` pays before its first file;
* **direct, warm**  the chain run again in a process whose stylesheets are compiled: the
  baseline of the warm row;
* **teikit compile, warm**  :func:`teikit.odd.compile_odd` again in a process that has
  compiled an ODD before (stylesheets compiled, the source's index read).

With ``--validate``: ``teikit validate --schema ODD`` (warm cache, no embedded rules) on
``--copies`` copies of ``../shared/corpora/external/`` (less the two files jing stops a
batch on), for the example ODDs whose RELAX NG libxml2 does not compile whole in minutes
(tei_corpus, tei_enrich, tei_ms, tei_speech: teikit cuts them down to the files' elements,
tries the compile in a child process with a time limit, and walks the grammar otherwise),
beside jing with the same compiled RELAX NG, in the same run.

This script may import saxonche itself: it is not a package module.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

DIRECT = r'''
import sys
from pathlib import Path
from saxonche import PySaxonProcessor
odds, source, odd = Path(sys.argv[1]) / "odds", Path(sys.argv[2]), Path(sys.argv[3])
proc = PySaxonProcessor(license=False)
xslt = proc.new_xslt30_processor()
sheets = [xslt.compile_stylesheet(stylesheet_file=str(odds / n))
          for n in ("odd2odd.xsl", "odd2relax.xsl", "extract-isosch.xsl")]
for s in sheets:
    s.set_capture_result_documents(True, False)
    s.set_save_xsl_message(True)
def run(n):
    builder = proc.new_document_builder()
    builder.set_base_uri(odd.as_uri())
    doc = builder.parse_xml(xml_text=odd.read_text(encoding="utf-8"))
    sheets[0].set_parameter("defaultSource", proc.make_string_value(source.as_uri()))
    compiled = sheets[0].transform_to_string(xdm_node=doc)
    cdoc = builder.parse_xml(xml_text=compiled)
    return sheets[1].transform_to_string(xdm_node=cdoc), sheets[2].transform_to_string(xdm_node=cdoc)
import time
rng, sch = run(0)
assert "<grammar" in rng
if len(sys.argv) > 4:
    best = min((lambda t: (run(0), time.perf_counter() - t)[1])(time.perf_counter())
               for _ in range(int(sys.argv[4])))
    print(best)
'''

CACHED = r'''
import sys
from teikit.odd.cache import compiled
result = compiled(sys.argv[1])
assert result.relaxng.is_file()
'''

WARM = r'''
import sys, time
from teikit.odd import compile_odd, find
consortium = find(sys.argv[1], sys.argv[2], download=False)
compile_odd(sys.argv[3], consortium)
best = min((lambda t: (compile_odd(sys.argv[3], consortium), time.perf_counter() - t)[1])(
           time.perf_counter()) for _ in range(int(sys.argv[4])))
print(best)
'''


def timed(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    run = subprocess.run(args, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if run.returncode != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{run.stderr}")
    return elapsed, run.stdout


def best(repeat: int, args: list[str], env: dict[str, str], fresh_cache: bool = False) -> float:
    times = []
    for _ in range(repeat):
        if fresh_cache:
            env = dict(env, TEIKIT_CACHE_DIR=tempfile.mkdtemp(prefix="teikit-bench-cache-"))
        times.append(timed(args, env)[0])
    return min(times)


def measure(odd: Path, stylesheets: Path, source: Path, repeat: int) -> list[tuple[str, float, str]]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), TEIKIT_TEI_STYLESHEETS=str(stylesheets),
               TEIKIT_TEI_SOURCE=str(source))
    py = sys.executable
    out = Path(tempfile.mkdtemp(prefix="teikit-bench-odd-"))
    direct_cold = best(repeat, [py, "-c", DIRECT, str(stylesheets), str(source), str(odd)], env)
    teikit_cold = best(repeat, [py, "-m", "teikit", "odd", "compile", str(odd), "-o",
                                str(out / "x.rng"), "--schematron", str(out / "x.sch")], env,
                       fresh_cache=True)
    cache_cold = best(repeat, [py, "-c", CACHED, str(odd)], env, fresh_cache=True)
    filled = dict(env, TEIKIT_CACHE_DIR=str(out / "cache"))
    timed([py, "-c", CACHED, str(odd)], filled)
    cache_warm = best(repeat, [py, "-c", CACHED, str(odd)], filled)
    direct_warm = float(timed([py, "-c", DIRECT, str(stylesheets), str(source), str(odd),
                               str(repeat)], env)[1])
    teikit_warm = float(timed([py, "-c", WARM, str(stylesheets), str(source), str(odd),
                               str(repeat)], env)[1])
    return [("direct saxonche, cold (baseline)", direct_cold, "cold"),
            ("teikit odd compile, cold", teikit_cold, "cold"),
            ("validate's cache, cold (compiles)", cache_cold, "cold"),
            ("validate's cache, warm (hit)", cache_warm, "cold"),
            ("direct saxonche, warm (baseline)", direct_warm, "warm"),
            ("teikit compile_odd, warm", teikit_warm, "warm")]


#: example ODDs whose compiled RELAX NG libxml2 does not compile whole within 120 s
UNCOMPILED_BY_LIBXML2 = ("tei_corpus", "tei_enrich", "tei_ms", "tei_speech")
JING_STOPS_ON = {"ParlaMint-TR.xml", "oclc_644997575-i_1.TEIP5.xml"}


def measure_validation(odd: Path, stylesheets: Path, source: Path, copies: int,
                       repeat: int) -> tuple[float, float, int]:
    """(teikit seconds, jing seconds, files) for one ODD on copies of the external corpus."""
    import shutil

    from teikit.odd import find
    from teikit.odd.cache import compiled

    work = Path(tempfile.mkdtemp(prefix="teikit-bench-odd-validate-"))
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), TEIKIT_TEI_STYLESHEETS=str(stylesheets),
               TEIKIT_TEI_SOURCE=str(source), TEIKIT_CACHE_DIR=str(work / "cache"))
    os.environ["TEIKIT_CACHE_DIR"] = env["TEIKIT_CACHE_DIR"]
    rng = compiled(odd, find(stylesheets, source, download=False)).relaxng
    corpus = SHARED / "corpora" / "external"
    files = []
    for n in range(copies):
        for path in sorted(corpus.rglob("*.xml")):
            if path.name not in JING_STOPS_ON:
                files.append(work / f"copy{n}" / path.relative_to(corpus))
                files[-1].parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, files[-1])
    teikit = [sys.executable, "-m", "teikit", "validate", "--no-embedded-rules", "--schema",
              str(odd), *(str(work / f"copy{n}") for n in range(copies))]
    ours = min(_status_ok(teikit, env) for _ in range(repeat))
    theirs = min(_status_ok(["jing", str(rng), *map(str, files)], env) for _ in range(repeat))
    return ours, theirs, len(files)


def _status_ok(args: list[str], env: dict[str, str]) -> float:
    """Seconds of one run that ends with status 0 or 1 (invalid files are expected)."""
    start = time.perf_counter()
    run = subprocess.run(args, env=env, capture_output=True, text=True)
    if run.returncode not in (0, 1):
        raise SystemExit(f"failed: {' '.join(args[:6])} ...\n{run.stderr}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("odds", nargs="*", type=Path,
                        default=[SHARED / "tei-p5" / "odd" / "tei_lite.odd",
                                 SHARED / "tei-p5" / "odd" / "tei_all.odd"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--stylesheets", type=Path, default=SHARED / "tei-stylesheets")
    parser.add_argument("--source", type=Path, default=SHARED / "tei-p5" / "p5subset.xml")
    parser.add_argument("--validate", action="store_true",
                        help="validate with the ODDs libxml2 cannot compile (see the doc)")
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args()
    if args.validate:
        print(f"{'ODD':<16} {'files':>6} {'teikit':>8} {'jing':>8} {'jing/teikit':>12}")
        for name in UNCOMPILED_BY_LIBXML2:
            odd = SHARED / "tei-p5" / "odd" / f"{name}.odd"
            ours, theirs, count = measure_validation(odd, args.stylesheets.resolve(),
                                                     args.source.resolve(), args.copies,
                                                     args.repeat)
            print(f"{name:<16} {count:>6} {ours:8.2f} {theirs:8.2f} {theirs / ours:11.2f}x",
                  flush=True)
        return
    print(f"{'ODD':<16} {'what':<36} {'seconds':>8} {'vs direct':>10}")
    for odd in args.odds:
        rows = measure(odd.resolve(), args.stylesheets.resolve(), args.source.resolve(),
                       args.repeat)
        baseline = {kind: seconds for name, seconds, kind in rows if "baseline" in name}
        for name, seconds, kind in rows:
            print(f"{odd.name:<16} {name:<36} {seconds:8.2f} "
                  f"{baseline[kind] / seconds:9.2f}x")


if __name__ == "__main__":
    main()
