"""`teikit build`: the static site, its static DTS/OAI/search files, and incremental rebuilds."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from uritemplate import URITemplate

from dts_schemas import assert_matches
from oai_xsd import assert_valid, oai_pmh_schema
from publish_helpers import edition_without_ids, three_article_edition
from render_helpers import BREAKS, mark_as_breaking, use_breaking_stylesheets
from teikit.cli import main
from teikit.errors import InputError, OutputError
from teikit.publish import dc
from teikit.publish.search import SEARCH_CACHE
from teikit.publish.site import MANIFEST, build
from teikit.render import load_renderers

OAI = "{http://www.openarchives.org/OAI/2.0/}"
STATIC = "{http://www.openarchives.org/OAI/2.0/static-repository}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE = "https://edition.example.org/"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    return three_article_edition(tmp_path_factory.mktemp("edition") / "tei")


@pytest.fixture(scope="module")
def site(edition, tmp_path_factory):
    """The site built with every registered format."""
    out = tmp_path_factory.mktemp("site") / "site"
    build(edition, out, base_url=BASE)
    return out


def site_files(site: Path) -> dict[str, int]:
    return {str(p.relative_to(site)): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


def test_site_holds_the_tei_files_as_they_are(site, edition):
    for path in list(edition.glob("*.xml")) + list((edition / "register").glob("*.xml")):
        assert (site / "tei" / path.relative_to(edition)).read_bytes() == path.read_bytes()


def test_every_registered_format_is_rendered(site):
    renderers = load_renderers()
    assert renderers, "no renderer registered"
    for name, cls in renderers.items():
        outputs = [p for p in (site / name).rglob("*") if p.is_file()]
        assert outputs, f"format {name} wrote nothing"
        if cls.per_document:
            for stem in ("sample-article", "second-article", "third-review"):
                assert (site / name / f"{stem}{cls.suffix}").is_file()


def test_json_index_uses_the_dublin_core_mapping(site, edition):
    index = json.loads((site / "index.json").read_text("utf-8"))
    assert [a["id"] for a in index["articles"]] == ["scnd", "smpl", "thrd"]
    smpl = index["articles"][1]
    assert smpl["dublinCore"] == dc.as_dict(dc.dublin_core(edition / "sample-article.xml"))
    assert smpl["datestamp"] == "2026-11-21T00:00:00Z"
    for key in ("page", "tei"):
        assert (site / smpl[key]).is_file()
    assert sorted(index["formats"]) == sorted(load_renderers())


def test_sitemap_lists_only_existing_pages(site):
    root = etree.parse(str(site / "sitemap.xml")).getroot()
    locations = [u.findtext(f"{SITEMAP}loc") for u in root.iter(f"{SITEMAP}url")]
    assert f"{BASE}tei/sample-article.xml" in locations
    for location in locations:
        assert location.startswith(BASE)
        assert (site / location[len(BASE):]).is_file(), location
    lastmods = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in root.iter(f"{SITEMAP}url")}
    assert lastmods[f"{BASE}tei/second-article.xml"] == "2026-11-25"


def test_static_oai_records_are_valid_oai_pmh(site):
    root = etree.parse(str(site / "oai" / "static.xml")).getroot()
    assert root.tag == f"{STATIC}Repository"
    assert root.findtext(f"{STATIC}Identify/{OAI}granularity") == "YYYY-MM-DD"
    lists = {r.get("metadataPrefix"): r for r in root.findall(f"{STATIC}ListRecords")}
    assert sorted(lists) == ["oai_dc"]
    records = lists["oai_dc"].findall(f"{OAI}record")
    assert [r.findtext(f"{OAI}header/{OAI}datestamp") for r in records] == ["2026-11-25", "2026-11-21", "2026-12-01"]
    for record in records:
        # each record, put in a GetRecord response, must satisfy the official schema
        envelope = etree.fromstring(
            f'<OAI-PMH xmlns="{OAI[1:-1]}"><responseDate>2026-11-21T00:00:00Z</responseDate>'
            f'<request verb="GetRecord">{BASE}oai</request><GetRecord/></OAI-PMH>')
        envelope.find(f"{OAI}GetRecord").append(record)
        assert_valid(oai_pmh_schema(), envelope)


def static_dts(site: Path, url: str) -> Path:
    """The file a static web server answers *url* with (the path, %-decoded)."""
    from urllib.parse import unquote

    assert url.startswith(BASE)
    return site / unquote(url[len(BASE):])


def test_static_dts_templates_lead_to_valid_files(site):
    entry = assert_matches("entry", json.loads((site / "api/dts/index.jsonld").read_text("utf-8")))
    root = assert_matches("collection", json.loads(
        static_dts(site, URITemplate(entry["collection"]).expand()).read_text("utf-8")))
    assert [m["@id"] for m in root["member"]] == ["scnd", "smpl", "thrd"]
    resource = assert_matches("collection", json.loads(
        static_dts(site, URITemplate(entry["collection"]).expand(id="smpl")).read_text("utf-8")))
    parents = json.loads(static_dts(site, URITemplate(resource["collection"]).expand(nav="parents")).read_text("utf-8"))
    assert [m["@id"] for m in parents["member"]] == ["edition"]
    tree = assert_matches("navigation", json.loads(
        static_dts(site, URITemplate(resource["navigation"]).expand(down=-1)).read_text("utf-8")))
    assert [u["identifier"] for u in tree["member"]] == ["1", "1.1", "1.2"]
    assert tree["@id"] == URITemplate(resource["navigation"]).expand(down=-1)
    for unit in tree["member"]:
        ref = static_dts(site, URITemplate(entry["navigation"]).expand(resource="smpl", ref=unit["identifier"]))
        assert assert_matches("navigation", json.loads(ref.read_text("utf-8")))["ref"] == unit
        for down in ("0", 1, 2, -1):      # "0": uritemplate 4 expands the number 0 as empty (";down")
            answer = static_dts(site, URITemplate(entry["navigation"]).expand(
                resource="smpl", ref=unit["identifier"], down=down))
            assert_matches("navigation", json.loads(answer.read_text("utf-8")))
        passage = static_dts(site, URITemplate(resource["document"]).expand(ref=unit["identifier"]))
        assert etree.parse(str(passage)).getroot().find("{https://w3id.org/api/dts#}wrapper") is not None
    whole = static_dts(site, URITemplate(entry["document"]).expand(resource="smpl"))
    assert etree.parse(str(whole)).getroot().get("{http://www.w3.org/XML/1998/namespace}id") == "smpl"
    ranged = static_dts(site, URITemplate(entry["navigation"]).expand(resource="smpl", start="1", end="1", down=1))
    assert [u["identifier"] for u in json.loads(ranged.read_text("utf-8"))["member"]] == ["1", "1.1", "1.2"]


def test_static_dts_answers_are_the_served_answers(site):
    """Each static navigation file holds what `teikit serve` answers to the same request
    (but for the URLs, which name the file or the endpoint)."""
    from teikit import edition as model
    from teikit.publish import dts as dts_api

    loaded = model.load([site / "tei"])
    urls = dts_api.Urls("http://127.0.0.1:8000/dts")
    for name, params in [("smpl;down=-1", {"down": "-1"}), ("smpl;down=1/1", {"ref": "1", "down": "1"}),
                         ("smpl;down=0/1.2", {"ref": "1.2", "down": "0"}), ("smpl/1/1", {"start": "1", "end": "1"})]:
        static = json.loads((site / f"api/dts/navigation/{name}.jsonld").read_text("utf-8"))
        served = json.loads(dts_api.navigation(loaded, [("resource", "smpl"), *params.items()], urls, "x").body)
        for key in ("member", "ref", "start", "end"):
            assert static.get(key) == served.get(key), (name, key)


def pagefind_records(site: Path) -> dict[str, dict]:
    """Pagefind's fragments (gzip, then JSON after a signature), by page URL."""
    records = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        record = json.loads(data[len(b"pagefind_dcd"):])
        records[record["url"]] = record
    return records


