"""The encrypted store: PRAGMAs, file modes, migrations, sqlite-utils on SQLCipher, no plaintext."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

import svdesk.access.workstation as workstation_module
from svdesk.access.workstation import Workstation
from svdesk.errors import Refused, StoreDamaged, StoreTooNew
from svdesk.storage import schema
from svdesk.storage.db import Store, connect
from tests.fakes import ADMIN_PASSPHRASE, close_session, make_session, reopen, session_secrets

CANARY = "CANARY-7f3a-zebra-quartz"


def test_pragmas_are_applied(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    conn = session.store.conn

    def pragma(name: str) -> object:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]

    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("foreign_keys") == 1
    assert pragma("temp_store") == 2  # MEMORY
    assert pragma("secure_delete") == 1
    assert pragma("trusted_schema") == 0
    assert pragma("busy_timeout") == 5000
    assert session.store.user_version == schema.SCHEMA_VERSION
    close_session(session)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_files_are_private(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    home = session.workstation.home
    session.backup()
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "backups").stat().st_mode) == 0o700
    for name in ("svdesk.db", "svdesk.db-wal", "keys.json", "svdesk.lock"):
        assert stat.S_IMODE((home / name).stat().st_mode) == 0o600, name
    for backup in (home / "backups").iterdir():
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    close_session(session)


def test_sqlite_utils_works_on_the_encrypted_connection(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    db = session.db
    table = db.table("probe")
    assert not table.exists()
    table.insert({"id": 1, "name": "a", "n": 1}, pk="id")
    table.upsert({"id": 1, "name": "b", "n": 2}, pk="id")
    table.insert_all([{"id": i, "name": str(i), "n": i} for i in range(2, 50)])
    table.transform(rename={"n": "count"}, types={"name": str})
    table.create_index(["name"])
    assert table.exists()
    assert table.count == 49
    assert table.get(1) == {"id": 1, "name": "b", "count": 2}
    # sqlite-utils' own OperationalError fallbacks must catch SQLCipher's errors
    db.table("nothing_here").drop(ignore=True)
    assert isinstance(db.supports_strict, bool)
    assert "probe" in db.table_names()
    again = reopen(session)
    assert again.db.table("probe").get(1)["count"] == 2
    close_session(again)


def test_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    session.db.execute("CREATE TABLE probe (id INTEGER PRIMARY KEY)")

    def failing_save(ident: int) -> None:
        with session.store.transaction() as db:
            db.table("probe").insert({"id": ident})
            raise RuntimeError("simulated failure after the insert")

    with pytest.raises(RuntimeError, match="simulated"):
        failing_save(1)
    assert session.db.table("probe").count == 0
    with session.store.transaction() as db:
        db.table("probe").insert({"id": 2})
        with pytest.raises(RuntimeError, match="simulated"):
            failing_save(3)  # nested: a savepoint, rolled back alone
    assert [r["id"] for r in session.db.table("probe").rows] == [2]
    close_session(session)


def test_store_is_not_readable_without_the_key(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    session.db.execute("CREATE TABLE notes (text TEXT)")
    with session.store.transaction() as db:
        db.table("notes").insert({"text": CANARY})
    home = session.workstation.home
    for name in ("svdesk.db", "svdesk.db-wal"):
        assert CANARY.encode() not in (home / name).read_bytes()
    close_session(session)
    data = (home / "svdesk.db").read_bytes()
    assert CANARY.encode() not in data
    assert not data.startswith(b"SQLite format 3")
    result = subprocess.run(
        ["sqlite3", str(home / "svdesk.db"), "SELECT * FROM notes"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert CANARY not in result.stdout
    assert "not a database" in result.stderr


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    session.store.conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    home, secrets, sid = session.workstation.home, session_secrets(session), session.supporter.id
    close_session(session)
    ws = Workstation.open(home, secrets)
    with pytest.raises(StoreTooNew, match="newer version of svdesk"):
        ws.unlock(sid, ADMIN_PASSPHRASE)
    ws.close()


def test_migration_keeps_a_copy_first_and_runs_in_one_transaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = make_session(tmp_path)
    key = session._db_key()
    home, secrets, sid = session.workstation.home, session_secrets(session), session.supporter.id
    close_session(session)
    real_sql = schema.migration_sql
    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)

    def broken(version: int) -> str:
        if version == schema.SCHEMA_VERSION:
            return "CREATE TABLE added_later (x INTEGER); THIS IS NOT SQL;"
        return real_sql(version)

    monkeypatch.setattr(schema, "migration_sql", broken)
    ws = Workstation.open(home, secrets)
    with pytest.raises(StoreDamaged, match="nothing was changed"):
        ws.unlock(sid, ADMIN_PASSPHRASE)
    ws.close()
    conn = connect(home / "svdesk.db", key)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION - 1
    assert (
        conn.execute("SELECT count(*) FROM sqlite_master WHERE name='added_later'").fetchone()[0]
        == 0
    )
    conn.close()

    def fixed(version: int) -> str:
        if version == schema.SCHEMA_VERSION:
            return "CREATE TABLE added_later (x INTEGER);"
        return real_sql(version)

    monkeypatch.setattr(schema, "migration_sql", fixed)
    for copy in home.glob("svdesk.db.before-*"):
        copy.unlink()
    ws = Workstation.open(home, secrets)
    migrated = ws.unlock(sid, ADMIN_PASSPHRASE)
    assert migrated.store.user_version == schema.SCHEMA_VERSION
    assert migrated.db.table("added_later").exists()
    close_session(migrated)
    copies = list(home.glob(f"svdesk.db.before-v{schema.SCHEMA_VERSION}-*"))
    assert len(copies) == 1
    old = connect(copies[0], key)  # the copy is encrypted with the same key, at the old version
    assert old.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION - 1
    old.close()


def test_network_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workstation_module, "is_network_path", lambda path: True)
    with pytest.raises(Refused, match="network drive"):
        make_session(tmp_path)


def test_local_folder_is_not_a_network_path(tmp_path: Path) -> None:
    from svdesk.storage.db import is_network_path

    assert not is_network_path(tmp_path)


def test_store_open_refuses_a_directory(tmp_path: Path) -> None:
    (tmp_path / "svdesk.db").mkdir()
    with pytest.raises(StoreDamaged, match="is a folder"):
        Store.open(tmp_path / "svdesk.db", b"\0" * 32)


def test_mount_type_picks_the_innermost_mount() -> None:
    from svdesk.storage.db import mount_type

    mounts = [
        ("/", "ext4"),
        ("/mnt/share", "cifs"),
        ("/mnt/share/local", "ext4"),
        ("/Volumes/My Share", "smbfs"),
    ]
    assert mount_type("/home/alex/svdesk", mounts) == "ext4"
    assert mount_type("/mnt/share/svdesk", mounts) == "cifs"
    assert mount_type("/mnt/share", mounts) == "cifs"
    assert mount_type("/mnt/shared/svdesk", mounts) == "ext4"  # not inside /mnt/share
    assert mount_type("/mnt/share/local/svdesk", mounts) == "ext4"
    assert mount_type("/Volumes/My Share/x", mounts) == "smbfs"
