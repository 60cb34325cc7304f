"""The generated Federal Reserve table equals ``holidays.financial_holidays("XFED")`` exactly
(regenerate with tools/gen_fed_holidays.py after upgrading ``holidays``)."""

from __future__ import annotations

from datetime import date

import holidays

from app.domain import fed_holidays_data
from app.domain.calendar import _rule_holidays, holiday_name, is_business_day


def test_generated_table_is_the_library_schedule() -> None:
    years = range(fed_holidays_data.FIRST_YEAR, fed_holidays_data.LAST_YEAR + 1)
    library = holidays.financial_holidays("XFED", years=years)
    ours = {
        date.fromisoformat(d): n for d, n in (r.split("|", 1) for r in fed_holidays_data.ROWS.splitlines())
    }
    assert ours == dict(library)
    for day, name in library.items():
        assert holiday_name(day) == name


def test_rules_for_years_outside_the_library_agree_with_it_where_it_has_data() -> None:
    years = range(fed_holidays_data.FIRST_YEAR, fed_holidays_data.LAST_YEAR + 1)
    library = set(holidays.financial_holidays("XFED", years=years))
    assert {d for y in years for d in _rule_holidays(y)} == library
    # 2101-07-04 is a Monday: Independence Day; 2101-07-05 a Tuesday banking day
    assert not is_business_day(date(2101, 7, 4)) and is_business_day(date(2101, 7, 5))
