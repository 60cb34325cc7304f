"""The yield and accrued interest a document prints, checked against the engine's.

A printed yield ("Yield to Maturity: 5.045%", "Reoffer Yield", a rate sheet's yield, a zero's
"implicit rate") is recomputed from the printed price (the yield's own, else the note's, else
100) at the document's settle date (the yield's own, else the offering's, else the note's issue
date; a rate sheet that prints none: a regular coupon date at or after the offering period, where
the yield of a price does not depend on how long ago the note was issued), on the printed basis
(the note's compounding, or semi-annual bond-equivalent), to maturity, to each call date and to
worst, and compared at the printed number of decimals: the workout it matches is named, so a
premium note's "Yield to Maturity" that is in fact the yield to its par call says so.
Street convention throughout (``yields``; documents.md "Yields with an irregular first coupon").

Printed accrued interest ("plus accrued interest of $861,805.56", a reopening) is recomputed on
the printed principal amount at the offering's settle date, from the note's issue date (the
original issue), 30/360, rounded once to the cent, and matches within ±$0.01 (domain.md).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import NamedTuple

from app.domain.calls import note_calls
from app.domain.dates import add_months
from app.domain.errors import TermSheetError
from app.domain.model import (
    Note,
    Offering,
    PrintedAccruedCheck,
    PrintedChecks,
    PrintedYield,
    PrintedYieldCheck,
    Purchase,
    SettleFrom,
    Workout,
    YieldBasis,
    Yields,
)
from app.domain.money import format_usd, round_cents
from app.domain.schedule import accrued_fraction, holding_index, periods
from app.domain.yields import (
    BOND_EQUIVALENT_COMPOUNDING,
    bond_equivalent_yield_pct,
    compounding_per_year,
    purchase_yields,
)

_PAR = Decimal(100)


_SETTLE_WORDS = {
    SettleFrom.PRINTED: "the settle date printed with the yield",
    SettleFrom.OFFERING: "the offering's settle date",
    SettleFrom.ISSUE: "the issue date",
    SettleFrom.COUPON_DATE: "no settle date printed: assumed on a regular coupon date",
}


class CheckLine(NamedTuple):
    """One row of the window's "Checks and warnings": label, text, level ("ok", "bad" or "")."""

    label: str
    text: str
    level: str


def printed_checks(offering: Offering, note: Note) -> PrintedChecks | None:
    """Both checks of ``note`` as its offering prints it (None when it prints neither): what a
    purchase carries (``quote.make_purchase``), computed once per note."""
    if note.printed_yield is None and note.printed_accrued_interest is None:
        return None
    return PrintedChecks(check_printed_yield(offering, note), check_printed_accrued(offering, note))


def check_printed_yield(offering: Offering, note: Note) -> PrintedYieldCheck | None:
    """The check of ``note``'s printed yield (None when the document prints none)."""
    printed = note.printed_yield
    if printed is None:
        return None
    price = printed.price_pct or note.price_pct or _PAR
    settle, settle_from = _settle(offering, note, printed)
    return _check_yield(note, printed, price, settle, settle_from)


def check_printed_accrued(offering: Offering, note: Note) -> PrintedAccruedCheck | None:
    """The check of ``note``'s printed accrued interest (None when the document prints none)."""
    printed = note.printed_accrued_interest
    if printed is None:
        return None
    settle = offering.settle_date or (note.printed_yield.settle_date if note.printed_yield else None)
    if settle is None or note.principal_amount is None or note.issue_date is None:
        missing = "settle date" if settle is None else "principal amount" if note.issue_date else "issue date"
        return PrintedAccruedCheck(printed, None, settle, None, None, f"no {missing} printed")
    return _check_accrued(note, printed, settle)


def check_lines(offering: Offering, note: Note) -> tuple[CheckLine, ...]:
    """The rows the window's checks show for ``note``'s printed yield and accrued interest."""
    return lines_of(printed_checks(offering, note))


