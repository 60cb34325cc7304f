"""Thin item models: the coupon calendar and the loaded offerings with their CUSIPs.

Columns are declared once. ``DisplayRole`` is text; ``RAW_ROLE`` is the domain value (``date``,
``Decimal``, ``Note``) that sorting, the chart and tests read — never parsed back from text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.domain.model import Quote
from app.domain.money import format_price, format_usd
from app.present.rows import (
    CallRow,
    CallRows,
    CashFlowRow,
    CouponRows,
    RowKind,
    coupon_rows,
    fmt_date,
    fmt_long_date,
    fmt_rate,
)
from app.ui.common.palette import current
from app.ui.common.roles import (
    ALIGN,
    BACKGROUND,
    CENTER,
    DISPLAY,
    FONT,
    FOREGROUND,
    KIND_ROLE,
    PAINTED,
    RAW_ROLE,
    RIGHT,
    TOOLTIP,
    Index,
)

_COUPON_ROLES = frozenset((RAW_ROLE, KIND_ROLE, TOOLTIP))
_ROOT = QModelIndex()


@dataclass(frozen=True)
class Column:
    """A column declared once: header, display text, raw value, alignment."""

    title: str
    text: Callable[[CashFlowRow], str]
    raw: Callable[[CashFlowRow], object]
    align: int = RIGHT

    @property
    def header(self) -> str:
        """Two-word titles break over two lines so the column is as narrow as its dates."""
        return self.title.replace(" ", "\n", 1) if self.title.count(" ") == 1 else self.title


def _call_mark(r: CashFlowRow) -> str:
    if r.kind is RowKind.PRINCIPAL:
        return "Maturity"
    if r.call is None:
        return ""
    return "First call" if r.first_call else "Call"


COUPON_COLUMNS: tuple[Column, ...] = (
    Column("#", lambda r: "" if r.number is None else str(r.number), lambda r: r.number, CENTER),
    Column(
        "Accrual start",
        lambda r: fmt_date(r.accrual_start) if r.accrual_start else "",
        lambda r: r.accrual_start,
        CENTER,
    ),
    Column("Accrual end", lambda r: fmt_date(r.accrual_end), lambda r: r.accrual_end, CENTER),
    Column("Payment date", lambda r: fmt_date(r.payment_date), lambda r: r.payment_date, CENTER),
    Column("Days", lambda r: "" if r.days is None else str(r.days), lambda r: r.days),
    Column("Rate", lambda r: fmt_rate(r.rate_pct) if r.rate_pct is not None else "", lambda r: r.rate_pct),
    Column("Amount", lambda r: format_usd(r.amount), lambda r: r.amount),
    Column(
        "Cumulative",
        lambda r: format_usd(r.cumulative) if r.cumulative is not None else "",
        lambda r: r.cumulative,
    ),
    Column("Call", _call_mark, lambda r: r.call.date if r.call else None, CENTER),
)
COL_START = 1
COL_PAYMENT = 3
COL_DAYS = 4
COL_RATE = 5
COL_AMOUNT = 6
COL_CUMULATIVE = 7
COL_CALL = 8
_COUPON_ALIGN = tuple(c.align for c in COUPON_COLUMNS)


def _move_rows(model: QAbstractTableModel, dropped: int, assign: Callable[[], None]) -> None:
    """Tell the views ``dropped`` rows left the top (negative: were added there), as ``assign``
    moves the model to its new rows."""
    if dropped > 0:
        model.beginRemoveRows(_ROOT, 0, dropped - 1)
        assign()
        model.endRemoveRows()
    elif dropped < 0:
        model.beginInsertRows(_ROOT, 0, -dropped - 1)
        assign()
        model.endInsertRows()
    else:
        assign()


def _changed(model: QAbstractTableModel, columns: Sequence[int]) -> None:
    """Every row's cells in ``columns`` changed (the views repaint what of them is visible)."""
    rows = model.rowCount()
    if columns and rows:
        model.dataChanged.emit(model.index(0, min(columns)), model.index(rows - 1, max(columns)))


