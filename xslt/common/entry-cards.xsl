<?xml version="1.0" encoding="UTF-8"?>
<!--
  xslt/common/entry-cards.xsl - the register entry of each name, shown where the name
  appears, without loading the register page.

  Where it sits in the pipeline: imported by xslt/html.xsl (teikit render -​-to html). The
  page carries, in one inert <template id="tk-entry-cards">, a card for each register entry
  the article names: its name and kind, what its register file says (role, dates, type,
  identifiers, coordinates: the facts of the register page, common/register-entries.xsl),
  every place of this article that names it ("s. 23, ¶ 4", linked), and a link to its
  entry on the register page (all articles). assets/entries.js opens a name's card in a
  popover when the name is clicked or activated with the keyboard (Esc closes it); without
  JavaScript the name stays a link to the register page.

  Named template tk:entry-cards (context: the TEI document's root element; parameters
  $registers, $register-page as in common/behaviours-html.xsl).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:import href="register-entries.xsl"/>

  <xsl:template name="tk:entry-cards">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="registers" as="document-node()*"/>
    <xsl:param name="register-page" as="xs:string"/>
    <xsl:variable name="names" as="element()*"
        select=".//tei:text//(tei:persName | tei:placeName | tei:orgName | tei:name | tei:rs)[@ref]"/>
    <xsl:if test="$register-page ne '' and exists($names)">
      <template id="tk-entry-cards">
        <xsl:for-each-group select="$names" group-by="tk:register-id(@ref)">
          <xsl:variable name="entry" as="element()?" select="tk:register-entry(@ref, $registers)"/>
          <xsl:if test="exists($entry)">
            <xsl:call-template name="tk:entry-card">
              <xsl:with-param name="entry" select="$entry"/>
              <xsl:with-param name="names" select="current-group()"/>
              <xsl:with-param name="register-page" select="$register-page"/>
            </xsl:call-template>
          </xsl:if>
        </xsl:for-each-group>
      </template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tk:entry-card">
    <xsl:param name="entry" as="element()"/>
    <xsl:param name="names" as="element()+"/>
    <xsl:param name="register-page" as="xs:string"/>
    <xsl:variable name="id" as="xs:string" select="string($entry/@xml:id)"/>
    <section class="entry-card" data-entry="{$id}">
      <h2 class="entry-card-name"><xsl:value-of select="tk:entry-name($entry)"/></h2>
      <p class="entry-kind"><xsl:value-of select="$tk:kind-labels(tk:entry-kind($entry))"/></p>
      <xsl:variable name="facts" as="element()*">
        <xsl:apply-templates select="$entry/(@type, @when, @from, *)" mode="tk:entry-facts"/>
      </xsl:variable>
      <xsl:if test="exists($facts)"><dl class="facts"><xsl:sequence select="$facts"/></dl></xsl:if>
      <p class="label">Bu makalede:</p>
      <ul class="occurrences">
        <xsl:for-each-group select="$names" group-by="tk:anchor-of(.)">
          <li>
            <a href="#{current-grouping-key()}">
              <xsl:value-of select="string-join((('s. ' || tk:page-of(.))[tk:page-of(current()) ne ''],
                                                  tk:anchor-label(current-grouping-key())), ', ')"/>
            </a>
          </li>
        </xsl:for-each-group>
      </ul>
      <p class="entry-card-more"><a href="{$register-page}#{$id}">Dizindeki maddesi (bütün makaleler)</a></p>
    </section>
  </xsl:template>

  <!-- the nearest identified ancestor of a name: its paragraph, note or section (as the
       register's occurrences, teikit.render.summary) -->
  <xsl:function name="tk:anchor-of" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="string(($name/ancestor::*[@xml:id][not(self::tei:TEI or self::tei:teiCorpus)])[last()]/@xml:id)"/>
  </xsl:function>

  <!-- the printed page a name stands on: the @n of the page break before it -->
  <xsl:function name="tk:page-of" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="string($name/preceding::tei:pb[1]/@n)"/>
  </xsl:function>
</xsl:stylesheet>
