"""The compare item model alone (no window): rows from ``CompareTable`` in its order, the raw value
behind every cell, the filter's words, sorting that keeps the current row on its note, and yields
that arrive repainting only their rows.

Check values: the bundled sample (domain.md; ``calc --json``): at par on 2019-11-29 02006DTT8
yields 2.350017% (2.361552% bond-equivalent), 02006DTU5 2.600013% (2.614137%).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from app.domain.compare import CompareTable
from app.present.compare import COMPARE_COLUMNS, PENDING
from app.ui.common.roles import RAW_ROLE
from app.ui.compare.model import CompareModel
from tests.offerings import ALLY, big_offering

COL = {c.heading: i for i, c in enumerate(COMPARE_COLUMNS)}
DESCENDING, ASCENDING = Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder


def cell(model: CompareModel, row: int, heading: str, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    return model.data(model.index(row, COL[heading]), role)


def column(model: CompareModel, heading: str, role: int = RAW_ROLE) -> list[Any]:
    return [cell(model, r, heading, role) for r in range(model.rowCount())]


def test_rows_in_the_default_order_yield_to_worst_bey_descending(qtbot: Any) -> None:
    table = CompareTable.of([("ally", ALLY)])
    table.compute()
    model = CompareModel()
    model.set_table(table)
    assert model.rowCount() == 2 and model.columnCount() == len(COMPARE_COLUMNS)
    assert column(model, "CUSIP") == ["02006DTU5", "02006DTT8"]
    assert column(model, "YTW BEY", Qt.ItemDataRole.DisplayRole) == ["2.614%", "2.362%"]
    # calc --json: worst_pct 2.600013 and 2.350017 (at par; the payments rolled off weekends)
    assert column(model, "YTW") == [Decimal("2.600013"), Decimal("2.350017")]
    assert column(model, "Maturity") == [date(2024, 11, 15), date(2022, 11, 15)]
    assert model.headerData(COL["YTW BEY"], Qt.Orientation.Horizontal) == "YTW\nBEY"
    assert "semi-annually" in model.headerData(
        COL["YTW BEY"], Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )


def test_every_column_sorts_on_its_raw_value(qtbot: Any) -> None:
    table = CompareTable.of([("many", big_offering(60)), ("ally", ALLY)])
    table.compute(range(0, 62, 3))  # a third of the rows have yields
    model = CompareModel()
    model.set_table(table)
    for heading, col in COL.items():
        for order in (ASCENDING, DESCENDING):
            model.sort(col, order)
            values = column(model, heading)
            present = [v for v in values if v is not None]
            assert values[: len(present)] == present, heading  # rows without a value last
            assert present == sorted(present, reverse=order is DESCENDING), heading
            assert sorted(model.shown()) == list(range(62))


def test_sorting_keeps_the_current_row_on_its_note(qtbot: Any) -> None:
    from PySide6.QtWidgets import QTableView

    table = CompareTable.of([("many", big_offering(30))])
    model = CompareModel()
    model.set_table(table)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setCurrentIndex(model.index(4, 0))
    cusip = cell(model, 4, "CUSIP")
    model.sort(COL["Maturity"], DESCENDING)
    assert view.currentIndex().isValid() and cell(model, view.currentIndex().row(), "CUSIP") == cusip
    assert view.currentIndex().row() != 4


def test_the_filter_shows_the_rows_holding_every_word(qtbot: Any) -> None:
    table = CompareTable.of([("many", big_offering(300)), ("/x/ally-213.txt", ALLY)])
    model = CompareModel()
    model.set_table(table)
    model.set_filter("t000012")  # T0000120X … T0000129X
    assert sorted(column(model, "CUSIP")) == [f"T{i:07d}X" for i in range(120, 130)]
    model.set_filter("ALLY  2024")
    assert column(model, "CUSIP") == ["02006DTU5"]
    assert model.view_row(len(table) - 2) == -1 and model.view_row(len(table) - 1) == 0
    model.set_filter("")
    assert model.rowCount() == 302
    assert model.feed_order()[:5] == model.shown()[:5]


def test_yields_arriving_repaint_only_their_rows(qtbot: Any) -> None:
    table = CompareTable.of([("many", big_offering(40))])
    model = CompareModel()
    model.set_table(table)
    model.sort(COL["CUSIP"], ASCENDING)  # view row = table row
    assert cell(model, 7, "YTW") == PENDING and cell(model, 7, "YTW", RAW_ROLE) is None
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, roles=(): changed.append((a.row(), b.row())))
    table.compute([7, 8, 9, 20])
    model.rows_computed([7, 8, 9, 20])
    assert changed == [(7, 9), (20, 20)]  # one span per run of neighbouring rows
    assert cell(model, 8, "YTW").endswith("%") and cell(model, 8, "YTW", RAW_ROLE) is not None
    assert cell(model, 10, "YTW") == PENDING
    assert model.index(0, 0).parent() == QModelIndex()


def test_a_note_not_priced_keeps_its_row_and_its_reason(qtbot: Any) -> None:
    table = CompareTable.of([("ally", ALLY)], settle_date=date(2023, 6, 1))
    table.compute()
    model = CompareModel()
    model.set_table(table)
    assert column(model, "CUSIP") == ["02006DTU5", "02006DTT8"]  # no yield: last
    assert cell(model, 1, "YTW") == "—"
    reason = cell(model, 1, "Notes")
    assert reason.startswith("Not priced: settle date 2023-06-01 is out of range")
    assert cell(model, 1, "YTW", Qt.ItemDataRole.ToolTipRole) == reason
    assert cell(model, 1, "Notes", Qt.ItemDataRole.ForegroundRole) is not None
