"""The store's settings (the `settings` table: a JSON value by key) and a session's transaction.

The one way to read and write a setting, whoever keeps it (lock timeout, retention, pairing,
report threshold, last export folder, program texts): `read_setting`, `write_setting` inside a
transaction, or `save_setting` for one setting on its own.
"""

from __future__ import annotations

import contextlib
import json
from typing import Any, Protocol, cast

from svdesk.storage.db import Database


class HasDb(Protocol):
    """Anything that reads the store's database: a session, a unit context, a test's stand-in.

    A real session also has a `store`, whose durable transaction `transaction` then uses.
    """

    @property
    def db(self) -> Database: ...


def transaction(session: HasDb) -> contextlib.AbstractContextManager[Any]:
    """The store's durable transaction (disk full → `WriteFailed`); plain sqlite-utils in tests."""
    store = getattr(session, "store", None)
    if store is not None and hasattr(store, "transaction"):
        return cast(contextlib.AbstractContextManager[Any], store.transaction())
    return session.db.atomic()


def read_setting(db: Database, key: str, default: object = None) -> Any:
    """The value stored under `key`, or `default` when there is none or it is not valid JSON.

    A damaged value reads as the default, never as an error that would keep the app from
    opening; each caller still checks that the value makes sense for it.
    """
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    if row is None:
        return default
    try:
        return json.loads(row[0])
    except (TypeError, ValueError):
        return default


def write_setting(db: Database, key: str, value: object) -> None:
    """Store `value` (as JSON) under `key`, inside the caller's transaction."""
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, json.dumps(value, sort_keys=True, ensure_ascii=False)],
    )


def delete_setting(db: Database, key: str) -> None:
    """Remove `key` (it reads as the caller's default again), inside the caller's transaction."""
    db.execute("DELETE FROM settings WHERE key = ?", [key])


def save_setting(session: HasDb, key: str, value: object) -> None:
    """Store one setting in a transaction of its own (committed durably when this returns)."""
    with transaction(session):
        write_setting(session.db, key, value)