def test_search_index_is_turkish_with_article_person_place_facets(site):
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["tr"] and entry["languages"]["tr"]["wasm"] == "tr"
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "search.html").is_file()
    records = pagefind_records(site)
    # one record per paragraph, at its own anchor (the quoted one, without an id, at the
    # first unit without one, which the page marks and assets/landing.js finds)
    assert sorted(u for u in records if u.startswith("/html/sample-article.html")) == [
        "/html/sample-article.html#smpl-p1", "/html/sample-article.html#smpl-p2",
        "/html/sample-article.html#unit-1"]
    assert len(records) == 9
    first, second = records["/html/sample-article.html#smpl-p1"], records["/html/sample-article.html#smpl-p2"]
    # only the text is searched: the section and the printed page are unsearched filters
    assert first["meta"] == {} and first["filters"]["section"] == ["GİRİŞ"]
    assert first["filters"]["page"] == ["s. 196"]
    assert first["filters"]["article"] == ["Örnek Makale: Moskova Antlaşması"]
    assert first["filters"]["place"] == ["Samsun"]
    assert set(first["filters"]["person"]) == {"Lenin", "Mustafa Kemal Atatürk"}
    assert "Bkz. Şimşir, 2006." in first["content"]          # its footnote is searched with it
    # the paragraph naming nobody carries the article filter only
    assert set(second["filters"]) == {"article", "section", "page"} and "10.000 tüfek" in second["content"]
    assert "place" not in records["/html/third-review.html#thrd-p1"]["filters"]   # its place has no @ref
    page = (site / "html" / "sample-article.html").read_text("utf-8")
    assert all(f'id="{url.split("#")[1]}"' in page for url in records if url.startswith("/html/sample")
               and "#unit-" not in url) and page.count("data-unit") == 1


def test_each_paragraph_without_an_id_is_a_search_record_landing_on_its_own_anchor(tmp_path):
    """Paragraphs and sections without xml:id (most TEI of other projects): each paragraph
    is a record at its own anchor, "#unit-n" for the nth (its page marks them). Before, they shared their
    page's (or section's) URL, and Pagefind keeps one record per URL, the last: of Alice in
    Wonderland (ELTeC) the index held the last paragraph only."""
    site = tmp_path / "site"
    build(edition_without_ids(tmp_path / "tei"), site, base_url=BASE, formats=["html"])
    records = pagefind_records(site)
    assert len(records) == 3                                   # p, p and the quoted p: 3 URLs
    page = (site / "html" / "sample-article.html").read_text("utf-8")
    assert sorted(url.split("#")[1] for url in records) == ["unit-1", "unit-2", "unit-3"]
    assert page.count("data-unit") == 3                        # what assets/landing.js counts
    assert any("Samsun" in r["content"] for r in records.values())         # the first paragraph
    assert any("10.000 tüfek" in r["content"] for r in records.values())   # the second
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]["tr"]["page_count"] == 3         # Pagefind kept every record


def test_without_an_html_format_search_links_to_plain_text_pages(edition, tmp_path):
    build(edition, tmp_path / "site", formats=[])
    records = pagefind_records(tmp_path / "site")
    assert {url.split("#")[0] for url in records} == {
        "/text/sample-article.html", "/text/second-article.html", "/text/third-review.html"}
    for url in records:
        path, anchor = url.lstrip("/").split("#")
        assert f'id="{anchor}"' in (tmp_path / "site" / path).read_text("utf-8")


def test_search_page_prefixes_results_with_the_path_of_the_base_url(edition, tmp_path):
    build(edition, tmp_path / "site", base_url="https://example.org/editions/teikit", formats=[])
    page = (tmp_path / "site" / "search.html").read_text("utf-8")
    assert '"baseUrl": "/editions/teikit/"' in page and '"bundle": "/editions/teikit/pagefind/"' in page


def test_article_and_index_pages_link_the_search_in_their_header(site):
    for page in ("html/index.html", "html/sample-article.html"):
        assert "../search.html" in _links(site / page) and (site / "search.html").is_file()


