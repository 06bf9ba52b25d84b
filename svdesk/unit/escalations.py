"""The unit's escalation queue: escalations opened by completed encounters or from the crisis
screen, their due times, and the open → handed_off → closed life cycle with an outcome code.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

from svdesk.content import rules
from svdesk.content.outcomes import escalation_outcomes
from svdesk.content.record_fields import ESCALATION_ACTIONS, load_record_vocabulary
from svdesk.errors import InvalidInput, Refused
from svdesk.unit.context import (
    UnitContext,
    from_json,
    insert_row,
    to_json,
    update_row,
    write_transaction,
)
from svdesk.unit.records import parse_case_code

__all__ = [
    "STATUSES",
    "Escalation",
    "close_escalation",
    "escalation",
    "escalations_for_case",
    "hand_off_escalation",
    "open_emergency_for_case",
    "open_escalation",
    "open_escalations",
    "open_or_merge_escalation",
    "record_emergency",
]

STATUSES: Final = ("open", "handed_off", "closed")

# A result with actions but no level (e.g. relieve_from_duty, supporter_debrief) still needs
# someone to act: relieving a colleague from duty is for now, the rest within the next days.
_IMMEDIATE_ACTIONS: Final = frozenset({"relieve_from_duty"})
_ACTIONS_ONLY_DUE: Final = timedelta(hours=72)


@dataclass(frozen=True)
class Escalation:
    id: str
    case_code: str | None
    encounter_id: str | None
    source: str  # "rules" (a completed encounter) or "crisis" (the crisis screen)
    level: str
    actions: tuple[str, ...]
    rules: tuple[str, ...]
    status: str
    handed_to: str | None
    outcome: str | None
    due_at: datetime
    created_at: datetime
    created_by: str
    updated_at: datetime
    overdue: bool = False

    @classmethod
    def from_row(cls, row: Mapping[str, Any], now: datetime | None = None) -> Escalation:
        due_at = datetime.fromisoformat(row["due_at"])
        return cls(
            id=row["id"],
            case_code=row["case_code"],
            encounter_id=row["encounter_id"],
            source=row["source"],
            level=row["level"],
            actions=tuple(from_json(row["actions"], [])),
            rules=tuple(from_json(row["rules"], [])),
            status=row["status"],
            handed_to=row["handed_to"],
            outcome=row["outcome"],
            due_at=due_at,
            created_at=datetime.fromisoformat(row["created_at"]),
            created_by=row["created_by"],
            updated_at=datetime.fromisoformat(row["updated_at"]),
            overdue=now is not None and row["status"] != "closed" and due_at < now,
        )


# ---------------------------------------------------------------------------- queue


def due_at_for(level: str, actions: Sequence[str], now: datetime) -> datetime:
    """When an escalation of `level` with `actions`, raised at `now`, must have been acted on."""
    after = rules.due_after(level)
    if after is None:
        after = timedelta(0) if _IMMEDIATE_ACTIONS & set(actions) else _ACTIONS_ONLY_DUE
    return now + after


def open_escalation(
    ctx: UnitContext,
    *,
    level: str,
    actions: Sequence[str],
    rule_ids: Sequence[str],
    case_code: str | None,
    encounter_id: str | None,
    source: str = "rules",
) -> Escalation:
    """Insert an open escalation and audit it (inside the caller's transaction, if any)."""
    rules.level_rank(level)  # refuses an unknown level
    now = ctx.now()
    row = {
        "id": str(uuid.uuid4()),
        "case_code": case_code,
        "encounter_id": encounter_id,
        "source": source,
        "level": level,
        "actions": to_json(sorted(set(actions))),
        "rules": to_json(list(rule_ids)),
        "status": "open",
        "handed_to": None,
        "outcome": None,
        "due_at": due_at_for(level, actions, now).isoformat(),
        "created_at": now.isoformat(),
        "created_by": ctx.supporter_id,
        "updated_at": now.isoformat(),
    }
    with write_transaction(ctx):
        insert_row(ctx.db, "escalations", row)
        ctx.audit(
            "escalation_opened",
            {"escalation_id": row["id"], "level": level, "source": source},
        )
    return Escalation.from_row(row, now)


def record_emergency(
    ctx: UnitContext,
    case_code: str | None = None,
    note_actions: Sequence[str] = ("crisis_line_info",),
) -> Escalation:
    """An emergency escalation from the crisis screen, with or without a conversation, due now.

    `note_actions` are the escalation actions taken or needed (escalation.md codes).
    """
    unknown = [a for a in note_actions if a not in ESCALATION_ACTIONS]
    if unknown:
        raise InvalidInput(
            f"Unknown escalation action {unknown[0]!r}; use one of {', '.join(ESCALATION_ACTIONS)}."
        )
    if case_code is None:
        return open_escalation(
            ctx,
            level="emergency",
            actions=note_actions,
            rule_ids=(),
            case_code=None,
            encounter_id=None,
            source="crisis",
        )
    code = parse_case_code(case_code)
    # One open emergency per case: recording it again (the banner said EMERGENCY, then the crisis
    # screen) adds the actions to the one already open instead of a second escalation.
    with write_transaction(ctx):
        current = open_emergency_for_case(ctx, code)
        if current is not None:
            return _merge(
                ctx,
                current,
                level="emergency",
                actions=note_actions,
                rule_ids=(),
                encounter_id=None,
            )
        return open_escalation(
            ctx,
            level="emergency",
            actions=note_actions,
            rule_ids=(),
            case_code=code,
            encounter_id=None,
            source="crisis",
        )


def open_emergency_for_case(ctx: UnitContext, case_code: str) -> Escalation | None:
    """The case's emergency escalation that is not closed yet, if any (the oldest)."""
    rows = ctx.db.query(
        "SELECT * FROM escalations WHERE case_code = ? AND level = 'emergency' "
        "AND status != 'closed' ORDER BY created_at",
        [case_code],
    )
    found = [Escalation.from_row(r, ctx.now()) for r in rows]
    return found[0] if found else None


def _unlinked_crisis_escalation(ctx: UnitContext, case_code: str) -> Escalation | None:
    """An escalation recorded from the crisis screen during this case's open conversation."""
    rows = ctx.db.query(
        "SELECT * FROM escalations WHERE case_code = ? AND source = 'crisis' "
        "AND encounter_id IS NULL AND status != 'closed' ORDER BY created_at",
        [case_code],
    )
    found = [Escalation.from_row(r, ctx.now()) for r in rows]
    return found[0] if found else None


def _merge(
    ctx: UnitContext,
    current: Escalation,
    *,
    level: str,
    actions: Sequence[str],
    rule_ids: Sequence[str],
    encounter_id: str | None,
) -> Escalation:
    """Fold a new finding into an escalation already open: the higher level, the sooner due
    time, the union of actions and rules, and the encounter it belongs to (audited)."""
    new_level = (
        level if rules.level_rank(level) > rules.level_rank(current.level) else current.level
    )
    due = min(current.due_at, due_at_for(level, actions, ctx.now()))
    values: dict[str, object] = {
        "level": new_level,
        "actions": to_json(sorted({*current.actions, *actions})),
        "rules": to_json(list(dict.fromkeys([*current.rules, *rule_ids]))),
        "due_at": due.isoformat(),
        "updated_at": ctx.now().isoformat(),
    }
    if encounter_id is not None and current.encounter_id is None:
        values["encounter_id"] = encounter_id
    with write_transaction(ctx):
        update_row(ctx.db, "escalations", ("id", current.id), values)
        ctx.audit(
            "escalation_merged",
            {
                "escalation_id": current.id,
                "level": new_level,
                "from_level": current.level,
                "encounter_id": values.get("encounter_id"),
            },
        )
    return escalation(ctx, current.id)


def open_or_merge_escalation(
    ctx: UnitContext,
    *,
    level: str,
    actions: Sequence[str],
    rule_ids: Sequence[str],
    case_code: str,
    encounter_id: str,
) -> Escalation | None:
    """What a completed encounter opens, without doubling what is already open for the case.

    An escalation recorded from the crisis screen while the conversation was open (same case,
    no encounter yet) is linked to this encounter and upgraded by its result; an emergency
    result joins the case's emergency already open. Otherwise a new escalation opens, if the
    result asks for one (`level` or `actions`); None when nothing is opened or linked.
    """
    escalated = level != rules.NO_ESCALATION or bool(actions)
    with write_transaction(ctx):
        crisis = _unlinked_crisis_escalation(ctx, case_code)
        if crisis is not None:
            return _merge(
                ctx,
                crisis,
                level=level,
                actions=actions,
                rule_ids=rule_ids,
                encounter_id=encounter_id,
            )
        if not escalated:
            return None
        if level == "emergency":
            current = open_emergency_for_case(ctx, case_code)
            if current is not None:
                return _merge(
                    ctx,
                    current,
                    level=level,
                    actions=actions,
                    rule_ids=rule_ids,
                    encounter_id=encounter_id,
                )
        return open_escalation(
            ctx,
            level=level,
            actions=actions,
            rule_ids=rule_ids,
            case_code=case_code,
            encounter_id=encounter_id,
        )


def escalation(ctx: UnitContext, escalation_id: str) -> Escalation:
    rows = list(ctx.db.query("SELECT * FROM escalations WHERE id = ?", [escalation_id]))
    if not rows:
        raise InvalidInput(
            f"There is no escalation {escalation_id}; refresh the queue and try again."
        )
    return Escalation.from_row(rows[0], ctx.now())


def open_escalations(ctx: UnitContext, now: datetime | None = None) -> list[Escalation]:
    """Escalations not yet closed, soonest due first, with `overdue` computed against `now`."""
    at = ctx.now() if now is None else now
    rows = ctx.db.query("SELECT * FROM escalations WHERE status != 'closed'")
    # Sorted as times, not as text: a timestamp written with another UTC offset still sorts right.
    found = [Escalation.from_row(r, at) for r in rows]
    return sorted(found, key=lambda e: (e.due_at, e.created_at))


def escalations_for_case(ctx: UnitContext, case_code: str) -> list[Escalation]:
    rows = ctx.db.query(
        "SELECT * FROM escalations WHERE case_code = ? ORDER BY created_at", [case_code]
    )
    return [Escalation.from_row(r, ctx.now()) for r in rows]


def _transition(
    ctx: UnitContext,
    escalation_id: str,
    *,
    allowed_from: tuple[str, ...],
    to: str,
    changes: Mapping[str, object],
    audit_detail: Mapping[str, object],
) -> Escalation:
    with write_transaction(ctx):
        current = escalation(ctx, escalation_id)
        if current.status not in allowed_from:
            raise Refused(
                f"This escalation is {current.status.replace('_', ' ')} and cannot be "
                f"{to.replace('_', ' ')}; refresh the queue to see its current state."
            )
        now = ctx.now().isoformat()
        values = {**changes, "status": to, "updated_at": now}
        update_row(ctx.db, "escalations", ("id", escalation_id), values)
        ctx.audit(
            f"escalation_{to}",
            {"escalation_id": escalation_id, "from": current.status, **audit_detail},
        )
    return escalation(ctx, escalation_id)


def hand_off_escalation(
    ctx: UnitContext, escalation_id: str, handed_to: str | None = None
) -> Escalation:
    """open → handed_off: someone else (a referral target, e.g. `psychology`) has taken it on."""
    targets = load_record_vocabulary().codes("referral_targets")
    if handed_to is not None and handed_to not in targets:
        raise InvalidInput(
            f"Unknown hand-off target {handed_to!r}; use one of {', '.join(targets)}."
        )
    return _transition(
        ctx,
        escalation_id,
        allowed_from=("open",),
        to="handed_off",
        changes={"handed_to": handed_to},
        audit_detail={"handed_to": handed_to},
    )


def close_escalation(ctx: UnitContext, escalation_id: str, outcome: str) -> Escalation:
    """open or handed_off → closed, with an outcome code of escalation_outcomes.toml."""
    codes = [o.code for o in escalation_outcomes()]
    if outcome not in codes:
        raise InvalidInput(f"Unknown outcome {outcome!r}; choose one of {', '.join(codes)}.")
    return _transition(
        ctx,
        escalation_id,
        allowed_from=("open", "handed_off"),
        to="closed",
        changes={"outcome": outcome},
        audit_detail={"outcome": outcome},
    )
