"""The window's chrome: actions with shortcuts, the menus, the toolbar and the About box.

``Chrome(window, commands, …)`` builds them on ``window`` and triggers only the public
``Commands`` the window offers; the window keeps the ``Chrome`` (its actions, the Open Recent menu,
the export items) and reaches nothing of it by hidden attributes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QSize, Qt, SignalInstance
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QSizePolicy, QWidget

from app import __version__
from app.ui.common import Theme, icon, palette, theme
from app.ui.exports import ExportActions, ExportHost, FolderMemory, install
from app.ui.window import settings

APP_NAME = "Term Sheet"
Shortcut = QKeySequence | QKeySequence.StandardKey | str | None


class Commands(Protocol):
    """What the menus, the toolbar and the shortcuts do."""

    def open_dialog(self) -> None: ...

    def open_files(self, paths: Sequence[str]) -> None: ...

    def open_sample(self) -> None: ...

    def close_current(self) -> None: ...

    def copy_table(self) -> None: ...

    def focus_filter(self) -> None: ...

    def focus_amount(self) -> None: ...

    def reset_zoom(self) -> None: ...

    def show_page(self, page: int) -> None: ...

    def set_theme(self, choice: Theme) -> None: ...


class ProposalMenus(Protocol):
    """The proposal's items, placed in the File and Edit menus (``ProposalActions``)."""

    def add_file_items(self, menu: QMenu) -> None: ...

    def add_export_menu(self, menu: QMenu, before: QAction | None) -> None: ...

    def add_edit_items(self, menu: QMenu) -> None: ...


