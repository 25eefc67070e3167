"""Generate ``schemas/teikit.rng`` from its readable source ``schemas/teikit.rnc``.

Run ``python -m teikit.validate.build_schema`` after editing the compact syntax;
``--check`` exits 1 when the committed RNG is not what the RNC produces (the test
suite runs the same comparison, so the two cannot drift apart).
"""

from __future__ import annotations

import sys
from pathlib import Path

import rnc2rng

from teikit.errors import SchemaError
from teikit.validate.locate import PROJECT_RNC, PROJECT_RNG
from teikit.xmlio import atomic_write

HEADER = ("<!-- GENERATED from teikit.rnc by `python -m teikit.validate.build_schema`;"
          " edit the .rnc, not this file. -->\n")


def rnc_to_rng(rnc: Path = PROJECT_RNC) -> str:
    """Return the RELAX NG XML text that *rnc* compiles to."""
    try:
        source = rnc.read_text(encoding="utf-8")
    except OSError as exc:
        raise SchemaError(f"cannot read {rnc}: {exc.strerror or exc}") from None
    try:
        xml = rnc2rng.dumps(rnc2rng.loads(source), indent="  ")
    except Exception as exc:  # rnc2rng raises its own ParseError without a common base
        raise SchemaError(f"{rnc}: cannot convert RELAX NG compact syntax: {exc}") from None
    first, _, rest = xml.partition("\n")
    if first.startswith("<?xml"):
        return f"{first}\n{HEADER}{rest.rstrip()}\n"
    return f"{HEADER}{xml.rstrip()}\n"


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` compare) the generated schema; return the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    expected = rnc_to_rng()
    if "--check" in argv:
        current = PROJECT_RNG.read_text(encoding="utf-8") if PROJECT_RNG.exists() else ""
        if current != expected:
            print(f"{PROJECT_RNG} is out of date: run python -m teikit.validate.build_schema",
                  file=sys.stderr)
            return 1
        return 0
    atomic_write(PROJECT_RNG, expected)
    print(f"wrote {PROJECT_RNG}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
