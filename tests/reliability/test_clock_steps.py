"""Issue 18, item 2: a clock that steps back, or runs far ahead.

Before the fix the export chose escalations by timestamps (`updated_at` after the last export's
`created_at`): an escalation closed after the clock stepped back looked older than that export,
was never sent again, and stayed open and overdue at the coordinator for good. Now a change
counter (migration 4) decides. And the unlock says when the clock is behind the last recorded
time or far ahead of it (before: nothing).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from svdesk.access import clock_check
from svdesk.access.session import Session
from svdesk.access.workstation import Workstation
from svdesk.coordinator.importing import import_bundles
from svdesk.coordinator.keys import card_bytes, init_coordinator_keys
from svdesk.progress import run_to_end
from svdesk.storage import schema
from svdesk.storage.db import Database
from svdesk.unit import export
from tests.fakes import ADMIN_PASSPHRASE, close_session, make_session, session_secrets

T0 = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
ESC_ID = "6f1c2a52-3d4e-4b5f-8a6b-7c8d9e0f1a2b"


def _insert_escalation(db: Database, created: datetime) -> str:
    at = created.isoformat()
    db.execute(
        "INSERT INTO escalations (id, case_code, level, actions, rules, status, due_at, "
        "created_at, created_by, updated_at) VALUES (?, 'K7Q-4MX', 'tier3_72h', "
        "'[\"crisis_line_info\"]', '[]', 'open', ?, ?, 'someone', ?)",
        [ESC_ID, (created + timedelta(days=3)).isoformat(), at, at],
    )
    return ESC_ID


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Session, Session]]:
    coord = make_session(tmp_path, role="coordinator", home_name="coord")
    unit = make_session(tmp_path, role="unit", home_name="unit")
    init_coordinator_keys(coord)
    export.pair(unit, card_bytes(coord))
    yield coord, unit
    close_session(unit)
    close_session(coord)


def test_a_status_changed_after_the_clock_stepped_back_is_exported(
    pair: tuple[Session, Session], tmp_path: Path
) -> None:
    coord, unit = pair
    out = tmp_path / "usb"
    out.mkdir()
    with unit.store.transaction() as db:
        _insert_escalation(db, T0)
    first = run_to_end(export.export_bundle(unit, out, now=lambda: T0 + timedelta(minutes=5)))
    assert first.escalations == 1
    # The clock steps back an hour; the escalation is closed "before" the export was made.
    back = (T0 - timedelta(hours=1)).isoformat()
    with unit.store.transaction() as db:
        db.execute(
            "UPDATE escalations SET status = 'closed', outcome = NULL, updated_at = ? WHERE id = ?",
            [back, ESC_ID],
        )
    assert export.pending_count(unit) == 1  # before the fix: 0, the close never left
    second = run_to_end(export.export_bundle(unit, out, now=lambda: T0 - timedelta(minutes=30)))
    assert second.escalations == 1
    assert export.pending_count(unit) == 0

    run_to_end(import_bundles(coord, [first.path, second.path], trust_new=True))
    (status,) = coord.db.execute("SELECT unit_status FROM coord_escalations").fetchone()
    assert status == "closed"


def test_an_export_does_not_mark_a_change_made_while_it_ran(pair: tuple[Session, Session]) -> None:
    """Marking records the change number each row was exported at, not "everything now"."""
    _, unit = pair
    with unit.store.transaction() as db:
        _insert_escalation(db, T0)
    (carried,) = unit.db.execute("SELECT change_seq FROM escalations").fetchone()
    with unit.store.transaction() as db:
        db.execute("UPDATE escalations SET status = 'handed_off' WHERE id = ?", [ESC_ID])
        db.execute("UPDATE escalations SET exported_seq = 1, exported_change = ?", [carried])
    assert export.pending_count(unit) == 1


def test_migration_keeps_what_the_timestamp_rule_had_pending() -> None:
    """Golden migration test: a schema-3 store (as the previous version left it) with one
    escalation exported and unchanged since, and one changed after its export; after migration 4
    only the second is pending, and a later change makes the first pending again."""
    db = Database(memory=True)
    for version in range(1, 4):
        db.conn.executescript(schema.migration_sql(version))
    at = T0.isoformat()
    db.execute(
        "INSERT INTO exports (sequence, export_id, created_at, file_name, records, "
        "payload_sha256) VALUES (1, 'x', ?, 'f', 2, '')",
        [(T0 + timedelta(hours=1)).isoformat()],
    )
    for eid, updated in (("same", at), ("changed", (T0 + timedelta(hours=2)).isoformat())):
        db.execute(
            "INSERT INTO escalations (id, level, status, due_at, created_at, created_by, "
            "updated_at, exported_seq) VALUES (?, 'tier3_72h', 'open', ?, ?, 'x', ?, 1)",
            [eid, at, at, updated],
        )
    db.conn.executescript(schema.migration_sql(4))
    assert [e["id"] for e in export._pending_escalations(db)] == ["changed"]
    db.execute("UPDATE escalations SET status = 'closed' WHERE id = 'same'")
    assert sorted(e["id"] for e in export._pending_escalations(db)) == ["changed", "same"]


@pytest.mark.parametrize(
    ("shift", "expected"),
    [
        (timedelta(days=-2), "is behind the last time recorded"),
        (timedelta(days=400), "more than 180 days after"),
        (timedelta(minutes=-3), None),  # ordinary drift
        (timedelta(days=3), None),
    ],
)
def test_the_clock_is_checked_at_unlock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shift: timedelta, expected: str | None
) -> None:
    session = make_session(tmp_path)
    home, secrets, sid = session.workstation.home, session_secrets(session), session.supporter.id
    close_session(session)
    monkeypatch.setattr(clock_check, "now", lambda: datetime.now(UTC) + shift)
    reopened = Workstation.open(home, secrets).unlock(sid, ADMIN_PASSPHRASE)
    warning = reopened.clock_warning
    actions = [r[0] for r in reopened.db.execute("SELECT action FROM audit ORDER BY seq")]
    close_session(reopened)
    if expected is None:
        assert warning is None
        assert "clock_suspect" not in actions
    else:
        assert warning is not None
        assert expected in warning
        assert "clock_suspect" in actions


def test_a_clock_set_right_after_running_ahead_is_not_called_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: once a clock 400 days ahead was corrected, every unlock said "this computer's
    clock is behind ... set the correct date" (the entries stamped in the future were the last
    recorded time) for up to a year. Now the first unlock with the right clock says once that
    records made meanwhile carry future times, and later unlocks say nothing; a clock that is
    really behind the last trustworthy time is still called behind."""
    from svdesk.storage import audit

    session = make_session(tmp_path)
    home, secrets, sid = session.workstation.home, session_secrets(session), session.supporter.id
    close_session(session)

    def unlock_with_clock(shift: timedelta) -> str | None:
        monkeypatch.setattr(clock_check, "now", lambda: datetime.now(UTC) + shift)
        monkeypatch.setattr(
            audit,
            "now_iso",
            lambda: (
                (datetime.now(UTC) + shift).isoformat(timespec="seconds").replace("+00:00", "Z")
            ),
        )
        reopened = Workstation.open(home, secrets).unlock(sid, ADMIN_PASSPHRASE)
        warning = reopened.clock_warning
        close_session(reopened)
        return warning

    assert "more than 180 days after" in (unlock_with_clock(timedelta(days=400)) or "")
    assert unlock_with_clock(timedelta(days=400, minutes=5)) is None  # ahead, but consistently
    first = unlock_with_clock(timedelta(0))
    assert first is not None
    assert "looks right again" in first
    assert "is behind" not in first
    assert unlock_with_clock(timedelta(0)) is None  # said once
    behind = unlock_with_clock(timedelta(days=-2))
    assert behind is not None
    assert "is behind the last time recorded" in behind
