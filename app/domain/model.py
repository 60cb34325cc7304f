"""Value types of the domain: Offering, Note, Redemption, Coupon, CallDate, Purchase, Quote.

All frozen; dates are ``datetime.date``, money and rates ``Decimal``. Field names carry units
(``coupon_rate_pct``, ``price_pct``, ``amount``). ``Note`` is hashable so schedules can be cached.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import NamedTuple

from app.domain import cusip as _cusip
from app.domain.daycount import DayCount
from app.domain.money import round_cents


class Frequency(Enum):
    """Coupon frequency; the value is the offering-file spelling."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMIANNUAL = "semiannual"
    ANNUAL = "annual"
    AT_MATURITY = "at-maturity"

    @property
    def months(self) -> int:
        """Months between regular coupon dates (0 for a single payment at maturity)."""
        return _FREQ_MONTHS[self]

    @property
    def per_year(self) -> int:
        """Coupons a year (0 for at maturity)."""
        return 12 // self.months if self.months else 0


_FREQ_MONTHS = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.SEMIANNUAL: 6,
    Frequency.ANNUAL: 12,
    Frequency.AT_MATURITY: 0,
}


class CouponType(Enum):
    FIXED = "fixed"
    STEP = "step"
    FLOATING = "floating"
    ZERO = "zero"