def test_second_build_with_nothing_changed_rewrites_nothing(edition, tmp_path):
    out = tmp_path / "site"
    build(edition, out, formats=["html"])
    before = site_files(out)
    report = build(edition, out, formats=["html"])
    assert report.rebuilt == [] and report.written == []
    assert site_files(out) == before


def test_a_register_entry_change_rebuilds_only_the_articles_pointing_to_it(edition, tmp_path):
    source = tmp_path / "tei"
    shutil.copytree(edition, source)
    out = tmp_path / "site"
    build(source, out, formats=["html"])
    before = site_files(out)
    places = source / "register" / "places.xml"
    text = places.read_text("utf-8")
    marker = 'xml:id="pl-samsun"'
    assert marker in text
    start = text.index(">", text.index(marker)) + 1
    places.write_text(text[:start] + "<!-- reviewed -->" + text[start:], "utf-8")
    comment_only = build(source, out, formats=["html"])   # a comment is not part of the entry
    assert not [g for g in comment_only.rebuilt if g.startswith("html:") and g != "html:edition"]
    places.write_text(text.replace(marker, marker + ' cert="high"'), "utf-8")
    report = build(source, out, formats=["html"])
    assert "html:sample-article.xml" in report.rebuilt and "html:second-article.xml" in report.rebuilt
    assert "html:third-review.xml" in report.skipped
    assert {"html:edition", "search:part-1", "tei:register"} <= set(report.rebuilt)
    assert {"index", "sitemap", "oai", "dts"} <= set(report.skipped)      # they never read registers
    after = site_files(out)
    assert after["html/third-review.html"] == before["html/third-review.html"]
    assert after["tei/third-review.xml"] == before["tei/third-review.xml"]


def test_removed_article_disappears_from_the_site(edition, tmp_path):
    source = tmp_path / "tei"
    shutil.copytree(edition, source)
    out = tmp_path / "site"
    build(source, out, formats=["html"])
    (source / "third-review.xml").unlink()
    build(source, out, formats=["html"])
    assert not (out / "tei" / "third-review.xml").exists()
    assert not (out / "html" / "third-review.html").exists()
    assert not (out / ".teikit-cache" / "summary" / "third-review.json").exists()
    assert (out / ".teikit-cache" / "summary" / "second-article.json").is_file()
    assert [a["id"] for a in json.loads((out / "index.json").read_text("utf-8"))["articles"]] == ["scnd", "smpl"]


def test_broken_article_is_reported_and_every_other_article_is_built(tmp_path):
    source = three_article_edition(tmp_path / "tei")
    (source / "broken.xml").write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text>\n</TEI>\n', "utf-8")
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", str(source), "--out", str(out), "-j", "1"])
    assert result.exit_code == 1
    assert "broken.xml:3:" in result.stderr and "Traceback" not in result.stderr + result.stdout
    ids = [a["id"] for a in json.loads((out / "index.json").read_text("utf-8"))["articles"]]
    assert len(ids) == 3 and (out / "html" / "sample-article.html").is_file()
    assert not list(out.rglob("broken*")) and not list(out.rglob("*.tmp*"))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_article_whose_stylesheet_fails_is_reported_and_tried_again_by_the_next_build(tmp_path, jobs,
                                                                                      monkeypatch):
    use_breaking_stylesheets(tmp_path, monkeypatch)
    source = three_article_edition(tmp_path / "tei")
    failing = mark_as_breaking(source / "second-article.xml")
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", str(source), "--out", str(out), "--to", "html", "-j", jobs])
    assert result.exit_code == 1
    assert f"Error: {failing}: {BREAKS}" in result.stderr.splitlines()
    assert "Traceback" not in result.stderr + result.stdout
    assert not (out / "html" / "second-article.html").exists() and not list(out.rglob("*.part"))
    assert (out / "html" / "sample-article.html").is_file() and (out / "html" / "third-review.html").is_file()
    manifest = json.loads((out / MANIFEST).read_text("utf-8"))
    assert "html:second-article.xml" not in manifest and "html:third-review.xml" in manifest
    again = build(source, out, formats=["html"], jobs=int(jobs))
    assert again.errors == [f"{failing}: {BREAKS}"]
    assert {"html:sample-article.xml", "html:third-review.xml"} <= set(again.skipped)


@pytest.mark.parametrize("jobs", [1, 2])
def test_pages_of_articles_that_now_fail_are_removed_from_the_site(tmp_path, jobs, monkeypatch):
    use_breaking_stylesheets(tmp_path, monkeypatch)
    source = three_article_edition(tmp_path / "tei")
    out = tmp_path / "site"
    assert not build(source, out, formats=["html"], jobs=1).errors
    failing = [mark_as_breaking(source / name) for name in ("second-article.xml", "third-review.xml")]
    report = build(source, out, formats=["html"], jobs=jobs)
    assert report.errors == [f"{path}: {BREAKS}" for path in failing]
    assert sorted(p.name for p in (out / "html").glob("*-*.html")) == ["sample-article.html"]
    assert not list(out.rglob("*.part"))


@pytest.mark.parametrize("jobs", [1, 2])
def test_edition_index_page_lists_only_the_articles_whose_page_was_built(tmp_path, jobs, monkeypatch):
    """html/index.html leaves a failed article out, and lists it again once it builds."""
    use_breaking_stylesheets(tmp_path, monkeypatch)
    source = three_article_edition(tmp_path / "tei")
    out, second = tmp_path / "site", source / "second-article.xml"
    intact = second.read_text("utf-8")
    mark_as_breaking(second)
    assert build(source, out, formats=["html"], jobs=jobs).errors == [f"{second}: {BREAKS}"]
    index = (out / "html" / "index.html").read_text("utf-8")
    assert "sample-article.html" in index and "third-review.html" in index
    assert "second-article.html" not in index
    assert "html:edition" in build(source, out, formats=["html"], jobs=jobs).skipped  # still failing
    second.write_text(intact, "utf-8")
    assert not build(source, out, formats=["html"], jobs=jobs).errors
    assert "second-article.html" in (out / "html" / "index.html").read_text("utf-8")


