"""Issue 18, items 3 and 4: what a killed (or space-starved) restore, backup or keys change left.

`Killed` is raised where a kill -9 would stop the process: the restore's own error handling
does not see it (it is not an Exception), so the folder is left exactly as a kill leaves it
(only the restore's scratch folder goes, in `finally`, which the open cleans too).

Before the fix: a restore killed after moving the store aside opened as "no store here —
create one" and `init` made an empty store over the kept files; a restore that ran out of space
writing the keys file said "nothing was changed" and left no keys file; `.backup-*` folders and
`.tmp` files stayed for good.
"""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

import svdesk.storage.backup as backup_module
from svdesk.access.workstation import Workstation
from svdesk.errors import StoreExists, WriteFailed
from svdesk.storage import leftovers
from svdesk.storage.backup import restore_backup
from svdesk.storage.settings import read_setting, save_setting
from tests.fakes import (
    ADMIN_PASSPHRASE,
    MemorySecrets,
    close_session,
    make_session,
    session_secrets,
)


class Killed(BaseException):
    """Stands for SIGKILL at this point."""


def _store_with_backup(tmp_path: Path) -> tuple[Path, Path, MemorySecrets, str]:
    """A store whose backup says "before" and whose live copy says "after"."""
    session = make_session(tmp_path)
    save_setting(session, "probe", "before")
    backup = session.backup()
    save_setting(session, "probe", "after")
    home, secrets, sid = session.workstation.home, session_secrets(session), session.supporter.id
    close_session(session)
    return home, backup, secrets, sid


def _probe(home: Path, secrets: MemorySecrets, sid: str) -> object:
    session = Workstation.open(home, secrets).unlock(sid, ADMIN_PASSPHRASE)
    try:
        assert session.check().ok
        return read_setting(session.db, "probe")
    finally:
        close_session(session)


def _kill_at_replace(monkeypatch: pytest.MonkeyPatch, nth: int) -> None:
    """Kill the restore at its `nth` os.replace (1: the journal's, 2: the first file moved
    aside, ...; os.replace is patched for the whole process, atomic_write's included)."""
    calls = {"n": 0}
    real = backup_module.os.replace

    def replace(src: object, dst: object) -> None:
        calls["n"] += 1
        if calls["n"] == nth:
            raise Killed
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(backup_module.os, "replace", replace)


@pytest.mark.parametrize(
    "where",
    [
        "after the first file moved aside",
        "with every file moved aside, nothing in place",
        "with the new database in place, no keys file",
    ],
)
def test_a_killed_restore_is_undone_at_open_and_init_refuses_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    home, backup, secrets, sid = _store_with_backup(tmp_path)
    names = ("svdesk.db", "svdesk.db-wal", "svdesk.db-shm", "keys.json")
    present = [name for name in names if (home / name).exists()]
    if where.startswith("after the first"):
        _kill_at_replace(monkeypatch, 3)  # the database went aside; the keys file did not
    elif where.startswith("with every file"):
        _kill_at_replace(monkeypatch, len(present) + 2)
    else:

        def killed(*args: object) -> None:
            raise Killed

        monkeypatch.setattr(backup_module, "write_keyfile", killed)
    with pytest.raises(Killed):
        restore_backup(home, backup, secrets, secret=ADMIN_PASSPHRASE)
    monkeypatch.undo()
    assert leftovers.journal_path(home).exists()

    # `init` must not make an empty store over what the restore moved aside (before the fix
    # the folder read "no store here — create one", and init did).
    if where.startswith("with every file"):
        assert not Workstation.exists(home)
        with pytest.raises(StoreExists, match="interrupted restore"):
            Workstation.create(
                home, role="unit", site="S", unit="U", admin_name="Eve",
                passphrase="another long passphrase", secrets=None, passphrase_only=True,
            )  # fmt: skip
    # Opening undoes it: the store as it was before the restore, nothing lost.
    assert _probe(home, secrets, sid) == "after"
    assert not leftovers.journal_path(home).exists()
    # ...and the restore can then simply be run again.
    restore_backup(home, backup, secrets, secret=ADMIN_PASSPHRASE)
    assert _probe(home, secrets, sid) == "before"


def test_a_restore_killed_after_its_keys_file_is_finished_at_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, backup, secrets, sid = _store_with_backup(tmp_path)

    def killed(home: Path) -> None:
        raise Killed

    monkeypatch.setattr(leftovers, "end_restore", killed)
    with pytest.raises(Killed):
        restore_backup(home, backup, secrets, secret=ADMIN_PASSPHRASE)
    monkeypatch.undo()
    assert leftovers.settle_restore(home) == "finished"
    assert _probe(home, secrets, sid) == "before"


def test_a_restore_out_of_space_changes_nothing_and_says_how_much_to_free(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, backup, secrets, sid = _store_with_backup(tmp_path)
    keys_before = (home / "keys.json").read_bytes()

    def full(*args: object) -> None:
        raise WriteFailed(
            "Could not write keys.json: No space left on device; nothing was changed."
        ) from OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_module, "write_keyfile", full)
    with pytest.raises(WriteFailed) as caught:
        restore_backup(home, backup, secrets, secret=ADMIN_PASSPHRASE)
    monkeypatch.undo()
    assert "undone and nothing was changed" in caught.value.message
    assert "Free at least" in caught.value.message
    assert " MB " in caught.value.message
    assert (home / "keys.json").read_bytes() == keys_before  # before the fix: no keys file
    assert not leftovers.journal_path(home).exists()
    assert _probe(home, secrets, sid) == "after"


def test_what_killed_backups_and_keys_changes_left_is_removed_at_open(tmp_path: Path) -> None:
    home, _, secrets, sid = _store_with_backup(tmp_path)
    work = home / ".backup-1a2b3c4d"
    work.mkdir()
    (work / "svdesk.db").write_bytes(b"a full copy of the store" * 100)
    zip_tmp = home / "backups" / ".svdesk-12345678-20260101T000000.000000Z.svbak.a1b2c3.tmp"
    zip_tmp.write_bytes(b"half a zip")
    keys_tmp = home / ".keys.json.k3y5tmp.tmp"
    keys_tmp.write_bytes(b"{")
    scratch = home / ".restore-0badf00d"
    scratch.mkdir()
    kept_backup = next((home / "backups").glob("*.svbak"))

    assert _probe(home, secrets, sid) == "after"
    assert not work.exists()
    assert not zip_tmp.exists()
    assert not keys_tmp.exists()
    assert not scratch.exists()
    assert kept_backup.exists()  # finished backups stay (rotation decides)
