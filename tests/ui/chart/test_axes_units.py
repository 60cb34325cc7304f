"""The chart's axes print their own units and no SI prefix. pyqtgraph's prefix, on by default,
scaled every tick of an axis whose range stays under 1 by 1000 and retitled it: a note yielding
under 1 % read "250.0%" for 0.25 %, a $0.50 monthly coupon (a $1,000 note at 0.6 %) read "$500",
under titles "Yield (x0.001)" and "Coupons (x0.001)"."""

from __future__ import annotations

from typing import Any

import pytest

from app.ui.chart.axes import MoneyAxis, PercentAxis, QuietAxis, date_axis


def ticks(axis: QuietAxis, values: list[float], spacing: float) -> list[str]:
    """The strings the axis draws for ``values`` (the scale its ``generateDrawSpecs`` passes)."""
    return list(axis.tickStrings(values, axis.autoSIPrefixScale * axis.scale, spacing))


@pytest.mark.parametrize(
    ("axis", "title", "low", "high", "values", "spacing", "expected"),
    [
        (PercentAxis, "Yield", 0.2, 0.8, [0.3, 0.6], 0.3, ["0.3%", "0.6%"]),
        (PercentAxis, "Yield", 0.02, 0.09, [0.05], 0.01, ["0.05%"]),
        (MoneyAxis, "Coupons", 0.0, 0.9, [0.5], 0.1, ["$0.50"]),
        (MoneyAxis, "Payment", 0.0, 2.5e9, [1e9], 5e8, ["$1000.0M"]),
        (PercentAxis, "Yield", 1.0, 6.0, [2.0, 4.0], 2.0, ["2.0%", "4.0%"]),  # as before
    ],
)
def test_small_and_large_ranges_keep_their_units(
    qapp: Any,
    axis: type,
    title: str,
    low: float,
    high: float,
    values: list[float],
    spacing: float,
    expected: list[str],
) -> None:
    item = axis("left")
    item.setLabel(title)
    item.setRange(low, high)
    assert ticks(item, values, spacing) == expected
    assert "(x" not in item.labelString()
    assert title in item.labelString()


def test_the_date_axis_has_no_prefix_either(qapp: Any) -> None:
    assert date_axis().autoSIPrefix is False


DAY = 86400.0


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("2019-11-29", "2022-11-15"),  # years and months
        ("2021-03-02", "2051-06-15"),  # a 30-year note: years only
        ("2021-05-20", "2021-06-30"),  # days (zoomed in)
        ("1999-12-25", "2000-01-10"),  # across a new year
    ],
)
def test_utc_dates_are_ticked_as_pyqtgraph_ticks_them_without_its_local_time_work(
    qapp: Any, monkeypatch: pytest.MonkeyPatch, first: str, last: str
) -> None:
    """The dates axis skips pyqtgraph's move of each tick to local time (for a UTC offset of 0
    it adds 0, after ~0.1 ms of ``QDateTime`` work a tick and a read of the system's time zone):
    the ticks are the ones pyqtgraph's own zoom levels give."""
    from datetime import date

    import pyqtgraph.graphicsItems.DateAxisItem as pg_dates
    from pyqtgraph.graphicsItems.DateAxisItem import ZoomLevel
    from PySide6.QtGui import QFont, QFontMetrics

    def x(text: str) -> float:
        return (date.fromisoformat(text) - date(1970, 1, 1)).days * DAY

    ours = date_axis()
    theirs = date_axis()
    theirs.zoomLevels = type(ours.zoomLevels)(
        (key, ZoomLevel(level.tickSpecs, level.exampleText)) for key, level in ours.zoomLevels.items()
    )
    for axis in (ours, theirs):  # as ``generateDrawSpecs`` sets it before asking for the ticks
        axis.fontMetrics = QFontMetrics(QFont())
    for size in (300.0, 650.0, 1200.0):
        expected = theirs.tickValues(x(first), x(last), size)
        with monkeypatch.context() as patch:  # not called for UTC dates
            patch.setattr(pg_dates, "applyOffsetFromUtc", lambda *_: pytest.fail("local time worked out"))
            got = ours.tickValues(x(first), x(last), size)
        assert [(spacing, list(values)) for spacing, values in got] == [
            (spacing, list(values)) for spacing, values in expected
        ]
        assert any(len(values) for _spacing, values in got)
