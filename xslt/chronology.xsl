<?xml version="1.0" encoding="UTF-8"?>
<!--
  chronology.xsl: the chronology of the edition (out/register/chronology.html).

  Where it sits in the pipeline: run once by the "register" format of teikit render
  (teikit.render.register) on the edition index (see common/register-entries.xsl), whose
  article/date elements are the dates of the article bodies that are events (in the
  running text, not in a heading, a citation or a name: teikit.render.summary.is_event,
  docs/encoding.md "The chronology: what counts as an event"), each with
  its own text, its sentence, its paragraph anchor and printed page, and whether it is
  inferred (cert/evidence, docs/encoding.md "Dates").

  Output: one HTML5 page; the dated events in time order (year, then the ISO value, then
  the order of the edition), grouped by year, each with its normalised date, the sentence
  that carries it (the date's own words marked), a link to the paragraph, and a visible
  mark when the date is inferred.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:import href="common/register-entries.xsl"/>
  <xsl:import href="common/register-page.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"/>
  <xsl:mode on-no-match="shallow-skip"/>

  <!-- the year of an ISO 8601 value, as a number (negative for BCE) -->
  <xsl:function name="tk:year" as="xs:integer">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:sequence select="xs:integer(replace($iso, '^(-?\d+).*$', '$1'))"/>
  </xsl:function>

  <xsl:template match="/edition">
    <xsl:variable name="dates" as="element(date)*">
      <xsl:perform-sort select="article/date">
        <xsl:sort select="tk:year(@start)" data-type="number"/>
        <xsl:sort select="@start" collation="http://www.w3.org/2005/xpath-functions/collation/codepoint"/>
      </xsl:perform-sort>
    </xsl:variable>
    <xsl:call-template name="tk:register-page">
      <xsl:with-param name="title" select="'Kronoloji'"/>
      <xsl:with-param name="current" select="'chronology'"/>
      <xsl:with-param name="content" as="node()*">
        <p class="summary"><xsl:value-of select="count($dates)"/> tarihli olay, <xsl:value-of
          select="count($dates[@inferred = 'true'])"/> tanesinin tarihi bağlamdan çıkarılmış
          (<span class="inferred">eğik</span> yazılanlar).</p>
        <xsl:for-each-group select="$dates" group-adjacent="tk:year(@start)">
          <section class="year" id="yil-{current-grouping-key()}" aria-labelledby="yil-baslik-{current-grouping-key()}">
            <h2 id="yil-baslik-{current-grouping-key()}"><xsl:value-of select="current-grouping-key()"/></h2>
            <ol class="chronology">
              <xsl:apply-templates select="current-group()"/>
            </ol>
          </section>
        </xsl:for-each-group>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="date">
    <li>
      <xsl:if test="@inferred = 'true'"><xsl:attribute name="class" select="'inferred'"/></xsl:if>
      <p class="when">
        <time datetime="{@start}"><xsl:value-of select="@start"/></time>
        <xsl:if test="@end ne ''"> – <time datetime="{@end}"><xsl:value-of select="@end"/></time></xsl:if>
        <xsl:if test="@inferred = 'true'"><br/><small>(yılı bağlamdan çıkarıldı)</small></xsl:if>
      </p>
      <div class="what">
        <p class="sentence" dir="auto">
          <xsl:if test="@lang ne ''"><xsl:attribute name="lang" select="tk:html-lang(@lang)"/></xsl:if>
          <xsl:sequence select="tk:mark(string(sentence), string(text))"/>
        </p>
        <p class="source">
          <a href="{tk:occurrence-href(.)}">
            <cite dir="auto"><xsl:call-template name="tk:title-lang"/><xsl:value-of select="tk:article-title(..)"/></cite>
            <xsl:if test="@page ne ''">, s. <xsl:value-of select="@page"/></xsl:if>
            <xsl:if test="@anchor ne ''">, <xsl:value-of select="tk:anchor-label(@anchor)"/></xsl:if>
          </a>
        </p>
      </div>
    </li>
  </xsl:template>

  <!-- $sentence with the first occurrence of $words in a <mark> -->
  <xsl:function name="tk:mark" as="node()*">
    <xsl:param name="sentence" as="xs:string"/>
    <xsl:param name="words" as="xs:string"/>
    <xsl:choose>
      <xsl:when test="$words ne '' and contains($sentence, $words)">
        <xsl:value-of select="substring-before($sentence, $words)"/>
        <mark><xsl:value-of select="$words"/></mark>
        <xsl:value-of select="substring-after($sentence, $words)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$sentence"/></xsl:otherwise>
    </xsl:choose>
  </xsl:function>
</xsl:stylesheet>
