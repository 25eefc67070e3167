"""OAI-PMH 2.0 at /oai of `teikit serve`, harvested by a real client (sickle) over loopback.

Every response is validated against the official OAI-PMH / oai_dc XSDs in
../shared/schemas-reference (TEI records: the TEI root declared beside them, the TEI
itself against tei_all.rng with jing).
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
from urllib.parse import urlencode

import httpx
import pytest
from lxml import etree
from sickle import Sickle

from oai_xsd import SCHEMAS, assert_valid, oai_pmh_schema, oai_pmh_tei_schema
from publish_helpers import SAMPLE, serve, three_article_edition
from teikit.publish.site import build

OAI = "{http://www.openarchives.org/OAI/2.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("oai")
    build(three_article_edition(root / "tei"), root / "site", formats=[])
    return root / "site"


@pytest.fixture(scope="module")
def server(site):
    with serve(site, "--page-size", "1") as base:
        yield base


@pytest.fixture(scope="module")
def server_without_sets(site):
    with serve(site, "--no-sets") as base:
        yield base


def oai_get(base: str, **args) -> etree._Element:
    response = httpx.get(f"{base}/oai", params=args, timeout=30)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/xml")
    schema = oai_pmh_tei_schema() if args.get("metadataPrefix") == "tei" else oai_pmh_schema()
    return assert_valid(schema, response.content)


def error_code(root: etree._Element) -> str | None:
    error = root.find(f"{OAI}error")
    return error.get("code") if error is not None else None


def test_identify_names_the_repository_and_its_granularity(server):
    identify = Sickle(f"{server}/oai").Identify()
    assert identify.baseURL == f"{server}/oai"
    assert identify.protocolVersion == "2.0"
    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"
    assert identify.earliestDatestamp == "2026-11-21T00:00:00Z"
    oai_get(server, verb="Identify")


def test_harvester_walks_every_page_with_page_size_one(server):
    records = list(Sickle(f"{server}/oai").ListRecords(metadataPrefix="oai_dc"))
    assert [r.header.identifier for r in records] == ["oai:teikit.invalid:smpl", "oai:teikit.invalid:scnd", "oai:teikit.invalid:thrd"]
    assert records[0].metadata["title"] == ["Örnek Makale: Moskova Antlaşması",
                                            "Sample Article: The Treaty of Moscow"]


def test_each_page_is_valid_and_the_last_token_is_empty(server):
    root = oai_get(server, verb="ListIdentifiers", metadataPrefix="oai_dc")
    cursors = []
    while True:
        token = root.find(f"{OAI}ListIdentifiers/{OAI}resumptionToken")
        assert token.get("completeListSize") == "3"
        cursors.append(token.get("cursor"))
        if not token.text:
            break
        root = oai_get(server, verb="ListIdentifiers", resumptionToken=token.text)
    assert cursors == ["0", "1", "2"]
    assert len(root.findall(f"{OAI}ListIdentifiers/{OAI}header")) == 1


def test_sets_per_edition_and_article_type(server):
    sickle = Sickle(f"{server}/oai")
    assert [s.setSpec for s in sickle.ListSets()] == ["edition", "type", "type:article", "type:review"]
    reviews = list(sickle.ListIdentifiers(metadataPrefix="oai_dc", set="type:review"))
    assert [h.identifier for h in reviews] == ["oai:teikit.invalid:thrd"]
    assert reviews[0].setSpecs == ["edition", "type:review"]
    assert len(list(sickle.ListIdentifiers(metadataPrefix="oai_dc", set="type"))) == 3


def test_metadata_formats_are_oai_dc_and_tei(server):
    formats = list(Sickle(f"{server}/oai").ListMetadataFormats(identifier="oai:teikit.invalid:smpl"))
    assert [f.metadataPrefix for f in formats] == ["oai_dc", "tei"]


def test_tei_record_is_the_article_and_valid_tei_all(server, tmp_path):
    root = oai_get(server, verb="GetRecord", identifier="oai:teikit.invalid:smpl", metadataPrefix="tei")
    tei = root.find(f"{OAI}GetRecord/{OAI}record/{OAI}metadata/{{http://www.tei-c.org/ns/1.0}}TEI")
    assert tei.attrib.pop(XML_BASE) == f"{server}/tei/sample-article.xml"   # its pointers resolve there
    original = etree.parse(str(SAMPLE)).getroot()
    assert (etree.tostring(tei, method="c14n", exclusive=True)
            == etree.tostring(original, method="c14n", exclusive=True))
    extracted = tmp_path / "record.xml"
    extracted.write_bytes(etree.tostring(tei))
    jing = shutil.which("jing")
    assert jing, "jing is needed (apt: jing)"
    result = subprocess.run([jing, str(SCHEMAS / "tei_all.rng"), str(extracted)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_post_answers_like_get(server):
    args = {"verb": "GetRecord", "identifier": "oai:teikit.invalid:scnd", "metadataPrefix": "oai_dc"}
    got = httpx.get(f"{server}/oai", params=args).content
    posted = httpx.post(f"{server}/oai", content=urlencode(args),
                        headers={"Content-Type": "application/x-www-form-urlencoded"}).content
    strip = lambda b: etree.tostring(_without_date(etree.fromstring(b)))  # noqa: E731
    assert strip(got) == strip(posted)
    assert_valid(oai_pmh_schema(), posted)


def _without_date(root):
    root.remove(root.find(f"{OAI}responseDate"))
    return root


def test_datestamps_are_utc_from_the_revision_history(server):
    headers = {h.identifier: h.datestamp for h in Sickle(f"{server}/oai").ListIdentifiers(metadataPrefix="oai_dc")}
    assert headers == {"oai:teikit.invalid:smpl": "2026-11-21T00:00:00Z",
                       "oai:teikit.invalid:scnd": "2026-11-25T06:30:00Z",   # 09:30+03:00
                       "oai:teikit.invalid:thrd": "2026-12-01T00:00:00Z"}


@pytest.mark.parametrize("bounds, expected", [
    ({"from": "2026-11-25"}, ["scnd", "thrd"]),
    ({"until": "2026-11-25"}, ["smpl", "scnd"]),                     # a day until is the whole day
    ({"from": "2026-11-25T06:30:00Z"}, ["scnd", "thrd"]),           # inclusive
    ({"from": "2026-11-25T06:30:01Z"}, ["thrd"]),
    ({"from": "2026-11-21", "until": "2026-11-21"}, ["smpl"]),
    ({"until": "2026-11-25T06:29:59Z"}, ["smpl"]),
])
def test_from_and_until_select_by_datestamp(server, bounds, expected):
    root = oai_get(server, verb="ListIdentifiers", metadataPrefix="oai_dc", **bounds)
    found = []
    while True:
        found += [h.findtext(f"{OAI}identifier").rsplit(":", 1)[1] for h in root.iter(f"{OAI}header")]
        token = root.find(f"{OAI}ListIdentifiers/{OAI}resumptionToken")
        if token is None or not token.text:
            break
        root = oai_get(server, verb="ListIdentifiers", resumptionToken=token.text)
    assert found == expected


@pytest.mark.parametrize("query, code", [
    ("", "badVerb"),
    ("verb=Harvest", "badVerb"),
    ("verb=Identify&verb=Identify", "badVerb"),
    ("verb=Identify&extra=1", "badArgument"),
    ("verb=%00", "badVerb"),
    ("verb=GetRecord&identifier=%00&metadataPrefix=oai_dc", "badArgument"),
    ("verb=GetRecord&identifier=%EF%BF%BE&metadataPrefix=oai_dc", "badArgument"),
    ("verb=ListRecords", "badArgument"),
    ("verb=GetRecord&identifier=oai:teikit.invalid:smpl", "badArgument"),
    ("verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=tei", "badArgument"),
    ("verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=x", "badArgument"),
    ("verb=ListRecords&metadataPrefix=oai_dc&from=2026-11", "badArgument"),
    ("verb=ListRecords&metadataPrefix=oai_dc&from=2026-11-21&until=2026-12-01T00:00:00Z", "badArgument"),
    ("verb=ListRecords&metadataPrefix=oai_dc&from=2026-12-01&until=2026-11-01", "badArgument"),
    ("verb=ListRecords&metadataPrefix=oai_dc&from=2026-02-30", "badArgument"),
    ("verb=ListRecords&resumptionToken=not-a-token", "badResumptionToken"),
    ("verb=ListIdentifiers&resumptionToken=eyJjdXJzb3IiOiAxfQ.0000000000000000", "badResumptionToken"),
    ("verb=ListRecords&metadataPrefix=marc21", "cannotDisseminateFormat"),
    ("verb=GetRecord&identifier=oai:teikit.invalid:smpl&metadataPrefix=marc21", "cannotDisseminateFormat"),
    ("verb=GetRecord&identifier=oai:teikit.invalid:nope&metadataPrefix=oai_dc", "idDoesNotExist"),
    ("verb=GetRecord&identifier=../../etc/passwd&metadataPrefix=oai_dc", "badArgument"),   # not a URI
    ("verb=GetRecord&identifier=oai:teikit.invalid:..%2F..%2Fetc%2Fpasswd&metadataPrefix=oai_dc",
     "idDoesNotExist"),
    ("verb=ListMetadataFormats&identifier=oai:teikit.invalid:nope", "idDoesNotExist"),
    ("verb=ListRecords&metadataPrefix=oai_dc&from=2030-01-01", "noRecordsMatch"),
    ("verb=ListRecords&metadataPrefix=oai_dc&set=type:letter", "noRecordsMatch"),
])
def test_bad_requests_get_their_protocol_error(server, query, code):
    response = httpx.get(f"{server}/oai?{query}")
    assert response.status_code == 200
    root = assert_valid(oai_pmh_schema(), response.content)
    assert error_code(root) == code
    request = root.find(f"{OAI}request")
    if code in ("badVerb", "badArgument"):
        assert dict(request.attrib) == {}, "badVerb/badArgument must echo no arguments"
    assert request.text == f"{server}/oai"


def test_a_token_from_another_list_is_refused(server):
    root = oai_get(server, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = root.find(f"{OAI}ListIdentifiers/{OAI}resumptionToken").text
    assert error_code(oai_get(server, verb="ListRecords", resumptionToken=token)) == "badResumptionToken"
    assert error_code(oai_get(server, verb="ListIdentifiers", resumptionToken=token[:-1] + "x")) \
        == "badResumptionToken"


def test_without_sets_the_repository_says_no_set_hierarchy(server_without_sets):
    assert error_code(oai_get(server_without_sets, verb="ListSets")) == "noSetHierarchy"
    root = oai_get(server_without_sets, verb="ListRecords", metadataPrefix="oai_dc", set="edition")
    assert error_code(root) == "noSetHierarchy"
    # a whole list fits on one page of 50: no resumptionToken at all
    root = oai_get(server_without_sets, verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert root.find(f".//{OAI}resumptionToken") is None
    assert len(root.findall(f".//{OAI}header")) == 3


def test_tei_records_come_one_per_page_so_xml_ids_never_clash(server_without_sets):
    records = list(Sickle(f"{server_without_sets}/oai").ListRecords(metadataPrefix="tei"))
    assert [r.header.identifier for r in records] == ["oai:teikit.invalid:smpl", "oai:teikit.invalid:scnd", "oai:teikit.invalid:thrd"]
    first = oai_get(server_without_sets, verb="ListRecords", metadataPrefix="tei")
    assert len(first.findall(f".//{OAI}record")) == 1
    assert first.find(f".//{OAI}resumptionToken").get("completeListSize") == "3"


def test_an_item_without_formats_answers_no_metadata_formats(site):
    """The repository, given no format for an item, says noMetadataFormats (not reachable
    through the served edition, where every item has oai_dc, as the protocol requires)."""
    from teikit import edition
    from teikit.publish import oai

    repository = oai.Repository(edition.load([site / "tei"]), formats={})
    root = assert_valid(oai_pmh_schema(), repository.respond(
        [("verb", "ListMetadataFormats"), ("identifier", "oai:teikit.invalid:smpl")]))
    assert error_code(root) == "noMetadataFormats"


def test_three_hundred_concurrent_requests_all_answer_correctly(server):
    """A bounded load test on loopback: every response valid and about the record asked for."""
    ids = ["smpl", "scnd", "thrd"]

    async def one(client, n):
        article = ids[n % 3]
        if n % 2:
            response = await client.get("/oai", params={"verb": "GetRecord", "metadataPrefix": "oai_dc",
                                                        "identifier": f"oai:teikit.invalid:{article}"})
            root = etree.fromstring(response.content)
            return (response.status_code, oai_pmh_schema().validate(root),
                    root.findtext(f".//{OAI}identifier") == f"oai:teikit.invalid:{article}")
        response = await client.get("/dts/navigation", params={"resource": article, "down": "1"})
        return response.status_code, response.json()["resource"]["@id"] == article, True

    async def run():
        limits = httpx.Limits(max_connections=100)
        async with httpx.AsyncClient(base_url=server, limits=limits, timeout=30) as client:
            return await asyncio.wait_for(asyncio.gather(*(one(client, n) for n in range(300))), 60)

    results = asyncio.run(run())
    assert len(results) == 300
    assert all(r == (200, True, True) for r in results), [r for r in results if r != (200, True, True)][:5]


_NAMES = ["verb", "identifier", "metadataPrefix", "from", "until", "set", "resumptionToken"]
_VALUES = ["Identify", "ListRecords", "ListIdentifiers", "GetRecord", "ListSets", "ListMetadataFormats",
           "oai_dc", "tei", "oai:teikit.invalid:smpl", "2026-11-21", "2026-11-21T00:00:00Z", "edition", "type:article"]


@pytest.fixture(scope="module")
def repository():
    from teikit import edition
    from teikit.publish import oai

    return oai.Repository(edition.load([SAMPLE.parent]), oai.OaiConfig(page_size=1))


def test_any_request_whatsoever_gets_a_valid_oai_response(repository):
    """Hypothesis throws arbitrary argument lists at the repository: every answer is a
    schema-valid OAI-PMH response (a record or one of the protocol's errors), never a crash."""
    from hypothesis import given, settings, strategies as st

    names = st.one_of(st.sampled_from(_NAMES), st.text(max_size=8))
    values = st.one_of(st.sampled_from(_VALUES), st.text(max_size=30))

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.tuples(names, values), max_size=5))
    def check(pairs):
        root = assert_valid(oai_pmh_tei_schema(), repository.respond(pairs))
        code = error_code(root)
        assert code in (None, "badVerb", "badArgument", "badResumptionToken", "cannotDisseminateFormat",
                        "idDoesNotExist", "noRecordsMatch", "noSetHierarchy", "noMetadataFormats")

    check()


