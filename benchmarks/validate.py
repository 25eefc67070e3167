"""Benchmark ``teikit validate`` against jing on the workloads of issue 12, jing measured in
the same run on the same files, both with their default options.

    python benchmarks/validate.py [--repeat 2] [--copies 10] [--docs 300] [--big-mb 48]
                                  [--skip-big]

Workloads (each command end to end, a fresh process, best of ``--repeat`` runs):

1. one file, ``tei/moscow-treaty-1921.xml``, against ``tei_all.rng``;
2. the files of ``../shared/corpora/external/`` but the two jing stops a batch on,
   copied ``--copies`` times (190 files, 39 MB), against ``tei_all.rng``, by default
   with the Schematron rules tei_all embeds (jing does not run them), then without;
3. ``--docs`` copies of the edition's articles (``make_corpus.py``: own prefixes and
   ids, a valid edition), against ``schemas/teikit.rng`` (RELAX NG only);
4. the same files, full checks (teikit's default: RELAX NG, the Schematron rules and the
   edition-wide checks) against jing's RELAX NG-only time of workload 3; then with
   ``-j 1`` and ``-j 2`` (the default is every core);
5. one ``--big-mb`` MB document (``make_corpus.py``), against ``schemas/teikit.rng``:
   time and peak memory (largest process, from ``wait4``), then its full checks.

Prints each time, jing's time, and jing / teikit (above 1: teikit is faster).
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
SHARED = ROOT.parent / "shared"
TEI_ALL = SHARED / "schemas-reference" / "tei_all.rng"
EXTERNAL = SHARED / "corpora" / "external"
PROJECT_RNG = ROOT / "schemas" / "teikit.rng"
ONE_FILE = ROOT / "tei" / "moscow-treaty-1921.xml"
JING_STOPS_ON = {"ParlaMint-TR.xml", "oclc_644997575-i_1.TEIP5.xml"}
TEIKIT = [sys.executable, "-m", "teikit", "validate"]


def run(command: list[str]) -> tuple[float, int, int, float]:
    """(wall seconds, exit status, peak RSS in MB of the largest process, CPU seconds of
    the process and the children it waited for) of *command*."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    return (elapsed, os.waitstatus_to_exitcode(status), usage.ru_maxrss // 1024,
            usage.ru_utime + usage.ru_stime)


def best(command: list[str], repeat: int, ok=(0, 1)) -> tuple[float, int, float]:
    """Best time, its peak memory and its CPU seconds over *repeat* runs; exit status 0
    or 1 (invalid files are part of the workloads), anything else stops the benchmark."""
    runs = []
    for _ in range(repeat):
        seconds, status, peak, cpu = run(command)
        if status not in ok:
            raise SystemExit(f"{' '.join(command[:6])} ... exited {status}")
        runs.append((seconds, peak, cpu))
    return min(runs)


def external_copies(where: Path, copies: int) -> Path:
    """The external corpus, less the files jing stops on, *copies* times (own folders)."""
    files = [p for p in sorted(EXTERNAL.rglob("*.xml")) if p.name not in JING_STOPS_ON]
    for n in range(copies):
        for path in files:
            target = where / f"copy{n}" / path.relative_to(EXTERNAL)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return where


def files_of(folder: Path) -> list[str]:
    return [str(p) for p in sorted(folder.rglob("*.xml"))]


def make_corpus(out: Path, docs: int, mb: float) -> Path:
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), str(out),
                    "--docs", str(docs), "--mb", str(mb)], check=True, capture_output=True)
    return out


def load() -> str:
    """The machine's load averages (1, 5, 15 minutes): other work skews every time."""
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def default_jobs() -> int:
    """The processes ``teikit validate`` uses by default here."""
    sys.path.insert(0, str(ROOT / "src"))
    from teikit.commands.validate import default_jobs as chosen

    return chosen()


