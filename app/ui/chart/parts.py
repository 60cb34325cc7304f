"""The pieces of a chart's frame, for the call chart and the proposal's income chart alike: the
header (title, reset-zoom button) and the stack that shows a placeholder until the plot exists."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStackedWidget, QToolButton, QWidget


def header(
    title: str, reset_tip: str, reset: Callable[[], None]
) -> tuple[QFrame, QHBoxLayout, QLabel, QToolButton]:
    """The header frame (``chartHeader``) with its row, its title and a "Reset zoom" button; the
    caller lays them out in the row."""
    frame = QFrame()
    frame.setObjectName("chartHeader")
    row = QHBoxLayout(frame)
    row.setContentsMargins(10, 4, 6, 4)
    label = QLabel(title)
    label.setObjectName("panelTitle")
    button = QToolButton()
    button.setObjectName("resetZoomButton")
    button.setText("Reset zoom")
    button.setToolTip(reset_tip)
    button.clicked.connect(reset)
    return frame, row, label, button


def plot_stack(placeholder_text: str) -> tuple[QStackedWidget, QLabel]:
    """A stack showing its placeholder (``chartPlaceholder``) until a plot is added."""
    stack = QStackedWidget()
    placeholder = QLabel(placeholder_text)
    placeholder.setObjectName("chartPlaceholder")
    placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
    stack.addWidget(placeholder)
    return stack, placeholder


def drop(stack: QStackedWidget, plot: QWidget | None) -> bool:
    """Remove ``plot`` from ``stack`` and delete it (a theme change builds it again); whether
    there was one."""
    if plot is None:
        return False
    stack.removeWidget(plot)
    plot.deleteLater()
    return True
