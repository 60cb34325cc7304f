"""Root finding for yields: the level L at which flows aᵢ at times tᵢ are worth a price,
Σ aᵢ·e^(−tᵢ·L) = price, for one workout or for many that share their first flows.

L = ln(1 + y/f) and tᵢ is in coupon periods (``yields`` sets both up). In L the present value is
a convex, decreasing sum of exponentials and so is its logarithm (log-sum-exp), so Newton's method
on ln PV lands left of the root from anywhere and then climbs to it monotonically; by Jensen's
inequality L = ln(Σaᵢ / price) / (Σaᵢtᵢ / Σaᵢ) is left of the root too. The single solver keeps
every step in a bracket (bisection when a step leaves it). Many workouts (every call date of a
note) start from one Newton step shared through prefix sums, then finish one by one in plain
Python or, when there are many, together with numpy (imported only then: ``calc`` starts ~0.1 s
sooner without it).
"""

from __future__ import annotations

import math
import sys
from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

NUMPY_WORK = 3000  # coupons summed per pass above which many workouts are solved with numpy
MAX_LEVEL = 700.0  # |t·L| kept below this: e^(t·L) stays finite
_MAX_ITERATIONS = 200
_MAX_PASSES = 20
_CONVERGED = 1e-20  # settled when (latest time)·step² ≤ this: the next error is below that
_TAYLOR_TERMS = 24  # powers of h in the shared series of the numpy solver …
_TAYLOR_REACH = 1.5  # … for x = (workout time)·|h| up to this: x²⁵e²ˣ/25! < 1e-19


class Exit(NamedTuple):
    """A workout: the first ``before`` coupons, then ``amount`` (last coupon + redemption) at
    ``time``."""

    before: int
    amount: float
    time: float


def solve(
    times: Sequence[float], amounts: Sequence[float], target: float, start: float | None = None
) -> float | None:
    """L with Σ amounts·e^(−times·L) = target; None when there is none (flows at time 0 are not
    discounted, so the others must be worth something). ``start`` is a first guess."""
    fixed = sum(a for t, a in zip(times, amounts, strict=True) if t <= 0.0)
    live = [(t, a) for t, a in zip(times, amounts, strict=True) if t > 0.0 and a != 0.0]
    if target <= fixed or not live:
        return None

    def value_and_slope(level: float) -> tuple[float, float]:
        value, slope = fixed, 0.0
        for t, a in live:
            d = a * math.exp(-t * level)
            value += d
            slope += t * d
        return value, slope

    earliest, latest = min(t for t, _ in live), max(t for t, _ in live)
    total, moment = sum(a for _, a in live), sum(t * a for t, a in live)
    lo, hi = _bracket(total, moment, earliest, latest, target - fixed)
    level = lo if start is None else min(max(start, lo), hi)
    return _newton(value_and_slope, target, lo, hi, latest, level)


def _bracket(total: float, moment: float, earliest: float, latest: float, want: float) -> tuple[float, float]:
    """An interval holding the root, from the live flows' sum, time-weighted sum and first and
    last times: Jensen on the left, the earliest (latest) flow on the right for a positive
    (negative) root."""
    ratio = math.log(total / want)
    lo = max(ratio / (moment / total), -MAX_LEVEL / latest)
    return lo, max(lo, ratio / (earliest if ratio > 0 else latest))


def _newton(
    value_and_slope: Callable[[float], tuple[float, float]],
    target: float,
    lo: float,
    hi: float,
    longest: float,
    level: float,
) -> float:
    """Newton on ln PV from ``level``, each step kept in the bracket [lo, hi] (bisection when it
    leaves); ``longest`` is the latest flow's time (the convergence test scales with it)."""
    for _ in range(_MAX_ITERATIONS):
        value, slope = value_and_slope(level)
        if value == target or lo == hi:
            return level
        if value > target:
            lo = level
        else:
            hi = level
        step = math.log(value / target) * value / slope if value > 0.0 < slope else math.inf
        nxt = level + step
        if not lo <= nxt <= hi:
            nxt, step = 0.5 * (lo + hi), math.inf
        if longest * step * step <= _CONVERGED or nxt == level:
            return nxt
        level = nxt
    return level


