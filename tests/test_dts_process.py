"""The static DTS files made beside the build's stream (teikit.publish.dts_process): the
same files as made in the build's own process, nothing rewritten that did not change, and
nothing left behind when the build fails."""

from __future__ import annotations

import json
import multiprocessing

import pytest

from publish_helpers import three_article_edition
from teikit.errors import OutputError
from teikit.publish import dts_process, site as site_module
from teikit.publish.site import build


def tree(folder):
    """Every file below *folder*: relative path -> bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def submitted(monkeypatch):
    """The articles whose DTS files went to the helper process."""
    seen = []
    submit = dts_process.DtsProcess.submit

    def noting(self, request):
        seen.append(request.article.rsplit("/", 1)[-1])
        return submit(self, request)

    monkeypatch.setattr(dts_process.DtsProcess, "submit", noting)
    return seen


def test_dts_files_made_beside_the_stream_are_those_made_in_one_process(tmp_path, submitted):
    source = three_article_edition(tmp_path / "tei")
    build(source, tmp_path / "one", formats=[], jobs=1)
    assert submitted == []
    build(source, tmp_path / "two", formats=[], jobs=2)
    assert submitted == ["second-article.xml", "third-review.xml"]    # the first is made here
    assert tree(tmp_path / "two" / "api" / "dts") == tree(tmp_path / "one" / "api" / "dts")
    manifests = [json.loads((tmp_path / s / ".teikit-build.json").read_text("utf-8")) for s in ("one", "two")]
    assert [{k: v for k, v in m.items() if k.startswith("dts:")} for m in manifests][0] == \
        {k: v for k, v in manifests[1].items() if k.startswith("dts:")}
    assert not list((tmp_path / "two").rglob("*.part"))


def test_dts_files_whose_bytes_did_not_change_are_not_rewritten(tmp_path, submitted):
    """A new admin address changes the DTS groups' keys, not their files' bytes."""
    source, site = three_article_edition(tmp_path / "tei"), tmp_path / "site"
    build(source, site, formats=[], jobs=2)
    before = {p: p.stat().st_ino for p in (site / "api" / "dts").rglob("*") if p.is_file()}
    report = build(source, site, formats=[], jobs=2, admin_email="editor@example.org")
    assert {"dts:second-article.xml", "dts:third-review.xml"} <= set(report.rebuilt)
    assert len(submitted) == 4
    assert not [p for p in report.written if "/api/dts/" in str(p)]
    assert {p: p.stat().st_ino for p in before} == before


def test_a_build_that_fails_with_dts_files_in_the_helper_leaves_none_behind(tmp_path, submitted, monkeypatch):
    def failing(self, *args):
        raise OutputError("the disk is full")

    monkeypatch.setattr(site_module.Builder, "render", failing)
    site = tmp_path / "site"
    with pytest.raises(OutputError, match="disk is full"):
        build(three_article_edition(tmp_path / "tei"), site, formats=["html"], jobs=2)
    assert submitted == ["second-article.xml", "third-review.xml"]
    assert not list(site.rglob("*.part"))
    assert not (site / "api" / "dts" / "navigation" / "scnd;down=1.jsonld").exists()
    assert not multiprocessing.active_children()


def test_a_helper_killed_by_the_system_is_an_error_for_people(tmp_path, monkeypatch):
    """The helper ends abruptly (as under the out-of-memory killer) after its first
    article: the build says so, exits 1 without a traceback and leaves no staged file."""
    import os

    from click.testing import CliRunner

    from teikit.cli import main

    submit = dts_process.DtsProcess.submit

    def then_killed(self, request):
        future = submit(self, request)
        self._pool.submit(os._exit, 9)
        return future

    monkeypatch.setattr(dts_process.DtsProcess, "submit", then_killed)
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", str(three_article_edition(tmp_path / "tei")), "--out", str(site),
                                       "--to", "html", "--jobs", "2"])
    assert result.exit_code == 1, result.output
    assert "Error: a worker process ended abruptly" in result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, AssertionError)
    assert not list(site.rglob("*.part"))
    assert not multiprocessing.active_children()


@pytest.fixture
def started(monkeypatch):
    """When the DTS helper and the render's workers were started: the number of articles
    the build had read by then (calls of Builder.summarised), one entry per start."""
    from teikit.render import parallel

    events, reads = [], []
    summarised, start, workers = site_module.Builder.summarised, dts_process.DtsProcess.start, parallel.Workers.__init__

    def reading(self, *args):
        reads.append(1)
        return summarised(self, *args)

    def starting(self):
        if self._pool is None:
            events.append(("dts helper", len(reads)))
        return start(self)

    def starting_workers(self, *args):
        events.append(("render workers", len(reads)))
        return workers(self, *args)

    monkeypatch.setattr(site_module.Builder, "summarised", reading)
    monkeypatch.setattr(dts_process.DtsProcess, "start", starting)
    monkeypatch.setattr(parallel.Workers, "__init__", starting_workers)
    return events


def test_a_first_build_starts_its_helpers_before_reading_the_first_article(tmp_path, started):
    """Their start-up (a Python process, imports, the stylesheet compiled) runs beside the
    first articles instead of after them; the site is the same (see the first test)."""
    build(three_article_edition(tmp_path / "tei"), tmp_path / "site", formats=["html"], jobs=2)
    assert sorted(started) == [("dts helper", 0), ("render workers", 0)]


def test_a_rebuild_with_nothing_new_starts_no_helper(tmp_path, started):
    edition = three_article_edition(tmp_path / "tei")
    build(edition, tmp_path / "site", formats=["html"], jobs=2)
    started.clear()
    build(edition, tmp_path / "site", formats=["html"], jobs=2)
    assert started == []


def test_a_build_in_one_process_starts_no_helper(tmp_path, started):
    build(three_article_edition(tmp_path / "tei"), tmp_path / "site", formats=["html"], jobs=1)
    assert started == []
