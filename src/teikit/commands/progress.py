"""A progress bar for the long commands (build, render), shown on a terminal only.

The work reports ``(steps done, of total)`` as it goes; the bar (click's, on stderr) is
made on the first report, when the total is known. Piped or redirected output gets no
bar: the summary line at the end says what was done.
"""

from __future__ import annotations

import sys

import click


class ProgressBar:
    """A click progress bar on stderr, made when the first (done, total) report comes in."""

    def __init__(self, label: str) -> None:
        self.label, self.bar, self.done = label, None, 0

    @classmethod
    def on_a_terminal(cls, label: str) -> "ProgressBar | None":
        """A bar when stderr is a terminal, else None (no bar)."""
        return cls(label) if sys.stderr.isatty() else None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
