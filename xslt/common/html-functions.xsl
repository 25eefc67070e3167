<?xml version="1.0" encoding="UTF-8"?>
<!--
  xslt/common/html-functions.xsl - small functions shared by the web stylesheets.

  Where it sits in the pipeline: imported (through common/behaviours-html.xsl) by xslt/html.xsl
  (one reading page per article) and xslt/index.xsl (the edition's index page), both run by
  teikit.render.html through saxonche. No templates here, only lookups and labels:
    tk:ui-lang($el)                 'tr' when the document is Turkish, else 'en'
    tk:label($key, $lang)           interface words in Turkish or English
    tk:lang($el)                    the xml:lang in force at $el ('' when none)
    tk:register-id($ref)            'per-lenin' from 'register/persons.xml#per-lenin' (or '../register/…')
    tk:register-entry($ref, $regs)  the register entry a @ref points to, if present
    tk:preferred-name($entry)       the entry's preferred name
    tk:html-id($el)                 a stable HTML id: @xml:id, else name + document order
    tk:is-unit($el)                 whether $el is a unit a search result lands on (a p, a speech, ...)
    tk:unmarked-unit($el, $in-unit) ... one of the body without @xml:id, marked data-unit
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="#all">

  <xsl:import href="language-tags.xsl"/>

  <xsl:key name="tk:id" match="*[@xml:id]" use="@xml:id"/>

  <!-- interface words; the key is looked up in the reader's language -->
  <xsl:variable name="tk:labels" as="map(xs:string, map(xs:string, xs:string))" select="map {
      'skip':         map { 'tr': 'Metne geç',            'en': 'Skip to the text' },
      'edition':      map { 'tr': 'teikit dijital edisyonu', 'en': 'teikit digital edition' },
      'sic':          map { 'tr': 'kaynakta',             'en': 'in the source' },
      'corr':         map { 'tr': 'düzeltme',             'en': 'corrected' },
      'orig':         map { 'tr': 'özgün yazım',          'en': 'original spelling' },
      'reg':          map { 'tr': 'düzenlenmiş yazım',    'en': 'regularised' },
      'abbr':         map { 'tr': 'kısaltma',             'en': 'abbreviated' },
      'expan':        map { 'tr': 'açılım',               'en': 'expanded' },
      'articles':     map { 'tr': 'Makaleler',            'en': 'Articles' },
      'register':     map { 'tr': 'Dizin',                'en': 'Register' },
      'chronology':   map { 'tr': 'Kronoloji',            'en': 'Chronology' },
      'map':          map { 'tr': 'Harita',               'en': 'Map' },
      'search':       map { 'tr': 'Arama',                'en': 'Search' },
      'contents':     map { 'tr': 'İçindekiler',          'en': 'Contents' },
      'abstract':     map { 'tr': 'Özet',                 'en': 'Abstract' },
      'keywords':     map { 'tr': 'Anahtar kelimeler',    'en': 'Keywords' },
      'notes':        map { 'tr': 'Dipnotlar',            'en': 'Notes' },
      'note':         map { 'tr': 'Dipnot',               'en': 'Note' },
      'back-to-text': map { 'tr': 'Metne dön',            'en': 'Back to the text' },
      'page':         map { 'tr': 'Sayfa',                'en': 'Page' },
      'pages':        map { 'tr': 's.',                   'en': 'pp.' },
      'tei-source':   map { 'tr': 'TEI kaynağı',          'en': 'TEI source' },
      'licence':      map { 'tr': 'Lisans',               'en': 'Licence' },
      'by':           map { 'tr': 'Yazar',                'en': 'Author' },
      'inferred':     map { 'tr': 'çıkarsanmış tarih',    'en': 'inferred date' },
      'anchor':       map { 'tr': 'Bu paragrafın bağlantısı', 'en': 'Link to this paragraph' },
      'navigation':   map { 'tr': 'Edisyon',              'en': 'Edition' }
    }"/>

  <xsl:function name="tk:label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:sequence select="($tk:labels($key)?($lang), $tk:labels($key)?en, $key)[1]"/>
  </xsl:function>

  <xsl:function name="tk:lang" as="xs:string">
    <xsl:param name="el" as="node()"/>
    <xsl:sequence select="string(($el/ancestor-or-self::*/@xml:lang)[last()])"/>
  </xsl:function>

  <xsl:function name="tk:ui-lang" as="xs:string">
    <xsl:param name="el" as="node()"/>
    <xsl:variable name="root" as="element()?" select="root($el)/*"/>
    <xsl:variable name="lang" as="xs:string"
                  select="string(($root/@xml:lang, $root/tei:text/@xml:lang)[1])"/>
    <xsl:sequence select="if (starts-with($lang, 'tr')) then 'tr' else 'en'"/>
  </xsl:function>

  <xsl:function name="tk:register-id" as="xs:string?">
    <xsl:param name="ref" as="xs:string?"/>
    <!-- written from an article beside register/ or in a volume folder below it (../register/) -->
    <xsl:sequence select="if (matches($ref, '^(\.\./)*register/[^#]+#.'))
                          then substring-after($ref, '#') else ()"/>
  </xsl:function>

  <xsl:function name="tk:register-entry" as="element()?">
    <xsl:param name="ref" as="xs:string?"/>
    <xsl:param name="registers" as="document-node()*"/>
    <!-- (without registers, as most TEI has, there is nothing to look up) -->
    <xsl:variable name="id" as="xs:string?" select="if (exists($registers)) then tk:register-id($ref) else ()"/>
    <xsl:sequence select="if ($id) then ($registers ! key('tk:id', $id, .))[1] else ()"/>
  </xsl:function>

  <xsl:function name="tk:preferred-name" as="xs:string?">
    <xsl:param name="entry" as="element()?"/>
    <xsl:sequence select="$entry/(*[@type = 'preferred'], tei:persName, tei:placeName,
                                  tei:orgName, tei:label)[1] ! normalize-space(.)"/>
  </xsl:function>

  <!-- an element's own id, else its name and its node number in its document: Saxon's
       generate-id() is "d<document>e<node>", where the document's number depends on what
       the process parsed before and the node's does not, so the id is the same in every
       run and process. (An accumulator numbering the elements, as before, walked every
       element of the document for the first id asked: 4% of a render of the external
       corpus.) -->
  <xsl:function name="tk:html-id" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="string(($el/@xml:id, local-name($el) || '-' || tk:node-number($el))[1])"/>
  </xsl:function>

  <!-- whether $el is a search unit: a p, ab, sp, lg, l, u or entry (a poem's stanzas are
       units, not the poem), as teikit.publish.search collects them from the body, outside
       notes and other units ($in-unit: b:block and b:paragraph tunnel it to a unit's
       content; asking the ancestors cost twice as much). The page marks each one of the body
       without an xml:id with data-unit, in document order: the search result of the nth
       lands on "#unit-n", which assets/landing.js finds. (Numbering them here cost 7-20% of
       the external corpus's render, by xsl:number, an accumulator or a map of generate-id()s.) -->
  <xsl:function name="tk:is-unit" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="exists($el[self::tei:p or self::tei:ab or self::tei:sp or self::tei:l or self::tei:u
                                     or self::tei:entry or self::tei:lg[not(tk:holds-stanzas(.))]])"/>
  </xsl:function>

  <xsl:function name="tk:unmarked-unit" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:param name="in-unit" as="xs:boolean"/>
    <xsl:sequence select="not($in-unit or $el/@xml:id) and tk:is-unit($el)
                          and $el/ancestor::tei:body and not($el/ancestor::tei:note)"/>
  </xsl:function>

  <xsl:function name="tk:holds-stanzas" as="xs:boolean">
    <xsl:param name="lg" as="element()"/>
    <xsl:sequence select="exists($lg/descendant::tei:lg except $lg/descendant::tei:note//tei:lg)"/>
  </xsl:function>

  <xsl:function name="tk:node-number" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="generated" as="xs:string" select="generate-id($node)"/>
    <xsl:sequence select="(substring-after($generated, 'e')[. ne ''], $generated)[1]"/>
  </xsl:function>
</xsl:stylesheet>
