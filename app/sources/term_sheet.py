"""Pricing term sheets (Rule 433 free writing prospectus, 424(b)(2) in that form): label/value
tables of one note or several tranches, EDGAR HTML, ``.txt`` (one long line) or PDF.

Labels and wordings: documents.md §2 (Chubb INA 5.000% Senior Notes due 2034, Toyota Motor Credit
Medium-Term Notes, Series B). The label grammar is ``label_value``; each tranche becomes a note
in ``label_notes``.
"""

from __future__ import annotations

import re

from app.domain.model import DocumentFamily, Offering, ParseWarning
from app.sources import label_offering
from app.sources.tranches import Sheet

_TITLE_RE = re.compile(
    r"\b(Pricing\s+Term\s+Sheet|Final\s+Term\s+Sheet|Term\s+Sheet|Final\s+Terms(?:\s+and\s+Conditions|\s+for"
    r"\s+Issuance)?|Free\s+Writing\s+Prospectus)\b",
    re.I,
)
_MARKS_RE = re.compile(r"term\s+sheet|free\s+writing\s+prospectus|rule\s+433|final\s+terms", re.I)


def looks_like(text: str) -> bool:
    """The document calls itself a term sheet, a free writing prospectus or final terms."""
    return bool(_MARKS_RE.search(text[:20_000]))


def title(text: str) -> str | None:
    m = _TITLE_RE.search(text[:20_000])
    return " ".join(m.group(1).split()) if m else None


def load(sheet: Sheet, text: str, source: str) -> tuple[Offering, list[ParseWarning]]:
    """The offering of a term sheet; ``SourceError`` naming what was found when no note loads."""
    return label_offering.offering(sheet, text, source, DocumentFamily.TERM_SHEET, title(text))
