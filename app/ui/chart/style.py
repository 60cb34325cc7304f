"""The chart's look, declared once: its legend (glyph, meaning, colour), the grid, and how many
call dates get a dot. The colours are the window's palette in use (``app.ui.common.palette``)."""

from __future__ import annotations

from collections.abc import Iterable

from app.ui.common.palette import Colors, current

GRID_ALPHA = 0.18
DOTS_UP_TO = 60  # a dot per call date up to this many; beyond, the line alone stays readable


def legend(colors: Colors) -> tuple[tuple[str, str, str], ...]:
    """The legend's entries: glyph, meaning, colour."""
    c = colors
    return (
        ("■", "Coupon", c.coupon),
        ("■", "Paid late (weekend/holiday)", c.rolled),
        ("■", "Principal (bar capped)", c.principal),
        ("┃", "First call", c.first_call),
        ("█", "Notice window", c.notice),
        ("│", "Other call dates", c.call),
        ("┆", "Settle", c.settle),
        ("━", "Coupons received", c.income),
        ("●", "If called then", c.first_call),
        ("╌", "Held to maturity", c.maturity),
        ("█", "Forgone if called", c.forgone),
        ("━", "Yield to each call date", c.yield_),
        ("◆", "Yield to worst", c.first_call),
    )


def legend_html(entries: Iterable[tuple[str, str, str]] | None = None) -> str:
    """A legend (``entries``: glyph, meaning, colour; the call chart's by default) as rich text in
    the colours in use; its text takes the style sheet's colour."""
    items = [
        f"<span style='color:{color}; font-size:10pt'>{glyph}</span>&nbsp;{text.replace(' ', '&nbsp;')}"
        for glyph, text, color in (legend(current()) if entries is None else entries)
    ]
    return "&nbsp;&nbsp; ".join(items)
