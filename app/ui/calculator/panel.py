"""The purchase calculator: amount, settle date and price in; the domain's ``Quote`` out.

Every edit recalculates at once. Invalid input shows the reason at its field and keeps the last
valid results on screen, marked stale; nothing here raises or computes finance itself.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any, Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.domain.errors import InputError, TermSheetError
from app.domain.model import Note, Offering, Purchase, Quote
from app.domain.money import format_usd, parse_amount, parse_percent
from app.domain.quote import make_purchase, quote
from app.present.rows import fmt_date, fmt_rate, settle_flag
from app.present.terms import first_coupon_text
from app.ui.calculator.yield_input import YieldInput
from app.ui.common import MoneyEdit, PercentEdit, ResultRow, SettleDateEdit, card, money_text, repolish

log = logging.getLogger("termsheet.ui")
FIELDS = ("amount", "settle", "price")


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

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calculator")
        self.offering: Offering | None = None
        self.note: Note | None = None
        self.current: Quote | None = None
        self._last_purchase: Purchase | None = None
        self._defaults: Purchase | None = None
        self.errors: dict[str, str] = {}
        self._settle_note = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        # cost beside the yields (what the price buys), the income under them: on a 1366×768
        # screen the purchase, its cost and its yields show without scrolling
        layout.addWidget(self._build_inputs())
        row = QHBoxLayout()
        row.setSpacing(8)
        cost = self._build_cost()
        row.addWidget(cost, 1)
        row.addWidget(self._build_yields(), 1)
        layout.addLayout(row)
        self._essential = (layout.itemAt(0).widget(), cost, self.yields_card)
        layout.addWidget(self._build_income())
        layout.addStretch(1)
        self.setEnabled(False)
        self._hold_heights()

    def _hold_heights(self) -> None:
        """Keep room for the texts that come and go as inputs turn valid or invalid (the amount's
        two-line error, the stale note, the detail lines), so the cards do not move under the
        advisor's typing: a move re-lays the column out and repaints all of it (~6 ms a key)."""
        held = [(self.hints["amount"], 2), (self.staleLabel, 2)]  # the cost card is half a column wide
        held += [(row.detail, 1) for row in vars(self).values() if isinstance(row, ResultRow) and row.detail]
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
    def _build_inputs(self) -> QFrame:
        frame, grid = card("Purchase")
        self.amountEdit = MoneyEdit()
        self.amountEdit.setObjectName("amountEdit")
        self.settleDateEdit = SettleDateEdit()
        self.settleDateEdit.setObjectName("settleDateEdit")
        self.priceEdit = PercentEdit()
        self.priceEdit.setObjectName("priceEdit")
        self.hints: dict[str, QLabel] = {}
        edits: list[tuple[str, str, QWidget]] = [
            ("amount", "&Amount ($)", self.amountEdit),
            ("settle", "&Settle date", self.settleDateEdit),
            ("price", "&Price (% of par)", self.priceEdit),
        ]
        for i, (field, caption, edit) in enumerate(edits):
            label = QLabel(caption)
            label.setObjectName("caption")
            label.setBuddy(edit)
            edit.setMinimumWidth(130)
            hint = QLabel("")
            hint.setObjectName(f"{field}Hint")
            hint.setProperty("role", "hint")
            hint.setWordWrap(True)
            self.hints[field] = hint
            grid.addWidget(label, 2 * i, 0)
            grid.addWidget(edit, 2 * i, 1)
            grid.addWidget(hint, 2 * i + 1, 0, 1, 2)
        self.yield_input = YieldInput()
        self.yieldEdit = self.yield_input.edit
        label = QLabel("&Yield (%)")
        label.setObjectName("caption")
        label.setBuddy(self.yieldEdit)
        self.yieldHint = QLabel("Type a yield to get its price")
        self.yieldHint.setObjectName("yieldHint")
        self.yieldHint.setProperty("role", "hint")
        self.yieldHint.setWordWrap(True)
        grid.addWidget(label, 6, 0)
        grid.addWidget(self.yield_input, 6, 1)
        grid.addWidget(self.yieldHint, 7, 0, 1, 2)
        self.yield_input.priceWanted.connect(self._price_from_yield)
        self.yield_input.problem.connect(self._yield_problem)
        self.amountEdit.textChanged.connect(self.recalculate)
        self.priceEdit.textChanged.connect(self.recalculate)
        self.settleDateEdit.dateChanged.connect(self.recalculate)
        self.amountEdit.editingFinished.connect(self._tidy_amount)
        return frame

    def _build_cost(self) -> QFrame:
        frame, grid = card("Cost")
        self.principal = ResultRow(grid, 0, "Principal", "principalValue")
        self.accrued = ResultRow(grid, 1, "Accrued interest", "accruedInterestValue", detail=True)
        self.total = ResultRow(grid, 3, "Total cost", "totalCostValue", big=True)
        self.concession = ResultRow(grid, 4, "Concession", "concessionValue")
        self.staleLabel = QLabel("")
        self.staleLabel.setObjectName("staleLabel")
        self.staleLabel.setWordWrap(True)
        grid.addWidget(self.staleLabel, 5, 0, 1, 2)
        return frame

    def _build_income(self) -> QFrame:
        frame, grid = card("Income")
        self.annual = ResultRow(grid, 0, "Annual income", "annualIncomeValue")
        self.next_coupon = ResultRow(grid, 1, "Next coupon", "nextCouponValue", detail=True)
        self.coupons_left = ResultRow(grid, 3, "Coupons to maturity", "couponCountValue")
        self.survivor = ResultRow(grid, 4, "Survivor's option", "survivorValue", detail=True)
        self.first_check = QLabel("")
        self.first_check.setObjectName("firstCouponCheck")
        self.first_check.setWordWrap(True)
        grid.addWidget(self.first_check, 6, 0, 1, 2)
        return frame

    def _build_yields(self) -> QFrame:
        frame, grid = card("Yields")
        self.yields_card = frame
        self.ytm = ResultRow(grid, 0, "To maturity", "ytmValue")
        self.ytw = ResultRow(grid, 1, "To worst", "ytwValue", detail=True)
        self.current_yield = ResultRow(grid, 3, "Current", "currentYieldValue")
        self.bey = ResultRow(grid, 4, "Bond-equivalent", "beyValue")
        return frame

    # -- note selection ------------------------------------------------------------------
    def set_note(
        self, offering: Offering, note: Note, preset: Preset | None = None, saved: Saved | None = None
    ) -> None:
        """Show ``note`` with the contract's defaults, or the inputs last left for it (``saved``),
        or the preset texts (which win)."""
        self.offering, self.note = offering, note
        self._defaults, missing = _defaults(offering, note)
        self._last_purchase = None
        self.amountEdit.step = self._defaults.increment
        self.amountEdit.minimum = self._defaults.minimum
        self.setEnabled(True)
        edits = (self.amountEdit, self.priceEdit, self.settleDateEdit)
        for w in edits:
            w.blockSignals(True)
        self._settle_note = missing
        self.amountEdit.setText(money_text(self._defaults.amount))
        self.priceEdit.setText(f"{self._defaults.price_pct:.3f}")
        self.settleDateEdit.set_value(self._defaults.settle_date)
        if saved is not None:
            self._apply_saved(saved)
        if preset is not None:
            self._apply_preset(preset)
        for w in edits:
            w.blockSignals(False)
        self.recalculate()

    def _apply_saved(self, saved: Saved) -> None:
        self.amountEdit.setText(saved.amount)
        self.priceEdit.setText(saved.price)
        low, high = self.settleDateEdit.minimumDate().toPython(), self.settleDateEdit.maximumDate().toPython()
        if low <= saved.settle <= high:  # type: ignore[operator]
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
                self._settle_note = f"{err.message}; showing the offering's settle date"

    def _price_from_yield(self, price: str) -> None:
        self._yield_note(f"Price {price}% gives this yield", "")
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
            errors[err.field if err.field in FIELDS else "general"] = _sentence(err.message)
            self._show_state(errors, None)
            return
        except TermSheetError as err:
            self._show_state({"general": _sentence(str(err))}, None)
            return
        self._last_purchase = purchase
        self._show_state({}, result)

    @staticmethod
    def _parse(field: str, fn: Any, errors: dict[str, str]) -> Any:
        try:
            return fn()
        except InputError as err:
            errors[field] = _sentence(err.message)
            return None

    def _show_state(self, errors: dict[str, str], result: Quote | None, emit: bool = True) -> None:
        self.errors = errors
        self._show_hints(errors)
        stale = result is None
        was_valid = self.current is not None and not self.property("stale")
        if result is not None:
            self.current = result
            self._show_quote(result)
        self.staleLabel.setText(self._stale_text(errors) if stale else "")
        repolish(self, "stale", stale)
        if result is not None and emit:
            self.quoteChanged.emit(result)
        if was_valid == stale:
            self.validityChanged.emit(not stale)

    def _stale_text(self, errors: dict[str, str]) -> str:
        general = errors.get("general")
        if self.current is None:
            return general or "Enter a valid purchase to see its cost."
        return (general + " " if general else "") + "Showing the last valid results (stale)."

    # -- field hints ---------------------------------------------------------------------
    def _show_hints(self, errors: dict[str, str]) -> None:
        defaults = self._defaults
        for field in FIELDS:
            edit = {"amount": self.amountEdit, "settle": self.settleDateEdit, "price": self.priceEdit}[field]
            error = errors.get(field)
            repolish(edit, "invalid", error is not None)
            hint = self.hints[field]
            repolish(hint, "level", "error" if error else "")
            edit.setToolTip(error or "")
            if error:
                hint.setText(error)
            elif defaults is not None:
                text, level = self._hint(field, defaults)
                hint.setText(text)
                repolish(hint, "level", level)

    def _hint(self, field: str, defaults: Purchase) -> tuple[str, str]:
        if field == "amount":
            return (
                f"Minimum {format_usd(defaults.minimum)}, in multiples of {format_usd(defaults.increment)}",
                "",
            )
        if field == "price":
            note = self.note
            conc = f" · concession {fmt_rate(note.concession_pct)}" if note and note.concession_pct else ""
            return f"Selling price {fmt_rate(defaults.price_pct)}{conc}", ""
        return self._settle_hint(self.settleDateEdit.value(), defaults)

    def _settle_hint(self, d: date, defaults: Purchase) -> tuple[str, str]:
        if self._settle_note:
            return self._settle_note, "warn"
        reason = settle_flag(d)
        if reason:
            return f"⚠ {d:%A}: {reason} — not a New York banking day", "warn"
        if d == defaults.settle_date:
            return f"{d:%A} · the offering's settle date (settles flat)", ""
        return f"{d:%A} · New York banking day", ""

    # -- results -------------------------------------------------------------------------
    def _show_quote(self, q: Quote) -> None:
        p = q.purchase
        self.yield_input.show_quote(q)
        if not self.yieldEdit.hasFocus():
            self._yield_note("Type a yield to get its price", "")
        self.principal.set(format_usd(q.principal), tip=f"{money_text(p.amount)} × {p.price_pct}%")
        period = f"{fmt_date(q.accrual_start)} → {fmt_date(p.settle_date)}"
        self.accrued.set(
            format_usd(q.accrued_interest),
            f"{q.accrued_days} days · {period}",
            f"30/360 days from the start of the accrual period to settle: {period}",
        )
        self.total.set(format_usd(q.total))
        conc = q.purchase.note.concession_pct
        self.concession.set(
            format_usd(q.concession), tip=f"Gross concession {fmt_rate(conc)}" if conc is not None else ""
        )
        rate = q.coupons[0].rate_pct if q.coupons else None
        self.annual.set(format_usd(q.annual_income), tip=f"at {fmt_rate(rate)}")
        nxt = q.next_coupon
        if nxt is not None:
            self.next_coupon.set(
                format_usd(nxt.amount),
                f"paid {fmt_date(nxt.payment_date)}",
                f"Coupon {nxt.number}: {nxt.days} days",
            )
        else:
            self.next_coupon.set("—", "")
        self.coupons_left.set(str(len(q.coupons)))
        self._show_survivor(q)
        text, level = first_coupon_text(q)
        mark = {"ok": "✔ ", "bad": "✖ "}.get(level, "")
        self.first_check.setText(mark + text)
        repolish(self.first_check, "level", level)
        self._show_yields(q)

    def _show_survivor(self, q: Quote) -> None:
        """When the estate could first put the holding back, and what it would receive then."""
        note = q.purchase.note
        if not note.survivors_option:
            self.survivor.set("No" if note.survivors_option is False else "Not stated")
            return
        try:
            from app.domain import survivor

            eligible = survivor.eligibility_date(q.purchase)
            tip = f"From {fmt_date(eligible)} the estate may put the note back at 100% plus accrued"
            if eligible < note.maturity_date:
                estate = survivor.estate_amount(q.purchase, eligible)
                tip += f"; repaid that day it receives {format_usd(estate)}"
            limits = survivor.stated_limits(note)
            self.survivor.set(
                "Yes", f"eligible from {fmt_date(eligible)}", tip + (f"\nLimits: {limits}" if limits else "")
            )
        except (ImportError, TermSheetError) as err:
            self.survivor.set("Yes", tip=str(err) if isinstance(err, TermSheetError) else "")

    def _show_yields(self, q: Quote) -> None:
        y = q.yields
        if y is None:
            for row in (self.ytm, self.ytw, self.current_yield, self.bey):
                row.set("—", "", "Yields are not available for this note")
            return
        self.ytm.set(fmt_rate(y.maturity_pct))
        worst = f"to {fmt_date(y.worst_date)}" if y.worst_date else ""
        self.ytw.set(fmt_rate(y.worst_pct), worst)
        self.current_yield.set(fmt_rate(y.current_pct))
        self.bey.set(self._bey_text(q))

    @staticmethod
    def _bey_text(q: Quote) -> str:
        """The yield to maturity restated semiannually (rate sheets quote it)."""
        y = q.yields
        if y is None or y.maturity_pct is None:
            return "—"
        try:
            from app.domain.yields import bond_equivalent_yield_pct

            return fmt_rate(bond_equivalent_yield_pct(y.maturity_pct, q.purchase.note.frequency))
        except Exception:
            log.exception("bond-equivalent yield failed")
            return "—"


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:] if message else message
