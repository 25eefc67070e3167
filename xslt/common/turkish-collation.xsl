<?xml version="1.0" encoding="UTF-8"?>
<!--
  turkish-collation.xsl: Turkish alphabetical order and initials, shared by every stylesheet
  that sorts names (register.xsl, register-json.xsl, the printed register). Imported, never
  run on its own.

  Why an explicit key: SaxonC-HE accepts the UCA collation URI
  http://www.w3.org/2013/collation/UCA?lang=tr but does not tailor it for Turkish (it sorts
  "ğat" before "gaz" and "ılık" after "Zeki"; checked with SaxonC-HE 13.1), so the Turkish
  order is spelled out here:
    a b c ç d e f g ğ h ı i j k l m n o ö p q r s ş t u ü v w x y z
  with I/ı and İ/i as distinct letters (upper-case I is the capital of dotless ı), other
  diacritics (â, î, û, é, ...) folded to their base letter, and everything that is not a
  letter sorting before letters. Sort with tk:tr-sort-key(.) under the codepoint collation,
  then by the name itself for a stable order of equal keys.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="#all">

  <!-- the letters of the alphabet, in order; Q, W, X are foreign but occur in names -->
  <xsl:variable name="tk:tr-alphabet" as="xs:string+"
      select="('A','B','C','Ç','D','E','F','G','Ğ','H','I','İ','J','K','L','M','N','O','Ö',
               'P','Q','R','S','Ş','T','U','Ü','V','W','X','Y','Z')"/>

  <!-- the same letters in lower case, then one private-use character per letter, in order -->
  <xsl:variable name="tk:tr-lower-alphabet" as="xs:string"
      select="'abc&#xE001;defg&#xE002;h&#xE003;ijklmno&#xE004;pqrs&#xE005;tu&#xE006;vwxyz'"/>
  <xsl:variable name="tk:tr-key-alphabet" as="xs:string"
      select="codepoints-to-string(for $i in 1 to 32 return 57600 + $i)"/>

  <!-- Turkish lower case: I -> ı and İ -> i before the generic lower-case() -->
  <xsl:function name="tk:tr-lower-case" as="xs:string">
    <xsl:param name="s" as="xs:string?"/>
    <xsl:sequence select="lower-case(translate(normalize-unicode(string($s), 'NFC'), 'Iİ', 'ıi'))"/>
  </xsl:function>

  <!-- Turkish upper case: i -> İ and ı -> I before the generic upper-case() -->
  <xsl:function name="tk:tr-upper-case" as="xs:string">
    <xsl:param name="s" as="xs:string?"/>
    <xsl:sequence select="upper-case(translate(normalize-unicode(string($s), 'NFC'), 'iı', 'İI'))"/>
  </xsl:function>

  <!-- a key whose codepoint order is the Turkish alphabetical order of $s -->
  <xsl:function name="tk:tr-sort-key" as="xs:string">
    <xsl:param name="s" as="xs:string?"/>
    <xsl:variable name="protected" as="xs:string"
        select="translate(tk:tr-lower-case($s), 'çğıöşü', '&#xE001;&#xE002;&#xE003;&#xE004;&#xE005;&#xE006;')"/>
    <xsl:variable name="folded" as="xs:string"
        select="replace(normalize-unicode($protected, 'NFD'), '\p{Mn}', '')"/>
    <xsl:sequence select="translate($folded, $tk:tr-lower-alphabet, $tk:tr-key-alphabet)"/>
  </xsl:function>

  <!-- the letter of $tk:tr-alphabet under which $s is filed, or '#' for any other initial -->
  <xsl:function name="tk:tr-initial" as="xs:string">
    <xsl:param name="s" as="xs:string?"/>
    <xsl:variable name="first" as="xs:string"
        select="tk:tr-upper-case(substring(replace(string($s), '^[^\p{L}]+', ''), 1, 1))"/>
    <xsl:variable name="base" as="xs:string"
        select="if ($first = ('Ç','Ğ','İ','Ö','Ş','Ü')) then $first
                else replace(normalize-unicode($first, 'NFD'), '\p{Mn}', '')"/>
    <xsl:sequence select="if ($base = $tk:tr-alphabet) then $base else '#'"/>
  </xsl:function>

  <!-- $names in Turkish alphabetical order -->
  <xsl:function name="tk:tr-sort" as="xs:string*">
    <xsl:param name="names" as="xs:string*"/>
    <xsl:perform-sort select="$names">
      <xsl:sort select="tk:tr-sort-key(.)" collation="http://www.w3.org/2005/xpath-functions/collation/codepoint"/>
      <xsl:sort select="." collation="http://www.w3.org/2005/xpath-functions/collation/codepoint"/>
    </xsl:perform-sort>
  </xsl:function>
</xsl:stylesheet>
