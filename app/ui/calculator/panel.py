"""The purchase calculator: amount, settle date and price in; the domain's ``Quote`` out.

Every edit recalculates at once. Invalid or half-typed input shows the reason at its field and
keeps the last valid results on screen greyed and struck through (``stale``, a Python attribute:
the look changes once when the state does, not on every key); nothing here raises or computes
finance itself. Choosing another CUSIP keeps the amount and settle date typed when that note
accepts them (``purchase_hints.carry_over``) and says what it reset and why.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Protocol

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.errors import InputError, TermSheetError
from app.domain.model import Note, Offering, Purchase, Quote
from app.domain.money import parse_amount, parse_percent
from app.domain.quote import make_purchase, quote
from app.present.purchase_hints import (
    amount_hint,
    carry_over,
    price_hint,
    sentence,
    settle_expected,
    settle_hint,
)
from app.ui.calculator.results import Results
from app.ui.calculator.yield_input import YieldInput
from app.ui.common import MoneyEdit, PercentEdit, SettleDateEdit, card, money_text, repolish

log = logging.getLogger("termsheet.ui")
FIELDS = ("amount", "settle", "price")
NO_NOTE = "Open a document (File ▸ Open, or drop it on the window) and choose a CUSIP."


class Preset(Protocol):
    """A purchase as typed on the command line (``cli.CalcArgs``): texts, each may be missing."""

    @property
    def amount(self) -> str | None: ...

    @property
    def settle(self) -> str | None: ...

    @property
    def price(self) -> str | None: ...


class Saved(Protocol):
    """A purchase's inputs as the user left them (``saved_state.Inputs``)."""

    @property
    def amount(self) -> str: ...

    @property
    def settle(self) -> date: ...

    @property
    def price(self) -> str: ...


def _defaults(offering: Offering, note: Note) -> tuple[Purchase, str]:
    """The contract's default purchase, and what the settle hint must say: a note whose document
    prints no settle date (a rate sheet) is shown settling on the last day of its offering week
    (else today) until the user enters the date the purchase settles."""
    try:
        return make_purchase(offering, note), ""
    except InputError as err:
        shown = offering.offering_end or date.today()
        return make_purchase(offering, note, settle_date=shown), f"{err.message} (showing {shown:%m/%d/%Y})"


