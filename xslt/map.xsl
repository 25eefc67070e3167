<?xml version="1.0" encoding="UTF-8"?>
<!--
  map.xsl: the map of the places of the edition (out/register/map.html).

  Where it sits in the pipeline: run once by the "register" format of teikit render
  (teikit.render.register) on the edition index (see common/register-entries.xsl).

  Output: one HTML5 page without JavaScript: a static inline SVG map (an equirectangular
  projection fitted to the places, corrected for latitude, with a labelled graticule)
  where each place whose register entry has location/geo is a point linked to its register
  entry, sized by its number of occurrences; then the same places as a list, so everything
  is readable without the picture. No base map is drawn: no coastline data ships with
  teikit, and none is invented.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:math="http://www.w3.org/2005/xpath-functions/math"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    xmlns:svg="http://www.w3.org/2000/svg"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:import href="common/register-entries.xsl"/>
  <xsl:import href="common/register-page.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"/>
  <xsl:mode on-no-match="shallow-skip"/>

  <xsl:param name="width" as="xs:double" select="800"/>
  <xsl:param name="margin" as="xs:double" select="40"/>

  <xsl:template match="/edition">
    <xsl:variable name="places" as="element(tei:place)*"
        select="tk:register-entries(.)[self::tei:place][count(tk:coordinates(.)) eq 2]"/>
    <xsl:call-template name="tk:register-page">
      <xsl:with-param name="title" select="'Harita'"/>
      <xsl:with-param name="current" select="'map'"/>
      <xsl:with-param name="content" as="node()*">
        <xsl:choose>
          <xsl:when test="empty($places)">
            <p class="summary">Dizinde koordinatı verilmiş yer yok.</p>
          </xsl:when>
          <xsl:otherwise>
            <p class="summary">Koordinatları dizinde verilen <xsl:value-of select="count($places)"/> yer.</p>
            <xsl:call-template name="svg-map"><xsl:with-param name="places" select="$places"/></xsl:call-template>
            <h2>Yerler</h2>
            <ul class="places">
              <xsl:for-each select="$places">
                <xsl:variable name="c" as="xs:double+" select="tk:coordinates(.)"/>
                <li><a href="index.html#{@xml:id}"><xsl:value-of select="tk:entry-name(.)"/></a>
                  — <data class="geo" value="{$c[1]} {$c[2]}"><xsl:value-of
                     select="format-number($c[1], '0.0###') || ', ' || format-number($c[2], '0.0###')"/></data>
                  — <xsl:value-of select="count(tk:occurrences-of(.))"/> geçiş</li>
              </xsl:for-each>
            </ul>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:function name="tk:box" as="map(xs:string, xs:double)">
    <xsl:param name="x0" as="xs:double"/>
    <xsl:param name="y0" as="xs:double"/>
    <xsl:param name="x1" as="xs:double"/>
    <xsl:param name="y1" as="xs:double"/>
    <xsl:sequence select="map{'x0': $x0, 'y0': $y0, 'x1': $x1, 'y1': $y1}"/>
  </xsl:function>

  <xsl:function name="tk:overlap" as="xs:boolean">
    <xsl:param name="a" as="map(xs:string, xs:double)"/>
    <xsl:param name="b" as="map(xs:string, xs:double)"/>
    <xsl:sequence select="$a?x0 lt $b?x1 and $b?x0 lt $a?x1 and $a?y0 lt $b?y1 and $b?y0 lt $a?y1"/>
  </xsl:function>

  <xsl:template name="svg-map">
    <xsl:param name="places" as="element(tei:place)+"/>
    <xsl:variable name="lats" as="xs:double+" select="$places ! tk:coordinates(.)[1]"/>
    <xsl:variable name="longs" as="xs:double+" select="$places ! tk:coordinates(.)[2]"/>
    <!-- the box: at least 4 degrees each way, 10 % padding, then widened or heightened
         so that the picture is between 4:3 and 2:1 -->
    <xsl:variable name="lat-pad" as="xs:double" select="max((2 - (max($lats) - min($lats)) div 2, (max($lats) - min($lats)) * 0.1))"/>
    <xsl:variable name="long-pad" as="xs:double" select="max((2 - (max($longs) - min($longs)) div 2, (max($longs) - min($longs)) * 0.1))"/>
    <xsl:variable name="mid-lat" as="xs:double" select="(max($lats) + min($lats)) div 2"/>
    <xsl:variable name="mid-long" as="xs:double" select="(max($longs) + min($longs)) div 2"/>
    <xsl:variable name="aspect" as="xs:double" select="math:cos($mid-lat * math:pi() div 180)"/>
    <xsl:variable name="half-h" as="xs:double" select="(max($lats) - min($lats)) div 2 + $lat-pad"/>
    <xsl:variable name="half-w" as="xs:double" select="((max($longs) - min($longs)) div 2 + $long-pad) * $aspect"/>
    <xsl:variable name="half-width" as="xs:double" select="max(($half-w, $half-h * 4 div 3))"/>
    <xsl:variable name="half-height" as="xs:double" select="max(($half-h, $half-width div 2))"/>
    <xsl:variable name="south" as="xs:double" select="max(($mid-lat - $half-height, -89))"/>
    <xsl:variable name="north" as="xs:double" select="min(($mid-lat + $half-height, 89))"/>
    <xsl:variable name="west" as="xs:double" select="$mid-long - $half-width div $aspect"/>
    <xsl:variable name="east" as="xs:double" select="$mid-long + $half-width div $aspect"/>
    <xsl:variable name="scale" as="xs:double" select="($width - 2 * $margin) div (($east - $west) * $aspect)"/>
    <xsl:variable name="height" as="xs:double" select="round(($north - $south) * $scale + 2 * $margin)"/>
    <xsl:variable name="x" as="function(xs:double) as xs:double"
        select="function($long) { round(($margin + ($long - $west) * $aspect * $scale) * 10) div 10 }"/>
    <xsl:variable name="y" as="function(xs:double) as xs:double"
        select="function($lat) { round(($margin + ($north - $lat) * $scale) * 10) div 10 }"/>
    <!-- the graticule's spacing in degrees: about 8 lines across (a world-wide gazetteer too) -->
    <xsl:variable name="step" as="xs:double"
        select="((1, 2, 5, 10, 20, 30, 45, 90)[. ge max(($east - $west, $north - $south)) div 8], 90)[1]"/>
    <svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="0 0 {$width} {$height}"
         role="img" aria-labelledby="harita-baslik">
      <title id="harita-baslik">Edisyondaki yerlerin haritası (<xsl:value-of select="count($places)"/> yer)</title>
      <g class="graticule" stroke="#b8c7d6" stroke-width="0.5">
        <xsl:for-each select="xs:integer(ceiling($west div $step)) to xs:integer(floor($east div $step))">
          <xsl:variable name="long" as="xs:double" select=". * $step"/>
          <line x1="{$x($long)}" x2="{$x($long)}" y1="{$margin}" y2="{$height - $margin}"/>
          <text x="{$x($long)}" y="{$height - $margin + 14}" text-anchor="middle" stroke="none"><xsl:value-of select="$long"/>°</text>
        </xsl:for-each>
        <xsl:for-each select="xs:integer(ceiling($south div $step)) to xs:integer(floor($north div $step))">
          <xsl:variable name="lat" as="xs:double" select=". * $step"/>
          <line x1="{$margin}" x2="{$width - $margin}" y1="{$y($lat)}" y2="{$y($lat)}"/>
          <text x="{$margin - 4}" y="{$y($lat) + 4}" text-anchor="end" stroke="none"><xsl:value-of select="$lat"/>°</text>
        </xsl:for-each>
      </g>
      <g class="places">
        <!-- labels placed one by one, west to east: the first of four positions around
             the point that overlaps no label placed before and no point (else the first:
             the list below the map stays the reference) -->
        <xsl:variable name="dots" as="map(xs:string, xs:double)*"
            select="$places ! (let $c := tk:coordinates(.) return
                    tk:box($x($c[2]) - 6, $y($c[1]) - 6, $x($c[2]) + 6, $y($c[1]) + 6))"/>
        <xsl:iterate select="sort($places, (), function($p) { tk:coordinates($p)[2] })">
          <xsl:param name="taken" as="map(xs:string, xs:double)*" select="()"/>
          <xsl:variable name="c" as="xs:double+" select="tk:coordinates(.)"/>
          <xsl:variable name="px" as="xs:double" select="$x($c[2])"/>
          <xsl:variable name="py" as="xs:double" select="$y($c[1])"/>
          <xsl:variable name="count" as="xs:integer" select="count(tk:occurrences-of(.))"/>
          <xsl:variable name="label" as="xs:string" select="tk:entry-name(.)"/>
          <xsl:variable name="width" as="xs:double" select="string-length($label) * 7 + 4"/>
          <xsl:variable name="options" as="map(*)+" select="
              for $dx in (7, -7), $dy in (-6, 14)
              return map{'x': $px + $dx, 'y': $py + $dy, 'anchor': if ($dx gt 0) then 'start' else 'end',
                         'box': tk:box(if ($dx gt 0) then $px + $dx else $px + $dx - $width, $py + $dy - 10,
                                       if ($dx gt 0) then $px + $dx + $width else $px + $dx, $py + $dy + 2)}"/>
          <xsl:variable name="free" as="map(*)"
              select="($options[every $t in ($taken, $dots) satisfies not(tk:overlap(?box, $t))],
                       $options)[1]"/>
          <a href="index.html#{@xml:id}">
            <title><xsl:value-of select="$label || ' (' || $count || ' geçiş)'"/></title>
            <circle cx="{$px}" cy="{$py}" r="{3 + min((math:sqrt($count), 7))}"
                    fill="{if ($count gt 0) then '#0b4f8a' else '#ffffff'}" stroke="#0b4f8a" stroke-width="1.5"/>
            <text x="{$free?x}" y="{$free?y}" text-anchor="{$free?anchor}"><xsl:value-of select="$label"/></text>
          </a>
          <xsl:next-iteration>
            <xsl:with-param name="taken" select="$taken, $free?box"/>
          </xsl:next-iteration>
        </xsl:iterate>
      </g>
    </svg>
  </xsl:template>
</xsl:stylesheet>
