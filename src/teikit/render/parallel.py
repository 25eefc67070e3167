"""Phase *write* across processes: ``teikit render --jobs N``.

Saxon cannot be forked, so the workers are fresh (``spawn``) processes. Each is handed
the edition as the read phase left it (paths and small :class:`DocumentInfo` summaries,
not trees), reads the register files, resolves once with its own Saxon processor, then
parses, transforms and drops one article at a time: memory per worker does not grow
with the number of documents.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from teikit.render.document import Document, DocumentInfo, Edition, read_registers

_WORKER: dict[str, Any] = {}


def write_in_parallel(renderer, edition: Edition, jobs: int, shared: dict | None = None) -> list[Path]:
    """Write every article of *edition* with *renderer* in *jobs* processes, in order;
    *shared* adds stylesheet parameters to what each worker resolves (``teikit build``'s
    search-page link)."""
    handles = [(str(a.path), a.info) for a in edition.articles]
    count = len(handles)
    workers = min(jobs, count)
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"),
                             initializer=_worker_init,
                             initargs=(renderer.name, str(renderer.out), handles, shared or {})) as pool:
        return list(pool.map(_worker_write, range(count), chunksize=_chunk(count, workers)))


def _chunk(count: int, workers: int) -> int:
    """Articles sent to a worker at a time: few round trips, yet balanced loads."""
    return max(1, min(16, count // (workers * 4)))


def _worker_init(name: str, out: str, handles: list[tuple[str, DocumentInfo]], shared: dict) -> None:
    """In each worker process: rebuild the edition from the handles and resolve once."""
    from teikit.render import RENDERERS, load_renderers
    load_renderers()
    articles = [Document(path, info=info) for path, info in handles]
    edition = Edition(articles, read_registers(a.path.resolve().parent for a in articles))
    renderer = RENDERERS[name](out)
    renderer.shared = {**renderer.resolve(edition), **shared}
    _WORKER.update(renderer=renderer, edition=edition)


def _worker_write(index: int) -> Path:
    """Write article number *index*; a teikit error crosses back with its full message."""
    from teikit.errors import TeikitError
    from teikit.render.saxon import RenderError
    renderer, edition = _WORKER["renderer"], _WORKER["edition"]
    try:
        return renderer.write_document(edition.articles[index], edition)
    except TeikitError as exc:
        raise RenderError(str(exc)) from None
