"""Benchmark ``teikit import`` on the seed articles, against a floor measured in the same run.

    python benchmarks/import_text.py [--repeat 3] [--scale 8]

Times, in process and best of ``--repeat`` runs, for each seed article:

* the floor: reading, decoding and joining the lines (no analysis at all);
* layout only (pages, footnotes, blocks);
* the whole import without a register, and with the edition's register;
* the whole import of the article repeated ``--scale`` times (does it scale linearly?).

It prints milliseconds, source lines per second and each figure's ratio to the floor;
the last column compares the scaled run with ``scale`` times the single run.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from teikit.importer import Options, import_lines
from teikit.importer.hyphenation import join_lines
from teikit.importer.layout import analyse
from teikit.importer.report import Report
from teikit.importer.source import decode_lines

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
REGISTER = ROOT / "tei" / "register"
if not (REGISTER / "persons.xml").exists():
    REGISTER = ROOT / "tests" / "fixtures" / "edition" / "register"


def best(function, repeat: int) -> float:
    """Best wall time of *repeat* calls, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(path: Path, repeat: int, scale: int) -> None:
    data = path.read_bytes()
    lines = decode_lines(data, path.name)
    out = Path(tempfile.gettempdir()) / "teikit-bench" / "tei" / "bench.xml"
    plain = Options(prefix="bench", output=out)
    named = Options(prefix="bench", register=REGISTER, output=out)
    scaled = decode_lines(data * scale, path.name)
    rows = {
        "floor (decode + join lines)": best(lambda: join_lines(decode_lines(data, path.name)), repeat),
        "layout only": best(lambda: analyse(lines, 1, Report()), repeat),
        "import, no register": best(lambda: import_lines(lines, plain).to_bytes(), repeat),
        "import with register": best(lambda: import_lines(lines, named).to_bytes(), repeat),
        f"import with register, x{scale}": best(lambda: import_lines(scaled, named).to_bytes(),
                                                max(1, repeat // 2)),
    }
    floor = rows["floor (decode + join lines)"]
    single = rows["import with register"]
    print(f"\n{path.name}: {len(lines)} lines")
    for name, seconds in rows.items():
        count = len(scaled) if "x" in name.split()[-1] else len(lines)
        extra = f"   {seconds / (scale * single):.2f} of linear" if name.endswith(f"x{scale}") else ""
        print(f"  {name:<32}{seconds * 1000:9.1f} ms  {count / seconds:10.0f} lines/s"
              f"  {seconds / floor:8.1f}x floor{extra}")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--repeat", type=int, default=3)
    options.add_argument("--scale", type=int, default=8)
    args = options.parse_args()
    for path in sorted(SEEDS.glob("*.txt")):
        measure(path, args.repeat, args.scale)


if __name__ == "__main__":
    main()
