<?xml version="1.0" encoding="UTF-8"?>
<!--
  xslt/common/behaviours-html.xsl - the behaviours of the HTML reading page: each b: named
  template of common/rules.xsl, implemented once as semantic HTML5.

  Where it sits in the pipeline: imported by xslt/html.xsl (teikit render -​-to html), which
  applies mode tk:text (the rules, common/rules.xsl) to the text and to the header parts
  that are content. The rules decide WHAT an element is; this file decides what that looks
  like in HTML. Names are linked to the register page of the edition ($register-page),
  looked up in the register files teikit.render passes as $registers.

  Every behaviour runs with the TEI element as context and takes, besides its own:
    $content  node()*     what to render inside it (default: the element's children)
    $class    xs:string   a CSS class (default: the element's local name)
  Modes of this file:
    tk:footnotes  the list of notes at the end of the article, linked both ways.
    tk:toc        the table of contents (sections with a head).
    tk:plain      a heading as plain text (for the table of contents, without notes).
    tk:attr       @xml:id and @xml:lang as HTML attributes.
  Tunnel parameter $in-link (xs:boolean): inside an <a>, names and citations become spans
  so links never nest.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    xmlns:b="urn:teikit:behaviour"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:import href="html-functions.xsl"/>
  <xsl:import href="rules.xsl"/>

  <!-- the register files next to the article, parsed by teikit.render -->
  <xsl:param name="registers" as="document-node()*" select="()"/>
  <!-- the register page of the edition, relative to the article page ('': none, names not linked) -->
  <xsl:param name="register-page" as="xs:string" select="'../register/index.html'"/>

  <xsl:mode name="tk:footnotes" on-no-match="shallow-skip"/>
  <xsl:mode name="tk:toc" on-no-match="shallow-skip"/>
  <xsl:mode name="tk:plain" on-no-match="text-only-copy"/>
  <xsl:mode name="tk:attr" on-no-match="deep-skip"/>

  <!-- numbers footnotes that carry no @n: notes of the text, in document order -->
  <xsl:accumulator name="tk:note-number" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:note[tk:is-footnote(.)]" select="$value + 1"/>
  </xsl:accumulator>

  <xsl:variable name="tk:rtl" as="xs:string*" select="('ar', 'he', 'fa', 'ur', 'yi', 'syr')"/>

  <!-- =================================================================== attributes -->
  <!-- a language tag as HTML's checker accepts it (common/language-tags.xsl) -->
  <xsl:template match="@xml:lang" mode="tk:attr">
    <xsl:variable name="lang" as="xs:string" select="tk:html-lang(.)"/>
    <xsl:attribute name="lang" select="$lang"/>
    <xsl:if test="substring-before($lang || '-', '-') = $tk:rtl">
      <xsl:attribute name="dir" select="'rtl'"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="@xml:id" mode="tk:attr">
    <xsl:attribute name="id" select="."/>
  </xsl:template>

  <!-- =================================================================== b:text -->
  <xsl:template name="b:text">
    <xsl:param name="text" as="xs:string" select="string(.)"/>
    <xsl:value-of select="$text"/>
  </xsl:template>

  <!-- =================================================================== structure -->
  <!-- b:block: a <div> of its own class; $number (a line's, every fifth: tk:line-number) in
       its margin -->
  <xsl:template name="b:block">
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:param name="class" as="xs:string" select="local-name()"/>
    <xsl:param name="number" as="xs:string?" select="()"/>
    <xsl:param name="phrase" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:param name="in-unit" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="unit" as="xs:boolean" select="$in-unit or tk:is-unit(.)"/>
    <xsl:element name="{if ($phrase) then 'span' else 'div'}">
      <xsl:attribute name="class" select="string-join(($class, 'as-block'[$phrase]), ' ')"/>
      <xsl:apply-templates select="@xml:id, @xml:lang" mode="tk:attr"/>
      <xsl:if test="$unit and tk:unmarked-unit(., $in-unit)"><xsl:attribute name="data-unit"/></xsl:if>
      <xsl:if test="$number"><span class="line-number" aria-hidden="true"><xsl:value-of select="$number"/></span></xsl:if>
      <xsl:apply-templates select="$content" mode="tk:text">
        <xsl:with-param name="in-unit" select="$unit" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- b:container: a <div> of its own class around sections (front, back, group) -->
  <xsl:template name="b:container">
    <xsl:call-template name="b:block"/>
  </xsl:template>

  <!-- b:field: a labelled part of a description (a manuscript's identifier, a letter's
       sending, the persons of a play); $rule 'next' renders the element by its next rule -->
  <xsl:template name="b:field">
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="rule" as="xs:string" select="''"/>
    <xsl:param name="phrase" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($phrase) then 'span' else 'div'}">
      <xsl:attribute name="class" select="string-join(('field', local-name(), 'as-block'[$phrase]), ' ')"/>
      <xsl:apply-templates select="@xml:lang" mode="tk:attr"/>
      <xsl:element name="{if ($phrase) then 'span' else 'p'}">
        <xsl:attribute name="class" select="'field-label'"/>
        <xsl:value-of select="$label"/>
      </xsl:element>
      <xsl:choose>
        <xsl:when test="$rule eq 'next'"><xsl:next-match/></xsl:when>
        <xsl:otherwise><xsl:apply-templates select="$content" mode="tk:text"/></xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

  <!-- b:section: a <section>, anchored, labelled by its heading -->
  <xsl:template name="b:section">
    <xsl:param name="content" as="node()*" select="node()"/>
    <section id="{tk:html-id(.)}" class="{string-join(('div', @type), ' ')}">
      <xsl:apply-templates select="@xml:lang" mode="tk:attr"/>
      <xsl:if test="@type = 'bibliography'">
        <xsl:attribute name="role" select="'doc-bibliography'"/>
      </xsl:if>
      <xsl:if test="tk:is-headed(.)">
        <xsl:attribute name="aria-labelledby" select="tk:html-id(.) || '-h'"/>
      </xsl:if>
      <xsl:apply-templates select="$content" mode="tk:text"/>
    </section>
  </xsl:template>

  <!-- the printed number of a section, shown before its heading: a numeric @n ("4.1") that
       the heading does not already print ("4.1. Türkiye...") -->
  <xsl:function name="tk:section-number" as="xs:string?">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="n" as="xs:string" select="normalize-space($div/@n)"/>
    <xsl:variable name="head" as="xs:string" select="normalize-space($div/tei:head[1])"/>
    <xsl:sequence select="if (matches($n, '^\d+(\.\d+)*$') and not(matches($head, '^' || replace($n, '\.', '\\.') || '[.\s)]')))
                          then $n else ()"/>
  </xsl:function>

  <!-- b:heading: $level 1.. is a section's heading (h2..h6, numbered), 0 any other head -->
  <xsl:template name="b:heading">
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:param name="level" as="xs:integer" select="0"/>
    <xsl:param name="phrase" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="div" as="element()" select=".."/>
    <xsl:choose>
      <xsl:when test="$level eq 0">
        <xsl:element name="{if ($phrase) then 'span' else 'p'}">
          <xsl:attribute name="class" select="'head'"/>
          <xsl:apply-templates select="$content" mode="tk:text"><xsl:with-param name="phrase" select="true()" tunnel="yes"/></xsl:apply-templates>
        </xsl:element>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="h{min((6, $level + 1))}">
          <xsl:if test=". is $div/tei:head[1]">
            <xsl:attribute name="id" select="tk:html-id($div) || '-h'"/>
          </xsl:if>
          <xsl:apply-templates select="@xml:lang" mode="tk:attr"/>
          <xsl:if test=". is $div/tei:head[1]">
            <xsl:for-each select="tk:section-number($div)">
              <span class="secnum"><xsl:value-of select="."/>. </span>
            </xsl:for-each>
          </xsl:if>
          <xsl:apply-templates select="$content" mode="tk:text"><xsl:with-param name="phrase" select="true()" tunnel="yes"/></xsl:apply-templates>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the block-level TEI elements a paragraph may hold (notes aside: they go to the foot) -->
  <xsl:variable name="tk:block-names" as="xs:string*"
                select="('list', 'cit', 'lg', 'l', 'table', 'figure', 'floatingText', 'sp', 'p', 'ab',
                         'div', 'listBibl', 'castList', 'opener', 'closer')"/>

  <xsl:function name="tk:has-blocks" as="xs:boolean">
    <xsl:param name="p" as="element()"/>
    <!-- one pass over the descendants (a union of paths would scan once per name) -->
    <xsl:sequence select="exists($p/descendant::*[namespace-uri() eq 'http://www.tei-c.org/ns/1.0']
                          [local-name() = $tk:block-names or (self::tei:quote and (tei:p or tei:lg))]
                          [empty(ancestor::tei:note[. >> $p])])"/>
  </xsl:function>

  <!-- b:paragraph: <p>, or <div class="p"> when it holds blocks; anchored when it has an id -->
  <xsl:template name="b:paragraph">
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:param name="phrase" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:param name="in-unit" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="parent::tei:cit">
        <xsl:element name="{if ($phrase) then 'span' else 'p'}">
          <xsl:if test="tk:unmarked-unit(., $in-unit)"><xsl:attribute name="data-unit"/></xsl:if>
          <xsl:apply-templates select="$content" mode="tk:text">
            <xsl:with-param name="phrase" select="true()" tunnel="yes"/>
            <xsl:with-param name="in-unit" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:element>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="blocks" as="xs:boolean" select="tk:has-blocks(.)"/>
        <xsl:element name="{if ($phrase) then 'span' else if ($blocks) then 'div' else 'p'}">
          <xsl:apply-templates select="@xml:id, @xml:lang" mode="tk:attr"/>
          <xsl:if test="tk:unmarked-unit(., $in-unit)"><xsl:attribute name="data-unit"/></xsl:if>
          <xsl:if test="$blocks or self::tei:ab or $phrase">
            <xsl:attribute name="class" select="string-join((local-name(), 'as-block'[$phrase]), ' ')"/>
          </xsl:if>
          <xsl:apply-templates select="$content" mode="tk:text">
            <xsl:with-param name="phrase" select="$phrase or not($blocks)" tunnel="yes"/>
            <xsl:with-param name="in-unit" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
          <xsl:if test="@xml:id and ancestor::tei:body">
            <xsl:text> </xsl:text>
            <a class="anchor" href="#{@xml:id}" aria-label="{tk:label('anchor', tk:ui-lang(.))}">¶</a>
          </xsl:if>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- b:page-break: the page number of the source, in the margin -->
  <xsl:template name="b:page-break">
    <xsl:param name="facsimile" as="xs:string?" select="()"/>
    <xsl:if test="normalize-space(@n) or exists($facsimile)">
      <xsl:variable name="label" as="xs:string" select="tk:label('page', tk:ui-lang(.)) || ' ' || @n"/>
      <span class="pb" role="doc-pagebreak" aria-label="{$label}" title="{$label}">
        <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
        <xsl:choose>
          <xsl:when test="exists($facsimile)">
            <a class="facs" href="{$facsimile}"><xsl:value-of select="(normalize-space(@n)[. ne ''], '□')[1]"/></a>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="@n"/></xsl:otherwise>
        </xsl:choose>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- b:line-break: <br>, except where a word runs on or nothing precedes it; then the
       line's $number (every fifth line: tk:line-number) -->
  <xsl:template name="b:line-break">
    <xsl:param name="number" as="xs:string?" select="()"/>
    <xsl:if test="not(@break = 'no') and preceding-sibling::node()[normalize-space() or self::*]">
      <br/>
    </xsl:if>
    <xsl:if test="$number"><span class="line-number" aria-hidden="true"><xsl:value-of select="$number"/></span></xsl:if>
  </xsl:template>

  <!-- =================================================================== blocks -->
  <!-- b:cit: a figure holding the quotation and, as its caption, the source -->
  <xsl:template name="b:cit">
    <xsl:param name="quote" as="node()*"/>
    <xsl:param name="source" as="node()*"/>
    <xsl:param name="notes" as="node()*"/>
    <xsl:param name="phrase" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$phrase">
        <!-- within a phrase (a dictionary's definition, say): no <figure> can stand there -->
        <span class="cit as-block">
          <xsl:apply-templates select="@xml:id, @xml:lang" mode="tk:attr"/>
          <q><xsl:apply-templates select="$quote" mode="tk:text"/></q>
          <xsl:if test="$source"> — <xsl:apply-templates select="$source" mode="tk:text"/></xsl:if>
          <xsl:apply-templates select="$notes" mode="tk:text"/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <figure class="cit">
          <xsl:apply-templates select="@xml:id, @xml:lang" mode="tk:attr"/>
          <blockquote><xsl:apply-templates select="$quote" mode="tk:text"/></blockquote>
          <xsl:if test="$source">
            <figcaption>— <xsl:apply-templates select="$source" mode="tk:text"/></figcaption>
          </xsl:if>
          <xsl:apply-templates select="$notes" mode="tk:text"/>
        </figure>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- b:block-quote: a quotation made of paragraphs or verse -->
  <xsl:template name="b:block-quote">
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:choose>
      <xsl:when test="parent::tei:cit">
        <xsl:apply-templates select="$content" mode="tk:text"/>
      </xsl:when>
      <xsl:otherwise>
        <blockquote>
          <xsl:apply-templates select="@xml:lang" mode="tk:attr"/>
          <xsl:apply-templates select="$content" mode="tk:text"/>
        </blockquote>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- b:gloss-list: a <dl> of each label and the item after it (a column heading,
       headLabel and headItem, is a pair of the class "head") -->
  <xsl:template name="b:gloss-list">
    <xsl:param name="labels" as="element()*"/>
    <xsl:apply-templates select="tei:head" mode="tk:text"/>
    <dl class="list">
      <xsl:apply-templates select="@xml:id, @xml:lang" mode="tk:attr"/>
      <xsl:for-each select="$labels">
        <xsl:variable name="head" as="attribute()?"><xsl:if test="self::tei:headLabel"><xsl:attribute name="class">head</xsl:attribute></xsl:if></xsl:variable>
        <dt><xsl:sequence select="$head"/><xsl:apply-templates mode="tk:text"><xsl:with-param name="phrase" select="true()" tunnel="yes"/></xsl:apply-templates></dt>
        <dd><xsl:sequence select="$head"/><xsl:apply-templates select="tk:glossed(.)/node()" mode="tk:text"/></dd>
      </xsl:for-each>
    </dl>
  </xsl:template>

  <!-- b:list: its head, then <ol> ($ordered) or <ul> of its items; a list's class is its
       @type, any other list's its name (listBibl, castList, listPerson...) -->
  <xsl:template name="b:list">
    <xsl:param name="content" as="node()*" select="* except tei:head"/>
    <xsl:param name="class" as="xs:string" select="if (self::tei:list) then string(@type) else local-name()"/>
    <xsl:param name="ordered" as="xs:boolean" select="false()"/>
    <xsl:param name="phrase" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:apply-templates select="tei:head" mode="tk:text"/>
    <xsl:element name="{if ($phrase) then 'span' else if ($ordered) then 'ol' else 'ul'}">
      <xsl:apply-templates select="@xml:id, @xml:lang" mode="tk:attr"/>
      <xsl:if test="$class ne ''">
        <xsl:attribute name="class" select="$class"/>
      </xsl:if>
      <xsl:apply-templates select="$content" mode="tk:text"/>
    </xsl:element>
  </xsl:template>

  <!-- b:list-item: <li>; $rule 'next' renders the element by its next rule inside the item
       (a note, a list or a person in a list); $sublist becomes a nested list -->
  <xsl:template name="b:list-item">
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:param name="class" as="xs:string" select="''"/>
    <xsl:param name="rule" as="xs:string" select="''"/>
    <xsl:param name="sublist" as="node()*" select="()"/>
    <xsl:param name="phrase" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($phrase) then 'span' else 'li'}">
      <xsl:if test="$class ne '' or $phrase">
        <xsl:attribute name="class" select="string-join(($class[. ne ''], 'as-block'[$phrase]), ' ')"/>
      </xsl:if>
      <xsl:if test="$rule ne 'next'">
        <xsl:apply-templates select="@xml:id, @xml:lang" mode="tk:attr"/>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="$rule eq 'next'"><xsl:next-match/></xsl:when>
        <xsl:otherwise><xsl:apply-templates select="$content" mode="tk:text"/></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$sublist">
        <xsl:element name="{if ($phrase) then 'span' else 'ul'}">
          <xsl:apply-templates select="$sublist" mode="tk:text"/>
        </xsl:element>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <!-- b:verse-line: one line of verse, its $number (every fifth line) in the margin -->
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
    <table>
      <xsl:apply-templates select="@xml:id, @xml:lang" mode="tk:attr"/>
      <xsl:if test="tei:head">
        <caption><xsl:apply-templates select="tei:head/node()" mode="tk:text"/></caption>
      </xsl:if>
      <tbody><xsl:apply-templates select="tei:row" mode="tk:text"/></tbody>
    </table>
  </xsl:template>

  <xsl:template name="b:row">
    <tr><xsl:apply-templates select="tei:cell" mode="tk:text"/></tr>
  </xsl:template>

  <xsl:template name="b:cell">
    <xsl:param name="label" as="xs:boolean" select="false()"/>
    <xsl:element name="{if ($label) then 'th' else 'td'}">
      <xsl:if test="@cols castable as xs:integer"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
      <xsl:if test="@rows castable as xs:integer"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
      <xsl:apply-templates mode="tk:text"/>
    </xsl:element>
  </xsl:template>

  <!-- b:figure: a <figure>, its head and description as the caption -->
  <xsl:template name="b:figure">
    <figure>
      <xsl:apply-templates select="@xml:id, @xml:lang" mode="tk:attr"/>
      <!-- what a figure shows stands apart (a printer's device: two mottoes, each a <q>) -->
      <xsl:for-each select="* except (tei:head | tei:figDesc)">
        <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
        <xsl:apply-templates select="." mode="tk:text"/>
      </xsl:for-each>
      <xsl:if test="tei:head | tei:figDesc">
        <figcaption>
          <xsl:for-each select="tei:head | tei:figDesc">
            <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
            <xsl:apply-templates select="node()" mode="tk:text"/>
          </xsl:for-each>
        </figcaption>
      </xsl:if>
    </figure>
  </xsl:template>

  <!-- b:speaker: who speaks, in bold -->
  <xsl:template name="b:speaker">
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:param name="phrase" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($phrase) then 'span' else 'p'}"><xsl:attribute name="class" select="'speaker'"/><strong><xsl:apply-templates select="$content" mode="tk:text"><xsl:with-param name="phrase" select="true()" tunnel="yes"/></xsl:apply-templates></strong></xsl:element>
  </xsl:template>

  <!-- b:stage: a stage direction, in italics; a paragraph of its own unless within a $phrase -->
  <xsl:template name="b:stage">
    <xsl:param name="within-phrase" as="xs:boolean" select="false()"/>
    <xsl:param name="phrase" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$within-phrase or $phrase">
        <em class="stage"><xsl:apply-templates mode="tk:text"><xsl:with-param name="phrase" select="true()" tunnel="yes"/></xsl:apply-templates></em>
      </xsl:when>
      <xsl:otherwise>
        <p class="stage"><em><xsl:apply-templates mode="tk:text"><xsl:with-param name="phrase" select="true()" tunnel="yes"/></xsl:apply-templates></em></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- =================================================================== notes -->
  <xsl:function name="tk:note-number" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="string(($note/@n, $note/accumulator-after('tk:note-number'))[1])"/>
  </xsl:function>

  <!-- b:note: a numbered call here; the note itself in the list at the end (tk:footnotes) -->
  <xsl:template name="b:note">
    <xsl:variable name="id" as="xs:string" select="tk:html-id(.)"/>
    <a class="noteref" id="{$id}-ref" href="#{$id}" role="doc-noteref"
       aria-label="{tk:label('note', tk:ui-lang(.))} {tk:note-number(.)}">
      <sup><xsl:value-of select="tk:note-number(.)"/></sup>
    </a>
  </xsl:template>

  <xsl:template match="tei:note" mode="tk:footnotes">
    <xsl:variable name="id" as="xs:string" select="tk:html-id(.)"/>
    <li id="{$id}">
      <xsl:apply-templates select="@xml:lang" mode="tk:attr"/>
      <a class="backref" href="#{$id}-ref" role="doc-backlink"
         aria-label="{tk:label('back-to-text', tk:ui-lang(.))}">
        <xsl:value-of select="tk:note-number(.)"/>
      </a>
      <xsl:text> </xsl:text>
      <div class="note-body"><xsl:apply-templates mode="tk:text"/></div>
    </li>
  </xsl:template>

  <!-- b:remark: an editor's remark kept where it stands, in brackets -->
  <xsl:template name="b:remark">
    <xsl:param name="content" as="node()*" select="node()"/>
    <span class="editorial-note">
      <xsl:apply-templates select="@xml:lang" mode="tk:attr"/>
      <xsl:text> [</xsl:text>
      <xsl:apply-templates select="$content" mode="tk:text"><xsl:with-param name="phrase" select="true()" tunnel="yes"/></xsl:apply-templates>
      <xsl:text>]</xsl:text>
    </span>
  </xsl:template>

  <!-- b:apparatus: the lemma in the text, the other readings (with their witnesses or
       sources) and the editor's notes after it, in brackets -->
  <xsl:template name="b:apparatus">
    <xsl:param name="lemma" as="element()?"/>
    <xsl:param name="readings" as="element()*"/>
    <span class="app">
      <xsl:if test="$lemma">
        <span class="lem"><xsl:apply-templates select="$lemma/node()" mode="tk:text"><xsl:with-param name="phrase" select="true()" tunnel="yes"/></xsl:apply-templates></span>
      </xsl:if>
      <xsl:if test="$readings">
        <span class="app-readings">
          <xsl:text> [</xsl:text>
          <xsl:for-each select="$readings">
            <xsl:if test="position() gt 1">; </xsl:if>
            <span class="{local-name()}">
              <xsl:apply-templates select="@xml:lang" mode="tk:attr"/>
              <xsl:apply-templates mode="tk:text"><xsl:with-param name="phrase" select="true()" tunnel="yes"/></xsl:apply-templates>
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

  <!-- =================================================================== links and names -->
  <!-- b:citation: a link to the bibliography entry $target, when it is on this page -->
  <xsl:template name="b:citation">
    <xsl:param name="target" as="element()?"/>
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="not($in-link) and exists($target)">
        <a class="cite" href="#{$target/@xml:id}" role="doc-biblioref">
          <xsl:apply-templates mode="tk:text"><xsl:with-param name="phrase" select="true()" tunnel="yes"/><xsl:with-param name="in-link" select="true()" tunnel="yes"/></xsl:apply-templates>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="cite"><xsl:apply-templates mode="tk:text"><xsl:with-param name="phrase" select="true()" tunnel="yes"/></xsl:apply-templates></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- b:link: a link to the web or to an element of this page; any other target (another
       file, an empty or blank @target: an editor's slip, yet well-formed) leaves the plain
       content -->
  <xsl:template name="b:link">
    <xsl:param name="target" as="xs:string?"/>
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="href" as="xs:string?" select="
        if (matches($target, '^https?://')) then $target
        else if (starts-with($target, '#') and exists(key('tk:id', substring($target, 2)))) then $target
        else ()"/>
    <xsl:choose>
      <xsl:when test="exists($href) and not($in-link)">
        <a href="{$href}">
          <xsl:apply-templates mode="tk:text"><xsl:with-param name="phrase" select="true()" tunnel="yes"/><xsl:with-param name="in-link" select="true()" tunnel="yes"/></xsl:apply-templates>
          <xsl:if test="self::tei:ptr"><xsl:value-of select="$target"/></xsl:if>
        </a>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="tk:text"><xsl:with-param name="phrase" select="true()" tunnel="yes"/></xsl:apply-templates></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- b:name: linked to its register entry (with the preferred name as title) when found -->
  <xsl:template name="b:name">
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="entry" as="element()?" select="tk:register-entry(@ref, $registers)"/>
    <xsl:variable name="class" as="xs:string" select="string-join(distinct-values(('name', local-name(), @type)), ' ')"/>
    <xsl:choose>
      <xsl:when test="exists($entry) and not($in-link) and $register-page ne ''">
        <a class="{$class}" href="{$register-page}#{$entry/@xml:id}" title="{tk:preferred-name($entry)}">
          <xsl:apply-templates select="@xml:lang" mode="tk:attr"/>
          <xsl:apply-templates select="$content" mode="tk:text"><xsl:with-param name="phrase" select="true()" tunnel="yes"/><xsl:with-param name="in-link" select="true()" tunnel="yes"/></xsl:apply-templates>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="{$class}">
          <xsl:apply-templates select="@xml:lang" mode="tk:attr"/>
          <xsl:if test="exists($entry)"><xsl:attribute name="title" select="tk:preferred-name($entry)"/></xsl:if>
          <xsl:apply-templates select="$content" mode="tk:text"><xsl:with-param name="phrase" select="true()" tunnel="yes"/></xsl:apply-templates>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- b:date: <time> (or a span) showing its normalised value on focus and hover -->
  <xsl:template name="b:date">
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="value" as="xs:string" select="tk:date-value(.)"/>
    <xsl:variable name="shown" as="xs:string"
                  select="$value || (if (@cert = ('low', 'medium')) then ' (' || tk:label('inferred', tk:ui-lang(.)) || ')' else '')"/>
    <xsl:variable name="datetime" as="xs:boolean" select="matches(@when, '^\d{4}(-\d{2}(-\d{2})?)?$')"/>
    <xsl:element name="{if ($datetime) then 'time' else 'span'}">
      <xsl:if test="$datetime">
        <xsl:attribute name="datetime" select="@when"/>
      </xsl:if>
      <xsl:attribute name="class" select="'date'"/>
      <xsl:if test="not($in-link)">
        <xsl:attribute name="tabindex" select="0"/>
      </xsl:if>
      <xsl:attribute name="title" select="$shown"/>
      <xsl:attribute name="data-norm" select="$shown"/>
      <xsl:apply-templates select="$content" mode="tk:text"><xsl:with-param name="phrase" select="true()" tunnel="yes"/></xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- =================================================================== phrase level -->
  <!-- b:inline: a phrase. $kind (default: the element's name) and @rend choose the HTML
       element; $before/$after are printed around $content; $title is shown on hover -->
  <xsl:template name="b:inline">
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:param name="class" as="xs:string" select="local-name()"/>
    <xsl:param name="kind" as="xs:string" select="local-name()"/>
    <xsl:param name="title" as="xs:string?" select="()"/>
    <xsl:param name="before" as="xs:string" select="''"/>
    <xsl:param name="after" as="xs:string" select="''"/>
    <xsl:variable name="rend" as="xs:string" select="string(@rend)"/>
    <xsl:variable name="element" as="xs:string" select="
        if ($kind = 'plain') then ''
        else if ($kind = 'emph') then 'em'
        else if ($kind = 'title') then 'cite'
        else if ($kind = 'del') then 'del'
        else if ($kind = 'add') then 'ins'
        else if ($kind = ('ruby', 'rt')) then $kind
        else if (matches($rend, 'sup')) then 'sup'
        else if (matches($rend, 'sub')) then 'sub'
        else if (matches($rend, 'bold|strong')) then 'b'
        else if (matches($rend, 'italic') or $kind = ('foreign', 'mentioned')) then 'i'
        else 'span'"/>
    <xsl:choose>
      <xsl:when test="$element eq ''">
        <xsl:value-of select="$before"/>
        <xsl:apply-templates select="$content" mode="tk:text"><xsl:with-param name="phrase" select="true()" tunnel="yes"/></xsl:apply-templates>
        <xsl:value-of select="$after"/>
      </xsl:when>
      <xsl:when test="$element eq 'rt'">   <!-- the gloss; in parentheses where ruby is not shown -->
        <rp>(</rp><rt class="{$class}"><xsl:apply-templates select="$content" mode="tk:text"><xsl:with-param name="phrase" select="true()" tunnel="yes"/></xsl:apply-templates></rt><rp>)</rp>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="{$element}">
          <xsl:if test="not($kind = ('del', 'add'))">
            <xsl:attribute name="class" select="$class"/>
          </xsl:if>
          <xsl:if test="exists($title)"><xsl:attribute name="title" select="$title"/></xsl:if>
          <xsl:apply-templates select="@xml:lang" mode="tk:attr"/>
          <xsl:value-of select="$before"/>
          <xsl:apply-templates select="$content" mode="tk:text"><xsl:with-param name="phrase" select="true()" tunnel="yes"/></xsl:apply-templates>
          <xsl:value-of select="$after"/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- b:alternate: the reading the rules chose ($shown); the others (the source's spelling,
       the abbreviation...) in its tooltip, as TEI Publisher's alternate does -->
  <xsl:template name="b:alternate">
    <xsl:param name="shown" as="element()?"/>
    <xsl:variable name="others" as="element()*" select="*[normalize-space()] except $shown"/>
    <xsl:choose>
      <xsl:when test="exists($shown) and exists($others)">
        <span class="choice" title="{string-join($others ! (tk:label(local-name(), tk:ui-lang(.)) || ': '
                                                 || normalize-space(.)), '; ')}">
          <xsl:apply-templates select="$shown/node()" mode="tk:text"/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="$shown/node()" mode="tk:text"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- =================================================================== contents -->
  <xsl:template match="(tei:div | tei:div1 | tei:div2 | tei:div3)[tk:is-headed(.)]"
                mode="tk:toc">
    <xsl:variable name="sub" as="element()*"
                  select="(tei:div | tei:div2 | tei:div3 | tei:div4)[tk:is-headed(.)][count(ancestor::*) lt 8]"/>
    <li dir="auto">
      <a href="#{tk:html-id(.)}">
        <xsl:for-each select="tk:section-number(.)">
          <span class="secnum"><xsl:value-of select="."/>. </span>
        </xsl:for-each>
        <xsl:apply-templates select="tei:head[1]" mode="tk:plain"/>
      </a>
      <xsl:if test="$sub">
        <ol><xsl:apply-templates select="$sub" mode="tk:toc"/></ol>
      </xsl:if>
    </li>
  </xsl:template>

  <xsl:template match="tei:note | tei:lb[not(@break = 'no')]" mode="tk:plain">
    <xsl:if test="self::tei:lb"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>
</xsl:stylesheet>
