"""The proposal panel: the client, advisor and note; the positions (``proposalTable``) beside the
totals (``proposalTotalValue``); under them, held to maturity or if called first, the income per
month as a chart and every payment, the month sums and the year sums as tables.

The window builds it the first time the Proposal page is shown. It follows its ``ProposalDesk``:
an edit redraws the positions row, the totals, the chart and the table in view (the hidden tables
follow when shown); nothing here computes finance.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import format_usd
from app.ui.common import QuietTabs, ResultRow, card, repolish, titled
from app.ui.proposal.chart import IncomeChart
from app.ui.proposal.desk import Change, ProposalDesk
from app.ui.proposal.models import FlowsModel, PeriodsModel, PositionsModel
from app.ui.proposal.tables import PositionsTable, ReadOnlyTable

PAYMENTS, MONTHS, YEARS = 0, 1, 2  # the tabs under the chart
WIDEST = "$00,000,000.00"  # the widest total the card keeps room for
OPENING = "Opening the proposal: loading its documents and pricing its positions…"


def hold(label: QLabel, widest: str) -> None:
    """A label of fixed size, room for ``widest``: a new text repaints the label and nothing
    else (a label that may resize asks its card to lay out again on every edit)."""
    label.ensurePolished()  # the style sheet's font decides the size
    metrics = label.fontMetrics()
    label.setFixedSize(metrics.horizontalAdvance(widest) + 4, metrics.height() + 2)


def merge(pending: Change | None, change: Change) -> Change:
    """Two changes seen as one: amounts only when both were amounts."""
    if pending is None or pending is change:
        return change
    return Change.ALL if Change.ALL in (pending, change) else Change.POSITION


class ProposalPanel(QWidget):
    """The open proposal of ``desk``, shown and edited."""

    def __init__(self, desk: ProposalDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("proposalPanel")
        self.desk = desk
        self.called = False
        self._pending: Change | None = None  # changes not drawn while the panel was hidden
        self._stale: dict[int, Change] = {}  # tables not in view: what they missed
        self.positions = PositionsModel(desk, self)
        self.flows = FlowsModel(desk, self)
        self.months = PeriodsModel(desk, by_year=False, parent=self)
        self.years = PeriodsModel(desk, by_year=True, parent=self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self._build_header())
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.setObjectName("proposalSplitter")
        self.split.setChildrenCollapsible(False)
        self.split.setHandleWidth(8)
        self.split.addWidget(self._build_top())
        self.split.addWidget(self._build_bottom())
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 3)
        layout.addWidget(self.split, 1)
        desk.changed.connect(self._changed)
        desk.textsChanged.connect(self._show_texts)
        desk.stateChanged.connect(self._show_state)
        self._show_texts()
        self._show_state()
        self._changed(Change.ALL, -1)

    # -- construction ---------------------------------------------------------------------
    def _build_header(self) -> QFrame:
        frame = QFrame()
        frame.setObjectName("card")
        grid = QGridLayout(frame)
        grid.setContentsMargins(10, 6, 10, 6)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        self.clientEdit = QLineEdit()
        self.clientEdit.setObjectName("proposalClientEdit")
        self.clientEdit.setPlaceholderText("Client's name")
        self.advisorEdit = QLineEdit()
        self.advisorEdit.setObjectName("proposalAdvisorEdit")
        self.advisorEdit.setPlaceholderText("Your name")
        self.noteEdit = QPlainTextEdit()
        self.noteEdit.setObjectName("proposalNoteEdit")
        self.noteEdit.setPlaceholderText("A note for the client (printed on the PDF)")
        self.noteEdit.setTabChangesFocus(True)
        self.noteEdit.setFixedHeight(2 * self.noteEdit.fontMetrics().lineSpacing() + 14)
        for column, (caption, edit) in enumerate(
            (("&Client", self.clientEdit), ("Ad&visor", self.advisorEdit), ("&Note", self.noteEdit))
        ):
            label = QLabel(caption)
            label.setObjectName("caption")
            label.setBuddy(edit)
            grid.addWidget(label, 0, 2 * column)
            grid.addWidget(edit, 0, 2 * column + 1)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 2)
        grid.setColumnStretch(5, 5)
        self.fileLabel = QLabel()
        self.fileLabel.setObjectName("proposalFileLabel")
        self.fileLabel.setProperty("role", "hint")
        grid.addWidget(self.fileLabel, 1, 0, 1, 6)
        self.clientEdit.textEdited.connect(lambda text: self.desk.set_texts(client=text))
        self.advisorEdit.textEdited.connect(lambda text: self.desk.set_texts(advisor=text))
        self.noteEdit.textChanged.connect(lambda: self.desk.set_texts(note=self.noteEdit.toPlainText()))
        return frame

    def _build_top(self) -> QWidget:
        self.table = PositionsTable(self.positions)
        self.table.removeRequested.connect(self.remove_rows)
        self.removeButton = QToolButton()
        self.removeButton.setObjectName("removePositionButton")
        self.removeButton.setText("Remove")
        self.removeButton.setToolTip("Remove the selected positions from the proposal (Delete)")
        self.removeButton.clicked.connect(self.table.remove_selected)
        self.hint = QLabel("")
        self.hint.setObjectName("proposalHint")
        self.hint.setProperty("role", "hint")
        self.hint.setWordWrap(True)
        self.hint.setContentsMargins(10, 2, 10, 4)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.table, 1)
        column.addWidget(self.hint)
        self.positions_panel = titled("Positions", body, self.removeButton)
        row = QSplitter(Qt.Orientation.Horizontal)
        row.setObjectName("proposalTopSplitter")
        row.setChildrenCollapsible(False)
        row.setHandleWidth(8)
        row.addWidget(self.positions_panel)
        row.addWidget(self._build_totals())
        row.setStretchFactor(0, 1)
        row.setStretchFactor(1, 0)
        self.positions.refused.connect(lambda _r, _c, why: self.say(why, "error"))
        return row

    def _build_totals(self) -> QFrame:
        frame, grid = card("Totals")
        self.count = ResultRow(grid, 0, "Positions", "proposalPositionsValue", detail=True)
        self.principal = ResultRow(grid, 2, "Principal", "proposalPrincipalValue")
        self.accrued = ResultRow(grid, 3, "Accrued interest", "proposalAccruedValue")
        self.total = ResultRow(grid, 4, "Total cost", "proposalTotalValue", big=True)
        self.concession = ResultRow(grid, 5, "Concession", "proposalConcessionValue")
        self.income = ResultRow(grid, 6, "Annual income", "proposalIncomeValue")
        self.interest = ResultRow(grid, 7, "Interest to maturity", "proposalInterestValue")
        self.if_called = ResultRow(grid, 8, "If called first", "proposalCalledValue", detail=True)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row in (self.count, self.principal, self.accrued, self.total, self.concession, self.income,
                    self.interest, self.if_called):  # fmt: skip
            hold(row.value, WIDEST)
            grid.setAlignment(row.value, right)
            if row.detail is not None:
                hold(row.detail, f"income at risk {WIDEST}")
                grid.setAlignment(row.detail, right)
        return frame

    def _build_bottom(self) -> QWidget:
        self.heldButton = QPushButton("Held to maturity")
        self.heldButton.setObjectName("proposalHeldButton")
        self.calledButton = QPushButton("If called first")
        self.calledButton.setObjectName("proposalCalledButton")
        self.calledButton.setToolTip(
            "Every callable note called at its first call date it can still be called on: the "
            "interest to that date and the call price"
        )
        switch = QWidget()
        switch.setObjectName("proposalCaseSwitch")
        row = QHBoxLayout(switch)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.case_group = QButtonGroup(self)
        for i, button in enumerate((self.heldButton, self.calledButton)):
            button.setCheckable(True)
            button.setProperty("segment", "first" if i == 0 else "last")
            self.case_group.addButton(button, i)
            row.addWidget(button)
        self.heldButton.setChecked(True)
        self.case_group.idToggled.connect(lambda i, on: on and self.set_called(bool(i)))
        self.chart = IncomeChart()
        self.flows_view = ReadOnlyTable("proposalFlowTable", self.flows)
        self.months_view = ReadOnlyTable("proposalMonthTable", self.months)
        self.years_view = ReadOnlyTable("proposalYearTable", self.years)
        self.tabs = QuietTabs()
        self.tabs.setObjectName("proposalTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.flows_view, "Payments")
        self.tabs.addTab(self.months_view, "By month")
        self.tabs.addTab(self.years_view, "By year")
        self.tabs.currentChanged.connect(lambda _i: self._refresh_tables())
        tables = titled("Cash flows", self.tabs, switch)
        bar = self.flows_view.verticalScrollBar().sizeHint().width()
        tables.setMinimumWidth(self.flows_view.columns_width + bar + 4)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("proposalBottomSplitter")
        split.setChildrenCollapsible(False)
        split.setHandleWidth(8)
        split.addWidget(self.chart)
        split.addWidget(tables)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        return split

    # -- showing --------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.chart.plot is None:
            QTimer.singleShot(0, self, self.chart.ensure_plot)
        if self._pending is not None:
            change, self._pending = self._pending, None
            self._draw(change)

    def _changed(self, change: Change, row: int) -> None:
        self._show_totals()
        if self.hint.property("level") == "error" and not self.positions.invalid:
            self.say("", "")  # the refused value was replaced by a valid one
        if not self.isVisible():
            self._pending = merge(self._pending, change)
            return
        self._draw(change)

    def _draw(self, change: Change) -> None:
        for table in (PAYMENTS, MONTHS, YEARS):
            self._stale[table] = merge(self._stale.get(table), change)
        self._refresh_tables()
        self.chart.set_proposal(self.desk.proposal, self.called, new_view=change is Change.ALL)

    def _refresh_tables(self) -> None:
        """The table in view follows at once; the others when their tab is chosen."""
        current = self.tabs.currentIndex()
        change = self._stale.pop(current, None)
        if change is not None:
            (self.flows, self.months, self.years)[current].refresh(change)

    def set_called(self, called: bool) -> None:
        """Show the proposal held to maturity (False) or if every note is called first."""
        if called == self.called:
            return
        self.called = called
        button = self.calledButton if called else self.heldButton
        if not button.isChecked():
            button.setChecked(True)
        for table in (PAYMENTS, MONTHS, YEARS):
            self._stale[table] = Change.ALL
        for model in (self.flows, self.months, self.years):
            model.called = called
        self._refresh_tables()
        self.chart.set_proposal(self.desk.proposal, called, new_view=True)

    def _show_totals(self) -> None:
        p = self.desk.proposal
        t, risk = p.totals, p.call_risk
        unpriced = t.positions - t.priced
        self.count.set(str(t.positions), f"{unpriced} not priced" if unpriced else "")
        self.principal.set(format_usd(t.principal), tip=f"Face amount {format_usd(t.face_amount)}")
        self.accrued.set(format_usd(t.accrued_interest))
        self.total.set(format_usd(t.total))
        self.concession.set(
            format_usd(t.concession),
            tip=""
            if t.concession is not None or not t.priced
            else "Unknown for a note whose document does not print it",
        )
        self.income.set(format_usd(t.annual_income))
        self.interest.set(format_usd(t.interest), tip="Every coupon to maturity, held to maturity")
        self.if_called.set(
            format_usd(risk.interest),
            f"income at risk {format_usd(risk.income_at_risk)}",
            f"Interest if every callable note is called first ({len(risk.calls)} callable)",
        )

    def _show_texts(self) -> None:
        p = self.desk.proposal
        for edit, text in ((self.clientEdit, p.client), (self.advisorEdit, p.advisor)):
            if edit.text() != text:
                edit.setText(text)
        if self.noteEdit.toPlainText() != p.note:
            self.noteEdit.blockSignals(True)
            self.noteEdit.setPlainText(p.note)
            self.noteEdit.blockSignals(False)

    def _show_state(self) -> None:
        desk = self.desk
        where = str(desk.path) if desk.path is not None else "not saved yet"
        state = " — unsaved changes" if desk.dirty else ""
        self.fileLabel.setText(f"{desk.name} ({where}){state}")
        self.fileLabel.setToolTip(where)
        busy = desk.busy
        self.table.setEnabled(not busy)
        self.removeButton.setEnabled(not busy)
        if busy:
            self.say(OPENING, "")
        elif self.hint.text() == OPENING:
            self.say("", "")

    # -- commands -------------------------------------------------------------------------
    def remove_rows(self, rows: list[int]) -> None:
        removed = self.desk.remove(rows)
        if removed:
            self.say(f"Removed {removed} position{'s' if removed != 1 else ''}: {self.desk.summary()}.", "")

    def say(self, text: str, level: str) -> None:
        """A line under the positions: a refused edit (``error``) or what was done."""
        self.hint.setText(text)
        repolish(self.hint, "level", level)
