"""A tab widget that does not repaint itself whole whenever something inside a page changes size.

``QTabWidget`` answers every ``LayoutRequest`` (posted up to it whenever the size hint of anything
inside its pages changes: a label's new text, a hint shown, a table's new rows) by laying out its
tab bar and page stack again and then repainting itself whole (``QTabWidgetPrivate::setUpLayout``
ends in ``update()``). The window's workspace holds the calculator, both tables and the chart, so
each such change repainted all of them: after the first paint, three whole repaints of the
workspace followed one another (~10–35 ms each here) though nothing in them had moved.

``QuietTabs`` lets a request through only when it can move something of the tab widget's own:
the first one, and any after the tab bar's size hint or the widget's size changed (a tab added or
renamed, a resize). Any other request only passes the new size hints on up (``updateGeometry``);
the pages lay themselves out and repaint what changed, as everywhere else in the window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QTabWidget, QWidget


class QuietTabs(QTabWidget):
    """``QTabWidget`` without the whole repaint at a layout request that moves none of its parts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._laid_out: tuple[QSize, QSize] | None = None  # tab bar hint, size at the last layout

    def event(self, event: QEvent) -> bool:
        if event.type() != QEvent.Type.LayoutRequest:
            return super().event(event)
        now = (self.tabBar().sizeHint(), self.size())
        if now == self._laid_out and self.isVisible():
            self.updateGeometry()  # a page's new size hint still reaches the splitter above
            return True
        done = super().event(event)
        self._laid_out = (self.tabBar().sizeHint(), self.size()) if self.isVisible() else None
        return done
