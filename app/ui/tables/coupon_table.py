"""The coupon calendar view: sortable, rolled dates highlighted, copyable as tab-separated text.

It never scrolls sideways: when the panel is narrower than its columns (a 1366×768 screen), the
running total, then the rate, the accrual start and the days give way, in that order, and a
row's tooltip shows them; when it is wider, the columns share the room out."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication, QHelpEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QToolTip, QWidget

from app.domain.model import Quote
from app.ui.common import BandUpdates, size_columns, theme
from app.ui.common.roles import DISPLAY, TOOLTIP
from app.ui.tables.models import (
    COL_CUMULATIVE,
    COL_DAYS,
    COL_RATE,
    COL_START,
    COUPON_COLUMNS,
    CouponTableModel,
)

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
# the columns that give way on a narrow panel, first to last (number, dates, amount, call stay)
GIVE_WAY = (COL_CUMULATIVE, COL_RATE, COL_START, COL_DAYS)


class CouponTable(BandUpdates):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("couponTable")
        self.coupon_model = CouponTableModel(self)
        theme.notifier().changed.connect(self.restyle)
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
        self.horizontalHeader().setStretchLastSection(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.hidden_columns: tuple[int, ...] = ()
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
        header = self.horizontalHeader()
        self._natural = [header.sectionSize(c) for c in range(len(COUPON_COLUMNS))]

    # -- fitting the panel's width ---------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns(self.contentsRect().width() - self.verticalScrollBar().sizeHint().width())

    def fit_columns(self, width: int) -> None:
        """Hide the columns that do not fit ``width`` (``GIVE_WAY``), share out what is left."""
        natural, hidden = self._natural, list[int]()
        for column in GIVE_WAY:
            if sum(w for c, w in enumerate(natural) if c not in hidden) <= width:
                break
            hidden.append(column)
        shown = [c for c in range(len(natural)) if c not in hidden]
        used = sum(natural[c] for c in shown)
        extra = max(0, width - used)
        header = self.horizontalHeader()
        for column in range(len(natural)):
            self.setColumnHidden(column, column in hidden)
        widths = [natural[c] + extra * natural[c] // used for c in shown]
        widths[-1] += max(0, width - sum(widths))  # the rounding's pixels to the last column
        for column, size in zip(shown, widths, strict=True):
            header.resizeSection(column, size)
        self.hidden_columns = tuple(hidden)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.hidden_columns:
            assert isinstance(event, QHelpEvent)
            index = self.indexAt(event.pos())
            if index.isValid():
                QToolTip.showText(
                    event.globalPos(), self.row_tip(index), self.viewport(), self.visualRect(index)
                )
                return True
        return super().viewportEvent(event)

    def row_tip(self, index: QModelIndex) -> str:
        """The cell's own tooltip, then the row's values in the columns that gave way."""
        model = self.coupon_model
        lines = [str(model.data(index, TOOLTIP) or "")]
        for column in sorted(self.hidden_columns):
            text = model.data(model.index(index.row(), column), DISPLAY)
            if text:
                lines.append(f"{COUPON_COLUMNS[column].title}: {text}")
        return "\n".join(line for line in lines if line)

    def restyle(self) -> None:
        self.coupon_model.restyle()
        self.viewport().update()

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
