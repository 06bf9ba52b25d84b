"""The escalation queue: due times by level, emergencies from the crisis screen, the
open → handed_off → closed life cycle with outcome codes, and the audit trail of each change."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from test_cases_support import BASICS, Unit, new_unit, protocol

from svdesk.content import outcomes
from svdesk.errors import InvalidInput, Refused, ValidationError
from svdesk.unit import cases, drafts, escalations
from svdesk.unit.context import UnitContext


@pytest.fixture
def unit(tmp_path: Path) -> Unit:
    return new_unit(tmp_path)


def complete_with(ctx: UnitContext, **answers: object) -> str:
    draft = drafts.start_conversation(ctx, protocol())
    given = {k.replace("__", "."): v for k, v in answers.items()}
    for qid, value in {**BASICS, **given}.items():
        drafts.save_answer(ctx, draft.id, qid, value, protocol=protocol())
    return cases.complete(ctx, draft.id, protocol()).encounter_id


@pytest.mark.parametrize(
    ("answers", "level", "due_in"),
    [
        ({"safety__imminent_danger": True}, "emergency", timedelta(0)),
        ({"safety__harm_to_others_thoughts": True}, "tier3_same_day", timedelta(hours=12)),
        ({"stress__zone": "red"}, "tier3_72h", timedelta(hours=72)),
        ({"situation__litigation_or_investigation": True}, "tier3_2wk", timedelta(days=14)),
        ({"event__repeat_in_90d": True}, "tier2_intensified", timedelta(hours=72)),
    ],
)
def test_a_completed_encounter_opens_an_escalation_due_by_its_level(
    unit: Unit, answers: dict[str, object], level: str, due_in: timedelta
) -> None:
    ctx = unit.ctx()
    encounter_id = complete_with(ctx, **answers)
    [item] = escalations.open_escalations(ctx)
    assert (item.level, item.encounter_id, item.source, item.status) == (
        level,
        encounter_id,
        "rules",
        "open",
    )
    assert item.due_at - unit.clock.now() == due_in
    assert item.created_by == "sup-A"
    assert item.rules  # the ids of the rules that fired
    [entry] = [r for r in unit.audit_rows() if r["action"] == "escalation_opened"]
    assert entry["detail"] == {"escalation_id": item.id, "level": level, "source": "rules"}


def test_an_emergency_from_the_crisis_screen_needs_no_conversation(unit: Unit) -> None:
    ctx = unit.ctx()
    item = escalations.record_emergency(ctx)
    assert (item.level, item.source, item.case_code, item.encounter_id) == (
        "emergency",
        "crisis",
        None,
        None,
    )
    assert item.actions == ("crisis_line_info",)
    assert item.due_at == unit.clock.now()

    with_case = escalations.record_emergency(
        ctx, "k7q 4mx", note_actions=("relieve_from_duty", "crisis_line_info")
    )
    assert with_case.case_code == "K7Q-4MX"
    assert with_case.actions == ("crisis_line_info", "relieve_from_duty")
    assert unit.actions().count("escalation_opened") == 2


def test_an_emergency_with_an_unknown_action_is_refused(unit: Unit) -> None:
    with pytest.raises(InvalidInput, match="call_mum"):
        escalations.record_emergency(unit.ctx(), note_actions=("call_mum",))
    assert escalations.open_escalations(unit.ctx()) == []


def test_the_queue_is_sorted_by_due_time_and_marks_what_is_overdue(unit: Unit) -> None:
    ctx = unit.ctx()
    complete_with(ctx, situation__litigation_or_investigation=True)  # due in 14 days
    complete_with(ctx, stress__zone="red")  # due in 72 h
    unit.clock.advance(hours=1)
    escalations.record_emergency(ctx)  # due now
    queue = escalations.open_escalations(ctx, unit.clock.now() + timedelta(hours=1))
    assert [e.level for e in queue] == ["emergency", "tier3_72h", "tier3_2wk"]
    assert [e.overdue for e in queue] == [True, False, False]

    four_days_later = unit.clock.now() + timedelta(days=4)
    assert [e.overdue for e in escalations.open_escalations(ctx, four_days_later)] == [
        True, True, False
    ]  # fmt: skip


def test_hand_off_then_close_with_an_outcome_each_audited(unit: Unit) -> None:
    ctx = unit.ctx()
    item = escalations.record_emergency(ctx)
    unit.clock.advance(minutes=10)
    handed = escalations.hand_off_escalation(unit.ctx("sup-B"), item.id, "emergency_department")
    assert (handed.status, handed.handed_to) == ("handed_off", "emergency_department")
    assert handed.updated_at == unit.clock.now()
    assert [e.id for e in escalations.open_escalations(ctx)] == [item.id]  # still followed

    closed = escalations.close_escalation(ctx, item.id, "emergency_services")
    assert (closed.status, closed.outcome) == ("closed", "emergency_services")
    assert escalations.open_escalations(ctx) == []

    trail = [(r["actor"], r["action"], r["detail"]) for r in unit.audit_rows()]
    assert trail[1:] == [
        ("sup-B", "escalation_handed_off",
         {"escalation_id": item.id, "from": "open", "handed_to": "emergency_department"}),
        ("sup-A", "escalation_closed",
         {"escalation_id": item.id, "from": "handed_off", "outcome": "emergency_services"}),
    ]  # fmt: skip


def test_an_open_escalation_can_be_closed_directly(unit: Unit) -> None:
    ctx = unit.ctx()
    item = escalations.record_emergency(ctx)
    assert escalations.close_escalation(ctx, item.id, "resolved_peer").status == "closed"


def test_invalid_transitions_are_refused_and_change_nothing(unit: Unit) -> None:
    ctx = unit.ctx()
    item = escalations.record_emergency(ctx)
    with pytest.raises(InvalidInput, match="outcome"):
        escalations.close_escalation(ctx, item.id, "shrugged")
    with pytest.raises(InvalidInput, match="hand-off target"):
        escalations.hand_off_escalation(ctx, item.id, "the_moon")
    escalations.close_escalation(ctx, item.id, "declined")
    with pytest.raises(Refused, match="closed"):
        escalations.hand_off_escalation(ctx, item.id)
    with pytest.raises(Refused, match="closed"):
        escalations.close_escalation(ctx, item.id, "other")
    assert escalations.escalation(ctx, item.id).outcome == "declined"
    handed = escalations.record_emergency(ctx)
    escalations.hand_off_escalation(ctx, handed.id)
    with pytest.raises(Refused, match="handed off"):
        escalations.hand_off_escalation(ctx, handed.id)
    with pytest.raises(InvalidInput, match="no escalation"):
        escalations.close_escalation(ctx, "nope", "other")
    assert unit.actions().count("escalation_closed") == 1


def test_the_outcome_codes_have_labels() -> None:
    labels = {o.code: o.label for o in outcomes.escalation_outcomes()}
    assert set(labels) >= {
        "referral_made", "declined", "resolved_peer", "emergency_services",
        "lost_to_follow_up", "other",
    }  # fmt: skip
    assert all(label.strip() for label in labels.values())


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('version = "1"\n[outcomes.Bad-Code]\nlabel = "x"\n', "outcomes.Bad-Code"),
        ('version = "1"\n[outcomes.ok]\nlabel = ""\n', "outcomes.ok.label"),
        ('version = "1"\n[outcomes.ok]\nlabel = "x"\ncolour = "red"\n', "outcomes.ok.colour"),
        ('version = "1"\n', "outcomes"),
        ("version = ", "not valid TOML"),
    ],
)
def test_an_invalid_outcomes_file_names_the_file_and_the_place(text: str, where: str) -> None:
    with pytest.raises(ValidationError, match=r"outcomes\.toml") as caught:
        outcomes.parse_outcomes(text, "my/outcomes.toml")
    assert where in caught.value.message


def test_an_emergency_recorded_during_a_conversation_is_linked_not_doubled(unit: Unit) -> None:
    """Issue 17 item 2: banner EMERGENCY, then Crisis → Record, then Complete gave two."""
    ctx = unit.ctx()
    draft = drafts.start_conversation(ctx, protocol())
    for qid, value in {**BASICS, "safety.imminent_danger": True}.items():
        drafts.save_answer(ctx, draft.id, qid, value, protocol=protocol())
    crisis = escalations.record_emergency(ctx, draft.case_code)
    again = escalations.record_emergency(ctx, draft.case_code, note_actions=("relieve_from_duty",))
    assert again.id == crisis.id  # recording twice keeps one
    encounter_id = cases.complete(ctx, draft.id, protocol()).encounter_id
    [item] = escalations.escalations_for_case(ctx, draft.case_code)
    assert (item.id, item.level, item.encounter_id, item.source) == (
        crisis.id,
        "emergency",
        encounter_id,
        "crisis",
    )
    assert item.rules  # the rules that fired on completion are on it
    assert {"crisis_line_info", "relieve_from_duty"} <= set(item.actions)
    assert unit.actions().count("escalation_opened") == 1


def test_a_crisis_emergency_is_linked_to_a_calm_completion_and_keeps_its_level(
    unit: Unit,
) -> None:
    ctx = unit.ctx()
    draft = drafts.start_conversation(ctx, protocol())
    for qid, value in BASICS.items():
        drafts.save_answer(ctx, draft.id, qid, value, protocol=protocol())
    crisis = escalations.record_emergency(ctx, draft.case_code)
    encounter_id = cases.complete(ctx, draft.id, protocol()).encounter_id
    [item] = escalations.escalations_for_case(ctx, draft.case_code)
    assert (item.id, item.level, item.encounter_id) == (crisis.id, "emergency", encounter_id)
    assert item.due_at == crisis.due_at
    [merged] = [r for r in unit.audit_rows() if r["action"] == "escalation_merged"]
    assert merged["detail"]["encounter_id"] == encounter_id


def test_a_closed_crisis_emergency_does_not_absorb_a_new_one(unit: Unit) -> None:
    ctx = unit.ctx()
    draft = drafts.start_conversation(ctx, protocol())
    for qid, value in {**BASICS, "safety.imminent_danger": True}.items():
        drafts.save_answer(ctx, draft.id, qid, value, protocol=protocol())
    crisis = escalations.record_emergency(ctx, draft.case_code)
    escalations.close_escalation(ctx, crisis.id, "emergency_services")
    cases.complete(ctx, draft.id, protocol())
    found = escalations.escalations_for_case(ctx, draft.case_code)
    assert [(e.source, e.status) for e in found] == [("crisis", "closed"), ("rules", "open")]
