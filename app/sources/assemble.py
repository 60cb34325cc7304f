"""Raw CUSIP records + prose facts → the ``Offering`` and its warnings, for every layout."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

from app.domain.errors import SourceError
from app.domain.model import DocumentFamily, Note, Offering, ParseWarning
from app.sources import checks, prose, records, values
from app.sources.grid import RawRecord
from app.sources.vocabulary import Field

MAX_PROSE_LINE = 20_000


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


def assemble(
    raw: list[RawRecord],
    warnings: list[ParseWarning],
    prose_text: str,
    source: str,
) -> tuple[Offering, list[ParseWarning]]:
    """The offering of one document; ``SourceError`` naming ``source`` when no note loads."""
    facts = prose.read("\n".join(line[:MAX_PROSE_LINE] for line in prose_text.split("\n")))
    settle = _settle(facts, raw)
    notes: list[Note] = []
    found: list[ParseWarning] = list(warnings)
    placeholder = False
    for record in raw:
        note, note_warnings, saw_placeholder = records.build(record, settle)
        found.extend(note_warnings)
        placeholder = placeholder or saw_placeholder
        if note is None:
            continue
        if any(n.cusip == note.cusip for n in notes):
            found.append(
                ParseWarning(
                    record.where or f"line {record.line}", f"{note.cusip} repeated; the first row is kept"
                )
            )
            continue
        notes.append(note)
        found.extend(checks.check(note))
    if not notes:
        raise SourceError(_why(raw, found), source=source)
    offering = replace(
        facts,
        notes=tuple(notes),
        preliminary=facts.preliminary or placeholder,
        settle_date=settle,
        family=DocumentFamily.TABLE_SUPPLEMENT,
    )
    return offering, found


def _why(raw: list[RawRecord], found: list[ParseWarning]) -> str:
    if not raw:
        return "no offering found: no note table with a CUSIP column"
    first = found[0] if found else None
    detail = f" ({first.where}: {first.message})" if first else ""
    return f"no offering found: none of {len(raw)} CUSIP rows could be read{detail}"
