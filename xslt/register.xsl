<?xml version="1.0" encoding="UTF-8"?>
<!--
  register.xsl: the HTML register page of the edition (out/register/index.html).

  Where it sits in the pipeline: the "register" format of teikit render (teikit.render.register)
  reads every article, keeps only a small summary of each (teikit.render.summary),
  aggregates the summaries and the register files (tei/register/*.xml) into the edition
  index described in common/register-entries.xsl, and runs this stylesheet on it once.
  Siblings on the same input: chronology.xsl, map.xsl, register-json.xsl; register-tei.xsl
  runs on each register file with the index as a parameter.

  Output: one HTML5 page; every person, place, organisation and event of the register
  files in Turkish alphabetical order under an A–Z jump bar, each with its preferred name,
  other forms, what its register file says, and its occurrences grouped by article, linked
  to the paragraph and labelled with the printed page.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:import href="common/register-entries.xsl"/>
  <xsl:import href="common/register-page.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"/>
  <xsl:mode on-no-match="shallow-skip"/>

  <xsl:template match="/edition">
    <xsl:variable name="entries" as="element()*" select="tk:register-entries(.)"/>
    <xsl:call-template name="tk:register-page">
      <xsl:with-param name="title" select="'Dizin'"/>
      <xsl:with-param name="current" select="'register'"/>
      <xsl:with-param name="content" as="node()*">
        <p class="summary">
          <xsl:value-of select="count($entries)"/> madde (<xsl:value-of
            select="string-join(for $k in ('person', 'place', 'org', 'event')
                    return count($entries[tk:entry-kind(.) eq $k]) || ' ' || lower-case($tk:kind-labels($k)), ', ')"/>),
          <xsl:value-of select="count(article)"/> makale, <xsl:value-of select="count(article/occ[@key ne ''])"/> geçiş.
        </p>
        <xsl:call-template name="tk:az-bar"><xsl:with-param name="entries" select="$entries"/></xsl:call-template>
        <xsl:call-template name="tk:letters"><xsl:with-param name="entries" select="$entries"/></xsl:call-template>
        <xsl:call-template name="unresolved"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- names whose @ref points at no register entry: listed, so an editor can fix them -->
  <xsl:template name="unresolved">
    <xsl:variable name="loose" as="element(occ)*" select="article/occ[@key eq '']"/>
    <xsl:if test="exists($loose)">
      <section id="cozulemeyen" aria-labelledby="cozulemeyen-baslik">
        <h2 id="cozulemeyen-baslik">Dizinde karşılığı olmayan adlar</h2>
        <ul class="unresolved">
          <xsl:for-each-group select="$loose" group-by="@ref">
            <xsl:sort select="tk:tr-sort-key(normalize-space(current-group()[1]))"
                      collation="http://www.w3.org/2005/xpath-functions/collation/codepoint"/>
            <li><code><xsl:value-of select="current-grouping-key()"/></code>
              (<xsl:call-template name="tk:forms">
                 <xsl:with-param name="forms" select="distinct-values(current-group() ! normalize-space())"/>
               </xsl:call-template>):
              <xsl:call-template name="tk:occurrence-links">
                <xsl:with-param name="occurrences" select="current-group()"/>
              </xsl:call-template>
            </li>
          </xsl:for-each-group>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
