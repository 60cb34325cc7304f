"""The proposal's table views: the positions (``proposalTable``), edited in place with the
calculator's own inputs, and the read-only payments and sums; all paint with ``BandUpdates``."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QFocusEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHeaderView,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from app.ui.common import BandUpdates, MoneyEdit, PercentEdit, SettleDateEdit, size_columns
from app.ui.proposal.models import COL_AMOUNT, COL_PRICE, COL_SETTLE, CachedRows, PositionsModel

Index = QModelIndex | QPersistentModelIndex


def table_look(view: BandUpdates, extra_height: int = 8) -> int:
    """Rows selected whole, fixed row heights, no row numbers, columns sized to their samples;
    the width of the columns."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setWordWrap(False)
    view.setCornerButtonEnabled(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + extra_height)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setStretchLastSection(True)
    model = view.model()
    if not isinstance(model, CachedRows):
        return 0
    return size_columns(view, [(c.title, c.sample) for c in model.columns])


class ReadOnlyTable(BandUpdates):
    """Payments or sums: read-only rows, several selectable."""

    def __init__(self, name: str, model: CachedRows, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setModel(model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.columns_width = table_look(self)


class CellEditor(QStyledItemDelegate):
    """Edits a position's amount, settle date or price with the calculator's inputs; the model
    applies the value (and refuses one the note does not accept)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        model = index.model()
        field = model.columns[index.column()].field if isinstance(model, PositionsModel) else None
        editor: QWidget
        if field == "settle":
            editor = SettleDateEdit(parent)
        elif field == "price":
            editor = PercentEdit(parent)
        else:
            editor = MoneyEdit(parent)
            if isinstance(model, PositionsModel):
                quote = model.desk.proposal.holding(index.row()).quote
                if quote is not None:
                    editor.step, editor.minimum = quote.purchase.increment, quote.purchase.minimum
        editor.setObjectName("cellEditor")
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        model = index.model()
        if not isinstance(model, PositionsModel):
            return
        value = model.edit_value(index)
        if isinstance(editor, SettleDateEdit):
            if value is not None:
                editor.set_value(value)  # type: ignore[arg-type]
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, SettleDateEdit):
            model.setData(index, editor.value())
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text())

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        editor.setGeometry(option.rect)  # type: ignore[attr-defined]


class PositionsTable(BandUpdates):
    """The positions (``proposalTable``): type over an amount, settle date or price and press
    Enter to change it; Delete removes the selected positions (so do the context menu and the
    panel's button). A refused value shows its reason at the cell."""

    removeRequested = Signal(list)  # the rows

    def __init__(self, model: PositionsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("proposalTable")
        self.setModel(model)
        self.setItemDelegate(CellEditor(self))
        triggers = QAbstractItemView.EditTrigger
        self.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        table_look(self, extra_height=12)  # room for an editor in the cell
        header = self.horizontalHeader()  # the issuer gives way (elided) when the panel is narrow
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.remove_action = QAction("&Remove from proposal", self)
        self.remove_action.setObjectName("removePositionAction")
        self.remove_action.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_action.triggered.connect(self.remove_selected)
        self.addAction(self.remove_action)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        model.refused.connect(self._show_refusal)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Back from a cell's editor, repaint the current cell (its focus frame), not the whole
        table as ``QAbstractItemView`` does: the edit's own repaints stay within the frame."""
        current = self.currentIndex()
        if event.reason() is not Qt.FocusReason.OtherFocusReason or not current.isValid():
            super().focusInEvent(event)
            return
        QAbstractScrollArea.focusInEvent(self, event)
        editable = bool(current.flags() & Qt.ItemFlag.ItemIsEditable)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, editable)
        self.viewport().update(self.visualRect(current))

    def selected_rows(self) -> list[int]:
        rows = {i.row() for i in self.selectionModel().selectedRows()}
        if not rows and self.currentIndex().isValid():
            rows.add(self.currentIndex().row())
        return sorted(rows)

    def remove_selected(self) -> None:
        rows = self.selected_rows()
        if rows:
            self.removeRequested.emit(rows)

    def _menu(self, pos: QPoint) -> None:
        index = self.indexAt(pos)
        menu = QMenu(self)
        model = self.model()
        if index.isValid() and isinstance(model, PositionsModel):
            edits = (
                (COL_AMOUNT, "Change &amount"),
                (COL_SETTLE, "Change &settle date"),
                (COL_PRICE, "Change &price"),
            )
            for column, title in edits:
                target = model.index(index.row(), column)
                menu.addAction(title, lambda t=target: self._edit_at(t)).setEnabled(
                    bool(model.flags(target) & Qt.ItemFlag.ItemIsEditable)
                )
            menu.addSeparator()
        menu.addAction(self.remove_action)
        self.remove_action.setEnabled(bool(self.selected_rows()))
        menu.exec(self.viewport().mapToGlobal(pos))
        self.remove_action.setEnabled(True)

    def _edit_at(self, index: QModelIndex) -> None:
        self.setCurrentIndex(index)
        self.edit(index)

    def _show_refusal(self, row: int, column: int, why: str) -> None:
        """The reason next to the cell (its tooltip keeps it)."""
        rect = self.visualRect(self.model().index(row, column))
        if self.isVisible() and rect.isValid():
            QToolTip.showText(self.viewport().mapToGlobal(rect.bottomLeft()), why, self.viewport(), rect)
