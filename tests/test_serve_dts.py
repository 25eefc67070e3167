"""DTS 1.0 at /dts of `teikit serve`, and the static files around it.

Responses are checked against JSON Schemas written from the specification
(tests/schemas/dts); every URI template is expanded with `uritemplate` and followed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import httpx
import pytest
from lxml import etree
from uritemplate import URITemplate

from dts_rules import check_api
from dts_schemas import assert_matches
from publish_helpers import SAMPLE, free_port, serve, three_article_edition
from teikit.publish import dts
from teikit.edition import Article, Edition
from teikit.publish.site import build

EXTERNAL = Path(__file__).parents[2] / "shared" / "corpora" / "external"

TEI = "{http://www.tei-c.org/ns/1.0}"
DTS = "{https://w3id.org/api/dts#}"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("dts")
    build(three_article_edition(root / "tei"), root / "site", formats=[])
    with serve(root / "site") as base:
        yield base


@pytest.fixture(scope="module")
def entry(server):
    response = httpx.get(f"{server}/dts")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/ld+json")
    return assert_matches("entry", response.json())


def navigate(entry, **params) -> dict:
    response = httpx.get(URITemplate(entry["navigation"]).expand(**params))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/ld+json")
    return assert_matches("navigation", response.json())


def identifiers(data: dict) -> list[str]:
    return [unit["identifier"] for unit in data["member"]]


def test_entry_point_templates_expand_to_working_endpoints(entry):
    collection = httpx.get(URITemplate(entry["collection"]).expand())
    assert collection.status_code == 200
    root = assert_matches("collection", collection.json())
    assert root["@type"] == "Collection" and root["totalChildren"] == 3
    assert [m["@id"] for m in root["member"]] == ["scnd", "smpl", "thrd"]
    document = httpx.get(URITemplate(entry["document"]).expand(resource="smpl"))
    assert document.status_code == 200


def test_resource_carries_dublin_core_and_its_citation_tree(entry):
    data = assert_matches("collection", httpx.get(URITemplate(entry["collection"]).expand(id="smpl")).json())
    assert data["@type"] == "Resource"
    assert data["dublinCore"]["title"][1] == {"lang": "en", "value": "Sample Article: The Treaty of Moscow"}
    assert data["citationTrees"] == [{"@type": "CitationTree", "citeStructure": [
        {"@type": "CiteStructure", "citeType": "section",
         "citeStructure": [{"@type": "CiteStructure", "citeType": "paragraph"}]}]}]
    assert data["download"].endswith("/tei/sample-article.xml")
    assert httpx.get(data["download"]).content == SAMPLE.read_bytes()
    # the resource's own templates are followed too
    assert navigate_from(data["navigation"], ref="1", down="1") == ["1", "1.1", "1.2"]


def navigate_from(template: str, **params) -> list[str]:
    response = httpx.get(URITemplate(template).expand(**params))
    assert response.status_code == 200, response.text
    return identifiers(assert_matches("navigation", response.json()))


def test_parents_of_a_resource_is_the_edition(entry):
    data = httpx.get(URITemplate(entry["collection"]).expand(id="smpl", nav="parents")).json()
    assert_matches("collection", data)
    assert [m["@id"] for m in data["member"]] == ["edition"]


def test_navigation_down_gives_sections_then_paragraphs(entry):
    assert identifiers(navigate(entry, resource="smpl", down="1")) == ["1"]
    tree = navigate(entry, resource="smpl", down="-1")
    assert [(u["identifier"], u["level"], u["parent"], u.get("citeType")) for u in tree["member"]] == [
        ("1", 1, None, "section"), ("1.1", 2, "1", "paragraph"), ("1.2", 2, "1", "paragraph")]
    assert tree["member"][0]["dublinCore"]["title"] == [{"lang": "tr", "value": "GİRİŞ"}]
    assert "ref" not in tree and "start" not in tree


def test_navigation_ref_alone_has_no_member(entry):
    data = navigate(entry, resource="smpl", ref="1.2")
    assert data["ref"]["identifier"] == "1.2" and data["ref"]["parent"] == "1"
    assert "member" not in data


def test_navigation_down_zero_gives_the_siblings(entry):
    assert identifiers(navigate(entry, resource="smpl", ref="1.1", down="0")) == ["1.1", "1.2"]


def test_navigation_range_with_start_and_end(entry):
    data = navigate(entry, resource="smpl", start="1.1", end="1.2", down="-1")
    assert data["start"]["identifier"] == "1.1" and data["end"]["identifier"] == "1.2"
    assert identifiers(data) == ["1.1", "1.2"]
    assert "member" not in navigate(entry, resource="smpl", start="1.1", end="1.2")


def test_navigation_id_is_the_absolute_request_url(entry):
    data = navigate(entry, resource="smpl", down="1")
    assert data["@id"].startswith("http://127.0.0.1:") and "resource=smpl" in data["@id"]


def test_a_resource_without_cite_structure_gets_a_tree_derived_from_its_divisions(entry):
    data = navigate(entry, resource="thrd", down="-1")
    assert [(u["identifier"], u["citeType"]) for u in data["member"]] == [
        ("1", "section"), ("1.1", "paragraph"), ("1.2", "paragraph"), ("1.3", "subsection")]
    tree = data["resource"]["citationTrees"][0]
    assert [s["citeType"] for s in tree["citeStructure"][0]["citeStructure"]] == ["paragraph", "subsection"]
    passage = httpx.get(URITemplate(entry["document"]).expand(resource="thrd", ref="1.2"))
    assert passage.status_code == 200
    assert etree.fromstring(passage.content).find(f".//{TEI}p") is not None


def test_a_play_is_cited_by_act_scene_speech_and_line():
    """Gogol's Revizor (DraCor) declares no citeStructure: acts, scenes, speeches, their
    paragraphs, derived from its divisions."""
    article = Article.held(EXTERNAL / "dracor-rus" / "gogol-revizor.xml")
    tree = dts.citation_trees(article)[0]
    assert tree.structure[0]["citeType"] == "act"
    assert tree.structure[0]["citeStructure"][0]["citeType"] == "scene"
    assert tree.structure[0]["citeStructure"][0]["citeStructure"][0]["citeType"] == "speech"
    speech = tree.units[tree.find("1.1.1")]
    assert etree.QName(speech.element).localname == "sp" and speech.parent == "1.1"
    identifiers = [u.identifier for u in tree.units]
    assert len(identifiers) == len(set(identifiers)) > 900
    edition = Edition([article])
    passage = dts.document(edition, [("resource", article.id), ("ref", "1.1.1")], dts.Urls("http://x/dts"))
    assert passage.status == 200 and b"<sp" in passage.body


def test_a_document_without_text_units_has_no_tree(tmp_path):
    path = tmp_path / "list.xml"
    path.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>L'
                    '</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/>'
                    '</sourceDesc></fileDesc></teiHeader><text><body><listPlace><place><placeName>X'
                    '</placeName></place></listPlace></body></text></TEI>', "utf-8")
    assert dts.citation_trees(Article.held(path)) == []


def test_document_is_the_whole_tei(entry):
    response = httpx.get(URITemplate(entry["document"]).expand(resource="smpl"))
    assert response.headers["content-type"].startswith("application/tei+xml")
    assert 'rel="collection"' in response.headers["link"]
    sent = etree.fromstring(response.content)
    assert sent.attrib.pop(XML_BASE).endswith("/tei/sample-article.xml")     # its pointers resolve there
    original = etree.parse(str(SAMPLE)).getroot()
    assert etree.tostring(sent, method="c14n", exclusive=True) == etree.tostring(original, method="c14n",
                                                                                 exclusive=True)


def test_document_passage_by_ref_is_wrapped(entry):
    response = httpx.get(URITemplate(entry["document"]).expand(resource="smpl", ref="1.2"))
    root = etree.fromstring(response.content)
    assert root.tag == f"{TEI}TEI"
    wrapper = root.find(f"{DTS}wrapper")
    assert [p.get("{http://www.w3.org/XML/1998/namespace}id") for p in wrapper] == ["smpl-p2"]
    assert "10.000 tüfek" in "".join(wrapper.itertext())


def test_document_range_holds_both_paragraphs(entry):
    response = httpx.get(URITemplate(entry["document"]).expand(resource="smpl", start="1.1", end="1.2"))
    wrapper = etree.fromstring(response.content).find(f"{DTS}wrapper")
    assert [p.get("{http://www.w3.org/XML/1998/namespace}id") for p in wrapper] == ["smpl-p1", "smpl-p2"]


@pytest.mark.parametrize("endpoint, query, status", [
    ("navigation", "", 400),
    ("navigation", "resource=smpl", 400),                          # no down, ref, start
    ("navigation", "resource=smpl&ref=1&start=1.1&end=1.2", 400),
    ("navigation", "resource=smpl&start=1.1", 400),
    ("navigation", "resource=smpl&end=1.2", 400),
    ("navigation", "resource=smpl&down=0", 400),
    ("navigation", "resource=smpl&down=0&start=1.1&end=1.2", 400),
    ("navigation", "resource=smpl&down=deep", 400),
    ("navigation", "resource=nope&down=1", 404),
    ("navigation", "resource=smpl&ref=9.9", 404),
    ("navigation", "resource=smpl&start=1.1&end=7", 404),
    ("navigation", "resource=smpl&down=1&tree=pages", 404),
    ("document", "", 400),
    ("document", "resource=smpl&ref=1&end=1.2", 400),
    ("document", "resource=smpl&start=1.1", 400),
    ("document", "resource=nope", 404),
    ("document", "resource=smpl&ref=../../etc/passwd", 404),
    ("document", "resource=smpl&mediaType=text/html", 404),
    ("document", "resource=smpl&ref=1&tree=pages", 404),
    ("collection", "id=nope", 404),
    ("collection", "id=../../etc/passwd", 404),
    ("collection", "nav=sideways", 400),
    ("collection", "page=0", 400),
    ("collection", "page=9", 404),
])
def test_bad_requests_get_the_spec_status(server, endpoint, query, status):
    response = httpx.get(f"{server}/dts/{endpoint}?{query}")
    assert response.status_code == status, response.text
    assert response.json()["@type"] == "Error"


@pytest.mark.parametrize("path", [
    "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/tei/..%2f..%2f..%2fpyproject.toml",
    "/tei/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%5c..%5cetc%5cpasswd", "/tei/register/../../../../etc/hostname",
])
def test_path_tricks_never_leave_the_site(server, path):
    with httpx.Client() as client:
        request = client.build_request("GET", server)
        request.url = httpx.URL(server + path)  # sent as written, not normalised by the client
        response = client.send(request)
    assert response.status_code == 404
    assert b"root:" not in response.content and b"[project]" not in response.content


def test_site_files_are_served(server):
    assert httpx.get(f"{server}/tei/sample-article.xml").content == SAMPLE.read_bytes()
    assert httpx.get(f"{server}/index.json").json()["articles"][1]["id"] == "smpl"
    assert httpx.get(f"{server}/search.html").status_code == 200


def test_the_url_the_server_announces_opens_the_front_page(server):
    response = httpx.get(f"{server}/")
    assert response.status_code == 200 and 'href="search.html"' in response.text
    assert 'href="tei/sample-article.xml"' in response.text


def test_serving_a_folder_that_is_no_site_is_a_clear_error(tmp_path):
    from click.testing import CliRunner

    from teikit.cli import main

    result = CliRunner().invoke(main, ["serve", str(tmp_path), "--port", "0"])
    assert result.exit_code == 1
    assert "not a built site" in result.output and "Traceback" not in result.output


def test_a_busy_port_is_a_clear_error_not_a_server_log(server, tmp_path):
    from click.testing import CliRunner

    from teikit.cli import main

    port = server.rsplit(":", 1)[1]            # the fixture's server holds it
    result = CliRunner().invoke(main, ["serve", str(tmp_path), "--port", port])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"Error: cannot listen on 127.0.0.1:{port}: Address already in use" in result.output


def test_port_zero_announces_the_port_actually_used(tmp_path):
    import re
    import subprocess
    import sys

    site = tmp_path / "site"
    build(three_article_edition(tmp_path / "tei"), site, formats=[])
    process = subprocess.Popen([sys.executable, "-m", "teikit", "serve", str(site), "--port", "0"],
                               stderr=subprocess.PIPE, text=True)
    try:
        line = process.stderr.readline()
        port = re.search(r"http://127\.0\.0\.1:(\d+)/", line).group(1)
        assert port != "0"
        identify = httpx.get(f"http://127.0.0.1:{port}/oai?verb=Identify", timeout=30).text
        assert f"<baseURL>http://127.0.0.1:{port}/oai</baseURL>" in identify
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_broken_cite_structure_stops_the_server_with_a_clear_message(tmp_path):
    from click.testing import CliRunner

    from teikit.cli import main

    site = tmp_path / "site"
    (site / "tei").mkdir(parents=True)
    text = SAMPLE.read_text("utf-8").replace('match="//tei:body/tei:div"', 'match="//tei:body/tei:div[["')
    (site / "tei" / "broken-refs.xml").write_text(text, "utf-8")
    result = CliRunner().invoke(main, ["serve", str(site), "--port", "0"])
    assert result.exit_code == 1
    assert "broken-refs.xml" in result.output and "not a usable XPath" in result.output


def test_any_query_whatsoever_gets_200_400_or_404():
    """Hypothesis throws arbitrary parameters at the three endpoints: never a crash, and
    every 200 navigation answer matches the schema."""
    import json

    from hypothesis import given, settings, strategies as st

    from teikit import edition
    from teikit.publish import dts

    loaded = edition.load([SAMPLE.parent])
    urls = dts.Urls("http://127.0.0.1:8000/dts")
    names = st.sampled_from(["resource", "id", "ref", "start", "end", "down", "tree", "page", "nav",
                             "mediaType", "x"])
    values = st.one_of(st.sampled_from(["smpl", "1", "1.1", "1.2", "-1", "0", "2", "children",
                                        "parents", "application/tei+xml"]), st.text(max_size=12))

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.tuples(names, values), max_size=5))
    def check(params):
        for response in (dts.collection(loaded, params, urls), dts.document(loaded, params, urls),
                         dts.navigation(loaded, params, urls, "http://127.0.0.1:8000/dts/navigation")):
            assert response.status in (200, 400, 404)
        if response.status == 200:
            assert_matches("navigation", json.loads(response.body))

    check()


# -- the first edition: two sections deep, ranges across sections -----------------------
@pytest.fixture(scope="module")
def edition_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("dts-edition") / "site"
    build(REPO / "tei", site, formats=[])
    return site


@pytest.fixture(scope="module")
def edition_server(edition_site):
    with serve(edition_site) as base:
        yield base


def passage_ids(root) -> list[str]:
    """xml:ids of the elements in the passage, in document order."""
    return [e.get(XML_ID) for e in root.find(f"{DTS}wrapper").iter() if e.get(XML_ID)]


@pytest.mark.parametrize("start, end, expected", [
    ("1.3", "2.1", ["dipl-p9", "dipl-p10", "dipl-p11", "dipl-s2", "dipl-p12"]),      # across sections
    ("1.5", "2", None),                                      # end a section: all of it
    ("giris.6", "1.1", ["dipl-p6", "dipl-s1", "dipl-p7"]),
    ("1", "2.2", None),
])
def test_a_document_range_stops_at_end_whatever_the_levels(edition_server, start, end, expected):
    response = httpx.get(f"{edition_server}/dts/document", params={"resource": "dipl", "start": start, "end": end})
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    units = httpx.get(f"{edition_server}/dts/navigation",
                      params={"resource": "dipl", "start": start, "end": end, "down": "-1"}).json()["member"]
    ids = passage_ids(root)
    last = units[-1]["identifier"]
    # the ids of the units the navigation range lists, and nothing of a unit after end
    tree = {u["identifier"]: u for u in httpx.get(f"{edition_server}/dts/navigation",
                                                  params={"resource": "dipl", "down": "-1"}).json()["member"]}
    order = list(tree)
    after = order[order.index(last) + 1:]
    assert not any(unit_id(edition_server, u) in ids for u in after[:5]), ids
    if expected:
        assert [i for i in ids if i.startswith(("dipl-p", "dipl-s"))] == expected


def unit_id(base: str, ref: str) -> str:
    """The xml:id of the element of citable unit *ref* of dipl."""
    root = etree.fromstring(httpx.get(f"{base}/dts/document", params={"resource": "dipl", "ref": ref}).content)
    return root.find(f"{DTS}wrapper")[0].get(XML_ID)


def test_a_range_keeps_the_section_head_before_its_first_paragraph(edition_server):
    root = etree.fromstring(httpx.get(f"{edition_server}/dts/document",
                                      params={"resource": "dipl", "start": "1.5", "end": "2.1"}).content)
    section = root.find(f"{DTS}wrapper/{TEI}div")
    assert section.get(XML_ID) == "dipl-s2"
    assert [etree.QName(c).localname for c in section] == ["head", "p"]


def test_every_pointer_in_a_served_document_resolves(edition_server):
    root = etree.fromstring(httpx.get(f"{edition_server}/dts/document", params={"resource": "dipl"}).content)
    assert_pointers_resolve(root, lambda url: httpx.get(url))


def assert_pointers_resolve(root, fetch) -> None:
    """Each @ref outside the document, resolved against the document's xml:base, names an
    entry of a register file that the site serves."""
    pointers = sorted({r for r in root.xpath(".//@ref") if not r.startswith("#")})
    assert pointers
    registers: dict[str, etree._Element] = {}
    for pointer in pointers:
        url = urljoin(root.base, pointer)
        document, _, fragment = url.partition("#")
        if document not in registers:
            response = fetch(document)
            assert response.status_code == 200, url
            registers[document] = etree.fromstring(response.content)
        assert registers[document].xpath("//*[@xml:id=$id]", id=fragment), url


def test_the_served_api_passes_the_validators_rules(edition_server):
    found = check_api(f"{edition_server}/dts", dynamic=True)
    assert found["resource"]["@id"] == "dipl"
    assert [u["identifier"] for u in found["range"]["member"]][:3] == ["giris", "giris.1", "giris.2"]


def test_the_static_files_pass_the_validators_rules_behind_a_plain_web_server(tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    site = tmp_path / "site"
    build(REPO / "tei", site, formats=[], base_url=base + "/")
    process = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                                "--directory", str(site)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(base)
        found = check_api(f"{base}/api/dts/index.jsonld", dynamic=False)
        assert found["resource"]["@id"] == "dipl"
        # the static range answer is the same as the served one (same members, same start/end)
        with serve(site) as served:
            dynamic = httpx.get(f"{served}/dts/navigation", params={
                "resource": "dipl", "start": "giris", "end": "sonuc", "down": "1"}).json()
        assert found["range"]["member"] == dynamic["member"]
        static_document = etree.fromstring(httpx.get(
            f"{base}/api/dts/document/dipl/giris/sonuc.tei").content)
        assert_pointers_resolve(static_document, lambda url: httpx.get(url))
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for(base: str) -> None:
    import time

    for _ in range(100):
        try:
            httpx.get(base, timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"{base} did not start")


def test_static_templates_name_every_parameter_a_file_can_answer(edition_site):
    import json

    entry = json.loads((edition_site / "api/dts/index.jsonld").read_text("utf-8"))
    assert set(URITemplate(entry["collection"]).variable_names) == {"id", "nav"}
    assert set(URITemplate(entry["navigation"]).variable_names) == {"resource", "tree", "down", "ref", "start", "end"}
    assert set(URITemplate(entry["document"]).variable_names) == {"resource", "tree", "ref", "start", "end"}


def test_teikit_serve_gives_the_static_files_their_media_types(edition_server):
    entry = httpx.get(f"{edition_server}/api/dts/index.jsonld")
    assert entry.headers["content-type"].startswith("application/ld+json")
    document = httpx.get(f"{edition_server}/api/dts/document/dipl.tei")
    assert document.headers["content-type"].startswith("application/tei+xml")


def test_a_large_derived_tree_gets_static_files_for_its_top_level_units_only():
    """Gogol's Revizor derives 1,925 units: the static files of each (every down, its
    siblings) would grow with the square of a level's width; the top-level units (acts)
    get theirs, the server answers the rest."""
    from teikit.publish.records import STATIC_UNIT_LIMIT, dts_files
    from teikit.publish.site import StaticUrls
    article = Article.held(EXTERNAL / "dracor-rus" / "gogol-revizor.xml")
    tree = dts.citation_trees(article)[0]
    assert len(tree.units) > STATIC_UNIT_LIMIT
    urls = StaticUrls("https://example.org/api/dts")
    names = {name for name, _ in dts_files(article, urls, "Revizor", "https://example.org/tei/g.xml")}
    tops = [u.identifier for u in tree.units if u.level == 1]
    assert all("api/dts/" + urls.document_file(article.id, ref=ref) in names for ref in tops)
    assert "api/dts/" + urls.document_file(article.id, ref="1.1.1") not in names
    assert "api/dts/" + urls.navigation_file(article.id, down=-1) in names


FIXTURES = Path(__file__).parent / "fixtures"


def test_a_text_cited_by_cref_patterns_gets_their_tree():
    """The CTS convention (Perseus, First1KGreek): cRefPatterns, no citeStructure."""
    article = Article.held(FIXTURES / "dts" / "cts-cref-patterns-book-and-line.xml")
    tree = dts.citation_trees(article)[0]
    assert tree.structure == [{"@type": "CiteStructure", "citeType": "book",
                               "citeStructure": [{"@type": "CiteStructure", "citeType": "line"}]}]
    assert [(u.identifier, u.level, u.parent, u.cite_type) for u in tree.units] == [
        ("1", 1, None, "book"), ("1.1", 2, "1", "line"), ("1.2", 2, "1", "line"),
        ("2", 1, None, "book"), ("2.1", 2, "2", "line"), ("2.2", 2, "2", "line")]
    edition = Edition([article])
    passage = dts.document(edition, [("resource", article.id), ("ref", "2.2")], dts.Urls("http://x/dts"))
    assert passage.status == 200 and b"inde toro pater" in passage.body
    passage = dts.document(edition, [("resource", article.id), ("start", "1.2"), ("end", "2.1")],
                           dts.Urls("http://x/dts"))
    assert passage.status == 200 and b"Italiam" in passage.body and b"Conticuere" in passage.body
    assert b"Arma" not in passage.body and b"inde toro" not in passage.body


def test_cite_structure_wins_over_cref_patterns(tmp_path):
    source = (FIXTURES / "dts" / "cts-cref-patterns-book-and-line.xml").read_text("utf-8")
    path = tmp_path / "both.xml"
    path.write_text(source.replace('<refsDecl n="CTS">', '<refsDecl><citeStructure unit="book" '
                                   'match="//tei:div[@subtype=\'book\']" use="@n"/></refsDecl><refsDecl n="CTS">'),
                    "utf-8")
    tree = dts.citation_trees(Article.held(path))[0]
    assert [u.identifier for u in tree.units] == ["1", "2"]


def test_a_dictionary_is_cited_by_its_entries():
    article = Article.held(FIXTURES / "rules" / "dictionary-entries-without-whitespace.xml")
    tree = dts.citation_trees(article)[0]
    assert [(u.identifier, u.cite_type) for u in tree.units] == [
        ("1", "entry"), ("2", "entry"), ("3", "entries"), ("3.1", "entry"), ("3.2", "entry")]


def test_a_documentary_transcription_is_cited_by_surface_zone_and_line():
    article = Article.held(FIXTURES / "rules" / "documentary-transcription-without-text.xml")
    tree = dts.citation_trees(article)[0]
    assert [(u.identifier, u.cite_type) for u in tree.units] == [
        ("1", "surface"), ("1.1", "zone"), ("1.1.1", "line"), ("1.1.2", "line"), ("1.2", "zone"),
        ("1.2.1", "line")]
    passage = dts.document(Edition([article]), [("resource", article.id), ("ref", "1.1.2")], dts.Urls("http://x/dts"))
    assert passage.status == 200 and b"Jena" in passage.body


def test_textparts_without_cref_patterns_are_cited_as_their_subtype(tmp_path):
    source = (FIXTURES / "dts" / "cts-cref-patterns-book-and-line.xml").read_text("utf-8")
    path = tmp_path / "plain.xml"
    path.write_text(source.split("<encodingDesc>")[0] + source.split("</encodingDesc>")[1], "utf-8")
    tree = dts.citation_trees(Article.held(path))[0]
    assert [(u.identifier, u.cite_type) for u in tree.units][:4] == [
        ("1", "edition"), ("1.1", "book"), ("1.1.1", "line"), ("1.1.2", "line")]


def test_cite_structure_written_as_the_guidelines_write_it_without_prefixes(tmp_path):
    """Perseus's Homeric Hymns: ``match="/TEI/text/body"``, then ``match="l"``: names in
    the TEI namespace without a prefix, as in the Guidelines' examples."""
    source = (FIXTURES / "dts" / "cts-cref-patterns-book-and-line.xml").read_text("utf-8")
    path = tmp_path / "unprefixed.xml"
    path.write_text(source.replace('<refsDecl n="CTS">', '<refsDecl><citeStructure unit="book" '
                                   'match="//body/div/div[@subtype = \'book\']" use="@n"><citeStructure unit="line" '
                                   'delim="." match="l[@n]" use="@n"/></citeStructure></refsDecl><refsDecl n="CTS">'),
                    "utf-8")
    tree = dts.citation_trees(Article.held(path))[0]
    assert [(u.identifier, u.cite_type) for u in tree.units] == [
        ("1", "book"), ("1.1", "line"), ("1.2", "line"), ("2", "book"), ("2.1", "line"), ("2.2", "line")]


