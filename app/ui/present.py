"""Qt-free presentation rows: what the window shows, derived from domain objects.

Nothing here computes finance: amounts, dates and checks come from the ``Quote`` and the
``Note``; this module only arranges them (table rows, running totals of the coupons the quote
lists, labelled terms) so the item models and the chart stay thin and testable without Qt.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from itertools import accumulate
from typing import ClassVar, NamedTuple

from app.domain.calendar import non_business_reason, roll_reason
from app.domain.calls import call_dates
from app.domain.errors import TermSheetError
from app.domain.model import (
    CallDate,
    CallFrequency,
    Note,
    Offering,
    ParseWarning,
    Quote,
)
from app.domain.money import format_pct, format_usd
from app.domain.schedule import periods

FREQUENCY_LABEL = {
    "monthly": "Monthly",
    "quarterly": "Quarterly",
    "semiannual": "Semi-annual",
    "annual": "Annual",
    "at-maturity": "At maturity",
    "once": "Once",
    "continuous": "Any time",
}


def fmt_date(d: date | None) -> str:
    """ISO date, the form the contract and the coupon table use; em dash when unknown."""
    return d.isoformat() if d is not None else "—"


def fmt_long_date(d: date | None) -> str:
    """``Mon 2019-12-16`` for labels where the weekday matters."""
    return f"{d:%a} {d.isoformat()}" if d is not None else "—"


def fmt_rate(value: Decimal | None) -> str:
    return format_pct(value, 3)


class RowKind(Enum):
    COUPON = "coupon"
    PRINCIPAL = "principal"


class CashFlowRow(NamedTuple):
    """One row of the coupon calendar: a coupon the purchase receives, or the principal."""

    kind: RowKind
    number: int | None
    accrual_start: date | None
    accrual_end: date | None
    payment_date: date
    days: int | None
    rate_pct: Decimal | None
    amount: Decimal
    cumulative: Decimal | None
    call: CallDate | None
    first_call: bool

    @property
    def rolled(self) -> bool:
        return self.accrual_end is not None and self.payment_date != self.accrual_end

    @property
    def rolled_reason(self) -> str | None:
        """Why the payment moved ("Sunday", "Saturday, Monday: Washington's Birthday")."""
        return roll_reason(self.accrual_end) if self.rolled and self.accrual_end else None


class _Memo:
    """The rows of the last quote: the table, the call schedule and the chart share them."""

    quote: ClassVar[Quote | None] = None
    rows: ClassVar[list[CashFlowRow]] = []
    calls: ClassVar[list[CallIncome]] = []


def cash_flow_rows(quote: Quote) -> list[CashFlowRow]:
    """The coupons of ``quote`` with their running total and call marks, then the principal."""
    if _Memo.quote is quote:
        return _Memo.rows
    calls = {c.date: c for c in quote.calls}
    first_call = quote.calls[0].date if quote.calls else None
    running = accumulate(c.amount for c in quote.coupons)
    coupon = RowKind.COUPON
    rows = [
        CashFlowRow(
            coupon,
            c.number,
            c.accrual_start,
            c.accrual_end,
            c.payment_date,
            c.days,
            c.rate_pct,
            c.amount,
            total,
            calls.get(c.accrual_end),
            c.accrual_end == first_call,
        )
        for c, total in zip(quote.coupons, running, strict=True)
    ]
    r = quote.redemption
    rows.append(
        CashFlowRow(
            RowKind.PRINCIPAL, None, None, r.date, r.payment_date, None, None, r.amount, None, None, False
        )
    )
    _Memo.quote, _Memo.rows, _Memo.calls = quote, rows, _income_to_calls(quote)
    return rows


@dataclass(frozen=True, slots=True)
class CallIncome:
    """Coupons received if the note is called on ``call.date`` against holding to maturity."""

    call: CallDate
    income: Decimal
    to_maturity: Decimal

    @property
    def forgone(self) -> Decimal:
        return self.to_maturity - self.income


def income_to_calls(quote: Quote) -> list[CallIncome]:
    """Running coupon total at each call date (coupons accruing up to and including it)."""
    cash_flow_rows(quote)
    return _Memo.calls


def _income_to_calls(quote: Quote) -> list[CallIncome]:
    ends = [c.accrual_end for c in quote.coupons]
    running = [Decimal(0), *accumulate(c.amount for c in quote.coupons)]
    total = running[-1]
    return [CallIncome(c, running[bisect_right(ends, c.date)], total) for c in quote.calls]


@dataclass(frozen=True, slots=True)
class Term:
    """A labelled term; ``level`` marks checks and warnings (``ok``, ``warn``, ``bad``)."""

    label: str
    value: str
    level: str = ""


@dataclass(frozen=True, slots=True)
class TermGroup:
    title: str
    terms: tuple[Term, ...]


def _yes_no(value: bool | None) -> str:
    return "Not stated" if value is None else ("Yes" if value else "No")


def _text(value: object) -> str:
    return "—" if value is None or value == "" else str(value)


def note_terms(note: Note) -> TermGroup:
    steps = "; ".join(f"{fmt_rate(s.rate_pct)} from {fmt_date(s.from_date)}" for s in note.steps)
    rows = [
        Term(
            "CUSIP",
            note.cusip + ("" if note.cusip_valid else "  (check digit fails)"),
            "" if note.cusip_valid else "bad",
        ),
        Term("Coupon", f"{fmt_rate(note.coupon_rate_pct)} {note.coupon_type.value}"),
        *([Term("Steps", steps)] if steps else []),
        Term("Frequency", FREQUENCY_LABEL.get(note.frequency.value, note.frequency.value)),
        Term("Day count", note.day_count.value),
        Term("Issue (accrual) date", fmt_date(note.issue_date)),
        Term("1st coupon date", fmt_date(note.first_coupon_date)),
        Term("1st coupon per $1,000", format_usd(note.first_coupon_amount)),
        Term("Maturity date", fmt_date(note.maturity_date)),
        Term("Selling price", fmt_rate(note.price_pct)),
        Term("Gross concession", fmt_rate(note.concession_pct)),
        Term("Principal amount", format_usd(note.principal_amount)),
        Term("Net proceeds", format_usd(note.net_proceeds)),
        Term("Ranking", _text(note.ranking)),
    ]
    return TermGroup("Note", tuple(rows))


def offering_terms(o: Offering) -> TermGroup:
    period = (
        f"{fmt_date(o.offering_start)} to {fmt_date(o.offering_end)}"
        if o.offering_start or o.offering_end
        else "—"
    )
    rows = [
        Term("Issuer", _text(o.issuer)),
        Term("Program", _text(o.program)),
        Term("Document", _text(o.document) + (" (preliminary)" if o.preliminary else "")),
        Term("Supplement date", fmt_date(o.supplement_date)),
        Term("Prospectus date", fmt_date(o.prospectus_date)),
        Term("Registration no.", _text(o.registration_no)),
        Term("Offering period", period),
        Term("Trade date", fmt_date(o.trade_date)),
        Term("Settle date", fmt_date(o.settle_date)),
        Term("Minimum / increment", f"{format_usd(o.minimum_denomination)} / {format_usd(o.increment)}"),
        Term("DTC number", _text(o.dtc_number)),
        Term("Agents", ", ".join(o.agents) or "—"),
    ]
    return TermGroup("Offering", tuple(rows))


def call_count(note: Note) -> int | None:
    """How many call dates the note has over its life (None when its schedule cannot be formed)."""
    try:
        return len(call_dates(note, periods(note)))
    except TermSheetError:
        return None


def redemption_terms(note: Note) -> TermGroup:
    r = note.redemption
    rows = [Term("Callable", _yes_no(r.callable))]
    if r.callable:
        freq = FREQUENCY_LABEL.get(r.frequency.value, r.frequency.value) if r.frequency else "—"
        notice = "—"
        if r.notice_days:
            kind = "business" if r.notice_kind and r.notice_kind.value == "business" else "calendar"
            notice = f"{r.notice_days} {kind} days"
        rows += [
            Term("First call date", fmt_date(r.first_call_date)),
            Term("Then", freq if r.frequency is not CallFrequency.ONCE else "Once only"),
            Term("Call price", fmt_rate(r.price_pct) if r.price_pct is not None else "100.000%"),
            Term("Notice", notice),
        ]
        if r.make_whole:
            rows.append(Term("Make-whole", "Yes"))
        count = call_count(note)
        if count is not None:
            rows.append(Term("Call dates", str(count)))
    if r.text:
        rows.append(Term("As printed", r.text))
    return TermGroup("Redemption", tuple(rows))


def survivor_terms(note: Note) -> TermGroup:
    rows = [Term("Survivor's option", _yes_no(note.survivors_option))]
    if note.survivors_option_text:
        rows.append(Term("As printed", note.survivors_option_text))
    return TermGroup("Survivor's option", tuple(rows))


def first_coupon_text(quote: Quote) -> tuple[str, str]:
    """("1st coupon amount $1.04 matches 30/360", "ok") and its level."""
    check = quote.first_coupon
    basis = quote.purchase.note.day_count.value
    if check.computed is None:
        return "1st coupon amount: schedule could not be computed", "bad"
    if check.printed is None:
        return f"1st coupon amount not printed; {basis} gives {format_usd(check.computed)} per $1,000", ""
    if check.matches:
        return f"1st coupon amount {format_usd(check.printed)} matches {basis}", "ok"
    return (
        f"1st coupon amount {format_usd(check.printed)} printed, {basis} gives "
        f"{format_usd(check.computed)} per $1,000",
        "bad",
    )


def check_terms(note: Note, quote: Quote | None, warnings: list[ParseWarning]) -> TermGroup:
    rows: list[Term] = []
    if quote is not None:
        text, level = first_coupon_text(quote)
        rows.append(Term("1st coupon", text, level))
        maturity = quote.redemption
        if maturity.payment_date != maturity.date:
            rows.append(
                Term(
                    "Maturity payment",
                    f"paid {fmt_date(maturity.payment_date)}: {roll_reason(maturity.date)}",
                )
            )
        rows.extend(Term(w.where or "Warning", w.message, "warn") for w in quote.warnings)
    rows.append(
        Term(
            "CUSIP check digit",
            "valid" if note.cusip_valid else "invalid",
            "ok" if note.cusip_valid else "bad",
        )
    )
    mine = [w for w in warnings if not w.where or note.cusip in w.where or "offering" in w.where]
    others = [w for w in warnings if w not in mine]
    rows.extend(Term(w.where or "Document", w.message, "warn") for w in mine)
    if others:
        rows.append(Term("Other CUSIPs", f"{len(others)} warning(s) in this document", "warn"))
    return TermGroup("Checks and warnings", tuple(rows))


def terms_groups(
    offering: Offering, note: Note, warnings: list[ParseWarning], quote: Quote | None
) -> list[TermGroup]:
    """Every term of ``note`` and its offering, grouped for the terms view."""
    return [
        check_terms(note, quote, warnings),
        note_terms(note),
        redemption_terms(note),
        survivor_terms(note),
        offering_terms(offering),
    ]


def settle_flag(d: date) -> str | None:
    """Why a settle date is not a New York banking day ("Saturday", "Thanksgiving"), or None."""
    return non_business_reason(d)


def search_text(offering: Offering, note: Note | None, name: str) -> str:
    """Lower-case words the offerings filter matches: CUSIP, issuer, rate, maturity year."""
    parts = [name, offering.issuer or "", offering.program or "", offering.document or ""]
    if note is not None:
        parts += [
            note.cusip,
            fmt_rate(note.coupon_rate_pct),
            str(note.coupon_rate_pct or ""),
            note.maturity_date.isoformat(),
            FREQUENCY_LABEL.get(note.frequency.value, ""),
        ]
        if note.redemption.callable:
            parts.append("callable")
        if note.survivors_option:
            parts.append("survivor")
    return " ".join(parts).lower()


class CallRow(NamedTuple):
    """A row of the call schedule: a call date (or maturity, ``call`` None) with what the
    purchase earns if redeemed then."""

    date: date
    payment_date: date
    notice_date: date | None
    price_pct: Decimal
    income: Decimal
    forgone: Decimal
    yield_pct: Decimal | None
    workout: bool
    first: bool

    @property
    def is_maturity(self) -> bool:
        return self.notice_date is None


def call_rows(quote: Quote) -> list[CallRow]:
    """Each call after settle with the coupons received to it and its yield, then maturity."""
    y = quote.yields
    to_call = {t.date: t.yield_pct for t in y.to_call} if y is not None else {}
    worst = y.worst_date if y is not None else None
    incomes = income_to_calls(quote)
    rows = [
        CallRow(
            c.call.date,
            c.call.payment_date,
            c.call.notice_date,
            c.call.price_pct,
            c.income,
            c.forgone,
            to_call.get(c.call.date),
            c.call.date == worst,
            i == 0,
        )
        for i, c in enumerate(incomes)
    ]
    total = sum((c.amount for c in quote.coupons), Decimal(0))
    r = quote.redemption
    rows.append(
        CallRow(
            r.date,
            r.payment_date,
            None,
            Decimal(100),
            total,
            Decimal(0),
            y.maturity_pct if y is not None else None,
            r.date == worst,
            False,
        )
    )
    return rows
