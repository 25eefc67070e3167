"""The built site of the edition in tei/ read in a real browser (Debian's headless chromium,
driven through the DevTools protocol, browser_helpers.Chromium) at a phone's width (390 px)
and a desktop's (1366 px), as issue 14 asks: one site header on every page, the map's
labels readable and apart, a name's register entry in a popover that the keyboard opens and
Esc closes, "cite this paragraph", the bibliography's links back to its citations.

The site is built once with ``teikit build`` (HTML, register, print HTML) and served by
``teikit serve`` (the search page needs HTTP). Real pages, real browser, no mocks.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from browser_helpers import Chromium
from publish_helpers import serve
from teikit.publish.site import build

TEI = Path(__file__).parent.parent / "tei"
WIDTHS = [(390, True), (1366, False)]
PAGES = ["index.html", "html/index.html", "html/turkish-diplomats-1917-1925.html",
         "html/moscow-treaty-1921.html", "register/index.html", "register/chronology.html",
         "register/map.html", "search.html"]
HEADER = ["teikit dijital edisyonu", "Makaleler", "Dizin", "Kronoloji", "Harita", "Arama"]
ARTICLE = "html/turkish-diplomats-1917-1925.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The edition built as a site; yields (folder, base URL)."""
    folder = tmp_path_factory.mktemp("site-browser") / "site"
    build(TEI, folder, base_url="http://127.0.0.1/", formats=["html", "register", "print"])
    with serve(folder) as base:
        yield folder, base + "/"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    chromium = Chromium(tmp_path_factory.mktemp("chromium-profile"))
    yield chromium
    chromium.close()


@pytest.fixture(params=WIDTHS, ids=["390px", "1366px"])
def width(request, browser):
    """The browser's window set to a phone's or a desktop's width for one test."""
    size, mobile = request.param
    browser.call("Emulation.setDeviceMetricsOverride", browser.session, width=size, height=844,
                 deviceScaleFactor=1, mobile=mobile)
    yield size
    browser.call("Emulation.clearDeviceMetricsOverride", browser.session)


def press(browser: Chromium, key: str, code: int) -> None:
    """Press and release *key* (DOM key name, Windows key code) as a keyboard does."""
    text = {"Enter": "\r"}.get(key, "")
    for kind in ("keyDown", "keyUp"):
        browser.call("Input.dispatchKeyEvent", browser.session, type=kind, key=key, code=key,
                     windowsVirtualKeyCode=code, **({"text": text} if kind == "keyDown" and text else {}))


# ------------------------------------------------------------------ one site

def test_every_page_has_the_one_site_header_and_look_in_turkish(browser, site, width):
    _, base = site
    seen = {}
    for page in PAGES:
        browser.open(base + page)
        seen[page] = browser.evaluate("""({
          lang: document.documentElement.lang,
          nav: [...document.querySelectorAll('header.site nav a')].map(a => a.textContent.trim()),
          current: [...document.querySelectorAll('header.site [aria-current=page]')].map(a => a.textContent.trim()),
          sheets: [...document.styleSheets].map(s => (s.href || 'inline').split('/').pop()),
          headerFont: getComputedStyle(document.querySelector('header.site')).fontFamily,
          headerBorder: getComputedStyle(document.querySelector('header.site')).borderBottomColor,
          background: getComputedStyle(document.documentElement).backgroundColor,
          scrollWidth: document.documentElement.scrollWidth,
          header: document.querySelector('header.site').innerText})""")
    for page, look in seen.items():
        assert look["lang"] == "tr", page
        assert look["nav"] == HEADER, (page, look["nav"])
        assert "edition.css" in look["sheets"] and "inline" not in look["sheets"], (page, look["sheets"])
        assert look["scrollWidth"] <= width, (page, look["scrollWidth"])
        assert not re.search(r"\b(Articles|Register|Chronology|Map|Search|digital edition)\b", look["header"])
    # the same look everywhere: the header's font and rule, the page's paper
    assert len({(v["headerFont"], v["headerBorder"], v["background"]) for v in seen.values()}) == 1, seen
    currents = {page: v["current"] for page, v in seen.items()}
    assert currents["register/map.html"] == ["Harita"] and currents["search.html"] == ["Arama"]
    assert currents["html/index.html"] == ["Makaleler"]


