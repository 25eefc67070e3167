"""Benchmark ``teikit validate`` against jing, measured in the same run on the same files.

    python benchmarks/validate.py [--docs 20] [--mb 20] [--jobs 2] [--corpus DIR]

Builds a valid edition with ``benchmarks/make_corpus.py`` (or takes ``--corpus``),
then times, each end to end as a user would run it (best of ``--repeat`` runs):

* raw lxml parsing (the floor: no validation at all)
* jing with the project RNG, and jing with the official tei_all.rng (one JVM for all files)
* teikit, RELAX NG only (``--schema schemas/teikit.rng``)
* teikit, RELAX NG + Schematron (the default), with 1 and with ``--jobs`` processes
* jing and teikit on one tiny file (start-up cost)

and prints MB/s and each figure's ratio to jing with the project schema.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEI_ALL = ROOT.parent / "shared" / "schemas-reference" / "tei_all.rng"
PROJECT_RNG = ROOT / "schemas" / "teikit.rng"
TINY = ROOT / "tests" / "fixtures" / "edition" / "register" / "orgs.xml"


def timed(command: list[str], repeat: int) -> float:
    """Best wall time of *repeat* runs of *command*; it must succeed."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        if result.returncode not in (0,):
            raise SystemExit(f"{' '.join(command[:4])} ... failed:\n{result.stdout[-2000:]}"
                             f"{result.stderr[-2000:]}")
        best = min(best, elapsed)
    return best


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(corpus.rglob("*.xml"))


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--docs", type=int, default=20)
    options.add_argument("--mb", type=float, default=20)
    options.add_argument("--jobs", type=int, default=2)
    options.add_argument("--repeat", type=int, default=2)
    options.add_argument("--corpus", type=Path)
    args = options.parse_args()
    jing = shutil.which("jing")
    if not jing:
        raise SystemExit("jing is not installed (Debian package jing)")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus or Path(tmp) / "corpus"
        if args.corpus is None:
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"),
                            str(corpus), "--docs", str(args.docs), "--mb", str(args.mb)],
                           check=True, capture_output=True)
        run(corpus, jing, args)


def run(corpus: Path, jing: str, args) -> None:
    files = [str(f) for f in corpus_files(corpus)]
    megabytes = sum(Path(f).stat().st_size for f in files) / 1e6
    teikit = [sys.executable, "-m", "teikit", "validate"]
    parse = [sys.executable, "-c", "import sys; from lxml import etree\n"
             "for f in sys.argv[1:]: etree.parse(f)", *files]
    rows = [
        ("lxml parse only (floor)", parse),
        ("jing, teikit.rng", [jing, str(PROJECT_RNG), *files]),
        ("jing, tei_all.rng", [jing, str(TEI_ALL), *files]),
        ("teikit, teikit.rng only", [*teikit, "--schema", str(PROJECT_RNG), str(corpus)]),
        ("teikit, rng + schematron", [*teikit, str(corpus)]),
        (f"teikit, rng + schematron, --jobs {args.jobs}",
         [*teikit, "--jobs", str(args.jobs), str(corpus)]),
    ]
    print(f"corpus: {len(files)} files, {megabytes:.1f} MB ({corpus})")
    times = {label: timed(command, args.repeat) for label, command in rows}
    baseline = times["jing, teikit.rng"]
    print(f"{'what':44} {'seconds':>8} {'MB/s':>7} {'speed vs jing':>14}")
    for label, seconds in times.items():
        print(f"{label:44} {seconds:8.2f} {megabytes / seconds:7.2f} "
              f"{baseline / seconds:13.2f}x")
    tiny_jing = timed([jing, str(PROJECT_RNG), str(TINY)], args.repeat)
    tiny_teikit = timed([*teikit, "--schema", str(PROJECT_RNG), str(TINY)], args.repeat)
    print(f"one tiny file: jing {tiny_jing:.2f} s, teikit {tiny_teikit:.2f} s "
          f"({tiny_jing / tiny_teikit:.2f}x)")


if __name__ == "__main__":
    main()
