"""Driving the window as a user does, with QTest key and mouse clicks (issue 14's outside probe:
click into a field, select all, type, Enter), and finding its widgets by object name.
Import as ``from tests.ui.driving import …``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QElapsedTimer, QEvent, QModelIndex, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QTreeView, QWidget

from app.domain.model import Offering
from app.sources.offering_json import dumps
from tests.ui.windows import open_and_wait


def child(win: QWidget, name: str, kind: type = QWidget) -> Any:
    found = win.findChild(kind, name)
    assert found is not None, name
    return found


def label(win: QWidget, name: str) -> str:
    return str(child(win, name, QLabel).text())


def type_into(win: QWidget, name: str, text: str, enter: bool = True) -> None:
    """Click into the field ``name``, select all (Ctrl+A), type ``text``, then Enter."""
    field = child(win, name)
    QTest.mouseClick(field, Qt.MouseButton.LeftButton, pos=field.rect().center())
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        QTest.keyClicks(field, text)
    else:
        QTest.keyClick(field, Qt.Key.Key_Delete)
    if enter:
        QTest.keyClick(field, Qt.Key.Key_Return)
    QApplication.processEvents()


def _cusip_index(tree: QTreeView, cusip: str) -> QModelIndex:
    model = tree.model()
    for r in range(model.rowCount()):
        parent = model.index(r, 0)
        for c in range(model.rowCount(parent)):
            index = model.index(c, 0, parent)
            if index.data() == cusip:
                return index
    raise AssertionError(f"{cusip} not in the tree")


def click_cusip(win: QWidget, cusip: str) -> None:
    """Click the CUSIP's row in the offerings tree."""
    tree: QTreeView = child(win, "offeringTree", QTreeView)
    index = _cusip_index(tree, cusip)
    tree.scrollTo(index)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center())
    QApplication.processEvents()


def open_offering(win: Any, offering: Offering, folder: Path, name: str = "offering.json") -> Path:
    """Write ``offering`` as an offering file in ``folder`` and open it in the window."""
    path = folder / name
    path.write_text(dumps(offering), encoding="utf-8")
    open_and_wait(win, [str(path)])
    return path


class Paints(QObject):
    """Counts the paint events of the widgets it watches (given now or installed later)."""

    def __init__(self, *widgets: QWidget) -> None:
        super().__init__()
        self.count = 0
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def settle(ms: int = 300) -> None:
    """Run the event loop for ``ms``: posted layouts, then the paints they ask for."""
    clock = QElapsedTimer()
    clock.start()
    while clock.elapsed() < ms:
        QApplication.processEvents()


def shown(qtbot: Any, widget: QWidget, width: int, height: int) -> QWidget:
    """``widget`` (a test's own) resized, shown, exposed and settled."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    settle()
    return widget


def shown_with_chart(qtbot: Any, win: Any, width: int = 1440, height: int = 900) -> Any:
    """The main window ``win`` resized, shown, exposed and its chart made (after its first
    paint)."""
    qtbot.addWidget(win)
    win.resize(width, height)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.chart.plot is not None, timeout=10_000)
    return win
