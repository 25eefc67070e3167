"""Run one function over many validation tasks in several processes, results in order.

The tasks go to *jobs* - 1 worker processes in small chunks; this process takes the last
chunks no worker has started yet (it has the schemas compiled already, a worker first
spends a moment starting and compiling them), until none is left. Workers are forked
while this process has not started Saxon (they then share the RELAX NG schemas it
compiled); Saxon cannot be forked, so after that they start afresh (spawn).
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Sequence

from teikit.errors import WorkerError


def in_parallel(work: Callable, tasks: Sequence, jobs: int, *, fork: bool,
                initializer: Callable, initargs: tuple,
                done: Callable[[list], None] | None = None) -> list:
    """``[work(task) for task in tasks]``, from *jobs* - 1 workers (each started with
    ``initializer(*initargs)``) and this process. *done* is called with the results of
    each chunk as it is finished (for a progress bar); *work* and *initializer* must be
    module-level functions (a spawned worker imports them)."""
    chunk = max(1, min(4, len(tasks) // (jobs * 16)))
    chunks = [list(tasks[i:i + chunk]) for i in range(0, len(tasks), chunk)]
    results: list = [None] * len(chunks)
    reported: set[int] = set()

    def report(index: int) -> None:
        if index not in reported:
            reported.add(index)
            if done:
                done(results[index])

    context = multiprocessing.get_context("fork" if fork else "spawn")
    try:
        with ProcessPoolExecutor(max_workers=jobs - 1, mp_context=context,
                                 initializer=initializer, initargs=initargs) as pool:
            futures = [pool.submit(_work_chunk, work, part) for part in chunks]
            for index in reversed(range(len(chunks))):
                if futures[index].cancel():
                    results[index] = _work_chunk(work, chunks[index])
                    report(index)
                for finished, future in enumerate(futures):
                    if (finished not in reported and future.done()
                            and not future.cancelled()):
                        results[finished] = future.result()
                        report(finished)
            for index, future in enumerate(futures):
                if results[index] is None:
                    results[index] = future.result()
                report(index)
    except BrokenProcessPool:          # a worker was killed (out of memory...)
        raise WorkerError() from None
    return [result for part in results for result in part]


def _work_chunk(work: Callable, part: list) -> list:
    return [work(task) for task in part]
