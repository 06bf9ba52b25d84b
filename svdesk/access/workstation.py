"""A data directory as the user meets it: create, open (locked), unlock as a supporter, sessions.

Files in the data directory (0700): `svdesk.db` (SQLCipher, 0600), `keys.json` (the sidecar with
key slots, see `svdesk.keys.slots`), `svdesk.lock` (one running instance), `backups/`.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from svdesk.errors import (
    InvalidInput,
    NotPermitted,
    Refused,
    SecretStoreUnavailable,
    StoreDamaged,
    StoreExists,
    StoreMissing,
    WrongPassphrase,
)
from svdesk.keys import slots as k
from svdesk.keys.slots import SIDECAR_FORMAT, SIDECAR_NAME, DeviceSecrets, read_sidecar
from svdesk.storage import audit as audit_log
from svdesk.storage.datadir import DB_NAME, LOCK_NAME, InstanceLock, is_network_path
from svdesk.storage.paths import atomic_write, ensure_private_dir, fsync_dir

# The database code (svdesk.storage.db: SQLCipher, sqlite-utils, the schema), cryptography and
# argon2 load when a store is created or unlocked, not when a folder is opened for the unlock
# screen.
if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from svdesk.storage.db import Database, Store

ROLES = ("unit", "coordinator")
MIN_PASSPHRASE = 8
MAX_DELAY_S = 300.0
MAX_PENDING_FAILURES = 50
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")

__all__ = [
    "CheckReport",
    "Session",
    "StoreInfo",
    "SupporterInfo",
    "UnlockDelayed",
    "Workstation",
    "passphrase_strength",
    "read_sidecar",
    "restore",
]


class UnlockDelayed(Refused):
    """Too many failed unlocks: wait `seconds` before the next attempt."""

    title = "Please wait"

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(
            f"Too many wrong passphrases; wait {int(seconds + 0.999)} seconds, then try again."
        )


# Named tuples, not dataclasses: these are built at every start, before the unlock screen, where
# importing `dataclasses` and building each class would cost ~3 ms.
class SupporterInfo(NamedTuple):
    id: str
    name: str
    is_admin: bool


class StoreInfo(NamedTuple):
    store_id: str
    role: str
    site_code: str
    unit_code: str | None
    passphrase_only: bool


class CheckReport(NamedTuple):
    ok: bool
    problems: list[str]
    figures: dict[str, object]


def unlock_delay_for(failures: int) -> float:
    """Seconds to wait after `failures` consecutive failures: 0, 0, 1, 2, 4, … up to 5 minutes."""
    if failures < 2:
        return 0.0
    return float(min(2 ** (failures - 2), MAX_DELAY_S))


def passphrase_strength(passphrase: str) -> tuple[int, str]:
    """0..4 and a short hint (length and variety; long passphrases of words score well)."""
    text = passphrase.strip()
    if len(text) < MIN_PASSPHRASE:
        return 0, f"Use at least {MIN_PASSPHRASE} characters; a few unrelated words work well."
    classes = sum(bool(re.search(p, text)) for p in (r"[a-z]", r"[A-Z]", r"[0-9]", r"[^A-Za-z0-9]"))
    words = len(re.findall(r"[A-Za-z]{3,}", text))
    distinct = len(set(text.lower()))
    score = 1
    if len(text) >= 12 or (len(text) >= 10 and classes >= 3):
        score = 2
    if len(text) >= 16 or (len(text) >= 12 and classes >= 3) or words >= 3:
        score = 3
    if len(text) >= 20 and (words >= 4 or classes >= 3):
        score = 4
    if distinct < 5:
        score = min(score, 1)
    hints = {
        1: "Weak: make it longer, e.g. three or four unrelated words.",
        2: "Fair: adding another word makes it much stronger.",
        3: "Good.",
        4: "Strong.",
    }
    return score, hints[score]


def _check_new_passphrase(passphrase: str) -> None:
    if len(passphrase.strip()) < MIN_PASSPHRASE:
        raise InvalidInput(
            f"The passphrase is too short; use at least {MIN_PASSPHRASE} characters."
        )


def _check_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > 80 or any(ord(c) < 32 for c in cleaned):
        raise InvalidInput("A supporter name needs 1 to 80 visible characters; check the name.")
    return cleaned


# ---- sidecar ---------------------------------------------------------------------------------
def _slot_aad(store_id: str, slot_id: str) -> bytes:
    return f"{store_id}|{slot_id}".encode()


def _seal_aad(store_id: str, slot_id: str, key_id: str) -> bytes:
    return f"{store_id}|{slot_id}|{key_id}".encode()


class Workstation:
    """An opened (still locked) data directory: holds the instance lock and the device secret."""

    # Tests may replace this to simulate time passing (unlock delay).
    clock = staticmethod(time.time)

    def __init__(
        self, home: Path, sidecar: dict[str, Any], device_secret: bytes, lock: InstanceLock
    ) -> None:
        self.home = home
        self._sidecar = sidecar
        self._device = device_secret
        self._lock = lock
        self.info = StoreInfo(
            store_id=str(sidecar["store_id"]),
            role=str(sidecar["role"]),
            site_code=str(sidecar["site_code"]),
            unit_code=sidecar.get("unit_code"),
            passphrase_only=bool(sidecar.get("passphrase_only")),
        )

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
        if role not in ROLES:
            raise InvalidInput(f"The role must be one of {', '.join(ROLES)}; got {role!r}.")
        if not _CODE.match(site or ""):
            raise InvalidInput("The site code needs 1 to 32 letters, digits, '-', '_' or '.'.")
        if role == "unit" and not unit:
            raise InvalidInput("A unit store needs a unit code (--unit CODE).")
        if unit is not None and not _CODE.match(unit):
            raise InvalidInput("The unit code needs 1 to 32 letters, digits, '-', '_' or '.'.")
        admin = _check_name(admin_name)
        _check_new_passphrase(passphrase)
        if cls.exists(home):
            raise StoreExists(
                f"A store already exists in {home}; open it, or choose another folder."
            )
        if not passphrase_only and secrets is None:
            raise SecretStoreUnavailable(
                "No system keyring is available; unlock or install one, or choose "
                "passphrase-only mode explicitly."
            )
        _refuse_network(home)
        ensure_private_dir(home)
        lock = InstanceLock(home / LOCK_NAME)
        lock.acquire()
        try:
            if cls.exists(home):  # re-check under the lock
                raise StoreExists(
                    f"A store already exists in {home}; open it, or choose another folder."
                )
            store_id = _new_uuid()
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
            key_id = _new_key_id()
            admin_id = _new_uuid()
            code = k.new_recovery_code()
            slot, _ = k.new_slot(passphrase, device, _slot_aad(store_id, admin_id))
            slot.sealed[key_id] = k.seal(slot.public, db_key, _seal_aad(store_id, admin_id, key_id))
            rec, _ = k.new_slot(code, b"", _slot_aad(store_id, "recovery"))
            rec.sealed[key_id] = k.seal(rec.public, db_key, _seal_aad(store_id, "recovery", key_id))
            sidecar: dict[str, Any] = {
                "format": SIDECAR_FORMAT,
                "store_id": store_id,
                "role": role,
                "site_code": site,
                "unit_code": unit,
                "backend": backend,
                "passphrase_only": passphrase_only,
                "device_check": k.device_check(device, store_id) if device else None,
                "key_id": key_id,
                "pending_key_id": None,
                "key_checks": {key_id: k.db_key_check(db_key, store_id)},
                "supporters": [
                    {"id": admin_id, "name": admin, "is_admin": True, "slot": slot.to_json()}
                ],
                "recovery": rec.to_json(),
                "failures": {"count": 0, "last_at": 0.0, "pending": []},
            }
            # The database is built under a temporary name and moved into place only after the
            # sidecar is durable, so a crash never leaves a database nobody can unlock.
            tmp_db = home / f".{DB_NAME}.creating"
            for suffix in ("", "-wal", "-shm"):
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
            atomic_write(home / SIDECAR_NAME, _dump(sidecar))
            os.replace(tmp_db, home / DB_NAME)
            fsync_dir(home)
            ws = cls(home, sidecar, device, lock)
            session = ws._open_session({key_id: db_key}, ws._supporter_info(admin_id))
            return session, code
        except BaseException:
            lock.release()
            raise

    # ---- open ----------------------------------------------------------------------------
    @classmethod
    def open(cls, home: Path, secrets: DeviceSecrets | None) -> Workstation:
        """Open the data directory (locked): takes the instance lock and reads the device secret.

        Raises StoreMissing, StoreLocked, StoreDamaged, StoreTooNew or SecretStoreUnavailable.
        Never creates a secret or a store.
        """
        db_path = home / DB_NAME
        if not cls.exists(home):
            raise StoreMissing(
                f"There is no svdesk store in {home}; create one (svdesk init) or restore a backup."
            )
        _refuse_network(home)
        if db_path.is_dir():
            raise StoreDamaged(
                f"{db_path} is a folder, not a store file; move it away and restore a backup."
            )
        lock = InstanceLock(home / LOCK_NAME)
        lock.acquire()
        try:
            sidecar = read_sidecar(home)
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
            wal = Path(f"{db_path}-wal")
            shm = Path(f"{db_path}-shm")
            if shm.exists() and not wal.exists():
                raise StoreDamaged(
                    f"The store's journal ({wal.name}) is missing after an unclean shutdown, so "
                    "recent saves may be lost; restore a backup, or delete "
                    f"{shm.name} to accept the loss."
                )
            device = b""
            if not sidecar.get("passphrase_only"):
                device = k.device_secret_for(sidecar, secrets)
            return cls(home, sidecar, device, lock)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def recover_device_secret(
        cls,
        home: Path,
        secrets: DeviceSecrets,
        recovery_code: str,
        supporter_id: str,
        new_passphrase: str,
    ) -> Session:
        """The keyring lost this store's device secret (OS account or keyring reset): prove it
        with the recovery code, store a NEW device secret in `secrets`, give `supporter_id` a new
        passphrase. Every other supporter then needs an admin to reset their passphrase.

        Refused when the keyring still holds the right secret (nothing to recover).
        """
        _check_new_passphrase(new_passphrase)
        code = k.normalise_recovery_code(recovery_code)
        db_path = home / DB_NAME
        if not db_path.is_file():
            raise StoreMissing(f"There is no svdesk store file in {home}; restore a backup.")
        lock = InstanceLock(home / LOCK_NAME)
        lock.acquire()
        try:
            sidecar = read_sidecar(home)
            if sidecar.get("passphrase_only"):
                raise Refused(
                    "This store does not use the keyring; use the recovery code to reset a "
                    "passphrase instead."
                )
            # A keyring that can hold no secret makes the recovery code useless here: say so
            # before the code is tried (a wrong one would count as a failed unlock).
            k.check_usable(secrets)
            try:
                k.device_secret_for(sidecar, secrets)
            except SecretStoreUnavailable:
                pass  # expected: missing, different or from another backend
            else:
                raise Refused(
                    "The keyring still holds this store's device secret; sign in normally or "
                    "use 'forgot passphrase'."
                )
            ws = cls(home, sidecar, b"", lock)
            ws._supporter_entry(supporter_id)
            ws._check_delay()
            slot = k.Slot.from_json(sidecar["recovery"])
            try:
                private = k.open_slot(slot, code, b"", _slot_aad(ws.info.store_id, "recovery"))
            except k.WrongSecret:
                ws._record_failure(supporter_id, "recovery_code")
                raise WrongPassphrase(
                    "The recovery code is not right; check each group and try again."
                ) from None
            except k.SlotDamaged as exc:
                raise k.damaged_sidecar(home, "the recovery slot does not decrypt") from exc
            keys = ws._unseal_all(private, slot, "recovery")
            session = ws._open_session(keys, ws._supporter_info(supporter_id))
            try:
                device = os.urandom(32)
                store_id = ws.info.store_id
                secrets.put(store_id, device)
                if secrets.get(store_id) != device:
                    raise SecretStoreUnavailable(
                        f"The system keyring ({secrets.backend_name}) did not keep the new device "
                        "secret; fix the keyring and try again."
                    )
                ws._device = device
                sidecar["backend"] = secrets.backend_name
                sidecar["device_check"] = k.device_check(device, store_id)
                for entry in sidecar["supporters"]:
                    entry["slot"] = None
                session._reset_slot(supporter_id, new_passphrase)  # writes the sidecar
                session.audit("device_secret_renewed", {"backend": secrets.backend_name})
                session.audit("recovery_used", {"supporter": supporter_id})
            except BaseException:
                session.lock()
                raise
            return session
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
        return [
            SupporterInfo(str(s["id"]), str(s["name"]), bool(s.get("is_admin")))
            for s in self._sidecar["supporters"]
        ]

    def _supporter_entry(self, supporter_id: str) -> dict[str, Any]:
        for entry in self._sidecar["supporters"]:
            if entry["id"] == supporter_id:
                return dict(entry)
        raise InvalidInput("That supporter is not enrolled on this workstation; pick a name.")

    def _supporter_info(self, supporter_id: str) -> SupporterInfo:
        entry = self._supporter_entry(supporter_id)
        return SupporterInfo(str(entry["id"]), str(entry["name"]), bool(entry.get("is_admin")))

    def needs_reset(self, supporter_id: str) -> bool:
        """True when this supporter cannot unlock until an admin resets their passphrase."""
        return self._supporter_entry(supporter_id)["slot"] is None

    # ---- failures and delay --------------------------------------------------------------
    def unlock_delay(self) -> float:
        failures = self._sidecar["failures"]
        wait = unlock_delay_for(int(failures.get("count", 0)))
        if wait <= 0:
            return 0.0
        remaining = float(failures.get("last_at", 0.0)) + wait - self.clock()
        return max(0.0, min(remaining, wait))

    def _check_delay(self) -> None:
        remaining = self.unlock_delay()
        if remaining > 0:
            raise UnlockDelayed(remaining)

    def _record_failure(self, supporter_id: str | None, kind: str) -> None:
        failures = self._sidecar["failures"]
        failures["count"] = int(failures.get("count", 0)) + 1
        failures["last_at"] = self.clock()
        pending = list(failures.get("pending", []))
        pending.append({"at": audit_log.now_iso(), "supporter": supporter_id, "kind": kind})
        failures["pending"] = pending[-MAX_PENDING_FAILURES:]
        self._save_sidecar()

    def _save_sidecar(self) -> None:
        atomic_write(self.home / SIDECAR_NAME, _dump(self._sidecar))

    # ---- unlock --------------------------------------------------------------------------
    def unlock(self, supporter_id: str, passphrase: str) -> Session:
        """Unlock as `supporter_id`. WrongPassphrase, UnlockDelayed, StoreDamaged, StoreTooNew."""
        self._check_delay()
        entry = self._supporter_entry(supporter_id)
        if entry["slot"] is None:
            raise Refused(
                f"{entry['name']}'s passphrase must be set again after the keyring was "
                "renewed; ask an admin to reset it."
            )
        slot = k.Slot.from_json(entry["slot"])
        store_id = self.info.store_id
        try:
            private = k.open_slot(slot, passphrase, self._device, _slot_aad(store_id, supporter_id))
        except k.WrongSecret:
            self._record_failure(supporter_id, "passphrase")
            raise WrongPassphrase(
                "The passphrase is not right; check Caps Lock and try again."
            ) from None
        except k.SlotDamaged as exc:
            raise k.damaged_sidecar(self.home, "a key slot does not decrypt") from exc
        keys = self._unseal_all(private, slot, supporter_id)
        return self._open_session(keys, self._supporter_info(supporter_id))

    def unlock_with_recovery(
        self, recovery_code: str, supporter_id: str, new_passphrase: str
    ) -> Session:
        """Unlock with the recovery code and give `supporter_id` a new passphrase."""
        self._check_delay()
        _check_new_passphrase(new_passphrase)
        code = k.normalise_recovery_code(recovery_code)
        self._supporter_entry(supporter_id)
        slot = k.Slot.from_json(self._sidecar["recovery"])
        try:
            private = k.open_slot(slot, code, b"", _slot_aad(self.info.store_id, "recovery"))
        except k.WrongSecret:
            self._record_failure(supporter_id, "recovery_code")
            raise WrongPassphrase(
                "The recovery code is not right; check each group and try again."
            ) from None
        except k.SlotDamaged as exc:
            raise k.damaged_sidecar(self.home, "the recovery slot does not decrypt") from exc
        keys = self._unseal_all(private, slot, "recovery")
        session = self._open_session(keys, self._supporter_info(supporter_id))
        session._reset_slot(supporter_id, new_passphrase)
        session.audit("recovery_used", {"supporter": supporter_id})
        session.audit("passphrase_changed", {"supporter": supporter_id, "by": "recovery"})
        return session

    def _unseal_all(
        self, private: X25519PrivateKey, slot: k.Slot, slot_id: str
    ) -> dict[str, bytes]:
        store_id = self.info.store_id
        checks: dict[str, str] = self._sidecar["key_checks"]
        keys: dict[str, bytes] = {}
        for key_id, sealed in slot.sealed.items():
            try:
                key = k.unseal(private, sealed, _seal_aad(store_id, slot_id, key_id))
            except k.SlotDamaged:
                continue
            if checks.get(key_id) == k.db_key_check(key, store_id):
                keys[key_id] = key
        if self._sidecar["key_id"] not in keys and self._sidecar.get("pending_key_id") not in keys:
            raise k.damaged_sidecar(self.home, "the database key does not decrypt")
        return keys

    def _open_session(self, keys: dict[str, bytes], supporter: SupporterInfo) -> Session:
        """Open the database with the current key, finishing an interrupted rotation if any."""
        from svdesk.storage.db import Store, StoreKeyMismatch  # noqa: PLC0415 (see TYPE_CHECKING)

        current = str(self._sidecar["key_id"])
        pending = self._sidecar.get("pending_key_id")
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
                raise k.damaged_sidecar(self.home, "no usable database key")
            store = Store.open(self.db_path, keys[pending])
            used = pending
        session = Session(self, supporter, store, keys[used], used)
        try:
            if pending and pending in keys:
                session._finish_rotation(pending, keys[pending], rekey=used != pending)
            session._after_unlock()
        except BaseException:
            session.lock()
            raise
        return session


def _new_uuid() -> str:
    """A random (version 4) UUID. `uuid`, like backups, loads on first use: importing it loads
    `platform` too, ~2 ms of every start, and the unlock screen needs neither."""
    import uuid  # noqa: PLC0415

    return str(uuid.uuid4())


def _new_key_id() -> str:
    """Twelve random hex digits naming a database key."""
    return _new_uuid().replace("-", "")[:12]


def _dump(data: Mapping[str, Any]) -> bytes:
    return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _refuse_network(home: Path) -> None:
    if is_network_path(home):
        raise Refused(
            f"The data folder {home} is on a network drive, where the store could be damaged; "
            "choose a folder on this computer."
        )


class Session:
    """An unlocked store, signed in as one supporter. `lock()` closes it and forgets the key."""

    def __init__(
        self,
        workstation: Workstation,
        supporter: SupporterInfo,
        store: Store,
        db_key: bytes,
        key_id: str,
    ) -> None:
        self.workstation = workstation
        self.supporter = supporter
        self.store = store
        self._key: bytearray | None = bytearray(db_key)
        self._key_id = key_id

    @property
    def db(self) -> Database:
        if self._key is None:
            raise Refused("The store is locked; unlock it first.")
        return self.store.db

    @property
    def locked(self) -> bool:
        return self._key is None

    def lock(self) -> None:
        if self._key is None:
            return
        with contextlib.suppress(Exception):  # best effort: locking must always work
            self._anchor_audit()
        self.store.close()
        for i in range(len(self._key)):
            self._key[i] = 0
        self._key = None

    def _anchor_audit(self, *, force_save: bool = False) -> None:
        """Note the audit log's last entry in the keys file, so losing its tail shows in check.

        Written only after the entries are durable, so the anchor never runs ahead of the log.
        """
        from svdesk.storage import db as _store  # noqa: PLC0415 (loaded with the session's store)

        conn = self.store.conn
        try:
            row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
            previous = self._sidecar.get("audit_head")
            if isinstance(previous, dict):
                anchored = conn.execute(
                    "SELECT hash FROM audit WHERE seq = ?", (previous.get("seq"),)
                ).fetchone()
                if anchored is None or anchored[0] != previous.get("hash"):
                    row = None  # the log lost its anchored entry: keep the evidence for check
        except _store.DatabaseError:
            row = None
        head = {"seq": int(row[0]), "hash": str(row[1])} if row else None
        changed = head is not None and head != self._sidecar.get("audit_head")
        if changed:
            self._sidecar["audit_head"] = head
        if changed or force_save:
            self.workstation._save_sidecar()

    def _db_key(self) -> bytes:
        if self._key is None:
            raise Refused("The store is locked; unlock it first.")
        return bytes(self._key)

    @property
    def _sidecar(self) -> dict[str, Any]:
        return self.workstation._sidecar

    @property
    def _store_id(self) -> str:
        return self.workstation.info.store_id

    def _require_admin(self) -> None:
        if not self.supporter.is_admin:
            raise NotPermitted("Only an admin can do this; ask your unit's svdesk admin.")

    # ---- audit and settings --------------------------------------------------------------
    def audit(self, action: str, detail: Mapping[str, object] | None = None) -> None:
        """Append to the audit log (joins the caller's transaction if one is open)."""
        self._db_key()  # Refused when locked
        with self.store.transaction():
            audit_log.append(self.store.conn, self.supporter.id, action, detail)

    def setting(self, key: str, default: object = None) -> object:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return default if row is None else json.loads(row[0])

    def set_setting(self, key: str, value: object) -> None:
        text = json.dumps(value, sort_keys=True, ensure_ascii=False)
        with self.store.transaction():
            self.store.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, text),
            )

    # ---- after unlock --------------------------------------------------------------------
    def _after_unlock(self) -> None:
        failures = self._sidecar["failures"]
        pending = list(failures.get("pending", []))
        events = list(self._sidecar.get("events", []))
        now = audit_log.now_iso()
        with self.store.transaction() as db:
            self._sync_supporters(db, now)
            for event in events:
                audit_log.append(
                    self.store.conn,
                    None,
                    str(event.get("action")),
                    event.get("detail") or {},
                    at=str(event.get("at") or now),
                )
            for item in pending:
                audit_log.append(
                    self.store.conn,
                    None,
                    "unlock_failed",
                    {"supporter": item.get("supporter"), "kind": item.get("kind", "passphrase")},
                    at=str(item.get("at") or now),
                )
            audit_log.append(self.store.conn, self.supporter.id, "unlock", None)
        if pending or events or failures.get("count"):
            self._sidecar["failures"] = {"count": 0, "last_at": 0.0, "pending": []}
            self._sidecar["events"] = []
            self._anchor_audit(force_save=True)
        else:
            self._anchor_audit()

    def _sync_supporters(self, db: Database, now: str) -> None:
        """Make `supporters` agree with the sidecar (heals an interrupted enrol or remove)."""
        in_sidecar = {s["id"]: s for s in self._sidecar["supporters"]}
        rows = {r[0]: r for r in db.execute("SELECT id, removed_at FROM supporters").fetchall()}
        for sid, entry in in_sidecar.items():
            if sid not in rows:
                db.table("supporters").insert(
                    {
                        "id": sid,
                        "name": entry["name"],
                        "is_admin": int(bool(entry.get("is_admin"))),
                        "created_at": now,
                    }
                )
        for sid, row in rows.items():
            if sid not in in_sidecar and row[1] is None:
                db.execute("UPDATE supporters SET removed_at = ? WHERE id = ?", [now, sid])

    # ---- supporters ----------------------------------------------------------------------
    def enrol(self, name: str, passphrase: str, *, is_admin: bool = False) -> SupporterInfo:
        """(admin) Add a supporter with their own passphrase."""
        self._require_admin()
        clean = _check_name(name)
        _check_new_passphrase(passphrase)
        if any(s["name"].casefold() == clean.casefold() for s in self._sidecar["supporters"]):
            raise InvalidInput(
                f"A supporter called {clean!r} is already enrolled; use another name."
            )
        new_id = _new_uuid()
        slot, _ = k.new_slot(
            passphrase, self.workstation._device, _slot_aad(self._store_id, new_id)
        )
        slot.sealed[self._key_id] = k.seal(
            slot.public, self._db_key(), _seal_aad(self._store_id, new_id, self._key_id)
        )
        entry = {"id": new_id, "name": clean, "is_admin": is_admin, "slot": slot.to_json()}
        self._sidecar["supporters"].append(entry)
        try:
            self.workstation._save_sidecar()
        except BaseException:
            self._sidecar["supporters"].remove(entry)
            raise
        now = audit_log.now_iso()
        with self.store.transaction() as db:
            db.table("supporters").insert(
                {"id": new_id, "name": clean, "is_admin": int(is_admin), "created_at": now}
            )
            audit_log.append(
                self.store.conn,
                self.supporter.id,
                "enrol",
                {"supporter": new_id, "admin": is_admin},
            )
        return SupporterInfo(new_id, clean, is_admin)

    def remove_supporter(self, supporter_id: str) -> None:
        """(admin) Remove a supporter and rotate the database key so their slot is useless."""
        self._require_admin()
        target = self.workstation._supporter_info(supporter_id)
        admins = [s for s in self._sidecar["supporters"] if s.get("is_admin")]
        if target.is_admin and len(admins) <= 1:
            raise Refused(
                "This is the last admin, who cannot be removed; enrol another admin first."
            )
        if target.id == self.supporter.id:
            raise Refused("You cannot remove yourself; ask another admin to do it.")
        self._rotate(drop=supporter_id)
        with self.store.transaction():
            self.store.conn.execute(
                "UPDATE supporters SET removed_at = ? WHERE id = ? AND removed_at IS NULL",
                (audit_log.now_iso(), supporter_id),
            )
            audit_log.append(
                self.store.conn, self.supporter.id, "remove", {"supporter": supporter_id}
            )

    def rotate_key(self) -> None:
        """(admin) A new database key for everyone (e.g. when a copy of the store went missing)."""
        self._require_admin()
        self._rotate(drop=None)

    def _rotate(self, drop: str | None) -> None:
        """New key → seal to every remaining slot (old key kept) → rekey → drop the old key.

        Crash-safe: until the second sidecar write both keys are sealed (`pending_key_id`), and
        the next unlock finishes the job whichever side of `PRAGMA rekey` the crash happened.
        """
        new_key = os.urandom(32)
        new_id = _new_key_id()
        store_id = self._store_id
        sidecar = self._sidecar
        old = json.loads(json.dumps(sidecar))
        sidecar["supporters"] = [s for s in sidecar["supporters"] if s["id"] != drop]
        for entry in sidecar["supporters"]:
            if entry["slot"] is None:
                continue
            slot = k.Slot.from_json(entry["slot"])
            slot.sealed[new_id] = k.seal(
                slot.public, new_key, _seal_aad(store_id, entry["id"], new_id)
            )
            entry["slot"] = slot.to_json()
        rec = k.Slot.from_json(sidecar["recovery"])
        rec.sealed[new_id] = k.seal(rec.public, new_key, _seal_aad(store_id, "recovery", new_id))
        sidecar["recovery"] = rec.to_json()
        sidecar["key_checks"][new_id] = k.db_key_check(new_key, store_id)
        sidecar["pending_key_id"] = new_id
        try:
            self.workstation._save_sidecar()
        except BaseException:
            self.workstation._sidecar = old
            raise
        self._finish_rotation(new_id, new_key, rekey=True)

    def _finish_rotation(self, new_id: str, new_key: bytes, *, rekey: bool) -> None:
        old_id = self._key_id
        if rekey:
            self.store.rekey(new_key)
        self._key = bytearray(new_key)
        self._key_id = new_id
        sidecar = self._sidecar
        for entry in [*sidecar["supporters"], sidecar["recovery"]]:
            slot_json = entry.get("slot", entry)
            if slot_json is None:
                continue
            slot_json["sealed"] = {
                kid: v for kid, v in slot_json["sealed"].items() if kid == new_id
            }
        sidecar["key_checks"] = {new_id: sidecar["key_checks"][new_id]}
        sidecar["key_id"] = new_id
        sidecar["pending_key_id"] = None
        self.workstation._save_sidecar()
        self.audit("key_rotated", {"key_id": new_id, "previous": old_id})

    def change_passphrase(self, old: str, new: str) -> None:
        """Change the signed-in supporter's passphrase (the old one must be right)."""
        _check_new_passphrase(new)
        sid = self.supporter.id
        entry = next(s for s in self._sidecar["supporters"] if s["id"] == sid)
        slot = k.Slot.from_json(entry["slot"])
        aad = _slot_aad(self._store_id, sid)
        try:
            private = k.open_slot(slot, old, self.workstation._device, aad)
        except k.WrongSecret:
            raise WrongPassphrase(
                "The current passphrase is not right; nothing was changed."
            ) from None
        except k.SlotDamaged as exc:
            raise k.damaged_sidecar(self.workstation.home, "a key slot does not decrypt") from exc
        previous = dict(entry["slot"])
        k.rewrap(slot, private, new, self.workstation._device, aad)
        entry["slot"] = slot.to_json()
        try:
            self.workstation._save_sidecar()
        except BaseException:
            entry["slot"] = previous
            raise
        self.audit("passphrase_changed", {"supporter": sid, "by": "self"})

    def replace_recovery_code(self) -> str:
        """(admin) A new recovery code (shown once); the old one stops working."""
        self._require_admin()
        code = k.new_recovery_code()
        rec, _ = k.new_slot(code, b"", _slot_aad(self._store_id, "recovery"))
        rec.sealed[self._key_id] = k.seal(
            rec.public, self._db_key(), _seal_aad(self._store_id, "recovery", self._key_id)
        )
        previous = self._sidecar["recovery"]
        self._sidecar["recovery"] = rec.to_json()
        try:
            self.workstation._save_sidecar()
        except BaseException:
            self._sidecar["recovery"] = previous
            raise
        self.audit("recovery_code_replaced")
        return code

    def reset_passphrase(self, supporter_id: str, new_passphrase: str) -> None:
        """(admin) Set another supporter's passphrase (forgotten, or after a keyring renewal)."""
        self._require_admin()
        _check_new_passphrase(new_passphrase)
        self.workstation._supporter_entry(supporter_id)
        self._reset_slot(supporter_id, new_passphrase)
        self.audit("passphrase_reset", {"supporter": supporter_id})

    def _reset_slot(self, supporter_id: str, new_passphrase: str) -> None:
        """A new key pair for `supporter_id` protected by `new_passphrase` (after recovery)."""
        entry = next(s for s in self._sidecar["supporters"] if s["id"] == supporter_id)
        slot, _ = k.new_slot(
            new_passphrase, self.workstation._device, _slot_aad(self._store_id, supporter_id)
        )
        slot.sealed[self._key_id] = k.seal(
            slot.public, self._db_key(), _seal_aad(self._store_id, supporter_id, self._key_id)
        )
        entry["slot"] = slot.to_json()
        self.workstation._save_sidecar()

    # ---- checks and backups --------------------------------------------------------------
    def check(self) -> CheckReport:
        """Full check: SQLCipher page HMACs, integrity_check, foreign keys, the audit chain."""
        from svdesk.storage import db as _store  # noqa: PLC0415 (loaded with the session's store)

        started = time.monotonic()
        conn = self.store.conn
        problems: list[str] = []
        try:
            cipher = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
            problems += [f"encryption check: {p}" for p in cipher[:10]]
            integrity = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
            if integrity != ["ok"]:
                problems += [f"integrity: {p}" for p in integrity[:10]]
            for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check").fetchall()[:10]:
                problems.append(f"foreign key: {table} row {rowid} points to a missing {parent}")
        except _store.DatabaseError as exc:
            problems.append(f"the store could not be read completely ({exc})")
        entries, audit_problems = audit_log.verify(conn)
        problems += audit_problems
        head = self._sidecar.get("audit_head")
        if isinstance(head, dict):
            row = conn.execute(
                "SELECT hash FROM audit WHERE seq = ?", (head.get("seq"),)
            ).fetchone()
            if row is None:
                problems.append(
                    f"audit entries from {head.get('seq')} on are missing (the log was cut short)"
                )
            elif row[0] != head.get("hash"):
                problems.append(f"audit entry {head.get('seq')} was replaced")
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
        figures: dict[str, object] = {
            "schema_version": self.store.user_version,
            "page_size": page_size,
            "pages": pages,
            "bytes": page_size * pages,
            "audit_entries": entries,
            "supporters": len(self._sidecar["supporters"]),
            "seconds": round(time.monotonic() - started, 3),
        }
        return CheckReport(ok=not problems, problems=problems, figures=figures)

    def backup(self, out: Path | None = None) -> Path:
        """An encrypted, verified backup (store + keys file); rotated in `<home>/backups/`."""
        from svdesk.storage.backup import write_backup  # noqa: PLC0415 (see _new_uuid)

        path = write_backup(self, out)
        self.audit("backup", {"file": path.name, "rotated": out is None})
        return path


def restore(home: Path, backup_file: Path, secrets: DeviceSecrets | None) -> Path | None:
    """Replace the store in `home` with `backup_file`; returns where the replaced files were kept
    (None when there was no store). Refuses while svdesk runs on `home`."""
    from svdesk.storage.backup import restore_backup  # noqa: PLC0415 (see _new_uuid)

    return restore_backup(home, backup_file, secrets)
