"""A client proposal, live: its positions priced one by one and every combined figure kept as
running sums, so that an edit of one position costs that position only.

Every total is the sum of the positions' own rounded figures (each exactly what ``calc`` shows
for that purchase), so the totals, the month and year sums and the payment list agree with each
position's ``calc`` to the cent. Months and years are those of the *payment date*, the day the
client receives the money (see ``holding``). A position that cannot be priced stays listed with
its error and adds nothing.

For the window: build with ``Proposal.build`` (or ``add`` one position at a time), edit with
``set_amount`` / ``set_position`` / ``remove``, and read ``totals``, ``by_month``, ``by_year``,
``month_series`` (the chart), ``cash_flows`` (a lazy sequence in date order), ``call_risk``.
``set_amount`` reprices that position only (its yields kept) and moves each sum by the
difference; the payment order is kept (an amount moves no date). Building prices every position
with its yields (50 new 30-year callable notes: about half a second): build off the UI thread and
hand the ``Proposal`` over; edits are for the UI thread (no locking).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import NamedTuple, overload

from app.domain.errors import SourceError, TermSheetError
from app.domain.holding import (
    ZERO,
    CashFlow,
    FlowKind,
    Holding,
    Position,
    Scenario,
    edited,
    price_position,
    with_amount,
)
from app.domain.ledger import CaseLedger, MonthSeries, PeriodSums, no_sums
from app.domain.model import CallDate, Offering, ParseWarning

Source = Offering | TermSheetError


@dataclass(frozen=True, slots=True)
class ProposalInputs:
    """What the advisor entered: the proposal file's content (``termsheet-proposal/1``)."""

    client: str = ""
    advisor: str = ""
    note: str = ""
    positions: tuple[Position, ...] = ()


@dataclass(frozen=True, slots=True)
class Totals:
    """The proposal's combined cost and income, over the positions that are priced.

    ``concession`` is None when any priced position's concession is unknown (the document does
    not print it); ``interest`` is every coupon to maturity."""

    positions: int
    priced: int
    face_amount: Decimal
    principal: Decimal
    accrued_interest: Decimal
    total: Decimal
    concession: Decimal | None
    annual_income: Decimal
    interest: Decimal


class CalledPosition(NamedTuple):
    """A position in the "if called first" case: called on ``call`` for ``amount``."""

    position: int
    cusip: str
    call: CallDate
    amount: Decimal
    interest_lost: Decimal


@dataclass(frozen=True, slots=True)
class CallRisk:
    """The proposal if every callable note is called at its first call date: the interest then
    received, the income at risk (interest to maturity − that) and the calls."""

    interest: Decimal
    income_at_risk: Decimal
    calls: tuple[CalledPosition, ...]


# the running figures, in this order (concession apart: it may be unknown)
_FIGURES = ("face", "principal", "accrued", "total", "annual_income", "interest", "called_interest")