def test_missing_edition_directory_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="no such edition directory"):
        build(tmp_path / "nowhere", tmp_path / "site")


def test_unknown_format_is_a_usage_error_and_writes_nothing(edition, tmp_path):
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", str(edition), "--out", str(out), "--to", "pdfx"])
    assert result.exit_code == 2 and "Traceback" not in result.output      # as in render
    assert "Invalid value for '--to': 'pdfx' is not one of" in result.output
    assert not out.exists()
    with pytest.raises(InputError, match="unknown output format"):             # the API says so too
        build(edition, out, formats=["pdfx"])
    assert not out.exists()


def test_build_command_reports_what_it_did(edition, tmp_path):
    out = tmp_path / "site"
    first = CliRunner().invoke(main, ["build", str(edition), "--out", str(out), "--to", "html"])
    assert first.exit_code == 0, first.output
    second = CliRunner().invoke(main, ["build", str(edition), "--out", str(out), "--to", "html"])
    assert "0 part(s) rebuilt" in second.output and "0 file(s) written" in second.output
    unknown = CliRunner().invoke(main, ["build", str(edition), "--out", str(out), "--to", "nope"])
    assert unknown.exit_code == 2 and "Invalid value for '--to'" in unknown.output   # a usage error


def _editions() -> list[Path]:
    """The fixture edition, and the project's own edition in tei/ once it holds articles."""
    tei = REPO / "tei"
    return [REPO / "tests" / "fixtures" / "edition"] + ([tei] if any(tei.glob("*.xml")) else [])


@pytest.mark.parametrize("tei", _editions(), ids=lambda p: p.name)
def test_an_edition_builds(tei, tmp_path):
    report = build(tei, tmp_path / "site", formats=[])
    assert "search" in report.rebuilt
    assert json.loads((tmp_path / "site" / "index.json").read_text("utf-8"))["articles"]


def test_site_cannot_be_written_inside_the_edition(edition):
    with pytest.raises(OutputError, match="cannot be inside the edition"):
        build(edition, edition / "site", formats=[])
    assert not (edition / "site").exists()


def test_html_meta_json_index_and_dts_share_one_dublin_core(site):
    """The HTML citation_* tags, the JSON index and DTS all come from dublin-core.xsl."""
    from lxml import html

    page = html.parse(str(site / "html" / "sample-article.html"))
    meta = {m.get("name"): m.get("content") for m in page.iter("meta") if m.get("name")}
    index = json.loads((site / "index.json").read_text("utf-8"))["articles"][1]["dublinCore"]
    resource = json.loads((site / "api/dts/collection/smpl.jsonld").read_text("utf-8"))["dublinCore"]
    assert meta["citation_author"] == index["creator"][0]["value"] == resource["creator"][0] == "Örnek, Ayşe"
    assert meta["citation_title"] == index["title"][0]["value"] == resource["title"][0]["value"]


def _links(page: Path) -> list[str]:
    """The page's links to other files (not those within the page, as its skip link)."""
    root = etree.parse(str(page), etree.HTMLParser()).getroot()
    return [a.get("href") for a in root.iter("a") if not a.get("href").startswith("#")]


def test_front_page_links_every_article_output_search_and_interface(site):
    links = _links(site / "index.html")
    for target in ("html/sample-article.html", "tei/sample-article.xml", "html/index.html",
                   "register/index.html", "pdf/edition.pdf", "search.html", "index.json",
                   "oai/static.xml", "api/dts/index.jsonld", "sitemap.xml"):
        assert target in links, target
    assert all((site / link).is_file() for link in links), links


def test_front_page_links_each_articles_own_pdf_beside_its_tei(site):
    """Each article's list item links its reading page, its TEI file and its own PDF."""
    root = etree.parse(str(site / "index.html"), etree.HTMLParser()).getroot()
    item = next(li for li in root.iter("li") if li.find("a").get("href") == "html/sample-article.html")
    assert [(a.get("href"), a.text) for a in item.iter("a")][1:] == [
        ("tei/sample-article.xml", "TEI"), ("pdf/sample-article.pdf", "PDF")]
    assert (site / "pdf" / "sample-article.pdf").read_bytes().startswith(b"%PDF")


def test_without_an_html_format_the_front_page_links_only_what_exists(edition, tmp_path):
    build(edition, tmp_path / "site", formats=[])
    links = _links(tmp_path / "site" / "index.html")
    assert "tei/sample-article.xml" in links and "html/index.html" not in links
    assert all((tmp_path / "site" / link).is_file() for link in links), links


def test_search_page_leads_back_to_the_front_page(site):
    assert "index.html" in _links(site / "search.html")


def test_sitemap_lists_the_front_page_and_the_search_on_the_first_build(site):
    root = etree.parse(str(site / "sitemap.xml")).getroot()
    locations = {u.findtext(f"{SITEMAP}loc") for u in root.iter(f"{SITEMAP}url")}
    assert {f"{BASE}index.html", f"{BASE}search.html"} <= locations


def test_name_and_admin_email_reach_the_static_oai_and_the_front_page(edition, tmp_path):
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", str(edition), "--out", str(out), "--to", "html",
                                       "--name", "Türk-Sovyet İlişkileri", "--admin-email", "editor@example.org"])
    assert result.exit_code == 0, result.output
    root = etree.parse(str(out / "oai" / "static.xml")).getroot()
    assert root.findtext(f"{STATIC}Identify/{OAI}repositoryName") == "Türk-Sovyet İlişkileri"
    assert root.findtext(f"{STATIC}Identify/{OAI}adminEmail") == "editor@example.org"
    assert "<h1>Türk-Sovyet İlişkileri</h1>" in (out / "index.html").read_text("utf-8")
    # the same name heads every page (the one site header), not the default one
    for page in ("index.html", "html/index.html", "html/sample-article.html"):
        home = etree.parse(str(out / page), etree.HTMLParser()).getroot().find(".//header/nav/a")
        assert home.text.strip() == "Türk-Sovyet İlişkileri", page
    assert json.loads((out / "index.json").read_text("utf-8"))["title"] == "Türk-Sovyet İlişkileri"


