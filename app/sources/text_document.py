"""Text supplements (pasted, markdown, or extracted from PDF/HTML): pick the table layout, load."""

from __future__ import annotations

from app.domain.errors import SourceError
from app.domain.model import Offering, ParseWarning
from app.sources import pipe_table
from app.sources.assemble import assemble
from app.sources.grid import read_rows


def load_text(text: str, source: str) -> tuple[Offering, list[ParseWarning]]:
    """Load normalized text; ``SourceError`` naming ``source`` when it holds no offering."""
    lines = text.split("\n")
    rows, prose = pipe_table.split(lines)
    if rows:
        records, warnings = read_rows(rows)
        if records:
            return assemble(records, warnings, "\n".join(prose), source)
    raise SourceError("no offering found: no note table with a CUSIP column", source=source)