def solve_exits(
    times: Sequence[float], coupons: Sequence[float], exits: Sequence[Exit], target: float, anchor: float
) -> list[float | None]:
    """The root of every exit, whose coupons are the first ``exit.before`` of ``times``/``coupons``.
    ``anchor`` is a level near them all (the yield to maturity's)."""
    if not exits:
        return []
    if use_numpy(sum(e.before for e in exits)):
        return _solve_exits_numpy(times, coupons, exits, target, anchor)
    starts = _shared_step(times, coupons, exits, target, anchor)
    return [_solve_one(times, coupons, e, target, s) for e, s in zip(exits, starts, strict=True)]


def use_numpy(work: int) -> bool:
    """numpy above ``NUMPY_WORK`` coupons to sum, or whenever it is loaded already (the window)."""
    return work > NUMPY_WORK or "numpy" in sys.modules


def _solve_one(
    times: Sequence[float], coupons: Sequence[float], exit_: Exit, target: float, start: float | None
) -> float | None:
    n = exit_.before
    return solve([*times[:n], exit_.time], [*coupons[:n], exit_.amount], target, start)


def _shared_step(
    times: Sequence[float], coupons: Sequence[float], exits: Sequence[Exit], target: float, anchor: float
) -> list[float | None]:
    """For every exit, one Newton step (on ln PV) from ``anchor``, raised to its Jensen bound if
    below: both are left of the root. The sums up to each exit are prefix sums of the same terms,
    so this is one pass over the flows. None for an exit with no root."""
    weights = [a * math.exp(-t * anchor) for t, a in zip(times, coupons, strict=True)]
    pv = [0.0, *accumulate(weights)]
    slope = [0.0, *accumulate(t * w for t, w in zip(times, weights, strict=True))]
    cash = [0.0, *accumulate(coupons)]
    timed = [0.0, *accumulate(t * a for t, a in zip(times, coupons, strict=True))]
    undiscounted = bisect_right(times, 0.0)
    starts: list[float | None] = []
    for e in exits:
        fixed = cash[min(e.before, undiscounted)] + (e.amount if e.time <= 0.0 else 0.0)
        if target <= fixed or e.time <= 0.0:
            starts.append(None)
            continue
        d = e.amount * math.exp(-e.time * anchor)
        value, dv = pv[e.before] + d, slope[e.before] + e.time * d
        newton = anchor + math.log(value / target) * value / dv if value > 0.0 < dv else -math.inf
        total, moment = cash[e.before] + e.amount, timed[e.before] + e.time * e.amount
        jensen = math.log(total / target) * total / moment
        starts.append(max(newton, jensen, -MAX_LEVEL / e.time))
    return starts


def _solve_exits_numpy(
    times: Sequence[float], coupons: Sequence[float], exits: Sequence[Exit], target: float, anchor: float
) -> list[float | None]:
    """``solve_exit_arrays`` for a list of ``Exit``s."""
    import numpy as np

    levels = solve_exit_arrays(
        np.asarray(times, dtype=float),
        np.asarray(coupons, dtype=float),
        np.array([e.before for e in exits], dtype=np.intp),
        np.array([e.time for e in exits]),
        np.array([e.amount for e in exits]),
        target,
        anchor,
    )
    return [None if math.isnan(v) else v for v in levels.tolist()]


