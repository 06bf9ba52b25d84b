"""The store's settings (the `settings` table: a JSON value by key) and a session's transaction.

The one way to read and write a setting, whoever keeps it (lock timeout, retention, pairing,
report threshold, last export folder, program texts, a supporter's language): `read_setting`,
`write_setting` inside a transaction, or `save_setting` for one setting on its own.

One setting is needed before the store is unlocked and so lives beside it, not in it: the
workstation's interface language (`language.json` in the data folder, a language code only),
which the unlock screen is shown in. No database code is imported here (the unlock screen loads
this module).
"""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Protocol, cast

from svdesk.storage.paths import atomic_write

if TYPE_CHECKING:
    from svdesk.storage.db import Database

WORKSTATION_LANGUAGE_NAME: Final = "language.json"
# A language as Qt names its translation files: "es", "pt_BR", "zh_Hant_TW" (no paths, no dots).
_LANGUAGE_CODE: Final = re.compile(r"^[a-z]{2,3}(?:_[A-Z][a-z]{3})?(?:_[A-Z]{2})?$")
_LANGUAGE_FILE_MAX: Final = 256


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


def is_language_code(value: object) -> bool:
    """Whether `value` is a language code as Qt names translations ("es", "pt_BR")."""
    return isinstance(value, str) and bool(_LANGUAGE_CODE.match(value))


def read_workstation_language(home: Path) -> str | None:
    """The interface language the workstation's admin chose for the unlock screen, or None.

    A missing, damaged or oversized file reads as None (the system's language is used), never
    as an error that would keep the unlock screen from showing.
    """
    try:
        with (home / WORKSTATION_LANGUAGE_NAME).open("rb") as file:
            data = json.loads(file.read(_LANGUAGE_FILE_MAX + 1)[:_LANGUAGE_FILE_MAX])
    except (OSError, ValueError):
        return None
    code = data.get("language") if isinstance(data, dict) else None
    return code if is_language_code(code) else None


def write_workstation_language(home: Path, code: str | None) -> None:
    """Keep `code` as the workstation's language (None: the system's), atomically, 0600.

    Refuses what is not a language code; `WriteFailed` when the data folder cannot be written.
    """
    if code is not None and not is_language_code(code):
        raise ValueError(f"{code!r} is not a language code such as 'es' or 'pt_BR'")
    data = {"language": code, "version": 1}
    atomic_write(home / WORKSTATION_LANGUAGE_NAME, json.dumps(data, sort_keys=True).encode())
