<?xml version="1.0" encoding="UTF-8"?>
<!--
  xslt/common/html-meta.xsl - what harvesters and reference managers read in an HTML <head>.

  Where it sits in the pipeline: imported by xslt/html.xsl (teikit render -​-to html). Every
  value comes from the one teiHeader -> Dublin Core mapping, common/dublin-core.xsl
  (tk:dublin-core); only the page range, which Dublin Core has no field for, is read from
  sourceDesc/bibl/biblScope[@unit='page'].

  Named template tk:head-meta (context: tei:TEI; parameter $tei-href, the TEI source's URL)
  writes: Highwire Press citation_* tags (Google Scholar, Zotero), DC.* tags, a
  <link rel="alternate" type="application/tei+xml">, and schema.org JSON-LD (ScholarlyArticle).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:import href="dublin-core.xsl"/>

  <!-- the title in the page's language, else the first one -->
  <xsl:function name="tk:dc-title" as="xs:string?">
    <xsl:param name="dc" as="element(oai_dc:dc)?"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:sequence select="($dc/dc:title[@xml:lang = $lang], $dc/dc:title)[1] ! string(.)"/>
  </xsl:function>

  <xsl:template name="tk:head-meta" as="element()*">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="tei-href" as="xs:string"/>
    <xsl:variable name="dc" as="element(oai_dc:dc)?"
                  select="if (self::tei:TEI) then tk:dublin-core(.) else ()"/>
    <xsl:variable name="lang" as="xs:string" select="string(@xml:lang)"/>
    <xsl:variable name="pages" as="element()?"
                  select="(tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl/tei:biblScope[@unit = 'page'])[1]"/>
    <xsl:variable name="title" as="xs:string?" select="tk:dc-title($dc, $lang)"/>

    <xsl:if test="$title"><meta name="citation_title" content="{$title}"/></xsl:if>
    <xsl:for-each select="$dc/dc:creator">
      <meta name="citation_author" content="{.}"/>
    </xsl:for-each>
    <xsl:for-each select="$dc/dc:date[1]">
      <meta name="citation_publication_date" content="{translate(., '-', '/')}"/>
    </xsl:for-each>
    <xsl:for-each select="$dc/dc:publisher[1]">
      <meta name="citation_publisher" content="{.}"/>
    </xsl:for-each>
    <xsl:for-each select="$dc/dc:language[1]">
      <meta name="citation_language" content="{.}"/>
    </xsl:for-each>
    <xsl:for-each select="$pages/@from">
      <meta name="citation_firstpage" content="{.}"/>
    </xsl:for-each>
    <xsl:for-each select="$pages/@to">
      <meta name="citation_lastpage" content="{.}"/>
    </xsl:for-each>
    <xsl:if test="$dc/dc:subject">
      <meta name="citation_keywords" content="{string-join($dc/dc:subject, '; ')}"/>
    </xsl:if>
    <xsl:for-each select="($dc/dc:description[@xml:lang = $lang], $dc/dc:description)[1]">
      <meta name="citation_abstract" content="{.}"/>
    </xsl:for-each>
    <xsl:for-each select="$dc/dc:rights[1]">
      <meta name="citation_license" content="{.}"/>
    </xsl:for-each>

    <xsl:if test="$dc">
      <link rel="schema.DC" href="http://purl.org/dc/elements/1.1/"/>
    </xsl:if>
    <xsl:for-each select="$dc/dc:*">
      <meta name="DC.{local-name()}" content="{.}">
        <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="tk:html-lang(@xml:lang)"/></xsl:if>
      </meta>
    </xsl:for-each>

    <link rel="alternate" type="application/tei+xml" href="{$tei-href}"/>

    <xsl:if test="$dc">
      <script type="application/ld+json">
        <xsl:value-of select="serialize(tk:json-ld($dc, $lang, $tei-href, $pages),
                                        map { 'method': 'json', 'indent': true() })"/>
      </script>
    </xsl:if>
  </xsl:template>

  <!-- schema.org ScholarlyArticle from the Dublin Core fields -->
  <xsl:function name="tk:json-ld" as="map(*)">
    <xsl:param name="dc" as="element(oai_dc:dc)"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:param name="tei-href" as="xs:string"/>
    <xsl:param name="pages" as="element()?"/>
    <xsl:variable name="fields" as="map(*)*" select="(
        map { '@context': 'https://schema.org', '@type': 'ScholarlyArticle' },
        map { 'headline': tk:dc-title($dc, $lang) },
        map { 'name': array { $dc/dc:title ! string(.) } },
        map { 'author': array { $dc/dc:creator ! map { '@type': 'Person', 'name': string(.) } } },
        $dc/dc:date[1] ! map { 'datePublished': string(.) },
        $dc/dc:publisher[1] ! map { 'publisher': map { '@type': 'Organization', 'name': string(.) } },
        map { 'inLanguage': array { $dc/dc:language ! string(.) } },
        map { 'keywords': array { $dc/dc:subject ! string(.) } },
        ($dc/dc:description[@xml:lang = $lang], $dc/dc:description)[1] ! map { 'abstract': string(.) },
        $dc/dc:rights[1] ! map { 'license': string(.) },
        map { 'identifier': array { $dc/dc:identifier ! string(.) } },
        $pages[@from][@to] ! map { 'pageStart': string(@from), 'pageEnd': string(@to) },
        map { 'encoding': map { '@type': 'MediaObject', 'encodingFormat': 'application/tei+xml',
                                'contentUrl': $tei-href } }
      )"/>
    <xsl:sequence select="map:merge($fields)" xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  </xsl:function>
</xsl:stylesheet>
