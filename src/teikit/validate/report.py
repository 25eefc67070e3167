"""What validation found: problems with file:line:column, and the run's summary."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file; ``severity`` is "error" or "warning"."""

    path: str
    line: int
    column: int
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"


@dataclass
class Report:
    """Every problem of every file checked; warnings never make a run invalid."""

    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when no file has an error."""
        return not self.errors

    @property
    def invalid_files(self) -> list[str]:
        return sorted({p.path for p in self.errors})

    def summary(self) -> str:
        """One line: how many files, how many invalid, how many errors and warnings."""
        n = len(self.files)
        bad = len(self.invalid_files)
        state = "all valid" if self.ok else f"{bad} invalid"
        return (f"{n} file{'s' if n != 1 else ''} checked, {state}: "
                f"{len(self.errors)} error{'s' if len(self.errors) != 1 else ''}, "
                f"{len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}")

    def to_json(self) -> str:
        """The report for CI: files, counts, validity and every problem."""
        return json.dumps({
            "valid": self.ok,
            "files": self.files,
            "invalid_files": self.invalid_files,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "problems": [asdict(p) for p in self.problems],
            "summary": self.summary(),
        }, ensure_ascii=False, indent=2)
