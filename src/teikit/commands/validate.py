"""``teikit validate [PATH...]``: well-formedness, RELAX NG and Schematron for TEI files."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from teikit.validate.locate import PROJECT_ROOT

#: show a progress bar on a terminal from this many files on
PROGRESS_FROM = 10


def default_jobs() -> int:
    """Processes ``validate`` uses without ``--jobs``: every core of the machine."""
    return os.cpu_count() or 1


def _default_paths() -> list[str]:
    for candidate in (Path("tei"), PROJECT_ROOT / "tei"):
        if candidate.is_dir():
            return [str(candidate)]
    raise click.UsageError("no PATH given and no tei/ directory here or in the project")


@click.command(name="validate")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=True))
@click.option("--schema", "schemas", multiple=True,
              type=click.Path(exists=True, dir_okay=False),
              help="RELAX NG (.rng, e.g. tei_all.rng), Schematron (.sch) or TEI ODD (.odd, compiled "
                   "to both) file to use instead "
                   "of the documents' xml-model PIs; may be repeated.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for people, json for CI.")
@click.option("--max-mb", type=click.FloatRange(min=0, min_open=True), default=None,
              help="load files up to this size for schema validation (default 100); "
                   "larger ones are only streamed for well-formedness.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Validate in N processes [default: every core; -j 1 for one process].")
def command(paths: tuple[str, ...], schemas: tuple[str, ...], output_format: str,
            jobs: int | None, max_mb: float | None) -> None:
    """Check TEI files (and directories of *.xml) for well-formedness, the RELAX NG schema
    and the Schematron rules; default PATH: the project's tei/.

    Schemas: --schema, else each document's <?xml-model?> PIs, else schemas/teikit.rng
    and schemas/teikit.sch. Prints path:line:column: error|warning: message, then a
    summary. Exit 0 when every file is valid (warnings allowed), 1 when any is not.
    """
    from teikit.validate import find_files, validate_paths

    targets = list(paths) or _default_paths()
    jobs = jobs or default_jobs()
    max_bytes = None if max_mb is None else int(max_mb * 2**20)
    total = len(find_files(targets))
    show_bar = output_format == "text" and total >= PROGRESS_FROM and sys.stderr.isatty()
    if show_bar:
        with click.progressbar(length=total, label="validating", file=sys.stderr) as bar:
            report = validate_paths(targets, schema=schemas or None, jobs=jobs,
                                    progress=bar.update, max_bytes=max_bytes)
    else:
        report = validate_paths(targets, schema=schemas or None, jobs=jobs,
                                max_bytes=max_bytes)
    if output_format == "json":
        click.echo(report.to_json())
    else:
        for problem in report.problems:
            click.echo(str(problem))
        click.echo(report.summary())
    click.get_current_context().exit(0 if report.ok else 1)