def test_an_article_printing_its_english_title_first_is_listed_by_its_turkish_title(tmp_path):
    source = three_article_edition(tmp_path / "tei")
    path = source / "second-article.xml"
    tr = '<title type="main" xml:lang="tr">Örnek Makale: Moskova Antlaşması</title>'
    en = '<title type="main" xml:lang="en">Sample Article: The Treaty of Moscow</title>'
    text = path.read_text("utf-8")
    assert f"{tr}\n        {en}" in text
    path.write_text(text.replace(f"{tr}\n        {en}", f"{en}\n        {tr}"), "utf-8")
    build(source, tmp_path / "site", formats=[])
    index = json.loads((tmp_path / "site" / "index.json").read_text("utf-8"))
    assert {a["id"]: a["title"] for a in index["articles"]}["scnd"] == "Örnek Makale: Moskova Antlaşması"
    assert "Sample Article" not in (tmp_path / "site" / "index.html").read_text("utf-8")


def test_touching_one_article_redoes_only_its_own_dts_and_search_records(tmp_path):
    source = three_article_edition(tmp_path / "tei")
    out = tmp_path / "site"
    build(source, out, formats=["html"], jobs=1)
    touched = source / "second-article.xml"
    touched.write_text(touched.read_text("utf-8") + "<!-- touched -->\n", "utf-8")
    report = build(source, out, formats=["html"], jobs=1)
    per_document = {g for g in report.rebuilt
                    if ":" in g and not g.endswith(":edition") and not g.startswith("search:part-")}
    assert per_document == {"tei:second-article.xml", "dts:second-article.xml", "search:second-article.xml",
                            "html:second-article.xml", "summary:second-article.xml"}
    assert {"dts:sample-article.xml", "search:sample-article.xml"} <= set(report.skipped)
    rewritten = {str(p.relative_to(out)) for p in report.written}
    assert not any(name.startswith(("api/dts/collection/smpl", "api/dts/document/smpl")) for name in rewritten)
    assert "tei/second-article.xml" in rewritten


def test_build_renders_in_every_core_by_default(tmp_path, monkeypatch):
    from teikit.publish.site import Builder
    monkeypatch.setattr("os.cpu_count", lambda: 3)
    assert Builder(tmp_path / "tei", tmp_path / "site").jobs == 3
    assert Builder(tmp_path / "tei", tmp_path / "site", jobs=1).jobs == 1


def test_parallel_build_writes_the_same_pages_as_one_process(tmp_path):
    source = three_article_edition(tmp_path / "tei")
    one, two = tmp_path / "one", tmp_path / "two"
    build(source, one, formats=["html"], jobs=1)
    result = CliRunner().invoke(main, ["build", str(source), "--out", str(two), "--to", "html", "-j", "2"])
    assert result.exit_code == 0, result.output
    pages = sorted(p.relative_to(one) for p in (one / "html").glob("*.html"))
    assert len(pages) >= 3
    for page in pages:
        assert (two / page).read_bytes() == (one / page).read_bytes(), page


# -- the summary cache: an unchanged article is not parsed again --------------------------
EDITION_FILES = ("index.html", "index.json", "sitemap.xml", "oai/static.xml", "api/dts/index.jsonld",
                 "api/dts/collection.jsonld")


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """The names of the articles the build parses (a spy around the real Article.held)."""
    from teikit.edition import Article

    calls, real = [], Article.held

    def counting(cls, path):
        calls.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(Article, "held", classmethod(counting))
    return calls


def datestamps(site: Path) -> dict[str, str]:
    """The articles' datestamps in the site's JSON index, by id."""
    return {a["id"]: a["datestamp"] for a in json.loads((site / "index.json").read_text("utf-8"))["articles"]}


def add_change(article: Path, when: str) -> None:
    """A new revisionDesc change in *article* (its text untouched)."""
    text = article.read_text("utf-8")
    assert text.count("<revisionDesc>") == 1
    article.write_text(text.replace("<revisionDesc>", f'<revisionDesc>\n      <change when="{when}">'
                                    "Proofread.</change>"), "utf-8")


def test_rebuild_after_touching_one_article_parses_only_that_article(tmp_path, parsed):
    source, out = three_article_edition(tmp_path / "tei"), tmp_path / "site"
    build(source, out, formats=["html"], jobs=1)
    assert sorted(parsed) == ["sample-article.xml", "second-article.xml", "third-review.xml"]
    before = site_files(out)
    parsed.clear()
    touched = source / "second-article.xml"
    add_change(touched, "2026-12-24")
    text = touched.read_text("utf-8")                # and a word in a paragraph (a test copy)
    touched.write_text(text.replace('<p xml:id="scnd-p2">', '<p xml:id="scnd-p2">Düzeltme. ', 1), "utf-8")
    report = build(source, out, formats=["html"], jobs=1)
    assert parsed == ["second-article.xml"]
    rewritten = {str(p.relative_to(out)) for p in report.written}
    assert "Düzeltme." in (out / "html" / "second-article.html").read_text("utf-8")
    assert {"tei/second-article.xml", "html/second-article.html", "api/dts/document/scnd.tei",
            ".teikit-cache/summary/second-article.json", "index.json"} <= rewritten
    # the other articles' own parts are untouched (html/tei/ is the HTML format's edition-wide
    # copy of every source, redone with its index page)
    assert not [name for name in rewritten if not name.startswith("html/tei/") and (
                "smpl" in name or "thrd" in name or "sample-article" in name or "third-review" in name)]
    after = site_files(out)
    for name in ("tei/sample-article.xml", "html/third-review.html", "api/dts/document/thrd.tei",
                 ".teikit-cache/summary/sample-article.json"):
        assert after[name] == before[name], name
    assert datestamps(out) == {"scnd": "2026-12-24T00:00:00Z", "smpl": "2026-11-21T00:00:00Z",
                               "thrd": "2026-12-01T00:00:00Z"}


