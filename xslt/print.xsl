<?xml version="1.0" encoding="UTF-8"?>
<!--
  xslt/print.xsl - the print edition: TEI articles + register files -> ONE HTML document
  styled with CSS Paged Media (xslt/assets/print.css), the volume a printer or a PDF engine
  typesets.

  Where it sits in the pipeline:
    teikit render - -to print : teikit.render.print.PrintRenderer runs this stylesheet once for
                               the whole edition and writes print/edition.html beside print.css
                               and the fonts;
    teikit render - -to pdf   : teikit.render.print.PdfRenderer runs it with css='' and hands
                               the HTML to WeasyPrint (teikit.render.pdf), which lays it out
                               into pdf/edition.pdf; after a first layout it runs it again
                               with what that layout found (the last two parameters).

  Invocation: named template xsl:initial-template (no source document) with
    $articles          as document-node()*   the articles, in volume order
    $registers         as document-node()*   tei/register/*.xml (persons, places, orgs, events)
    $title             as xs:string          the volume title ('' = derived from the articles)
    $css               as xs:string          href of the print stylesheet ('' = no link)
    $occurrence-pages  as map(xs:string, xs:integer)  occurrence anchor -> page of a layout
                                             (common/print-register.xsl: one number per page)
    $page-breaks       as xs:string*         ids of blocks that must start a page

  Rules only; the look is in print.css. What each TEI element becomes:
    article title block (titles, author, abstracts, keywords, both languages), numbered
    sections (div/head), paragraphs with their xml:id as anchor, pb as a marginal page
    number, cit/quote as a block quotation with its source, list/item, note as a CSS
    footnote (float: footnote), bibl[@corresp] as a link to the bibliography entry, the
    bibliography, and tagged names as anchors the printed register points at with
    target-counter(). Unknown elements fall back to their text (on-no-match), block
    elements met inside inline context become display:block spans, so the HTML stays valid.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
    exclude-result-prefixes="#all">

  <xsl:import href="common/dublin-core.xsl"/>
  <xsl:import href="common/print-register.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"/>

  <xsl:param name="articles" as="document-node()*" select="()"/>
  <xsl:param name="title" as="xs:string" select="''"/>
  <xsl:param name="css" as="xs:string" select="'print.css'"/>
  <!-- ids of blocks that must start a new page: set by teikit.render.pdf when a layout put
       a footnote on a later page than its call (see there); empty for the print HTML -->
  <xsl:param name="page-breaks" as="xs:string*" select="()"/>

  <!-- text of the body: unknown elements give their text -->
  <xsl:mode on-no-match="text-only-copy"/>
  <!-- header parts that are rendered explicitly (title block) -->
  <xsl:mode name="title-block" on-no-match="text-only-copy"/>

  <!-- the articles: TEI documents, or teiCorpus documents (printed as one article) -->
  <xsl:variable name="tei-articles" as="element()*" select="$articles/(tei:TEI | tei:teiCorpus)"/>
  <!-- every entry once, even when two article directories bring copies of a register -->
  <xsl:variable name="register-entries" as="element()*">
    <xsl:for-each-group select="$registers//(tei:person | tei:personGrp | tei:place | tei:org | tei:event)[@xml:id]"
                        group-by="@xml:id">
      <xsl:sequence select="."/>
    </xsl:for-each-group>
  </xsl:variable>

  <!-- ================================================================ the volume -->
  <xsl:template name="xsl:initial-template">
    <xsl:variable name="dc" as="element(oai_dc:dc)*" select="$tei-articles[self::tei:TEI] ! tk:dublin-core(.)"/>
    <html lang="{($tei-articles/@xml:lang, 'tr')[1]}">
      <head>
        <meta charset="UTF-8"/>
        <title><xsl:value-of select="tk:volume-title($dc)"/></title>
        <!-- authors as printed ("Ayşe Örnek"): WeasyPrint joins them with commas -->
        <xsl:for-each select="distinct-values($tei-articles/tei:teiHeader/tei:fileDesc/tei:titleStmt
                              /tei:author ! normalize-space(.))[. ne '']">
          <meta name="author" content="{.}"/>
        </xsl:for-each>
        <xsl:if test="exists($dc/dc:subject)">
          <meta name="keywords" content="{string-join(distinct-values($dc/dc:subject), ', ')}"/>
        </xsl:if>
        <xsl:for-each select="($dc/dc:description)[1]">
          <meta name="description" content="{.}"/>
        </xsl:for-each>
        <xsl:for-each select="($dc/dc:date)[1]">
          <meta name="dcterms.created" content="{.}"/>
        </xsl:for-each>
        <meta name="generator" content="teikit"/>
        <xsl:if test="$css ne ''">
          <link rel="stylesheet" href="{$css}"/>
        </xsl:if>
      </head>
      <body>
        <xsl:for-each select="$tei-articles">
          <xsl:apply-templates select="." mode="article"/>
        </xsl:for-each>
        <xsl:call-template name="tk:print-register">
          <xsl:with-param name="articles" select="$tei-articles"/>
          <xsl:with-param name="entries" select="$register-entries"/>
        </xsl:call-template>
      </body>
    </html>
  </xsl:template>

  <!-- The volume's title: the parameter, the single article's title, or the common publisher. -->
  <xsl:function name="tk:volume-title" as="xs:string">
    <xsl:param name="dc" as="element(oai_dc:dc)*"/>
    <xsl:variable name="publishers" as="xs:string*" select="distinct-values($dc/dc:publisher)"/>
    <xsl:sequence select="if (normalize-space($title) ne '') then normalize-space($title)
                          else if (count($dc) eq 1) then string(($dc/dc:title)[1])
                          else if (count($publishers) eq 1) then $publishers
                          else 'teikit'"/>
  </xsl:function>

  <!-- ================================================================ one article -->
  <xsl:mode name="article" on-no-match="shallow-skip"/>

  <xsl:template match="tei:TEI | tei:teiCorpus" mode="article">
    <xsl:variable name="lang" as="xs:string" select="(@xml:lang, 'tr')[1]"/>
    <article class="article" id="{tk:article-id(.)}" lang="{$lang}">
      <xsl:apply-templates select="tei:teiHeader" mode="title-block"/>
      <xsl:apply-templates select="tei:text, tei:TEI/tei:text"/>
      <!-- a manuscript description with an empty text: its description is what there is to read -->
      <xsl:if test="not(normalize-space(string-join(.//tei:text)))">
        <xsl:apply-templates select="tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:msDesc"/>
      </xsl:if>
    </article>
  </xsl:template>

  <!-- the root's xml:id, else the article's position in the volume -->
  <xsl:function name="tk:article-id" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="($tei/@xml:id,
                           'article-' || (for $i in 1 to count($tei-articles)
                                          return $i[$tei-articles[$i] is $tei])[1])[1]"/>
  </xsl:function>

  <!-- The main title in the article's language (else the first title). -->
  <xsl:function name="tk:main-title" as="element(tei:title)?">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="titles" as="element(tei:title)*"
                  select="$tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title"/>
    <xsl:variable name="main" as="element(tei:title)*" select="$titles[@type = 'main']"/>
    <xsl:sequence select="(($main, $titles)[@xml:lang = $tei/@xml:lang], $main, $titles)[1]"/>
  </xsl:function>

  <!-- A running head fits one line of the head margin (8.5pt italic over the 130 mm text
       block holds some 85 characters): a longer one is cut at the last word that fits, with
       an ellipsis, and print.css keeps it on one line. -->
  <xsl:function name="tk:running-head" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="if (string-length($text) le $running-head-length) then $text
                          else replace(substring($text, 1, $running-head-length - 1), '[\s\p{P}]+\S*$', '') || '…'"/>
  </xsl:function>
  <xsl:variable name="running-head-length" as="xs:integer" select="80"/>

  <!-- A short title for the running head, in the article's language, when the header has one. -->
  <xsl:function name="tk:short-title" as="element(tei:title)?">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="short" as="element(tei:title)*"
                  select="$tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[@type = 'short']"/>
    <xsl:sequence select="($short[@xml:lang = $tei/@xml:lang], $short[not(@xml:lang)])[1]"/>
  </xsl:function>

  <!-- ================================================================ title block -->
  <xsl:template match="tei:teiHeader" mode="title-block">
    <xsl:variable name="tei" as="element()" select=".."/>
    <xsl:variable name="main" as="element(tei:title)?" select="tk:main-title($tei)"/>
    <xsl:variable name="stmt" as="element(tei:titleStmt)?" select="tei:fileDesc/tei:titleStmt"/>
    <xsl:variable name="authors" as="xs:string*"
                  select="$stmt/tei:author ! normalize-space(.)[. ne '']"/>
    <header class="title-block">
      <h1 class="article-title">
        <xsl:value-of select="normalize-space(($main, 'Untitled')[1])"/>
      </h1>
      <xsl:for-each select="$stmt/tei:title[@type = 'main'] except $main">
        <p class="other-title" lang="{(@xml:lang, $tei/@xml:lang)[1]}">
          <xsl:value-of select="normalize-space(.)"/>
        </p>
      </xsl:for-each>
      <!-- copied by string-set into the running heads: the short title (else the title) on
           the right, the authors (else the title) on the left -->
      <p class="running-title" aria-hidden="true">
        <xsl:value-of select="tk:running-head(normalize-space((tk:short-title($tei), $main, 'Untitled')[1]))"/>
      </p>
      <p class="running-author" aria-hidden="true">
        <xsl:value-of select="tk:running-head((string-join($authors, ', ')[. ne ''], normalize-space($main))[1])"/>
      </p>
      <xsl:if test="exists($authors)">
        <p class="author"><xsl:value-of select="string-join($authors, ', ')"/></p>
      </xsl:if>
      <!-- the printed pages of the source, when the header gives them as a page range -->
      <xsl:for-each select="(tei:fileDesc/tei:sourceDesc/tei:bibl/tei:biblScope[@unit = 'page']
                             [matches(normalize-space(.), '^\d+(\s*[-–]\s*\d+)?$')])[1]">
        <p class="source"><xsl:value-of select="tk:label('pages', $tei/@xml:lang)"/>
          <xsl:text> </xsl:text><xsl:value-of select="normalize-space(.)"/></p>
      </xsl:for-each>
      <xsl:for-each select="tei:profileDesc/tei:abstract">
        <xsl:variable name="lang" as="xs:string" select="(@xml:lang, $tei/@xml:lang, 'tr')[1]"/>
        <section class="abstract" lang="{$lang}">
          <h2 class="abstract-head"><xsl:value-of select="tk:label('abstract', $lang)"/></h2>
          <xsl:apply-templates/>
          <xsl:for-each select="../tei:textClass/tei:keywords[@xml:lang = $lang][tei:term]">
            <p class="keywords"><span class="keywords-label">
              <xsl:value-of select="tk:label('keywords', $lang)"/>:</span>
              <xsl:text> </xsl:text>
              <xsl:value-of select="string-join(tei:term ! normalize-space(.), ', ')"/></p>
          </xsl:for-each>
        </section>
      </xsl:for-each>
    </header>
  </xsl:template>

  <!-- Fixed labels of the print edition, Turkish unless the language is English. -->
  <xsl:function name="tk:label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="lang" as="xs:string?"/>
    <xsl:variable name="labels" as="map(xs:string, xs:string*)" select="map {
        'abstract': ('Özet', 'Abstract'),
        'keywords': ('Anahtar kelimeler', 'Keywords'),
        'pages': ('Sayfa', 'Pages'),
        'notes': ('Notlar', 'Notes'),
        'bibliography': ('Kaynakça', 'Bibliography')}"/>
    <xsl:sequence select="$labels($key)[if (starts-with($lang, 'en')) then 2 else 1]"/>
  </xsl:function>

  <!-- ================================================================ the text -->
  <xsl:template match="tei:teiHeader"/>

  <xsl:template match="tei:text | tei:front | tei:body | tei:back | tei:group">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- Sections: numbered from @n; heading depth from nesting. -->
  <xsl:template match="tei:div">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$inline">
        <span class="div"><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:otherwise>
        <section>
          <xsl:sequence select="tk:block-attributes(., string-join(('div', @type), ' '))"/>
          <xsl:apply-templates/>
        </section>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:div/tei:head">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="depth" as="xs:integer" select="min((count(ancestor::tei:div), 4)) + 1"/>
    <!-- the section number from @n, unless the heading already prints it -->
    <xsl:variable name="n" as="xs:string?" select="../@n[matches(., '^[0-9.]+$')] ! replace(., '\.$', '')"/>
    <xsl:variable name="text" as="xs:string"
                  select="normalize-space(string-join(.//text()[not(ancestor::tei:note)], ''))"/>
    <xsl:variable name="number" as="xs:string?"
                  select="$n[not(matches($text, '^' || replace(., '\.', '\\.') || '\.?(\s|$)'))] ! (. || '.')"/>
    <xsl:element name="{if ($inline) then 'span' else 'h' || $depth}">
      <xsl:if test="$inline"><xsl:attribute name="class" select="'head'"/></xsl:if>
      <!-- the bookmark's label: the heading without its footnotes -->
      <xsl:attribute name="data-label" select="normalize-space(string-join(($number, $text), ' '))"/>
      <xsl:if test="$number">
        <span class="secno"><xsl:value-of select="$number"/></span>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:apply-templates>
        <xsl:with-param name="inline" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- Block elements: HTML block in block context, display:block span in inline context. -->
  <xsl:template match="tei:p | tei:ab | tei:lg | tei:l | tei:sp | tei:speaker | tei:stage
                       | tei:head | tei:opener | tei:closer | tei:salute | tei:signed
                       | tei:dateline | tei:castList | tei:castItem | tei:titlePage
                       | tei:docTitle | tei:titlePart | tei:byline | tei:argument
                       | tei:epigraph | tei:postscript | tei:trailer | tei:figure
                       | tei:msDesc | tei:msIdentifier | tei:msContents | tei:msItem | tei:physDesc
                       | tei:history | tei:decoDesc | tei:decoNote | tei:summary | tei:incipit
                       | tei:explicit | tei:colophon | tei:additions | tei:handDesc">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="html" as="xs:string"
                  select="if ($inline) then 'span' else if (self::tei:p) then 'p' else 'div'"/>
    <xsl:element name="{$html}">
      <xsl:sequence select="tk:block-attributes(., local-name()), tk:lang(.)"/>
      <xsl:apply-templates>
        <xsl:with-param name="inline" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- Block quotation with its source. -->
  <xsl:template match="tei:cit">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($inline) then 'span' else 'figure'}">
      <xsl:sequence select="tk:block-attributes(., 'cit')"/>
      <xsl:element name="{if ($inline) then 'span' else 'blockquote'}">
        <xsl:apply-templates select="tei:quote/node()">
          <xsl:with-param name="inline" select="$inline" tunnel="yes"/>
        </xsl:apply-templates>
      </xsl:element>
      <xsl:for-each select="tei:bibl">
        <xsl:element name="{if ($inline) then 'span' else 'figcaption'}">
          <xsl:attribute name="class" select="'cit-source'"/>
          <xsl:apply-templates select=".">
            <xsl:with-param name="inline" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:element>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:quote">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($inline) then 'q' else 'blockquote'}">
      <xsl:sequence select="tk:id(.), tk:lang(.)"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Lists: numbered lists keep their printed numbers inside the item text. -->
  <xsl:template match="tei:list | tei:listBibl">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($inline) then 'span' else 'ul'}">
      <xsl:attribute name="class" select="string-join((local-name(), @type), ' ')"/>
      <xsl:sequence select="tk:id(.)"/>
      <xsl:apply-templates select="* except tei:head"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:item | tei:listBibl/tei:bibl">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($inline) then 'span' else 'li'}">
      <xsl:sequence select="tk:block-attributes(., local-name())"/>
      <xsl:apply-templates>
        <xsl:with-param name="inline" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:list/tei:head | tei:listBibl/tei:head"/>

  <!-- Tables -->
  <xsl:template match="tei:table">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$inline"><span class="table"><xsl:apply-templates/></span></xsl:when>
      <xsl:otherwise>
        <table><xsl:sequence select="tk:id(.)"/><tbody><xsl:apply-templates select="tei:row"/></tbody></table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:row">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($inline) then 'span' else 'tr'}"><xsl:apply-templates select="tei:cell"/></xsl:element>
  </xsl:template>
  <xsl:template match="tei:cell">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($inline) then 'span' else 'td'}">
      <xsl:apply-templates><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- Printed page of the source edition, in the outer margin. -->
  <xsl:template match="tei:pb">
    <xsl:if test="@n">
      <span class="pb" data-n="{@n}">
        <xsl:sequence select="tk:id(.)"/>
        <xsl:value-of select="@n"/>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- lb break="no" joins a hyphenated word; other line breaks are not reproduced. -->
  <xsl:template match="tei:lb | tei:cb | tei:milestone | tei:anchor"/>

  <!-- Footnotes (every note of the text) float to the foot of their page. -->
  <xsl:template match="tei:note">
    <xsl:variable name="id" as="xs:string" select="(@xml:id, 'fn-' || generate-id())[1]"/>
    <!-- an anchor at the call, so a layout can tell the call's page from the note's -->
    <a class="footnote-call" id="fnref-{$id}"/>
    <span class="footnote" id="{$id}">
      <xsl:sequence select="tk:lang(.)"/>
      <xsl:if test="@n"><xsl:attribute name="data-n" select="@n"/></xsl:if>
      <xsl:apply-templates>
        <xsl:with-param name="inline" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </span>
  </xsl:template>

  <!-- A footnote's whitespace is collapsed here and trimmed at its ends: WeasyPrint (70)
       fails on a footnote whose text starts with a line break ("Got ' \n' between two
       lines"). In HTML the runs collapse anyway, so nothing visible changes. -->
  <xsl:template match="tei:note//text()">
    <xsl:variable name="note" as="element(tei:note)" select="ancestor::tei:note[1]"/>
    <xsl:variable name="texts" as="text()*" select="$note//text()"/>
    <xsl:variable name="collapsed" as="xs:string" select="replace(., '\s+', ' ')"/>
    <xsl:value-of select="if (. is $texts[1] and . is $texts[last()]) then normalize-space(.)
                          else if (. is $texts[1]) then replace($collapsed, '^ ', '')
                          else if (. is $texts[last()]) then replace($collapsed, ' $', '')
                          else $collapsed"/>
  </xsl:template>

  <!-- An editor's remark on a bibliography entry stays with the entry, in brackets. -->
  <xsl:template match="tei:note[ancestor::tei:listBibl]" priority="2">
    <span class="editorial-note">
      <xsl:sequence select="tk:lang(.)"/>
      <xsl:text> [</xsl:text>
      <xsl:apply-templates>
        <xsl:with-param name="inline" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
      <xsl:text>]</xsl:text>
    </span>
  </xsl:template>

  <!-- A citation points at its bibliography entry. -->
  <xsl:template match="tei:bibl[starts-with(@corresp, '#')]">
    <a class="citation" href="{tokenize(@corresp)[1]}"><xsl:apply-templates/></a>
  </xsl:template>

  <!-- Tagged names: an anchor the printed register points at. Inside a citation link (or
       any other link) a link of its own would nest <a> in <a>, which the HTML parser splits:
       the name fell out of the citation's italic title. There it keeps only its anchor. -->
  <xsl:template match="tei:persName[@ref] | tei:placeName[@ref] | tei:orgName[@ref] | tei:name[@ref]">
    <xsl:variable name="entry" as="element()?" select="tk:register-entry(.)"/>
    <xsl:choose>
      <xsl:when test="exists($entry) and ancestor::tei:bibl[starts-with(@corresp, '#')]">
        <span class="name {local-name()}" id="{tk:occurrence-id(.)}"><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:when test="exists($entry)">
        <a class="name {local-name()}" id="{tk:occurrence-id(.)}" href="#reg-{$entry/@xml:id}">
          <xsl:apply-templates/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="name {local-name()}"><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Editorial choices: the corrected / expanded / regularised reading; the lemma. -->
  <xsl:template match="tei:choice">
    <xsl:apply-templates select="(tei:corr, tei:expan, tei:reg, *)[1]"/>
  </xsl:template>
  <xsl:template match="tei:app">
    <xsl:apply-templates select="(tei:lem, tei:rdg)[1]"/>
  </xsl:template>
  <xsl:template match="tei:gap">
    <span class="gap">[…]</span>
  </xsl:template>
  <xsl:template match="tei:figDesc | tei:graphic | tei:media | tei:interpGrp | tei:fw
                       | tei:facsimile | tei:standOff | tei:sourceDoc"/>

  <xsl:template match="tei:hi[matches(@rend, 'italic|bold|sup|sub|smallcaps|underline')]
                       | tei:title[ancestor::tei:text] | tei:foreign | tei:emph | tei:term">
    <span class="{string-join((local-name(), tokenize(@rend)), ' ')}">
      <xsl:sequence select="tk:lang(.)"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

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
    <xsl:variable name="id" as="xs:string" select="($e/@xml:id, 'b-' || generate-id($e))[1]"/>
    <xsl:attribute name="id" select="$id"/>
    <xsl:attribute name="class" select="string-join(($class, 'page-break'[$id = $page-breaks]), ' ')"/>
  </xsl:function>

  <xsl:function name="tk:lang" as="attribute(lang)?">
    <xsl:param name="e" as="element()"/>
    <xsl:for-each select="$e/@xml:lang">
      <xsl:attribute name="lang" select="."/>
    </xsl:for-each>
  </xsl:function>

</xsl:stylesheet>
