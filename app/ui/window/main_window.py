"""The main window: composes the rooms (offerings and terms on the left, the calculator over the
call schedule, the chart over the coupon calendar) and routes their signals. Where they sit is
``layout``, the menus ``chrome``, the loading turns ``load_queue``, what survives ``session``,
the files on disk ``source_watcher``, the Compare page (built when first shown) ``compare_page``;
the proposal's menu items and page ``ProposalActions``."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

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

from app.domain.holding import Position
from app.domain.model import WORST_CALLS_UNKNOWN, Note, Offering, ParseWarning, Quote
from app.paths import sample_path
from app.present.terms import terms_groups
from app.ui.calculator import CalculatorPanel, Preset
from app.ui.chart import CallChart
from app.ui.common import MessageArea, Theme, stale_note, theme, unstyled
from app.ui.offerings import Document, OfferingsPanel, TreeRows
from app.ui.proposal import ProposalActions, document_key
from app.ui.tables import CallTable, CouponTable
from app.ui.terms import TermsView
from app.ui.window.chrome import APP_NAME, Chrome
from app.ui.window.compare_page import ComparePage
from app.ui.window.layout import Layout, titled
from app.ui.window.load_queue import LoadQueue
from app.ui.window.loader import Batch, absolute
from app.ui.window.saved_state import Inputs
from app.ui.window.session import Session
from app.ui.window.source_watcher import SourceWatcher

if TYPE_CHECKING:  # the compare page is built the first time it is shown
    from app.ui.compare import ComparePanel

log = logging.getLogger("termsheet.ui")
CALLS_UNKNOWN_NOTE = "calls unknown: worst = maturity"
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
    documentShown = Signal(str, object)  # a document loaded and shown: its path, its Offering
    documentFailed = Signal(str, str)  # a document that could not be loaded: its path, why

    def __init__(self, preset: Preset | None = None, persist: bool = True) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.persist = persist
        self._preset = preset
        self._painted = False
        self._default_sizes_pending = False
        self._default_sizes_for_note = False
        self._after_paint: list[Callable[[], None]] | None = []  # None once they ran
        self._auto_layout = False  # default panel sizes follow the window's size
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(RELAYOUT_MS)
        self._relayout.timeout.connect(self._apply_default_sizes)
        self._queued: set[str] = set()  # documents asked for and not shown (or failed) yet
        self._selection = 0  # counts note selections: a follow-up of an older one is dropped
        self._chart_held = False  # a load's note: quotes wait for its chart turn
        self._held_quote: Quote | None = None
        self.session = Session(self, persist, self)
        self.loads = LoadQueue(self._show_document, self)
        self.loads.spread = False  # until the first paint: what arrives is in it
        self.loads.failed.connect(self._failed)
        self.loads.progress.connect(self._progress)
        self.loads.idle.connect(self._loads_idle)
        with unstyled():  # the style sheet polishes the finished panels once
            self._build_panels()
        self.panes.calc_scroll.setMinimumWidth(self.panes.calculator_width())  # with the sheet's fonts
        self.sources = SourceWatcher(self.offerings, self.messages, self)
        self.proposals = ProposalActions(
            self,
            self.panes.proposal_page,
            host=self,
            folders=self.session.folders,
            recent=self.session,
        )
        self.documentShown.connect(self.proposals.document_loaded)
        self.documentFailed.connect(self.proposals.document_failed)
        self.calculator.addToProposal.connect(self.proposals.add_purchase)
        self.chrome = Chrome(
            self,
            commands=self,
            host=self,
            folders=self.session.folders,
            validity=self.calculator.validityChanged,
            proposals=self.proposals,
        )
        self._build_status()
        self._build_compare_page()
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
        self.copy_button = copy_button
        self.stale_notes = (stale_note("callStaleNote"), stale_note("couponStaleNote"))
        self.calls_unknown = stale_note("callsUnknownNote")  # the same look: a note in the header
        self.calls_unknown.setText(CALLS_UNKNOWN_NOTE)
        self.calls_unknown.setToolTip(WORST_CALLS_UNKNOWN[:1].upper() + WORST_CALLS_UNKNOWN[1:])
        self.panes = Layout(
            self.messages,
            self.offerings,
            titled("Terms", self.terms),
            self.calculator,
            titled("Call schedule", self.call_table, self.calls_unknown, self.stale_notes[0]),
            self.chart,
            titled("Coupon calendar", self.coupon_table, self.stale_notes[1], copy_button),
        )
        self.setCentralWidget(self.panes.central)
        self.offerings.noteSelected.connect(self._note_selected)
        self.offerings.cleared.connect(self._cleared)
        self.calculator.quoteChanged.connect(self._quote_changed)
        self.calculator.validityChanged.connect(self._validity_changed)
        self.calculator.amountEdit.textChanged.connect(self._inputs_edited)
        self.calculator.priceEdit.textChanged.connect(self._inputs_edited)
        self.calculator.settleDateEdit.dateChanged.connect(self._inputs_edited)
        self._tab_order()

    def _tab_order(self) -> None:
        """Tab goes from panel to panel (a table takes it once; the arrows move inside)."""
        calc, chart = self.calculator, self.chart
        chain: list[QWidget] = [self.offerings.filter_edit, self.offerings.tree]
        chain += [
            calc.amountEdit,
            calc.settleDateEdit,
            calc.priceEdit,
            calc.yieldEdit,
            calc.yield_input.basis,
        ]
        chain += [self.call_table, self.coupon_table, self.copy_button, chart, chart.reset_button, self.terms]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.terms.setTabChangesFocus(True)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._default_sizes_pending:
            self._default_sizes_pending = False
            self._default_sizes_for_note = True
            self.panes.apply_default_sizes(self.width(), self.height())

    def use_default_sizes(self) -> None:
        """Lay the panels out for the window's size when it is shown (no saved state), again
        for the first note shown (its texts decide the calculator's size) and whenever the window
        is resized (maximised), until the user moves a splitter."""
        self._default_sizes_pending = True
        self._auto_layout = True

    def _follows_size(self) -> bool:
        """The default panel sizes follow the window's: asked for, and no splitter moved by hand."""
        return self._auto_layout and not self.panes.moved_by_user

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._follows_size() and self.isVisible():
            self._relayout.start()  # once the resizes of a drag or a maximise settle

    def _apply_default_sizes(self) -> None:
        if self._follows_size():
            self.panes.apply_default_sizes(self.width(), self.height())

    def _build_compare_page(self) -> None:
        page = self.compare_page = ComparePage(
            self.panes.compare_page,
            self.offerings,
            self.terms,
            self.session.folders,
            self.chrome.exports.menu,
            self,
        )
        page.opened.connect(self._open_compared)
        page.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.panes.workspace.currentChanged.connect(lambda index: page.shown(index == self.panes.COMPARE))

    def _fit_panels(self) -> None:
        if self._default_sizes_for_note and not self.panes.moved_by_user:
            self.panes.apply_default_sizes(self.width(), self.height())  # fits the calculator too
        else:
            self.panes.fit_calculator()
        self._default_sizes_for_note = False

    def _build_status(self) -> None:
        self.progress = QProgressBar()
        self.progress.setObjectName("loadProgress")
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        policy = self.progress.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # shown or hidden, the panels above do not move
        self.progress.setSizePolicy(policy)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().setSizeGripEnabled(False)

    # -- first paint ---------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._painted and event.type() == QEvent.Type.Paint:
            self._painted = True
            self.loads.spread = True  # from now on a load's work is spread over turns
            self.panes.central.removeEventFilter(self)
            QTimer.singleShot(0, self, self._after_first_paint)
        return False

    def _after_first_paint(self) -> None:
        self.firstPainted.emit()
        QTimer.singleShot(0, self, self._create_chart)

    def _create_chart(self) -> None:
        self.chart.ensure_plot()  # its ``ready`` moves the start-up objects out of gc's sight
        later, self._after_paint = self._after_paint, None
        for build in later or ():
            QTimer.singleShot(0, self, build)

    def after_first_paint(self, build: Callable[[], None]) -> None:
        """Run ``build`` once the window has painted and its chart is created, in an event-loop
        turn of its own (at once if that is past): the hook for what the first view does not
        show (a view behind a tab is better a ``lazy.LazyPane``, built when first shown)."""
        if self._after_paint is None:
            QTimer.singleShot(0, self, build)
        else:
            self._after_paint.append(build)

    # -- opening and closing documents ---------------------------------------------------
    def open_files(self, paths: Sequence[str], select: str | None = None, batch: Batch | None = None) -> None:
        """Load ``paths`` off the UI thread (``load_queue``): the first document shown is
        selected, its first note or ``select`` (a CUSIP) once a document holds it (``batch``
        instead: a request's own selection rule). A document already open is not added twice:
        it is selected and the strip says so, unless its file changed since it was read, when it
        is read again and takes its own place; one already on its way is not asked for again. A
        proposal file among them opens as the proposal (the last one, if several)."""
        paths = self._open_proposal([str(p) for p in paths])
        wanted = list(dict.fromkeys(absolute(p) for p in paths))
        if not wanted:
            return
        batch = batch or Batch(select)
        opened = {d.path: d for d in self.offerings.documents()}
        fresh = [p for p in wanted if p not in self._queued and (p not in opened or self.sources.changed(p))]
        shown = [opened[p] for p in wanted if p in opened and p not in fresh]
        if shown:
            self._select_open(shown, batch, wanted[0] in fresh)
        again = [opened[p].name for p in fresh if p in opened]
        if again:
            more = f" (and {len(again) - 1} more)" if len(again) > 1 else ""
            self.messages.show_message(
                f"{again[0]}{more} changed since it was read: reading it again.", "info"
            )
        if fresh:
            self._queued.update(fresh)
            self.progress.show()
            self.loads.start(fresh, batch)

    def _open_proposal(self, paths: list[str], open_it: bool = True) -> list[str]:
        """Open the last proposal file of ``paths`` (offering files are JSON too: by content);
        the other paths."""
        candidates = [p for p in paths if p.lower().endswith(".json")]
        if not candidates:
            return paths
        from app.sources.proposal_file import is_proposal

        found = [p for p in candidates if is_proposal(p)]
        if found and open_it:
            self.proposals.open_path(found[-1])
        return [p for p in paths if p not in found]

    def _select_open(self, docs: list[Document], batch: Batch, later: bool) -> None:
        """Documents asked for again that are open as read: select (the asked CUSIP, or the
        first one's first note unless a document still to load comes first) and say so."""
        if batch.select and self.offerings.select_cusip(batch.select):
            batch.select, batch.selected = None, True
        elif batch.select is None and not later and not batch.selected:
            batch.selected = self.offerings.select_first(docs[0])
        more = f" and {len(docs) - 1} more are" if len(docs) > 1 else " is"
        self.messages.show_message(f"{docs[0].name}{more} already open (shown as read).", "info")

    def _show_document(
        self, path: str, offering: Offering, warnings: list[ParseWarning], batch: Batch
    ) -> Iterator[None]:
        """Add the document to the tree (in place of one read from the same file before), then
        select a note (``_select_loaded``); each ``yield`` ends an event-loop turn when run by
        the ``LoadQueue``."""
        self._queued.discard(path)
        doc = Document(path, offering, list(warnings))
        rows = TreeRows(doc)
        while not rows.build(TREE_ROWS_PER_TURN):
            yield
        current = self.offerings.current_document()
        again = self.current_cusip() if current is not None and current.path == path else None
        self.offerings.add_document(doc, rows)
        self.sources.loaded(path)
        self.compare_page.documents_changed()
        self.documentShown.emit(path, offering)
        if warnings:
            self.messages.show_message(
                f"{doc.name}: loaded with {len(warnings)} warning(s) — see Checks in the terms.", "warning"
            )
        self.session.opened(path)
        yield  # the tree is painted before the note is calculated
        self._select_loaded(doc, batch, again)
        if not self._painted:  # the views' delayed layout now: the first paint is their last
            for view in (self.offerings.tree, self.coupon_table, self.call_table):
                view.doItemsLayout()

    def _select_loaded(self, doc: Document, batch: Batch, again: str | None) -> None:
        """The asked CUSIP once a document holds it; else the note shown before, when ``doc``
        replaced the document shown; else the first note of the first document of a request;
        else, when nothing is selected, ``doc``'s first note."""
        if batch.select and self.offerings.select_cusip(batch.select):
            batch.select, batch.selected = None, True
        elif again is not None and self.offerings.select_cusip(again):
            pass
        elif batch.select is None and not batch.selected:
            batch.selected = self.offerings.select_first(doc)
        elif self.offerings.current_note() is None:
            self.offerings.select_first(doc)

    def _failed(self, path: str, message: str) -> None:
        self._queued.discard(path)
        self.messages.show_message(
            f"Could not open {message}"
            if Path(path).name in message
            else f"Could not open {path}: {message}",
            "error",
        )
        self.documentFailed.emit(path, message)

    def _progress(self, done: int, total: int) -> None:
        # QProgressBar.setValue repaints at once, and with it everything else a load changed:
        # with updates off it is painted with the rest, in the next paint
        self.progress.setUpdatesEnabled(False)
        self.progress.setRange(0, total)
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
            self.compare_page.documents_changed()
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

    # -- the compare page ------------------------------------------------------------------
    @property
    def compare(self) -> ComparePanel | None:
        """The compare page's panel (None until the page is first shown)."""
        return self.compare_page.panel

    def _open_compared(self, path: str, cusip: str, settle: date | None) -> None:
        """A compare row opened: its note selected in the offerings and shown in the calculator,
        at the settle date the row was priced at when one date applies to every row."""
        if not self.offerings.select_cusip(cusip, path):
            self.offerings.filter_edit.clear()  # the filter hid it from the tree
            if not self.offerings.select_cusip(cusip, path):
                self.messages.show_message(f"{cusip} is no longer loaded.", "warning")
                return
        if settle is not None:
            self.calculator.settleDateEdit.set_value(settle)
        self.focus_amount()

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
        self._hold_chart(spread)
        self.session.flush_purchase()  # the inputs on screen belong to the note being left
        saved = self.session.saved_inputs(note.cusip)
        self.calculator.set_note(doc.offering, note, preset, saved)
        if self.calculator.current is None:  # no valid purchase of this note: no other note's figures
            self._show_no_quote()
        if self._painted:
            QTimer.singleShot(0, self, self._fit_panels)  # once the new texts are laid out
        else:
            self._fit_panels()  # before the first paint, which then shows them in place
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
        self.calls_unknown.setVisible(quote.yields is not None and quote.yields.calls_unknown)
        if self._chart_held:
            self._held_quote = quote  # drawn in the chart's own turn, the latest quote then
        else:
            self.chart.set_quote(quote)

    def _show_no_quote(self) -> None:
        self._held_quote = None
        self.calls_unknown.hide()
        for view in (self.coupon_table, self.call_table, self.chart):
            view.set_quote(None)

    def _validity_changed(self, valid: bool) -> None:
        """Mark the tables and the chart stale (or not) as the calculator is: once per change."""
        for view in (self.call_table, self.coupon_table, self.chart):
            view.set_stale(not valid)
        for note in self.stale_notes:
            note.setVisible(not valid)

    def _cleared(self) -> None:
        self._selection += 1
        self._hold_chart(False)
        self.calculator.clear()
        self._validity_changed(True)
        self._show_no_quote()
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
        return self.calculator.current if not self.calculator.stale else None

    def open_paths(self) -> list[str]:
        return [d.path for d in self.offerings.documents()]

    def current_cusip(self) -> str | None:
        note = self.offerings.current_note()
        return note.cusip if note is not None else None

    def purchase_inputs(self) -> tuple[str, Inputs] | None:
        calc, defaults = self.calculator, self.calculator.defaults()
        if calc.note is None or defaults is None:
            return None
        settle = calc.settleDateEdit.value() or defaults.settle_date  # a half-typed date is not kept
        return calc.note.cusip, Inputs(calc.amountEdit.text(), settle, calc.priceEdit.text())

    # -- what the proposal reads ------------------------------------------------------------
    def purchase(self) -> tuple[Position, Offering] | None:
        """The calculator's valid purchase as a proposal position, with its offering."""
        doc, q = self.offerings.current_document(), self.current_quote()
        if doc is None or q is None:
            return None
        p = q.purchase
        return Position(doc.path, p.note.cusip, p.amount, p.settle_date, p.price_pct), doc.offering

    def loaded_offering(self, path: str) -> Offering | None:
        """The offering of the loaded document at ``path`` (the same file, however named)."""
        wanted = document_key(path)
        return next((d.offering for d in self.offerings.documents() if document_key(d.path) == wanted), None)

    def load_documents(self, paths: Sequence[str]) -> None:
        """Load ``paths`` for the proposal; each ends in ``documentShown`` (at once for a document
        open as read) or ``documentFailed`` (a proposal file named as a document fails: it holds
        no offering). The note shown stays, unless none is."""
        documents = self._open_proposal(list(paths), open_it=False)
        for path in paths:
            if path not in documents:
                self._failed(path, f"{Path(path).name} is a proposal file, not an offering document")
        opened = {d.path: d for d in self.offerings.documents()}
        to_load = []
        for path in documents:
            doc = opened.get(absolute(path))
            if doc is not None and not self.sources.changed(doc.path):
                self.documentShown.emit(doc.path, doc.offering)
            else:
                to_load.append(path)
        self.open_files(to_load, batch=Batch(selected=True))

    def show_message(self, text: str, kind: str) -> None:
        self.messages.show_message(text, kind)

    def show_proposal_page(self) -> None:
        self.show_page(self.panes.PROPOSAL)

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
        if not self.proposals.may_discard():  # the proposal has unsaved changes: kept open
            event.ignore()
            return
        if self.persist:
            try:
                self.save_state()
            except Exception:
                log.exception("could not save the window state")
        event.accept()
        self.loads.stop()  # what the loader still brings is dropped
