"""The export items are tested on the export tests' purchases (tests/reports/conftest.py)."""

from tests.reports.conftest import ally_quote, offering, sample_file

__all__ = ["ally_quote", "offering", "sample_file"]
