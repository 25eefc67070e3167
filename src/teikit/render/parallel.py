"""Phase *write* across processes: ``teikit render --jobs N``.

Saxon cannot be forked, so the workers are fresh (``spawn``) processes. Each is handed
the edition as the read phase left it (paths and small :class:`DocumentInfo` summaries,
not trees), reads the register files, resolves once with its own Saxon processor, then
parses, transforms and drops one article at a time: memory per worker does not grow
with the number of documents. An article that fails comes back as its error, in its
place among the results; the workers go on with the others.

A render in N processes is the parent and N - 1 workers (:func:`helpers`): the workers
take the articles from the largest down, the parent from the smallest up
(:func:`_write_smallest_here`), until they meet. The workers may be started before the
edition is read (:func:`start_workers`): each starts Python, imports the renderers and
compiles the format's stylesheet while the parent reads the articles, then waits for the
edition (one copy per worker, through a queue) before its first article.

Ctrl-C (SIGINT to the process group) is handled by the parent alone: the workers start
with SIGINT held back and then ignore it; the parent cancels the queued articles and
sends each worker SIGTERM, which unwinds the article being written (its temporary file
removed by :func:`teikit.xmlio.atomic_output`) and ends the worker without a traceback.
"""

from __future__ import annotations

import contextlib
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Iterator

from teikit.errors import TeikitError
from teikit.edition import Article, DocumentInfo, Edition, read_registers

_WORKER: dict[str, Any] = {}


class Workers:
    """Worker processes started ahead of the edition (:func:`start_workers`) for the
    format *name*: handed the edition by :func:`write_in_parallel`, or ended by
    :meth:`close` when the run does not need them (one article, an error first)."""

    def __init__(self, name: str, jobs: int) -> None:
        self.name, self.jobs = name, jobs
        context = get_context("spawn")
        self.setup = context.Queue()
        with _sigint_held():   # the workers start with Ctrl-C held back, see _worker_init
            self.pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context,
                                            initializer=_worker_start, initargs=(name, self.setup))
            self.pool.submit(int)    # a pool launches its processes with its first task
        self.taken = False

    def take(self, setup: tuple) -> ProcessPoolExecutor:
        """The pool, each of its workers handed *setup* (the arguments of :func:`_worker_init`)."""
        for _ in range(self.jobs):
            self.setup.put(setup)
        self.taken = True
        return self.pool

    def close(self) -> None:
        """End the workers unless :meth:`take` handed them work (its caller ends them then)."""
        if not self.taken:
            self.taken = True
            _stop(self.pool)
        self.setup.cancel_join_thread()   # what a worker did not take is of no use now
        self.setup.close()


def start_workers(name: str, jobs: int) -> Workers | None:
    """The worker processes of a render in *jobs* processes (:func:`helpers`) for the
    format *name*, started now, so that their start-up and the compilation of the
    format's stylesheet overlap the parent's reading of the edition; None when *jobs* is
    1 (the parent writes the articles itself)."""
    return Workers(name, helpers(jobs)) if jobs > 1 else None


