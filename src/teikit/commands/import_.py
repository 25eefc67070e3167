"""``teikit import SOURCE.txt -o tei/NAME.xml``: a TEI draft from extracted text."""

from __future__ import annotations

import re
from pathlib import Path

import click

from teikit.errors import OutputError
from teikit.importer import Options, import_file
from teikit.importer.slug import slug
from teikit.xmlio import atomic_write

DEFAULT_REGISTER = Path("tei/register")


@click.command("import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The TEI file to write (e.g. tei/mosc.xml).")
@click.option("--lang", default="tr", show_default=True, help="Main language of the article.")
@click.option("--register", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Register directory with persons/places/orgs/events.xml [default: register/ "
                   "beside the output when present, else tei/register when present].")
@click.option("--first-page", type=click.IntRange(min=0), default=None,
              help="Printed number of the first page [default: pages numbered from 1, "
                   "and no page range claimed in the header].")
@click.option("--prefix", default=None,
              help="xml:id prefix of the article [default: from the output file name].")
@click.option("--line-breaks", is_flag=True, help="Keep the original line breaks as <lb/>.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Also write the import report to this file.")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@click.option("--quiet", "-q", is_flag=True, help="Do not print the import report (--report still writes it).")
def command(source, output, lang, register, first_page, prefix, line_breaks, report_path, force, quiet):
    """Turn SOURCE (plain text extracted from a PDF) into a TEI draft to curate.

    SOURCE, -o and --report must be three different files; -o and --report overwrite an
    existing file only with --force. A folder of -o or --report that does not exist is
    created, and stderr says so.
    """
    refuse_same_files({"SOURCE": source, "-o": output, "--report": report_path})
    for option, path in (("-o", output), ("--report", report_path)):
        if path is not None and path.exists() and not force:
            raise OutputError(f"{path} exists; use --force to overwrite it ({option})")
    created = [p.parent for p in (output, report_path) if p is not None and not p.parent.exists()]
    prefix = prefix or default_prefix(output)
    if not re.fullmatch(r"[A-Za-z][\w.-]*", prefix):
        raise click.BadParameter(f"{prefix!r} is not usable in an xml:id", param_hint="--prefix")
    if register is None:
        beside = output.parent / "register"
        register = beside if beside.is_dir() else DEFAULT_REGISTER if DEFAULT_REGISTER.is_dir() else None
    options = Options(prefix=prefix, lang=lang, register=register, first_page=first_page,
                      line_breaks=line_breaks, output=output)
    result = import_file(source, options)
    if register is None:
        result.report.notes.append("no register directory: names were not tagged")
    elif register.resolve() != (output.parent / "register").resolve():
        result.report.notes.append(f"names point to register/*.xml beside {output.name} "
                                   f"(docs/encoding.md), but the register read was {register}")
    text = result.report.format()
    atomic_write(output, result.to_bytes(), force=force)
    if report_path:
        atomic_write(report_path, text, force=force)
    if not quiet:
        click.echo(text, nl=False)
    for folder in dict.fromkeys(created):
        click.echo(f"Created the folder {folder}", err=True)
    click.echo(f"Wrote {output}", err=True)


def refuse_same_files(paths: dict[str, Path | None]) -> None:
    """Refuse when two of *paths* (option -> path) name one file, links resolved: writing
    one would destroy the other (the source, or the draft the report would replace)."""
    seen: dict[Path, str] = {}
    for option, path in paths.items():
        if path is None:
            continue
        key = path.resolve()
        if key in seen:
            raise OutputError(f"{seen[key]} and {option} are the same file ({path}); "
                              "give each its own file")
        seen[key] = option


def default_prefix(output: Path) -> str:
    """``tei/mosc.xml`` → ``mosc``; a name that does not start with a letter gets ``a-``."""
    name = slug(output.stem)
    return name if name[:1].isalpha() else f"a-{name}"
