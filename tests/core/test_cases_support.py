"""Shared helpers (no tests here) for the cases, follow-up and escalation tests: a plain
(unencrypted) schema-v1 store file with the store's PRAGMAs, a settable clock, an audit sink that
writes the real hash-chained log, and the bundled protocol.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import svdesk.storage.db  # noqa: F401  (binds sqlite-utils to SQLCipher before it is imported)
from svdesk.content.loading import parse_toml
from svdesk.content.protocol.loader import load_protocol, parse_protocol
from svdesk.content.protocol.model import Protocol
from svdesk.content.resources import read_text
from svdesk.storage import audit
from svdesk.storage.db import Database
from svdesk.storage.schema import SCHEMA_VERSION, migration_sql
from svdesk.unit.context import UnitContext

START = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


@dataclass
class Clock:
    """The test's clock: `advance(days=...)` moves both the day and the time."""

    at: datetime = START

    def now(self) -> datetime:
        return self.at

    def today(self) -> date:
        return self.at.date()

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)


@dataclass
class Unit:
    """One unit store file and the contexts of its supporters."""

    path: Path
    db: Database
    clock: Clock = field(default_factory=Clock)
    audited: list[tuple[str, str, dict[str, object]]] = field(default_factory=list)

    def ctx(self, supporter_id: str = "sup-A", *, admin: bool = False) -> UnitContext:
        def sink(action: str, detail: Any = None) -> None:
            self.audited.append((supporter_id, action, dict(detail or {})))
            audit.append(self.db.conn, supporter_id, action, detail)

        return UnitContext(
            db=self.db,
            site_code="S01",
            unit_code="ICU1",
            supporter_id=supporter_id,
            is_admin=admin,
            audit=sink,
            today=self.clock.today,
            now=self.clock.now,
        )

    def actions(self) -> list[str]:
        return [a for _, a, _ in self.audited]

    def audit_rows(self) -> list[dict[str, Any]]:
        rows = list(self.db.query("SELECT actor, action, detail FROM audit ORDER BY seq"))
        return [{**r, "detail": json.loads(r["detail"])} for r in rows]


def open_store(path: Path) -> Database:
    """A plain SQLite file with the store's durability and deletion PRAGMAs."""
    db = Database(str(path))
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON",
                   "secure_delete=ON", "temp_store=MEMORY"):  # fmt: skip
        db.conn.execute(f"PRAGMA {pragma}")
    return db


def new_unit(tmp_path: Path) -> Unit:
    path = tmp_path / "unit.db"
    db = open_store(path)
    for version in range(1, SCHEMA_VERSION + 1):
        db.conn.executescript(migration_sql(version))
    return Unit(path, db)


@cache
def protocol() -> Protocol:
    """The bundled protocol (card links checked elsewhere: the cards may not all exist yet)."""
    try:
        return load_protocol()
    except Exception:
        data = parse_toml(read_text("protocols", "default.toml"), "default.toml")
        steps: Any = data["steps"]
        cards = {c for s in steps for c in s.get("cards", [])}
        return parse_protocol(data, "default.toml", card_ids=cards)


# Record-screen and step-0 answers that make any initial conversation completable.
BASICS: dict[str, object] = {
    "activation_source": "self",
    "modality": "in_person",
    "format": "individual",
    "people_reached": 1,
    "stress.zone": "yellow",
    "followup_plan": "w1",
    "duration": "m15_30",
    "needs_met": "yes",
    "role_category": "nurse",
    "unit_category": "emergency",
}


def new_id() -> str:
    return str(uuid.uuid4())


def table_text(db: Database) -> str:
    """Every text value of every column of every table, one per line (to search for leaks)."""
    out: list[str] = []
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        for row in db.execute(f'SELECT * FROM "{table}"'):
            out.extend(str(v) for v in row if isinstance(v, (str, bytes)))
    return "\n".join(out)
