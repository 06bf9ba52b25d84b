"""Putting older store files back to undo a removal, and restoring over a broken store without
proof (issue 13, item 6)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from svdesk.access.slots import StoreRolledBack
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
