"""The static DTS files of ``teikit build``, made in a process of their own.

An article's static DTS answers (:func:`teikit.publish.records.dts_files`: some 400 small
files for an article of fifty citable units) are the largest part of what a build makes
per article that ``teikit render`` does not, and most of their cost is creating the files,
which is kernel work that one process does one file at a time. So, when the build may use
more than one process, they are made by a helper process (:class:`DtsProcess`) while the
build's own process streams on: the helper parses the article itself, makes its answers
and stages them as temporary files beside their targets (:class:`teikit.xmlio.Batch`,
unchanged files left alone); the build adopts the staged files into its own batch, so they
are put in place with everything else at its commit, and a failed or interrupted build
leaves none of them behind.

Ctrl-C is the build's to handle: the helper ignores SIGINT; the build ends it with
SIGTERM, and removes the temporary files it may have left (:meth:`DtsProcess.stop`).
"""

from __future__ import annotations

from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from teikit.edition import Article
from teikit.errors import WorkerError
from teikit.xmlio import Batch, holds


@dataclass(frozen=True)
class DtsRequest:
    """What an article's static DTS files are made from: the article, the site, the DTS
    base URL, the edition's name and the public URL of the article's TEI file."""

    article: str
    out: str
    base: str
    title: str
    download: str


@dataclass
class DtsFiles:
    """An article's static DTS files: every file (relative to the site), and the staged
    (temporary file, target) pairs of those whose bytes changed."""

    files: list[str]
    staged: list[tuple[str, str]]


def make(request: DtsRequest, article: Article | None = None) -> DtsFiles:
    """Make the static DTS files of *request*'s article and stage those whose bytes differ
    from what the site holds: in the helper process (which parses the article), or in the
    build's, from the *article* it holds parsed."""
    from teikit.publish import records

    article = article or Article.held(Path(request.article))
    made = records.dts_files(article, records.StaticUrls(request.base), request.title, request.download)
    batch, out = Batch(), Path(request.out)
    try:
        for relative, data in made:
            if not holds(out / relative, data):
                batch.write(out / relative, data)
        return DtsFiles([relative for relative, _ in made], batch.handover())
    except BaseException:
        batch.discard()
        raise


class DtsProcess:
    """One helper process making static DTS files (:func:`make`), started when first
    asked; :meth:`submit` returns a future of :class:`DtsFiles`."""

    def __init__(self, out: Path) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._started: list[Future] = []     # done once the helper has started
        self._out = out          # the site: the helper's temporary files are below its api/dts/

    def start(self) -> None:
        """Start the helper now (its process and imports), before it is first asked."""
        if self._pool is None:
            from teikit.render.parallel import sigint_held
            with sigint_held():   # the helper starts with Ctrl-C held back (a Ctrl-C while
                # its start-up data is sent would leave it that data cut short, and a traceback)
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"),
                                                 initializer=_start_helper)
                self._started = [self._pool.submit(int)]   # a pool starts its process with its first task

    def submit(self, request: DtsRequest) -> Future:
        self.start()
        try:
            return self._pool.submit(_make, request)
        except BrokenProcessPool:      # the helper was killed (out of memory...)
            raise WorkerError() from None

    @staticmethod
    def result(future: Future) -> DtsFiles:
        """What the helper made of one request (it was killed: :class:`WorkerError`)."""
        try:
            return future.result()
        except BrokenProcessPool:
            raise WorkerError() from None

    def close(self) -> None:
        """End the helper once its work is done (every future's result was taken)."""
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def stop(self) -> None:
        """The build failed or was interrupted: end the helper now and remove the
        temporary files it staged and nobody adopted."""
        if self._pool is None:
            return
        from teikit.render.parallel import remove_partial_files, stop_pool
        stop_pool(self._pool, self._started)
        self._pool = None
        remove_partial_files(self._out / "api" / "dts")


def _start_helper() -> None:
    """The helper's start: Ctrl-C left to the parent, the modules of :func:`make` imported."""
    from teikit.render.parallel import leave_interrupts_to_the_parent
    leave_interrupts_to_the_parent()
    import teikit.publish.records  # noqa: F401


def _make(request: DtsRequest) -> DtsFiles:
    """:func:`make` in the helper, unwound by the build's SIGTERM."""
    from teikit.render.parallel import ended_by_sigterm
    with ended_by_sigterm():
        return make(request)
