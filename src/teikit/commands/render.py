"""``teikit render``: turn the edition into what readers and printers use.

The formats come from the renderer registry (:mod:`teikit.render`); ``all`` renders
every one. Each format writes into its own directory below ``--out``
(``out/html/``, ``out/register/``, ...).
"""

from __future__ import annotations

from pathlib import Path

import click

from teikit.render import load_renderers, render


def _format_choices() -> list[str]:
    return sorted(load_renderers()) + ["all"]


@click.command("render")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--to", "formats", multiple=True, default=("html",), show_default=True,
              type=click.Choice(_format_choices()),
              help="Output format; repeat it for several, or 'all'.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="Directory the outputs go into (one subdirectory per format).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Render articles in this many processes [default: every core].")
def command(paths: tuple[Path, ...], formats: tuple[str, ...], out: Path, jobs: int | None) -> None:
    """Render the TEI edition at PATH... (default: tei/) to HTML, print, PDF or register."""
    names = sorted(load_renderers()) if "all" in formats else list(dict.fromkeys(formats))
    written = render(list(paths) or [Path("tei")], names, out, jobs)
    for name, files in written.items():
        click.echo(f"{name}: {len(files)} file(s) in {out / name}")
