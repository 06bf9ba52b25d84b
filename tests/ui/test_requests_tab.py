"""The coordinator's Requests tab (issue 15, item 2): the cross-unit requests still open on
their unit, with whom to call, reached by keyboard (Alt+Q)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fakes import close_session
from test_coordinator_support import coordinator_store, idle

from svdesk.access.session import Session
from ui.coordinator.page import CoordinatorPage
from ui.qt import QtCore


@pytest.fixture
def coord(tmp_path: Path) -> Iterator[Session]:
    session = coordinator_store(tmp_path)
    yield session
    close_session(session)


def _request(coord: Session, rid: str, *, other_unit: bool, status: str, urgency: str) -> None:
    coord.db.execute(
        "INSERT INTO coord_requests (request_id, workstation_id, import_sequence, site_code, "
        "unit_code, requested_week, source, people, urgency, other_unit, status, received_at, "
        "updated_at) VALUES (?, 'ws', 1, 'S01', 'ICU', '2026-W49', 'peer', 3, ?, ?, ?, 'x', 'x')",
        [rid, urgency, int(other_unit), status],
    )


def test_unmatched_cross_unit_requests_by_keyboard(qtbot: Any, coord: Session) -> None:
    _request(coord, "00000000-0000-0000-0000-000000000001", other_unit=True, status="open",
             urgency="today")  # fmt: skip
    _request(coord, "00000000-0000-0000-0000-000000000002", other_unit=True, status="open",
             urgency="now")  # fmt: skip
    _request(coord, "00000000-0000-0000-0000-000000000003", other_unit=False, status="open",
             urgency="now")  # fmt: skip
    _request(coord, "00000000-0000-0000-0000-000000000004", other_unit=True, status="taken",
             urgency="now")  # fmt: skip
    coord.db.conn.commit()
    page = CoordinatorPage(coord)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    idle(qtbot)
    qtbot.keyClick(page, QtCore.Qt.Key.Key_Q, QtCore.Qt.KeyboardModifier.AltModifier)
    tab = page.requests_tab
    assert page.tabs.currentWidget() is tab
    qtbot.waitUntil(lambda: tab.table.rowCount() == 2, timeout=10_000)
    assert [tab.table.item(r, 0).text() for r in range(2)] == ["Now", "Today"]  # most urgent
    assert tab.table.item(0, 2).text() == "S01 / ICU"
    assert tab.table.item(0, 3).text().startswith("S01 / ICU admin, workstation")
    assert tab.table.item(0, 5).text() == "3"
    assert not tab.empty.isVisible()
    assert "Still open on the unit: <11" in tab.summary.text()  # small counts hidden
    times = tab.times.text()
    assert "too few requests taken up (0)" in times  # none has its minutes to contact
    assert "Requests by who asked:" in times
    assert ": <11" in times  # the 4 requests of peers: a small count
    assert "00–04: 0" in times


def test_request_to_contact_times_in_the_tab(qtbot: Any, coord: Session) -> None:
    for n in range(12):
        coord.db.execute(
            "INSERT INTO coord_requests (request_id, workstation_id, import_sequence, "
            "requested_week, source, status, minutes_to_contact, requested_hour, other_unit, "
            "received_at, updated_at) VALUES (?, 'ws', 1, '2026-W49', 'self', 'taken', ?, '09', "
            "0, 'x', 'x')",
            [f"00000000-0000-0000-0000-{n:012d}", 10 if n < 11 else 45],
        )
    coord.db.conn.commit()
    page = CoordinatorPage(coord)
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentWidget(page.requests_tab)
    qtbot.waitUntil(lambda: page.requests_tab.request_times is not None, timeout=10_000)
    text = page.requests_tab.times.text()
    assert "median 10 minutes after the request" in text
    assert "the share within 30 minutes is withheld" in text  # 11 and 1: the 1 is small
    assert "08–12: 12" in text


def test_no_unmatched_requests_says_so(qtbot: Any, coord: Session) -> None:
    page = CoordinatorPage(coord)
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentWidget(page.requests_tab)
    idle(qtbot)
    qtbot.waitUntil(lambda: page.requests_tab.figures is not None, timeout=10_000)
    assert page.requests_tab.empty.isVisible()
    assert page.requests_tab.empty.text() == "No unmatched requests."
