"""iCalendar export parsed back with ``icalendar``: one all-day event per payment, on the day paid.

Check values: domain.md (Ally 02006DTT8: 12/15/2019 paid 12/16/2019; 2/15/2020 paid 2/18/2020,
Washington's Birthday; 36 coupons, the last paid with the principal on 11/15/2022).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar

from app.domain.model import Offering, Quote
from app.reports.ics_export import payment_uid, render_ics


def events(data: bytes) -> list:  # type: ignore[type-arg]
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_one_all_day_event_per_payment_on_the_payment_date(
    offering: Offering, new_issue_quote: Quote
) -> None:
    found = events(render_ics(offering, new_issue_quote))
    starts = [e.decoded("dtstart") for e in found]
    assert starts == [c.payment_date for c in new_issue_quote.coupons]
    assert len(found) == 36
    for e in found:
        start = e.decoded("dtstart")
        assert type(start) is date  # VALUE=DATE, not a date-time
        assert e.decoded("dtend") == start + timedelta(days=1)
        assert e["dtstart"].params.get("VALUE") == "DATE"


def test_rolled_dates_are_the_days_paid(offering: Offering, new_issue_quote: Quote) -> None:
    starts = {e.decoded("dtstart") for e in events(render_ics(offering, new_issue_quote))}
    assert {date(2019, 12, 16), date(2020, 2, 18), date(2020, 3, 16)} <= starts
    assert not {date(2019, 12, 15), date(2020, 2, 15), date(2020, 3, 15)} & starts


def test_summary_carries_the_amount(offering: Offering, ally_quote: Quote) -> None:
    found = events(render_ics(offering, ally_quote))
    assert str(found[0]["summary"]) == "02006DTT8 coupon $48.96"
    assert str(found[-1]["summary"]) == "02006DTT8 coupon $48.96 + principal $25,000.00"
    feb = next(e for e in found if e.decoded("dtstart") == date(2020, 2, 18))
    description = str(feb["description"])
    assert "Ally Financial Inc. 2.350% monthly note due Nov 15, 2022 (CUSIP 02006DTT8)" in description
    assert "Purchase: $25,000.00 face" in description and "$25,040.80" in description
    assert "Washington's Birthday" in description


def test_uids_stable_across_exports_and_unique(offering: Offering, ally_quote: Quote) -> None:
    first = [str(e["uid"]) for e in events(render_ics(offering, ally_quote))]
    again = [str(e["uid"]) for e in events(render_ics(offering, ally_quote))]
    assert first == again
    assert len(set(first)) == len(first)
    assert first[0] == payment_uid("02006DTT8", date(2020, 1, 15))


def test_same_note_other_purchase_updates_the_same_events(
    offering: Offering, ally_quote: Quote, new_issue_quote: Quote
) -> None:
    """A re-export after changing the amount reuses the UIDs of the dates both hold."""
    later = {str(e["uid"]) for e in events(render_ics(offering, ally_quote))}
    whole = {str(e["uid"]) for e in events(render_ics(offering, new_issue_quote))}
    assert later < whole


def test_call_notice_events_are_optional(offering: Offering, ally_quote: Quote) -> None:
    plain = events(render_ics(offering, ally_quote))
    with_calls = events(render_ics(offering, ally_quote, call_notices=True))
    notices = with_calls[len(plain) :]
    assert len(notices) == len(ally_quote.calls) == 24
    assert notices[0].decoded("dtstart") == date(2020, 10, 16)
    assert "call notice" in str(notices[0]["summary"])
    assert len({str(e["uid"]) for e in with_calls}) == len(with_calls)


def test_calendar_header(offering: Offering, ally_quote: Quote) -> None:
    cal = Calendar.from_ical(render_ics(offering, ally_quote))
    assert str(cal["version"]) == "2.0"
    assert "termsheet" in str(cal["prodid"])
    stamp = events(render_ics(offering, ally_quote))[0].decoded("dtstamp")
    assert isinstance(stamp, datetime) and stamp.tzinfo is not None
    assert abs(stamp - datetime.now(UTC)) < timedelta(minutes=5)
