"""Every payment date of a proposal as one iCalendar file: one all-day event per payment date and
CUSIP (two positions of one CUSIP share the event, their amounts added).

Events sit on the date the money arrives (the rolled payment date), are marked free and carry a
stable UID, uuid5 of client + CUSIP + date, so importing a later export of the same client's
proposal updates its events instead of duplicating them, and two clients' calendars imported into
one calendar do not overwrite each other.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

from icalendar import Calendar, Event

from app.domain.holding import CashFlow, FlowKind
from app.domain.money import format_usd
from app.domain.proposal import Proposal
from app.reports.ics_export import PRODID, UID_NAMESPACE, all_day_event, note_line
from app.reports.termsheet_html import long_date

_WORDS = {FlowKind.COUPON: "coupon", FlowKind.PRINCIPAL: "principal", FlowKind.CALL: "call"}


def proposal_uid(client: str, cusip: str, paid: date) -> str:
    """The stable UID of the event of ``cusip`` paid on ``paid`` in ``client``'s proposal."""
    key = f"proposal {' '.join(client.lower().split())} {cusip.upper()} {paid.isoformat()}"
    return str(uuid.uuid5(UID_NAMESPACE, key))


def _groups(p: Proposal) -> dict[tuple[date, str], list[CashFlow]]:
    """The payments by (payment date, CUSIP), in date order."""
    groups: dict[tuple[date, str], list[CashFlow]] = {}
    for f in p.cash_flows():
        groups.setdefault((f.payment_date, f.cusip), []).append(f)
    return groups


def _summary(cusip: str, flows: list[CashFlow]) -> str:
    sums: dict[FlowKind, Decimal] = {}
    for f in flows:
        sums[f.kind] = sums.get(f.kind, Decimal(0)) + f.amount
    return f"{cusip} " + " + ".join(f"{_WORDS[k]} {format_usd(v)}" for k, v in sums.items())


def _line(p: Proposal, f: CashFlow) -> str:
    h = p.holding(f.position)
    if f.coupon is not None:
        c = f.coupon
        what = f"coupon {c.number} for {c.accrual_start.isoformat()} to {c.accrual_end.isoformat()}"
    else:
        what = "principal repaid at maturity" if f.kind is FlowKind.PRINCIPAL else "called"
    amount = format_usd(h.quote.purchase.amount) if h.quote else "—"
    rolled = (
        f" (due {long_date(f.due_date)}, paid the next banking day)" if f.due_date != f.payment_date else ""
    )
    return f"Position {f.position + 1} ({amount} face): {what}: {format_usd(f.amount)}{rolled}"


def events(p: Proposal, stamp: datetime) -> Iterator[Event]:
    """One event per payment date and CUSIP."""
    for (day, cusip), flows in _groups(p).items():
        first = p.holding(flows[0].position)
        header = [note_line(first.offering, first.quote)] if first.offering and first.quote else []
        lines = [*header, *(_line(p, f) for f in flows)]
        if p.client:
            lines.insert(0, f"Proposal for {p.client}")
        uid = proposal_uid(p.client, cusip, day)
        yield all_day_event(uid, day, _summary(cusip, flows), "\n".join(lines), stamp)


def calendar(p: Proposal, stamp: datetime | None = None) -> Calendar:
    """The calendar of every payment of the proposal."""
    stamp = stamp or datetime.now(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{p.client or 'Proposal'} payments")
    for event in events(p, stamp):
        cal.add_component(event)
    return cal


def render_ics(p: Proposal) -> bytes:
    """The ``.ics`` file's bytes (UTF-8, CRLF lines as RFC 5545 requires)."""
    return bytes(calendar(p).to_ical())
