"""Qt-free rows and arrays of the proposal panel, read from a ``Proposal``: each position as a
row of values (or with the error that keeps it unpriced), the month and year sums as rows, and
the chart's bars and marks as float arrays. Nothing here computes finance: every amount is the
domain's, only arranged (and, for the chart, turned into floats that are drawn, never shown)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from app.domain.holding import CashFlow, FlowKind, Holding
from app.domain.ledger import MonthSeries, PeriodSums
from app.domain.money import format_usd
from app.domain.proposal import Proposal
from app.present.chart_arrays import DAY, EMPTY, Floats, epoch
from app.present.rows import fmt_date

KIND_LABEL = {FlowKind.COUPON: "Coupon", FlowKind.PRINCIPAL: "Maturity", FlowKind.CALL: "Call"}
BAR_DAYS = 30 * 0.62  # a month's bar, as wide as the note chart's monthly coupon bars


class PositionRow(NamedTuple):
    """One position as the table shows it; the figures are None while it is not priced."""

    number: int
    cusip: str
    issuer: str
    amount: Decimal | None
    settle_date: date | None
    price_pct: Decimal | None
    total: Decimal | None
    annual_income: Decimal | None
    worst_pct: Decimal | None
    worst_date: date | None
    document: str
    error: str | None
    error_field: str | None
    calls_unknown: bool = False  # no yield to worst (``worst_pct`` None): the calls are unknown


def position_row(index: int, h: Holding) -> PositionRow:
    """Row ``index`` (0-based) of the positions table: the purchase priced, else as entered."""
    p, q = h.position, h.quote
    issuer = (h.offering.issuer if h.offering else None) or ""
    error = None if h.error is None else str(h.error)
    field = None if h.error is None else h.error.field
    if q is None:
        return PositionRow(index + 1, p.cusip, issuer, p.amount, p.settle_date, p.price_pct,
                           None, None, None, None, p.document, error, field)  # fmt: skip
    purchase, y = q.purchase, q.yields
    worst = y if y is not None and not y.calls_unknown else None  # unknown calls: no worst
    return PositionRow(
        index + 1, purchase.note.cusip, issuer, purchase.amount, purchase.settle_date, purchase.price_pct,
        q.total, q.annual_income, worst.worst_pct if worst else None, worst.worst_date if worst else None,
        p.document, None, None, bool(y and y.calls_unknown),
    )  # fmt: skip


def period_total(row: PeriodSums) -> Decimal:
    """What a month or year pays in all: its interest and its principal."""
    return row.interest + row.principal


def flow_tip(flow: CashFlow) -> str:
    """A payment's tooltip: what it is and, when it was rolled, the date it was due."""
    what = KIND_LABEL[flow.kind]
    if flow.coupon is not None:
        what = f"Coupon {flow.coupon.number} ({flow.coupon.days} days)"
    moved = f"; due {fmt_date(flow.due_date)}" if flow.due_date != flow.payment_date else ""
    return f"{flow.cusip}: {what}, {format_usd(flow.amount)} paid {fmt_date(flow.payment_date)}{moved}"


@dataclass(frozen=True)
class Marks:
    """What the chart marks besides the bars: each principal return (maturity or call) and each
    position's first call date, with a label each, in date order."""

    principal_x: Floats
    principal_labels: tuple[str, ...]
    principal_cusips: tuple[str, ...]
    call_x: Floats
    call_labels: tuple[str, ...]


class MonthBars(NamedTuple):
    """The chart's bars: one per month of ``series`` (first payment to last), centred in its
    month; the heights are the series' amounts as floats (the tooltips read the series)."""

    series: MonthSeries | None
    x: Floats
    interest: Floats
    principal: Floats

    def month_at(self, x: float) -> int | None:
        """The index of the month whose bar is drawn at ``x`` (epoch seconds), if any."""
        if not self.x.size:
            return None
        i = int(np.clip(np.searchsorted(self.x, x), 0, self.x.size - 1))
        best = min((j for j in (i - 1, i) if 0 <= j < self.x.size), key=lambda j: abs(self.x[j] - x))
        return best if abs(self.x[best] - x) <= BAR_DAYS * DAY / 2 else None


