"""Every loaded note side by side: one row of terms per CUSIP, and its yields at one settle date.

A row's terms are built at once (cheap: 5,000 rows in a few tens of milliseconds); its yields,
which solve for every call date, are computed on demand and kept (``CompareTable.yields``), so a
window can show the terms at once and fill the yields in from a worker thread
(``CompareTable.compute``) while sorting what it has (rows without yields sort last).

Pricing (contract.md ``compare``): each note at its selling price (else 100), on the settle date
given, else its offering's (else its issue date), for the offering's minimum denomination (the
yields do not depend on the amount). A row's yields are exactly ``calc``'s for that note, price
and settle date, plus each restated as a semi-annual bond-equivalent yield so that a monthly and
a semi-annual payer compare fairly. A note that cannot be priced at the settle date keeps its row
with no yields and the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from app.domain.daycount import days_30_360
from app.domain.errors import TermSheetError
from app.domain.model import Note, Offering, ParseWarning
from app.domain.quote import make_purchase, note_warnings, validate
from app.domain.yields import purchase_yields

YEARS_PLACES = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class CompareRow:
    """The terms of one note as compared (everything but the yields).

    ``call_protection_years``: 30/360 years from the settle date to the first call date (0 once
    it has passed); a non-callable note is protected to maturity (years to maturity); None when
    the call terms are not stated or give no date."""

    document: str
    offering: Offering
    note: Note
    settle_date: date | None
    price_pct: Decimal
    first_call_date: date | None
    call_protection_years: Decimal | None
    warnings: tuple[ParseWarning, ...]

    @property
    def cusip(self) -> str:
        return self.note.cusip


@dataclass(frozen=True, slots=True)
class RowYields:
    """A row's yields in percent (None where no yield gives the price), or why there are none.

    ``*_bey_pct`` are ``maturity_pct`` / ``worst_pct`` compounded semi-annually (bond-equivalent,
    domain.md); ``worst_date`` is the workout date."""

    current_pct: Decimal | None = None
    maturity_pct: Decimal | None = None
    worst_pct: Decimal | None = None
    worst_date: date | None = None
    maturity_bey_pct: Decimal | None = None
    worst_bey_pct: Decimal | None = None
    reason: str | None = None
    calls_unknown: bool = False  # callable on terms the document does not give: no yield to worst


def compare_rows(
    documents: Iterable[tuple[str, Offering]], settle_date: date | None = None
) -> list[CompareRow]:
    """One row per note of every ``(document, offering)``, in document then note order."""
    return [row_of(document, offering, note, settle_date) for document, offering in documents
            for note in offering.notes]  # fmt: skip


def row_of(document: str, offering: Offering, note: Note, settle_date: date | None = None) -> CompareRow:
    """The row of ``note``: settle date given, else the offering's, else the note's issue date."""
    settle = settle_date or offering.settle_date or note.issue_date
    terms = note.redemption
    scheduled = min((c.date for c in terms.schedule), default=None)  # a zero's stated call amounts
    first_call = (terms.first_call_date or scheduled) if terms.callable else None
    return CompareRow(
        document=document,
        offering=offering,
        note=note,
        settle_date=settle,
        price_pct=note.price_pct if note.price_pct is not None else Decimal(100),
        first_call_date=first_call,
        call_protection_years=_protection(note, settle, first_call),
        warnings=note_warnings(note),
    )


def _protection(note: Note, settle: date | None, first_call: date | None) -> Decimal | None:
    callable_ = note.redemption.callable
    until = note.maturity_date if callable_ is False else first_call
    if settle is None or until is None:
        return None
    years = Decimal(max(0, days_30_360(settle, until))) / 360
    return years.quantize(YEARS_PLACES, rounding=ROUND_HALF_UP)


def row_yields(row: CompareRow) -> RowYields:
    """The yields of ``row``'s note, as ``calc`` prices it; never raises for a note that cannot
    be priced (the reason is kept instead)."""
    try:
        purchase = make_purchase(row.offering, row.note, settle_date=row.settle_date, price_pct=row.price_pct)
        validate(purchase)
        found = purchase_yields(purchase)
    except TermSheetError as err:
        return RowYields(reason=str(err))
    maturity_bey, worst_bey = found.maturity_bey_pct, found.worst_bey_pct  # as calc --json has them
    return RowYields(found.current_pct, found.maturity_pct, found.worst_pct, found.worst_date,
                     maturity_bey, worst_bey, calls_unknown=found.calls_unknown)  # fmt: skip


# --- columns ----------------------------------------------------------------------------------

Getter = Callable[[CompareRow, RowYields | None], Any]


def _y(name: str) -> Getter:
    return lambda row, y: getattr(y, name) if y is not None else None


def _worst(name: str) -> Getter:
    """A yield-to-worst value; none where the calls are unknown (it would be only the yield to
    maturity, domain.md): such a row sorts last."""
    return lambda row, y: getattr(y, name) if y is not None and not y.calls_unknown else None


# Every sortable column (the ``compare --json`` row keys, the yields' keys flattened), with the
# value it sorts on. Frequency sorts by payments a year; text without regard to case.
COLUMNS: dict[str, Getter] = {
    "document": lambda row, y: row.document.lower(),
    "cusip": lambda row, y: row.cusip,
    "issuer": lambda row, y: (row.offering.issuer or "").lower() or None,
    "coupon_type": lambda row, y: row.note.coupon_type.value,
    "coupon_rate_pct": lambda row, y: row.note.coupon_rate_pct,
    "frequency": lambda row, y: row.note.frequency.per_year,
    "maturity_date": lambda row, y: row.note.maturity_date,
    "callable": lambda row, y: row.note.redemption.callable,
    "first_call_date": lambda row, y: row.first_call_date,
    "call_protection_years": lambda row, y: row.call_protection_years,
    "survivors_option": lambda row, y: row.note.survivors_option,
    "price_pct": lambda row, y: row.price_pct,
    "concession_pct": lambda row, y: row.note.concession_pct,
    "settle_date": lambda row, y: row.settle_date,
    "current_pct": _y("current_pct"),
    "maturity_pct": _y("maturity_pct"),
    "worst_pct": _worst("worst_pct"),
    "worst_date": _worst("worst_date"),
    "maturity_bey_pct": _y("maturity_bey_pct"),
    "worst_bey_pct": _worst("worst_bey_pct"),
}
DEFAULT_SORT = ("worst_bey_pct", True)  # contract.md: worst_bey_pct descending


def sort_key(text: str) -> tuple[str, bool]:
    """``worst_pct`` (ascending) or ``-worst_pct`` (descending; ``+`` ascending) as (column,
    descending); ``yields.worst_pct`` names the same column. ``KeyError`` for an unknown one."""
    descending = text.startswith("-")
    name = text.lstrip("+-").strip().removeprefix("yields.")
    if name not in COLUMNS:
        raise KeyError(name)
    return name, descending


class CompareTable:
    """The rows of every loaded note and, as they are computed, their yields.

    ``yields(i)`` computes row ``i``'s yields on first use; ``compute(indices)`` does a batch
    (for a worker thread: each row's result is stored as one list item, and the domain's caches
    are thread-safe); ``order(column, descending)`` sorts by what is known, rows without a value
    (not yet computed, or none) last in either direction, ties in load order."""

    def __init__(self, rows: Sequence[CompareRow]) -> None:
        self.rows = tuple(rows)
        self._yields: list[RowYields | None] = [None] * len(self.rows)

    @classmethod
    def of(cls, documents: Iterable[tuple[str, Offering]], settle_date: date | None = None) -> CompareTable:
        return cls(compare_rows(documents, settle_date))

    def __len__(self) -> int:
        return len(self.rows)

    def known(self, index: int) -> RowYields | None:
        """Row ``index``'s yields if already computed (never computes)."""
        return self._yields[index]

    def yields(self, index: int) -> RowYields:
        found = self._yields[index]
        if found is None:
            found = self._yields[index] = row_yields(self.rows[index])
        return found

    def store(self, index: int, found: RowYields) -> None:
        """Keep ``found`` as row ``index``'s yields (computed elsewhere: ``yields_of`` in another
        process)."""
        self._yields[index] = found

    def adopt(self, old: CompareTable) -> int:
        """Take the yields ``old`` has already computed for the same rows (the same document,
        note, settle date and price: a document added or closed leaves the others' yields as
        they were); the number of rows taken."""
        known = {_same(row): y for row, y in zip(old.rows, old._yields, strict=True) if y is not None}
        taken = 0
        for i, row in enumerate(self.rows):
            found = known.get(_same(row)) if self._yields[i] is None else None
            if found is not None:
                self._yields[i] = found
                taken += 1
        return taken

    def compute(self, indices: Iterable[int] | None = None) -> list[int]:
        """Compute the yields of ``indices`` (default: every row not yet computed); returns the
        rows computed now."""
        todo = [i for i in (range(len(self.rows)) if indices is None else indices) if self._yields[i] is None]
        for i in todo:
            self.yields(i)
        return todo

    def value(self, index: int, column: str) -> Any:
        """The value row ``index`` sorts on in ``column`` (yields as known so far)."""
        return COLUMNS[column](self.rows[index], self._yields[index])

    def order(self, column: str | Getter, descending: bool = False) -> list[int]:
        """Row indices sorted on ``column`` (a ``COLUMNS`` key, or a getter of the same shape
        as theirs); ``KeyError`` for an unknown column."""
        get = COLUMNS[column] if isinstance(column, str) else column
        rows, known = self.rows, self._yields
        keyed = [(get(rows[i], known[i]), i) for i in range(len(rows))]
        present = [(v, i) for v, i in keyed if v is not None]
        present.sort(key=_first, reverse=descending)  # stable: load order kept on ties
        return [i for _, i in present] + [i for v, i in keyed if v is None]


def _first(pair: tuple[Any, int]) -> Any:
    return pair[0]


def _same(row: CompareRow) -> tuple[str, int, date | None, Decimal]:
    """What a row's yields depend on: its note (the very object), settle date and price."""
    return row.document, id(row.note), row.settle_date, row.price_pct


def yields_of(rows: Sequence[CompareRow]) -> list[RowYields]:
    """``row_yields`` of each row (a batch for a worker process: rows in, yields out)."""
    return [row_yields(row) for row in rows]
