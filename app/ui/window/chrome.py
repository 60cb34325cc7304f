"""The window's chrome: actions with shortcuts, the menus, the toolbar and the About box."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QSizePolicy, QWidget

from app import __version__
from app.ui.common.resources import icon
from app.ui.exports import actions as export_actions

APP_NAME = "Term Sheet"


def build_actions(w: Any) -> None:
    """The window's actions and shortcuts (they work with the menus closed too)."""

    def action(text: str, slot: Any, shortcut: Any = None, name: str = "", icon_name: str = "") -> QAction:
        a = QAction(text, w)
        a.triggered.connect(slot)
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        if name:
            a.setObjectName(name)
        if icon_name:
            a.setIcon(icon(icon_name))
        return a

    w.open_action = action("&Open…", w.open_dialog, QKeySequence.StandardKey.Open, "openAction", "open")
    w.open_action.setToolTip("Open pricing supplements or offering files (Ctrl+O)")
    w.close_action = action(
        "&Close document", w.close_current, QKeySequence.StandardKey.Close, "closeAction", "close"
    )
    w.sample_action = action("Open the &sample offering", w.open_sample, name="sampleAction")
    w.quit_action = action("&Quit", w.close, QKeySequence.StandardKey.Quit, "quitAction")
    w.copy_action = action(
        "&Copy coupon calendar", w.coupon_table.copy_all, "Ctrl+Shift+C", "copyTableAction", "copy"
    )
    w.filter_action = action(
        "&Filter offerings", w.offerings.focus_filter, QKeySequence.StandardKey.Find, "filterAction"
    )
    w.amount_action = action("Go to &amount", w._focus_amount, "Ctrl+L", "amountAction")
    w.reset_zoom_action = action(
        "&Reset chart zoom", w.chart.reset_zoom, "Ctrl+0", "resetZoomAction", "zoom-reset"
    )
    w.about_action = action("&About Term Sheet", lambda: show_about(w), name="aboutAction", icon_name="about")
    for a in (w.copy_action, w.filter_action, w.amount_action, w.reset_zoom_action):
        w.addAction(a)


def build_menus(w: Any) -> None:
    bar = w.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addAction(w.open_action)
    w.recent_menu = file_menu.addMenu("Open &Recent")
    w.recent_menu.setObjectName("recentMenu")
    w.recent_menu.aboutToShow.connect(w._fill_recent)
    file_menu.addAction(w.sample_action)
    file_menu.addAction(w.close_action)
    file_menu.addSeparator()
    export_actions.install(w, file_menu)
    file_menu.addSeparator()
    file_menu.addAction(w.quit_action)
    edit_menu = bar.addMenu("&Edit")
    edit_menu.addAction(w.copy_action)
    edit_menu.addAction(w.filter_action)
    edit_menu.addAction(w.amount_action)
    view_menu = bar.addMenu("&View")
    view_menu.addAction(w.reset_zoom_action)
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(w.about_action)


def build_toolbar(w: Any) -> None:
    tb = w.addToolBar("Main")
    tb.setObjectName("mainToolbar")
    tb.setMovable(False)
    tb.setIconSize(QSize(18, 18))
    tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for a in (w.open_action, w.close_action):
        tb.addAction(a)
    tb.addSeparator()
    tb.addAction(w.copy_action)
    tb.addAction(w.reset_zoom_action)
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    tb.addWidget(spacer)
    tb.addAction(w.about_action)


def show_about(w: Any) -> None:
    QMessageBox.about(
        w,
        f"About {APP_NAME}",
        f"<h3>{APP_NAME} {__version__}</h3>"
        "<p>Term-sheet viewer and purchase calculator for US retail notes "
        "(pricing supplements under Rule 424(b)).</p>"
        "<p>30/360 bond basis · New York banking calendar (Federal Reserve) · "
        "payment dates roll to the next banking day, accrual does not.</p>"
        "<p style='color:#5b6875'>For professional use. Figures are computed from the "
        "document as loaded; the prospectus and pricing supplement govern.</p>",
    )
