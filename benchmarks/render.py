"""Benchmark of the HTML reading edition against the TEI Consortium's html.xsl, end to end.

    python benchmarks/render.py [--copies 10] [--repeat 1] [--stylesheets DIR]

The corpus is the 21 real TEI files of ``../shared/corpora/external`` copied ``--copies``
times (renamed ``<stem>-<n>.xml``: an edition may not hold two files of one name). In this
same run, each in a fresh process, as a user runs them (best of ``--repeat``):

* **teikit**  ``teikit render CORPUS --to html --jobs J``: start-up, reading and checking
  the edition, compiling html.xsl, every page, the index page, the assets, the TEI copies;
  with ``-j 1`` (one process, as tei-c) and with every core (teikit's default);
* **tei-c**   the Consortium's ``html/html.xsl`` (``--stylesheets``, default
  ``../shared/tei-stylesheets``) run in saxonche through ``teikit.saxon``'s user runtime:
  start-up, compiling it, then for every file parsing it (``teikit.xmlio``), transforming
  it and writing the page: the **baseline** the ratio is taken against.

Printed: seconds and ms per document for both, and how many times faster teikit is.
``--before-xslt DIR`` also runs teikit with the stylesheets of *DIR* (``TEIKIT_XSLT_DIR``; an
earlier ``xslt/``, say from ``git archive``), so a change of the stylesheets is measured
before and after in the same run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXTERNAL = ROOT.parent / "shared" / "corpora" / "external"
STYLESHEETS = ROOT.parent / "shared" / "tei-stylesheets"


def make_corpus(target: Path, copies: int) -> list[Path]:
    """The external files, *copies* times, renamed so that no two share a name."""
    target.mkdir(parents=True)
    made = []
    for n in range(copies):
        for source in sorted(EXTERNAL.rglob("*.xml")):
            made.append(Path(shutil.copy(source, target / f"{source.stem}-{n}.xml")))
    return made


def timed(command: list[str], env: dict[str, str]) -> float:
    """Seconds the command takes (it must succeed: a failed run measures nothing)."""
    start = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command[:4])} failed:\n{result.stdout}{result.stderr}")
    return elapsed


def consortium_worker(corpus: Path, out: Path, stylesheets: Path) -> None:
    """Run the Consortium's html.xsl on every file of *corpus*, writing into *out*."""
    sys.path.insert(0, str(ROOT / "src"))
    from teikit.saxon import user_runtime
    from teikit.xmlio import parse
    stylesheet = user_runtime().compile_file(stylesheets / "html" / "html.xsl")
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(corpus.glob("*.xml")):
        page = stylesheet.transform(parse(path, lenient_ids=True), base_uri=path.resolve().as_uri())
        (out / f"{path.stem}.html").write_text(page, "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--stylesheets", type=Path, default=STYLESHEETS)
    parser.add_argument("--before-xslt", type=Path, help="also run teikit with these stylesheets")
    parser.add_argument("--tei-c-worker", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.tei_c_worker:
        consortium_worker(*args.tei_c_worker, args.stylesheets)
        return
    if not (args.stylesheets / "html" / "html.xsl").is_file():
        sys.exit(f"no TEI Consortium stylesheets in {args.stylesheets} (--stylesheets DIR)")

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryDirectory(prefix="teikit-bench-render-") as tmp:
        work = Path(tmp)
        files = make_corpus(work / "corpus", args.copies)
        megabytes = sum(p.stat().st_size for p in files) / 1e6
        def teikit(jobs: int, tag: str = "") -> list[str]:
            return [sys.executable, "-m", "teikit", "render", str(work / "corpus"), "--to", "html",
                    "--out", str(work / f"out-teikit{tag}-{jobs}"), "--jobs", str(jobs)]
        tei_c = [sys.executable, __file__, "--stylesheets", str(args.stylesheets),
                 "--tei-c-worker", str(work / "corpus"), str(work / "out-tei-c")]
        jobs = sorted({1, os.cpu_count() or 1})
        commands = {"tei-c": (tei_c, env), **{f"teikit -j {j}": (teikit(j), env) for j in jobs}}
        if args.before_xslt:
            before = {**env, "TEIKIT_XSLT_DIR": str(args.before_xslt.resolve())}
            commands.update({f"teikit -j {j} before": (teikit(j, "-before"), before) for j in jobs})
        runs: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.repeat):   # alternate, so a change of load hits every one
            for name, (command, command_env) in commands.items():
                runs[name].append(timed(command, command_env))
    best = {name: min(times) for name, times in runs.items()}
    print(f"{len(files)} documents ({args.copies} copies of {len(files) // args.copies}), "
          f"{megabytes:.1f} MB; best of {args.repeat}; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} CPUs")
    print(f"{'':43} {'seconds':>8} {'ms/doc':>8} {'MB/s':>6} {'speed':>7}")
    for name, seconds in best.items():
        label = "TEI Consortium html.xsl (baseline)" if name == "tei-c" else f"{name.replace('teikit', 'teikit render --to html')}"
        print(f"{label:43} {seconds:8.1f} {seconds * 1000 / len(files):8.1f} "
              f"{megabytes / seconds:6.2f} {best['tei-c'] / seconds:6.2f}x")


if __name__ == "__main__":
    main()
