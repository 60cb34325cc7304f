"""The chart's look, declared once: its legend (glyph, meaning, colour), the grid, and how many
call dates get a dot. The colours are the window's palette (``app.ui.common.palette``)."""

from __future__ import annotations

from app.ui.common.palette import (
    CALL,
    COUPON,
    FIRST_CALL,
    FORGONE,
    INCOME,
    MATURITY,
    NOTICE,
    PRINCIPAL,
    ROLLED,
    SETTLE,
    YIELD,
)

GRID_ALPHA = 0.18
DOTS_UP_TO = 60  # a dot per call date up to this many; beyond, the line alone stays readable

LEGEND: tuple[tuple[str, str, str | tuple[int, int, int, int]], ...] = (
    ("■", "Coupon", COUPON),
    ("■", "Paid late (weekend/holiday)", ROLLED),
    ("■", "Principal (bar capped)", PRINCIPAL),
    ("┃", "First call", FIRST_CALL),
    ("█", "Notice window", NOTICE),
    ("│", "Other call dates", CALL),
    ("┆", "Settle", SETTLE),
    ("━", "Coupons received", INCOME),
    ("●", "If called then", FIRST_CALL),
    ("╌", "Held to maturity", MATURITY),
    ("█", "Forgone if called", FORGONE),
    ("━", "Yield to each call date", YIELD),
    ("◆", "Yield to worst", FIRST_CALL),
)


def _css(color: str | tuple[int, int, int, int]) -> str:
    if isinstance(color, str):
        return color
    r, g, b, a = color
    return f"rgba({r},{g},{b},{max(a, 110)})"


def legend_html() -> str:
    items = [
        f"<span style='color:{_css(color)}; font-size:10pt'>{glyph}</span>&nbsp;{text.replace(' ', '&nbsp;')}"
        for glyph, text, color in LEGEND
    ]
    return "&nbsp;&nbsp; ".join(items)
