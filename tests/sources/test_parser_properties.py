"""Property tests of the cell and call-language parsers (hypothesis)."""

from __future__ import annotations

import contextlib
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from app.sources import call_language, coupon_steps, values, vocabulary

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]  # fmt: skip
DATES = st.dates(min_value=date(1971, 1, 1), max_value=date(2069, 12, 31))
FAST = settings(max_examples=150, deadline=None, database=None, derandomize=True)


@FAST
@given(DATES)
def test_every_printed_date_style_reads_back(d: date) -> None:
    for text in (
        f"{d.month}/{d.day}/{d.year}",
        f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}",
        f"{MONTH_NAMES[d.month - 1]} {d.day}, {d.year}",
        d.isoformat(),
        f"beginning {MONTH_NAMES[d.month - 1]} {d.day}, {d.year}",
    ):
        assert values.parse_date(text) == d, text


@FAST
@given(st.text(max_size=200))
def test_cell_parsers_raise_only_value_error(text: str) -> None:
    for parse in (
        values.parse_date,
        values.parse_percent,
        values.parse_money,
        values.parse_frequency,
        values.parse_coupon_type,
        values.parse_yes_no,
    ):
        with contextlib.suppress(ValueError):
            parse(text)


@FAST
@given(st.text(max_size=300), DATES)
def test_grammars_never_raise(text: str, issue: date) -> None:
    reading = call_language.parse(text)
    assert reading.redemption.callable in (None, True, False)
    steps = coupon_steps.parse(text, issue)
    assert list(steps) == sorted(steps, key=lambda s: s.from_date)


@FAST
@given(DATES, st.sampled_from(["Monthly", "Quarterly", "Semi-Annually", "Annually"]),
       st.integers(1, 90), st.booleans())  # fmt: skip
def test_generated_call_wordings(first: date, freq: str, days: int, business: bool) -> None:
    kind = "New York business days'" if business else "Calendar Days"
    text = f"Callable at 100% on {first:%m/%d/%Y} and {freq} thereafter with {days} {kind} Notice."
    r = call_language.parse(text).redemption
    assert (r.callable, r.first_call_date, r.notice_days) == (True, first, days)
    assert r.frequency is not None and r.notice_kind is not None
    assert r.notice_kind.value == ("business" if business else "calendar")


def _split_header_by_definition(line: str) -> list[vocabulary.Field]:
    """The header reading as first written (every chunk of up to five words looked up whole,
    longest first): the linear ``split_header_line`` must find the same fields."""
    words = line.split()
    found = []
    i = 0
    while i < len(words):
        for n in range(min(vocabulary._MAX_WORDS, len(words) - i), 0, -1):
            field = vocabulary.LOOKUP.get(vocabulary.norm_label(" ".join(words[i : i + n])))
            if field is not None:
                found.append(field)
                i += n
                break
        else:
            i += 1
    return found


ALIASES = sorted(a for aliases in vocabulary._ALIASES.values() for a in aliases)
HEADER_WORDS = sorted({w for alias in vocabulary.LOOKUP for w in alias.split()})
NOISE = ["the", "and", "of", "Notes", "(1)", "*", "†", "Yield", "S&P", "|", "-", "%", "per", "$1,000"]


@FAST
@given(
    st.lists(
        st.tuples(st.sampled_from(ALIASES + HEADER_WORDS + NOISE),
                  st.sampled_from(["", ":", "'s", "*", "(2)"]), st.booleans()),
        min_size=1, max_size=30,
    )
)  # fmt: skip
def test_split_header_line_reads_as_its_definition(parts: list[tuple[str, str, bool]]) -> None:
    line = "  ".join(f"{w.title() if up else w}{mark}" for w, mark, up in parts)
    assert [f for f, _ in vocabulary.split_header_line(line)] == _split_header_by_definition(line)
