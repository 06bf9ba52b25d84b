"""The unit context every domain operation over the store runs in (who is signed in, which unit,
the clock, the audit sink, the write transaction) and the plain row helpers they share.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from svdesk.errors import NotPermitted
from svdesk.storage.db import Database

if TYPE_CHECKING:
    from svdesk.access.session import Session


AuditSink = Callable[[str, Mapping[str, object]], None]


@dataclass(frozen=True)
class UnitContext:
    """What a domain operation needs from an unlocked unit store, as plain seams for tests.

    `today` is the workstation's local day (follow-up dates are kept to the day); `now` is an
    aware UTC timestamp (escalation due times). `audit(action, detail)` appends to the audit log;
    it is called inside the operation's transaction so the change and its audit entry commit
    together.
    """

    db: Database
    site_code: str
    unit_code: str
    supporter_id: str
    is_admin: bool
    audit: AuditSink
    today: Callable[[], date]
    now: Callable[[], datetime]
    # The store's write transaction (BEGIN IMMEDIATE … durable COMMIT; nested = savepoint);
    # None uses `db.atomic()` (tests on a plain SQLite database).
    transaction: Callable[[], AbstractContextManager[object]] | None = None


def _utc_now() -> datetime:
    return datetime.now(UTC)


def context_for(session: Session) -> UnitContext:
    """The unit context of an unlocked session, with the real clock."""
    info = session.workstation.info
    return UnitContext(
        db=session.db,
        site_code=info.site_code,
        unit_code=info.unit_code or "",
        supporter_id=session.supporter.id,
        is_admin=bool(session.supporter.is_admin),
        audit=session.audit,
        today=date.today,
        now=_utc_now,
        transaction=session.store.transaction,
    )


def require_admin(ctx: UnitContext, what: str) -> None:
    if not ctx.is_admin:
        raise NotPermitted(f"Only a unit admin can {what}; ask your unit admin to do it.")


@contextmanager
def write_transaction(ctx: UnitContext) -> Iterator[None]:
    """One transaction that has committed (durably: WAL + synchronous=FULL) when the block exits.

    Nested use becomes a savepoint of the outer transaction.
    """
    if ctx.transaction is not None:
        with ctx.transaction():
            yield
    else:
        with ctx.db.atomic():
            yield


def insert_row(db: Database, table: str, row: Mapping[str, object]) -> None:
    """A plain INSERT (no sqlite-utils table creation or column guessing on our schema)."""
    columns = ", ".join(f'"{c}"' for c in row)
    marks = ", ".join("?" for _ in row)
    db.execute(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(row.values()))


def update_row(
    db: Database, table: str, key: tuple[str, object], values: Mapping[str, object]
) -> None:
    """A plain UPDATE of the row whose column `key[0]` equals `key[1]`."""
    sets = ", ".join(f'"{c}" = ?' for c in values)
    db.execute(f'UPDATE "{table}" SET {sets} WHERE "{key[0]}" = ?', [*values.values(), key[1]])


def to_json(value: object) -> str:
    """Canonical JSON for stored lists and mappings (never pickle)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def from_json(text: str | None, default: object) -> Any:
    return default if text is None else json.loads(text)
