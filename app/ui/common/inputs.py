"""Input widgets of the calculator: a money line edit and a percent line edit (the settle date's
is ``date_input``). They take whatever is typed: the domain's parser says at the field what it
does not understand (a validator that drops keys turned ``-1000`` into 1000 and ``25k`` into 25)."""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

MAX_TEXT = 40  # characters a field takes (a pasted page is not an amount)
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
        self.setMaxLength(MAX_TEXT)
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
        self.setMaxLength(MAX_TEXT)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