class CalculatorPanel(QFrame):
    """Purchase inputs and the results of the last valid quote."""

    quoteChanged = Signal(object)  # Quote
    validityChanged = Signal(bool)
    addToProposal = Signal()  # the "Add to proposal" button: the window adds the purchase

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calculator")
        self.offering: Offering | None = None
        self.note: Note | None = None
        self.current: Quote | None = None
        self.stale = False  # the figures on screen are not those of the inputs on screen
        self._valid = False  # a valid purchase on screen (``validityChanged`` when it changes)
        self._last_purchase: Purchase | None = None
        self._defaults: Purchase | None = None
        self.errors: dict[str, str] = {}
        self._notes: dict[str, str] = {}  # field → a note that stays until the user edits it
        self.results = Results()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        # cost beside the yields (what the price buys), the income under them: on a 1366×768
        # screen the purchase, its cost and its yields show without scrolling
        layout.addWidget(self._build_inputs())
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.results.cost, 1)
        row.addWidget(self.results.yields, 1)
        layout.addLayout(row)
        self._essential = (layout.itemAt(0).widget(), self.results.cost, self.results.yields)
        layout.addWidget(self.results.income)
        layout.addStretch(1)
        self.staleLabel = self.results.stale_label
        self._build_add_button()
        self.clear()
        self._hold_heights()

    def _hold_heights(self) -> None:
        """Keep room for the texts that come and go as inputs turn valid or invalid (the two-line
        errors under the amount and the settle date, the stale note, the detail lines), so the
        cards do not move under the advisor's typing: a move re-lays the column out and repaints
        all of it (~6 ms a key)."""
        held = [
            (self.hints["amount"], 2),
            (self.hints["settle"], 2),
            (self.staleLabel, 2),
        ]  # half a column wide
        held += [(row.detail, 1) for row in self.results.rows if row.detail]
        for label, lines in held:
            label.ensurePolished()  # the style sheet's font decides the line height
            label.setMinimumHeight(lines * label.fontMetrics().lineSpacing())

    def essential_height(self) -> int:
        """The height that shows the purchase, its cost and its yields (the income may scroll)."""
        inputs, cost, yields = self._essential
        spacing = self.layout().spacing()
        return (
            inputs.sizeHint().height() + spacing + max(cost.sizeHint().height(), yields.sizeHint().height())
        )

    # -- construction --------------------------------------------------------------------
    def _build_add_button(self) -> None:
        self.addButton = QPushButton("Add to proposal")
        self.addButton.setObjectName("addToProposalButton")
        self.addButton.setToolTip("Add this purchase to the client's proposal (Ctrl+Shift+A)")
        self.addButton.setEnabled(False)  # while the purchase is valid (``_set_valid``)
        self.addButton.clicked.connect(lambda: self.addToProposal.emit())
        holder = self._add_holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(self.addButton, 0, Qt.AlignmentFlag.AlignBottom)
        self.results.foot.addWidget(holder)

    def _set_valid(self, valid: bool) -> None:
        """The purchase on screen is valid (or not): the button, or the note saying why the
        figures are stale, in the cost card's last row; ``validityChanged`` when that changed (a
        note chosen or left counts)."""
        self.addButton.setEnabled(valid)
        # no note: the (disabled) button, the amount's line says what to do
        shown = self._add_holder if valid or self.note is None else self.staleLabel
        self.results.foot.setCurrentWidget(shown)
        if valid != self._valid:
            self._valid = valid
            self.validityChanged.emit(valid)

    def _build_inputs(self) -> QFrame:
        frame, grid = card("Purchase")
        self.amountEdit = MoneyEdit()
        self.amountEdit.setObjectName("amountEdit")
        self.settleDateEdit = SettleDateEdit()
        self.settleDateEdit.setObjectName("settleDateEdit")
        self.priceEdit = PercentEdit()
        self.priceEdit.setObjectName("priceEdit")
        self.hints: dict[str, QLabel] = {}
        edits: list[tuple[str, str, QLineEdit]] = [
            ("amount", "&Amount ($)", self.amountEdit),
            ("settle", "&Settle date", self.settleDateEdit),
            ("price", "&Price (% of par)", self.priceEdit),
        ]
        for i, (field, caption, edit) in enumerate(edits):
            label = QLabel(caption)
            label.setObjectName("caption")
            label.setBuddy(edit)
            edit.setMinimumWidth(130)
            self.hints[field] = hint = _hint_label(f"{field}Hint")
            grid.addWidget(label, 2 * i, 0)
            grid.addWidget(edit, 2 * i, 1)
            grid.addWidget(hint, 2 * i + 1, 0, 1, 2)
            edit.textChanged.connect(self.recalculate)
            edit.textEdited.connect(lambda _text, f=field: self._notes.pop(f, None))
        self.yield_input = YieldInput()
        self.yieldEdit = self.yield_input.edit
        label = QLabel("&Yield (%)")
        label.setObjectName("caption")
        label.setBuddy(self.yieldEdit)
        self.yieldHint = _hint_label("yieldHint")
        grid.addWidget(label, 6, 0)
        grid.addWidget(self.yield_input, 6, 1)
        grid.addWidget(self.yieldHint, 7, 0, 1, 2)
        self.yield_input.priceWanted.connect(self._price_from_yield)
        self.yield_input.problem.connect(self._yield_problem)
        self.amountEdit.editingFinished.connect(self._tidy_amount)
        return frame

    # -- note selection ------------------------------------------------------------------
    def set_note(
        self, offering: Offering, note: Note, preset: Preset | None = None, saved: Saved | None = None
    ) -> None:
        """Show ``note`` with the contract's defaults, or the inputs last left for it (``saved``),
        then the amount and settle date typed on the note shown until now where ``note`` takes
        them, then the preset texts (which win)."""
        typed = self._typed()
        self.offering, self.note = offering, note
        defaults, missing = _defaults(offering, note)
        self._defaults = defaults
        self._last_purchase, self.current = None, None
        self.amountEdit.step, self.amountEdit.minimum = defaults.increment, defaults.minimum
        last = note.maturity_date - timedelta(days=1)
        self.settleDateEdit.setDateRange(_qdate(note.issue_date or defaults.settle_date), _qdate(last))
        self.setEnabled(True)
        self._notes = {"settle": missing} if missing else {}
        with _quiet(self.amountEdit, self.priceEdit, self.settleDateEdit):
            self.amountEdit.setText(money_text(defaults.amount))
            self.priceEdit.setText(f"{defaults.price_pct:.3f}")
            self.settleDateEdit.set_value(defaults.settle_date)
            if saved is not None:
                self._apply_saved(saved)
            self._carry(offering, note, defaults, *typed)
            if preset is not None:
                self._apply_preset(preset)
        self.results.clear()
        self.recalculate()

    def clear(self) -> None:
        """No note chosen: empty fields, no figures, and what to do."""
        self.offering = self.note = self.current = self._defaults = self._last_purchase = None
        with _quiet(self.amountEdit, self.priceEdit, self.settleDateEdit):
            for edit in (self.amountEdit, self.priceEdit, self.settleDateEdit):
                edit.clear()
        self.yield_input.clear()
        self._notes = {}
        self._show_hints({})
        self.results.clear()
        self.results.set_stale(False)
        self.staleLabel.setText("")
        self.hints["amount"].setText(NO_NOTE)  # the first field's line says what to do
        self.errors, self.stale = {}, False
        self.setProperty("stale", False)
        self._set_valid(False)
        self.setEnabled(False)

    def _typed(self) -> tuple[Decimal | None, date | None]:
        """The amount and settle date of the valid purchase on screen that differ from its note's
        defaults (what the user typed), to carry to the next note."""
        q, defaults = self.current, self._defaults
        if q is None or self.stale or defaults is None:
            return None, None
        p = q.purchase
        return (
            p.amount if p.amount != defaults.amount else None,
            p.settle_date if p.settle_date != defaults.settle_date else None,
        )

    def _carry(
        self, offering: Offering, note: Note, defaults: Purchase, amount: Decimal | None, settle: date | None
    ) -> None:
        carried = carry_over(offering, note, defaults, amount, settle)
        if carried.amount is not None:
            self.amountEdit.setText(money_text(carried.amount))
        if carried.settle is not None:
            self.settleDateEdit.set_value(carried.settle)
            self._notes.pop("settle", None)  # a rate sheet's "enter the settle date": entered
        self._notes.update(carried.notes)

    def _apply_saved(self, saved: Saved) -> None:
        self.amountEdit.setText(saved.amount)
        self.priceEdit.setText(saved.price)
        self.settleDateEdit.set_value(saved.settle)

    def _apply_preset(self, preset: Preset) -> None:
        from app.domain.dates import parse_date

        if preset.amount:
            self.amountEdit.setText(preset.amount.strip())
        if preset.price:
            self.priceEdit.setText(preset.price.strip().rstrip("%").strip())
        if preset.settle:
            try:
                self.settleDateEdit.set_value(parse_date(preset.settle, "settle date"))
            except InputError as err:
                self._notes["settle"] = f"{err.message}; showing the offering's settle date"

    def _price_from_yield(self, price: str, said: str) -> None:
        self._yield_note(f"Price {price}% gives this yield {said}", "")
        self.priceEdit.setText(price)

    def _yield_problem(self, message: str) -> None:
        self._yield_note(message, "error")

    def _yield_note(self, text: str, level: str) -> None:
        self.yieldHint.setText(text)
        repolish(self.yieldHint, "level", level)
        repolish(self.yieldEdit, "invalid", level == "error")

    def _tidy_amount(self) -> None:
        """On leaving the field, show a valid amount as ``25,000`` (no recalculation needed)."""
        try:
            value = parse_amount(self.amountEdit.text())
        except InputError:
            return
        text = money_text(value)
        if text != self.amountEdit.text():
            self.amountEdit.setText(text)

    def defaults(self) -> Purchase | None:
        return self._defaults

    # -- recalculation -------------------------------------------------------------------
    def recalculate(self) -> None:
        """Quote the inputs; never raises."""
        if self.offering is None or self.note is None:
            return
        try:
            self._recalculate(self.offering, self.note)
        except Exception as err:  # a bug must not take the window down: show it at the panel
            log.exception("calculation failed")
            self._show_state({"general": f"Could not calculate: {type(err).__name__}: {err}"}, None)

    def _recalculate(self, offering: Offering, note: Note) -> None:
        errors: dict[str, str] = {}
        amount = self._parse("amount", lambda: parse_amount(self.amountEdit.text()), errors)
        price = self._parse("price", lambda: parse_percent(self.priceEdit.text()), errors)
        settle = self.settleDateEdit.value()
        if settle is None:
            errors["settle"] = settle_expected(
                note, self.settleDateEdit.problem(), self.settleDateEdit.text()
            )
        if errors:
            self._show_state(errors, None)
            return
        purchase = make_purchase(offering, note, amount, settle, price)
        if purchase == self._last_purchase and self.current is not None:
            self._show_state({}, self.current, emit=False)
            return
        try:
            result = quote(purchase)
        except InputError as err:
            errors[err.field if err.field in FIELDS else "general"] = sentence(err.message)
            self._show_state(errors, None)
            return
        except TermSheetError as err:
            self._show_state({"general": sentence(str(err))}, None)
            return
        self._last_purchase = purchase
        self._show_state({}, result)

    @staticmethod
    def _parse(field: str, fn: Any, errors: dict[str, str]) -> Any:
        try:
            return fn()
        except InputError as err:
            errors[field] = sentence(err.message)
            return None

    def _show_state(self, errors: dict[str, str], result: Quote | None, emit: bool = True) -> None:
        self.errors = errors
        self._show_hints(errors)
        stale = result is None
        if result is not None:
            self.current = result
            self._show_quote(result)
        self.staleLabel.setText(self._stale_text(errors) if stale else "")
        if stale != self.stale:
            self.stale = stale
            self.setProperty("stale", stale)  # for readers outside; the look is the rows'
            self.results.set_stale(stale and self.current is not None)
            if stale:
                self.yield_input.forget()
        if result is not None and emit:
            self.quoteChanged.emit(result)
        self._set_valid(not stale)

    def _stale_text(self, errors: dict[str, str]) -> str:
        general = errors.get("general")
        if self.current is None:
            return general or "Enter a valid purchase to see its cost."
        stale = "The figures are those of the last valid purchase (stale)."
        return f"{general} {stale}" if general else stale

    # -- field hints ---------------------------------------------------------------------
    def _show_hints(self, errors: dict[str, str]) -> None:
        edits = {"amount": self.amountEdit, "settle": self.settleDateEdit, "price": self.priceEdit}
        for field, edit in edits.items():
            error = errors.get(field)
            repolish(edit, "invalid", error is not None)
            edit.setToolTip(error or "")
            text, level = (error, "error") if error else self._hint(field)
            self.hints[field].setText(text)
            repolish(self.hints[field], "level", level)

    def _hint(self, field: str) -> tuple[str, str]:
        defaults, note = self._defaults, self.note
        if defaults is None or note is None:
            return "", ""
        if field in self._notes:
            return self._notes[field], "warn"
        if field == "amount":
            return amount_hint(defaults, self.amountEdit.text()), ""
        if field == "price":
            return price_hint(note, defaults), ""
        settle = self.settleDateEdit.value()
        return settle_hint(settle, defaults.settle_date) if settle else ("", "")

    # -- results -------------------------------------------------------------------------
    def _show_quote(self, q: Quote) -> None:
        self.yield_input.show_quote(q)
        if not self.yieldEdit.hasFocus():
            self._yield_note("Type a yield to get its price", "")
        self.results.show(q)


@contextmanager
def _quiet(*widgets: QWidget) -> Iterator[None]:
    """Block the signals of ``widgets`` for a block of code."""
    for w in widgets:
        w.blockSignals(True)
    try:
        yield
    finally:
        for w in widgets:
            w.blockSignals(False)


def _hint_label(name: str) -> QLabel:
    hint = QLabel("")
    hint.setObjectName(name)
    hint.setProperty("role", "hint")
    hint.setWordWrap(True)
    return hint


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)
