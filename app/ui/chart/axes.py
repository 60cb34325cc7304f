"""The chart's axes: dollars, percent and dates on ``QuietAxis``, an axis that is cheap to draw
again when its range changes (its bounds cached, its grid opaque behind the data)."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.DateAxisItem import (
    DAY_SPACING,
    MONTH_SPACING,
    YEAR_SPACING,
    TickSpec,
    ZoomLevel,
    makeMStepper,
    makeSStepper,
    makeYStepper,
)
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPen, QPicture

from app.ui.common.palette import current


class QuietAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph is untyped
    """An ``AxisItem`` that is cheap to draw again when its range changes, without SI prefixes.

    - Its bounding rect (its own area and, with a grid, its view's) is computed again only when
      either moves or resizes: Qt asks for it a dozen times per paint of a panel, and pyqtgraph
      computes it in Python each time.
    - Its grid lines are opaque, their colour the translucent one pyqtgraph picks already
      blended onto the plot's background, and the axis sits behind its view so the data cover
      the grid: a translucent 600-pixel line costs the raster engine ten times an opaque one
      (~4 ms for a panel's grid, on every rescale).
    """

    _bounds_key: tuple[Any, ...] | None = None
    _bounds = QRectF()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # no SI prefix: the tick labels carry their own units ($1.2k, 2.35%), and pyqtgraph's
        # prefix for a range under 1 scaled them by 1000 ("250.0%" for 0.25 %, "$500" for a
        # $0.50 coupon, the title "Yield (x0.001)"); it also re-set the title's HTML at every
        # change of range (~150 times at start-up)
        self.enableAutoSIPrefix(False)

    def setZValue(self, z: float) -> None:
        """Always behind the view (a PlotItem puts its axes at 0.5, above it)."""
        super().setZValue(min(z, BEHIND_VIEW))

    def boundingRect(self) -> QRectF:
        view = self.linkedView()
        style = self.style
        key = (
            self.geometry(),
            None if view is None else view.geometry(),
            self.grid,
            style["tickLength"],
            style["hideOverlappingLabels"],
        )
        if key != self._bounds_key:
            self._bounds_key = key
            self._bounds = QRectF(super().boundingRect())
        return QRectF(self._bounds)

    def generateDrawSpecs(self, p: QPainter) -> Any:
        specs = super().generateDrawSpecs(p)
        if specs is None:
            return None
        axis, ticks, texts = specs
        opaque: dict[int, QPen] = {}  # pyqtgraph shares one pen per tick level
        background = QColor(current().plot_bg)
        for pen, _a, _b in ticks:
            if id(pen) not in opaque:
                opaque[id(pen)] = blended(pen, background)
        return axis, [(opaque[id(pen)], a, b) for pen, a, b in ticks], texts

    def render_ahead(self) -> None:
        """Draw the axis into its picture now, as ``paint`` would (pyqtgraph's own steps): its
        labels are measured then, and an axis whose labels need more room resizes before the
        paint instead of during it (which painted the chart a second time at once)."""
        if self.picture is not None or not self.isVisible():
            return
        picture = QPicture()
        painter = QPainter(picture)
        try:
            if self.style["tickFont"]:
                painter.setFont(self.style["tickFont"])
            specs = self.generateDrawSpecs(painter)
            if specs is not None:
                self.drawPicture(painter, *specs)
        finally:
            painter.end()
        self.picture = picture


BEHIND_VIEW = -200.0  # below a PlotItem's ViewBox (z -100)


def blended(pen: QPen, background: QColor) -> QPen:
    """``pen`` made opaque: its colour as it shows drawn over ``background``."""
    color = pen.color()
    alpha = color.alphaF()
    if alpha >= 1.0:
        return pen
    opaque = QPen(pen)
    under = (background.redF(), background.greenF(), background.blueF())
    over = (color.redF(), color.greenF(), color.blueF())
    opaque.setColor(QColor.fromRgbF(*(b + (c - b) * alpha for c, b in zip(over, under, strict=True))))
    return opaque


def _money_tick(value: float) -> str:
    if abs(value) >= 1_000_000:
        return f"${value / 1_000_000:.1f}M"
    if abs(value) >= 10_000:
        return f"${value / 1000:.0f}k"
    if abs(value) >= 1000:
        return f"${value / 1000:.1f}k"
    return f"${value:,.0f}" if abs(value) >= 10 or value == 0 else f"${value:.2f}"


class MoneyAxis(QuietAxis):
    """Dollar tick labels ($26, $1.2k, $25k)."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [_money_tick(v * scale) for v in values]


class UtcZoomLevel(ZoomLevel):  # type: ignore[misc]
    """pyqtgraph's zoom level, for dates in UTC: its ticks are not moved to local time.

    pyqtgraph adds to each tick the UTC offset asked for (0 here) after working out the tick's
    local offset through ``QDateTime``, which it then drops: ~0.1 ms a tick on every redraw of
    the axis, and the first call reads the system's time zone (~3 ms of the start)."""

    def moveTicksToLocalTimeCoords(self, ticks: np.ndarray, spacing: int, skipFactor: int) -> np.ndarray:
        if self.utcOffset == 0:
            return ticks
        return super().moveTicksToLocalTimeCoords(ticks, spacing, skipFactor)


# the chart's dates at two zoom levels, the year always in view: a label names the larger units
# unless a coarser tick is in view ("2021 May Nov 2022", "Jun 2021 4 6 8"; zoomed in between two
# of them, "Mar 2021 Apr 2021" and "4 Jun 2021 6 Jun 2021"): pyqtgraph's own levels drop the year
_YEARS = UtcZoomLevel(
    [
        TickSpec(YEAR_SPACING, makeYStepper(1), "%Y", autoSkip=[1, 5, 10, 25]),
        TickSpec(MONTH_SPACING, makeMStepper(1), "%b %Y", autoSkip=[1, 2, 3, 6]),
    ],
    "MMM 0000",
)
_MONTHS = UtcZoomLevel(
    [
        TickSpec(MONTH_SPACING, makeMStepper(1), "%b %Y"),
        TickSpec(DAY_SPACING, makeSStepper(DAY_SPACING), "%d %b %Y", autoSkip=[1, 2, 5, 10]),
    ],
    "00 MMM 0000",
)


class DateAxis(QuietAxis, pg.DateAxisItem):  # type: ignore[misc]
    """Dates of UTC-midnight epoch seconds (the chart's x), years always shown."""

    def __init__(self, orientation: str = "bottom", utcOffset: int = 0) -> None:
        super().__init__(orientation=orientation, utcOffset=utcOffset)
        self.zoomLevels = OrderedDict([(np.inf, _YEARS), (10 * DAY_SPACING, _MONTHS)])
        self._top: float | None = None  # the spacing of the coarsest ticks in view
        # the dates take one line of the same font whatever the note: an empty chart (no
        # document yet, or every one closed) draws no date and pyqtgraph would shrink the axis
        # to that, then only to the first dates' own height, and the dates were cut off
        self.setStyle(autoReduceTextSpace=False)

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, list[float]]]:
        """pyqtgraph's, less the levels with no tick in view: the first level left is always
        labelled (months, when no new year falls in the view)."""
        levels: list[tuple[float, list[float]]] = super().tickValues(minVal, maxVal, size)
        levels = [level for level in levels if level[1]]
        self._top = levels[0][0] if levels else None
        return levels

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        """Below the coarsest ticks in view, the first word only ("May", "4")."""
        strings: list[str] = super().tickStrings(values, scale, spacing)
        if self._top is not None and spacing < self._top:
            return [text.split(" ", 1)[0] for text in strings]
        return strings

    def generateDrawSpecs(self, p: QPainter) -> Any:
        """pyqtgraph's, less the labels that would overlap one of a coarser level ("2 Jun 2021"
        beside "Jun 2021")."""
        specs = super().generateDrawSpecs(p)
        if specs is None:
            return None
        axis, ticks, texts = specs
        kept: list[tuple[QRectF, Any, str]] = []
        for rect, flags, text in texts:  # the coarsest level first
            if not any(rect.adjusted(-6, 0, 6, 0).intersects(other) for other, _f, _t in kept):
                kept.append((rect, flags, text))
        return axis, ticks, kept


def date_axis() -> DateAxis:
    return DateAxis(orientation="bottom", utcOffset=0)


class PercentAxis(QuietAxis):
    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        places = 2 if spacing < 0.1 else 1
        return [f"{v * scale:.{places}f}%" for v in values]
