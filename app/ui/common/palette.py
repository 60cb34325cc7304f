"""The window's colours, one name per meaning, in a light and a dark set: the style sheet's
(``resources/style.qss`` names them ``@ink``, ``@surface`` …), and those the window draws data
with (the chart's marks, axes and legend, the tables' row marks, the terms' text). The red of a
first call is one colour in the chart, its legend and both tables.

``current()`` is the set in use (``app.ui.common.theme`` chooses it); read it when building or
restyling, never keep a colour across a theme change."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Colors:
    dark: bool
    # -- the window (style sheet, QPalette, terms, About box) --------------------------
    bg: str  # behind the panels
    window: str  # QPalette.Window: menus, dialogs
    surface: str  # panels, cards, inputs, tables
    surface_alt: str  # a table's alternate rows
    header: str  # table headers, scroll bar tracks
    line: str  # panel and card borders
    line_soft: str  # separators inside a panel
    grid: str  # table grid lines
    input_line: str  # input and button borders
    ink: str  # text
    ink_soft: str  # the chart's legend
    muted: str  # captions, labels
    faint: str  # hints, placeholders, weekends
    disabled: str
    accent: str  # titles, links, focus
    selection: str  # selected rows, the menu's current item (white text on it)
    on_selection: str
    hover: str
    pressed: str
    splitter_hover: str
    handle: str  # scroll bar handle
    handle_hover: str
    ok: str
    warn: str
    bad: str  # errors, holidays
    bad_bg: str  # an invalid input
    error_bg: str  # message strip: an error
    error_line: str
    warn_bg: str
    warn_line: str
    info_bg: str
    info_line: str
    shadow: str  # the style's frame shadows
    # -- the chart's marks (opaque tints: alpha-blended lines and fills are far slower) -----
    plot_bg: str
    coupon: str
    rolled: str  # a coupon paid late (weekend or holiday)
    principal: str
    principal_edge: str  # the principal bar's outline and label
    call: str  # the later call dates
    first_call: str  # also the yield to worst, and the call marks of the tables
    notice: str  # the notice window before the first call
    settle: str
    income: str
    maturity: str  # held to maturity: its line and label
    forgone: str  # what a call takes away
    yield_: str
    axis_title: str
    axis_text: str
    axis_line: str
    # -- the tables' row marks -----------------------------------------------------------
    rolled_row: str
    principal_row: str
    workout_row: str


LIGHT = Colors(
    dark=False,
    bg="#eef1f5",
    window="#f4f6f9",
    surface="#ffffff",
    surface_alt="#f7f9fb",
    header="#f4f6f9",
    line="#d5dce3",
    line_soft="#e8ecf1",
    grid="#eef1f5",
    input_line="#c3ccd6",
    ink="#1d2733",
    ink_soft="#3d4a57",
    muted="#5b6875",
    faint="#8a96a3",
    disabled="#9aa4ae",
    accent="#1f5fae",
    selection="#1f5fae",
    on_selection="#ffffff",
    hover="#e7eef8",
    pressed="#d6e3f5",
    splitter_hover="#c9d6e6",
    handle="#c3ccd6",
    handle_hover="#9fabb8",
    ok="#137a3a",
    warn="#a15c00",
    bad="#b42318",
    bad_bg="#fff5f4",
    error_bg="#fdf0ee",
    error_line="#e3b4ae",
    warn_bg="#fff8e8",
    warn_line="#ecd29c",
    info_bg="#eef4fc",
    info_line="#b9cde8",
    shadow="#5b6875",
    plot_bg="#ffffff",
    coupon="#2f6fbf",
    rolled="#8db3e2",
    principal="#e08a1e",
    principal_edge="#9c5a0c",
    call="#e8bab7",
    first_call="#b42318",
    notice="#f6e1e0",
    settle="#137a3a",
    income="#2f6fbf",
    maturity="#1d2733",
    forgone="#f3d9d6",
    yield_="#0f7b6c",
    axis_title="#5b6875",
    axis_text="#3d4a57",
    axis_line="#b8c2cc",
    rolled_row="#fff1cc",
    principal_row="#e6eefb",
    workout_row="#fdecea",
)

DARK = Colors(
    dark=True,
    bg="#14181d",
    window="#1b2026",
    surface="#1f252c",
    surface_alt="#232a32",
    header="#262d35",
    line="#343e49",
    line_soft="#2b333c",
    grid="#2a323b",
    input_line="#46515d",
    ink="#e4e9ef",
    ink_soft="#c0cad4",
    muted="#9eabb8",
    faint="#7f8c99",
    disabled="#5d6975",
    accent="#6fa8ef",
    selection="#2d68b4",
    on_selection="#ffffff",
    hover="#2a3541",
    pressed="#30465f",
    splitter_hover="#3b4c60",
    handle="#46515d",
    handle_hover="#5e6b79",
    ok="#55c884",
    warn="#e3a84a",
    bad="#f2756c",
    bad_bg="#3a2225",
    error_bg="#35211f",
    error_line="#6e3b37",
    warn_bg="#342b19",
    warn_line="#6b5528",
    info_bg="#1d2a3b",
    info_line="#34537a",
    shadow="#000000",
    plot_bg="#1f252c",
    coupon="#4d8fe0",
    rolled="#a3c6ef",
    principal="#f0a040",
    principal_edge="#f7c27c",
    call="#74403e",
    first_call="#ff6f62",
    notice="#452a2d",
    settle="#55c884",
    income="#5d9ce8",
    maturity="#d5dce3",
    forgone="#4a2b2c",
    yield_="#3cc4ae",
    axis_title="#8a97a4",
    axis_text="#b8c2cc",
    axis_line="#4a5561",
    rolled_row="#4a3d1c",
    principal_row="#22344d",
    workout_row="#4a2a2b",
)

NAMES = frozenset(f.name for f in fields(Colors))
_current = LIGHT


def current() -> Colors:
    """The colours in use."""
    return _current


def use(colors: Colors) -> None:
    """Make ``colors`` the ones in use (``theme.apply`` does, then restyles the window)."""
    global _current
    _current = colors


_NAME = re.compile(r"@([a-z_]+)")


def fill(text: str, colors: Colors | None = None) -> str:
    """``text`` (a style sheet, a terms page's CSS) with each ``@name`` of a colour replaced by
    its value in ``colors`` (default: the colours in use); other ``@words`` stay."""
    chosen = colors or _current
    return _NAME.sub(lambda m: str(getattr(chosen, m.group(1))) if m.group(1) in NAMES else m.group(0), text)
