"""What the first view does not show is built later (issue 13): a ``LazyPane`` builds its view
the first time it is shown, and ``after_first_paint`` runs work once the window and its chart
are painted — the hooks for the compare view and the proposal panel."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QTabWidget

from app.cli import CalcArgs
from app.ui.window.lazy import LazyPane


def test_a_lazy_pane_builds_its_view_when_first_shown(qtbot: Any) -> None:
    built: list[QLabel] = []

    def build() -> QLabel:
        built.append(QLabel("compare"))
        return built[-1]

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(QLabel("calculator"), "Calculator")
    pane = LazyPane(build)
    tabs.addTab(pane, "Compare")
    tabs.show()
    qtbot.waitExposed(tabs)
    assert built == [] and not pane.is_built()  # behind a tab: nothing built
    tabs.setCurrentIndex(1)
    assert len(built) == 1 and pane.content() is built[0] and built[0].isVisible()
    tabs.setCurrentIndex(0)
    tabs.setCurrentIndex(1)
    assert len(built) == 1  # once


def test_work_after_the_first_paint_runs_after_the_chart(qtbot: Any) -> None:
    from app.ui.window.start import build_window

    win = build_window([], CalcArgs(), screenshot=True)
    qtbot.addWidget(win)
    seen: list[bool] = []
    win.after_first_paint(lambda: seen.append(win.chart.plot is not None))
    assert seen == []
    win.show()
    qtbot.waitUntil(lambda: seen == [True], timeout=10_000)
    win.after_first_paint(lambda: seen.append(True))  # past: in the next turn
    qtbot.waitUntil(lambda: seen == [True, True], timeout=2_000)
