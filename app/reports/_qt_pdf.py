"""The one-page client term sheet as a PDF (``QTextDocument`` → ``QPdfWriter``) or on a printer.

The page is the HTML of ``termsheet_html`` plus a payments chart painted here with ``QPainter``
into a ``QImage``. The text stays real text in the PDF (searchable, copyable). The page is laid
out at the device's resolution and, if it would not fit, scaled down to one page. PySide6 is
imported inside the functions, so importing this module (and ``calc``/``show``) never loads Qt.
Needs only a ``QGuiApplication``; ``ensure_gui_app`` makes one (offscreen without a display).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from app.domain.model import CouponType, Offering, Quote
from app.reports.termsheet_html import CHART_URL, term_sheet_html

if TYPE_CHECKING:
    from PySide6.QtGui import QGuiApplication, QImage, QPagedPaintDevice, QPainter, QTextDocument
    from PySide6.QtPrintSupport import QPrinter

CHART_SIZE = (710, 180)  # logical 96-dpi pixels: 7.4 in × 1.9 in on the page
CHART_SCALE = 3  # image pixels per logical pixel (about 290 dpi on paper)
MARGIN_INCH = 0.55
BAR, CALL_SHADE, GRID, AXIS_TEXT = "#2f6f9f", "#fbe8d0", "#dde3ea", "#5b6776"
CALL_BAR = "#9cc0dc"  # a zero's call amount: lighter than the principal

_app: QGuiApplication | None = None


def ensure_gui_app() -> None:
    """Make sure a ``QGuiApplication`` exists (fonts and painting need one)."""
    global _app
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is not None:
        return
    argv = [sys.argv[0] if sys.argv else "termsheet"]
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    if headless and not os.environ.get("QT_QPA_PLATFORM"):
        argv += ["-platform", "offscreen"]
    _app = QGuiApplication(argv)


# --- the chart -------------------------------------------------------------------------------


def _nice_step(top: Decimal) -> float:
    """A 1-2-5 step giving three to six gridlines up to ``top``."""
    value = float(top) or 1.0
    magnitude = 10 ** (len(str(int(value))) - 1) if value >= 1 else 0.01
    for factor in (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10):
        step = magnitude * factor
        if value / step <= 5:
            return step
    return magnitude * 10


def chart_image(q: Quote, width: int = CHART_SIZE[0], height: int = CHART_SIZE[1]) -> QImage:
    """Bars of each payment by date, the callable period shaded; ``width``×``height`` logical
    pixels, rendered at ``CHART_SCALE`` for print."""
    from PySide6.QtGui import QColor, QImage, QPainter

    image = QImage(width * CHART_SCALE, height * CHART_SCALE, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.scale(CHART_SCALE, CHART_SCALE)
        _paint_chart(painter, q, width, height)
    finally:
        painter.end()
    image.setDotsPerMeterX(int(96 * CHART_SCALE / 0.0254))
    image.setDotsPerMeterY(int(96 * CHART_SCALE / 0.0254))
    return image


def _bars(q: Quote) -> list[tuple[date, Decimal, str]]:
    """What the chart draws: each coupon on its payment date; a zero-coupon note, which pays
    none, its principal at maturity and (lighter) what each call date would repay."""
    if q.purchase.note.coupon_type is not CouponType.ZERO:
        return [(c.payment_date, c.amount, BAR) for c in q.coupons]
    r = q.redemption
    return [(c.payment_date, q.call_amount(c), CALL_BAR) for c in q.calls] + [(r.payment_date, r.amount, BAR)]


class _Axes:
    """Maps dates and amounts to pixels inside the plot rectangle."""

    def __init__(self, q: Quote, left: float, top: float, right: float, bottom: float) -> None:
        bars = _bars(q)
        first = q.purchase.settle_date.toordinal()
        last = max(q.redemption.payment_date.toordinal(), first + 1)
        pad = (last - first) / max(len(bars), 1) * 0.6  # room for the end bars
        self.start, self.end = first - pad, last + pad
        amounts = [amount for _, amount, _ in bars] or [Decimal(0)]
        self.step = _nice_step(max(amounts))
        self.top_value = self.step * max(1, -(-float(max(amounts)) // self.step))
        self.left, self.top, self.right, self.bottom = left, top, right, bottom

    def x(self, d: date) -> float:
        span = self.right - self.left
        return self.left + span * (d.toordinal() - self.start) / (self.end - self.start)

    def y(self, amount: float) -> float:
        return self.bottom - (self.bottom - self.top) * amount / self.top_value


def _money_label(value: float) -> str:
    return f"${value:,.0f}" if value >= 10 or value == 0 else f"${value:,.2f}"


def _paint_chart(painter: QPainter, q: Quote, width: int, height: int) -> None:
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QPen

    font = QFont()
    font.setFamilies(["Helvetica", "Arial", "DejaVu Sans"])
    font.setPixelSize(9)
    painter.setFont(font)
    axes = _Axes(q, 48, 18, width - 8, height - 18)
    plot = QRectF(axes.left, axes.top, axes.right - axes.left, axes.bottom - axes.top)
    if q.calls:  # the callable period
        x0 = axes.x(q.calls[0].date)
        painter.fillRect(QRectF(x0, plot.top(), plot.right() - x0, plot.height()), QColor(CALL_SHADE))
        painter.setPen(QColor("#a35a00"))
        first = q.calls[0].date
        painter.drawText(
            QRectF(x0, 0, plot.right() - x0, axes.top - 3),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
            f"callable from {first:%b} {first.day}, {first.year}",
        )
    painter.setPen(QPen(QColor(GRID), 0.6))
    value = 0.0
    while value <= axes.top_value + 1e-9:
        y = axes.y(value)
        painter.setPen(QPen(QColor(GRID), 0.6))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(QColor(AXIS_TEXT))
        painter.drawText(
            QRectF(0, y - 7, axes.left - 6, 14),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            _money_label(value),
        )
        value += axes.step
    _paint_bars(painter, q, axes)
    _paint_years(painter, q, axes)


def _paint_bars(painter: QPainter, q: Quote, axes: _Axes) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor

    bars = _bars(q)
    width = max(0.8, min(12.0, (axes.right - axes.left) / max(len(bars), 1) * 0.55))
    for paid, amount, colour in bars:
        x = axes.x(paid)
        y = axes.y(float(amount))
        painter.fillRect(QRectF(x - width / 2, y, width, axes.bottom - y), QColor(colour))


def _paint_years(painter: QPainter, q: Quote, axes: _Axes) -> None:
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QPen

    painter.setPen(QPen(QColor(AXIS_TEXT), 0.8))
    painter.drawLine(QPointF(axes.left, axes.bottom), QPointF(axes.right, axes.bottom))
    first, last = q.purchase.settle_date.year + 1, q.redemption.payment_date.year
    years = list(range(first, last + 1))
    every = max(1, len(years) // 10 + (1 if len(years) % 10 else 0)) if len(years) > 10 else 1
    for year in years[::every]:
        x = axes.x(date(year, 1, 1))
        painter.drawLine(QPointF(x, axes.bottom), QPointF(x, axes.bottom + 3))
        painter.drawText(QRectF(x - 20, axes.bottom + 3, 40, 14), Qt.AlignmentFlag.AlignCenter, str(year))


# --- the page --------------------------------------------------------------------------------


def page_document() -> QTextDocument:
    """An empty ``QTextDocument`` in the printed pages' font (9 pt sans, no ligatures, so the
    PDF's text is searchable as typed) and with no margin of its own."""
    from PySide6.QtGui import QFont, QTextDocument

    doc = QTextDocument()
    font = QFont()
    font.setFamilies(["Helvetica", "Arial", "DejaVu Sans"])
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(9)
    font.setFeature(QFont.Tag("liga"), 0)  # "fi" stays two letters: searchable as typed
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    return doc


