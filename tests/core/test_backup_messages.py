"""A backup that cannot be written says which backup failed, where, and what to do; it never
says the store could not save (the store is unchanged)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from svdesk.access.workstation import Workstation
from svdesk.errors import WriteFailed
from tests.fakes import ADMIN_PASSPHRASE, close_session, make_session, session_secrets

ROOT = Path(__file__).resolve().parents[2]


def _fail_from_now_on(monkeypatch: pytest.MonkeyPatch, name: str, err: int) -> None:
    """Every later call of `os.<name>` fails with `err` (the disk-full seam of the fault tests)."""
    real: Callable[..., Any] = getattr(os, name)

    def faulty(*args: Any, **kwargs: Any) -> Any:
        raise OSError(err, os.strerror(err))

    assert callable(real)
    monkeypatch.setattr(os, name, faulty)


# what the drive does → (os function, errno)
TARGET_FAULTS: dict[str, tuple[str, int]] = {
    "full at fsync": ("fsync", errno.ENOSPC),
    "read-only at rename": ("replace", errno.EROFS),
}


@pytest.mark.parametrize("fault", list(TARGET_FAULTS))
def test_full_or_read_only_target_names_the_backup_and_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    session = make_session(tmp_path)
    home, secrets, sid = session.workstation.home, session_secrets(session), session.supporter.id
    usb = tmp_path / "usb"
    usb.mkdir()
    name, err = TARGET_FAULTS[fault]
    _fail_from_now_on(monkeypatch, name, err)
    with pytest.raises(WriteFailed) as caught:
        session.backup(usb / "weekly.svbak")
    monkeypatch.undo()
    message = caught.value.message
    print(f"{fault:20} {message}")
    assert "The store could not save" not in message
    assert f"backup weekly.svbak could not be written to {usb}" in message
    assert os.strerror(err) in message
    assert "free some space there or choose another folder" in message
    assert "The store itself is unchanged." in message
    assert list(usb.iterdir()) == []  # no partial file that looks like a backup
    close_session(session)
    again = Workstation.open(home, secrets).unlock(sid, ADMIN_PASSPHRASE)
    assert again.check().ok
    close_session(again)


TEMP_COPY_CHILD = r"""
import os, resource, signal, sys
os.environ["SVDESK_KDF_PROFILE"] = "test"
from pathlib import Path
from svdesk.errors import WriteFailed
from svdesk.access.workstation import Workstation
home, out, limit = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
ws = Workstation.open(home, None)
session = ws.unlock(ws.supporters()[0].id, "a long passphrase here")
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
try:
    session.backup(out)
except WriteFailed as exc:
    print(exc.message, file=sys.stderr)
    sys.exit(3)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE")
def test_no_room_for_the_temporary_copy_is_not_reported_as_a_store_save_failure(
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
        db.table("filler").insert_all({"id": i, "payload": "x" * 1024} for i in range(300))
    close_session(session)
    usb = tmp_path / "usb"
    usb.mkdir()
    limit = (home / "svdesk.db").stat().st_size // 2  # files stop growing half-way
    # keep the session's PYTHONPATH: it carries the child network guard (tests/conftest.py)
    pythonpath = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", TEMP_COPY_CHILD, str(home), str(usb / "weekly.svbak"), str(limit)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": pythonpath},
    )
    message = done.stderr.strip()
    print("temporary copy failed:", message)
    assert done.returncode == 3, done.stdout + done.stderr
    assert "The store could not save" not in message
    assert "backup weekly.svbak could not be made" in message
    assert f"temporary copy in {home}" in message  # where the space is missing
    assert "The store itself is unchanged." in message
    assert list(usb.iterdir()) == []
    assert not [p for p in home.iterdir() if p.name.startswith(".backup-")]
