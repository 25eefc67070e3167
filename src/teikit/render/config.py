"""An edition's own rules: which file overrides a few of the project's rendering rules.

The rules (``schemas/teikit-render.odd``, a TEI processing model, compiled to
``xslt/common/rules.xsl``: what each TEI element becomes) serve every edition; an edition
changes a few of them with an ODD of its own chained to the project's (``elementSpec``s
with new ``model``s), or with an XSLT module holding templates in mode ``tk:text`` that
call the behaviours (``b:*``), see docs/rendering.md. It is named, first match wins, by

1. the command line: ``teikit render --rules FILE`` / ``teikit build --rules FILE``;
2. the edition's config, ``teikit.toml`` in the edition folder (the first folder given, or
   the folder of the first file given)::

       [render]
       rules = "rendering/rules.odd"     # relative to teikit.toml

:func:`using_rules` makes it the rules of every stylesheet compiled during a block, in
this process and in the worker processes it spawns (through ``$TEIKIT_RULES``, which
:func:`teikit.render.saxon.rules_file` reads).
"""

from __future__ import annotations

import contextlib
import os
import tomllib
from pathlib import Path
from typing import Iterator, Sequence

from teikit.errors import InputError
from teikit.render.saxon import RULES_ENV, is_rules_odd, xslt_dir

CONFIG_NAME = "teikit.toml"


def edition_folder(paths: Sequence[str | os.PathLike]) -> Path:
    """The folder whose config applies: the first folder given, else the first file's."""
    first = Path(paths[0]) if paths else Path("tei")
    return first if first.is_dir() else first.parent


def configured_rules(paths: Sequence[str | os.PathLike]) -> Path | None:
    """The rules file the edition's ``teikit.toml`` names (``[render] rules``), if any."""
    config = edition_folder(paths) / CONFIG_NAME
    if not config.is_file():
        return None
    try:
        data = tomllib.loads(config.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"not a valid TOML file: {exc}", str(config)) from None
    rules = data.get("render", {}).get("rules")
    if rules is None:
        return None
    if not isinstance(rules, str) or not rules.strip():
        raise InputError("[render] rules must be the path of an XSLT module or a rules ODD",
                         str(config))
    return _existing(config.parent / rules, str(config))


def rules_for(paths: Sequence[str | os.PathLike], given: str | os.PathLike | None) -> Path | None:
    """The edition's rules file: *given* (the command line), else its config's, else None.

    Rules given as a processing-model ODD are checked here, before anything is rendered
    (:func:`teikit.render.pm_xslt.verify`): an error names its file:line:column.
    """
    rules = _existing(Path(given), str(given)) if given is not None else configured_rules(paths)
    if rules is not None and is_rules_odd(rules):
        from teikit.render.pm_xslt import verify
        verify(rules, xslt_dir().resolve())
    return rules


def _existing(path: Path, source: str) -> Path:
    if not path.is_file():
        raise InputError(f"the rules file {path} does not exist", source)
    return path.resolve()


@contextlib.contextmanager
def using_rules(rules: Path | None) -> Iterator[None]:
    """Compile the stylesheets of the block with *rules* (None: the project's alone)."""
    before = os.environ.get(RULES_ENV)
    if rules is None:
        os.environ.pop(RULES_ENV, None)
    else:
        os.environ[RULES_ENV] = str(rules)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(RULES_ENV, None)
        else:
            os.environ[RULES_ENV] = before
