"""One exception root for every error teikit expects.

The CLI turns a :class:`TeikitError` into ``Error: <message>`` on stderr and
exit status 1; a usage error is click's own (exit 2). Anything else is a bug
and keeps its traceback.
"""

from __future__ import annotations


class TeikitError(Exception):
    """Root of all expected errors: the user can fix what the message says."""

    exit_code = 1


class InputError(TeikitError):
    """A file the user gave cannot be read, decoded or parsed."""

    def __init__(self, message: str, path: str | None = None,
                 line: int | None = None, column: int | None = None) -> None:
        self.path, self.line, self.column = path, line, column
        super().__init__(message)

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.path, self.line, self.column) if p is not None)
        return f"{where}: {self.args[0]}" if where else str(self.args[0])


class OutputError(TeikitError):
    """An output cannot be written (exists without --force, read-only, disk full)."""


class SchemaError(TeikitError):
    """A schema or stylesheet cannot be loaded or compiled."""


class WorkerError(TeikitError):
    """A worker process ended abruptly: the system killed it (out of memory, say). What it
    was writing was not put in place."""

    def __init__(self, message: str = "a worker process ended abruptly (killed by the system? "
                                      "out of memory?); what it was writing was not put in place: "
                                      "run again, or with --jobs 1") -> None:
        super().__init__(message)
