<?xml version="1.0" encoding="UTF-8"?>
<!--
  xslt/site-header.xsl - the site's header alone, for the pages teikit build writes itself.

  Where it sits in the pipeline: teikit.publish.home.site_header runs its
  xsl:initial-template; the front page (index.html, teikit.publish.home) and the search
  page (search.html, teikit.publish.search) put the result in their <body>, so they carry
  the header the rendered pages get from common/site-frame.xsl, the same template.

  Parameters: $name (the edition's name), $current (the key of the page shown), and the
  href of each page relative to the site's root ('' when it does not exist): $home,
  $articles, $register, $chronology, $map, $search.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="#all">

  <xsl:import href="common/html-functions.xsl"/>
  <xsl:import href="common/site-frame.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" omit-xml-declaration="yes"/>
  <xsl:mode on-no-match="shallow-skip"/>

  <xsl:param name="name" as="xs:string" select="''"/>
  <xsl:param name="current" as="xs:string" select="''"/>
  <xsl:param name="home" as="xs:string" select="'index.html'"/>
  <xsl:param name="articles" as="xs:string" select="''"/>
  <xsl:param name="register" as="xs:string" select="''"/>
  <xsl:param name="chronology" as="xs:string" select="''"/>
  <xsl:param name="map" as="xs:string" select="''"/>
  <xsl:param name="search" as="xs:string" select="''"/>

  <xsl:template name="xsl:initial-template">
    <xsl:call-template name="tk:site-header">
      <xsl:with-param name="ui" select="'tr'"/>
      <xsl:with-param name="name" select="$name"/>
      <xsl:with-param name="links" select="map{'home': $home, 'articles': $articles, 'register': $register,
          'chronology': $chronology, 'map': $map, 'search': $search}"/>
      <xsl:with-param name="current" select="$current"/>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
