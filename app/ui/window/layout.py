"""Where the panels sit: under the message strip, offerings over terms on the left, and beside
them the workspace's pages (``workspaceTabs``): *Calculator* — the calculator (scrolling) over the
call schedule, the chart over the coupon calendar —, *Compare* and *Proposal* (their pages are
filled by ``app/ui/compare`` and ``app/ui/proposal``); and the default splitter positions for a
window of a given size."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QVBoxLayout, QWidget

from app.ui.calculator import CalculatorPanel
from app.ui.common import QuietTabs, titled
from app.ui.offerings import OfferingsPanel

OFFERING_ROWS = 7  # the offerings tree shows this many rows by default (a week's supplements)
CALL_SCHEDULE_ROOM = 170  # the call schedule's title, header and five rows


__all__ = ["Layout", "titled"]


def _splitter(name: str, orientation: Qt.Orientation, *widgets: QWidget) -> QSplitter:
    split = QSplitter(orientation)
    split.setObjectName(name)
    for widget in widgets:
        split.addWidget(widget)
    split.setChildrenCollapsible(False)
    split.setHandleWidth(8)
    return split


def _page(name: str) -> QWidget:
    """An empty workspace page with a margin-less layout, for a room to fill."""
    page = QWidget()
    page.setObjectName(name)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 6, 0, 0)
    layout.setSpacing(6)
    return page


class Layout:
    """The splitters, the workspace tabs and the ``central`` widget holding the panels given."""

    CALCULATOR, COMPARE, PROPOSAL = 0, 1, 2  # the workspace's pages, in tab order
    PAGE_NAMES = ("calculator", "compare", "proposal")  # as ``--page`` names them

    def __init__(
        self,
        messages: QWidget,
        offerings: OfferingsPanel,
        terms: QWidget,
        calculator: CalculatorPanel,
        call_schedule: QWidget,
        chart: QWidget,
        coupon_calendar: QWidget,
    ) -> None:
        self.calculator = calculator
        self.offerings = offerings
        self.calc_scroll = QScrollArea()
        self.calc_scroll.setObjectName("calculatorScroll")
        self.calc_scroll.setWidget(calculator)
        self.calc_scroll.setWidgetResizable(True)
        self.calc_scroll.setFrameShape(QFrame.Shape.NoFrame)  # its minimum width: the window's, styled
        vertical, horizontal = Qt.Orientation.Vertical, Qt.Orientation.Horizontal
        self.left_split = _splitter("leftSplitter", vertical, offerings, terms)
        self.right_split = _splitter("rightSplitter", vertical, chart, coupon_calendar)
        self.middle_split = _splitter("middleSplitter", vertical, self.calc_scroll, call_schedule)
        self.middle_split.setStretchFactor(0, 0)  # a message strip shortens the call schedule,
        self.middle_split.setStretchFactor(1, 1)  # not the calculator
        self.note_split = _splitter("noteSplitter", horizontal, self.middle_split, self.right_split)
        self.note_split.setStretchFactor(0, 0)
        self.note_split.setStretchFactor(1, 1)
        self.compare_page = _page("comparePage")
        self.proposal_page = _page("proposalPage")
        self.workspace = QuietTabs()  # a page's relayout repaints that page's parts, not all
        self.workspace.setObjectName("workspaceTabs")
        self.workspace.setDocumentMode(True)
        self.workspace.addTab(self.note_split, "Calculator")
        self.workspace.addTab(self.compare_page, "Compare")
        self.workspace.addTab(self.proposal_page, "Proposal")
        self.workspace.setTabToolTip(
            self.CALCULATOR, "The selected note: its purchase, payments and calls (Ctrl+1)"
        )
        self.workspace.setTabToolTip(self.COMPARE, "Every loaded note side by side (Ctrl+2)")
        self.workspace.setTabToolTip(self.PROPOSAL, "The client's purchases together (Ctrl+3)")
        self.main_split = _splitter("mainSplitter", horizontal, self.left_split, self.workspace)
        for column, stretch in enumerate((0, 1)):
            self.main_split.setStretchFactor(column, stretch)
        self.moved_by_user = False  # a splitter dragged (``setSizes`` does not count)
        for split in self.splitters():
            split.splitterMoved.connect(self._moved)
        self.central = QWidget()
        self.central.setObjectName("central")
        layout = QVBoxLayout(self.central)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.setSpacing(6)
        layout.addWidget(messages)
        layout.addWidget(self.main_split, 1)

    def _moved(self, *_args: object) -> None:
        self.moved_by_user = True

    def splitters(self) -> tuple[QSplitter, ...]:
        return (self.main_split, self.left_split, self.note_split, self.middle_split, self.right_split)

    def apply_default_sizes(self, width: int, height: int) -> None:
        """Splitter positions for a window of this size (1366×768 laptop … 2560×1440): the
        offerings tree shows ``OFFERING_ROWS`` rows, the calculator its purchase, cost and
        yields, the call schedule at least ``CALL_SCHEDULE_ROOM``."""
        middle = self.calculator_width()
        self.calc_scroll.setMinimumWidth(middle)
        total = (self.main_split.width() if self.main_split.width() > 400 else width - 16) - 16
        left = max(300, min(440, int(total * 0.21)))
        middle = max(middle, min(520, int(total * 0.26)))
        left = max(240, min(left, total - middle - 560))  # narrow windows: the chart keeps 560
        self.main_split.setSizes([left, max(300, total - left)])
        self.note_split.setSizes([middle, max(300, total - left - middle)])
        column = self.left_split.height() if self.left_split.height() > 200 else height - 100
        offerings = max(int(column * 0.30), self.offerings.height_for_rows(OFFERING_ROWS))
        offerings = min(offerings, column // 2)
        self.left_split.setSizes([offerings, column - offerings])
        avail = self.middle_split.height() if self.middle_split.height() > 200 else height - 170
        self.middle_split.setSizes(self._calculator_split(avail))
        self.right_split.setSizes([int(height * 0.56), int(height * 0.44)])

    def _calculator_split(self, avail: int) -> list[int]:
        """The calculator's height and the call schedule's, out of ``avail`` (less the handle)."""
        avail -= self.middle_split.handleWidth()
        full = self.calculator.sizeHint().height() + 12
        if avail - full < CALL_SCHEDULE_ROOM:  # a short screen: the income may scroll
            full = min(full, max(self.calculator.essential_height() + 10, avail - CALL_SCHEDULE_ROOM))
        return [full, max(120, avail - full)]

    def fit_calculator(self) -> None:
        """Widen the calculator column if the new note's texts need it (once laid out)."""
        width = self.calculator_width()
        if width > self.calc_scroll.minimumWidth():
            self.calc_scroll.setMinimumWidth(width)

    def calculator_width(self) -> int:
        """The calculator column's narrowest width without clipping (plus a scroll bar)."""
        for widget in self.calculator.findChildren(QWidget):
            widget.ensurePolished()  # style-sheet fonts decide the label widths
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # texts just set
        layout = self.calculator.layout()
        if layout is not None:
            layout.activate()
        bar = self.calc_scroll.verticalScrollBar().sizeHint().width()
        return self.calculator.minimumSizeHint().width() + bar + 2
