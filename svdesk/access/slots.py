"""Opening a key slot at unlock: the database keys it holds, the keys file's MAC, re-wrapping
a slot of an older (lower) key-derivation cost, and the refusals on the way (a slot below the
cost floor, older store files put back: see `svdesk.access.freshness`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from svdesk.access.freshness import AN_ADMIN_RESTORES, StoreRolledBack, refuse_older_database
from svdesk.errors import StoreDamaged
from svdesk.keys import crypto
from svdesk.keys.keyfile import (
    KEYFILE_MAC_META,
    SIDECAR_NAME,
    KeyFile,
    KeysOnDisk,
    damaged_sidecar,
    tampered_keyfile,
)

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from svdesk.access.session import Session
    from svdesk.storage.db import Store


def refuse_rollback(home: Path, keys: KeyFile, last_seen: int | None) -> None:
    """StoreRolledBack when the keys file is older than the generation last seen in `home`."""
    if last_seen is not None and keys.generation < last_seen:
        raise StoreRolledBack(
            f"The store in {home} is older than the one this computer last used (its keys file "
            f"is at change {keys.generation}, this computer saw change {last_seen}): older "
            f"files were put back outside svdesk, so a removed supporter could be back. "
            f"{AN_ADMIN_RESTORES}"
        )


def weak_slot(home: Path, what: str, exc: crypto.WeakSlot) -> StoreDamaged:
    return StoreDamaged(
        f"{what} in {home / SIDECAR_NAME} asks for a key derivation weaker than svdesk allows "
        f"({exc}), so it was not made by svdesk or was weakened on purpose; it was not tried. "
        "Restore the keys file from a backup, or ask an admin to reset this passphrase."
    )


def open_with(
    home: Path,
    keys: KeyFile,
    slot: crypto.Slot,
    *,
    secret: str,
    device_secret: bytes,
    slot_id: str,
    damaged: str,
    what: str,
) -> tuple[X25519PrivateKey, dict[str, bytes]]:
    """(private key, keys by id) of `slot` opened with `secret`: the database keys, and the audit
    key (id crypto.AUDIT_KEY_ID) when the slot holds it. crypto.WrongSecret
    passes through (the caller counts the failure); bad data and a weak slot are StoreDamaged."""
    aad = crypto.slot_aad(keys.store_id, slot_id)
    try:
        private = crypto.open_slot(slot, secret, device_secret, aad)
    except crypto.SlotDamaged as exc:
        raise damaged_sidecar(home, damaged) from exc
    except crypto.WeakSlot as exc:
        raise weak_slot(home, what, exc) from None
    db_keys: dict[str, bytes] = {}
    for key_id, sealed in slot.sealed.items():
        try:
            key = crypto.unseal(private, sealed, crypto.seal_aad(keys.store_id, slot_id, key_id))
        except crypto.SlotDamaged:
            continue
        if key_id == crypto.AUDIT_KEY_ID or keys.key_checks.get(key_id) == crypto.db_key_check(
            key, keys.store_id
        ):
            db_keys[key_id] = key  # the database keys, and the audit key in admins' slots
    if keys.key_id not in db_keys and keys.pending_key_id not in db_keys:
        raise damaged_sidecar(home, "the database key does not decrypt")
    return private, db_keys


def check_keys_file(
    home: Path, on_disk: KeysOnDisk, store: Store, db_keys: dict[str, bytes]
) -> None:
    """StoreDamaged when the keys file's MAC does not match, or was removed from a store whose
    keys file had one; StoreRolledBack when the database is older than the keys file's record
    of it (or the keys file older than the database)."""
    verified = on_disk.verify(db_keys)
    if verified is False:
        raise tampered_keyfile(home, "its MAC does not match")
    if verified is None:
        row = store.conn.execute(
            "SELECT value FROM meta WHERE key = ?", [KEYFILE_MAC_META]
        ).fetchone()
        if row is not None:
            raise tampered_keyfile(home, "its MAC was removed")
    refuse_older_database(home, on_disk.current, store.conn)


def strengthen(
    on_disk: KeysOnDisk,
    session: Session,
    *,
    slot_id: str,
    private: X25519PrivateKey,
    secret: str,
    device_secret: bytes,
) -> None:
    """Re-wrap a slot made with a lower key-derivation cost than new slots get now (audited);
    on failure the session is locked."""
    aad = crypto.slot_aad(on_disk.current.store_id, slot_id)
    try:
        with on_disk.change() as draft:
            entry = draft.supporter(slot_id)
            slot = draft.recovery if entry is None else entry.slot
            assert slot is not None
            crypto.rewrap(slot, private, secret, device_secret, aad)
        session.audit("slot_strengthened", {"slot": slot_id, "kdf": crypto.kdf_params()})
    except BaseException:
        session.lock()
        raise
