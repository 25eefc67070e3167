"""``teikit odd compile``: a TEI ODD customisation to RELAX NG and ISO Schematron.

The work is :mod:`teikit.odd`'s: the Consortium's own stylesheets, run without Java.
Nothing is written unless every requested output was made.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import click


@click.group("odd")
def command() -> None:
    """TEI ODD customisations: compile them to schemas."""


@command.command("compile")
@click.argument("odd", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The RELAX NG schema to write (XML syntax).")
@click.option("--schematron", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the ODD's constraintSpecs as an ISO Schematron schema here.")
@click.option("--compact", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the RELAX NG schema in compact syntax here (teikit's own "
                   "serialiser; no Java).")
@click.option("--source", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The TEI source (p5subset.xml) for a schemaSpec without @source "
                   "[default: $TEIKIT_TEI_SOURCE, else the cache, else the pinned release].")
@click.option("--stylesheets", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The TEI Consortium's stylesheet folder (holding odds/ and common/) "
                   "[default: $TEIKIT_TEI_STYLESHEETS, else the cache, else the pinned release].")
@click.option("--schema-spec", "selected", default=None, metavar="IDENT",
              help="Which schemaSpec to compile [default: the first].")
@click.option("--fixed-date", is_flag=True,
              help="Stamp the schemas 1970-01-01 instead of now (reproducible output).")
@click.option("--no-embedded-rules", "rules_apart", is_flag=True,
              help="Leave the Schematron rules out of the RELAX NG schema: they are in the "
                   "--schematron file only (as schemas/teikit.rng and teikit.sch are made).")
def compile_command(odd: Path, output: Path, schematron: Path | None, compact: Path | None,
                    source: Path | None, stylesheets: Path | None, selected: str | None,
                    fixed_date: bool, rules_apart: bool) -> None:
    """Compile the ODD customisation ODD to RELAX NG (and ISO Schematron), exactly as the
    TEI Consortium's ODD processor does."""
    from teikit.odd import compile_odd, find
    from teikit.odd.compiler import without_rules
    from teikit.xmlio import atomic_output

    if rules_apart and schematron is None:
        raise click.UsageError("--no-embedded-rules needs --schematron: the rules would be lost")
    schemas = compile_odd(odd, find(stylesheets, source), selected=selected,
                          fixed_date=fixed_date)
    for warning in schemas.warnings:
        click.echo(warning, err=True)
    relaxng = without_rules(schemas.relaxng) if rules_apart else schemas.relaxng
    outputs = [(output, relaxng)]
    if schematron is not None:
        outputs.append((schematron, schemas.schematron))
    if compact is not None:
        from teikit.odd.compact import to_compact

        outputs.append((compact, to_compact(relaxng)))
    with contextlib.ExitStack() as stack:
        for path, text in outputs:
            tmp = stack.enter_context(atomic_output(path))
            tmp.write_text(text, encoding="utf-8")
    for path, _ in outputs:
        click.echo(f"wrote {path}")
