"""The main window: composes the rooms (offerings and terms on the left, the calculator over the
call schedule, the chart over the coupon calendar) and routes their signals. Where they sit is
``layout``, the menus ``chrome``, the loading turns ``load_queue``, what survives ``session``,
the files on disk ``source_watcher``."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from functools import partial
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QToolButton,
    QWidget,
)

from app.domain.model import Note, Offering, ParseWarning, Quote
from app.paths import sample_path
from app.present.terms import terms_groups
from app.ui.calculator import CalculatorPanel, Preset
from app.ui.chart import CallChart
from app.ui.common import MessageArea, Theme, theme, unstyled
from app.ui.offerings import Document, OfferingsPanel, TreeRows
from app.ui.tables import CallTable, CouponTable
from app.ui.terms import TermsView
from app.ui.window.chrome import APP_NAME, Chrome
from app.ui.window.layout import Layout, titled
from app.ui.window.load_queue import LoadQueue
from app.ui.window.loader import failure_message, load_one, pool
from app.ui.window.saved_state import Inputs
from app.ui.window.session import Session
from app.ui.window.source_watcher import SourceWatcher

log = logging.getLogger("termsheet.ui")
RELAYOUT_MS = 40  # the default panel sizes follow a window resize this long after it settles
TREE_ROWS_PER_TURN = 1000  # a large document's tree rows are built this many per event-loop turn
OPEN_FILTER = (
    "Offering documents (*.txt *.md *.htm *.html *.pdf *.json);;"
    "PDF (*.pdf);;EDGAR HTML (*.htm *.html);;Text (*.txt *.md);;All files (*)"
)


class MainWindow(QMainWindow):
    """``persist`` False (screenshots, tests) leaves the saved settings untouched."""

    firstPainted = Signal()
    loadsIdle = Signal()

    def __init__(self, preset: Preset | None = None, persist: bool = True) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.persist = persist
        self._preset = preset
        self._painted = False
        self._default_sizes_pending = False
        self._auto_layout = False  # default panel sizes follow the window's size
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(RELAYOUT_MS)
        self._relayout.timeout.connect(self._apply_default_sizes)
        self._select_after_load: str | None = None
        self._selection = 0  # counts note selections: a follow-up of an older one is dropped
        self._chart_held = False  # a load's note: quotes wait for its chart turn
        self._held_quote: Quote | None = None
        self.session = Session(self, persist, self)
        self.loads = LoadQueue(self._show_document, self)
        self.loads.signals.failed.connect(self._failed)
        self.loads.signals.progress.connect(self._progress)
        self.loads.idle.connect(self._loads_idle)
        with unstyled():  # the style sheet polishes the finished panels once
            self._build_panels()
        self.panes.calc_scroll.setMinimumWidth(self.panes.calculator_width())  # with the sheet's fonts
        self.sources = SourceWatcher(self.offerings, self.messages, self)
        self.chrome = Chrome(
            self,
            commands=self,
            host=self,
            folders=self.session.folders,
            validity=self.calculator.validityChanged,
        )
        self._build_status()
        theme.notifier().changed.connect(self._restyle)
        self.setAcceptDrops(True)
        for edit in self.findChildren(QLineEdit):  # a file dropped on a field opens, not pastes
            edit.setAcceptDrops(False)
        self.panes.central.installEventFilter(self)

    # -- composition ---------------------------------------------------------------------
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
        self.panes = Layout(
            self.messages,
            self.offerings,
            titled("Terms", self.terms),
            self.calculator,
            titled("Call schedule", self.call_table),
            self.chart,
            titled("Coupon calendar", self.coupon_table, copy_button),
        )
        self.setCentralWidget(self.panes.central)
        self.offerings.noteSelected.connect(self._note_selected)
        self.offerings.cleared.connect(self._cleared)
        self.calculator.quoteChanged.connect(self._quote_changed)
        self.calculator.amountEdit.textChanged.connect(self._inputs_edited)
        self.calculator.priceEdit.textChanged.connect(self._inputs_edited)
        self.calculator.settleDateEdit.dateChanged.connect(self._inputs_edited)
        self._tab_order()

    def _tab_order(self) -> None:
        calc = self.calculator
        chain: list[QWidget] = [self.offerings.tree, calc.amountEdit, calc.settleDateEdit, calc.priceEdit]
        chain += [calc.yieldEdit, calc.yield_input.basis, self.call_table, self.coupon_table, self.terms]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._default_sizes_pending:
            self._default_sizes_pending = False
            self.panes.apply_default_sizes(self.width(), self.height())

    def use_default_sizes(self) -> None:
        """Lay the panels out for the window's size when it is shown (no saved state), and again
        whenever it is resized (maximised) until the user moves a splitter."""
        self._default_sizes_pending = True
        if not self._auto_layout:
            self._auto_layout = True
            for split in self.panes.splitters():
                split.splitterMoved.connect(self._arranged_by_hand)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._auto_layout and self.isVisible():
            self._relayout.start()  # once the resizes of a drag or a maximise settle

    def _arranged_by_hand(self, *_args: object) -> None:
        self._auto_layout = False
        self._relayout.stop()

    def _apply_default_sizes(self) -> None:
        if self._auto_layout:
            self.panes.apply_default_sizes(self.width(), self.height())

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
            self.panes.central.removeEventFilter(self)
            QTimer.singleShot(0, self, self._after_first_paint)
        return False

    def _after_first_paint(self) -> None:
        self.firstPainted.emit()
        QTimer.singleShot(0, self, self._create_chart)

    def _create_chart(self) -> None:
        self.chart.ensure_plot()  # its ``ready`` moves the start-up objects out of gc's sight

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
            self.session.flush()
            return
        self.progress.setRange(0, len(paths))
        self._progress(0, len(paths))
        self.progress.show()
        self.loads.start(paths)

    def _show_document(self, path: str, offering: Offering, warnings: list[ParseWarning]) -> Iterator[None]:
        """Add the document to the tree, then select its first note if none is (or the CUSIP
        asked for); each ``yield`` ends an event-loop turn when run by the ``LoadQueue``."""
        doc = Document(path, offering, list(warnings))
        rows = TreeRows(doc)
        while not rows.build(TREE_ROWS_PER_TURN):
            yield
        self.offerings.add_document(doc, rows)
        self.sources.watch(path)
        if warnings:
            self.messages.show_message(
                f"{doc.name}: loaded with {len(warnings)} warning(s) — see Checks in the terms.", "warning"
            )
        self.session.opened(path)
        yield  # the tree is painted before the note is calculated
        if self._select_after_load and self.offerings.select_cusip(self._select_after_load):
            self._select_after_load = None
        elif self.offerings.current_note() is None:
            self.offerings.select_first(doc)

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

    def _loads_idle(self) -> None:
        self.progress.hide()
        self.session.flush()
        self.loadsIdle.emit()

    def loads_pending(self) -> bool:
        """True until every document asked for is loaded and shown."""
        return self.loads.pending()

    # -- commands (menus, toolbar, shortcuts) --------------------------------------------
    def open_dialog(self) -> None:
        start = self.session.folders.open_dir()
        paths, _ = QFileDialog.getOpenFileNames(self, "Open offering documents", start, OPEN_FILTER)
        if paths:
            self.session.folders.remember_open_dir(Path(paths[0]).parent)
            self.open_files(paths)

    def open_sample(self) -> None:
        self.open_files([str(sample_path())])

    def close_current(self) -> None:
        doc = self.offerings.current_document()
        if doc is not None:
            self.offerings.remove_document(doc)
            self.sources.forget(doc.path)
            self.session.changed()

    def copy_table(self) -> None:
        self.coupon_table.copy_all()

    def focus_filter(self) -> None:
        self.offerings.focus_filter()

    def focus_amount(self) -> None:
        self.show_page(self.panes.CALCULATOR)
        self.calculator.amountEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.calculator.amountEdit.selectAll()

    def show_page(self, page: int) -> None:
        """Bring a workspace page forward (``Layout.CALCULATOR``, ``COMPARE``, ``PROPOSAL``)."""
        self.panes.workspace.setCurrentIndex(page)

    def reset_zoom(self) -> None:
        self.chart.reset_zoom()

    def _restyle(self) -> None:
        self.chrome.restyle()

    def set_theme(self, choice: Theme) -> None:
        """View ▸ Theme: light, dark, or the desktop's; kept for the next start."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, choice)
        self.session.save_theme(choice)

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
        preset, self._preset = self._preset, None
        self._selection += 1
        spread = self.loads.in_step
        held = self._hold_chart(spread)
        self.session.flush_purchase()  # the inputs on screen belong to the note being left
        saved = self.session.saved_inputs(note.cusip)
        self.calculator.set_note(doc.offering, note, preset, saved)
        if held is not None and self.calculator.current is held:
            self.chart.set_quote(held)  # no quote for this note: the chart keeps the last one
        QTimer.singleShot(0, self, self.panes.fit_calculator)
        terms = partial(self._show_terms, self._selection, doc, note, self.calculator.current)
        if spread:
            self.loads.follow_up(terms, self._release_chart)
        else:
            terms()
        self.setWindowTitle(f"{note.cusip} — {doc.offering.issuer or doc.name} — {APP_NAME}")
        self.session.changed()

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

    def _inputs_edited(self, *_args: object) -> None:
        if self.calculator.note is not None:
            self.session.inputs_edited()

    # -- what the exports and the session read -------------------------------------------
    def current_document(self) -> Document | None:
        return self.offerings.current_document()

    def current_offering(self) -> Offering | None:
        doc = self.offerings.current_document()
        return doc.offering if doc else None

    def current_quote(self) -> Quote | None:
        return self.calculator.current if not self.calculator.property("stale") else None

    def open_paths(self) -> list[str]:
        return [d.path for d in self.offerings.documents()]

    def current_cusip(self) -> str | None:
        note = self.offerings.current_note()
        return note.cusip if note is not None else None

    def purchase_inputs(self) -> tuple[str, Inputs] | None:
        calc = self.calculator
        if calc.note is None:
            return None
        return calc.note.cusip, Inputs(
            calc.amountEdit.text(), calc.settleDateEdit.value(), calc.priceEdit.text()
        )

    # -- state that survives --------------------------------------------------------------
    def restore_state(self) -> bool:
        """Geometry and splitters from the last session; False when there is none (or it is
        unusable: each reason noted in ``session.saved``)."""
        self.session.read()
        restored, sized = self.session.restore_layout(self, self.panes.splitters())
        if restored and not sized:
            self.use_default_sizes()
        return restored

    def show_state_notes(self) -> None:
        """Say once, without blocking, which saved settings were ignored."""
        saved = self.session.saved
        if saved.notes:
            self.messages.show_message(
                "Some saved settings were not used, defaults instead: " + "; ".join(saved.notes) + ".",
                "info",
            )
            saved.notes = []

    def save_state(self) -> None:
        self.session.save(self, self.panes.splitters())

    def check_sources(self) -> None:
        self.sources.check()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.sources.check()

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
