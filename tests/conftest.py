"""Test-wide set-up: offscreen Qt, automatic `gui` marker, no network for the app's code."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests import network_guard

# Before anything can import Qt: tests never need a display (CI has none).
os.environ["QT_QPA_PLATFORM"] = "offscreen"
# Cheap Argon2 for key slots made by tests (each slot records its own cost; never set outside).
os.environ.setdefault("SVDESK_KDF_PROFILE", "test")

_GUI_FIXTURES = {"qapp", "qtbot", "qtmodeltester"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _GUI_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


# ---- no network ------------------------------------------------------------------------------
# svdesk never uses the network: for the whole session every socket operation that could reach
# another machine fails the test (tests/network_guard.py). Qt and D-Bus use AF_UNIX, still allowed.
@pytest.fixture(autouse=True, scope="session")
def _no_network_session() -> Iterator[None]:
    with network_guard.installed():
        yield


@pytest.fixture(autouse=True)
def _no_network(_no_network_session: None) -> Iterator[None]:
    start = len(network_guard.ATTEMPTS)
    yield
    attempts = network_guard.ATTEMPTS[start:]
    if attempts:
        pytest.fail("svdesk tried to use the network: " + "; ".join(attempts), pytrace=False)
