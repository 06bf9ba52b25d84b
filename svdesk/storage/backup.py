"""Encrypted, verified backups of a store (one `.svbak` file) and restoring them.

A backup is a ZIP (stored, not compressed) of `manifest.json`, `keys.json` and `svdesk.db`; the
database copy is made with `VACUUM INTO` and so stays encrypted with the same key, and the keys
file holds the same slots, so a backup opens with the same passphrases (and device secret).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import uuid
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from svdesk.errors import (
    InvalidInput,
    SecretStoreUnavailable,
    StoreDamaged,
    StoreTooNew,
    SvdeskError,
    WriteFailed,
    WrongPassphrase,
)
from svdesk.keys import crypto
from svdesk.keys.codes import normalise_recovery_code
from svdesk.keys.keyfile import SIDECAR_NAME, KeyFile, PendingEvent, read_keyfile, write_keyfile
from svdesk.keys.keyring import (
    DeviceSecrets,
    device_secret_for,
    read_generation,
    write_generation,
)
from svdesk.storage import db as _store
from svdesk.storage import leftovers, space
from svdesk.storage.datadir import DB_FILE_SUFFIXES
from svdesk.storage.db import DB_NAME, LOCK_NAME, Database, InstanceLock, Store, connect
from svdesk.storage.paths import ensure_private_dir, fsync_dir
from svdesk.storage.settings import read_setting

BACKUP_FORMAT = 1
BACKUP_KIND = "svdesk-backup"
BACKUP_SUFFIX = ".svbak"
DEFAULT_KEEP = 10
KEEP_SETTING = "backup.keep"
MAX_MEMBER = 4 * 1024**3


class _StoreInfo(Protocol):
    @property
    def store_id(self) -> str: ...

    @property
    def role(self) -> str: ...


class _Opened(Protocol):
    @property
    def home(self) -> Path: ...

    @property
    def info(self) -> _StoreInfo: ...


class BackupSource(Protocol):
    """What a backup needs of an unlocked session (`svdesk.access.session.Session`)."""

    @property
    def workstation(self) -> _Opened: ...

    @property
    def store(self) -> Store: ...

    @property
    def db(self) -> Database: ...

    @property
    def key_id(self) -> str: ...

    def check_copy(self, path: Path) -> None: ...

    def keys_for_backup(self) -> bytes: ...


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")


def _file_size(path: Path) -> int:
    """The size of `path` in bytes (0 when it cannot be read)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def quick_check_file(path: Path, key: bytes) -> None:
    """Open a store copy with `key` and run quick_check; StoreDamaged if it is not sound."""
    conn = connect(path, key)
    try:
        result = [str(r[0]) for r in conn.execute("PRAGMA quick_check").fetchall()]
    except _store.DatabaseError as exc:
        raise StoreDamaged(f"The backup copy does not read back ({exc}); try again.") from exc
    finally:
        conn.close()
    if result != ["ok"]:
        raise StoreDamaged(f"The backup copy is not sound ({result[0]}); try again.")


def backups_dir(home: Path) -> Path:
    return home / "backups"


