"""Qt-free presentation: what the window shows, derived from domain objects (table rows, labelled
terms, chart arrays); no Qt, no I/O, checked with ``mypy --strict``."""
