"""The table view under the coupon calendar and the call schedule, built for repaints per keystroke.

``BandUpdates`` repaints only the visible cells a ``dataChanged`` covers (the default repaints the
whole viewport whenever more than one cell changes) and paints its cells itself from the model's
cached roles (``model.painted(row)``): one pass over the visible rows with cached, pre-laid-out
texts. The default path asks the model for seven roles per cell, runs each cell through the
style sheet and lays every text out again: a full repaint of the coupon calendar (a settle date
that drops a coupon shifts every row) costs about a third as much this way.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPointF, QRect, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPalette,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyleOptionViewItem, QTableView

from app.ui.common.roles import ALIGN, BACKGROUND, DISPLAY, FONT, FOREGROUND, Index

_RIGHT = int(Qt.AlignmentFlag.AlignRight.value)
_HCENTER = int(Qt.AlignmentFlag.AlignHCenter.value)
_ROWS = QAbstractItemView.SelectionBehavior.SelectRows
_NO_ROOT = QModelIndex()


def size_columns(view: QTableView, columns: list[tuple[str, str]], bold_rows: bool = True) -> int:
    """Size each column once to its widest sample text or header line (bold, as the header
    is; the samples too unless ``bold_rows`` is False); the total width."""
    header = view.horizontalHeader()
    bold = QFont(view.font())
    bold.setBold(True)
    hm = QFontMetrics(bold)
    cm = hm if bold_rows else QFontMetrics(view.font())
    total = 0
    for col, (title, sample) in enumerate(columns):
        head = max(hm.horizontalAdvance(line) for line in title.split("\n")) + 16  # QSS padding 6+6, border
        width = max(cm.horizontalAdvance(sample) + 10, head)  # bold rows (first call) fit too
        header.resizeSection(col, width)
        total += width
    return total


class _Texts:
    """Laid-out texts by (text, bold): a cell's text is shaped once, not on every repaint."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, bool], tuple[QStaticText, float, float]] = {}

    def get(self, text: str, font: QFont, bold: bool) -> tuple[QStaticText, float, float]:
        key = (text, bold)
        hit = self._cache.get(key)
        if hit is None:
            if len(self._cache) > 8192:
                self._cache.clear()
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(QTransform(), font)
            size = static.size()
            hit = self._cache[key] = (static, size.width(), size.height())
        return hit

    def clear(self) -> None:
        self._cache.clear()


