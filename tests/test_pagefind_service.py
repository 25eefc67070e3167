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
