<?xml version="1.0" encoding="UTF-8"?>
<!--
  register-tei.xsl: a register file enriched with pointers to its occurrences, for portals
  (out/register/tei/<file>.xml).

  Where it sits in the pipeline: run by the "register" format of teikit render
  (teikit.render.register) once per register file (tei/register/*.xml), with the edition
  index (see common/register-entries.xsl) as the parameter $index.

  Output: the register file unchanged, except that every entry occurring in the articles
  gains, after its own content and before any nested entries,
    <note type="occurrences">
      <listRef type="article" corresp="../moscow.xml">
        <ptr target="../moscow.xml#mosc-p12" n="196" type="persName"/>
      </listRef>
    </note>
  one listRef per article, one ptr per occurrence (@n: the printed page; @type: the tag).
  Targets are relative to the register file, as the articles sit in its parent directory.
  Valid against tei_all.rng (tested). An earlier note[@type='occurrences'] is replaced.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    xmlns="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:import href="common/register-entries.xsl"/>

  <xsl:param name="index" as="document-node()"/>
  <!-- the file key of this register in $index (its file name, see EditionIndex) -->
  <xsl:param name="register-file" as="xs:string"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
  <xsl:mode on-no-match="shallow-copy"/>

  <xsl:variable name="nested" as="xs:string+"
      select="('person', 'personGrp', 'org', 'place', 'event', 'listPerson', 'listOrg',
               'listPlace', 'listEvent', 'listRelation', 'relation')"/>

  <xsl:template match="tei:note[@type = 'occurrences']"/>

  <xsl:template match="(tei:person | tei:personGrp | tei:place | tei:org | tei:event)[@xml:id]">
    <xsl:variable name="occurrences" as="element(occ)*"
        select="key('tk:occurrences', $register-file || '#' || @xml:id, $index)"/>
    <xsl:variable name="own" as="node()*" select="node()[not(local-name(.) = $nested)]
        except *[local-name() = $nested]/following-sibling::node()"/>
    <xsl:copy>
      <xsl:apply-templates select="@*, $own"/>
      <xsl:if test="exists($occurrences)">
        <note type="occurrences">
          <xsl:for-each-group select="$occurrences" group-by="../@id">
            <listRef type="article" corresp="../{../@source}">
              <xsl:for-each select="current-group()">
                <ptr target="../{../@source}{if (@anchor ne '') then '#' || @anchor else ''}" type="{@kind}">
                  <xsl:if test="@page ne ''"><xsl:attribute name="n" select="@page"/></xsl:if>
                </ptr>
              </xsl:for-each>
            </listRef>
          </xsl:for-each-group>
        </note>
      </xsl:if>
      <xsl:apply-templates select="node() except $own"/>
    </xsl:copy>
  </xsl:template>
</xsl:stylesheet>
