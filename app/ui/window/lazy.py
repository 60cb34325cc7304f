"""Views the first paint does not show, built when they are first needed: ``LazyPane`` holds the
place of one (a tab, a dock, a stacked page) and builds it the first time it is shown; the window's
``after_first_paint`` runs other start-up work once the window and its chart are painted."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyPane(QWidget):
    """A placeholder whose content, ``build()``, is made the first time the pane is shown (or
    asked for, ``content``): a view nobody opened costs nothing at start-up."""

    def __init__(self, build: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build: Callable[[], QWidget] | None = build
        self._content: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def is_built(self) -> bool:
        return self._content is not None

    def content(self) -> QWidget:
        """The view, built now if it was not yet."""
        if self._content is None:
            assert self._build is not None
            build, self._build = self._build, None
            self._content = build()
            self._layout.addWidget(self._content)
        return self._content

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.content().show()  # added to a shown pane: shown explicitly