def lines_of(checks: PrintedChecks | None) -> tuple[CheckLine, ...]:
    """The rows of ``checks`` (a purchase's ``printed``): the yield, then accrued interest."""
    if checks is None:
        return ()
    lines = []
    if checks.yield_check is not None:
        found = checks.yield_check
        lines.append(
            CheckLine("Printed yield", printed_yield_text(found), _level(found.matches, found.reason))
        )
    if checks.accrued is not None:
        accrued = checks.accrued
        level = _level(accrued.matches, accrued.reason)
        lines.append(CheckLine("Printed accrued", printed_accrued_text(accrued), level))
    return tuple(lines)


def _level(matches: bool, reason: str | None) -> str:
    return "" if reason else "ok" if matches else "bad"


# --- the yield ------------------------------------------------------------------------------


def _settle(offering: Offering, note: Note, printed: PrintedYield) -> tuple[date | None, SettleFrom | None]:
    if printed.settle_date is not None:
        return printed.settle_date, SettleFrom.PRINTED
    if offering.settle_date is not None:
        return offering.settle_date, SettleFrom.OFFERING
    if note.issue_date is not None:
        return note.issue_date, SettleFrom.ISSUE
    reference = (
        offering.offering_end or offering.offering_start or offering.trade_date or offering.supplement_date
    )
    coupon_date = _regular_coupon_date(note, reference)
    return coupon_date, SettleFrom.COUPON_DATE if coupon_date else None


def _regular_coupon_date(note: Note, reference: date | None) -> date | None:
    """The first regular coupon date (maturity − k·months) on or after ``reference``, else the
    last one before maturity; None for a note paying only at maturity."""
    months = note.frequency.months
    if not months:
        return None
    k = 1
    if reference is not None and reference < note.maturity_date:
        span = (note.maturity_date.year - reference.year) * 12 + note.maturity_date.month - reference.month
        k = max(1, span // months)
        while add_months(note.maturity_date, -months * k) < reference and k > 1:
            k -= 1
    return add_months(note.maturity_date, -months * k)


@lru_cache(maxsize=256)
def _check_yield(
    note: Note, printed: PrintedYield, price: Decimal, settle: date | None, settle_from: SettleFrom | None
) -> PrintedYieldCheck:
    bey = printed.basis is YieldBasis.BOND_EQUIVALENT
    f = BOND_EQUIVALENT_COMPOUNDING if bey else compounding_per_year(note)
    blank = PrintedYieldCheck(
        printed=printed,
        computed_pct=None,
        matches=False,
        workout=Workout.MATURITY,
        workout_date=note.maturity_date,
        workout_price_pct=None,
        is_worst=False,
        maturity_pct=None,
        price_pct=price,
        settle_date=settle,
        settle_from=settle_from,
        compounding=f,
    )
    if settle is None:
        return replace(blank, reason="no settle or issue date printed")
    priced = replace(note, issue_date=settle) if note.issue_date is None else note
    try:
        found = purchase_yields(Purchase(priced, Decimal(1000), settle, price), places=None)
    except TermSheetError as err:
        return replace(blank, reason=err.message)
    return _match(blank, priced, found, _places(printed.value_pct))


class _Candidate(NamedTuple):
    workout: Workout
    when: date | None
    pct: Decimal | None


def _match(blank: PrintedYieldCheck, note: Note, found: Yields, places: int) -> PrintedYieldCheck:
    """``blank`` completed with the workout whose yield, at ``places`` decimals on the printed
    basis, equals the printed one: maturity first, then worst, then any call date; with no
    match, maturity (worst when the label speaks of a call or of worst)."""
    per_year = compounding_per_year(note)
    bey = blank.printed.basis is YieldBasis.BOND_EQUIVALENT

    def shown(pct: Decimal | None) -> Decimal | None:
        if pct is None:
            return None
        value = bond_equivalent_yield_pct(pct, per_year, places=None) if bey else pct
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)

    maturity = _Candidate(Workout.MATURITY, note.maturity_date, shown(found.maturity_pct))
    candidates = [maturity]
    worst_call = found.worst_date not in (None, note.maturity_date)
    if worst_call:
        candidates.append(_Candidate(Workout.WORST, found.worst_date, shown(found.worst_pct)))
    candidates += [_Candidate(Workout.CALL, t.date, shown(t.yield_pct)) for t in found.to_call]
    printed = blank.printed.value_pct
    hit = next((c for c in candidates if c.pct is not None and c.pct == printed), None)
    chosen = hit or (candidates[1] if worst_call and _speaks_of_calls(blank.printed.label) else maturity)
    prices = {c.date: c.price_pct for c in note_calls(note)}
    return replace(
        blank,
        computed_pct=chosen.pct,
        matches=hit is not None,
        workout=chosen.workout,
        workout_date=chosen.when,
        workout_price_pct=prices.get(chosen.when) if chosen.when else None,
        is_worst=chosen.workout is not Workout.MATURITY and chosen.when == found.worst_date,
        maturity_pct=maturity.pct,
    )


