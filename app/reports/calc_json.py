"""A Quote as the contract's ``calc --json`` object (decimal strings, ISO dates, never floats)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from app.domain.model import Quote
from app.domain.money import round_cents


def _d(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _s(value: Decimal | None) -> str | None:
    return str(value) if value is not None else None


def quote_dict(q: Quote) -> dict[str, Any]:
    """Every key of the contract's ``calc --json``, in its order."""
    p = q.purchase
    y = q.yields
    return {
        "cusip": p.note.cusip,
        "amount": str(round_cents(p.amount)),
        "settle_date": _d(p.settle_date),
        "price_pct": str(p.price_pct),
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
                "price_pct": str(c.price_pct),
            }
            for c in q.calls
        ],
        "yields": {
            "current_pct": _s(y.current_pct) if y else None,
            "maturity_pct": _s(y.maturity_pct) if y else None,
            "worst_pct": _s(y.worst_pct) if y else None,
            "worst_date": _d(y.worst_date) if y else None,
            "to_call": [{"date": _d(t.date), "yield_pct": str(t.yield_pct)} for t in y.to_call] if y else [],
        },
        "warnings": [{"where": w.where, "message": w.message} for w in q.warnings],
    }
