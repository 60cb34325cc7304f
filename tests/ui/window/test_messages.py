"""The message strip under load failures (issue 14 item 6): ten files that fail used to stack ten
banners over the panels and squeeze the calculator until its Yields card was cut. Repeats now
join ("… (×3)"), one message shows on a short window with "and N more" to list them all, "Dismiss
all" clears them, and the calculator's cards stay in view at 1366×768 (client area 1366×705)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QToolButton, QWidget

from app.cli import CalcArgs
from app.ui.window.start import build_window
from tests.ui.windows import loaded, open_and_wait

LAPTOP = (1366, 705)


def open_at(qtbot: Any, size: tuple[int, int]) -> Any:
    win = loaded(build_window([], CalcArgs(), screenshot=True))
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    return win


def broken_files(folder: Path, count: int) -> list[str]:
    paths = []
    for i in range(count):
        path = folder / f"not-a-supplement-{i}.txt"
        path.write_text("Minutes of the March meeting of the parish council.\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def load(qtbot: Any, win: Any, paths: list[str]) -> None:
    with qtbot.waitSignal(win.loadsIdle, timeout=30000):
        win.open_files(paths)
    QApplication.processEvents()


def seen_in(widget: QWidget, viewport: QWidget) -> bool:
    return viewport.rect().contains(QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size()))


def shown_rows(win: Any) -> list[Any]:
    return [r for r in win.messages.rows() if r.isVisible()]


def button(win: Any, name: str) -> QToolButton:
    found = win.findChild(QToolButton, name)
    assert found is not None, name
    return found


def test_ten_failing_files_leave_the_yields_card_in_view(qtbot: Any, tmp_path: Path) -> None:
    win = open_at(qtbot, LAPTOP)
    viewport = win.panes.calc_scroll.viewport()
    assert seen_in(win.calculator.results.yields, viewport)
    load(qtbot, win, broken_files(tmp_path, 10))
    assert len(win.messages.messages()) == 10
    assert seen_in(win.calculator.results.yields, viewport)
    assert len(shown_rows(win)) == 1  # the newest; the others fold behind "and 9 more"
    more = button(win, "moreMessagesButton")
    assert more.isVisible() and more.text().startswith("and 9 more")
    assert button(win, "dismissAllButton").isVisible()
    qtbot.mouseClick(more, Qt.MouseButton.LeftButton)  # list them all: the strip scrolls
    QApplication.processEvents()
    assert len(shown_rows(win)) == 10
    assert win.messages.height() < 90
    assert seen_in(win.calculator.results.yields, viewport)


def test_repeats_join_and_dismiss_all_clears(qtbot: Any, tmp_path: Path) -> None:
    win = open_at(qtbot, LAPTOP)
    first, second = broken_files(tmp_path, 2)
    for path in (first, second, first, first):
        open_and_wait(win, [path])
    texts = win.messages.messages()
    assert len(texts) == 2
    assert "not-a-supplement-0.txt" in texts[0] and texts[0].endswith("(×3)")  # newest first
    assert "not-a-supplement-1.txt" in texts[1] and "(×" not in texts[1]
    dismiss_all = button(win, "dismissAllButton")
    assert dismiss_all.isVisible()
    qtbot.mouseClick(dismiss_all, Qt.MouseButton.LeftButton)
    assert win.messages.messages() == []
    assert not win.messages.isVisible()


def test_one_message_has_no_dismiss_all_and_its_own_close(qtbot: Any, tmp_path: Path) -> None:
    win = open_at(qtbot, (1440, 900))
    (path,) = broken_files(tmp_path, 1)
    open_and_wait(win, [path])
    assert not button(win, "dismissAllButton").isVisible()
    assert not button(win, "moreMessagesButton").isVisible()
    (row,) = shown_rows(win)
    close = next(b for b in row.findChildren(QToolButton) if b.toolTip() == "Dismiss")
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert win.messages.messages() == []
    assert not win.messages.isVisible()


def test_a_taller_window_shows_three_at_once(qtbot: Any, tmp_path: Path) -> None:
    win = open_at(qtbot, (1920, 1017))
    load(qtbot, win, broken_files(tmp_path, 5))
    assert len(shown_rows(win)) == 3
    assert button(win, "moreMessagesButton").text().startswith("and 2 more")
    win.resize(*LAPTOP)  # made shorter: one shows
    QApplication.processEvents()
    assert len(shown_rows(win)) == 1
