"""The compare table's item model: a thin adapter over ``CompareTable`` (columns from
``app.present.compare``), sorted by the table's own ``order`` and filtered by the offerings
filter's words, without a proxy.

View rows map to table rows through ``shown`` (the filtered rows in sort order); cells are cached
per table row and dropped when that row's yields arrive (``rows_computed`` repaints only those
rows). ``DisplayRole`` is the presenter's text, ``RAW_ROLE`` the value the column sorts on."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.domain.compare import CompareRow, CompareTable
from app.present.compare import (
    COMPARE_COLUMNS,
    DEFAULT_COLUMN,
    DEFAULT_DESCENDING,
    NOTES,
    PENDING,
    cells,
    order,
    row_search_text,
    sort_value,
)
from app.present.rows import filter_words, holds_words
from app.ui.common import theme
from app.ui.common.palette import current
from app.ui.common.roles import ALIGN, BACKGROUND, CENTER, DISPLAY, FONT, FOREGROUND, RAW_ROLE, RIGHT, Index

_ROOT = QModelIndex()
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_ALIGN = tuple({"left": _LEFT, "right": RIGHT, "center": CENTER}[c.align] for c in COMPARE_COLUMNS)
_COLUMNS = len(COMPARE_COLUMNS)
_NOTES = next(i for i, c in enumerate(COMPARE_COLUMNS) if c.key == NOTES)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_DESCENDING = Qt.SortOrder.DescendingOrder
# the columns whose values the yields decide: a sort on them moves rows as yields arrive
YIELD_COLUMNS = frozenset(
    i for i, c in enumerate(COMPARE_COLUMNS) if c.key in ("maturity_pct", "worst_pct", "maturity_bey_pct",
                                                          "worst_bey_pct", "worst_date", NOTES)
)  # fmt: skip


class CompareModel(QAbstractTableModel):
    """Every row of a ``CompareTable`` the filter lets through, in the order asked for."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.table = CompareTable([])
        self.sort_column, self.sort_order = DEFAULT_COLUMN, _DESCENDING
        self._order: list[int] = []  # every table row, sorted
        self._shown: list[int] = []  # the rows the filter lets through, sorted
        self._view_rows: list[int] = []  # table row → view row (-1: filtered out)
        self._words: list[str] = []
        self._texts: list[str] | None = None  # each row's search text, built when first filtered
        self._cells: dict[int, dict[int, tuple[Any, ...]]] = {}  # by table row
        self._use_colors()
        theme.notifier().changed.connect(self.restyle)

    def _use_colors(self) -> None:
        self._pending = QBrush(QColor(current().faint))  # a yield not computed yet, or none
        self._not_priced = QBrush(QColor(current().bad))  # why a note is not priced

    def restyle(self) -> None:
        """The theme changed: the marks in the new colours (the views repaint)."""
        self._use_colors()
        self._cells.clear()
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    # -- data in ---------------------------------------------------------------------------
    def set_table(self, table: CompareTable) -> None:
        """Show ``table`` (sorted and filtered as before)."""
        self.beginResetModel()
        self.table, self._texts = table, None
        self._cells.clear()
        self._order = order(table, self.sort_column, self.sort_order == _DESCENDING)
        self._apply_filter()
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        """Show the rows whose search text holds every word of ``text`` (the offerings filter's
        words and matching, ``app.present.rows``)."""
        words = filter_words(text)
        if words == self._words:
            return
        self.beginResetModel()
        self._words = words
        self._apply_filter()
        self.endResetModel()

    def prepare_filter(self) -> None:
        """Build the rows' search texts now (else on the first key typed in the filter)."""
        if self._texts is None:
            self._texts = [row_search_text(row) for row in self.table.rows]

    def _apply_filter(self) -> None:
        words = self._words
        if words:
            self.prepare_filter()
            texts = self._texts
            assert texts is not None
            if len(words) == 1:  # as typed, one word: 5,000 rows in a millisecond
                word = words[0]
                self._shown = [i for i in self._order if word in texts[i]]
            else:
                self._shown = [i for i in self._order if holds_words(texts[i], words)]
        else:
            self._shown = list(self._order)
        self._index_view_rows()

    def _index_view_rows(self) -> None:
        view_rows = [-1] * len(self.table)
        for at, i in enumerate(self._shown):
            view_rows[i] = at
        self._view_rows = view_rows

    def rows_computed(self, rows: Sequence[int]) -> None:
        """These table rows have their yields now: their cells are redrawn (only theirs)."""
        for i in rows:
            self._cells.pop(i, None)
        view_rows = sorted(v for v in map(self.view_row, rows) if v >= 0)
        for _, run in groupby(enumerate(view_rows), key=lambda pair: pair[1] - pair[0]):
            span = [v for _, v in run]
            self.dataChanged.emit(self.index(span[0], 0), self.index(span[-1], _COLUMNS - 1))

    # -- sorting ---------------------------------------------------------------------------
    def sort(self, column: int, order_: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column's value (``CompareTable.order``: rows without one last either way);
        the selection and the current row stay on their notes."""
        if not 0 <= column < _COLUMNS:
            column, order_ = DEFAULT_COLUMN, _DESCENDING if DEFAULT_DESCENDING else order_
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        rows = [self._shown[p.row()] if p.isValid() else -1 for p in before]
        self.sort_column, self.sort_order = column, order_
        self._order = order(self.table, column, order_ == _DESCENDING)
        self._apply_filter()
        after = [self.index(self.view_row(i), p.column()) for p, i in zip(before, rows, strict=True)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def resort(self) -> None:
        """Sort again by the same column (yields arrived since)."""
        self.sort(self.sort_column, self.sort_order)

    def sorts_on_yields(self) -> bool:
        return self.sort_column in YIELD_COLUMNS

    # -- rows ------------------------------------------------------------------------------
    def shown(self) -> list[int]:
        """The table rows shown, in view order."""
        return list(self._shown)

    def feed_order(self) -> list[int]:
        """Every table row, the shown ones first in view order (the order to compute yields in)."""
        view_rows = self._view_rows
        return self._shown + [i for i in self._order if view_rows[i] < 0]

    def table_row(self, view_row: int) -> int:
        return self._shown[view_row]

    def view_row(self, table_row: int) -> int:
        """The view row of a table row (-1 when the filter hides it)."""
        return self._view_rows[table_row] if 0 <= table_row < len(self._view_rows) else -1

    def row_at(self, view_row: int) -> CompareRow:
        return self.table.rows[self._shown[view_row]]

    # -- Qt model API ------------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else _COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation is not Qt.Orientation.Horizontal or not 0 <= section < _COLUMNS:
            return None
        column = COMPARE_COLUMNS[section]
        if role == DISPLAY:
            return column.title
        if role == _TOOLTIP:
            return column.tip or column.heading
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        at = index.row()
        if not 0 <= at < len(self._shown):
            return None
        if role in (DISPLAY, ALIGN, BACKGROUND, FOREGROUND, FONT):
            return self.painted(at)[role][index.column()]
        i = self._shown[at]
        column = COMPARE_COLUMNS[index.column()]
        if role == RAW_ROLE:
            return sort_value(self.table, i, index.column())
        if role == _TOOLTIP and column.cell_tip is not None:
            return column.cell_tip(self.table.rows[i], self.table.known(i)) or None
        return None

    def painted(self, row: int) -> dict[int, tuple[Any, ...]]:
        """The painted roles of view ``row``, column by column (cached per table row)."""
        i = self._shown[row]
        found = self._cells.get(i)
        if found is None:
            found = self._cells[i] = self._paint_cells(i)
        return found

    def _paint_cells(self, i: int) -> dict[int, tuple[Any, ...]]:
        y = self.table.known(i)
        texts = cells(self.table.rows[i], y)
        foreground: list[Any] = [None] * _COLUMNS
        if y is None:
            foreground = [self._pending if t == PENDING else None for t in texts]
        elif y.reason:
            foreground = [self._pending if c in YIELD_COLUMNS else None for c in range(_COLUMNS)]
            foreground[_NOTES] = self._not_priced
        return {
            DISPLAY: texts,
            ALIGN: _ALIGN,
            BACKGROUND: (None,) * _COLUMNS,
            FOREGROUND: tuple(foreground),
            FONT: (None,) * _COLUMNS,
        }