class BandUpdates(QTableView):
    """A table for models with ``painted(row)``: minimal repaints, cells painted in one pass.

    Tab leaves the table (the arrows move inside it); ``set_stale`` greys its text while the
    inputs on screen are not those of the rows shown."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._texts = _Texts()
        self._font_key = ""
        self.stale = False
        self.setTabKeyNavigation(False)

    def set_stale(self, stale: bool) -> None:
        if stale != self.stale:
            self.stale = stale
            self.viewport().update()

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

    # -- painting ------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        model = self.model()
        painted = getattr(model, "painted", None)
        if painted is None or self.selectionBehavior() != _ROWS:
            super().paintEvent(event)
            return
        rows, columns = model.rowCount(), model.columnCount()
        area = event.rect()
        first = self.rowAt(area.top())
        if rows == 0 or columns == 0 or first < 0:
            return
        last = self.rowAt(area.bottom())
        last = rows - 1 if last < 0 else last
        spans = self._column_spans(area, columns)
        painter = QPainter(self.viewport())
        try:
            self._paint_rows(painter, painted, first, last, spans)
        finally:
            painter.end()

    def _column_spans(self, area: QRect, columns: int) -> list[tuple[int, int, int]]:
        """(column, x, width) of the columns the area touches."""
        header = self.horizontalHeader()
        spans = []
        for column in range(columns):
            x, width = header.sectionViewportPosition(column), header.sectionSize(column)
            if width > 0 and x + width > area.left() and x <= area.right():
                spans.append((column, x, width))
        return spans

    def _look(self) -> tuple[QFont, QFont, QColor, QColor, QColor, QBrush, QBrush | None, int]:
        """Fonts and colours of this paint (the style sheet's table colours are in the palette)."""
        palette = self.palette()
        group = QPalette.ColorGroup.Active if self.isActiveWindow() else QPalette.ColorGroup.Inactive
        font = QFont(self.font())
        bold = QFont(font)
        bold.setBold(True)
        key = font.key()
        if key != self._font_key:  # a new font (zoom, style sheet): texts are laid out again
            self._font_key = key
            self._texts.clear()
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        grid = QColor.fromRgba(
            self.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, self) & 0xFFFFFFFF
        )
        alternate = palette.brush(group, QPalette.ColorRole.AlternateBase)
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        text = QPalette.ColorRole.PlaceholderText if self.stale else QPalette.ColorRole.Text
        return (
            font,
            bold,
            palette.color(group, text),
            palette.color(group, QPalette.ColorRole.HighlightedText),
            grid,
            palette.brush(group, QPalette.ColorRole.Highlight),
            alternate if self.alternatingRowColors() else None,
            margin,
        )

    def _paint_rows(
        self, painter: QPainter, painted: Any, first: int, last: int, spans: list[tuple[int, int, int]]
    ) -> None:
        font, bold, text_color, selected_color, grid, highlight, alternate, margin = self._look()
        selection = self.selectionModel()
        grid_size = 1 if self.showGrid() else 0
        texts = self._texts
        lines: list[tuple[int, int, int, int]] = []
        for row in range(first, last + 1):
            y, height = self.rowViewportPosition(row), self.rowHeight(row)
            if height <= 0:
                continue
            cells = painted(row)
            display, align = cells[DISPLAY], cells[ALIGN]
            backgrounds, foregrounds, fonts = cells[BACKGROUND], cells[FOREGROUND], cells[FONT]
            selected = selection is not None and selection.isRowSelected(row, _NO_ROOT)
            inner_h = height - grid_size
            for column, x, width in spans:
                inner_w = width - grid_size
                if selected:
                    painter.fillRect(x, y, inner_w, inner_h, highlight)
                elif backgrounds[column] is not None:
                    painter.fillRect(x, y, inner_w, inner_h, backgrounds[column])
                elif alternate is not None and row % 2:
                    painter.fillRect(x, y, inner_w, inner_h, alternate)
                text = display[column]
                if not text:
                    continue
                is_bold = fonts[column] is not None
                painter.setFont(bold if is_bold else font)
                foreground = foregrounds[column]
                painter.setPen(
                    selected_color
                    if selected
                    else text_color
                    if foreground is None or self.stale
                    else foreground.color()
                )
                static, w, h = texts.get(text, bold if is_bold else font, is_bold)
                room = inner_w - 2 * margin
                if w > room:  # a column narrowed by hand: elide as the default delegate does
                    elided = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, room)
                    painter.drawText(QRect(x + margin, y, room, inner_h), align[column], elided)
                    continue
                flags = align[column]
                left = x + width - grid_size - margin - w if flags & _RIGHT else x + margin
                if flags & _HCENTER:
                    left = x + (inner_w - w) / 2
                painter.drawStaticText(QPointF(left, y + (inner_h - h) / 2), static)
            if grid_size:
                lines.append((spans[0][1], y + height - 1, spans[-1][1] + spans[-1][2] - 1, y + height - 1))
        if grid_size and spans:
            top = self.rowViewportPosition(first)
            bottom = self.rowViewportPosition(last) + self.rowHeight(last) - 1
            lines += [(x + w - 1, top, x + w - 1, bottom) for _, x, w in spans]
            painter.setPen(grid)
            for x1, y1, x2, y2 in lines:
                painter.drawLine(x1, y1, x2, y2)
        self._paint_focus(painter, spans)

    def _paint_focus(self, painter: QPainter, spans: list[tuple[int, int, int]]) -> None:
        """The current cell's frame while the table has the keyboard focus."""
        current = self.currentIndex()
        if not self.hasFocus() or not current.isValid():
            return
        if not any(column == current.column() for column, _, _ in spans):
            return
        rect = self.visualRect(current).adjusted(0, 0, -2, -2)
        painter.setPen(self.palette().color(QPalette.ColorRole.Highlight))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
