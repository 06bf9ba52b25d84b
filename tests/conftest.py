"""Test-wide set-up: offscreen Qt, automatic `gui` marker, no network for the app's code."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import network_guard

# Before anything can import Qt: tests never need a display (CI has none).
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_PYTHONPATH = os.environ.get("PYTHONPATH", "")
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
# Python processes the tests start get the same guard (tests/child_guard/sitecustomize.py) and
# report attempts through a log file.
@pytest.fixture(autouse=True, scope="session")
def _no_network_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    log = tmp_path_factory.mktemp("network") / "attempts.log"
    log.touch()
    patch = pytest.MonkeyPatch()
    child_guard = str(Path(__file__).resolve().parent / "child_guard")
    patch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [child_guard, _PYTHONPATH])))
    patch.setenv(network_guard.CHILD_LOG_ENV, str(log))
    with network_guard.installed():
        yield log
    patch.undo()


@pytest.fixture(autouse=True)
def _no_network(_no_network_session: Path) -> Iterator[None]:
    start = len(network_guard.ATTEMPTS)
    child_start = _no_network_session.stat().st_size
    yield
    attempts = network_guard.ATTEMPTS[start:]
    with _no_network_session.open(encoding="utf-8") as log:
        log.seek(child_start)
        attempts += log.read().splitlines()
    if attempts:
        pytest.fail("svdesk tried to use the network: " + "; ".join(attempts), pytrace=False)
