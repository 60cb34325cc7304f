"""A Quote as the contract's ``calc --json`` object (decimal strings, ISO dates, never floats).

Prices (the purchase's and each call's) are echoed as every output echoes them: at least three
decimals (``money.price_digits``: "100.000", "99.648", "101.2345"); the text outputs add "%"."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from app.domain.model import Quote, SurvivorOption, Yields
from app.domain.money import price_digits, round_cents
from app.sources.offering_json import printed_accrued_block, printed_yield_block


def _d(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _s(value: Decimal | None) -> str | None:
    return str(value) if value is not None else None


def quote_dict(q: Quote) -> dict[str, Any]:
    """Every key of the contract's ``calc --json``, in its order, then the later ones. The
    printed yield and accrued interest blocks are the document's, checked at its own price and
    settle date (like the first coupon's, whatever this purchase's), as ``show --json`` has them."""
    p = q.purchase
    return {
        "cusip": p.note.cusip,
        "amount": str(round_cents(p.amount)),
        "settle_date": _d(p.settle_date),
        "price_pct": price_digits(p.price_pct),
        "principal": str(q.principal),
        "accrual_start": _d(q.accrual_start),
        "accrued_days": q.accrued_days,
        "accrued_interest": str(q.accrued_interest),
        "total": str(q.total),
        "concession": _s(q.concession),
        "annual_income": str(q.annual_income),
        "first_coupon_per_1000": {
            "printed": _s(q.first_coupon.printed),
            "computed": _s(q.first_coupon.computed),
            "matches": q.first_coupon.matches,
        },
        "printed_yield": printed_yield_block(q.printed_yield),
        "printed_accrued_interest": printed_accrued_block(q.printed_accrued),
        "coupons": [
            {
                "number": c.number,
                "accrual_start": _d(c.accrual_start),
                "accrual_end": _d(c.accrual_end),
                "payment_date": _d(c.payment_date),
                "days": c.days,
                "rate_pct": str(c.rate_pct),
                "amount": str(c.amount),
            }
            for c in q.coupons
        ],
        "redemption": {
            "date": _d(q.redemption.date),
            "payment_date": _d(q.redemption.payment_date),
            "amount": str(q.redemption.amount),
        },
        "calls": [
            {
                "date": _d(c.date),
                "payment_date": _d(c.payment_date),
                "notice_date": _d(c.notice_date),
                "price_pct": price_digits(c.price_pct),
                "amount": str(q.call_amount(c)),
            }
            for c in q.calls
        ],
        "yields": yields_dict(q.yields),
        "survivor": _survivor(q.survivor),
        "warnings": [{"where": w.where, "message": w.message} for w in q.warnings],
    }


def yields_dict(y: Yields | None) -> dict[str, Any]:
    """The ``yields`` block: the contract's keys, then what the yield to worst is
    (``worst_basis``: "call", "maturity" or "maturity-calls-unknown", with ``worst_note`` saying
    why) and the bond-equivalent yields (semi-annual) beside the yields they restate."""
    if y is None:
        return dict.fromkeys(_YIELD_KEYS) | {"to_call": [], "calls_unknown": False}
    basis = y.worst_basis
    return {
        "current_pct": _s(y.current_pct),
        "maturity_pct": _s(y.maturity_pct),
        "worst_pct": _s(y.worst_pct),
        "worst_date": _d(y.worst_date),
        "to_call": [{"date": _d(t.date), "yield_pct": str(t.yield_pct)} for t in y.to_call],
        "maturity_bey_pct": _s(y.maturity_bey_pct),
        "worst_bey_pct": _s(y.worst_bey_pct),
        "worst_basis": basis.value if basis else None,
        "worst_note": y.worst_note,
        "calls_unknown": y.calls_unknown,
    }


_YIELD_KEYS = (
    "current_pct", "maturity_pct", "worst_pct", "worst_date", "to_call",
    "maturity_bey_pct", "worst_bey_pct", "worst_basis", "worst_note",
)  # fmt: skip


def _survivor(s: SurvivorOption | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {"eligible_date": _d(s.eligible_date), "estate_amount": _s(s.estate_amount), "limits": s.limits}