class Proposal:
    """A client's positions with every combined figure, updated position by position."""

    def __init__(self, client: str = "", advisor: str = "", note: str = "") -> None:
        self.client, self.advisor, self.note = client, advisor, note
        self._holdings: list[Holding] = []
        self._figures = dict.fromkeys(_FIGURES, ZERO)
        self._concession = ZERO
        self._unknown_concessions = 0
        self._priced = 0
        self._cases = (CaseLedger(), CaseLedger())  # held to maturity, if called first
        self._order: dict[bool, list[tuple[int, int]]] = {}

    @classmethod
    def build(
        cls,
        inputs: ProposalInputs,
        sources: Mapping[str, Source],
        problems: Mapping[int, TermSheetError] | None = None,
    ) -> Proposal:
        """The proposal of ``inputs``; ``sources`` maps each position's document to its loaded
        offering or the error loading it (a document not in it is "not loaded"); ``problems``
        are positions already known to be unpriceable (a field of the file unreadable)."""
        proposal = cls(inputs.client, inputs.advisor, inputs.note)
        problems = problems or {}
        for i, position in enumerate(inputs.positions):
            source = sources.get(position.document) or _not_loaded(position.document)
            problem = problems.get(i)
            if problem is None:
                proposal.add(position, source)
            else:  # kept with its offering: an edit of the bad field prices it
                offering = source if isinstance(source, Offering) else None
                proposal._append(Holding(position, offering, error=problem))
        return proposal

    # --- positions ----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._holdings)

    @property
    def holdings(self) -> tuple[Holding, ...]:
        return tuple(self._holdings)

    def holding(self, index: int) -> Holding:
        return self._holdings[index]

    @property
    def inputs(self) -> ProposalInputs:
        """The proposal as entered (what a proposal file saves)."""
        positions = tuple(h.position for h in self._holdings)
        return ProposalInputs(self.client, self.advisor, self.note, positions)

    def add(self, position: Position, source: Source) -> Holding:
        """Append ``position``, priced in ``source`` (an offering or the error loading it);
        never raises: a position that cannot be priced is listed with its error."""
        return self._append(price_position(position, source))

    def _append(self, holding: Holding) -> Holding:
        self._holdings.append(holding)
        self._account(holding, 1)
        self._order.clear()
        return holding

    def replace(self, index: int, position: Position, source: Source) -> Holding:
        """Position ``index`` replaced (another note or document); never raises, as ``add``."""
        return self._swap(index, price_position(position, source))

    def remove(self, index: int) -> None:
        self._account(self._holdings.pop(index), -1)
        self._order.clear()

    def set_amount(self, index: int, amount: Decimal) -> Holding:
        """Position ``index`` with a new face amount: only it is repriced (its yields kept).
        ``InputError`` for an amount its note does not accept, the proposal unchanged."""
        return self._swap(index, with_amount(self._holdings[index], amount))

    def set_position(self, index: int, position: Position) -> Holding:
        """Position ``index`` edited (settle date, price, amount) in the same offering;
        ``InputError`` for a value its note does not accept, the proposal unchanged."""
        return self._swap(index, edited(self._holdings[index], position))

    def set_settle(self, index: int, settle_date: date | None) -> Holding:
        return self.set_position(index, replace(self._holdings[index].position, settle_date=settle_date))

    def set_price(self, index: int, price_pct: Decimal | None) -> Holding:
        return self.set_position(index, replace(self._holdings[index].position, price_pct=price_pct))

    def _swap(self, index: int, new: Holding) -> Holding:
        """``new`` in place of holding ``index``. When its payment dates are the old ones (an
        amount edit) each month and year moves by the difference, in one pass."""
        old = self._holdings[index]
        self._holdings[index] = new
        if _shape(old) != _shape(new) or old.quote is None:
            self._account(old, -1)
            self._account(new, 1)
            self._order.clear()
            return new
        self._add_figures(old, -1)
        self._add_figures(new, 1)
        for case, before, after in zip(
            self._cases, (old.held, old.called), (new.held, new.called), strict=True
        ):
            assert before is not None and after is not None
            case.shift(before, after)
        return new

    def _account(self, h: Holding, sign: int) -> None:
        """Add (``sign`` 1) or take away (−1) ``h``'s contribution to every running figure."""
        if h.held is None or h.called is None or not self._add_figures(h, sign):
            return
        for case, scenario in zip(self._cases, (h.held, h.called), strict=True):
            case.apply(scenario, sign)

    def _add_figures(self, h: Holding, sign: int) -> bool:
        """``_account`` for the totals alone; False for a holding not priced."""
        q, held, called = h.quote, h.held, h.called
        if q is None or held is None or called is None:
            return False
        values = (q.purchase.amount, q.principal, q.accrued_interest, q.total, q.annual_income,
                  held.interest, called.interest)  # fmt: skip
        figures = self._figures
        for name, value in zip(_FIGURES, values, strict=True):
            figures[name] += value if sign > 0 else -value
        if q.concession is None:
            self._unknown_concessions += sign
        else:
            self._concession += q.concession if sign > 0 else -q.concession
        self._priced += sign
        return True

    # --- figures ------------------------------------------------------------------------------

    @property
    def totals(self) -> Totals:
        f = self._figures
        return Totals(
            positions=len(self._holdings),
            priced=self._priced,
            face_amount=f["face"],
            principal=f["principal"],
            accrued_interest=f["accrued"],
            total=f["total"],
            concession=None if self._unknown_concessions else self._concession,
            annual_income=f["annual_income"],
            interest=f["interest"],
        )

    def by_month(self, called: bool = False) -> list[PeriodSums]:
        """Interest and principal of each month with a payment, in month order."""
        return self._cases[called].by_month()

    def by_year(self, called: bool = False) -> list[PeriodSums]:
        """Interest and principal of each year with a payment, in year order."""
        return self._cases[called].by_year()

    def by_year_both(self) -> list[tuple[int, PeriodSums, PeriodSums]]:
        """Each year with a payment in either case: (year, held to maturity, if called first),
        zero sums where a case pays nothing that year."""
        held = {r.year: r for r in self.by_year()}
        called = {r.year: r for r in self.by_year(called=True)}
        return [
            (y, held.get(y) or no_sums(y), called.get(y) or no_sums(y))
            for y in sorted(held.keys() | called.keys())
        ]

    def month_series(self, called: bool = False) -> MonthSeries | None:
        """Every month from the first payment to the last, months with no payment at zero (the
        chart's bars); None without any payment."""
        return self._cases[called].series()

    def cash_flows(self, called: bool = False) -> CashFlows:
        """Every payment of every priced position in payment-date order (on one date: position
        order, each position's coupon before its principal), held to maturity or if called
        first; a lazy sequence, read where it is shown."""
        return CashFlows(self, called)

    def principal_flows(self, called: bool = False) -> list[CashFlow]:
        """Each priced position's principal repayment (at maturity, or at its call): the chart's
        markers."""
        return [
            case.flow(len(case) - 1, h.cusip, i)
            for i, h in enumerate(self._holdings)
            if (case := h.called if called else h.held) is not None
        ]

    @property
    def call_risk(self) -> CallRisk:
        f = self._figures
        calls = tuple(
            CalledPosition(i, h.cusip, h.call, h.called.principal, h.held.interest - h.called.interest)
            for i, h in enumerate(self._holdings)
            if h.call is not None and h.held is not None and h.called is not None
        )
        return CallRisk(f["called_interest"], f["interest"] - f["called_interest"], calls)

    @property
    def warnings(self) -> tuple[ParseWarning, ...]:
        """Positions that cannot be priced (with why), positions whose concession is unknown."""
        found = []
        for i, h in enumerate(self._holdings):
            where = f"position {i + 1} ({h.cusip or 'no CUSIP'})"
            if h.error is not None:
                found.append(ParseWarning(where, f"not priced: {h.error}"))
            elif h.quote is not None and h.quote.concession is None:
                found.append(ParseWarning(where, "concession unknown: the total concession is not shown"))
        return tuple(found)

    def _flow_order(self, called: bool) -> list[tuple[int, int]]:
        order = self._order.get(called)
        if order is None:
            keyed = [
                (day, i, j)
                for i, h in enumerate(self._holdings)
                if (case := h.called if called else h.held) is not None
                for j, day in enumerate(case.payment_dates())
            ]
            keyed.sort()
            order = self._order[called] = [(i, j) for _, i, j in keyed]
        return order

    def _flow(self, called: bool, index: int) -> CashFlow:
        i, j = self._flow_order(called)[index]
        h = self._holdings[i]
        case = h.called if called else h.held
        assert case is not None
        return case.flow(j, h.cusip, i)


