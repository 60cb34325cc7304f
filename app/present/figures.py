"""Qt-free: the calculator's result rows as texts (value, detail line, tooltip), read from the
``Quote`` alone: the yield to worst as it is (a call date, maturity, or only the yield to maturity
when the calls are unknown), the bond-equivalent yields, the survivor's option, the first coupon."""

from __future__ import annotations

from typing import NamedTuple

from app.domain.model import CouponType, Quote, Yields
from app.domain.money import format_usd
from app.present.rows import fmt_date, fmt_rate
from app.present.terms import first_coupon_text
from app.present.words import worst_words


class Figure(NamedTuple):
    value: str
    detail: str = ""
    tip: str = ""


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def worst_figure(y: Yields) -> Figure:
    """The yield to worst and where it works out; with unknown calls, said to be the yield to
    maturity (``Yields.worst_note``, the wording every output uses)."""
    if y.worst_note:  # "n/a — calls unknown; to maturity 2.350%", as the reports say it
        value, _, words = worst_words(y, fmt_date).partition(" — ")
        return Figure(
            value, words.partition(";")[0], f"{_sentence(y.worst_note)}: {fmt_rate(y.maturity_pct)}"
        )
    if y.worst_date is None:
        return Figure(fmt_rate(y.worst_pct))
    at_call = any(t.date == y.worst_date for t in y.to_call)
    tip = f"if called {fmt_date(y.worst_date)}" if at_call else "held to maturity (no call yields less)"
    return Figure(fmt_rate(y.worst_pct), f"to {fmt_date(y.worst_date)}", f"The lowest yield: {tip}")


def bond_equivalent_figure(y: Yields) -> Figure:
    """The yield to maturity restated semi-annually (rate sheets quote it), the worst's in the tip."""
    worst = "n/a — calls unknown" if y.calls_unknown else fmt_rate(y.worst_bey_pct)
    return Figure(
        fmt_rate(y.maturity_bey_pct),
        tip=f"Restated semi-annually: to maturity {fmt_rate(y.maturity_bey_pct)}, to worst {worst}",
    )


def survivor_figure(q: Quote) -> Figure:
    """Whether the estate may put the note back, from when, and what it would receive then."""
    option, s = q.purchase.note.survivors_option, q.survivor
    if not option:
        return Figure("No" if option is False else "Not stated")
    if s is None:
        return Figure("Yes")
    tip = f"From {fmt_date(s.eligible_date)} the estate may put the note back at 100% plus accrued"
    if s.estate_amount is not None:
        tip += f"; repaid that day it receives {format_usd(s.estate_amount)}"
    if s.limits:
        tip += f"\nLimits: {s.limits}"
    return Figure("Yes", f"eligible from {fmt_date(s.eligible_date)}", tip)


def first_coupon_line(q: Quote) -> tuple[str, str]:
    """The first coupon check and its level; a zero-coupon note has none to check."""
    if q.purchase.note.coupon_type is CouponType.ZERO:
        return "Zero coupon: no coupons; the principal is repaid at maturity", ""
    text, level = first_coupon_text(q)
    return {"ok": "✔ ", "bad": "✖ "}.get(level, "") + text, level
