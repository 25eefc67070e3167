"""The search index in parts (teikit.publish.search): bounded Pagefind bundles that
search.html merges, each re-indexed only when its own articles' records change."""

from __future__ import annotations

import json
import re
import shutil
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from publish_helpers import three_article_edition
from teikit.cli import main
from teikit.publish.search import SEARCH_CACHE, plan_parts
from teikit.publish.site import build


def records_of(site: Path, stem: str) -> int:
    return len(json.loads((site / SEARCH_CACHE / f"{stem}.json").read_text("utf-8")))


def bundle_pages(bundle: Path) -> int:
    """How many records a Pagefind bundle holds (its entry file counts them per language)."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def merged_bundles(site: Path) -> list[str]:
    """The bundle paths search.html asks Pagefind to merge (its search-config)."""
    found = re.search(r'<script id="search-config" type="application/json">(.*?)</script>',
                      (site / "search.html").read_text("utf-8"))
    return [entry["bundlePath"] for entry in json.loads(found.group(1))["merged"]]


def test_parts_hold_at_most_the_part_size_records():
    members = [(f"a{n}", f"k{n}", count) for n, count in enumerate([3, 4, 2, 9, 1, 1])]
    parts = plan_parts(members, 6)
    assert [[stem for stem, _, _ in part.members] for part in parts] == [["a0"], ["a1", "a2"], ["a3"], ["a4", "a5"]]
    assert [part.directory for part in parts] == ["pagefind", "pagefind-parts/2", "pagefind-parts/3",
                                                  "pagefind-parts/4"]
    assert plan_parts(members, 100)[0].members == members and len(plan_parts(members, 100)) == 1


def test_small_edition_is_one_bundle_with_nothing_to_merge(tmp_path):
    build(three_article_edition(tmp_path / "tei"), tmp_path / "site", formats=[], jobs=1)
    assert merged_bundles(tmp_path / "site") == []
    assert not (tmp_path / "site" / "pagefind-parts").exists()


def test_large_edition_is_indexed_in_bundles_that_search_page_merges(tmp_path):
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", str(three_article_edition(tmp_path / "tei")), "--out", str(site),
                                       "--to", "html", "--base-url", "https://example.org/ed/",
                                       "--search-part-size", "1"])
    assert result.exit_code == 0, result.output
    assert merged_bundles(site) == ["/ed/pagefind-parts/2/", "/ed/pagefind-parts/3/"]
    bundles = [site / "pagefind"] + [site / "pagefind-parts" / n for n in ("2", "3")]
    stems = ["sample-article", "second-article", "third-review"]      # in id order: scnd, smpl, thrd
    assert sorted(bundle_pages(b) for b in bundles) == sorted(records_of(site, s) for s in stems)
    assert (site / "pagefind" / "pagefind-ui.js").is_file()


def test_touching_one_article_reindexes_only_its_own_bundle(tmp_path):
    source, site = three_article_edition(tmp_path / "tei"), tmp_path / "site"
    build(source, site, formats=[], jobs=1, search_part_size=1)
    touched = source / "third-review.xml"
    touched.write_text(touched.read_text("utf-8").replace("</body>", "<p>Yeni paragraf.</p></body>"), "utf-8")
    report = build(source, site, formats=[], jobs=1, search_part_size=1)
    assert {g for g in report.rebuilt if g.startswith("search:part-")} == {"search:part-3"}
    assert {"search:part-1", "search:part-2"} <= set(report.skipped)
    assert bundle_pages(site / "pagefind-parts" / "3") == records_of(site, "third-review")


def test_fewer_parts_on_rebuild_remove_the_bundles_no_longer_made(tmp_path):
    source, site = three_article_edition(tmp_path / "tei"), tmp_path / "site"
    build(source, site, formats=[], jobs=1, search_part_size=1)
    assert (site / "pagefind-parts" / "3" / "pagefind-entry.json").is_file()
    report = build(source, site, formats=[], jobs=1)
    assert merged_bundles(site) == [] and "search:part-1" in report.rebuilt
    assert not (site / "pagefind-parts").exists()
    assert bundle_pages(site / "pagefind") == sum(records_of(site, s) for s in
                                                  ("sample-article", "second-article", "third-review"))


def test_search_part_size_must_be_positive(tmp_path):
    result = CliRunner().invoke(main, ["build", str(tmp_path), "--search-part-size", "0"])
    assert result.exit_code == 2 and "search-part-size" in result.output


def test_each_bundle_lists_the_spellings_of_its_words_that_need_turkish_letters(tmp_path):
    """teikit-words.json: what the search page asks Pagefind for when a query typed without
    Turkish letters finds nothing as typed ("mayis" -> "mayıs")."""
    build(three_article_edition(tmp_path / "tei"), tmp_path / "site", formats=[], jobs=1, search_part_size=1)
    for bundle in ("pagefind", "pagefind-parts/2", "pagefind-parts/3"):
        words = json.loads((tmp_path / "site" / bundle / "teikit-words.json").read_text("utf-8"))
        assert words["mayis"] == ["mayıs"], bundle
        assert all(forms and key not in forms for key, forms in words.items())
        assert "moskova" not in words                    # no Turkish letter: Pagefind finds it as typed


@pytest.fixture
def streaming(monkeypatch):
    """A flag, ``streaming["now"]``, true while the build streams its articles."""
    from teikit.publish import site as site_module

    flag = {"now": False}
    stream = site_module.Builder.stream

    def marked(self, *args):
        flag["now"] = True
        try:
            return stream(self, *args)
        finally:
            flag["now"] = False

    monkeypatch.setattr(site_module.Builder, "stream", marked)
    return flag


def test_a_part_is_indexed_while_the_build_streams_and_its_bundle_is_the_same(tmp_path, monkeypatch, streaming):
    """The first build starts the part's indexer with the stream (not after rendering):
    the bundle holds the records of every article, as one indexed from the cache does."""
    from teikit.publish import search

    started = []
    original = search.PartIndexer.__init__

    def noting(self, part, out, after=None):
        started.append(("streaming" if streaming["now"] else "after", part.number))
        original(self, part, out, after)

    monkeypatch.setattr(search.PartIndexer, "__init__", noting)
    source, site = three_article_edition(tmp_path / "tei"), tmp_path / "site"
    build(source, site, formats=[], jobs=1)
    assert started == [("streaming", 1)]
    total = sum(records_of(site, s) for s in ("sample-article", "second-article", "third-review"))
    assert bundle_pages(site / "pagefind") == total
    shutil.rmtree(site / "pagefind")                # gone: indexed again from the cached records
    started.clear()
    report = build(source, site, formats=[], jobs=1)
    assert started == [("after", 1)] and "search:part-1" in report.rebuilt
    assert bundle_pages(site / "pagefind") == total
    assert not list(site.glob(".pagefind-scratch-*"))


@pytest.mark.parametrize("failing, part_size", [(2, 5000), (3, 1)], ids=["one part", "parts in flight"])
def test_a_build_that_fails_while_streaming_stops_its_indexers_and_leaves_no_scratch_folder(
        tmp_path, monkeypatch, failing, part_size):
    """The DTS files of article number *failing* cannot be written: with one part, or with
    one part per article (a part writing its bundle while the next waits for it)."""
    from teikit.errors import OutputError
    from teikit.publish import records as dts_records

    calls = []

    def failing_at(article, *args):
        calls.append(article.path.name)
        if len(calls) == failing:
            raise OutputError("disk full while writing the DTS files")
        return real(article, *args)

    real = dts_records.dts_files
    monkeypatch.setattr(dts_records, "dts_files", failing_at)
    site = tmp_path / "site"
    with pytest.raises(OutputError, match="disk full"):
        build(three_article_edition(tmp_path / "tei"), site, formats=[], jobs=1, search_part_size=part_size)
    assert not list(site.glob(".pagefind-scratch-*")) and not (site / "pagefind").exists()
    assert not [t for t in threading.enumerate() if t.name.startswith("pagefind-part-")]


def test_an_article_added_to_a_kept_part_reindexes_it_with_every_article(tmp_path):
    source, site = three_article_edition(tmp_path / "tei"), tmp_path / "site"
    build(source, site, formats=[], jobs=1)
    fourth = (source / "sample-article.xml").read_text("utf-8").replace("smpl", "frth")
    (source / "zz-fourth.xml").write_text(fourth, "utf-8")
    report = build(source, site, formats=[], jobs=1)
    assert "search:part-1" in report.rebuilt
    stems = ("sample-article", "second-article", "third-review", "zz-fourth")
    assert bundle_pages(site / "pagefind") == sum(records_of(site, s) for s in stems)


def test_the_stream_goes_on_while_the_part_before_writes_its_bundle(tmp_path, monkeypatch, streaming):
    """One article per part: while streaming, the build waits only for the part two
    before (at most one part's records wait for a Pagefind process), never for the one
    just closed; every bundle still holds its article's records."""
    from teikit.publish import search

    waited = []
    wait = search.PartIndexer.wait

    def noting(self):
        waited.append((self.part.number, streaming["now"]))
        wait(self)

    monkeypatch.setattr(search.PartIndexer, "wait", noting)
    source, site = three_article_edition(tmp_path / "tei"), tmp_path / "site"
    build(source, site, formats=[], jobs=1, search_part_size=1)
    assert [number for number, during in waited if during] == [1]      # before part 3 starts
    assert sorted(number for number, during in waited if not during) == [1, 2, 3]   # installed
    stems = ("sample-article", "second-article", "third-review")
    bundles = [site / "pagefind", site / "pagefind-parts" / "2", site / "pagefind-parts" / "3"]
    assert [bundle_pages(b) for b in bundles] == [records_of(site, s) for s in stems]
