"""Build the checked-in PDF supplements from pdf_sources/*.html (run by hand, once, with Qt).

Each source gives two PDFs in supplements/: ``<name>.pdf`` with a ruled table (read by
pdfplumber's table finder) and ``<name>-unruled.pdf`` without rules (read from the page text).
Sources in pdf_sources/label_documents/ (term sheets, MTN forms) go to label_documents/.
Usage: QT_QPA_PLATFORM=offscreen python tests/data/make_pdfs.py [NAME ...] (only those sources:
a PDF rebuilt is a new file, with its own creation date, though its text is the same)
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

HERE = Path(__file__).resolve().parent
TARGETS = {
    HERE / "pdf_sources": HERE / "supplements",
    HERE / "pdf_sources" / "label_documents": HERE / "label_documents",
}


def write_pdf(html: str, out: Path) -> None:
    writer = QPdfWriter(str(out))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.Legal))
    writer.setPageOrientation(QPageLayout.Orientation.Landscape)
    writer.setResolution(72)
    writer.setPageMargins(QMarginsF(10, 10, 10, 10))
    writer.setCreator("termsheet tests")
    doc = QTextDocument()
    font = doc.defaultFont()
    font.setPointSizeF(6.0)
    doc.setDefaultFont(font)
    doc.setHtml(html)
    doc.setPageSize(QSizeF(writer.width(), writer.height()))
    doc.print_(writer)


def main() -> None:
    app = QGuiApplication(sys.argv[:1])
    wanted = set(sys.argv[1:])
    for sources, target in TARGETS.items():
        for source in sorted(sources.glob("*.html")):
            if wanted and source.stem not in wanted:
                continue
            html = source.read_text(encoding="utf-8")
            write_pdf(html, target / f"{source.stem}.pdf")
            unruled = html.replace('border="1"', 'border="0"')
            write_pdf(unruled, target / f"{source.stem}-unruled.pdf")
    del app


if __name__ == "__main__":
    main()
