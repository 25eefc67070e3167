"""Shared by the render and build tests: an article the HTML stylesheet fails on, on purpose.

:func:`use_breaking_stylesheets` copies ``xslt/`` into a temporary directory, adds to the
copy's ``html.xsl`` ONE template that raises a dynamic error (``fn:error``) on a
``<ref type="breaks-the-stylesheet">``, and points ``TEIKIT_XSLT_DIR`` at the copy: the
runner looks the directory up at each compile and caches by resolved path, and spawned
``--jobs`` workers inherit the environment. :func:`mark_as_breaking` gives an article that
marker. Every other article renders as with the real stylesheets, so a failure stays a
real stylesheet failure whatever the real stylesheets learn to tolerate.

:func:`marker_of_milestone_in_a_name` renders an article whose page breaks are milestones
with an edition's rules (ODD or XSLT) that make them page breaks, for the tests of both forms.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from teikit.render import saxon

#: what the runner reports (after "<article path>: ") for a marked article
BREAKS = "html.xsl failed: this article breaks the stylesheet"

_BREAKING_TEMPLATE = """
  <!-- added by tests/render_helpers.py: a stylesheet failure on the articles marked for it -->
  <xsl:template match="tei:ref[@type = 'breaks-the-stylesheet']" mode="tk:text" priority="100">
    <xsl:sequence select="error(QName('urn:teikit:test', 'broken'), 'this article breaks the stylesheet')"/>
  </xsl:template>
</xsl:stylesheet>"""


def use_breaking_stylesheets(directory: Path, monkeypatch) -> Path:
    """Copy ``xslt/`` to *directory*/xslt with the failing template; use it until the test ends."""
    xslt = directory / "xslt"
    shutil.copytree(saxon.XSLT_DIR, xslt)
    html = xslt / "html.xsl"
    text = html.read_text("utf-8")
    assert text.rstrip().endswith("</xsl:stylesheet>")
    html.write_text(text.rstrip()[: -len("</xsl:stylesheet>")] + _BREAKING_TEMPLATE + "\n", "utf-8")
    monkeypatch.setenv("TEIKIT_XSLT_DIR", str(xslt))
    return xslt


def mark_as_breaking(article: Path, copy_of: Path | None = None, xml_id: str | None = None) -> Path:
    """Put the marker into the first footnote of *article* (read from *copy_of* when given,
    renamed to *xml_id* then); return *article*."""
    text = (copy_of or article).read_text("utf-8")
    assert text.count("Bkz. <bibl") == 1
    if xml_id:
        text = text.replace('xml:id="smpl"', f'xml:id="{xml_id}"')
    article.write_text(text.replace("Bkz. <bibl", 'Bkz. <ref type="breaks-the-stylesheet">bu</ref> <bibl'),
                       "utf-8")
    return article


#: an article whose page breaks are milestones (no pb), one inside a name
MILESTONE_PAGES = Path(__file__).parent / "fixtures" / "page-breaks" / "milestone-in-a-name.xml"


def marker_of_milestone_in_a_name(tmp_path: Path, rules: Path):
    """Render :data:`MILESTONE_PAGES` to HTML with the edition's *rules*; return its page
    marker, after checking that it is the only one and that the name reads whole."""
    from click.testing import CliRunner
    from lxml import html as lxml_html

    from teikit import cli
    edition = tmp_path / "edition"
    edition.mkdir()
    shutil.copy(MILESTONE_PAGES, edition / "pages.xml")
    result = CliRunner().invoke(cli.main, ["render", str(edition), "--rules", str(rules),
                                           "--out", str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 0, result.output
    shown = lxml_html.parse(str(tmp_path / "out/html/pages.html")).getroot().get_element_by_id("mb-p1")
    assert shown.xpath("string(.//span[contains(@class, 'persName')])") == "Çiçerin"
    marker, = shown.xpath(".//span[@class = 'pb']")
    assert marker.text_content() == "23"
    return marker