def _speaks_of_calls(label: str) -> bool:
    words = label.lower()
    return "call" in words or "worst" in words


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def printed_yield_text(check: PrintedYieldCheck) -> str:
    """The check in words: "printed 5.045%, computed 5.045% to maturity (matches)"; a premium
    note's "printed 4.616% as “Yield to Maturity” is the yield to the par call on 2033-12-15 (the
    yield to worst), computed 4.616% (matches); to maturity 4.622%"; an assumed settle date said."""
    p = check.printed
    places = _places(p.value_pct)
    printed = f"{p.value_pct}%"
    if check.computed_pct is None:
        return f"printed {printed}: not computed ({check.reason})"
    basis = " bond-equivalent" if p.basis is YieldBasis.BOND_EQUIVALENT else ""
    verdict = "matches" if check.matches else "does not match"
    computed = f"{check.computed_pct:.{places}f}%{basis}"
    to_call = check.workout is not Workout.MATURITY
    if to_call and check.matches and "maturity" in p.label.lower():
        text = f"printed {printed} as “{p.label}” is the yield {_workout_words(check)}, computed {computed}"
        text += f" ({verdict})"
    else:
        text = f"printed {printed}, computed {computed} {_workout_words(check)} ({verdict})"
    if to_call and check.maturity_pct is not None:
        text += f"; to maturity {check.maturity_pct:.{places}f}%"
    if check.settle_from is SettleFrom.COUPON_DATE and check.settle_date is not None:
        text += f"; settle {check.settle_date} ({_SETTLE_WORDS[check.settle_from]})"
    return text


def _workout_words(check: PrintedYieldCheck) -> str:
    if check.workout is Workout.MATURITY:
        return "to maturity"
    price = check.workout_price_pct
    kind = "par call" if price is None or price == _PAR else "call"
    worst = " (the yield to worst)" if check.is_worst else ""
    return f"to the {kind} on {check.workout_date}{worst}"


# --- accrued interest -----------------------------------------------------------------------


@lru_cache(maxsize=256)
def _check_accrued(note: Note, printed: Decimal, settle: date) -> PrintedAccruedCheck:
    try:
        schedule = periods(note)
    except TermSheetError as err:
        return PrintedAccruedCheck(printed, None, settle, None, None, err.message)
    if not schedule[0].accrual_start <= settle < note.maturity_date:
        return PrintedAccruedCheck(
            printed, None, settle, None, None, f"settle date {settle} is outside the note's life"
        )
    period = schedule[holding_index(schedule, settle)]
    days, fraction = accrued_fraction(note, period, settle)
    principal = note.principal_amount or Decimal(0)
    computed = round_cents(principal * period.rate_pct * fraction.numerator / (100 * fraction.denominator))
    return PrintedAccruedCheck(printed, computed, settle, period.accrual_start, days)


def printed_accrued_text(check: PrintedAccruedCheck) -> str:
    """ "printed $861,805.56, computed $861,805.56 (matches): 52 days from 2024-03-15"."""
    printed = format_usd(check.printed)
    if check.computed is None:
        return f"printed {printed}: not computed ({check.reason})"
    verdict = "matches" if check.matches else "does not match"
    return (
        f"printed {printed}, computed {format_usd(check.computed)} ({verdict}): {check.days} days "
        f"from {check.accrual_start} to {check.settle_date}"
    )
