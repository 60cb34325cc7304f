"""The client proposal as a letter-size PDF of as many pages as it needs (Qt: ``QTextDocument``
laid out in pages, written by the term sheet's ``pdf_bytes``).

The pages are ``proposal_html``'s, with a footer on each (the client, "page n of m"); long tables
repeat their heading row on each page. The text stays real text (searchable, copyable). PySide6 is
imported inside the functions, so importing this module never loads Qt.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from app.domain.proposal import Proposal
from app.reports._qt_pdf import page_document, pdf_bytes
from app.reports.proposal_html import proposal_html
from app.reports.termsheet_html import MUTED

if TYPE_CHECKING:
    from PySide6.QtGui import QPagedPaintDevice

FOOTER_INCH = 0.3  # reserved at the foot of each page for the footer line


def render_proposal_pdf(p: Proposal, *, today: date | None = None) -> bytes:
    """The proposal as the bytes of a letter-size PDF."""
    html = proposal_html(p, today=today or date.today())
    footer = f"Proposal for {p.client}" if p.client else "Client proposal"
    return pdf_bytes(footer, lambda device: paint_pages(html, footer, device))


def paint_pages(html: str, footer: str, device: QPagedPaintDevice) -> None:
    """Lay ``html`` out in pages of ``device`` and paint each, with ``footer`` and the page
    number at its foot."""
    from PySide6.QtCore import QRectF, QSizeF, Qt
    from PySide6.QtGui import QColor, QFont, QPainter

    rect = device.pageLayout().paintRectPixels(device.logicalDpiX())
    width, height = float(rect.width()), float(rect.height())
    foot = device.logicalDpiY() * FOOTER_INCH
    doc = page_document()
    doc.documentLayout().setPaintDevice(device)
    doc.setHtml(html)
    doc.setPageSize(QSizeF(width, height - foot))
    pages = doc.pageCount()
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the printer or PDF file could not be opened")
    try:
        font = QFont(doc.defaultFont())
        font.setPointSizeF(7)
        for page in range(pages):
            if page:
                device.newPage()
            body = height - foot
            painter.save()
            painter.translate(0, -page * body)
            doc.drawContents(painter, QRectF(0, page * body, width, body))
            painter.restore()
            painter.setFont(font)
            painter.setPen(QColor(MUTED))
            box = QRectF(0, body, width, foot)
            painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, footer)
            painter.drawText(
                box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, f"Page {page + 1} of {pages}"
            )
    finally:
        painter.end()
