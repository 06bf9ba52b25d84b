"""On-call coverage gaps end to end (issue 15, item 4): a unit's roster (office hours: 60 of a
week's 168 hours) judged as the hours pass, exported and imported; the coordinator's Requests
tab, reached by keyboard, says how many hours of the last month nobody was on call, in all and
by unit."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fakes import close_session
from test_coordinator_support import (
    coordinator_store,
    export_directly,
    idle,
    pair_directly,
    unit_store,
)

from svdesk.access.session import Session
from svdesk.coordinator.importing import import_bundles
from svdesk.progress import run_to_end
from svdesk.unit.context import context_for
from svdesk.unit.oncall import set_on_call
from svdesk.unit.oncall_coverage import record_coverage
from ui.coordinator.page import CoordinatorPage
from ui.qt import QtCore

BERLIN = ZoneInfo("Europe/Berlin")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN).astimezone(UTC)


@pytest.fixture
def stores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Session, Session]]:
    monkeypatch.setattr("svdesk.unit.oncall_coverage.workstation_zone", lambda: BERLIN)
    coord = coordinator_store(tmp_path)
    unit = unit_store(tmp_path)
    yield coord, unit
    close_session(unit)
    close_session(coord)


def test_the_requests_tab_shows_the_months_hours_with_nobody_on_call(
    qtbot: Any, tmp_path: Path, stores: tuple[Session, Session]
) -> None:
    coord, unit = stores
    pair_directly(unit, coord)
    ctx = context_for(unit)
    set_on_call(ctx, {unit.supporter.id: ("Mon-Fri 08:00-20:00", "0170 111")}, BERLIN)
    record_coverage(unit, at("2026-11-02T00:00"))  # the roster is in use from W45
    record_coverage(unit, at("2026-11-30T00:00"))  # an unlock: W45 to W48 judged
    bundle = export_directly(unit, tmp_path / "out")
    summary = run_to_end(import_bundles(coord, [bundle], trust_new=True))
    assert summary.rejected == []

    page = CoordinatorPage(coord)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    idle(qtbot)
    tab = page.requests_tab
    tab.today = lambda: date(2026, 12, 1)  # the coordinator's week: W49
    qtbot.keyClick(page, QtCore.Qt.Key.Key_Q, QtCore.Qt.KeyboardModifier.AltModifier)
    assert page.tabs.currentWidget() is tab
    qtbot.waitUntil(lambda: tab.coverage is not None, timeout=10_000)
    idle(qtbot)
    text = tab.coverage_label.text()
    unit_code = unit.workstation.info.unit_code
    assert "2026-W45 to 2026-W48" in text
    assert "432 hours with nobody on call, of 672 hours recorded (64 %)" in text
    assert f"{unit_code}: 432 of 672 hours with nobody on call (64 %); 4 of 4 weeks" in text
    assert tab.coverage_label.accessibleName() == "Hours in the last month with nobody on call"
