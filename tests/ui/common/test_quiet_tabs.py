"""``QuietTabs``: a change of size inside one page repaints what changed, not every page part
(``QTabWidget`` repaints itself whole at each layout request: three whole repaints of the
workspace followed the window's first paint), while tabs, resizes and size hints still lay out."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from app.ui.common import QuietTabs
from tests.ui.driving import Paints, settle, shown, shown_with_chart


def page_with(label: QLabel, far: QWidget) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addWidget(label)
    layout.addStretch(1)
    layout.addWidget(far)
    far.setMinimumSize(200, 80)
    return page


@pytest.mark.parametrize(("kind", "far_repainted"), [(QuietTabs, False), (QTabWidget, True)])
def test_a_label_growing_in_a_page_repaints_only_what_moved(
    qtbot: Any, kind: type, far_repainted: bool
) -> None:
    label, far = QLabel("short"), QWidget()
    tabs = kind()
    tabs.addTab(page_with(label, far), "Calculator")
    tabs.addTab(QWidget(), "Compare")
    shown(qtbot, tabs, 600, 400)
    paints = Paints(far)
    label.setText("a much longer text than before, which changes the label's size hint")
    settle()
    assert (paints.count > 0) is far_repainted  # the plain QTabWidget shows what is avoided


def test_tabs_added_and_renamed_are_still_laid_out(qtbot: Any) -> None:
    tabs = QuietTabs()
    tabs.addTab(QWidget(), "A")
    shown(qtbot, tabs, 700, 300)
    before = tabs.tabBar().width()
    tabs.setTabText(0, "A much, much longer name for the first tab")
    tabs.addTab(QWidget(), "Another tab")
    settle()
    assert tabs.tabBar().width() > before
    assert tabs.tabBar().width() >= tabs.tabBar().sizeHint().width() - 1


def test_a_page_needing_more_room_still_gets_it_from_the_splitter(qtbot: Any) -> None:
    page = QWidget()
    tabs = QuietTabs()
    tabs.addTab(page, "Calculator")
    split = QSplitter()
    split.addWidget(QWidget())
    split.addWidget(tabs)
    split.resize(800, 400)
    split.setSizes([700, 100])
    shown(qtbot, split, 800, 400)
    page.setMinimumWidth(300)  # a layout request from inside, through the quiet path
    settle()
    assert tabs.width() >= 300
    assert page.width() >= 300


def test_the_window_s_workspace_does_not_repaint_the_calculator_for_the_chart_s_legend(qtbot: Any) -> None:
    """In the real window: the chart's legend growing (a note with calls adds its entries)
    repaints the chart's side, not the call schedule and the yields beside it."""
    from app.cli import CalcArgs
    from tests.ui.windows import built

    win = shown_with_chart(qtbot, built([], CalcArgs()))
    settle()
    win.findChild(QWidget, "offeringTree").setFocus()  # no caret blinking in the calculator
    settle()
    paints = Paints(win.findChild(QWidget, "callTable").viewport(), win.findChild(QWidget, "ytmValue"))
    legend = win.findChild(QLabel, "chartLegend")
    legend.setText(legend.text() + "<br>one more line of legend")
    settle()
    assert paints.count == 0
