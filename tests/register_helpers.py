"""Shared by the register tests: fixtures, golden-file comparison, HTML parsing.

Golden files live in tests/golden/register/; ``TEIKIT_UPDATE_GOLDEN=1 pytest`` rewrites
them (then read the diff before committing). The page's inline CSS is stripped before
comparing: it is presentation, not what the stylesheets under test decide.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import lxml.html

from browser_helpers import browse as chromium
from browser_helpers import contrast, png_size_and_colours  # noqa: F401 (for the register tests)
from teikit.render import read_edition
from teikit.render.register import build_index, index_node
from teikit.render.saxon import transform
from golden_helpers import assert_matches_golden

TESTS = Path(__file__).parent
SAMPLE_EDITION = TESTS / "fixtures" / "edition"
TURKISH_ORDER = TESTS / "fixtures" / "register" / "turkish-order"
GOLDEN = TESTS / "golden" / "register"
EXTERNAL = Path(os.environ.get("TEIKIT_SHARED", TESTS.parents[1] / "shared")) / "corpora" / "external"
TEI_ALL = EXTERNAL.parents[1] / "schemas-reference" / "tei_all.rng"


def edition_index(directory: Path):
    """(EditionIndex, its Saxon node) for the edition in *directory*."""
    index = build_index(read_edition([directory]))
    return index, index_node(index)


def run(stylesheet: str, node, **params) -> str:
    """Run ``xslt/<stylesheet>`` through the project's saxonche runner."""
    return transform(stylesheet, node, params, source="the edition index")


_BREAK_BEFORE = re.compile(r"(?=<(?:header|main|footer|nav|section|h[1-6]|p|ul|ol|li|dl|dt|dd|svg|g|line"
                           r"|circle|text|title|person|place|org|event|note|listRef|ptr)[\s>/])")


def strip_volatile(text: str) -> str:
    """Drop the inline CSS, and break lines before block elements so that a changed
    golden file reads as a line diff (whitespace between tags is not compared)."""
    text = re.sub(r"<style>.*?</style>", "<style/>", text, flags=re.S)
    text = re.sub(r">\s+<", "><", text)
    return _BREAK_BEFORE.sub("\n", text)


def assert_golden(name: str, text: str) -> None:
    """Compare *text* with tests/golden/register/<name>."""
    assert_matches_golden(GOLDEN / name, strip_volatile(text))


def html(text: str):
    """The HTML5 page *text* as an lxml tree."""
    return lxml.html.document_fromstring(text.encode("utf-8"))


# ------------------------------------------------------------------ a real browser

HARNESS = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>harness</title></head>
<body style="margin:0"><pre id="result">pending</pre>
<iframe id="page" title="page" style="border:0" src="PAGE" width="WIDTH" height="800"></iframe>
<script>
document.getElementById('page').addEventListener('load', function () {
  var d = this.contentDocument, w = this.contentWindow;
  var widest = 0;
  d.querySelectorAll('main *').forEach(function (el) {
    // what a box that scrolls sideways holds (the map, which keeps its size) may be wider
    for (var a = el.parentElement; a && a !== d.body; a = a.parentElement) {
      if (['auto', 'scroll'].indexOf(w.getComputedStyle(a).overflowX) >= 0) return; }
    widest = Math.max(widest, el.getBoundingClientRect().right); });
  document.getElementById('result').textContent = JSON.stringify({
    viewport: w.innerWidth, scrollWidth: d.documentElement.scrollWidth, widest: widest,
    text: w.getComputedStyle(d.body).color,
    background: w.getComputedStyle(d.documentElement).backgroundColor,
    link: w.getComputedStyle(d.querySelector('main a')).color
  });
});
</script></body></html>
"""


def measure_in_browser(page: Path, width: int, tmp: Path) -> dict:
    """Open *page* at *width* CSS pixels and return what HARNESS measured."""
    import json
    harness = page.parent / f"harness-{page.stem}-{width}.html"
    harness.write_text(HARNESS.replace("PAGE", page.name).replace("WIDTH", str(width)), "utf-8")
    for _ in range(3):  # a loaded machine may dump the DOM before the iframe has loaded
        result = chromium(tmp, "--allow-file-access-from-files", "--virtual-time-budget=5000",
                          "--dump-dom", harness.as_uri())
        seen = html(result.stdout).get_element_by_id("result").text
        if seen != "pending":
            break
    harness.unlink()
    return json.loads(seen)


# ------------------------------------------------------------------ an independent oracle

#: the Turkish alphabet (plus q, w, x), written out once more, independently of the XSLT
TURKISH_ALPHABET = "abcçdefgğhıijklmnoöpqrsştuüvwxyz"


def turkish_key(name: str) -> tuple:
    """Test oracle: the position of each letter of *name* in the Turkish alphabet."""
    lower = name.replace("I", "ı").replace("İ", "i").lower()
    lower = lower.translate(str.maketrans("âîû", "aiu"))
    return tuple(TURKISH_ALPHABET.index(c) + 1000 if c in TURKISH_ALPHABET else ord(c)
                 for c in lower)
