"""Drawing pieces of the chart's panels: the panel item, symbols, labels and a cached layer (the
axes are ``axes``).

pyqtgraph draws a plot as one ``QGraphicsItem`` per curve, bar set, line and label, and each of
them costs Python calls on every paint (``boundingRect``, ``pixelVectors``, label transforms)
and on every update. Each panel of the chart is instead one ``PanelItem`` whose ``paint`` draws
prepared arrays with a few ``QPainter`` calls. Its bounding rect is the visible view rect (the
ViewBox clips its children to it), computed once per view change, not per paint.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import renderSymbol
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QStaticText, QTransform
from PySide6.QtWidgets import QApplication, QGraphicsItem

from app.present.chart_arrays import EMPTY, Floats

TEXT_MARGIN = 4.0  # QTextDocument's margin around a pg.TextItem's text, kept so labels sit as before


def pen(color: Any, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    """A cosmetic pen (width in pixels), as ``pg.mkPen``."""
    result: QPen = pg.mkPen(color=color, width=width, style=style)
    return result


def dpr_of(widget: Any) -> float:
    return float(widget.devicePixelRatioF()) if widget is not None else 1.0


class Series:
    """Points a panel draws (also what tests read back with ``getData``)."""

    def __init__(self) -> None:
        self.x: Floats = EMPTY
        self.y: Floats = EMPTY

    def set(self, x: Floats, y: Floats) -> bool:
        """Replace the points; False when they are the ones already held."""
        if x.shape == self.x.shape and np.array_equal(x, self.x) and np.array_equal(y, self.y):
            return False
        self.x, self.y = x, y
        return True

    def getData(self) -> tuple[Floats, Floats]:
        return self.x, self.y


class Rects:
    """Axis-aligned rectangles in data coordinates, drawn with one ``drawRects`` call from a
    float array Qt reads in place (as ``pg.BarGraphItem`` does)."""

    def __init__(self) -> None:
        self._array = PrimitiveArray(QRectF, 4)
        self.x: Floats = EMPTY  # centres
        self.height: Floats = EMPTY
        self._width = 0.0

    def set(self, x: Floats, height: Floats, width: float) -> bool:
        """Bars centred on ``x``, from 0 to ``height``; False when they are the ones held."""
        same = x.shape == self.x.shape and width == self._width
        if same and np.array_equal(x, self.x) and np.array_equal(height, self.height):
            return False
        self.x, self.height, self._width = x, height, width
        self._array.resize(x.size)
        memory = self._array.ndarray()
        memory[:, 0] = x0 = x - width / 2
        memory[:, 1] = 0.0
        memory[:, 2] = (x + width / 2) - x0  # as pg.BarGraphItem: x1 - x0
        memory[:, 3] = height
        return True

    def __len__(self) -> int:
        return int(self.x.size)

    def draw(self, p: QPainter) -> None:
        if self.x.size:
            p.drawRects(*self._array.drawargs())


class StepLine:
    """A polyline of horizontal and vertical segments (a step curve) as ``width``-pixel rects
    filled in device pixels: the pixels a cosmetic square-capped pen of that width strokes
    (one pixel off at a few rounding edges), at a fifth of the cost of stroking each segment."""

    def __init__(self, width: float) -> None:
        self.width = width
        self.x: Floats = EMPTY
        self.y: Floats = EMPTY
        self._rects = PrimitiveArray(QRectF, 4)
        self._key: tuple[float, ...] | None = None

    def set(self, x: Floats, y: Floats) -> None:
        """The vertices (consecutive ones share an x or a y)."""
        self.x, self.y, self._key = x, y, None

    def draw(self, p: QPainter, t: QTransform, dpr: float) -> None:
        """Fill with the painter's brush; ``p`` is in device coordinates. The width is in
        device pixels, as a cosmetic pen's (half as many logical ones on a 2x screen)."""
        if self.x.size < 2:
            return
        key = (t.m11(), t.m12(), t.m21(), t.m22(), t.dx(), t.dy(), dpr)
        if key != self._key:
            self._key = key
            dx, dy = device_points(t, self.x, self.y)
            x0, x1 = np.minimum(dx[:-1], dx[1:]), np.maximum(dx[:-1], dx[1:])
            y0, y1 = np.minimum(dy[:-1], dy[1:]), np.maximum(dy[:-1], dy[1:])
            self._rects.resize(x0.size)
            memory = self._rects.ndarray()
            width = self.width / dpr
            memory[:, 0], memory[:, 1] = x0 - width / 2, y0 - width / 2
            memory[:, 2], memory[:, 3] = x1 - x0 + width, y1 - y0 + width
        p.setPen(Qt.PenStyle.NoPen)
        p.drawRects(*self._rects.drawargs())


def device_points(t: QTransform, xs: Floats, ys: Floats) -> tuple[Floats, Floats]:
    """``(xs, ys)`` mapped by ``t`` (a view transform: scale and translation only)."""
    return xs * t.m11() + ys * t.m21() + t.dx(), xs * t.m12() + ys * t.m22() + t.dy()