def test_repository_name_and_admin_email_are_the_portals_to_set(site):
    with serve(site, "--name", "Türk-Sovyet İlişkileri", "--admin-email", "editor@example.org") as base:
        root = oai_get(base, verb="Identify")
        assert root.findtext(f"{OAI}Identify/{OAI}repositoryName") == "Türk-Sovyet İlişkileri"
        assert root.findtext(f"{OAI}Identify/{OAI}adminEmail") == "editor@example.org"
        assert httpx.get(f"{base}/dts/collection").json()["title"] == "Türk-Sovyet İlişkileri"
        for page in ("/", "/index.html"):                    # the front page too, as --help says
            front = httpx.get(base + page).text
            assert "<title>Türk-Sovyet İlişkileri</title>" in front and "<h1>Türk-Sovyet İlişkileri</h1>" in front
            assert 'href="tei/sample-article.xml"' in front


def test_serve_names_the_edition_as_it_was_built_by_default(tmp_path):
    from click.testing import CliRunner

    from teikit.cli import main

    site = tmp_path / "site"
    built = CliRunner().invoke(main, ["build", str(three_article_edition(tmp_path / "tei")), "--out", str(site),
                                      "--to", "html", "--name", "Moskova Antlaşması Edisyonu"])
    assert built.exit_code == 0, built.output
    with serve(site) as base:
        assert oai_get(base, verb="Identify").findtext(f"{OAI}Identify/{OAI}repositoryName") \
            == "Moskova Antlaşması Edisyonu"
        assert "<h1>Moskova Antlaşması Edisyonu</h1>" in httpx.get(f"{base}/").text


