"""Markers: a few same-styled symbols at data points, drawn as one pre-rendered image each.

The chart's markers (the first call's dot, the workout diamond, a dot per call date on short
schedules) change on nearly every edit. A ``ScatterPlotItem`` rebuilds its spot records, style
arrays and fragment lists on each ``setData`` and each paint (~0.3-0.4 ms per item per edit);
this item keeps two float arrays and blits the symbol image pyqtgraph itself renders
(``renderSymbol``: the same antialiased pixels a ``ScatterPlotItem`` draws). Hover tooltips are
looked up by the chart (``PaymentChart._mouse_moved``), not by the item.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import renderSymbol
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QImage


class Markers(pg.GraphicsObject):  # type: ignore[misc]  # pyqtgraph is untyped
    """``symbol`` ('o', 'd', … as ScatterPlotItem) of ``size`` pixels at each (x, y)."""

    def __init__(self, symbol: str, size: float, pen: Any = None, brush: Any = None) -> None:
        super().__init__()
        self._symbol = symbol
        self._size = size
        self._pen = pg.mkPen(pen) if pen is not None else pg.mkPen(None)
        self._brush = pg.mkBrush(brush) if brush is not None else pg.mkBrush(None)
        self._images: dict[float, QImage] = {}
        self._x = np.zeros(0)
        self._y = np.zeros(0)
        self._data_rect = QRectF()

    # -- data --------------------------------------------------------------------------
    def setData(self, x: Any, y: Any) -> None:
        """Place the markers (a no-op when they are where they were)."""
        xs = np.asarray(x, dtype=float)
        ys = np.asarray(y, dtype=float)
        if xs.shape == self._x.shape and np.array_equal(xs, self._x) and np.array_equal(ys, self._y):
            return
        self.prepareGeometryChange()
        self._x, self._y = xs, ys
        if xs.size:
            x0, x1, y0, y1 = float(xs.min()), float(xs.max()), float(ys.min()), float(ys.max())
            self._data_rect = QRectF(x0, y0, x1 - x0, y1 - y0)
        else:
            self._data_rect = QRectF()
        self.informViewBoundsChanged()
        self.update()

    def getData(self) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
        return self._x, self._y

    def dataBounds(self, ax: int, frac: float = 1.0, orthoRange: Any = None) -> tuple[Any, Any]:
        values = self._x if ax == 0 else self._y
        if not values.size:
            return None, None
        return float(values.min()), float(values.max())

    def pixelPadding(self) -> float:
        return self._size * 0.5 + 1

    # -- drawing -----------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        if not self._x.size:
            return QRectF()
        px, py = self.pixelVectors()
        pad = self.pixelPadding()
        dx = 0.0 if px is None else px.length() * pad
        dy = 0.0 if py is None else py.length() * pad
        return self._data_rect.adjusted(-dx, -dy, dx, dy)

    def _image(self, dpr: float) -> QImage:
        image = self._images.get(dpr)
        if image is None:
            image = renderSymbol(self._symbol, self._size, self._pen, self._brush, dpr=dpr)
            self._images[dpr] = image
        return image

    def paint(self, p: Any, *args: Any) -> None:
        if not self._x.size:
            return
        widget = args[1] if len(args) > 1 else None
        dpr = float(widget.devicePixelRatioF()) if widget is not None else 1.0
        image = self._image(dpr)
        half_w = image.width() / dpr / 2
        half_h = image.height() / dpr / 2
        transform = p.transform()
        p.resetTransform()
        for x, y in zip(self._x.tolist(), self._y.tolist(), strict=True):
            point = transform.map(QPointF(x, y))
            p.drawImage(QPointF(point.x() - half_w, point.y() - half_h), image)
        p.setTransform(transform)
