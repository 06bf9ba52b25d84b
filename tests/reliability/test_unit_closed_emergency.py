"""Issue 18, item 5: an emergency closed on the unit still counted as open (and overdue) at the
coordinator, whose queue looked only at its own `closed_at`. Now closed on the unit is closed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from svdesk.coordinator.dashboard import dashboard_figures
from svdesk.coordinator.importing import import_bundles
from svdesk.coordinator.keys import card_bytes, init_coordinator_keys
from svdesk.coordinator.queue import escalation_queue
from svdesk.progress import run_to_end
from svdesk.unit import export
from tests.fakes import close_session, make_session

ESC_ID = "0b6f7a3e-9c2d-4e1f-8a5b-6c7d8e9f0a1b"


def test_an_emergency_closed_on_the_unit_is_not_open_at_the_coordinator(tmp_path: Path) -> None:
    coord = make_session(tmp_path, role="coordinator", home_name="coord")
    unit = make_session(tmp_path, role="unit", home_name="unit")
    init_coordinator_keys(coord)
    export.pair(unit, card_bytes(coord))
    out = tmp_path / "usb"
    out.mkdir()
    raised = datetime.now(UTC) - timedelta(days=2)
    with unit.store.transaction() as db:
        db.execute(
            "INSERT INTO escalations (id, case_code, level, actions, rules, status, due_at, "
            "created_at, created_by, updated_at) VALUES (?, 'K7Q-4MX', 'emergency', "
            "'[\"crisis_line_info\"]', '[]', 'open', ?, ?, 'someone', ?)",
            [ESC_ID, raised.isoformat(), raised.isoformat(), raised.isoformat()],
        )
    first = run_to_end(export.export_bundle(unit, out))
    run_to_end(import_bundles(coord, [first.path], trust_new=True))
    (queued,) = escalation_queue(coord)
    assert queued.overdue

    with unit.store.transaction() as db:
        db.execute(
            "UPDATE escalations SET status = 'closed', updated_at = ? WHERE id = ?",
            [datetime.now(UTC).isoformat(), ESC_ID],
        )
    second = run_to_end(export.export_bundle(unit, out))
    run_to_end(import_bundles(coord, [second.path], trust_new=True))
    assert escalation_queue(coord) == []  # before the fix: still listed, overdue
    (shown,) = escalation_queue(coord, include_closed=True)
    assert shown.unit_status == "closed"
    assert not shown.overdue
    assert dashboard_figures(coord).escalations_overdue == 0
    close_session(unit)
    close_session(coord)
