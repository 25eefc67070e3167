"""``teikit render``: turn the edition into what readers and printers use.

The formats come from the renderer registry (:mod:`teikit.render`); ``all`` renders
every one. Each format writes into its own directory below ``--out``
(``out/html/``, ``out/register/``, ...). An article that cannot be read, or whose
stylesheet fails, is reported (``path:line:column: message``, or ``path: html.xsl
failed: message``) and the others are still rendered; the summary lines then say how
many articles each format's outputs were built from, and the exit status is 1. A format
that cannot be written (a read-only directory) does not stop the others: the summary
lists what was written, the error what was not.
"""

from __future__ import annotations

from pathlib import Path

import click

from teikit.commands.paths import default_edition
from teikit.commands.progress import ProgressBar
from teikit.render import RenderFailures, load_renderers, render


def _format_choices() -> list[str]:
    return sorted(load_renderers()) + ["all"]


@click.command("render")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--to", "formats", multiple=True, default=("html",), show_default=True,
              type=click.Choice(_format_choices()),
              help="Output format; repeat it for several, or 'all'.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="Directory the outputs go into (one subdirectory per format).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Render articles in this many processes [default: every core].")
@click.option("--rules", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The edition's rules file (XSLT), overriding some of the rendering rules "
                   "[default: [render] rules of the edition's teikit.toml, if any].")
def command(paths: tuple[Path, ...], formats: tuple[str, ...], out: Path, jobs: int | None,
            rules: Path | None) -> None:
    """Render the TEI edition at PATH... (default: tei/ of the current directory) to HTML,
    print, PDF or register."""
    names = sorted(load_renderers()) if "all" in formats else list(dict.fromkeys(formats))
    bar = ProgressBar.on_a_terminal("rendering")
    try:
        written, failed = render(list(paths) or [default_edition()], names, out, jobs,
                                 progress=bar, rules=rules), None
    except RenderFailures as exc:
        written, failed = exc.written, exc
    finally:
        if bar:
            bar.close()
    for name, files in written.items():
        built_from = (f" (from {failed.built_from[name]} of {failed.total} articles)"
                      if failed and failed.failed else "")
        click.echo(f"{name}: {len(files)} file(s) in {out / name}{built_from}")
    if failed:
        click.echo(failed.report(), err=True)
        raise failed
