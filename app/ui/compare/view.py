"""The compare table's view: the coupon calendar's fast painting (``BandUpdates``), rows selected
whole, columns sized once to their widest text, sorted by a header click (the model sorts)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QWidget

from app.present.compare import COMPARE_COLUMNS, DEFAULT_COLUMN
from app.ui.common import BandUpdates, size_columns
from app.ui.compare.model import CompareModel


class CompareView(BandUpdates):
    """The table: rows selected whole, Enter or a double-click opens the row (``rowActivated``),
    Tab leaves the table (the panel adds Ctrl+C: copy)."""

    rowActivated = Signal(int)  # view row

    def __init__(self, model: CompareModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareTable")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setSortIndicator(DEFAULT_COLUMN, Qt.SortOrder.DescendingOrder)
        self.setSortingEnabled(True)
        size_columns(self, [(c.title, c.sample) for c in COMPARE_COLUMNS], bold_rows=False)
        self.doubleClicked.connect(lambda index: self.rowActivated.emit(index.row()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.rowActivated.emit(self.currentIndex().row())
            event.accept()
            return
        super().keyPressEvent(event)

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.selectionModel().selectedRows()})

    def visible_rows(self) -> range:
        """The view rows on screen."""
        rows = self.model().rowCount()
        first = self.rowAt(0)
        if rows == 0 or first < 0:
            return range(0)
        last = self.rowAt(self.viewport().height() - 1)
        return range(first, (rows - 1 if last < 0 else last) + 1)
