"""The terms of a note as labelled groups (Qt-free): the checks, each warning said once.

Check values: domain.md (Ally 02006DTT8: first coupon 16 days × 2.35% × $1,000 / 360 = $1.04).
"""

from __future__ import annotations

from dataclasses import replace

from app.domain.model import Offering, ParseWarning, Quote, Redemption
from app.domain.quote import make_purchase, quote
from app.present.terms import Term, TermGroup, check_terms, terms_groups


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


# -- issue 14, items 9/10: the terms say what the reports say ------------------------------------


def _values(groups: list[TermGroup]) -> dict[tuple[str, str], Term]:
    return {(g.title, t.label): t for g in groups for t in g.terms}


def test_the_checks_show_the_printed_yield_checked() -> None:
    # Chubb 2034: printed 5.045% to maturity at 99.648 settling 2024-03-07 (documents.md)
    from app.domain.printed import check_lines
    from tests.offerings import CHUBB

    note = CHUBB.notes[0]
    with_quote = _values(terms_groups(CHUBB, note, [], quote(make_purchase(CHUBB, note))))
    without = _values(terms_groups(CHUBB, note, [], None))
    (line,) = check_lines(CHUBB, note)
    for shown in (with_quote, without):
        term = shown[("Checks and warnings", "Printed yield")]
        assert (term.value, term.level) == (line.text, "ok")
        assert term.value.startswith("printed 5.045%, computed 5.045%")


def test_a_zero_coupon_note_has_no_first_coupon_to_check_and_lists_its_call_amounts() -> None:
    # John Hancock 41013MBT6 (tests/offerings.py): called 2007-10-15 at $705, 2010-10-15 at $800
    from tests.offerings import JOHN_HANCOCK

    note = JOHN_HANCOCK.notes[0]
    groups = terms_groups(JOHN_HANCOCK, note, [], quote(make_purchase(JOHN_HANCOCK, note)))
    texts = " ".join(f"{t.label} {t.value}" for g in groups for t in g.terms)
    assert "$0.00" not in texts and "1st coupon" not in texts
    shown = _values(groups)
    assert shown[("Note", "Coupon")].value.startswith("zero coupon")
    assert (
        shown[("Redemption", "Call terms")].value
        == "Callable on 2007-10-15 at 70.500%, 2010-10-15 at 80.000%"
    )


def test_the_call_terms_are_worded_as_the_reports_word_them(ally: Offering) -> None:
    from app.present.words import call_terms

    note = ally.notes[0]
    shown = _values(terms_groups(ally, note, [], None))
    words = call_terms(note.redemption)
    assert shown[("Redemption", "Call terms")].value == words[:1].upper() + words[1:]
    assert words == "callable at 100.000% from 2020-11-15, monthly, 30 calendar days' notice"
    assert ("Redemption", "Call price") not in shown  # no second wording of the same terms


def test_a_note_without_a_cusip_says_so_rather_than_failing_its_check_digit(ally: Offering) -> None:
    note = replace(ally.notes[0], cusip="")
    groups = terms_groups(ally, note, [], None)
    texts = [(t.label, t.value, t.level) for g in groups for t in g.terms]
    assert ("CUSIP", "not printed in the document", "warn") in texts
    assert not any(value == "invalid" or "check digit" in value for _, value, _ in texts)
