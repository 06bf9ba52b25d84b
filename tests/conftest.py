"""Test-wide set-up: offscreen Qt, automatic `gui` marker."""

from __future__ import annotations

import os

import pytest

# Before anything can import Qt: tests never need a display (CI has none).
os.environ["QT_QPA_PLATFORM"] = "offscreen"

_GUI_FIXTURES = {"qapp", "qtbot", "qtmodeltester"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _GUI_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)
