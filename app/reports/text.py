"""Readable plain-text tables for ``show`` and ``calc`` on a terminal."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from app.domain.calendar import roll_reason
from app.domain.model import Note, Offering, ParseWarning, Quote, Redemption
from app.domain.money import format_pct, format_usd


def _date(d: date | None) -> str:
    return d.isoformat() if d else "—"


def _flag(v: bool | None) -> str:
    return "—" if v is None else ("yes" if v else "no")


def call_terms(r: Redemption) -> str:
    """Call terms in words: "callable at 100% from 2020-11-15, monthly, 30 calendar days' notice"."""
    if r.callable is False:
        return "non-callable"
    if r.callable is None:
        return "not stated"
    if r.make_whole and r.first_call_date is None:
        spread = (
            f" at Treasuries + {r.make_whole_spread_bps} bps" if r.make_whole_spread_bps is not None else ""
        )
        return f"make-whole call{spread}"
    if r.first_call_date is None:
        return "callable (terms in the prospectus)"
    price = format_pct(r.price_pct, 2) if r.price_pct is not None else "100%"
    freq = r.frequency.value if r.frequency else "once"
    text = f"callable at {price} from {r.first_call_date}, {freq}"
    if r.notice_days:
        kind = r.notice_kind.value if r.notice_kind else "calendar"
        text += f", {r.notice_days} {kind} days' notice"
    return text


def _warnings(warnings: Sequence[ParseWarning]) -> list[str]:
    if not warnings:
        return []
    return ["", "Warnings:"] + [f"  ! {w.where}: {w.message}" for w in warnings]


def offering_text(offering: Offering, warnings: Sequence[ParseWarning]) -> str:
    """The offering's facts and one line per note."""
    o = offering
    lines = [
        f"{o.issuer or 'Unknown issuer'} — {o.program or ''}".rstrip(" —"),
        f"{o.document or ''}{' (preliminary)' if o.preliminary else ''}".strip(),
        f"Offering {_date(o.offering_start)} to {_date(o.offering_end)}; trade {_date(o.trade_date)};"
        f" settle {_date(o.settle_date)}",
        f"Minimum {format_usd(o.minimum_denomination)} / increment {format_usd(o.increment)};"
        f" DTC {o.dtc_number or '—'}; agents: {', '.join(o.agents) or '—'}",
        "",
        f"{'CUSIP':<10} {'rate':>8} {'frequency':<11} {'maturity':<10} {'1st coupon':<10}"
        f" {'per $1k':>8} {'price':>8} {'conc.':>7} {'SO':<3} call terms",
    ]
    lines += [_note_line(n) for n in o.notes]
    return "\n".join(lines + _warnings(warnings)) + "\n"


def _note_line(n: Note) -> str:
    amount = format_usd(n.first_coupon_amount) if n.first_coupon_amount is not None else "—"
    return (
        f"{n.cusip:<10} {format_pct(n.coupon_rate_pct):>8} {n.frequency.value:<11}"
        f" {_date(n.maturity_date):<10} {_date(n.first_coupon_date):<10} {amount:>8}"
        f" {format_pct(n.price_pct):>8} {format_pct(n.concession_pct):>7}"
        f" {_flag(n.survivors_option):<3} {call_terms(n.redemption)}"
    )


def _pct(v: Decimal | None) -> str:
    return format_pct(v, 3)


def quote_text(offering: Offering, q: Quote) -> str:
    """The purchase's figures, coupon calendar, calls and yields."""
    p, n = q.purchase, q.purchase.note
    fc = q.first_coupon
    lines = [
        f"{n.cusip}  {offering.issuer or ''}  {format_pct(n.coupon_rate_pct)} {n.frequency.value},"
        f" matures {n.maturity_date}",
        f"Purchase {format_usd(p.amount)} at {p.price_pct}% settling {p.settle_date}",
        "",
        f"  Principal         {format_usd(q.principal):>16}",
        f"  Accrued interest  {format_usd(q.accrued_interest):>16}  ({q.accrued_days} days from"
        f" {q.accrual_start})",
        f"  Total cost        {format_usd(q.total):>16}",
        f"  Concession        {format_usd(q.concession):>16}",
        f"  Annual income     {format_usd(q.annual_income):>16}",
        f"  1st coupon/$1,000 printed {format_usd(fc.printed)}, computed {format_usd(fc.computed)}"
        f" ({'matches' if fc.matches else 'DOES NOT MATCH'})",
    ]
    if q.yields:
        y = q.yields
        lines.append(
            f"  Yields            current {_pct(y.current_pct)}, to maturity {_pct(y.maturity_pct)},"
            f" to worst {_pct(y.worst_pct)} ({_date(y.worst_date)})"
        )
    lines += [
        "",
        f"  {'#':>3}  {'accrual start':<13} {'accrual end':<11} {'paid':<10} {'days':>4}"
        f" {'rate':>7} {'amount':>12}",
    ]
    call_dates = {c.date for c in q.calls}
    for c in q.coupons:
        mark = "  call" if c.accrual_end in call_dates else ""
        rolled = f"  rolled: {roll_reason(c.accrual_end)}" if c.payment_date != c.accrual_end else ""
        lines.append(
            f"  {c.number:>3}  {c.accrual_start!s:<13} {c.accrual_end!s:<11} {c.payment_date!s:<10}"
            f" {c.days:>4} {format_pct(c.rate_pct):>7} {format_usd(c.amount):>12}{mark}{rolled}"
        )
    r = q.redemption
    lines.append(f"  principal repaid {r.payment_date}: {format_usd(r.amount)}")
    if q.calls:
        to_call = {t.date: t.yield_pct for t in q.yields.to_call} if q.yields else {}
        worst = q.yields.worst_date if q.yields else None
        lines += ["", f"  {'call date':<11} {'paid':<10} {'notice by':<10} {'price':>8} {'yield':>8}"]
        for c in q.calls:
            mark = "  ← worst" if c.date == worst else ""
            lines.append(
                f"  {c.date!s:<11} {c.payment_date!s:<10} {c.notice_date!s:<10} {c.price_pct:>7}%"
                f" {_pct(to_call.get(c.date)):>8}{mark}"
            )
    return "\n".join(lines + _warnings(q.warnings)) + "\n"