def test_serve_logs_each_request(site):
    log: list[str] = []
    with serve(site, log=log) as base:
        httpx.get(f"{base}/oai", params={"verb": "Identify"})
        httpx.get(f"{base}/no-such-page")
    assert any('"GET /oai?verb=Identify HTTP/1.1" 200' in line for line in log), log
    assert any('"GET /no-such-page HTTP/1.1" 404' in line for line in log), log
    quiet: list[str] = []
    with serve(site, "--no-access-log", log=quiet) as base:
        httpx.get(f"{base}/oai", params={"verb": "Identify"})
    assert not any("GET /oai" in line for line in quiet)


def test_an_admin_email_oai_pmh_would_refuse_is_a_usage_error(site):
    from click.testing import CliRunner

    from teikit.cli import main

    result = CliRunner().invoke(main, ["serve", str(site), "--admin-email", "editors"])
    assert result.exit_code == 2 and "'editors' is not an e-mail address" in result.output


# -- argument values: every argument, with values of every awkward kind ----------------
AWKWARD = {"empty": "", "blank": "   ", "space inside": "a b", "over-long": "a" * 5000,
           "non-ASCII": "türkçe-ß", "colon alone": "type:", "percent": "%zz", "angle": "<x>",
           "long non-ASCII URI": "oai:örnek.org:" + "ü" * 3000}
