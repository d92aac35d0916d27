"""The one exception root of bilateral, and its subclasses.

Every error a user can cause (bad input, a missing store, an unknown actor code) is a
``BilateralError``. The CLI turns each into one clear message and a non-zero exit code; a
traceback is printed only with ``--debug``. Each class has a stable ``code`` that tests and
scripts can rely on, in the manner of spaCy's error codes.
"""

from __future__ import annotations

from pathlib import Path


class BilateralError(Exception):
    """Root of every error bilateral raises on purpose."""

    code = "B000"
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(BilateralError):
    """An input file, stream or record cannot be read.

    Carries where it happened so the message reads ``FILE:LINE: reason``.
    """

    code = "B100"
    exit_code = 2

    def __init__(
        self,
        reason: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.reason = reason
        self.path = str(path) if path is not None else None
        self.line = line
        self.field = field
        where = ""
        if self.path is not None:
            where = self.path
            if line is not None:
                where += f":{line}"
            where += ": "
        detail = f"{field}: {reason}" if field else reason
        super().__init__(f"{where}{detail}")


class ValidationError(InputError):
    """A record does not satisfy its contract (DESIGN.md's record formats)."""

    code = "B101"


class StoreError(BilateralError):
    """The DuckDB store cannot be opened, migrated or written."""

    code = "B200"
    exit_code = 3


class QueryError(BilateralError):
    """A question the store cannot answer: unknown actor code, empty period, no events."""

    code = "B300"
    exit_code = 4


class FetchError(BilateralError):
    """A URL or feed cannot be fetched (refused, too large, timed out, redirect loop)."""

    code = "B400"
    exit_code = 5


class OutputError(BilateralError):
    """An output file or directory cannot be written."""

    code = "B500"
    exit_code = 6


class NotReadyError(BilateralError):
    """A capability that is not built yet."""

    code = "B900"
    exit_code = 9
