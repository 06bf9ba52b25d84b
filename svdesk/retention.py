"""Retention of case-level records on a unit workstation: a closed case whose records have all
reached the coordinator is deleted a set number of days (setting `retention.days`) later.

A case is kept while anything about it could still change or has not left the workstation: an
open case, a draft or scheduled follow-up of it, an escalation that is not closed, and any
encounter or escalation not exported (or changed since its export). The audit log keeps counts.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, Protocol

from svdesk.errors import InvalidInput
from svdesk.records import UnitContext, require_admin, write_transaction
from svdesk.store import Database, DatabaseError

__all__ = [
    "DAYS_RANGE",
    "DEFAULT_DAYS",
    "SETTING_DAYS",
    "PurgeReport",
    "expired_cases",
    "purge_expired",
    "retention_days",
    "set_retention_days",
]

SETTING_DAYS: Final = "retention.days"
DEFAULT_DAYS: Final = 180
# Long enough for a coordinator to notice a missing bundle; at most ten years.
DAYS_RANGE: Final = (30, 3650)


class _HasDb(Protocol):
    @property
    def db(self) -> Database: ...


@dataclass(frozen=True)
class PurgeReport:
    """How many rows one purge deleted, per table (the audit log keeps these counts only)."""

    cases: int = 0
    encounters: int = 0
    followups: int = 0
    escalations: int = 0

    @property
    def total(self) -> int:
        return self.cases + self.encounters + self.followups + self.escalations

    def to_json(self) -> dict[str, int]:
        return {
            "cases": self.cases,
            "encounters": self.encounters,
            "followups": self.followups,
            "escalations": self.escalations,
        }


def _valid_days(value: object) -> bool:
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and DAYS_RANGE[0] <= value <= DAYS_RANGE[1]
    )


def retention_days(source: _HasDb) -> int:
    """Days a closed, exported case is kept (a session or a `UnitContext`; default 180).

    A stored value outside the bounds (a damaged setting) reads as the default rather than
    purging early or never.
    """
    row = source.db.execute("SELECT value FROM settings WHERE key = ?", [SETTING_DAYS]).fetchone()
    if row is None:
        return DEFAULT_DAYS
    try:
        value = json.loads(row[0])
    except ValueError:
        return DEFAULT_DAYS
    return int(value) if _valid_days(value) else DEFAULT_DAYS


def set_retention_days(ctx: UnitContext, days: int) -> int:
    """Change how long closed, exported cases are kept (unit admin only; audit-logged)."""
    require_admin(ctx, "change how long case records are kept")
    if not _valid_days(days):
        raise InvalidInput(
            f"Case records can be kept from {DAYS_RANGE[0]} to {DAYS_RANGE[1]} days, not "
            f"{days!r}; choose a number of days in that range."
        )
    with write_transaction(ctx):
        before = retention_days(ctx)
        ctx.db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [SETTING_DAYS, json.dumps(days)],
        )
        ctx.audit("retention_changed", {"from_days": before, "to_days": days})
    return days


# An escalation counts as exported only if the export that carried it still exists and it has
# not changed since (a status change goes out in the next bundle; see svdesk.export).
_CASE_ESCALATIONS: Final = (
    "FROM escalations s WHERE (s.case_code = c.case_code OR s.encounter_id IN "
    "(SELECT encounter_id FROM encounters WHERE case_code = c.case_code))"
)
_CANDIDATES: Final = f"""
SELECT c.case_code, c.closed_at FROM cases c
WHERE c.status = 'closed' AND c.closed_at IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM drafts d WHERE d.case_code = c.case_code)
  AND NOT EXISTS (
    SELECT 1 FROM followups f WHERE f.case_code = c.case_code AND f.status = 'scheduled')
  AND NOT EXISTS (
    SELECT 1 FROM encounters e WHERE e.case_code = c.case_code AND (e.exported_seq IS NULL
      OR NOT EXISTS (SELECT 1 FROM exports x WHERE x.sequence = e.exported_seq)))
  AND NOT EXISTS (
    SELECT 1 {_CASE_ESCALATIONS} AND (s.status != 'closed' OR s.exported_seq IS NULL
      OR NOT EXISTS (SELECT 1 FROM exports x WHERE x.sequence = s.exported_seq
                     AND julianday(s.updated_at) <= julianday(x.created_at))))
ORDER BY c.case_code
"""
# The day the last of the case's records was exported (UTC day of the export).
_LAST_EXPORT: Final = """
SELECT max(day) FROM (
  SELECT date(x.created_at) AS day FROM encounters e
    JOIN exports x ON x.sequence = e.exported_seq WHERE e.case_code = :code
  UNION ALL
  SELECT date(x.created_at) FROM escalations s JOIN exports x ON x.sequence = s.exported_seq
    WHERE s.case_code = :code
       OR s.encounter_id IN (SELECT encounter_id FROM encounters WHERE case_code = :code)
)
"""


def _last_activity(db: Database, case_code: str, closed_at: str) -> date:
    """The later of the day the case closed and the day its last record was exported."""
    last = date.fromisoformat(closed_at[:10])
    row = db.execute(_LAST_EXPORT, {"code": case_code}).fetchone()
    if row is not None and row[0]:
        last = max(last, date.fromisoformat(str(row[0])))
    return last


def expired_cases(ctx: UnitContext, today: date | None = None) -> list[str]:
    """Case codes a purge on `today` would delete: closed, fully exported, and quiet for more
    than the retention days (kept on day N after the last export or close, gone on day N+1)."""
    day = today if today is not None else ctx.today()
    keep = retention_days(ctx)
    rows: Sequence[Any] = ctx.db.execute(_CANDIDATES).fetchall()
    return [
        str(code)
        for code, closed_at in rows
        if (day - _last_activity(ctx.db, str(code), str(closed_at))).days > keep
    ]


def purge_expired(ctx: UnitContext, today: date | None = None) -> PurgeReport:
    """Delete the expired cases with their encounters, follow-ups and escalations.

    One transaction with `secure_delete` on, then a checkpoint so the deleted pages leave the
    write-ahead log too. Audit-logged (`retention_purge`, counts only) when anything went.
    """
    # A read first: the usual unlock, with nothing to purge, writes nothing (and runs on the
    # GUI's worker thread while the home page reads the same connection).
    if not expired_cases(ctx, today):
        return PurgeReport()
    db = ctx.db
    db.execute("PRAGMA secure_delete = ON")
    with write_transaction(ctx):
        # Decided inside the transaction: nothing can be exported or reopened in between.
        codes = expired_cases(ctx, today)
        if not codes:
            return PurgeReport()
        counts = dict.fromkeys(("cases", "encounters", "followups", "escalations"), 0)
        for code in codes:
            args = {"code": code}
            counts["escalations"] += db.execute(
                "DELETE FROM escalations WHERE case_code = :code OR encounter_id IN "
                "(SELECT encounter_id FROM encounters WHERE case_code = :code)",
                args,
            ).rowcount
            counts["followups"] += db.execute(
                "DELETE FROM followups WHERE case_code = :code", args
            ).rowcount
            counts["encounters"] += db.execute(
                "DELETE FROM encounters WHERE case_code = :code", args
            ).rowcount
            counts["cases"] += db.execute(
                "DELETE FROM cases WHERE case_code = :code", args
            ).rowcount
        report = PurgeReport(**counts)
        ctx.audit("retention_purge", {**report.to_json(), "retention_days": retention_days(ctx)})
    with contextlib.suppress(DatabaseError):
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return report
