"""Putting older store files back to undo a removal, and restoring over a broken store without
proof (issue 13, item 6)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from svdesk.access.freshness import StoreRolledBack
from svdesk.access.workstation import Workstation
from svdesk.errors import WrongPassphrase
from svdesk.storage.backup import restore_backup
from tests.fakes import ADMIN_PASSPHRASE, close_session, make_session, session_secrets

SAM_PASS = "sam's own long passphrase"
FILES = ("svdesk.db", "keys.json")


def _copy(home: Path, to: Path) -> None:
    to.mkdir()
    for name in FILES:
        shutil.copy(home / name, to / name)


def test_putting_back_older_files_to_undo_a_removal_is_refused(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    sam = session.enrol("Sam", SAM_PASS)
    home, secrets = session.workstation.home, session_secrets(session)
    session.store.checkpoint()
    close_session(session)
    _copy(home, tmp_path / "old")  # Sam keeps a copy from while he was enrolled

    admin = Workstation.open(home, secrets).unlock(session.supporter.id, ADMIN_PASSPHRASE)
    admin.remove_supporter(sam.id)
    close_session(admin)

    for name in ("svdesk.db-wal", "svdesk.db-shm"):
        (home / name).unlink(missing_ok=True)
    for name in FILES:
        shutil.copy(tmp_path / "old" / name, home / name)
    with pytest.raises(StoreRolledBack, match="older than the one this computer last used") as e:
        Workstation.open(home, secrets)
    assert "svdesk restore" in e.value.message
    # a copy opened in another folder is another matter (e.g. the files a restore set aside)
    close_session(Workstation.open(tmp_path / "old", secrets).unlock(sam.id, SAM_PASS))


def test_restoring_over_a_broken_store_needs_an_admin_or_the_recovery_code(
    tmp_path: Path,
) -> None:
    session = make_session(tmp_path)
    sam = session.enrol("Sam", SAM_PASS)
    backup = session.backup()
    code: str = session.recovery_code  # type: ignore[attr-defined]
    home, secrets, admin = session.workstation.home, session_secrets(session), session.supporter.id
    close_session(session)
    (home / "svdesk.db").write_bytes(b"\0" * 4096)  # broken: cannot be opened
    before = (home / "keys.json").read_bytes()
    for guess in ("", SAM_PASS, "0000-0000-0000-0000-0000"):  # nobody, not an admin, wrong code
        with pytest.raises(WrongPassphrase, match="admins or its recovery code"):
            restore_backup(home, backup, secrets, secret=guess)
    assert (home / "keys.json").read_bytes() == before  # nothing was replaced
    restore_backup(home, backup, secrets, secret=code.lower())
    restored = Workstation.open(home, secrets).unlock(sam.id, SAM_PASS)
    rows = restored.db.execute("SELECT detail FROM audit WHERE action = 'restore'").fetchall()
    assert [json.loads(r[0])["authorised_by"] for r in rows] == ["recovery_code"]
    close_session(restored)
    restore_backup(home, backup, secrets, secret=ADMIN_PASSPHRASE)
    restored = Workstation.open(home, secrets).unlock(admin, ADMIN_PASSPHRASE)
    rows = restored.db.execute("SELECT detail FROM audit WHERE action = 'restore'").fetchall()
    assert json.loads(rows[-1][0])["authorised_by"] == f"admin:{admin}"
    close_session(restored)


def _put_back_db(home: Path, kept: Path) -> None:
    """The database file put back as it was, its write-ahead log gone with the newer state."""
    for name in ("svdesk.db-wal", "svdesk.db-shm"):
        (home / name).unlink(missing_ok=True)
    shutil.copy(kept, home / "svdesk.db")


def test_putting_back_an_older_database_alone_is_refused_at_unlock(tmp_path: Path) -> None:
    # Passphrase-only: no keyring to keep a generation in, and the keys file stays current,
    # so only the database and the keys file's record of it can tell.
    session = make_session(tmp_path, passphrase_only=True)
    home, admin = session.workstation.home, session.supporter.id
    close_session(session)
    shutil.copy(home / "svdesk.db", tmp_path / "old.db")  # copied aside while locked

    session = Workstation.open(home, None).unlock(admin, ADMIN_PASSPHRASE)
    sam = session.enrol("Sam", SAM_PASS)  # a change the old copy does not have
    close_session(session)

    _put_back_db(home, tmp_path / "old.db")
    ws = Workstation.open(home, None)
    with pytest.raises(StoreRolledBack, match="older than its keys file") as e:
        ws.unlock(admin, ADMIN_PASSPHRASE)
    assert "svdesk restore" in e.value.message
    with pytest.raises(StoreRolledBack, match="older than its keys file"):
        ws.unlock(sam.id, SAM_PASS)  # and the refusal did not heal itself
    ws.close()


def test_a_database_copied_while_unlocked_is_refused_after_the_lock(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    home, secrets, admin = session.workstation.home, session_secrets(session), session.supporter.id
    session.store.checkpoint()
    shutil.copy(home / "svdesk.db", tmp_path / "old.db")  # a copy taken during the session
    session.audit("note_added")  # the session goes on, then locks
    close_session(session)

    _put_back_db(home, tmp_path / "old.db")
    with Workstation.open(home, secrets) as ws, pytest.raises(StoreRolledBack):
        ws.unlock(admin, ADMIN_PASSPHRASE)


def test_putting_back_an_older_keys_file_alone_is_refused_without_a_keyring(
    tmp_path: Path,
) -> None:
    session = make_session(tmp_path, passphrase_only=True)
    home, admin = session.workstation.home, session.supporter.id
    close_session(session)
    shutil.copy(home / "keys.json", tmp_path / "old-keys.json")
    for _ in range(2):
        close_session(Workstation.open(home, None).unlock(admin, ADMIN_PASSPHRASE))
    shutil.copy(tmp_path / "old-keys.json", home / "keys.json")
    with Workstation.open(home, None) as ws, pytest.raises(StoreRolledBack, match="older keys"):
        ws.unlock(admin, ADMIN_PASSPHRASE)


def test_a_crash_between_the_two_writes_is_not_taken_for_a_rollback(tmp_path: Path) -> None:
    session = make_session(tmp_path, passphrase_only=True)
    home, admin = session.workstation.home, session.supporter.id
    before = (home / "keys.json").read_bytes()
    close_session(session)  # the database counted the lock; pretend the keys file did not
    (home / "keys.json").write_bytes(before)
    for _ in range(2):  # and again: the database is never more than one change ahead
        before = (home / "keys.json").read_bytes()
        session = Workstation.open(home, None).unlock(admin, ADMIN_PASSPHRASE)
        session.store.close()  # killed: the lock's own count never happens
        session.workstation.close()
        (home / "keys.json").write_bytes(before)
    close_session(Workstation.open(home, None).unlock(admin, ADMIN_PASSPHRASE))


def test_a_restored_backup_opens_and_counts_on(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    backup = session.backup()
    home, secrets, admin = session.workstation.home, session_secrets(session), session.supporter.id
    close_session(session)
    for _ in range(2):
        close_session(Workstation.open(home, secrets).unlock(admin, ADMIN_PASSPHRASE))
    restore_backup(home, backup, secrets, secret=ADMIN_PASSPHRASE)
    close_session(Workstation.open(home, secrets).unlock(admin, ADMIN_PASSPHRASE))
    close_session(Workstation.open(home, secrets).unlock(admin, ADMIN_PASSPHRASE))