def test_the_print_html_on_screen_has_the_site_header_and_a_printout_leaves_it_out(browser, site, width):
    _, base = site
    browser.open(base + "html/index.html")
    web = browser.evaluate("""({font: getComputedStyle(document.querySelector('header.site')).fontFamily,
                               border: getComputedStyle(document.querySelector('header.site')).borderBottomColor})""")
    browser.open(base + "print/edition.html")
    page = browser.evaluate("""({
      nav: [...document.querySelectorAll('header.site nav a')].map(a => a.textContent.trim()),
      font: getComputedStyle(document.querySelector('header.site')).fontFamily,
      border: getComputedStyle(document.querySelector('header.site')).borderBottomColor,
      scrollWidth: document.documentElement.scrollWidth})""")
    assert page["nav"] == HEADER
    assert (page["font"], page["border"]) == (web["font"], web["border"])
    assert page["scrollWidth"] <= width
    browser.call("Emulation.setEmulatedMedia", browser.session, media="print")
    try:
        shown = browser.evaluate("getComputedStyle(document.querySelector('header.site')).display")
    finally:
        browser.call("Emulation.setEmulatedMedia", browser.session, media="")
    assert shown == "none"


def test_the_print_html_reads_at_a_readable_measure_on_screen(browser, site, width):
    _, base = site
    browser.open(base + "print/edition.html")
    measure = browser.evaluate("""(() => {
      // a paragraph of running text: the volume's text size (not the imprint's or an abstract's)
      const size = getComputedStyle(document.documentElement).fontSize;
      const p = [...document.querySelectorAll('article p')].find(
        p => p.textContent.length > 400 && getComputedStyle(p).fontSize === size);
      const style = getComputedStyle(p);
      const ctx = document.createElement('canvas').getContext('2d');
      ctx.font = style.fontSize + ' ' + style.fontFamily;
      const perChar = ctx.measureText(p.textContent.slice(0, 400)).width / 400;
      return {chars: p.getBoundingClientRect().width / perChar,
              scrollWidth: document.documentElement.scrollWidth};
    })()""")
    assert measure["chars"] <= 90, measure          # was about 200 characters a line at 1366 px
    browser.open(base + "print/edition.html")
    abstract = browser.evaluate("document.querySelector('.abstract p').getBoundingClientRect().width"
                                " / parseFloat(getComputedStyle(document.querySelector('.abstract p')).fontSize)")
    assert abstract <= 45                           # ems: about 90 characters, abstracts included
    assert measure["scrollWidth"] <= width


# ------------------------------------------------------------------ the map

def test_map_has_a_basemap_every_place_and_labels_readable_and_apart(browser, site, width):
    folder, base = site
    browser.open(base + "register/map.html")
    seen = browser.evaluate("""(() => {
      const maps = [...document.querySelectorAll('svg.map')];
      return {
        maps: maps.map(svg => ({
          land: svg.querySelectorAll('path.land').length,
          borders: svg.querySelectorAll('path.border').length,
          places: [...svg.querySelectorAll('a.place')].map(a => a.dataset.place),
          labels: [...svg.querySelectorAll('a.place text')].map(t => {
            const r = t.getBoundingClientRect();
            return {place: t.parentNode.dataset.place, left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                    px: parseFloat(getComputedStyle(t).fontSize) * svg.getScreenCTM().a};
          })})),
        listed: [...document.querySelectorAll('ul.places a')].map(a => a.getAttribute('href').split('#')[1]),
        resources: performance.getEntriesByType('resource').map(r => r.name)
      };
    })()""")
    listed = seen["listed"]
    places = lxml_html.parse(str(folder / "register" / "map.html")).getroot()
    assert len(listed) == 41 == len(places.xpath("//ul[@class='places']/li"))
    first = seen["maps"][0]
    assert sorted(first["places"]) == sorted(listed)                 # every place on the first map
    assert first["land"] > 0 and first["borders"] > 0                # a real base map
    labelled = set()
    for svg in seen["maps"]:
        labels = svg["labels"]
        assert labels and min(label["px"] for label in labels) >= 11, svg["labels"][:3]
        for i, a in enumerate(labels):
            for b in labels[i + 1:]:
                apart = a["right"] <= b["left"] or b["right"] <= a["left"] or a["bottom"] <= b["top"] \
                    or b["bottom"] <= a["top"]
                assert apart, (a, b)
        labelled |= {label["place"] for label in labels}
    assert labelled == set(listed)                                   # each place named on some map
    assert all(r.startswith(base) for r in seen["resources"])        # nothing fetched from elsewhere


# ------------------------------------------------------------------ a name's entry

