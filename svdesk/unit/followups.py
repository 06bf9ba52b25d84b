"""Follow-ups of a case: scheduled from an encounter's `followup_plan`, shown on home as the
unit's queue (due today, overdue, upcoming), taken over by any supporter of the unit.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Final

from svdesk.errors import InvalidInput, Refused
from svdesk.unit.context import UnitContext, insert_row, write_transaction

__all__ = [
    "PLAN_OFFSETS",
    "Followup",
    "FollowupQueue",
    "followup",
    "followups_for_case",
    "followups_for_unit",
    "schedule_followup",
    "take_over_followup",
]

# followup_plan code -> days after the encounter (h24_72: the next day opens the 24–72 h window).
PLAN_OFFSETS: Final[Mapping[str, int]] = {"h24_72": 1, "w1": 7, "w2": 14, "w4": 28}


@dataclass(frozen=True)
class Followup:
    id: str
    case_code: str
    plan: str
    due_date: date
    status: str  # scheduled | done | cancelled
    assigned_supporter_id: str | None
    completed_encounter_id: str | None
    created_at: date
    draft_id: str | None = None  # an unfinished follow-up conversation, to resume

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Followup:
        return cls(
            id=row["id"],
            case_code=row["case_code"],
            plan=row["plan"],
            due_date=date.fromisoformat(row["due_date"]),
            status=row["status"],
            assigned_supporter_id=row["assigned_supporter_id"],
            completed_encounter_id=row["completed_encounter_id"],
            created_at=date.fromisoformat(row["created_at"]),
            draft_id=row.get("draft_id"),
        )


@dataclass(frozen=True)
class FollowupQueue:
    """The unit's scheduled follow-ups relative to one day, each list soonest due first."""

    due_today: list[Followup] = field(default_factory=list)
    overdue: list[Followup] = field(default_factory=list)
    upcoming: list[Followup] = field(default_factory=list)


_SELECT: Final = (
    "SELECT f.*, (SELECT d.id FROM drafts d WHERE d.followup_id = f.id "
    "ORDER BY d.updated_at DESC LIMIT 1) AS draft_id FROM followups f"
)


def schedule_followup(ctx: UnitContext, case_code: str, plan: str, on: date) -> Followup | None:
    """Schedule the follow-up `plan` asks for after an encounter on day `on` (none for `none`).

    Assigned to the signed-in supporter; runs inside the caller's transaction.
    """
    if plan == "none":
        return None
    if plan not in PLAN_OFFSETS:
        raise InvalidInput(
            f"Unknown follow-up plan {plan!r}; use one of none, {', '.join(PLAN_OFFSETS)}."
        )
    row: dict[str, object] = {
        "id": str(uuid.uuid4()),
        "case_code": case_code,
        "plan": plan,
        "due_date": (on + timedelta(days=PLAN_OFFSETS[plan])).isoformat(),
        "status": "scheduled",
        "assigned_supporter_id": ctx.supporter_id,
        "completed_encounter_id": None,
        "created_at": on.isoformat(),
    }
    insert_row(ctx.db, "followups", row)
    return Followup.from_row(row)


def followup(ctx: UnitContext, followup_id: str) -> Followup:
    rows = list(ctx.db.query(f"{_SELECT} WHERE f.id = ?", [followup_id]))
    if not rows:
        raise InvalidInput(f"There is no follow-up {followup_id}; refresh the list and try again.")
    return Followup.from_row(rows[0])


def followups_for_case(ctx: UnitContext, case_code: str) -> list[Followup]:
    rows = ctx.db.query(f"{_SELECT} WHERE f.case_code = ? ORDER BY f.due_date", [case_code])
    return [Followup.from_row(r) for r in rows]


def followups_for_unit(ctx: UnitContext, today: date | None = None) -> FollowupQueue:
    """Every scheduled follow-up of the unit (the store is one unit's), sorted into buckets."""
    day = ctx.today() if today is None else today
    queue = FollowupQueue()
    rows = ctx.db.query(f"{_SELECT} WHERE f.status = 'scheduled' ORDER BY f.due_date, f.rowid")
    for row in rows:
        item = Followup.from_row(row)
        if item.due_date < day:
            queue.overdue.append(item)
        elif item.due_date == day:
            queue.due_today.append(item)
        else:
            queue.upcoming.append(item)
    return queue


def take_over_followup(ctx: UnitContext, followup_id: str) -> Followup:
    """Assign a scheduled follow-up to the signed-in supporter (handoff between shifts)."""
    with write_transaction(ctx):
        current = followup(ctx, followup_id)
        if current.status != "scheduled":
            raise Refused(
                f"This follow-up is already {current.status}; refresh the list to see what is due."
            )
        if current.assigned_supporter_id != ctx.supporter_id:
            ctx.db.execute(
                "UPDATE followups SET assigned_supporter_id = ? WHERE id = ?",
                [ctx.supporter_id, followup_id],
            )
            ctx.audit(
                "followup_taken_over",
                {"followup_id": followup_id, "from": current.assigned_supporter_id},
            )
    return followup(ctx, followup_id)
