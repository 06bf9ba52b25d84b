"""Older store files put back: the database's change count, checked at unlock (issue 13,
item 6).

In keyring stores the keyring keeps the keys file's `generation` for the folder
(`svdesk.access.slots.refuse_rollback`, at open). And every store counts its sessions in two
places: the encrypted database (`meta.store_change`) and the keys file (`store_change`, under
the keys file's MAC), one more at each unlock and each lock, the database written first. After a
crash between the two writes the database is one change ahead, never behind; so at unlock a
database behind its keys file is an older copy put back alone, and one more than a change ahead
means an older keys file was put back (which passphrase-only stores, with no keyring, would not
notice otherwise).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from svdesk.errors import StoreDamaged
from svdesk.keys.keyfile import SIDECAR_NAME, KeyFile
from svdesk.storage.datadir import DB_NAME

STORE_CHANGE_META = "store_change"
AN_ADMIN_RESTORES = (
    "If an older copy was meant, an admin restores it with 'svdesk restore FILE' (which "
    "records it); otherwise put the newer files back, or restore the latest backup."
)


class StoreRolledBack(StoreDamaged):
    """The store's files are older than the ones this computer last used."""

    title = "Older store files"


def counted(conn: Any) -> int | None:
    """The database's own count of changes (None: a store from before the count)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", [STORE_CHANGE_META]).fetchone()
    if row is None:
        return None
    try:
        return int(row[0])
    except (TypeError, ValueError):
        raise StoreDamaged(
            f"The store's change count ({row[0]!r}) is not a number; restore a backup."
        ) from None


def refuse_older_database(home: Path, keys: KeyFile, conn: Any) -> None:
    """StoreRolledBack when the database (`conn`, unlocked) is behind the keys file's record of
    it, or more than one change ahead (an older keys file). Nothing to compare for a keys file
    from before the count."""
    recorded = keys.store_change
    if recorded is None:
        return
    in_db = counted(conn) or 0
    if in_db < recorded:
        raise StoreRolledBack(
            f"The store file {home / DB_NAME} is older than its keys file (the store is at "
            f"change {in_db}, its keys file recorded change {recorded}): an older copy of the "
            "database was put back outside svdesk, so recent work or a change of supporters "
            f"would be lost. {AN_ADMIN_RESTORES}"
        )
    if in_db > recorded + 1:
        raise StoreRolledBack(
            f"The keys file {home / SIDECAR_NAME} is older than the store file (it recorded "
            f"change {recorded}, the store is at change {in_db}): an older keys file was put "
            f"back outside svdesk. {AN_ADMIN_RESTORES}"
        )


def count_change(conn: Any, keys: KeyFile) -> int:
    """Count one change in the database (inside the caller's transaction); returns the count
    for the keys file, to be written once the transaction is durable."""
    base = keys.store_change if keys.store_change is not None else (counted(conn) or 0)
    change = base + 1
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [STORE_CHANGE_META, str(change)]
    )
    return change
