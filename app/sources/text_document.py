"""Text supplements (pasted, markdown, or extracted from PDF/HTML): pick the table layout, load."""

from __future__ import annotations

from app.domain.errors import SourceError
from app.domain.model import Offering, ParseWarning
from app.sources import label_documents, pipe_table, text_columns
from app.sources.assemble import assemble
from app.sources.grid import read_rows

MAX_LINE = 10_000  # longer lines are cut: no supplement prints one, damaged files do


def load_text(text: str, source: str) -> tuple[Offering, list[ParseWarning]]:
    """Load normalized text; ``SourceError`` naming ``source`` when it holds no offering.

    Pipe tables are read first; without them, whitespace-aligned or one-line rows.
    """
    lines = [line[:MAX_LINE] for line in text.split("\n")]
    rows, prose = pipe_table.split(lines)
    records, warnings = read_rows(rows) if rows else ([], [])
    if not records:
        rows, prose = text_columns.scan(lines)
        records, warnings = read_rows(rows)
    if not records:
        labelled = label_documents.load_text(text, source)
        if labelled is not None:
            return labelled
        raise SourceError("no offering found: no note table with a CUSIP column", source=source)
    try:
        return assemble(records, warnings, "\n".join(prose), source)
    except SourceError:  # rows taken for a note table that none could be read from: labels?
        labelled = label_documents.load_text(text, source)
        if labelled is None:
            raise
        return labelled
