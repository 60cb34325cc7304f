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
