<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns:tk="urn:teikit" xmlns:b="urn:teikit:behaviour" version="3.0" exclude-result-prefixes="#all" xpath-default-namespace="http://www.tei-c.org/ns/1.0">
  <!--
  xslt/common/rules.xsl - THE rules: what each TEI element becomes, for every output.

  GENERATED from schemas/teikit-render.odd by teikit.render.pm_xslt: do not edit; change the ODD and run
      python -m teikit.render.pm_xslt
  (tests/test_render_pm.py fails when this file and the ODD differ).

  Where it sits in the pipeline: imported by common/behaviours-html.xsl (xslt/html.xsl) and
  common/behaviours-print.xsl (xslt/print.xsl). Each output applies mode tk:text to the parts
  of a document it shows; each template here matches a TEI element (one model of its
  elementSpec: name, context and attributes) and calls its behaviours, named templates in
  the b: namespace that each behaviour module implements. The text nodes' rules and b:body
  are in common/rules-core.xsl; the functions the predicates call in common/tei-facts.xsl.
  An element without a rule shows its text (the mode's on-no-match="text-only-copy").
  Last, tk:page-breaks($root): the elements some rule renders as a page break (html.xsl
  writes a page without them straight out, with no pass to move page markers).
-->
  <xsl:import href="tei-facts.xsl"/>
  <xsl:import href="rules-core.xsl"/>
  <!-- anyElement -->
  <xsl:template match="*[parent::*[self::list or self::listBibl or self::castList or self::castGroup or self::listPerson or self::listPlace or self::listOrg or self::listEvent or self::listRelation or self::listWit or self::listApp or self::interpGrp] and not(self::head or self::label or self::item or self::castItem or self::castGroup or self::bibl[parent::listBibl])]" mode="tk:text" priority="5">
    <xsl:call-template name="b:list-item">
      <xsl:with-param name="class" select="local-name()"/>
      <xsl:with-param name="content" select="."/>
      <xsl:with-param name="rule" select="'next'"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="*[parent::choice]" mode="tk:text" priority="4"/>
  <!-- teiHeader -->
  <xsl:template match="teiHeader" mode="tk:text" priority="1"/>
  <!-- text -->
  <xsl:template match="text[parent::group]" mode="tk:text" priority="2">
    <xsl:call-template name="b:container"/>
  </xsl:template>
  <xsl:template match="text" mode="tk:text" priority="1">
    <xsl:call-template name="b:body">
      <xsl:with-param name="content" select="front, body, group, back"/>
    </xsl:call-template>
  </xsl:template>
  <!-- body -->
  <xsl:template match="body" mode="tk:text" priority="1">
    <xsl:call-template name="b:body"/>
  </xsl:template>
  <!-- front -->
  <xsl:template match="front" mode="tk:text" priority="1">
    <xsl:call-template name="b:container"/>
  </xsl:template>
  <!-- back -->
  <xsl:template match="back" mode="tk:text" priority="1">
    <xsl:call-template name="b:container"/>
  </xsl:template>
  <!-- div -->
  <xsl:template match="div[parent::front and @type = 'abstract']" mode="tk:text" priority="2"/>
  <xsl:template match="div" mode="tk:text" priority="1">
    <xsl:call-template name="b:section"/>
  </xsl:template>
  <!-- head -->
  <xsl:template match="head[not(* or text()[normalize-space()])]" mode="tk:text" priority="3"/>
  <xsl:template match="head[parent::*[local-name() = ('div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7')]]" mode="tk:text" priority="2">
    <xsl:call-template name="b:heading">
      <xsl:with-param name="level" select="count(ancestor::*[local-name() = ('div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7')])"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="head" mode="tk:text" priority="1">
    <xsl:call-template name="b:heading"/>
  </xsl:template>
  <!-- p -->
  <xsl:template match="p" mode="tk:text" priority="1">
    <xsl:call-template name="b:paragraph"/>
  </xsl:template>
  <!-- pb -->
  <xsl:template match="pb" mode="tk:text" priority="1">
    <xsl:call-template name="b:page-break">
      <xsl:with-param name="facsimile" select="tk:facsimile-url(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- lb -->
  <xsl:template match="lb" mode="tk:text" priority="1">
    <xsl:call-template name="b:line-break">
      <xsl:with-param name="number" select="tk:line-number(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- cit -->
  <xsl:template match="cit" mode="tk:text" priority="1">
    <xsl:call-template name="b:cit">
      <xsl:with-param name="quote" select="* except (bibl | ref | note)"/>
      <xsl:with-param name="source" select="bibl | ref"/>
      <xsl:with-param name="notes" select="note"/>
    </xsl:call-template>
  </xsl:template>
  <!-- quote -->
  <xsl:template match="quote[parent::cit and not(p | lg | l | ab)]" mode="tk:text" priority="3">
    <xsl:call-template name="b:paragraph"/>
  </xsl:template>
  <xsl:template match="quote[p | lg | l | ab]" mode="tk:text" priority="2">
    <xsl:call-template name="b:block-quote"/>
  </xsl:template>
  <xsl:template match="quote" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline"/>
  </xsl:template>
  <!-- list -->
  <xsl:template match="list[label]" mode="tk:text" priority="2">
    <xsl:call-template name="b:gloss-list">
      <xsl:with-param name="labels" select="headLabel | label"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="list" mode="tk:text" priority="1">
    <xsl:call-template name="b:list">
      <xsl:with-param name="ordered" select="@type = ('numbered', 'ordered') or contains(@rend, 'numbered')"/>
    </xsl:call-template>
  </xsl:template>
  <!-- item -->
  <xsl:template match="item[parent::list]" mode="tk:text" priority="1">
    <xsl:call-template name="b:list-item"/>
  </xsl:template>
  <!-- standOff -->
  <xsl:template match="standOff" mode="tk:text" priority="1">
    <xsl:call-template name="b:field">
      <xsl:with-param name="label" select="tk:field-label(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- listPerson -->
  <xsl:template match="listPerson[tk:is-header-list(.)]" mode="tk:text" priority="2">
    <xsl:call-template name="b:field">
      <xsl:with-param name="label" select="tk:field-label(.)"/>
      <xsl:with-param name="rule" select="'next'"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="listPerson" mode="tk:text" priority="1">
    <xsl:call-template name="b:list"/>
  </xsl:template>
  <!-- listPlace -->
  <xsl:template match="listPlace[tk:is-header-list(.)]" mode="tk:text" priority="2">
    <xsl:call-template name="b:field">
      <xsl:with-param name="label" select="tk:field-label(.)"/>
      <xsl:with-param name="rule" select="'next'"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="listPlace" mode="tk:text" priority="1">
    <xsl:call-template name="b:list"/>
  </xsl:template>
  <!-- listOrg -->
  <xsl:template match="listOrg[tk:is-header-list(.)]" mode="tk:text" priority="2">
    <xsl:call-template name="b:field">
      <xsl:with-param name="label" select="tk:field-label(.)"/>
      <xsl:with-param name="rule" select="'next'"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="listOrg" mode="tk:text" priority="1">
    <xsl:call-template name="b:list"/>
  </xsl:template>
  <!-- listEvent -->
  <xsl:template match="listEvent[tk:is-header-list(.)]" mode="tk:text" priority="2">
    <xsl:call-template name="b:field">
      <xsl:with-param name="label" select="tk:field-label(.)"/>
      <xsl:with-param name="rule" select="'next'"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="listEvent" mode="tk:text" priority="1">
    <xsl:call-template name="b:list"/>
  </xsl:template>
  <!-- listBibl -->
  <xsl:template match="listBibl[tk:is-header-list(.)]" mode="tk:text" priority="2">
    <xsl:call-template name="b:field">
      <xsl:with-param name="label" select="tk:field-label(.)"/>
      <xsl:with-param name="rule" select="'next'"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="listBibl" mode="tk:text" priority="1">
    <xsl:call-template name="b:list"/>
  </xsl:template>
  <!-- person -->
  <xsl:template match="person" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- place -->
  <xsl:template match="place" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- org -->
  <xsl:template match="org" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- event -->
  <xsl:template match="event" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- monogr -->
  <xsl:template match="monogr[parent::biblStruct]" mode="tk:text" priority="1">
    <xsl:call-template name="b:block">
      <xsl:with-param name="content" select="tk:bibl-parts(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- analytic -->
  <xsl:template match="analytic[parent::biblStruct]" mode="tk:text" priority="1">
    <xsl:call-template name="b:block">
      <xsl:with-param name="content" select="tk:bibl-parts(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- imprint -->
  <xsl:template match="imprint" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="content" select="tk:bibl-parts(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- series -->
  <xsl:template match="series" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="content" select="tk:bibl-parts(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- note -->
  <xsl:template match="note[not(normalize-space()) and not(.//ptr or .//graphic or .//media or .//gap or .//date[@when | @from | @to | @notBefore | @notAfter])]" mode="tk:text" priority="3"/>
  <xsl:template match="note[tk:is-footnote(.)]" mode="tk:text" priority="2">
    <xsl:call-template name="b:note"/>
  </xsl:template>
  <xsl:template match="note" mode="tk:text" priority="1">
    <xsl:call-template name="b:remark"/>
  </xsl:template>
  <!-- bibl -->
  <xsl:template match="bibl[starts-with(@corresp, '#')]" mode="tk:text" priority="3">
    <xsl:call-template name="b:citation">
      <xsl:with-param name="target" select="tk:local-target(., @corresp)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="bibl[parent::listBibl]" mode="tk:text" priority="2">
    <xsl:call-template name="b:list-item">
      <xsl:with-param name="content" select="tk:bibl-parts(.)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="bibl" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="content" select="tk:bibl-parts(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- biblStruct -->
  <xsl:template match="biblStruct" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="content" select="tk:bibl-parts(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- citedRange -->
  <xsl:template match="citedRange" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline"/>
  </xsl:template>
  <!-- ref -->
  <xsl:template match="ref[@target]" mode="tk:text" priority="1">
    <xsl:call-template name="b:link">
      <xsl:with-param name="target" select="tokenize(normalize-space(@target), ' ')[1]"/>
    </xsl:call-template>
  </xsl:template>
  <!-- ptr -->
  <xsl:template match="ptr[@target]" mode="tk:text" priority="1">
    <xsl:call-template name="b:link">
      <xsl:with-param name="target" select="tokenize(normalize-space(@target), ' ')[1]"/>
    </xsl:call-template>
  </xsl:template>
  <!-- persName -->
  <xsl:template match="persName" mode="tk:text" priority="1">
    <xsl:call-template name="b:name"/>
  </xsl:template>
  <!-- placeName -->
  <xsl:template match="placeName" mode="tk:text" priority="1">
    <xsl:call-template name="b:name"/>
  </xsl:template>
  <!-- orgName -->
  <xsl:template match="orgName" mode="tk:text" priority="1">
    <xsl:call-template name="b:name"/>
  </xsl:template>
  <!-- name -->
  <xsl:template match="name" mode="tk:text" priority="1">
    <xsl:call-template name="b:name"/>
  </xsl:template>
  <!-- date -->
  <xsl:template match="date[not(normalize-space()) and (@when | @from | @to | @notBefore | @notAfter)]" mode="tk:text" priority="2">
    <xsl:call-template name="b:date">
      <xsl:with-param name="content" select="tk:date-text(.)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="date[@when | @from | @to | @notBefore | @notAfter]" mode="tk:text" priority="1">
    <xsl:call-template name="b:date"/>
  </xsl:template>
  <!-- measure -->
  <xsl:template match="measure[@quantity]" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="title" select="string-join((@quantity, @unit, @commodity), ' ')"/>
    </xsl:call-template>
  </xsl:template>
  <!-- hi -->
  <xsl:template match="hi" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="class" select="tk:rend-class(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- emph -->
  <xsl:template match="emph" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="class" select="tk:rend-class(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- foreign -->
  <xsl:template match="foreign" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="class" select="tk:rend-class(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- title -->
  <xsl:template match="title" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="class" select="tk:rend-class(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- term -->
  <xsl:template match="term" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="class" select="tk:rend-class(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- facsimile -->
  <xsl:template match="facsimile" mode="tk:text" priority="1"/>
  <!-- sourceDoc -->
  <xsl:template match="sourceDoc[empty(../text)]" mode="tk:text" priority="2">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <xsl:template match="sourceDoc" mode="tk:text" priority="1"/>
  <!-- surfaceGrp -->
  <xsl:template match="surfaceGrp" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- surface -->
  <xsl:template match="surface" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- zone -->
  <xsl:template match="zone" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- line -->
  <xsl:template match="line" mode="tk:text" priority="1">
    <xsl:call-template name="b:verse-line"/>
  </xsl:template>
  <!-- fw -->
  <xsl:template match="fw[ancestor::p or ancestor::ab or ancestor::l or ancestor::head]" mode="tk:text" priority="2">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="fw" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- cb -->
  <xsl:template match="cb" mode="tk:text" priority="1"/>
  <!-- milestone -->
  <xsl:template match="milestone" mode="tk:text" priority="1"/>
  <!-- gb -->
  <xsl:template match="gb" mode="tk:text" priority="1"/>
  <!-- interpGrp -->
  <xsl:template match="interpGrp" mode="tk:text" priority="1">
    <xsl:call-template name="b:list"/>
  </xsl:template>
  <!-- witDetail -->
  <xsl:template match="witDetail" mode="tk:text" priority="1"/>
  <!-- graphic -->
  <xsl:template match="graphic[desc[normalize-space()]]" mode="tk:text" priority="2">
    <xsl:call-template name="b:link">
      <xsl:with-param name="target" select="@url"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="graphic" mode="tk:text" priority="1"/>
  <!-- media -->
  <xsl:template match="media[desc[normalize-space()]]" mode="tk:text" priority="2">
    <xsl:call-template name="b:link">
      <xsl:with-param name="target" select="@url"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="media" mode="tk:text" priority="1"/>
  <!-- figDesc -->
  <xsl:template match="figDesc" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- group -->
  <xsl:template match="group" mode="tk:text" priority="1">
    <xsl:call-template name="b:container"/>
  </xsl:template>
  <!-- floatingText -->
  <xsl:template match="floatingText" mode="tk:text" priority="1">
    <xsl:call-template name="b:container"/>
  </xsl:template>
  <!-- div1 -->
  <xsl:template match="div1" mode="tk:text" priority="1">
    <xsl:call-template name="b:section"/>
  </xsl:template>
  <!-- div2 -->
  <xsl:template match="div2" mode="tk:text" priority="1">
    <xsl:call-template name="b:section"/>
  </xsl:template>
  <!-- div3 -->
  <xsl:template match="div3" mode="tk:text" priority="1">
    <xsl:call-template name="b:section"/>
  </xsl:template>
  <!-- div4 -->
  <xsl:template match="div4" mode="tk:text" priority="1">
    <xsl:call-template name="b:section"/>
  </xsl:template>
  <!-- div5 -->
  <xsl:template match="div5" mode="tk:text" priority="1">
    <xsl:call-template name="b:section"/>
  </xsl:template>
  <!-- div6 -->
  <xsl:template match="div6" mode="tk:text" priority="1">
    <xsl:call-template name="b:section"/>
  </xsl:template>
  <!-- div7 -->
  <xsl:template match="div7" mode="tk:text" priority="1">
    <xsl:call-template name="b:section"/>
  </xsl:template>
  <!-- ab -->
  <xsl:template match="ab" mode="tk:text" priority="1">
    <xsl:call-template name="b:paragraph"/>
  </xsl:template>
  <!-- q -->
  <xsl:template match="q" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline"/>
  </xsl:template>
  <!-- said -->
  <xsl:template match="said" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline"/>
  </xsl:template>
  <!-- castItem -->
  <xsl:template match="castItem[not(normalize-space()) and (.//@sameAs | .//@corresp | @sameAs | @corresp)]" mode="tk:text" priority="2">
    <xsl:call-template name="b:list-item">
      <xsl:with-param name="class" select="local-name()"/>
      <xsl:with-param name="content" select="tk:cast-name(.)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="castItem" mode="tk:text" priority="1">
    <xsl:call-template name="b:list-item">
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>
  <!-- castGroup -->
  <xsl:template match="castGroup" mode="tk:text" priority="1">
    <xsl:call-template name="b:list-item">
      <xsl:with-param name="class" select="local-name()"/>
      <xsl:with-param name="content" select="head/node()"/>
      <xsl:with-param name="sublist" select="* except head"/>
    </xsl:call-template>
  </xsl:template>
  <!-- castList -->
  <xsl:template match="castList" mode="tk:text" priority="1">
    <xsl:call-template name="b:list"/>
  </xsl:template>
  <!-- roleDesc -->
  <xsl:template match="roleDesc[parent::castItem and preceding-sibling::node()[1][self::*]]" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="', '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- actor -->
  <xsl:template match="actor[parent::castItem and tk:runs-on(.)]" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' – '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- listRelation -->
  <xsl:template match="listRelation" mode="tk:text" priority="1">
    <xsl:call-template name="b:list"/>
  </xsl:template>
  <!-- listWit -->
  <xsl:template match="listWit" mode="tk:text" priority="1">
    <xsl:call-template name="b:list"/>
  </xsl:template>
  <!-- listApp -->
  <xsl:template match="listApp" mode="tk:text" priority="1">
    <xsl:call-template name="b:list"/>
  </xsl:template>
  <!-- lg -->
  <xsl:template match="lg" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- caesura -->
  <xsl:template match="caesura" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="content" select="()"/>
      <xsl:with-param name="before" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- l -->
  <xsl:template match="l" mode="tk:text" priority="1">
    <xsl:call-template name="b:verse-line">
      <xsl:with-param name="number" select="tk:line-number(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- table -->
  <xsl:template match="table" mode="tk:text" priority="1">
    <xsl:call-template name="b:table"/>
  </xsl:template>
  <!-- row -->
  <xsl:template match="row" mode="tk:text" priority="1">
    <xsl:call-template name="b:row"/>
  </xsl:template>
  <!-- cell -->
  <xsl:template match="cell" mode="tk:text" priority="1">
    <xsl:call-template name="b:cell">
      <xsl:with-param name="label" select="@role = 'label' or ../@role = 'label'"/>
    </xsl:call-template>
  </xsl:template>
  <!-- figure -->
  <xsl:template match="figure" mode="tk:text" priority="1">
    <xsl:call-template name="b:figure"/>
  </xsl:template>
  <!-- sp -->
  <xsl:template match="sp" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- speaker -->
  <xsl:template match="speaker" mode="tk:text" priority="1">
    <xsl:call-template name="b:speaker"/>
  </xsl:template>
  <!-- stage -->
  <xsl:template match="stage" mode="tk:text" priority="1">
    <xsl:call-template name="b:stage">
      <xsl:with-param name="within-phrase" select="exists(parent::*[self::p or self::l or self::ab or self::head or self::speaker or self::hi or self::item])"/>
    </xsl:call-template>
  </xsl:template>
  <!-- opener -->
  <xsl:template match="opener" mode="tk:text" priority="1">
    <xsl:call-template name="b:block">
      <xsl:with-param name="class" select="tk:block-class(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- closer -->
  <xsl:template match="closer" mode="tk:text" priority="1">
    <xsl:call-template name="b:block">
      <xsl:with-param name="class" select="tk:block-class(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- postscript -->
  <xsl:template match="postscript" mode="tk:text" priority="1">
    <xsl:call-template name="b:block">
      <xsl:with-param name="class" select="tk:block-class(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- epigraph -->
  <xsl:template match="epigraph" mode="tk:text" priority="1">
    <xsl:call-template name="b:block">
      <xsl:with-param name="class" select="tk:block-class(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- argument -->
  <xsl:template match="argument" mode="tk:text" priority="1">
    <xsl:call-template name="b:block">
      <xsl:with-param name="class" select="tk:block-class(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- trailer -->
  <xsl:template match="trailer" mode="tk:text" priority="1">
    <xsl:call-template name="b:block">
      <xsl:with-param name="class" select="tk:block-class(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- byline -->
  <xsl:template match="byline" mode="tk:text" priority="1">
    <xsl:call-template name="b:block">
      <xsl:with-param name="class" select="tk:block-class(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- dateline -->
  <xsl:template match="dateline" mode="tk:text" priority="1">
    <xsl:call-template name="b:block">
      <xsl:with-param name="class" select="tk:block-class(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- salute -->
  <xsl:template match="salute" mode="tk:text" priority="1">
    <xsl:call-template name="b:block">
      <xsl:with-param name="class" select="tk:block-class(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- signed -->
  <xsl:template match="signed" mode="tk:text" priority="1">
    <xsl:call-template name="b:block">
      <xsl:with-param name="class" select="tk:block-class(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- docTitle -->
  <xsl:template match="docTitle" mode="tk:text" priority="1">
    <xsl:call-template name="b:block">
      <xsl:with-param name="class" select="tk:block-class(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- titlePage -->
  <xsl:template match="titlePage" mode="tk:text" priority="1">
    <xsl:call-template name="b:block">
      <xsl:with-param name="class" select="tk:block-class(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- titlePart -->
  <xsl:template match="titlePart" mode="tk:text" priority="1">
    <xsl:call-template name="b:block">
      <xsl:with-param name="class" select="tk:block-class(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- docAuthor -->
  <xsl:template match="docAuthor" mode="tk:text" priority="1">
    <xsl:call-template name="b:block">
      <xsl:with-param name="class" select="tk:block-class(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- docImprint -->
  <xsl:template match="docImprint" mode="tk:text" priority="1">
    <xsl:call-template name="b:block">
      <xsl:with-param name="class" select="tk:block-class(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- docDate -->
  <xsl:template match="docDate" mode="tk:text" priority="1">
    <xsl:call-template name="b:block">
      <xsl:with-param name="class" select="tk:block-class(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- imprimatur -->
  <xsl:template match="imprimatur" mode="tk:text" priority="1">
    <xsl:call-template name="b:block">
      <xsl:with-param name="class" select="tk:block-class(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- u -->
  <xsl:template match="u" mode="tk:text" priority="1">
    <xsl:call-template name="b:block">
      <xsl:with-param name="content" select="tk:said-by(.), node()"/>
    </xsl:call-template>
  </xsl:template>
  <!-- w -->
  <xsl:template match="w" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="kind" select="'plain'"/>
      <xsl:with-param name="before" select="tk:token-space(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- pc -->
  <xsl:template match="pc" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="kind" select="'plain'"/>
      <xsl:with-param name="before" select="tk:token-space(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- vocal -->
  <xsl:template match="vocal" mode="tk:text" priority="1">
    <xsl:call-template name="b:stage">
      <xsl:with-param name="within-phrase" select="true()"/>
    </xsl:call-template>
  </xsl:template>
  <!-- kinesic -->
  <xsl:template match="kinesic" mode="tk:text" priority="1">
    <xsl:call-template name="b:stage">
      <xsl:with-param name="within-phrase" select="true()"/>
    </xsl:call-template>
  </xsl:template>
  <!-- incident -->
  <xsl:template match="incident" mode="tk:text" priority="1">
    <xsl:call-template name="b:stage">
      <xsl:with-param name="within-phrase" select="true()"/>
    </xsl:call-template>
  </xsl:template>
  <!-- writing -->
  <xsl:template match="writing" mode="tk:text" priority="1">
    <xsl:call-template name="b:stage">
      <xsl:with-param name="within-phrase" select="true()"/>
    </xsl:call-template>
  </xsl:template>
  <!-- desc -->
  <xsl:template match="desc[parent::*[self::vocal or self::kinesic or self::incident or self::writing or self::event or self::gap]]" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- superEntry -->
  <xsl:template match="superEntry" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- entry -->
  <xsl:template match="entry" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- entryFree -->
  <xsl:template match="entryFree" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- hom -->
  <xsl:template match="hom" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- sense -->
  <xsl:template match="sense" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- re -->
  <xsl:template match="re" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- dictScrap -->
  <xsl:template match="dictScrap" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- form -->
  <xsl:template match="form" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- orth -->
  <xsl:template match="orth" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- pron -->
  <xsl:template match="pron" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- hyph -->
  <xsl:template match="hyph" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- gramGrp -->
  <xsl:template match="gramGrp" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- gram -->
  <xsl:template match="gram" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- pos -->
  <xsl:template match="pos" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- gen -->
  <xsl:template match="gen" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- number -->
  <xsl:template match="number" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- case -->
  <xsl:template match="case" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- per -->
  <xsl:template match="per" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- tns -->
  <xsl:template match="tns" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- mood -->
  <xsl:template match="mood" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- iType -->
  <xsl:template match="iType" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- subc -->
  <xsl:template match="subc" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- colloc -->
  <xsl:template match="colloc" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- def -->
  <xsl:template match="def" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- usg -->
  <xsl:template match="usg" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- lbl -->
  <xsl:template match="lbl" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- etym -->
  <xsl:template match="etym" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- xr -->
  <xsl:template match="xr" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- oRef -->
  <xsl:template match="oRef" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- pRef -->
  <xsl:template match="pRef" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- oVar -->
  <xsl:template match="oVar" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- pVar -->
  <xsl:template match="pVar" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- msDesc -->
  <xsl:template match="msDesc" mode="tk:text" priority="1">
    <xsl:call-template name="b:field">
      <xsl:with-param name="label" select="tk:field-label(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- msIdentifier -->
  <xsl:template match="msIdentifier" mode="tk:text" priority="1">
    <xsl:call-template name="b:field">
      <xsl:with-param name="label" select="tk:field-label(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- msContents -->
  <xsl:template match="msContents" mode="tk:text" priority="1">
    <xsl:call-template name="b:field">
      <xsl:with-param name="label" select="tk:field-label(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- physDesc -->
  <xsl:template match="physDesc" mode="tk:text" priority="1">
    <xsl:call-template name="b:field">
      <xsl:with-param name="label" select="tk:field-label(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- history -->
  <xsl:template match="history" mode="tk:text" priority="1">
    <xsl:call-template name="b:field">
      <xsl:with-param name="label" select="tk:field-label(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- additional -->
  <xsl:template match="additional" mode="tk:text" priority="1">
    <xsl:call-template name="b:field">
      <xsl:with-param name="label" select="tk:field-label(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- msPart -->
  <xsl:template match="msPart" mode="tk:text" priority="1">
    <xsl:call-template name="b:field">
      <xsl:with-param name="label" select="tk:field-label(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- msFrag -->
  <xsl:template match="msFrag" mode="tk:text" priority="1">
    <xsl:call-template name="b:field">
      <xsl:with-param name="label" select="tk:field-label(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- correspDesc -->
  <xsl:template match="correspDesc" mode="tk:text" priority="1">
    <xsl:call-template name="b:field">
      <xsl:with-param name="label" select="tk:field-label(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- correspAction -->
  <xsl:template match="correspAction" mode="tk:text" priority="1">
    <xsl:call-template name="b:field">
      <xsl:with-param name="label" select="tk:field-label(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- particDesc -->
  <xsl:template match="particDesc" mode="tk:text" priority="1">
    <xsl:call-template name="b:field">
      <xsl:with-param name="label" select="tk:field-label(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- settingDesc -->
  <xsl:template match="settingDesc" mode="tk:text" priority="1">
    <xsl:call-template name="b:field">
      <xsl:with-param name="label" select="tk:field-label(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- country -->
  <xsl:template match="country[parent::msIdentifier or parent::altIdentifier]" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- region -->
  <xsl:template match="region[parent::msIdentifier or parent::altIdentifier]" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- settlement -->
  <xsl:template match="settlement[parent::msIdentifier or parent::altIdentifier]" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- institution -->
  <xsl:template match="institution[parent::msIdentifier or parent::altIdentifier]" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- repository -->
  <xsl:template match="repository[parent::msIdentifier or parent::altIdentifier]" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- collection -->
  <xsl:template match="collection[parent::msIdentifier or parent::altIdentifier]" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- msName -->
  <xsl:template match="msName[parent::msIdentifier or parent::altIdentifier]" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- idno -->
  <xsl:template match="idno[parent::msIdentifier or parent::altIdentifier]" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="after" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- msItem -->
  <xsl:template match="msItem" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- msItemStruct -->
  <xsl:template match="msItemStruct" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- summary -->
  <xsl:template match="summary" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- incipit -->
  <xsl:template match="incipit" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- explicit -->
  <xsl:template match="explicit" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- colophon -->
  <xsl:template match="colophon" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- rubric -->
  <xsl:template match="rubric" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- finalRubric -->
  <xsl:template match="finalRubric" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- textLang -->
  <xsl:template match="textLang" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- objectDesc -->
  <xsl:template match="objectDesc" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- supportDesc -->
  <xsl:template match="supportDesc" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- support -->
  <xsl:template match="support" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- extent -->
  <xsl:template match="extent" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- dimensions -->
  <xsl:template match="dimensions[not(normalize-space())]" mode="tk:text" priority="2"/>
  <xsl:template match="dimensions" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="after" select="string-join((' ' || (@unit, *[normalize-space()][last()]/@unit)[1]) [exists(current()/(@unit, *[normalize-space()][last()]/@unit))], '') || string-join((' (' || @type || ')')[exists(current()/@type)], '') || (if (following-sibling::node()[1][self::dimensions[normalize-space()]]) then '; ' else if (following-sibling::*[1][self::dimensions[normalize-space()]]) then ';' else '')"/>
    </xsl:call-template>
  </xsl:template>
  <!-- width -->
  <xsl:template match="width[parent::dimensions and normalize-space() and preceding-sibling::*[normalize-space()]]" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' × '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- depth -->
  <xsl:template match="depth[parent::dimensions and normalize-space() and preceding-sibling::*[normalize-space()]]" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' × '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- foliation -->
  <xsl:template match="foliation" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- collation -->
  <xsl:template match="collation" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- condition -->
  <xsl:template match="condition" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- layoutDesc -->
  <xsl:template match="layoutDesc" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- layout -->
  <xsl:template match="layout" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- handDesc -->
  <xsl:template match="handDesc" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- handNote -->
  <xsl:template match="handNote" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- decoDesc -->
  <xsl:template match="decoDesc" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- decoNote -->
  <xsl:template match="decoNote" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- additions -->
  <xsl:template match="additions" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- bindingDesc -->
  <xsl:template match="bindingDesc" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- binding -->
  <xsl:template match="binding" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- sealDesc -->
  <xsl:template match="sealDesc" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- seal -->
  <xsl:template match="seal" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- accMat -->
  <xsl:template match="accMat" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- origin -->
  <xsl:template match="origin" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- provenance -->
  <xsl:template match="provenance" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- acquisition -->
  <xsl:template match="acquisition" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- adminInfo -->
  <xsl:template match="adminInfo" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- recordHist -->
  <xsl:template match="recordHist" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- custodialHist -->
  <xsl:template match="custodialHist" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- surrogates -->
  <xsl:template match="surrogates" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- altIdentifier -->
  <xsl:template match="altIdentifier" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- setting -->
  <xsl:template match="setting" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- index -->
  <xsl:template match="index[preceding-sibling::node()[1][self::index]]" mode="tk:text" priority="2">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="index" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline"/>
  </xsl:template>
  <!-- forename -->
  <xsl:template match="forename[preceding-sibling::node()[1][self::forename or self::surname or self::addName or self::roleName or self::genName or self::nameLink]]" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- surname -->
  <xsl:template match="surname[preceding-sibling::node()[1][self::forename or self::surname or self::addName or self::roleName or self::genName or self::nameLink]]" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- addName -->
  <xsl:template match="addName[preceding-sibling::node()[1][self::forename or self::surname or self::addName or self::roleName or self::genName or self::nameLink]]" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- roleName -->
  <xsl:template match="roleName[preceding-sibling::node()[1][self::forename or self::surname or self::addName or self::roleName or self::genName or self::nameLink]]" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- genName -->
  <xsl:template match="genName[preceding-sibling::node()[1][self::forename or self::surname or self::addName or self::roleName or self::genName or self::nameLink]]" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- nameLink -->
  <xsl:template match="nameLink[preceding-sibling::node()[1][self::forename or self::surname or self::addName or self::roleName or self::genName or self::nameLink]]" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="' '"/>
    </xsl:call-template>
  </xsl:template>
  <!-- birth -->
  <xsl:template match="birth[(parent::person or parent::personGrp) and normalize-space()]" mode="tk:text" priority="1">
    <xsl:call-template name="b:field">
      <xsl:with-param name="label" select="tk:field-label(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- death -->
  <xsl:template match="death[(parent::person or parent::personGrp) and normalize-space()]" mode="tk:text" priority="1">
    <xsl:call-template name="b:field">
      <xsl:with-param name="label" select="tk:field-label(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- floruit -->
  <xsl:template match="floruit[(parent::person or parent::personGrp) and normalize-space()]" mode="tk:text" priority="1">
    <xsl:call-template name="b:field">
      <xsl:with-param name="label" select="tk:field-label(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- occupation -->
  <xsl:template match="occupation[(parent::person or parent::personGrp) and normalize-space()]" mode="tk:text" priority="1">
    <xsl:call-template name="b:field">
      <xsl:with-param name="label" select="tk:field-label(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- residence -->
  <xsl:template match="residence[(parent::person or parent::personGrp) and normalize-space()]" mode="tk:text" priority="1">
    <xsl:call-template name="b:field">
      <xsl:with-param name="label" select="tk:field-label(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- affiliation -->
  <xsl:template match="affiliation[(parent::person or parent::personGrp) and normalize-space()]" mode="tk:text" priority="1">
    <xsl:call-template name="b:field">
      <xsl:with-param name="label" select="tk:field-label(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- education -->
  <xsl:template match="education[(parent::person or parent::personGrp) and normalize-space()]" mode="tk:text" priority="1">
    <xsl:call-template name="b:field">
      <xsl:with-param name="label" select="tk:field-label(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- faith -->
  <xsl:template match="faith[(parent::person or parent::personGrp) and normalize-space()]" mode="tk:text" priority="1">
    <xsl:call-template name="b:field">
      <xsl:with-param name="label" select="tk:field-label(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- nationality -->
  <xsl:template match="nationality[(parent::person or parent::personGrp) and normalize-space()]" mode="tk:text" priority="1">
    <xsl:call-template name="b:field">
      <xsl:with-param name="label" select="tk:field-label(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- relation -->
  <xsl:template match="relation" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- personGrp -->
  <xsl:template match="personGrp[parent::listPerson]" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- sender -->
  <xsl:template match="sender" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- addressee -->
  <xsl:template match="addressee" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- placeSender -->
  <xsl:template match="placeSender" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- placeAddressee -->
  <xsl:template match="placeAddressee" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- dateSender -->
  <xsl:template match="dateSender" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- dateAddressee -->
  <xsl:template match="dateAddressee" mode="tk:text" priority="1">
    <xsl:call-template name="b:block"/>
  </xsl:template>
  <!-- app -->
  <xsl:template match="app" mode="tk:text" priority="1">
    <xsl:call-template name="b:apparatus">
      <xsl:with-param name="lemma" select="tk:lemma(.)"/>
      <xsl:with-param name="readings" select="(rdg | rdgGrp/(lem | rdg) | rdgGrp/rdgGrp/(lem | rdg) | note | witDetail) except tk:lemma(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- rs -->
  <xsl:template match="rs" mode="tk:text" priority="1">
    <xsl:call-template name="b:name"/>
  </xsl:template>
  <!-- ruby -->
  <xsl:template match="ruby" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline"/>
  </xsl:template>
  <!-- rb -->
  <xsl:template match="rb" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline"/>
  </xsl:template>
  <!-- rt -->
  <xsl:template match="rt" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline"/>
  </xsl:template>
  <!-- geogName -->
  <xsl:template match="geogName" mode="tk:text" priority="1">
    <xsl:call-template name="b:name"/>
  </xsl:template>
  <!-- mentioned -->
  <xsl:template match="mentioned" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="class" select="tk:rend-class(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- soCalled -->
  <xsl:template match="soCalled" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="class" select="tk:rend-class(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- choice -->
  <xsl:template match="choice" mode="tk:text" priority="1">
    <xsl:call-template name="b:alternate">
      <xsl:with-param name="shown" select="tk:shown-reading(.)"/>
    </xsl:call-template>
  </xsl:template>
  <!-- gap -->
  <xsl:template match="gap[desc[normalize-space()]]" mode="tk:text" priority="2">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="content" select="desc"/>
      <xsl:with-param name="before" select="'[…'"/>
      <xsl:with-param name="after" select="']'"/>
      <xsl:with-param name="title" select="string-join((@reason, @quantity, @unit), ' ')"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="gap" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="content" select="()"/>
      <xsl:with-param name="before" select="'[…]'"/>
      <xsl:with-param name="title" select="string-join((@reason, @quantity, @unit), ' ')"/>
    </xsl:call-template>
  </xsl:template>
  <!-- supplied -->
  <xsl:template match="supplied" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="before" select="'['"/>
      <xsl:with-param name="after" select="']'"/>
    </xsl:call-template>
  </xsl:template>
  <!-- del -->
  <xsl:template match="del" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="kind" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>
  <!-- add -->
  <xsl:template match="add" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="kind" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>
  <!-- space -->
  <xsl:template match="space" mode="tk:text" priority="1">
    <xsl:call-template name="b:inline">
      <xsl:with-param name="content" select="()"/>
      <xsl:with-param name="before" select="' '"/>
      <xsl:with-param name="kind" select="'plain'"/>
    </xsl:call-template>
  </xsl:template>
  <!-- the elements a rule may render as a page break (html.xsl) -->
  <xsl:function name="tk:page-breaks" as="element()*">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="$root//(pb)"/>
  </xsl:function>
</xsl:stylesheet>
