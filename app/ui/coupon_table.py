"""The coupon calendar view: sortable, rolled dates highlighted, copyable as tab-separated text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QFont, QFontMetrics, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from app.domain.model import Quote
from app.ui.models import COUPON_COLUMNS, CouponTableModel, Index

# widest text each column shows, to size the columns once (no per-reset ResizeToContents)
_SAMPLES = (
    "000",
    "0000-00-00",
    "0000-00-00",
    "0000-00-00",
    "0000",
    "00.000%",
    "$00,000.00",
    "$00,000.00",
    "First call",
)


def size_columns(view: QTableView, columns: list[tuple[str, str]]) -> int:
    """Size each column once to its widest sample text or header line; the total width."""
    header = view.horizontalHeader()
    bold = QFont(view.font())
    bold.setBold(True)
    hm = QFontMetrics(bold)
    total = 0
    for col, (title, sample) in enumerate(columns):
        head = max(hm.horizontalAdvance(line) for line in title.split("\n")) + 12
        width = max(hm.horizontalAdvance(sample) + 10, head)  # bold rows (first call) fit too
        header.resizeSection(col, width)
        total += width
    return total


class BandUpdates(QTableView):
    """A table that repaints only the visible cells a ``dataChanged`` covers (the default
    repaints the whole viewport whenever more than one cell changes)."""

    def dataChanged(self, top_left: Index, bottom_right: Index, roles: Any = ()) -> None:
        if not top_left.isValid() or not bottom_right.isValid():
            super().dataChanged(top_left, bottom_right, roles)
            return
        viewport = self.viewport()
        first = max(self.rowAt(0), top_left.row())
        last_visible = self.rowAt(viewport.height() - 1)
        last = min(last_visible if last_visible >= 0 else bottom_right.row(), bottom_right.row())
        if first < 0 or last < first:
            return
        model = self.model()
        left = self.visualRect(model.index(first, top_left.column()))
        right = self.visualRect(model.index(last, bottom_right.column()))
        viewport.update(left.united(right))


class CouponTable(BandUpdates):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("couponTable")
        self.coupon_model = CouponTableModel(self)
        self.setModel(self.coupon_model)
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        self.horizontalHeader().setSortIndicatorClearable(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setStretchLastSection(True)
        self._size_columns()
        self.copy_action = QAction("&Copy rows", self)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_action.triggered.connect(self.copy_selection)
        self.addAction(self.copy_action)
        self.copy_all_action = QAction("Copy &whole table", self)
        self.copy_all_action.triggered.connect(self.copy_all)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)

    def _size_columns(self) -> None:
        size_columns(self, [(c.header, s) for c, s in zip(COUPON_COLUMNS, _SAMPLES, strict=True)])

    def set_quote(self, quote: Quote | None) -> None:
        self.coupon_model.set_quote(quote)

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.selectionModel().selectedIndexes()})

    def copy_selection(self) -> None:
        """Selected rows (or the whole table when nothing is selected) to the clipboard."""
        rows = self.selected_rows()
        QGuiApplication.clipboard().setText(self.coupon_model.tsv(rows or None))

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText(self.coupon_model.tsv())

    def _menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction(self.copy_action)
        menu.addAction(self.copy_all_action)
        menu.exec(self.viewport().mapToGlobal(pos))