def test_rebuild_from_cached_summaries_writes_the_same_edition_files_as_a_cold_build(tmp_path, parsed):
    source, warm, cold = three_article_edition(tmp_path / "tei"), tmp_path / "warm", tmp_path / "cold"
    build(source, warm, base_url=BASE, formats=["html"], jobs=1)
    add_change(source / "third-review.xml", "2027-01-05T10:00:00+03:00")
    parsed.clear()
    build(source, warm, base_url=BASE, formats=["html"], jobs=1)
    assert parsed == ["third-review.xml"]          # the two others came from the cache
    build(source, cold, base_url=BASE, formats=["html"], jobs=1)
    for name in EDITION_FILES + ("api/dts/collection/smpl.jsonld", "api/dts/navigation/smpl;down=-1.jsonld"):
        assert (warm / name).read_bytes() == (cold / name).read_bytes(), name
    assert "2027-01-05" in (warm / "oai/static.xml").read_text("utf-8")


def test_a_corrupt_summary_cache_file_is_parsed_again_and_the_build_stays_right(tmp_path, parsed):
    source, out, cold = three_article_edition(tmp_path / "tei"), tmp_path / "site", tmp_path / "cold"
    build(source, out, formats=[], jobs=1)
    build(source, cold, formats=[], jobs=1)
    cache = out / ".teikit-cache" / "summary"
    (cache / "sample-article.json").write_text('{"key": "trunc', "utf-8")          # not JSON
    entry = json.loads((cache / "third-review.json").read_text("utf-8"))
    entry["summary"]["title"] = "A title nobody wrote"                            # key intact
    (cache / "third-review.json").write_text(json.dumps(entry), "utf-8")
    (cache / "second-article.json").write_bytes(b"\xff\xfe\x00")                  # not UTF-8
    parsed.clear()
    report = build(source, out, formats=[], jobs=1)
    assert report.errors == []
    assert sorted(parsed) == ["sample-article.xml", "second-article.xml", "third-review.xml"]
    for name in EDITION_FILES:
        assert (out / name).read_bytes() == (cold / name).read_bytes(), name
    repaired = cold / ".teikit-cache" / "summary" / "third-review.json"
    assert (cache / "third-review.json").read_bytes() == repaired.read_bytes()
    parsed.clear()
    build(source, out, formats=[], jobs=1)
    assert parsed == []                              # the repaired entries are used again


def test_an_article_without_revision_dates_gets_its_new_modification_time_in_the_json_index(tmp_path, parsed):
    import os
    import re
    from datetime import datetime, timezone

    source, out = three_article_edition(tmp_path / "tei"), tmp_path / "site"
    undated = source / "third-review.xml"
    undated.write_text(re.sub(r"\s*<revisionDesc>.*?</revisionDesc>", "", undated.read_text("utf-8"),
                              flags=re.S), "utf-8")
    first = datetime(2026, 3, 4, 5, 6, 7, tzinfo=timezone.utc).timestamp()
    os.utime(undated, (first, first))
    build(source, out, formats=[], jobs=1)
    assert datestamps(out)["thrd"] == "2026-03-04T05:06:07Z"
    parsed.clear()
    build(source, out, formats=[], jobs=1)
    assert parsed == []                              # same mtime: the cached summary holds
    later = datetime(2026, 9, 10, 11, 12, 13, tzinfo=timezone.utc).timestamp()
    os.utime(undated, (later, later))
    build(source, out, formats=[], jobs=1)
    assert parsed == ["third-review.xml"]
    assert datestamps(out)["thrd"] == "2026-09-10T11:12:13Z"
    assert "2026-09-10" in (out / "oai" / "static.xml").read_text("utf-8")


def test_a_new_article_reusing_the_id_of_a_cached_article_is_reported(tmp_path, parsed):
    source, out = three_article_edition(tmp_path / "tei"), tmp_path / "site"
    build(source, out, formats=[], jobs=1)
    shutil.copy(source / "sample-article.xml", source / "z-copy.xml")
    parsed.clear()
    report = build(source, out, formats=[], jobs=1)
    assert parsed == ["z-copy.xml"]                  # smpl's id came from its cached summary
    assert len(report.errors) == 1 and "z-copy.xml" in report.errors[0]
    assert "xml:id 'smpl' is also the id of" in report.errors[0]
    assert not (out / "tei" / "z-copy.xml").exists()
    assert not (out / ".teikit-cache" / "summary" / "z-copy.json").exists()


def test_static_oai_identifiers_and_dc_identifiers_come_from_the_base_url(site):
    root = etree.parse(str(site / "oai" / "static.xml")).getroot()
    assert root.findtext(f"{STATIC}Identify/{OAI}baseURL") == f"{BASE}oai/static.xml"
    records = root.findall(f"{STATIC}ListRecords/{OAI}record")
    assert [r.findtext(f"{OAI}header/{OAI}identifier") for r in records] == [
        "oai:edition.example.org:scnd", "oai:edition.example.org:smpl", "oai:edition.example.org:thrd"]
    dc_id = "{http://purl.org/dc/elements/1.1/}identifier"
    assert records[1].find(f".//{dc_id}").text == f"{BASE}tei/sample-article.xml"
    index = json.loads((site / "index.json").read_text("utf-8"))
    assert [a["oai_identifier"] for a in index["articles"]] == [
        "oai:edition.example.org:scnd", "oai:edition.example.org:smpl", "oai:edition.example.org:thrd"]


def test_oai_gateway_gives_the_static_repository_the_gateways_base_url(edition, tmp_path):
    """OAI Static Repository specification 3.2: baseURL = gateway URL, "/", the file's URL
    without its scheme."""
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", str(edition), "--out", str(out), "--to", "html",
                                       "--base-url", BASE, "--oai-gateway", "http://gateway.example.net/oai/"])
    assert result.exit_code == 0, result.output
    root = etree.parse(str(out / "oai" / "static.xml")).getroot()
    assert (root.findtext(f"{STATIC}Identify/{OAI}baseURL")
            == "http://gateway.example.net/oai/edition.example.org/oai/static.xml")


