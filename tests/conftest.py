"""Suite-wide setup: Qt always runs offscreen in tests, whatever the shell says; tests marked
``timing`` (per-action time bounds) run first, in a process not yet grown by the rest."""

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.get_closest_marker("timing") is None)  # stable: order kept
