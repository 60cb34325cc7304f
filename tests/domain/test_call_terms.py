"""Calls beyond "Callable at 100% on …" (issue 12 item 6), and calls the document does not give
(issue 14 item 9).

Check values: Chubb INA 5.000% due 3/15/2034 (documents.md, family 2): settle 3/7/2024, first
coupon 9/15/2024 (long), price 99.648, "Make-Whole Call prior to December 15, 2033 (T + 15 basis
points)", "Par Call on or after December 15, 2033". Yields against QuantLib 1.44 ``bondYield``
(Thirty360 BondBasis, Compounded Semiannual; unadjusted flows as in test_yields_oracle.py), the
yield to the par call with the bond cut at the call date and redeemed at 100. Prudential
InterNotes 2014, 74432RAC7 "Subject to our redemption right" (tests/data/supplements): callable on
terms the document does not give.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.calls import calls_unknown, note_calls, par_call_date
from app.domain.model import (
    WORST_CALLS_UNKNOWN,
    CallFrequency,
    CallPrice,
    Frequency,
    NoticeKind,
    Purchase,
    Redemption,
    WorstBasis,
)
from app.domain.quote import make_purchase, note_warnings, quote
from app.domain.yields import bond_equivalent_yield_pct, purchase_yields
from app.sources import load_path
from tests.domain.test_yields_oracle import cut_bond, full_bond, ql_yield
from tests.offerings import ALLY, CHUBB, CHUBB_2034
from tests.quantlib_oracle import ql

PAR_CALL = date(2033, 12, 15)
SETTLE = date(2024, 3, 7)
SUPPLEMENTS = Path(__file__).resolve().parents[1] / "data" / "supplements"


def test_make_whole_then_par_has_one_call_date_the_par_call() -> None:
    """The make-whole period (3/7/2024 – 12/14/2033) gives no call dates; the par call on or after
    12/15/2033 is checked on the coupon dates from then to (not including) maturity: one date."""
    calls = note_calls(CHUBB_2034)
    assert [(c.date, c.price_pct) for c in calls] == [(PAR_CALL, Decimal(100))]
    assert par_call_date(CHUBB_2034.redemption) == PAR_CALL


def test_the_make_whole_period_is_never_turned_into_par_call_dates() -> None:
    # a loader that gave the par call's date as the make-whole period's start still gets none
    early = replace(CHUBB_2034.redemption, first_call_date=date(2024, 9, 15))
    assert [c.date for c in note_calls(replace(CHUBB_2034, redemption=early))] == [PAR_CALL]
    # a make-whole period with only its end date given: the par call begins there
    only_end = replace(CHUBB_2034.redemption, first_call_date=None)
    assert [c.date for c in note_calls(replace(CHUBB_2034, redemption=only_end))] == [PAR_CALL]


def test_the_make_whole_period_is_worded_once() -> None:
    expected = (
        "make-whole call before 2033-12-15 at T+15 bp: not a fixed-price call; par call from 2033-12-15"
    )
    assert [w.message for w in note_warnings(CHUBB_2034)] == [expected]
    q = quote(make_purchase(CHUBB, CHUBB_2034))
    assert [w.message for w in q.warnings] == [expected]


@pytest.mark.parametrize(
    ("price", "maturity", "to_call", "worst"),
    [
        # QuantLib 1.44: 0.0504499661724112 to maturity, 0.05046514071581199 to the par call
        ("99.648", 5.04499661724112, 5.046514071581199, date(2034, 3, 15)),
        # a premium works out to the par call: 0.04622444739432317, 0.04615536209794631
        ("103", 4.622444739432317, 4.615536209794631, PAR_CALL),
    ],
)
def test_chubb_yields_to_maturity_and_to_the_par_call_match_quantlib(
    price: str, maturity: float, to_call: float, worst: date
) -> None:
    ql.Settings.instance().evaluationDate = ql.Date(1, 1, 1990)
    assert ql_yield(full_bond(CHUBB_2034), CHUBB_2034, Decimal(price), SETTLE) == pytest.approx(
        maturity / 100, abs=1e-14
    )
    assert ql_yield(
        cut_bond(CHUBB_2034, PAR_CALL, 100.0), CHUBB_2034, Decimal(price), SETTLE
    ) == pytest.approx(to_call / 100, abs=1e-14)
    got = purchase_yields(Purchase(CHUBB_2034, Decimal(1000), SETTLE, Decimal(price)), places=None)
    assert float(got.maturity_pct or 0) == pytest.approx(maturity, abs=1e-10)
    assert [(t.date, float(t.yield_pct)) for t in got.to_call] == [
        (PAR_CALL, pytest.approx(to_call, abs=1e-10))
    ]
    assert got.worst_date == worst
    assert got.worst_basis is (WorstBasis.CALL if worst == PAR_CALL else WorstBasis.MATURITY)


def test_listed_call_dates_each_at_its_own_price() -> None:
    """``Redemption.schedule``: the listed dates, in date order, each at its price, with notice
    days counted back; a date on or after maturity is not a call date."""
    listed = (
        CallPrice(date(2022, 5, 15), Decimal("100.5")),
        CallPrice(date(2021, 5, 15), Decimal("101")),
        CallPrice(date(2022, 11, 15), Decimal(100)),  # the maturity date
    )
    terms = Redemption("listed", True, notice_days=10, notice_kind=NoticeKind.CALENDAR, schedule=listed)
    note = replace(ALLY.notes[0], redemption=terms)
    calls = note_calls(note)
    assert [(c.date, c.price_pct, c.notice_date) for c in calls] == [
        (date(2021, 5, 15), Decimal(101), date(2021, 5, 5)),
        (date(2022, 5, 15), Decimal("100.5"), date(2022, 5, 5)),
    ]
    assert calls[0].payment_date == date(2021, 5, 17)  # 5/15/2021 is a Saturday
    assert not calls_unknown(note)
    assert note_warnings(note) == ()


def test_listed_calls_win_over_recurring_terms() -> None:
    terms = replace(
        ALLY.notes[0].redemption, schedule=(CallPrice(date(2021, 11, 15), Decimal(100)),)
    )  # "Callable at 100% on 11/15/2020 and Monthly thereafter" would give 24 dates
    assert [c.date for c in note_calls(replace(ALLY.notes[0], redemption=terms))] == [date(2021, 11, 15)]


def test_calls_on_terms_the_document_does_not_give_leave_only_the_yield_to_maturity() -> None:
    offering, _ = load_path(SUPPLEMENTS / "prudential-internotes-2014.html")
    note = offering.note("74432RAC7")
    assert note is not None and calls_unknown(note)
    q = quote(make_purchase(offering, note))
    y = q.yields
    assert y is not None and y.calls_unknown and y.to_call == ()
    assert (y.worst_pct, y.worst_date) == (y.maturity_pct, note.maturity_date)  # kept for the contract
    assert y.worst_basis is WorstBasis.CALLS_UNKNOWN
    assert y.worst_note == WORST_CALLS_UNKNOWN
    assert "yield to worst is only the yield to maturity" in WORST_CALLS_UNKNOWN


@pytest.mark.parametrize(
    "terms",
    [
        Redemption(callable=False),
        Redemption(callable=None),
        Redemption("Make-whole call at any time at T + 25 bps", True, make_whole=True),
        Redemption("listed", True, schedule=(CallPrice(date(2021, 1, 15), Decimal(100)),)),
        Redemption("Callable", True, Decimal(100), date(2020, 11, 15), CallFrequency.ONCE),
    ],
    ids=["non-callable", "not-stated", "make-whole", "listed", "dated"],
)
def test_known_terms_are_not_unknown(terms: Redemption) -> None:
    note = replace(ALLY.notes[0], redemption=terms)
    assert not calls_unknown(note)
    y = purchase_yields(Purchase(note, Decimal(1000), date(2019, 11, 29), Decimal(100)))
    assert not y.calls_unknown and y.worst_note is None


def test_bond_equivalent_yields_beside_the_yields() -> None:
    """A monthly note at par on a coupon date yields its coupon; restated semi-annually, 5.250%
    monthly is 5.308% (Caterpillar Financial rate sheet, June 2008, domain.md)."""
    note = replace(ALLY.notes[0], coupon_rate_pct=Decimal("5.250"), redemption=Redemption(callable=False))
    y = purchase_yields(Purchase(note, Decimal(1000), date(2020, 1, 15), Decimal(100)))
    assert y.maturity_pct == Decimal("5.250000")
    # 2·((1 + .0525/12)^6 − 1) = 5.307758…%, printed 5.308%
    assert y.maturity_bey_pct == y.worst_bey_pct == Decimal("5.307758")
    assert bond_equivalent_yield_pct(Decimal("5.25"), Frequency.MONTHLY) == Decimal("5.307758")
    called = purchase_yields(Purchase(ALLY.notes[0], Decimal(1000), date(2019, 12, 16), Decimal(101)))
    assert called.worst_date == date(2020, 11, 15) and called.worst_bey_pct is not None
    assert called.worst_pct is not None and called.worst_bey_pct > called.worst_pct  # monthly → semi-annual


def test_a_bond_equivalent_yield_past_what_a_float_holds_is_none() -> None:
    """A price of 1% the day before maturity: the monthly yield is finite (absurd), its
    semi-annual restatement (·6 in the exponent) is not: None, not an overflow."""
    note = replace(ALLY.notes[0], redemption=Redemption(callable=False))
    y = purchase_yields(Purchase(note, Decimal(1000), note.maturity_date - timedelta(days=1), Decimal(1)))
    assert y.maturity_pct is not None and y.maturity_pct > Decimal("1e50")
    assert y.maturity_bey_pct is None and y.worst_bey_pct is None
