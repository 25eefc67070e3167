"""The official OAI-PMH / oai_dc XSDs from ``../shared/schemas-reference``, loaded offline.

Their remote imports (dublincore.org, w3.org) are answered from the local copies through
the OASIS catalog beside them, named in ``XML_CATALOG_FILES`` as ../shared/README.md says
(libxml2 reads that variable once, when it first needs a catalog: this module sets it on
import, before any schema is loaded), so validation never needs the network: a schema
whose imports the catalog did not answer fails to load, loudly. Found relative to the
repository, never by an absolute path.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parents[1].parent / "shared" / "schemas-reference"
CATALOG = SCHEMAS / "catalog.xml"
os.environ["XML_CATALOG_FILES"] = " ".join(
    [str(CATALOG)] + [c for c in os.environ.get("XML_CATALOG_FILES", "").split() if c != str(CATALOG)])


def _schema(name: str, directory: Path = SCHEMAS) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    try:
        return etree.XMLSchema(etree.parse(str(directory / name), parser))
    except etree.XMLSchemaParseError as exc:
        raise AssertionError(f"{name}: its imports were not found through {CATALOG} "
                             f"(XML_CATALOG_FILES={os.environ.get('XML_CATALOG_FILES')}): {exc}") from None


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
