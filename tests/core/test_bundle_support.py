"""Shared helpers (no tests here) for the bundle, export, coordinator and report tests: a plain
schema-v1 database behind a session-shaped object, and unit rows as the cases module stores them.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import svdesk.storage.db  # noqa: F401  (binds sqlite-utils to SQLCipher before it is imported)
from svdesk.storage import audit
from svdesk.storage.db import Database
from svdesk.storage.schema import SCHEMA_VERSION, migration_sql

CANARY = "CANARY-zq9x-DO-NOT-LEAK"


@dataclass
class FakeSupporter:
    id: str
    is_admin: bool = True


@dataclass
class FakeInfo:
    store_id: str
    role: str
    site_code: str
    unit_code: str | None


@dataclass
class FakeWorkstation:
    info: FakeInfo


@dataclass
class FakeSession:
    db: Database
    supporter: FakeSupporter
    workstation: FakeWorkstation
    audited: list[tuple[str, dict[str, object]]] = field(default_factory=list)

    def audit(self, action: str, detail: Mapping[str, object]) -> int:
        self.audited.append((action, dict(detail)))
        return audit.append(self.db.conn, self.supporter.id, action, detail)


def new_db() -> Database:
    db = Database(memory=True)
    for version in range(1, SCHEMA_VERSION + 1):
        db.conn.executescript(migration_sql(version))
    return db


def unit_session(site: str = "S01", unit: str = "ED1", *, admin: bool = True) -> FakeSession:
    return FakeSession(
        db=new_db(),
        supporter=FakeSupporter(str(uuid.uuid4()), admin),
        workstation=FakeWorkstation(FakeInfo(str(uuid.uuid4()), "unit", site, unit)),
    )


def coordinator_session(site: str = "S01") -> FakeSession:
    return FakeSession(
        db=new_db(),
        supporter=FakeSupporter(str(uuid.uuid4()), True),
        workstation=FakeWorkstation(FakeInfo(str(uuid.uuid4()), "coordinator", site, None)),
    )


def encounter_row(
    *,
    site: str = "S01",
    unit: str = "ED1",
    case_code: str = "K7Q-4MX",
    supporter_id: str | None = None,
    created_at: str = "2026-11-24",
    **overrides: Any,
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "encounter_id": str(uuid.uuid4()),
        "case_code": case_code,
        "site_code": site,
        "unit_code": unit,
        "encounter_type": "initial",
        "modality": "in_person",
        "format": "individual",
        "people_reached": 1,
        "role_category": "nurse",
        "unit_category": "emergency",
        "activation_source": "self",
        "event_categories": json.dumps(["unexpected_death"]),
        "time_since_event": "lt_24h",
        "response_time": "le_30min",
        "duration": "m15_30",
        "recovery_stage": "1_chaos",
        "stress_zone": "yellow",
        "interventions": json.dumps(["listening"]),
        "screens_done": json.dumps(["cssrs"]),
        "screen_positive": 0,
        "escalation_level": "tier2",
        "escalation_actions": "[]",
        "escalation_rules": "[]",
        "referral_targets": "[]",
        "referral_accepted": "not_offered",
        "followup_plan": "h24_72",
        "needs_met": "yes",
        "supporter_own_distress": "none",
        "note": CANARY,
        "supporter_id": supporter_id or str(uuid.uuid4()),
        "protocol_version": "1",
        "rules_version": "1",
        "created_at": created_at,
        "exported_seq": None,
    }
    row.update(overrides)
    return row


def insert_encounter(db: Database, **kw: Any) -> dict[str, Any]:
    row = encounter_row(**kw)
    db.execute(
        "INSERT OR IGNORE INTO cases (case_code, created_at) VALUES (?, ?)",
        [row["case_code"], row["created_at"]],
    )
    cols = ", ".join(row)
    db.execute(
        f"INSERT INTO encounters ({cols}) VALUES ({', '.join('?' for _ in row)})",
        list(row.values()),
    )
    db.conn.commit()
    return row


def insert_escalation(
    db: Database,
    *,
    encounter: Mapping[str, Any] | None = None,
    level: str = "tier3_72h",
    status: str = "open",
    created_at: str = "2026-11-24T10:00:00+00:00",
    due_at: str = "2026-11-27T10:00:00+00:00",
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "case_code": encounter["case_code"] if encounter else "K7Q-4MX",
        "encounter_id": encounter["encounter_id"] if encounter else None,
        "level": level,
        "actions": json.dumps(["crisis_line_info"]),
        "rules": json.dumps(["cssrs_ideation"]),
        "status": status,
        "due_at": due_at,
        "created_at": created_at,
        "created_by": encounter["supporter_id"] if encounter else str(uuid.uuid4()),
        "updated_at": created_at,
    }
    cols = ", ".join(row)
    db.execute(
        f"INSERT INTO escalations ({cols}) VALUES ({', '.join('?' for _ in row)})",
        list(row.values()),
    )
    db.conn.commit()
    return row
