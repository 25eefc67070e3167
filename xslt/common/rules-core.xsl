<?xml version="1.0" encoding="UTF-8"?>
<!--
  xslt/common/rules-core.xsl - what the rules say that a processing model cannot: the rules
  for text nodes (a processing model speaks of elements), and the one behaviour every output
  shares, b:body (an element's content, with nothing around it).

  Where it sits in the pipeline: imported by common/rules.xsl, which is generated from
  schemas/teikit-render.odd (python -m teikit.render.pm); so by every output that renders
  TEI text (html.xsl, print.xsl through their behaviour modules). Written by hand.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    xmlns:b="urn:teikit:behaviour"
    exclude-result-prefixes="#all">

  <xsl:mode name="tk:text" on-no-match="text-only-copy"/>

  <!-- text is copied as it is (on-no-match); a note's text goes through b:text, which an
       output may need (print trims a footnote's whitespace for the PDF engine) -->
  <xsl:template match="tei:note//text()" mode="tk:text">
    <xsl:call-template name="b:text"/>
  </xsl:template>

  <!-- text beside a line break inside a word (lb break="no") or between two tokens (w, pc),
       in one rule (each rule for text nodes is tried on every text node of a document):
       - the whitespace that lays out the source around a break inside a word is not text:
         the word is one word;
       - whitespace between two tokens lays out the source (EarlyPrint and ParlaMint put a
         token on each line): the space the reader sees is the one tk:token-space puts
         before the second -->
  <xsl:template match="text()[preceding-sibling::node()[1][self::tei:lb[@break = 'no'] or self::tei:w or self::tei:pc]
                       or following-sibling::node()[1][self::tei:lb[@break = 'no']]]" mode="tk:text">
    <xsl:variable name="before" as="node()?" select="preceding-sibling::node()[1]"/>
    <xsl:variable name="after" as="node()?" select="following-sibling::node()[1]"/>
    <xsl:variable name="after-break" as="xs:boolean" select="exists($before[self::tei:lb[@break = 'no']])"/>
    <xsl:variable name="before-break" as="xs:boolean" select="exists($after[self::tei:lb[@break = 'no']])"/>
    <xsl:choose>
      <xsl:when test="$after-break or $before-break">
        <xsl:call-template name="b:text">
          <xsl:with-param name="text" select="let $t := if ($after-break) then replace(., '^\s+', '') else string(.)
                                              return if ($before-break) then replace($t, '\s+$', '') else $t"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$after[self::tei:w or self::tei:pc] and not(normalize-space())"/>
      <xsl:otherwise><xsl:next-match/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- b:body: the content ($content, default the element's children) in mode tk:text, with
       nothing around it (text, body); an output may override it in its behaviour module -->
  <xsl:template name="b:body">
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:apply-templates select="$content" mode="tk:text"/>
  </xsl:template>
</xsl:stylesheet>
