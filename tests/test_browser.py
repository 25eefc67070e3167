"""The HTML edition in a real browser (Debian's chromium, headless) at phone and desktop widths.

Two kinds of look: screenshots (PNG, checked for size and content; kept in the test's
temporary directory for a human to open), and measurements taken inside the page by a
small harness page that loads the article in an iframe of the given width and writes
what it measured into its own DOM, which chromium prints with --dump-dom.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import html as lxml_html

from browser_helpers import browse, contrast, png_size_and_colours
from teikit.render import render

HERE = Path(__file__).parent
EDITION = HERE / "fixtures" / "edition"
PHONE, DESKTOP = (390, 844), (1366, 900)

HARNESS = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>harness</title></head>
<body style="margin:0"><pre id="result">pending</pre>
<iframe id="page" title="page" style="border:0" src="PAGE" width="WIDTH" height="HEIGHT"></iframe>
<script>
document.getElementById('page').addEventListener('load', function () {
  var d = this.contentDocument, w = this.contentWindow;
  var box = function (el) { var r = el.getBoundingClientRect(); return {left: r.left, right: r.right}; };
  var date = d.querySelector('time.date');
  date.focus();
  var style = function (el) { var s = w.getComputedStyle(el); return [s.color, s.backgroundColor]; };
  document.getElementById('result').textContent = JSON.stringify({
    viewport: w.innerWidth,
    scrollWidth: d.documentElement.scrollWidth,
    main: box(d.querySelector('main')),
    pageNumber: box(d.querySelector('.pb')),
    paragraph: box(d.querySelector('.text p[id]')),
    focusedDate: w.getComputedStyle(date, '::after').content,
    dateNorm: date.getAttribute('data-norm'),
    text: [w.getComputedStyle(d.body).color, w.getComputedStyle(d.documentElement).backgroundColor],
    link: w.getComputedStyle(d.querySelector('a.cite')).color,
    fontSize: parseFloat(w.getComputedStyle(d.querySelector('.text p[id]')).fontSize)
  });
});
</script></body></html>
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    render([EDITION], ["html"], out)
    return out / "html"


def screenshot(site: Path, page: str, size: tuple[int, int], tmp: Path) -> Path:
    png = tmp / f"{Path(page).stem}-{size[0]}x{size[1]}.png"
    result = browse(tmp, f"--window-size={size[0]},{size[1]}", f"--screenshot={png}", (site / page).as_uri())
    assert png.is_file(), result.stderr
    return png


@pytest.fixture(scope="module")
def real_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("real-site")
    render([HERE.parent / "tei"], ["html"], out)
    return out / "html"


@pytest.fixture(scope="module")
def seen(site: Path, tmp_path_factory) -> dict:
    """What the harness measured in the sample article, at phone and desktop widths."""
    tmp = tmp_path_factory.mktemp("browser")
    return {size: measure(site, "sample-article.html", size, tmp) for size in (PHONE, DESKTOP)}


def measure(site: Path, page: str, size: tuple[int, int], tmp: Path) -> dict:
    harness = site / f"harness-{size[0]}.html"
    harness.write_text(HARNESS.replace("PAGE", page).replace("WIDTH", str(size[0]))
                       .replace("HEIGHT", str(size[1])), encoding="utf-8")
    result = browse(tmp, "--allow-file-access-from-files", "--virtual-time-budget=5000",
                    "--dump-dom", harness.as_uri())
    dom = lxml_html.document_fromstring(result.stdout)
    return json.loads(dom.get_element_by_id("result").text)


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("page", ["sample-article.html", "index.html"])
def test_page_screenshot_shows_a_rendered_page(site: Path, page: str, size, tmp_path: Path) -> None:
    dimensions, colours = png_size_and_colours(screenshot(site, page, size, tmp_path))
    assert dimensions == size
    assert colours > 50, "the screenshot is (nearly) blank"


def test_phone_width_has_no_horizontal_scrolling_and_page_numbers_inline(seen: dict) -> None:
    phone = seen[PHONE]
    assert phone["scrollWidth"] <= phone["viewport"] == PHONE[0]
    assert phone["pageNumber"]["left"] >= phone["main"]["left"]
    assert phone["fontSize"] >= 16


def test_desktop_page_numbers_sit_in_the_margin(seen: dict) -> None:
    desktop = seen[DESKTOP]
    assert desktop["scrollWidth"] <= desktop["viewport"] == DESKTOP[0]
    assert desktop["pageNumber"]["right"] <= desktop["paragraph"]["left"]
    assert desktop["main"]["right"] - desktop["main"]["left"] < 800, "lines too long to read"


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_focused_date_shows_its_normalised_value(seen: dict, size) -> None:
    assert seen[size]["focusedDate"] == json.dumps(seen[size]["dateNorm"]) == '"1921-03-16"'


def test_text_and_links_meet_wcag_aa_contrast(seen: dict) -> None:
    text, background = seen[PHONE]["text"]
    assert contrast(text, background) >= 7
    assert contrast(seen[PHONE]["link"], background) >= 4.5


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_real_edition_articles_fit_the_screen(real_site: Path, size, tmp_path: Path) -> None:
    for article in sorted((HERE.parent / "tei").glob("*.xml")):
        page = f"{article.stem}.html"
        measured = measure(real_site, page, size, tmp_path)
        assert measured["scrollWidth"] <= measured["viewport"] == size[0], page
        dimensions, colours = png_size_and_colours(screenshot(real_site, page, size, tmp_path))
        assert dimensions == size and colours > 50, page