def test_a_name_opens_its_register_entry_in_a_popover_with_the_keyboard(browser, site, width):
    _, base = site
    browser.open(base + ARTICLE)
    before = browser.evaluate("""(() => {
      const link = document.querySelector('.text a.name[href$="#per-cicerin"]');
      link.focus();
      return {href: location.href, expanded: link.getAttribute('aria-expanded'),
              controls: link.getAttribute('aria-controls'), popup: link.getAttribute('aria-haspopup')};
    })()""")
    assert before == {"href": base + ARTICLE, "expanded": "false", "controls": "tk-entry", "popup": "dialog"}
    press(browser, "Enter", 13)
    opened = browser.evaluate("""(() => {
      const panel = document.getElementById('tk-entry'), r = panel.getBoundingClientRect();
      const link = document.querySelector('.text a.name[href$="#per-cicerin"]');
      return {open: panel.matches(':popover-open'), role: panel.getAttribute('role'),
              label: document.getElementById(panel.getAttribute('aria-labelledby')).textContent,
              expanded: link.getAttribute('aria-expanded'), focusInside: panel.contains(document.activeElement),
              text: panel.innerText, href: location.href,
              occurrences: [...panel.querySelectorAll('ul.occurrences a')].map(a => a.textContent),
              targets: [...panel.querySelectorAll('ul.occurrences a')].every(
                a => document.getElementById(a.getAttribute('href').slice(1))),
              inside: r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight};
    })()""")
    assert opened["open"] and opened["role"] == "dialog" and opened["label"] == "Georgiy Çiçerin"
    assert opened["expanded"] == "true" and opened["focusInside"] and opened["inside"], opened
    assert opened["href"] == base + ARTICLE                         # no register page was loaded
    assert "Görev" in opened["text"] and "Hariciye Komiseri" in opened["text"]
    assert len(opened["occurrences"]) > 5 and opened["targets"]
    assert all(re.fullmatch(r"s\. \d+, (¶ \d+|dn\. \d+|bölüm [\d.]+)", o) for o in opened["occurrences"])
    press(browser, "Escape", 27)
    closed = browser.evaluate("""(() => {
      const link = document.querySelector('.text a.name[href$="#per-cicerin"]');
      return {open: document.getElementById('tk-entry').matches(':popover-open'),
              expanded: link.getAttribute('aria-expanded'), focusBack: document.activeElement === link};
    })()""")
    assert closed == {"open": False, "expanded": "false", "focusBack": True}


def test_a_date_opens_its_value_and_its_year_in_the_chronology(browser, site, width):
    folder, base = site
    browser.open(base + ARTICLE)
    browser.evaluate("document.querySelector('#dipl-p69 time.date[tabindex]').focus()")
    press(browser, "Enter", 13)
    opened = browser.evaluate("""(() => {
      const panel = document.getElementById('tk-entry'), date = document.querySelector('#dipl-p69 time.date');
      return {open: panel.matches(':popover-open'), expanded: date.getAttribute('aria-expanded'),
              role: date.getAttribute('role'), text: panel.innerText,
              chronology: panel.querySelector('a[href*="chronology.html#"]').getAttribute('href')};
    })()""")
    assert opened["open"] and opened["expanded"] == "true" and opened["role"] == "button"
    assert "1921" in opened["text"]
    path, _, fragment = opened["chronology"].partition("#")
    assert path == "../register/chronology.html" and fragment == "yil-1921"
    chronology = lxml_html.parse(str(folder / "register" / "chronology.html")).getroot()
    assert chronology.get_element_by_id(fragment) is not None
    press(browser, "Escape", 27)
    assert browser.evaluate("document.activeElement === document.querySelector('#dipl-p69 time.date')")


def test_cite_this_paragraph_gives_the_citation_and_the_stable_url(browser, site, width):
    _, base = site
    browser.open(base + ARTICLE)
    cite = browser.evaluate("""(() => {
      const p = document.getElementById('dipl-p69');
      p.querySelector('button.cite-this').click();
      const panel = document.getElementById('tk-entry');
      return {open: panel.matches(':popover-open'), citation: panel.querySelector('.citation').textContent,
              url: panel.querySelector('a').href};
    })()""")
    assert cite["open"]
    assert cite["url"] == base + ARTICLE + "#dipl-p69"
    assert "Türk Diplomatların Bakış Açısıyla" in cite["citation"] and "teikit dijital edisyonu" in cite["citation"]
    assert "s. 22, ¶ 69" in cite["citation"] and cite["citation"].endswith(cite["url"])


# ------------------------------------------------------------------ the bibliography

def test_bibliography_entries_link_back_to_the_paragraphs_citing_them(site):
    folder, _ = site
    page = lxml_html.parse(str(folder / ARTICLE)).getroot()
    entry = page.get_element_by_id("dipl-bib-kolesnikov-2010")
    back = entry.xpath(".//span[@class='backlinks']/a")
    assert [a.text for a in back] == ["s. 20, ¶ 63", "s. 22, ¶ 68", "s. 23, ¶ 69"]
    assert [a.get("href") for a in back] == ["#dipl-p63", "#dipl-p68", "#dipl-p69"]
    every = page.xpath("//section[@role='doc-bibliography']//span[@class='backlinks']/a")
    assert len(every) > 40
    for a in every:
        assert re.fullmatch(r"s\. \d+, (¶ \d+|dn\. \d+|bölüm [\d.]+|alıntı \d+|liste \d+)", a.text), a.text
        target = page.get_element_by_id(a.get("href")[1:])
        cites = target.xpath(".//a[@class='cite']/@href")
        assert "#" + a.getparent().getparent().get("id") in cites