# -- one article finder, one edition model; a build that writes through the renderers ------
def test_an_article_in_a_subfolder_is_rendered_and_built_alike(tmp_path):
    """`teikit render` and `teikit build` find the same articles: one in ed/vol2/ is an
    article of the edition for both (the build used to leave it out silently)."""
    source = three_article_edition(tmp_path / "tei")
    (source / "vol2").mkdir()
    shutil.move(source / "third-review.xml", source / "vol2" / "third-review.xml")
    rendered = CliRunner().invoke(main, ["render", str(source), "--to", "html", "--out", str(tmp_path / "out"),
                                         "--jobs", "1"])
    assert rendered.exit_code == 0, rendered.output
    built = CliRunner().invoke(main, ["build", str(source), "--to", "html", "--out", str(tmp_path / "site"),
                                      "--jobs", "1"])
    assert built.exit_code == 0, built.output
    site = tmp_path / "site"
    assert (tmp_path / "out" / "html" / "third-review.html").is_file()
    assert "Moskova" in (site / "html" / "third-review.html").read_text("utf-8")   # the build adds its search link
    assert (site / "tei" / "vol2" / "third-review.xml").read_bytes() == (source / "vol2" / "third-review.xml").read_bytes()
    index = json.loads((site / "index.json").read_text("utf-8"))
    assert {a["id"]: a["tei"] for a in index["articles"]}["thrd"] == "tei/vol2/third-review.xml"
    assert "html/third-review.html" in _links(site / "index.html")
    assert "third-review.html" in (site / "html" / "index.html").read_text("utf-8")
    assert (site / "api" / "dts" / "document" / "thrd.tei").is_file()


def test_articles_all_in_volume_folders_use_the_register_of_their_edition(tmp_path):
    """ed/vol1/ and ed/vol2/ hold the articles, ed/register/ the registers: the registers
    of their edition, as `teikit validate` sees one (register/ or teikit.toml above them);
    the register of both commands counts their occurrences."""
    source = three_article_edition(tmp_path / "tei")
    for volume, name in (("vol1", "sample-article.xml"), ("vol2", "second-article.xml"), ("vol2", "third-review.xml")):
        (source / volume).mkdir(exist_ok=True)
        text = (source / name).read_text("utf-8").replace('ref="register/', 'ref="../register/')
        (source / volume / name).write_text(text, "utf-8")
        (source / name).unlink()
    rendered = CliRunner().invoke(main, ["render", str(source), "--to", "register", "--out", str(tmp_path / "out")])
    assert rendered.exit_code == 0, rendered.output
    report = build(source, tmp_path / "site", formats=["register"], jobs=1)
    assert not report.errors, report.errors
    for out in (tmp_path / "out", tmp_path / "site"):
        entries = json.loads((out / "register" / "register.json").read_text("utf-8"))["entries"]
        lenin = next(e for e in entries if e["id"] == "per-lenin")
        assert {o["article"] for o in lenin["occurrences"]} == {"smpl", "scnd", "thrd"}, out


def test_names_in_volume_folder_articles_link_to_their_register_entries(tmp_path):
    """A name written ../register/persons.xml#per-lenin in ed/vol1/ is a register link on its
    page, as register/persons.xml#per-lenin is beside register/."""
    source = three_article_edition(tmp_path / "tei")
    (source / "vol1").mkdir()
    text = (source / "sample-article.xml").read_text("utf-8").replace('ref="register/', 'ref="../register/')
    (source / "vol1" / "sample-article.xml").write_text(text, "utf-8")
    (source / "sample-article.xml").unlink()
    rendered = CliRunner().invoke(main, ["render", str(source), "--to", "html", "--to", "register",
                                         "--out", str(tmp_path / "out")])
    assert rendered.exit_code == 0, rendered.output
    page = (tmp_path / "out" / "html" / "sample-article.html").read_text("utf-8")
    assert 'href="../register/index.html#per-lenin"' in page


def test_two_articles_of_one_file_name_in_two_folders_are_reported_not_overwritten(tmp_path):
    source = three_article_edition(tmp_path / "tei")
    (source / "vol2").mkdir()
    twin = (source / "third-review.xml").read_text("utf-8").replace("thrd", "twin")
    (source / "vol2" / "third-review.xml").write_text(twin, "utf-8")
    report = build(source, tmp_path / "site", formats=["html"], jobs=1)
    assert len(report.errors) == 1 and "has the same file name as" in report.errors[0], report.errors
    assert "vol2/third-review.xml" in report.errors[0]
    ids = [a["id"] for a in json.loads((tmp_path / "site" / "index.json").read_text("utf-8"))["articles"]]
    assert ids == ["scnd", "smpl", "thrd"]


def test_a_format_registered_elsewhere_reaches_the_front_page_and_the_sitemap(edition, tmp_path, monkeypatch):
    """A renderer declares its outputs and entry pages; publish/ knows no format by name."""
    from teikit.render import RENDERERS, EntryPage, Renderer

    class Plain(Renderer):
        """A tiny format: each article's text as plain text, and a contents page."""

        name = "plain"
        suffix = ".txt"
        entry_pages = (EntryPage("contents.txt", "İçindekiler (metin)", "Contents (text)"),)

        def render_document(self, article, edition):
            return " ".join("".join(article.root.itertext()).split())

        def finish(self, edition, written):
            from teikit.xmlio import atomic_write
            return [atomic_write(self.target / "contents.txt", "\n".join(p.name for p in written))]

    monkeypatch.setitem(RENDERERS, "plain", Plain)
    out = tmp_path / "site"
    build(edition, out, base_url=BASE, formats=["plain"], jobs=1)
    assert (out / "plain" / "contents.txt").read_text("utf-8").split() == [
        "sample-article.txt", "second-article.txt", "third-review.txt"]
    assert "Moskova" in (out / "plain" / "sample-article.txt").read_text("utf-8")
    front = (out / "index.html").read_text("utf-8")
    assert "plain/contents.txt" in _links(out / "index.html") and "İçindekiler (metin)" in front
    locations = {u.findtext(f"{SITEMAP}loc") for u in etree.parse(str(out / "sitemap.xml")).getroot().iter(f"{SITEMAP}url")}
    assert {f"{BASE}plain/contents.txt", f"{BASE}plain/sample-article.txt"} <= locations
    again = build(edition, out, base_url=BASE, formats=["plain"], jobs=1)
    assert not again.written and "plain:sample-article.xml" in again.skipped


