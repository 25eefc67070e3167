"""Shared by the ODD tests: where the Consortium's files are, running teikit, asking jing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).parent
PROJECT = TESTS.parent
FIXTURES = TESTS / "fixtures" / "odd"
SHARED = Path(os.environ.get("TEIKIT_SHARED", PROJECT.parent / "shared"))
STYLESHEETS = SHARED / "tei-stylesheets"
P5SUBSET = SHARED / "tei-p5" / "p5subset.xml"
EXAMPLES = SHARED / "tei-p5" / "odd"
REFERENCE = SHARED / "tei-p5" / "reference-rng"
CORPUS = SHARED / "corpora" / "external"
STAMP = re.compile(r"Schema generated from ODD source \S+")


def odd_env(tmp_path: Path, *, consortium: bool = True) -> dict[str, str]:
    """An environment whose cache is empty; with *consortium*, the ../shared copies named."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("TEIKIT_TEI_STYLESHEETS", "TEIKIT_TEI_SOURCE")}
    env["TEIKIT_CACHE_DIR"] = str(tmp_path / "cache")
    if consortium:
        env["TEIKIT_TEI_STYLESHEETS"] = str(STYLESHEETS)
        env["TEIKIT_TEI_SOURCE"] = str(P5SUBSET)
    return env


def teikit(*args, env: dict[str, str], cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "teikit", *map(str, args)], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=600)


def jing_lines(schema: Path, files: list[Path], compact: bool = False) -> list[str]:
    """jing's messages for *files* against *schema* (in compact syntax with *compact*:
    ``jing -c``): path:line:col: error: message."""
    jing = shutil.which("jing")
    assert jing, "jing is needed (apt-get install jing)"
    run = subprocess.run([jing, *(["-c"] if compact else []), str(schema), *map(str, files)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode in (0, 1), run.stderr + run.stdout
    return [line for line in run.stdout.splitlines() if line.strip()]


def corpus_files() -> list[Path]:
    """Every file of ../shared/corpora/external/ and the project's tei/."""
    return sorted(CORPUS.rglob("*.xml")) + sorted((PROJECT / "tei").rglob("*.xml"))