def _same_payments(old: Quote | None, new: Quote | None) -> bool:
    """Whether ``new``'s rows are ``old``'s less (or plus) some at the top: the same note and
    the same principal (a settle date moved, an amount typed, a price changed)."""
    return (
        old is not None
        and new is not None
        and old.purchase.note is new.purchase.note
        and old.redemption.date == new.redemption.date
    )


def _sort_key(value: object) -> tuple[int, Any]:
    """Missing values sort last; dates, numbers and text compare among themselves."""
    if value is None:
        return (1, 0)
    if isinstance(value, date):
        return (0, value.toordinal())
    if isinstance(value, (int, Decimal)):
        return (0, value)
    return (0, str(value))


class CouponTableModel(QAbstractTableModel):
    """One row per coupon the purchase receives, then the principal repayment."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: Sequence[CashFlowRow] = []
        self._natural: Sequence[CashFlowRow] = []
        self._quote: Quote | None = None
        self._cells: dict[int, dict[int, tuple[Any, ...]]] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._bold = QFont()
        self._bold.setBold(True)
        self._use_colors()

    def _use_colors(self) -> None:
        c = current()
        self._rolled_bg = QBrush(QColor(c.rolled_row))
        self._principal_bg = QBrush(QColor(c.principal_row))
        self._call_fg = QBrush(QColor(c.first_call))

    def restyle(self) -> None:
        """The theme changed: the row marks in the new colours (the views repaint)."""
        self._use_colors()
        self._cells.clear()

    # -- data in ---------------------------------------------------------------------------
    def set_quote(self, quote: Quote | None) -> None:
        """Show ``quote``'s rows. A settle date moved removes (adds) rows at the top and marks
        the running totals changed; an amount typed marks the amounts; the views repaint just
        those cells, and rows are built only as a view asks for them. Anything else resets."""
        new: Sequence[CashFlowRow] = coupon_rows(quote) if quote is not None else []
        old = self._quote
        self._quote = quote
        if self._sort is not None:  # a sorted table is rebuilt
            self.beginResetModel()
            self._natural = new
            self._apply_sort(*self._sort)
            self._cells.clear()
            self.endResetModel()
            return
        before = self._natural
        if not _same_payments(old, quote) or not isinstance(before, CouponRows):
            self.beginResetModel()
            self._assign(new)
            self.endResetModel()
            return
        assert isinstance(new, CouponRows)
        after = new
        # the coupons after a settle date are a tail of the note's: the difference in count is
        # the rows that left (joined) the top
        dropped = len(before) - len(after)
        _move_rows(self, dropped, lambda: self._assign(new))
        columns: list[int] = []
        if before.quote.purchase.amount != after.quote.purchase.amount:
            columns += (COL_AMOUNT, COL_CUMULATIVE)
        elif dropped:
            columns.append(COL_CUMULATIVE)
        if before.first_call != after.first_call:  # marks and bold type move
            columns = list(range(len(COUPON_COLUMNS)))
        _changed(self, columns)

    def _assign(self, rows: Sequence[CashFlowRow]) -> None:
        """Switch to ``rows`` (between a view's begin and end signals: a view reading cells
        before the switch must not leave the old rows' cells cached)."""
        self._natural = rows
        self._rows = rows
        self._cells.clear()

    def rows(self) -> list[CashFlowRow]:
        return list(self._rows)

    # -- Qt model API ------------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(COUPON_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is not Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COUPON_COLUMNS[section].header
        if role == Qt.ItemDataRole.TextAlignmentRole:  # over its figures, however wide the column
            return COUPON_COLUMNS[section].align
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # called for every visible cell and role on each repaint: a cached per-row table of the
        # painted roles answers with two lookups; other roles take the slow path
        if role in PAINTED:
            at = index.row()
            return self.painted(at)[role][index.column()] if at >= 0 else None
        if role not in _COUPON_ROLES or not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == RAW_ROLE:
            return COUPON_COLUMNS[column].raw(row)
        if role == KIND_ROLE:
            return row.kind.value
        return self._tooltip(row, column)

    def painted(self, row: int) -> dict[int, tuple[Any, ...]]:
        """The painted roles of ``row``, column by column (cached until the rows change)."""
        cells = self._cells.get(row)
        if cells is None:
            cells = self._cells[row] = self._paint_cells(self._rows[row])
        return cells

    def _paint_cells(self, row: CashFlowRow) -> dict[int, tuple[Any, ...]]:
        """Display text, alignment, colours and font of each column of ``row``."""
        n = len(COUPON_COLUMNS)
        principal = row.kind is RowKind.PRINCIPAL
        background: list[Any] = [self._principal_bg if principal else None] * n
        if row.rolled:
            background[COL_PAYMENT] = self._rolled_bg
        foreground: list[Any] = [None] * n
        if row.call:
            foreground[COL_CALL] = self._call_fg
        font = self._bold if row.first_call or principal else None
        return {
            DISPLAY: tuple(c.text(row) for c in COUPON_COLUMNS),
            ALIGN: _COUPON_ALIGN,
            BACKGROUND: tuple(background),
            FOREGROUND: tuple(foreground),
            FONT: (font,) * n,
        }

    @staticmethod
    def _tooltip(row: CashFlowRow, column: int) -> str | None:
        if column == COL_PAYMENT and row.rolled:
            return (
                f"Due {fmt_long_date(row.accrual_end)} ({row.rolled_reason}); "
                f"paid {fmt_long_date(row.payment_date)}. Accrual is not adjusted."
            )
        if column == COL_CALL and row.call is not None:
            kind = "First call date" if row.first_call else "Call date"
            return (
                f"{kind} {fmt_date(row.call.date)} at {fmt_rate(row.call.price_pct)}; "
                f"notice by {fmt_date(row.call.notice_date)}"
            )
        if row.kind is RowKind.PRINCIPAL:
            return f"Principal repaid at maturity {fmt_date(row.accrual_end)}"
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column's raw value; a negative column restores the calendar order."""
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order) if 0 <= column < len(COUPON_COLUMNS) else None
        if self._sort is None:
            self._rows = self._natural
        else:
            self._apply_sort(column, order)
        self._cells.clear()
        self.layoutChanged.emit()

    def _apply_sort(self, column: int, order: Qt.SortOrder) -> None:
        raw = COUPON_COLUMNS[column].raw
        # ties keep the calendar order (stable sort on the natural order)
        self._rows = sorted(
            self._natural, key=lambda r: _sort_key(raw(r)), reverse=order is Qt.SortOrder.DescendingOrder
        )

    # -- clipboard ---------------------------------------------------------------------------
    def tsv(self, rows: Sequence[int] | None = None) -> str:
        """The table (or ``rows`` of it) as tab-separated text with a header line."""
        picked = self._rows if rows is None else [self._rows[i] for i in sorted(set(rows))]
        lines = ["\t".join(c.title for c in COUPON_COLUMNS)]
        lines += ["\t".join(c.text(r) for c in COUPON_COLUMNS) for r in picked]
        return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CallColumn:
    title: str
    text: Callable[[CallRow], str]
    raw: Callable[[CallRow], object]
    align: int = RIGHT


