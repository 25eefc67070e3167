<?xml version="1.0" encoding="UTF-8"?>
<!--
  xslt/common/site-frame.xsl - the one site header of every page of the edition.

  Where it sits in the pipeline: imported by xslt/html.xsl and xslt/index.xsl (teikit render
  -​-to html), by common/register-page.xsl (the register, chronology and map pages, teikit
  render -​-to register) and by xslt/site-header.xsl, which teikit build runs to put the same
  header on the pages it writes itself (the front page, search.html). So every page shows the
  same edition name, the same links in the same order and the same interface language.

  Named template tk:site-header (params; the importer also imports common/html-functions.xsl):
    $ui       xs:string  interface language: 'tr' or 'en' (labels: common/html-functions.xsl)
    $name     xs:string  the edition's name ('': the label 'edition', "teikit dijital edisyonu")
    $links    map(xs:string, xs:string)  href of each page, relative to the page:
              'home' (the edition's name links there), 'articles', 'register', 'chronology',
              'map', 'search'; a missing or '' href leaves the page out (it does not exist)
    $current  xs:string  the key of the page shown ('' for an article page): aria-current
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- tk:label comes from html-functions.xsl, which the importing stylesheet imports (once:
       importing it here too would declare its accumulators twice) -->
  <!-- the pages of the header, in the order shown -->
  <xsl:variable name="tk:site-pages" as="xs:string+"
                select="('articles', 'register', 'chronology', 'map', 'search')"/>

  <xsl:template name="tk:site-header">
    <xsl:param name="ui" as="xs:string"/>
    <xsl:param name="name" as="xs:string" select="''"/>
    <xsl:param name="links" as="map(xs:string, xs:string)"/>
    <xsl:param name="current" as="xs:string" select="''"/>
    <header class="site">
      <nav aria-label="{tk:label('navigation', $ui)}">
        <a class="home" href="{($links?home[. ne ''], $links?articles)[1]}">
          <xsl:value-of select="($name[. ne ''], tk:label('edition', $ui))[1]"/>
        </a>
        <ul>
          <xsl:for-each select="$tk:site-pages[$links(.) ne '']">
            <li>
              <a href="{$links(.)}">
                <xsl:if test=". eq $current"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
                <xsl:value-of select="tk:label(., $ui)"/>
              </a>
            </li>
          </xsl:for-each>
        </ul>
      </nav>
    </header>
  </xsl:template>
</xsl:stylesheet>
