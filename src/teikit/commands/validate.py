"""``teikit validate [PATH...]``: well-formedness, RELAX NG and Schematron for TEI files."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from teikit.errors import TeikitError

#: show a progress bar on a terminal from this many files on
PROGRESS_FROM = 10


def default_jobs() -> int:
    """Processes ``validate`` uses without ``--jobs``: every core this process may use.

    Measured on a 2-core machine (benchmarks/README.md): with the cores idle ``-j 2``
    took 0.6 of ``-j 1``'s time; with other jobs loading it (load average 8-10) the two
    were within the noise of each other (full checks of 304 files: 25-33 s either way),
    so a second process never lost. (It once seemed to: the edition index was built
    for RELAX NG-only runs, and every document took a ``stat`` of every file.)
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _json_failure(error: Exception, exit_code: int) -> None:
    """With ``--format json`` every outcome is JSON on stdout, a failure too."""
    click.echo(json.dumps({"valid": False, "files": [], "invalid_files": [], "errors": 1, "warnings": 0,
                           "problems": [], "error": str(error), "exit_code": exit_code},
                          ensure_ascii=False, indent=2))
    click.get_current_context().exit(exit_code)


@click.command(name="validate")
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True))
@click.option("--schema", "schemas", multiple=True,
              type=click.Path(dir_okay=False),
              help="RELAX NG (.rng, e.g. tei_all.rng), Schematron (.sch) or TEI ODD (.odd, compiled "
                   "to both) file to use instead "
                   "of the documents' xml-model PIs; may be repeated.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for people, json for CI.")
@click.option("--max-mb", type=click.FloatRange(min=0, min_open=True), default=None,
              help="load files up to this size for schema validation (default 100); "
                   "larger ones are only streamed for well-formedness.")
@click.option("--max-errors", type=click.IntRange(min=1), default=None,
              help="show at most N errors per file, then say how many more there are "
                   "[default: all].")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Validate in N processes [default: every core; -j 1 for one process].")
@click.option("--embedded-rules/--no-embedded-rules", default=True, show_default=True,
              help="Run the Schematron rules embedded in RELAX NG schemas (as ODDs make "
                   "them: tei_all.rng has 196), as Oxygen does; jing does not.")
def command(paths: tuple[str, ...], schemas: tuple[str, ...], output_format: str,
            jobs: int | None, max_mb: float | None, embedded_rules: bool,
            max_errors: int | None) -> None:
    """Check TEI files (and directories of *.xml) for well-formedness, the RELAX NG schema
    and the Schematron rules; default PATH: tei/ of the current directory.

    Schemas: --schema, else each document's <?xml-model?> PIs, else schemas/teikit.rng
    and schemas/teikit.sch; a file without the PIs is checked against those all the same,
    and teikit.sch reports each missing PI as an error (the edition's files name their
    schemas). Prints path:line:column: error|warning: message, then a summary. Exit 0
    when every file is valid (warnings allowed), 1 when any is not, 2 on a usage error.
    With --format json every outcome, an error too, is one JSON object on stdout.

    Editions: a folder that holds register/ (or the edition's teikit.toml) is an
    edition: its *.xml and register/*.xml are checked together (xml:ids unique across
    them, pointers between them resolve); the nearest such folder at or above a file is
    its edition. A file in no edition is checked on its own, never against the other
    files of its folder.

    Code a document names (its Schematron, a Schematron compiled to XSLT, the rules
    embedded in its RELAX NG schema) runs sandboxed: it reads no file, no environment
    variable and no network, and writes nothing; what it tries is that document's error.
    A --schema you name may read local files, never the network.
    """
    try:
        _validate(paths, schemas, output_format, jobs, max_mb, embedded_rules, max_errors)
    except click.UsageError as exc:
        if output_format != "json":
            raise
        _json_failure(exc, exc.exit_code)
    except TeikitError as exc:
        if output_format != "json":
            raise
        _json_failure(exc, exc.exit_code)


def _status_line(message: str) -> None:
    """One line on the terminal saying what takes a while before the first file is done."""
    click.echo(f"{message}…", err=True)


def _validate(paths: tuple[str, ...], schemas: tuple[str, ...], output_format: str,
              jobs: int | None, max_mb: float | None, embedded_rules: bool,
              max_errors: int | None = None) -> None:
    from teikit.commands.paths import default_edition, existing
    from teikit.validate import find_files, validate_paths

    existing(paths)                 # checked here, not by click: a JSON run answers in JSON
    existing(schemas, "--schema")
    targets = list(paths) or [str(default_edition())]
    jobs = jobs or default_jobs()
    max_bytes = None if max_mb is None else int(max_mb * 2**20)
    total = len(find_files(targets))
    on_terminal = output_format == "text" and sys.stderr.isatty()
    show_bar = on_terminal and total >= PROGRESS_FROM
    status = _status_line if on_terminal else None
    if show_bar:
        with click.progressbar(length=total, label="validating", file=sys.stderr) as bar:
            report = validate_paths(targets, schema=schemas or None, jobs=jobs,
                                    progress=bar.update, max_bytes=max_bytes,
                                    embedded_rules=embedded_rules, max_errors=max_errors,
                                    status=status)
    else:
        report = validate_paths(targets, schema=schemas or None, jobs=jobs,
                                max_bytes=max_bytes, embedded_rules=embedded_rules,
                                max_errors=max_errors, status=status)
    if output_format == "json":
        click.echo(report.to_json())
    else:
        for problem in report.problems:
            click.echo(str(problem))
        click.echo(report.summary())
    click.get_current_context().exit(0 if report.ok else 1)
