"""Phase *write* across processes: ``teikit render --jobs N``.

Saxon cannot be forked, so the workers are fresh (``spawn``) processes. Each is handed
the edition as the read phase left it (paths and small :class:`DocumentInfo` summaries,
not trees), reads the register files, resolves once with its own Saxon processor, then
parses, transforms and drops one article at a time: memory per worker does not grow
with the number of documents. An article that fails comes back as its error, in its
place among the results; the workers go on with the others.

A render in N processes is the parent and N - 1 workers (:func:`helpers`): the workers
take the articles from the largest down, the parent from the smallest up
(:func:`_write_smallest_here`), until they meet; the parent has read the edition and
imported everything already, so one worker fewer starts.

Ctrl-C (SIGINT to the process group) is handled by the parent alone: the workers start
with SIGINT held back and then ignore it; the parent cancels the queued articles and
sends each worker SIGTERM, which unwinds the article being written (its temporary file
removed by :func:`teikit.xmlio.atomic_output`) and ends the worker without a traceback.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import tempfile
from concurrent.futures import Future, ProcessPoolExecutor, wait as futures_wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Iterator, Sequence

from teikit.errors import TeikitError, WorkerError
from teikit.edition import Article, DocumentInfo, Edition, read_registers

_WORKER: dict[str, Any] = {}


class Workers:
    """Worker processes started before their work is known, then lent to each format's
    render (:func:`write_in_parallel`): ``teikit build`` starts them while it streams the
    articles, ``teikit render`` while it reads the edition, so their start-up (a Python process, teikit's imports, Saxon, the formats'
    stylesheets compiled: about half a second each) runs beside the stream instead of
    after it; once started, they read articles from the end of the list while the parent
    reads from the start (:func:`teikit.edition.read_edition` with a pool). Each render hands its edition to the workers through a file they read once
    (:func:`_worker_write_for`). :meth:`close` ends them, at once when they did no work."""

    def __init__(self, jobs: int, stylesheets: list[str]) -> None:
        with sigint_held():   # the workers start with Ctrl-C held back, see _worker_start
            self.pool = ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn"),
                                            initializer=_worker_start, initargs=(stylesheets,))
            # each submission starts one worker now; done once the worker has started
            self._started = [self.pool.submit(int) for _ in range(jobs)]
        self.jobs = jobs
        self.used = False
        self._folder = tempfile.mkdtemp(prefix="teikit-workers-")
        self._setups = 0

    def setup(self, initargs: tuple) -> str:
        """A file holding *initargs* of :func:`_worker_init`, for the workers to read."""
        self._setups += 1
        path = os.path.join(self._folder, f"setup-{self._setups}.pickle")
        with open(path, "wb") as handle:
            pickle.dump(initargs, handle, protocol=pickle.HIGHEST_PROTOCOL)
        self.used = True
        return path

    def close(self) -> None:
        """End the workers (stopped at once when they were never used) and remove their files."""
        if self.used:
            self.pool.shutdown()
        else:
            stop_pool(self.pool, self._started)
        for name in os.listdir(self._folder):
            os.unlink(os.path.join(self._folder, name))
        os.rmdir(self._folder)


def write_in_parallel(renderer, edition: Edition, jobs: int,
                      workers: Workers | None = None) -> list[Path | TeikitError]:
    """Write every article of *edition* with *renderer* in *jobs* processes: this one and
    :func:`helpers` workers (or the *workers* started ahead); each worker resolves with the
    renderer's :attr:`~teikit.render.base.Renderer.links` added.

    The largest articles are handed out first (:func:`_largest_first`). Returns one
    outcome per article, in the edition's order: the file written, or the
    :class:`~teikit.render.saxon.RenderError` (its message kept whole) of an article that
    failed; a failed article does not stop the others (see
    :meth:`teikit.render.base.Renderer.write_document`: it leaves no output)."""
    handles = [(str(a.path), a.info) for a in edition.articles]
    count = len(handles)
    initargs = (renderer.name, str(renderer.out), handles, renderer.links, renderer.companions,
                renderer.batch is not None)
    pool = None
    try:
        if workers is not None:
            pool, setup = workers.pool, workers.setup(initargs)
            futures = [(index, pool.submit(_worker_write_for, setup, index)) for index in _largest_first(edition)]
        else:
            with sigint_held():   # the workers start with Ctrl-C held back, see _worker_init
                pool = ProcessPoolExecutor(max_workers=helpers(min(jobs, count)), mp_context=get_context("spawn"),
                                           initializer=_worker_init, initargs=initargs)
            futures = [(index, pool.submit(_worker_write, index)) for index in _largest_first(edition)]
        written: list = [None] * count
        mine = _write_smallest_here(renderer, edition, futures, written)
        renderer.while_writing(edition)
        for index, future in futures[:len(futures) - mine]:     # as each comes back
            written[index] = _received(renderer, future.result())
            renderer.tick()
    except BaseException as exc:
        if pool is not None:
            stop_pool(pool)
            remove_partial_files(Path(renderer.out))
        if isinstance(exc, BrokenProcessPool):      # a worker was killed (out of memory...)
            raise WorkerError() from None
        raise
    if workers is None:
        pool.shutdown()
    return written


def helpers(jobs: int) -> int:
    """The worker processes of a render in *jobs* processes: the parent is one of them."""
    return max(1, jobs - 1)


def _write_smallest_here(renderer, edition: Edition, futures: list, written: list) -> int:
    """In this (the parent) process, write the articles from the end of *futures* (the
    smallest) that no worker has taken yet, while the workers write from its start, until
    the two meet; put each outcome in *written*. Returns how many were written here.
    One article at a time: the workers end on the largest, so the parent waits for at
    most one or two of them (the one a worker writes and the one queued for it; chunks
    of four left it waiting 0.5 s on the benchmark's corpus)."""
    mine = 0
    for index, future in reversed(futures):
        if not future.cancel():      # a worker has it (queued for it or running)
            break
        mine += 1
        written[index] = renderer.write_article(edition.articles[index], edition)
    return mine


def _received(renderer, result):
    """A worker's outcome for one article: the file, staged by the worker and now in the
    renderer's batch (committed by its owner), or the article's error."""
    if isinstance(result, tuple):
        staged, target = result
        for tmp, path in staged:
            renderer.batch.adopt(tmp, path)
        return Path(target)
    return result


def remove_partial_files(out: Path) -> None:
    """After the workers are stopped, remove any temporary file one of them left below *out*.

    A worker removes its own on SIGTERM, but one busy in native code (Saxon) may be ended
    before its Python clean-up runs; the temporary files are ours by their name (see
    :func:`teikit.xmlio.atomic_output`) and, the run being over, never complete."""
    for partial in out.rglob(".*.part"):
        try:
            partial.unlink()
        except OSError:
            pass


@contextlib.contextmanager
def sigint_held() -> Iterator[None]:
    """Hold SIGINT back in this thread during the block; a Ctrl-C is delivered after it.
    Processes started in the block inherit the held signal."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    from multiprocessing import resource_tracker
    resource_tracker.ensure_running()   # started later, it would unblock SIGINT again
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


#: seconds a stop waits for workers still starting (see :func:`stop_pool`)
STARTING = 10


def stop_pool(pool: ProcessPoolExecutor, started: Sequence[Future] = ()) -> None:
    """On Ctrl-C or an error: drop the queued articles and end every worker now; each
    removes the temporary file it is writing (SIGTERM, see :func:`_on_sigterm`).

    *started*: the first task of each worker started ahead (its start is done when that
    is): they are waited for first, at most :data:`STARTING` seconds. A worker still
    reading its start-up data when the pool is shut down finds the pool's locks gone and
    prints a traceback (seen under load: Ctrl-C right after a build started its helpers)."""
    futures_wait(started, timeout=STARTING)
    processes = list((pool._processes or {}).values())  # no public handle on the workers
    pool.shutdown(wait=False, cancel_futures=True)
    # the articles the parent took (cancelled futures) may still wait in the pool's list; once
    # the workers are ended, Python 3.11's pool would set an error on them and fail loudly
    pending = getattr(pool, "_pending_work_items", {})
    for key, item in list(pending.items()):
        if item.future.cancelled():
            pending.pop(key, None)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=30)


def _largest_first(edition: Edition) -> list[int]:
    """The articles' indexes, the largest file first: the long transformations start early
    and the short ones fill in at the end, so no worker is left with a run of large articles
    while the others wait (an edition sorted by name keeps its copies of one text together)."""
    def size(index: int) -> int:
        try:
            return edition.articles[index].path.stat().st_size
        except OSError:
            return 0
    return sorted(range(len(edition.articles)), key=lambda i: (-size(i), i))


def _worker_start(stylesheets: list[str]) -> None:
    """In each worker started ahead (:class:`Workers`): what :func:`_worker_init` does
    before it knows the edition, and the *stylesheets* compiled (a stylesheet that does
    not compile is left for the render to report)."""
    leave_interrupts_to_the_parent()
    from teikit.render import load_renderers
    from teikit.render.saxon import compile_stylesheet
    load_renderers()
    for stylesheet in stylesheets:
        try:
            compile_stylesheet(stylesheet)
        except TeikitError:
            pass


def _worker_write_for(setup: str, index: int) -> Path | tuple | TeikitError:
    """:func:`_worker_write` in a worker started ahead: the edition of the render whose
    :meth:`Workers.setup` file is *setup* is read and resolved first, once."""
    if _WORKER.get("setup") != setup:
        with open(setup, "rb") as handle:
            _worker_init(*pickle.load(handle))
        _WORKER["setup"] = setup
    return _worker_write(index)


def leave_interrupts_to_the_parent() -> None:
    """Ctrl-C is the parent's to handle (it reaches the whole process group): a worker
    ignores SIGINT and ends on the parent's SIGTERM, removing its temporary file."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_sigterm)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _worker_init(name: str, out: str, handles: list[tuple[str, DocumentInfo]], links: dict,
                 companions: frozenset[str] = frozenset(), batched: bool = False) -> None:
    """In each worker process: rebuild the edition from the handles and resolve once
    (interrupts: :func:`leave_interrupts_to_the_parent`)."""
    leave_interrupts_to_the_parent()
    from teikit.render import RENDERERS, load_renderers
    load_renderers()
    articles = [Article(path, info=info) for path, info in handles]
    edition = Edition(articles, read_registers(a.path.resolve().parent for a in articles))
    renderer = RENDERERS[name](out, links)
    renderer.companions = companions          # resolve() may ask what else this run renders
    renderer.shared = {**renderer.resolve(edition), **links}
    if batched:       # the parent commits the files: one sync for all (teikit.xmlio.Batch)
        from teikit.xmlio import Batch
        renderer.batch = Batch()
    _WORKER.update(renderer=renderer, edition=edition)