NO_BARS = MonthBars(None, EMPTY, EMPTY, EMPTY)


def month_bars(series: MonthSeries | None) -> MonthBars:
    """The bars of ``series`` (``Proposal.month_series``): interest and principal per month."""
    if series is None or not series.interest:
        return NO_BARS
    n = len(series.interest)
    x = _month_mids(series.first.year * 12 + series.first.month - 1, n)
    interest = np.fromiter(map(float, series.interest), float, n)
    principal = np.fromiter(map(float, series.principal), float, n)
    return MonthBars(series, x, interest, principal)


@lru_cache(maxsize=64)
def _month_mids(start: int, n: int) -> Floats:
    """The 15th of ``n`` months from month ``start`` (year·12 + month − 1) in epoch seconds;
    cached: an amount edit keeps the months (the array is shared: never written to)."""
    days = [date(k // 12, k % 12 + 1, 15).toordinal() for k in range(start, start + n)]
    x = (np.array(days, dtype=float) - date(1970, 1, 1).toordinal()) * DAY
    x.setflags(write=False)
    return x


def marks(p: Proposal, called: bool) -> Marks:
    """The principal returns of ``p`` (held to maturity, or if called first) and its first call
    dates (the dates "if called first" assumes)."""
    flows = sorted(p.principal_flows(called), key=lambda f: (f.payment_date, f.position))
    calls = sorted(p.call_risk.calls, key=lambda c: (c.call.date, c.position))
    return Marks(
        _epochs([f.payment_date for f in flows]),
        tuple(f"{f.cusip} {KIND_LABEL[f.kind].lower()} {format_usd(f.amount)}" for f in flows),
        tuple(f.cusip for f in flows),
        _epochs([c.call.date for c in calls]),
        tuple(f"{c.cusip} first call {fmt_date(c.call.date)}" for c in calls),
    )


def _epochs(dates: Sequence[date]) -> Floats:
    return np.fromiter(map(epoch, dates), float, len(dates)) if dates else EMPTY


def _month(series: MonthSeries, index: int) -> tuple[date, float, float]:
    """Month ``index`` of ``series``: its first day, and its start and end in epoch seconds."""
    start = series.first.year * 12 + series.first.month - 1 + index
    month = date(start // 12, start % 12 + 1, 1)
    return month, epoch(month), epoch((month.replace(day=28) + timedelta(days=4)).replace(day=1))


def month_tip(bars: MonthBars, index: int, marks_: Marks) -> str:
    """The tooltip of the bar of month ``index``: its interest and principal, and which
    principal returns and first calls fall in it."""
    series = bars.series
    if series is None or not 0 <= index < len(series.interest):
        return ""
    month, lo, hi = _month(series, index)
    lines = [f"{month:%B %Y}", f"Interest {format_usd(series.interest[index])}"]
    if series.principal[index]:
        lines.append(f"Principal {format_usd(series.principal[index])}")
    for xs, labels in ((marks_.principal_x, marks_.principal_labels), (marks_.call_x, marks_.call_labels)):
        lines += [label for x, label in zip(xs.tolist(), labels, strict=True) if lo <= x < hi]
    return "\n".join(lines)


def principal_labels(bars: MonthBars, marks_: Marks) -> list[tuple[str, float]]:
    """A label and its x for each month returning principal: the note (or how many) and the
    month's principal (``02006DTT8 $25,000.00``, ``2 notes $35,000.00``)."""
    series = bars.series
    if series is None:
        return []
    found = []
    xs = marks_.principal_x.tolist()
    for k in np.flatnonzero(bars.principal).tolist():
        _, lo, hi = _month(series, k)
        cusips = [c for x, c in zip(xs, marks_.principal_cusips, strict=True) if lo <= x < hi]
        who = cusips[0] if len(cusips) == 1 else f"{len(cusips)} notes"
        found.append((f"{who} {format_usd(series.principal[k])}", float(bars.x[k])))
    return found