#: the kinds whose syntax each argument refuses (OAI-PMH.xsd's types, a URI for identifier)
ILLEGAL = {"metadataPrefix": set(AWKWARD) - {"over-long"}, "set": set(AWKWARD) - {"over-long"},
           "identifier": set(AWKWARD) - {"long non-ASCII URI"}, "from": set(AWKWARD), "until": set(AWKWARD),
           "resumptionToken": set()}
#: verb and the other arguments it needs, for each argument under test
CONTEXT = {"metadataPrefix": {"verb": "ListRecords"},
           "set": {"verb": "ListRecords", "metadataPrefix": "oai_dc"},
           "identifier": {"verb": "GetRecord", "metadataPrefix": "oai_dc"},
           "from": {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"},
           "until": {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"},
           "resumptionToken": {"verb": "ListRecords"}}


@pytest.mark.parametrize("kind", sorted(AWKWARD))
@pytest.mark.parametrize("argument", sorted(CONTEXT))
def test_every_argument_value_gets_a_schema_valid_answer(server, argument, kind):
    """Whatever the value, the answer is valid OAI-PMH (OAI-PMH.xsd): a value of illegal
    syntax is a badArgument with a bare <request>, any other is echoed and answered."""
    value = AWKWARD[kind]
    response = httpx.get(f"{server}/oai", params={**CONTEXT[argument], argument: value}, timeout=30)
    root = assert_valid(oai_pmh_schema(), response.content)
    request = root.find(f"{OAI}request")
    code = error_code(root)
    if code in ("badVerb", "badArgument"):
        assert dict(request.attrib) == {}
    else:
        assert request.get(argument) == value
    if kind in ILLEGAL[argument]:
        assert code == "badArgument", (argument, kind, code)
    else:
        assert code in ("cannotDisseminateFormat", "noRecordsMatch", "idDoesNotExist", "badResumptionToken")


@pytest.mark.parametrize("query", ["verb=ListRecords&metadataPrefix=", "verb=ListRecords&metadataPrefix=a%20b",
                                   "verb=ListRecords&metadataPrefix=oai_dc&set=",
                                   "verb=ListRecords&metadataPrefix=oai_dc&set=a%20b",
                                   "verb=ListRecords&metadataPrefix=oai_dc&set=type:",
                                   "verb=ListRecords&metadataPrefix=marc%2021&from=2026-13-01"])
def test_the_values_harvesters_sent_get_bad_argument(server, query):
    root = assert_valid(oai_pmh_schema(), httpx.get(f"{server}/oai?{query}").content)
    assert error_code(root) == "badArgument"
    assert dict(root.find(f"{OAI}request").attrib) == {}


def test_first_dc_identifier_is_the_url_of_the_tei_file_and_it_resolves(server):
    record = next(iter(Sickle(f"{server}/oai").ListRecords(metadataPrefix="oai_dc")))
    url = record.metadata["identifier"][0]
    assert url == f"{server}/tei/sample-article.xml"
    assert httpx.get(url).content == SAMPLE.read_bytes()
    assert record.metadata["identifier"][1:] == ["smpl"]          # the edition's own idno follows


def test_identifiers_take_their_domain_from_the_public_url(site):
    with serve(site, "--public-url", "https://edition.example.org") as base:
        identify = oai_get(base, verb="Identify")
        assert identify.findtext(f"{OAI}Identify/{OAI}baseURL") == "https://edition.example.org/oai"
        headers = oai_get(base, verb="ListIdentifiers", metadataPrefix="oai_dc")
        assert [h.text for h in headers.iter(f"{OAI}identifier")] == [
            "oai:edition.example.org:smpl", "oai:edition.example.org:scnd", "oai:edition.example.org:thrd"]
        record = oai_get(base, verb="GetRecord", identifier="oai:edition.example.org:smpl", metadataPrefix="oai_dc")
        assert record.findtext(f".//{DC}identifier") == "https://edition.example.org/tei/sample-article.xml"


def test_a_contributor_named_in_two_resp_statements_is_listed_once(tmp_path):
    edition = three_article_edition(tmp_path / "tei")
    sample = edition / "sample-article.xml"
    text = sample.read_text("utf-8")
    second = ('<respStmt><resp>Curation</resp><orgName>teikit editorial team</orgName></respStmt>'
              '<respStmt><resp>Proofs</resp><persName>Deniz Yılmaz</persName></respStmt></titleStmt>')
    sample.write_text(text.replace("</titleStmt>", second, 1), "utf-8")
    build(edition, tmp_path / "site", formats=[])
    with serve(tmp_path / "site") as base:
        record = oai_get(base, verb="GetRecord", identifier="oai:teikit.invalid:smpl", metadataPrefix="oai_dc")
        assert [c.text for c in record.iter(f"{DC}contributor")] == ["teikit editorial team", "Deniz Yılmaz"]
        dts = httpx.get(f"{base}/dts/collection", params={"id": "smpl"}).json()
        assert dts["dublinCore"]["contributor"] == ["teikit editorial team", "Deniz Yılmaz"]


def test_every_pointer_in_a_served_tei_record_resolves(server):
    """A harvester resolves the record's pointers against its xml:base: each leads to the
    register file of the site, and the entry pointed at is there."""
    from urllib.parse import urljoin

    root = oai_get(server, verb="GetRecord", identifier="oai:teikit.invalid:smpl", metadataPrefix="tei")
    tei = root.find(f".//{{http://www.tei-c.org/ns/1.0}}TEI")
    pointers = {r for r in tei.xpath(".//@ref") if not r.startswith("#")}
    assert pointers, "the sample points into the registers"
    for pointer in sorted(pointers):
        url = urljoin(tei.base, pointer)
        document, _, fragment = url.partition("#")
        response = httpx.get(document)
        assert response.status_code == 200, url
        assert etree.fromstring(response.content).xpath("//*[@xml:id=$id]", id=fragment), url
