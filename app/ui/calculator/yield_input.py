"""Price from yield: a yield field (to maturity or to the first call) that sets the price.

Typing a yield asks the domain for the clean price (``yields.clean_price_pct``) and hands it to
the price field; every valid quote writes its yield back here unless the user is typing in it.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from app.domain.errors import InputError
from app.domain.model import Note, Quote
from app.domain.money import parse_percent
from app.ui.common import PercentEdit

MATURITY, FIRST_CALL = 0, 1


def price_text(price: Decimal) -> str:
    """``101.234500`` → ``101.2345``; at least three decimals (``100.000``)."""
    text = f"{price:.6f}".rstrip("0")
    whole, _, frac = text.partition(".")
    return f"{whole}.{frac.ljust(3, '0')}"


class YieldInput(QWidget):
    """``priceWanted(text)`` when a typed yield gives a price; ``problem(text)`` otherwise."""

    priceWanted = Signal(str)
    problem = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.edit = PercentEdit()
        self.edit.setObjectName("yieldEdit")
        self.edit.setToolTip("Type a yield: the price follows")
        self.basis = QComboBox()
        self.basis.setObjectName("yieldBasis")
        self.basis.addItems(["to maturity", "to 1st call"])
        self.basis.setToolTip("The yield typed is to maturity, or to the first call date after settle")
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.basis)
        self.quote: Quote | None = None
        self.edit.textEdited.connect(self._typed)
        self.basis.currentIndexChanged.connect(self._basis_changed)

    def show_quote(self, quote: Quote) -> None:
        """Show the quote's yield on the chosen basis (not while the user is typing here)."""
        self.quote = quote
        has_call = bool(quote.calls)
        if not has_call and self.basis.currentIndex() == FIRST_CALL:
            self.basis.setCurrentIndex(MATURITY)
        self.basis.model().item(FIRST_CALL).setEnabled(has_call)  # type: ignore[attr-defined]
        if not self.edit.hasFocus():
            value = self.current_yield()
            self.edit.setText(f"{value:.3f}" if value is not None else "")

    def current_yield(self) -> Decimal | None:
        q = self.quote
        if q is None or q.yields is None:
            return None
        if self.basis.currentIndex() == FIRST_CALL and q.calls:
            first = q.calls[0].date
            return next((t.yield_pct for t in q.yields.to_call if t.date == first), None)
        return q.yields.maturity_pct

    def _basis_changed(self, index: int) -> None:
        if self.quote is not None:
            value = self.current_yield()
            self.edit.setText(f"{value:.3f}" if value is not None else "")

    def _typed(self, text: str) -> None:
        q = self.quote
        if q is None or not text.strip():
            return
        try:
            wanted = parse_percent(text, "yield")
            price = self.price_for(q.purchase.note, q, wanted)
        except InputError as err:
            self.problem.emit(err.message[:1].upper() + err.message[1:])
            return
        except (ValueError, ArithmeticError, OverflowError) as err:
            self.problem.emit(f"No price gives a yield of {text.strip()}%: {err}")
            return
        self.priceWanted.emit(price_text(price))

    def price_for(self, note: Note, quote: Quote, yield_pct: Decimal) -> Decimal:
        from app.domain.yields import clean_price_pct

        call = quote.calls[0] if self.basis.currentIndex() == FIRST_CALL and quote.calls else None
        return clean_price_pct(note, quote.purchase.settle_date, yield_pct, call)