class CashFlows(Sequence[CashFlow]):
    """The proposal's payments in date order, built row by row as read (a table shows a few)."""

    def __init__(self, proposal: Proposal, called: bool) -> None:
        self._proposal, self._called = proposal, called

    def __len__(self) -> int:
        return len(self._proposal._flow_order(self._called))

    @overload
    def __getitem__(self, index: int) -> CashFlow: ...
    @overload
    def __getitem__(self, index: slice) -> list[CashFlow]: ...
    def __getitem__(self, index: int | slice) -> CashFlow | list[CashFlow]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        return self._proposal._flow(self._called, index)

    def __iter__(self) -> Iterator[CashFlow]:
        return (self[i] for i in range(len(self)))


def _shape(h: Holding) -> object:
    """What fixes a holding's payment dates (not its amounts): an amount edit keeps the order."""
    q = h.quote
    return None if q is None else (q.purchase.note, q.purchase.settle_date, h.call)


def _not_loaded(document: str) -> SourceError:
    return SourceError("the document is not loaded", source=document)


__all__ = [
    "CallRisk",
    "CalledPosition",
    "CashFlow",
    "CashFlows",
    "FlowKind",
    "MonthSeries",
    "PeriodSums",
    "Position",
    "Proposal",
    "ProposalInputs",
    "Scenario",
    "Totals",
]
