"""The item models alone (no window): the coupon calendar and the call schedule.

Check values: domain.md (Ally 02006DTT8, settle 11/29/2019; 12/15/2019 is a Sunday → paid
12/16; 2/15/2020 Saturday + Washington's Birthday → 2/18) and the $25,000 purchase of issue 4
(first coupon 16 days × 2.35% × $25,000 / 360 = $26.11).
"""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QModelIndex, Qt

from app.domain.model import Offering, Quote
from app.domain.quote import make_purchase, quote
from app.present.rows import call_rows, cash_flow_rows, income_to_calls
from app.ui.common.roles import KIND_ROLE, RAW_ROLE
from app.ui.tables.models import COUPON_COLUMNS, CallTableModel, CouponTableModel

DISPLAY = Qt.ItemDataRole.DisplayRole
COL = {c.title: i for i, c in enumerate(COUPON_COLUMNS)}


def cell(model: CouponTableModel, row: int, title: str, role: int = DISPLAY) -> object:
    return model.data(model.index(row, COL[title]), role)


def test_coupon_rows_first_and_last(qtbot: object, ally_quote: Quote) -> None:
    model = CouponTableModel()
    model.set_quote(ally_quote)
    assert model.rowCount() == len(ally_quote.coupons) + 1 == 37
    assert cell(model, 0, "Payment date") == "2019-12-16"
    assert cell(model, 0, "Payment date", RAW_ROLE) == date(2019, 12, 16)
    assert cell(model, 0, "Amount") == "$26.11"
    assert cell(model, 0, "Amount", RAW_ROLE) == Decimal("26.11")
    assert cell(model, 0, "Days") == "16"
    assert cell(model, 0, "Rate") == "2.350%"
    last = model.rowCount() - 1
    assert cell(model, last, "#", KIND_ROLE) == "principal"
    assert cell(model, last, "Amount") == "$25,000.00"
    assert cell(model, last, "Payment date") == "2022-11-15"


def test_rolled_dates_are_highlighted_and_explained(qtbot: object, ally_quote: Quote) -> None:
    model = CouponTableModel()
    model.set_quote(ally_quote)
    assert cell(model, 0, "Payment date", Qt.ItemDataRole.BackgroundRole) is not None
    assert "Sunday" in str(cell(model, 0, "Payment date", Qt.ItemDataRole.ToolTipRole))
    assert cell(model, 2, "Payment date") == "2020-02-18"
    assert "Washington's Birthday" in str(cell(model, 2, "Payment date", Qt.ItemDataRole.ToolTipRole))
    assert cell(model, 1, "Payment date", Qt.ItemDataRole.BackgroundRole) is None  # 2020-01-15 Wed


def test_call_dates_marked_and_cumulative(qtbot: object, ally_quote: Quote) -> None:
    model = CouponTableModel()
    model.set_quote(ally_quote)
    marks = [cell(model, r, "Call") for r in range(model.rowCount())]
    assert marks.count("First call") == 1
    first = marks.index("First call")
    assert cell(model, first, "Accrual end") == "2020-11-15"
    assert marks.count("Call") == len(ally_quote.calls) - 1
    total = sum(c.amount for c in ally_quote.coupons)
    assert cell(model, len(ally_quote.coupons) - 1, "Cumulative", RAW_ROLE) == total


def test_sort_by_raw_value_and_back(qtbot: object, ally_quote: Quote) -> None:
    model = CouponTableModel()
    model.set_quote(ally_quote)
    model.sort(COL["Amount"], Qt.SortOrder.DescendingOrder)
    assert cell(model, 0, "#", KIND_ROLE) == "principal"
    assert cell(model, model.rowCount() - 1, "Amount") == "$26.11"
    model.set_quote(ally_quote)  # a new quote keeps the user's sort
    assert cell(model, 0, "#", KIND_ROLE) == "principal"
    model.sort(-1)
    assert cell(model, 0, "Payment date") == "2019-12-16"


def test_tsv(qtbot: object, ally_quote: Quote) -> None:
    model = CouponTableModel()
    model.set_quote(ally_quote)
    lines = model.tsv().splitlines()
    assert lines[0].split("\t") == [c.title for c in COUPON_COLUMNS]
    assert lines[1].split("\t")[:4] == ["1", "2019-11-29", "2019-12-15", "2019-12-16"]
    assert len(lines) == 38
    assert model.tsv([1, 0]).splitlines()[1].startswith("1\t")


def test_call_schedule(qtbot: object, ally_quote: Quote) -> None:
    model = CallTableModel()
    model.set_quote(ally_quote)
    rows = call_rows(ally_quote)
    assert model.rowCount() == len(ally_quote.calls) + 1
    assert model.data(model.index(0, 0)) == "2020-11-15"
    assert model.data(model.index(model.rowCount() - 1, 0)) == "Maturity"
    assert rows[-1].forgone == 0
    income = income_to_calls(ally_quote)
    # coupons to the first call: 12 coupons, 12/15/2019 … 11/15/2020
    assert income[0].income == sum(c.amount for c in ally_quote.coupons[:12])
    assert all(a.income < b.income for a, b in itertools.pairwise(income))
    if ally_quote.yields is not None:
        assert sum(r.workout for r in rows) == 1


