"""The import report: counts, and everything the importer was unsure of."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Report:
    """What an import produced and where the editor should look."""

    source: str = ""
    counts: Counter = field(default_factory=Counter)
    unsure: list[tuple[int, str]] = field(default_factory=list)
    unknown_names: Counter = field(default_factory=Counter)
    unknown_first_line: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] += n

    def doubt(self, line: int, message: str) -> None:
        """Record something the editor must check, at source *line*."""
        self.unsure.append((line, message))

    def unknown(self, name: str, line: int) -> None:
        self.unknown_names[name] += 1
        self.unknown_first_line.setdefault(name, line)

    def format(self) -> str:
        """The report as plain text, for a terminal or a file."""
        order = ["pages", "sections", "paragraphs", "quotations", "lists", "notes",
                 "citations", "bibliography entries", "dates", "dates inferred",
                 "persons", "places", "organisations", "events", "measures"]
        rows = [f"teikit import report for {self.source}", "", "Counts:"]
        rows += [f"  {key:<22}{self.counts.get(key, 0)}" for key in order]
        rows += ["", *(f"Note: {n}" for n in self.notes)] if self.notes else []
        rows += ["", f"Unsure ({len(self.unsure)}), by source line:"]
        rows += [f"  line {line}: {message}" for line, message in sorted(self.unsure)]
        rows += ["", f"Capitalised names not in the register ({len(self.unknown_names)}):"]
        for name, n in sorted(self.unknown_names.items(), key=lambda kv: (-kv[1], kv[0])):
            rows.append(f"  {name} ({n}x, first at line {self.unknown_first_line[name]})")
        return "\n".join(rows) + "\n"
