"""Unfinished conversations (drafts): started, saved durably answer by answer and field by
field, listed, resumed and discarded; a follow-up's draft continues its case's history.

Screening item answers live only in the draft; completing (svdesk.unit.cases) or discarding a
draft deletes it (secure_delete is on in the store) and checkpoints the write-ahead log, so they
are gone.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final

from svdesk.content import rules
from svdesk.content.answers import ANSWERS
from svdesk.content.protocol.conversation import Conversation
from svdesk.content.protocol.model import ENCOUNTER_TYPES, Protocol
from svdesk.errors import InvalidInput, Refused, ValidationError
from svdesk.storage.db import DatabaseError
from svdesk.unit.context import (
    UnitContext,
    from_json,
    insert_row,
    to_json,
    update_row,
    write_transaction,
)
from svdesk.unit.followups import followup, take_over_followup
from svdesk.unit.records import (
    EDITABLE_FIELDS,
    encounters_for_case,
    field_problem,
    new_case_code,
    parse_case_code,
)

__all__ = [
    "Draft",
    "DraftSummary",
    "case_history",
    "case_row",
    "check_protocol",
    "discard_draft",
    "load_draft",
    "open_drafts",
    "rule_answers",
    "save_answer",
    "save_record_field",
    "set_current_step",
    "start_conversation",
    "start_followup",
    "wipe_log",
]

# What a follow-up starts with (the supporter can change each): one colleague, reached out to.
_FOLLOWUP_RECORD_DEFAULTS: Final[Mapping[str, object]] = {
    "format": "individual",
    "people_reached": 1,
    "activation_source": "proactive",
}
# Record fields a follow-up carries from the case's latest encounter (same colleague, same event).
_CARRIED_RECORD_FIELDS: Final = ("role_category", "unit_category", "event_categories")


@dataclass(frozen=True)
class Draft:
    """An unfinished conversation: answers and record fields so far, saved after every change."""

    id: str
    case_code: str
    encounter_type: str
    followup_id: str | None
    supporter_id: str
    protocol_id: str
    protocol_version: str
    answers: Mapping[str, object]
    record: Mapping[str, object]
    carried: Mapping[str, object]  # what a follow-up inherits from the case history
    current_step: str | None
    created_at: datetime
    updated_at: datetime

    def escalation(self) -> rules.EscalationResult:
        """The live result of the rules for the answers so far (the banner)."""
        return rules.evaluate(rule_answers(self.carried, self.answers))

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Draft:
        return cls(
            id=row["id"],
            case_code=row["case_code"],
            encounter_type=row["encounter_type"],
            followup_id=row["followup_id"],
            supporter_id=row["supporter_id"],
            protocol_id=row["protocol_id"],
            protocol_version=row["protocol_version"],
            answers=from_json(row["answers"], {}),
            record=from_json(row["record"], {}),
            carried=from_json(row["carried"], {}),
            current_step=row["current_step"],
            created_at=datetime.fromisoformat(row["created_at"]),
            updated_at=datetime.fromisoformat(row["updated_at"]),
        )


@dataclass(frozen=True)
class DraftSummary:
    """One line of the "resume" list: no answers, just enough to recognise the conversation."""

    id: str
    case_code: str
    encounter_type: str
    supporter_id: str
    mine: bool
    current_step: str | None
    updated_at: datetime


def rule_answers(carried: Mapping[str, object], answers: Mapping[str, object]) -> dict[str, object]:
    """What the escalation rules read: the case history overlaid with this conversation's
    answers, answer ids of data-dictionary §1 only (record fields asked in the protocol aside).
    """
    merged = {**carried, **answers}
    return {k: v for k, v in merged.items() if k in ANSWERS and v is not None}


def load_draft(ctx: UnitContext, draft_id: str) -> Draft:
    rows = list(ctx.db.query("SELECT * FROM drafts WHERE id = ?", [draft_id]))
    if not rows:
        raise InvalidInput(
            "This conversation is no longer open (it was completed or discarded); refresh the list."
        )
    return Draft.from_row(rows[0])


def case_row(ctx: UnitContext, case_code: str) -> dict[str, Any] | None:
    rows = list(ctx.db.query("SELECT * FROM cases WHERE case_code = ?", [case_code]))
    return rows[0] if rows else None


def case_history(ctx: UnitContext, case_code: str, today: date) -> dict[str, object]:
    """Answers a follow-up inherits: days since the event, and symptom days grown since recorded.

    Symptom days keep counting from the day they were last recorded: distress that persists
    between conversations reaches the rules' thresholds (e.g. orange for more than 14 days) on
    time. The supporter sees the carried value and corrects it if the symptoms have stopped.
    """
    row = case_row(ctx, case_code)
    carried: dict[str, object] = {}
    if row is None:
        return carried
    if row["event_date"]:
        days = (today - date.fromisoformat(row["event_date"])).days
        carried["event.days_since"] = max(0, days)
    if row["symptom_days"] is not None:
        since = row["symptom_days_on"]
        grown = (today - date.fromisoformat(since)).days if since else 0
        carried["stress.symptom_days"] = int(row["symptom_days"]) + max(0, grown)
    return carried


def _followup_prefill(ctx: UnitContext, case_code: str) -> dict[str, object]:
    prefill: dict[str, object] = dict(_FOLLOWUP_RECORD_DEFAULTS)
    history = encounters_for_case(ctx, case_code)
    if history:
        for field in _CARRIED_RECORD_FIELDS:
            value = getattr(history[-1], field)
            if value:
                prefill[field] = list(value) if isinstance(value, tuple) else value
    return prefill


def start_conversation(
    ctx: UnitContext,
    protocol: Protocol,
    *,
    encounter_type: str = "initial",
    case_code: str | None = None,
    followup_id: str | None = None,
) -> Draft:
    """Open a draft for a new conversation (a new case code) or a follow-up of a case."""
    if encounter_type not in ENCOUNTER_TYPES:
        raise InvalidInput(f"Unknown encounter type {encounter_type!r}; use initial or follow_up.")
    today = ctx.today()
    carried: dict[str, object] = {}
    prefill: dict[str, object] = {}
    record: dict[str, object] = {}
    with write_transaction(ctx):
        if case_code is None:
            if encounter_type == "follow_up":
                raise InvalidInput("A follow-up needs the case code of the first conversation.")
            code = new_case_code(ctx.db)
        else:
            code = parse_case_code(case_code)
            if case_row(ctx, code) is None:
                raise InvalidInput(
                    f"There is no case {code} on this workstation; check the code and try again."
                )
        if encounter_type == "follow_up":
            carried = case_history(ctx, code, today)
            prefill = _followup_prefill(ctx, code)
        # Prefilled values go into the questions that ask them, so the supporter sees and can
        # correct them (and show_if conditions such as "screens from day 28" can read them);
        # the case history stays in `carried` too, for protocols that do not ask it.
        conversation = Conversation(protocol, {}, encounter_type)
        answers: dict[str, object] = {}
        for qid, value in [*carried.items(), *prefill.items()]:
            if protocol.has_question(qid) and protocol.question(qid).asked_in(encounter_type):
                with contextlib.suppress(ValidationError):
                    answers = conversation.answer(qid, value)
                    continue
            if qid in prefill:
                record[qid] = value
        now = ctx.now().isoformat()
        row = {
            "id": str(uuid.uuid4()),
            "case_code": code,
            "encounter_type": encounter_type,
            "followup_id": followup_id,
            "supporter_id": ctx.supporter_id,
            "protocol_id": protocol.id,
            "protocol_version": protocol.version,
            "answers": to_json(answers),
            "record": to_json(record),
            "carried": to_json(carried),
            "current_step": None,
            "created_at": now,
            "updated_at": now,
        }
        insert_row(ctx.db, "drafts", row)
    return Draft.from_row(row)


def _update_draft(ctx: UnitContext, draft_id: str, **columns: object) -> None:
    update_row(ctx.db, "drafts", ("id", draft_id), {**columns, "updated_at": ctx.now().isoformat()})


def check_protocol(draft: Draft, protocol: Protocol) -> None:
    if draft.protocol_id != protocol.id:
        raise Refused(
            f"This conversation was started with protocol {draft.protocol_id}, not "
            f"{protocol.id}; open it with the protocol it was started with."
        )
    if draft.protocol_version != protocol.version:
        # Never finished silently under other wording: svdesk.unit.draft_migration moves it.
        raise Refused(
            f"This conversation was started with protocol version {draft.protocol_version}; "
            "open it again from the home screen to continue it with version "
            f"{protocol.version} (a notice says what changed)."
        )


def save_answer(
    ctx: UnitContext, draft_id: str, qid: str, value: object, *, protocol: Protocol
) -> Draft:
    """Validate one answer through the protocol and save it; durable when this returns.

    `value` None clears the answer. Answers of questions the new answer hides are removed.
    """
    with write_transaction(ctx):
        draft = load_draft(ctx, draft_id)
        check_protocol(draft, protocol)
        conversation = Conversation(protocol, draft.answers, draft.encounter_type)
        answers = conversation.answer(qid, value)
        _update_draft(ctx, draft_id, answers=to_json(answers))
    return load_draft(ctx, draft_id)


def save_record_field(ctx: UnitContext, draft_id: str, field: str, value: object) -> Draft:
    """Save a record-screen field (duration, needs_met, note, …); None clears it."""
    if field not in EDITABLE_FIELDS:
        raise InvalidInput(
            f"{field!r} is not a record field you can fill in; use one of "
            f"{', '.join(sorted(EDITABLE_FIELDS))}."
        )
    if isinstance(value, tuple):
        value = list(value)
    problem = field_problem(field, value)
    if problem is not None:
        raise ValidationError(f"Record field {field} {problem}; correct it.", [(field, problem)])
    with write_transaction(ctx):
        draft = load_draft(ctx, draft_id)
        record = dict(draft.record)
        if value is None:
            record.pop(field, None)
        else:
            record[field] = value
        _update_draft(ctx, draft_id, record=to_json(record))
    return load_draft(ctx, draft_id)


def set_current_step(ctx: UnitContext, draft_id: str, step_id: str | None) -> Draft:
    """Remember where the supporter is, so that "resume" opens the same step."""
    with write_transaction(ctx):
        load_draft(ctx, draft_id)
        _update_draft(ctx, draft_id, current_step=step_id)
    return load_draft(ctx, draft_id)


def open_drafts(ctx: UnitContext) -> list[DraftSummary]:
    """Unfinished conversations: the signed-in supporter's first, then the unit's; newest first."""
    rows = ctx.db.query(
        "SELECT id, case_code, encounter_type, supporter_id, current_step, updated_at "
        "FROM drafts ORDER BY supporter_id != ?, updated_at DESC",
        [ctx.supporter_id],
    )
    return [
        DraftSummary(
            id=r["id"],
            case_code=r["case_code"],
            encounter_type=r["encounter_type"],
            supporter_id=r["supporter_id"],
            mine=r["supporter_id"] == ctx.supporter_id,
            current_step=r["current_step"],
            updated_at=datetime.fromisoformat(r["updated_at"]),
        )
        for r in rows
    ]


def wipe_log(ctx: UnitContext) -> None:
    """Move deleted drafts out of the write-ahead log too (best effort: readers may hold it)."""
    with contextlib.suppress(DatabaseError):
        ctx.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def discard_draft(ctx: UnitContext, draft_id: str) -> None:
    """Delete an unfinished conversation and everything it held (audit-logged, no content)."""
    with write_transaction(ctx):
        draft = load_draft(ctx, draft_id)
        ctx.db.execute("DELETE FROM drafts WHERE id = ?", [draft_id])
        ctx.audit(
            "draft_discarded",
            {"draft_id": draft_id, "encounter_type": draft.encounter_type},
        )
    wipe_log(ctx)


def start_followup(ctx: UnitContext, protocol: Protocol, followup_id: str) -> Draft:
    """Open (or resume) the conversation of a scheduled follow-up, continuing its case.

    A follow-up assigned to someone else is taken over by the signed-in supporter (audited).
    """
    item = followup(ctx, followup_id)
    if item.status != "scheduled":
        raise Refused(f"This follow-up is already {item.status}; refresh the list.")
    if item.draft_id is not None:
        return load_draft(ctx, item.draft_id)
    if item.assigned_supporter_id != ctx.supporter_id:
        take_over_followup(ctx, followup_id)
    return start_conversation(
        ctx,
        protocol,
        encounter_type="follow_up",
        case_code=item.case_code,
        followup_id=followup_id,
    )