def write_backup(session: BackupSource, out: Path | None = None) -> Path:
    """Write and verify a backup; without `out`, into `<home>/backups/` keeping the newest N."""
    home = session.workstation.home
    keys_bytes = session.keys_for_backup()  # Refused when locked
    target = (
        out
        if out is not None
        else backups_dir(home)
        / (f"svdesk-{session.workstation.info.store_id[:8]}-{_stamp()}{BACKUP_SUFFIX}")
    )
    if out is not None and out.is_dir():
        target = out / f"svdesk-{session.workstation.info.store_id[:8]}-{_stamp()}{BACKUP_SUFFIX}"
    if out is None:
        ensure_private_dir(target.parent)
    elif not target.parent.is_dir():
        raise InvalidInput(f"The folder {target.parent} does not exist; choose an existing folder.")
    tmp_zip = target.with_name(f".{target.name}.{uuid.uuid4().hex[:6]}.tmp")
    work = home / f".backup-{uuid.uuid4().hex[:8]}"
    try:
        try:
            ensure_private_dir(work)
            copy = session.store.copy_to(work / "svdesk.db")
        except (OSError, WriteFailed) as exc:
            # The copy is made next to the store, not on the target: the store's own message
            # ("the store could not save") would wrongly suggest the store lost a change.
            cause = exc.__cause__ if isinstance(exc, WriteFailed) and exc.__cause__ else exc
            detail = (cause.strerror if isinstance(cause, OSError) else None) or str(cause)
            raise WriteFailed(
                f"The backup {target.name} could not be made: its temporary copy in {home} "
                f"could not be written ({detail}); free some space on that drive and try "
                "again. The store itself is unchanged."
            ) from exc
        session.check_copy(copy)
        manifest = {
            "format": BACKUP_FORMAT,
            "kind": BACKUP_KIND,
            "store_id": session.workstation.info.store_id,
            "role": session.workstation.info.role,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "schema_version": session.store.user_version,
            "key_id": session.key_id,
            "files": {
                "svdesk.db": _sha256(copy),
                "keys.json": hashlib.sha256(keys_bytes).hexdigest(),
            },
        }
        try:
            with zipfile.ZipFile(tmp_zip, "w", compression=zipfile.ZIP_STORED) as zf:
                zf.writestr("manifest.json", json.dumps(manifest, indent=1, sort_keys=True))
                zf.writestr("keys.json", keys_bytes)
                zf.write(copy, "svdesk.db")
            if os.name == "posix":
                os.chmod(tmp_zip, 0o600)
            with open(tmp_zip, "rb+") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp_zip, target)
            fsync_dir(target.parent)
        except OSError as exc:
            raise WriteFailed(
                f"The backup {target.name} could not be written to {target.parent} "
                f"({exc.strerror or exc}); free some space there or choose another folder. "
                "The store itself is unchanged."
            ) from exc
        # Read back what is on disk, not what we meant to write; a file that does not read back
        # is not a backup and must not be taken for one later (issue 18, item 4).
        try:
            extracted = _extract(target, work / "verify")
            session.check_copy(extracted["db"])
        except (SvdeskError, OSError) as exc:
            with contextlib.suppress(OSError):
                target.unlink()
            detail = exc.message if isinstance(exc, SvdeskError) else (exc.strerror or str(exc))
            raise WriteFailed(
                f"The backup {target.name} did not read back intact ({detail}), so it was "
                f"removed. Check the drive of {target.parent} or choose another folder, then "
                "back up again. The store itself is unchanged."
            ) from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
        with contextlib.suppress(OSError):
            tmp_zip.unlink()
    if out is None:
        keep = read_setting(session.db, KEEP_SETTING, DEFAULT_KEEP)
        rotate(target.parent, keep if isinstance(keep, int) and keep > 0 else DEFAULT_KEEP)
    return target


