"""A damaged store or keys file: each case is refused with its own clear message and a way out."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from svdesk.access.workstation import Workstation
from svdesk.errors import SecretStoreUnavailable, StoreDamaged, WrongPassphrase
from tests.fakes import (
    ADMIN_PASSPHRASE,
    MemorySecrets,
    close_session,
    make_session,
    session_secrets,
)


def _store_with_data(tmp_path: Path) -> tuple[Path, MemorySecrets, str]:
    session = make_session(tmp_path)
    session.db.execute("CREATE TABLE probe (id INTEGER PRIMARY KEY, text TEXT)")
    with session.store.transaction() as db:
        db.table("probe").insert_all({"id": i, "text": "x" * 500} for i in range(400))
    home, secrets, sid = session.workstation.home, session_secrets(session), session.supporter.id
    close_session(session)
    return home, secrets, sid


def _kind(exc: Exception) -> str:
    return "StoreDamaged" if isinstance(exc, StoreDamaged) else type(exc).__name__


def _attempt(
    home: Path, secrets: MemorySecrets, sid: str, passphrase: str = ADMIN_PASSPHRASE
) -> str:
    """The message a user sees when trying to open and unlock."""
    try:
        ws = Workstation.open(home, secrets)
    except (StoreDamaged, SecretStoreUnavailable) as exc:
        return f"{_kind(exc)}: {exc.message}"
    try:
        session = ws.unlock(sid, passphrase)
    except (StoreDamaged, WrongPassphrase) as exc:
        return f"{_kind(exc)}: {exc.message}"
    finally:
        ws.close()
    check = session.check()
    close_session(session)
    return "opened" if check.ok else "check: " + "; ".join(check.problems)


def _truncate(home: Path) -> None:
    path = home / "svdesk.db"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2 + 100])


def _flip(home: Path) -> None:
    path = home / "svdesk.db"
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 3 + 100, len(data), 4096 * 7):
        data[offset] ^= 0x40
    path.write_bytes(bytes(data))


def _flip_header(home: Path) -> None:
    path = home / "svdesk.db"
    data = bytearray(path.read_bytes())
    data[40] ^= 0x01  # inside the first page's encrypted content
    path.write_bytes(bytes(data))


def _zero(home: Path) -> None:
    (home / "svdesk.db").write_bytes(b"")


def _directory(home: Path) -> None:
    (home / "svdesk.db").unlink()
    (home / "svdesk.db").mkdir()


def _missing_db(home: Path) -> None:
    (home / "svdesk.db").unlink()


def _missing_keys(home: Path) -> None:
    (home / "keys.json").unlink()


def _garbled_keys(home: Path) -> None:
    (home / "keys.json").write_text("{not json", encoding="utf-8")


def _damaged_slot(home: Path) -> None:
    data = json.loads((home / "keys.json").read_text())
    slot = data["supporters"][0]["slot"]
    wrapped = bytearray(slot["wrapped"], "ascii")
    wrapped[3] = ord("A") if wrapped[3] != ord("A") else ord("B")
    slot["wrapped"] = wrapped.decode("ascii")
    (home / "keys.json").write_text(json.dumps(data))


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated": _truncate,
    "bit-flipped pages": _flip,
    "bit-flipped first page": _flip_header,
    "zero bytes": _zero,
    "a directory in its place": _directory,
    "database missing": _missing_db,
    "keys file missing": _missing_keys,
    "keys file garbled": _garbled_keys,
    "key slot damaged": _damaged_slot,
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damage_is_refused_with_a_restore_path(tmp_path: Path, damage: str) -> None:
    home, secrets, sid = _store_with_data(tmp_path)
    DAMAGE[damage](home)
    message = _attempt(home, secrets, sid)
    assert message.startswith(("StoreDamaged", "check:")), message
    assert "restore" in message or message.startswith("check:"), message


def test_each_problem_has_its_own_message(tmp_path: Path) -> None:
    messages: dict[str, str] = {}
    for i, (name, damage) in enumerate(DAMAGE.items()):
        home, secrets, sid = _store_with_data(tmp_path / str(i))
        damage(home)
        messages[name] = _attempt(home, secrets, sid).replace(str(home), "HOME")
    home, secrets, sid = _store_with_data(tmp_path / "wrong")
    messages["wrong passphrase"] = _attempt(home, secrets, sid, "not the passphrase")
    home, _, sid = _store_with_data(tmp_path / "keyring")
    messages["keyring entry missing"] = _attempt(home, MemorySecrets(), sid)
    for name, message in messages.items():
        print(f"{name:28} {message}")
    assert messages["wrong passphrase"].startswith("WrongPassphrase")
    assert messages["keyring entry missing"].startswith("SecretStoreUnavailable")
    # A wrong passphrase never looks like a damaged file, and vice versa.
    assert "damaged" not in messages["wrong passphrase"]
    assert len(set(messages.values())) == len(messages)


def test_deleted_wal_after_a_crash_is_reported(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    # Everything up to the unlock (and the audit entry the keys file anchors) in the main file;
    # what follows is only in the write-ahead log, as after a crash. Without this, whether the
    # unlock's entry had reached the main file depended on timing, and losing it is (rightly)
    # reported by check as an audit entry replaced.
    session.store.checkpoint()
    session.db.execute("CREATE TABLE probe (id INTEGER PRIMARY KEY)")
    with session.store.transaction() as db:
        db.table("probe").insert({"id": 1})
    home, secrets, sid = session.workstation.home, session_secrets(session), session.supporter.id
    # Copy the files as a crash leaves them (WAL not checkpointed), then lose the -wal.
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for name in ("svdesk.db", "svdesk.db-shm", "keys.json"):
        shutil.copy(home / name, crashed / name)
    close_session(session)
    message = _attempt(crashed, secrets, sid)
    assert message.startswith("StoreDamaged"), message
    assert "journal" in message
    assert "restore a backup" in message
    # The user may accept the loss explicitly by deleting the -shm file.
    (crashed / "svdesk.db-shm").unlink()
    assert _attempt(crashed, secrets, sid) == "opened"


def test_deleted_wal_after_a_clean_close_loses_nothing(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    session.db.execute("CREATE TABLE probe (id INTEGER PRIMARY KEY)")
    session.db.table("probe").insert({"id": 1})
    home, secrets, sid = session.workstation.home, session_secrets(session), session.supporter.id
    close_session(session)
    Path(f"{home / 'svdesk.db'}-wal").unlink(missing_ok=True)
    ws = Workstation.open(home, secrets)
    again = ws.unlock(sid, ADMIN_PASSPHRASE)
    assert again.db.table("probe").count == 1
    close_session(again)
