<?xml version="1.0" encoding="UTF-8"?>
<!--
  register-entries.xsl: how one register entry and its occurrences are shown, shared by the
  HTML register page (xslt/register.xsl) and the printed register (xslt/print.xsl).
  Imported, never run on its own.

  Where it sits in the pipeline: teikit.render.register builds the *edition index*
  (teikit.render.register.build_index), a small document aggregated from per-article
  summaries (teikit.render.summary):

    <edition>
      <registers>
        <register file="persons.xml"> <tei:TEI>...the register file...</tei:TEI> </register>
      </registers>
      <article id="mosc" slug="moscow" source="moscow.xml">
        <title lang="tr">...</title>
        <occ key="persons.xml#per-lenin" ref="..." entry="per-lenin" kind="persName"
             anchor="mosc-p12" page="196">Lenin</occ>
        <date start="1919-05-19" end="" anchor="mosc-p3" page="195" inferred="false">
          <text>19 Mayıs 1919</text><sentence>...</sentence></date>
      </article>
    </edition>

  Public interface (prefix tk = "urn:teikit"):
    $tk:link-style  'pages' (default): occurrences link to <$tk:pages-dir><slug>.html#<anchor>;
                    'fragment': they link to #<anchor> (one document holding every article,
                    as the print edition; CSS target-counter(attr(href url), page) then
                    prints the page number).
    $tk:pages-dir   where the article pages are, relative to the output ('../html/').
    tk:register-entries($edition) the entries (tei:person|personGrp|place|org|event with
                    an xml:id) of every register file, in Turkish alphabetical order
                    (names whose initial is not a letter of $tk:tr-alphabet last).
    tk:entry-name($entry), tk:entry-kind($entry), tk:occurrence-href($occ)
    tk:entry-sort-name($entry)  what an entry is filed under (a person by surname)
    tk:entry-index-name($entry) its heading in a register ("Çiçerin, Georgiy")
    named template tk:az-bar       (param entries): the A–Z jump bar, one link per letter
                                   that has entries ('#harf-<letter>').
    named template tk:letters      (param entries): one <section id="harf-<letter>"> per
                                   letter, entries rendered in mode tk:register-entry.
    mode tk:register-entry         an entry -> <li class="entry <kind>" id="<xml:id>">.
    mode tk:entry-facts            the facts a register file gives (type, roles, notes,
                                   dates, idno, coordinates) -> dt/dd pairs.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    xmlns:fn="http://www.w3.org/2005/xpath-functions"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:import href="turkish-collation.xsl"/>

  <xsl:param name="tk:link-style" as="xs:string" select="'pages'"/>
  <xsl:param name="tk:pages-dir" as="xs:string" select="'../html/'"/>

  <xsl:mode name="tk:register-entry" on-no-match="shallow-skip"/>
  <xsl:mode name="tk:entry-facts" on-no-match="deep-skip"/>

  <xsl:key name="tk:occurrences" match="occ" use="@key"/>

  <!-- Turkish labels of the four kinds of entry (the edition's language) -->
  <xsl:variable name="tk:kind-labels" as="map(xs:string, xs:string)"
      select="map{'person':'Kişi', 'place':'Yer', 'org':'Kurum', 'event':'Olay'}"/>

  <xsl:function name="tk:register-entries" as="element()*">
    <xsl:param name="edition" as="node()"/>
    <!-- the register files, and the lists of persons, places... articles hold themselves -->
    <xsl:perform-sort select="$edition/(registers/register | register)//(tei:person | tei:personGrp
                              | tei:place | tei:org | tei:event)[@xml:id]">
      <xsl:sort select="(index-of($tk:tr-alphabet, tk:tr-initial(tk:entry-sort-name(.))), 999)[1]"/>
      <xsl:sort select="tk:tr-sort-key(tk:entry-sort-name(.))"
                collation="http://www.w3.org/2005/xpath-functions/collation/codepoint"/>
      <xsl:sort select="tk:entry-name(.)"
                collation="http://www.w3.org/2005/xpath-functions/collation/codepoint"/>
    </xsl:perform-sort>
  </xsl:function>

  <!-- what an entry is filed under (docs/encoding.md, "Registers"): a person whose preferred
       persName is structured by its surname(s), then its forenames ("Cebesoy Ali Fuat");
       without a surname by its forenames, titles (roleName) left out ("Fuat Sabit" for
       "Dr. Fuat Sabit"); any other entry by its name as printed -->
  <xsl:function name="tk:entry-sort-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="name" as="element()?" select="tk:structured-name($entry)"/>
    <xsl:sequence select="if (empty($name)) then tk:entry-name($entry)
                          else string-join(($name/tei:surname, $name/tei:forename) ! normalize-space(), ' ')"/>
  </xsl:function>

  <!-- how an entry is headed in the register: the filing part first, as an index prints it
       ("Cebesoy, Ali Fuat Paşa", "Çiçerin, Georgiy", "Fuat Sabit, Dr."); else its name -->
  <xsl:function name="tk:entry-index-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="name" as="element()?" select="tk:structured-name($entry)"/>
    <xsl:variable name="head" as="element()*"
        select="if ($name/tei:surname) then $name/tei:surname else $name/tei:forename"/>
    <xsl:sequence select="if (empty($name)) then tk:entry-name($entry)
                          else string-join($head ! normalize-space(), ' ') || ', '
                               || string-join(($name/* except $head) ! normalize-space(), ' ')"/>
  </xsl:function>

  <!-- the preferred persName of a person when it says what the person is filed under -->
  <xsl:function name="tk:structured-name" as="element(tei:persName)?">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="$entry/self::tei:person/tei:persName[@type = 'preferred']
                          [tei:surname or (tei:forename and tei:roleName)][1]"/>
  </xsl:function>

  <!-- the preferred name; else the first name; else the xml:id -->
  <xsl:function name="tk:entry-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="names" as="element()*"
        select="$entry/(tei:persName | tei:placeName | tei:orgName | tei:label | tei:eventName | tei:name)"/>
    <xsl:sequence select="(($names[@type = 'preferred'], $names)[1]/normalize-space(), string($entry/@xml:id))[. ne ''][1]"/>
  </xsl:function>

  <xsl:function name="tk:entry-kind" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="if ($entry/self::tei:person or $entry/self::tei:personGrp) then 'person'
                          else if ($entry/self::tei:place) then 'place'
                          else if ($entry/self::tei:org) then 'org' else 'event'"/>
  </xsl:function>

  <!-- the occurrences of $entry in the edition index its document belongs to -->
  <xsl:function name="tk:occurrences-of" as="element(occ)*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="key('tk:occurrences',
                              $entry/ancestor::register/@file || '#' || $entry/@xml:id,
                              root($entry))"/>
  </xsl:function>

  <xsl:function name="tk:article-href" as="xs:string">
    <xsl:param name="article" as="element(article)"/>
    <xsl:sequence select="if ($tk:link-style eq 'fragment') then '#' || $article/@id
                          else $tk:pages-dir || $article/@slug || '.html'"/>
  </xsl:function>

  <xsl:function name="tk:occurrence-href" as="xs:string">
    <xsl:param name="occ" as="element()"/>
    <xsl:variable name="fragment" as="xs:string"
        select="if ($occ/@anchor ne '') then '#' || $occ/@anchor else ''"/>
    <xsl:sequence select="if ($tk:link-style eq 'fragment') then ($fragment[. ne ''], '#' || $occ/../@id)[1]
                          else $tk:pages-dir || $occ/../@slug || '.html' || $fragment"/>
  </xsl:function>

  <!-- a label a reader understands for an anchor, never the xml:id itself: "¶ 12" for a
       paragraph, "dn. 3" for a footnote, "bölüm 7.3" for a section heading, "liste 2" for a
       list, "alıntı 1" for a quotation; any other anchor "metin" (the text there) -->
  <xsl:function name="tk:anchor-label" as="xs:string">
    <xsl:param name="anchor" as="xs:string"/>
    <xsl:variable name="kinds" as="map(xs:string, xs:string)"
        select="map{'p': '¶ ', 'n': 'dn. ', 's': 'bölüm ', 'l': 'liste ', 'q': 'alıntı '}"/>
    <xsl:variable name="parts" as="xs:string*"
        select="analyze-string($anchor, '-([pnslq])(\d+(\.\d+)*)$')/fn:match/fn:group[@nr = (1, 2)] ! string()"/>
    <xsl:sequence select="if (count($parts) eq 2) then $kinds($parts[1]) || $parts[2]
                          else if ($anchor eq '') then '§' else 'metin'"/>
  </xsl:function>

  <!-- an occurrence link's text: the printed page and the place on it ("s. 23, ¶ 4") -->
  <xsl:function name="tk:occurrence-label" as="xs:string">
    <xsl:param name="occ" as="element()"/>
    <xsl:sequence select="string-join((('s. ' || $occ/@page)[$occ/@page ne ''],
                                       tk:anchor-label(string($occ/@anchor))[. ne '§' or empty($occ/@page[. ne ''])]), ', ')"/>
  </xsl:function>

  <!-- on an element made for an occurrence or date: lang="" of the article title shown -->
  <xsl:template name="tk:title-lang">
    <xsl:variable name="article" as="element(article)" select="ancestor-or-self::article"/>
    <xsl:variable name="lang" as="xs:string"
        select="string(($article/title[@lang = 'tr'], $article/title)[1]/@lang)"/>
    <xsl:if test="$lang ne ''"><xsl:attribute name="lang" select="$lang"/></xsl:if>
  </xsl:template>

  <xsl:function name="tk:article-title" as="xs:string">
    <xsl:param name="article" as="element(article)"/>
    <xsl:sequence select="($article/title[@lang = 'tr'], $article/title, $article/@source)[1]/normalize-space()"/>
  </xsl:function>

  <!-- ============================================================ the A–Z bar -->
  <xsl:template name="tk:az-bar">
    <xsl:param name="entries" as="element()*"/>
    <xsl:variable name="used" as="xs:string*" select="distinct-values($entries ! tk:tr-initial(tk:entry-sort-name(.)))"/>
    <nav class="az" aria-label="Harf dizini (A–Z)">
      <ul>
        <xsl:for-each select="$tk:tr-alphabet[. = $used or not(. = ('Q', 'W', 'X'))], '#'[. = $used]">
          <li>
            <xsl:choose>
              <xsl:when test=". = $used"><a href="#harf-{tk:letter-id(.)}"><xsl:value-of select="."/></a></xsl:when>
              <xsl:otherwise><span aria-disabled="true"><xsl:value-of select="."/></span></xsl:otherwise>
            </xsl:choose>
          </li>
        </xsl:for-each>
      </ul>
    </nav>
  </xsl:template>

  <xsl:function name="tk:letter-id" as="xs:string">
    <xsl:param name="letter" as="xs:string"/>
    <xsl:sequence select="if ($letter eq '#') then 'diger' else $letter"/>
  </xsl:function>

  <!-- ============================================================ the letters -->
  <xsl:template name="tk:letters">
    <xsl:param name="entries" as="element()*"/>
    <xsl:for-each-group select="$entries" group-by="tk:tr-initial(tk:entry-sort-name(.))">
      <xsl:sort select="(index-of($tk:tr-alphabet, current-grouping-key()), 999)[1]"/>
      <section class="letter" id="harf-{tk:letter-id(current-grouping-key())}"
               aria-labelledby="baslik-{tk:letter-id(current-grouping-key())}">
        <h2 id="baslik-{tk:letter-id(current-grouping-key())}">
          <xsl:value-of select="if (current-grouping-key() eq '#') then 'Diğer' else current-grouping-key()"/>
        </h2>
        <ol class="entries">
          <xsl:apply-templates select="current-group()" mode="tk:register-entry"/>
        </ol>
      </section>
    </xsl:for-each-group>
  </xsl:template>

  <!-- ============================================================ one entry -->
  <xsl:template match="tei:person | tei:personGrp | tei:place | tei:org | tei:event" mode="tk:register-entry">
    <xsl:variable name="kind" as="xs:string" select="tk:entry-kind(.)"/>
    <xsl:variable name="occurrences" as="element(occ)*" select="tk:occurrences-of(.)"/>
    <li class="entry {$kind}" id="{@xml:id}">
      <h3 class="entry-name">
        <xsl:call-template name="tk:lang"/>
        <xsl:value-of select="tk:entry-index-name(.)"/>
      </h3>
      <p class="entry-kind"><xsl:value-of select="$tk:kind-labels($kind)"/></p>
      <xsl:variable name="variants" as="element()*"
          select="(tei:persName | tei:placeName | tei:orgName | tei:label | tei:eventName | tei:name)[@type = 'variant']"/>
      <xsl:if test="exists($variants)">
        <p class="variants"><span class="label">Diğer adlar: </span>
          <xsl:for-each select="$variants">
            <span class="variant"><xsl:call-template name="tk:lang"/><xsl:value-of select="normalize-space()"/></span>
            <xsl:if test="position() ne last()">; </xsl:if>
          </xsl:for-each>
        </p>
      </xsl:if>
      <xsl:variable name="facts" as="element()*">
        <xsl:apply-templates select="@type, @when, @from, *" mode="tk:entry-facts"/>
      </xsl:variable>
      <xsl:if test="exists($facts)"><dl class="facts"><xsl:sequence select="$facts"/></dl></xsl:if>
      <xsl:call-template name="tk:occurrence-list">
        <xsl:with-param name="occurrences" select="$occurrences"/>
      </xsl:call-template>
    </li>
  </xsl:template>

  <xsl:template name="tk:lang">
    <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
  </xsl:template>

  <!-- ============================================================ occurrences -->
  <xsl:template name="tk:occurrence-list">
    <xsl:param name="occurrences" as="element(occ)*"/>
    <xsl:choose>
      <xsl:when test="empty($occurrences)">
        <p class="no-occurrences">Makalelerde geçmiyor.</p>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="forms" as="xs:string*" select="distinct-values($occurrences ! normalize-space())"/>
        <p class="forms"><span class="label">Metindeki biçimler: </span>
          <xsl:call-template name="tk:forms"><xsl:with-param name="forms" select="$forms"/></xsl:call-template></p>
        <ul class="occurrences">
          <xsl:for-each-group select="$occurrences" group-by="../@id">
            <li class="in-article">
              <a class="article" href="{tk:article-href(current-group()[1]/..)}" dir="auto">
                <xsl:for-each select="current-group()[1]"><xsl:call-template name="tk:title-lang"/></xsl:for-each>
                <xsl:value-of select="tk:article-title(current-group()[1]/..)"/></a>
              <xsl:text>: </xsl:text>
              <xsl:call-template name="tk:occurrence-links">
                <xsl:with-param name="occurrences" select="current-group()"/>
              </xsl:call-template>
            </li>
          </xsl:for-each-group>
        </ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- forms as the texts spell them, in Turkish order, each isolated for any script -->
  <xsl:template name="tk:forms">
    <xsl:param name="forms" as="xs:string*"/>
    <xsl:for-each select="tk:tr-sort($forms)">
      <bdi class="form"><xsl:value-of select="."/></bdi>
      <xsl:if test="position() ne last()">; </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- one link per anchor, each saying where it leads: "s. 196, ¶ 1; s. 196, ¶ 2; s. 197, dn. 5" -->
  <xsl:template name="tk:occurrence-links">
    <xsl:param name="occurrences" as="element(occ)*"/>
    <xsl:for-each-group select="$occurrences" group-by="string(@anchor)">
      <a class="occ" href="{tk:occurrence-href(.)}" data-page="{@page}"
         title="{string-join(distinct-values(current-group() ! normalize-space()), '; ')}">
        <xsl:value-of select="tk:occurrence-label(.)"/>
      </a>
      <xsl:if test="position() ne last()">; </xsl:if>
    </xsl:for-each-group>
  </xsl:template>

  <!-- ============================================================ facts -->
  <xsl:template match="(tei:person | tei:personGrp | tei:place | tei:org | tei:event)/@type" mode="tk:entry-facts">
    <dt>Tür</dt><dd><xsl:value-of select="tk:type-label(.)"/></dd>
  </xsl:template>

  <!-- an entry's @type in the interface's language (the register files use English
       values); a value not listed is shown as it is -->
  <xsl:variable name="tk:type-labels" as="map(xs:string, xs:string)" select="map{
      'agreement': 'anlaşma', 'alliance': 'ittifak', 'armistice': 'ateşkes', 'battle': 'savaş (muharebe)',
      'bay': 'körfez', 'building': 'yapı', 'campaign': 'sefer', 'city': 'şehir', 'committee': 'komite',
      'company': 'şirket', 'conference': 'konferans', 'congress': 'kongre', 'continent': 'kıta',
      'country': 'ülke', 'declaration': 'bildiri', 'district': 'ilçe, bölge', 'embassy': 'elçilik',
      'government': 'hükümet', 'group': 'topluluk', 'international': 'uluslararası kuruluş',
      'meeting': 'toplantı', 'military': 'askerî birlik', 'ministry': 'bakanlık', 'newspaper': 'gazete',
      'parliament': 'meclis', 'party': 'parti', 'police': 'polis örgütü', 'region': 'bölge',
      'revolution': 'devrim', 'river': 'ırmak', 'sea': 'deniz', 'settlement': 'yerleşim',
      'site': 'yer', 'society': 'dernek', 'strait': 'boğaz', 'town': 'kasaba', 'treaty': 'antlaşma',
      'war': 'savaş', 'person': 'kişi', 'family': 'aile'}"/>

  <xsl:function name="tk:type-label" as="xs:string">
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="($tk:type-labels(normalize-space($type)), normalize-space($type))[1]"/>
  </xsl:function>
  <xsl:template match="tei:event/@when" mode="tk:entry-facts">
    <dt>Tarih</dt><dd><time datetime="{.}"><xsl:value-of select="."/></time></dd>
  </xsl:template>
  <xsl:template match="tei:event/@from" mode="tk:entry-facts">
    <dt>Tarih</dt><dd><time datetime="{.}"><xsl:value-of select="."/></time>
      <xsl:if test="../@to"> – <time datetime="{../@to}"><xsl:value-of select="../@to"/></time></xsl:if></dd>
  </xsl:template>
  <xsl:template match="tei:note[@type = 'role'] | tei:occupation | tei:roleName[not(parent::tei:persName)]"
                mode="tk:entry-facts">
    <dt>Görev</dt><dd><xsl:call-template name="tk:lang"/><xsl:value-of select="normalize-space()"/></dd>
  </xsl:template>
  <xsl:template match="tei:note[not(@type = 'role')] | tei:desc | tei:p | tei:ab" mode="tk:entry-facts">
    <dt>Not</dt><dd><xsl:call-template name="tk:lang"/><xsl:value-of select="normalize-space()"/></dd>
  </xsl:template>
  <xsl:template match="tei:birth | tei:death | tei:floruit" mode="tk:entry-facts">
    <dt><xsl:value-of select="map{'birth':'Doğum', 'death':'Ölüm', 'floruit':'Etkinlik'}(local-name())"/></dt>
    <dd><xsl:value-of select="normalize-space(string-join((@when, @from, @to, @notBefore, @notAfter, normalize-space()[. ne '']), ' '))"/></dd>
  </xsl:template>
  <xsl:template match="tei:idno" mode="tk:entry-facts">
    <dt>Kimlik (<xsl:value-of select="(@type, 'idno')[1]"/>)</dt>
    <dd>
      <xsl:choose>
        <xsl:when test="matches(normalize-space(), '^https?://')">
          <a href="{normalize-space()}"><xsl:value-of select="normalize-space()"/></a>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="normalize-space()"/></xsl:otherwise>
      </xsl:choose>
    </dd>
  </xsl:template>
  <xsl:template match="tei:location[tei:geo]" mode="tk:entry-facts">
    <xsl:variable name="coords" as="xs:double*" select="tk:coordinates(..)"/>
    <xsl:if test="count($coords) eq 2">
      <dt>Koordinatlar</dt>
      <dd><data class="geo" value="{$coords[1]} {$coords[2]}"><xsl:value-of
          select="format-number($coords[1], '0.0###') || ', ' || format-number($coords[2], '0.0###')"/></data></dd>
    </xsl:if>
  </xsl:template>

  <!-- latitude and longitude of a place from location/geo ("lat long"), or () -->
  <xsl:function name="tk:coordinates" as="xs:double*">
    <xsl:param name="place" as="element()"/>
    <xsl:variable name="parts" as="xs:string*"
        select="tokenize(normalize-space(($place/tei:location/tei:geo)[1]), '[\s,]+')"/>
    <xsl:variable name="numbers" as="xs:double*"
        select="if (count($parts) eq 2 and (every $p in $parts satisfies $p castable as xs:double))
                then $parts ! xs:double(.) else ()"/>
    <xsl:sequence select="$numbers[abs($numbers[1]) le 90 and abs($numbers[2]) le 180]"/>
  </xsl:function>
</xsl:stylesheet>
