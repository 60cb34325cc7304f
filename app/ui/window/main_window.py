"""The main window: offerings and terms on the left, the calculator on top, the coupon calendar
and the call chart below; menus, toolbar, drag-and-drop, recent files, saved state."""

from __future__ import annotations

import gc
import logging
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QFileSystemWatcher, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QProgressBar,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.model import Note, Offering, ParseWarning, Quote
from app.paths import sample_path
from app.present.terms import terms_groups
from app.ui.calculator.panel import CalculatorPanel
from app.ui.chart.frame import CallChart
from app.ui.common.message_area import MessageArea
from app.ui.common.resources import unstyled
from app.ui.offerings.panel import OfferingsPanel
from app.ui.offerings.tree_model import Document, TreeRows
from app.ui.tables.call_table import CallTable
from app.ui.tables.coupon_table import CouponTable
from app.ui.terms.view import TermsView
from app.ui.window import saved_state, settings
from app.ui.window.chrome import APP_NAME, build_actions, build_menus, build_toolbar
from app.ui.window.loader import LoadJob, LoadSignals, failure_message, load_one, pool
from app.ui.window.saved_state import Inputs, PurchaseMemory, SavedState

log = logging.getLogger("termsheet.ui")
LAYOUT_VERSION = "3"  # bump when the splitters change, so old positions are not applied
PURCHASE_SAVE_MS = 500  # inputs are saved this long after the last edit (and on switch/close)
SESSION_SAVE_MS = 250  # open files, current CUSIP, recent list: one write per burst of changes
TREE_ROWS_PER_TURN = 1000  # a large document's tree rows are built this many per event-loop turn
_DONE = object()
OPEN_FILTER = (
    "Offering documents (*.txt *.md *.htm *.html *.pdf *.json);;"
    "PDF (*.pdf);;EDGAR HTML (*.htm *.html);;Text (*.txt *.md);;All files (*)"
)


def _titled(title: str, body: QWidget, extra: QWidget | None = None) -> QFrame:
    frame = QFrame()
    frame.setObjectName("panel")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    head = QFrame()
    head.setObjectName("panelHeader")
    row = QHBoxLayout(head)
    row.setContentsMargins(10, 5, 6, 5)
    label = QLabel(title)
    label.setObjectName("panelTitle")
    row.addWidget(label)
    row.addStretch(1)
    if extra is not None:
        row.addWidget(extra)
    layout.addWidget(head)
    layout.addWidget(body, 1)
    return frame


