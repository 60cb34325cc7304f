"""Readable plain-text tables for ``show`` and ``calc`` on a terminal."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from app.domain.calendar import roll_reason
from app.domain.model import CouponType, Note, Offering, ParseWarning, Quote
from app.domain.money import format_pct, format_price, format_usd
from app.domain.printed import check_lines, lines_of
from app.present.words import call_terms, worst_words


def _date(d: date | None) -> str:
    return d.isoformat() if d else "—"


def _flag(v: bool | None) -> str:
    return "—" if v is None else ("yes" if v else "no")


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
    checks = [f"  {n.cusip_shown} {c.label.lower()}: {c.text}" for n in o.notes for c in check_lines(o, n)]
    lines += ["", "Checks:", *checks] if checks else []
    return "\n".join(lines + _warnings(warnings)) + "\n"


def _note_line(n: Note) -> str:
    amount = format_usd(n.first_coupon_amount) if n.first_coupon_amount is not None else "—"
    return (
        f"{n.cusip_shown:<10} {format_pct(n.coupon_rate_pct):>8} {n.frequency.value:<11}"
        f" {_date(n.maturity_date):<10} {_date(n.first_coupon_date):<10} {amount:>8}"
        f" {format_price(n.price_pct):>8} {format_pct(n.concession_pct):>7}"
        f" {_flag(n.survivors_option):<3} {call_terms(n.redemption)}"
    )


def _pct(v: Decimal | None) -> str:
    return format_pct(v, 3)


def quote_text(offering: Offering, q: Quote, price_note: str | None = None) -> str:
    """The purchase's figures, coupon calendar, calls and yields; ``price_note`` says where the
    price came from when it is not the one typed (a price from a yield)."""
    p, n = q.purchase, q.purchase.note
    lines = [
        f"{n.cusip_shown}  {offering.issuer or ''}  {coupon_words(n)}, matures {n.maturity_date}",
        f"Purchase {format_usd(p.amount)} at {format_price(p.price_pct)} settling {p.settle_date}",
        *([f"  ({price_note})"] if price_note else []),
        "",
        f"  Principal         {format_usd(q.principal):>16}",
        f"  Accrued interest  {format_usd(q.accrued_interest):>16}  ({q.accrued_days} days from"
        f" {q.accrual_start})",
        f"  Total cost        {format_usd(q.total):>16}",
        f"  Concession        {format_usd(q.concession):>16}",
        f"  Annual income     {format_usd(q.annual_income):>16}",
        *_check_lines(q),
        *_yield_lines(q),
        *_survivor_lines(q),
        "",
        *_coupon_lines(q),
        *_call_lines(q),
    ]
    return "\n".join(lines + _warnings(q.warnings)) + "\n"


def coupon_words(n: Note) -> str:
    """ "2.350% monthly", "zero coupon" (a zero has neither rate nor coupon frequency)."""
    if n.coupon_type is CouponType.ZERO:
        return "zero coupon"
    return f"{format_pct(n.coupon_rate_pct)} {n.frequency.value}"


def _check_lines(q: Quote) -> list[str]:
    """The first coupon check, then the printed yield and accrued interest checks."""
    n = q.purchase.note
    if n.coupon_type is CouponType.ZERO:
        lines = ["  1st coupon/$1,000 n/a (zero coupon)"]
    else:
        fc = q.first_coupon
        verdict = "not printed" if fc.printed is None else "matches" if fc.matches else "DOES NOT MATCH"
        lines = [
            f"  1st coupon/$1,000 printed {format_usd(fc.printed)}, computed {format_usd(fc.computed)}"
            f" ({verdict})"
        ]
    return lines + [f"  {c.label:<17} {c.text}" for c in lines_of(q.purchase.printed)]


def _yield_lines(q: Quote) -> list[str]:
    y = q.yields
    if y is None:
        return []
    lines = [
        f"  Yields            current {_pct(y.current_pct)}, to maturity {_pct(y.maturity_pct)},"
        f" to worst {worst_words(y, _date)}",
        f"  Bond-equivalent   to maturity {_pct(y.maturity_bey_pct)}, to worst "
        + ("n/a — calls unknown" if y.calls_unknown else _pct(y.worst_bey_pct)),
    ]
    return lines + ([f"  ! {y.worst_note}"] if y.worst_note else [])


def _survivor_lines(q: Quote) -> list[str]:
    s = q.survivor
    if s is None:
        return []
    line = f"  Survivor's option eligible from {s.eligible_date}"
    if s.estate_amount is not None:
        line += f"; the estate would receive {format_usd(s.estate_amount)} that day"
    return [line]


def _coupon_lines(q: Quote) -> list[str]:
    r = q.redemption
    repaid = f"  principal repaid {r.payment_date}: {format_usd(r.amount)}"
    if q.purchase.note.coupon_type is CouponType.ZERO:
        return ["  no coupons (zero coupon): the principal is repaid at maturity", repaid]
    lines = [
        f"  {'#':>3}  {'accrual start':<13} {'accrual end':<11} {'paid':<10} {'days':>4}"
        f" {'rate':>7} {'amount':>12}"
    ]
    call_dates = {c.date for c in q.calls}
    for c in q.coupons:
        mark = "  call" if c.accrual_end in call_dates else ""
        rolled = f"  rolled: {roll_reason(c.accrual_end)}" if c.payment_date != c.accrual_end else ""
        lines.append(
            f"  {c.number:>3}  {c.accrual_start!s:<13} {c.accrual_end!s:<11} {c.payment_date!s:<10}"
            f" {c.days:>4} {format_pct(c.rate_pct):>7} {format_usd(c.amount):>12}{mark}{rolled}"
        )
    return [*lines, repaid]


def _call_lines(q: Quote) -> list[str]:
    if not q.calls:
        return []
    to_call = {t.date: t.yield_pct for t in q.yields.to_call} if q.yields else {}
    worst = q.yields.worst_date if q.yields else None
    lines = [
        "",
        f"  {'call date':<11} {'paid':<10} {'notice by':<10} {'price':>9} {'if called':>14} {'yield':>8}",
    ]
    for call in q.calls:
        mark = "  ← worst" if call.date == worst else ""
        lines.append(
            f"  {call.date!s:<11} {call.payment_date!s:<10} {call.notice_date!s:<10}"
            f" {format_price(call.price_pct):>9} {format_usd(q.call_amount(call)):>14}"
            f" {_pct(to_call.get(call.date)):>8}{mark}"
        )
    if q.purchase.note.coupon_type is CouponType.ZERO:
        return lines
    return [*lines, "  if the note is called, no coupon after the call date is paid"]
