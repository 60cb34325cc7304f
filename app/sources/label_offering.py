"""A label/value document's offering: its notes (``label_notes``) and the facts printed around
them (issuer, trade and settlement dates, denominations), or a refusal saying what was found.

A floating-rate note (ticked, or named so) and a note linked to an equity or an index ("Reference
asset:", "Initial valuation date:", "Knock-in level:") are refused by name: this program reads
fixed-rate, step-up and zero-coupon notes.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

from app.domain.errors import SourceError
from app.domain.model import CouponType, DocumentFamily, Offering, ParseWarning
from app.sources import check_boxes, checks, prose, values
from app.sources.assemble import MAX_PROSE_LINE
from app.sources.label_notes import READS, Built, build
from app.sources.tranches import Sheet
from app.sources.vocabulary import Field, Key, Label

_I = re.IGNORECASE
_LINKED_RE = re.compile(
    r"reference\s+(?:asset|stock|index|share)|linked\s+(?:share|to)|\bunderlying\b|reverse\s+convertible"
    r"|knock[-\s]?in|\bbarrier\b|auto[-\s]?call|participation\s+rate|(?:initial|final)\s+(?:valuation|level|"
    r"share\s+price|index\s+level)|\bbasket\b|index\s+return|equity[-\s]linked|market[-\s]linked",
    _I,
)


def offering(
    sheet: Sheet, text: str, source: str, family: DocumentFamily, title: str | None
) -> tuple[Offering, list[ParseWarning]]:
    """The offering of a label/value document: its notes and the facts printed around them;
    ``SourceError`` saying what was found when no note can be read."""
    linked = linked_label(sheet)
    if linked is not None:
        name = FAMILY_NAMES.get(family, "a label/value document")
        message = f"no offering found: {name} of a note linked to an equity or an index ({linked}): {READS}"
        raise SourceError(message, source=source, line=_line(sheet))
    facts = prose.read("\n".join(line[:MAX_PROSE_LINE] for line in text.split("\n")))
    settle = _offering_date(sheet, Label.SETTLEMENT_DATE) or _offering_date(sheet, Field.ISSUE_DATE)
    settle = settle or facts.settle_date
    built = [build(sheet, tranche, settle) for tranche in range(sheet.count)]
    notes = [b.note for b in built if b.note is not None]
    warnings = [w for b in built for w in b.warnings]
    if not notes:
        raise SourceError(_why(family, built), source=source, line=_line(sheet))
    for note in notes:
        warnings.extend(checks.check(note))
    warnings.extend(_convention(sheet))
    minimum, increment = _denominations(sheet)
    issuer = sheet.offering_value(Label.ISSUER)
    zero = all(n.coupon_type is CouponType.ZERO for n in notes)
    program = facts.program and (check_boxes.ticked(facts.program) or facts.program)
    return replace(
        facts,
        notes=tuple(notes),
        program=program or None,
        issuer=" ".join(issuer.text.split())[:120] if issuer else facts.issuer,
        document=facts.document or title,
        trade_date=_offering_date(sheet, Label.TRADE_DATE) or facts.trade_date,
        settle_date=settle,
        minimum_denomination=minimum or facts.minimum_denomination,
        increment=increment or facts.increment,
        family=DocumentFamily.ZERO_COUPON if zero else family,
    ), warnings


FAMILY_NAMES = {
    DocumentFamily.TERM_SHEET: "a pricing term sheet",
    DocumentFamily.MTN_FORM: "an MTN pricing supplement in form layout",
    DocumentFamily.ZERO_COUPON: "a zero-coupon note's pricing document",
}


def _why(family: DocumentFamily, built: list[Built]) -> str:
    name = FAMILY_NAMES.get(family, "a label/value document")
    refused = [b.refused for b in built if b.refused]
    if len(refused) == len(built) and len(set(refused)) == 1:
        return f"no offering found: {name} of {refused[0]}"
    first = next((w for b in built for w in b.warnings), None)
    detail = f" ({first.where}: {first.message})" if first else ""
    notes = "its note" if len(built) == 1 else f"none of its {len(built)} notes"
    return f"no offering found: {name}, but {notes} could {'not ' if len(built) == 1 else ''}be read{detail}"


def _line(sheet: Sheet) -> int | None:
    """The line of the note's first term (its maturity, else its CUSIP), for a refusal."""
    found = sheet.value(Field.MATURITY) or sheet.value(Field.CUSIP)
    return found.line if found is not None and found.line > 0 else None


def linked_label(sheet: Sheet) -> str | None:
    """A label (or the security's description) that says the note is linked to an equity or an
    index ("Reference asset", "Initial valuation date"), as printed; None when none does."""
    for entry in sheet.entries:
        if _LINKED_RE.search(entry.label):
            return entry.label
    security = sheet.value(Label.SECURITY)
    if security is not None and _LINKED_RE.search(security.text):
        return f"{security.label}: {security.text[:60]}"
    return None


def _offering_date(sheet: Sheet, key: Key) -> date | None:
    found = sheet.offering_value(key)
    return values.date_in(found.text) if found else None


def _denominations(sheet: Sheet) -> tuple[Decimal | None, Decimal | None]:
    """ "$2,000 and integral multiples of $1,000 in excess thereof", "$2,000 x $1,000", "$1,000
    and integral multiples thereof" → (minimum, increment)."""
    found = sheet.offering_value(Label.DENOMINATIONS)
    if found is None:
        return None, None
    amounts = values.money_all(found.text)
    if not amounts:
        return None, None
    return amounts[0], amounts[1] if len(amounts) > 1 else amounts[0]


def _convention(sheet: Sheet) -> list[ParseWarning]:
    """A business day convention other than following: said, since payments roll to the
    following New York business day here."""
    found = sheet.offering_value(Label.BUSINESS_DAY_CONVENTION)
    if found is None or not re.search(r"modified|preceding", found.text, _I):
        return []
    return [
        ParseWarning(
            found.where,
            f"{found.label}: {found.text[:40]!r}; payment dates are rolled to the following business day",
        )
    ]
