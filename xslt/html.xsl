<?xml version="1.0" encoding="UTF-8"?>
<!--
  xslt/html.xsl - the HTML reading edition: one TEI article -> one HTML5 page.

  Where it sits in the pipeline: teikit render -​-to html runs it (teikit.render.html,
  through saxonche, compiled once) on every article of the edition and writes
  out/html/<article>.html beside out/html/index.html (xslt/index.xsl), the stylesheet
  out/html/assets/edition.css and a copy of the TEI source in out/html/tei/.

  Parameters (passed by teikit.render, see teikit/render/base.py):
    $registers      document-node()*  the register files next to the article
    $register-page  xs:string         the register page, relative to this page
    $source-name    xs:string         the TEI file name (for the link to the source)
    $index-page     xs:string         the edition's index page
    $css            xs:string         the web stylesheet
    $chronology-page, $map-page       the chronology and the map of the edition
                                      ('' for a page that does not exist: not linked)

  What the page holds: <head> with citation_*, DC.* and JSON-LD (common/html-meta.xsl);
  a title block (titles, authors, source, abstracts and keywords in both languages); a
  table of contents; the text; the footnotes, linked both ways.
  What each TEI element becomes is decided by common/rules.xsl, and how that looks in HTML
  by common/behaviours-html.xsl; this file only assembles the page.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:import href="common/html-meta.xsl"/>
  <xsl:import href="common/behaviours-html.xsl"/>
  <xsl:import href="common/site-frame.xsl"/>
  <xsl:import href="common/page-markers.xsl"/>
  <xsl:import href="common/entry-cards.xsl"/>
  <xsl:import href="common/backlinks.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"
              include-content-type="no"/>

  <xsl:param name="source-name" as="xs:string" select="'source.xml'"/>
  <xsl:param name="index-page" as="xs:string" select="'index.html'"/>
  <xsl:param name="css" as="xs:string" select="'assets/edition.css'"/>
  <xsl:param name="chronology-page" as="xs:string" select="'../register/chronology.html'"/>
  <xsl:param name="map-page" as="xs:string" select="'../register/map.html'"/>
  <!-- the site's search page, set by teikit build (none: no link, e.g. teikit render) -->
  <xsl:param name="search-page" as="xs:string" select="''"/>
  <!-- the edition's name, set by teikit build (its -​-name); '': "teikit dijital edisyonu" -->
  <xsl:param name="site-name" as="xs:string" select="''"/>

  <!-- the article is the initial match selection: its accumulators (element and note
       numbers, common/) must be applicable to it -->
  <xsl:mode on-no-match="shallow-skip" use-accumulators="#all"/>
  <xsl:mode name="tk:title-block" on-no-match="shallow-skip"/>
  <xsl:mode name="tk:author" on-no-match="shallow-skip"/>

  <xsl:template match="/">
    <xsl:apply-templates select="tei:TEI | tei:teiCorpus"/>
  </xsl:template>

  <xsl:template match="tei:TEI | tei:teiCorpus">
    <xsl:variable name="ui" as="xs:string" select="tk:ui-lang(.)"/>
    <xsl:variable name="title" as="xs:string" select="tk:main-title(., string(@xml:lang))"/>
    <html>
      <xsl:apply-templates select="(@xml:lang, tei:text/@xml:lang)[1]" mode="tk:attr"/>
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/></title>
        <link rel="stylesheet" href="{$css}"/>
        <!-- the landed paragraph and the searched words in it (assets/landing.js) -->
        <script src="{replace($css, '[^/]+$', '')}search-terms.js" defer="defer"></script>
        <script src="{replace($css, '[^/]+$', '')}landing.js" defer="defer"></script>
        <!-- a name's register entry in a popover (common/entry-cards.xsl, assets/entries.js) -->
        <script src="{replace($css, '[^/]+$', '')}entries.js" defer="defer"></script>
        <xsl:call-template name="tk:head-meta">
          <xsl:with-param name="tei-href" select="'tei/' || $source-name"/>
        </xsl:call-template>
      </head>
      <body>
        <a class="skip" href="#text"><xsl:value-of select="tk:label('skip', $ui)"/></a>
        <xsl:call-template name="tk:site-header">
          <xsl:with-param name="ui" select="$ui"/>
          <xsl:with-param name="name" select="$site-name"/>
          <xsl:with-param name="links" select="map{'home': $index-page, 'articles': $index-page,
              'register': $register-page, 'chronology': $chronology-page, 'map': $map-page,
              'search': $search-page}"/>
        </xsl:call-template>
        <main id="text">
          <!-- the source's page markers between words and outside links (common/page-markers.xsl),
               and the bibliography's links back to its citations (common/backlinks.xsl):
               passes over the rendered article, so a page that has neither page breaks nor
               citations is written straight out (the passes copy it: a fifth of its time) -->
          <xsl:variable name="citations" as="element(tei:bibl)*"
                        select=".//tei:text//tei:bibl[@corresp][not(ancestor::tei:listBibl)]"/>
          <xsl:choose>
            <xsl:when test="empty(tk:page-breaks(.)) and empty($citations)">
              <xsl:call-template name="tk:article">
                <xsl:with-param name="ui" select="$ui"/>
                <xsl:with-param name="title" select="$title"/>
              </xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <xsl:variable name="article" as="element()">
                <xsl:call-template name="tk:article">
                  <xsl:with-param name="ui" select="$ui"/>
                  <xsl:with-param name="title" select="$title"/>
                </xsl:call-template>
              </xsl:variable>
              <xsl:sequence select="tk:add-backlinks(tk:place-markers($article), $citations)"/>
            </xsl:otherwise>
          </xsl:choose>
        </main>
        <xsl:call-template name="tk:entry-cards">
          <xsl:with-param name="registers" select="$registers"/>
          <xsl:with-param name="register-page" select="$register-page"/>
        </xsl:call-template>
        <xsl:call-template name="tk:site-footer">
          <xsl:with-param name="ui" select="$ui"/>
        </xsl:call-template>
      </body>
    </html>
  </xsl:template>

  <!-- the article: title block, contents, the text, the header parts that are content, the
       notes, the back matter (context: the TEI element) -->
  <xsl:template name="tk:article">
    <xsl:param name="ui" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <!-- what "cite this paragraph" (assets/entries.js) cites: authors, title, edition -->
    <article data-title="{$title}" data-edition="{($site-name[. ne ''], tk:label('edition', $ui))[1]}"
             data-authors="{string-join(tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:author
                            ! normalize-space(string-join((tei:persName, .)[1]//text()[not(ancestor::tei:affiliation
                              or ancestor::tei:email)], '')), '; ')}">
      <xsl:apply-templates select="tei:teiHeader" mode="tk:title-block">
        <xsl:with-param name="title" select="$title" tunnel="yes"/>
      </xsl:apply-templates>
      <xsl:call-template name="tk:toc">
        <xsl:with-param name="ui" select="$ui"/>
      </xsl:call-template>
      <xsl:variable name="texts" as="element(tei:text)*" select="tei:text"/>
      <div class="text">
        <xsl:apply-templates select="$texts[1]/@xml:lang" mode="tk:attr"/>
        <xsl:apply-templates select="$texts/(tei:front | tei:body | tei:group)" mode="tk:text"/>
        <xsl:apply-templates select="tei:TEI | tei:teiCorpus" mode="tk:corpus-member"/>
      </div>
      <xsl:variable name="parts" as="element()*" select="tk:content-parts(.)"/>
      <xsl:if test="exists($parts)">
        <div class="text about">
          <xsl:apply-templates select="$parts" mode="tk:text"/>
        </div>
      </xsl:if>
      <xsl:call-template name="tk:footnotes">
        <xsl:with-param name="ui" select="$ui"/>
      </xsl:call-template>
      <xsl:if test="$texts/tei:back">
        <div class="text">
          <xsl:apply-templates select="$texts[1]/@xml:lang" mode="tk:attr"/>
          <xsl:apply-templates select="$texts/tei:back" mode="tk:text"/>
        </div>
      </xsl:if>
    </article>
  </xsl:template>

  <!-- a document of a corpus (teiCorpus): a section under its own title, with its text,
       the parts of its header that are content (a letter's sending), its back matter, and
       its own documents when it is a corpus itself -->
  <xsl:mode name="tk:corpus-member" on-no-match="shallow-skip"/>
  <xsl:template match="tei:TEI | tei:teiCorpus" mode="tk:corpus-member">
    <section id="{tk:html-id(.)}" class="corpus-member" aria-labelledby="{tk:html-id(.)}-h">
      <xsl:apply-templates select="(@xml:lang, tei:text/@xml:lang)[1]" mode="tk:attr"/>
      <h2 id="{tk:html-id(.)}-h" class="corpus-member-title"><xsl:value-of select="tk:main-title(., '')"/></h2>
      <xsl:apply-templates select="tei:text/(tei:front | tei:body | tei:group)" mode="tk:text"/>
      <xsl:variable name="parts" as="element()*" select="tk:content-parts(.)"/>
      <xsl:if test="exists($parts)">
        <div class="about"><xsl:apply-templates select="$parts" mode="tk:text"/></div>
      </xsl:if>
      <xsl:apply-templates select="tei:text/tei:back" mode="tk:text"/>
      <xsl:apply-templates select="tei:TEI | tei:teiCorpus" mode="#current"/>
    </section>
  </xsl:template>

  <!-- the page's title: the document's own title (common/rules.xsl) -->
  <xsl:function name="tk:main-title" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:sequence select="normalize-space((tk:document-title($tei), 'TEI')[1])"/>
  </xsl:function>

  <!-- =================================================================== page frame -->

  <xsl:template name="tk:site-footer">
    <xsl:param name="ui" as="xs:string"/>
    <footer class="site">
      <xsl:for-each select="(tei:teiHeader/tei:fileDesc/tei:publicationStmt//tei:licence)[1]">
        <p><xsl:value-of select="tk:label('licence', $ui)"/>:
          <!-- the licence's own words in their language (the header's, not the interface's) -->
          <xsl:variable name="lang" as="xs:string" select="tk:lang(.)"/>
          <span>
          <xsl:if test="$lang ne '' and $lang ne string(root(.)/*/@xml:lang)">
            <xsl:attribute name="lang" select="tk:html-lang($lang)"/>
          </xsl:if>
          <xsl:choose>
            <xsl:when test="matches(@target, '^https?://')">
              <a rel="license" href="{@target}"><xsl:value-of select="(normalize-space(.)[. ne ''], @target)[1]"/></a>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
          </xsl:choose>
          </span>
        </p>
      </xsl:for-each>
      <p><a href="tei/{$source-name}" type="application/tei+xml"><xsl:value-of select="tk:label('tei-source', $ui)"/></a></p>
    </footer>
  </xsl:template>

  <!-- =================================================================== title block -->
  <xsl:template match="tei:teiHeader" mode="tk:title-block">
    <xsl:param name="title" as="xs:string" tunnel="yes"/>
    <xsl:variable name="ui" as="xs:string" select="tk:ui-lang(.)"/>
    <xsl:variable name="lang" as="xs:string" select="string(../@xml:lang)"/>
    <xsl:variable name="titles" as="element(tei:title)*" select="tei:fileDesc/tei:titleStmt/tei:title"/>
    <header class="title-block">
      <h1 dir="auto"><xsl:value-of select="$title"/></h1>
      <xsl:for-each select="$titles[@type = 'main'][@xml:lang ne $lang][normalize-space() ne $title]">
        <p class="title-other" dir="auto">
          <xsl:apply-templates select="@xml:lang" mode="tk:attr"/>
          <xsl:value-of select="normalize-space(.)"/>
        </p>
      </xsl:for-each>
      <xsl:for-each select="$titles[@type = 'sub']">
        <p class="subtitle"><xsl:value-of select="normalize-space(.)"/></p>
      </xsl:for-each>
      <xsl:if test="tei:fileDesc/tei:titleStmt/tei:author">
        <p class="authors">
          <xsl:for-each select="tei:fileDesc/tei:titleStmt/tei:author">
            <xsl:if test="position() gt 1">, </xsl:if>
            <xsl:apply-templates select="." mode="tk:author"/>
          </xsl:for-each>
        </p>
      </xsl:if>
      <xsl:for-each select="(tei:fileDesc/tei:sourceDesc/tei:bibl/tei:biblScope[@unit = 'page'])[1]">
        <p class="source">
          <xsl:value-of select="if (@from and @to) then tk:label('pages', $ui) || ' ' || @from || '–' || @to
                                else normalize-space(.)"/>
        </p>
      </xsl:for-each>
    </header>
    <xsl:call-template name="tk:abstracts">
      <xsl:with-param name="ui" select="$ui"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:author" mode="tk:author">
    <xsl:variable name="entry" as="element()?" select="tk:register-entry(@ref, $registers)"/>
    <xsl:variable name="name" as="xs:string"
                  select="normalize-space(string-join((tei:persName, .)[1]//text()[not(ancestor::tei:affiliation or ancestor::tei:email)], ''))"/>
    <xsl:choose>
      <xsl:when test="$entry and $register-page">
        <a class="name persName" href="{$register-page}#{$entry/@xml:id}"><xsl:value-of select="$name"/></a>
      </xsl:when>
      <xsl:otherwise><span class="name persName"><xsl:value-of select="$name"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- abstracts and keywords, one block per language -->
  <xsl:template name="tk:abstracts">
    <xsl:param name="ui" as="xs:string"/>
    <xsl:variable name="abstracts" as="element()*"
                  select="tk:abstracts(..)"/>
    <xsl:variable name="keywords" as="element(tei:keywords)*" select="tei:profileDesc/tei:textClass/tei:keywords[tei:term[normalize-space()]]"/>
    <xsl:variable name="langs" as="xs:string*"
                  select="distinct-values(($abstracts, $keywords) ! tk:lang(.))"/>
    <xsl:for-each select="$langs">
      <xsl:variable name="l" as="xs:string" select="."/>
      <xsl:variable name="l-ui" as="xs:string" select="if (starts-with($l, 'tr')) then 'tr' else if ($l = '') then $ui else 'en'"/>
      <section class="abstract" aria-labelledby="abstract-{$l}">
        <xsl:if test="$l ne ''"><xsl:attribute name="lang" select="tk:html-lang($l)"/></xsl:if>
        <h2 id="abstract-{$l}">
          <xsl:value-of select="tk:label(if ($abstracts[tk:lang(.) = $l]) then 'abstract' else 'keywords', $l-ui)"/>
        </h2>
        <xsl:for-each select="$abstracts[tk:lang(.) = $l]">
          <xsl:apply-templates select="* except tei:head" mode="tk:text"/>
        </xsl:for-each>
        <xsl:for-each select="$keywords[tk:lang(.) = $l]">
          <p class="keywords">
            <strong><xsl:value-of select="tk:label('keywords', $l-ui)"/>:</strong>
            <xsl:text> </xsl:text>
            <xsl:value-of select="tei:term[normalize-space()] ! normalize-space(.)" separator=", "/>
          </p>
        </xsl:for-each>
      </section>
    </xsl:for-each>
  </xsl:template>

  <!-- =================================================================== contents, notes -->
  <xsl:template name="tk:toc">
    <xsl:param name="ui" as="xs:string"/>
    <xsl:variable name="top" as="element()*"
                  select="(.//tei:text[not(ancestor::tei:text)]/(tei:body | tei:back)
                           /(tei:div | tei:div1))[tk:is-headed(.)]"/>
    <xsl:if test="count($top) gt 1 or exists($top/(tei:div | tei:div2)[tk:is-headed(.)])">
      <nav class="toc" aria-labelledby="toc-h">
        <h2 id="toc-h"><xsl:value-of select="tk:label('contents', $ui)"/></h2>
        <ol><xsl:apply-templates select="$top" mode="tk:toc"/></ol>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tk:footnotes">
    <xsl:param name="ui" as="xs:string"/>
    <xsl:variable name="notes" as="element(tei:note)*" select=".//tei:text//tei:note[tk:is-footnote(.)]"/>
    <xsl:if test="$notes">
      <section class="footnotes" role="doc-endnotes" aria-labelledby="notes-h">
        <h2 id="notes-h"><xsl:value-of select="tk:label('notes', $ui)"/></h2>
        <ol><xsl:apply-templates select="$notes" mode="tk:footnotes"/></ol>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
