"""The comparison table: terms at once, yields on demand and equal to the quote's, sorting with
rows that have no value last, call protection in 30/360 years."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from app.domain.compare import COLUMNS, CompareTable, row_of, row_yields, sort_key, yields_of
from app.domain.model import Redemption
from app.domain.quote import make_purchase, quote
from tests.offerings import ALLY, JOHN_HANCOCK, big_offering, long_offering


def test_yields_are_the_quotes() -> None:
    table = CompareTable.of([("ally", ALLY)])
    for i, row in enumerate(table.rows):
        expected = quote(make_purchase(ALLY, row.note)).yields
        assert expected is not None
        got = table.yields(i)
        assert (got.current_pct, got.maturity_pct, got.worst_pct, got.worst_date) == (
            expected.current_pct, expected.maturity_pct, expected.worst_pct, expected.worst_date)  # fmt: skip
        assert got.reason is None and got.worst_bey_pct is not None and got.worst_bey_pct > got.worst_pct


def test_yields_wait_until_asked() -> None:
    table = CompareTable.of([("many", big_offering(30))])
    assert [table.known(i) for i in range(len(table))] == [None] * 30
    assert table.compute([3, 1]) == [3, 1] and table.compute([1, 2]) == [2]
    order = table.order("worst_pct", descending=True)
    assert sorted(order[:3]) == [1, 2, 3] and len(order) == 30  # rows not computed sort last
    assert set(order[3:]) == set(range(30)) - {1, 2, 3}


def test_call_protection() -> None:
    # 30/360 from 2019-11-29 to the first call 2020-11-15: 346 days → 0.96 years
    assert row_of("ally", ALLY, ALLY.notes[0]).call_protection_years == Decimal("0.96")
    # first call passed: no protection left
    assert row_of("ally", ALLY, ALLY.notes[0], date(2021, 1, 4)).call_protection_years == Decimal("0.00")
    long_note = long_offering(30).notes[0]
    non_call = replace(long_note, redemption=Redemption(callable=False))
    assert row_of("x", long_offering(30), non_call).call_protection_years == Decimal("30.00")  # to maturity
    unstated = replace(long_note, redemption=Redemption(callable=None))
    assert row_of("x", long_offering(30), unstated).call_protection_years is None
    no_dates = replace(long_note, redemption=Redemption(callable=True))
    row = row_of("x", long_offering(30), no_dates)
    assert row.call_protection_years is None and "no call dates" in row.warnings[0].message


def test_a_note_that_cannot_be_priced_keeps_its_row() -> None:
    table = CompareTable.of([("ally", ALLY)], settle_date=date(2023, 6, 1))
    matured = table.yields(0)  # 02006DTT8 matured 2022-11-15
    assert matured.worst_pct is None and matured.reason is not None and "out of range" in matured.reason
    assert table.yields(1).worst_pct is not None
    assert table.order("worst_pct") == [1, 0] and table.order("worst_pct", descending=True) == [1, 0]


def test_sort_order_is_stable_and_typed() -> None:
    table = CompareTable.of([("b", ALLY), ("a", ALLY)])
    assert table.order("cusip") == [0, 2, 1, 3]  # ties in load order
    assert table.order("cusip", descending=True) == [1, 3, 0, 2]
    assert table.order("document") == [2, 3, 0, 1]
    assert table.order("frequency") == [0, 1, 2, 3]
    for column in COLUMNS:
        assert sorted(table.order(column)) == [0, 1, 2, 3]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("worst_pct", ("worst_pct", False)), ("-worst_pct", ("worst_pct", True)),
     ("+maturity_date", ("maturity_date", False)), ("-yields.worst_bey_pct", ("worst_bey_pct", True))],
)  # fmt: skip
def test_sort_keys(text: str, expected: tuple[str, bool]) -> None:
    assert sort_key(text) == expected


def test_unknown_sort_key() -> None:
    with pytest.raises(KeyError):
        sort_key("-yield")


def test_a_new_table_adopts_the_yields_already_computed() -> None:
    many = big_offering(30)
    old = CompareTable.of([("many", many)])
    old.compute([0, 5])
    new = CompareTable.of([("ally", ALLY), ("many", many)])  # a document opened before it
    assert new.adopt(old) == 2
    assert new.known(2) is old.known(0) and new.known(7) is old.known(5) and new.known(0) is None
    # another settle date, or the same notes loaded again (new objects), take nothing
    assert CompareTable.of([("many", many)], date(2026, 3, 2)).adopt(old) == 0
    assert CompareTable.of([("many", big_offering(30))]).adopt(old) == 0


def test_yields_computed_elsewhere_are_stored_as_they_are() -> None:
    table = CompareTable.of([("ally", ALLY)])
    found = yields_of(table.rows[1:])
    table.store(1, found[0])
    assert table.known(1) is found[0] and table.compute() == [0]
    assert found[0] == row_yields(table.rows[1])  # the same figures as computing here
    assert table.order("worst_pct", descending=True) == [1, 0]  # 2.600% before 2.350%


def test_a_call_schedule_gives_the_first_call() -> None:
    # the tests' callable zero (tests/offerings.py): redeemable 2007-10-15 at $705 and
    # 2010-10-15 at $800 per $1,000; from the 2002-10-29 settle date 30/360: 4 y 11 m 16 d
    # = 1,786 days = 4.96 years
    row = CompareTable.of([("jh", JOHN_HANCOCK)]).rows[0]
    assert row.first_call_date == date(2007, 10, 15) and row.call_protection_years == Decimal("4.96")
