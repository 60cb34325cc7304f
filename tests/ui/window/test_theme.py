"""Light and dark (issue 14 item 11): the window used to force its light look on a dark desktop.
It now follows the desktop's colour scheme (``QStyleHints.colorScheme``; the offscreen platform
reports none, so the tests play the desktop by patching it and emitting ``colorSchemeChanged``),
also when it changes while the window is open; View ▸ Theme overrides it and is kept for the next
start; ``TERMSHEET_THEME`` overrides both. Every colour the window writes out (chart, legend,
tables' row marks, terms, calendar, About box) comes from the palette in use, and the chart's
marks and labels keep their contrast on either background (WCAG 2 contrast ratios)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QAction, QColor, QImage, QStyleHints
from PySide6.QtWidgets import QApplication, QLabel

from app.cli import CalcArgs
from app.paths import resources_dir
from app.ui.chart.style import legend
from app.ui.common import Theme, palette, theme
from app.ui.common.palette import DARK, LIGHT, NAMES, Colors
from app.ui.common.resources import style_sheet
from app.ui.window import settings
from app.ui.window.start import build_window
from tests.ui.windows import loaded


def start(qtbot: Any, screenshot: bool = False) -> Any:
    win = loaded(build_window([], CalcArgs(), screenshot=screenshot))
    qtbot.addWidget(win)
    win.resize(1366, 705)
    win.show()
    qtbot.waitExposed(win)
    win.chart.ensure_plot()
    QApplication.processEvents()
    return win


def desktop(monkeypatch: pytest.MonkeyPatch, scheme: Qt.ColorScheme) -> None:
    """The desktop reports ``scheme`` (and says so, as a desktop switching does)."""
    monkeypatch.setattr(QStyleHints, "colorScheme", lambda self: scheme)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.styleHints().colorSchemeChanged.emit(scheme)
    QApplication.processEvents()


def lightness(image: QImage, x: int, y: int) -> int:
    return QColor(image.pixel(x, y)).lightness()


def looks(win: Any) -> dict[str, int]:
    """How light what the user sees is (0 black … 255 white): the window's background, the
    chart's plot area, a table cell's background and its text colour."""
    shot = win.grab().toImage()
    central = win.panes.central
    corner = central.mapTo(win, QPoint(central.width() - 3, central.height() - 3))
    plot = win.chart.plot
    plot_shot = plot.grab().toImage()
    table = win.coupon_table
    return {
        "window": lightness(shot, corner.x(), corner.y()),
        "plot": lightness(plot_shot, plot.width() - 4, 4),
        "table": QColor(table.palette().color(table.palette().ColorRole.Base)).lightness(),
        "text": QColor(table.palette().color(table.palette().ColorRole.Text)).lightness(),
    }


def assert_dark(win: Any) -> None:
    seen = looks(win)
    assert seen["window"] < 60 and seen["plot"] < 60 and seen["table"] < 60, seen
    assert seen["text"] > 190, seen


def assert_light(win: Any) -> None:
    seen = looks(win)
    assert seen["window"] > 200 and seen["plot"] > 200 and seen["table"] > 200, seen
    assert seen["text"] < 80, seen


def test_a_dark_desktop_gets_a_dark_window(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    desktop(monkeypatch, Qt.ColorScheme.Dark)
    win = start(qtbot)
    assert_dark(win)
    assert win.findChild(QLabel, "totalCostValue").text() == "$1,000.00"  # the same figures


def test_the_desktop_switching_at_run_time_restyles_everything(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    win = start(qtbot)
    assert_light(win)
    desktop(monkeypatch, Qt.ColorScheme.Dark)
    assert_dark(win)
    c = palette.current()
    assert c is DARK
    assert c.ink in win.terms.toHtml() and LIGHT.ink not in win.terms.toHtml()
    assert c.coupon in win.chart.legend.text()
    rows = win.coupon_table.model()
    rolled = next(r for r in range(rows.rowCount()) if rows.rows()[r].rolled)
    assert rows.painted(rolled)[Qt.ItemDataRole.BackgroundRole.value][3].color() == QColor(c.rolled_row)
    calendar = win.calculator.settleDateEdit.calendarWidget()
    calendar.setCurrentPage(2020, 1)  # Martin Luther King Jr. Day, 2020-01-20
    assert calendar.dateTextFormat(QDate(2020, 1, 20)).foreground().color() == QColor(c.bad)
    desktop(monkeypatch, Qt.ColorScheme.Light)
    assert_light(win)


def test_view_theme_is_kept_for_the_next_start(qtbot: Any, isolated_settings: Path) -> None:
    win = start(qtbot)
    dark = win.findChild(QAction, "themeDarkAction")
    assert dark is not None and dark.isEnabled()
    dark.trigger()
    assert_dark(win)
    assert dark.isChecked()
    assert settings.settings().value(settings.THEME) == "dark"
    win.close()
    theme.apply(QApplication.instance(), Theme.SYSTEM)  # a new process starts with the desktop's
    again = start(qtbot)
    assert_dark(again)
    assert again.findChild(QAction, "themeDarkAction").isChecked()
    again.findChild(QAction, "themeSystemAction").trigger()  # the offscreen desktop is light
    assert_light(again)
    assert settings.settings().value(settings.THEME) == "system"


def test_the_environment_wins(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.settings().setValue(settings.THEME, "light")
    monkeypatch.setenv(theme.ENV, "dark")
    win = start(qtbot)
    assert_dark(win)
    system = win.findChild(QAction, "themeSystemAction")
    assert not system.isEnabled() and theme.ENV in system.toolTip()


def test_screenshots_take_the_environment_s_theme(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.settings().setValue(settings.THEME, "dark")  # not read for a screenshot
    assert_light(start(qtbot, screenshot=True))
    monkeypatch.setenv(theme.ENV, "dark")
    theme.apply(QApplication.instance())
    assert_dark(start(qtbot, screenshot=True))


def test_every_colour_name_of_the_style_sheet_is_in_both_sets() -> None:
    text = (resources_dir() / "style.qss").read_text(encoding="utf-8")
    used = set(re.findall(r"@([a-z_]+)", text))
    assert used and used <= NAMES
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b", text)  # every colour by name
    for colors in (LIGHT, DARK):
        assert "@" not in style_sheet(colors)


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours (1 … 21)."""

    def luminance(color: str) -> float:
        c = QColor(color)
        channels = [v / 255 for v in (c.red(), c.green(), c.blue())]
        r, g, b = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("colors", [LIGHT, DARK], ids=["light", "dark"])
