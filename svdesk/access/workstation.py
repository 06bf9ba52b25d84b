"""A data directory as the user meets it: create, open (locked), unlock as a supporter.

Files in the data directory (0700): `svdesk.db` (SQLCipher, 0600), `keys.json` (the key slots,
see `svdesk.keys.keyfile`), `svdesk.lock` (one running instance), `backups/`.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

from svdesk.access.passphrase import check_new_passphrase
from svdesk.access.process import harden_process
from svdesk.access.roles import ROLES
from svdesk.access.slots import check_keys_file, open_with, refuse_rollback, strengthen
from svdesk.access.store_info import StoreInfo, SupporterInfo, info_of
from svdesk.access.throttle import Throttle
from svdesk.errors import (
    InvalidInput,
    Refused,
    SecretStoreUnavailable,
    StoreDamaged,
    StoreExists,
    StoreMissing,
    WrongPassphrase,
)
from svdesk.keys import crypto
from svdesk.keys.codes import new_recovery_code, normalise_recovery_code
from svdesk.keys.keyfile import (
    KEYFILE_MAC_META,
    SIDECAR_NAME,
    KeyFile,
    KeysOnDisk,
    SupporterEntry,
    damaged_sidecar,
    keyfile_mac,
    read_keyfile,
    write_keyfile,
)
from svdesk.keys.keyring import (
    DeviceSecrets,
    device_secret_for,
    read_generation,
    write_generation,
)
from svdesk.storage import audit as audit_log
from svdesk.storage import leftovers
from svdesk.storage.datadir import (
    DB_FILE_SUFFIXES,
    DB_NAME,
    LOCK_NAME,
    SHM_SUFFIX,
    WAL_SUFFIX,
    InstanceLock,
    is_network_path,
)
from svdesk.storage.paths import fsync_dir, naming_os_errors, usable_dir

# The database code (svdesk.storage.db: SQLCipher, sqlite-utils, the schema), cryptography and
# argon2 load when a store is created or unlocked, not when a folder is opened for the unlock
# screen; so does the session (svdesk.access.session: what an unlocked store does, with uuid,
# the clock check and the store check), which the GUI's worker loads while the passphrase is
# typed (tests/ui/test_unlock_imports.py).
if TYPE_CHECKING:
    from svdesk.access.session import Session
    from svdesk.storage.db import Store

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}\Z")  # \Z: "$" would allow a final newline


def _store_info(keys: KeyFile) -> StoreInfo:
    return StoreInfo(
        store_id=keys.store_id,
        role=keys.role,
        site_code=keys.site_code,
        unit_code=keys.unit_code,
        passphrase_only=keys.passphrase_only,
    )


class Workstation:
    """An opened (still locked) data directory: holds the instance lock and the device secret."""

    # Tests may replace this to simulate time passing (unlock delay).
    clock = staticmethod(time.time)

    def __init__(
        self,
        home: Path,
        keys: KeysOnDisk,
        device_secret: bytes,
        lock: InstanceLock,
        secrets: DeviceSecrets | None = None,
    ) -> None:
        self.home = home
        self.keys = keys
        self.device_secret = device_secret
        self._lock = lock
        self.info = _store_info(keys.current)
        if not keys.current.passphrase_only and secrets is not None:
            keys.written = lambda generation: write_generation(
                secrets, self.info.store_id, home, generation
            )
        self.throttle = Throttle(keys, secrets)

    # ---- paths ---------------------------------------------------------------------------
    @property
    def db_path(self) -> Path:
        return self.home / DB_NAME

    @staticmethod
    def exists(home: Path) -> bool:
        return (home / DB_NAME).exists() or (home / SIDECAR_NAME).exists()

    # ---- create --------------------------------------------------------------------------
    @classmethod
    def create(
        cls,
        home: Path,
        *,
        role: str,
        site: str,
        unit: str | None,
        admin_name: str,
        passphrase: str,
        secrets: DeviceSecrets | None,
        passphrase_only: bool = False,
    ) -> tuple[Session, str]:
        """Make a new store with `admin_name` as its first admin; returns (session, recovery code).

        Refuses when a store (or part of one) is already there. Without `passphrase_only` the
        device secret goes to `secrets` (the OS keyring) and must read back identically.
        """
        harden_process()
        if role not in ROLES:
            raise InvalidInput(f"The role must be one of {', '.join(ROLES)}; got {role!r}.")
        if not _CODE.match(site or ""):
            raise InvalidInput("The site code needs 1 to 32 letters, digits, '-', '_' or '.'.")
        if role == "unit" and not unit:
            raise InvalidInput("A unit store needs a unit code (--unit CODE).")
        if unit is not None and not _CODE.match(unit):
            raise InvalidInput("The unit code needs 1 to 32 letters, digits, '-', '_' or '.'.")
        from svdesk.access.session import check_name, new_key_id, new_uuid  # noqa: PLC0415

        admin = check_name(admin_name)
        check_new_passphrase(passphrase, passphrase_only=passphrase_only)
        if cls.exists(home):
            raise StoreExists(
                f"A store already exists in {home}; open it, or choose another folder."
            )
        leftovers.refuse_init_over_restore(home)
        if not passphrase_only and secrets is None:
            raise SecretStoreUnavailable(
                "No system keyring is available; unlock or install one, or choose "
                "passphrase-only mode explicitly."
            )
        _refuse_network(home)
        usable_dir(home, create=True)
        lock = InstanceLock(home / LOCK_NAME)
        lock.acquire()
        try:
            if cls.exists(home):  # re-check under the lock
                raise StoreExists(
                    f"A store already exists in {home}; open it, or choose another folder."
                )
            store_id = new_uuid()
            device = b""
            backend: str | None = None
            if not passphrase_only:
                assert secrets is not None
                backend = secrets.backend_name
                if secrets.get(store_id) is not None:  # pragma: no cover - uuid4 collision
                    raise StoreExists("A keyring entry for this new store id exists; try again.")
                device = os.urandom(32)
                secrets.put(store_id, device)
                if secrets.get(store_id) != device:
                    raise SecretStoreUnavailable(
                        f"The system keyring ({backend}) did not keep the device secret; fix the "
                        "keyring, or choose passphrase-only mode explicitly."
                    )
            db_key = os.urandom(32)
            key_id = new_key_id()
            admin_id = new_uuid()
            code = new_recovery_code()
            slot, _ = crypto.new_slot(passphrase, device, crypto.slot_aad(store_id, admin_id))
            slot.sealed[key_id] = crypto.seal(
                slot.public, db_key, crypto.seal_aad(store_id, admin_id, key_id)
            )
            rec, _ = crypto.new_slot(code, b"", crypto.slot_aad(store_id, "recovery"))
            rec.sealed[key_id] = crypto.seal(
                rec.public, db_key, crypto.seal_aad(store_id, "recovery", key_id)
            )
            audit_key = os.urandom(32)  # for the admins' seals on the audit log
            for owner, holder in ((admin_id, slot), ("recovery", rec)):
                holder.sealed[crypto.AUDIT_KEY_ID] = crypto.seal(
                    holder.public, audit_key, crypto.seal_aad(store_id, owner, crypto.AUDIT_KEY_ID)
                )
            keys = KeyFile(
                store_id=store_id,
                role=role,
                site_code=site,
                unit_code=unit,
                backend=backend,
                passphrase_only=passphrase_only,
                device_check=crypto.device_check(device, store_id) if device else None,
                key_id=key_id,
                pending_key_id=None,
                key_checks={key_id: crypto.db_key_check(db_key, store_id)},
                supporters=[SupporterEntry(admin_id, admin, True, slot)],
                recovery=rec,
            )
            # The database is built under a temporary name and moved into place only after the
            # keys file is durable, so a crash never leaves a database nobody can unlock.
            tmp_db = home / f".{DB_NAME}.creating"
            for suffix in DB_FILE_SUFFIXES:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(f"{tmp_db}{suffix}")
            from svdesk.storage.db import Store  # noqa: PLC0415 (see TYPE_CHECKING)

            store = Store.open(tmp_db, db_key, create=True)
            try:
                now = audit_log.now_iso()
                with store.transaction() as db:
                    db.table("meta").insert_all(
                        [
                            {"key": "store_id", "value": store_id},
                            {"key": "role", "value": role},
                            {"key": "site_code", "value": site},
                            {"key": "unit_code", "value": unit or ""},
                            {"key": "created_at", "value": now},
                            {"key": KEYFILE_MAC_META, "value": "1"},
                        ]
                    )
                    db.table("supporters").insert(
                        {"id": admin_id, "name": admin, "is_admin": 1, "created_at": now}
                    )
                    audit_log.append(
                        store.conn,
                        admin_id,
                        "store_created",
                        {"role": role, "passphrase_only": passphrase_only},
                    )
            finally:
                store.close()
            keys.mac = keyfile_mac(db_key, keys)
            write_keyfile(home, keys)
            os.replace(tmp_db, home / DB_NAME)
            fsync_dir(home)
            ws = cls(home, KeysOnDisk(home, keys), device, lock, secrets)
            session = ws._open_session(
                {key_id: db_key, crypto.AUDIT_KEY_ID: audit_key}, ws.supporter_info(admin_id)
            )
            return session, code
        except BaseException:
            lock.release()
            raise

    # ---- open ----------------------------------------------------------------------------
    @classmethod
    @naming_os_errors  # a file or folder that cannot be used: Refused naming it, not OSError
    def open(cls, home: Path, secrets: DeviceSecrets | None) -> Workstation:
        """Open the data directory (locked): takes the instance lock and reads the device secret.

        Raises StoreMissing, StoreLocked, StoreDamaged, StoreTooNew or SecretStoreUnavailable.
        Never creates a secret or a store.
        """
        harden_process()
        usable_dir(home)
        db_path = home / DB_NAME
        if not cls.exists(home) and not leftovers.journal_path(home).exists():
            raise _missing(home)
        _refuse_network(home)
        if db_path.is_dir():
            raise StoreDamaged(
                f"{db_path} is a folder, not a store file; move it away and restore a backup."
            )
        lock = InstanceLock(home / LOCK_NAME)
        lock.acquire()
        try:
            leftovers.settle(home)  # an interrupted restore; what kills left (issue 18)
            if not cls.exists(home):
                raise _missing(home)
            keys = read_keyfile(home)
            creating = home / f".{DB_NAME}.creating"
            if not db_path.exists() and creating.is_file():
                # Set-up was interrupted after the keys file became durable; the database was
                # complete and closed before that, so finishing the move is safe.
                os.replace(creating, db_path)
                fsync_dir(home)
            if not db_path.exists():
                raise StoreDamaged(
                    f"The store file {db_path} is missing (only its keys file is there); "
                    "restore a backup."
                )
            if db_path.stat().st_size == 0:
                raise StoreDamaged(
                    f"The store file {db_path} is empty (0 bytes); restore a backup."
                )
            if db_path.stat().st_size % 512:
                raise StoreDamaged(
                    f"The store file {db_path} is cut short (truncated, e.g. by a failed copy); "
                    "restore a backup."
                )
            wal = Path(f"{db_path}{WAL_SUFFIX}")
            shm = Path(f"{db_path}{SHM_SUFFIX}")
            if shm.exists() and not wal.exists():
                raise StoreDamaged(
                    f"The store's journal ({wal.name}) is missing after an unclean shutdown, so "
                    "recent saves may be lost; restore a backup, or delete "
                    f"{shm.name} to accept the loss."
                )
            device = b"" if keys.passphrase_only else device_secret_for(keys, secrets)
            if not keys.passphrase_only:
                refuse_rollback(home, keys, read_generation(secrets, keys.store_id, home))
            return cls(home, KeysOnDisk(home, keys), device, lock, secrets)
        except BaseException:
            lock.release()
            raise

    def close(self) -> None:
        """Release the instance lock (sessions should be locked first)."""
        self._lock.release()

    def __enter__(self) -> Workstation:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- supporters ----------------------------------------------------------------------
    def supporters(self) -> list[SupporterInfo]:
        return [info_of(s) for s in self.keys.current.supporters]

    def _entry(self, supporter_id: str) -> SupporterEntry:
        entry = self.keys.current.supporter(supporter_id)
        if entry is None:
            raise InvalidInput("That supporter is not enrolled on this workstation; pick a name.")
        return entry

    def supporter_info(self, supporter_id: str) -> SupporterInfo:
        return info_of(self._entry(supporter_id))

    def needs_reset(self, supporter_id: str) -> bool:
        """True when this supporter cannot unlock until an admin resets their passphrase."""
        return self._entry(supporter_id).slot is None

    # ---- failures and delay --------------------------------------------------------------
    def unlock_delay(self) -> float:
        """Seconds before the next unlock attempt is allowed (after failed ones)."""
        return self.throttle.remaining(self.clock())

    def check_delay(self) -> None:
        """UnlockDelayed while the delay after failed unlocks runs."""
        self.throttle.check(self.clock())

    def _record_failure(self, supporter_id: str | None, kind: str) -> None:
        self.throttle.record(supporter_id, kind, self.clock())

    # ---- unlock --------------------------------------------------------------------------
    def unlock(self, supporter_id: str, passphrase: str) -> Session:
        """Unlock as `supporter_id`. WrongPassphrase, UnlockDelayed, StoreDamaged, StoreTooNew."""
        self.check_delay()
        entry = self._entry(supporter_id)
        if entry.slot is None:
            raise Refused(
                f"{entry.name}'s passphrase must be set again after the keyring was "
                "renewed; ask an admin to reset it."
            )
        slot = entry.slot
        try:
            private, keys = open_with(
                self.home,
                self.keys.current,
                slot,
                secret=passphrase,
                device_secret=self.device_secret,
                slot_id=supporter_id,
                damaged="a key slot does not decrypt",
                what=f"{entry.name}'s key slot",
            )
        except crypto.WrongSecret:
            self._record_failure(supporter_id, "passphrase")
            raise WrongPassphrase(
                "The passphrase is not right; check Caps Lock and try again."
            ) from None
        session = self._open_session(keys, info_of(entry))
        if crypto.slot_is_weak(slot):
            strengthen(
                self.keys,
                session,
                slot_id=supporter_id,
                private=private,
                secret=passphrase,
                device_secret=self.device_secret,
            )
        return session

    def unlock_with_recovery(
        self, recovery_code: str, supporter_id: str, new_passphrase: str
    ) -> Session:
        """Unlock with the recovery code and give `supporter_id` a new passphrase."""
        self.check_delay()
        check_new_passphrase(new_passphrase, passphrase_only=self.info.passphrase_only)
        code = normalise_recovery_code(recovery_code)
        self.supporter_info(supporter_id)
        session = self.unlock_with_code(code, supporter_id)
        session.reset_slot(supporter_id, new_passphrase)
        session.audit("recovery_used", {"supporter": supporter_id})
        session.audit("passphrase_changed", {"supporter": supporter_id, "by": "recovery"})
        return session

    def unlock_with_code(self, code: str, supporter_id: str) -> Session:
        """A session as `supporter_id` opened with the (normalised) recovery code (the caller
        checks the delay first and gives the supporter a new passphrase)."""
        slot = self.keys.current.recovery
        try:
            private, keys = open_with(
                self.home,
                self.keys.current,
                slot,
                secret=code,
                device_secret=b"",
                slot_id="recovery",
                damaged="the recovery slot does not decrypt",
                what="the recovery slot",
            )
        except crypto.WrongSecret:
            self._record_failure(supporter_id, "recovery_code")
            raise WrongPassphrase(
                "The recovery code is not right; check each group and try again."
            ) from None
        session = self._open_session(keys, self.supporter_info(supporter_id))
        if crypto.slot_is_weak(slot):
            strengthen(
                self.keys,
                session,
                slot_id="recovery",
                private=private,
                secret=code,
                device_secret=b"",
            )
        return session

    def _open_session(self, keys: dict[str, bytes], supporter: SupporterInfo) -> Session:
        """Open the database with the current key, finishing an interrupted rotation if any."""
        from svdesk.access.session import Session  # noqa: PLC0415 (see TYPE_CHECKING)
        from svdesk.storage.db import Store, StoreKeyMismatch  # noqa: PLC0415 (see TYPE_CHECKING)

        current = self.keys.current.key_id
        pending = self.keys.current.pending_key_id
        store: Store | None = None
        used = current
        if current in keys:
            try:
                store = Store.open(self.db_path, keys[current])
            except StoreKeyMismatch:
                if not (pending and pending in keys):
                    raise
        if store is None:
            if not (pending and pending in keys):
                raise damaged_sidecar(self.home, "no usable database key")
            store = Store.open(self.db_path, keys[pending])
            used = pending
        try:
            check_keys_file(self.home, self.keys, store, keys)
        except BaseException:
            store.close()
            raise
        session = Session(
            self, supporter, store, keys[used], used, audit_key=keys.get(crypto.AUDIT_KEY_ID)
        )
        try:
            if pending and pending in keys:
                session.finish_rotation(pending, keys[pending], rekey=used != pending)
            session.after_unlock(*self.throttle.failures())
            self.throttle.forget()
        except BaseException:
            session.lock()
            raise
        return session


def _missing(home: Path) -> StoreMissing:
    return StoreMissing(
        f"There is no svdesk store in {home}; create one (svdesk init) or restore a backup."
    )


def _refuse_network(home: Path) -> None:
    if is_network_path(home):
        raise Refused(
            f"The data folder {home} is on a network drive, where the store could be damaged; "
            "choose a folder on this computer."
        )
