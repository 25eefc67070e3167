<?xml version="1.0" encoding="UTF-8"?>
<!--
  xslt/common/html-text.xsl - the rules that turn TEI text into semantic HTML5.

  Where it sits in the pipeline: imported by xslt/html.xsl (teikit render -​-to html), which
  applies mode tk:text to tei:text, to the abstracts and to the bibliography. Names are
  linked to the register page of the edition ($register-page), looked up in the register
  files teikit.render passes as $registers.

  Modes:
    tk:text       TEI text -> HTML; an element without a rule falls back to its text
                  (on-no-match="text-only-copy"), so unknown TEI never stops a render.
    tk:footnotes  the list of notes at the end of the article, linked both ways.
    tk:toc        the table of contents (sections with a head).
    tk:plain      a heading as plain text (for the table of contents, without notes).
  Tunnel parameter $in-link (xs:boolean): inside an <a>, names and citations become spans
  so links never nest.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:import href="html-functions.xsl"/>

  <!-- the register files next to the article, parsed by teikit.render -->
  <xsl:param name="registers" as="document-node()*" select="()"/>
  <!-- the register page of the edition, relative to the article page ('': none, names not linked) -->
  <xsl:param name="register-page" as="xs:string" select="'../register/index.html'"/>

  <xsl:mode name="tk:text" on-no-match="text-only-copy"/>
  <xsl:mode name="tk:footnotes" on-no-match="shallow-skip"/>
  <xsl:mode name="tk:toc" on-no-match="shallow-skip"/>
  <xsl:mode name="tk:plain" on-no-match="text-only-copy"/>
  <xsl:mode name="tk:attr" on-no-match="deep-skip"/>

  <!-- numbers footnotes that carry no @n: notes of the text, in document order -->
  <xsl:accumulator name="tk:note-number" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:text//tei:note" select="$value + 1"/>
  </xsl:accumulator>

  <xsl:variable name="tk:rtl" as="xs:string*" select="('ar', 'he', 'fa', 'ur', 'yi', 'syr')"/>

  <!-- =================================================================== attributes -->
  <xsl:template match="@xml:lang" mode="tk:attr">
    <xsl:attribute name="lang" select="."/>
    <xsl:if test="substring-before(. || '-', '-') = $tk:rtl">
      <xsl:attribute name="dir" select="'rtl'"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="@xml:id" mode="tk:attr">
    <xsl:attribute name="id" select="."/>
  </xsl:template>

  <!-- =================================================================== structure -->
  <xsl:template match="tei:text" mode="tk:text">
    <xsl:apply-templates select="tei:front, tei:body, tei:group, tei:back" mode="#current"/>
  </xsl:template>

  <xsl:template match="tei:front | tei:back" mode="tk:text">
    <div class="{local-name()}">
      <xsl:apply-templates select="@xml:lang" mode="tk:attr"/>
      <xsl:apply-templates mode="#current"/>
    </div>
  </xsl:template>

  <!-- abstracts are shown in the title block -->
  <xsl:template match="tei:front/tei:div[@type = 'abstract']" mode="tk:text"/>

  <xsl:template match="tei:group | tei:floatingText | tei:group/tei:text" mode="tk:text">
    <div class="{local-name()}">
      <xsl:apply-templates select="@xml:lang" mode="tk:attr"/>
      <xsl:apply-templates mode="#current"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7"
                mode="tk:text">
    <section id="{tk:html-id(.)}" class="{string-join(('div', @type), ' ')}">
      <xsl:apply-templates select="@xml:lang" mode="tk:attr"/>
      <xsl:if test="@type = 'bibliography'">
        <xsl:attribute name="role" select="'doc-bibliography'"/>
      </xsl:if>
      <xsl:if test="tei:head">
        <xsl:attribute name="aria-labelledby" select="tk:html-id(.) || '-h'"/>
      </xsl:if>
      <xsl:apply-templates mode="#current"/>
    </section>
  </xsl:template>

  <xsl:function name="tk:heading-level" as="xs:integer">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="depth" as="xs:integer"
                  select="count($div/ancestor-or-self::*[matches(local-name(), '^div[1-7]?$')])"/>
    <xsl:sequence select="min((6, $depth + 1))"/>
  </xsl:function>

  <!-- the printed number of a section, shown before its heading: a numeric @n ("4.1") that
       the heading does not already print ("4.1. Türkiye...") -->
  <xsl:function name="tk:section-number" as="xs:string?">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="n" as="xs:string" select="normalize-space($div/@n)"/>
    <xsl:variable name="head" as="xs:string" select="normalize-space($div/tei:head[1])"/>
    <xsl:sequence select="if (matches($n, '^\d+(\.\d+)*$') and not(matches($head, '^' || replace($n, '\.', '\\.') || '[.\s)]')))
                          then $n else ()"/>
  </xsl:function>

  <xsl:template match="tei:head[parent::*[matches(local-name(), '^div[1-7]?$')]]" mode="tk:text">
    <xsl:variable name="div" as="element()" select=".."/>
    <xsl:element name="h{tk:heading-level($div)}">
      <xsl:if test=". is $div/tei:head[1]">
        <xsl:attribute name="id" select="tk:html-id($div) || '-h'"/>
      </xsl:if>
      <xsl:apply-templates select="@xml:lang" mode="tk:attr"/>
      <xsl:if test=". is $div/tei:head[1]">
        <xsl:for-each select="tk:section-number($div)">
          <span class="secnum"><xsl:value-of select="."/>. </span>
        </xsl:for-each>
      </xsl:if>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <!-- any other head (of a list, a verse group, a table, a letter...) -->
  <xsl:template match="tei:head" mode="tk:text">
    <p class="head"><xsl:apply-templates mode="#current"/></p>
  </xsl:template>

  <!-- =================================================================== blocks -->
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

  <xsl:template match="tei:p | tei:ab" mode="tk:text">
    <xsl:variable name="blocks" as="xs:boolean" select="tk:has-blocks(.)"/>
    <xsl:element name="{if ($blocks) then 'div' else 'p'}">
      <xsl:apply-templates select="@xml:id, @xml:lang" mode="tk:attr"/>
      <xsl:if test="$blocks or self::tei:ab">
        <xsl:attribute name="class" select="local-name()"/>
      </xsl:if>
      <xsl:apply-templates mode="#current"/>
      <xsl:if test="@xml:id and ancestor::tei:body">
        <xsl:text> </xsl:text>
        <a class="anchor" href="#{@xml:id}" aria-label="{tk:label('anchor', tk:ui-lang(.))}">¶</a>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:pb" mode="tk:text">
    <xsl:if test="normalize-space(@n)">
      <xsl:variable name="label" as="xs:string" select="tk:label('page', tk:ui-lang(.)) || ' ' || @n"/>
      <span class="pb" role="doc-pagebreak" aria-label="{$label}" title="{$label}">
        <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
        <xsl:value-of select="@n"/>
      </span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:lb" mode="tk:text">
    <xsl:if test="not(@break = 'no') and preceding-sibling::node()[normalize-space() or self::*]">
      <br/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:fw | tei:cb | tei:milestone | tei:gb | tei:figDesc[parent::tei:figure]
                       | tei:rdg | tei:witDetail | tei:interpGrp" mode="tk:text"/>

  <xsl:template match="tei:cit" mode="tk:text">
    <figure class="cit">
      <xsl:apply-templates select="@xml:id, @xml:lang" mode="tk:attr"/>
      <blockquote>
        <xsl:apply-templates select="* except (tei:bibl | tei:ref | tei:note)" mode="#current"/>
      </blockquote>
      <xsl:if test="tei:bibl | tei:ref">
        <figcaption>— <xsl:apply-templates select="tei:bibl | tei:ref" mode="#current"/></figcaption>
      </xsl:if>
      <xsl:apply-templates select="tei:note" mode="#current"/>
    </figure>
  </xsl:template>

  <xsl:template match="tei:quote[tei:p | tei:lg | tei:l | tei:ab]" mode="tk:text">
    <xsl:choose>
      <xsl:when test="parent::tei:cit">
        <xsl:apply-templates mode="#current"/>
      </xsl:when>
      <xsl:otherwise>
        <blockquote>
          <xsl:apply-templates select="@xml:lang" mode="tk:attr"/>
          <xsl:apply-templates mode="#current"/>
        </blockquote>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:quote | tei:q | tei:said" mode="tk:text">
    <xsl:choose>
      <xsl:when test="parent::tei:cit">
        <p><xsl:apply-templates mode="#current"/></p>
      </xsl:when>
      <xsl:otherwise>
        <span class="{local-name()}">
          <xsl:apply-templates select="@xml:lang" mode="tk:attr"/>
          <xsl:apply-templates mode="#current"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:list[tei:label]" mode="tk:text">
    <xsl:apply-templates select="tei:head" mode="#current"/>
    <dl class="list">
      <xsl:apply-templates select="@xml:id, @xml:lang" mode="tk:attr"/>
      <xsl:for-each select="tei:label">
        <dt><xsl:apply-templates mode="#current"/></dt>
        <dd><xsl:apply-templates select="following-sibling::tei:item[1]/node()" mode="#current"/></dd>
      </xsl:for-each>
    </dl>
  </xsl:template>

  <xsl:template match="tei:list" mode="tk:text">
    <xsl:apply-templates select="tei:head" mode="#current"/>
    <xsl:element name="{if (@type = ('numbered', 'ordered') or contains(@rend, 'numbered')) then 'ol' else 'ul'}">
      <xsl:apply-templates select="@xml:id, @xml:lang" mode="tk:attr"/>
      <xsl:if test="@type">
        <xsl:attribute name="class" select="@type"/>
      </xsl:if>
      <xsl:apply-templates select="* except tei:head" mode="#current"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:list/tei:item" mode="tk:text">
    <li>
      <xsl:apply-templates select="@xml:id, @xml:lang" mode="tk:attr"/>
      <xsl:apply-templates mode="#current"/>
    </li>
  </xsl:template>

  <!-- anything else inside a list that is not an item still needs a list item -->
  <xsl:template match="tei:list/*[not(self::tei:item or self::tei:head or self::tei:label)]" mode="tk:text">
    <li class="{local-name()}"><xsl:next-match/></li>
  </xsl:template>

  <xsl:template match="tei:lg" mode="tk:text">
    <div class="lg">
      <xsl:apply-templates select="@xml:id, @xml:lang" mode="tk:attr"/>
      <xsl:apply-templates mode="#current"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:l" mode="tk:text">
    <div class="l">
      <xsl:apply-templates select="@xml:id, @xml:lang" mode="tk:attr"/>
      <xsl:apply-templates mode="#current"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:table" mode="tk:text">
    <table>
      <xsl:apply-templates select="@xml:id, @xml:lang" mode="tk:attr"/>
      <xsl:if test="tei:head">
        <caption><xsl:apply-templates select="tei:head/node()" mode="#current"/></caption>
      </xsl:if>
      <tbody><xsl:apply-templates select="tei:row" mode="#current"/></tbody>
    </table>
  </xsl:template>

  <xsl:template match="tei:row" mode="tk:text">
    <tr><xsl:apply-templates select="tei:cell" mode="#current"/></tr>
  </xsl:template>

  <xsl:template match="tei:cell" mode="tk:text">
    <xsl:element name="{if (@role = 'label' or ../@role = 'label') then 'th' else 'td'}">
      <xsl:if test="@cols castable as xs:integer"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
      <xsl:if test="@rows castable as xs:integer"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:figure" mode="tk:text">
    <figure>
      <xsl:apply-templates select="@xml:id, @xml:lang" mode="tk:attr"/>
      <xsl:apply-templates select="* except (tei:head | tei:figDesc)" mode="#current"/>
      <xsl:if test="tei:head | tei:figDesc">
        <figcaption><xsl:apply-templates select="(tei:head | tei:figDesc)/node()" mode="#current"/></figcaption>
      </xsl:if>
    </figure>
  </xsl:template>

  <!-- drama -->
  <xsl:template match="tei:sp" mode="tk:text">
    <div class="sp">
      <xsl:apply-templates select="@xml:id, @xml:lang" mode="tk:attr"/>
      <xsl:apply-templates mode="#current"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:speaker" mode="tk:text">
    <p class="speaker"><strong><xsl:apply-templates mode="#current"/></strong></p>
  </xsl:template>

  <xsl:template match="tei:stage" mode="tk:text">
    <xsl:choose>
      <xsl:when test="parent::*[self::tei:p or self::tei:l or self::tei:ab or self::tei:head
                      or self::tei:speaker or self::tei:hi or self::tei:item]">
        <em class="stage"><xsl:apply-templates mode="#current"/></em>
      </xsl:when>
      <xsl:otherwise>
        <p class="stage"><em><xsl:apply-templates mode="#current"/></em></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:castList" mode="tk:text">
    <xsl:apply-templates select="tei:head" mode="#current"/>
    <ul class="castList"><xsl:apply-templates select="* except tei:head" mode="#current"/></ul>
  </xsl:template>

  <!-- what else a cast list holds (a roleDesc shared by a group) still needs a list item -->
  <xsl:template match="(tei:castList | tei:castGroup)/*[not(self::tei:castItem or self::tei:castGroup
                       or self::tei:head)]" mode="tk:text">
    <li class="{local-name()}"><xsl:next-match/></li>
  </xsl:template>

  <xsl:template match="tei:castItem | tei:castGroup" mode="tk:text">
    <li class="{local-name()}">
      <xsl:choose>
        <xsl:when test="self::tei:castGroup">
          <xsl:apply-templates select="tei:head/node()" mode="#current"/>
          <ul><xsl:apply-templates select="* except tei:head" mode="#current"/></ul>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates mode="#current"/></xsl:otherwise>
      </xsl:choose>
    </li>
  </xsl:template>

  <!-- letters and other framing blocks -->
  <xsl:template match="tei:opener | tei:closer | tei:postscript | tei:epigraph | tei:argument
                       | tei:trailer | tei:byline | tei:dateline | tei:salute | tei:signed
                       | tei:docTitle | tei:titlePage | tei:docAuthor | tei:docImprint"
                mode="tk:text">
    <div class="{local-name()}">
      <xsl:apply-templates select="@xml:id, @xml:lang" mode="tk:attr"/>
      <xsl:apply-templates mode="#current"/>
    </div>
  </xsl:template>

  <!-- =================================================================== notes -->
  <xsl:function name="tk:note-number" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="string(($note/@n, $note/accumulator-after('tk:note-number'))[1])"/>
  </xsl:function>

  <xsl:template match="tei:note" mode="tk:text">
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

  <!-- =================================================================== citations -->
  <xsl:template match="tei:listBibl" mode="tk:text">
    <xsl:apply-templates select="tei:head" mode="#current"/>
    <ul class="listBibl">
      <xsl:for-each select="* except tei:head">
        <li>
          <xsl:apply-templates select="@xml:id, @xml:lang" mode="tk:attr"/>
          <xsl:apply-templates select="if (self::tei:bibl) then node() else ." mode="#current"/>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- a citation pointing at a bibliography entry of this article links to it -->
  <xsl:template match="tei:bibl[starts-with(@corresp, '#')]" mode="tk:text">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="target" as="xs:string" select="substring(@corresp, 2)"/>
    <xsl:choose>
      <xsl:when test="not($in-link) and exists(key('tk:id', $target))">
        <a class="cite" href="#{$target}" role="doc-biblioref">
          <xsl:apply-templates mode="#current"><xsl:with-param name="in-link" select="true()" tunnel="yes"/></xsl:apply-templates>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="cite"><xsl:apply-templates mode="#current"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:bibl | tei:biblStruct | tei:citedRange" mode="tk:text">
    <span class="{local-name()}"><xsl:apply-templates mode="#current"/></span>
  </xsl:template>


  <!-- a link to the web or to an element of this page; any other target (another file, an
       empty or blank @target: an editor's slip, yet well-formed) leaves the plain content -->
  <xsl:template match="tei:ref[@target] | tei:ptr[@target]" mode="tk:text">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="target" as="xs:string?" select="tokenize(normalize-space(@target), ' ')[1]"/>
    <xsl:variable name="href" as="xs:string?" select="
        if (matches($target, '^https?://')) then $target
        else if (starts-with($target, '#') and exists(key('tk:id', substring($target, 2)))) then $target
        else ()"/>
    <xsl:choose>
      <xsl:when test="exists($href) and not($in-link)">
        <a href="{$href}">
          <xsl:apply-templates mode="#current"><xsl:with-param name="in-link" select="true()" tunnel="yes"/></xsl:apply-templates>
          <xsl:if test="self::tei:ptr"><xsl:value-of select="$target"/></xsl:if>
        </a>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="#current"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- =================================================================== names and dates -->
  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:name | tei:rs | tei:geogName"
                mode="tk:text">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="entry" as="element()?" select="tk:register-entry(@ref, $registers)"/>
    <xsl:variable name="class" as="xs:string" select="string-join(distinct-values(('name', local-name(), @type)), ' ')"/>
    <xsl:choose>
      <xsl:when test="exists($entry) and not($in-link) and $register-page ne ''">
        <a class="{$class}" href="{$register-page}#{$entry/@xml:id}" title="{tk:preferred-name($entry)}">
          <xsl:apply-templates select="@xml:lang" mode="tk:attr"/>
          <xsl:apply-templates mode="#current"><xsl:with-param name="in-link" select="true()" tunnel="yes"/></xsl:apply-templates>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="{$class}">
          <xsl:apply-templates select="@xml:lang" mode="tk:attr"/>
          <xsl:if test="exists($entry)"><xsl:attribute name="title" select="tk:preferred-name($entry)"/></xsl:if>
          <xsl:apply-templates mode="#current"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the normalised value of a date: "1919-05-19", "1920-01-27 – 1920-01-28" -->
  <xsl:function name="tk:date-value" as="xs:string">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="range" as="xs:string*"
                  select="($date/@from, $date/@notBefore)[1], ($date/@to, $date/@notAfter)[1]"/>
    <xsl:sequence select="string(($date/@when, string-join($range, ' – ')[. ne ''])[1])"/>
  </xsl:function>

  <xsl:template match="tei:date[@when | @from | @to | @notBefore | @notAfter]" mode="tk:text">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="value" as="xs:string" select="tk:date-value(.)"/>
    <xsl:variable name="shown" as="xs:string"
                  select="$value || (if (@cert = ('low', 'medium')) then ' (' || tk:label('inferred', tk:ui-lang(.)) || ')' else '')"/>
    <xsl:element name="{if (matches(@when, '^\d{4}(-\d{2}(-\d{2})?)?$')) then 'time' else 'span'}">
      <xsl:if test="matches(@when, '^\d{4}(-\d{2}(-\d{2})?)?$')">
        <xsl:attribute name="datetime" select="@when"/>
      </xsl:if>
      <xsl:attribute name="class" select="'date'"/>
      <xsl:if test="not($in-link)">
        <xsl:attribute name="tabindex" select="0"/>
      </xsl:if>
      <xsl:attribute name="title" select="$shown"/>
      <xsl:attribute name="data-norm" select="$shown"/>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:measure[@quantity]" mode="tk:text">
    <span class="measure" title="{string-join((@quantity, @unit, @commodity), ' ')}">
      <xsl:apply-templates mode="#current"/>
    </span>
  </xsl:template>

  <!-- =================================================================== phrase level -->
  <xsl:template match="tei:hi | tei:emph | tei:foreign | tei:title | tei:term | tei:mentioned | tei:soCalled"
                mode="tk:text">
    <xsl:variable name="rend" as="xs:string" select="string(@rend)"/>
    <xsl:element name="{
        if (self::tei:emph) then 'em'
        else if (self::tei:title) then 'cite'
        else if (matches($rend, 'sup')) then 'sup'
        else if (matches($rend, 'sub')) then 'sub'
        else if (matches($rend, 'bold|strong')) then 'b'
        else if (matches($rend, 'italic') or self::tei:foreign or self::tei:mentioned) then 'i'
        else 'span'}">
      <xsl:attribute name="class" select="string-join((local-name(), tokenize($rend)[. ne '']), ' ')"/>
      <xsl:apply-templates select="@xml:lang" mode="tk:attr"/>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:choice" mode="tk:text">
    <xsl:apply-templates select="(tei:corr, tei:reg, tei:expan, *)[1]" mode="#current"/>
  </xsl:template>

  <xsl:template match="tei:app" mode="tk:text">
    <xsl:apply-templates select="(tei:lem, tei:rdg)[1]" mode="#current"/>
  </xsl:template>

  <xsl:template match="tei:gap" mode="tk:text">
    <span class="gap" title="{string-join((@reason, @quantity, @unit), ' ')}">[…]</span>
  </xsl:template>

  <xsl:template match="tei:supplied" mode="tk:text">
    <span class="supplied">[<xsl:apply-templates mode="#current"/>]</span>
  </xsl:template>

  <xsl:template match="tei:del" mode="tk:text">
    <del><xsl:apply-templates mode="#current"/></del>
  </xsl:template>

  <xsl:template match="tei:add" mode="tk:text">
    <ins><xsl:apply-templates mode="#current"/></ins>
  </xsl:template>

  <xsl:template match="tei:space" mode="tk:text">
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- =================================================================== contents -->
  <xsl:template match="tei:div[tei:head] | tei:div1[tei:head] | tei:div2[tei:head] | tei:div3[tei:head]"
                mode="tk:toc">
    <xsl:variable name="sub" as="element()*"
                  select="(tei:div | tei:div2 | tei:div3 | tei:div4)[tei:head][count(ancestor::*) lt 8]"/>
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
