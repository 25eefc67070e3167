"""Golden files shared by the stylesheet tests: compare, or rewrite on request.

``TEIKIT_UPDATE_GOLDEN=1 python -m pytest ...`` rewrites the golden files from what the
stylesheets produce now; review the diff before committing it. Callers strip volatile
parts (generated ids, dates) before they compare.
"""

from __future__ import annotations

import os
from pathlib import Path


def assert_matches_golden(golden: Path, produced: str) -> None:
    """*produced* equals the text of *golden* (rewritten first when TEIKIT_UPDATE_GOLDEN is set)."""
    if os.environ.get("TEIKIT_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(produced, encoding="utf-8")
    assert golden.is_file(), f"no golden file {golden}; run with TEIKIT_UPDATE_GOLDEN=1 once"
    assert produced == golden.read_text(encoding="utf-8"), f"{golden.name} differs from its golden file"
