"""The arrays the chart draws, taken straight from a ``Quote`` (numpy only, no Qt).

X is UTC-midnight epoch seconds (the ``DateAxisItem``'s x). The coupons and calls of a quote
are tails of the note's schedule (the ones after the settle date), so the x of a note's dates
are converted once, from the earliest quote seen, and a later settle date is a slice of them;
only the amounts are converted on every edit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from operator import attrgetter
from typing import Any, NamedTuple

import numpy as np

from app.domain.model import Quote

Floats = np.ndarray[Any, np.dtype[np.float64]]
EMPTY: Floats = np.zeros(0)
DAY = 86400.0
_EPOCH = date(1970, 1, 1).toordinal()

_PAID = attrgetter("payment_date")
_END = attrgetter("accrual_end")
_AMOUNT = attrgetter("amount")
_DATE = attrgetter("date")
_NOTICE = attrgetter("notice_date")


def epoch(d: date) -> float:
    """UTC midnight of ``d`` in epoch seconds."""
    return (d.toordinal() - _EPOCH) * DAY


def epochs(dates: Sequence[date]) -> Floats:
    """UTC-midnight epoch seconds of ``dates`` as a float array."""
    ordinals = np.fromiter(map(date.toordinal, dates), float, len(dates))
    return (ordinals - _EPOCH) * DAY


class _Floats(dict[Any, float]):
    """Decimal amounts as floats, converted once (a schedule repeats the same coupon amount)."""

    def __missing__(self, value: Any) -> float:
        if len(self) > 50_000:
            self.clear()
        result = self[value] = float(value)
        return result


_FLOATS = _Floats()


class Tail:
    """Epoch seconds of some date fields of a note's coupons (or calls), from the earliest one
    seen; ``columns`` holds one array per field."""

    def __init__(self, items: Sequence[Any], fields: tuple[Callable[[Any], date], ...]) -> None:
        self.fields = fields
        self.columns = [epochs(list(map(field, items))) for field in fields]
        self.size = len(items)

    def start(self, items: Sequence[Any]) -> int | None:
        """Where ``items`` begin in these arrays; None when they are not a tail of them (their
        first and last dates are checked)."""
        start = self.size - len(items)
        if start < 0:
            return None
        if items:
            for field, column in zip(self.fields, self.columns, strict=True):
                if column[start] != epoch(field(items[0])) or column[-1] != epoch(field(items[-1])):
                    return None
        return start


class Arrays(NamedTuple):
    """What one quote's panels are drawn from."""

    paid: Floats  # payment date of each coupon
    ends: Floats  # accrual end of each coupon
    amounts: Floats  # amount of each coupon
    calls: Tail  # the note's call dates: date, payment date, notice date
    first: int  # where the quote's calls start in ``calls``

    def call_columns(self) -> tuple[Floats, Floats, Floats]:
        """Date, payment date and notice date of each call of the quote."""
        dates, paid, notices = (column[self.first :] for column in self.calls.columns)
        return dates, paid, notices


class NoteArrays:
    """The arrays of the quotes of one note at a time (a new note starts afresh)."""

    def __init__(self) -> None:
        self._note: object = None
        self._tails: dict[str, Tail] = {}

    def arrays(self, quote: Quote) -> Arrays:
        note = quote.purchase.note
        if note is not self._note:
            self._note = note
            self._tails.clear()
        coupons, start = self._tail("coupons", quote.coupons, (_PAID, _END))
        paid, ends = (column[start:] for column in coupons.columns)
        amounts = np.fromiter(map(_FLOATS.__getitem__, map(_AMOUNT, quote.coupons)), float, paid.size)
        calls, first = self._tail("calls", quote.calls, (_DATE, _PAID, _NOTICE))
        return Arrays(paid, ends, amounts, calls, first)

    def _tail(
        self, kind: str, items: Sequence[Any], fields: tuple[Callable[[Any], date], ...]
    ) -> tuple[Tail, int]:
        """The note's arrays for ``items`` (rebuilt when they reach further back than the ones
        kept) and where ``items`` start in them."""
        tail = self._tails.get(kind)
        start = tail.start(items) if tail is not None else None
        if tail is None or start is None:
            tail = self._tails[kind] = Tail(items, fields)
            start = 0
        return tail, start
