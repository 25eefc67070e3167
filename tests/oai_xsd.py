"""The official OAI-PMH / oai_dc XSDs from ``../shared/schemas-reference``, loaded offline.

Their remote imports (dublincore.org, w3.org) are answered from the local copies through
an lxml resolver that reads the OASIS catalog beside them, so validation never needs the
network. Found relative to the repository, never by an absolute path.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parents[1].parent / "shared" / "schemas-reference"
CATALOG_NS = "urn:oasis:names:tc:entity:xmlns:xml:catalog"


class _CatalogResolver(etree.Resolver):
    def __init__(self, catalog: Path) -> None:
        super().__init__()
        tree = etree.parse(str(catalog))
        self.map = {e.get("name") or e.get("systemId"): str(catalog.parent / e.get("uri"))
                    for e in tree.getroot() if isinstance(e.tag, str)}

    def resolve(self, url, pubid, context):
        local = self.map.get(url)
        return self.resolve_filename(local, context) if local else None


def _schema(name: str, directory: Path = SCHEMAS) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_CatalogResolver(SCHEMAS / "catalog.xml"))
    return etree.XMLSchema(etree.parse(str(directory / name), parser))


@lru_cache(maxsize=None)
def oai_dc_schema() -> etree.XMLSchema:
    """The official oai_dc.xsd (a record's metadata)."""
    return _schema("oai_dc.xsd")


@lru_cache(maxsize=None)
def oai_pmh_schema() -> etree.XMLSchema:
    """OAI-PMH.xsd with oai_dc loaded beside it: whole responses carrying oai_dc records."""
    return _schema("oai-pmh-with-oai_dc.xsd")


@lru_cache(maxsize=None)
def oai_pmh_tei_schema() -> etree.XMLSchema:
    """OAI-PMH.xsd with oai_dc and a TEI root declaration: responses carrying tei records."""
    return _schema("oai-pmh-with-tei.xsd", Path(__file__).parent / "schemas" / "oai")


def assert_valid(schema: etree.XMLSchema, document: bytes | etree._Element) -> etree._Element:
    """Validate and return the root; the assertion message lists libxml2's errors."""
    root = etree.fromstring(document) if isinstance(document, bytes) else document
    ok = schema.validate(root)
    assert ok, "\n".join(str(e) for e in schema.error_log)
    return root
