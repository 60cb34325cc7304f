"""Raw CUSIP records + prose facts → the ``Offering`` and its warnings, for every layout."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date
from decimal import Decimal

from app.domain.model import CouponType, DocumentFamily, Note, Offering, ParseWarning
from app.sources import checks, footnotes, prose, records, step_notes, values
from app.sources.grid import RawRecord, label_of
from app.sources.vocabulary import Field

MAX_PROSE_LINE = 20_000
DOCUMENT = "document"  # where a warning about the whole document is listed
RATE_SHEET_DATES = (
    "rate sheet: no settle or first coupon date is printed; each note is priced as a new issue "
    "settling on the date entered, coupons on its regular schedule back from maturity"
)
NO_SETTLE = "no settle or original issue date is printed: each note is priced settling on the date entered"
PRICE_ASSUMED = "no selling price is printed: 100% of principal assumed for every note"


def _settle(facts: Offering, raw: list[RawRecord]) -> date | None:
    if facts.settle_date is not None:
        return facts.settle_date
    seen: Counter[date] = Counter()
    for record in raw:
        try:
            seen[values.parse_date(record.values.get(Field.ISSUE_DATE, ""))] += 1
        except ValueError:
            continue
    return seen.most_common(1)[0][0] if seen else None


def _rate_sheet(raw: list[RawRecord], settle: date | None) -> bool:
    """A weekly rate sheet: a yield per CUSIP and no settle or issue date anywhere."""
    return settle is None and any(Field.YIELD in r.values for r in raw)


def _step_notes(raw: list[RawRecord], prose_text: str) -> None:
    """A rate printed as a range takes its step dates from the note under the table."""
    for record in raw:
        rate = record.values.get(Field.COUPON_RATE, "")
        if Field.STEP_SCHEDULE not in record.values and step_notes.rate_range(rate):
            wording = step_notes.schedule(rate, prose_text)
            if wording is not None:
                record.values[Field.STEP_SCHEDULE] = wording


def _prose_calls(raw: list[RawRecord], prose_text: str) -> None:
    """A "Redemption Information: …" line printed under the table as a paragraph (John Deere
    Capital and Household Finance InterNotes, 2002–2017) is the call terms of the records that
    have none: one line for all of them, or one line each in order."""
    bare = [r for r in raw if Field.REDEMPTION not in r.values and Field.CALLABLE not in r.values]
    if not bare:
        return
    lines = [line.strip() for line in prose_text.split("\n") if label_of(line) is Field.REDEMPTION]
    if len(lines) == 1 or len(lines) == len(bare):
        for k, record in enumerate(bare):
            record.values[Field.REDEMPTION] = lines[min(k, len(lines) - 1)]


def _notes(
    raw: list[RawRecord], settle: date | None, context: records.Context
) -> tuple[list[tuple[Note | None, list[ParseWarning]]], bool]:
    """Each record's note (None when it cannot load, or repeats a CUSIP: the first row is kept)
    with its warnings, in document order; whether a placeholder was seen."""
    built: list[tuple[Note | None, list[ParseWarning]]] = []
    seen: set[str] = set()
    placeholder = False
    for record in raw:
        note, found, saw_placeholder = records.build(record, settle, context)
        placeholder = placeholder or saw_placeholder
        if note is not None and note.cusip in seen:
            where = record.where or f"line {record.line}"
            found.append(ParseWarning(where, f"{note.cusip} repeated; the first row is kept"))
            note = None
        if note is not None:
            seen.add(note.cusip)
        built.append((note, found))
    return built, placeholder


def _family(notes: list[Note], rate_sheet: bool) -> DocumentFamily:
    if rate_sheet:
        return DocumentFamily.RATE_SHEET
    if all(n.coupon_type is CouponType.ZERO for n in notes):
        return DocumentFamily.ZERO_COUPON
    return DocumentFamily.TABLE_SUPPLEMENT


def assemble(
    raw: list[RawRecord],
    warnings: list[ParseWarning],
    prose_text: str,
    source: str,
) -> tuple[Offering, list[ParseWarning]]:
    """The offering of one document; ``SourceError`` naming ``source`` when no note loads."""
    text = "\n".join(line[:MAX_PROSE_LINE] for line in prose_text.split("\n"))
    facts = prose.read(text)
    settle = _settle(facts, raw)
    rate_sheet = _rate_sheet(raw, settle)
    undated = settle is None  # notes load all the same: the calculator asks for a settle date
    context = records.Context(footnotes.read(text), issue_optional=undated, bond_equivalent=rate_sheet)
    _step_notes(raw, text)
    _prose_calls(raw, text)
    built, placeholder = _notes(raw, settle, context)
    if not any(note for note, _ in built):
        failed = [*warnings, *(w for _, found in built for w in found)]
        cells = "\n".join(v for record in raw for v in record.values.values())  # what it is may be there
        from app.sources import refusal  # on first use: a document that loads never needs it

        raise refusal.no_offering(f"{text}\n{cells}", source, _why(raw, failed))
    dates = RATE_SHEET_DATES if rate_sheet else NO_SETTLE if undated else None
    document = [ParseWarning(DOCUMENT, dates)] if dates else []
    if not any(Field.PRICE in r.values for r in raw):
        built = [(replace(n, price_pct=Decimal(100)) if n else None, found) for n, found in built]
        document.append(ParseWarning(DOCUMENT, PRICE_ASSUMED))
    notes = [n for n, _ in built if n is not None]
    offering = replace(
        facts,
        notes=tuple(notes),
        preliminary=facts.preliminary or placeholder,
        settle_date=settle,
        family=_family(notes, rate_sheet),
    )
    checked = [w for n, found in built for w in [*found, *(checks.check(n) if n else [])]]
    return offering, [*document, *warnings, *checked]


def _why(raw: list[RawRecord], found: list[ParseWarning]) -> str:
    if not raw:
        return ""
    first = found[0] if found else None
    detail = f" ({first.where}: {first.message})" if first else ""
    return f"none of {len(raw)} CUSIP rows could be read{detail}"
