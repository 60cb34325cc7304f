"""Medium-term-note pricing supplements in form layout (424(b)(2)/(3)): check boxes and blanks.

``þ Fixed Rate Note  o Floating Rate Note`` (or ``[X]`` / ``[ ]``, ``☒`` / ``☐``): only the ticked
options count (``check_boxes``); a field left ``________`` does not apply; a ticked floating-rate
note is refused by name. Source: documents.md §3, US Bancorp Medium-Term Notes, Series R (2010).
"""

from __future__ import annotations

import re

from app.domain.model import DocumentFamily, Offering, ParseWarning
from app.sources import label_offering
from app.sources.tranches import Sheet

_SUPPLEMENT_RE = re.compile(r"pricing\s+supplement", re.I)
MIN_BLANKS = 2


def looks_like(sheet: Sheet, text: str) -> bool:
    """A form: check boxes, or blank fields in a pricing supplement."""
    return sheet.boxed or (sheet.blanks >= MIN_BLANKS and bool(_SUPPLEMENT_RE.search(text[:20_000])))


def load(sheet: Sheet, text: str, source: str) -> tuple[Offering, list[ParseWarning]]:
    """The offering of a form; ``SourceError`` naming what was found when no note loads."""
    return label_offering.offering(sheet, text, source, DocumentFamily.MTN_FORM, "Pricing Supplement")
