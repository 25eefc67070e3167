<?xml version="1.0" encoding="UTF-8"?>
<!--
  xslt/common/tei-facts.xsl - what the rules ask of a TEI document: its own title, its
  abstracts, the header parts that are content, which notes are footnotes, the reading of
  a choice that is shown, whom a pointer names, where a page's image is, the alignment a
  @rend asks for, what a header part is called.

  Where it sits in the pipeline: imported by common/rules.xsl (the rules of every output,
  generated from schemas/teikit-render.odd, whose predicates and parameters call these
  functions) and by common/dublin-core.xsl (a document's title is the same in its
  metadata). Only functions and a key: no templates, so any stylesheet may import it.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="#all">

  <xsl:import href="language-tags.xsl"/>

  <!-- the element of each xml:id (html-functions.xsl declares the same key: one index) -->
  <xsl:key name="tk:id" match="*[@xml:id]" use="@xml:id"/>

  <!-- the notes shown at the foot (of the page or of the printed page); any other note (in
       the header, a bibliography, an apparatus, an entry of a person, place, organisation or
       event list) is a remark kept in place (b:remark) -->
  <xsl:function name="tk:is-footnote" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="exists($note/ancestor::tei:text)
                          and empty($note/ancestor::*[self::tei:listBibl or self::tei:app or self::tei:listPerson
                                    or self::tei:listPlace or self::tei:listOrg or self::tei:listEvent])"/>
  </xsl:function>

  <!-- the header parts that are a document's content (a manuscript's description, a
       letter's sending, the persons of a play, a bibliography), wherever the header has them
       (correspDesc lived in sourceDesc before P5 3.0), outermost only, in document order;
       then the standOff, and the documentary transcription of a document without a text -->
  <xsl:function name="tk:content-parts" as="element()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="parts" as="element()*"
                  select="$tei/tei:teiHeader//(tei:msDesc | tei:correspDesc | tei:particDesc | tei:settingDesc
                          | tei:listPerson | tei:listPlace | tei:listOrg | tei:listEvent | tei:listBibl)"/>
    <xsl:sequence select="$parts[empty(ancestor::* intersect $parts)], $tei/tei:standOff,
                          $tei/tei:sourceDoc[empty($tei/tei:text)]"/>
  </xsl:function>

  <!-- the titles that name the document itself: not a subtitle, a short or alternative
       title, nor the series, journal or monograph it belongs to -->
  <xsl:function name="tk:own-titles" as="element(tei:title)*">
    <xsl:param name="titles" as="element(tei:title)*"/>
    <xsl:sequence select="$titles[not(@type = ('sub', 'short', 'alt', 'desc'))][not(@level = ('s', 'j', 'm', 'u'))]"/>
  </xsl:function>

  <!-- a document's own title: the main title (in the document's language first), else an
       analytic or unmarked one (a letter's "Arthur Schnitzler an Max Reinhardt", not the
       series it belongs to), else any but a subtitle -->
  <xsl:function name="tk:document-title" as="element(tei:title)?">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="titles" as="element(tei:title)*" select="$tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title"/>
    <xsl:variable name="main" as="element(tei:title)*" select="$titles[@type = 'main']"/>
    <xsl:variable name="own" as="element(tei:title)*" select="tk:own-titles($titles)"/>
    <xsl:sequence select="($main[@xml:lang = $tei/@xml:lang], $main, $own[@xml:lang = $tei/@xml:lang], $own,
                           $titles[not(@type = 'sub')], $titles)[1]"/>
  </xsl:function>

  <!-- the abstracts of a document, shown in its title block: the header's, and a front
       division of type abstract (then left out of the text) -->
  <xsl:function name="tk:abstracts" as="element()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="$tei/tei:teiHeader/tei:profileDesc/tei:abstract,
                          $tei/tei:text/tei:front/tei:div[@type = 'abstract']"/>
  </xsl:function>

  <!-- the reading of a choice that is shown: the corrected, regularised, expanded one -->
  <xsl:function name="tk:shown-reading" as="element()?">
    <xsl:param name="choice" as="element(tei:choice)"/>
    <xsl:sequence select="($choice/tei:corr, $choice/tei:reg, $choice/tei:expan, $choice/*)[1]"/>
  </xsl:function>

  <!-- the item a gloss list's label glosses: the item (or column heading) after it -->
  <xsl:function name="tk:glossed" as="element()?">
    <xsl:param name="label" as="element()"/>
    <xsl:sequence select="$label/following-sibling::*[self::tei:item or self::tei:headItem][1]"/>
  </xsl:function>

  <!-- the punctuation a bibliographic reference's part needs before it when the source
       gives none: nothing since the part before it, or in a structured reference (biblStruct,
       whose punctuation is the renderer's to give) only whitespace. "; " between
       authors or editors, ", " in an imprint and before a scope, ". " between other parts;
       a space after a part that ends in punctuation; nothing for the first part, after
       text of the source's own, or for a part that is no words of the reference (a note,
       a break, an anchor, an empty element) or stands apart as a block (analytic, monogr) -->
  <xsl:function name="tk:bibl-separator" as="xs:string">
    <xsl:param name="part" as="element()"/>
    <xsl:variable name="before" as="element()?" select="$part/preceding-sibling::*[1]"/>
    <xsl:variable name="apart" as="xs:string*"
                  select="('note', 'pb', 'lb', 'cb', 'milestone', 'anchor', 'index', 'ptr', 'analytic',
                           'monogr', 'series', 'relatedItem', 'listBibl', 'bibl', 'biblStruct')"/>
    <xsl:sequence select="
        if (empty($before) or local-name($part) = $apart or local-name($before) = $apart
            or not(normalize-space($part)) or not(normalize-space($before))
            or ($part/preceding-sibling::node() intersect $before/following-sibling::text())
               [normalize-space() or $part/parent::tei:bibl])
        then ''
        else if (matches(normalize-space($before), '[.,;:!?]$') or matches(normalize-space($part), '^[.,;:!?)\]]')) then ' '
        else if (local-name($part) = ('author', 'editor') and local-name($before) = ('author', 'editor')) then '; '
        else if ($part/parent::tei:imprint or local-name($part) = ('biblScope', 'citedRange')) then ', '
        else '. '"/>
  </xsl:function>

  <!-- the normalised value of a date: "1919-05-19", "1920-01-27 – 1920-01-28" -->
  <xsl:function name="tk:date-value" as="xs:string">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="range" as="xs:string*"
                  select="($date/@from, $date/@notBefore)[1], ($date/@to, $date/@notAfter)[1]"/>
    <xsl:sequence select="string(($date/@when, string-join($range, ' – ')[. ne ''])[1])"/>
  </xsl:function>

  <!-- the value of a date as text, shown for a date that has no words of its own
       (<date when="1914-10"/> in a letter's correspondence description) -->
  <xsl:function name="tk:date-text" as="text()">
    <xsl:param name="date" as="element()"/>
    <xsl:value-of select="tk:date-value($date)"/>
  </xsl:function>

  <!-- the content of a bibliographic reference (bibl, biblStruct, analytic, monogr, imprint,
       series) with the punctuation its parts need before them (tk:bibl-separator) put in;
       in a structured reference, the whitespace that lays out the source is left out where
       punctuation takes its place, and before the first part and after the last -->
  <xsl:function name="tk:bibl-parts" as="node()*">
    <xsl:param name="ref" as="element()"/>
    <xsl:variable name="structured" as="xs:boolean" select="empty($ref/self::tei:bibl)"/>
    <xsl:for-each select="$ref/node()">
      <xsl:choose>
        <xsl:when test=". instance of element()">
          <xsl:variable name="separator" as="xs:string" select="tk:bibl-separator(.)"/>
          <xsl:if test="$separator"><xsl:value-of select="$separator"/></xsl:if>
          <xsl:sequence select="."/>
        </xsl:when>
        <xsl:when test="$structured and . instance of text() and not(normalize-space())
                        and (empty(preceding-sibling::*) or empty(following-sibling::*)
                             or tk:bibl-separator(following-sibling::*[1]) ne '')"/>
        <xsl:otherwise><xsl:sequence select="."/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:function>

  <!-- the number shown beside a line (l, lb): its @n, on every fifth line, as editions of
       verse and EpiDoc's inscriptions number them -->
  <xsl:function name="tk:line-number" as="xs:string?">
    <xsl:param name="line" as="element()"/>
    <xsl:sequence select="string($line/@n)[matches(., '^[1-9][0-9]{0,5}$') and xs:integer(.) mod 5 eq 0]"/>
  </xsl:function>

  <!-- whether a division has a heading: a head with words or elements in it (EpiDoc's
       template leaves an empty <head/>, which is no heading); tested on the head's own text
       nodes, not its string value (the 1,500 sections of a timeline ask it several times) -->
  <xsl:function name="tk:is-headed" as="xs:boolean">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="exists($div/tei:head[* or text()[normalize-space()]])"/>
  </xsl:function>

  <!-- the lemma of an apparatus entry: its first lem, in a group of readings (rdgGrp) or
       not, else its first reading -->
  <xsl:function name="tk:lemma" as="element()?">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="($app/tei:lem, $app/tei:rdgGrp/tei:lem, $app/tei:rdgGrp/tei:rdgGrp/tei:lem,
                           $app/tei:rdg, $app/tei:rdgGrp/tei:rdg)[1]"/>
  </xsl:function>

  <!-- whether an element follows another with nothing but whitespace between them (a
       role's actor, run on: the source gives no separator of its own) -->
  <xsl:function name="tk:runs-on" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="before" as="node()?" select="$e/preceding-sibling::node()[not(self::comment())][1]"/>
    <xsl:sequence select="exists($e/preceding-sibling::*) and
                          ($before instance of element() or not(normalize-space($before)))"/>
  </xsl:function>

  <!-- the element a pointer ("#id" or "prefix:id") names in the same document -->
  <xsl:function name="tk:local-target" as="element()?">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:variable name="id" as="xs:string?"
                  select="tokenize(normalize-space($pointer), ' ')[1] ! replace(., '^#|^[a-zA-Z]+:', '')"/>
    <xsl:sequence select="if ($id) then key('tk:id', $id, root($context))[1] else ()"/>
  </xsl:function>

  <!-- the web address of a page's image: @facs itself, or the first web graphic of the
       surface (or graphic) it points at; local image files are not part of the output -->
  <xsl:function name="tk:facsimile-url" as="xs:string?">
    <xsl:param name="pb" as="element()"/>
    <xsl:variable name="facs" as="xs:string?" select="tokenize(normalize-space($pb/@facs), ' ')[1]"/>
    <xsl:sequence select="if (matches($facs, '^https?://')) then $facs
                          else (tk:local-target($pb, $facs)/descendant-or-self::tei:graphic/@url
                                [matches(., '^https?://')])[1] ! string(.)"/>
  </xsl:function>

  <!-- who speaks an utterance (u/@who): the name of the person it points at in this
       document, else the identifier itself made readable ("#Abdullah.Doğru" -> "Abdullah Doğru") -->
  <xsl:function name="tk:speaker-name" as="xs:string">
    <xsl:param name="u" as="element()"/>
    <xsl:sequence select="tk:person-name($u, string(tokenize(normalize-space($u/@who), ' ')[1]))"/>
  </xsl:function>

  <!-- the name of the person (or role, or group) a pointer names in this document, else the
       identifier itself made readable -->
  <xsl:function name="tk:person-name" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:variable name="person" as="element()?" select="tk:local-target($context, $pointer)"/>
    <xsl:sequence select="(($person/(tei:persName, tei:name, tei:orgName, self::tei:role))[1] ! normalize-space(.)[. ne ''],
                           replace(replace($pointer, '^#|^[a-zA-Z]+:', ''), '[._]+', ' '))[1]"/>
  </xsl:function>

  <!-- the alignment @rend asks for ("right", "align(right)", "text-align: center"), as a
       class: align-right, align-center, align-left -->
  <xsl:function name="tk:alignment" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="(tokenize(lower-case($e/@rend), '[\s();:]+')[. = ('right', 'center', 'centre', 'left')])[1]
                          ! ('align-' || replace(., 'centre', 'center'))"/>
  </xsl:function>

  <!-- what a header part or a field of a description is called, shown as its label -->
  <xsl:variable name="tk:field-labels" as="map(xs:string, xs:string)" select="map {
      'msDesc': 'Manuscript', 'msIdentifier': 'Identifier', 'msContents': 'Contents',
      'physDesc': 'Physical description', 'history': 'History', 'additional': 'Additional',
      'msPart': 'Part', 'msFrag': 'Fragment', 'correspDesc': 'Correspondence',
      'particDesc': 'Participants', 'settingDesc': 'Setting', 'standOff': 'Annotations',
      'listPerson': 'Persons', 'listPlace': 'Places', 'listOrg': 'Organisations',
      'listEvent': 'Events', 'listBibl': 'Bibliography', 'listRelation': 'Relations',
      'sent': 'Sent', 'received': 'Received', 'transmitted': 'Transmitted',
      'redirected': 'Redirected', 'forwarded': 'Forwarded',
      'birth': 'Born', 'death': 'Died', 'floruit': 'Active', 'occupation': 'Occupation',
      'residence': 'Residence', 'affiliation': 'Affiliation', 'education': 'Education',
      'faith': 'Faith', 'nationality': 'Nationality'}"/>

  <xsl:function name="tk:field-label" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="key" as="xs:string" select="if ($e/self::tei:correspAction) then string($e/@type) else local-name($e)"/>
    <xsl:sequence select="($tk:field-labels($key), $key)[1]"/>
  </xsl:function>

  <!-- ================================================ what a rule's parameters compute -->
  <!-- a list of the header that is shown as a field of its own: the outermost one -->
  <xsl:function name="tk:is-header-list" as="xs:boolean">
    <xsl:param name="list" as="element()"/>
    <xsl:sequence select="exists($list/ancestor::tei:teiHeader)
                          and empty($list/ancestor::*[self::tei:listPerson or self::tei:listPlace
                                    or self::tei:listOrg or self::tei:listEvent or self::tei:listBibl])"/>
  </xsl:function>

  <!-- the class of a framing block (opener, closer, dateline...): its name, and the
       alignment its @rend asks for -->
  <xsl:function name="tk:block-class" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="string-join((local-name($e), tk:alignment($e)), ' ')"/>
  </xsl:function>

  <!-- the class of a phrase: its name and the words of its @rend -->
  <xsl:function name="tk:rend-class" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="string-join((local-name($e), tokenize($e/@rend)[. ne '']), ' ')"/>
  </xsl:function>

  <!-- the name an empty cast item points at (@sameAs, @corresp, on it or inside it), as text -->
  <xsl:function name="tk:cast-name" as="text()">
    <xsl:param name="item" as="element()"/>
    <xsl:variable name="pointer" as="xs:string"
                  select="string(($item/descendant-or-self::*/(@sameAs, @corresp))[1])"/>
    <xsl:value-of select="tk:person-name($item, $pointer)"/>
  </xsl:function>

  <!-- who says an utterance that names no speaker of its own (u/@who): a speaker element
       holding the name, to be shown before what is said -->
  <xsl:function name="tk:said-by" as="element(tei:speaker)*">
    <xsl:param name="u" as="element()"/>
    <xsl:if test="$u/@who and empty($u/tei:speaker)">
      <tei:speaker><xsl:value-of select="tk:speaker-name($u)"/></tei:speaker>
    </xsl:if>
  </xsl:function>

  <!-- the space before a token (w, pc): one after another token, unless either says it
       joins (@join), or it is punctuation that closes (,.;:!?) or follows punctuation that
       opens. Whitespace between two tokens is the source's layout (EarlyPrint and ParlaMint
       put a token on each line), not text: rules-core.xsl leaves it out -->
  <xsl:function name="tk:token-space" as="xs:string">
    <xsl:param name="token" as="element()"/>
    <xsl:variable name="before" as="node()?"
                  select="$token/preceding-sibling::node()[not(self::comment() or self::text()[not(normalize-space())])][1]"/>
    <xsl:variable name="joined" as="xs:boolean" select="
        $token/@join = ('left', 'both') or $before/@join = ('right', 'both')
        or ($token/self::tei:pc and not($token/@join) and matches($token, '^[\p{Pe}\p{Pf}.,;:!?·…%]'))
        or ($before/self::tei:pc and not($before/@join) and matches($before, '[\p{Ps}\p{Pi}]$'))"/>
    <xsl:sequence select="if (($before/self::tei:w or $before/self::tei:pc) and not($joined)) then ' ' else ''"/>
  </xsl:function>

</xsl:stylesheet>
