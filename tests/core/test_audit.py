"""The audit log is append-only and hash-chained; `check` finds any edit."""

from __future__ import annotations

from pathlib import Path

import pytest

from svdesk.storage import audit
from svdesk.storage.db import DatabaseError, connect
from tests.fakes import close_session, make_session, reopen


def test_chain_verifies_after_normal_use(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    sam = session.enrol("Sam", "sam's passphrase")
    session.audit("export", {"sequence": 1, "records": 3})
    session.remove_supporter(sam.id)
    session.backup()
    again = reopen(session)
    report = again.check()
    assert report.ok, report.problems
    actions = [r[0] for r in again.db.execute("SELECT action FROM audit ORDER BY seq")]
    for expected in (
        "store_created",
        "unlock",
        "enrol",
        "export",
        "key_rotated",
        "remove",
        "backup",
    ):
        assert expected in actions
    assert report.figures["audit_entries"] == len(actions)
    close_session(again)


def test_audit_rows_cannot_be_changed_or_deleted_through_sql(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    with pytest.raises(DatabaseError, match="append-only"):
        session.db.execute("UPDATE audit SET action = 'x' WHERE seq = 1")
    with pytest.raises(DatabaseError, match="append-only"):
        session.db.execute("DELETE FROM audit")
    close_session(session)


def _tamper(tmp_path: Path, sql: str) -> list[str]:
    session = make_session(tmp_path)
    for i in range(3):
        session.audit("export", {"sequence": i})
    key = session._db_key()
    home = session.workstation.home
    session.lock()
    # someone with the key edits the file directly
    raw = connect(home / "svdesk.db", key)
    raw.execute("DROP TRIGGER audit_no_update")
    raw.execute("DROP TRIGGER audit_no_delete")
    raw.execute(sql)
    raw.close()
    session.workstation.close()
    from svdesk.access.workstation import Workstation
    from tests.fakes import ADMIN_PASSPHRASE, session_secrets

    ws = Workstation.open(home, session_secrets(session))
    again = ws.unlock(session.supporter.id, ADMIN_PASSPHRASE)
    report = again.check()
    close_session(again)
    assert not report.ok
    return report.problems


def test_edited_detail_is_detected(tmp_path: Path) -> None:
    problems = _tamper(tmp_path, "UPDATE audit SET detail = '{\"sequence\":99}' WHERE seq = 3")
    assert any("entry 3 was altered" in p for p in problems)


def test_deleted_entry_is_detected(tmp_path: Path) -> None:
    problems = _tamper(tmp_path, "DELETE FROM audit WHERE seq = 2")
    assert any("entry 2 is missing" in p for p in problems)


def test_rehashed_row_breaks_the_next_link(tmp_path: Path) -> None:
    session_rows: list[str] = []
    problems = _tamper(
        tmp_path,
        "UPDATE audit SET action = 'nothing', hash = '" + "a" * 64 + "' WHERE seq = 2",
    )
    session_rows.extend(problems)
    assert any("entry 3 does not link" in p for p in problems)


def test_row_hash_is_stable() -> None:
    digest = audit.row_hash(audit.GENESIS, 1, "2026-01-01T00:00:00Z", None, "unlock", detail="{}")
    assert digest == audit.row_hash(
        audit.GENESIS, 1, "2026-01-01T00:00:00Z", None, "unlock", detail="{}"
    )
    assert digest != audit.row_hash(
        audit.GENESIS, 1, "2026-01-01T00:00:01Z", None, "unlock", detail="{}"
    )


def test_cutting_off_the_tail_of_the_log_is_detected(tmp_path: Path) -> None:
    # the last entries are the ones a culprit would most like to remove
    problems = _tamper(tmp_path, "DELETE FROM audit WHERE seq >= 3")
    assert any("cut short" in p for p in problems)
