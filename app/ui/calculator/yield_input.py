"""Price from yield: a yield field and what it works out to (maturity, worst, the first call or
a call date chosen from the list) that sets the price.

Typing a yield asks the domain for the purchase repriced (``quote.reprice_from_yield``, the
function ``calc --yield`` uses) and hands its price to the price field; every valid quote writes
its yield back here unless the user is typing in it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from app.domain.errors import InputError
from app.domain.model import Quote, Workout
from app.domain.money import parse_percent, price_digits
from app.domain.quote import reprice_from_yield
from app.present.rows import fmt_date
from app.ui.common import PercentEdit

MATURITY, WORST, FIRST_CALL = 0, 1, 2
_FIXED = (("to maturity", Workout.MATURITY), ("to worst", Workout.WORST), ("to 1st call", Workout.CALL))


def price_text(price: Decimal) -> str:
    """``101.234500`` → ``101.2345``; at least three decimals (``100.000``)."""
    return price_digits(price.normalize() if price.is_finite() else price)


class _BasisBox(QComboBox):
    """Maturity, worst, the first call, then each call date after settle — listed when the box
    opens (a 30-year note has hundreds; an edit never builds them)."""

    def __init__(self) -> None:
        super().__init__()
        for text, workout in _FIXED:
            self.addItem(text, (workout, None))
        self.calls: tuple[date, ...] = ()

    def showPopup(self) -> None:
        listed = tuple(self.itemData(i)[1] for i in range(len(_FIXED), self.count()))
        if listed != self.calls:
            chosen = self.currentData()
            self.blockSignals(True)
            while self.count() > len(_FIXED):
                self.removeItem(self.count() - 1)
            for when in self.calls:
                self.addItem(f"to the call on {fmt_date(when)}", (Workout.CALL, when))
            at = self.findData(chosen)
            self.setCurrentIndex(at if at >= 0 else MATURITY)
            self.blockSignals(False)
        super().showPopup()

    def workout(self) -> tuple[Workout, date | None]:
        data = self.currentData()
        return data if data is not None else (Workout.MATURITY, None)


class YieldInput(QWidget):
    """``priceWanted(text, said)`` when a typed yield gives a price (``said``: what it works out
    to); ``problem(text)`` otherwise."""

    priceWanted = Signal(str, str)
    problem = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.edit = PercentEdit()
        self.edit.setObjectName("yieldEdit")
        self.edit.setToolTip("Type a yield: the price follows")
        self.basis = _BasisBox()
        self.basis.setObjectName("yieldBasis")
        self.basis.setToolTip(
            "The yield typed is to maturity, to worst, to the first call after settle, or to a call date"
        )
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.basis)
        self.quote: Quote | None = None
        self.stale = False
        self.edit.textEdited.connect(self._typed)
        self.basis.currentIndexChanged.connect(self._basis_changed)

    def show_quote(self, quote: Quote) -> None:
        """Show the quote's yield on the chosen basis (not while the user is typing here)."""
        self.quote, self.stale = quote, False
        self.basis.calls = tuple(c.date for c in quote.calls)
        has_call = bool(quote.calls)
        if not has_call and self.basis.currentIndex() >= FIRST_CALL:
            self.basis.setCurrentIndex(MATURITY)
        self.basis.model().item(FIRST_CALL).setEnabled(has_call)  # type: ignore[attr-defined]
        if not self.edit.hasFocus():
            self._show_yield()

    def forget(self) -> None:
        """The quote is stale: its yield leaves the field (unless the user is typing there). A
        yield typed still prices the note on the quote's settle date (the price may be the input
        that is wrong)."""
        self.stale = True
        if not self.edit.hasFocus():
            self.edit.clear()

    def clear(self) -> None:
        """No note: no quote, no yield."""
        self.quote, self.stale = None, False
        self.edit.clear()

    def current_yield(self) -> Decimal | None:
        q = self.quote
        if q is None or q.yields is None:
            return None
        workout, when = self.basis.workout()
        if workout is Workout.MATURITY:
            return q.yields.maturity_pct
        if workout is Workout.WORST:
            return q.yields.worst_pct
        when = when or (q.calls[0].date if q.calls else None)
        return next((t.yield_pct for t in q.yields.to_call if t.date == when), None)

    def _show_yield(self) -> None:
        value = self.current_yield()
        self.edit.setText(f"{value:.3f}" if value is not None else "")

    def _basis_changed(self, _index: int) -> None:
        if self.quote is not None and not self.stale:
            self._show_yield()

    def _typed(self, text: str) -> None:
        q = self.quote
        if q is None or not text.strip():
            return
        workout, when = self.basis.workout()
        try:
            wanted = parse_percent(text, "yield")
            repriced, lands = reprice_from_yield(q.purchase, wanted, workout, when)
        except InputError as err:
            self.problem.emit(err.message[:1].upper() + err.message[1:])
            return
        except (ValueError, ArithmeticError, OverflowError) as err:
            self.problem.emit(f"No price gives a yield of {text.strip()}%: {err}")
            return
        self.priceWanted.emit(price_text(repriced.price_pct), self._said(workout, lands))

    def _said(self, workout: Workout, lands: date) -> str:
        """What the yield typed works out to: "to worst: the call on 2020-11-15"."""
        q = self.quote
        assert q is not None
        if workout is Workout.MATURITY:
            return "to maturity"
        if q.yields is not None and q.yields.calls_unknown:
            return "to worst: only to maturity, the calls are unknown"
        where = "maturity" if lands == q.purchase.note.maturity_date else f"the call on {fmt_date(lands)}"
        return f"{'to worst' if workout is Workout.WORST else 'to call'}: {where}"