def solve_exit_arrays(
    t: npt.NDArray[np.float64],
    a: npt.NDArray[np.float64],
    before: npt.NDArray[np.intp],
    time: npt.NDArray[np.float64],
    amount: npt.NDArray[np.float64],
    target: float,
    anchor: float,
) -> npt.NDArray[np.float64]:
    """The root of every exit j (the first ``before[j]`` coupons of ``t``/``a``, then ``amount[j]``
    at ``time[j]``), NaN where there is none; Newton on ln PV for all at once, without summing
    each exit's coupons on each pass.

    Exit j's coupons are a prefix of the same flows, so around the anchor L₀ their value is a
    Taylor series in h = L − L₀ whose coefficients are prefix sums, shared by all exits:
    Σₖ aₖe^(−tₖL) = Σₘ (−h)ᵐ/m! · Σₖ aₖtₖᵐe^(−tₖL₀). Kept to x = (exit time)·|h| ≤ 1.5 and
    m ≤ 24, the truncation is below x²⁵e²ˣ/25! < 1e-19 of the value; the exit's own payment is
    discounted exactly. The start is the better of one exact Newton step from L₀ and the Jensen
    bound, both left of the root. An exit out of the series' reach is solved alone, exactly.
    """
    import numpy as np

    if not before.size:
        return np.zeros(0)
    with np.errstate(all="ignore"):  # overflow and 0/0 only in exits that are then solved alone
        weighted = np.vander(t, _TAYLOR_TERMS + 2, increasing=True) * (a * np.exp(-t * anchor))[:, None]
        moments = _prefix_sums(weighted)[before].T
        cash, timed, fixed = _prefix_sums(np.column_stack([a, a * t, np.where(t <= 0.0, a, 0.0)]))[before].T
        has_root = (time > 0.0) & (target > fixed + np.where(time <= 0.0, amount, 0.0))
        last = amount * np.exp(-time * anchor)
        value, slope = moments[0] + last, moments[1] + time * last
        newton = anchor + np.log(value / target) * value / slope
        jensen = np.log((cash + amount) / target) * (cash + amount) / (timed + time * amount)
        start = np.maximum(np.maximum(newton, jensen), -MAX_LEVEL / time)
        level, solved = _series_newton(moments, time, amount, target, anchor, start, has_root)
    level[~has_root] = np.nan
    for j in np.flatnonzero(has_root & ~solved).tolist():
        n = int(before[j])
        root = solve([*t[:n].tolist(), float(time[j])], [*a[:n].tolist(), float(amount[j])], target)
        level[j] = np.nan if root is None else root
    return level


def solve_array(
    times: npt.NDArray[np.float64], amounts: npt.NDArray[np.float64], target: float
) -> float | None:
    """``solve`` with numpy sums (the same bracket and steps; for long schedules)."""
    import numpy as np

    discounted = times > 0.0
    fixed = float(amounts[~discounted].sum())
    live = discounted & (amounts != 0.0)
    t, a = times[live], amounts[live]
    if target <= fixed or not t.size:
        return None

    def value_and_slope(level: float) -> tuple[float, float]:
        d = a * np.exp(-t * level)
        return fixed + float(d.sum()), float(t @ d)

    latest = float(t.max())
    lo, hi = _bracket(float(a.sum()), float(t @ a), float(t.min()), latest, target - fixed)
    return _newton(value_and_slope, target, lo, hi, latest, lo)


def _series_newton(
    moments: npt.NDArray[np.float64],
    time: npt.NDArray[np.float64],
    amount: npt.NDArray[np.float64],
    target: float,
    anchor: float,
    start: npt.NDArray[np.float64],
    has_root: npt.NDArray[np.bool_],
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """Newton passes over the series until every exit within its reach has settled; the levels
    and which of them are solved."""
    import numpy as np

    level = start.copy()
    inverse = -1.0 / np.arange(1, _TAYLOR_TERMS + 1)
    inside, settled = has_root & np.isfinite(level), np.zeros(level.size, dtype=bool)
    for _ in range(_MAX_PASSES):
        inside &= time * np.abs(level - anchor) <= _TAYLOR_REACH
        live = inside & ~settled
        if not live.any():
            break
        powers = np.cumprod(np.vstack([np.ones_like(level), np.outer(inverse, level - anchor)]), axis=0)
        last = amount * np.exp(-time * level)
        value = np.einsum("mj,mj->j", moments[:-1], powers) + last
        slope = np.einsum("mj,mj->j", moments[1:], powers) + time * last
        step = np.log(value / target) * value / slope
        move = live & np.isfinite(step)
        inside &= np.isfinite(step) | settled
        level[move] += step[move]
        settled |= move & (time * step * step <= _CONVERGED)
    solved: npt.NDArray[np.bool_] = settled & inside & (time * np.abs(level - anchor) <= _TAYLOR_REACH)
    return level, solved


def _prefix_sums(rows: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Row n = the sum of ``rows[:n]`` (n = 0 … len)."""
    import numpy as np

    result: npt.NDArray[np.float64] = np.cumsum(np.vstack([np.zeros((1, rows.shape[1])), rows]), axis=0)
    return result
