<?xml version="1.0" encoding="UTF-8"?>
<!--
  register-page.xsl: the page frame shared by the register, chronology and map pages
  (xslt/register.xsl, xslt/chronology.xsl, xslt/map.xsl): <head>, landmarks (the site's one
  header, common/site-frame.xsl; main, footer), language attributes, and the site's one
  stylesheet (xslt/assets/edition.css, copied beside the pages). Imported, never run on
  its own.

  Public interface (prefix tk = "urn:teikit"):
    named template tk:register-page (params: title as xs:string, current as xs:string
    ('register' | 'chronology' | 'map'), content as node()*): the whole html element.
    $tk:edition-home  the edition's index page, relative to the output ('../html/index.html').
    $search-page, $site-name, $css: see the parameters below.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:import href="html-functions.xsl"/>
  <xsl:import href="site-frame.xsl"/>

  <xsl:param name="tk:edition-home" as="xs:string" select="'../html/index.html'"/>
  <!-- the site's search page, set by teikit build ('': none, not linked) -->
  <xsl:param name="search-page" as="xs:string" select="''"/>
  <!-- the edition's name, set by teikit build ('': "teikit dijital edisyonu") -->
  <xsl:param name="site-name" as="xs:string" select="''"/>
  <!-- the site's one stylesheet, copied beside the pages by teikit.render.register -->
  <xsl:param name="css" as="xs:string" select="'assets/edition.css'"/>

  <xsl:template name="tk:register-page">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="current" as="xs:string"/>
    <xsl:param name="content" as="node()*"/>
    <html lang="tr">
      <head>
        <meta charset="UTF-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title || ' · ' || ($site-name[. ne ''], tk:label('edition', 'tr'))[1]"/></title>
        <link rel="stylesheet" href="{$css}"/>
      </head>
      <body class="{$current}-page">
        <a class="skip" href="#icerik"><xsl:value-of select="tk:label('skip', 'tr')"/></a>
        <xsl:call-template name="tk:site-header">
          <xsl:with-param name="ui" select="'tr'"/>
          <xsl:with-param name="name" select="$site-name"/>
          <xsl:with-param name="links" select="map{'home': $tk:edition-home, 'articles': $tk:edition-home,
              'register': 'index.html', 'chronology': 'chronology.html', 'map': 'map.html',
              'search': $search-page}"/>
          <xsl:with-param name="current" select="$current"/>
        </xsl:call-template>
        <main id="icerik" class="wide">
          <h1><xsl:value-of select="$title"/></h1>
          <xsl:sequence select="$content"/>
        </main>
        <footer class="site"><p>Makalelerin TEI kaynaklarından üretildi (teikit).</p></footer>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
