"""The live proposal: sums equal to the positions' own quotes, to the cent (tables with hand-made
values, and hypothesis over random proposals of tests/offerings.py's notes); "if called first";
edits that reprice one position leave the same figures as a proposal built afresh."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.errors import InputError, SourceError
from app.domain.holding import FlowKind, Position
from app.domain.model import CallFrequency, Frequency, Note, Offering, Quote, Redemption
from app.domain.proposal import Proposal, ProposalInputs
from app.domain.quote import make_purchase, quote
from tests.offerings import ALLY, big_offering, long_offering

DOC = "/docs/ally-213.txt"
LONG = long_offering(30)
SHORT = long_offering(5)
MANY = big_offering(24)
OFFERINGS = {
    "/docs/ally-213.txt": ALLY,
    "/docs/long.txt": LONG,
    "/docs/short.txt": SHORT,
    "/docs/many.txt": MANY,
}


def own_quote(position: Position) -> Quote:
    """What ``calc`` shows for one position on its own."""
    offering = OFFERINGS[position.document]
    note = offering.note(position.cusip)
    assert note is not None
    return quote(make_purchase(offering, note, position.amount, position.settle_date, position.price_pct))


def expected_sums(quotes: list[Quote], width: int) -> dict[str, tuple[Decimal, Decimal]]:
    """Coupons and principal of each quote by payment month (``width`` 7) or year (4)."""
    found: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for q in quotes:
        for c in q.coupons:
            found[c.payment_date.isoformat()[:width]][0] += c.amount
        found[q.redemption.payment_date.isoformat()[:width]][1] += q.redemption.amount
    return {k: (v[0], v[1]) for k, v in found.items()}


def figures(p: Proposal) -> tuple[object, ...]:
    """Every figure of a proposal, for comparing two of them."""
    cases = [(p.by_month(c), p.by_year(c), list(p.cash_flows(c)), p.month_series(c)) for c in (False, True)]
    return p.totals, p.call_risk, cases


def test_two_ally_positions() -> None:
    # domain.md check values: 02006DTT8 $25,000 settling 1/10/2020 accrues 25 days = $40.80; its
    # coupons are $48.96 (30 days at 2.35%); 12/15/2019 (a Sunday) is paid 12/16/2019
    p = Proposal("Jane Q. Client")
    p.add(Position(DOC, "02006DTT8", Decimal(25000), date(2020, 1, 10)), ALLY)
    p.add(Position(DOC, "02006DTU5", Decimal(10000), date(2019, 12, 3), Decimal("100.5")), ALLY)
    t = p.totals
    assert (t.principal, t.accrued_interest, t.total) == (
        Decimal("35050.00"),
        Decimal("43.69"),
        Decimal("35093.69"),
    )
    assert (t.concession, t.annual_income, t.positions, t.priced) == (
        Decimal("451.25"),
        Decimal("847.50"),
        2,
        2,
    )
    months = {m.month: (m.interest, m.principal, m.payments) for m in p.by_month()}
    assert months["2019-12"] == (Decimal("11.56"), 0, 1)  # 02006DTU5's 16-day first coupon only
    assert months["2020-01"] == (Decimal("70.63"), 0, 2)  # $48.96 + $21.67
    assert months["2022-11"] == (Decimal("70.63"), Decimal("25000.00"), 3)  # + 02006DTT8's principal
    flows = p.cash_flows()
    assert len(flows) == 35 + 1 + 60 + 1  # coupons 2–36 and 1–60, each principal
    assert (flows[0].payment_date, flows[0].cusip, flows[0].amount) == (
        date(2019, 12, 16),
        "02006DTU5",
        Decimal("11.56"),
    )
    # on one date: position order, a position's coupon before its principal
    same_day = [(f.position, f.kind) for f in flows if f.payment_date == date(2022, 11, 15)]
    assert same_day == [(0, FlowKind.COUPON), (0, FlowKind.PRINCIPAL), (1, FlowKind.COUPON)]
    assert flows[-1].kind is FlowKind.PRINCIPAL and flows[-1].amount == Decimal("10000.00")


def test_if_called_first() -> None:
    # first call 2020-11-15 (notice 2020-10-16), paid Monday 2020-11-16; 02006DTT8 from 1/10/2020:
    # coupons 2–12 = 11 × $48.96 = $538.56 instead of 35 × $48.96 = $1,713.60 to maturity
    p = Proposal()
    p.add(Position(DOC, "02006DTT8", Decimal(25000), date(2020, 1, 10)), ALLY)
    risk = p.call_risk
    assert (risk.interest, risk.income_at_risk) == (Decimal("538.56"), Decimal("1175.04"))
    (called,) = risk.calls
    assert (called.call.date, called.call.payment_date, called.amount) == (
        date(2020, 11, 15), date(2020, 11, 16), Decimal("25000.00"))  # fmt: skip
    last = p.cash_flows(called=True)[-1]
    assert (last.kind, last.payment_date, last.amount) == (
        FlowKind.CALL,
        date(2020, 11, 16),
        Decimal("25000.00"),
    )
    assert [(y.year, y.interest, y.principal) for y in p.by_year(called=True)] == [
        (2020, Decimal("538.56"), Decimal("25000.00"))
    ]


def test_a_call_whose_notice_has_passed_is_not_the_first() -> None:
    # settling 2020-10-20: the 11/15 call's notice date (10/16) has passed; the first call the
    # issuer can still make is 12/15/2020 (coupons 11 and 12 received: accrual ends 11/15, 12/15)
    p = Proposal()
    holding = p.add(Position(DOC, "02006DTT8", Decimal(25000), date(2020, 10, 20)), ALLY)
    assert holding.call is not None and holding.call.date == date(2020, 12, 15)
    assert p.call_risk.interest == 2 * Decimal("48.96")


def test_a_call_between_coupon_dates_pays_the_interest_accrued_to_it() -> None:
    # semiannual 4% note, callable once on 2021-03-01 at 101%: from the 1/15/2021 coupon date,
    # 30/360 46 days accrued → $10,000 × 4% × 46/360 = $51.11, paid with the call (Monday 3/1)
    terms = Redemption(callable=True, price_pct=Decimal(101), first_call_date=date(2021, 3, 1),
                       frequency=CallFrequency.ONCE)  # fmt: skip
    note = Note("TESTSEMI1", Decimal("4.000"), Frequency.SEMIANNUAL, date(2020, 1, 15), date(2025, 1, 15),
                date(2020, 7, 15), price_pct=Decimal(100), redemption=terms)  # fmt: skip
    offering = Offering((note,), issuer="Test", settle_date=date(2020, 1, 15))
    p = Proposal()
    p.add(Position("/docs/semi.txt", "TESTSEMI1", Decimal(10000)), offering)
    flows = list(p.cash_flows(called=True))
    assert [(f.payment_date, f.kind, f.amount) for f in flows] == [
        (date(2020, 7, 15), FlowKind.COUPON, Decimal("200.00")),
        (date(2021, 1, 15), FlowKind.COUPON, Decimal("200.00")),
        (date(2021, 3, 1), FlowKind.COUPON, Decimal("51.11")),
        (date(2021, 3, 1), FlowKind.CALL, Decimal("10100.00")),
    ]
    assert flows[2].coupon is not None and flows[2].coupon.days == 46


def test_a_non_callable_note_is_held_to_maturity_if_called_first() -> None:
    note = replace(LONG.notes[0], cusip="TESTNC001", redemption=Redemption(callable=False))
    p = Proposal()
    p.add(Position("/docs/nc.txt", "TESTNC001", Decimal(5000)), replace(LONG, notes=(note,)))
    assert p.by_year(called=True) == p.by_year() and p.call_risk.income_at_risk == 0
    assert p.call_risk.calls == ()


def test_positions_that_cannot_be_priced() -> None:
    p = Proposal()
    p.add(Position(DOC, "02006DTT8", Decimal(25000), date(2020, 1, 10)), ALLY)
    missing = p.add(
        Position("/docs/moved.txt", "02006DTU5"), SourceError("No such file", source="/docs/moved.txt")
    )
    unknown = p.add(Position(DOC, "123456789"), ALLY)
    odd = p.add(Position(DOC, "02006DTU5", Decimal(1500)), ALLY)
    assert not (missing.priced or unknown.priced or odd.priced)
    assert "unknown CUSIP" in str(unknown.error) and "multiple of the increment" in str(odd.error)
    assert p.totals.priced == 1 and p.totals.positions == 4 and p.totals.total == Decimal("25040.80")
    assert [w.where for w in p.warnings] == ["position 2 (02006DTU5)", "position 3 (123456789)",
                                             "position 4 (02006DTU5)"]  # fmt: skip
    p.set_amount(3, Decimal(2000))  # a position not priced is priced again with the new amount
    assert p.holding(3).priced and p.totals.priced == 2


def test_unknown_concession_makes_the_total_concession_unknown() -> None:
    p = Proposal()
    p.add(Position(DOC, "02006DTT8", Decimal(25000)), ALLY)
    assert p.totals.concession == Decimal("281.25")
    p.add(Position("/docs/long.txt", "99999ZZZ0", Decimal(1000)), LONG)  # prints no concession
    assert p.totals.concession is None and "concession unknown" in p.warnings[0].message


def test_an_invalid_edit_changes_nothing() -> None:
    p = Proposal()
    p.add(Position(DOC, "02006DTT8", Decimal(25000), date(2020, 1, 10)), ALLY)
    before = figures(p)
    with pytest.raises(InputError, match="multiple of the increment"):
        p.set_amount(0, Decimal(25500))
    with pytest.raises(InputError, match="out of range"):
        p.set_settle(0, date(2023, 1, 1))
    assert figures(p) == before and p.holding(0).position.amount == Decimal(25000)


def test_month_series_is_every_month() -> None:
    p = Proposal()
    p.add(Position("/docs/many.txt", MANY.notes[0].cusip, Decimal(1000)), MANY)
    p.add(Position("/docs/long.txt", "99999ZZZ0", Decimal(1000), date(2026, 3, 2)), LONG)
    series = p.month_series()
    assert series is not None
    months = p.by_month()
    assert series.first == months[0].start and len(series.interest) == len(series.principal)
    assert sum(series.interest) == sum(m.interest for m in months)
    assert sum(series.principal) == sum(m.principal for m in months)
    assert Proposal().month_series() is None


def test_build_from_inputs_and_back() -> None:
    positions = (Position(DOC, "02006DTT8", Decimal(25000)), Position("/docs/gone.txt", "02006DTU5"),
                 Position(DOC, "02006DTU5"))  # fmt: skip
    inputs = ProposalInputs("Jane", "Ann", "ladder", positions)
    p = Proposal.build(inputs, {DOC: ALLY}, {2: InputError("positions[2].amount: bad", field="amount")})
    assert [h.priced for h in p.holdings] == [True, False, False]
    assert "not loaded" in str(p.holding(1).error) and "bad" in str(p.holding(2).error)
    assert p.inputs == inputs
    p.set_amount(2, Decimal(3000))  # the bad field typed again: priced in its loaded offering
    assert p.holding(2).priced and p.totals.face_amount == Decimal(28000)
    p.set_amount(1, Decimal(3000))  # its document is still not loaded
    assert "not loaded" in str(p.holding(1).error)


def test_remove_and_replace() -> None:
    p = Proposal()
    a = Position(DOC, "02006DTT8", Decimal(25000), date(2020, 1, 10))
    b = Position(DOC, "02006DTU5", Decimal(10000), date(2019, 12, 3))
    p.add(a, ALLY)
    p.add(b, ALLY)
    p.remove(0)
    alone = Proposal()
    alone.add(b, ALLY)
    assert figures(p) == figures(alone)
    p.replace(0, a, ALLY)
    alone = Proposal()
    alone.add(a, ALLY)
    assert figures(p) == figures(alone)


# --- random proposals -------------------------------------------------------------------------


def settles(position: Position) -> st.SearchStrategy[date]:
    """A settle date the position's note accepts: its issue date to the day before maturity."""
    note = OFFERINGS[position.document].note(position.cusip)
    assert note is not None and note.issue_date is not None
    issue = note.issue_date
    return st.integers(0, (note.maturity_date - issue).days - 1).map(
        lambda days: issue + timedelta(days=days)
    )


