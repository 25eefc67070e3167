"""Pagefind's indexing service (the binary that ships in the ``pagefind`` wheel), spoken to
directly: requests are sent in batches, their answers read after each batch.

Why not ``pagefind.index.PagefindIndex``: its reader sleeps 0.1 s before reading each answer,
so the search index of an edition, one custom record per paragraph, took 0.1 s a paragraph
(120 s for 1,150 paragraphs; ``benchmarks/bench_search.py``). The protocol is the one that
class uses: each message is base64 of a JSON object followed by a comma, on the binary's
stdin (``--service``); the answers come back the same way on its stdout.
"""

from __future__ import annotations

import base64
import json
import os
import selectors
import subprocess
import time
from pathlib import Path
from typing import Iterable

from teikit.errors import OutputError


#: seconds to wait for one answer before giving up; the service answers each request in
#: well under a second, so silence this long means it is stuck, and a build must fail, not hang
ANSWER_TIMEOUT = float(os.environ.get("TEIKIT_PAGEFIND_TIMEOUT", "300"))
#: records sent before their answers are read, so the indexer never waits for our round trip
#: (7,424 records: 10.2 s against 11.7 s one at a time, 3 runs each on a loaded machine)
BATCH = 256


class PagefindService:
    """A running ``pagefind --service``; use as a context manager."""

    def __init__(self) -> None:
        from pagefind.service import _must_get_executable

        self._process = subprocess.Popen([str(_must_get_executable()), "--service"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._next = 0
        self._buffer = bytearray()      # answers read but not yet taken

    def __enter__(self) -> "PagefindService":
        return self

    def __exit__(self, exc_type, *exc) -> None:
        self._process.stdin.close()
        if exc_type is not None:  # a stuck or failed service is not waited for
            self._process.kill()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def send(self, payload: dict) -> dict:
        """Send one request; return its answer's payload (a Pagefind error raises OutputError)."""
        self._write(payload)
        return self._answer(payload["type"])

    def send_many(self, payloads: Iterable[dict]) -> int:
        """Send *payloads* without waiting for each answer, reading the answers a batch at a
        time (the service reads its input while it works, and queues its answers, so it
        never waits for us); return how many were sent. An error answer raises OutputError."""
        sent = pending = 0
        for payload in payloads:
            self._write(payload)
            sent, pending = sent + 1, pending + 1
            if pending == BATCH:
                pending = self._answers(pending, payload["type"])
        self._answers(pending, "the last requests")
        return sent

    def _write(self, payload: dict) -> None:
        self._next += 1
        message = json.dumps({"message_id": self._next, "payload": payload}).encode("utf-8")
        self._process.stdin.write(base64.b64encode(message) + b",")
        self._process.stdin.flush()

    def _answers(self, count: int, request: str) -> int:
        for _ in range(count):
            self._answer(request)
        return 0

    def _answer(self, request: str) -> dict:
        """The payload of the next answer (a Pagefind error raises OutputError)."""
        reply = json.loads(base64.b64decode(self._read_answer(request)))
        if reply["payload"]["type"] == "Error":
            raise OutputError(f"Pagefind: {reply['payload'].get('message')}")
        return reply["payload"]

    def _read_answer(self, request: str) -> bytes:
        """Read one comma-terminated answer (several may arrive in one read: the rest is kept
        for the next call), giving up after :data:`ANSWER_TIMEOUT` seconds of silence (the
        service is then killed by ``__exit__``)."""
        stdout = self._process.stdout
        with selectors.DefaultSelector() as selector:
            selector.register(stdout, selectors.EVENT_READ)
            while b"," not in self._buffer:
                if not selector.select(ANSWER_TIMEOUT):
                    raise OutputError(f"the Pagefind indexer gave no answer to {request} in "
                                      f"{ANSWER_TIMEOUT:g} s; the search index was not written")
                chunk = os.read(stdout.fileno(), 1 << 16)
                if not chunk:
                    raise OutputError(f"the Pagefind indexer stopped during {request}")
                self._buffer += chunk
        answer, _, rest = bytes(self._buffer).partition(b",")
        self._buffer = bytearray(rest)
        return answer


def index_records(records: Iterable[dict], bundle: Path) -> None:
    """Index Pagefind custom *records* (``url``, ``content``, ``language``, ``meta``,
    ``filters``) and write the search bundle into *bundle*."""
    with PagefindService() as service:
        index = service.send({"type": "NewIndex", "config": {"write_playground": False}})["index_id"]
        service.send_many({"type": "AddRecord", "index_id": index, "sort": None,
                           "meta": None, "filters": None, **record} for record in records)
        service.send({"type": "WriteFiles", "index_id": index, "output_path": str(bundle.resolve())})
        _wait_until_written(bundle)


#: seconds between two looks at a bundle being written (see _wait_until_written)
SETTLE_INTERVAL = 0.02


def _wait_until_written(bundle: Path) -> None:
    """Wait until Pagefind has finished writing *bundle*: no file empty, and the same files
    with the same sizes at two looks in a row. Pagefind answers WriteFiles while its
    writes may still be under way (seen: ``pagefind-entry.json`` empty right after the
    answer in 1 build of 14), and the service ends at once when its input is closed,
    leaving what it had not written empty (seen: three of its UI files). Every file of a
    bundle has content. Gives up after :data:`ANSWER_TIMEOUT` seconds."""
    deadline, before = time.monotonic() + ANSWER_TIMEOUT, None
    while time.monotonic() < deadline:
        now = sorted((str(p), p.stat().st_size) for p in bundle.rglob("*") if p.is_file())
        if now and now == before and all(size for _, size in now):
            return
        before = now
        time.sleep(SETTLE_INTERVAL)
    raise OutputError(f"the Pagefind indexer did not finish writing {bundle} in {ANSWER_TIMEOUT:g} s")
