"""The proposal panel's rows and chart arrays (Qt-free): a position priced and one that is not,
the month bars (every month, zeros included, at mid-month), the principal and first-call marks
and their labels and tooltips.

Check values (Ally Pricing Supplement No. 213, tests/offerings.py): $25,000 of 02006DTT8 settling
2019-12-03 — total $25,006.53, first coupon 2019-12-16 $26.11, then $48.96 a month, repaid
2022-11-15; $10,000 of 02006DTU5 settling 2019-12-10 — total $10,007.94, first coupon $11.56,
then $21.67, repaid 2024-11-15; both first callable 2020-11-15.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.domain.holding import Position
from app.domain.model import Offering
from app.domain.proposal import Proposal, ProposalInputs
from app.present.chart_arrays import epoch
from app.present.proposal_rows import marks, month_bars, month_tip, position_row, principal_labels

DOC = "/docs/ally-213.txt"


def two(ally: Offering) -> Proposal:
    positions = (
        Position(DOC, "02006DTT8", Decimal(25000), date(2019, 12, 3)),
        Position(DOC, "02006DTU5", Decimal(10000), date(2019, 12, 10)),
    )
    return Proposal.build(ProposalInputs("Jane", positions=positions), {DOC: ally})


def test_a_priced_position_and_one_whose_cusip_is_unknown(ally: Offering) -> None:
    p = two(ally)
    row = position_row(0, p.holding(0))
    assert (row.number, row.cusip, row.issuer) == (1, "02006DTT8", "Ally Financial Inc.")
    assert (row.amount, row.settle_date, row.total) == (
        Decimal(25000),
        date(2019, 12, 3),
        Decimal("25006.53"),
    )
    assert row.annual_income == Decimal("587.50") and round(row.worst_pct, 3) == Decimal("2.350")
    assert row.error is None
    p.add(Position(DOC, "99999ZZZ9", Decimal(5000)), ally)
    bad = position_row(2, p.holding(2))
    assert (bad.cusip, bad.amount, bad.total) == ("99999ZZZ9", Decimal(5000), None)
    assert bad.error is not None and "unknown CUSIP" in bad.error and bad.error_field == "cusip"


def test_month_bars_cover_every_month_at_its_middle(ally: Offering) -> None:
    p = two(ally)
    bars = month_bars(p.month_series())
    assert bars.x.size == 60  # 2019-12 … 2024-11
    assert bars.x[0] == epoch(date(2019, 12, 15)) and bars.x[-1] == epoch(date(2024, 11, 15))
    assert bars.interest[0] == 37.67  # $26.11 + $11.56
    assert bars.interest[1] == 70.63  # $48.96 + $21.67
    assert [float(v) for v in p.month_series().interest] == bars.interest.tolist()
    assert bars.principal.nonzero()[0].tolist() == [35, 59]  # 2022-11, 2024-11
    assert bars.month_at(epoch(date(2020, 1, 20))) == 1
    assert bars.month_at(epoch(date(2020, 1, 1))) is None  # between two bars
    assert month_bars(None).x.size == 0


def test_marks_labels_and_tooltips(ally: Offering) -> None:
    p = two(ally)
    held, called = marks(p, called=False), marks(p, called=True)
    assert held.principal_cusips == ("02006DTT8", "02006DTU5")
    assert held.call_x.tolist() == [epoch(date(2020, 11, 15))] * 2
    bars = month_bars(p.month_series())
    assert [text for text, _x in principal_labels(bars, held)] == [
        "02006DTT8 $25,000.00",
        "02006DTU5 $10,000.00",
    ]
    called_bars = month_bars(p.month_series(called=True))
    assert [text for text, _x in principal_labels(called_bars, called)] == ["2 notes $35,000.00"]
    tip = month_tip(called_bars, 11, called)  # November 2020: the calls
    assert tip.splitlines()[:3] == ["November 2020", "Interest $70.63", "Principal $35,000.00"]
    assert "02006DTT8 call $25,000.00" in tip and "02006DTU5 first call 2020-11-15" in tip