def rotate(directory: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups in `directory`; returns what was deleted."""
    found = sorted(directory.glob(f"svdesk-*{BACKUP_SUFFIX}"), key=lambda p: p.name)
    doomed = found[: max(0, len(found) - keep)]
    for path in doomed:
        with contextlib.suppress(OSError):
            path.unlink()
    return doomed


def _extract(backup: Path, into: Path) -> dict[str, Any]:
    """Validate a backup file and unpack it into `into`: {"manifest", "db", "keys"}."""
    ensure_private_dir(into)
    try:
        with zipfile.ZipFile(backup) as zf:
            names = set(zf.namelist())
            if not {"manifest.json", "keys.json", "svdesk.db"} <= names:
                raise InvalidInput(f"{backup.name} is not an svdesk backup; choose a .svbak file.")
            for info in zf.infolist():
                if info.file_size > MAX_MEMBER:
                    raise InvalidInput(f"{backup.name} is too large to be an svdesk backup.")
            manifest = json.loads(zf.read("manifest.json").decode("utf-8"))
            if not isinstance(manifest, dict) or manifest.get("kind") != BACKUP_KIND:
                raise InvalidInput(f"{backup.name} is not an svdesk backup; choose a .svbak file.")
            fmt = manifest.get("format")
            if not isinstance(fmt, int) or fmt > BACKUP_FORMAT:
                raise StoreTooNew(
                    f"{backup.name} was made by a newer version of svdesk; install that version."
                )
            keys_bytes = zf.read("keys.json")
            db_path = into / "svdesk.db"
            with zf.open("svdesk.db") as src, open(db_path, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise StoreDamaged(
            f"{backup.name} is damaged or not an svdesk backup ({exc}); choose another backup."
        ) from exc
    except (UnicodeDecodeError, ValueError) as exc:
        raise StoreDamaged(f"{backup.name} has a damaged manifest; choose another backup.") from exc
    except OSError as exc:
        raise InvalidInput(f"{backup.name} could not be read ({exc.strerror or exc}).") from exc
    files = manifest.get("files")
    if not isinstance(files, dict):
        raise StoreDamaged(f"{backup.name} has a damaged manifest; choose another backup.")
    if files.get("keys.json") != hashlib.sha256(keys_bytes).hexdigest() or files.get(
        "svdesk.db"
    ) != _sha256(db_path):
        raise StoreDamaged(
            f"{backup.name} is damaged (its contents do not match its manifest); "
            "choose another backup."
        )
    keys_path = into / "keys.json"
    keys_path.write_bytes(keys_bytes)
    return {"manifest": manifest, "db": db_path, "keys": keys_path}


def authorise_restore(keys: KeyFile, secret: str, secrets: DeviceSecrets | None) -> str:
    """Who may restore over (or into) the store of `keys`: "recovery_code" or "admin:<id>" when
    `secret` is its recovery code or an admin's passphrase; WrongPassphrase otherwise."""
    store_id = keys.store_id
    try:
        code: str | None = normalise_recovery_code(secret)
    except InvalidInput:
        code = None
    if code is not None:
        with contextlib.suppress(crypto.WrongSecret, crypto.SlotDamaged, crypto.WeakSlot):
            crypto.open_slot(keys.recovery, code, b"", crypto.slot_aad(store_id, "recovery"))
            return "recovery_code"
    device: bytes | None = b""
    if not keys.passphrase_only:
        try:
            device = device_secret_for(keys, secrets)
        except SecretStoreUnavailable:
            device = None  # the admins' slots cannot be opened here; the recovery code can
    for entry in keys.admins():
        if entry.slot is None or device is None:
            continue
        with contextlib.suppress(crypto.WrongSecret, crypto.SlotDamaged, crypto.WeakSlot):
            crypto.open_slot(entry.slot, secret, device, crypto.slot_aad(store_id, entry.id))
            return f"admin:{entry.id}"
    raise WrongPassphrase(
        "Restoring needs the passphrase of one of the store's admins or its recovery code, and "
        "that was neither; nothing was changed. (Without the keyring entry only the recovery "
        "code works.)"
    )


def restore_backup(
    home: Path, backup_file: Path, secrets: DeviceSecrets | None, *, secret: str
) -> Path | None:
    """Put `backup_file` in place of the store in `home`, keeping the replaced files aside.

    `secret` must be an admin's passphrase or the recovery code of the store being replaced
    (of the backup's store when no readable keys file is there); the restore is audited at the
    next unlock, and the keys file's generation is set past any this computer has seen, so the
    restored (older) files are not taken for a rollback.
    """
    if not backup_file.is_file():
        raise InvalidInput(f"There is no backup file at {backup_file}; check the path.")
    ensure_private_dir(home)
    lock = InstanceLock(home / LOCK_NAME)
    lock.acquire()
    work = ensure_private_dir(home / f".restore-{uuid.uuid4().hex[:8]}")
    started = False
    try:
        extracted = _extract(backup_file, work)
        keys = read_keyfile(work)
        with open(extracted["db"], "rb") as fh:
            if fh.read(16) == b"SQLite format 3\x00":
                raise StoreDamaged(f"{backup_file.name} holds an unencrypted database; refused.")
        if not keys.passphrase_only:
            # The backup is useless here without its device secret: refuse before replacing.
            device_secret_for(keys, secrets)
        try:
            replaced: KeyFile | None = read_keyfile(home)
        except (StoreDamaged, StoreTooNew):
            replaced = None  # missing or unreadable: the backup's own admins decide
        authorised_by = authorise_restore(replaced or keys, secret, secrets)
        generations = [keys.generation, read_generation(secrets, keys.store_id, home) or 0]
        if replaced is not None and replaced.store_id == keys.store_id:
            generations.append(replaced.generation)
        keys.generation = max(generations) + 1
        keys.events.append(
            PendingEvent(
                action="restore",
                at=datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
                detail={
                    "file": backup_file.name,
                    "backup_created_at": extracted["manifest"].get("created_at"),
                    "authorised_by": authorised_by,
                },
            )
        )
        kept: Path | None = None
        present = [
            home / name
            for name in (*(DB_NAME + suffix for suffix in DB_FILE_SUFFIXES), SIDECAR_NAME)
            if (home / name).exists()
        ]
        if present:
            kept = ensure_private_dir(home / leftovers.REPLACED_DIR / _stamp())
        # From here a kill or a failure is undone (here, or at the next open) from the journal.
        leftovers.begin_restore(home, kept, [path.name for path in present])
        started = True
        if kept is not None:
            for path in present:
                os.replace(path, kept / path.name)
            fsync_dir(kept)
        staged = home / leftovers.STAGED_DB
        os.replace(extracted["db"], staged)
        if os.name == "posix":
            os.chmod(staged, 0o600)
        with open(staged, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(staged, home / DB_NAME)
        write_keyfile(home, keys)
        fsync_dir(home)
        leftovers.end_restore(home)
        started = False
        if not keys.passphrase_only:
            write_generation(secrets, keys.store_id, home, keys.generation)
        return kept
    except (OSError, WriteFailed) as exc:
        if not started and isinstance(exc, WriteFailed):
            raise  # nothing was moved yet: its own message ("nothing was changed") is true
        cause = exc.__cause__ if isinstance(exc, WriteFailed) else exc
        detail = (cause.strerror if isinstance(cause, OSError) else None) or str(cause)
        try:
            leftovers.settle_restore(home)
        except OSError:
            raise WriteFailed(
                f"The restore could not finish ({detail}) and could not be undone; the replaced "
                f"files are in {home / leftovers.REPLACED_DIR}. Free some space, then open "
                "svdesk again: it finishes the undo."
            ) from exc
        raise WriteFailed(
            f"The restore could not finish ({detail}); it was undone and nothing was changed. "
            + (
                space.advice(home, _file_size(backup_file))
                if space.is_disk_full(exc)
                else "Check the drive, then try again."
            )
        ) from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
        lock.release()