class CallFrequency(Enum):
    """How often a note is callable after its first call date."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMIANNUAL = "semiannual"
    ANNUAL = "annual"
    ONCE = "once"
    CONTINUOUS = "continuous"

    @property
    def months(self) -> int:
        """Months between call dates; 0 for once; 1 for continuous (checked on coupon dates)."""
        return {"monthly": 1, "quarterly": 3, "semiannual": 6, "annual": 12}.get(self.value, 0)


class NoticeKind(Enum):
    CALENDAR = "calendar"
    BUSINESS = "business"


class DocumentFamily(Enum):
    """The family of offering document a loader read (documents.md); the value is the
    offering-file spelling (``offering.family``)."""

    TABLE_SUPPLEMENT = "table-supplement"  # per-CUSIP table pricing supplement (InterNotes, CoreNotes …)
    TERM_SHEET = "pricing-term-sheet"  # label/value term sheet (Rule 433 FWP, 424(b)(2) in that form)
    MTN_FORM = "mtn-pricing-supplement"  # medium-term-note pricing supplement in form layout
    RATE_SHEET = "rate-sheet"  # weekly rate sheet, one row per CUSIP
    ZERO_COUPON = "zero-coupon"  # zero-coupon / discount notes (every note of the document)
    OFFERING_FILE = "offering-file"  # our own ``termsheet-offering/1`` JSON


class YieldBasis(Enum):
    """How a printed yield compounds: at the note's coupon frequency (the street yield) or
    semi-annually (bond-equivalent, as rate sheets and zero-coupon "implicit rates" quote)."""

    NOTE = "note"
    BOND_EQUIVALENT = "bond-equivalent"


@dataclass(frozen=True, slots=True)
class ParseWarning:
    """A recoverable problem, returned with a result and listed by the window and ``show``."""

    where: str
    message: str


@dataclass(frozen=True, slots=True)
class Step:
    """A step-up coupon: ``rate_pct`` applies to periods starting on or after ``from_date``."""

    from_date: date
    rate_pct: Decimal


@dataclass(frozen=True, slots=True)
class CallPrice:
    """A call date listed in the document with its price in percent of principal (a callable zero
    pays a stated amount per $1,000 on each date: 62.5 = $625.00)."""

    date: _dt.date
    price_pct: Decimal


@dataclass(frozen=True, slots=True)
class Redemption:
    """Structured call terms ("Callable at 100% on 11/15/2020 and Monthly thereafter with 30
    Calendar Days Notice"). ``callable`` None = not stated; True with no ``first_call_date`` =
    callable on terms the document does not give."""

    text: str | None = None
    callable: bool | None = None
    price_pct: Decimal | None = None
    first_call_date: date | None = None
    frequency: CallFrequency | None = None
    notice_days: int | None = None
    notice_kind: NoticeKind | None = None
    make_whole: bool = False
    make_whole_spread_bps: Decimal | None = None
    # a make-whole call that ends where a par call begins ("Make-Whole Call prior to December 15,
    # 2033 (T + 15 basis points)"; "Par Call on or after December 15, 2033"): the make-whole
    # period is shown, never turned into call dates; the par call is ``first_call_date``
    make_whole_until: date | None = None
    # call dates listed one by one with their prices; when given they are the call dates
    schedule: tuple[CallPrice, ...] = ()


@dataclass(frozen=True, slots=True)
class PrintedYield:
    """A yield the document prints ("Yield to Maturity: 5.045%", "Reoffer Yield", a rate sheet's
    yield, a zero's "implicit rate"), with the price and settle date it was printed for when the
    document gives them apart from the note's (None: the note's price, the offering's settle)."""

    value_pct: Decimal
    label: str
    basis: YieldBasis = YieldBasis.NOTE
    price_pct: Decimal | None = None
    settle_date: date | None = None


@dataclass(frozen=True, slots=True)
class Note:
    """One CUSIP of an offering, as printed in its pricing supplement.

    ``cusip`` is "" when the document prints none (a form-layout MTN supplement may not): the
    note loads and a warning says so. ``issue_date`` is None when the document prints no settle
    or issue date (a weekly rate sheet): the purchase's settle date is then the issue date.
    """

    cusip: str
    coupon_rate_pct: Decimal | None
    frequency: Frequency
    issue_date: date | None
    maturity_date: date
    first_coupon_date: date | None = None
    coupon_type: CouponType = CouponType.FIXED
    steps: tuple[Step, ...] = ()
    day_count: DayCount = DayCount.THIRTY_360
    principal_amount: Decimal | None = None
    price_pct: Decimal | None = None
    concession_pct: Decimal | None = None
    net_proceeds: Decimal | None = None
    first_coupon_amount: Decimal | None = None
    survivors_option: bool | None = None
    ranking: str | None = None
    redemption: Redemption = field(default_factory=Redemption)
    survivors_option_text: str | None = None
    printed_yield: PrintedYield | None = None
    # "plus accrued interest of $861,805.56" (a reopening): dollars on ``principal_amount``
    printed_accrued_interest: Decimal | None = None

    @property
    def cusip_valid(self) -> bool:
        return _cusip.is_valid(self.cusip)

    @property
    def cusip_shown(self) -> str:
        """The CUSIP as people read it: "(no CUSIP)" when the document prints none."""
        return self.cusip or "(no CUSIP)"

    def rate_on(self, period_start: date) -> Decimal:
        """The coupon rate (percent) of a period starting on ``period_start`` (steps applied)."""
        rate = self.coupon_rate_pct if self.coupon_rate_pct is not None else Decimal(0)
        if self.coupon_type is CouponType.ZERO:
            return Decimal(0)
        for step in self.steps:
            if step.from_date <= period_start:
                rate = step.rate_pct
        return rate


@dataclass(frozen=True, slots=True)
class Offering:
    """A pricing supplement: offering-wide facts and its notes."""

    notes: tuple[Note, ...]
    issuer: str | None = None
    program: str | None = None
    document: str | None = None
    preliminary: bool = False
    supplement_date: date | None = None
    prospectus_date: date | None = None
    registration_no: str | None = None
    offering_start: date | None = None
    offering_end: date | None = None
    trade_date: date | None = None
    settle_date: date | None = None
    minimum_denomination: Decimal | None = None
    increment: Decimal | None = None
    dtc_number: str | None = None
    agents: tuple[str, ...] = ()
    family: DocumentFamily | None = None

    def note(self, cusip: str) -> Note | None:
        wanted = cusip.strip().upper()
        return next((n for n in self.notes if n.cusip.upper() == wanted), None)


class Period(NamedTuple):
    """One accrual period of a note, for a unit of principal (amounts come with a purchase).

    Schedule rows are NamedTuples rather than frozen dataclasses: equally immutable and typed,
    and five times cheaper to build, which matters for 360-period notes on every edit."""

    number: int
    accrual_start: date
    accrual_end: date
    payment_date: date
    days: int
    rate_pct: Decimal
    year_fraction_num: int
    year_fraction_den: int


class Coupon(NamedTuple):
    """A coupon a purchase receives: accrual dates unadjusted, payment date rolled."""

    number: int
    accrual_start: date
    accrual_end: date
    payment_date: date
    days: int
    rate_pct: Decimal
    amount: Decimal


class CallDate(NamedTuple):
    """A date the issuer may redeem the note, with the last day it must give notice."""

    date: _dt.date
    payment_date: _dt.date
    notice_date: _dt.date
    price_pct: Decimal


class SettleFrom(Enum):
    """Where the settle date of a check comes from."""

    PRINTED = "printed"  # printed with the yield
    OFFERING = "offering"  # the offering's settle date
    ISSUE = "issue"  # the note's issue date
    COUPON_DATE = "regular-coupon-date"  # none printed: assumed on a regular coupon date


@dataclass(frozen=True, slots=True)
class PrintedYieldCheck:
    """A printed yield against the engine's. ``computed_pct`` is at the printed decimals on the
    printed basis: the yield of the workout it matches, else (no match) the yield to maturity
    (to worst when the label speaks of a call or of worst). None with ``reason`` when it cannot be
    computed. ``maturity_pct`` is the yield to maturity at the same decimals and basis."""

    printed: PrintedYield
    computed_pct: Decimal | None
    matches: bool
    workout: Workout
    workout_date: date | None
    workout_price_pct: Decimal | None
    is_worst: bool
    maturity_pct: Decimal | None
    price_pct: Decimal
    settle_date: date | None
    settle_from: SettleFrom | None
    compounding: int
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class PrintedAccruedCheck:
    """Printed accrued interest (dollars on the principal amount) against the engine's."""

    printed: Decimal
    computed: Decimal | None
    settle_date: date | None
    accrual_start: date | None
    days: int | None
    reason: str | None = None

    @property
    def matches(self) -> bool:
        return self.computed is not None and abs(self.printed - self.computed) <= Decimal("0.01")


@dataclass(frozen=True, slots=True)
class PrintedChecks:
    """The yield and accrued interest a note's document prints, each checked (None: not printed)."""

    yield_check: PrintedYieldCheck | None
    accrued: PrintedAccruedCheck | None


@dataclass(frozen=True, slots=True)
class Purchase:
    """A client's purchase: the note, face amount, settle date and clean price (percent of par)."""

    note: Note
    amount: Decimal
    settle_date: date
    price_pct: Decimal
    minimum: Decimal = Decimal(1000)
    increment: Decimal = Decimal(1000)
    # the document's printed yield and accrued interest, checked at its own price and settle
    # date (``quote.make_purchase`` fills it in; it does not depend on this purchase)
    printed: PrintedChecks | None = None


@dataclass(frozen=True, slots=True)
class Repayment:
    """The principal repaid at maturity (rolled payment date kept beside the stated date)."""

    date: _dt.date
    payment_date: _dt.date
    amount: Decimal


class YieldToCall(NamedTuple):
    """The yield if the note is called on ``date`` (a tuple: a 30-year note has hundreds)."""

    date: _dt.date
    yield_pct: Decimal


class Workout(Enum):
    """Where a yield works out: at maturity, on a call date, or the worst of them."""

    MATURITY = "maturity"
    CALL = "call"
    WORST = "worst"


class WorstBasis(Enum):
    """What the yield to worst is: to a call, to maturity, or only to maturity because the
    document does not give the call terms (callable, terms in the prospectus)."""

    CALL = "call"
    MATURITY = "maturity"
    CALLS_UNKNOWN = "maturity-calls-unknown"


WORST_CALLS_UNKNOWN = (
    "calls unknown (terms in the prospectus): the yield to worst is only the yield to maturity"
)


@dataclass(frozen=True, slots=True)
class Yields:
    """Yields of a purchase (street convention, compounding at the coupon frequency).

    ``calls_unknown``: the note is callable on terms the document does not give, so
    ``worst_pct`` is only the yield to maturity (say so wherever it is shown). The
    ``*_bey_pct`` are the same yields restated semi-annually (bond-equivalent)."""

    current_pct: Decimal | None
    maturity_pct: Decimal | None
    worst_pct: Decimal | None
    worst_date: date | None
    to_call: tuple[YieldToCall, ...] = ()
    calls_unknown: bool = False
    maturity_bey_pct: Decimal | None = None
    worst_bey_pct: Decimal | None = None

    @property
    def worst_basis(self) -> WorstBasis | None:
        """What ``worst_pct`` works out to (None when there is no yield)."""
        if self.worst_date is None:
            return None
        if self.calls_unknown:
            return WorstBasis.CALLS_UNKNOWN
        on_call = any(t.date == self.worst_date for t in self.to_call)
        return WorstBasis.CALL if on_call else WorstBasis.MATURITY

    @property
    def worst_note(self) -> str | None:
        """Why the yield to worst is not what it seems, in the one wording every output uses."""
        return WORST_CALLS_UNKNOWN if self.calls_unknown else None


@dataclass(frozen=True, slots=True)
class FirstCouponCheck:
    """The supplement's printed first coupon per $1,000 against the engine's."""

    printed: Decimal | None
    computed: Decimal | None

    @property
    def matches(self) -> bool:
        if self.printed is None or self.computed is None:
            return False
        return abs(self.printed - self.computed) <= Decimal("0.01")


@dataclass(frozen=True, slots=True)
class SurvivorOption:
    """The survivor's option of a purchase: the first day the estate may put the holding back
    (at 100% plus accrued), what it would receive that day (None when that day is not before
    maturity) and the limits the supplement states (None when it states none)."""

    eligible_date: date
    estate_amount: Decimal | None
    limits: str | None


@dataclass(frozen=True, slots=True)
class Quote:
    """Every figure of ``calc`` for one purchase. A zero-coupon note has no ``coupons``: it pays
    only ``redemption`` (or a call amount). ``survivor`` is None unless the note has the option."""

    purchase: Purchase
    principal: Decimal
    accrual_start: date
    accrued_days: int
    accrued_interest: Decimal
    total: Decimal
    concession: Decimal | None
    annual_income: Decimal
    first_coupon: FirstCouponCheck
    coupons: tuple[Coupon, ...]
    redemption: Repayment
    calls: tuple[CallDate, ...]
    yields: Yields | None = None
    warnings: tuple[ParseWarning, ...] = ()
    survivor: SurvivorOption | None = None

    @property
    def printed_yield(self) -> PrintedYieldCheck | None:
        """The document's printed yield, checked (beside ``first_coupon``)."""
        return self.purchase.printed.yield_check if self.purchase.printed else None

    @property
    def printed_accrued(self) -> PrintedAccruedCheck | None:
        """The document's printed accrued interest (dollars), checked."""
        return self.purchase.printed.accrued if self.purchase.printed else None

    @property
    def next_coupon(self) -> Coupon | None:
        return self.coupons[0] if self.coupons else None

    def call_amount(self, call: CallDate) -> Decimal:
        """The principal repaid on the purchase if the note is called on ``call`` (amount × call
        price, rounded once to the cent; a callable zero's stated amount)."""
        return round_cents(self.purchase.amount * call.price_pct / 100)