CALL_COLUMNS: tuple[CallColumn, ...] = (
    CallColumn(
        "Redeemed", lambda r: "Maturity" if r.is_maturity else fmt_date(r.when), lambda r: r.when, CENTER
    ),
    CallColumn(
        "Notice by",
        lambda r: fmt_date(r.notice_date) if r.notice_date else "",
        lambda r: r.notice_date,
        CENTER,
    ),
    CallColumn("Coupons", lambda r: format_usd(r.repaid if r.zero else r.income), lambda r: r.income),
    CallColumn("Forgone", lambda r: format_usd(r.forgone) if r.forgone else "", lambda r: r.forgone),
    CallColumn("Yield", lambda r: fmt_rate(r.yield_pct), lambda r: r.yield_pct),
)
COL_INCOME = 2  # a zero-coupon note's: the principal repaid ("Repaid")
COL_FORGONE = 3
ZERO_INCOME_TITLE = "Repaid"
_CALL_ROLES = frozenset((RAW_ROLE, TOOLTIP))
_CALL_ALIGN = tuple(c.align for c in CALL_COLUMNS)


class CallTableModel(QAbstractTableModel):
    """The call schedule of the purchase: each call date, then maturity; the workout date marked."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: Sequence[CallRow] = []
        self._quote: Quote | None = None
        self._cells: dict[int, dict[int, tuple[Any, ...]]] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._use_colors()

    def _use_colors(self) -> None:
        c = current()
        self._workout_bg = QBrush(QColor(c.workout_row))
        self._call_fg = QBrush(QColor(c.first_call))

    def restyle(self) -> None:
        """The theme changed: the workout row and the first call in the new colours."""
        self._use_colors()
        self._cells.clear()

    def set_quote(self, quote: Quote | None) -> None:
        """Show ``quote``'s call schedule; calls passed by a later settle date leave the top (the
        calls after a settle date are a tail of the note's), the other rows are marked changed."""
        old = self._quote
        self._quote = quote
        new: Sequence[CallRow] = CallRows(quote) if quote is not None else []
        if old is None or quote is None or not _same_payments(old, quote):
            self.beginResetModel()
            self._assign(new)
            self.endResetModel()
            return
        dropped = len(old.calls) - len(quote.calls)
        _move_rows(self, dropped, lambda: self._assign(new))
        same_yields = old.yields == quote.yields
        _changed(self, (COL_INCOME, COL_FORGONE) if same_yields else range(len(CALL_COLUMNS)))

    def _assign(self, rows: Sequence[CallRow]) -> None:
        """Switch to ``rows``; cells cached from the old rows go (see the coupon model's)."""
        self._rows = rows
        self._cells.clear()

    def rows(self) -> list[CallRow]:
        return list(self._rows)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(CALL_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is not Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            zero = isinstance(self._rows, CallRows) and self._rows.zero
            return ZERO_INCOME_TITLE if zero and section == COL_INCOME else CALL_COLUMNS[section].title
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return CALL_COLUMNS[section].align
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in PAINTED:
            at = index.row()
            return self.painted(at)[role][index.column()] if at >= 0 else None
        if role not in _CALL_ROLES or not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == RAW_ROLE:
            return CALL_COLUMNS[index.column()].raw(row)
        return _call_tip(row)

    def painted(self, row: int) -> dict[int, tuple[Any, ...]]:
        """The painted roles of ``row``, column by column (cached until the rows change)."""
        cells = self._cells.get(row)
        if cells is None:
            cells = self._cells[row] = self._paint_cells(self._rows[row])
        return cells

    def _paint_cells(self, row: CallRow) -> dict[int, tuple[Any, ...]]:
        n = len(CALL_COLUMNS)
        foreground: list[Any] = [None] * n
        if row.first:
            foreground[0] = self._call_fg
        return {
            DISPLAY: tuple(c.text(row) for c in CALL_COLUMNS),
            ALIGN: _CALL_ALIGN,
            BACKGROUND: (self._workout_bg if row.workout else None,) * n,
            FOREGROUND: tuple(foreground),
            FONT: (self._bold if row.workout or row.is_maturity else None,) * n,
        }


def _call_tip(row: CallRow) -> str:
    what = (
        "Held to maturity"
        if row.is_maturity
        else f"Called {fmt_date(row.when)} at {format_price(row.price_pct)}"
    )
    received = "" if row.zero else f"; coupons received {format_usd(row.income)}"
    lines = [
        what,
        f"paid {fmt_long_date(row.payment_date)}: principal repaid {format_usd(row.repaid)}{received}",
    ]
    if row.forgone:
        lines.append(f"{format_usd(row.forgone)} less than holding to maturity")
    if row.worst_note:
        lines.append(row.worst_note[:1].upper() + row.worst_note[1:])
    elif row.workout:
        lines.append("Workout date: the yield to worst is reached here")
    return "\n".join(lines)
