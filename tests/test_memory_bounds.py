"""Memory that does not grow with the number of documents (issue 7): validate, render, build.

Each command runs twice, on a corpus of N documents and on one of 4N documents of the
same size (benchmarks/make_corpus.py), and its peak memory at 4N must stay within
``PEAK(N) * 1.25 + SLACK_MB``. Holding every document's tree would add about 4.4 times
each file's size per document (an lxml tree), beyond that bound; checked by keeping the
trees in a list in ``check_file`` and in ``Document.loaded`` (not committed): every test
here then failed (validate's since its index stopped growing: only when its N run peaks
low, see VALIDATE_SLACK_MB).

What is measured: ``ru_maxrss`` of :func:`os.wait4` on the ``teikit`` process, taken in a
small fresh Python wrapper (:data:`WRAPPER`). Linux reports there the largest resident
set of the process and of every descendant it waited for: render and validate workers
(``--jobs``) and the Pagefind indexer of ``build``. It is the peak of the largest single
process of the tree, not the sum of the tree at one moment (benchmarks/scale.py samples
that too). The wrapper matters: a child started with vfork from pytest itself would be
charged pytest's own resident set when it calls exec.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scale_helpers import ROOT, load_generator

#: documents in the small corpus; the large one has 4 times as many
N = 4
#: size of each document, large enough that a leak shows through the 25 %: an lxml tree
#: takes about 4.4 times its file (measured), so 12 more trees held add ~105 MB, while
#: 25 % of a ~220 MB process is ~55 MB
DOC_MB = 2.0
#: the growth allowed beyond 25 %, in MB, for render and build: what legitimately grows
#: with N there is the per-article summaries (a few KB each) and the register's and the
#: index page's lists of articles (a few hundred bytes an article). 16 MB is measurement
#: noise (malloc arenas, the order workers finish in) with room to spare; clean runs measured
#: 207 -> 233 (-j 1) and 189 -> 224 MB (-j 2); 16 trees held: 236 -> 420 and 198 -> 296 MB.
SLACK_MB = 16
#: the same for build (-j 1), whose main process also renders every article with Saxon:
#: its heap settles as validate's does (below), sampled each second on the 4N corpus: 148 MB
#: after the first article, ~190 MB from the 12th on; clean runs measured 232 -> 208 and
#: 205 -> 243 MB. 16 trees held still trip it (224 -> 387 MB, bound 328).
BUILD_SLACK_MB = 48
#: the same for validate. Its edition index no longer grows with N (it lists each file, not
#: each id and pointer: src/teikit/validate/edition.py); before that the 4N run peaked at
#: 308-336 MB, now at 224-297 MB. What remains is the Saxon heap settling to its working size
#: over the first 15-20 MB of documents even with a collection after each
#: (teikit.saxon.heap), which the N run may stop before and the 4N run does not,
#: more so on a loaded machine: 18 clean runs measured 201-267 -> 224-297 MB, at most 46 MB
#: beyond the 25 % (201 -> 297, with a 1,000-document validate -j 2 beside it). Keeping 16
#: trees measured 250 -> 383, 250 -> 389, 273 -> 359, 253 -> 360 MB (71, 77, 18, 44 MB
#: beyond the 25 %): this bound catches that only when the N run's own peak is low; the N
#: run's spread (+-35 MB) is what limits this test now, not the index.
VALIDATE_SLACK_MB = 60
#: records per Pagefind bundle in the build test: the 4N corpus spans several bundles
SEARCH_PART_SIZE = 300

#: runs argv[1:] and prints {"code", "maxrss_kb", "stderr"} as JSON (see the module docstring)
WRAPPER = r"""
import json, os, subprocess, sys
proc = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                        stderr=subprocess.PIPE)
err = proc.stderr.read().decode("utf-8", "replace")
_, status, usage = os.wait4(proc.pid, 0)
print(json.dumps({"code": os.waitstatus_to_exitcode(status), "maxrss_kb": usage.ru_maxrss,
                  "stderr": err[-2000:]}))
"""


def peak_mb(*teikit_args: str) -> float:
    """Run ``teikit ARGS`` to its end; return the peak resident set (MB) of its process tree's
    largest process. The command must succeed."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])}
    done = subprocess.run([sys.executable, "-c", WRAPPER, sys.executable, "-m", "teikit",
                           *teikit_args], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["code"] == 0, f"teikit {' '.join(teikit_args)} failed:\n{result['stderr']}"
    return result["maxrss_kb"] / 1024


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> dict[int, Path]:
    """Two editions built from the project's articles: N and 4N documents of DOC_MB each."""
    make_corpus = load_generator().make_corpus
    found = {}
    for docs in (N, 4 * N):
        found[docs] = tmp_path_factory.mktemp(f"corpus{docs}")
        make_corpus(found[docs], docs, docs * DOC_MB)
    return found


def assert_does_not_grow(small: float, large: float, slack: float = SLACK_MB) -> None:
    """The bound of the module docstring, with both figures in the message."""
    bound = small * 1.25 + slack
    assert large <= bound, (f"peak memory grows with the number of documents: {small:.0f} MB "
                            f"for {N}, {large:.0f} MB for {4 * N} (bound {bound:.0f} MB)")


def test_saxon_heap_is_collected_with_this_saxonche():
    """The per-document collection the bounds rely on is active, not a silent no-op (an
    upgraded saxonche without SaxonC's j_gc entry point would make it one)."""
    code = ("from teikit.saxon import heap as saxon_heap; from teikit.render import saxon; saxon.runtime(); "
            "print(saxon_heap.active())")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.stdout.strip() == "True", done.stderr


def test_validate_memory_does_not_grow_with_the_number_of_documents(corpora):
    # -j 1: one process sees every document (with -j 2 each worker sees half of them)
    small, large = (peak_mb("validate", "-j", "1", str(corpora[n])) for n in (N, 4 * N))
    assert_does_not_grow(small, large, VALIDATE_SLACK_MB)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_render_memory_does_not_grow_with_the_number_of_documents(corpora, tmp_path, jobs):
    """Each figure is the lower peak of two runs: the same render's peak varies with when
    Saxon's heap is collected (measured 231 and 305 MB for the same 16 documents, in a row,
    on the commit before and after a change alike), which made one run against one run
    fail now and then; a real growth shows in both runs."""
    small, large = (min(peak_mb("render", str(corpora[n]), "--to", "html", "-j", jobs,
                                "--out", str(tmp_path / f"out{n}-{run}")) for run in (1, 2))
                    for n in (N, 4 * N))
    assert_does_not_grow(small, large)


def test_build_memory_does_not_grow_with_the_number_of_documents(corpora, tmp_path):
    small, large = (peak_mb("build", str(corpora[n]), "--to", "html", "-j", "1",
                            "--search-part-size", str(SEARCH_PART_SIZE),
                            "--out", str(tmp_path / f"site{n}")) for n in (N, 4 * N))
    assert_does_not_grow(small, large, BUILD_SLACK_MB)
