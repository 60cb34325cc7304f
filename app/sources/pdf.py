"""PDF supplements (pdfplumber): tables cell by cell, falling back to the page text by layout."""

from __future__ import annotations

import io
import logging
from typing import Any

from app.domain.errors import SourceError
from app.domain.model import Offering, ParseWarning
from app.sources.assemble import assemble
from app.sources.decode import normalize
from app.sources.grid import Row, tidy
from app.sources.tables import read_rows
from app.sources.text_document import load_text

MAX_PAGES = 200
MAX_COLUMN = 1000  # a damaged page can place a glyph miles to the right


def looks_like(data: bytes) -> bool:
    """Content sniffing: the PDF header near the start."""
    return b"%PDF-" in data[:1024]


def _cell(value: object) -> str:
    """A cell's lines joined: with a space, or without after a hyphen ("Semi-" + "Annual")."""
    if not isinstance(value, str):
        return ""
    out = ""
    for part in normalize(value).split("\n"):
        part = part.strip()
        out = out + part if out.endswith("-") or not out else f"{out} {part}"
    return out.strip()


def _page_tables(page: Any, number: int) -> tuple[list[Row], str]:
    rows: list[Row] = []
    rest = page
    for t_index, table in enumerate(page.find_tables(), start=1):
        table_rows = [
            Row(r, [_cell(c) for c in cells], f"page {number} table {t_index} row {r}")
            for r, cells in enumerate(table.extract(), start=1)
        ]
        rows.extend(tidy([r for r in table_rows if any(r.cells)]))
        rest = rest.outside_bbox(table.bbox)
    return rows, normalize(rest.extract_text() or "")


def _lines(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    lines: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(float(w["top"])), float(w["x0"]))):
        if lines and abs(float(lines[-1][0]["top"]) - float(word["top"])) <= 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: float(w["x0"])) for line in lines]


def _layout_text(page: Any) -> str:
    """The page as text laid out by position: words placed at their column, a gap wider than a
    character written as two or more spaces (so table columns stay apart, phrases together)."""
    words = page.extract_words(x_tolerance=1.5, y_tolerance=2)
    if not words:
        return ""
    widths = sorted(float(w["x1"] - w["x0"]) / max(1, len(w["text"])) for w in words)
    unit = max(0.5, widths[len(widths) // 2] * 0.8)
    out = []
    for line in _lines(words):
        text = ""
        prev_end: float | None = None
        for word in line:
            x0 = float(word["x0"])
            if prev_end is not None and x0 - prev_end <= unit * 1.25:
                text += " " + str(word["text"])
            else:
                pad = max(min(int(x0 / unit), MAX_COLUMN) - len(text), 0 if prev_end is None else 2)
                text += " " * pad + str(word["text"])
            prev_end = float(word["x1"])
        out.append(text)
    return normalize("\n".join(out))


def _read(data: bytes) -> tuple[list[Row], str, str]:
    rows: list[Row] = []
    prose: list[str] = []
    layout: list[str] = []
    import pdfplumber  # here, not at the top: ~0.1 s that start-up and text loads never pay

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # damaged files log thousands of lines
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages[:MAX_PAGES], start=1):
            page_rows, page_prose = _page_tables(page, number)
            rows.extend(page_rows)
            prose.append(page_prose)
        if not read_rows(rows)[0]:
            layout = [_layout_text(p) for p in pdf.pages[:MAX_PAGES]]
    return rows, "\n".join(prose), "\n".join(layout)


def load(data: bytes, source: str) -> tuple[Offering, list[ParseWarning]]:
    """Load a PDF supplement; ``SourceError`` when the PDF cannot be read or holds no offering."""
    try:
        rows, prose, layout = _read(data)
    except SourceError:
        raise
    except Exception as err:  # pdfminer raises many unrelated types on damaged files
        raise SourceError(f"PDF cannot be read ({type(err).__name__})", source=source) from None
    records, warnings = read_rows(rows)
    if records:
        return assemble(records, warnings, prose, source)
    return load_text(layout, source)
