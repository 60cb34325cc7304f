"""Label/value documents (term sheets, MTN forms, zero-coupon notes in them): the family is
chosen here, for the loaders of each format to call when no per-CUSIP note table is found."""

from __future__ import annotations

from collections.abc import Iterable

from app.domain.errors import SourceError
from app.domain.model import Offering, ParseWarning
from app.sources import mtn_form, term_sheet
from app.sources.grid import Row
from app.sources.label_offering import FAMILY_NAMES
from app.sources.label_value import read_entries, text_rows
from app.sources.tranches import Sheet

Loaded = tuple[Offering, list[ParseWarning]]


def load_text(text: str, source: str) -> Loaded | None:
    """The offering of a text document read as labels and values; None when it is not one."""
    return _load(text_rows(text), text, source)


def load_rows(rows: list[Row], source: str) -> Loaded | None:
    """The offering of table rows and text lines (an HTML document) in document order."""
    text = "\n".join("   ".join(c for c in r.cells if c) for r in rows)
    return _load(rows, text, source)


def sheet_of(rows: Iterable[Row]) -> Sheet | None:
    """The labels and values of a document when it reads as an offering (a maturity and two
    other note terms at least), else None: for messages saying what a document is."""
    sheet = Sheet(read_entries(rows))
    return sheet if sheet.is_offering() else None


def describe(text: str) -> str | None:
    """What a text is when read as labels and values, for the message of a document that holds
    no offering: "a pricing term sheet of a floating-rate note: only fixed-rate, step-up and
    zero-coupon notes are read"; None when it reads as no offering document at all."""
    try:
        loaded = load_text(text, "")
    except SourceError as err:
        return err.message.removeprefix("no offering found: ")
    if loaded is None:
        return None
    family = loaded[0].family
    return FAMILY_NAMES.get(family, family.value) if family else None


def _load(rows: Iterable[Row], text: str, source: str) -> Loaded | None:
    sheet = sheet_of(rows)
    if sheet is None:
        return None
    if mtn_form.looks_like(sheet, text) and not (term_sheet.looks_like(text) and not sheet.boxed):
        return mtn_form.load(sheet, text, source)
    return term_sheet.load(sheet, text, source)
