<?xml version="1.0" encoding="UTF-8"?>
<!--
  register-page.xsl: the page frame shared by the register, chronology and map pages
  (xslt/register.xsl, xslt/chronology.xsl, xslt/map.xsl): <head>, landmarks (header with
  the navigation between the three pages, main, footer), language attributes and a small
  readable, responsive style sheet with WCAG AA contrast. Imported, never run on its own.

  Public interface (prefix tk = "urn:teikit"):
    named template tk:register-page (params: title as xs:string, current as xs:string
    ('register' | 'chronology' | 'map'), content as node()*): the whole html element.
    $tk:edition-home  the edition's index page, relative to the output ('../html/index.html').
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:param name="tk:edition-home" as="xs:string" select="'../html/index.html'"/>

  <xsl:variable name="tk:register-pages" as="map(xs:string, xs:string)+"
      select="map{'id':'register', 'href':'index.html', 'label':'Dizin'},
              map{'id':'chronology', 'href':'chronology.html', 'label':'Kronoloji'},
              map{'id':'map', 'href':'map.html', 'label':'Harita'}"/>

  <xsl:template name="tk:register-page">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="current" as="xs:string"/>
    <xsl:param name="content" as="node()*"/>
    <html lang="tr">
      <head>
        <meta charset="UTF-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/></title>
        <style><xsl:value-of select="$tk:register-css"/></style>
      </head>
      <body>
        <a class="skip" href="#icerik">İçeriğe geç</a>
        <header>
          <p class="edition"><a href="{$tk:edition-home}">teikit dijital edisyonu</a></p>
          <nav aria-label="Dizinler">
            <ul>
              <xsl:for-each select="$tk:register-pages">
                <li>
                  <a href="{?href}">
                    <xsl:if test="?id eq $current"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
                    <xsl:value-of select="?label"/>
                  </a>
                </li>
              </xsl:for-each>
            </ul>
          </nav>
        </header>
        <main id="icerik">
          <h1><xsl:value-of select="$title"/></h1>
          <xsl:sequence select="$content"/>
        </main>
        <footer><p>Makalelerin TEI kaynaklarından üretildi (teikit).</p></footer>
      </body>
    </html>
  </xsl:template>

  <xsl:variable name="tk:register-css" as="xs:string">
    :root { color: #1a1a1a; background: #fff; font: 1rem/1.55 "Source Serif 4", Georgia, serif; }
    body { max-width: 48rem; margin: 0 auto; padding: 0 1rem 2rem; }
    a { color: #0b4f8a; } a:focus { outline: 2px solid #b35900; outline-offset: 2px; }
    .skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; }
    header nav ul, nav.az ul { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .25rem .75rem; }
    [aria-current] { font-weight: bold; text-decoration: none; color: #1a1a1a; }
    nav.az { position: sticky; top: 0; z-index: 1; background: #fff; border-bottom: 1px solid #767676; padding: .5rem 0; }
    /* a jump to an entry or a letter lands below the sticky A–Z bar: two lines of letters
       (5 rem) in the 48 rem column, up to four (9.2 rem) on a phone */
    .entry, section.letter { scroll-margin-top: 6rem; }
    @media (max-width: 40rem) { .entry, section.letter { scroll-margin-top: 11rem; } }
    .entry:target { background: #fff4cc; box-shadow: 0 0 0 .4rem #fff4cc; }
    nav.az a, nav.az span { display: inline-block; min-width: 1.6rem; text-align: center; padding: .15rem 0; }
    nav.az span { color: #595959; }
    ol.entries, ol.chronology, ul.places { list-style: none; padding: 0; }
    .entry { margin: 0 0 1.25rem; } .entry-name { margin: 0; font-size: 1.15rem; }
    .entry-kind { margin: 0; font-size: .85rem; color: #4d4d4d; text-transform: uppercase; letter-spacing: .04em; }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0 1rem; margin: .25rem 0; }
    dl.facts dt { color: #4d4d4d; } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
    .label { color: #4d4d4d; } ul.occurrences { margin: .25rem 0; padding-left: 1.25rem; }
    .inferred { font-style: italic; color: #6b3d00; }
    ol.chronology li { display: grid; grid-template-columns: 9rem 1fr; gap: 1rem; margin-bottom: 1rem; }
    svg.map { width: 100%; height: auto; border: 1px solid #767676; background: #f4f8fb; }
    svg.map text { font: 11px sans-serif; fill: #1a1a1a; }
    @media (max-width: 30rem) { ol.chronology li { grid-template-columns: 1fr; gap: 0; } dl.facts { grid-template-columns: 1fr; } }
  </xsl:variable>
</xsl:stylesheet>