class TermSheet:
    """The page for one purchase, ready to be laid out on any paged device (PDF or printer)."""

    def __init__(
        self, offering: Offering, q: Quote, *, source_name: str | None, today: date | None = None
    ) -> None:
        ensure_gui_app()
        self.offering, self.quote, self.source_name = offering, q, source_name
        self.today = today or date.today()
        self.chart = chart_image(q)

    def document(self, chart_width_px: float) -> QTextDocument:
        """The page as a ``QTextDocument`` (not yet laid out); the chart ``chart_width_px`` wide
        in 96-dpi pixels."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QTextDocument

        doc = page_document()
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(CHART_URL), self.chart)
        doc.setHtml(
            term_sheet_html(
                self.offering,
                self.quote,
                source_name=self.source_name,
                today=self.today,
                chart_width_px=int(chart_width_px),
            )
        )
        return doc

    def fit(self, device: QPagedPaintDevice) -> tuple[QTextDocument, float]:
        """The document laid out for ``device``'s page and the scale (≤ 1) that fits it on one
        page; the chart always spans the text width."""
        rect = device.pageLayout().paintRectPixels(device.logicalDpiX())
        width, height = float(rect.width()), float(rect.height())
        px_per_96 = device.logicalDpiX() / 96
        scale = 1.0
        for _ in range(5):
            doc = self.document(width / px_per_96 / scale - 1)
            doc.documentLayout().setPaintDevice(device)
            doc.setTextWidth(width / scale)
            needed = doc.size().height() * scale
            if needed <= height:
                break
            scale *= height / needed * 0.995
        return doc, scale

    def paint(self, device: QPagedPaintDevice) -> None:
        """Paint the page on ``device`` (a ``QPdfWriter`` or a ``QPrinter``)."""
        from PySide6.QtCore import QRectF
        from PySide6.QtGui import QPainter

        doc, scale = self.fit(device)
        painter = QPainter()
        if not painter.begin(device):
            raise OSError("the printer or PDF file could not be opened")
        try:
            painter.scale(scale, scale)
            doc.drawContents(painter, QRectF(0, 0, doc.textWidth(), doc.size().height()))
        finally:
            painter.end()


def render_pdf(
    offering: Offering, q: Quote, *, source_name: str | None = None, today: date | None = None
) -> bytes:
    """The term sheet as the bytes of a one-page, letter-size PDF."""
    sheet = TermSheet(offering, q, source_name=source_name, today=today)
    return pdf_bytes(f"Term sheet {q.purchase.note.cusip}", sheet.paint)


def pdf_bytes(title: str, paint: Callable[[QPagedPaintDevice], None]) -> bytes:
    """A letter-size PDF (600 dpi, ``MARGIN_INCH`` margins) that ``paint`` draws, as bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    ensure_gui_app()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(600)
    writer.setTitle(title)
    writer.setCreator("termsheet")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.Letter),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_INCH, MARGIN_INCH, MARGIN_INCH, MARGIN_INCH),
            QPageLayout.Unit.Inch,
        )
    )
    paint(writer)
    del writer  # finishes the PDF into the buffer
    buffer.close()
    return bytes(data.data())


def print_term_sheet(
    printer: QPrinter, offering: Offering, q: Quote, *, source_name: str | None = None
) -> None:
    """Print the same page as the PDF on ``printer`` (as set up by a ``QPrintDialog``)."""
    TermSheet(offering, q, source_name=source_name).paint(printer)
