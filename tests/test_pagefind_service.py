"""The Pagefind indexing service as the build meets it: answers come back, silence fails."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from teikit.errors import OutputError
from teikit.publish import pagefind_service


def test_records_are_indexed_into_a_search_bundle(tmp_path: Path) -> None:
    records = [{"url": f"/html/a.html#p{i}", "content": f"Moskova görüşmesi {i}", "language": "tr",
                "meta": {"heading": "A"}, "filters": {"article": ["a"]}} for i in range(3)]
    pagefind_service.index_records(records, tmp_path / "pagefind")
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["tr"]["page_count"] == 3


def test_an_indexer_that_never_answers_fails_the_build_instead_of_hanging(tmp_path: Path, monkeypatch) -> None:
    silent = tmp_path / "silent-pagefind"
    silent.write_text("#!/bin/sh\nexec sleep 600\n")
    silent.chmod(0o755)
    monkeypatch.setattr("pagefind.service._must_get_executable", lambda: silent)
    monkeypatch.setattr(pagefind_service, "ANSWER_TIMEOUT", 1.0)
    started = time.monotonic()
    with pytest.raises(OutputError, match="gave no answer to NewIndex in 1 s"):
        pagefind_service.index_records([], tmp_path / "pagefind")
    assert time.monotonic() - started < 30
    assert not (tmp_path / "pagefind").exists()


def test_more_records_than_one_batch_are_all_indexed(tmp_path: Path) -> None:
    count = pagefind_service.BATCH * 2 + 7
    records = [{"url": f"/html/a.html#p{i}", "content": f"paragraf {i} Ankara", "language": "tr"}
               for i in range(count)]
    pagefind_service.index_records(records, tmp_path / "pagefind")
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["tr"]["page_count"] == count


def test_a_record_the_indexer_refuses_fails_with_its_message_not_a_hang(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(pagefind_service, "ANSWER_TIMEOUT", 30.0)
    records = [{"url": f"/a.html#p{i}", "content": "Moskova", "language": "tr"} for i in range(5)]
    records[3]["content"] = "Moskova \udc80"          # a lone surrogate: not JSON the indexer reads
    with pytest.raises(OutputError, match="Pagefind: lone leading surrogate"):
        pagefind_service.index_records(records, tmp_path / "pagefind")
    assert not (tmp_path / "pagefind").exists()


def test_a_bundle_is_taken_only_once_pagefind_has_written_every_file(tmp_path: Path) -> None:
    """Pagefind may answer WriteFiles before its writes are done: the build waits for them."""
    import threading

    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "pagefind.js").write_text("js")
    (bundle / "pagefind-entry.json").write_text("")          # created, not yet written
    threading.Timer(0.3, lambda: (bundle / "pagefind-entry.json").write_text('{"version": "1"}')).start()
    started = time.monotonic()
    pagefind_service._wait_until_written(bundle)
    assert time.monotonic() - started >= 0.25
    assert (bundle / "pagefind-entry.json").read_text() == '{"version": "1"}'


def test_a_bundle_left_half_written_fails_instead_of_being_published(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(pagefind_service, "ANSWER_TIMEOUT", 0.3)
    (tmp_path / "pagefind-entry.json").write_text("")
    with pytest.raises(OutputError, match="did not finish writing"):
        pagefind_service._wait_until_written(tmp_path)
