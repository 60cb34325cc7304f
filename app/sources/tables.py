"""Rows of any table layout → CUSIP records: the grid's reader over headers split across rows
and transposed blocks (one column per CUSIP) alike; above both ``grid`` and ``transposed``."""

from __future__ import annotations

from app.domain.model import ParseWarning
from app.sources import transposed
from app.sources.grid import RawRecord, Row, TableReader, header_of, join_header_rows


def holds_note_table(rows: list[Row]) -> bool:
    """Whether the rows of one table hold a note table: a header row (perhaps split over
    several rows) or a transposed block."""
    return any(header_of(r.cells) for r in join_header_rows(rows)) or transposed.holds_block(rows)


def read_rows(rows: list[Row]) -> tuple[list[RawRecord], list[ParseWarning]]:
    """Every CUSIP record of a table (or of several tables fed in order); transposed blocks and
    headers split over several rows are read as the tables they stand for."""
    reader = TableReader()
    for row in join_header_rows(transposed.expand(rows)):
        reader.feed(row)
    return reader.records, reader.warnings
