<?xml version="1.0" encoding="UTF-8"?>
<!--
  xslt/common/print-front-matter.xsl - the front matter of a printed volume: a title page,
  the imprint on its back, and the table of contents.

  Where it sits in the pipeline: imported by xslt/print.xsl (teikit render - -to print|pdf),
  whose functions it uses (tk:volume-title, tk:label, tk:article-id, tk:main-title) and
  whose $tei-articles and $build-date it reads. Everything printed comes from the articles'
  TEI headers (titleStmt, publicationStmt, sourceDesc) and from the build (its date):
  nothing is invented, and what a header does not say is not printed. The contents' page
  numbers are CSS target-counter() values, filled in by the PDF engine; the sections listed
  are each article's first-level headed divisions, linked by the ids
  common/behaviours-print.xsl gives them (tk:block-id).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="#all">

  <!-- ============================================================ the front matter -->
  <xsl:template name="tk:front-matter">
    <xsl:param name="dc" as="element()*"/>
    <xsl:param name="register" as="xs:boolean"/>
    <xsl:variable name="lang" as="xs:string" select="($tei-articles/@xml:lang, 'tr')[1]"/>
    <xsl:variable name="title" as="xs:string" select="tk:volume-title($dc)"/>
    <xsl:variable name="stmts" as="element(tei:fileDesc)*" select="$tei-articles/tei:teiHeader/tei:fileDesc"/>
    <section class="front-matter">
      <div class="title-page">
        <h1 class="volume-title"><xsl:value-of select="$title"/></h1>
        <xsl:for-each select="tk:distinct($stmts/tei:titleStmt/(tei:author | tei:editor))">
          <p class="volume-person"><xsl:value-of select="."/></p>
        </xsl:for-each>
        <div class="volume-publisher">
          <xsl:for-each select="tk:distinct($stmts/tei:publicationStmt/(tei:publisher | tei:distributor | tei:authority))">
            <p><xsl:value-of select="."/></p>
          </xsl:for-each>
          <xsl:for-each select="tk:distinct($stmts/tei:publicationStmt/(tei:pubPlace, tei:date))">
            <p><xsl:value-of select="."/></p>
          </xsl:for-each>
        </div>
      </div>
      <xsl:call-template name="tk:imprint">
        <xsl:with-param name="title" select="$title"/>
        <xsl:with-param name="stmts" select="$stmts"/>
        <xsl:with-param name="lang" select="$lang"/>
      </xsl:call-template>
      <xsl:call-template name="tk:contents">
        <xsl:with-param name="register" select="$register"/>
        <xsl:with-param name="lang" select="$lang"/>
      </xsl:call-template>
    </section>
  </xsl:template>

  <!-- ============================================================ the imprint -->
  <!-- What the headers say of the volume as a whole (once when the articles agree), then
       of each article, then the date of this build. -->
  <xsl:template name="tk:imprint">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="stmts" as="element(tei:fileDesc)*"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:variable name="publication" as="element(tei:publicationStmt)*" select="$stmts/tei:publicationStmt"/>
    <section class="imprint">
      <h2 class="imprint-title"><xsl:value-of select="tk:label('imprint', $lang)"/></h2>
      <xsl:sequence select="tk:imprint-line('edition', $title, $lang),
                            tk:imprint-line('publisher', tk:distinct($publication/(tei:publisher | tei:distributor | tei:authority)), $lang),
                            tk:imprint-line('pub-place', tk:distinct($publication/tei:pubPlace), $lang),
                            tk:imprint-line('pub-date', tk:distinct($publication/tei:date), $lang),
                            tk:imprint-line('licence', tk:distinct($publication/tei:availability/(tei:licence, tei:p[empty(../tei:licence)])
                                                                   ! string-join((normalize-space(.), @target), ' ')), $lang)"/>
      <xsl:for-each select="$stmts">
        <div class="imprint-article">
          <xsl:variable name="main" as="element(tei:title)?" select="tk:main-title(ancestor::*[2])"/>
          <p class="imprint-article-title"><xsl:value-of select="normalize-space(($main, 'Untitled')[1])"/></p>
          <xsl:for-each select="tk:distinct(tei:titleStmt/tei:title[@type = 'main'] except $main)">
            <p class="imprint-article-title"><xsl:value-of select="."/></p>
          </xsl:for-each>
          <xsl:sequence select="tk:imprint-line('author', tk:distinct(tei:titleStmt/tei:author), $lang),
                                tk:imprint-line('editor', tk:distinct(tei:titleStmt/tei:editor), $lang)"/>
          <xsl:for-each select="tei:titleStmt/tei:respStmt">
            <p class="imprint-line"><xsl:value-of select="string-join((tk:distinct(tei:resp), tk:distinct(* except tei:resp)), ': ')"/></p>
          </xsl:for-each>
          <!-- a manuscript's identifier: its parts (place, repository, shelfmark...), each once, with commas -->
          <xsl:sequence select="tk:imprint-line('source', tk:distinct((tei:sourceDesc/(tei:bibl | tei:biblStruct | tei:biblFull | tei:p),
                                tei:sourceDesc/tei:msDesc/tei:msIdentifier/string-join(
                                  distinct-values(.//*[not(*)] ! normalize-space()[. ne '']), ', '))), $lang)"/>
        </div>
      </xsl:for-each>
      <xsl:sequence select="tk:imprint-line('build-date', $build-date[. ne ''], $lang)"/>
    </section>
  </xsl:template>

  <!-- One line of the imprint: its label and the values; nothing when there is no value. -->
  <xsl:function name="tk:imprint-line" as="element()?">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="values" as="xs:string*"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:if test="exists($values)">
      <p class="imprint-line {$key}"><span class="imprint-label"><xsl:value-of select="tk:label($key, $lang)"/>:</span>
        <xsl:text> </xsl:text><xsl:value-of select="string-join($values, '; ')"/></p>
    </xsl:if>
  </xsl:function>

  <!-- The words of each element, whitespace normalised, once each, empty ones left out. -->
  <xsl:function name="tk:distinct" as="xs:string*">
    <xsl:param name="items" as="item()*"/>
    <xsl:sequence select="distinct-values($items ! normalize-space(string(.)))[. ne '']"/>
  </xsl:function>

  <!-- ============================================================ the contents -->
  <!-- Each article (title, authors) with its first-level headed divisions, then the register;
       print.css adds a dotted leader and the page (target-counter). -->
  <xsl:template name="tk:contents">
    <xsl:param name="register" as="xs:boolean"/>
    <xsl:param name="lang" as="xs:string"/>
    <nav class="contents" id="contents">
      <h2 class="contents-title"><xsl:value-of select="tk:label('contents', $lang)"/></h2>
      <ol class="contents-list">
        <xsl:for-each select="$tei-articles">
          <xsl:variable name="authors" as="xs:string*" select="tk:distinct(tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:author)"/>
          <li class="contents-article">
            <xsl:if test="exists($authors)">
              <p class="contents-author"><xsl:value-of select="string-join($authors, ', ')"/></p>
            </xsl:if>
            <a class="contents-entry" href="#{tk:article-id(.)}">
              <xsl:value-of select="normalize-space((tk:main-title(.), 'Untitled')[1])"/></a>
            <xsl:variable name="sections" as="element()*"
                          select="(tei:text, tei:TEI/tei:text)/(tei:front/tei:div[not(@type = 'abstract')],
                                  tei:body/(tei:div | tei:div1), tei:back/(tei:div | tei:div1))[tk:is-headed(.)]"/>
            <xsl:if test="exists($sections)">
              <ol class="contents-sections">
                <xsl:for-each select="$sections">
                  <li><a class="contents-entry" href="#{tk:block-id(.)}">
                    <xsl:value-of select="tk:heading-label(tei:head[1])"/></a></li>
                </xsl:for-each>
              </ol>
            </xsl:if>
          </li>
        </xsl:for-each>
        <xsl:if test="$register">
          <li class="contents-article contents-register">
            <a class="contents-entry" href="#register"><xsl:value-of select="tk:label('register', $lang)"/></a>
          </li>
        </xsl:if>
      </ol>
    </nav>
  </xsl:template>
</xsl:stylesheet>
