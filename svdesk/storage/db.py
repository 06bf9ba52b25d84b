"""The encrypted SQLite store: SQLCipher opened through sqlite-utils, PRAGMAs, ordered migrations.

Import `sqlite_utils` only through this module (`from svdesk.storage.db import Database`): SQLCipher
is aliased as `pysqlite3` before sqlite-utils is imported so that it binds to SQLCipher, including
the `sqlite3.OperationalError` its own fallbacks catch. The unlock screen, which only locks the
folder (`svdesk.storage.datadir`), does not load this module: SQLCipher's own OpenSSL alone is
~5.6 MiB resident, sqlite-utils ~0.1 s of imports (tests/ui/test_unlock_imports.py).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

if "sqlite_utils" in sys.modules:  # pragma: no cover - an import-order bug
    raise ImportError(
        "sqlite_utils was imported before svdesk.storage.db; it would not use SQLCipher"
    )

import sqlcipher3
import sqlcipher3.dbapi2

sys.modules.setdefault("pysqlite3", sqlcipher3)
sys.modules.setdefault("pysqlite3.dbapi2", sqlcipher3.dbapi2)
if sys.modules["pysqlite3"].__name__ != "sqlcipher3":  # pragma: no cover
    raise ImportError("svdesk.storage.db must be imported before anything imports pysqlite3")

import sqlite_utils  # noqa: E402 (after the alias: it binds to SQLCipher)
from sqlcipher3.dbapi2 import DatabaseError, OperationalError  # noqa: E402
from sqlite_utils import Database  # noqa: E402

from svdesk.errors import Refused, StoreDamaged, StoreTooNew, WriteFailed  # noqa: E402
from svdesk.storage import schema, space  # noqa: E402
from svdesk.storage.datadir import (  # noqa: E402
    DB_FILE_SUFFIXES,
    DB_NAME,
    LOCK_NAME,
    InstanceLock,
    is_network_path,
    mount_type,
)
from svdesk.storage.paths import ensure_private_dir  # noqa: E402

if getattr(sqlite_utils.utils, "sqlite3", None) is not sqlcipher3:  # pragma: no cover
    raise ImportError(
        "sqlite_utils was imported before svdesk.storage.db; it would not use SQLCipher"
    )

__all__ = [
    "BUSY_TIMEOUT_MS",
    "DB_NAME",
    "LOCK_NAME",
    "Database",
    "DatabaseError",
    "InstanceLock",
    "OperationalError",
    "Store",
    "StoreKeyMismatch",
    "is_network_path",
    "mount_type",
]

BUSY_TIMEOUT_MS = 5000
SQLITE_NOTADB = 26
SQLITE_FULL = 13


_HEX_DIGITS = b"0123456789abcdef"


def _with_raw_key(key: bytes | bytearray, use: Callable[[bytearray], object]) -> None:
    """Hand `key` to SQLCipher's key API (`use`: the connection's `set_key` or `reset_key`) as
    the raw-key literal x'<hex>', built in a bytearray that is zeroed afterwards.

    The same literal as `PRAGMA key = "x'…'"`, without its SQL text: that was a Python str
    (immutable, freed but never wiped) and SQLite's copy of the statement, which left the hex
    key in the process after lock (tests/security/test_memory_attacks.py).
    """
    literal = bytearray(2 * len(key) + 3)
    try:
        literal[0:2] = b"x'"
        for i, byte in enumerate(key):
            literal[2 + 2 * i] = _HEX_DIGITS[byte >> 4]
            literal[3 + 2 * i] = _HEX_DIGITS[byte & 0x0F]
        literal[-1] = ord("'")
        use(literal)
    finally:
        literal[:] = bytes(len(literal))  # same length: overwritten in place


def connect(path: Path, key: bytes) -> Any:
    """A raw SQLCipher connection with `key` applied (no checks; autocommit transaction control)."""
    # check_same_thread=False: the GUI unlocks on its worker thread, then uses the session on the
    # GUI thread (one caller at a time; ui.runtime.ops runs core work on a single worker).
    conn = sqlcipher3.connect(
        str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
    )
    conn.execute("PRAGMA cipher_log_level = NONE")  # no decryption chatter on stderr
    _with_raw_key(key, conn.set_key)
    return conn


class StoreKeyMismatch(StoreDamaged):
    """The file does not decrypt with this key: damaged, or (mid-rotation) the other key."""


def _is_notadb(exc: BaseException) -> bool:
    return getattr(exc, "sqlite_errorcode", None) == SQLITE_NOTADB or "not a database" in str(exc)


class Store:
    """One open, unlocked store file. `db` is the sqlite-utils view of the same connection."""

    def __init__(self, path: Path, conn: Any) -> None:
        self.path = path
        self._conn = conn
        self.db: sqlite_utils.Database = Database(conn)

    # ---- opening -------------------------------------------------------------------------
    @classmethod
    def open(
        cls, path: Path, key: bytes, *, create: bool = False, quick_check: bool = True
    ) -> Store:
        """Open (or with `create`, make) the store at `path` with the raw 32-byte `key`.

        The caller has verified the key against its key-check value, so "not a database" here
        means the file is damaged. Applies PRAGMAs, checks and migrates the schema.
        """
        if path.is_dir():
            raise StoreDamaged(
                f"{path} is a folder, not a store file; move it away and restore a backup."
            )
        if not create and not path.exists():
            raise StoreDamaged(f"The store file {path} is missing; restore a backup.")
        if not create and path.stat().st_size == 0:
            raise StoreDamaged(f"The store file {path} is empty (0 bytes); restore a backup.")
        ensure_private_dir(path.parent)
        try:
            conn = connect(path, key)
        except DatabaseError as exc:
            raise StoreDamaged(f"Could not open {path.name}: {exc}; restore a backup.") from exc
        store = cls(path, conn)
        try:
            store._configure()
            if quick_check:
                store._quick_check()
            store._migrate()
        except BaseException:
            with contextlib.suppress(Exception):
                conn.close()
            raise
        store._tighten_modes()
        return store

    def _configure(self) -> None:
        try:
            self._conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            mode = self._conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        except DatabaseError as exc:
            if _is_notadb(exc):
                raise StoreKeyMismatch(
                    f"The store file {self.path.name} is damaged (it cannot be decrypted although "
                    "the passphrase is right); restore a backup."
                ) from exc
            self._refuse_if_out_of_space(exc, "opened")
            raise StoreDamaged(
                f"The store file {self.path.name} cannot be read ({exc}); restore a backup."
            ) from exc
        if str(mode).lower() != "wal":
            raise Refused(
                f"The store folder {self.path.parent} does not support the write-ahead log; "
                "choose a local folder."
            )
        for pragma in (
            "synchronous=FULL",
            "foreign_keys=ON",
            "temp_store=MEMORY",
            "secure_delete=ON",
            "trusted_schema=OFF",
            f"busy_timeout={BUSY_TIMEOUT_MS}",
        ):
            self._conn.execute(f"PRAGMA {pragma}")
        if sys.platform == "darwin":
            self._conn.execute("PRAGMA fullfsync=ON")
            self._conn.execute("PRAGMA checkpoint_fullfsync=ON")

    def _quick_check(self) -> None:
        try:
            rows = self._conn.execute("PRAGMA quick_check").fetchall()
        except DatabaseError as exc:
            raise StoreDamaged(
                f"The store file {self.path.name} is damaged ({exc}); restore a backup."
            ) from exc
        result = [str(r[0]) for r in rows]
        if result != ["ok"]:
            raise StoreDamaged(
                f"The store file {self.path.name} is damaged ({'; '.join(result[:3])}); "
                "restore a backup."
            )

    @property
    def user_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        current = self.user_version
        target = schema.SCHEMA_VERSION
        if current > target:
            raise StoreTooNew(
                f"This store was made by a newer version of svdesk (schema {current}, this version "
                f"knows {target}); install the newer version."
            )
        if current == target:
            return
        if current > 0:
            self.copy_to(self.path.with_name(f"{self.path.name}.before-v{target}-{_stamp()}"))
        for version in range(current + 1, target + 1):
            script = schema.migration_sql(version)
            try:
                self._conn.executescript(
                    f"BEGIN IMMEDIATE;\n{script}\n;PRAGMA user_version = {version};\nCOMMIT;"
                )
            except DatabaseError as exc:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                self._refuse_if_out_of_space(exc, f"updated to schema {version}")
                raise StoreDamaged(
                    f"Updating the store to schema {version} failed ({exc}); nothing was changed. "
                    "Report this problem."
                ) from exc

    def _refuse_if_out_of_space(self, exc: BaseException, what: str) -> None:
        """WriteFailed "free N MB" when `exc` comes from a full drive (SQLite says "full", or
        says I/O error with almost nothing free): not "damaged — restore a backup"."""
        folder = self.path.parent
        free = space.free_bytes(folder)
        full = getattr(exc, "sqlite_errorcode", None) == SQLITE_FULL or "full" in str(exc)
        if not full and not (free is not None and free < space.MARGIN):
            return
        try:
            needed = self.path.stat().st_size  # a migration first copies the store
        except OSError:
            needed = 0
        raise WriteFailed(
            f"The store could not be {what}: the drive is full ({exc}). Nothing is damaged and "
            f"nothing was changed. {space.advice(folder, needed)}"
        ) from exc

    def _tighten_modes(self) -> None:
        if os.name != "posix":
            return
        for suffix in DB_FILE_SUFFIXES:
            with contextlib.suppress(OSError):
                os.chmod(f"{self.path}{suffix}", 0o600)

    # ---- use -----------------------------------------------------------------------------
    @property
    def conn(self) -> Any:
        return self._conn

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """BEGIN IMMEDIATE … COMMIT; when the block returns the commit is durable (FULL sync).

        Nested use becomes a savepoint. Disk full / I/O errors become `WriteFailed`.
        """
        if self._conn.in_transaction:
            name = f"sp_{time.monotonic_ns()}"
            self._conn.execute(f"SAVEPOINT {name}")
            try:
                yield self.db
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute(f"ROLLBACK TO {name}")
                    self._conn.execute(f"RELEASE {name}")
                raise
            self._conn.execute(f"RELEASE {name}")
            return
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except OperationalError as exc:
            raise _write_failed(exc) from exc
        try:
            yield self.db
        except BaseException as exc:
            if self._conn.in_transaction:
                with contextlib.suppress(DatabaseError):
                    self._conn.execute("ROLLBACK")
            if isinstance(exc, DatabaseError) and _is_write_error(exc):
                raise _write_failed(exc) from exc
            raise
        try:
            self._conn.execute("COMMIT")
        except DatabaseError as exc:
            if self._conn.in_transaction:
                with contextlib.suppress(DatabaseError):
                    self._conn.execute("ROLLBACK")
            raise _write_failed(exc) from exc

    def copy_to(self, target: Path) -> Path:
        """A consistent, encrypted (same key) copy of the store at `target`, mode 0600."""
        if target.exists():
            target.unlink()
        try:
            self._conn.execute("VACUUM INTO ?", (str(target),))
        except DatabaseError as exc:
            with contextlib.suppress(OSError):
                target.unlink()
            raise _write_failed(exc) from exc
        if os.name == "posix":
            os.chmod(target, 0o600)
        return target

    def rekey(self, new_key: bytes) -> None:
        """Re-encrypt every page with `new_key` (committed when this returns)."""
        try:
            _with_raw_key(new_key, self._conn.reset_key)
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except DatabaseError as exc:
            raise _write_failed(exc) from exc

    def checkpoint(self) -> None:
        with contextlib.suppress(DatabaseError):
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        if self._conn is None:
            return
        with contextlib.suppress(DatabaseError):
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
        self.checkpoint()
        with contextlib.suppress(DatabaseError):
            self._conn.close()
        self._conn = None


# SQLite primary result codes that mean "the disk did not take it"
_WRITE_ERRORS = {8: "read-only", 10: "I/O error", 13: "disk full", 14: "cannot open"}


def _is_write_error(exc: BaseException) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(code, int) and (code & 0xFF) in _WRITE_ERRORS


def _write_failed(exc: BaseException) -> WriteFailed:
    return WriteFailed(
        f"The store could not save ({exc}); nothing of this change was kept. "
        "Free some disk space or check the drive, then try again."
    )


def _stamp() -> str:
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())


def copy_file(source: Path, target: Path) -> None:
    """Byte copy with 0600 and fsync (for files we cannot open, e.g. before a restore)."""
    shutil.copyfile(source, target)
    if os.name == "posix":
        os.chmod(target, 0o600)
    with open(target, "rb+") as fh:
        os.fsync(fh.fileno())