class MainWindow(QMainWindow):
    """``persist`` False (screenshots, tests) leaves the saved settings untouched."""

    firstPainted = Signal()
    loadsIdle = Signal()
    # set by chrome.build_actions / build_menus
    open_action: QAction
    close_action: QAction
    sample_action: QAction
    quit_action: QAction
    copy_action: QAction
    filter_action: QAction
    amount_action: QAction
    reset_zoom_action: QAction
    about_action: QAction
    recent_menu: QMenu

    def __init__(self, calc_args: Any = None, persist: bool = True) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.persist = persist
        self._preset = calc_args
        self._pending_loads = 0
        self._painted = False
        self._default_sizes_pending = False
        self._signals = LoadSignals(self)
        self._signals.loaded.connect(self._loaded)
        self._signals.failed.connect(self._failed)
        self._signals.progress.connect(self._progress)
        self._signals.finished.connect(self._job_finished)
        self._select_after_load: str | None = None
        # documents back from the loader are shown a slice per event-loop turn (tree, note,
        # terms, chart), the paints in between: no turn holds the UI thread for long
        self._arrived: deque[Iterator[None]] = deque()  # one generator per document
        self._follow_ups: deque[Callable[[], None]] = deque()  # terms, chart of a note a load selected
        self._in_load_step = False
        self._load_timer = QTimer(self)  # owned: deleted with the window, nothing runs after
        self._load_timer.setSingleShot(True)
        self._load_timer.setInterval(0)
        self._load_timer.timeout.connect(self._load_step)
        self._selection = 0  # counts note selections: a follow-up of an older one is dropped
        self._chart_held = False  # a load's note: quotes wait for its chart turn
        self._held_quote: Quote | None = None
        self.saved = SavedState()  # what restore_state() read, with notes on what it ignored
        self._memory = PurchaseMemory()
        self._purchase_timer = QTimer(self)
        self._purchase_timer.setSingleShot(True)
        self._purchase_timer.setInterval(PURCHASE_SAVE_MS)
        self._purchase_timer.timeout.connect(self._save_purchase)
        self._session_timer = QTimer(self)
        self._session_timer.setSingleShot(True)
        self._session_timer.setInterval(SESSION_SAVE_MS)
        self._session_timer.timeout.connect(self._write_session)
        self._recent_pending: list[str] = []
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(lambda _path: self.check_sources())
        with unstyled():  # the style sheet polishes the finished panels once
            self._build_panels()
        self.calc_scroll.setMinimumWidth(self.calculator_width())  # with the sheet's fonts
        build_actions(self)
        build_menus(self)
        build_toolbar(self)
        self._build_status()
        self.setAcceptDrops(True)
        for edit in self.findChildren(QLineEdit):  # a file dropped on a field opens, not pastes
            edit.setAcceptDrops(False)
        self._central.installEventFilter(self)

    # -- layout --------------------------------------------------------------------------
    def _build_panels(self) -> None:
        self.messages = MessageArea()
        self.offerings = OfferingsPanel()
        self.terms = TermsView()
        self.terms.setAcceptDrops(False)
        self.calculator = CalculatorPanel()
        self.coupon_table = CouponTable()
        self.call_table = CallTable()
        self.chart = CallChart()
        copy_button = QToolButton()
        copy_button.setObjectName("copyTableButton")
        copy_button.setText("Copy")
        copy_button.setToolTip("Copy the coupon calendar as tab-separated text (Ctrl+Shift+C)")
        copy_button.clicked.connect(self.coupon_table.copy_all)
        self.left_split = QSplitter(Qt.Orientation.Vertical)
        self.left_split.setObjectName("leftSplitter")
        self.left_split.addWidget(self.offerings)
        self.left_split.addWidget(_titled("Terms", self.terms))
        self.calc_scroll = QScrollArea()
        self.calc_scroll.setObjectName("calculatorScroll")
        self.calc_scroll.setWidget(self.calculator)
        self.calc_scroll.setWidgetResizable(True)
        self.calc_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.calc_scroll.setMinimumWidth(self.calculator_width())
        self.right_split = QSplitter(Qt.Orientation.Vertical)
        self.right_split.setObjectName("rightSplitter")
        self.right_split.addWidget(self.chart)
        self.right_split.addWidget(_titled("Coupon calendar", self.coupon_table, copy_button))
        self.main_split = QSplitter(Qt.Orientation.Horizontal)
        self.main_split.setObjectName("mainSplitter")
        self.main_split.addWidget(self.left_split)
        self.middle_split = QSplitter(Qt.Orientation.Vertical)
        self.middle_split.setObjectName("middleSplitter")
        self.middle_split.addWidget(self.calc_scroll)
        self.middle_split.addWidget(_titled("Call schedule", self.call_table))
        self.main_split.addWidget(self.middle_split)
        self.main_split.addWidget(self.right_split)
        self.main_split.setStretchFactor(0, 0)
        self.main_split.setStretchFactor(1, 0)
        self.main_split.setStretchFactor(2, 1)
        for split in self._splitters():
            split.setChildrenCollapsible(False)
            split.setHandleWidth(8)
        central = QWidget()
        central.setObjectName("central")
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.setSpacing(6)
        layout.addWidget(self.messages)
        layout.addWidget(self.main_split, 1)
        self.setCentralWidget(central)
        self._central = central
        self.offerings.noteSelected.connect(self._note_selected)
        self.offerings.cleared.connect(self._cleared)
        self.calculator.quoteChanged.connect(self._quote_changed)
        self.calculator.amountEdit.textChanged.connect(self._inputs_edited)
        self.calculator.priceEdit.textChanged.connect(self._inputs_edited)
        self.calculator.settleDateEdit.dateChanged.connect(self._inputs_edited)
        QWidget.setTabOrder(self.offerings.tree, self.calculator.amountEdit)
        QWidget.setTabOrder(self.calculator.amountEdit, self.calculator.settleDateEdit)
        QWidget.setTabOrder(self.calculator.settleDateEdit, self.calculator.priceEdit)
        QWidget.setTabOrder(self.calculator.priceEdit, self.calculator.yieldEdit)
        QWidget.setTabOrder(self.calculator.yieldEdit, self.calculator.yield_input.basis)
        QWidget.setTabOrder(self.calculator.yield_input.basis, self.call_table)
        QWidget.setTabOrder(self.call_table, self.coupon_table)
        QWidget.setTabOrder(self.coupon_table, self.terms)

    def _splitters(self) -> tuple[QSplitter, ...]:
        return (self.main_split, self.left_split, self.middle_split, self.right_split)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._default_sizes_pending:
            self._default_sizes_pending = False
            self.apply_default_sizes(self.width(), self.height())

    def use_default_sizes(self) -> None:
        """Lay the panels out for the window's size when it is shown (no saved state)."""
        self._default_sizes_pending = True

    def apply_default_sizes(self, width: int, height: int) -> None:
        """Splitter positions for a window of this size (1366×768 laptop … 2560×1440)."""
        middle = self.calculator_width()
        self.calc_scroll.setMinimumWidth(middle)
        total = (self.main_split.width() if self.main_split.width() > 400 else width - 16) - 16
        left = max(300, min(440, int(total * 0.21)))
        middle = max(middle, min(520, int(total * 0.26)))
        left = max(240, min(left, total - middle - 560))  # narrow windows: the chart keeps 560
        self.main_split.setSizes([left, middle, max(300, total - left - middle)])
        self.left_split.setSizes([int(height * 0.30), int(height * 0.70)])
        avail = self.middle_split.height() if self.middle_split.height() > 200 else height - 140
        calc = min(self.calculator.sizeHint().height() + 12, avail - 140)
        self.middle_split.setSizes([calc, max(120, avail - calc)])
        self.right_split.setSizes([int(height * 0.56), int(height * 0.44)])

    def _fit_calculator(self) -> None:
        """Widen the calculator column if the new note's texts need it (once laid out)."""
        width = self.calculator_width()
        if width > self.calc_scroll.minimumWidth():
            self.calc_scroll.setMinimumWidth(width)

    def calculator_width(self) -> int:
        """The calculator column's narrowest width without clipping (plus a scroll bar)."""
        for widget in self.calculator.findChildren(QWidget):
            widget.ensurePolished()  # style-sheet fonts decide the label widths
        layout = self.calculator.layout()
        if layout is not None:
            layout.activate()
        bar = self.calc_scroll.verticalScrollBar().sizeHint().width()
        return self.calculator.minimumSizeHint().width() + bar + 2

    def _build_status(self) -> None:
        self.progress = QProgressBar()
        self.progress.setObjectName("loadProgress")
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().setSizeGripEnabled(False)

    # -- first paint ---------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._painted and event.type() == QEvent.Type.Paint:
            self._painted = True
            self._central.removeEventFilter(self)
            QTimer.singleShot(0, self, self._after_first_paint)
        return False

    def _after_first_paint(self) -> None:
        self.firstPainted.emit()
        QTimer.singleShot(0, self, self._create_chart)

    def _create_chart(self) -> None:
        self.chart.ensure_plot()
        # start-up objects (Qt wrappers, pyqtgraph, numpy) move out of the collector's sight:
        # no full collection walks them in the middle of an edit (a 50 ms pause otherwise)
        gc.collect()
        gc.freeze()

    # -- opening and closing documents ---------------------------------------------------
    def open_files(
        self, paths: Sequence[str], background: bool | None = None, select: str | None = None
    ) -> None:
        """Load ``paths``; PDFs and more than three files load off the UI thread."""
        paths = [str(p) for p in paths]
        if not paths:
            return
        if background is None:
            background = len(paths) > 3 or any(p.lower().endswith(".pdf") for p in paths)
        self._select_after_load = select
        if not background:
            for path in paths:
                try:
                    offering, warnings = load_one(path)
                except Exception as err:
                    self._failed(path, failure_message(path, err))
                else:
                    for _ in self._show_document(path, offering, warnings):
                        pass  # all at once: the caller waited for the file anyway
            self.flush_session()
            return
        self._pending_loads += 1
        self.progress.setRange(0, len(paths))
        self._progress(0, len(paths))
        self.progress.show()
        pool().start(LoadJob(paths, self._signals))

    def _loaded(self, path: str, offering: Offering, warnings: list[ParseWarning]) -> None:
        """A document back from the loader: shown over the next event-loop turns."""
        self._arrived.append(self._show_document(path, offering, warnings))
        self._load_timer.start()

    def _show_document(self, path: str, offering: Offering, warnings: list[ParseWarning]) -> Iterator[None]:
        """Add the document to the tree, then select its first note if none is (or the CUSIP
        asked for); each ``yield`` ends an event-loop turn when run by ``_load_step``."""
        doc = Document(path, offering, list(warnings))
        rows = TreeRows(doc)
        while not rows.build(TREE_ROWS_PER_TURN):
            yield
        self.offerings.add_document(doc, rows)
        self._watch(path)
        if warnings:
            self.messages.show_message(
                f"{doc.name}: loaded with {len(warnings)} warning(s) — see Checks in the terms.", "warning"
            )
        if self.persist and Path(path).resolve() != sample_path().resolve():
            self._recent_pending.append(path)
        self._session_changed()
        yield  # the tree is painted before the note is calculated
        if self._select_after_load and self.offerings.select_cusip(self._select_after_load):
            self._select_after_load = None
        elif self.offerings.current_note() is None:
            self.offerings.select_first(doc)

    def _load_step(self) -> None:
        """One slice of showing the loaded documents: a selected note's terms or chart first,
        else the next slice of the first document waiting."""
        self._in_load_step = True
        try:
            if self._follow_ups:
                self._follow_ups.popleft()()
            elif self._arrived:
                done = True
                try:
                    done = next(self._arrived[0], _DONE) is _DONE
                finally:  # finished, or failed (the error goes on to the hook): the next one
                    if done:
                        self._arrived.popleft()
        finally:
            self._in_load_step = False
            if self._arrived or self._follow_ups:
                self._load_timer.start()
            elif self._pending_loads == 0:
                self._loads_idle()

    def _failed(self, path: str, message: str) -> None:
        self.messages.show_message(
            f"Could not open {message}"
            if Path(path).name in message
            else f"Could not open {path}: {message}",
            "error",
        )

    def _progress(self, done: int, total: int) -> None:
        # QProgressBar.setValue repaints at once, and with it everything else a load changed:
        # with updates off it is painted with the rest, in the next paint
        self.progress.setUpdatesEnabled(False)
        self.progress.setValue(done)
        self.progress.setFormat(f"Loading {done}/{total}…")
        self.progress.setUpdatesEnabled(True)

    def _job_finished(self) -> None:
        self._pending_loads -= 1
        if self._pending_loads <= 0:
            self._pending_loads = 0
            if not (self._arrived or self._follow_ups):
                self._loads_idle()

    def _loads_idle(self) -> None:
        self.progress.hide()
        self.flush_session()
        self.loadsIdle.emit()

    def loads_pending(self) -> bool:
        """True until every document asked for is loaded and shown."""
        return self._pending_loads > 0 or bool(self._arrived or self._follow_ups)

    def open_dialog(self) -> None:
        saved = settings.settings().value("openDir")
        start = saved if isinstance(saved, str) and Path(saved).is_dir() else str(Path.home())
        paths, _ = QFileDialog.getOpenFileNames(self, "Open offering documents", start, OPEN_FILTER)
        if paths:
            if self.persist:
                settings.settings().setValue("openDir", str(Path(paths[0]).parent))
            self.open_files(paths)

    def open_sample(self) -> None:
        self.open_files([str(sample_path())])

    def close_current(self) -> None:
        doc = self.offerings.current_document()
        if doc is not None:
            self.offerings.remove_document(doc)
            if not any(d.path == doc.path for d in self.offerings.documents()):
                self._watcher.removePath(doc.path)
            self._session_changed()

    def _fill_recent(self) -> None:
        menu: QMenu = self.recent_menu
        menu.clear()
        recent = [p for p in settings.recent_files() if Path(p).is_file()]
        for i, path in enumerate(recent, start=1):
            a = menu.addAction(f"&{i % 10}  {Path(path).name}")
            a.setToolTip(path)
            a.triggered.connect(lambda _=False, p=path: self.open_files([p]))
        if not recent:
            menu.addAction("No recent files").setEnabled(False)
        menu.addSeparator()
        menu.addAction("Clear list", settings.clear_recent).setEnabled(bool(recent))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_files(paths)

    # -- selection and results -----------------------------------------------------------
    def _note_selected(self, doc: Document, note: Note) -> None:
        """Show ``note``: calculator and tables, terms, chart — at once when the user chose it;
        when a finished load did, the terms and the chart follow in turns of their own."""
        preset = self._preset if self._preset is not None else None
        self._preset = None
        self._selection += 1
        spread = self._in_load_step
        held = self._hold_chart(spread)
        self.flush_purchase()  # the inputs on screen belong to the note being left
        saved = self._memory.load(note.cusip) if self.persist and not self.saved.newer else None
        self.calculator.set_note(doc.offering, note, preset, saved)
        if held is not None and self.calculator.current is held:
            self.chart.set_quote(held)  # no quote for this note: the chart keeps the last one
        QTimer.singleShot(0, self, self._fit_calculator)
        terms = partial(self._show_terms, self._selection, doc, note, self.calculator.current)
        if spread:
            self._follow_ups.extend((terms, self._release_chart))
        else:
            terms()
        self.setWindowTitle(f"{note.cusip} — {doc.offering.issuer or doc.name} — {APP_NAME}")
        self._session_changed()

    def _show_terms(self, selection: int, doc: Document, note: Note, quote: Quote | None) -> None:
        if selection == self._selection:  # else another note (or none) is shown by now
            self.terms.set_groups(
                terms_groups(doc.offering, note, doc.warnings, quote),
                f"{note.cusip} · {doc.offering.issuer or doc.name}",
            )

    def _hold_chart(self, hold: bool) -> Quote | None:
        """Hold the chart (quotes wait for ``_release_chart``), or stop holding it: the quote
        that was waiting, if any."""
        if hold:
            self._chart_held = True
            return None
        held, self._held_quote = self._held_quote, None
        self._chart_held = False
        return held

    def _release_chart(self) -> None:
        if self._chart_held:
            held = self._hold_chart(False)
            if held is not None:
                self.chart.set_quote(held)

    def _quote_changed(self, quote: Quote) -> None:
        self.coupon_table.set_quote(quote)
        self.call_table.set_quote(quote)
        if self._chart_held:
            self._held_quote = quote  # drawn in the chart's own turn, the latest quote then
        else:
            self.chart.set_quote(quote)

    def _cleared(self) -> None:
        self._selection += 1
        self._hold_chart(False)
        self.calculator.setEnabled(False)
        self.coupon_table.set_quote(None)
        self.call_table.set_quote(None)
        self.chart.set_quote(None)
        self.terms.clear_terms()
        self.setWindowTitle(APP_NAME)

    def _focus_amount(self) -> None:
        self.calculator.amountEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.calculator.amountEdit.selectAll()

    # -- for the export hooks ------------------------------------------------------------
    def current_document(self) -> Document | None:
        return self.offerings.current_document()

    def current_offering(self) -> Offering | None:
        doc = self.offerings.current_document()
        return doc.offering if doc else None

    def current_quote(self) -> Quote | None:
        return self.calculator.current if not self.calculator.property("stale") else None

    # -- state that survives --------------------------------------------------------------
    def restore_state(self) -> bool:
        """Geometry and splitters from the last session; False when there is none (or it is
        unusable: wrong type, damaged, off every screen — each noted in ``self.saved``)."""
        self.saved = saved = SavedState.read()
        geometry = saved.geometry()
        if geometry is None:
            return False
        if not self.restoreGeometry(geometry):
            saved.note("the window geometry could not be applied")
            return False
        if saved.text("layoutVersion", "the layout version") != LAYOUT_VERSION:
            self.use_default_sizes()
            return True
        for split in self._splitters():
            state = saved.value(f"splitter/{split.objectName()}")
            if state is None:
                self.use_default_sizes()
                break
            if not isinstance(state, QByteArray) or not split.restoreState(state) or 0 in split.sizes():
                saved.note(f"the panel sizes ({split.objectName()}) are damaged")
                self.use_default_sizes()
                break
        return True

    def show_state_notes(self) -> None:
        """Say once, without blocking, which saved settings were ignored."""
        if self.saved.notes:
            self.messages.show_message(
                "Some saved settings were not used, defaults instead: " + "; ".join(self.saved.notes) + ".",
                "info",
            )
            self.saved.notes = []

    def save_state(self) -> None:
        self.flush_session()
        s = settings.settings()
        s.setValue(saved_state.FORMAT_KEY, saved_state.FORMAT)
        s.setValue("geometry", self.saveGeometry())
        s.setValue("layoutVersion", LAYOUT_VERSION)
        for split in self._splitters():
            s.setValue(f"splitter/{split.objectName()}", split.saveState())
        s.setValue("files", [d.path for d in self.offerings.documents()])
        note = self.offerings.current_note()
        if note is not None:
            s.setValue("lastCusip", note.cusip)
        s.sync()
        self.flush_purchase()

    def _session_changed(self) -> None:
        """The open documents, the current CUSIP and the recent list are written shortly after
        they change (a crash keeps the session) — once for a burst of loads, not per file."""
        if self.persist:
            self._session_timer.start()

    def flush_session(self) -> None:
        """Write the pending session changes now."""
        if self._session_timer.isActive() or self._recent_pending:
            self._session_timer.stop()
            self._write_session()

    def _write_session(self) -> None:
        recent, self._recent_pending = self._recent_pending, []
        if not self.persist or self.saved.newer:
            return
        try:
            s = settings.settings()
            s.setValue("files", [d.path for d in self.offerings.documents()])
            note = self.offerings.current_note()
            if note is not None:
                s.setValue("lastCusip", note.cusip)
            if recent:
                settings.add_recent(recent, s)
        except Exception:  # a full disk must not break loading
            log.exception("could not save the session")

    def _inputs_edited(self, *_args: object) -> None:
        if self.persist and self.calculator.note is not None:
            self._purchase_timer.start()  # restarts: one write after the edits settle

    def flush_purchase(self) -> None:
        """Write pending purchase inputs now (before switching notes, on close)."""
        if self._purchase_timer.isActive():
            self._purchase_timer.stop()
            self._save_purchase()

    def _save_purchase(self) -> None:
        note, calc = self.calculator.note, self.calculator
        if note is None or not self.persist or self.saved.newer:
            return
        try:
            inputs = Inputs(calc.amountEdit.text(), calc.settleDateEdit.value(), calc.priceEdit.text())
            self._memory.save(note.cusip, inputs)
        except Exception:  # a full disk must not break editing
            log.exception("could not save the purchase inputs")

    # -- sources on disk -----------------------------------------------------------------
    def _watch(self, path: str) -> None:
        if Path(path).is_file() and path not in self._watcher.files():
            self._watcher.addPath(path)

    def check_sources(self) -> None:
        """Mark documents whose file is gone as "source missing" (and unmark them when back).
        Called when a watched file changes and when the window is activated: one stat each."""
        for doc in self.offerings.documents():
            missing = not Path(doc.path).is_file()
            if missing != doc.missing:
                self.offerings.set_missing(doc, missing)
                if missing:
                    self.messages.show_message(
                        f"{doc.name} was moved or deleted; its terms stay as loaded.", "warning"
                    )
            if not missing:
                self._watch(doc.path)  # a file replaced by an editor's save is watched again

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.check_sources()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.persist:
            try:
                self.save_state()
            except Exception:
                log.exception("could not save the window state")
        event.accept()
        app = QApplication.instance()
        if app is not None:
            pool().clear()
