"""The coupon calendar view: sortable, rolled dates highlighted, copyable as tab-separated text."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QWidget

from app.domain.model import Quote
from app.ui.common import BandUpdates, size_columns
from app.ui.tables.models import COUPON_COLUMNS, CouponTableModel

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
