<?xml version="1.0" encoding="UTF-8"?>
<!--
  xslt/common/behaviours-print.xsl - the behaviours of the print edition: each b: named
  template of common/rules.xsl, implemented once as HTML for CSS Paged Media.

  Where it sits in the pipeline: imported by xslt/print.xsl (teikit render -​-to print|pdf),
  which applies mode tk:text (the rules, common/rules.xsl) to each article's text and to
  the header parts that are content. The look is in xslt/assets/print.css.

  What differs from the reading page (behaviours-html.xsl), and why:
  - every block gets an id (its xml:id, else a generated one) and a class: a PDF layout
    (teikit.render.pdf) anchors blocks to move them to a new page ($page-breaks);
  - a block met inside inline context (tunnel $inline) becomes a display:block <span>,
    so the HTML stays valid;
  - a note is a CSS footnote (float: footnote) with an anchor at its call;
  - a name with a register entry is an anchor the printed register points at with
    target-counter() (common/print-register.xsl);
  - a line break is not reproduced, a date shows only its text.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    xmlns:b="urn:teikit:behaviour"
    exclude-result-prefixes="#all">

  <xsl:import href="rules.xsl"/>

  <!-- ids of blocks that must start a new page: set by teikit.render.pdf when a layout put
       a footnote on a later page than its call (see there); empty for the print HTML -->
  <xsl:param name="page-breaks" as="xs:string*" select="()"/>

  <!-- ================================================================ helpers -->
  <xsl:function name="tk:id" as="attribute(id)?">
    <xsl:param name="e" as="element()"/>
    <xsl:for-each select="$e/@xml:id">
      <xsl:attribute name="id" select="."/>
    </xsl:for-each>
  </xsl:function>

  <!-- id (the xml:id, else a generated one: a layout needs every block anchored) and class;
       'page-break' when the PDF layout asked this block to start a page -->
  <xsl:function name="tk:block-attributes" as="attribute()+">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="class" as="xs:string"/>
    <xsl:sequence select="tk:block-attributes($e, $class, false())"/>
  </xsl:function>

  <!-- the same for a $wrapper around the element (a list item or a field that renders it
       by its next rule): the element's own block has its xml:id, the wrapper a generated one -->
  <xsl:function name="tk:block-attributes" as="attribute()+">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="class" as="xs:string"/>
    <xsl:param name="wrapper" as="xs:boolean"/>
    <xsl:variable name="id" as="xs:string" select="if ($wrapper) then 'w-' || generate-id($e) else tk:block-id($e)"/>
    <xsl:attribute name="id" select="$id"/>
    <xsl:attribute name="class" select="string-join(($class, 'page-break'[$id = $page-breaks]), ' ')"/>
  </xsl:function>

  <!-- the id of an element's block: its xml:id, else a generated one (the table of contents
       of common/print-front-matter.xsl links a section by it) -->
  <xsl:function name="tk:block-id" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="($e/@xml:id, 'b-' || generate-id($e))[1]"/>
  </xsl:function>

  <!-- a section heading as a reader sees it, without its footnotes: the section number
       from the division's @n, unless the heading already prints it, then its words (the
       PDF's bookmark and the table of contents) -->
  <xsl:function name="tk:heading-label" as="xs:string">
    <xsl:param name="head" as="element()"/>
    <xsl:sequence select="normalize-space(string-join((tk:heading-number($head), tk:heading-text($head)), ' '))"/>
  </xsl:function>

  <xsl:function name="tk:heading-text" as="xs:string">
    <xsl:param name="head" as="element()"/>
    <xsl:sequence select="normalize-space(string-join($head//text()[not(ancestor::tei:note)], ''))"/>
  </xsl:function>

  <xsl:function name="tk:heading-number" as="xs:string?">
    <xsl:param name="head" as="element()"/>
    <xsl:variable name="n" as="xs:string?" select="$head/../@n[matches(., '^[0-9.]+$')] ! replace(., '\.$', '')"/>
    <xsl:sequence select="$n[not(matches(tk:heading-text($head), '^' || replace(., '\.', '\\.') || '\.?(\s|$)'))] ! (. || '.')"/>
  </xsl:function>

  <xsl:function name="tk:lang" as="attribute(lang)?">
    <xsl:param name="e" as="element()"/>
    <xsl:for-each select="$e/@xml:lang">
      <xsl:attribute name="lang" select="tk:html-lang(.)"/>
    </xsl:for-each>
  </xsl:function>

  <!-- ================================================================ b:text -->
  <!-- A footnote's whitespace is collapsed here and trimmed at its ends: WeasyPrint (70)
       fails on a footnote whose text starts with a line break ("Got ' \n' between two
       lines"). In HTML the runs collapse anyway, so nothing visible changes. -->
  <xsl:template name="b:text">
    <xsl:param name="text" as="xs:string" select="string(.)"/>
    <xsl:variable name="note" as="element(tei:note)?" select="ancestor::tei:note[1]"/>
    <xsl:choose>
      <xsl:when test="empty($note)"><xsl:value-of select="$text"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="texts" as="text()*" select="$note//text()"/>
        <xsl:variable name="collapsed" as="xs:string" select="replace($text, '\s+', ' ')"/>
        <xsl:value-of select="if (. is $texts[1] and . is $texts[last()]) then normalize-space($text)
                              else if (. is $texts[1]) then replace($collapsed, '^ ', '')
                              else if (. is $texts[last()]) then replace($collapsed, ' $', '')
                              else $collapsed"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================================ structure -->
  <!-- b:block: <div> (a display:block span inside inline context); its content is inline
       when it is running text ($phrases: it has text of its own, or it is a <p>), else a
       sequence of blocks (a verse group of lines, a speech of paragraphs); $number (a
       line's, every fifth: tk:line-number) at its right -->
  <xsl:template name="b:block">
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:param name="class" as="xs:string" select="local-name()"/>
    <xsl:param name="element" as="xs:string" select="'div'"/>
    <xsl:param name="number" as="xs:string?" select="()"/>
    <xsl:param name="phrases" as="xs:boolean" select="exists(text()[normalize-space()])"/>
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($inline) then 'span' else $element}">
      <xsl:sequence select="tk:block-attributes(., string-join(($class, 'as-block'[$inline]), ' ')), tk:lang(.)"/>
      <xsl:if test="$number"><span class="line-number" aria-hidden="true"><xsl:value-of select="$number"/></span></xsl:if>
      <xsl:apply-templates select="$content" mode="tk:text">
        <xsl:with-param name="inline" select="$inline or $phrases or $element eq 'p'" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- b:container: its sections, as they are (front, back, group) -->
  <xsl:template name="b:container">
    <xsl:apply-templates mode="tk:text"/>
  </xsl:template>

  <!-- b:field: a labelled part of a description; $rule 'next' renders the element by its
       next rule -->
  <xsl:template name="b:field">
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="rule" as="xs:string" select="''"/>
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($inline) then 'span' else 'div'}">
      <xsl:sequence select="tk:block-attributes(., string-join(('field', local-name(), 'as-block'[$inline]), ' '),
                                                $rule eq 'next'), tk:lang(.)"/>
      <xsl:element name="{if ($inline) then 'span' else 'p'}">
        <xsl:attribute name="class" select="string-join(('field-label', 'as-block'[$inline]), ' ')"/>
        <xsl:value-of select="$label"/>
      </xsl:element>
      <xsl:choose>
        <xsl:when test="$rule eq 'next'"><xsl:next-match/></xsl:when>
        <xsl:otherwise><xsl:apply-templates select="$content" mode="tk:text"/></xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

  <!-- b:section: <section>, numbered headings inside -->
  <xsl:template name="b:section">
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$inline">
        <span class="div"><xsl:apply-templates select="$content" mode="tk:text"/></span>
      </xsl:when>
      <xsl:otherwise>
        <section>
          <xsl:sequence select="tk:block-attributes(., string-join(('div', @type), ' '))"/>
          <xsl:apply-templates select="$content" mode="tk:text"/>
        </section>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- b:heading: a section's heading (h2..h5, numbered from the section's @n, with the
       bookmark label the PDF uses); any other head a block -->
  <xsl:template name="b:heading">
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:param name="level" as="xs:integer" select="0"/>
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$level eq 0">
        <xsl:call-template name="b:block">
          <xsl:with-param name="content" select="$content"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="number" as="xs:string?" select="tk:heading-number(.)"/>
        <xsl:element name="{if ($inline) then 'span' else 'h' || (min(($level, 4)) + 1)}">
          <xsl:if test="$inline"><xsl:attribute name="class" select="'head'"/></xsl:if>
          <!-- the bookmark's label: the heading without its footnotes -->
          <xsl:attribute name="data-label" select="tk:heading-label(.)"/>
          <xsl:if test="$number">
            <span class="secno"><xsl:value-of select="$number"/></span>
            <xsl:text> </xsl:text>
          </xsl:if>
          <xsl:apply-templates select="$content" mode="tk:text">
            <xsl:with-param name="inline" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- b:paragraph: <p> for a p, <div> for an ab; in a cit, the quotation's own words -->
  <xsl:template name="b:paragraph">
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:choose>
      <xsl:when test="parent::tei:cit">
        <xsl:apply-templates select="$content" mode="tk:text"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="b:block">
          <xsl:with-param name="content" select="$content"/>
          <xsl:with-param name="element" select="if (self::tei:p) then 'p' else 'div'"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- b:page-break: the printed page of the source edition, in the outer margin -->
  <xsl:template name="b:page-break">
    <xsl:param name="facsimile" as="xs:string?" select="()"/>
    <xsl:if test="@n">
      <span class="pb" data-n="{@n}">
        <xsl:sequence select="tk:id(.)"/>
        <xsl:choose>
          <xsl:when test="exists($facsimile)"><a class="facs" href="{$facsimile}"><xsl:value-of select="@n"/></a></xsl:when>
          <xsl:otherwise><xsl:value-of select="@n"/></xsl:otherwise>
        </xsl:choose>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- b:line-break: the lines of the source are not reproduced, but the words on either
       side stay apart (unless the break is inside a word) -->
  <xsl:template name="b:line-break">
    <xsl:param name="number" as="xs:string?" select="()"/>   <!-- print sets the text in its own lines: no number -->
    <xsl:if test="not(@break = 'no')"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <!-- ================================================================ blocks -->
  <!-- b:cit: a block quotation with its source -->
  <xsl:template name="b:cit">
    <xsl:param name="quote" as="node()*"/>
    <xsl:param name="source" as="node()*"/>
    <xsl:param name="notes" as="node()*"/>
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($inline) then 'span' else 'figure'}">
      <xsl:sequence select="tk:block-attributes(., 'cit')"/>
      <xsl:element name="{if ($inline) then 'span' else 'blockquote'}">
        <xsl:for-each select="$quote">      <!-- its parts apart: a quote, then a reference -->
          <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
          <xsl:apply-templates select="." mode="tk:text"/>
        </xsl:for-each>
        <xsl:apply-templates select="$notes" mode="tk:text"/>
      </xsl:element>
      <xsl:for-each select="$source">
        <xsl:if test="$inline"> — </xsl:if>
        <xsl:element name="{if ($inline) then 'span' else 'figcaption'}">
          <xsl:attribute name="class" select="'cit-source'"/>
          <xsl:apply-templates select="." mode="tk:text">
            <xsl:with-param name="inline" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:element>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>

  <!-- b:block-quote: a quotation of paragraphs or verse -->
  <xsl:template name="b:block-quote">
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="parent::tei:cit">
        <xsl:apply-templates select="$content" mode="tk:text"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="{if ($inline) then 'q' else 'blockquote'}">
          <xsl:sequence select="tk:id(.), tk:lang(.)"/>
          <xsl:apply-templates select="$content" mode="tk:text"/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- b:gloss-list: each label and the item after it, as a list of definitions (a column
       heading, headLabel and headItem, is a pair of the class "head"); inside a phrase,
       "label: item; label: item" -->
  <xsl:template name="b:gloss-list">
    <xsl:param name="labels" as="element()*"/>
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:apply-templates select="tei:head" mode="tk:text"/>
    <xsl:element name="{if ($inline) then 'span' else 'dl'}">
      <xsl:sequence select="tk:block-attributes(., 'list')"/>
      <xsl:for-each select="$labels">
        <xsl:variable name="head" as="attribute()?"><xsl:if test="self::tei:headLabel"><xsl:attribute name="class">head</xsl:attribute></xsl:if></xsl:variable>
        <xsl:if test="$inline and position() gt 1">; </xsl:if>
        <xsl:element name="{if ($inline) then 'span' else 'dt'}">
          <xsl:sequence select="$head"/>
          <xsl:apply-templates mode="tk:text"><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
        </xsl:element>
        <xsl:if test="$inline">: </xsl:if>
        <xsl:element name="{if ($inline) then 'span' else 'dd'}">
          <xsl:sequence select="$head"/>
          <xsl:apply-templates select="tk:glossed(.)/node()" mode="tk:text">
            <xsl:with-param name="inline" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:element>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>

  <!-- b:list: its head, then a <ul> (numbered lists keep their printed numbers in the text) -->
  <xsl:template name="b:list">
    <xsl:param name="content" as="node()*" select="* except tei:head"/>
    <xsl:param name="ordered" as="xs:boolean" select="false()"/>
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:apply-templates select="tei:head" mode="tk:text"/>
    <xsl:element name="{if ($inline) then 'span' else 'ul'}">
      <xsl:attribute name="class" select="string-join((local-name(), @type), ' ')"/>
      <xsl:sequence select="tk:id(.)"/>
      <xsl:apply-templates select="$content" mode="tk:text"/>
    </xsl:element>
  </xsl:template>

  <!-- b:list-item: <li>; $rule 'next' renders the element by its next rule inside the item;
       $sublist becomes a nested list -->
  <xsl:template name="b:list-item">
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:param name="class" as="xs:string" select="local-name()"/>
    <xsl:param name="rule" as="xs:string" select="''"/>
    <xsl:param name="sublist" as="node()*" select="()"/>
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($inline) then 'span' else 'li'}">
      <xsl:sequence select="tk:block-attributes(., string-join(($class, 'as-block'[$inline]), ' '), $rule eq 'next')"/>
      <xsl:choose>
        <xsl:when test="$rule eq 'next'">
          <xsl:next-match><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:next-match>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="$content" mode="tk:text">
            <xsl:with-param name="inline" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$sublist">
        <xsl:element name="{if ($inline) then 'span' else 'ul'}">
          <xsl:apply-templates select="$sublist" mode="tk:text"/>
        </xsl:element>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <!-- b:verse-line: one line of verse, its $number (every fifth line) at the right -->
  <xsl:template name="b:verse-line">
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:param name="number" as="xs:string?" select="()"/>
    <xsl:call-template name="b:block">
      <xsl:with-param name="content" select="$content"/>
      <xsl:with-param name="class" select="'l'"/>
      <xsl:with-param name="number" select="$number"/>
    </xsl:call-template>
  </xsl:template>

  <!-- b:table, b:row, b:cell -->
  <xsl:template name="b:table">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$inline"><span class="table"><xsl:apply-templates mode="tk:text"/></span></xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="tei:head" mode="tk:text"/>
        <table><xsl:sequence select="tk:id(.)"/><tbody><xsl:apply-templates select="tei:row" mode="tk:text"/></tbody></table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="b:row">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($inline) then 'span' else 'tr'}"><xsl:apply-templates select="tei:cell" mode="tk:text"/></xsl:element>
  </xsl:template>

  <xsl:template name="b:cell">
    <xsl:param name="label" as="xs:boolean" select="false()"/>
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($inline) then 'span' else 'td'}">
      <xsl:apply-templates mode="tk:text"><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- b:figure: a block holding its head (the graphic itself is not printed) -->
  <xsl:template name="b:figure">
    <xsl:call-template name="b:block"/>
  </xsl:template>

  <!-- b:speaker, b:stage: blocks (print.css sets them in small capitals and italics) -->
  <xsl:template name="b:speaker">
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:call-template name="b:block">
      <xsl:with-param name="content" select="$content"/>
      <xsl:with-param name="class" select="'speaker'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="b:stage">
    <xsl:param name="within-phrase" as="xs:boolean" select="false()"/>
    <xsl:call-template name="b:block">
      <xsl:with-param name="class" select="'stage'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ================================================================ notes -->
  <!-- b:note: a footnote (CSS float: footnote) at the foot of its page -->
  <xsl:template name="b:note">
    <xsl:variable name="id" as="xs:string" select="(@xml:id, 'fn-' || generate-id())[1]"/>
    <!-- an anchor at the call, so a layout can tell the call's page from the note's -->
    <a class="footnote-call" id="fnref-{$id}"/>
    <span class="footnote" id="{$id}">
      <xsl:sequence select="tk:lang(.)"/>
      <xsl:if test="@n"><xsl:attribute name="data-n" select="@n"/></xsl:if>
      <xsl:apply-templates mode="tk:text">
        <xsl:with-param name="inline" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </span>
  </xsl:template>

  <!-- b:remark: an editor's remark stays where it stands, in brackets -->
  <xsl:template name="b:remark">
    <xsl:param name="content" as="node()*" select="node()"/>
    <span class="editorial-note">
      <xsl:sequence select="tk:lang(.)"/>
      <xsl:text> [</xsl:text>
      <xsl:apply-templates select="$content" mode="tk:text">
        <xsl:with-param name="inline" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
      <xsl:text>]</xsl:text>
    </span>
  </xsl:template>

  <!-- b:apparatus: the lemma in the text, the other readings (with their witnesses or
       sources) and the editor's notes after it, in brackets -->
  <xsl:template name="b:apparatus">
    <xsl:param name="lemma" as="element()?"/>
    <xsl:param name="readings" as="element()*"/>
    <span class="app">
      <xsl:apply-templates select="$lemma/node()" mode="tk:text"/>
      <xsl:if test="$readings">
        <span class="app-readings">
          <xsl:text> [</xsl:text>
          <xsl:for-each select="$readings">
            <xsl:if test="position() gt 1">; </xsl:if>
            <span class="{local-name()}">
              <xsl:sequence select="tk:lang(.)"/>
              <xsl:apply-templates mode="tk:text"/>
            </span>
            <xsl:for-each select="(@wit, @source)[normalize-space()][1]">
              <xsl:text> </xsl:text>
              <span class="wit"><xsl:value-of select="replace(normalize-space(.), '(^|\s)#', '$1')"/></span>
            </xsl:for-each>
          </xsl:for-each>
          <xsl:text>]</xsl:text>
        </span>
      </xsl:if>
    </span>
  </xsl:template>

  <!-- ================================================================ links and names -->
  <!-- b:citation: points at its bibliography entry -->
  <xsl:template name="b:citation">
    <xsl:param name="target" as="element()?"/>
    <a class="citation" href="{tokenize(@corresp)[1]}"><xsl:apply-templates mode="tk:text"/></a>
  </xsl:template>

  <!-- b:link: a web address stays a link of the PDF; any other target leaves the text -->
  <xsl:template name="b:link">
    <xsl:param name="target" as="xs:string?"/>
    <xsl:choose>
      <xsl:when test="matches($target, '^https?://')">
        <a class="link" href="{$target}">
          <xsl:apply-templates mode="tk:text"/>
          <xsl:if test="self::tei:ptr"><xsl:value-of select="$target"/></xsl:if>
        </a>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="tk:text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- b:name: an anchor the printed register points at, when it has an entry. Inside a
       citation link a link of its own would nest <a> in <a>, which the HTML parser splits
       (the name fell out of the citation's italic title): there it keeps only its anchor. -->
  <xsl:template name="b:name">
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:variable name="entry" as="element()?" select="if (@ref) then tk:register-entry(.) else ()"/>
    <xsl:choose>
      <xsl:when test="exists($entry) and ancestor::tei:bibl[starts-with(@corresp, '#')]">
        <span class="name {local-name()}" id="{tk:occurrence-id(.)}">
          <xsl:apply-templates select="$content" mode="tk:text"/>
        </span>
      </xsl:when>
      <xsl:when test="exists($entry)">
        <a class="name {local-name()}" id="{tk:occurrence-id(.)}" href="#reg-{$entry/@xml:id}">
          <xsl:apply-templates select="$content" mode="tk:text"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="name {local-name()}"><xsl:apply-templates select="$content" mode="tk:text"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- b:date: its text -->
  <xsl:template name="b:date">
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:apply-templates select="$content" mode="tk:text"/>
  </xsl:template>

  <!-- ================================================================ phrase level -->
  <!-- b:inline: a span of its class (print.css styles italic, bold, sup...), $before and
       $after around $content -->
  <xsl:template name="b:inline">
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:param name="class" as="xs:string" select="local-name()"/>
    <xsl:param name="kind" as="xs:string" select="local-name()"/>
    <xsl:param name="title" as="xs:string?" select="()"/>
    <xsl:param name="before" as="xs:string" select="''"/>
    <xsl:param name="after" as="xs:string" select="''"/>
    <xsl:choose>
      <xsl:when test="$kind eq 'plain'">
        <xsl:value-of select="$before"/>
        <xsl:apply-templates select="$content" mode="tk:text"/>
        <xsl:value-of select="$after"/>
      </xsl:when>
      <xsl:when test="$kind eq 'rt'">   <!-- a ruby gloss, after its base in parentheses -->
        <span class="{$class}"><xsl:sequence select="tk:lang(.)"/>(<xsl:apply-templates select="$content" mode="tk:text"><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>)</span>
      </xsl:when>
      <xsl:otherwise>
        <span class="{$class}">
          <xsl:sequence select="tk:lang(.)"/>
          <xsl:value-of select="$before"/>
          <xsl:apply-templates select="$content" mode="tk:text">
            <xsl:with-param name="inline" select="true()" tunnel="yes"/>   <!-- a block inside is a span -->
          </xsl:apply-templates>
          <xsl:value-of select="$after"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- b:alternate: the reading the rules chose ($shown) -->
  <xsl:template name="b:alternate">
    <xsl:param name="shown" as="element()?"/>
    <xsl:apply-templates select="$shown/node()" mode="tk:text"/>
  </xsl:template>
</xsl:stylesheet>
