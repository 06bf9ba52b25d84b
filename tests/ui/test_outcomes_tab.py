"""The coordinator's Effectiveness tab: outcomes for the dashboard's period and unit, by
keyboard, withheld below the report threshold."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fakes import close_session
from test_coordinator_support import coordinator_store, idle

from svdesk.access.session import Session
from svdesk.coordinator.outcomes import IMPROVED, WEEKS_TO_GREEN
from svdesk.coordinator.summaries import period_month
from ui.coordinator.page import CoordinatorPage
from ui.qt import QtCore


@pytest.fixture
def coord(tmp_path: Path) -> Iterator[Session]:
    session = coordinator_store(tmp_path)
    yield session
    close_session(session)


def _encounter(
    coord: Session, n: int, *, case: str, kind: str, week: str, zone: str, unit: str
) -> None:
    coord.db.execute(
        "INSERT INTO coord_encounters (encounter_id, workstation_id, import_sequence, case_code, "
        "unit_code, encounter_type, stress_zone, created_week, period_month) "
        "VALUES (?, 'ws', 1, ?, ?, ?, ?, ?, ?)",
        [f"00000000-0000-0000-0000-{n:012d}", case, unit, kind, zone, week, period_month(week)],
    )


def _cases(coord: Session, count: int, unit: str, start: int = 0) -> None:
    for i in range(start, start + count):
        case = f"C{i}"
        _encounter(
            coord, 2 * i, case=case, kind="initial", week="2026-W45", zone="orange", unit=unit
        )
        _encounter(
            coord, 2 * i + 1, case=case, kind="follow_up", week="2026-W47", zone="green", unit=unit
        )
    coord.db.conn.commit()


def _row(page: CoordinatorPage, label: str) -> int:
    table = page.outcomes_tab.table
    return next(r for r in range(table.rowCount()) if table.item(r, 0).text() == label)


def test_effectiveness_tab_by_keyboard_follows_the_dashboard(qtbot: Any, coord: Session) -> None:
    _cases(coord, 12, "ED1")
    _cases(coord, 3, "ICU", start=12)
    page = CoordinatorPage(coord)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    idle(qtbot)
    qtbot.keyClick(page, QtCore.Qt.Key.Key_V, QtCore.Qt.KeyboardModifier.AltModifier)
    assert page.tabs.currentWidget() is page.outcomes_tab
    table = page.outcomes_tab.table
    qtbot.waitUntil(lambda: table.rowCount() > 0, timeout=10_000)
    improved = _row(page, IMPROVED)
    assert table.item(improved, 1).text() == "100 % (15 of 15)"
    assert table.item(_row(page, WEEKS_TO_GREEN), 1).text() == "2 weeks"
    assert "higher is better" in table.item(improved, 3).text().lower()

    # The dashboard's unit filter carries over; 3 cases are below the threshold (11).
    page.dashboard.set_filters(unit="ICU")
    page.dashboard.refresh()
    qtbot.waitUntil(
        lambda: page.outcomes_tab.figures is not None and page.outcomes_tab.figures.unit == "ICU",
        timeout=10_000,
    )
    idle(qtbot)
    assert table.item(_row(page, IMPROVED), 1).text() == "withheld (fewer than 11 records)"
    assert "ICU" in page.outcomes_tab.period.text()


def _responses(coord: Session, count: int, week: str, value: int) -> None:
    import json
    import secrets

    answers = {"know_reach": value, "know_what_happens": value, "know_out_of_hours": value}
    for _ in range(count):
        coord.db.execute(
            "INSERT INTO coord_survey_responses (response_id, workstation_id, site_code, "
            "unit_code, survey_id, survey_version, week, answers) "
            "VALUES (?, 'ws', 'S01', 'ED1', 'program_pulse', '1.0.0', ?, ?)",
            [secrets.token_hex(16), week, json.dumps(answers)],
        )
    coord.db.conn.commit()


def test_the_staff_survey_shows_means_intervals_and_months(qtbot: Any, coord: Session) -> None:
    _responses(coord, 6, "2026-W45", 3)
    _responses(coord, 6, "2026-W45", 5)
    _responses(coord, 3, "2026-W49", 4)  # December: 3 responses, below the threshold
    page = CoordinatorPage(coord)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    idle(qtbot)
    qtbot.keyClick(page, QtCore.Qt.Key.Key_V, QtCore.Qt.KeyboardModifier.AltModifier)
    tab = page.outcomes_tab
    qtbot.waitUntil(lambda: tab.survey_table.rowCount() == 3, timeout=10_000)
    assert "Peer support program pulse" in tab.survey_title.text()
    assert "not a validated instrument" in tab.survey_title.text()
    assert tab.survey_table.item(0, 0).text() == "Knowing how to get support"
    assert tab.survey_table.item(0, 1).text() == "15"
    assert tab.survey_table.item(0, 2).text().startswith("4.00 (95 % CI 3.")
    assert tab.survey_table.item(1, 1).text() == "0"  # trust: no item answered
    assert tab.survey_table.item(1, 2).text() == "no responses"
    assert [tab.trend_table.item(r, 0).text() for r in range(2)] == ["2026-11", "2026-12"]
    assert tab.trend_table.item(0, 1).text() == "4.00"
    assert tab.trend_table.item(1, 1).text() == "— (<11)"