def test_both_sets_read_well(colors: Colors) -> None:
    c = colors
    # text on panels: body text AAA, captions and hints AA
    assert contrast(c.ink, c.surface) >= 7
    for name in ("muted", "accent", "ok", "warn", "bad"):
        assert contrast(getattr(c, name), c.surface) >= 4.5, name
    assert contrast(c.faint, c.surface) >= 3
    assert contrast(c.on_selection, c.selection) >= 4.5
    # the chart's labels are text on the plot; its marks are graphics (3:1)
    for name in ("axis_text", "first_call", "settle", "maturity", "principal_edge"):
        assert contrast(getattr(c, name), c.plot_bg) >= 4.5, name
    for name in ("coupon", "income", "yield_"):  # (the principal bar has principal_edge's outline)
        assert contrast(getattr(c, name), c.plot_bg) >= 3, name
    # paid late is a tint of the coupon bar beside it: it tells from it and shows on the plot
    assert contrast(c.coupon, c.rolled) >= 1.6 and contrast(c.rolled, c.plot_bg) >= 2
    # the shaded notice window and forgone income show, and the call lines over them
    for name in ("notice", "forgone"):
        assert contrast(getattr(c, name), c.plot_bg) >= 1.12, name
    assert contrast(c.call, c.plot_bg) >= 1.3
    # table row marks keep the table's text readable
    for name in ("rolled_row", "principal_row", "workout_row"):
        assert contrast(c.ink, getattr(c, name)) >= 7, name
    assert contrast(c.first_call, c.surface) >= 4.5


@pytest.mark.parametrize("colors", [LIGHT, DARK], ids=["light", "dark"])
def test_the_legend_is_the_chart_s_colours(colors: Colors) -> None:
    marks = {text: color for _glyph, text, color in legend(colors)}
    assert marks["Coupon"] == colors.coupon and marks["Yield to worst"] == colors.first_call
    assert set(marks.values()) <= {getattr(colors, name) for name in NAMES if name != "dark"}
