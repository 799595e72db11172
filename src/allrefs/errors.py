"""Exceptions for problems with the user's input or environment (never for a bad reference)."""

from __future__ import annotations


class AllrefsError(Exception):
    """Base class: something the user can fix, with a message naming the input."""


class InputError(AllrefsError, ValueError):
    """An input file that cannot be read as any format allrefs knows."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.reason = message
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {message}")


class OutputError(AllrefsError, OSError):
    """An output that cannot be written (permissions, not a directory, disk full)."""
