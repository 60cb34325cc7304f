"""The open proposal behind the panel: its positions priced (``Proposal``), its file, whether it
has unsaved changes; adding, editing and removing positions, and opening and saving files.

Edits run on the UI thread and say what they changed (``changed(Change, row)``) so each view
redraws only that. Opening a file reads it at once, asks the window (its ``DocumentHost``) for the
documents not loaded yet, and prices the positions off the UI thread once every document has
arrived or failed (50 new 30-year notes take about half a second); the built proposal is then
moved out of the collector's sight (``gc.freeze``), as start-up does, so full collections do not
scan its ~70,000 tuples in the middle of an edit.
"""

from __future__ import annotations

import gc
import logging
import os
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.domain.errors import InputError, SourceError, TermSheetError
from app.domain.holding import Holding, Position
from app.domain.model import Offering
from app.domain.money import format_usd, parse_amount, parse_percent
from app.domain.proposal import Proposal, ProposalInputs, Source
from app.ui.proposal.documents import DocumentHost, document_key

log = logging.getLogger("termsheet.ui")
NOT_FOUND = "not found"


class Change(Enum):
    """What an edit changed, so each view redraws only that."""

    AMOUNT = "amount"  # one position's amounts: its payment dates, and the payment order, kept
    POSITION = "position"  # one position's dates or price: its payments may be others
    ALL = "all"  # positions added or removed, or another proposal


class _BuildSignals(QObject):
    done = Signal(object, object)  # Proposal, or the exception; the job's token


class _BuildJob(QRunnable):
    """``Proposal.build`` in a pool thread; the result comes back as a queued signal."""

    def __init__(self, build: Callable[[], Proposal], signals: _BuildSignals, token: object) -> None:
        super().__init__()
        self.build, self.signals, self.token = build, signals, token
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result: object = self.build()
        except Exception as err:  # reported on the UI thread, never lost in the pool
            result = err
        try:
            self.signals.done.emit(result, self.token)
        except RuntimeError:  # the desk was deleted with its window: nobody to tell
            log.debug("a proposal was built after its window closed")


class _Opening:
    """A proposal file being opened: its content, and the documents still awaited."""

    def __init__(self, path: Path, inputs: ProposalInputs, problems: Mapping[int, TermSheetError]) -> None:
        self.path, self.inputs, self.problems = path, inputs, problems
        self.sources: dict[str, Source] = {}
        self.waiting: set[str] = set()


