"""A purchase's payments as an iCalendar file: one all-day event per payment date.

Each event sits on the date the money arrives (the rolled payment date, not the unadjusted coupon
date), is marked free (``TRANSP:TRANSPARENT``) and has a stable UID, uuid5 of CUSIP + date, so
importing a later export of the same note updates the events instead of duplicating them. The
last coupon and the principal are paid together at maturity: one event. A callable note's call
dates are marked: the payment of a coupon date that is a call date says so (and that later coupons
stop if the note is called), and a call date with no coupon paid that day (a callable zero, a call
between coupon dates) has its own event. Optional events mark the last day the issuer can give
notice of each call.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from app import __version__
from app.domain.calendar import roll_reason
from app.domain.model import CallDate, Coupon, CouponType, Offering, Quote
from app.domain.money import format_pct, format_price, format_usd
from app.reports.text import coupon_words

PRODID = f"-//termsheet//Term sheet viewer {__version__}//EN"
UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:termsheet:payments")
_ONE_DAY = timedelta(days=1)


def payment_uid(cusip: str, paid: date) -> str:
    """The stable UID of the payment event of ``cusip`` on ``paid``."""
    return str(uuid.uuid5(UID_NAMESPACE, f"{cusip.upper()} {paid.isoformat()}"))


def notice_uid(cusip: str, notice: date) -> str:
    """The stable UID of the call-notice event of ``cusip`` on ``notice``."""
    key = f"{cusip.upper()} call notice {notice.isoformat()}"
    return str(uuid.uuid5(UID_NAMESPACE, key))


def _fmt_date(d: date) -> str:
    return f"{d:%b} {d.day}, {d.year}"


def call_uid(cusip: str, call: date) -> str:
    """The stable UID of the event of a call date on which no coupon is paid."""
    return str(uuid.uuid5(UID_NAMESPACE, f"{cusip.upper()} call {call.isoformat()}"))


def note_line(offering: Offering, q: Quote) -> str:
    """The note in one line: "Ally Financial Inc. 2.350% monthly note due Nov 15, 2022 (CUSIP …)"."""
    n = q.purchase.note
    issuer = offering.issuer or "Unknown issuer"
    return f"{issuer} {coupon_words(n)} note due {_fmt_date(n.maturity_date)} (CUSIP {n.cusip_shown})"


def purchase_line(q: Quote) -> str:
    """The purchase in one line: "Purchase: $25,000.00 face at 100.000% settling Jan 10, 2020 (…)"."""
    p = q.purchase
    return (
        f"Purchase: {format_usd(p.amount)} face at {format_price(p.price_pct)} settling "
        f"{_fmt_date(p.settle_date)} (total cost {format_usd(q.total)})"
    )


def call_line(q: Quote, call: CallDate) -> str:
    """What a call date means for the holder, in one line."""
    stop = "" if q.purchase.note.coupon_type is CouponType.ZERO else " If it does, later coupons stop."
    return (
        f"Call date: the issuer may redeem the note on {_fmt_date(call.date)} at "
        f"{format_price(call.price_pct)} ({format_usd(q.call_amount(call))}, paid "
        f"{_fmt_date(call.payment_date)}; notice by {_fmt_date(call.notice_date)}).{stop}"
    )


def all_day_event(uid: str, day: date, summary: str, description: str, stamp: datetime) -> Event:
    """A free (transparent) all-day event on ``day`` in the "Income" category."""
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + _ONE_DAY)
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    event.add("categories", ["Income"])
    return event


def _coupon_lines(c: Coupon) -> list[str]:
    lines = [
        f"Coupon {c.number}: {format_usd(c.amount)} for {c.accrual_start.isoformat()} to "
        f"{c.accrual_end.isoformat()} ({c.days} days at {format_pct(c.rate_pct)})"
    ]
    if c.payment_date != c.accrual_end:
        lines.append(
            f"Due {_fmt_date(c.accrual_end)} ({roll_reason(c.accrual_end)}); "
            "paid the next New York banking day."
        )
    return lines


def payment_events(offering: Offering, q: Quote, stamp: datetime) -> Iterable[Event]:
    """One event per payment date: each coupon (a call date's marked), the final one together
    with the principal; then each call date on which no coupon is paid."""
    cusip = q.purchase.note.cusip
    header = [note_line(offering, q), purchase_line(q)]
    r = q.redemption
    calls = {c.date: c for c in q.calls}
    for c in q.coupons:
        summary = f"{cusip} coupon {format_usd(c.amount)}"
        lines = header + _coupon_lines(c)
        if c.payment_date == r.payment_date:
            summary += f" + principal {format_usd(r.amount)}"
            lines.append(f"Principal repaid at maturity: {format_usd(r.amount)}")
        call = calls.pop(c.accrual_end, None)
        if call is not None:
            summary += " · call date"
            lines.append(call_line(q, call))
        yield all_day_event(
            payment_uid(cusip, c.payment_date), c.payment_date, summary, "\n".join(lines), stamp
        )
    if not any(c.payment_date == r.payment_date for c in q.coupons):
        summary = f"{cusip} principal {format_usd(r.amount)}"
        lines = [*header, f"Principal repaid at maturity: {format_usd(r.amount)}"]
        yield all_day_event(
            payment_uid(cusip, r.payment_date), r.payment_date, summary, "\n".join(lines), stamp
        )
    for call in calls.values():
        summary = f"{cusip} call date: may be redeemed for {format_usd(q.call_amount(call))}"
        lines = [*header, call_line(q, call)]
        yield all_day_event(call_uid(cusip, call.date), call.payment_date, summary, "\n".join(lines), stamp)


def notice_events(offering: Offering, q: Quote, stamp: datetime) -> Iterable[Event]:
    """One event per call: the last day the issuer can give notice of a call on that date."""
    cusip = q.purchase.note.cusip
    header = [note_line(offering, q), purchase_line(q)]
    for call in q.calls:
        summary = f"{cusip} call notice deadline (call {_fmt_date(call.date)})"
        lines = [
            *header,
            f"The issuer may call the note on {_fmt_date(call.date)} at {format_price(call.price_pct)} "
            f"(paid {_fmt_date(call.payment_date)}); notice must be given by "
            f"{_fmt_date(call.notice_date)}.",
        ]
        yield all_day_event(
            notice_uid(cusip, call.notice_date), call.notice_date, summary, "\n".join(lines), stamp
        )


def calendar(
    offering: Offering, q: Quote, *, call_notices: bool = False, stamp: datetime | None = None
) -> Calendar:
    """The calendar of a purchase's payments (and, if asked, its call-notice deadlines)."""
    stamp = stamp or datetime.now(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{q.purchase.note.cusip} payments")
    for event in payment_events(offering, q, stamp):
        cal.add_component(event)
    if call_notices:
        for event in notice_events(offering, q, stamp):
            cal.add_component(event)
    return cal


def render_ics(offering: Offering, q: Quote, *, call_notices: bool = False) -> bytes:
    """The ``.ics`` file's bytes (UTF-8, CRLF lines as RFC 5545 requires)."""
    return bytes(calendar(offering, q, call_notices=call_notices).to_ical())
