"""The one error root of the program and its context-carrying subclasses."""

from __future__ import annotations


class TermSheetError(ValueError):
    """Any problem the program explains to the user instead of crashing.

    ``field``, ``line``, ``value`` and ``source`` say where the problem is; ``str(err)``
    is a one-line message fit for stderr or a status bar.
    """

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        line: int | None = None,
        value: object = None,
        source: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.line = line
        self.value = value
        self.source = source

    def __str__(self) -> str:
        where = ""
        if self.source:
            where = self.source + (f":{self.line}" if self.line is not None else "")
        elif self.line is not None:
            where = f"line {self.line}"
        return f"{where}: {self.message}" if where else self.message


class SourceError(TermSheetError):
    """A document that cannot be read or holds no offering (CLI exit 3)."""


class InputError(TermSheetError):
    """A calculation input that is invalid for this note (CLI exit 4)."""


class ScheduleError(TermSheetError):
    """Note terms that cannot form a coupon schedule (for example maturity before first coupon)."""
