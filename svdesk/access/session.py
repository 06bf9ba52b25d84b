"""An unlocked store, signed in as one supporter: audit, settings, supporters, key rotation,
passphrases, check and backup. `lock()` closes it and forgets the key."""

from __future__ import annotations

import contextlib
import os
import unicodedata
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from svdesk.access import clock_check, freshness
from svdesk.access.checking import CheckReport, anchor_for, check_store
from svdesk.access.passphrase import check_new_passphrase
from svdesk.access.store_info import StoreInfo, SupporterInfo
from svdesk.errors import InvalidInput, NotPermitted, Refused, WrongPassphrase
from svdesk.keys import crypto
from svdesk.keys.codes import new_recovery_code
from svdesk.keys.keyfile import (
    KEYFILE_MAC_META,
    Failures,
    KeyFile,
    KeysOnDisk,
    SupporterEntry,
    damaged_sidecar,
    tampered_keyfile,
)
from svdesk.storage import audit as audit_log

if TYPE_CHECKING:
    from svdesk.storage.db import Database, Store


class Opened(Protocol):
    """What a session needs of the opened data directory (`svdesk.access.workstation`)."""

    home: Path
    info: StoreInfo
    keys: KeysOnDisk
    device_secret: bytes

    def close(self) -> None: ...

    def supporters(self) -> list[SupporterInfo]: ...

    def needs_reset(self, supporter_id: str) -> bool: ...


# Zero-width joiners are part of writing some scripts; every other invisible format character
# (zero-width space, word joiner, byte-order mark, direction marks) could make two names that
# look the same, or a name that looks empty (issue 18, item 5).
_JOINERS = frozenset("\u200c\u200d")
_INVISIBLE = frozenset({"Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp", "Zs", "Mn", "Me"})


def check_name(name: str) -> str:
    """A supporter's name with runs of white space made one space; InvalidInput if unusable."""
    cleaned = " ".join(name.split())
    categories = [unicodedata.category(c) for c in cleaned]
    hidden = any(
        cat in {"Cc", "Co", "Cn", "Cs"} or (cat == "Cf" and c not in _JOINERS)
        for c, cat in zip(cleaned, categories, strict=True)
    )
    visible = any(cat not in _INVISIBLE for cat in categories)
    if not visible or hidden or len(cleaned) > 80:
        raise InvalidInput(
            "A supporter name needs 1 to 80 visible characters, without invisible ones "
            "(zero-width spaces, direction marks); check the name."
        )
    return cleaned


def new_uuid() -> str:
    """A random (version 4) UUID."""
    return str(uuid.uuid4())


def new_key_id() -> str:
    """Twelve random hex digits naming a database key."""
    return new_uuid().replace("-", "")[:12]