def report(label: str, teikit, jing, note: str = "") -> None:
    """One row: wall seconds and their ratio, then CPU seconds and theirs (on a machine
    other jobs load, wall times move by 2x between runs; CPU seconds much less, but they
    do not show what a second process gains)."""
    print(f"{label:58} {teikit[0]:7.2f} {jing[0]:7.2f} {jing[0] / teikit[0]:8.2f}x "
          f"{teikit[-1]:7.2f} {jing[-1]:7.2f} {jing[-1] / teikit[-1]:7.2f}x {note}", flush=True)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--repeat", type=int, default=2)
    options.add_argument("--copies", type=int, default=10)
    options.add_argument("--docs", type=int, default=300)
    options.add_argument("--big-mb", type=float, default=48)
    options.add_argument("--skip-big", action="store_true")
    args = options.parse_args()
    if not shutil.which("jing"):
        raise SystemExit("jing is not installed (Debian package jing)")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print(f"load average {load()}; teikit's default -j here: {default_jobs()}")
        print(f"{'workload (seconds: wall, then CPU)':58} {'teikit':>7} {'jing':>7} "
              f"{'jing/teikit':>9} {'cpu':>7} {'jing':>7} {'ratio':>8}")
        one_teikit = best([*TEIKIT, "--schema", str(TEI_ALL), str(ONE_FILE)], args.repeat)
        one_jing = best(["jing", str(TEI_ALL), str(ONE_FILE)], args.repeat)
        report("1. one file, tei_all.rng", one_teikit, one_jing,
               "(embedded Schematron too)")

        corpus = external_copies(work / "external", args.copies)
        files = files_of(corpus)
        size = sum(Path(f).stat().st_size for f in files) / 1e6
        ext_teikit = best([*TEIKIT, "--schema", str(TEI_ALL), str(corpus)], args.repeat)
        ext_jing = best(["jing", str(TEI_ALL), *files], args.repeat)
        report(f"2. {len(files)} external files, {size:.0f} MB, tei_all.rng", ext_teikit,
               ext_jing, "(embedded Schematron too)")
        bare = best([*TEIKIT, "--no-embedded-rules", "--schema", str(TEI_ALL), str(corpus)],
                    args.repeat)
        report("   the same, --no-embedded-rules (what jing checks)", bare, ext_jing)

        edition = make_corpus(work / "edition", args.docs, args.docs * 0.21)
        files = files_of(edition)
        size = sum(Path(f).stat().st_size for f in files) / 1e6
        rng_teikit = best([*TEIKIT, "--schema", str(PROJECT_RNG), str(edition)], args.repeat)
        rng_jing = best(["jing", str(PROJECT_RNG), *files], args.repeat)
        report(f"3. {len(files)} edition files, {size:.0f} MB, teikit.rng", rng_teikit,
               rng_jing)
        full = best([*TEIKIT, str(edition)], args.repeat)
        report("4. same files, full checks vs jing RELAX NG only", full, rng_jing,
               "(goal: >= 0.5x)")
        for jobs in (1, 2):  # is the default (every core) the right choice here?
            fixed = best([*TEIKIT, "-j", str(jobs), str(edition)], args.repeat)
            report(f"   the same with -j {jobs}", fixed, rng_jing,
                   f"(default / -j {jobs}: {full[0] / fixed[0]:.2f})")

        if not args.skip_big:
            big = make_corpus(work / "big", 1, args.big_mb)
            big_file = next(big.glob("*.xml"))
            big_mb = big_file.stat().st_size / 1e6
            big_teikit = best([*TEIKIT, "--schema", str(PROJECT_RNG), str(big_file)], 1)
            big_jing = best(["jing", str(PROJECT_RNG), str(big_file)], 1)
            report(f"5. one {big_mb:.0f} MB document, teikit.rng", big_teikit, big_jing)
            print(f"   peak memory: teikit {big_teikit[1]} MB, jing {big_jing[1]} MB "
                  f"(teikit / jing {big_teikit[1] / big_jing[1]:.2f}; goal: <= 2)")
            big_full = best([*TEIKIT, str(big_file)], 1)
            print(f"   full checks: {big_full[0]:.2f} s, peak memory {big_full[1]} MB "
                  f"(teikit / jing {big_full[1] / big_jing[1]:.2f}; goal: <= 2)")
        print(f"load average {load()}")


if __name__ == "__main__":
    main()
