"""``teikit build``: write the edition as a static site (incrementally)."""

from __future__ import annotations

import re
import time

import click

#: OAI-PMH's emailType (OAI-PMH.xsd): what a harvester's registry checks adminEmail against
EMAIL = re.compile(r"\S+@(\S+\.)+\S+")


def check_email(_ctx, _param, value: str) -> str:
    """Click callback: refuse an address OAI-PMH's schema would not accept."""
    if not EMAIL.fullmatch(value):
        raise click.BadParameter(f"{value!r} is not an e-mail address")
    return value


def _format_choices() -> list[str]:
    from teikit.render import load_renderers

    return sorted(load_renderers())


def publishing_options(command):
    """``--name`` and ``--admin-email``, shared by ``build`` and ``serve``."""
    command = click.option("--admin-email", default="editors@teikit.invalid", show_default=True,
                           callback=check_email,
                           help="Contact address OAI-PMH Identify gives harvesters.")(command)
    return click.option("--name", default=None,
                        help="Name of the edition (front page, OAI-PMH repositoryName, "
                             "DTS collection) [build default: teikit dijital edisyonu; "
                             "serve default: the name the site was built with].")(command)


@click.command("build")
@click.argument("edition", required=False, type=click.Path(exists=True, file_okay=False))
@click.option("--out", "-o", default="site", show_default=True, type=click.Path(file_okay=False),
              help="The site directory to write.")
@click.option("--base-url", default="http://127.0.0.1:8000/", show_default=True,
              help="The URL the site will be published at (sitemap, OAI, DTS, index).")
@click.option("--to", "formats", multiple=True, type=click.Choice(_format_choices()),
              help="Render only this format (repeatable); default: every registered format.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Render changed articles in this many processes; with more than one, a helper "
                   "process also makes the static DTS files [default: every core].")
@click.option("--search-part-size", type=click.IntRange(min=1), default=5000, show_default=True,
              help="Most search records (paragraphs) per Pagefind bundle; the indexer's memory "
                   "grows with it (about 70 KB a record), the number of bundles a search loads "
                   "shrinks with it.")
@click.option("--oai-gateway", default=None, metavar="URL",
              help="The OAI Static Repository Gateway that will intermediate oai/static.xml: "
                   "its baseURL becomes URL/<the file's URL without http(s)://>.")
@click.option("--rules", type=click.Path(dir_okay=False), default=None,
              help="The edition's rules file (XSLT), overriding some of the rendering rules "
                   "[default: [render] rules of the edition's teikit.toml, if any].")
@publishing_options
def command(edition: str, out: str, base_url: str, formats: tuple[str, ...], name: str,
            admin_email: str, jobs: int | None, search_part_size: int, oai_gateway: str | None,
            rules: str | None) -> None:
    """Build the static site of EDITION (a folder of TEI articles with register/; default:
    tei/ of the current directory) into --out.

    The site gets a front page (index.html), every format, the TEI files, a JSON index, a
    sitemap, static OAI-PMH and DTS files and a search page. Building again rebuilds only
    the parts whose inputs changed (their keys are kept in SITE/.teikit-build.json).
    A malformed article is reported (file:line:column) and left out, the others are
    built, and the exit status is 1.
    """
    from teikit.commands.paths import default_edition
    from teikit.commands.progress import ProgressBar
    from teikit.publish.site import build

    edition = edition or str(default_edition())
    name = name or "teikit dijital edisyonu"
    started = time.perf_counter()
    bar = ProgressBar.on_a_terminal("building")
    try:
        report = build(edition, out, rules=rules, base_url=base_url, formats=list(formats) or None,
                       title=name, admin_email=admin_email, jobs=jobs,
                       search_part_size=search_part_size, oai_gateway=oai_gateway, progress=bar)
    finally:
        if bar:
            bar.close()
    for error in report.errors:
        click.echo(f"Error: {error}", err=True)
    failed = f"; {len(report.errors)} article(s) failed (above)" if report.errors else ""
    click.echo(f"Built {out}: {len(report.rebuilt)} part(s) rebuilt, {len(report.skipped)} unchanged, "
               f"{len(report.written)} file(s) written in {time.perf_counter() - started:.1f} s{failed}.")
    if report.errors:
        click.get_current_context().exit(1)