@st.composite
def positions(draw: st.DrawFn) -> Position:
    document = draw(st.sampled_from(sorted(OFFERINGS)))
    note = draw(st.sampled_from(OFFERINGS[document].notes))
    settle = draw(settles(Position(document, note.cusip)))
    amount = Decimal(1000 * draw(st.integers(1, 500)))
    price = draw(st.sampled_from([None, Decimal("99.5"), Decimal("100"), Decimal("101.25")]))
    return Position(document, note.cusip, amount, settle, price)


@settings(max_examples=60, deadline=None)
@given(st.lists(positions(), min_size=1, max_size=6))
def test_sums_equal_the_positions_quotes(drawn: list[Position]) -> None:
    p = Proposal.build(ProposalInputs(positions=tuple(drawn)), OFFERINGS)
    quotes = [own_quote(position) for position in drawn]
    months = {m.month: (m.interest, m.principal) for m in p.by_month()}
    assert months == expected_sums(quotes, 7)
    years = {str(y.year): (y.interest, y.principal) for y in p.by_year()}
    assert years == expected_sums(quotes, 4)
    t = p.totals
    for name in ("principal", "accrued_interest", "total", "annual_income"):
        assert getattr(t, name) == sum(getattr(q, name) for q in quotes), name
    assert t.interest == sum(c.amount for q in quotes for c in q.coupons)
    assert len(p.cash_flows()) == sum(len(q.coupons) + 1 for q in quotes)
    assert [f.payment_date for f in p.cash_flows()] == sorted(f.payment_date for f in p.cash_flows())
    called = {y.year: y for y in p.by_year(called=True)}
    assert sum(y.interest for y in called.values()) == p.call_risk.interest
    assert p.call_risk.income_at_risk == t.interest - p.call_risk.interest >= 0


@settings(max_examples=40, deadline=None)
@given(st.lists(positions(), min_size=1, max_size=5), st.data())
def test_edits_leave_the_figures_of_a_proposal_built_afresh(
    drawn: list[Position], data: st.DataObject
) -> None:
    p = Proposal.build(ProposalInputs(positions=tuple(drawn)), OFFERINGS)
    current = list(drawn)
    for _ in range(4):
        i = data.draw(st.integers(0, len(current) - 1))
        if data.draw(st.booleans()):
            amount = Decimal(1000 * data.draw(st.integers(1, 500)))
            p.set_amount(i, amount)
            current[i] = replace(current[i], amount=amount)
        else:  # another settle date (its payments, order and calls change)
            settle = data.draw(settles(current[i]))
            p.set_settle(i, settle)
            current[i] = replace(current[i], settle_date=settle)
        list(p.cash_flows())  # the payment order is kept between edits when it can be
    afresh = Proposal.build(ProposalInputs(positions=tuple(current)), OFFERINGS)
    assert figures(p) == figures(afresh)