class Chrome:
    """The actions (they work with the menus closed too), menus and toolbar of ``window``."""

    def __init__(
        self,
        window: QMainWindow,
        commands: Commands,
        host: ExportHost,
        folders: FolderMemory,
        validity: SignalInstance | None = None,
        proposals: ProposalMenus | None = None,
    ) -> None:
        self.window = window
        self.commands = commands
        self.proposals = proposals
        self._build_actions()
        self.recent_menu, self.exports = self._build_menus(host, folders, validity)
        self._build_toolbar()

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: Shortcut = None,
        name: str = "",
        icon_name: str = "",
    ) -> QAction:
        a = QAction(text, self.window)
        a.triggered.connect(slot)
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        if name:
            a.setObjectName(name)
        if icon_name:
            a.setIcon(icon(icon_name))
            a.setProperty("iconName", icon_name)  # drawn again in a new theme's colours
        return a

    def _build_actions(self) -> None:
        c, action, keys = self.commands, self._action, QKeySequence.StandardKey
        self.open_action = action("&Open…", c.open_dialog, keys.Open, "openAction", "open")
        self.open_action.setToolTip("Open pricing supplements or offering files (Ctrl+O)")
        self.close_action = action("&Close document", c.close_current, keys.Close, "closeAction", "close")
        self.sample_action = action("Open the &sample offering", c.open_sample, name="sampleAction")
        self.quit_action = action("&Quit", self.window.close, keys.Quit, "quitAction")
        self.copy_action = action(
            "&Copy coupon calendar", c.copy_table, "Ctrl+Shift+C", "copyTableAction", "copy"
        )
        self.filter_action = action("&Filter offerings", c.focus_filter, keys.Find, "filterAction")
        self.amount_action = action("Go to &amount", c.focus_amount, "Ctrl+L", "amountAction")
        self.reset_zoom_action = action(
            "&Reset chart zoom", c.reset_zoom, "Ctrl+0", "resetZoomAction", "zoom-reset"
        )
        self.about_action = action(
            "&About Term Sheet", lambda: show_about(self.window), name="aboutAction", icon_name="about"
        )
        self.page_actions = [
            action(f"&{title}", lambda _=False, i=i: c.show_page(i), f"Ctrl+{i + 1}", f"{name}PageAction")
            for i, (title, name) in enumerate(
                (("Calculator", "calculator"), ("Compare notes", "compare"), ("Proposal", "proposal"))
            )
        ]
        for a in (self.copy_action, self.filter_action, self.amount_action, self.reset_zoom_action):
            self.window.addAction(a)
        for a in self.page_actions:
            self.window.addAction(a)
        self.theme_actions = QActionGroup(self.window)
        for choice, text in ((Theme.SYSTEM, "&System"), (Theme.LIGHT, "&Light"), (Theme.DARK, "&Dark")):
            a = action(
                text, lambda _=False, t=choice: c.set_theme(t), name=f"theme{choice.name.title()}Action"
            )
            a.setCheckable(True)
            a.setData(choice.value)
            self.theme_actions.addAction(a)
        self.show_theme()

    def show_theme(self) -> None:
        """Check the theme in effect; when the environment names it, the choice is not the user's."""
        chosen = theme.choice()
        forced = theme.env_choice() is not None
        for a in self.theme_actions.actions():
            a.setChecked(a.data() == chosen.value)
            a.setEnabled(not forced)
            a.setToolTip(f"Set by {theme.ENV}" if forced else "")

    def restyle(self) -> None:
        """The theme changed: the toolbar's and menus' icons in the new colours."""
        for a in self.window.findChildren(QAction):
            name = a.property("iconName")
            if name:
                a.setIcon(icon(str(name)))
        self.show_theme()

    def _build_menus(
        self, host: ExportHost, folders: FolderMemory, validity: SignalInstance | None
    ) -> tuple[QMenu, ExportActions]:
        bar = self.window.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.open_action)
        recent = file_menu.addMenu("Open &Recent")
        recent.setObjectName("recentMenu")
        recent.aboutToShow.connect(self.fill_recent)
        file_menu.addAction(self.sample_action)
        file_menu.addAction(self.close_action)
        file_menu.addSeparator()
        if self.proposals is not None:
            self.proposals.add_file_items(file_menu)
            file_menu.addSeparator()
        exports = install(self.window, file_menu, host, folders, validity)
        if self.proposals is not None:
            self.proposals.add_export_menu(file_menu, exports.print_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.copy_action)
        edit_menu.addAction(self.filter_action)
        edit_menu.addAction(self.amount_action)
        if self.proposals is not None:
            edit_menu.addSeparator()
            self.proposals.add_edit_items(edit_menu)
        view_menu = bar.addMenu("&View")
        for a in self.page_actions:
            view_menu.addAction(a)
        view_menu.addSeparator()
        view_menu.addAction(self.reset_zoom_action)
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu("&Theme")
        theme_menu.setObjectName("themeMenu")
        theme_menu.addActions(self.theme_actions.actions())
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about_action)
        return recent, exports

    def _build_toolbar(self) -> None:
        tb = self.window.addToolBar("Main")
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        tb.setIconSize(QSize(18, 18))
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for a in (self.open_action, self.close_action):
            tb.addAction(a)
        tb.addSeparator()
        tb.addAction(self.copy_action)
        tb.addAction(self.reset_zoom_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        tb.addWidget(spacer)
        tb.addAction(self.about_action)

    def fill_recent(self) -> None:
        """File ▸ Open Recent, as the menu opens: the recent files that still exist."""
        menu = self.recent_menu
        menu.clear()
        recent = [p for p in settings.recent_files() if Path(p).is_file()]
        for i, path in enumerate(recent, start=1):
            a = menu.addAction(f"&{i % 10}  {Path(path).name}")
            a.setToolTip(path)
            a.triggered.connect(lambda _=False, p=path: self.commands.open_files([p]))
        if not recent:
            menu.addAction("No recent files").setEnabled(False)
        menu.addSeparator()
        menu.addAction("Clear list", settings.clear_recent).setEnabled(bool(recent))


def show_about(w: QWidget) -> None:
    QMessageBox.about(
        w,
        f"About {APP_NAME}",
        f"<h3>{APP_NAME} {__version__}</h3>"
        "<p>Term-sheet viewer and purchase calculator for US retail notes "
        "(pricing supplements under Rule 424(b)).</p>"
        "<p>30/360 bond basis · New York banking calendar (Federal Reserve) · "
        "payment dates roll to the next banking day, accrual does not.</p>"
        f"<p style='color:{palette.current().muted}'>For professional use. Figures are computed from the "
        "document as loaded; the prospectus and pricing supplement govern.</p>",
    )
