<?xml version="1.0" encoding="UTF-8"?>
<!--
  register-json.xsl: the register and chronology of the edition as JSON for portals
  (out/register/register.json).

  Where it sits in the pipeline: run once by the "register" format of teikit render
  (teikit.render.register) on the edition index (see common/register-entries.xsl).
  The structure is documented in teikit.render.register.JSON_STRUCTURE; entries come in
  the Turkish alphabetical order of the HTML register, dates in the chronology's order.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="#all">

  <xsl:import href="common/register-entries.xsl"/>

  <xsl:output method="json" encoding="UTF-8" indent="yes"/>
  <xsl:mode on-no-match="shallow-skip"/>

  <xsl:template match="/edition">
    <xsl:sequence select="map{
      'format': 'teikit-register/1',
      'articles': array{ article ! tk:article-json(.) },
      'entries': array{ tk:register-entries(.) ! tk:entry-json(.) },
      'chronology': array{ tk:chronology(.) ! tk:date-json(.) },
      'unresolved': array{ article/occ[@key eq ''] ! tk:occurrence-json(.) }
    }"/>
  </xsl:template>

  <xsl:function name="tk:article-json" as="map(*)">
    <xsl:param name="article" as="element(article)"/>
    <xsl:sequence select="map{
      'id': string($article/@id), 'source': string($article/@source),
      'href': tk:article-href($article),
      'titles': map:merge($article/title ! map{string(@lang): normalize-space()}, map{'duplicates':'use-first'})
    }" xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  </xsl:function>

  <xsl:function name="tk:entry-json" as="map(*)">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="names" as="element()*"
        select="$e/(tei:persName | tei:placeName | tei:orgName | tei:label | tei:eventName | tei:name)"/>
    <xsl:variable name="occurrences" as="element(occ)*" select="tk:occurrences-of($e)"/>
    <xsl:variable name="coordinates" as="xs:double*" select="tk:coordinates($e)"/>
    <xsl:sequence select="map{
      'id': string($e/@xml:id),
      'kind': tk:entry-kind($e),
      'register': string($e/ancestor::register/@file),
      'name': tk:entry-name($e),
      'letter': tk:tr-initial(tk:entry-sort-name($e)),
      'variants': array{ $names[@type = 'variant'] ! map{'name': normalize-space(), 'lang': string(@xml:lang)} },
      'type': string($e/@type),
      'date': string-join(($e/@when, $e/@from, $e/@to), '/'),
      'roles': array{ $e/(tei:note[@type = 'role'] | tei:occupation) ! normalize-space() },
      'notes': array{ $e/(tei:note[not(@type = 'role')] | tei:desc) ! normalize-space() },
      'idno': array{ $e/tei:idno ! map{'type': string(@type), 'value': normalize-space()} },
      'coordinates': if (exists($coordinates)) then array{ $coordinates } else (),
      'forms': array{ tk:tr-sort(distinct-values($occurrences ! normalize-space())) },
      'occurrences': array{ $occurrences ! tk:occurrence-json(.) }
    }"/>
  </xsl:function>

  <xsl:function name="tk:occurrence-json" as="map(*)">
    <xsl:param name="occ" as="element(occ)"/>
    <xsl:sequence select="map{
      'article': string($occ/../@id), 'anchor': string($occ/@anchor), 'page': string($occ/@page),
      'form': normalize-space($occ), 'ref': string($occ/@ref), 'href': tk:occurrence-href($occ)
    }"/>
  </xsl:function>

  <xsl:function name="tk:chronology" as="element(date)*">
    <xsl:param name="edition" as="element(edition)"/>
    <xsl:perform-sort select="$edition/article/date">
      <xsl:sort select="xs:integer(replace(@start, '^(-?\d+).*$', '$1'))" data-type="number"/>
      <xsl:sort select="@start" collation="http://www.w3.org/2005/xpath-functions/collation/codepoint"/>
    </xsl:perform-sort>
  </xsl:function>

  <xsl:function name="tk:date-json" as="map(*)">
    <xsl:param name="date" as="element(date)"/>
    <xsl:sequence select="map{
      'start': string($date/@start), 'end': string($date/@end),
      'inferred': $date/@inferred = 'true',
      'text': string($date/text), 'sentence': string($date/sentence),
      'article': string($date/../@id), 'anchor': string($date/@anchor), 'page': string($date/@page),
      'href': tk:occurrence-href($date)
    }"/>
  </xsl:function>
</xsl:stylesheet>
