"""The bundled Ally supplement (resources/samples) loads with every printed fact."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.domain.model import CallFrequency, NoticeKind
from app.paths import sample_path
from app.sources import load_bytes, load_path


def test_offering_facts_from_the_prose() -> None:
    offering, warnings = load_path(sample_path())
    assert warnings == []
    assert offering.issuer == "Ally Financial Inc."
    assert offering.program == "Ally Financial Term Notes, Series A"
    assert offering.document == "Preliminary Pricing Supplement No. 213"
    assert offering.preliminary is True
    assert offering.supplement_date == date(2019, 11, 18)
    assert offering.prospectus_date == date(2018, 8, 7)
    assert offering.registration_no == "333-226651"
    assert (offering.offering_start, offering.offering_end) == (
        date(2019, 11, 18),
        date(2019, 11, 25),
    )
    assert offering.trade_date == date(2019, 11, 25)
    assert offering.settle_date == date(2019, 11, 29)
    assert (offering.minimum_denomination, offering.increment) == (Decimal("1000.00"),) * 2
    assert offering.dtc_number == "0235"
    assert offering.agents == (
        "Incapital LLC",
        "Citigroup",
        "RBC Capital Markets",
        "Morgan Stanley",
        "J.P. Morgan",
    )


def test_both_cusips_with_their_terms() -> None:
    offering, _ = load_path(sample_path())
    first, second = offering.notes
    assert (first.cusip, second.cusip) == ("02006DTT8", "02006DTU5")
    assert first.coupon_rate_pct == Decimal("2.350") and second.coupon_rate_pct == Decimal("2.600")
    assert first.maturity_date == date(2022, 11, 15) and second.maturity_date == date(2024, 11, 15)
    assert first.first_coupon_amount == Decimal("1.04") and second.first_coupon_amount == Decimal("1.16")
    assert first.issue_date == second.issue_date == date(2019, 11, 29)
    assert first.principal_amount is None and first.net_proceeds is None
    assert first.concession_pct == Decimal("1.125") and second.concession_pct == Decimal("1.700")
    assert first.survivors_option is True and first.ranking == "Senior Unsecured Notes"


def test_broken_redemption_row_is_read() -> None:
    offering, _ = load_path(sample_path())
    for note in offering.notes:
        r = note.redemption
        assert r.callable is True and r.price_pct == Decimal(100)
        assert r.first_call_date == date(2020, 11, 15)
        assert r.frequency is CallFrequency.MONTHLY
        assert (r.notice_days, r.notice_kind) == (30, NoticeKind.CALENDAR)
        assert r.text is not None and r.text.startswith("Callable at 100% on 11/15/2020")


def test_crlf_bom_and_cp1252_give_the_same_offering() -> None:
    data = sample_path().read_bytes()
    expected = load_bytes(data, "lf")
    assert load_bytes(b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"), "crlf") == expected
    assert load_bytes(data.decode().encode("cp1252"), "cp1252") == expected