def write_in_parallel(renderer, edition: Edition, jobs: int,
                      workers: Workers | None = None) -> list[Path | TeikitError]:
    """Write every article of *edition* with *renderer* in *jobs* processes: this one and
    :func:`helpers` workers (those of *workers* when they were started ahead, see
    :func:`start_workers`); each worker resolves with the renderer's
    :attr:`~teikit.render.base.Renderer.links` added.

    The largest articles are handed out first (:func:`_largest_first`). Returns one
    outcome per article, in the edition's order: the file written, or the
    :class:`~teikit.render.saxon.RenderError` (its message kept whole) of an article that
    failed; a failed article does not stop the others (see
    :meth:`teikit.render.base.Renderer.write_document`: it leaves no output)."""
    handles = [(str(a.path), a.info) for a in edition.articles]
    count = len(handles)
    setup = (renderer.name, str(renderer.out), handles, renderer.links, renderer.companions,
             renderer.batch is not None)
    pool = None
    try:
        if workers is not None:
            pool = workers.take(setup)
        else:
            with _sigint_held():   # the workers start with Ctrl-C held back, see _worker_init
                pool = ProcessPoolExecutor(max_workers=helpers(min(jobs, count)), mp_context=get_context("spawn"),
                                           initializer=_worker_init, initargs=setup)
        futures = [(index, pool.submit(_worker_write, index)) for index in _largest_first(edition)]
        written: list = [None] * count
        mine = _write_smallest_here(renderer, edition, futures, written)
        renderer.while_writing(edition)
        for index, future in futures[:len(futures) - mine]:     # as each comes back
            written[index] = _received(renderer, future.result())
            renderer.tick()
    except BaseException:
        if pool is not None:
            _stop(pool)
            _remove_partial_files(Path(renderer.out))
        raise
    pool.shutdown()
    return written


def helpers(jobs: int) -> int:
    """The worker processes of a render in *jobs* processes: the parent is one of them."""
    return max(1, jobs - 1)


def _write_smallest_here(renderer, edition: Edition, futures: list, written: list) -> int:
    """In this (the parent) process, write the articles from the end of *futures* (the
    smallest) that no worker has taken yet, while the workers write from its start, until
    the two meet; put each outcome in *written*. Returns how many were written here.
    The parent has read the edition and imported everything already: one worker fewer to
    start (the render's CPU time), and no core left idle. One article at a time: the
    workers end on the largest, so the parent waits for at most one or two of them (the
    one a worker writes and the one queued for it; chunks of four left it waiting 0.5 s)."""
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


def _remove_partial_files(out: Path) -> None:
    """After the workers are stopped, remove any temporary file one of them left behind.

    A worker removes its own on SIGTERM, but one busy in native code (Saxon) may be ended
    before its Python clean-up runs; the temporary files are ours by their name (see
    :func:`teikit.xmlio.atomic_output`) and, the run being over, never complete."""
    for partial in out.rglob(".*.part"):
        try:
            partial.unlink()
        except OSError:
            pass


@contextlib.contextmanager
def _sigint_held() -> Iterator[None]:
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


def _stop(pool: ProcessPoolExecutor) -> None:
    """On Ctrl-C or an error: drop the queued articles and end every worker now; each
    removes the temporary file it is writing (SIGTERM, see :func:`_on_sigterm`)."""
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


def _worker_start(name: str, setup) -> None:
    """In a worker started ahead of the edition: import the renderers and compile the
    format's stylesheet, then wait for the edition and go on as :func:`_worker_init`.
    A stylesheet that does not compile is left for the first article to report."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from teikit.render import RENDERERS, load_renderers
    from teikit.render.saxon import compile_stylesheet
    load_renderers()
    stylesheet = RENDERERS[name].stylesheet
    if stylesheet is not None:
        try:
            compile_stylesheet(stylesheet)
        except TeikitError:
            pass
    _worker_init(*setup.get())


def _worker_init(name: str, out: str, handles: list[tuple[str, DocumentInfo]], links: dict,
                 companions: frozenset[str] = frozenset(), batched: bool = False) -> None:
    """In each worker process: rebuild the edition from the handles and resolve once.

    Ctrl-C is the parent's to handle (it reaches the whole process group): a worker
    ignores SIGINT and ends on the parent's SIGTERM, removing its temporary file."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_sigterm)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
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
    _WORKER["busy"] = True
    try:
        target = renderer.write_document(edition.articles[index], edition)
        return (renderer.batch.handover(), str(target)) if renderer.batch is not None else target
    except ARTICLE_ERRORS as exc:
        return RenderError(str(exc))
    except _Terminated:
        os._exit(128 + signal.SIGTERM)   # the temporary file is gone (atomic_output)
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
