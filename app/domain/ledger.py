"""A proposal's running sums by payment month and year: interest, principal and the number of
payments, exact ``Decimal`` sums that each position's contribution (``holding.Sums``) is added
to, taken from, or moved by a difference, so an edit costs that position only."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from app.domain.holding import ZERO, Scenario, Sums


class PeriodSums(NamedTuple):
    """Interest and principal paid in one month or year (``start`` is its first day)."""

    start: date
    interest: Decimal
    principal: Decimal
    payments: int

    @property
    def month(self) -> str:
        """``2020-01``."""
        return f"{self.start.year:04d}-{self.start.month:02d}"

    @property
    def year(self) -> int:
        return self.start.year


class MonthSeries(NamedTuple):
    """Interest and principal of every month from ``first`` (a first of month) on, months with
    no payment included (zero): the chart's bars."""

    first: date
    interest: tuple[Decimal, ...]
    principal: tuple[Decimal, ...]


class Ledger:
    """Interest, principal and payment count per key (a month index year·12 + month − 1, or a
    year)."""

    def __init__(self) -> None:
        self.rows: dict[int, list[Any]] = {}  # [interest, principal, payments]

    def apply(self, sums: Sums, sign: int) -> None:
        """Add (``sign`` 1) or take away (−1) one case's sums."""
        rows = self.rows
        if sign > 0:
            for key, interest, count in zip(sums.keys, sums.interest, sums.coupons, strict=True):
                row = rows.get(key)
                if row is None:
                    rows[key] = [interest, ZERO, count]
                else:
                    row[0] += interest
                    row[2] += count
            row = rows.setdefault(sums.principal_key, [ZERO, ZERO, 0])
            row[1] += sums.principal
            row[2] += 1
            return
        # a month holding this case's principal keeps its count above 0 until the principal goes
        for key, interest, count in zip(sums.keys, sums.interest, sums.coupons, strict=True):
            row = rows[key]
            row[0] -= interest
            row[2] -= count
            if not row[2]:
                del rows[key]
        row = rows[sums.principal_key]
        row[1] -= sums.principal
        row[2] -= 1
        if not row[2]:
            del rows[sums.principal_key]

    def shift(self, old: Sums, new: Sums) -> None:
        """``new`` in place of ``old``: sums over the same payments (an amount edit), so each row
        moves by the difference."""
        rows = self.rows
        for key, after, before in zip(new.keys, new.interest, old.interest, strict=True):
            if after != before:
                rows[key][0] += after - before
        rows[new.principal_key][1] += new.principal - old.principal


class CaseLedger:
    """One case's (held to maturity, or if called first) sums by month and by year."""

    def __init__(self) -> None:
        self.months, self.years = Ledger(), Ledger()

    def apply(self, case: Scenario, sign: int) -> None:
        self.months.apply(case.by_month, sign)
        self.years.apply(case.by_year, sign)

    def shift(self, old: Scenario, new: Scenario) -> None:
        self.months.shift(old.by_month, new.by_month)
        self.years.shift(old.by_year, new.by_year)

    def by_month(self) -> list[PeriodSums]:
        """Each month with a payment, in month order."""
        rows, make = self.months.rows, PeriodSums._make
        return [make((month_start(k), *rows[k])) for k in sorted(rows)]

    def by_year(self) -> list[PeriodSums]:
        """Each year with a payment, in year order."""
        rows, make = self.years.rows, PeriodSums._make
        return [make((date(k, 1, 1), *rows[k])) for k in sorted(rows)]

    def series(self) -> MonthSeries | None:
        """Every month from the first payment to the last (None without any payment)."""
        rows = self.months.rows
        if not rows:
            return None
        first, last = min(rows), max(rows)
        none = (ZERO, ZERO)
        span = [rows.get(k, none) for k in range(first, last + 1)]
        return MonthSeries(month_start(first), tuple(r[0] for r in span), tuple(r[1] for r in span))


@lru_cache(maxsize=2400)
def month_start(index: int) -> date:
    """The first day of month ``index`` (year·12 + month − 1)."""
    return date(index // 12, index % 12 + 1, 1)


def no_sums(year: int) -> PeriodSums:
    """A year with no payment."""
    return PeriodSums(date(year, 1, 1), ZERO, ZERO, 0)
