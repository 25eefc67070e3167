<?xml version="1.0" encoding="UTF-8"?>
<!--
  xslt/common/dublin-core.xsl - THE one mapping from a TEI header to Dublin Core.

  Where it sits in the pipeline: every output that describes an article imports this
  module instead of reading the teiHeader itself:
    * the HTML stylesheets (citation_* meta tags, JSON-LD) via xsl:import;
    * teikit.publish.dc (Python, through saxonche) for OAI-PMH oai_dc records, the DTS
      "dublinCore" member and the JSON index of the edition (mode "dublin-core").

  Public interface (namespace prefix tk = "urn:teikit"):
    tk:dublin-core($tei as element()) as element(oai_dc:dc)   (tei:TEI or tei:teiCorpus)
    mode "dublin-core": applied to a document node, tei:TEI or tei:teiCorpus (a corpus is
    described by its own teiHeader), yields the same element.

  The result is an oai_dc:dc element valid against the official oai_dc.xsd, holding
  simple Dublin Core elements (dc:*) in this order and with these sources:
    dc:title        titleStmt/title[@type='main'] (one per language, @xml:lang kept);
                    falls back to the document's own titles, then to every titleStmt/title
    dc:creator      titleStmt/author: "Surname, Forename" when both are tagged,
                    otherwise the author's text, whitespace-normalised
    dc:contributor  titleStmt/respStmt/(persName|orgName|name), each name once
    dc:publisher    publicationStmt/publisher
    dc:date         publicationStmt/date/@when (else its text)
    dc:type         "Text" (DCMI Type vocabulary)
    dc:format       "application/tei+xml"
    dc:identifier   publicationStmt/idno (every one; the teikit idno first)
    dc:source       sourceDesc/bibl, whitespace-normalised
    dc:language     TEI/@xml:lang, then the other langUsage/language/@ident values
    dc:subject      textClass/keywords/term (@xml:lang of the keywords kept)
    dc:description  profileDesc/abstract (one per language, @xml:lang kept)
    dc:rights       availability/licence/@target (else the licence text)
  Empty values are never emitted. Nothing is invented: a field the header lacks is absent.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
    exclude-result-prefixes="xs tei tk">

  <xsl:import href="tei-facts.xsl"/>

  <xsl:mode name="dublin-core" on-no-match="shallow-skip"/>

  <xsl:template match="document-node()" mode="dublin-core">
    <xsl:apply-templates select="tei:TEI | tei:teiCorpus" mode="dublin-core"/>
  </xsl:template>

  <xsl:template match="tei:TEI | tei:teiCorpus" mode="dublin-core">
    <xsl:sequence select="tk:dublin-core(.)"/>
  </xsl:template>

  <!-- The mapping itself: one oai_dc:dc element per article (a TEI or teiCorpus root). -->
  <xsl:function name="tk:dublin-core" as="element(oai_dc:dc)">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="file" as="element(tei:fileDesc)?" select="$tei/tei:teiHeader/tei:fileDesc"/>
    <xsl:variable name="profile" as="element(tei:profileDesc)?" select="$tei/tei:teiHeader/tei:profileDesc"/>
    <oai_dc:dc xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
               xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
      <xsl:sequence select="tk:dc-titles($file/tei:titleStmt)"/>
      <xsl:for-each select="$file/tei:titleStmt/tei:author">
        <xsl:sequence select="tk:dc('creator', tk:person-name(.), ())"/>
      </xsl:for-each>
      <!-- one contributor once, however many respStmts name them -->
      <xsl:for-each select="distinct-values($file/tei:titleStmt/tei:respStmt/(tei:persName | tei:orgName | tei:name)
                                            ! normalize-space(.))">
        <xsl:sequence select="tk:dc('contributor', ., ())"/>
      </xsl:for-each>
      <xsl:for-each select="$file/tei:publicationStmt/tei:publisher">
        <xsl:sequence select="tk:dc('publisher', normalize-space(.), ())"/>
      </xsl:for-each>
      <xsl:for-each select="($file/tei:publicationStmt/tei:date)[1]">
        <xsl:sequence select="tk:dc('date', (@when, normalize-space(.))[. ne ''][1], ())"/>
      </xsl:for-each>
      <xsl:sequence select="tk:dc('type', 'Text', ())"/>
      <xsl:sequence select="tk:dc('format', 'application/tei+xml', ())"/>
      <xsl:for-each select="$file/tei:publicationStmt/tei:idno[@type = 'teikit'],
                            $file/tei:publicationStmt/tei:idno[not(@type = 'teikit')]">
        <xsl:sequence select="tk:dc('identifier', normalize-space(.), ())"/>
      </xsl:for-each>
      <xsl:for-each select="$file/tei:sourceDesc/tei:bibl">
        <xsl:sequence select="tk:dc('source', normalize-space(.), ())"/>
      </xsl:for-each>
      <xsl:for-each select="distinct-values(($tei/@xml:lang, $profile/tei:langUsage/tei:language/@ident)
                                            [normalize-space(.) ne ''] ! string(.))">
        <xsl:sequence select="tk:dc('language', ., ())"/>
      </xsl:for-each>
      <xsl:for-each select="$profile/tei:textClass/tei:keywords/tei:term">
        <xsl:sequence select="tk:dc('subject', normalize-space(.), ancestor::*[@xml:lang][1]/@xml:lang)"/>
      </xsl:for-each>
      <xsl:for-each select="$profile/tei:abstract">
        <xsl:sequence select="tk:dc('description', normalize-space(.), @xml:lang)"/>
      </xsl:for-each>
      <xsl:for-each select="$file/tei:publicationStmt/tei:availability/tei:licence">
        <xsl:sequence select="tk:dc('rights', (@target, normalize-space(.))[. ne ''][1], ())"/>
      </xsl:for-each>
    </oai_dc:dc>
  </xsl:function>

  <!-- dc:title: the main titles, else the document's own titles (common/tei-facts.xsl: a
       letter's, not its series'), else every title of the titleStmt. -->
  <xsl:function name="tk:dc-titles" as="element()*">
    <xsl:param name="titleStmt" as="element(tei:titleStmt)?"/>
    <xsl:variable name="main" as="element(tei:title)*" select="$titleStmt/tei:title[@type = 'main']"/>
    <xsl:variable name="own" as="element(tei:title)*" select="tk:own-titles($titleStmt/tei:title)"/>
    <xsl:for-each select="if (exists($main)) then $main else if (exists($own)) then $own else $titleStmt/tei:title">
      <xsl:sequence select="tk:dc('title', normalize-space(.), (@xml:lang, ancestor::*[@xml:lang][1]/@xml:lang)[1])"/>
    </xsl:for-each>
  </xsl:function>

  <!-- A person's name for dc:creator: "Surname, Forename" when both are tagged. -->
  <xsl:function name="tk:person-name" as="xs:string">
    <xsl:param name="who" as="element()"/>
    <xsl:variable name="surname" as="xs:string" select="normalize-space(string-join($who//tei:surname, ' '))"/>
    <xsl:variable name="forename" as="xs:string" select="normalize-space(string-join($who//tei:forename, ' '))"/>
    <xsl:sequence select="if ($surname ne '' and $forename ne '')
                          then $surname || ', ' || $forename
                          else normalize-space($who)"/>
  </xsl:function>

  <!-- One dc:* element, or nothing when the value is empty. -->
  <xsl:function name="tk:dc" as="element()?">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="value" as="xs:string?"/>
    <xsl:param name="lang" as="xs:string?"/>
    <xsl:if test="normalize-space($value) ne ''">
      <xsl:element name="dc:{$name}" namespace="http://purl.org/dc/elements/1.1/">
        <xsl:if test="$lang">
          <xsl:attribute name="xml:lang" select="$lang"/>
        </xsl:if>
        <xsl:value-of select="$value"/>
      </xsl:element>
    </xsl:if>
  </xsl:function>
</xsl:stylesheet>
