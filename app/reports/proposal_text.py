"""A proposal as readable text for ``proposal`` on a terminal: positions, totals, income by year
held to maturity and if every callable note is called first."""

from __future__ import annotations

from app.domain.holding import Holding
from app.domain.money import format_pct, format_price, format_usd
from app.domain.proposal import Proposal
from app.present.words import WORST_NOT_KNOWN


def _position_line(number: int, h: Holding) -> str:
    q = h.quote
    if q is None:
        p = h.position
        return f"  {number:>2}  {p.cusip or '—':<10} not priced: {h.error}"
    issuer = (h.offering.issuer if h.offering else None) or "—"
    y = q.yields
    worst = "—" if y is None else WORST_NOT_KNOWN if y.calls_unknown else format_pct(y.worst_pct)
    return (
        f"  {number:>2}  {q.purchase.note.cusip:<10} {issuer[:22]:<22} {format_usd(q.purchase.amount):>15}"
        f" {q.purchase.settle_date!s:<10} {format_price(q.purchase.price_pct):>8} {format_usd(q.total):>15}"
        f" {format_usd(q.annual_income):>12} {worst:>8}"
    )


def proposal_text(p: Proposal) -> str:
    """The proposal's figures in plain text (``--json`` has every payment and month)."""
    t, risk = p.totals, p.call_risk
    lines = [
        f"Proposal for {p.client or '—'}" + (f", prepared by {p.advisor}" if p.advisor else ""),
        *([p.note] if p.note else []),
        "",
        f"   #  {'CUSIP':<10} {'issuer':<22} {'amount':>15} {'settle':<10} {'price':>8} {'total cost':>15}"
        f" {'income/yr':>12} {'YTW':>8}",
        *(_position_line(i, h) for i, h in enumerate(p.holdings, start=1)),
        "",
        f"  Principal         {format_usd(t.principal):>16}",
        f"  Accrued interest  {format_usd(t.accrued_interest):>16}",
        f"  Total cost        {format_usd(t.total):>16}",
        f"  Concession        {format_usd(t.concession):>16}",
        f"  Annual income     {format_usd(t.annual_income):>16}",
        f"  Interest to maturity {format_usd(t.interest):>13}",
        f"  If called first   {format_usd(risk.interest):>16}"
        f"  (income at risk {format_usd(risk.income_at_risk)})",
        "",
        f"  {'year':<6} {'interest':>14} {'principal':>16}   {'if called: interest':>20} {'principal':>16}",
    ]
    for year, h, c in p.by_year_both():
        lines.append(
            f"  {year:<6} {format_usd(h.interest):>14} {format_usd(h.principal):>16}"
            f"   {format_usd(c.interest):>20} {format_usd(c.principal):>16}"
        )
    if p.warnings:
        lines += ["", "Warnings:"] + [f"  ! {w.where}: {w.message}" for w in p.warnings]
    return "\n".join(lines) + "\n"
