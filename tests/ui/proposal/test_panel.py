"""Adding the calculator's purchases, the positions table and the totals, editing a cell in place
(valid and refused), removing positions, the switch to "if called first", the month and year
sums and the chart — each against the domain's and the CLI's figures (check values in
conftest.py)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QTableView

from app.present.chart_arrays import epoch
from app.ui.common.roles import RAW_ROLE
from tests.ui.proposal.conftest import (
    CTRL_SHIFT,
    FIRST,
    SECOND,
    add_purchase,
    calc_json,
    child,
    show_proposal,
    text,
    type_purchase,
)

AMOUNT, SETTLE, PRICE, TOTAL, INCOME, WORST = 3, 4, 5, 6, 7, 8


def cell(table: QTableView, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    return table.model().index(row, column).data(role)


def test_the_shortcut_adds_each_purchase_with_a_one_line_confirmation(qtbot: Any, window: Any) -> None:
    add_purchase(qtbot, window, *FIRST)
    assert (
        window.statusBar()
        .currentMessage()
        .startswith(
            "Added 02006DTT8 $25,000.00 settling 2019-12-03 to the proposal — 1 position · total $25,006.53"
        )
    )
    assert window.proposals.panel is None  # the page's widgets wait until it is shown
    add_purchase(qtbot, window, *SECOND)
    assert "2 positions · total $35,014.47" in window.statusBar().currentMessage()


def test_positions_and_totals_equal_each_calc_json(qtbot: Any, two: Any) -> None:
    panel = show_proposal(qtbot, two)
    table: QTableView = child(two, QTableView, "proposalTable")
    assert table.model().rowCount() == 2
    for row, (cusip, amount, settle) in enumerate((FIRST, SECOND)):
        calc = calc_json(cusip, amount, settle)
        assert cell(table, row, 1) == cusip
        assert cell(table, row, 2) == "Ally Financial Inc."
        assert cell(table, row, AMOUNT, RAW_ROLE) == Decimal(calc["amount"])
        assert cell(table, row, SETTLE) == calc["settle_date"]
        assert cell(table, row, TOTAL, RAW_ROLE) == Decimal(calc["total"])
        assert cell(table, row, INCOME, RAW_ROLE) == Decimal(calc["annual_income"])
        assert cell(table, row, WORST, RAW_ROLE) == Decimal(calc["yields"]["worst_pct"])
    assert cell(table, 0, TOTAL) == "$25,006.53"
    assert cell(table, 1, TOTAL) == "$10,007.94"
    assert text(two, "proposalTotalValue") == "$35,014.47"
    assert text(two, "proposalAccruedValue") == "$14.47"  # $6.53 + $7.94
    assert text(two, "proposalIncomeValue") == "$847.50"  # $587.50 + $260.00
    # concession: 1.125% of $25,000 + 1.700% of $10,000 (the supplement's gross concessions)
    assert text(two, "proposalConcessionValue") == "$451.25"
    assert panel.desk.proposal.totals.total == Decimal("35014.47")


def test_the_button_adds_and_is_enabled_only_while_the_purchase_is_valid(qtbot: Any, window: Any) -> None:
    button: QPushButton = child(window, QPushButton, "addToProposalButton")
    type_purchase(qtbot, window, "02006DTT8", "25500", FIRST[2])  # not a multiple of $1,000
    assert not button.isEnabled()
    qtbot.keyClick(child(window, QLineEdit, "amountEdit"), Qt.Key.Key_A, CTRL_SHIFT)
    assert window.statusBar().currentMessage().startswith("Nothing to add")
    assert not window.proposals.has_desk()
    type_purchase(qtbot, window, *FIRST)
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(window.proposals.desk.proposal) == 1


def type_in_cell(qtbot: Any, table: QTableView, row: int, column: int, typed: str) -> None:
    """Select the cell and type over it, then Enter (the edit starts with the first key)."""
    table.setFocus()
    table.setCurrentIndex(table.model().index(row, column))
    qtbot.keyClicks(table, typed[0])
    editor = table.focusWidget()
    assert isinstance(editor, QLineEdit), editor
    qtbot.keyClicks(editor, typed[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.focusWidget() is table)  # the edit is committed in the next turn


def test_an_amount_typed_in_the_table_reprices_its_position(qtbot: Any, two: Any) -> None:
    show_proposal(qtbot, two)
    table: QTableView = child(two, QTableView, "proposalTable")
    type_in_cell(qtbot, table, 0, AMOUNT, "50000")
    calc = calc_json("02006DTT8", "50000", FIRST[2])
    assert cell(table, 0, AMOUNT) == "$50,000.00"
    assert cell(table, 0, TOTAL, RAW_ROLE) == Decimal(calc["total"]) == Decimal("50013.06")
    # $50,013.06 + $10,007.94
    assert text(two, "proposalTotalValue") == "$60,021.00"
    assert text(two, "proposalIncomeValue") == "$1,435.00"  # $1,175.00 + $260.00


def test_a_refused_amount_stays_at_its_cell_with_the_rule(qtbot: Any, two: Any) -> None:
    panel = show_proposal(qtbot, two)
    table: QTableView = child(two, QTableView, "proposalTable")
    type_in_cell(qtbot, table, 0, AMOUNT, "25500")
    assert cell(table, 0, AMOUNT) == "25,500"  # what was typed, marked
    why = cell(table, 0, AMOUNT, Qt.ItemDataRole.ToolTipRole)
    assert "not a multiple of the increment" in why and "$1,000" in why
    assert "not a multiple" in text(two, "proposalHint")
    assert text(two, "proposalTotalValue") == "$35,014.47"  # the last valid figures
    assert panel.desk.proposal.holding(0).quote.purchase.amount == Decimal(25000)
    type_in_cell(qtbot, table, 0, AMOUNT, "26000")
    assert cell(table, 0, AMOUNT) == "$26,000.00"
    assert text(two, "proposalHint") == ""
    assert cell(table, 0, AMOUNT, Qt.ItemDataRole.ToolTipRole) != why


def test_a_price_and_a_settle_date_edited_in_place(qtbot: Any, two: Any) -> None:
    show_proposal(qtbot, two)
    table: QTableView = child(two, QTableView, "proposalTable")
    type_in_cell(qtbot, table, 1, PRICE, "100.5")
    assert cell(table, 1, PRICE) == "100.500"
    assert cell(table, 1, TOTAL, RAW_ROLE) == Decimal("10057.94")  # $10,050.00 + $7.94
    table.setCurrentIndex(table.model().index(1, SETTLE))
    table.edit(table.currentIndex())
    editor = table.focusWidget()
    editor.set_value(SECOND[2].replace(day=13))  # 14 days (11/29 → 12/13): $10.11
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.focusWidget() is table)
    assert cell(table, 1, SETTLE) == "2019-12-13"
    assert cell(table, 1, TOTAL, RAW_ROLE) == Decimal("10060.11")
    type_in_cell(qtbot, table, 1, PRICE, "250")  # out of range: refused with the range
    assert "out of range" in cell(table, 1, PRICE, Qt.ItemDataRole.ToolTipRole)
    assert cell(table, 1, TOTAL, RAW_ROLE) == Decimal("10060.11")


def test_remove_with_the_delete_key_and_the_button(qtbot: Any, two: Any) -> None:
    add_purchase(qtbot, two, "02006DTT8", "5000", FIRST[2])
    show_proposal(qtbot, two)
    table: QTableView = child(two, QTableView, "proposalTable")
    table.setFocus()
    table.selectRow(1)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert table.model().rowCount() == 2
    assert text(two, "proposalTotalValue") == "$30,007.84"  # $25,006.53 + $5,001.31
    table.selectRow(0)
    qtbot.mouseClick(
        child(two, type(two.proposals.panel.removeButton), "removePositionButton"), Qt.MouseButton.LeftButton
    )
    assert [cell(table, r, 1) for r in range(table.model().rowCount())] == ["02006DTT8"]
    assert text(two, "proposalTotalValue") == "$5,001.31"  # 4 days × 2.35% × $5,000 / 360 = $1.31


def calc_sums(purchases: list[tuple[str, str, Any]], width: int) -> dict[str, tuple[Decimal, Decimal]]:
    """Interest and principal by payment month (``width`` 7) or year (4), from each calc --json."""
    found: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for purchase in purchases:
        calc = calc_json(*purchase)
        for coupon in calc["coupons"]:
            found[coupon["payment_date"][:width]][0] += Decimal(coupon["amount"])
        found[calc["redemption"]["payment_date"][:width]][1] += Decimal(calc["redemption"]["amount"])
    return {k: (v[0], v[1]) for k, v in found.items()}


def shown_sums(table: QTableView) -> dict[str, tuple[Decimal, Decimal]]:
    model = table.model()
    return {
        str(model.index(r, 0).data()): (model.index(r, 1).data(RAW_ROLE), model.index(r, 2).data(RAW_ROLE))
        for r in range(model.rowCount())
    }


def test_month_and_year_sums_shown_are_the_positions_coupons(qtbot: Any, two: Any) -> None:
    panel = show_proposal(qtbot, two)
    panel.tabs.setCurrentIndex(1)
    months = child(two, QTableView, "proposalMonthTable")
    assert shown_sums(months) == calc_sums([FIRST, SECOND], 7)
    assert [months.model().index(r, 1).data(RAW_ROLE) for r in range(months.model().rowCount())] == [
        r.interest for r in panel.desk.proposal.by_month()
    ]
    assert months.model().index(0, 1).data() == "$37.67"  # 2019-12: $26.11 + $11.56
    panel.tabs.setCurrentIndex(2)
    years = child(two, QTableView, "proposalYearTable")
    assert shown_sums(years) == calc_sums([FIRST, SECOND], 4)
    assert years.model().index(1, 1).data() == "$847.56"  # 2020, as `termsheet proposal` prints


def test_if_called_first_switches_the_sums_the_payments_and_the_chart(qtbot: Any, two: Any) -> None:
    panel = show_proposal(qtbot, two)
    qtbot.waitUntil(lambda: panel.chart.plot is not None)
    plot = panel.chart.plot
    held_months = plot.bar_heights()[0].size
    assert held_months == 60  # 2019-12 … 2024-11
    assert plot.principal_xs().size == 2  # 2022-11 and 2024-11
    assert plot.call_xs().tolist() == [epoch(date(2020, 11, 15))]  # both first callable then: one line
    assert text(two, "proposalCalledValue") == "$814.60"
    assert "income at risk $2,215.20" in text(two, "proposalCalledDetail")
    qtbot.mouseClick(child(two, QPushButton, "proposalCalledButton"), Qt.MouseButton.LeftButton)
    assert panel.called
    assert plot.bar_heights()[0].size == 12  # 2019-12 … 2020-11
    assert plot.principal_xs().size == 1  # both called in November 2020
    flows = child(two, QTableView, "proposalFlowTable").model()
    called = panel.desk.proposal.cash_flows(called=True)
    assert flows.rowCount() == len(called) == 26  # 12 + 12 coupons (12/2019 … 11/2020), 2 calls
    assert flows.index(flows.rowCount() - 1, 2).data() == "Call"
    panel.tabs.setCurrentIndex(2)
    years = child(two, QTableView, "proposalYearTable").model()
    assert [(years.index(r, 0).data(), years.index(r, 1).data()) for r in range(years.rowCount())] == [
        ("2019", "$37.67"),
        ("2020", "$776.93"),
    ]  # `termsheet proposal`: "if called: interest"


def test_the_chart_follows_an_amount_edit(qtbot: Any, two: Any) -> None:
    panel = show_proposal(qtbot, two)
    qtbot.waitUntil(lambda: panel.chart.plot is not None)
    plot = panel.chart.plot
    before = plot.bar_heights()[1].copy()
    type_in_cell(qtbot, child(two, QTableView, "proposalTable"), 1, AMOUNT, "20000")
    after = plot.bar_heights()[1]
    series = panel.desk.proposal.month_series()
    assert after.tolist() == [float(v) for v in series.interest]
    assert after[1] > before[1]  # 2020-01: $48.96 + $43.33 against $48.96 + $21.67
    assert after[1] == 92.29
