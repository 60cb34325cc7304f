"""Yields of a purchase: price ↔ yield to maturity and to each call, yield to worst, current
yield and bond-equivalent yield, to the same numbers as QuantLib's ``bondYield``.

Street convention (domain.md "Yields"): the yield is solved from the full price (clean price +
accrued interest) and compounds at the coupon frequency f; each flow is paid on its *unadjusted*
accrual end. Discounting is QuantLib's ``CashFlows::npv`` with an ``InterestRate(y, Thirty360
(BondBasis), Compounded, f)`` (its "stepwise discount time"): the time from the settle date to the
first flow is that period's year fraction less the part already accrued (30/360: (period days −
accrued days) / 360, a 30/360 fraction of the period), each later period adds its own year
fraction, and a flow t years away is discounted by (1 + y/f)^(−f·t). A note paying interest only
at maturity (no coupon frequency) compounds semiannually, the US convention for zero coupons.

Yield to a call = the yield of the same flows cut at the call date, with the coupon (or, between
coupon dates, the interest accrued) to then plus the call price paid on that date. Yield to worst
= the lowest of the yield to maturity and the yields to the calls whose notice date is not before
the settle date; on a tie (at the quoted places) the later workout date.

Solving (``yield_solver``): in L = ln(1 + y/f), Newton's method on the log of the present value
in a bracket; every call date of a note at once from prefix sums shared by all of them. Inside,
floats (agreeing with QuantLib to ~1e-13); out, percent ``Decimal``s correctly rounded to
``YIELD_PLACES`` (6), or with ``places=None`` the float's shortest repr (full precision).
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import lru_cache
from itertools import accumulate, repeat
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from app.domain.calls import calls_unknown, note_calls
from app.domain.errors import InputError
from app.domain.model import (
    CallDate,
    CouponType,
    Frequency,
    Note,
    Period,
    Purchase,
    Workout,
    Yields,
    YieldToCall,
)
from app.domain.schedule import accrued_fraction, holding_index, periods
from app.domain.yield_solver import (
    MAX_LEVEL,
    Exit,
    solve,
    solve_array,
    solve_exit_arrays,
    solve_exits,
    use_numpy,
)

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

YIELD_PLACES = 6
PRICE_PLACES = 6
ZERO_COUPON_COMPOUNDING = 2
BOND_EQUIVALENT_COMPOUNDING = 2  # a bond-equivalent yield compounds semi-annually


@dataclass(frozen=True, slots=True)
class _NoteFlows:
    """What a note's yields need that no settle date changes, built once per note: every
    period's discount step and coupon per 100 as floats, the accrual ends, and where each call
    date falls on them (``call_at[j]``: the index of the accrual end call j is on, or -1)."""

    schedule: tuple[Period, ...]
    per_year: int
    steps: list[float]
    coupons: list[float]
    ends: list[date]
    index: dict[date, int]
    calls: tuple[CallDate, ...]
    call_at: list[int]


@dataclass(frozen=True, slots=True)
class _Flows:
    """The coupons a purchase still receives, per 100 of principal, as floats.

    ``times[i]`` is the discount exponent f·t of coupon i (in coupon periods from the settle date),
    ``coupons[i]`` its amount; ``remaining`` are their periods (the note's from ``held`` on).
    ``accrued`` is per 100.
    """

    note: Note
    settle: date
    per_year: int
    held: int
    base: _NoteFlows
    remaining: tuple[Period, ...]
    ends: list[date]
    times: list[float]
    coupons: list[float]
    accrued: Fraction


def compounding_per_year(note: Note) -> int:
    """Compounding periods a year: the coupon frequency (semiannual for interest at maturity)."""
    return note.frequency.per_year or ZERO_COUPON_COMPOUNDING


def accrued_pct(note: Note, settle: date) -> Decimal:
    """Interest accrued at ``settle`` per 100 of principal, unrounded (zero on a coupon date)."""
    return _decimal_pct(_flows(note, settle).accrued)


def full_price_pct(purchase: Purchase) -> Decimal:
    """The full ("dirty") price per 100: clean price + accrued interest, unrounded."""
    return purchase.price_pct + accrued_pct(purchase.note, purchase.settle_date)


def current_yield_pct(purchase: Purchase, places: int | None = YIELD_PLACES) -> Decimal:
    """Annual coupon of the current period / clean price, in percent."""
    schedule = periods(purchase.note)
    return _current_pct(schedule[holding_index(schedule, purchase.settle_date)], purchase.price_pct, places)


def yield_to_maturity_pct(purchase: Purchase, places: int | None = YIELD_PLACES) -> Decimal | None:
    """Yield to maturity in percent (None when no yield gives the price)."""
    flows = _flows(purchase.note, purchase.settle_date)
    root = _solve_exit(flows, _maturity_exit(flows), _target(flows, purchase.price_pct))
    return _yield_pct(flows, root, places)


def yield_to_call_pct(
    purchase: Purchase, call: CallDate, places: int | None = YIELD_PLACES
) -> Decimal | None:
    """Yield to ``call`` (redeemed at its price on its date) in percent; None when the call date is
    not after the settle date or no yield gives the price."""
    flows = _flows(purchase.note, purchase.settle_date)
    exit_ = _call_exit(flows, call)
    if exit_ is None:
        return None
    return _yield_pct(flows, _solve_exit(flows, exit_, _target(flows, purchase.price_pct)), places)


def purchase_yields(
    purchase: Purchase, calls: Sequence[CallDate] | None = None, places: int | None = YIELD_PLACES
) -> Yields:
    """Every yield of ``purchase``: current, to maturity, to each call after the settle date, and
    to worst with its workout date. ``calls`` defaults to the note's call dates; ``places`` = None
    keeps full precision.

    A call with no yield (nothing left to discount) is left out of ``to_call``. The yields of a
    purchase do not depend on its amount: the last few are kept (an amount typed reuses them).
    """
    if calls is None:
        return _note_yields(purchase.note, purchase.settle_date, purchase.price_pct, places)
    return _yields(purchase.note, purchase.settle_date, purchase.price_pct, calls, places)


@lru_cache(maxsize=32)
def _note_yields(note: Note, settle: date, price_pct: Decimal, places: int | None) -> Yields:
    calls = note_calls(note)
    if use_numpy(len(calls) * len(periods(note)) // 2):
        return _yields_numpy(note, settle, price_pct, places)
    return _yields(note, settle, price_pct, calls, places)


def _yields(
    note: Note, settle: date, price_pct: Decimal, calls: Sequence[CallDate], places: int | None
) -> Yields:
    flows = _flows(note, settle)
    target = _target(flows, price_pct)
    maturity_root = _solve_exit(flows, _maturity_exit(flows), target)
    later = [(c, e) for c in calls if (e := _call_exit(flows, c)) is not None]
    anchor = maturity_root if maturity_root is not None else 0.0
    roots = solve_exits(flows.times, flows.coupons, [e for _, e in later], target, anchor)
    solved = [
        (YieldToCall(c.date, pct), root)
        for (c, _), root in zip(later, roots, strict=True)
        if root is not None and (pct := _yield_pct(flows, root, places)) is not None
    ]
    to_call = tuple(t for t, _ in solved)
    valid = {c.date for c, _ in later if c.notice_date >= settle}
    workable = [t for t in to_call if t.date in valid]
    return _assemble(flows, price_pct, maturity_root, to_call, [r for _, r in solved], workable, places)


def _yields_numpy(note: Note, settle: date, price_pct: Decimal, places: int | None) -> Yields:
    """``_yields`` for the note's own call dates, every array step at once (the window's path:
    a 30-year note callable monthly has 348 call dates)."""
    import numpy as np

    flows = _flows(note, settle)
    base = flows.base
    arrays = _call_arrays(note)
    target = _target(flows, price_pct)
    times, coupons = np.array(flows.times), np.array(flows.coupons)
    maturity_root = solve_array(times, _with_last(coupons, 100.0), target)
    # calls on an accrual end: that coupon + the call price then; others (between coupon dates,
    # rare) as _call_exit says; calls on or before the settle date drop out
    k = arrays.at - flows.held
    on = k >= 0
    before = np.where(on, k, 0)
    time, amount = times[before], coupons[before] + arrays.price
    settle_day = settle.toordinal()
    for j in np.flatnonzero(~on & (arrays.day > settle_day)).tolist():
        exit_ = _call_exit(flows, base.calls[j])
        if exit_ is not None:
            on[j] = True
            before[j], amount[j], time[j] = exit_
    anchor = maturity_root if maturity_root is not None else 0.0
    levels = solve_exit_arrays(times, coupons, before[on], time[on], amount[on], target, anchor)
    found = np.isfinite(levels) & (levels <= MAX_LEVEL)
    picked = np.flatnonzero(on)[found]
    solved = levels[found]
    with np.errstate(all="ignore"):
        pcts = _decimals((100.0 * flows.per_year * np.expm1(solved)).tolist(), places)
    to_call = tuple(map(YieldToCall, [base.calls[j].date for j in picked.tolist()], pcts))
    valid = (arrays.notice[picked] >= settle_day).tolist()
    workable = [t for t, v in zip(to_call, valid, strict=True) if v]
    return _assemble(flows, price_pct, maturity_root, to_call, solved, workable, places)


def _assemble(
    flows: _Flows,
    price_pct: Decimal,
    maturity_root: float | None,
    to_call: tuple[YieldToCall, ...],
    call_levels: Sequence[float] | npt.NDArray[np.float64],
    workable: Sequence[YieldToCall],
    places: int | None,
) -> Yields:
    """The ``Yields``: ``call_levels`` are the roots of ``to_call`` (in its order), ``workable``
    the calls whose notice date is not before the settle date (the candidates for the yield to
    worst, with maturity). Bond-equivalent yields come from the roots, not the rounded yields."""
    note = flows.note
    maturity_pct = _yield_pct(flows, maturity_root, places)
    worst = _worst(workable, maturity_pct, note.maturity_date)
    worst_bey = None
    if worst is not None:
        when = worst[1]
        at = None if when == note.maturity_date else next(i for i, t in enumerate(to_call) if t.date == when)
        level = maturity_root if at is None else float(call_levels[at])
        worst_bey = _bey_pct(flows, level, worst[0], places)
    zero = note.coupon_type is CouponType.ZERO
    return Yields(
        current_pct=None if zero else _current_pct(flows.remaining[0], price_pct, places),
        maturity_pct=maturity_pct,
        worst_pct=worst[0] if worst else None,
        worst_date=worst[1] if worst else None,
        to_call=to_call,
        calls_unknown=calls_unknown(note),
        maturity_bey_pct=_bey_pct(flows, maturity_root, maturity_pct, places),
        worst_bey_pct=worst_bey,
    )


def _bey_pct(flows: _Flows, level: float | None, pct: Decimal | None, places: int | None) -> Decimal | None:
    """The bond-equivalent yield 2·((1 + y/f)^(f/2) − 1) of the root ``level`` (= ln(1 + y/f)),
    whose yield is ``pct``: that yield itself when it compounds semi-annually already."""
    if level is None or pct is None or flows.per_year == BOND_EQUIVALENT_COMPOUNDING:
        return pct
    exponent = flows.per_year / BOND_EQUIVALENT_COMPOUNDING * level
    if exponent > MAX_LEVEL:  # past what a float holds (a price of 1 a day before maturity)
        return None
    return _quantize_float(100 * BOND_EQUIVALENT_COMPOUNDING * math.expm1(exponent), places)


def _with_last(values: Any, extra: float) -> Any:
    """``values`` with ``extra`` added to the last (the maturity flow: coupon + 100)."""
    out = values.copy()
    out[-1] += extra
    return out


@dataclass(frozen=True, slots=True)
class _CallArrays:
    """The note's call dates as arrays: accrual-end index (-1 between coupon dates), price,
    date and notice date (ordinals)."""

    at: Any
    price: Any
    day: Any
    notice: Any


@lru_cache(maxsize=64)
def _call_arrays(note: Note) -> _CallArrays:
    import numpy as np

    base = _note_flows(note)
    calls = base.calls
    return _CallArrays(
        np.array(base.call_at, dtype=np.intp),
        np.array([float(c.price_pct) for c in calls]),
        np.array([c.date.toordinal() for c in calls], dtype=np.int64),
        np.array([c.notice_date.toordinal() for c in calls], dtype=np.int64),
    )


def _worst(
    to_call: Sequence[YieldToCall], maturity_pct: Decimal | None, maturity: date
) -> tuple[Decimal, date] | None:
    """The lowest yield of the callable dates and maturity; on a tie (at the quoted places) the
    later workout date."""
    candidates = [*to_call, YieldToCall(maturity, maturity_pct)] if maturity_pct is not None else to_call
    if not candidates:
        return None
    lowest = min(map(_YIELD_PCT, candidates))
    return lowest, max(c.date for c in candidates if c.yield_pct == lowest)


_YIELD_PCT = attrgetter("yield_pct")


def _current_pct(period: Period, price_pct: Decimal, places: int | None) -> Decimal:
    return _quantize(period.rate_pct * 100 / price_pct, places)


def clean_price_pct(
    note: Note,
    settle: date,
    yield_pct: Decimal,
    call: CallDate | None = None,
    places: int | None = PRICE_PLACES,
) -> Decimal:
    """The clean price per 100 at which the yield to maturity (or to ``call``) is ``yield_pct``.

    Raises ``InputError`` for a call not after the settle date, or a yield at or below −100·f %
    or too low for any price.
    """
    flows = _flows(note, settle)
    exit_ = _maturity_exit(flows) if call is None else _call_exit(flows, call)
    if exit_ is None:
        raise InputError(f"call date {call.date if call else None} is not after {settle}", field="call")
    times, amounts = _exit_flows(flows, exit_)
    level = _level(flows, yield_pct, max(times))
    dirty = sum(a * math.exp(-t * level) for t, a in zip(times, amounts, strict=True))
    return _quantize_float(dirty - float(flows.accrued), places)


def price_for_yield_pct(
    note: Note,
    settle: date,
    yield_pct: Decimal,
    workout: Workout = Workout.MATURITY,
    call_date: date | None = None,
    places: int | None = PRICE_PLACES,
) -> tuple[Decimal, date]:
    """The clean price per 100 at which the yield to ``workout`` is ``yield_pct``, and the date it
    works out to: maturity; the call on ``call_date`` (``Workout.CALL``; None: the first call after
    the settle date); or worst — the lowest of the prices to maturity and to each call whose
    notice date is not before the settle date (at that price the lowest yield is ``yield_pct``;
    on a tie the later date). ``InputError`` for a date that is not a call date after ``settle``
    or a yield no price gives."""
    if workout is Workout.MATURITY:
        return clean_price_pct(note, settle, yield_pct, None, places), note.maturity_date
    later = [c for c in note_calls(note) if c.date > settle]
    if workout is Workout.CALL:
        call = next((c for c in later if call_date in (None, c.date)), None)
        if call is None:
            raise InputError(_not_a_call(note, settle, call_date, later), field="yield-to", value=call_date)
        return clean_price_pct(note, settle, yield_pct, call, places), call.date
    flows = _flows(note, settle)
    level = _level(flows, yield_pct, flows.times[-1])
    pairs = zip(flows.times, flows.coupons, strict=True)
    discounted = [0.0, *accumulate(a * math.exp(-t * level) for t, a in pairs)]
    exits = [(note.maturity_date, _maturity_exit(flows))]
    workable = [c for c in later if c.notice_date >= settle]
    exits += [(c.date, e) for c in workable if (e := _call_exit(flows, c)) is not None]
    dirty, when = min(
        ((discounted[e.before] + e.amount * math.exp(-e.time * level), d) for d, e in exits),
        key=lambda found: (found[0], -found[1].toordinal()),
    )
    return _quantize_float(dirty - float(flows.accrued), places), when


def _not_a_call(note: Note, settle: date, wanted: date | None, later: Sequence[CallDate]) -> str:
    if not later:
        return f"{note.cusip or 'this note'} has no call date after the settle date {settle}"
    listed = ", ".join(c.date.isoformat() for c in later[:4]) + (", …" if len(later) > 4 else "")
    return f"{wanted} is not a call date after the settle date {settle}: the call dates are {listed}"


def _level(flows: _Flows, yield_pct: Decimal, longest: float) -> float:
    """L = ln(1 + y/f) of a yield in percent; ``InputError`` for one at or below −100·f % or too
    low to price a flow ``longest`` periods away (e^(t·L) past what a float holds)."""
    growth = 1 + float(yield_pct) / (100 * flows.per_year)
    if growth <= 0:
        raise InputError(
            f"yield {yield_pct}% is not above {-100 * flows.per_year}%", field="yield", value=yield_pct
        )
    level = math.log(growth)
    if -level * longest > MAX_LEVEL:
        raise InputError(f"yield {yield_pct}% is too low to price", field="yield", value=yield_pct)
    return level


def bond_equivalent_yield_pct(
    yield_pct: Decimal, per_year: int | Frequency, places: int | None = YIELD_PLACES
) -> Decimal:
    """A yield compounding ``per_year`` times restated semiannually: 2·((1 + y/f)^(f/2) − 1).

    Rate sheets (Caterpillar Financial, June 2008): 5.250% monthly → 5.308%; 5.750% quarterly →
    5.791%.
    """
    f = per_year if isinstance(per_year, int) else per_year.per_year or ZERO_COUPON_COMPOUNDING
    rate = float(yield_pct) / 100
    bey = 2 * math.expm1(f / 2 * math.log1p(rate / f))
    return _quantize_float(100 * bey, places)


# --- cash flows -------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _note_flows(note: Note) -> _NoteFlows:
    schedule = periods(note)
    f = compounding_per_year(note)
    ends = [p.accrual_end for p in schedule]
    index = {d: i for i, d in enumerate(ends)}
    calls = note_calls(note)
    return _NoteFlows(
        schedule,
        f,
        [f * p.year_fraction_num / p.year_fraction_den for p in schedule],
        [float(p.rate_pct) * p.year_fraction_num / p.year_fraction_den for p in schedule],
        ends,
        index,
        calls,
        [index.get(c.date, -1) for c in calls],
    )


def _flows(note: Note, settle: date) -> _Flows:
    """The coupons after ``settle`` with their discount exponents (QuantLib's stepwise times)."""
    base = _note_flows(note)
    held = holding_index(base.schedule, settle)
    remaining = base.schedule[held:]
    if not remaining:
        raise InputError(
            f"settle date {settle} is not before maturity {note.maturity_date}", field="settle", value=settle
        )
    f = base.per_year
    _, accrued_yf = accrued_fraction(note, remaining[0], settle)
    steps = base.steps[held:]
    steps[0] -= f * float(accrued_yf)
    accrued = Fraction(remaining[0].rate_pct) * accrued_yf
    return _Flows(
        note,
        settle,
        f,
        held,
        base,
        remaining,
        base.ends[held:],
        list(accumulate(steps)),
        base.coupons[held:],
        accrued,
    )


def _maturity_exit(flows: _Flows) -> Exit:
    last = len(flows.times) - 1
    return Exit(last, flows.coupons[last] + 100.0, flows.times[last])


def _call_exit(flows: _Flows, call: CallDate) -> Exit | None:
    """The workout of ``call``: on a coupon date that coupon + the call price; between coupon
    dates the interest accrued to the call date + the call price."""
    k = flows.base.index.get(call.date, -1) - flows.held
    if k >= 0:
        return Exit(k, flows.coupons[k] + float(call.price_pct), flows.times[k])
    k = bisect_left(flows.ends, call.date)
    if call.date <= flows.settle or k == len(flows.ends):
        return None
    period = flows.remaining[k]
    _, to_call = accrued_fraction(flows.note, period, call.date)
    _, before = accrued_fraction(flows.note, period, flows.settle) if k == 0 else (0, Fraction(0))
    base = flows.times[k - 1] if k else 0.0
    time = base + flows.per_year * float(to_call - before)
    interest = float(period.rate_pct * to_call.numerator / to_call.denominator)
    return Exit(k, interest + float(call.price_pct), time)


def _exit_flows(flows: _Flows, exit_: Exit) -> tuple[list[float], list[float]]:
    n = exit_.before
    return [*flows.times[:n], exit_.time], [*flows.coupons[:n], exit_.amount]


def _target(flows: _Flows, price_pct: Decimal) -> float:
    return float(price_pct) + float(flows.accrued)


# --- solving ----------------------------------------------------------------------------------


def _solve_exit(flows: _Flows, exit_: Exit, target: float) -> float | None:
    times, amounts = _exit_flows(flows, exit_)
    return solve(times, amounts, target)


# --- Decimal in and out -----------------------------------------------------------------------


def _yield_pct(flows: _Flows, root: float | None, places: int | None) -> Decimal | None:
    """100·f·(e^L − 1); None past what a float holds (a price of 1 a day before maturity)."""
    if root is None or not math.isfinite(root) or root > MAX_LEVEL:
        return None
    return _quantize_float(100 * flows.per_year * math.expm1(root), places)


def _quantize_float(value: float, places: int | None) -> Decimal:
    """A float as a Decimal: correctly rounded to ``places``, or its shortest repr (None)."""
    text = repr(value) if places is None else format(value, f".{places}f")
    result = Decimal(text)
    return result if result else result.copy_abs()  # no "-0.000000"


def _decimals(values: list[float], places: int | None) -> list[Decimal]:
    """``_quantize_float`` of each of ``values``."""
    texts = map(repr, values) if places is None else map(format, values, repeat(f".{places}f"))
    return [d if d else d.copy_abs() for d in map(Decimal, texts)]


def _quantize(value: Decimal, places: int | None) -> Decimal:
    if places is None:
        return value
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _decimal_pct(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


__all__ = [
    "PRICE_PLACES",
    "YIELD_PLACES",
    "accrued_pct",
    "bond_equivalent_yield_pct",
    "clean_price_pct",
    "compounding_per_year",
    "current_yield_pct",
    "full_price_pct",
    "price_for_yield_pct",
    "purchase_yields",
    "yield_to_call_pct",
    "yield_to_maturity_pct",
]
