"""Helpers for tests of the edition's data files: the seed articles and jing."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TEI_ALL = SHARED / "schemas-reference" / "tei_all.rng"
PROJECT_SCHEMA = ROOT / "schemas" / "teikit.rng"
SEEDS = {"mosc": SHARED / "seeds" / "article-moscow-treaty-1921.txt",
         "dipl": SHARED / "seeds" / "article-turkish-diplomats-1917-1925.txt"}


def seed_texts(prefix: str) -> list[str]:
    """The seed article of *prefix* as running text, line-end hyphens removed and kept."""
    raw = SEEDS[prefix].read_text(encoding="utf-8")
    return [" ".join(re.sub(r"-[ \t]*\n\s*", joint, raw).split()) for joint in ("", "-")]


def jing_errors(schema: Path, files: list[Path]) -> str:
    """jing's complaints about *files* against *schema* ("" when all are valid)."""
    jing = shutil.which("jing")
    assert jing, "jing is needed (Debian package 'jing', installed by .ci/run)"
    proc = subprocess.run([jing, str(schema), *map(str, files)], capture_output=True, text=True)
    return "" if proc.returncode == 0 else proc.stdout + proc.stderr