class Session:
    """An unlocked store, signed in as one supporter. `lock()` closes it and forgets the key."""

    def __init__(
        self,
        workstation: Opened,
        supporter: SupporterInfo,
        store: Store,
        db_key: bytes,
        key_id: str,
        *,
        audit_key: bytes | None = None,
    ) -> None:
        self.workstation = workstation
        self.supporter = supporter
        self.store = store
        self._key: bytearray | None = bytearray(db_key)
        self._key_id = key_id
        # Only admins' and the recovery slot hold it: their sessions seal the audit log.
        self._audit_key = bytearray(audit_key) if audit_key else None
        workstation.keys.db_key = db_key  # the keys file's MAC is written while unlocked
        # Set at unlock when the clock looks wrong (svdesk.access.clock_check); shown by the CLI
        # on stderr and by the GUI as a banner.
        self.clock_warning: str | None = None

    @property
    def db(self) -> Database:
        if self._key is None:
            raise Refused("The store is locked; unlock it first.")
        return self.store.db

    @property
    def locked(self) -> bool:
        return self._key is None

    @property
    def key_id(self) -> str:
        """The id of the database key in use (named in backups)."""
        return self._key_id

    def lock(self) -> None:
        if self._key is None:
            return
        with contextlib.suppress(Exception):  # best effort: locking must always work
            with self.store.transaction():
                if self._audit_key is not None:
                    audit_log.seal(
                        self.store.conn, self.supporter.id, bytes(self._audit_key), self._store_id
                    )
                change = freshness.count_change(self.store.conn, self._keys)
            self._anchor_audit(store_change=change)
        self.store.close()
        self.workstation.keys.db_key = None
        if self._audit_key is not None:
            self._audit_key[:] = bytes(len(self._audit_key))
            self._audit_key = None
        for i in range(len(self._key)):
            self._key[i] = 0
        self._key = None

    # ---- what backups use ----------------------------------------------------------------
    def check_copy(self, path: Path) -> None:
        """StoreDamaged unless the store copy at `path` opens with this store's key and passes
        quick_check."""
        from svdesk.storage.backup import quick_check_file  # noqa: PLC0415 (see new_uuid)

        quick_check_file(path, self._db_key())

    def keys_for_backup(self) -> bytes:
        """keys.json as it goes into a backup (no failure counts or pending events)."""
        self._db_key()  # Refused when locked
        return self._keys.for_backup().dumps()

    # ---- internals -----------------------------------------------------------------------
    def _anchor_audit(self, *, store_change: int | None = None) -> None:
        """Note the audit log's last entry in the keys file, so losing its tail shows in check,
        and the database's change count (svdesk.access.freshness) when given.

        Written only after the entries are durable, so the anchor never runs ahead of the log.
        """
        previous = self._keys.audit_head
        head = anchor_for(self.store.conn, previous)
        if (head is not None and head != previous) or store_change is not None:
            with self.workstation.keys.change() as keys:
                if head is not None:
                    keys.audit_head = head
                if store_change is not None:
                    keys.store_change = store_change

    def _db_key(self) -> bytes:
        if self._key is None:
            raise Refused("The store is locked; unlock it first.")
        return bytes(self._key)

    @property
    def _keys(self) -> KeyFile:
        return self.workstation.keys.current

    @property
    def _store_id(self) -> str:
        return self.workstation.info.store_id

    def _check_new(self, passphrase: str) -> None:
        check_new_passphrase(passphrase, passphrase_only=self.workstation.info.passphrase_only)

    def _require_admin(self) -> None:
        if not self.supporter.is_admin:
            raise NotPermitted("Only an admin can do this; ask your unit's svdesk admin.")

    # ---- audit ----------------------------------------------------------------------------
    def audit(self, action: str, detail: Mapping[str, object] | None = None) -> None:
        """Append to the audit log (joins the caller's transaction if one is open)."""
        self._db_key()  # Refused when locked
        with self.store.transaction():
            audit_log.append(self.store.conn, self.supporter.id, action, detail)

    # ---- after unlock --------------------------------------------------------------------
    def after_unlock(self, failures: Failures, edited: bool) -> None:
        """Audit the failures (`edited`: keys.json had been changed to hide some) and events
        noted while locked, and this unlock."""
        keys = self._keys
        now = audit_log.now_iso()
        clock = clock_check.check_at_unlock(self.store.conn, clock_check.now())
        self.clock_warning = clock.warning
        with self.store.transaction() as db:
            self._sync_supporters(db, now)
            for event in keys.events:
                audit_log.append(
                    self.store.conn, None, event.action, event.detail, at=event.at or now
                )
            for item in failures.pending:
                audit_log.append(
                    self.store.conn,
                    None,
                    "unlock_failed",
                    {"supporter": item.supporter, "kind": item.kind},
                    at=item.at or now,
                )
            if edited:
                audit_log.append(
                    self.store.conn,
                    None,
                    "unlock_failures_edited",
                    {"in_keys_file": keys.failures.count, "in_keyring": failures.count},
                )
            if self.clock_warning is not None:
                detail = {"clock": clock_check.now().isoformat(), "kind": clock.kind}
                audit_log.append(self.store.conn, None, "clock_suspect", detail)
            audit_log.append(self.store.conn, self.supporter.id, "unlock", None)
            change = freshness.count_change(self.store.conn, keys)
            unsigned = keys.mac is None
            if unsigned:  # made before keys files had a MAC: from now on one is required
                db.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                    [KEYFILE_MAC_META, "1"],
                )
        if self.supporter.is_admin and self._audit_key is None:
            self._start_seals()
        if keys.failures.pending or keys.events or keys.failures.count or unsigned:
            with self.workstation.keys.change() as draft:
                draft.failures = Failures()
                draft.events = []
        self._anchor_audit(store_change=change)

    def _start_seals(self) -> None:
        """A store made before audit seals: an admin's unlock makes the audit key and seals it
        to every admin's slot and the recovery slot (their public keys suffice)."""
        if any(crypto.AUDIT_KEY_ID in s.slot.sealed for s in self._keys.admins() if s.slot):
            return  # this admin's slot lacks it (e.g. reset before seals): nothing to start
        self._audit_key = bytearray(os.urandom(32))
        with self.workstation.keys.change() as keys:
            for entry in keys.admins():
                if entry.slot is not None:
                    self._seal_audit_key(entry.slot, entry.id)
            self._seal_audit_key(keys.recovery, "recovery")

    def _sync_supporters(self, db: Database, now: str) -> None:
        """Make `supporters` agree with the keys file (heals an interrupted enrol or remove)."""
        in_keys = {s.id: s for s in self._keys.supporters}
        rows = {r[0]: r for r in db.execute("SELECT id, removed_at, is_admin FROM supporters")}
        for sid, entry in in_keys.items():
            if sid in rows and bool(rows[sid][2]) != entry.is_admin:
                # The store is the authority on roles; the keys file only mirrors them.
                raise tampered_keyfile(self.workstation.home, "a supporter's role differs")
            if sid not in rows:
                db.table("supporters").insert(
                    {
                        "id": sid,
                        "name": entry.name,
                        "is_admin": int(entry.is_admin),
                        "created_at": now,
                    }
                )
        for sid, row in rows.items():
            if sid not in in_keys and row[1] is None:
                db.execute("UPDATE supporters SET removed_at = ? WHERE id = ?", [now, sid])

    # ---- supporters ----------------------------------------------------------------------
    def enrol(self, name: str, passphrase: str, *, is_admin: bool = False) -> SupporterInfo:
        """(admin) Add a supporter with their own passphrase."""
        self._require_admin()
        clean = check_name(name)
        if any(s.name.casefold() == clean.casefold() for s in self._keys.supporters):
            raise InvalidInput(
                f"A supporter called {clean!r} is already enrolled; use another name."
            )
        self._check_new(passphrase)
        new_id = new_uuid()
        slot = self._new_slot(new_id, passphrase, admin=is_admin)
        with self.workstation.keys.change() as keys:
            keys.supporters.append(SupporterEntry(new_id, clean, is_admin, slot))
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

    def _new_slot(self, supporter_id: str, passphrase: str, *, admin: bool) -> crypto.Slot:
        """A new slot for `supporter_id` protected by `passphrase`, the current key sealed in
        (and the audit key, for an admin)."""
        store_id = self._store_id
        slot, _ = crypto.new_slot(
            passphrase, self.workstation.device_secret, crypto.slot_aad(store_id, supporter_id)
        )
        slot.sealed[self._key_id] = crypto.seal(
            slot.public, self._db_key(), crypto.seal_aad(store_id, supporter_id, self._key_id)
        )
        if admin:
            self._seal_audit_key(slot, supporter_id)
        return slot

    def _seal_audit_key(self, slot: crypto.Slot, owner: str) -> None:
        if self._audit_key is not None:
            slot.sealed[crypto.AUDIT_KEY_ID] = crypto.seal(
                slot.public,
                bytes(self._audit_key),
                crypto.seal_aad(self._store_id, owner, crypto.AUDIT_KEY_ID),
            )

    def _entry(self, supporter_id: str) -> SupporterEntry:
        entry = self._keys.supporter(supporter_id)
        if entry is None:
            raise InvalidInput("That supporter is not enrolled on this workstation; pick a name.")
        return entry

    def remove_supporter(self, supporter_id: str) -> None:
        """(admin) Remove a supporter and rotate the database key so their slot is useless."""
        self._require_admin()
        target = self._entry(supporter_id)
        if target.is_admin and len(self._keys.admins()) <= 1:
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

        Crash-safe: until the second keys-file write both keys are sealed (`pending_key_id`),
        and the next unlock finishes the job whichever side of `PRAGMA rekey` the crash happened.
        """
        new_key = os.urandom(32)
        new_id = new_key_id()
        store_id = self._store_id
        with self.workstation.keys.change() as keys:
            keys.supporters = [s for s in keys.supporters if s.id != drop]
            for entry in keys.supporters:
                if entry.slot is not None:
                    entry.slot.sealed[new_id] = crypto.seal(
                        entry.slot.public, new_key, crypto.seal_aad(store_id, entry.id, new_id)
                    )
            keys.recovery.sealed[new_id] = crypto.seal(
                keys.recovery.public, new_key, crypto.seal_aad(store_id, "recovery", new_id)
            )
            keys.key_checks[new_id] = crypto.db_key_check(new_key, store_id)
            keys.pending_key_id = new_id
        self.finish_rotation(new_id, new_key, rekey=True)

    def finish_rotation(self, new_id: str, new_key: bytes, *, rekey: bool) -> None:
        """Make `new_id` the only key (after `PRAGMA rekey` unless the store already uses it)."""
        old_id = self._key_id
        if rekey:
            self.store.rekey(new_key)
        self._key = bytearray(new_key)
        self._key_id = new_id
        self.workstation.keys.db_key = new_key
        with self.workstation.keys.change() as keys:
            slots = [s.slot for s in keys.supporters if s.slot is not None] + [keys.recovery]
            for slot in slots:
                keep = (new_id, crypto.AUDIT_KEY_ID)
                slot.sealed = {kid: v for kid, v in slot.sealed.items() if kid in keep}
            keys.key_checks = {new_id: keys.key_checks[new_id]}
            keys.key_id = new_id
            keys.pending_key_id = None
        self.audit("key_rotated", {"key_id": new_id, "previous": old_id})

    def change_passphrase(self, old: str, new: str) -> None:
        """Change the signed-in supporter's passphrase (the old one must be right)."""
        self._check_new(new)
        sid = self.supporter.id
        entry = self._entry(sid)
        if entry.slot is None:
            raise Refused("Your passphrase must be reset by an admin first.")
        aad = crypto.slot_aad(self._store_id, sid)
        device = self.workstation.device_secret
        try:
            private = crypto.open_slot(entry.slot, old, device, aad)
        except crypto.WrongSecret:
            raise WrongPassphrase(
                "The current passphrase is not right; nothing was changed."
            ) from None
        except crypto.SlotDamaged as exc:
            raise damaged_sidecar(self.workstation.home, "a key slot does not decrypt") from exc
        except crypto.WeakSlot as exc:
            raise damaged_sidecar(self.workstation.home, f"a key slot is too weak: {exc}") from None
        with self.workstation.keys.change() as keys:
            slot = self._entry_in(keys, sid).slot
            assert slot is not None
            crypto.rewrap(slot, private, new, device, aad)
        self.audit("passphrase_changed", {"supporter": sid, "by": "self"})

    @staticmethod
    def _entry_in(keys: KeyFile, supporter_id: str) -> SupporterEntry:
        entry = keys.supporter(supporter_id)
        assert entry is not None  # looked up in the current copy just before
        return entry

    def replace_recovery_code(self) -> str:
        """(admin) A new recovery code (shown once); the old one stops working."""
        self._require_admin()
        code = new_recovery_code()
        store_id = self._store_id
        rec, _ = crypto.new_slot(code, b"", crypto.slot_aad(store_id, "recovery"))
        rec.sealed[self._key_id] = crypto.seal(
            rec.public, self._db_key(), crypto.seal_aad(store_id, "recovery", self._key_id)
        )
        self._seal_audit_key(rec, "recovery")
        with self.workstation.keys.change() as keys:
            keys.recovery = rec
        self.audit("recovery_code_replaced")
        return code

    def reset_passphrase(self, supporter_id: str, new_passphrase: str) -> None:
        """(admin) Set another supporter's passphrase (forgotten, or after a keyring renewal)."""
        self._require_admin()
        self._check_new(new_passphrase)
        self._entry(supporter_id)
        self.reset_slot(supporter_id, new_passphrase)
        self.audit("passphrase_reset", {"supporter": supporter_id})

    def reset_slot(self, supporter_id: str, new_passphrase: str) -> None:
        """A new key pair for `supporter_id` protected by `new_passphrase` (after recovery)."""
        slot = self._new_slot(
            supporter_id, new_passphrase, admin=self._entry(supporter_id).is_admin
        )
        with self.workstation.keys.change() as keys:
            self._entry_in(keys, supporter_id).slot = slot

    # ---- checks and backups --------------------------------------------------------------
    def check(self) -> CheckReport:
        """Full check: SQLCipher page HMACs, integrity_check, foreign keys, the audit chain and,
        in an admin's session, the admins' seals on it."""
        self._db_key()  # Refused when locked
        audit_key = None if self._audit_key is None else bytes(self._audit_key)
        return check_store(self.store, self._keys, audit_key)

    def backup(self, out: Path | None = None) -> Path:
        """An encrypted, verified backup (store + keys file); rotated in `<home>/backups/`."""
        from svdesk.storage.backup import write_backup  # noqa: PLC0415 (see new_uuid)

        path = write_backup(self, out)
        self.audit("backup", {"file": path.name, "rotated": out is None})
        return path