def test_rows_dropped_and_added_at_the_top_keep_the_model_exact(qtbot: object, ally: Offering) -> None:

    note = ally.notes[0]
    early = quote(make_purchase(ally, note, Decimal(25000), date(2019, 12, 3)))
    late = quote(make_purchase(ally, note, Decimal(26000), date(2020, 3, 20)))
    model, calls = CouponTableModel(), CallTableModel()
    for q in (early, late, early):  # rows removed at the top, then added back
        model.set_quote(q)
        calls.set_quote(q)
        assert model.rowCount() == len(q.coupons) + 1
        assert model.data(model.index(0, COL["Payment date"]), RAW_ROLE) == q.coupons[0].payment_date
        assert model.data(model.index(0, COL["Amount"]), RAW_ROLE) == q.coupons[0].amount
        assert model.tsv().splitlines()[1:] == CouponTableModel.tsv(_fresh(q)).splitlines()[1:]
        assert calls.rowCount() == len(q.calls) + 1


def _fresh(q: Quote) -> CouponTableModel:
    model = CouponTableModel()
    model.set_quote(q)
    return model


class _ViewMirror:
    """What a view keeps of a model's text, updated only as the model's signals say (rows
    removed or inserted, cells changed, a reset): if a signal is missing, the mirror goes stale
    where a real view would keep painting old figures."""

    def __init__(self, model: CouponTableModel | CallTableModel, peek: bool = False) -> None:
        self.model = model
        self.rows = self._read(0, model.rowCount())
        if peek:  # like an accessibility bridge: cells read while rows are about to move
            model.rowsAboutToBeRemoved.connect(lambda _p, _first, last: self._peek(last + 1))
            model.rowsAboutToBeInserted.connect(lambda _p, first, _last: self._peek(first))
        model.modelReset.connect(lambda: setattr(self, "rows", self._read(0, model.rowCount())))
        model.rowsRemoved.connect(lambda _p, first, last: self.rows.__delitem__(slice(first, last + 1)))
        model.rowsInserted.connect(lambda _p, first, last: self._insert(first, last))
        model.dataChanged.connect(self._changed)

    def _read(self, first: int, end: int, columns: range | None = None) -> list[list[object]]:
        cols = columns or range(self.model.columnCount())
        return [[self.model.data(self.model.index(r, c), DISPLAY) for c in cols] for r in range(first, end)]

    def _peek(self, row: int) -> None:
        for r in (0, row, self.model.rowCount() - 1):
            self.model.data(self.model.index(r, 0), DISPLAY)

    def _insert(self, first: int, last: int) -> None:
        self.rows[first:first] = self._read(first, last + 1)

    def _changed(self, top_left: QModelIndex, bottom_right: QModelIndex) -> None:
        for r in range(top_left.row(), bottom_right.row() + 1):
            for c in range(top_left.column(), bottom_right.column() + 1):
                self.rows[r][c] = self.model.data(self.model.index(r, c), DISPLAY)


def test_views_following_the_signals_show_every_edit_exactly(qtbot: object, long_offering: Offering) -> None:
    """The models update in place (rows leave or join the top, changed columns are announced,
    rows are built as asked): a view that follows their signals must end up with exactly what a
    fresh model shows, through amounts typed, settle dates crossing coupon and call dates (the
    first call at 2021-01-15 passes), a price change and back — also when something reads
    cells while rows are about to leave or join (the cached cells must be the new rows')."""

    note = long_offering.notes[0]
    steps = [
        (Decimal(25000), date(2020, 12, 1), Decimal(100)),
        (Decimal(26000), date(2020, 12, 1), Decimal(100)),  # amount only
        (Decimal(26000), date(2020, 12, 20), Decimal(100)),  # a coupon paid: one row leaves
        (Decimal(26000), date(2021, 2, 3), Decimal(100)),  # the first call passes
        (Decimal(26000), date(2021, 2, 3), Decimal("99.5")),  # price: yields change
        (Decimal(1000), date(2020, 1, 15), Decimal(100)),  # back to the issue date: rows rejoin
        (Decimal(1000), date(2035, 6, 9), Decimal(100)),  # far ahead
    ]
    coupons, calls = CouponTableModel(), CallTableModel()
    coupons.set_quote(quote(make_purchase(long_offering, note, *steps[0])))
    calls.set_quote(coupons._quote)
    mirrors = [_ViewMirror(coupons, peek=True), _ViewMirror(calls, peek=True)]
    for amount, settle, price in steps[1:]:
        q = quote(make_purchase(long_offering, note, amount, settle, price))
        coupons.set_quote(q)
        calls.set_quote(q)
        fresh_coupons, fresh_calls = CouponTableModel(), CallTableModel()
        fresh_coupons.set_quote(q)
        fresh_calls.set_quote(q)
        assert mirrors[0].rows == _ViewMirror(fresh_coupons).rows, (amount, settle, price)
        assert mirrors[1].rows == _ViewMirror(fresh_calls).rows, (amount, settle, price)
        assert coupons.rows() == cash_flow_rows(q)
        assert calls.rows() == call_rows(q)
    # settle 2035-06-09: the coupons paid 2035-06-15 … 2050-01-15 (176 months) and the principal
    assert coupons.rowCount() == 177