class ProposalDesk(QObject):
    """The open proposal and its file; every change is signalled, nothing here draws."""

    changed = Signal(object, int)  # Change, the row edited (-1 for Change.ALL)
    textsChanged = Signal()  # client, advisor or note replaced (a proposal opened or new)
    stateChanged = Signal()  # the file, unsaved changes or busy changed
    notice = Signal(str, str)  # a sentence for the message strip, its kind (info, warning, error)
    opened = Signal(str)  # a proposal file opened (its absolute path)

    def __init__(self, host: DocumentHost, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.proposal = Proposal()
        self.path: Path | None = None
        self.dirty = False
        self._opening: _Opening | None = None
        # not a child of the desk: a build still running when the window is closed and deleted
        # emits into an object still alive (nobody connected), not one deleted under it
        self._signals = _BuildSignals()
        self._signals.done.connect(self._built)

    # -- state ----------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """True while a proposal file is being opened (its documents loaded, then priced)."""
        return self._opening is not None

    @property
    def name(self) -> str:
        return self.path.name if self.path is not None else "Untitled proposal"

    def _touch(self) -> None:
        if not self.dirty:
            self.dirty = True
            self.stateChanged.emit()

    # -- positions ------------------------------------------------------------------------
    def add(self, position: Position, offering: Offering) -> Holding:
        """Append a purchase priced in ``offering`` (never raises: an unpriceable one is listed
        with its error)."""
        document = os.path.abspath(position.document) if position.document else ""
        position = replace(position, document=document)  # saved relative to the proposal file
        holding = self.proposal.add(position, offering)
        self._touch()
        self.changed.emit(Change.ALL, len(self.proposal) - 1)
        return holding

    def set_amount(self, row: int, text: str) -> Holding:
        """Position ``row``'s amount typed as ``text``; ``InputError`` (the proposal unchanged)
        for text that is not an amount or one its note does not accept."""
        was_priced = self.proposal.holding(row).priced
        holding = self.proposal.set_amount(row, parse_amount(text))
        self._edited(Change.AMOUNT if was_priced and holding.priced else Change.POSITION, row)
        return holding

    def set_price(self, row: int, text: str) -> Holding:
        """Position ``row``'s price typed as ``text`` (percent of par); ``InputError`` as
        ``set_amount``."""
        holding = self.proposal.set_price(row, parse_percent(text))
        self._edited(Change.POSITION, row)
        return holding

    def set_settle(self, row: int, settle: date) -> Holding:
        """Position ``row`` settling on ``settle``; ``InputError`` as ``set_amount``."""
        holding = self.proposal.set_settle(row, settle)
        self._edited(Change.POSITION, row)
        return holding

    def _edited(self, change: Change, row: int) -> None:
        self._touch()
        self.changed.emit(change, row)

    def remove(self, rows: Sequence[int]) -> int:
        """Remove the positions ``rows``; how many were removed."""
        gone = sorted({r for r in rows if 0 <= r < len(self.proposal)}, reverse=True)
        for row in gone:
            self.proposal.remove(row)
        if gone:
            self._touch()
            self.changed.emit(Change.ALL, -1)
        return len(gone)

    def set_texts(
        self, client: str | None = None, advisor: str | None = None, note: str | None = None
    ) -> None:
        """The client's and advisor's names and the note, as typed (None: unchanged)."""
        p = self.proposal
        new = (p.client if client is None else client, p.advisor if advisor is None else advisor,
               p.note if note is None else note)  # fmt: skip
        if new != (p.client, p.advisor, p.note):
            p.client, p.advisor, p.note = new
            self._touch()

    # -- files ----------------------------------------------------------------------------
    def new(self) -> None:
        """An empty proposal, no file."""
        self._opening = None
        self._install(Proposal(), None)

    def save(self, path: Path) -> Path:
        """Write the proposal to ``path`` (whole or not at all); ``ExportError`` when it cannot."""
        from app.reports.proposal_export import save_proposal

        written = save_proposal(self.proposal.inputs, Path(os.path.abspath(path)))
        self.path, self.dirty = written, False
        self.stateChanged.emit()
        return written

    def open(self, path: Path) -> None:
        """Open the proposal file at ``path``: ``SourceError`` naming it when it cannot be read;
        otherwise its documents are loaded (those not loaded yet, through the window) and the
        proposal is priced off the UI thread; ``changed(ALL)`` says when it is shown."""
        from app.sources.proposal_file import read

        path = Path(os.path.abspath(path))
        found = read(path)
        opening = _Opening(path, found.inputs, found.problems)
        to_load: list[str] = []
        for document in dict.fromkeys(p.document for p in found.inputs.positions if p.document):
            offering = self.host.loaded_offering(document)
            if offering is not None:
                opening.sources[document] = offering
            elif not os.path.isfile(document):
                opening.sources[document] = SourceError(NOT_FOUND, source=document)
            else:
                to_load.append(document)
        opening.waiting = {document_key(d) for d in to_load}
        self._opening = opening
        self.stateChanged.emit()
        if to_load:
            self.host.load_documents(to_load)
        self._build_when_ready()

    def document_loaded(self, path: str, offering: Offering) -> None:
        """The window loaded a document (any: the ones a proposal being opened waits for count)."""
        self._arrived(path, offering)

    def document_failed(self, path: str, message: str) -> None:
        self._arrived(path, SourceError(message, source=path))

    def _arrived(self, path: str, source: Source) -> None:
        opening = self._opening
        key = document_key(path)
        if opening is None or key not in opening.waiting:
            return
        opening.waiting.discard(key)
        for document in opening.inputs.positions:
            if document_key(document.document) == key:
                opening.sources[document.document] = source
        self._build_when_ready()

    def _build_when_ready(self) -> None:
        opening = self._opening
        if opening is None or opening.waiting:
            return
        inputs, sources, problems = opening.inputs, dict(opening.sources), opening.problems
        job = _BuildJob(lambda: Proposal.build(inputs, sources, problems), self._signals, opening)
        QThreadPool.globalInstance().start(job)

    def _built(self, result: object, token: object) -> None:
        opening = self._opening
        if token is not opening or opening is None:
            return  # another proposal was opened (or a new one started) meanwhile
        self._opening = None
        if not isinstance(result, Proposal):
            log.error("could not price the proposal %s: %r", opening.path, result)
            self.notice.emit(f"Could not open {opening.path.name}: {result}", "error")
            self.stateChanged.emit()
            return
        gc.collect()
        gc.freeze()
        self._install(result, opening.path)
        self.opened.emit(str(opening.path))
        self._tell_missing(opening)

    def _install(self, proposal: Proposal, path: Path | None) -> None:
        self.proposal, self.path, self.dirty = proposal, path, False
        self.textsChanged.emit()
        self.changed.emit(Change.ALL, -1)
        self.stateChanged.emit()

    def _tell_missing(self, opening: _Opening) -> None:
        """One sentence per document that did not load: which, and how many positions wait."""
        counts = Counter(p.document for p in opening.inputs.positions)
        for document, source in opening.sources.items():
            if isinstance(source, Offering):
                continue
            n = counts[document]
            kept = f"its {n} position{'s' if n != 1 else ''} {'are' if n != 1 else 'is'} kept unpriced"
            if source.message == NOT_FOUND:
                self.notice.emit(f"{document} {NOT_FOUND}; {kept}.", "warning")
            else:
                self.notice.emit(
                    f"{Path(document).name} could not be read ({source.message}); {kept}.", "warning"
                )

    # -- what the panel says --------------------------------------------------------------
    def summary(self) -> str:
        """``2 positions · total $35,014.47`` (the priced ones summed)."""
        t = self.proposal.totals
        n = t.positions
        unpriced = f" ({n - t.priced} not priced)" if t.priced < n else ""
        return f"{n} position{'s' if n != 1 else ''}{unpriced} · total {format_usd(t.total)}"


def refused(err: InputError) -> str:
    """An edit's refusal as a sentence, as the calculator words its hints."""
    message = err.message
    return message[:1].upper() + message[1:] if message else message
