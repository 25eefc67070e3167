"""The ``teikit`` command line: a click group whose subcommands load lazily.

Each subcommand lives in its own module under :mod:`teikit.commands` and is
listed in :data:`COMMANDS`; importing one does not import the others, so
``teikit --help`` stays fast. Expected errors (:class:`TeikitError`) print
``Error: ...`` and exit 1; click's usage errors exit 2; a bug keeps its traceback.
"""

from __future__ import annotations

import importlib
import sys

import click

from teikit import __version__
from teikit.errors import TeikitError

#: subcommand name -> "module:attribute" of its click command
COMMANDS: dict[str, str] = {
    "import": "teikit.commands.import_:command",
    "validate": "teikit.commands.validate:command",
    "render": "teikit.commands.render:command",
    "build": "teikit.commands.build:command",
    "serve": "teikit.commands.serve:command",
    "odd": "teikit.commands.odd:command",
}


class TeikitGroup(click.Group):
    """A group that imports a subcommand only when it is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        return getattr(importlib.import_module(module_name), attribute)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except TeikitError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Error: interrupted; no output was left half-written", err=True)
            ctx.exit(130)


@click.group(cls=TeikitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="teikit")
def main() -> None:
    """teikit: import, validate, render and publish TEI P5 scholarly editions."""


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
