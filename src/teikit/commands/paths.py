"""The one rule of ``validate``, ``render`` and ``build`` for the paths they are given.

A PATH that does not exist is a usage error (exit 2), as click's own checks are; no PATH
means ``tei/`` of the current directory, and when there is none that is a usage error
too: a command never reaches for a folder the user did not name (the installed
package's own ``tei/``, say).
"""

from __future__ import annotations

from pathlib import Path

import click

DEFAULT = Path("tei")


def default_edition() -> Path:
    """``tei/`` of the current directory, or a usage error naming the rule."""
    if DEFAULT.is_dir():
        return DEFAULT
    raise click.UsageError("no PATH given and no tei/ folder in the current directory")


def existing(paths: list[str] | tuple[str, ...], what: str = "PATH") -> None:
    """A usage error for the first of *paths* that does not exist."""
    for path in paths:
        if not Path(path).exists():
            raise click.BadParameter(f"{path!r} does not exist", param_hint=what)
