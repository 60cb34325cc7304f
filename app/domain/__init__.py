"""Qt-free note engine: money, dates, schedules, calls, accrual and yields (no file I/O)."""
