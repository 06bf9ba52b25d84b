"""Retention of case-level records on a unit workstation: a closed case whose records have all
reached the coordinator is deleted a set number of days (setting `retention.days`) later.

A case is kept while anything about it could still change or has not left the workstation: an
open case, a draft or scheduled follow-up of it, an escalation that is not closed, and any
encounter or escalation not exported (or changed since its export). The audit log keeps counts.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Final

from svdesk.errors import InvalidInput
from svdesk.exchange.weeks import iso_week
from svdesk.storage.db import Database, DatabaseError
from svdesk.storage.settings import HasDb, read_setting, write_setting
from svdesk.unit.context import UnitContext, require_admin, write_transaction

__all__ = [
    "DAYS_RANGE",
    "DEFAULT_DAYS",
    "SETTING_DAYS",
    "PurgeReport",
    "expired_cases",
    "purge_expired",
    "purge_sent_survey_responses",
    "retention_days",
    "set_retention_days",
]

SETTING_DAYS: Final = "retention.days"
DEFAULT_DAYS: Final = 180
# Long enough for a coordinator to notice a missing bundle; at most ten years.
DAYS_RANGE: Final = (30, 3650)


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


def retention_days(source: HasDb) -> int:
    """Days a closed, exported case is kept (a session or a `UnitContext`; default 180).

    A stored value outside the bounds (a damaged setting) reads as the default rather than
    purging early or never.
    """
    value = read_setting(source.db, SETTING_DAYS, DEFAULT_DAYS)
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
        write_setting(ctx.db, SETTING_DAYS, days)
        ctx.audit("retention_changed", {"from_days": before, "to_days": days})
    return days


# Each query reads its table once (a few ms for thousands of cases); a correlated query per case
# would scan the escalations once per case.
_CLOSED: Final = (
    "SELECT case_code, closed_at FROM cases WHERE status = 'closed' AND closed_at IS NOT NULL"
)
_BUSY: Final = (
    "SELECT case_code FROM drafts UNION SELECT case_code FROM followups WHERE status = 'scheduled'"
)
# An encounter counts as exported only if the export that carried it is still recorded.
_ENCOUNTER_EXPORTS: Final = (
    "SELECT e.case_code, max(x.sequence IS NULL), max(date(x.created_at)) FROM encounters e "
    "LEFT JOIN exports x ON x.sequence = e.exported_seq GROUP BY e.case_code"
)
# An escalation belongs to its case code, or to its encounter's case; it counts as exported only
# if it is closed, its export is recorded and it has not changed since (a later change goes out
# in the next bundle, see svdesk.unit.export).
_ESCALATIONS: Final = """
SELECT s.id, coalesce(s.case_code, e.case_code),
       s.status != 'closed' OR x.sequence IS NULL
         OR julianday(s.updated_at) > julianday(x.created_at),
       date(x.created_at)
FROM escalations s
LEFT JOIN encounters e ON e.encounter_id = s.encounter_id
LEFT JOIN exports x ON x.sequence = s.exported_seq
"""


@dataclass
class _CaseState:
    last: date  # the later of the close and the last export of any of its records
    kept: bool = False
    escalation_ids: list[str] = field(default_factory=list)

    def exported_on(self, day: object) -> None:
        if day:
            self.last = max(self.last, date.fromisoformat(str(day)))


def _case_states(db: Database) -> dict[str, _CaseState]:
    """Closed cases, each with whether something keeps it and the day it was last active."""
    states = {
        str(code): _CaseState(date.fromisoformat(str(closed_at)[:10]))
        for code, closed_at in db.execute(_CLOSED).fetchall()
    }
    for (code,) in db.execute(_BUSY).fetchall():
        if code in states:
            states[code].kept = True
    for code, unexported, last in db.execute(_ENCOUNTER_EXPORTS).fetchall():
        state = states.get(code)
        if state is not None:
            state.kept = state.kept or bool(unexported)
            state.exported_on(last)
    for escalation_id, code, pending, exported in db.execute(_ESCALATIONS).fetchall():
        state = states.get(code)
        if state is not None:
            state.kept = state.kept or bool(pending)
            state.exported_on(exported)
            state.escalation_ids.append(str(escalation_id))
    return states


def _expired(ctx: UnitContext, today: date | None) -> dict[str, _CaseState]:
    day = today if today is not None else ctx.today()
    keep = retention_days(ctx)
    return {
        code: state
        for code, state in sorted(_case_states(ctx.db).items())
        if not state.kept and (day - state.last).days > keep
    }


def expired_cases(ctx: UnitContext, today: date | None = None) -> list[str]:
    """Case codes a purge on `today` would delete: closed, fully exported, and quiet for more
    than the retention days (kept on day N after the last export or close, gone on day N+1)."""
    return list(_expired(ctx, today))


def _delete(db: Database, table: str, column: str, keys: Sequence[str]) -> int:
    deleted = 0
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        deleted += db.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", chunk).rowcount
    return deleted


def purge_expired(ctx: UnitContext, today: date | None = None) -> PurgeReport:
    """Delete the expired cases with their encounters, follow-ups and escalations.

    One transaction with `secure_delete` on, then a checkpoint so the deleted pages leave the
    write-ahead log too. Audit-logged (`retention_purge`, counts only) when anything went.
    """
    # A read first: the usual unlock, with nothing to purge, writes nothing.
    if not _expired(ctx, today):
        return PurgeReport()
    db = ctx.db
    db.execute("PRAGMA secure_delete = ON")
    with write_transaction(ctx):
        # Decided again inside the transaction: nothing can be exported or reopened in between.
        expired = _expired(ctx, today)
        if not expired:
            return PurgeReport()
        codes = list(expired)
        escalation_ids = [i for state in expired.values() for i in state.escalation_ids]
        report = PurgeReport(
            escalations=_delete(db, "escalations", "id", escalation_ids),
            followups=_delete(db, "followups", "case_code", codes),
            encounters=_delete(db, "encounters", "case_code", codes),
            cases=_delete(db, "cases", "case_code", codes),
        )
        ctx.audit("retention_purge", {**report.to_json(), "retention_days": retention_days(ctx)})
    with contextlib.suppress(DatabaseError):
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return report


def purge_sent_survey_responses(ctx: UnitContext, today: date | None = None) -> int:
    """Delete the kiosk's responses that reached the coordinator once older than the retention
    days: staff survey answers by their ISO week, recipient feedback by its month (only months
    wholly before the cut-off day). Returns how many went. Not audited: an entry's time, or a
    count at that time, would date the responses (svdesk/unit/kiosk.py)."""
    cutoff_day = (today or date.today()) - timedelta(days=retention_days(ctx))
    cutoffs = (
        ("survey_responses", "week", iso_week(cutoff_day)),
        ("feedback_responses", "month", f"{cutoff_day.year:04d}-{cutoff_day.month:02d}"),
    )
    if not any(
        ctx.db.execute(
            f"SELECT 1 FROM {table} WHERE exported = 1 AND {column} < ? LIMIT 1", [cutoff]
        ).fetchone()
        for table, column, cutoff in cutoffs
    ):
        return 0
    ctx.db.execute("PRAGMA secure_delete = ON")
    gone = 0
    with write_transaction(ctx):
        for table, column, cutoff in cutoffs:
            gone += ctx.db.execute(
                f"DELETE FROM {table} WHERE exported = 1 AND {column} < ?", [cutoff]
            ).rowcount
    return int(gone)
