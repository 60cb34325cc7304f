"""The files behind the open documents: a document whose file is moved or deleted is marked
"source missing" (its terms stay as loaded) and unmarked when the file is back; ``changed``
tells whether a file was written since its document was read (opening it again reads it again)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject

from app.ui.common import MessageArea
from app.ui.offerings import OfferingsPanel


class SourceWatcher(QObject):
    """Watches the files of ``offerings``' documents; says in ``messages`` when one goes."""

    def __init__(
        self, offerings: OfferingsPanel, messages: MessageArea, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.offerings = offerings
        self.messages = messages
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(lambda _path: self.check())
        self._stamps: dict[str, tuple[int, int] | None] = {}  # path → (mtime ns, size) when read

    def loaded(self, path: str) -> None:
        """``path`` was just read: watch it and remember its stamp."""
        self._stamps[path] = _stamp(path)
        self.watch(path)

    def changed(self, path: str) -> bool:
        """The file was written (or replaced, or removed) since its document was read."""
        return path not in self._stamps or _stamp(path) != self._stamps[path]

    def watch(self, path: str) -> None:
        if Path(path).is_file() and path not in self._watcher.files():
            self._watcher.addPath(path)

    def forget(self, path: str) -> None:
        """Stop watching ``path`` unless another open document came from it."""
        if not any(d.path == path for d in self.offerings.documents()):
            self._watcher.removePath(path)
            self._stamps.pop(path, None)

    def check(self) -> None:
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
                self.watch(doc.path)  # a file replaced by an editor's save is watched again


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        info = Path(path).stat()
    except (OSError, ValueError):
        return None
    return info.st_mtime_ns, info.st_size
