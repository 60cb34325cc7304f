"""Never die from a bug: log it, show "something went wrong — copy details", keep running.

``install()`` sets ``sys.excepthook`` and ``threading.excepthook`` (an exception in a slot
reaches ``sys.excepthook`` in PySide6 and the event loop goes on), enables ``faulthandler`` into
the log folder and routes Qt's own messages to the rotating log of ``app.logs``.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading
import traceback
from types import TracebackType
from typing import IO, Any

from PySide6.QtCore import QMessageLogContext, QObject, QtMsgType, Signal, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.logs import setup_logging

log = logging.getLogger("termsheet.ui")
qt_log = logging.getLogger("termsheet.qt")

_fault_file: IO[str] | None = None
_dialog: ErrorDialog | None = None
_bridge: _Bridge | None = None


class ErrorDialog(QDialog):
    """Non-modal: the window behind it keeps working. Repeated errors are appended."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorDialog")
        self.setWindowTitle("Something went wrong")
        self.setModal(False)
        self.resize(620, 360)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("errorSummary")
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setObjectName("errorDetails")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton("Copy details", QDialogButtonBox.ButtonRole.ActionRole)
        copy.setObjectName("copyDetailsButton")
        copy.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.close)
        layout.addWidget(self.summary)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    def add_error(self, summary: str, details: str) -> None:
        self.summary.setText(
            f"<b>Something went wrong</b> — {summary}<br>The window keeps running; your work is "
            "not lost. Copy the details below into a message to support."
        )
        header = f"termsheet {__version__}, Python {sys.version.split()[0]}, {sys.platform}\n"
        existing = self.details.toPlainText()
        self.details.setPlainText((existing + "\n" + "-" * 60 + "\n" if existing else header) + details)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())


class _Bridge(QObject):
    """Carries an error from any thread to the UI thread (queued signal)."""

    error = Signal(str, str)


def _show(summary: str, details: str) -> None:
    global _dialog
    app = QApplication.instance()
    if app is None or QApplication.closingDown():
        return
    if _dialog is None:
        parent = QApplication.activeWindow()
        _dialog = ErrorDialog(parent)
    _dialog.add_error(summary, details)
    _dialog.show()
    _dialog.raise_()


def report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Log the exception and show it in the error dialog (from any thread)."""
    log.error("unhandled exception", exc_info=(exc_type, exc, tb))
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    summary = f"{exc_type.__name__}: {exc}"
    try:
        if threading.current_thread() is threading.main_thread():
            _show(summary, details)
        elif _bridge is not None:
            _bridge.error.emit(summary, details)
    except Exception:  # the last line of defence must not raise
        log.exception("could not show the error dialog")


def _excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    report(exc_type, exc, tb)


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        report(args.exc_type, args.exc_value, args.exc_traceback)


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def qt_message_handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    where = f" ({context.file}:{context.line})" if context.file else ""
    qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s%s", message, where)


def install() -> None:
    """Install the hooks for this process (idempotent)."""
    global _fault_file, _bridge
    path = setup_logging()
    if _bridge is None:
        _bridge = _Bridge()
        _bridge.error.connect(_show)
    sys.excepthook = _excepthook
    threading.excepthook = _thread_hook
    qInstallMessageHandler(qt_message_handler)
    if _fault_file is None:
        try:
            _fault_file = open(path.with_name("crash.log"), "a", encoding="utf-8")  # noqa: SIM115
            faulthandler.enable(_fault_file)
        except OSError:
            faulthandler.enable()


def current_dialog() -> Any:
    """The error dialog if one was shown (for tests)."""
    return _dialog