def test_sitemap_lists_the_pages_each_renderer_declares(site):
    """Each renderer's pages (Renderer.pages): the reading pages, the register's entry
    pages, the volume and each article's PDF."""
    root = etree.parse(str(site / "sitemap.xml")).getroot()
    locations = {u.findtext(f"{SITEMAP}loc") for u in root.iter(f"{SITEMAP}url")}
    for page in ("html/index.html", "html/sample-article.html", "register/index.html", "register/map.html",
                 "print/edition.html", "pdf/edition.pdf", "pdf/sample-article.pdf"):
        assert f"{BASE}{page}" in locations, page


# -- the render's workers start while the articles stream ----------------------------------
class Found(list):
    """A list that can carry more than its items."""


@pytest.fixture
def started_workers(monkeypatch) -> list[dict]:
    """Each Workers the build starts: whether the stream was under way, renders lent to it
    (and, as ``.folders``, the folders it kept its files in)."""
    from teikit.publish import site as site_module
    from teikit.render import parallel

    found, streaming, folders = Found(), [False], []
    real_init, real_setup, real_stream = parallel.Workers.__init__, parallel.Workers.setup, site_module.Builder.stream

    def init(self, jobs, stylesheets):
        found.append({"while_streaming": streaming[0], "stylesheets": stylesheets, "renders": 0})
        real_init(self, jobs, stylesheets)
        folders.append(Path(self._folder))

    def setup(self, initargs):
        found[-1]["renders"] += 1
        return real_setup(self, initargs)

    def stream(self, *args):
        streaming[0] = True
        try:
            return real_stream(self, *args)
        finally:
            streaming[0] = False

    monkeypatch.setattr(parallel.Workers, "__init__", init)
    monkeypatch.setattr(parallel.Workers, "setup", setup)
    monkeypatch.setattr(site_module.Builder, "stream", stream)
    found.folders = folders
    return found


def test_render_workers_start_while_the_articles_stream_and_write_the_same_pages(tmp_path, started_workers):
    source = three_article_edition(tmp_path / "tei")
    build(source, tmp_path / "one", formats=["html"], jobs=1)
    assert started_workers == []                                  # -j 1: no worker processes
    build(source, tmp_path / "two", formats=["html"], jobs=2)
    assert started_workers == [{"while_streaming": True, "stylesheets": ["html.xsl"], "renders": 1}]
    pages = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one" / "html").rglob("*.html"))
    assert pages and pages == sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two" / "html").rglob("*.html"))
    for page in pages:
        assert (tmp_path / "one" / page).read_bytes() == (tmp_path / "two" / page).read_bytes()
    started_workers.clear()
    assert build(source, tmp_path / "two", formats=["html"], jobs=2).written == []
    assert started_workers == []                                  # nothing parsed, nothing to render
    touched = source / "second-article.xml"
    touched.write_text(touched.read_text("utf-8") + "<!-- touched -->\n", "utf-8")
    assert "html:second-article.xml" in build(source, tmp_path / "two", formats=["html"], jobs=2).rebuilt
    assert started_workers == []                                  # one page: rendered in-process
    assert len(started_workers.folders) == 1 and not started_workers.folders[0].exists()


def _search_filters(edition: Path, article: str = "sample-article") -> list[dict]:
    """The filters of each search record of *article*, built from *edition*."""
    site = edition.parent / f"{edition.name}-site"
    report = build(edition, site, formats=["html"], jobs=1)
    assert not report.errors, report.errors
    records = json.loads((site / SEARCH_CACHE / f"{article}.json").read_text("utf-8"))
    return [record["filters"] for record in records]


def test_search_filters_name_the_persons_of_a_volume_folder_article(tmp_path):
    """A paragraph of ed/vol1/ naming ../register/persons.xml#per-lenin can be found through
    the search's person and place filters, as the same paragraph beside register/ can."""
    beside = _search_filters(three_article_edition(tmp_path / "beside"))
    source = three_article_edition(tmp_path / "tei")
    (source / "vol1").mkdir()
    text = (source / "sample-article.xml").read_text("utf-8").replace('ref="register/', 'ref="../register/')
    (source / "vol1" / "sample-article.xml").write_text(text, "utf-8")
    (source / "sample-article.xml").unlink()
    assert any(f.get("person") for f in beside) and any(f.get("place") for f in beside)
    assert _search_filters(source) == beside


def test_search_filters_come_from_register_entries_whatever_their_file_is_called(tmp_path):
    """Persons kept in register/people.xml are person filters as in register/persons.xml:
    an entry's element (person, place) says which filter it is."""
    beside = _search_filters(three_article_edition(tmp_path / "beside"))
    source = three_article_edition(tmp_path / "tei")
    (source / "register" / "persons.xml").rename(source / "register" / "people.xml")
    for article in source.glob("*.xml"):
        article.write_text(article.read_text("utf-8").replace("register/persons.xml#", "register/people.xml#"),
                           "utf-8")
    assert _search_filters(source) == beside


def test_a_corpus_file_is_built_with_its_own_record(tmp_path):
    """A teiCorpus root (as ParlaMint publishes its corpora) is an article of the site like
    any other: listed, harvested and given its DTS files, described by its own header."""
    from test_dublin_core import CORPUS

    source = three_article_edition(tmp_path / "tei")
    (source / "letters.xml").write_text(CORPUS, "utf-8")
    site = tmp_path / "site"
    report = build(source, site, formats=["html"], jobs=1)
    assert report.errors == []
    index = json.loads((site / "index.json").read_text("utf-8"))
    corpus = next(a for a in index["articles"] if a["id"] == "crps")
    assert corpus["title"] == "A corpus of two letters"
    assert (site / corpus["dts"]["collection"]).is_file() and (site / "html" / "letters.html").is_file()
    assert "A corpus of two letters" in (site / "oai" / "static.xml").read_text("utf-8")
