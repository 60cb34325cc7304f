"""The terms of a note as labelled groups (Qt-free): the checks, each warning said once.

Check values: domain.md (Ally 02006DTT8: first coupon 16 days × 2.35% × $1,000 / 360 = $1.04).
"""

from __future__ import annotations

from dataclasses import replace

from app.domain.model import Offering, ParseWarning, Quote, Redemption
from app.domain.quote import make_purchase, quote
from app.present.terms import check_terms, terms_groups


def test_terms_show_the_first_coupon_check(ally: Offering, ally_quote: Quote) -> None:
    groups = terms_groups(ally, ally.notes[0], [], ally_quote)
    titles = [g.title for g in groups]
    assert titles[:1] == ["Checks and warnings"]
    assert {"Note", "Offering", "Redemption", "Survivor's option"} <= set(titles)
    texts = [t.value for g in groups for t in g.terms]
    assert "1st coupon amount $1.04 matches 30/360" in texts


def test_checks_say_each_warning_once_under_its_cusip(ally: Offering) -> None:
    # 02006DTT8 as if its call wording were "Subject to our redemption right" (no call dates):
    # the quote words the warning; an offering file written while the loader worded it too
    # carries that copy ("line 7", "CUSIP: …"), shown once; a row's other warning is the note's
    note = replace(ally.notes[0], redemption=Redemption("Subject to our redemption right", True))
    q = quote(make_purchase(ally, note))
    (said,) = q.warnings
    loaded = [
        ParseWarning("line 7", f"{note.cusip}: {said.message}"),
        ParseWarning("line 7", f"{note.cusip}: survivor's option not understood"),
        ParseWarning("line 9", "02006DTU5: survivor's option not understood"),
    ]
    checks = terms_groups(ally, note, loaded, q)[0]
    values = [t.value for t in checks.terms]
    assert sum("callable on terms the document does not give" in v for v in values) == 1
    assert f"{note.cusip}: survivor's option not understood" in values
    assert ("Other CUSIPs", "1 warning(s) in this document") in [(t.label, t.value) for t in checks.terms]


def test_a_call_with_no_dates_is_flagged_without_a_valid_purchase(long_offering: Offering) -> None:
    """The warning is worded from the note, so the checks show it even while the purchase on
    screen is invalid (the quote-less window after a bad settle date)."""
    note = replace(long_offering.notes[0], redemption=Redemption("Callable", callable=True))
    group = check_terms(note, None, [])
    assert [t.value for t in group.terms if t.level == "warn"] == [
        "callable on terms the document does not give (see the prospectus): no call dates"
    ]
