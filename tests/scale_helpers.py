"""Shared by the scale and robustness tests: a copy of the sample edition, the corpus generator."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "edition"


def load_generator():
    """benchmarks/make_corpus.py as a module (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "benchmarks" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def with_absolute_schema_links(text: str) -> str:
    """The fixtures link their schemas relatively; a copy elsewhere needs absolute links."""
    return re.sub(r'href="(?:\.\./)+schemas/', f'href="{(ROOT / "schemas").as_uri()}/', text)


def make_edition(directory: Path, *, article: bool = True) -> Path:
    """A valid edition in *directory*: the registers and (with *article*) the sample article."""
    (directory / "register").mkdir(parents=True)
    for source in FIXTURE.rglob("*.xml"):
        if article or source.parent.name == "register":
            target = directory / source.relative_to(FIXTURE)
            target.write_text(with_absolute_schema_links(source.read_text(encoding="utf-8")),
                              encoding="utf-8")
    return directory
