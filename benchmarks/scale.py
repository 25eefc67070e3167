"""Scale benchmark: validate, render and build a large corpus, against baselines from the same run.

    python benchmarks/scale.py [--docs 1000] [--mb 100] [--jobs N] [--corpus DIR] [--json FILE]
                               [--big-mb 50] [--timeout 3600]

Steps, each a real ``teikit`` subprocess timed from outside:

1. build the corpus (benchmarks/make_corpus.py) unless ``--corpus`` names one;
2. ``teikit validate --jobs N`` on a tenth of the corpus and on all of it: documents/s,
   MB/s and peak memory at both sizes (memory must not grow with N);
3. ``teikit validate --schema schemas/teikit.rng`` (RELAX NG only) and ``jing`` with the
   same schema on the same files: the ratio teikit / jing;
4. ``teikit render --to html --jobs N`` on the tenth and on all, against a floor that
   only parses and serialises every document with lxml (one process per core);
5. ``teikit build --to html`` on the tenth (its peak memory is the baseline of the
   build's), then on all (first build), then one document touched (a comment
   appended: the text is not changed) and a second build: what was redone, the ratio
   incremental / full and the build's peak memory, all / tenth;
6. one ``--big-mb`` (50) MB document validated by teikit and by jing: the ratio shows
   whether anything per document grows faster than its size.

Peak memory is measured two ways: the largest single process (``ru_maxrss`` from
``wait4``, which covers the command's worker processes too) and the sum of the
resident sets of the whole process tree, sampled every 0.1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "src"))

from make_corpus import make_corpus  # noqa: E402

TEIKIT = [sys.executable, "-m", "teikit"]
RNG = ROOT / "schemas" / "teikit.rng"


@dataclass
class Run:
    """One timed subprocess."""

    label: str
    seconds: float
    peak_process_mb: float
    peak_tree_mb: float
    returncode: int
    output: str = ""


# --------------------------------------------------------------------------- measuring

#: seconds after which a step is killed (and reported as such); --timeout
TIMEOUT = 3600.0


def measure(label: str, command: list[str], cwd: Path | None = None) -> Run:
    """Run *command*, sampling the RSS of its process tree; return its :class:`Run`.

    A step that outlives :data:`TIMEOUT` is killed with its whole process group."""
    with tempfile.TemporaryFile("w+") as log:
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, text=True,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        killer = threading.Timer(TIMEOUT, _kill_group, (proc.pid,))
        killer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        killer.cancel()
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        sampler.stop()
        log.seek(0)
        output = log.read()
    return Run(label, seconds, usage.ru_maxrss / 1024, sampler.peak_kb / 1024, proc.returncode,
               output[-4000:])


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass


class TreeSampler(threading.Thread):
    """Samples the summed VmRSS of a process and all its descendants."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self._done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.1):
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(p) for p in _tree(self.pid)))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


# --------------------------------------------------------------------------- the steps

def subset(corpus: Path, fraction: float, where: Path) -> Path:
    """A smaller edition: the first *fraction* of the documents (hard links) and the registers."""
    where.mkdir(parents=True, exist_ok=True)
    shutil.copytree(corpus / "register", where / "register", dirs_exist_ok=True)
    documents = sorted(corpus.glob("*.xml"))
    for path in documents[:max(2, int(len(documents) * fraction))]:
        os.link(path, where / path.name)
    return where


def corpus_size(corpus: Path) -> tuple[int, float]:
    documents = sorted(corpus.glob("*.xml"))
    return len(documents), sum(p.stat().st_size for p in documents) / 1e6


FLOOR = """
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from lxml import etree
def one(path):
    tree = etree.parse(path, etree.XMLParser(resolve_entities=False, no_network=True))
    Path(sys.argv[2], Path(path).stem + ".xml").write_bytes(etree.tostring(tree))
if __name__ == "__main__":
    Path(sys.argv[2]).mkdir(parents=True, exist_ok=True)
    files = [str(p) for p in sorted(Path(sys.argv[1]).glob("*.xml"))]
    with ProcessPoolExecutor(int(sys.argv[3])) as pool:
        list(pool.map(one, files, chunksize=16))
"""


