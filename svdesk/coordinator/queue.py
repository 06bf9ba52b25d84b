"""The coordinator's escalation queue: escalations of every unit, most urgent first, which the
coordinator acknowledges and closes with an outcome (both audited)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final

from svdesk.access.roles import require_role
from svdesk.access.session import Session
from svdesk.content import rules
from svdesk.content.outcomes import escalation_outcomes
from svdesk.content.record_fields import ESCALATION_LEVELS
from svdesk.coordinator import clock
from svdesk.errors import InvalidInput, Refused, ValidationError
from svdesk.exchange import weeks
from svdesk.storage.db import Database
from svdesk.storage.settings import transaction

LEVEL_ORDER: Final = {level: i for i, level in enumerate(ESCALATION_LEVELS)}


@dataclass(frozen=True)
class QueuedEscalation:
    """One escalation as the coordinator follows it up (through the recording supporter)."""

    escalation_id: str
    level: str
    actions: tuple[str, ...]
    rules: tuple[str, ...]
    workstation_id: str
    workstation_fingerprint: str | None  # what the unit admin sees in its pairing settings
    site_code: str | None
    unit_code: str | None
    supporter_id: str | None
    case_code: str | None
    created_week: str | None
    due_week: str | None
    due: date | None  # last day (Sunday) of the due week: weeks are all that leave a unit
    due_within_a_day: bool  # emergency, same day: see `due_within_a_day`
    overdue: bool
    unit_status: str
    received_at: str
    acknowledged_at: str | None
    acknowledged_by: str | None
    outcome: str | None
    closed_at: str | None


def _week_end(week: str | None) -> date | None:
    return None if week is None else weeks.week_monday(week) + timedelta(days=6)


def due_within_a_day(level: str) -> bool:
    """Whether escalations of `level` must be acted on within a day of being raised (emergency,
    same day). Only weeks leave a unit and a bundle travels by hand, so such an escalation is
    past due by the time it reaches the coordinator: while open, it counts as overdue."""
    try:
        after = rules.due_after(level)
    except ValidationError:  # a level this program's rules do not know: by its due week
        return False
    return after is not None and after <= timedelta(days=1)


def escalation_queue(
    session: Session, now: datetime | None = None, *, include_closed: bool = False
) -> list[QueuedEscalation]:
    """Open escalations (closed too if asked), most urgent level first, then by due week.

    Closed means closed here or on the unit (an emergency the unit closed is not waiting for
    anyone; before issue 18 it stayed open and overdue here). An open escalation is overdue
    after its due week, or at once when its level is due within a day (`due_within_a_day`)."""
    today = (now or clock.now()).date()
    sql = (
        "SELECT e.escalation_id, e.level, e.actions, e.rules, e.workstation_id, w.site_code, "
        "w.unit_code, e.supporter_id, e.case_code, e.created_week, e.due_week, e.unit_status, "
        "e.received_at, e.acknowledged_at, e.acknowledged_by, e.outcome, e.closed_at, "
        "w.fingerprint "
        "FROM coord_escalations e LEFT JOIN workstations w USING (workstation_id)"
    )
    if not include_closed:
        sql += " WHERE e.closed_at IS NULL AND e.unit_status != 'closed'"
    out = []
    for r in session.db.execute(sql).fetchall():
        due = _week_end(r[10])
        closed = r[16] is not None or r[11] == "closed"
        urgent = due_within_a_day(r[1])
        out.append(
            QueuedEscalation(
                escalation_id=r[0],
                level=r[1],
                actions=tuple(json.loads(r[2])),
                rules=tuple(json.loads(r[3])),
                workstation_id=r[4],
                workstation_fingerprint=r[17],
                site_code=r[5],
                unit_code=r[6],
                supporter_id=r[7],
                case_code=r[8],
                created_week=r[9],
                due_week=r[10],
                due=due,
                due_within_a_day=urgent,
                overdue=not closed and (urgent or (due is not None and today > due)),
                unit_status=r[11],
                received_at=r[12],
                acknowledged_at=r[13],
                acknowledged_by=r[14],
                outcome=r[15],
                closed_at=r[16],
            )
        )
    out.sort(key=lambda q: (LEVEL_ORDER.get(q.level, 99), q.due_week or "", q.received_at))
    return out


def _escalation_exists(db: Database, escalation_id: str) -> tuple[str | None, str | None]:
    row = db.execute(
        "SELECT acknowledged_at, closed_at FROM coord_escalations WHERE escalation_id = ?",
        [escalation_id],
    ).fetchone()
    if row is None:
        raise InvalidInput(f"There is no escalation {escalation_id}; refresh the queue.")
    return row[0], row[1]


def acknowledge(session: Session, escalation_id: str, *, now: datetime | None = None) -> None:
    """Record that the coordinator has seen the escalation and taken it on (idempotent)."""
    require_role(session, "coordinator", "acknowledging escalations")
    db = session.db
    with transaction(session):
        acknowledged, _ = _escalation_exists(db, escalation_id)
        if acknowledged is not None:
            return
        at = clock.stamp(now or clock.now())
        db.execute(
            "UPDATE coord_escalations SET acknowledged_at = ?, acknowledged_by = ?, "
            "updated_at = ? WHERE escalation_id = ?",
            [at, session.supporter.id, at, escalation_id],
        )
        session.audit("escalation_acknowledged", {"escalation": escalation_id})


def outcome_codes() -> tuple[str, ...]:
    return tuple(o.code for o in escalation_outcomes())


def close_escalation(
    session: Session, escalation_id: str, outcome: str, *, now: datetime | None = None
) -> None:
    """Close an escalation with an outcome code (acknowledging it too if it was not yet)."""
    require_role(session, "coordinator", "closing escalations")
    codes = outcome_codes()
    if outcome not in codes:
        raise InvalidInput(f"{outcome!r} is not an outcome; choose one of {', '.join(codes)}.")
    db = session.db
    with transaction(session):
        acknowledged, closed = _escalation_exists(db, escalation_id)
        if closed is not None:
            raise Refused("This escalation is already closed; its outcome stays as recorded.")
        at = clock.stamp(now or clock.now())
        db.execute(
            "UPDATE coord_escalations SET outcome = ?, closed_at = ?, closed_by = ?, "
            "acknowledged_at = coalesce(acknowledged_at, ?), "
            "acknowledged_by = coalesce(acknowledged_by, ?), updated_at = ? "
            "WHERE escalation_id = ?",
            [outcome, at, session.supporter.id, at, session.supporter.id, at, escalation_id],
        )
        session.audit(
            "escalation_closed",
            {
                "escalation": escalation_id,
                "outcome": outcome,
                "was_acknowledged": bool(acknowledged),
            },
        )
