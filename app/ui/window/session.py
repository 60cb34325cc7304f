"""The window's session: what it reopens and remembers, written shortly after it changes so a
crash keeps it. ``Session`` is the one reader and writer of the window's settings keys (named in
``settings``): the open documents and the current CUSIP, the recent files and proposals, the
window and panel layout, the last purchase inputs per CUSIP, the theme chosen (``saved_theme``,
read before the window is built), and (``Folders``) where the file dialogs start.

``persist`` False (screenshots, tests) writes nothing and reads no purchase inputs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QByteArray, QObject, QSettings, QTimer
from PySide6.QtWidgets import QSplitter, QWidget

from app.paths import sample_path
from app.ui.common import Theme
from app.ui.window import settings
from app.ui.window.saved_state import FORMAT, Inputs, PurchaseMemory, SavedState, saved_format
from app.ui.window.settings import (
    EXPORT_FOLDER,
    FILES,
    FORMAT_KEY,
    GEOMETRY,
    LAST_CUSIP,
    LAYOUT_VERSION,
    OPEN_DIR,
    RECENT,
    RECENT_PROPOSALS,
    SPLITTER,
    THEME,
)

log = logging.getLogger("termsheet.ui")
LAYOUT = "4"  # bump when the splitters change, so old positions are not applied
PURCHASE_SAVE_MS = 500  # inputs are saved this long after the last edit (and on switch/close)
SESSION_SAVE_MS = 250  # open files, current CUSIP, recent list: one write per burst of changes


class Shown(Protocol):
    """What the session reads from the window: the open documents and the purchase on screen."""

    def open_paths(self) -> list[str]: ...

    def current_cusip(self) -> str | None: ...

    def purchase_inputs(self) -> tuple[str, Inputs] | None:
        """The CUSIP in the calculator and the texts of its inputs, None without a note."""
        ...


class Folders:
    """Where the file dialogs start: the folder last opened from, the one last exported to."""

    def __init__(self, persist: bool) -> None:
        self.persist = persist

    def open_dir(self) -> str:
        saved = settings.settings().value(OPEN_DIR)
        return saved if isinstance(saved, str) and Path(saved).is_dir() else str(Path.home())

    def remember_open_dir(self, folder: Path) -> None:
        if self.persist:
            settings.settings().setValue(OPEN_DIR, str(folder))

    def export_folder(self) -> Path | None:
        saved = settings.settings().value(EXPORT_FOLDER)
        return Path(str(saved)) if saved and Path(str(saved)).is_dir() else None

    def remember_export_folder(self, folder: Path) -> None:
        if self.persist:
            settings.settings().setValue(EXPORT_FOLDER, str(folder))


def saved_theme() -> Theme:
    """The theme last chosen in View ▸ Theme; ``SYSTEM`` when none, unreadable, or written by a
    newer version (whose settings are not read)."""
    s = settings.settings()
    if (saved_format(s) or FORMAT) > FORMAT:
        return Theme.SYSTEM
    return Theme.parse(s.value(THEME)) or Theme.SYSTEM


class Session(QObject):
    """The session of one window (``shown``); ``read()`` takes in the last one."""

    def __init__(self, shown: Shown, persist: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shown = shown
        self.persist = persist
        self.saved = SavedState()  # what read() found, with notes on what it ignored
        self.folders = Folders(persist)
        self._memory = PurchaseMemory()
        self._recent_pending: list[str] = []
        self._purchase_timer = self._timer(PURCHASE_SAVE_MS, self._save_purchase)
        self._session_timer = self._timer(SESSION_SAVE_MS, self._write_session)

    def _timer(self, ms: int, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    # -- the last session ---------------------------------------------------------------------
    def read(self) -> SavedState:
        self.saved = SavedState.read()
        return self.saved

    def files(self) -> list[str]:
        """The last session's documents that still exist (missing ones are noted)."""
        return self.saved.files(FILES, "the last session's files")

    def last_cusip(self) -> str | None:
        return self.saved.text(LAST_CUSIP, "the last CUSIP")

    def prune_recent(self) -> None:
        """Drop files that no longer exist (or are not text) from the recent list, with a note."""
        value = settings.settings().value(RECENT)
        kept = self.saved.files(RECENT, "the recent files")
        if value is not None and kept != settings.str_list(value) and not self.saved.newer:
            settings.settings().setValue(RECENT, kept)

    def restore_layout(self, window: QWidget, splitters: Sequence[QSplitter]) -> tuple[bool, bool]:
        """Geometry, then splitters, from the last session: (geometry restored, sizes restored).
        Unusable values (wrong type, damaged, off every screen) are noted in ``saved``."""
        saved = self.saved
        geometry = saved.geometry()
        if geometry is None:
            return False, False
        if not window.restoreGeometry(geometry):
            saved.note("the window geometry could not be applied")
            return False, False
        if saved.text(LAYOUT_VERSION, "the layout version") != LAYOUT:
            return True, False
        for split in splitters:
            state = saved.value(SPLITTER + split.objectName())
            if state is None:
                return True, False
            if not isinstance(state, QByteArray) or not split.restoreState(state) or 0 in split.sizes():
                saved.note(f"the panel sizes ({split.objectName()}) are damaged")
                return True, False
        return True, True

    # -- this session -------------------------------------------------------------------------
    def opened(self, path: str) -> None:
        """A document was opened: first in the recent list (the bundled sample is not)."""
        if self.persist and Path(path).resolve() != sample_path().resolve():
            self._recent_pending.append(path)
        self.changed()

    def proposal_used(self, path: str) -> None:
        """A proposal file was opened or saved: first in File ▸ Open Recent Proposal."""
        if self.persist and not self.saved.newer:
            try:
                settings.add_recent(path, key=RECENT_PROPOSALS)
            except Exception:  # a full disk must not break opening
                log.exception("could not save the recent proposals")

    def recent_proposals(self) -> list[str]:
        """The recent proposal files that still exist, newest first."""
        return [p for p in settings.recent_files(RECENT_PROPOSALS) if Path(p).is_file()]

    def clear_recent_proposals(self) -> None:
        if self.persist:
            settings.clear_recent(RECENT_PROPOSALS)

    def changed(self) -> None:
        """The open documents, the current CUSIP and the recent list are written shortly after
        they change (a crash keeps the session) — once for a burst of loads, not per file."""
        if self.persist:
            self._session_timer.start()

    def flush(self) -> None:
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
            self._write_open(s)
            if recent:
                settings.add_recent(recent, s)
        except Exception:  # a full disk must not break loading
            log.exception("could not save the session")

    def _write_open(self, s: QSettings) -> None:
        s.setValue(FILES, self.shown.open_paths())
        cusip = self.shown.current_cusip()
        if cusip is not None:
            s.setValue(LAST_CUSIP, cusip)

    def save(self, window: QWidget, splitters: Sequence[QSplitter]) -> None:
        """Everything, now (the window closes): the session, the layout, the purchase inputs.
        The open documents and the CUSIP are written also over a newer version's settings."""
        self._session_timer.stop()
        recent, self._recent_pending = self._recent_pending, []
        s = settings.settings()
        if recent and not self.saved.newer:
            settings.add_recent(recent, s)
        s.setValue(FORMAT_KEY, FORMAT)
        s.setValue(GEOMETRY, window.saveGeometry())
        s.setValue(LAYOUT_VERSION, LAYOUT)
        for split in splitters:
            s.setValue(SPLITTER + split.objectName(), split.saveState())
        self._write_open(s)
        s.sync()
        self.flush_purchase()

    def save_theme(self, theme: Theme) -> None:
        if self.persist and not self.saved.newer:
            s = settings.settings()
            s.setValue(THEME, theme.value)
            s.setValue(FORMAT_KEY, FORMAT)

    # -- the purchase inputs per CUSIP ----------------------------------------------------------
    def saved_inputs(self, cusip: str) -> Inputs | None:
        """The inputs last left for ``cusip`` (none for a screenshot or a newer version's settings)."""
        return self._memory.load(cusip) if self.persist and not self.saved.newer else None

    def inputs_edited(self) -> None:
        if self.persist:
            self._purchase_timer.start()  # restarts: one write after the edits settle

    def flush_purchase(self) -> None:
        """Write pending purchase inputs now (before switching notes, on close)."""
        if self._purchase_timer.isActive():
            self._purchase_timer.stop()
            self._save_purchase()

    def _save_purchase(self) -> None:
        if not self.persist or self.saved.newer:
            return
        try:
            current = self.shown.purchase_inputs()
            if current is not None:
                self._memory.save(*current)
        except Exception:  # a full disk must not break editing
            log.exception("could not save the purchase inputs")
