"""The DTS validator's rules (distributed-text-services/validator 0.2.2), checked by our own code.

The validator is not on PyPI, so its checks are restated here from its test suite and
client, and run against any DTS API given its entry URL, over real HTTP (httpx):

* every JSON answer is ``application/ld+json``, has ``dtsVersion`` and matches the
  response's JSON Schema (ours, tests/schemas/dts, written from the spec);
* the entry's URI templates hold the parameters the spec gives each endpoint
  (``page`` and ``mediaType`` only where the API can answer them: ``dynamic=True``);
* the root collection, its parents (``nav=parents``), one resource found by walking
  the members, that resource's navigation with ``down=1``, ``down=2``, the last top-level
  unit with ``down=-1`` (a member array) and ``down=2``, the range first..last top-level
  unit with ``down=1`` and without ``down`` (``start``/``end`` in the answer), and the
  document whole, for that range and for the last unit: each answers below 400.

The validator's known bug is not copied: ``DTS_API.get_one_resource`` takes every member
of the root collection for a collection and asks the Collection endpoint for its
members, so an API whose root holds resources directly (as the spec allows, and as
teikit's does) fails it with an error of the validator's own; the walk below accepts
both kinds of member.
"""

from __future__ import annotations

import httpx
from lxml import etree
from uritemplate import URITemplate

from dts_schemas import assert_matches

TEI = "{http://www.tei-c.org/ns/1.0}"
DTS = "{https://w3id.org/api/dts#}"
TEMPLATE_PARAMETERS = {"collection": {"id", "nav"},
                       "navigation": {"resource", "ref", "start", "end", "down", "tree"},
                       "document": {"resource", "ref", "start", "end", "tree"}}
DYNAMIC_PARAMETERS = {"collection": {"page"}, "navigation": {"page"}, "document": {"mediaType"}}


def get_json(url: str, schema: str) -> dict:
    response = httpx.get(url, timeout=30)
    assert response.status_code < 400, (url, response.status_code)
    assert response.headers["content-type"].startswith("application/ld+json"), (url, response.headers)
    data = response.json()
    assert "dtsVersion" in data, url
    return assert_matches(schema, data)


def navigation(resource: dict, **params) -> dict:
    url = URITemplate(resource["navigation"]).expand(resource=resource["@id"], **params)
    data = get_json(url, "navigation")
    assert data["resource"]["@id"] == resource["@id"]
    return data


def document(resource: dict, **params) -> etree._Element:
    url = URITemplate(resource["document"]).expand(resource=resource["@id"], **params)
    response = httpx.get(url, timeout=30)
    assert response.status_code < 400, (url, response.status_code)
    assert response.headers["content-type"].startswith("application/tei+xml"), (url, response.headers)
    root = etree.fromstring(response.content)
    assert root.tag == f"{TEI}TEI"
    return root


def one_resource(entry: dict, collection: dict) -> dict:
    """The first Resource found walking the collections from the root (either kind of member)."""
    for member in collection.get("member", []):
        url = URITemplate(member.get("collection") or entry["collection"]).expand(id=member["@id"])
        full = get_json(url, "collection")
        if full["@type"] == "Resource":
            return full
        return one_resource(entry, full)
    raise AssertionError("no Resource in the API")


def check_api(entry_url: str, *, dynamic: bool) -> dict:
    """Run every rule against the API at *entry_url*; return what was found, for more checks."""
    entry = get_json(entry_url, "entry")
    for endpoint, needed in TEMPLATE_PARAMETERS.items():
        names = set(URITemplate(entry[endpoint]).variable_names)
        wanted = needed | (DYNAMIC_PARAMETERS[endpoint] if dynamic else set())
        assert wanted <= names, (endpoint, sorted(wanted - names))
    root = get_json(URITemplate(entry["collection"]).expand(), "collection")
    parents = get_json(URITemplate(entry["collection"]).expand(nav="parents"), "collection")
    assert parents["@id"] == root["@id"] and not parents.get("member")
    resource = one_resource(entry, root)
    found = {"entry": entry, "root": root, "resource": resource}
    tops = navigation(resource, down=1)["member"]
    found["down=2"] = navigation(resource, down=2)
    assert tops, "the resource has citable units"
    last = tops[-1]["identifier"]
    subtree = navigation(resource, ref=last, down=-1)
    assert subtree["member"] is not None and subtree["member"][0]["identifier"] == last
    navigation(resource, ref=last, down=2)
    first = tops[0]["identifier"]
    found["range"] = navigation(resource, start=first, end=last, down=1)
    plain = navigation(resource, start=first, end=last)
    assert plain["start"]["identifier"] == first and plain["end"]["identifier"] == last
    assert "member" not in plain
    assert document(resource).find(f"{DTS}wrapper") is None
    wrapper = document(resource, start=first, end=last).find(f"{DTS}wrapper")
    assert wrapper is not None and wrapper.get("start") == first and wrapper.get("end") == last
    assert document(resource, ref=last).find(f"{DTS}wrapper").get("ref") == last
    return found
