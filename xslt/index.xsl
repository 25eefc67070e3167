<?xml version="1.0" encoding="UTF-8"?>
<!--
  xslt/index.xsl - the index page of the HTML edition: every article with its titles,
  authors, pages and abstract, linked to its reading page.

  Where it sits in the pipeline: teikit render -​-to html (teikit.render.html) calls its
  xsl:initial-template once, after the article pages are written, and saves the result as
  out/html/index.html.

  Parameters:
    $articles       document-node()*  the articles, in edition order
    $pages          xs:string*        the file name of each article's page (same order)
    $register-page  xs:string         the register page of the edition
    $css            xs:string         the web stylesheet
    $chronology-page, $map-page       the chronology and the map of the edition
                                      ('' for a page that does not exist: not linked)
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:import href="common/html-functions.xsl"/>
  <xsl:import href="common/site-frame.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <xsl:param name="articles" as="document-node()*" select="()"/>
  <xsl:param name="pages" as="xs:string*" select="()"/>
  <xsl:param name="register-page" as="xs:string" select="'../register/index.html'"/>
  <xsl:param name="css" as="xs:string" select="'assets/edition.css'"/>
  <xsl:param name="chronology-page" as="xs:string" select="'../register/chronology.html'"/>
  <xsl:param name="map-page" as="xs:string" select="'../register/map.html'"/>
  <!-- the site's search page, set by teikit build (none: no link, e.g. teikit render) -->
  <xsl:param name="search-page" as="xs:string" select="''"/>
  <!-- the edition's name, set by teikit build (its -​-name); '': "teikit dijital edisyonu" -->
  <xsl:param name="site-name" as="xs:string" select="''"/>

  <xsl:mode on-no-match="shallow-skip"/>
  <xsl:mode name="tk:entry" on-no-match="shallow-skip"/>

  <!-- the interface speaks Turkish when the first article does -->
  <xsl:variable name="ui" as="xs:string"
                select="if (exists($articles)) then tk:ui-lang($articles[1]/*) else 'en'"/>

  <xsl:template name="xsl:initial-template">
    <html lang="{$ui}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="($site-name[. ne ''], tk:label('edition', $ui))[1]"/></title>
        <link rel="stylesheet" href="{$css}"/>
      </head>
      <body>
        <a class="skip" href="#text"><xsl:value-of select="tk:label('skip', $ui)"/></a>
        <xsl:call-template name="tk:site-header">
          <xsl:with-param name="ui" select="$ui"/>
          <xsl:with-param name="name" select="$site-name"/>
          <xsl:with-param name="links" select="map{'home': 'index.html', 'articles': 'index.html',
              'register': $register-page, 'chronology': $chronology-page, 'map': $map-page,
              'search': $search-page}"/>
          <xsl:with-param name="current" select="'articles'"/>
        </xsl:call-template>
        <main id="text">
          <h1><xsl:value-of select="($site-name[. ne ''], tk:label('edition', $ui))[1]"/></h1>
          <h2 class="index-heading"><xsl:value-of select="tk:label('articles', $ui)"/></h2>
          <ol class="articles">
            <xsl:for-each select="$articles">
              <xsl:variable name="i" as="xs:integer" select="position()"/>
              <xsl:apply-templates select="*" mode="tk:entry">
                <xsl:with-param name="page" select="$pages[$i]"/>
              </xsl:apply-templates>
            </xsl:for-each>
          </ol>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="tei:TEI | tei:teiCorpus" mode="tk:entry">
    <xsl:param name="page" as="xs:string"/>
    <xsl:variable name="lang" as="xs:string" select="string(@xml:lang)"/>
    <xsl:variable name="stmt" as="element()?" select="tei:teiHeader/tei:fileDesc/tei:titleStmt"/>
    <xsl:variable name="main" as="element(tei:title)*"
                  select="if ($stmt/tei:title[@type = 'main']) then $stmt/tei:title[@type = 'main'] else $stmt/tei:title[1]"/>
    <xsl:variable name="first" as="element(tei:title)?" select="($main[@xml:lang = $lang], $main)[1]"/>
    <xsl:variable name="abstract" as="element()?"
                  select="(tei:teiHeader/tei:profileDesc/tei:abstract[@xml:lang = $ui],
                           tei:teiHeader/tei:profileDesc/tei:abstract)[1]"/>
    <li class="article">
      <xsl:if test="$lang ne ''"><xsl:attribute name="lang" select="tk:html-lang($lang)"/></xsl:if>
      <h3><a href="{$page}"><xsl:value-of select="normalize-space(($first, 'TEI')[1])"/></a></h3>
      <xsl:for-each select="$main except $first">
        <p class="title-other">
          <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="tk:html-lang(@xml:lang)"/></xsl:if>
          <xsl:value-of select="normalize-space(.)"/>
        </p>
      </xsl:for-each>
      <xsl:if test="$stmt/tei:author">
        <p class="authors">
          <xsl:value-of select="$stmt/tei:author ! normalize-space(string-join((tei:persName, .)[1]//text(), ''))"
                        separator=", "/>
        </p>
      </xsl:if>
      <xsl:for-each select="(tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl/tei:biblScope[@unit = 'page'])[1]">
        <!-- the numbers, in the interface's words ("s. 1–39"); the element's text is the
             encoder's prose, in the header's language, and would mix two languages -->
        <p class="source"><xsl:value-of select="tk:label('pages', $ui)"/>&#160;<xsl:value-of
          select="if (@from and @to) then @from || '–' || @to else normalize-space(.)"/></p>
      </xsl:for-each>
      <xsl:for-each select="$abstract">
        <p class="abstract">
          <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="tk:html-lang(@xml:lang)"/></xsl:if>
          <xsl:value-of select="normalize-space(.)"/>
        </p>
      </xsl:for-each>
    </li>
  </xsl:template>
</xsl:stylesheet>