def test_a_cite_structure_that_cites_nothing_gives_way_to_the_patterns(tmp_path):
    source = (FIXTURES / "dts" / "cts-cref-patterns-book-and-line.xml").read_text("utf-8")
    path = tmp_path / "empty.xml"
    path.write_text(source.replace('<refsDecl n="CTS">', '<refsDecl><citeStructure unit="x" match="//nothing" '
                                   'use="@n"/></refsDecl><refsDecl n="CTS">'), "utf-8")
    assert [u.identifier for u in dts.citation_trees(Article.held(path))[0].units][:2] == ["1", "1.1"]


@pytest.mark.parametrize("fixture", ["dts/cts-cref-patterns-book-and-line.xml",
                                     "rules/dictionary-entries-without-whitespace.xml",
                                     "rules/documentary-transcription-without-text.xml"])
def test_the_static_files_of_a_tree_from_patterns_or_new_structures_pass_the_validators_rules(tmp_path, fixture):
    """The trees this stop added (cRefPattern, a dictionary, a sourceDoc), written as static
    files and read behind a plain web server, as a DTS client would."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    edition = tmp_path / "tei"
    edition.mkdir()
    (edition / Path(fixture).name).write_bytes((FIXTURES / fixture).read_bytes())
    site = tmp_path / "site"
    build(edition, site, formats=[], base_url=base + "/")
    process = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                                "--directory", str(site)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(base)
        found = check_api(f"{base}/api/dts/index.jsonld", dynamic=False)
        units = dts.citation_trees(Article.held(FIXTURES / fixture))[0].units
        members = [u["identifier"] for u in found["range"]["member"]]          # first to last, down 1
        assert [m for m in members if "." not in m] == [u.identifier for u in units if u.level == 1]
        assert set(members) <= {u.identifier for u in units}
    finally:
        process.terminate()
        process.wait(timeout=10)
