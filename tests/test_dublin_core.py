"""The one teiHeader -> Dublin Core mapping (xslt/common/dublin-core.xsl)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from oai_xsd import assert_valid, oai_dc_schema
from teikit.errors import InputError
from teikit.publish import dc

FIXTURES = Path(__file__).parent / "fixtures" / "edition"
SAMPLE = FIXTURES / "sample-article.xml"
REPO = Path(__file__).resolve().parents[1]


def test_record_is_valid_oai_dc():
    assert_valid(oai_dc_schema(), dc.dublin_core_xml(SAMPLE))


def test_titles_and_abstracts_keep_their_language():
    fields = dc.as_dict(dc.dublin_core(SAMPLE))
    assert fields["title"] == [
        {"value": "Örnek Makale: Moskova Antlaşması", "lang": "tr"},
        {"value": "Sample Article: The Treaty of Moscow", "lang": "en"},
    ]
    assert [d["lang"] for d in fields["description"]] == ["tr", "en"]
    assert fields["description"][1]["value"] == "English abstract text."


def test_creator_is_surname_comma_forename():
    assert dc.as_dict(dc.dublin_core(SAMPLE))["creator"] == [{"value": "Örnek, Ayşe"}]


def test_header_fields_map_to_their_dc_elements():
    fields = dc.as_dict(dc.dublin_core(SAMPLE))
    assert fields["publisher"] == [{"value": "teikit digital edition"}]
    assert fields["date"] == [{"value": "2026-11-21"}]
    assert fields["identifier"] == [{"value": "smpl"}]
    assert fields["language"] == [{"value": "tr"}, {"value": "en"}]
    assert fields["rights"] == [{"value": "https://creativecommons.org/licenses/by/4.0/"}]
    assert {"value": "Rusya", "lang": "tr"} in fields["subject"]
    assert fields["type"] == [{"value": "Text"}]


def test_missing_header_fields_are_absent_not_invented(tmp_path):
    minimal = tmp_path / "minimal.xml"
    minimal.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>'
        "<titleStmt><title>Only a title</title></titleStmt>"
        "<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc>"
        "</fileDesc></teiHeader><text><body><p>x</p></body></text></TEI>", encoding="utf-8")
    record = dc.dublin_core_xml(minimal)
    assert_valid(oai_dc_schema(), record)
    fields = dc.as_dict(etree.fromstring(record))
    assert fields["title"] == [{"value": "Only a title"}]
    assert set(fields) == {"title", "type", "format"}


def test_broken_tei_is_refused_with_its_position(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'>\n<teiHeader>\n</TEI>", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.xml:3:"):
        dc.dublin_core_xml(broken)


def test_html_stylesheets_can_import_the_mapping(tmp_path):
    """The HTML meta tags use the same mapping through xsl:import and tk:dublin-core()."""
    from saxonche import PySaxonProcessor

    importer = tmp_path / "meta.xsl"
    importer.write_text(f"""<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
        xmlns:tk="urn:teikit" xmlns:dc="http://purl.org/dc/elements/1.1/"
        xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="#all">
      <xsl:import href="{(REPO / 'xslt' / 'common' / 'dublin-core.xsl').as_uri()}"/>
      <xsl:mode on-no-match="shallow-skip"/>
      <xsl:template match="/tei:TEI">
        <head>
          <xsl:for-each select="tk:dublin-core(.)/dc:creator">
            <meta name="citation_author" content="{{.}}"/>
          </xsl:for-each>
        </head>
      </xsl:template>
    </xsl:stylesheet>""", encoding="utf-8")
    with PySaxonProcessor(license=False) as processor:
        executable = processor.new_xslt30_processor().compile_stylesheet(stylesheet_file=str(importer))
        html = executable.transform_to_string(source_file=str(SAMPLE))
    assert '<meta name="citation_author" content="Örnek, Ayşe"/>' in html


CORPUS = """<teiCorpus xmlns="http://www.tei-c.org/ns/1.0" xml:id="crps" xml:lang="en">
  <teiHeader><fileDesc>
    <titleStmt><title type="main">A corpus of two letters</title></titleStmt>
    <publicationStmt><publisher>A project</publisher><date when="2025-03-01"/></publicationStmt>
    <sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
  <TEI xml:id="crps-1"><teiHeader><fileDesc><titleStmt><title type="main">First letter</title></titleStmt>
    <publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
    <text><body><p>Dear friend.</p></body></text></TEI>
  <TEI xml:id="crps-2"><teiHeader><fileDesc><titleStmt><title type="main">Second letter</title></titleStmt>
    <publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
    <text><body><p>Dear friend, again.</p></body></text></TEI>
</teiCorpus>
"""


def test_a_corpus_is_described_by_its_own_header(tmp_path):
    """A teiCorpus root (ParlaMint's corpus files) gets a record of the corpus, not of a member."""
    corpus = tmp_path / "corpus.xml"
    corpus.write_text(CORPUS, encoding="utf-8")
    record = dc.dublin_core_xml(corpus)
    assert_valid(oai_dc_schema(), record)
    fields = dc.as_dict(etree.fromstring(record))
    assert fields["title"] == [{"value": "A corpus of two letters", "lang": "en"}]
    assert fields["publisher"] == [{"value": "A project"}]
    assert fields["date"] == [{"value": "2025-03-01"}]
    assert fields["language"] == [{"value": "en"}]
