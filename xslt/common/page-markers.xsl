<?xml version="1.0" encoding="UTF-8"?>
<!--
  xslt/common/page-markers.xsl - puts the source's page markers between words and outside
  links, in an HTML page already made.

  Where it sits in the pipeline: imported by xslt/html.xsl (teikit render -​-to html), which
  renders the article (common/behaviours-html.xsl makes each TEI pb a span.pb where it
  stands) and then passes the result through mode tk:markers. A page of the source may end
  inside a name ("<persName><pb n="23"/>Çiçerin</persName>"), a date ("Aralık <pb n="8"/>1917")
  or, after such a move, before a suffix ("Çiçerin’in"): the marker, which the reader sees as
  "s. 23" in the line or in the margin, would then sit inside a link (a click target that
  says two things) or inside a word. The marker moves, the text does not:
    1. a phrase element (a link, a date, any inline element) holding a marker is written
       without it, and the marker just after the element;
    2. a marker followed by the rest of a word (text not starting with a space, after text
       not ending with one) is written after that word's end, at the next space.
  Everything else is copied as it is. tk:place-markers($nodes) returns the nodes so mended:
  mode tk:hoist-markers does 1., then mode tk:word-markers does 2. on its result (a marker
  moved out of a name may land before the name's suffix, "Çiçerin’in"). Most documents
  have no page markers: their nodes are returned as they are, and in a document that has
  some, a subtree without any is copied whole (each pass copies the page once more,
  node by node: a third of a page's time when every node went through both).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="#all">

  <xsl:mode name="tk:hoist-markers" on-no-match="shallow-copy"/>
  <xsl:mode name="tk:without-markers" on-no-match="shallow-copy"/>
  <xsl:mode name="tk:word-markers" on-no-match="shallow-copy"/>

  <xsl:function name="tk:place-markers" as="node()*">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:choose>
      <xsl:when test="empty($nodes/descendant-or-self::h:span[contains-token(@class, 'pb')])">
        <xsl:sequence select="$nodes"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="hoisted" as="document-node()">
          <xsl:document><xsl:apply-templates select="$nodes" mode="tk:hoist-markers"/></xsl:document>
        </xsl:variable>
        <xsl:apply-templates select="$hoisted/node()" mode="tk:word-markers"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- a subtree without a marker: copied whole, by either pass -->
  <xsl:template match="*[empty(descendant-or-self::h:span[contains-token(@class, 'pb')])]"
                mode="tk:hoist-markers tk:word-markers" priority="2">
    <xsl:copy-of select="."/>
  </xsl:template>

  <!-- the HTML elements a marker may stand in: the block ones (anything else is a phrase) -->
  <xsl:variable name="tk:marker-blocks" as="xs:string*"
      select="('p', 'div', 'section', 'article', 'main', 'li', 'dd', 'dt', 'td', 'th', 'blockquote',
               'figure', 'figcaption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ol', 'ul', 'dl', 'table',
               'tbody', 'tr', 'caption', 'header', 'footer', 'nav', 'aside', 'body', 'html')"/>

  <xsl:function name="tk:is-marker" as="xs:boolean">
    <xsl:param name="node" as="node()?"/>
    <xsl:sequence select="exists($node/self::h:span[tokenize(@class) = 'pb'])"/>
  </xsl:function>

  <xsl:function name="tk:is-phrase" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="not(local-name($el) = $tk:marker-blocks)
                          and not(tokenize($el/@class) = ('as-block', 'pb'))"/>
  </xsl:function>

  <!-- a marker in the middle of a word: its next node is text going on with the word,
       and what comes before it does not end with a space. (Only the first character of
       the one and the last of the other are looked at, without a regular expression:
       Saxon's scan the whole text, and the text before may be a whole section.) -->
  <xsl:function name="tk:splits-word" as="xs:boolean">
    <xsl:param name="marker" as="element()"/>
    <xsl:variable name="next" as="node()?" select="$marker/following-sibling::node()[1]"/>
    <xsl:choose>
      <xsl:when test="$next instance of text() and tk:starts-word($next)">
        <xsl:variable name="before" as="node()?"
            select="$marker/preceding-sibling::node()[not(tk:is-marker(.))][1]"/>
        <xsl:sequence select="tk:ends-word(if ($before instance of element())
                                           then string(($before/descendant::text())[last()])
                                           else string($before))"/>
      </xsl:when>
      <xsl:otherwise><xsl:sequence select="false()"/></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- $text starts (ends) with a character that is not XML whitespace (regex \S) -->
  <xsl:function name="tk:starts-word" as="xs:boolean">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="normalize-space(substring($text, 1, 1)) ne ''"/>
  </xsl:function>

  <xsl:function name="tk:ends-word" as="xs:boolean">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="normalize-space(substring($text, string-length($text))) ne ''"/>
  </xsl:function>

  <!-- 1. a phrase holding markers: the phrase without them, then the markers -->
  <xsl:template match="*[tk:is-phrase(.)][.//h:span[tokenize(@class) = 'pb']]" mode="tk:hoist-markers">
    <xsl:copy>
      <xsl:apply-templates select="@* | node()" mode="tk:without-markers"/>
    </xsl:copy>
    <xsl:copy-of select=".//h:span[tokenize(@class) = 'pb']"/>
  </xsl:template>

  <xsl:template match="h:span[tokenize(@class) = 'pb']" mode="tk:without-markers"/>

  <!-- 2. a marker inside a word is written after the word (by the text that follows it) -->
  <xsl:template match="h:span[tokenize(@class) = 'pb'][tk:splits-word(.)]" mode="tk:word-markers"/>

  <!-- (text starting with a space is not the rest of a word: the cheap test first, since
       preceding-sibling:: walks from the first child, and a block holds many) -->
  <xsl:template match="text()[tk:starts-word(.)][tk:is-marker(preceding-sibling::node()[1])]
                             [tk:splits-word(preceding-sibling::node()[1])]" mode="tk:word-markers">
    <xsl:variable name="word-end" as="xs:string" select="replace(., '^(\S+).*$', '$1', 's')"/>
    <xsl:value-of select="$word-end"/>
    <xsl:copy-of select="preceding-sibling::node()[1]"/>
    <xsl:value-of select="substring(., string-length($word-end) + 1)"/>
  </xsl:template>
</xsl:stylesheet>
