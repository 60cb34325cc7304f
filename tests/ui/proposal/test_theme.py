"""The proposal's tables follow a theme switch: the principal repaid row and a refused cell are
painted in the colours of the theme in use (rows already painted included)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

from app.ui.common import Theme, theme
from app.ui.common.palette import DARK, LIGHT
from tests.ui.proposal.conftest import child, show_proposal


def _principal_background(win: Any) -> str:
    model = child(win, QTableView, "proposalFlowTable").model()
    for r in range(model.rowCount()):
        if model.index(r, 2).data() == "Maturity":  # the principal repaid
            return model.index(r, 0).data(Qt.ItemDataRole.BackgroundRole).color().name()
    raise AssertionError("no principal row")


def test_a_theme_switch_repaints_the_cash_flows(qtbot: Any, two: Any) -> None:
    show_proposal(qtbot, two)
    app = QApplication.instance()
    theme.apply(app, Theme.LIGHT)
    assert _principal_background(two) == LIGHT.principal_row  # painted once, cached
    try:
        theme.apply(app, Theme.DARK)
        assert _principal_background(two) == DARK.principal_row
    finally:
        theme.apply(app, Theme.LIGHT)
