"""The proposal's item models: its positions (amount, settle date and price editable in place),
every payment in date order, and the sums by month and by year, held to maturity or if called
first.

Columns are declared once; ``DisplayRole`` is text, ``RAW_ROLE`` the domain value. Each model
paints from ``painted(row)`` (``BandUpdates``), cached per row until that row changes, and builds
its rows as the view asks (the payments of 50 thirty-year notes are 18,000 rows). An amount edit
keeps every payment date: the models then mark the cells that changed instead of resetting.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from app.domain.errors import InputError
from app.domain.holding import CashFlow, FlowKind
from app.domain.ledger import PeriodSums
from app.domain.model import WORST_CALLS_UNKNOWN
from app.domain.money import format_usd, price_digits
from app.present.proposal_rows import KIND_LABEL, PositionRow, flow_tip, period_total, position_row
from app.present.rows import fmt_date, fmt_rate
from app.present.words import WORST_NOT_KNOWN
from app.ui.common import money_text, theme
from app.ui.common.palette import current
from app.ui.common.roles import (
    ALIGN,
    BACKGROUND,
    CENTER,
    DISPLAY,
    FONT,
    FOREGROUND,
    PAINTED,
    RAW_ROLE,
    RIGHT,
    TOOLTIP,
    Index,
)
from app.ui.proposal.desk import Change, ProposalDesk, refused

LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
EDIT = int(Qt.ItemDataRole.EditRole.value)
_ROOT = QModelIndex()


def _price(value: object) -> str:
    return price_digits(value) if value is not None else "—"  # type: ignore[arg-type]


@dataclass(frozen=True)
class Column:
    """A column declared once: title, text and raw value of a row, alignment, the widest text
    it shows (its width), and the input it edits (``amount``, ``settle``, ``price``) if any."""

    title: str
    text: Callable[[Any], str]
    raw: Callable[[Any], object]
    align: int = RIGHT
    sample: str = "$000,000.00"
    field: str | None = None


POSITION_COLUMNS: tuple[Column, ...] = (
    Column("#", lambda r: str(r.number), lambda r: r.number, CENTER, "00"),
    Column("CUSIP", lambda r: r.cusip or "—", lambda r: r.cusip, CENTER, "000000000"),
    Column(
        "Issuer",
        lambda r: r.issuer if r.error is None else f"Not priced: {r.error}",
        lambda r: r.issuer,
        LEFT,
        "Ally Financial",
    ),
    Column("Amount", lambda r: format_usd(r.amount), lambda r: r.amount, field="amount"),
    Column(
        "Settle date",
        lambda r: fmt_date(r.settle_date),
        lambda r: r.settle_date,
        CENTER,
        "0000-00-00",
        "settle",
    ),
    Column("Price", lambda r: _price(r.price_pct), lambda r: r.price_pct, RIGHT, "000.000", "price"),
    Column("Total cost", lambda r: format_usd(r.total), lambda r: r.total),
    Column(
        "Annual income", lambda r: format_usd(r.annual_income), lambda r: r.annual_income, sample="$00,000.00"
    ),
    Column(
        "Yield to worst",
        lambda r: WORST_NOT_KNOWN if r.calls_unknown else fmt_rate(r.worst_pct),
        lambda r: r.worst_pct,
        sample="00.000%",
    ),
)
COL_CUSIP, COL_ISSUER, COL_AMOUNT, COL_SETTLE, COL_PRICE, COL_WORST = 1, 2, 3, 4, 5, 8

FLOW_COLUMNS: tuple[Column, ...] = (
    Column(
        "Payment date", lambda f: fmt_date(f.payment_date), lambda f: f.payment_date, CENTER, "0000-00-00"
    ),
    Column("CUSIP", lambda f: f.cusip, lambda f: f.cusip, CENTER, "000000000"),
    Column("Payment", lambda f: KIND_LABEL[f.kind], lambda f: f.kind.value, CENTER, "Maturity"),
    Column("Amount", lambda f: format_usd(f.amount), lambda f: f.amount),
)
FLOW_AMOUNT = 3

PERIOD_COLUMNS: tuple[Column, ...] = (
    Column("Month", lambda r: r.month, lambda r: r.start, CENTER, "0000-00"),
    Column("Interest", lambda r: format_usd(r.interest), lambda r: r.interest),
    Column("Principal", lambda r: format_usd(r.principal), lambda r: r.principal),
    Column("Total", lambda r: format_usd(period_total(r)), period_total),
    Column("Payments", lambda r: str(r.payments), lambda r: r.payments, RIGHT, "0000"),
)
YEAR_COLUMNS = (Column("Year", lambda r: str(r.year), lambda r: r.year, CENTER, "0000"), *PERIOD_COLUMNS[1:])


class CachedRows(QAbstractTableModel):
    """A table model over ``columns`` whose painted roles are built per row on demand and kept
    until the row changes (``forget``)."""

    columns: tuple[Column, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._cells: dict[int, dict[int, tuple[Any, ...]]] = {}
        self._align = tuple(c.align for c in self.columns)
        self._bold = QFont()
        self._bold.setBold(True)

    def row_at(self, row: int) -> Any:
        raise NotImplementedError

    def rowCount(self, parent: Index = _ROOT) -> int:
        raise NotImplementedError

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == DISPLAY:
            return self.columns[section].title
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        if role in PAINTED:
            return self.painted(index.row())[role][index.column()]
        if role == RAW_ROLE:
            return self.columns[index.column()].raw(self.row_at(index.row()))
        if role == TOOLTIP:
            return self.tooltip(index.row(), index.column())
        return None

    def tooltip(self, row: int, column: int) -> str | None:
        return None

    def painted(self, row: int) -> dict[int, tuple[Any, ...]]:
        """The painted roles of ``row``, column by column (cached until the row changes)."""
        cells = self._cells.get(row)
        if cells is None:
            cells = self._cells[row] = self.paint_cells(row, self.row_at(row))
        return cells

    def paint_cells(self, row: int, item: Any) -> dict[int, tuple[Any, ...]]:
        n = len(self.columns)
        return {DISPLAY: tuple(c.text(item) for c in self.columns), ALIGN: self._align,
                BACKGROUND: (None,) * n, FOREGROUND: (None,) * n, FONT: (None,) * n}  # fmt: skip

    def reset(self) -> None:
        self.beginResetModel()
        self._cells.clear()
        self.endResetModel()

    def forget(self, first: int = 0, last: int | None = None, columns: Sequence[int] = ()) -> None:
        """Rows ``first``..``last`` (all) changed in ``columns`` (all): their cells are built
        again when painted."""
        rows = self.rowCount()
        last = rows - 1 if last is None else last
        if rows == 0 or last < first:
            return
        if first == 0 and last == rows - 1:
            self._cells.clear()
        else:
            for row in range(first, last + 1):
                self._cells.pop(row, None)
        left, right = (min(columns), max(columns)) if columns else (0, len(self.columns) - 1)
        self.dataChanged.emit(self.index(first, left), self.index(last, right))


class PositionsModel(CachedRows):
    """The positions of the desk's proposal; amount, settle date and price edit in place.

    An edit the note does not accept is refused (``refused`` carries the sentence with the
    allowed range): the cell keeps the text typed, marked, until a valid one replaces it, and
    the proposal keeps the last valid figures."""

    columns = POSITION_COLUMNS
    refused = Signal(int, int, str)  # row, column, why

    def __init__(self, desk: ProposalDesk, parent: Any = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.invalid: dict[tuple[int, int], tuple[str, str]] = {}  # (row, column) → (typed, why)
        self._use_colors()
        theme.notifier().changed.connect(self._restyle)
        desk.changed.connect(self._changed)

    def _use_colors(self) -> None:
        self._invalid_bg = QBrush(QColor(current().bad_bg))
        self._error_fg = QBrush(QColor(current().bad))

    def _restyle(self) -> None:
        """The theme changed: the marks in the new colours (the cells built again)."""
        self._use_colors()
        self.forget()

    def row_at(self, row: int) -> PositionRow:
        return position_row(row, self.desk.proposal.holding(row))

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.desk.proposal)

    def _changed(self, change: Change, row: int) -> None:
        if change is Change.ALL:
            self.invalid.clear()
            self.reset()
        else:
            self.forget(row, row)

    # -- painting -------------------------------------------------------------------------
    def paint_cells(self, row: int, item: Any) -> dict[int, tuple[Any, ...]]:
        cells = super().paint_cells(row, item)
        if item.error is not None:
            foreground = list(cells[FOREGROUND])
            foreground[COL_ISSUER] = self._error_fg
            cells[FOREGROUND] = tuple(foreground)
        if any(r == row for r, _ in self.invalid):
            display, background = list(cells[DISPLAY]), list(cells[BACKGROUND])
            for (r, column), (typed, _why) in self.invalid.items():
                if r == row:
                    display[column], background[column] = typed, self._invalid_bg
            cells[DISPLAY], cells[BACKGROUND] = tuple(display), tuple(background)
        return cells

    def tooltip(self, row: int, column: int) -> str | None:
        bad = self.invalid.get((row, column))
        if bad is not None:
            return bad[1]
        item = self.row_at(row)
        if item.error is not None:
            return f"{item.document}\nNot priced: {item.error}"
        if column == COL_WORST and item.calls_unknown:
            return WORST_CALLS_UNKNOWN[:1].upper() + WORST_CALLS_UNKNOWN[1:]
        if column == COL_WORST and item.worst_date is not None:
            return f"Yield to worst: to {fmt_date(item.worst_date)}"
        if column in (COL_CUSIP, COL_ISSUER):
            return item.document
        if self.columns[column].field is not None:
            return "Type a new value and press Enter (Esc cancels)"
        return None

    # -- editing --------------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if index.isValid() and self.columns[index.column()].field is not None and not self.desk.busy:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def edit_value(self, index: Index) -> object:
        """What an editor starts from: the refused text, else the value as the calculator shows
        it (``25,000``, ``100.000``, the date)."""
        bad = self.invalid.get((index.row(), index.column()))
        if bad is not None:
            return bad[0]
        item = self.row_at(index.row())
        field = self.columns[index.column()].field
        if field == "amount":
            return money_text(item.amount) if item.amount is not None else ""
        if field == "price":
            return f"{item.price_pct:.3f}" if item.price_pct is not None else ""
        return item.settle_date

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        """Apply an edit through the desk; a refused one is kept at the cell with its reason."""
        if role != EDIT or not index.isValid():
            return False
        row, column = index.row(), index.column()
        field = self.columns[column].field
        was_refused = self.invalid.pop((row, column), None) is not None
        try:
            if field == "amount":
                self.desk.set_amount(row, str(value))
            elif field == "price":
                self.desk.set_price(row, str(value))
            elif field == "settle" and isinstance(value, date):
                self.desk.set_settle(row, value)
            else:
                return False
        except InputError as err:
            why = refused(err)
            self.invalid[(row, column)] = (value.isoformat() if isinstance(value, date) else str(value), why)
            self.forget(row, row)
            self.refused.emit(row, column, why)
            return False
        if was_refused:
            self.forget(row, row)
        return True


class FlowsModel(CachedRows):
    """Every payment of the proposal in payment-date order (held to maturity or if called
    first), built row by row as the view asks."""

    columns = FLOW_COLUMNS

    def __init__(self, desk: ProposalDesk, parent: Any = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.called = False
        self._flows: Sequence[CashFlow] = desk.proposal.cash_flows(False)
        self._principal_bg = QBrush(QColor(current().principal_row))
        theme.notifier().changed.connect(self._restyle)

    def _restyle(self) -> None:
        """The theme changed: the principal rows in the new colour (the cells built again)."""
        self._principal_bg = QBrush(QColor(current().principal_row))
        self.forget()

    def row_at(self, row: int) -> CashFlow:
        return self._flows[row]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._flows)

    def paint_cells(self, row: int, item: Any) -> dict[int, tuple[Any, ...]]:
        cells = super().paint_cells(row, item)
        if item.kind is not FlowKind.COUPON:
            n = len(self.columns)
            cells[BACKGROUND], cells[FONT] = (self._principal_bg,) * n, (self._bold,) * n
        return cells

    def tooltip(self, row: int, column: int) -> str | None:
        return flow_tip(self._flows[row])

    def refresh(self, change: Change) -> None:
        """Follow the proposal (in the case ``called``): an amount edit keeps every row, its
        amounts repainted; anything else rebuilds the rows."""
        if change is Change.AMOUNT:
            self.forget(columns=(FLOW_AMOUNT,))
            return
        self.beginResetModel()
        self._flows = self.desk.proposal.cash_flows(self.called)
        self._cells.clear()
        self.endResetModel()


class PeriodsModel(CachedRows):
    """Interest and principal by payment month (or year) of the proposal, in either case."""

    def __init__(self, desk: ProposalDesk, by_year: bool, parent: Any = None) -> None:
        self.columns = YEAR_COLUMNS if by_year else PERIOD_COLUMNS
        super().__init__(parent)
        self.desk = desk
        self.by_year = by_year
        self.called = False
        self._rows: list[PeriodSums] = []

    def row_at(self, row: int) -> PeriodSums:
        return self._rows[row]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def rows(self) -> list[PeriodSums]:
        return list(self._rows)

    def refresh(self, change: Change) -> None:
        """Read the sums again (in the case ``called``); the same months are repainted, not
        reset."""
        p = self.desk.proposal
        rows = p.by_year(self.called) if self.by_year else p.by_month(self.called)
        old = self._rows
        if len(rows) == len(old) and all(a.start == b.start for a, b in zip(rows, old, strict=True)):
            self._rows = rows
            self.forget(columns=range(1, len(self.columns)))
            return
        self.beginResetModel()
        self._rows = rows
        self._cells.clear()
        self.endResetModel()