class Symbol:
    """A symbol ('o', 'd', … as ScatterPlotItem) of ``size`` pixels, blitted from the image
    pyqtgraph itself renders (``renderSymbol``: the pixels a ScatterPlotItem draws)."""

    def __init__(self, symbol: str, size: float, pen: Any = None, brush: Any = None) -> None:
        self._symbol = symbol
        self._size = size
        self._pen = pg.mkPen(pen) if pen is not None else pg.mkPen(None)
        self._brush = pg.mkBrush(brush) if brush is not None else pg.mkBrush(None)
        self._images: dict[float, QImage] = {}

    def _image(self, dpr: float) -> QImage:
        image = self._images.get(dpr)
        if image is None:
            image = self._images[dpr] = renderSymbol(
                self._symbol, self._size, self._pen, self._brush, dpr=dpr
            )
        return image

    def draw(self, p: QPainter, t: QTransform, xs: Floats, ys: Floats, dpr: float) -> None:
        """At each (x, y) in data coordinates; ``p`` has been reset to device coordinates."""
        if not xs.size:
            return
        image = self._image(dpr)
        half_w, half_h = image.width() / dpr / 2, image.height() / dpr / 2
        dx, dy = device_points(t, xs, ys)
        for x, y in zip((dx - half_w).tolist(), (dy - half_h).tolist(), strict=True):
            p.drawImage(QPointF(x, y), image)


class Label:
    """One line of plain text at a data point, placed like a ``pg.TextItem``: ``anchor`` (0, 0)
    puts the top-left of the text box there, (1, 1) the bottom-right; the box has the 4-pixel
    margin of the QTextDocument a TextItem lays its text out in. The text is prepared once per
    change (``QStaticText``), not laid out as a document. Drawn ``inside`` a panel, the text of a
    point in view stays in the panel (``_within``): a label by a point near the bottom of the
    panel goes above it. ``drawn`` is where its text was last drawn."""

    def __init__(self, color: Any, anchor: tuple[float, float]) -> None:
        self.color = QColor(pg.mkColor(color))
        self.anchor = anchor
        self.text = ""
        self.x = self.y = 0.0
        self.visible = False
        self._static = QStaticText()
        self._static.setTextFormat(Qt.TextFormat.PlainText)
        self._size = (0.0, 0.0)
        self.drawn = QRectF()

    def set(self, text: str, x: float, y: float, anchor: tuple[float, float] | None = None) -> bool:
        """Show ``text`` at (x, y); False when nothing changed."""
        anchor = self.anchor if anchor is None else anchor
        if self.visible and text == self.text and (x, y) == (self.x, self.y) and anchor == self.anchor:
            return False
        if text != self.text:
            self.text = text
            self._static.setText(text)
            self._size = (-1.0, -1.0)
        self.x, self.y, self.anchor, self.visible = x, y, anchor, True
        return True

    def hide(self) -> bool:
        changed = self.visible
        self.visible = False
        return changed

    def toPlainText(self) -> str:
        return self.text if self.visible else ""

    def draw_at(self, p: QPainter, x: float, y: float, font: QFont, inside: QRectF | None = None) -> None:
        """Draw with the anchor point at device (x, y), within ``inside`` if given."""
        if not self.visible or not self.text:
            return
        if self._size[0] < 0:
            self._static.prepare(QTransform(), font)
            size = self._static.size()
            self._size = (size.width() + 2 * TEXT_MARGIN, size.height() + 2 * TEXT_MARGIN)
        w, h = self._size
        ax, ay = self.anchor
        left, top = x - w * ax, y - h * ay
        if inside is not None and inside.contains(x, y):  # a point out of view: its label too
            left = _within(left, w, x - w * (1 - ax), inside.left(), inside.right())
            top = _within(top, h, y - h * (1 - ay), inside.top(), inside.bottom())
        m = TEXT_MARGIN
        self.drawn = QRectF(left + m, top + m, w - 2 * m, h - 2 * m)  # the text, without its margin
        p.setPen(self.color)
        p.setFont(font)
        p.drawStaticText(QPointF(left + TEXT_MARGIN, top + TEXT_MARGIN), self._static)

    def draw(self, p: QPainter, t: QTransform, font: QFont, inside: QRectF | None = None) -> None:
        """Draw at its data point; ``t`` maps data to device coordinates, ``p`` is in device ones."""
        point = t.map(QPointF(self.x, self.y))
        self.draw_at(p, point.x(), point.y(), font, inside)


def _within(start: float, size: float, flipped: float, low: float, high: float) -> float:
    """Where a box of ``size`` placed at ``start`` goes between ``low`` and ``high`` (its text,
    not its margin, must fit): where it is if it fits; nudged in if it crosses the edge by less
    than a third of its size; else on the other side of its point (``flipped``) if it fits
    there; else pushed in."""
    m = TEXT_MARGIN
    over = max(low - (start + m), (start + size - m) - high)
    pushed = max(low - m, min(start, high - size + m))
    if over <= 0:
        return start
    if over <= size / 3 or not low <= flipped + m <= flipped + size - m <= high:
        return pushed
    return flipped


