"""``teikit build``: write the edition as a static site (incrementally)."""

from __future__ import annotations

import time

import click


@click.command("build")
@click.argument("edition", default="tei", type=click.Path(file_okay=False))
@click.option("--out", "-o", default="site", show_default=True, type=click.Path(file_okay=False),
              help="The site directory to write.")
@click.option("--base-url", default="http://127.0.0.1:8000/", show_default=True,
              help="The URL the site will be published at (sitemap, OAI, DTS, index).")
@click.option("--to", "formats", multiple=True,
              help="Render only this format (repeatable: html, print, pdf, register); "
                   "default: every registered format.")
def command(edition: str, out: str, base_url: str, formats: tuple[str, ...]) -> None:
    """Build the static site of EDITION (a folder of TEI articles with register/) into --out.

    The site gets a front page (index.html), every format, the TEI files, a JSON index, a
    sitemap, static OAI-PMH and DTS files and a search page. Building again rebuilds only
    the parts whose inputs changed (their keys are kept in SITE/.teikit-build.json).
    """
    from teikit.publish.site import build

    started = time.perf_counter()
    report = build(edition, out, base_url=base_url, formats=list(formats) or None)
    click.echo(f"Built {out}: {len(report.rebuilt)} part(s) rebuilt, {len(report.skipped)} unchanged, "
               f"{len(report.written)} file(s) written in {time.perf_counter() - started:.1f} s.")
