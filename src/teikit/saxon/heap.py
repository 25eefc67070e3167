"""Collect Saxon's Java heap after each document, so a run's memory does not grow with N.

saxonche runs Saxon in a GraalVM native-image isolate with its own garbage-collected
heap. Its Serial GC lets the young generation fill with the garbage of many documents
(each article's Saxon tree, the serialised text handed to it, the transformation's
temporaries) before it collects: over a corpus of 0.4 MB articles a validate or render
process grew by about 2-5 MB per article, up to some 250 MB above its start, whatever
the Python side held (measured with /proc/self/status per document; the Python heap and
lxml stayed flat). saxonche offers no heap option, but its core library exports
SaxonC's ``j_gc`` entry point (``System.gc()`` in the isolate); :func:`collect` calls it
through ctypes once an article is done with, which keeps the process flat (221 MB from
the 8th to the 96th article instead of 183 -> 380 MB) for about 14 ms per article.
The heap still settles to a working size over the first 15-20 MB of documents (a
validate process of 0.8 MB articles: 187 MB after the first, 261 MB from the 24th on).

Everything here is defensive: the isolate pointer is read from SaxonC's
``SaxonProcessor::sxn_environ`` only after checking, in /proc/self/maps, that it starts
a mapping closely followed by Saxon's core library (where an isolate's image heap sits); any
missing symbol, unexpected layout or other platform makes :func:`collect` a no-op, so
an unknown saxonche version costs memory, never a crash.
"""

from __future__ import annotations

import ctypes
import sys
from functools import lru_cache
from pathlib import Path
from typing import Callable

_CORE = "libsaxonc-core"
_GLUE = "libsaxonc-he"
#: SaxonProcessor::sxn_environ, a static pointer to {isolate, thread, main thread}
_ENVIRON = "_ZN14SaxonProcessor11sxn_environE"


def collect() -> None:
    """Run a full collection of Saxon's heap (no-op when that is not possible here)."""
    gc = _collector()
    if gc is not None:
        gc()


class Budget:
    """Collects Saxon's heap once documents of *every* bytes in all were done with since
    the last collection (a document that large or larger: right after it). A collection
    costs milliseconds; one after every small document is most of the price, none lets the
    heap grow with the run (each MB of document leaves a few MB of garbage)."""

    def __init__(self, every: int) -> None:
        self.every = every
        self.since = 0

    def done_with(self, path: Path) -> None:
        """Count *path*'s bytes as garbage now; collect when the budget is spent (an
        unreadable size counts as all of it)."""
        try:
            self.since += path.stat().st_size
        except OSError:
            self.since = self.every
        if self.since >= self.every:
            self.since = 0
            collect()


def active() -> bool:
    """True when :func:`collect` really collects here (saxonche exposes what it needs and
    a Saxon processor exists), False when it is a no-op."""
    gc = _collector()
    return gc is not None and gc(dry_run=True)


@lru_cache(maxsize=1)
def _collector() -> Callable[..., bool] | None:
    """The function that collects, or None when saxonche does not expose what it needs."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import saxonche
        libs = Path(saxonche.__file__).resolve().parent / "saxonche.libs"
        core = ctypes.CDLL(str(_one(libs, _CORE)))
        glue = ctypes.CDLL(str(_one(libs, _GLUE)))
        environ = ctypes.c_void_p.in_dll(glue, _ENVIRON)
        get_thread, j_gc = core.graal_get_current_thread, core.j_gc
    except (ImportError, OSError, ValueError, AttributeError):
        return None
    get_thread.restype, get_thread.argtypes = ctypes.c_void_p, [ctypes.c_void_p]
    j_gc.restype, j_gc.argtypes = None, [ctypes.c_void_p]

    def gc(dry_run: bool = False) -> bool:
        if not environ.value:
            return False  # no Saxon processor made yet: nothing to collect
        isolate = ctypes.c_void_p.from_address(environ.value).value
        if not isolate or not _is_isolate(isolate):
            return False
        thread = get_thread(isolate)
        if thread and not dry_run:
            j_gc(thread)
        return bool(thread)

    return gc


def _one(directory: Path, prefix: str) -> Path:
    """The library *prefix*-<hash>.so.<version> that saxonche's wheel ships."""
    found = list(directory.glob(f"{prefix}-*.so*"))
    if len(found) != 1:
        raise ValueError(f"{prefix}: {len(found)} candidates in {directory}")
    return found[0]


#: an isolate's image heap (a mapping of the core library) starts this close after its base
_IMAGE_HEAP_WITHIN = 16 * 2**20


@lru_cache(maxsize=4)
def _is_isolate(address: int) -> bool:
    """True when *address* starts a mapping followed closely by Saxon's core library
    (the layout of a GraalVM isolate: a guard page, then its image heap)."""
    starts, core = set(), []
    try:
        with open("/proc/self/maps", encoding="ascii", errors="replace") as maps:
            for line in maps:
                start = int(line.split("-", 1)[0], 16)
                starts.add(start)
                if _CORE in line:
                    core.append(start)
    except (OSError, ValueError):
        return False
    return address in starts and any(0 <= c - address < _IMAGE_HEAP_WITHIN for c in core)