class Layer:
    """A picture in device pixels covering the panel, redrawn only when ``key`` changes (its
    data, the view range, the panel's size): lines that stay while the other data change are
    one blit per paint instead of hundreds of 1-pixel spans per scanline."""

    def __init__(self) -> None:
        self._key: tuple[Any, ...] | None = None
        self._image: QImage | None = None
        self._origin = (0, 0)

    def invalidate(self) -> None:
        self._key = None

    def draw(
        self,
        p: QPainter,
        device: QRectF,
        dpr: float,
        key: tuple[Any, ...],
        render: Callable[[QPainter, float, float], None],
        left: float,
    ) -> None:
        """Blit the layer's columns from device x ``left`` on; ``render(painter, x0, y0)`` draws
        it in device coordinates less (x0, y0) when the cached picture is stale."""
        x0, y0 = math.floor(device.left()), math.floor(device.top())
        w, h = math.ceil(device.right()) - x0, math.ceil(device.bottom()) - y0
        if w <= 0 or h <= 0:
            return
        key = (*key, x0, y0, w, h, dpr)
        if key != self._key or self._image is None:
            self._key = key
            image = self._image
            if image is None or image.width() != round(w * dpr) or image.height() != round(h * dpr):
                image = self._image = QImage(
                    round(w * dpr), round(h * dpr), QImage.Format.Format_ARGB32_Premultiplied
                )
                image.setDevicePixelRatio(dpr)
            image.fill(0)
            painter = QPainter(image)
            render(painter, x0, y0)
            painter.end()
        cut = min(max(left - x0, 0.0), float(w))
        source = QRectF(cut * dpr, 0, (w - cut) * dpr, h * dpr)
        assert self._image is not None
        p.drawImage(QPointF(x0 + cut, y0), self._image, source)


def column_rects(xs: Floats, y0: float, y1: float) -> PrimitiveArray:
    """1-pixel-wide rects at device columns ``floor(xs)`` from row ``floor(y0)`` to ``floor(y1)``:
    the pixels Qt's raster engine sets for a cosmetic 1-pixel vertical line at each x."""
    rects = PrimitiveArray(QRectF, 4)
    rects.resize(xs.size)
    memory = rects.ndarray()
    memory[:, 0] = np.floor(xs)
    memory[:, 1] = math.floor(y0)
    memory[:, 2] = 1.0
    memory[:, 3] = math.floor(y1) - math.floor(y0) + 1
    return rects


def vertical_line(p: QPainter, line_pen: QPen, x: float, top: float, bottom: float) -> None:
    """A full-height line at device x, drawn bottom to top like a vertical ``pg.InfiniteLine``
    (the dash pattern starts at the bottom)."""
    p.setPen(line_pen)
    p.drawLine(QLineF(x, bottom, x, top))


def horizontal_line(p: QPainter, line_pen: QPen, t: QTransform, y: float, view: QRectF) -> None:
    """A full-width line at data ``y``, drawn left to right in data coordinates like a
    horizontal ``pg.InfiniteLine`` (same dash phase, same last pixel); ``p`` is left in device
    coordinates."""
    p.setTransform(t)
    p.setPen(line_pen)
    p.drawLine(QLineF(view.left(), y, view.right(), y))
    p.resetTransform()


def paint_nothing(*items: QGraphicsItem) -> None:
    """Mark layout containers that draw nothing (plots, view boxes, their child groups): Qt then
    skips them when it paints, instead of asking pyqtgraph, in Python, for their bounds."""
    for item in items:
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)


class PanelItem(pg.GraphicsObject):  # type: ignore[misc]  # pyqtgraph is untyped
    """Base of an item that draws a whole panel of a ``ViewBox``. Subclasses implement
    ``draw(p, t, device, dpr)``: ``p`` in device coordinates, ``t`` mapping data to them,
    ``device`` the visible view in device coordinates."""

    def __init__(self) -> None:
        super().__init__()
        self._rect: QRectF | None = None
        self.font = QFont(QApplication.font())  # a TextItem's font: the application's

    # -- geometry: the visible view, recomputed when the view changes ---------------------
    def boundingRect(self) -> QRectF:
        if self._rect is None:
            view = self.viewRect()
            self._rect = QRectF() if view is None else QRectF(view).normalized()
        return self._rect

    def viewRangeChanged(self) -> None:
        self._view_changed()

    def viewTransformChanged(self) -> None:
        super().viewTransformChanged()
        self._view_changed()

    def _view_changed(self) -> None:
        self._cachedView = None  # pyqtgraph's viewRect cache
        if self._rect is not None:
            self.prepareGeometryChange()
            self._rect = None

    def changed(self) -> None:
        """Repaint: the data drawn changed."""
        self.update()

    # -- drawing ------------------------------------------------------------------------
    def paint(self, p: QPainter, option: Any = None, widget: Any = None) -> None:
        rect = self.boundingRect()
        if rect.isEmpty():
            return
        t = p.transform()
        device = t.mapRect(rect)
        p.save()
        try:
            self.draw(p, t, device, dpr_of(widget))
        finally:
            p.restore()

    def draw(self, p: QPainter, t: QTransform, device: QRectF, dpr: float) -> None:
        raise NotImplementedError
