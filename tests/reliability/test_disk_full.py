"""Disk full and write errors injected at the operating-system seam (`os.open`/`os.write`/
`os.fsync`/`os.replace`, and RLIMIT_FSIZE in a child process): a clear WriteFailed, the previous
file intact, no temporary file left behind, nothing acknowledged that was not saved, and the
store still opens."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from svdesk.access.workstation import Workstation
from svdesk.errors import WriteFailed
from svdesk.storage import paths
from tests.fakes import ADMIN_PASSPHRASE, close_session, make_session, session_secrets

ROOT = Path(__file__).resolve().parents[2]


class Faults:
    """Replaces one os function; fails it on the `at`-th call (1-based) and every call after."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch
        self.calls: dict[str, int] = {}

    def fail(self, name: str, err: int, *, at: int = 1, partial: bool = False) -> None:
        real: Callable[..., Any] = getattr(os, name)

        def faulty(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] = self.calls.get(name, 0) + 1
            if self.calls[name] >= at:
                if partial and name == "write":  # a short write first, then the error
                    fd, data = args[0], args[1]
                    if len(data) > 1 and self.calls[name] == at:
                        return real(fd, bytes(data[: len(data) // 2]))
                raise OSError(err, os.strerror(err))
            return real(*args, **kwargs)

        self.monkeypatch.setattr(os, name, faulty)


# name → (os function, errno, options): every step of temp → write → fsync → rename
FAULTS: dict[str, tuple[str, int, dict[str, Any]]] = {
    "no space for the temp file": ("open", errno.ENOSPC, {}),
    "disk full mid-write": ("write", errno.ENOSPC, {"partial": True}),
    "quota exceeded": ("write", errno.EDQUOT, {}),
    "file too large": ("write", errno.EFBIG, {}),
    "I/O error at fsync": ("fsync", errno.EIO, {}),
    "read-only at rename": ("replace", errno.EROFS, {}),
}


def _temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("fault", list(FAULTS))
def test_atomic_write_fault_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    target = tmp_path / "settings.json"
    paths.atomic_write(target, b'{"old": true}\n')
    name, err, options = FAULTS[fault]
    Faults(monkeypatch).fail(name, err, **options)
    with pytest.raises(WriteFailed) as caught:
        paths.atomic_write(target, b'{"new": true}\n' * 1000)
    monkeypatch.undo()
    message = caught.value.message
    print(f"{fault:28} {message}")
    assert "settings.json" in message
    assert "Free some space or choose another folder" in message
    assert target.read_bytes() == b'{"old": true}\n'
    assert _temp_files(tmp_path) == []
    assert oct(target.stat().st_mode & 0o777) == "0o600"


def test_directory_fsync_failure_after_rename_does_not_claim_nothing_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "keys.json"
    paths.atomic_write(target, b"old")
    Faults(monkeypatch).fail("fsync", errno.EIO, at=2)  # the file's fsync works, the folder's not
    told = "saved"
    try:
        paths.atomic_write(target, b"new")
    except WriteFailed as exc:
        told = "nothing was changed" if "nothing was changed" in exc.message else "failed"
    monkeypatch.undo()
    on_disk = target.read_bytes()
    print("told:", told, "| on disk:", on_disk)
    # What the user is told must match what is on disk.
    consistent = {("saved", b"new"), ("nothing was changed", b"old"), ("failed", b"new")}
    assert (told, on_disk) in consistent


@pytest.mark.parametrize("fault", ["disk full mid-write", "I/O error at fsync"])
def test_failed_passphrase_change_keeps_the_old_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    session = make_session(tmp_path)
    home, secrets, sid = session.workstation.home, session_secrets(session), session.supporter.id
    keys_before = (home / "keys.json").read_bytes()
    name, err, options = FAULTS[fault]
    Faults(monkeypatch).fail(name, err, **options)
    with pytest.raises(WriteFailed):
        session.change_passphrase(ADMIN_PASSPHRASE, "a brand new long passphrase")
    with pytest.raises(WriteFailed):
        session.enrol("Sam", "sam's long passphrase")
    monkeypatch.undo()
    assert (home / "keys.json").read_bytes() == keys_before
    assert [s.name for s in session.workstation.supporters()] == ["Alex"]
    assert _temp_files(home) == []
    close_session(session)
    ws = Workstation.open(home, secrets)
    again = ws.unlock(sid, ADMIN_PASSPHRASE)  # the old passphrase, as the user was told
    assert again.check().ok
    close_session(again)


BACKUP_CHILD = r"""
import os, resource, signal, sys
os.environ["SVDESK_KDF_PROFILE"] = "test"
from pathlib import Path
from svdesk.storage.backup import write_backup
from svdesk.errors import WriteFailed
from svdesk.access.workstation import Workstation
home, out, limit = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
ws = Workstation.open(home, None)
session = ws.unlock(ws.supporters()[0].id, "a long passphrase here")
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
try:
    path = write_backup(session, out)
except WriteFailed as exc:
    print(exc.message, file=sys.stderr)
    sys.exit(3)
print(path)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE")
def test_backup_onto_a_full_disk_fails_clearly_and_leaves_no_partial_backup(
    tmp_path: Path,
) -> None:
    home = tmp_path / "h"
    session, _ = Workstation.create(
        home,
        role="unit",
        site="S",
        unit="U",
        admin_name="A",
        passphrase="a long passphrase here",
        secrets=None,
        passphrase_only=True,
    )
    session.db.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, payload TEXT)")
    with session.store.transaction() as db:
        rows = ({"id": i, "payload": os.urandom(512).hex()} for i in range(600))
        db.table("filler").insert_all(rows)
    close_session(session)
    out = tmp_path / "usb"
    out.mkdir()
    db_size = (home / "svdesk.db").stat().st_size

    def backup(limit: int) -> subprocess.CompletedProcess[str]:
        # keep the session's PYTHONPATH: it carries the child network guard (tests/conftest.py)
        pythonpath = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        env = {**os.environ, "PYTHONPATH": pythonpath}
        return subprocess.run(
            [sys.executable, "-c", BACKUP_CHILD, str(home), str(out), str(limit)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env=env,
        )

    full = backup(db_size // 2)  # the device fills up half-way through the copy
    print("backup on a full disk:", full.returncode, full.stderr.strip().splitlines()[-1:])
    assert full.returncode == 3, full.stdout + full.stderr
    assert "Free some space" in full.stderr or "space" in full.stderr
    assert list(out.iterdir()) == []  # no partial backup that looks like a good one
    assert not [p for p in home.iterdir() if p.name.startswith(".backup-")]  # work dir cleaned

    fine = backup(db_size * 4)
    assert fine.returncode == 0, fine.stderr
    written = Path(fine.stdout.strip())
    assert written.parent == out
    print("backup after space was freed:", written.name, written.stat().st_size, "bytes")

    ws = Workstation.open(home, None)  # the store itself never noticed
    again = ws.unlock(ws.supporters()[0].id, "a long passphrase here")
    report = again.check()
    print("store after the full disk:", json.dumps(report.figures))
    assert report.ok
    assert again.db.table("filler").count == 600
    close_session(again)