def _worker_write(index: int) -> Path | tuple | TeikitError:
    """Write article number *index*; in a batched render, stage it and return the staged
    (temporary file, target) pairs with the target. An error of the article (``ARTICLE_ERRORS``) is
    returned, not raised, so the pool goes on with the other articles; it crosses back
    as a RenderError with its full message (an InputError's extra arguments would not
    survive pickling). Any other teikit error (the output cannot be written) stops the
    render."""
    from teikit.render.base import ARTICLE_ERRORS
    from teikit.render.saxon import RenderError
    renderer, edition = _WORKER["renderer"], _WORKER["edition"]
    with ended_by_sigterm():
        try:
            target = renderer.write_document(edition.articles[index], edition)
            return (renderer.batch.handover(), str(target)) if renderer.batch is not None else target
        except ARTICLE_ERRORS as exc:
            return RenderError(str(exc))


@contextlib.contextmanager
def ended_by_sigterm() -> Iterator[None]:
    """In a worker: the parent's SIGTERM during the block unwinds it (so its temporary
    files are removed: :func:`teikit.xmlio.atomic_output`, :class:`teikit.xmlio.Batch`),
    then ends the worker; outside such a block, SIGTERM ends the worker at once."""
    _WORKER["busy"] = True
    try:
        yield
    except _Terminated:
        os._exit(128 + signal.SIGTERM)
    finally:
        _WORKER["busy"] = False


class _Terminated(BaseException):
    """Raised in a worker by SIGTERM while it writes, so its temporary file is removed."""


def _on_sigterm(signum, frame) -> None:
    """SIGTERM in a worker: unwind the article being written, or end at once when idle.
    A second SIGTERM (the pool's own, once it sees a worker gone) must not cut the
    clean-up short: it is ignored from now on."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if _WORKER.get("busy"):
        raise _Terminated()
    os._exit(128 + signum)
