"""Issue 18, item 4: faults that used to give the wrong advice.

- A backup whose read-back failed exited 2 ("invalid input") and left the unverified file, to
  be taken for a good backup later: now it is removed, with a clear message and exit 3.
- A migration on a full drive said "Report this problem"; a store on a nearly full drive read
  as "damaged — restore a backup": now both say the drive is full and how much to free.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import svdesk.storage.backup as backup_module
from svdesk.access.workstation import Workstation
from svdesk.errors import InvalidInput, StoreDamaged, WriteFailed
from svdesk.storage import db as store_module
from svdesk.storage import schema, space
from tests.fakes import ADMIN_PASSPHRASE, close_session, make_session, session_secrets


def test_a_backup_that_does_not_read_back_is_removed_and_exits_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = make_session(tmp_path)
    out = tmp_path / "usb"
    out.mkdir()
    real = backup_module._extract

    def failing_read_back(backup: Path, into: Path) -> dict[str, Any]:
        if into.name == "verify":
            raise InvalidInput(f"{backup.name} could not be read (Input/output error).")
        return real(backup, into)

    monkeypatch.setattr(backup_module, "_extract", failing_read_back)
    with pytest.raises(WriteFailed) as caught:
        session.backup(out / "nightly.svbak")
    close_session(session)
    assert caught.value.exit_code == 3  # before: InvalidInput, exit 2
    assert "did not read back intact" in caught.value.message
    assert "removed" in caught.value.message
    assert list(out.iterdir()) == []  # before: nightly.svbak stayed, unverified


def test_a_migration_on_a_full_drive_says_how_much_to_free(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = make_session(tmp_path)
    home, secrets, sid = session.workstation.home, session_secrets(session), session.supporter.id
    close_session(session)
    target = schema.SCHEMA_VERSION + 1
    real_sql = schema.migration_sql
    # SQLite's own "database or disk is full": the file may not grow past its size now.
    filling = (
        "PRAGMA max_page_count = 1;\n"
        "CREATE TABLE filler (x BLOB);\n"
        "INSERT INTO filler SELECT randomblob(65536) FROM "
        "(WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 64) "
        "SELECT i FROM c);"
    )
    monkeypatch.setattr(schema, "SCHEMA_VERSION", target)
    monkeypatch.setattr(schema, "migration_sql", lambda v: filling if v == target else real_sql(v))
    ws = Workstation.open(home, secrets)
    with pytest.raises(WriteFailed) as caught:
        ws.unlock(sid, ADMIN_PASSPHRASE)
    ws.close()
    message = caught.value.message
    assert "the drive is full" in message
    assert "Free at least" in message
    assert "Report this problem" not in message  # before the fix: StoreDamaged with that advice
    monkeypatch.undo()
    reopened = Workstation.open(home, secrets).unlock(sid, ADMIN_PASSPHRASE)
    assert reopened.store.user_version == schema.SCHEMA_VERSION  # nothing was changed
    close_session(reopened)


def test_a_nearly_full_drive_is_not_called_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = make_session(tmp_path)
    home, secrets, sid = session.workstation.home, session_secrets(session), session.supporter.id
    close_session(session)

    class NoRoomForTheLog:
        """SQLite's answer when the write-ahead log's index cannot be created: an I/O error."""

        def __init__(self, conn: Any) -> None:
            self._conn = conn

        def execute(self, sql: str, *args: Any) -> Any:
            if sql.startswith("PRAGMA journal_mode"):
                raise store_module.DatabaseError("disk I/O error")
            return self._conn.execute(sql, *args)

        def __getattr__(self, name: str) -> Any:
            return getattr(self._conn, name)

    real_connect = store_module.connect
    monkeypatch.setattr(store_module, "connect", lambda p, k: NoRoomForTheLog(real_connect(p, k)))
    monkeypatch.setattr(space, "free_bytes", lambda folder: 200 * 1024)
    ws = Workstation.open(home, secrets)
    with pytest.raises(WriteFailed) as caught:
        ws.unlock(sid, ADMIN_PASSPHRASE)
    ws.close()
    assert not isinstance(caught.value, StoreDamaged)
    assert "the drive is full" in caught.value.message
    assert "Free at least" in caught.value.message
    assert "restore a backup" not in caught.value.message
