"""Follow-ups: the unit's queue, take-over between supporters, follow-up conversations that
continue the case so that the rules see its history."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from test_cases_support import BASICS, Unit, new_unit, protocol

from svdesk.errors import InvalidInput, Refused, ValidationError
from svdesk.unit import cases, drafts, followups
from svdesk.unit.context import UnitContext
from svdesk.unit.drafts import Draft


@pytest.fixture
def unit(tmp_path: Path) -> Unit:
    return new_unit(tmp_path)


def answer(ctx: UnitContext, draft: Draft, answers: dict[str, object]) -> Draft:
    for qid, value in answers.items():
        draft = drafts.save_answer(ctx, draft.id, qid, value, protocol=protocol())
    return draft


def first_conversation(unit: Unit, supporter: str = "sup-A", **answers: object) -> str:
    """Complete an initial conversation; returns its case code."""
    ctx = unit.ctx(supporter)
    draft = drafts.start_conversation(ctx, protocol())
    given = {k.replace("__", "."): v for k, v in answers.items()}
    answer(ctx, draft, {**BASICS, **given})
    cases.complete(ctx, draft.id, protocol())
    return draft.case_code


def only_followup(unit: Unit) -> followups.Followup:
    queue = followups.followups_for_unit(unit.ctx(), date(2000, 1, 1))
    [item] = queue.upcoming
    return item


def test_the_queue_sorts_follow_ups_into_overdue_due_today_and_upcoming(unit: Unit) -> None:
    a = first_conversation(unit, followup_plan="h24_72")  # due 2026-11-03
    b = first_conversation(unit, followup_plan="w1")  # due 2026-11-09
    c = first_conversation(unit, followup_plan="w2")  # due 2026-11-16
    first_conversation(unit, followup_plan="none")

    queue = followups.followups_for_unit(unit.ctx("sup-B"), date(2026, 11, 9))
    assert [f.case_code for f in queue.overdue] == [a]
    assert [f.case_code for f in queue.due_today] == [b]
    assert [f.case_code for f in queue.upcoming] == [c]
    assert queue.overdue[0].due_date == date(2026, 11, 3)

    unit.clock.advance(days=20)  # the default day is the context's today
    later = followups.followups_for_unit(unit.ctx())
    assert [f.case_code for f in later.overdue] == [a, b, c]
    assert later.due_today == later.upcoming == []


def test_any_supporter_can_take_over_a_follow_up_and_it_is_audited(unit: Unit) -> None:
    first_conversation(unit, "sup-A")
    item = only_followup(unit)
    assert item.assigned_supporter_id == "sup-A"

    taken = followups.take_over_followup(unit.ctx("sup-B"), item.id)
    assert taken.assigned_supporter_id == "sup-B"
    [entry] = [r for r in unit.audit_rows() if r["action"] == "followup_taken_over"]
    assert entry["actor"] == "sup-B"
    assert entry["detail"] == {"followup_id": item.id, "from": "sup-A"}

    followups.take_over_followup(unit.ctx("sup-B"), item.id)  # already theirs: no new entry
    assert unit.actions().count("followup_taken_over") == 1


def test_a_done_follow_up_cannot_be_taken_over(unit: Unit) -> None:
    first_conversation(unit)
    item = only_followup(unit)
    ctx = unit.ctx()
    draft = drafts.start_followup(ctx, protocol(), item.id)
    answer(ctx, draft, {"modality": "phone", "duration": "lt_15", "needs_met": "yes",
                        "followup_plan": "none", "stress.zone": "green"})  # fmt: skip
    cases.complete(ctx, draft.id, protocol())
    with pytest.raises(Refused, match="done"):
        followups.take_over_followup(unit.ctx("sup-B"), item.id)
    with pytest.raises(InvalidInput, match="no follow-up"):
        followups.take_over_followup(unit.ctx("sup-B"), "nope")


def test_a_follow_up_continues_the_case_with_its_history(unit: Unit) -> None:
    code = first_conversation(
        unit, event__days_since=2, stress__symptom_days=5, role_category="pharmacy",
        event__categories=["near_miss"], followup_plan="w1",
    )  # fmt: skip
    item = only_followup(unit)
    unit.clock.advance(days=7)
    draft = drafts.start_followup(unit.ctx("sup-B"), protocol(), item.id)

    assert draft.encounter_type == "follow_up"
    assert draft.case_code == code
    assert draft.followup_id == item.id
    assert draft.answers["event.days_since"] == 9
    assert draft.answers["stress.symptom_days"] == 12  # 5 recorded + 7 days since
    assert draft.carried == {"event.days_since": 9, "stress.symptom_days": 12}
    assert draft.answers["role_category"] == "pharmacy"
    # starting someone else's follow-up takes it over
    assert followups.followup(unit.ctx(), item.id).assigned_supporter_id == "sup-B"
    assert "followup_taken_over" in unit.actions()
    # opening it again resumes the same draft
    assert drafts.start_followup(unit.ctx("sup-B"), protocol(), item.id).id == draft.id
    assert followups.followup(unit.ctx(), item.id).draft_id == draft.id

    ctx = unit.ctx("sup-B")
    answer(ctx, draft, {"modality": "phone", "duration": "lt_15", "needs_met": "yes",
                        "followup_plan": "w2", "stress.zone": "yellow"})  # fmt: skip
    done = cases.complete(ctx, draft.id, protocol())
    assert done.encounter_type == "follow_up"
    assert done.time_since_event == "d4_14"
    assert done.event_categories == ("near_miss",)
    assert (done.format, done.people_reached, done.activation_source) == (
        "individual",
        1,
        "proactive",
    )
    statuses = {r["plan"]: (r["status"], r["due_date"]) for r in unit.db["followups"].rows}
    assert statuses == {"w1": ("done", "2026-11-09"), "w2": ("scheduled", "2026-11-23")}
    assert unit.db["followups"].get(item.id)["completed_encounter_id"] == done.encounter_id
    case = unit.db["cases"].get(code)
    assert (case["event_date"], case["symptom_days"], case["symptom_days_on"]) == (
        "2026-10-31",
        12,
        "2026-11-09",
    )


def test_persisting_orange_escalates_at_the_follow_up_two_weeks_later(unit: Unit) -> None:
    first_conversation(unit, stress__zone="orange", stress__symptom_days=5, followup_plan="w2")
    # Orange for 5 days: table v2 asks for closer peer follow-up, not yet a referral.
    assert [r["level"] for r in unit.db.query("SELECT level FROM escalations")] == [
        "tier2_intensified"
    ]
    item = only_followup(unit)
    unit.clock.advance(days=14)
    ctx = unit.ctx()
    draft = drafts.start_followup(ctx, protocol(), item.id)
    draft = answer(ctx, draft, {"stress.zone": "orange", "modality": "phone",
                                "duration": "m15_30", "needs_met": "partly",
                                "followup_plan": "w1"})  # fmt: skip
    live = draft.escalation()
    assert live.level == "tier3_2wk"
    assert "orange_persisting" in [f.id for f in live.fired]

    done = cases.complete(ctx, draft.id, protocol())
    assert done.escalation_level == "tier3_2wk"
    assert "orange_persisting" in done.escalation_rules
    rows = list(unit.db.query("SELECT level, case_code FROM escalations ORDER BY created_at"))
    assert rows[-1] == {"level": "tier3_2wk", "case_code": item.case_code}
    assert len(rows) == 2


def test_symptom_days_corrected_at_the_follow_up_are_what_the_case_keeps(unit: Unit) -> None:
    code = first_conversation(unit, stress__symptom_days=5, followup_plan="w1")
    item = only_followup(unit)
    unit.clock.advance(days=7)
    ctx = unit.ctx()
    draft = drafts.start_followup(ctx, protocol(), item.id)
    answer(ctx, draft, {"stress.symptom_days": 0, "stress.zone": "green", "modality": "video"})
    answer(ctx, draft, {"duration": "lt_15", "needs_met": "yes", "followup_plan": "none"})
    cases.complete(ctx, draft.id, protocol())
    case = unit.db["cases"].get(code)
    assert (case["symptom_days"], case["status"]) == (0, "closed")


def test_an_unscheduled_follow_up_replaces_the_scheduled_one(unit: Unit) -> None:
    code = first_conversation(unit, followup_plan="w2")
    ctx = unit.ctx()
    unit.clock.advance(days=3)
    draft = drafts.start_conversation(ctx, protocol(), encounter_type="follow_up", case_code=code)
    answer(ctx, draft, {"modality": "phone", "duration": "lt_15", "needs_met": "yes",
                        "followup_plan": "w1", "stress.zone": "yellow"})  # fmt: skip
    cases.complete(ctx, draft.id, protocol())
    rows = {(r["plan"], r["status"]) for r in unit.db["followups"].rows}
    assert rows == {("w2", "cancelled"), ("w1", "scheduled")}


def test_a_follow_up_needs_an_existing_case(unit: Unit) -> None:
    ctx = unit.ctx()
    with pytest.raises(InvalidInput, match="case code"):
        drafts.start_conversation(ctx, protocol(), encounter_type="follow_up")
    with pytest.raises(InvalidInput, match="no case K7Q-4MX"):
        drafts.start_conversation(ctx, protocol(), encounter_type="follow_up", case_code="k7q4mx")


def test_screens_are_offered_from_four_weeks_after_the_event(unit: Unit) -> None:
    first_conversation(unit, event__days_since=20, followup_plan="w1")
    item = only_followup(unit)
    unit.clock.advance(days=7)
    ctx = unit.ctx()
    draft = drafts.start_followup(ctx, protocol(), item.id)  # day 27: not yet
    with pytest.raises(ValidationError, match="not asked"):
        drafts.save_answer(ctx, draft.id, "screen.phq2", 1, protocol=protocol())
    drafts.discard_draft(ctx, draft.id)
    unit.clock.advance(days=1)
    draft = drafts.start_followup(ctx, protocol(), item.id)  # day 28
    assert (
        drafts.save_answer(ctx, draft.id, "screen.phq2", 1, protocol=protocol()).answers[
            "screen.phq2"
        ]
        == 1
    )


def test_a_follow_up_record_still_needs_how_it_went(unit: Unit) -> None:
    first_conversation(unit)
    ctx = unit.ctx()
    draft = drafts.start_followup(ctx, protocol(), only_followup(unit).id)
    answer(ctx, draft, {"stress.zone": "green", "followup_plan": "none"})
    with pytest.raises(ValidationError) as caught:
        cases.complete(ctx, draft.id, protocol())
    missing = {field for field, problem in caught.value.problems if problem == "is required"}
    assert missing == {"modality", "duration", "needs_met"}  # the rest came from the case
