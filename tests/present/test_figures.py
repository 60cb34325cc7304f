"""The calculator's result rows as texts (Qt-free), read from the ``Quote`` alone (issue 14,
items 9/10: no finance in the widget; the yield to worst said as the reports say it).

Check values: domain.md — the Ally 2.350% note at par is 2.350% to maturity and 2.362%
bond-equivalent (monthly → semi-annual: 2·((1 + 0.0235/12)^6 − 1)); $25,000 of it settling
2019-12-03 is eligible for the survivor's option six months later, 2020-06-03.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from app.domain.model import Offering, Quote, Redemption
from app.domain.quote import make_purchase, quote
from app.present.figures import bond_equivalent_figure, first_coupon_line, survivor_figure, worst_figure


def test_the_bond_equivalent_yield_is_the_quotes(ally_quote: Quote) -> None:
    y = ally_quote.yields
    assert y is not None and y.maturity_bey_pct is not None
    figure = bond_equivalent_figure(y)
    assert figure.value == "2.362%" == f"{y.maturity_bey_pct:.3f}%"
    assert f"to worst {y.worst_bey_pct:.3f}%" in figure.tip


def test_unknown_calls_make_the_worst_n_a_and_say_so(ally: Offering) -> None:
    note = replace(ally.notes[0], redemption=Redemption("Subject to our redemption right", True))
    y = quote(make_purchase(ally, note)).yields
    assert y is not None and y.calls_unknown
    figure = worst_figure(y)
    assert (figure.value, figure.detail) == ("n/a", "calls unknown")
    assert figure.tip == (
        "Calls unknown (terms in the prospectus): the yield to worst is only the yield to maturity: 2.350%"
    )
    assert bond_equivalent_figure(y).tip.endswith("to worst n/a — calls unknown")


def test_a_worst_at_a_call_names_it(ally: Offering) -> None:
    # domain.md: 02006DTT8 bought at 101.000 on 2019-11-29 works out to the first call
    y = quote(make_purchase(ally, ally.notes[0], price_pct=Decimal(101))).yields
    assert y is not None
    figure = worst_figure(y)
    assert figure.detail == "to 2020-11-15" and figure.tip == "The lowest yield: if called 2020-11-15"


def test_the_survivors_option_is_the_quotes(ally_quote: Quote) -> None:
    s = ally_quote.survivor
    assert s is not None and s.eligible_date == date(2020, 6, 3)
    figure = survivor_figure(ally_quote)
    assert (figure.value, figure.detail) == ("Yes", "eligible from 2020-06-03")
    assert f"it receives ${s.estate_amount:,.2f}" in figure.tip


def test_a_zero_has_no_first_coupon_to_check() -> None:
    from tests.offerings import JOHN_HANCOCK

    q = quote(make_purchase(JOHN_HANCOCK, JOHN_HANCOCK.notes[0]))
    text, level = first_coupon_line(q)
    assert "$0.00" not in text and text.startswith("Zero coupon") and level == ""
