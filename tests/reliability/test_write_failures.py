"""Disk full and failed writes: a clear error, nothing acknowledged that was not saved, the store
still opens."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import svdesk.keys.keyfile as keyfile_module
from svdesk.access.workstation import Workstation
from svdesk.errors import WriteFailed
from tests.fakes import ADMIN_PASSPHRASE, close_session, make_session, session_secrets

FILL = r"""
import os, resource, signal, sys
os.environ["SVDESK_KDF_PROFILE"] = "test"
from pathlib import Path
from svdesk.errors import WriteFailed
from svdesk.access.workstation import Workstation
home = Path(sys.argv[1])
s, _ = Workstation.create(home, role="unit", site="S", unit="U", admin_name="A",
                          passphrase="a long passphrase", secrets=None, passphrase_only=True)
s.db.execute("CREATE TABLE probe (id INTEGER PRIMARY KEY, payload TEXT)")
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (600_000, resource.RLIM_INFINITY))
i = 0
try:
    while True:
        i += 1
        with s.store.transaction() as db:
            db.execute("INSERT INTO probe VALUES (?, ?)", [i, os.urandom(3000).hex()])
        print(i, flush=True)
except WriteFailed as exc:
    print(exc.message, file=sys.stderr)
    sys.exit(3)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE")
def test_file_size_limit_gives_write_failed_and_loses_nothing_acknowledged(tmp_path: Path) -> None:
    home = tmp_path / "h"
    result = subprocess.run(
        [sys.executable, "-c", FILL, str(home)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 3, result.stderr
    assert "could not save" in result.stderr
    assert "nothing of this change was kept" in result.stderr
    acknowledged = {int(x) for x in result.stdout.split()}
    assert acknowledged
    ws = Workstation.open(home, None)
    session = ws.unlock(ws.supporters()[0].id, "a long passphrase")
    rows = {r[0] for r in session.db.execute("SELECT id FROM probe")}
    assert acknowledged <= rows
    assert rows - acknowledged <= {max(acknowledged) + 1}  # at most the one in flight
    report = session.check()
    print("disk-full figures:", json.dumps({"acknowledged": len(acknowledged), **report.figures}))
    assert report.ok, report.problems
    close_session(session)


def _failing_write(path: Path, data: bytes) -> None:
    raise WriteFailed(f"Could not write {path.name}: No space left on device.")


def test_failed_sidecar_write_keeps_the_old_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = make_session(tmp_path)
    home, secrets, sid = session.workstation.home, session_secrets(session), session.supporter.id
    monkeypatch.setattr(keyfile_module, "atomic_write", _failing_write)
    with pytest.raises(WriteFailed, match="No space"):
        session.change_passphrase(ADMIN_PASSPHRASE, "a brand new passphrase")
    with pytest.raises(WriteFailed):
        session.enrol("Sam", "sam's passphrase")
    assert [s.name for s in session.workstation.supporters()] == ["Alex"]
    monkeypatch.undo()
    close_session(session)
    ws = Workstation.open(home, secrets)
    close_session(ws.unlock(sid, ADMIN_PASSPHRASE))


def test_failed_first_rotation_write_leaves_everyone_able_to_unlock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = make_session(tmp_path)
    sam = session.enrol("Sam", "sam's passphrase")
    home, secrets = session.workstation.home, session_secrets(session)
    monkeypatch.setattr(keyfile_module, "atomic_write", _failing_write)
    with pytest.raises(WriteFailed):
        session.remove_supporter(sam.id)
    monkeypatch.undo()
    assert {s.name for s in session.workstation.supporters()} == {"Alex", "Sam"}
    close_session(session)
    ws = Workstation.open(home, secrets)
    close_session(ws.unlock(sam.id, "sam's passphrase"))