def touched_build(corpus: Path, site: Path) -> tuple[Run, Run, list[str], str]:
    """Full build, one document touched, second build; return both runs, what was redone."""
    full = measure("build --to html (full)", [*TEIKIT, "build", str(corpus), "--to", "html",
                                               "--out", str(site)])
    victim = sorted(corpus.glob("*.xml"))[len(list(corpus.glob("*.xml"))) // 2]
    with open(victim, "a", encoding="utf-8") as handle:
        handle.write("<!-- touched by benchmarks/scale.py -->\n")
    code = ("import json, sys; from teikit.publish.site import build; "
            "r = build(sys.argv[1], sys.argv[2], formats=['html']); print(json.dumps(r.rebuilt))")
    again = measure("build --to html (one touched)", [sys.executable, "-c", code, str(corpus), str(site)])
    rebuilt = json.loads(again.output.strip().splitlines()[-1]) if again.returncode == 0 else []
    return full, again, rebuilt, victim.name


# --------------------------------------------------------------------------- report

def rate(run: Run, docs: int, megabytes: float) -> str:
    return f"{docs / run.seconds:8.1f} docs/s {megabytes / run.seconds:7.2f} MB/s"


def line(run: Run, docs: int | None = None, megabytes: float | None = None) -> str:
    speed = rate(run, docs, megabytes) if docs else " " * 33
    status = "" if run.returncode in (0, 1) else f"  (exit {run.returncode}!)"
    return (f"  {run.label:<44} {run.seconds:8.1f} s {speed}   peak {run.peak_process_mb:7.0f} MB"
            f" (tree {run.peak_tree_mb:6.0f} MB){status}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="teikit scale benchmark")
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--mb", type=float, default=100.0)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--corpus", type=Path, help="reuse this corpus (it is modified by the build step)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per step")
    parser.add_argument("--big-mb", type=float, default=50.0,
                        help="also validate one document this large (0: skip)")
    args = parser.parse_args(argv)
    globals()["TIMEOUT"] = args.timeout
    work = Path(tempfile.mkdtemp(prefix="teikit-scale-"))
    try:
        return run_all(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run_all(args, work: Path) -> int:
    jobs = str(args.jobs)
    print(f"teikit scale benchmark on {platform.node()}: {os.cpu_count()} cores, "
          f"{_memory_gib():.0f} GiB, Python {platform.python_version()}, jobs={jobs}")
    corpus = args.corpus
    if corpus is None:
        started = time.perf_counter()
        corpus = work / "corpus"
        make_corpus(corpus, args.docs, args.mb)
        print(f"corpus built in {time.perf_counter() - started:.1f} s")
    docs, megabytes = corpus_size(corpus)
    small = subset(corpus, 0.1, work / "tenth")
    small_docs, small_mb = corpus_size(small)
    print(f"corpus: {docs} documents, {megabytes:.1f} MB; tenth: {small_docs} documents, {small_mb:.1f} MB\n")

    runs: dict[str, Run] = {}

    def step(key, label, command, n=docs, mb=megabytes):
        runs[key] = measure(label, command)
        print(line(runs[key], n, mb), flush=True)

    print("validate (RELAX NG + Schematron + edition checks)")
    step("validate_tenth", f"teikit validate -j{jobs}, tenth", [*TEIKIT, "validate", "-j", jobs, str(small)],
         small_docs, small_mb)
    step("validate", f"teikit validate -j{jobs}, all", [*TEIKIT, "validate", "-j", jobs, str(corpus)])
    print("RELAX NG only, same schema (schemas/teikit.rng)")
    files = [str(p) for p in sorted(corpus.glob("*.xml"))]
    step("validate_rng", f"teikit validate --schema teikit.rng -j{jobs}",
         [*TEIKIT, "validate", "-j", jobs, "--schema", str(RNG), str(corpus)])
    step("jing", "jing teikit.rng (one JVM, one thread)", ["jing", str(RNG), *files])
    print("render (HTML)")
    step("floor", f"floor: lxml parse + serialise, {jobs} processes",
         [sys.executable, "-c", FLOOR, str(corpus), str(work / "floor"), jobs])
    step("render_tenth", f"teikit render --to html -j{jobs}, tenth",
         [*TEIKIT, "render", str(small), "--to", "html", "-j", jobs, "--out", str(work / "out-tenth")],
         small_docs, small_mb)
    step("render", f"teikit render --to html -j{jobs}, all",
         [*TEIKIT, "render", str(corpus), "--to", "html", "-j", jobs, "--out", str(work / "out")])
    print("build (incremental)")
    step("build_tenth", "teikit build --to html, tenth",
         [*TEIKIT, "build", str(small), "--to", "html", "--out", str(work / "site-tenth")],
         small_docs, small_mb)
    full, again, rebuilt, victim = touched_build(corpus, work / "site")
    runs["build"], runs["rebuild"] = full, again
    print(line(full, docs, megabytes))
    print(line(again))
    print(f"  touched {victim}; rebuilt {len(rebuilt)} part(s): {', '.join(rebuilt)}")

    if args.big_mb:
        print(f"one large document (the sample article's body repeated to {args.big_mb:.0f} MB)")
        big = work / "big"
        make_corpus(big, 1, args.big_mb, ROOT / "tests" / "fixtures" / "edition")
        big_file = next(big.glob("*.xml"))
        big_mb = big_file.stat().st_size / 1e6
        step("big_validate", "teikit validate, one large document", [*TEIKIT, "validate", str(big_file)],
             1, big_mb)
        step("big_jing", "jing teikit.rng, the same document", ["jing", str(RNG), str(big_file)], 1, big_mb)

    print("\nratios (same run)")
    ratios = {
        "validate_rng / jing": runs["validate_rng"].seconds / runs["jing"].seconds,
        "validate (full checks) / jing": runs["validate"].seconds / runs["jing"].seconds,
        "render / lxml floor": runs["render"].seconds / runs["floor"].seconds,
        "rebuild one / full build": again.seconds / full.seconds,
        "validate peak memory, all / tenth": runs["validate"].peak_process_mb / runs["validate_tenth"].peak_process_mb,
        "render peak memory, all / tenth": runs["render"].peak_process_mb / runs["render_tenth"].peak_process_mb,
        "build peak memory, all / tenth": full.peak_process_mb / runs["build_tenth"].peak_process_mb,
    }
    if args.big_mb:
        ratios["large document: validate / jing"] = runs["big_validate"].seconds / runs["big_jing"].seconds
    for name, value in ratios.items():
        print(f"  {name:<36} {value:6.2f}")
    failed = [r.label for r in runs.values() if r.returncode not in (0, 1)]
    for run in runs.values():
        if run.returncode not in (0, 1):
            print(f"\n{run.label} exited {run.returncode}:\n{run.output}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps({"docs": docs, "megabytes": megabytes, "jobs": args.jobs,
                                         "runs": {k: {**asdict(v), "output": v.output[-500:]}
                                                  for k, v in runs.items()},
                                         "ratios": ratios, "rebuilt": rebuilt}, indent=1))
    return 1 if failed else 0


def _memory_gib() -> float:
    for line_ in Path("/proc/meminfo").read_text().splitlines():
        if line_.startswith("MemTotal:"):
            return int(line_.split()[1]) / 1024 / 1024
    return 0.0


if __name__ == "__main__":
    sys.exit(main())
