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
    $occurrence-pages  as map(xs:string, xs:integer)  anchor -> page of a layout of the text
                                             (common/print-register.xsl: one number per page)
    $page-breaks       as xs:string*         ids of blocks that must start a page
    $part              as xs:string          'volume' (default): front matter, articles, register;
                                             'text': front matter and articles, then an empty
                                             page anchored 'register' where the register starts;
                                             'register': the register alone, its page numbers
                                             printed from $occurrence-pages (teikit.render.pdf
                                             lays the text out once, then the register)
    $build-date        as xs:string          the date of this build for the imprint ('' = none)

  This file assembles the volume: the front matter (title page, imprint, contents:
  common/print-front-matter.xsl), each article's title block (titles, author, abstracts,
  keywords, both languages), its text and content-bearing header parts, then the register.
  What each TEI element becomes is decided by common/rules.xsl (the same rules as the
  reading page) and how it is printed by common/behaviours-print.xsl; the look is in
  print.css.
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

  <!-- first, so that the print modules' own templates and functions take precedence: the
       site's labels and its header (the print HTML on screen shows it, the PDF does not) -->
  <xsl:import href="common/html-functions.xsl"/>
  <xsl:import href="common/site-frame.xsl"/>
  <xsl:import href="common/dublin-core.xsl"/>
  <xsl:import href="common/print-register.xsl"/>
  <xsl:import href="common/print-front-matter.xsl"/>
  <xsl:import href="common/behaviours-print.xsl"/>


  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"/>

  <xsl:param name="articles" as="document-node()*" select="()"/>
  <xsl:param name="title" as="xs:string" select="''"/>
  <xsl:param name="css" as="xs:string" select="'print.css'"/>
  <xsl:param name="part" as="xs:string" select="'volume'"/>
  <xsl:param name="build-date" as="xs:string" select="''"/>
  <!-- the site header on screen (common/site-frame.xsl): href of each site page, relative
       to print/, and the edition's name; empty (the PDF's volume): no header -->
  <xsl:param name="site-links" as="map(xs:string, xs:string)" select="map{}"/>
  <xsl:param name="site-name" as="xs:string" select="''"/>
  <!-- header parts that are rendered explicitly (title block) -->
  <xsl:mode name="title-block" on-no-match="text-only-copy"/>

  <!-- the articles: TEI documents, or teiCorpus documents (printed as one article) -->
  <xsl:variable name="tei-articles" as="element()*" select="$articles/(tei:TEI | tei:teiCorpus)"/>
  <!-- every entry once, even when two article directories bring copies of a register; then
       the entries of the articles' own lists (a register file's entry wins an id both have) -->
  <xsl:variable name="register-entries" as="element()*">
    <xsl:for-each-group select="$registers//(tei:person | tei:personGrp | tei:place | tei:org | tei:event)[@xml:id],
                                tk:own-entries($tei-articles)"
                        group-by="@xml:id">
      <xsl:sequence select="."/>
    </xsl:for-each-group>
  </xsl:variable>

  <!-- ================================================================ the volume -->
  <xsl:template name="xsl:initial-template">
    <xsl:variable name="dc" as="element(oai_dc:dc)*" select="$tei-articles[self::tei:TEI] ! tk:dublin-core(.)"/>
    <xsl:variable name="register" as="element()?">
      <xsl:call-template name="tk:print-register">
        <xsl:with-param name="articles" select="$tei-articles"/>
        <xsl:with-param name="entries" select="$register-entries"/>
        <xsl:with-param name="literal-pages" select="$part eq 'register'"/>
      </xsl:call-template>
    </xsl:variable>
    <html lang="{tk:html-lang(($tei-articles/@xml:lang, 'tr')[1])}">
      <head>
        <meta charset="UTF-8"/>
        <!-- read on a screen too (print.css @media screen): a phone lays it out at its width -->
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="tk:volume-title($dc)"/></title>
        <!-- authors as printed ("Ayşe Örnek"): WeasyPrint joins them with commas -->
        <xsl:for-each select="distinct-values($tei-articles/tei:teiHeader/tei:fileDesc/tei:titleStmt
                              /tei:author ! normalize-space(.))[. ne '']">
          <meta name="author" content="{.}"/>
        </xsl:for-each>
        <xsl:if test="exists($dc/dc:subject)">
          <meta name="keywords" content="{string-join(distinct-values($dc/dc:subject), ', ')}"/>
        </xsl:if>
        <!-- the PDF's Subject (WeasyPrint reads it from here): one article's abstract, or
             for a volume of several the titles of all its articles, not the first abstract -->
        <xsl:variable name="subject" as="xs:string?"
                      select="if (count($dc) eq 1) then ($dc/dc:description)[1]
                              else string-join($tei-articles[self::tei:TEI] ! tk:own-title(.), '; ')"/>
        <xsl:if test="normalize-space($subject) ne ''">
          <meta name="description" content="{$subject}"/>
        </xsl:if>
        <xsl:for-each select="($dc/dc:date)[1]">
          <meta name="dcterms.created" content="{.}"/>
        </xsl:for-each>
        <meta name="generator" content="teikit"/>
        <xsl:if test="$css ne ''">
          <link rel="stylesheet" href="{$css}"/>
        </xsl:if>
      </head>
      <body>
        <xsl:if test="map:size($site-links) gt 0">
          <xsl:call-template name="tk:site-header">
            <xsl:with-param name="ui" select="if (starts-with(($tei-articles/@xml:lang, 'tr')[1], 'en')) then 'en' else 'tr'"/>
            <xsl:with-param name="name" select="($site-name[. ne ''], tk:volume-title($dc))[1]"/>
            <xsl:with-param name="links" select="$site-links"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="$part ne 'register'">
          <xsl:call-template name="tk:front-matter">
            <xsl:with-param name="dc" select="$dc"/>
            <xsl:with-param name="register" select="exists($register)"/>
          </xsl:call-template>
          <xsl:for-each select="$tei-articles">
            <xsl:apply-templates select="." mode="article"/>
          </xsl:for-each>
        </xsl:if>
        <xsl:choose>
          <xsl:when test="$part eq 'text'">
            <xsl:if test="exists($register)"><div class="register-start" id="register"/></xsl:if>
          </xsl:when>
          <xsl:otherwise><xsl:sequence select="$register"/></xsl:otherwise>
        </xsl:choose>
      </body>
    </html>
  </xsl:template>

  <!-- The volume's title: the parameter, the single article's title, or the common publisher. -->
  <xsl:function name="tk:volume-title" as="xs:string">
    <xsl:param name="dc" as="element(oai_dc:dc)*"/>
    <xsl:sequence select="if (normalize-space($title) ne '') then normalize-space($title)
                          else if (count($dc) eq 1) then string(($dc/dc:title)[1])
                          else $tk:labels('edition')(if (starts-with(($tei-articles/@xml:lang)[1], 'en')) then 'en' else 'tr')"/>
  </xsl:function>

  <!-- ================================================================ one article -->
  <xsl:mode name="article" on-no-match="shallow-skip"/>

  <xsl:template match="tei:TEI | tei:teiCorpus" mode="article">
    <xsl:variable name="lang" as="xs:string" select="(@xml:lang, 'tr')[1]"/>
    <article class="article" id="{tk:article-id(.)}" lang="{tk:html-lang($lang)}">
      <xsl:apply-templates select="tei:teiHeader" mode="title-block"/>
      <xsl:apply-templates select="tei:text" mode="tk:text"/>
      <!-- the header parts that are content: a manuscript's description, a letter's
           sending, the persons of a play, a gazetteer's places (common/rules.xsl) -->
      <xsl:apply-templates select="tk:content-parts(.)" mode="tk:text"/>
      <xsl:apply-templates select="tei:TEI | tei:teiCorpus" mode="corpus-member"/>
    </article>
  </xsl:template>

  <!-- a document of a corpus (teiCorpus): a section under its own title, with its text, the
       parts of its header that are content, and its own documents when it is a corpus -->
  <xsl:mode name="corpus-member" on-no-match="shallow-skip"/>
  <xsl:template match="tei:TEI | tei:teiCorpus" mode="corpus-member">
    <xsl:variable name="title" as="xs:string" select="normalize-space((tk:main-title(.), 'Untitled')[1])"/>
    <section class="corpus-member">
      <xsl:sequence select="tk:lang(.)"/>
      <h2 class="corpus-member-title" data-label="{$title}"><xsl:value-of select="$title"/></h2>
      <xsl:apply-templates select="tei:text" mode="tk:text"/>
      <xsl:apply-templates select="tk:content-parts(.)" mode="tk:text"/>
      <xsl:apply-templates select="tei:TEI | tei:teiCorpus" mode="#current"/>
    </section>
  </xsl:template>

  <!-- the root's xml:id, else the article's position in the volume -->
  <xsl:function name="tk:article-id" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="($tei/@xml:id,
                           'article-' || (for $i in 1 to count($tei-articles)
                                          return $i[$tei-articles[$i] is $tei])[1])[1]"/>
  </xsl:function>

  <!-- The article's own title (common/rules.xsl). -->
  <xsl:function name="tk:main-title" as="element(tei:title)?">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="tk:document-title($tei)"/>
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
        <p class="other-title" lang="{tk:html-lang(string((@xml:lang, $tei/@xml:lang)[1]))}">
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
      <xsl:for-each select="tk:abstracts($tei)">
        <xsl:variable name="lang" as="xs:string" select="(@xml:lang, $tei/@xml:lang, 'tr')[1]"/>
        <section class="abstract" lang="{tk:html-lang($lang)}">
          <h2 class="abstract-head"><xsl:value-of select="tk:label('abstract', $lang)"/></h2>
          <xsl:apply-templates select="node() except tei:head" mode="tk:text"/>
          <xsl:for-each select="$tei/tei:teiHeader/tei:profileDesc/tei:textClass/tei:keywords[@xml:lang = $lang][tei:term[normalize-space()]]">
            <p class="keywords"><span class="keywords-label">
              <xsl:value-of select="tk:label('keywords', $lang)"/>:</span>
              <xsl:text> </xsl:text>
              <xsl:value-of select="string-join(tei:term[normalize-space()] ! normalize-space(.), ', ')"/></p>
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
        'bibliography': ('Kaynakça', 'Bibliography'),
        'contents': ('İçindekiler', 'Contents'),
        'register': ('Dizin', 'Index'),
        'imprint': ('Künye', 'Imprint'),
        'edition': ('Edisyon', 'Edition'),
        'publisher': ('Yayımcı', 'Publisher'),
        'pub-place': ('Yayın yeri', 'Place of publication'),
        'pub-date': ('Yayın tarihi', 'Date of publication'),
        'licence': ('Lisans', 'Licence'),
        'author': ('Yazar', 'Author'),
        'editor': ('Editör', 'Editor'),
        'source': ('Kaynak', 'Source'),
        'build-date': ('Bu baskının tarihi', 'Date of this printing')}"/>
    <!-- the site's words (common/html-functions.xsl) for what print does not name itself:
         the header's pages and the edition's name -->
    <xsl:variable name="ui" as="xs:string" select="if (starts-with($lang, 'en')) then 'en' else 'tr'"/>
    <xsl:sequence select="if (map:contains($labels, $key)) then $labels($key)[if ($ui eq 'en') then 2 else 1]
                          else ($tk:labels($key)($ui), $key)[1]"/>
  </xsl:function>

  <!-- An article's title in its own language (TEI/@xml:lang), else its first title. -->
  <xsl:function name="tk:own-title" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="titles" as="element()*" select="tk:dublin-core($tei)/dc:title"/>
    <xsl:sequence select="string(($titles[@xml:lang = $tei/@xml:lang], $titles)[1])"/>
  </xsl:function>
</xsl:stylesheet>
