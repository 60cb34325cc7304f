"""The calculator's result cards (cost, income, yields): the figures of one ``Quote``, greyed and
struck through while they are stale (the inputs on screen are not theirs), or cleared."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QStackedWidget

from app.domain.model import Quote
from app.domain.money import format_usd
from app.present.figures import bond_equivalent_figure, first_coupon_line, survivor_figure, worst_figure
from app.present.rows import fmt_date, fmt_rate
from app.ui.common import ResultRow, card, money_text, repolish


class Results:
    """The cards (``cost``, ``income``, ``yields``) and their rows, by the object names the
    contract and the tests read (``accruedInterestValue``, ``totalCostValue`` …)."""

    def __init__(self) -> None:
        self.stale = False
        self.cost = self._build_cost()
        self.income = self._build_income()
        self.yields = self._build_yields()
        self.rows = [row for row in vars(self).values() if isinstance(row, ResultRow)]

    def _build_cost(self) -> QFrame:
        frame, grid = card("Cost")
        self.principal = ResultRow(grid, 0, "Principal", "principalValue")
        self.accrued = ResultRow(grid, 1, "Accrued interest", "accruedInterestValue", detail=True)
        self.total = ResultRow(grid, 3, "Total cost", "totalCostValue", big=True)
        self.concession = ResultRow(grid, 4, "Concession", "concessionValue")
        self.stale_label = QLabel("")
        self.stale_label.setObjectName("staleLabel")
        self.stale_label.setWordWrap(True)
        # the stale note and the panel's "Add to proposal" button take turns in the last row (the
        # button is of no use while the figures are stale): a short laptop screen keeps the call
        # schedule, and the turns change no size (no re-layout under the advisor's typing)
        self.foot = QStackedWidget()
        self.foot.addWidget(self.stale_label)
        grid.addWidget(self.foot, 5, 0, 1, 2)
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
        self.ytm = ResultRow(grid, 0, "To maturity", "ytmValue")
        self.ytw = ResultRow(grid, 1, "To worst", "ytwValue", detail=True)
        self.current_yield = ResultRow(grid, 3, "Current", "currentYieldValue")
        self.bey = ResultRow(grid, 4, "Bond-equivalent", "beyValue")
        return frame

    # -- state ---------------------------------------------------------------------------
    def set_stale(self, stale: bool) -> None:
        """Grey and strike every figure (or restore them): once per change, not per key."""
        if stale == self.stale:
            return
        self.stale = stale
        for row in self.rows:
            row.set_stale(stale)

    def clear(self) -> None:
        """No note: a dash in every row."""
        for row in self.rows:
            row.set("—")
        self.first_check.setText("")
        repolish(self.first_check, "level", "")

    # -- a quote -------------------------------------------------------------------------
    def show(self, q: Quote) -> None:
        p = q.purchase
        self.principal.set(format_usd(q.principal), tip=f"{money_text(p.amount)} × {p.price_pct}%")
        period = f"{fmt_date(q.accrual_start)} → {fmt_date(p.settle_date)}"
        self.accrued.set(
            format_usd(q.accrued_interest),
            f"{q.accrued_days} days · {period}",
            f"30/360 days from the start of the accrual period to settle: {period}",
        )
        self.total.set(format_usd(q.total))
        conc = p.note.concession_pct
        self.concession.set(
            format_usd(q.concession), tip=f"Gross concession {fmt_rate(conc)}" if conc is not None else ""
        )
        self._show_income(q)
        self._show_yields(q)

    def _show_income(self, q: Quote) -> None:
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
        self.survivor.set(*survivor_figure(q))
        text, level = first_coupon_line(q)
        self.first_check.setText(text)
        repolish(self.first_check, "level", level)

    def _show_yields(self, q: Quote) -> None:
        y = q.yields
        if y is None:
            for row in (self.ytm, self.ytw, self.current_yield, self.bey):
                row.set("—", "", "Yields are not available for this note")
            return
        self.ytm.set(fmt_rate(y.maturity_pct))
        self.ytw.set(*worst_figure(y))
        self.current_yield.set(fmt_rate(y.current_pct))
        self.bey.set(*bond_equivalent_figure(y))
