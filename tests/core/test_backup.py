"""Encrypted, verified, rotated backups and restore (which keeps what it replaces)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from svdesk.access.workstation import Workstation
from svdesk.errors import InvalidInput, SecretStoreUnavailable, StoreDamaged, StoreLocked
from svdesk.storage.backup import DEFAULT_KEEP, KEEP_SETTING, restore_backup
from svdesk.storage.settings import save_setting
from tests.fakes import (
    ADMIN_PASSPHRASE,
    MemorySecrets,
    close_session,
    make_session,
    session_secrets,
)

CANARY = "CANARY-backup-3e1d-walrus"


def _unlock(home: Path, secrets: MemorySecrets | None, sid: str):  # type: ignore[no-untyped-def]
    return Workstation.open(home, secrets).unlock(sid, ADMIN_PASSPHRASE)


def test_backup_restore_round_trip_keeps_the_replaced_store(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    session.db.execute("CREATE TABLE probe (id INTEGER PRIMARY KEY, text TEXT)")
    session.db.table("probe").insert({"id": 1, "text": CANARY})
    backup = session.backup()
    assert backup.parent == session.workstation.home / "backups"
    assert backup.suffix == ".svbak"
    session.db.table("probe").insert({"id": 2, "text": "after the backup"})
    home, secrets, sid = session.workstation.home, session_secrets(session), session.supporter.id

    with pytest.raises(StoreLocked):  # not while the store is open
        restore_backup(home, backup, secrets, secret=ADMIN_PASSPHRASE)
    close_session(session)

    kept = restore_backup(home, backup, secrets, secret=ADMIN_PASSPHRASE)
    assert kept is not None
    assert (kept / "svdesk.db").exists()
    assert (kept / "keys.json").exists()
    restored = _unlock(home, secrets, sid)
    assert [r["id"] for r in restored.db.table("probe").rows] == [1]
    actions = [r[0] for r in restored.db.execute("SELECT action FROM audit ORDER BY seq")]
    assert actions[-2:] == ["restore", "unlock"]
    assert restored.check().ok
    close_session(restored)

    # the kept copy is the store as it was before the restore, second row included
    before = _unlock(kept, secrets, sid)
    assert [r["id"] for r in before.db.table("probe").rows] == [1, 2]
    close_session(before)


def test_backup_is_encrypted(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    session.db.execute("CREATE TABLE probe (text TEXT)")
    session.db.table("probe").insert({"text": CANARY})
    backup = session.backup(tmp_path / "out.svbak")
    close_session(session)
    data = backup.read_bytes()
    assert CANARY.encode() not in data
    with zipfile.ZipFile(backup) as zf:
        assert set(zf.namelist()) == {"manifest.json", "keys.json", "svdesk.db"}
        assert not zf.read("svdesk.db").startswith(b"SQLite format 3")


def test_backups_are_rotated(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    save_setting(session, KEEP_SETTING, 3)
    made = [session.backup() for _ in range(5)]
    remaining = sorted((session.workstation.home / "backups").glob("*.svbak"))
    assert remaining == sorted(made[-3:])
    assert DEFAULT_KEEP == 10
    close_session(session)


def test_backup_to_a_missing_folder_is_invalid_input(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    with pytest.raises(InvalidInput, match="does not exist"):
        session.backup(tmp_path / "no-such-folder" / "x.svbak")
    close_session(session)


def test_damaged_backup_is_refused_and_the_store_untouched(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    backup = session.backup()
    home, secrets = session.workstation.home, session_secrets(session)
    close_session(session)
    before = (home / "svdesk.db").read_bytes()
    data = bytearray(backup.read_bytes())
    middle = len(data) // 2
    data[middle] ^= 0xFF
    damaged = tmp_path / "damaged.svbak"
    damaged.write_bytes(bytes(data))
    with pytest.raises(StoreDamaged):
        restore_backup(home, damaged, secrets, secret=ADMIN_PASSPHRASE)
    junk = tmp_path / "junk.svbak"
    junk.write_bytes(b"this is not a backup")
    with pytest.raises(StoreDamaged):
        restore_backup(home, junk, secrets, secret=ADMIN_PASSPHRASE)
    with pytest.raises(InvalidInput):
        restore_backup(home, tmp_path / "missing.svbak", secrets, secret=ADMIN_PASSPHRASE)
    assert (home / "svdesk.db").read_bytes() == before
    assert not (home / "replaced").exists()


def test_restore_needs_the_device_secret(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    backup = session.backup(tmp_path / "b.svbak")
    home = session.workstation.home
    close_session(session)
    before = (home / "svdesk.db").read_bytes()
    with pytest.raises(SecretStoreUnavailable):
        restore_backup(
            home, backup, MemorySecrets(), secret=ADMIN_PASSPHRASE
        )  # another computer: no entry for this store
    assert (home / "svdesk.db").read_bytes() == before


def test_restore_into_an_empty_folder(tmp_path: Path) -> None:
    session = make_session(tmp_path, passphrase_only=True)
    backup = session.backup(tmp_path / "b.svbak")
    sid = session.supporter.id
    close_session(session)
    fresh = tmp_path / "fresh"
    assert restore_backup(fresh, backup, None, secret=ADMIN_PASSPHRASE) is None
    close_session(_unlock(fresh, None, sid))
