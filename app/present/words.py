"""Qt-free: the one wording of a note's call terms and of its yield to worst, for the window,
the text and HTML reports alike ("callable at 100.000% from 2020-11-15, monthly, 30 calendar
days' notice"; "n/a — calls unknown; to maturity 2.350%")."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from app.domain.calls import par_call_date
from app.domain.model import Redemption, Yields
from app.domain.money import format_pct, format_price


def call_terms(r: Redemption) -> str:
    """Call terms in words: "callable at 100.000% from 2020-11-15, monthly, 30 calendar days'
    notice"; listed dates with their prices; a make-whole period before a par call."""
    if r.callable is False:
        return "non-callable"
    if r.callable is None:
        return "not stated"
    spread = f" at Treasuries + {r.make_whole_spread_bps} bps" if r.make_whole_spread_bps is not None else ""
    if r.schedule:
        return "callable on " + _listed_calls(r) + _notice(r)
    par = par_call_date(r)
    if r.make_whole and par is None:
        return f"make-whole call{spread}"
    if par is None:
        return "callable (terms in the prospectus)"
    freq = r.frequency.value if r.frequency else "once"
    freq = _CALL_FREQUENCY_WORDS.get(freq, freq)
    price = r.price_pct if r.price_pct is not None else Decimal(100)
    text = f"callable at {format_price(price)} from {par}, {freq}{_notice(r)}"
    return f"make-whole call before {par}{spread}, then {text}" if r.make_whole else text


_CALL_FREQUENCY_WORDS = {"continuous": "any time"}
_LISTED_SHOWN = 4


def _listed_calls(r: Redemption) -> str:
    listed = sorted(r.schedule, key=lambda c: c.date)
    words = [f"{c.date} at {format_price(c.price_pct)}" for c in listed[:_LISTED_SHOWN]]
    more = len(listed) - _LISTED_SHOWN
    return ", ".join(words) + (f" and {more} more date{'s' if more > 1 else ''}" if more > 0 else "")


def _notice(r: Redemption) -> str:
    if not r.notice_days:
        return ""
    kind = r.notice_kind.value if r.notice_kind else "calendar"
    return f", {r.notice_days} {kind} days' notice"


WORST_NOT_KNOWN = "n/a"  # a table's yield-to-worst cell where the calls are unknown


def worst_words(y: Yields, when: Callable[[date | None], str]) -> str:
    """The yield to worst in words, ``when`` writing its date: "2.345% (2020-11-15)", or, when the
    call terms are unknown, "n/a — calls unknown; to maturity 2.350%" (never a yield to worst
    that is only the yield to maturity)."""
    if y.calls_unknown:
        return f"n/a — calls unknown; to maturity {format_pct(y.maturity_pct)}"
    return f"{format_pct(y.worst_pct)} ({when(y.worst_date)})"
