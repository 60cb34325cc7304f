"""Text supplements (pasted, markdown, or extracted from PDF/HTML): pick the table layout, load."""

from __future__ import annotations

from app.domain.errors import SourceError
from app.domain.model import Offering, ParseWarning
from app.sources import pipe_table, transposed
from app.sources.assemble import assemble
from app.sources.tables import read_rows

MAX_LINE = 10_000  # longer lines are cut: no supplement prints one, damaged files do


def load_text(text: str, source: str) -> tuple[Offering, list[ParseWarning]]:
    """Load normalized text; ``SourceError`` naming ``source`` when it holds no offering (saying
    what it is, when it can be told: app/sources/refusal.py).

    Pipe tables are read first; without them, whitespace-aligned or one-line rows; then
    transposed tables (one column per CUSIP). The readers a pipe-table supplement (the sample)
    does without are imported where they are first used: the window's start imports this
    module before Qt (README "Performance").
    """
    lines = [line[:MAX_LINE] for line in text.split("\n")]
    rows, prose = pipe_table.split(lines)
    records, warnings = read_rows(rows) if rows else ([], [])
    if not records:
        from app.sources import text_columns

        rows, prose = text_columns.scan(lines)
        records, warnings = read_rows(rows)
    if not records:
        rows, prose = transposed.scan_text(lines)
        records, warnings = read_rows(rows)
    if not records:
        labelled = _labelled(text, source)
        if labelled is not None:
            return labelled
        from app.sources import refusal

        raise refusal.no_offering(text, source)
    try:
        return assemble(records, warnings, "\n".join(prose), source)
    except SourceError:  # rows taken for a note table that none could be read from: labels?
        labelled = _labelled(text, source)
        if labelled is None:
            raise
        return labelled


def _labelled(text: str, source: str) -> tuple[Offering, list[ParseWarning]] | None:
    """The document read by its labels (term sheet, MTN form), or None. The label loaders are
    imported here, on first use: a start with a table supplement (the sample) does without
    them (~40 ms of imports before the window, README "Performance")."""
    from app.sources import label_documents

    return label_documents.load_text(text, source)
