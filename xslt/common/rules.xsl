<?xml version="1.0" encoding="UTF-8"?>
<!--
  xslt/common/rules.xsl - THE rules: what each TEI element becomes, for every output.

  Where it sits in the pipeline: imported by xslt/html.xsl (through
  common/behaviours-html.xsl) and by xslt/print.xsl (through common/behaviours-print.xsl).
  Each output applies mode tk:text to the parts of a document it shows; each template here
  matches TEI (by name, context and attributes) and calls ONE behaviour, a named template
  in the b: namespace, with parameters. What a behaviour looks like (HTML elements, print
  spans, CSS classes) is decided only by the output's behaviour module:

    b:container    front, back, group: holds sections   b:inline       a phrase (kind, class)
    b:block        a block of its own (class)
    b:section      a division (div, div1...)            b:heading      a head (level; 0: not a section's)
    b:paragraph    p, ab                                b:page-break   pb (number, facsimile link)
    b:line-break   lb                                   b:note         a footnote
    b:remark       an editor's note kept in place       b:link         ref, ptr (target)
    b:citation     a citation of a bibliography entry   b:name         a name, linked to the register
    b:date         a date with its normalised value     b:list         list, listBibl, castList, listPerson...
    b:list-item    an item of a list                    b:gloss-list   a list of label/item pairs
    b:table, b:row, b:cell                              b:figure       figure with its caption
    b:cit          a block quotation with its source    b:block-quote  a quotation holding paragraphs
    b:verse-line   l                                    b:speaker      speaker (and u/@who resolved)
    b:stage        a stage direction (inline or block)  b:alternate    choice: one reading shown
    b:apparatus    app: the lemma, then the readings    b:field        a labelled metadata field
    b:text         a note's text, a word split by lb    omit           an empty template here

  The parameters are documented on each behaviour in behaviours-html.xsl. A rule never
  writes output itself; an edition changes a rule by a template of its own in mode tk:text
  (with an import precedence above this file: see docs/rendering.md), and an output format
  is a new behaviour module implementing every b: template.

  Mode tk:text: an element without a rule falls back to its text (text-only-copy), so
  unknown TEI never stops a render and never loses its words.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    xmlns:b="urn:teikit:behaviour"
    exclude-result-prefixes="#all">

  <xsl:import href="tei-facts.xsl"/>

  <xsl:mode name="tk:text" on-no-match="text-only-copy"/>

  <!-- ============================================================ text and structure -->
  <!-- text is copied as it is (on-no-match); a note's text goes through b:text, which an
       output may need (print trims a footnote's whitespace for the PDF engine) -->
  <xsl:template match="tei:note//text()" mode="tk:text">
    <xsl:call-template name="b:text"/>
  </xsl:template>

  <!-- a word broken over two lines (lb break="no") is one word: the whitespace that lays
       out the source around the break is not text -->
  <xsl:template match="text()[preceding-sibling::node()[1][self::tei:lb[@break = 'no']]
                       or following-sibling::node()[1][self::tei:lb[@break = 'no']]]" mode="tk:text">
    <xsl:variable name="after-break" as="xs:boolean" select="exists(preceding-sibling::node()[1][self::tei:lb[@break = 'no']])"/>
    <xsl:variable name="before-break" as="xs:boolean" select="exists(following-sibling::node()[1][self::tei:lb[@break = 'no']])"/>
    <xsl:call-template name="b:text">
      <xsl:with-param name="text" select="let $t := if ($after-break) then replace(., '^\s+', '') else string(.)
                                          return if ($before-break) then replace($t, '\s+$', '') else $t"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:teiHeader | tei:facsimile | tei:sourceDoc | tei:fw | tei:cb | tei:milestone
                       | tei:gb | tei:interpGrp | tei:witDetail | tei:graphic | tei:media
                       | tei:figDesc | tei:front/tei:div[@type = 'abstract'] | tei:choice/*"
                mode="tk:text"/>

  <xsl:template match="tei:text" mode="tk:text">
    <xsl:apply-templates select="tei:front, tei:body, tei:group, tei:back" mode="#current"/>
  </xsl:template>

  <xsl:template match="tei:body" mode="tk:text">
    <xsl:apply-templates mode="#current"/>
  </xsl:template>

  <xsl:template match="tei:front | tei:back | tei:group | tei:floatingText | tei:group/tei:text" mode="tk:text">
    <xsl:call-template name="b:container"/>
  </xsl:template>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7"
                mode="tk:text">
    <xsl:call-template name="b:section"/>
  </xsl:template>

  <xsl:template match="tei:head[parent::*[matches(local-name(), '^div[1-7]?$')]]" mode="tk:text">
    <xsl:call-template name="b:heading">
      <xsl:with-param name="level" select="count(ancestor::*[matches(local-name(), '^div[1-7]?$')])"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:head" mode="tk:text">
    <xsl:call-template name="b:heading"/>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab" mode="tk:text">
    <xsl:call-template name="b:paragraph"/>
  </xsl:template>

  <xsl:template match="tei:pb" mode="tk:text">
    <xsl:call-template name="b:page-break">
      <xsl:with-param name="facsimile" select="tk:facsimile-url(.)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:lb" mode="tk:text">
    <xsl:call-template name="b:line-break"/>
  </xsl:template>

  <!-- ============================================================ blocks -->
  <xsl:template match="tei:cit" mode="tk:text">
    <xsl:call-template name="b:cit">
      <xsl:with-param name="quote" select="* except (tei:bibl | tei:ref | tei:note)"/>
      <xsl:with-param name="source" select="tei:bibl | tei:ref"/>
      <xsl:with-param name="notes" select="tei:note"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:cit/tei:quote[not(tei:p | tei:lg | tei:l | tei:ab)]" mode="tk:text">
    <xsl:call-template name="b:paragraph"/>
  </xsl:template>

  <xsl:template match="tei:quote[tei:p | tei:lg | tei:l | tei:ab]" mode="tk:text">
    <xsl:call-template name="b:block-quote"/>
  </xsl:template>

  <xsl:template match="tei:quote | tei:q | tei:said" mode="tk:text">
    <xsl:call-template name="b:inline"/>
  </xsl:template>

  <xsl:template match="tei:list[tei:label]" mode="tk:text">
    <xsl:call-template name="b:gloss-list">
      <xsl:with-param name="labels" select="tei:label"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:list" mode="tk:text">
    <xsl:call-template name="b:list">
      <xsl:with-param name="ordered" select="@type = ('numbered', 'ordered') or contains(@rend, 'numbered')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:list/tei:item | tei:listBibl/tei:bibl" mode="tk:text">
    <xsl:call-template name="b:list-item"/>
  </xsl:template>

  <xsl:template match="tei:castItem[not(normalize-space())][.//@sameAs | .//@corresp | @sameAs | @corresp]"
                mode="tk:text" priority="1">
    <xsl:variable name="pointer" as="xs:string" select="string((descendant-or-self::*/(@sameAs, @corresp))[1])"/>
    <xsl:variable name="name" as="text()">
      <xsl:value-of select="tk:person-name(., $pointer)"/>
    </xsl:variable>
    <xsl:call-template name="b:list-item">
      <xsl:with-param name="class" select="local-name()"/>
      <xsl:with-param name="content" select="$name"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:castItem" mode="tk:text">
    <xsl:call-template name="b:list-item">
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- anything else inside a list that is not an item still needs a list item -->
  <xsl:template match="(tei:list | tei:listBibl | tei:castList | tei:castGroup | tei:listPerson | tei:listPlace
                        | tei:listOrg | tei:listEvent | tei:listRelation | tei:listWit | tei:listApp)
                       /*[not(self::tei:head or self::tei:label or self::tei:item or self::tei:castItem
                              or self::tei:castGroup or self::tei:bibl[parent::tei:listBibl])]"
                mode="tk:text" priority="0.6">
    <xsl:call-template name="b:list-item">
      <xsl:with-param name="class" select="local-name()"/>
      <xsl:with-param name="content" select="."/>
      <xsl:with-param name="rule" select="'next'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:listBibl | tei:castList | tei:listPerson | tei:listPlace | tei:listOrg
                       | tei:listEvent | tei:listRelation | tei:listWit | tei:listApp" mode="tk:text">
    <xsl:call-template name="b:list"/>
  </xsl:template>

  <xsl:template match="tei:castGroup" mode="tk:text">
    <xsl:call-template name="b:list-item">
      <xsl:with-param name="class" select="local-name()"/>
      <xsl:with-param name="content" select="tei:head/node()"/>
      <xsl:with-param name="sublist" select="* except tei:head"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:lg" mode="tk:text">
    <xsl:call-template name="b:block"/>
  </xsl:template>

  <xsl:template match="tei:l" mode="tk:text">
    <xsl:call-template name="b:verse-line"/>
  </xsl:template>

  <xsl:template match="tei:table" mode="tk:text">
    <xsl:call-template name="b:table"/>
  </xsl:template>

  <xsl:template match="tei:row" mode="tk:text">
    <xsl:call-template name="b:row"/>
  </xsl:template>

  <xsl:template match="tei:cell" mode="tk:text">
    <xsl:call-template name="b:cell">
      <xsl:with-param name="label" select="@role = 'label' or ../@role = 'label'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:figure" mode="tk:text">
    <xsl:call-template name="b:figure"/>
  </xsl:template>

  <!-- drama -->
  <xsl:template match="tei:sp" mode="tk:text">
    <xsl:call-template name="b:block"/>
  </xsl:template>

  <xsl:template match="tei:speaker" mode="tk:text">
    <xsl:call-template name="b:speaker"/>
  </xsl:template>

  <xsl:template match="tei:stage" mode="tk:text">
    <xsl:call-template name="b:stage">
      <xsl:with-param name="within-phrase" select="exists(parent::*[self::tei:p or self::tei:l or self::tei:ab
                    or self::tei:head or self::tei:speaker or self::tei:hi or self::tei:item])"/>
    </xsl:call-template>
  </xsl:template>

  <!-- letters and other framing blocks -->
  <xsl:template match="tei:opener | tei:closer | tei:postscript | tei:epigraph | tei:argument
                       | tei:trailer | tei:byline | tei:dateline | tei:salute | tei:signed
                       | tei:docTitle | tei:titlePage | tei:titlePart | tei:docAuthor | tei:docImprint
                       | tei:docDate | tei:imprimatur"
                mode="tk:text">
    <xsl:call-template name="b:block">
      <xsl:with-param name="class" select="string-join((local-name(), tk:alignment(.)), ' ')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- speeches: who speaks, resolved to a name, then what is said -->
  <xsl:template match="tei:u" mode="tk:text">
    <xsl:variable name="speaker" as="element(tei:speaker)*">
      <xsl:if test="@who and empty(tei:speaker)">
        <tei:speaker><xsl:value-of select="tk:speaker-name(.)"/></tei:speaker>
      </xsl:if>
    </xsl:variable>
    <xsl:call-template name="b:block">
      <xsl:with-param name="content" select="$speaker, node()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- tokens: a word stands apart from the token before it unless the source has
       whitespace there already, or either says it joins (@join), or it is punctuation
       that closes (,.;:!?) -->
  <xsl:template match="tei:w | tei:pc" mode="tk:text">
    <xsl:variable name="before" as="node()?" select="preceding-sibling::node()[1]"/>
    <xsl:variable name="joined" as="xs:boolean" select="
        @join = ('left', 'both') or $before/@join = ('right', 'both')
        or (self::tei:pc and not(@join) and matches(., '^[\p{Pe}\p{Pf}.,;:!?·…%]'))
        or ($before/self::tei:pc and not($before/@join) and matches($before, '[\p{Ps}\p{Pi}]$'))"/>
    <xsl:call-template name="b:inline">
      <xsl:with-param name="kind" select="'plain'"/>
      <xsl:with-param name="before" select="if ($before/self::tei:w or $before/self::tei:pc) then
                                            (if ($joined) then '' else ' ') else ''"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ============================================================ header parts that are content -->
  <xsl:template match="tei:msDesc | tei:msIdentifier | tei:msContents | tei:physDesc | tei:history
                       | tei:additional | tei:msPart | tei:msFrag | tei:correspDesc | tei:correspAction
                       | tei:particDesc | tei:settingDesc | tei:standOff
                       | (tei:listPerson | tei:listPlace | tei:listOrg | tei:listEvent | tei:listBibl)
                         [ancestor::tei:teiHeader][not(ancestor::tei:listPerson | ancestor::tei:listPlace
                          | ancestor::tei:listOrg | ancestor::tei:listEvent | ancestor::tei:listBibl)]"
                mode="tk:text">
    <xsl:call-template name="b:field">
      <xsl:with-param name="label" select="tk:field-label(.)"/>
      <xsl:with-param name="rule" select="if (starts-with(local-name(), 'list')) then 'next' else ''"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:msItem | tei:msItemStruct | tei:summary | tei:incipit | tei:explicit | tei:colophon
                       | tei:rubric | tei:finalRubric | tei:textLang | tei:objectDesc | tei:supportDesc
                       | tei:support | tei:extent | tei:foliation | tei:collation | tei:condition
                       | tei:layoutDesc | tei:layout | tei:handDesc | tei:handNote | tei:decoDesc | tei:decoNote
                       | tei:additions | tei:bindingDesc | tei:binding | tei:sealDesc | tei:seal
                       | tei:accMat | tei:origin | tei:provenance | tei:acquisition | tei:adminInfo
                       | tei:recordHist | tei:custodialHist | tei:surrogates | tei:altIdentifier
                       | tei:person | tei:place | tei:org | tei:event | tei:setting | tei:relation
                       | tei:listPerson/tei:personGrp | tei:biblStruct/tei:monogr | tei:biblStruct/tei:analytic
                       | tei:sender | tei:addressee | tei:placeSender | tei:placeAddressee | tei:dateSender
                       | tei:dateAddressee"
                mode="tk:text">
    <xsl:call-template name="b:block"/>
  </xsl:template>

  <!-- ============================================================ notes and apparatus -->
  <xsl:template match="tei:note[tk:is-footnote(.)]" mode="tk:text">
    <xsl:call-template name="b:note"/>
  </xsl:template>

  <xsl:template match="tei:note" mode="tk:text">
    <xsl:call-template name="b:remark"/>
  </xsl:template>

  <xsl:template match="tei:app" mode="tk:text">
    <xsl:call-template name="b:apparatus">
      <xsl:with-param name="lemma" select="(tei:lem, tei:rdg)[1]"/>
      <xsl:with-param name="readings" select="(tei:rdg | tei:rdgGrp/tei:rdg | tei:note) except (tei:lem, tei:rdg)[1]"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ============================================================ links, names, dates -->
  <xsl:template match="tei:bibl[starts-with(@corresp, '#')]" mode="tk:text">
    <xsl:call-template name="b:citation">
      <xsl:with-param name="target" select="tk:local-target(., @corresp)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:bibl | tei:biblStruct | tei:citedRange" mode="tk:text">
    <xsl:call-template name="b:inline"/>
  </xsl:template>

  <xsl:template match="tei:ref[@target] | tei:ptr[@target]" mode="tk:text">
    <xsl:call-template name="b:link">
      <xsl:with-param name="target" select="tokenize(normalize-space(@target), ' ')[1]"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:name | tei:rs | tei:geogName"
                mode="tk:text">
    <xsl:call-template name="b:name"/>
  </xsl:template>

  <xsl:template match="tei:date[@when | @from | @to | @notBefore | @notAfter]" mode="tk:text">
    <xsl:call-template name="b:date"/>
  </xsl:template>

  <xsl:template match="tei:measure[@quantity]" mode="tk:text">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="title" select="string-join((@quantity, @unit, @commodity), ' ')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ============================================================ phrase level -->
  <xsl:template match="tei:hi | tei:emph | tei:foreign | tei:title | tei:term | tei:mentioned | tei:soCalled"
                mode="tk:text">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="class" select="string-join((local-name(), tokenize(@rend)[. ne '']), ' ')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:choice" mode="tk:text">
    <xsl:call-template name="b:alternate">
      <xsl:with-param name="shown" select="tk:shown-reading(.)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:gap" mode="tk:text">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="content" select="()"/>
      <xsl:with-param name="before" select="'[…]'"/>
      <xsl:with-param name="title" select="string-join((@reason, @quantity, @unit), ' ')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:supplied" mode="tk:text">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="'['"/>
      <xsl:with-param name="after" select="']'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:del | tei:add" mode="tk:text">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="kind" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:space" mode="tk:text">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="content" select="()"/>
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="kind" select="'plain'"/>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
