<?xml version="1.0" encoding="UTF-8"?>
<!--
  xslt/common/backlinks.xsl - each bibliography entry of a reading page links back to the
  places of the text that cite it.

  Where it sits in the pipeline: imported by xslt/html.xsl (teikit render -​-to html), which
  passes the rendered article through tk:add-backlinks. An entry (an li with the id of a
  TEI bibl, in the section with role="doc-bibliography") gets, after its text, "Atıf:" and
  one link per citing paragraph or note, labelled as the register labels occurrences
  ("s. 22, ¶ 69; s. 12, dn. 5": never an xml:id), each with role="doc-backlink".
  A citation is a TEI bibl whose @corresp points at the entry ("#dipl-bib-kolesnikov-2010",
  docs/encoding.md "Citations and bibliography"). A page that cites nothing is returned as
  it is, and in one that does, only the bibliography is copied node by node. Uses tk:anchor-of, tk:page-of
  (common/entry-cards.xsl) and tk:anchor-label (common/register-entries.xsl).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:mode name="tk:backlinks" on-no-match="shallow-copy"/>

  <!-- $nodes (the rendered article) with back-links after each cited entry; $citations:
       the article's citing bibl elements -->
  <xsl:function name="tk:add-backlinks" as="node()*">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:param name="citations" as="element(tei:bibl)*"/>
    <xsl:variable name="by-entry" as="map(xs:string, element(tei:bibl)*)">
      <xsl:map>
        <xsl:for-each-group select="$citations" group-by="tokenize(@corresp)[starts-with(., '#')] ! substring(., 2)">
          <xsl:map-entry key="current-grouping-key()" select="current-group()"/>
        </xsl:for-each-group>
      </xsl:map>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="map:size($by-entry) eq 0">
        <xsl:sequence select="$nodes"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="$nodes" mode="tk:backlinks">
          <xsl:with-param name="by-entry" select="$by-entry" tunnel="yes"/>
        </xsl:apply-templates>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- what is neither a bibliography nor in one, nor holds one, is copied whole -->
  <xsl:template match="*[empty(ancestor-or-self::h:section[@role = 'doc-bibliography'])]
                        [empty(descendant::h:section[@role = 'doc-bibliography'])]" mode="tk:backlinks" priority="2">
    <xsl:copy-of select="."/>
  </xsl:template>

  <xsl:template match="h:li[@id][ancestor::h:section[@role = 'doc-bibliography']]" mode="tk:backlinks">
    <xsl:param name="by-entry" as="map(xs:string, element(tei:bibl)*)" tunnel="yes"/>
    <xsl:variable name="citing" as="element(tei:bibl)*" select="$by-entry(string(@id))"/>
    <xsl:copy>
      <xsl:apply-templates select="@* | node()" mode="tk:backlinks"/>
      <xsl:if test="exists($citing)">
        <span class="backlinks">
          <xsl:text> — Atıf: </xsl:text>
          <xsl:for-each-group select="$citing[tk:anchor-of(.) ne '']" group-by="tk:anchor-of(.)">
            <xsl:if test="position() gt 1">; </xsl:if>
            <a href="#{current-grouping-key()}" role="doc-backlink">
              <xsl:value-of select="string-join((('s. ' || tk:page-of(.))[tk:page-of(current()) ne ''],
                                                  tk:anchor-label(current-grouping-key())), ', ')"/>
            </a>
          </xsl:for-each-group>
        </span>
      </xsl:if>
    </xsl:copy>
  </xsl:template>
</xsl:stylesheet>
