<?xml version="1.0" encoding="UTF-8"?>
<!--
  xslt/common/print-register.xsl - the register of a printed volume (persons, places,
  organisations, events) whose page numbers the PDF engine fills in with CSS
  target-counter(): every occurrence in the text is an anchor, the register links to it.

  Where it sits in the pipeline: imported by xslt/print.xsl (teikit render - -to print|pdf).
  Written so the other register outputs can share it:
    tk:register-entry($name)      the register entry a tagged name's @ref points at
                                  (register/<file>.xml#<id>: resolved by the fragment, ids
                                  being unique across the edition; '#id' and 'article.xml#id'
                                  in an article's own lists); needs $registers and $articles
                                  (the volume's documents, declared by xslt/print.xsl)
    tk:occurrence-id($name)       the stable anchor id of one occurrence
    template tk:print-register    the printed register (one HTML section)
  What an entry is called, its kind, the Turkish order and the letter it is filed under
  come from the register's own modules (register-entries.xsl, turkish-collation.xsl:
  tk:entry-name, tk:entry-kind, tk:tr-sort-key, tk:tr-initial), so the printed and the
  HTML register agree. The printed one differs in what it links to: each occurrence
  (not the paragraph), so the page number printed is the page holding the name.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all">

  <xsl:import href="register-entries.xsl"/>

  <xsl:param name="registers" as="document-node()*" select="()"/>
  <!-- from a layout of the text: anchor id (occurrences, entries' own descriptions) -> the
       page it landed on (see tk:print-register-entry) -->
  <xsl:param name="occurrence-pages" as="map(xs:string, xs:integer)" select="map {}"/>

  <xsl:mode name="register-text" on-no-match="text-only-copy"/>

  <xsl:key name="register-entry" match="tei:person | tei:personGrp | tei:place | tei:org | tei:event" use="@xml:id"/>

  <!-- The register sections of a volume: kind, TEI entry element, heading (tr, en). -->
  <xsl:variable name="tk:register-kinds" as="map(xs:string, xs:string*)*" select="(
      map {'kind': 'person', 'head': ('Kişiler', 'Persons')},
      map {'kind': 'place',  'head': ('Yerler', 'Places')},
      map {'kind': 'org',    'head': ('Kurumlar', 'Organisations')},
      map {'kind': 'event',  'head': ('Antlaşmalar ve toplantılar', 'Treaties and meetings')})"/>

  <!-- ============================================================ resolving names -->
  <!-- a pointer '#id' names an entry of the name's own document (its own person or place
       list, as a letter's or a play's header has), 'other.xml#id' one of the article of
       that file name in the volume ($articles), before one of the register files -->
  <xsl:function name="tk:register-entry" as="element()?">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="ref" as="xs:string?" select="tokenize($name/@ref)[1]"/>
    <xsl:variable name="id" as="xs:string" select="substring-after($ref, '#')"/>
    <xsl:variable name="file" as="xs:string" select="substring-before($ref, '#')"/>
    <xsl:variable name="document" as="document-node()*"
                  select="if ($file eq '') then root($name)
                          else $articles[tokenize(string(base-uri(.)), '/')[last()] eq tokenize($file, '/')[last()]]"/>
    <xsl:sequence select="if ($id eq '') then ()
                          else (($document ! key('register-entry', $id, .)),
                                $registers ! key('register-entry', $id, .))[1]"/>
  </xsl:function>

  <!-- The entries of the person, place, organisation and event lists the articles hold
       themselves (in the header, the standOff or the text): they feed the register as the
       register files do. -->
  <xsl:function name="tk:own-entries" as="element()*">
    <xsl:param name="articles" as="element()*"/>
    <xsl:sequence select="$articles//(tei:listPerson | tei:listPlace | tei:listOrg | tei:listEvent)
                          //(tei:person | tei:personGrp | tei:place | tei:org | tei:event)[@xml:id]"/>
  </xsl:function>

  <!-- occurrences numbered in document order, once per document (an accumulator, not
       xsl:number level="any", which would rescan the document for every name) -->
  <xsl:accumulator name="tk:occurrence-number" as="xs:integer" initial-value="0">
    <!-- every element the rules render as a name (behaviour name): each gets its own id -->
    <xsl:accumulator-rule match="tei:persName[@ref] | tei:placeName[@ref] | tei:orgName[@ref] | tei:name[@ref]
                                 | tei:rs[@ref] | tei:geogName[@ref]"
                          select="$value + 1"/>
  </xsl:accumulator>

  <xsl:function name="tk:occurrence-id" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="'occ-' || ($name/ancestor::tei:TEI[1]/@xml:id, 'doc')[1] || '-'
                          || $name/accumulator-after('tk:occurrence-number')"/>
  </xsl:function>

  <!-- ============================================================ the register -->
  <xsl:template name="tk:print-register">
    <xsl:param name="articles" as="element()*"/>
    <xsl:param name="entries" as="element()*"/>
    <!-- true: the page numbers are printed as $occurrence-pages gives them (the register
         laid out apart from the text, teikit.render.pdf); false: target-counter() -->
    <xsl:param name="literal-pages" as="xs:boolean" select="false()"/>
    <xsl:variable name="names" as="element()*"
                  select="$articles/(tei:text | tei:TEI/tei:text)//(tei:persName | tei:placeName | tei:orgName | tei:name
                                                                    | tei:rs | tei:geogName)[@ref]"/>
    <xsl:variable name="occurrences" as="map(xs:string, element()*)">
      <xsl:map>
        <xsl:for-each-group select="$names" group-by="string(tk:register-entry(.)/@xml:id)">
          <xsl:if test="current-grouping-key() ne ''">
            <xsl:map-entry key="current-grouping-key()" select="current-group()"/>
          </xsl:if>
        </xsl:for-each-group>
      </xsl:map>
    </xsl:variable>
    <xsl:variable name="lang" as="xs:string" select="($articles/@xml:lang, 'tr')[1]"/>
    <xsl:variable name="i" as="xs:integer" select="if (starts-with($lang, 'en')) then 2 else 1"/>
    <xsl:if test="map:size($occurrences) gt 0 or exists(tk:own-entries($articles))">
      <section class="register" id="register">
        <h1 class="register-title"><xsl:value-of select="('Dizin', 'Index')[$i]"/></h1>
        <xsl:for-each select="$tk:register-kinds">
          <xsl:variable name="kind" as="map(xs:string, xs:string*)" select="."/>
          <xsl:variable name="used" as="element()*"
                        select="$entries[tk:entry-kind(.) eq $kind('kind')]
                                [map:contains($occurrences, @xml:id) or (some $a in $articles satisfies $a is root(.)/*)]"/>
          <xsl:if test="exists($used)">
            <section class="register-part {$kind('kind')}" id="register-{$kind('kind')}">
              <h2><xsl:value-of select="$kind('head')[$i]"/></h2>
              <xsl:for-each-group select="$used" group-by="tk:tr-initial(tk:entry-sort-name(.))">
                <xsl:sort select="(index-of($tk:tr-alphabet, current-grouping-key()), 999)[1]"/>
                <div class="register-letter">
                  <h3 class="letter"><xsl:value-of select="current-grouping-key()"/></h3>
                  <xsl:for-each select="current-group()">
                    <xsl:sort select="tk:tr-sort-key(tk:entry-sort-name(.))"
                              collation="http://www.w3.org/2005/xpath-functions/collation/codepoint"/>
                    <xsl:sort select="tk:entry-name(.)"
                              collation="http://www.w3.org/2005/xpath-functions/collation/codepoint"/>
                    <xsl:call-template name="tk:print-register-entry">
                      <xsl:with-param name="occurrences" select="$occurrences(@xml:id)"/>
                      <xsl:with-param name="literal-pages" select="$literal-pages"/>
                    </xsl:call-template>
                  </xsl:for-each>
                </div>
              </xsl:for-each-group>
            </section>
          </xsl:if>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- One entry: preferred name, the other forms, what the register says, the pages.
       One page reference per paragraph (the first occurrence in it); once a layout has
       told on which page each occurrence lands ($occurrence-pages), one per page. -->
  <xsl:template name="tk:print-register-entry">
    <xsl:param name="occurrences" as="element()*"/>
    <xsl:param name="literal-pages" as="xs:boolean"/>
    <xsl:variable name="preferred" as="xs:string" select="tk:entry-name(.)"/>
    <xsl:variable name="variants" as="xs:string*"
                  select="distinct-values(*[@type = 'variant'] ! normalize-space(.))[. ne $preferred]"/>
    <div class="register-entry" id="reg-{@xml:id}">
      <span class="entry-name"><xsl:value-of select="tk:entry-index-name(.)"/></span>
      <xsl:if test="exists($variants)">
        <span class="entry-forms"><xsl:text> (</xsl:text>
          <xsl:value-of select="string-join($variants, '; ')"/><xsl:text>)</xsl:text></span>
      </xsl:if>
      <xsl:for-each select="(tei:note[@type = 'role'], tei:desc)[1]">
        <span class="entry-note"><xsl:text>, </xsl:text>
          <xsl:apply-templates mode="register-text"/></span>
      </xsl:for-each>
      <xsl:text> </xsl:text>
      <span class="entry-pages">
        <xsl:variable name="first-per-block" as="element()*">
          <xsl:for-each-group select="$occurrences" group-by="generate-id(tk:block(.))">
            <xsl:sequence select="."/>
          </xsl:for-each-group>
        </xsl:variable>
        <!-- an entry of an article's own list that the text never names: its description -->
        <xsl:for-each-group select="($first-per-block, .[empty($first-per-block)])"
                            group-by="let $id := tk:target-id(.)
                                      return ($occurrence-pages($id) ! string(.), $id)[1]">
          <xsl:variable name="id" as="xs:string" select="tk:target-id(.)"/>
          <xsl:choose>
            <xsl:when test="not($literal-pages)">
              <a class="pageref" href="#{$id}" title="{normalize-space(.)}"/>
            </xsl:when>
            <xsl:when test="map:contains($occurrence-pages, $id)">
              <a class="pageno" href="#{$id}" title="{normalize-space(.)}">
                <xsl:value-of select="$occurrence-pages($id)"/></a>
            </xsl:when>
          </xsl:choose>
        </xsl:for-each-group>
      </span>
    </div>
  </xsl:template>

  <!-- The anchor a page reference points at: an occurrence's, or an entry's own id. -->
  <xsl:function name="tk:target-id" as="xs:string">
    <xsl:param name="target" as="element()"/>
    <xsl:sequence select="if ($target/self::tei:person or $target/self::tei:personGrp or $target/self::tei:place
                              or $target/self::tei:org or $target/self::tei:event)
                          then string($target/@xml:id) else tk:occurrence-id($target)"/>
  </xsl:function>

  <!-- The paragraph-like element an occurrence belongs to. -->
  <xsl:function name="tk:block" as="element()">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="($e/ancestor::*[self::tei:p or self::tei:item or self::tei:note
                          or self::tei:head or self::tei:l or self::tei:ab or self::tei:cell][1], $e)[1]"/>
  </xsl:function>

</xsl:stylesheet>
