"""Input widgets of the calculator: a money line edit and a settle-date edit whose calendar
flags weekends and New York banking holidays by name."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QKeyEvent, QRegularExpressionValidator, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QDateEdit, QLineEdit, QWidget

from app.domain.calendar import holiday_name
from app.ui.common.palette import current
from app.ui.common.theme import notifier

_MONEY_RE = r"\$?\s*[0-9,]{0,16}(\.[0-9]{0,2})?"
_PERCENT_RE = r"[0-9]{0,3}(\.[0-9]{0,6})?\s*%?"
_GROUPABLE = re.compile(r"^(\$?\s*)([0-9,]*)(\.[0-9]*)?$")


def group_thousands(text: str, cursor: int) -> tuple[str, int]:
    """``25000`` → ``25,000`` keeping the cursor after the same digit; other text unchanged."""
    match = _GROUPABLE.match(text)
    if not match or not match.group(2):
        return text, cursor
    prefix, whole, frac = match.group(1), match.group(2), match.group(3) or ""
    digits_left = sum(ch.isdigit() for ch in text[:cursor])
    plain = whole.replace(",", "")
    grouped = f"{int(plain):,}" if plain else ""
    if plain.startswith("0") and len(plain) > 1:
        grouped = plain  # leave leading zeros alone; the parser will complain
    result = prefix + grouped + frac
    pos, seen = 0, 0
    while pos < len(result) and seen < digits_left:
        if result[pos].isdigit():
            seen += 1
        pos += 1
    if digits_left == 0:
        pos = min(cursor, len(prefix))
    return result, pos


def money_text(value: Decimal) -> str:
    """``25000`` → ``25,000``; ``25000.5`` → ``25,000.50``."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,.2f}"


class MoneyEdit(QLineEdit):
    """Dollars with thousands separators as you type; Up/Down step by the increment."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = Decimal(1000)
        self.minimum = Decimal(0)
        self.setValidator(QRegularExpressionValidator(_MONEY_RE, self))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.textEdited.connect(self._regroup)

    def _regroup(self, text: str) -> None:
        grouped, cursor = group_thousands(text, self.cursorPosition())
        if grouped != text:
            self.setText(grouped)
            self.setCursorPosition(cursor)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.step > 0:
            self._step(1 if key == Qt.Key.Key_Up else -1)
            event.accept()
            return
        super().keyPressEvent(event)

    def _step(self, direction: int) -> None:
        from app.domain.errors import InputError
        from app.domain.money import parse_amount
        from app.domain.quote import MAX_AMOUNT

        try:
            value = min(parse_amount(self.text()), MAX_AMOUNT)  # 40 digits: beyond Decimal's //
            value = (value // self.step + direction) * self.step
        except (InputError, ArithmeticError):
            value = self.minimum
        value = max(value, self.minimum, self.step)
        self.setText(money_text(value))


class PercentEdit(QLineEdit):
    """A percent of par (``101.250``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(QRegularExpressionValidator(_PERCENT_RE, self))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class BusinessCalendar(QCalendarWidget):
    """Weekends greyed, New York banking holidays in red with their name as the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setGridVisible(False)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self._marked: list[QDate] = []
        self.currentPageChanged.connect(self._mark_holidays)
        self.restyle()
        notifier().changed.connect(self.restyle)

    def restyle(self) -> None:
        """Weekends and holidays in the colours in use."""
        weekend = QTextCharFormat()
        weekend.setForeground(QColor(current().faint))
        self.setWeekdayTextFormat(Qt.DayOfWeek.Saturday, weekend)
        self.setWeekdayTextFormat(Qt.DayOfWeek.Sunday, weekend)
        self._mark_holidays(self.yearShown(), self.monthShown())

    def _mark_holidays(self, year: int, month: int) -> None:
        plain = QTextCharFormat()
        for qd in self._marked:
            self.setDateTextFormat(qd, plain)
        self._marked = []
        first = date(year, month, 1) - timedelta(days=7)
        for offset in range(50):
            d = first + timedelta(days=offset)
            name = holiday_name(d)
            if name:
                fmt = QTextCharFormat()
                fmt.setForeground(QColor(current().bad))
                fmt.setFontWeight(700)
                fmt.setToolTip(f"{name} — not a New York banking day")
                qd = QDate(d.year, d.month, d.day)
                self.setDateTextFormat(qd, fmt)
                self._marked.append(qd)


class SettleDateEdit(QDateEdit):
    """ISO date with a calendar popup that flags non-banking days."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setCalendarWidget(BusinessCalendar(self))
        self.setMinimumDate(QDate(1900, 1, 1))
        self.setMaximumDate(QDate(2199, 12, 31))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def value(self) -> date:
        result: date = self.date().toPython()  # type: ignore[assignment]
        return result

    def set_value(self, d: date) -> None:
        self.setDate(QDate(d.year, d.month, d.day))
