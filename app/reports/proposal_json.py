"""A proposal as the contract's ``proposal --json`` object (decimal strings, ISO dates).

Each priced position is exactly its ``calc --json``; one that cannot be priced is
``{"document", "cusip", "amount", "settle_date", "price_pct", "error": {"field", "message"}}``.
``cash_flows``, ``by_month`` and ``by_year`` carry the contract's keys only; the extensions are
new keys beside them (``advisor``, ``note``, ``totals.face_amount`` / ``interest`` /
``positions`` / ``priced``, ``if_called_first.income_at_risk`` / ``by_month`` / ``cash_flows``
/ ``calls``, where ``position`` 1 is the first of ``positions``).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from app.domain.holding import CashFlow, Holding
from app.domain.proposal import PeriodSums, Proposal
from app.reports.calc_json import quote_dict


def _s(value: Decimal | None) -> str | None:
    return str(value) if value is not None else None


def position_dict(h: Holding) -> dict[str, Any]:
    """``calc --json`` of a priced position; the position and its error otherwise."""
    if h.quote is not None:
        return quote_dict(h.quote)
    p = h.position
    return {
        "document": p.document,
        "cusip": p.cusip,
        "amount": _s(p.amount),
        "settle_date": p.settle_date.isoformat() if p.settle_date else None,
        "price_pct": _s(p.price_pct),
        "error": {"field": h.error.field if h.error else None, "message": str(h.error)},
    }


def flow_dict(f: CashFlow) -> dict[str, Any]:
    return {"payment_date": f.payment_date.isoformat(), "cusip": f.cusip, "kind": f.kind.value,
            "amount": str(f.amount)}  # fmt: skip


def months(rows: Iterable[PeriodSums]) -> list[dict[str, Any]]:
    return [{"month": r.month, "interest": str(r.interest), "principal": str(r.principal)} for r in rows]


def years(rows: Iterable[PeriodSums]) -> list[dict[str, Any]]:
    return [{"year": r.year, "interest": str(r.interest), "principal": str(r.principal)} for r in rows]


def totals_dict(p: Proposal) -> dict[str, Any]:
    t = p.totals
    return {
        "principal": str(t.principal),
        "accrued_interest": str(t.accrued_interest),
        "total": str(t.total),
        "concession": _s(t.concession),
        "annual_income": str(t.annual_income),
        "face_amount": str(t.face_amount),
        "interest": str(t.interest),
        "positions": t.positions,
        "priced": t.priced,
    }


def called_dict(p: Proposal) -> dict[str, Any]:
    risk = p.call_risk
    return {
        "total_interest": str(risk.interest),
        "by_year": years(p.by_year(called=True)),
        "income_at_risk": str(risk.income_at_risk),
        "by_month": months(p.by_month(called=True)),
        "cash_flows": [flow_dict(f) for f in p.cash_flows(called=True)],
        "calls": [
            {
                "position": c.position + 1,
                "cusip": c.cusip,
                "date": c.call.date.isoformat(),
                "payment_date": c.call.payment_date.isoformat(),
                "notice_date": c.call.notice_date.isoformat(),
                "price_pct": str(c.call.price_pct),
                "amount": str(c.amount),
                "interest_lost": str(c.interest_lost),
            }
            for c in risk.calls
        ],
    }


def proposal_dict(p: Proposal) -> dict[str, Any]:
    """Every key of the contract's ``proposal --json``, in its order, then the extensions."""
    return {
        "client": p.client,
        "positions": [position_dict(h) for h in p.holdings],
        "totals": totals_dict(p),
        "cash_flows": [flow_dict(f) for f in p.cash_flows()],
        "by_month": months(p.by_month()),
        "by_year": years(p.by_year()),
        "if_called_first": called_dict(p),
        "warnings": [{"where": w.where, "message": w.message} for w in p.warnings],
        "advisor": p.advisor,
        "note": p.note,
    }
