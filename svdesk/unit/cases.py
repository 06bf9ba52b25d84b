"""Completing a conversation: its draft (svdesk.unit.drafts) becomes the minimal record, in one
transaction with the case, the follow-up of its plan and its escalation (architecture.md "cases");
the identifier guard's last word on the note.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Final

from svdesk.content import rules
from svdesk.content.protocol.conversation import Conversation
from svdesk.content.protocol.model import Protocol
from svdesk.errors import InvalidInput
from svdesk.unit import guard
from svdesk.unit.context import (
    UnitContext,
    insert_row,
    write_transaction,
)
from svdesk.unit.directory import roster
from svdesk.unit.drafts import Draft, case_row, check_protocol, load_draft, rule_answers, wipe_log
from svdesk.unit.escalations import open_or_merge_escalation
from svdesk.unit.followups import schedule_followup
from svdesk.unit.records import (
    Encounter,
    build_record,
    encounter,
    record_to_row,
    validate_record,
)

__all__ = [
    "OVERRIDE_REASON_MAX",
    "NoteBlocked",
    "NoteNeedsReason",
    "complete",
]

OVERRIDE_REASON_MAX: Final = 200


class NoteBlocked(InvalidInput):
    """The note holds identifiers that can never be saved (e.g. a phone number)."""

    title = "Remove identifying details"

    def __init__(self, kinds: Sequence[str]) -> None:
        self.kinds = tuple(kinds)
        super().__init__(
            f"The note contains identifying details ({', '.join(self.kinds)}); remove them, "
            "then finish the record."
        )


class NoteNeedsReason(InvalidInput):
    """The note may hold identifiers (e.g. a name); saving it needs an override reason."""

    title = "Check the note"

    def __init__(self, kinds: Sequence[str]) -> None:
        self.kinds = tuple(kinds)
        super().__init__(
            f"The note may contain identifying details ({', '.join(self.kinds)}); remove them, "
            "or give a reason to keep the note as it is."
        )


def _check_note(
    ctx: UnitContext, note: str | None, override_reason: str | None
) -> tuple[str, ...] | None:
    """Run the identifier guard; the warning kinds that the reason overrides, or None."""
    if not note:
        return None
    names = roster(ctx)
    result = guard.check(note, names)
    if result.verdict == "block":
        raise NoteBlocked(sorted({f.kind for f in result.findings if f.severity == "block"}))
    if result.verdict != "warn":
        return None
    kinds = tuple(sorted({f.kind for f in result.findings}))
    reason = " ".join((override_reason or "").split())
    if not reason:
        raise NoteNeedsReason(kinds)
    if len(reason) > OVERRIDE_REASON_MAX:
        raise InvalidInput(
            f"The reason is {len(reason)} characters long; shorten it to {OVERRIDE_REASON_MAX}."
        )
    # The reason goes to the audit log, so it must not carry identifiers itself.
    if guard.check(reason, names).verdict != "ok":
        raise InvalidInput(
            "The reason itself looks identifying; say why the note is safe without names or "
            "numbers."
        )
    return kinds


def complete(
    ctx: UnitContext,
    draft_id: str,
    protocol: Protocol,
    *,
    guard_override_reason: str | None = None,
) -> Encounter:
    """Turn a draft into the minimal record, in one transaction with everything that follows.

    Creates or updates the case, schedules the follow-up of `followup_plan`, opens an escalation
    when the rules ask for one, closes the follow-up this conversation was, and deletes the
    draft (so no screening item answer outlives it).
    """
    draft = load_draft(ctx, draft_id)
    check_protocol(draft, protocol)
    # Validate the stored answers against the protocol once more (a changed protocol file).
    answers = Conversation(protocol, draft.answers, draft.encounter_type).answers
    result = rules.evaluate(rule_answers(draft.carried, answers))
    today = ctx.today()
    encounter_id = str(uuid.uuid4())
    record = build_record(
        answers=answers,
        carried=draft.carried,
        edits=draft.record,
        escalation_level=result.level,
        escalation_actions=list(result.actions),
        escalation_rules=[f.id for f in result.fired],
        encounter_id=encounter_id,
        case_code=draft.case_code,
        encounter_type=draft.encounter_type,
        site_code=ctx.site_code,
        unit_code=ctx.unit_code,
        supporter_id=ctx.supporter_id,
        protocol_version=draft.protocol_version,
        rules_version=result.rules_version,
        created_on=today,
    )
    validate_record(record)
    note = record.get("note")
    overridden = _check_note(ctx, note if isinstance(note, str) else None, guard_override_reason)
    plan = str(record["followup_plan"])
    with write_transaction(ctx):
        load_draft(ctx, draft_id)  # still there: not completed twice, not discarded meanwhile
        _save_case(ctx, draft, answers, plan, today)
        insert_row(ctx.db, "encounters", record_to_row(record))
        # The latest plan replaces what earlier conversations had scheduled for the case.
        ctx.db.execute(
            "UPDATE followups SET status = 'cancelled' WHERE case_code = ? "
            "AND status = 'scheduled' AND id IS NOT ?",
            [draft.case_code, draft.followup_id],
        )
        if draft.followup_id is not None:
            # Only a still-scheduled follow-up: one done by another conversation stays as it was.
            ctx.db.execute(
                "UPDATE followups SET status = 'done', completed_encounter_id = ? "
                "WHERE id = ? AND status = 'scheduled'",
                [encounter_id, draft.followup_id],
            )
        schedule_followup(ctx, draft.case_code, plan, today)
        # An emergency recorded from the crisis screen during this conversation is linked and
        # upgraded, not doubled (one open emergency per case).
        open_or_merge_escalation(
            ctx,
            level=result.level,
            actions=result.actions,
            rule_ids=[f.id for f in result.fired],
            case_code=draft.case_code,
            encounter_id=encounter_id,
        )
        ctx.db.execute("DELETE FROM drafts WHERE id = ?", [draft_id])
        if overridden is not None:
            ctx.audit(
                "note_guard_override",
                {
                    "encounter_id": encounter_id,
                    "kinds": list(overridden),
                    "reason": " ".join((guard_override_reason or "").split()),
                },
            )
        ctx.audit("encounter_completed", {"encounter_id": encounter_id, "level": result.level})
    wipe_log(ctx)
    return encounter(ctx, encounter_id)


def _save_case(
    ctx: UnitContext, draft: Draft, answers: Mapping[str, object], plan: str, today: date
) -> None:
    """Create the case, or update its history (event date, symptom days) from this encounter."""
    row = case_row(ctx, draft.case_code)
    event_date = row["event_date"] if row else None
    days = answers.get("event.days_since")
    # An answer given in this conversation (not just carried) dates the event.
    if (
        isinstance(days, int)
        and not isinstance(days, bool)
        and (event_date is None or days != draft.carried.get("event.days_since"))
    ):
        event_date = (today - timedelta(days=days)).isoformat()
    symptom_days = row["symptom_days"] if row else None
    symptom_days_on = row["symptom_days_on"] if row else None
    # Answered now, or carried (and grown) from the case: recorded as of today either way.
    days_now = {**draft.carried, **answers}.get("stress.symptom_days")
    if isinstance(days_now, int) and not isinstance(days_now, bool):
        symptom_days, symptom_days_on = days_now, today.isoformat()
    status = "closed" if plan == "none" else "open"
    closed_at = today.isoformat() if status == "closed" else None
    ctx.db.execute(
        "INSERT INTO cases (case_code, event_date, symptom_days, symptom_days_on, status, "
        "created_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(case_code) DO UPDATE SET "
        "event_date = excluded.event_date, symptom_days = excluded.symptom_days, "
        "symptom_days_on = excluded.symptom_days_on, status = excluded.status, "
        "closed_at = excluded.closed_at",
        [draft.case_code, event_date, symptom_days, symptom_days_on, status,
         today.isoformat(), closed_at],
    )  # fmt: skip
