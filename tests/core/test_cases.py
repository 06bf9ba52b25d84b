"""Case codes, drafts (durable answer by answer), completion into the minimal record."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_cases_support import BASICS, Unit, new_unit, open_store, protocol, table_text

from svdesk.errors import InvalidInput, Refused, ValidationError
from svdesk.keys.codes import CROCKFORD
from svdesk.unit import cases, drafts, records
from svdesk.unit.context import UnitContext
from svdesk.unit.drafts import Draft

CODE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}$")


@pytest.fixture
def unit(tmp_path: Path) -> Unit:
    return new_unit(tmp_path)


def answer_all(ctx: UnitContext, draft: Draft, answers: dict[str, object]) -> Draft:
    for qid, value in answers.items():
        if qid in records.EDITABLE_FIELDS and not protocol().has_question(qid):
            draft = drafts.save_record_field(ctx, draft.id, qid, value)
        else:
            draft = drafts.save_answer(ctx, draft.id, qid, value, protocol=protocol())
    return draft


def conversation(ctx: UnitContext, **answers: object) -> Draft:
    """A started initial conversation with BASICS and `answers` (dots written as __)."""
    draft = drafts.start_conversation(ctx, protocol())
    given = {k.replace("__", "."): v for k, v in answers.items()}
    return answer_all(ctx, draft, {**BASICS, **given})


# ---------------------------------------------------------------------------- case codes


def test_case_codes_are_random_readable_and_never_use_ambiguous_letters() -> None:
    codes = {records.random_case_code() for _ in range(2000)}
    assert all(CODE.match(c) for c in codes)
    assert len(codes) == 2000  # 30 random bits: a repeat in 2000 draws is ~0.2 % likely
    assert not set("ILOU") & set("".join(codes))
    # every symbol of the alphabet is used (random, not a counter or a hash of something)
    assert set("".join(codes).replace("-", "")) == set(CROCKFORD)


def test_new_case_code_skips_codes_already_in_the_store(
    unit: Unit, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = unit.ctx()
    first = drafts.start_conversation(ctx, protocol())
    draws = iter([first.case_code, first.case_code, "ABC-123"])
    monkeypatch.setattr(records, "random_case_code", lambda: next(draws))
    assert records.new_case_code(unit.db) == "ABC-123"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("K7Q-4MX", "K7Q-4MX"),
        ("k7q4mx", "K7Q-4MX"),
        (" k7q 4mx ", "K7Q-4MX"),
        ("O0I-L1X", "001-11X"),
        ("oil-ol0", "011-010"),
    ],
)
def test_parse_case_code_normalises_what_people_type(typed: str, code: str) -> None:
    assert records.parse_case_code(typed) == code


@pytest.mark.parametrize("typed", ["", "K7Q-4M", "K7Q-4MXX", "K7Q-4MU", "K7Q_4MX", "K7Q-4M!"])
def test_parse_case_code_refuses_what_is_not_a_code(typed: str) -> None:
    with pytest.raises(InvalidInput, match="not a case code"):
        records.parse_case_code(typed)


# ---------------------------------------------------------------------------- drafts


def test_a_saved_answer_is_there_after_reopening_the_store(unit: Unit) -> None:
    ctx = unit.ctx()
    draft = drafts.start_conversation(ctx, protocol())
    drafts.save_answer(ctx, draft.id, "stress.zone", "orange", protocol=protocol())
    drafts.save_record_field(ctx, draft.id, "duration", "m31_60")
    drafts.set_current_step(ctx, draft.id, "check")
    unit.db.conn.close()  # no checkpoint, no clean shutdown of anything else

    unit.db = open_store(unit.path)
    again = drafts.load_draft(unit.ctx(), draft.id)
    assert again.answers == {"stress.zone": "orange"}
    assert again.record == {"duration": "m31_60"}
    assert again.current_step == "check"
    assert again.case_code == draft.case_code


def test_save_answer_refuses_bad_values_and_keeps_the_previous_answer(unit: Unit) -> None:
    ctx = unit.ctx()
    draft = drafts.start_conversation(ctx, protocol())
    drafts.save_answer(ctx, draft.id, "stress.zone", "red", protocol=protocol())
    with pytest.raises(ValidationError, match=r"stress\.zone"):
        drafts.save_answer(ctx, draft.id, "stress.zone", "purple", protocol=protocol())
    with pytest.raises(ValidationError, match="nonsense"):
        drafts.save_answer(ctx, draft.id, "nonsense", True, protocol=protocol())
    assert drafts.load_draft(ctx, draft.id).answers == {"stress.zone": "red"}


def test_answers_of_questions_that_become_hidden_are_removed(unit: Unit) -> None:
    ctx = unit.ctx()
    draft = drafts.start_conversation(ctx, protocol())
    answer_all(
        ctx,
        draft,
        {"safety.cssrs.suicidal_thoughts": True, "safety.cssrs.method": True},
    )
    after = drafts.save_answer(
        ctx, draft.id, "safety.cssrs.suicidal_thoughts", False, protocol=protocol()
    )
    assert after.answers == {"safety.cssrs.suicidal_thoughts": False}
    assert "safety.cssrs.method" not in drafts.load_draft(ctx, draft.id).answers


def test_none_clears_an_answer(unit: Unit) -> None:
    ctx = unit.ctx()
    draft = conversation(ctx)
    cleared = drafts.save_answer(ctx, draft.id, "stress.zone", None, protocol=protocol())
    assert "stress.zone" not in cleared.answers


def test_record_fields_are_checked_against_the_vocabulary(unit: Unit) -> None:
    ctx = unit.ctx()
    draft = drafts.start_conversation(ctx, protocol())
    with pytest.raises(InvalidInput, match="escalation_level"):
        drafts.save_record_field(ctx, draft.id, "escalation_level", "tier2")
    with pytest.raises(ValidationError, match="duration"):
        drafts.save_record_field(ctx, draft.id, "duration", "forever")
    with pytest.raises(ValidationError, match="280"):
        drafts.save_record_field(ctx, draft.id, "note", "x" * 281)
    drafts.save_record_field(ctx, draft.id, "note", "x" * 280)
    cleared = drafts.save_record_field(ctx, draft.id, "note", None)
    assert cleared.record == {}


def test_open_drafts_lists_my_drafts_first_then_the_units(unit: Unit) -> None:
    mine_old = drafts.start_conversation(unit.ctx("me"), protocol())
    unit.clock.advance(minutes=5)
    theirs = drafts.start_conversation(unit.ctx("them"), protocol())
    unit.clock.advance(minutes=5)
    mine_new = drafts.start_conversation(unit.ctx("me"), protocol())
    unit.clock.advance(minutes=5)
    drafts.save_answer(unit.ctx("them"), theirs.id, "stress.zone", "green", protocol=protocol())

    listed = drafts.open_drafts(unit.ctx("me"))
    assert [d.id for d in listed] == [mine_new.id, mine_old.id, theirs.id]
    assert [d.mine for d in listed] == [True, True, False]
    assert listed[0].case_code == mine_new.case_code


def test_discarding_a_draft_deletes_it_and_says_so_in_the_audit_log(unit: Unit) -> None:
    ctx = unit.ctx()
    draft = conversation(ctx, safety__cssrs__wish_dead=True)
    drafts.discard_draft(ctx, draft.id)

    assert drafts.open_drafts(ctx) == []
    with pytest.raises(InvalidInput, match="no longer open"):
        drafts.load_draft(ctx, draft.id)
    assert "safety.cssrs" not in table_text(unit.db)
    wal = Path(f"{unit.path}-wal")
    raw = unit.path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert b"safety.cssrs" not in raw
    [entry] = [r for r in unit.audit_rows() if r["action"] == "draft_discarded"]
    assert entry["detail"] == {"draft_id": draft.id, "encounter_type": "initial"}


def test_a_draft_of_another_protocol_is_refused(unit: Unit) -> None:
    ctx = unit.ctx()
    draft = drafts.start_conversation(ctx, protocol())
    other = type(protocol())(
        id="other", version="1", language="en", title="Other", steps=protocol().steps
    )
    with pytest.raises(Refused, match="protocol"):
        drafts.save_answer(ctx, draft.id, "stress.zone", "green", protocol=other)


def test_rules_see_the_draft_answers_live(unit: Unit) -> None:
    ctx = unit.ctx()
    draft = conversation(ctx, safety__cssrs__wish_dead=True)
    result = draft.escalation()
    assert result.level == "tier3_72h"
    assert [f.id for f in result.fired] == ["cssrs_ideation"]


# ---------------------------------------------------------------------------- completion


@pytest.mark.parametrize(
    ("days", "code"),
    [(0, "lt_24h"), (1, "d1_3"), (3, "d1_3"), (4, "d4_14"), (14, "d4_14"), (15, "d15_30"),
     (30, "d15_30"), (31, "gt_30d"), (400, "gt_30d")],
)  # fmt: skip
def test_days_since_event_becomes_the_time_since_event_code(days: int, code: str) -> None:
    assert records.time_since_event_code(days) == code


def test_completion_builds_the_minimal_record_from_the_answers(unit: Unit) -> None:
    ctx = unit.ctx()
    draft = conversation(
        ctx,
        event__categories=["unexpected_death", "pediatric_event"],
        event__days_since=2,
        stress__zone="orange",
        stress__recovery_stage="2_intrusive_reflections",
        stress__symptom_days=2,
        safety__cssrs__wish_dead=True,
        safety__cssrs__suicidal_thoughts=False,
        supporter__own_distress="some",
        interventions=["listening", "normalisation"],
        referral_targets=["eap"],
        referral_accepted="yes",
        response_time="le_30min",
        followup_plan="h24_72",
    )
    drafts.save_record_field(ctx, draft.id, "note", "Calmer at the end.")
    done = cases.complete(ctx, draft.id, protocol())

    assert done.case_code == draft.case_code
    assert (done.site_code, done.unit_code, done.supporter_id) == ("S01", "ICU1", "sup-A")
    assert done.encounter_type == "initial"
    assert done.event_categories == ("unexpected_death", "pediatric_event")
    assert done.time_since_event == "d1_3"
    assert done.stress_zone == "orange"
    assert done.recovery_stage == "2_intrusive_reflections"
    assert done.supporter_own_distress == "some"
    assert done.screens_done == ("cssrs",)
    assert done.screen_positive is True
    assert done.escalation_level == "tier3_72h"
    assert done.escalation_actions == ("crisis_line_info",)
    # Table v2: the orange zone on its own asks for closer follow-up (a lower level).
    assert done.escalation_rules == ("cssrs_ideation", "orange_zone")
    assert done.interventions == ("listening", "normalisation")
    assert done.referral_targets == ("eap",)
    assert done.referral_accepted == "yes"
    assert done.followup_plan == "h24_72"
    assert (done.modality, done.format, done.people_reached) == ("in_person", "individual", 1)
    assert (done.duration, done.needs_met) == ("m15_30", "yes")
    assert (done.role_category, done.unit_category) == ("nurse", "emergency")
    assert done.activation_source == "self"
    assert done.response_time == "le_30min"
    assert done.note == "Calmer at the end."
    assert done.protocol_version == protocol().version
    assert done.rules_version
    assert done.created_at == unit.clock.today()
    assert drafts.open_drafts(ctx) == []
    assert [r["detail"] for r in unit.audit_rows() if r["action"] == "encounter_completed"] == [
        {"encounter_id": done.encounter_id, "level": "tier3_72h"}
    ]


def test_the_record_screen_overrides_what_the_conversation_collected(unit: Unit) -> None:
    ctx = unit.ctx()
    draft = conversation(ctx, duration="lt_15")
    drafts.save_record_field(ctx, draft.id, "duration", "gt_60")
    assert cases.complete(ctx, draft.id, protocol()).duration == "gt_60"


def test_a_negative_screen_is_done_but_not_positive(unit: Unit) -> None:
    ctx = unit.ctx()
    draft = conversation(
        ctx, safety__cssrs__wish_dead=False, safety__cssrs__suicidal_thoughts=False
    )
    done = cases.complete(ctx, draft.id, protocol())
    assert (done.screens_done, done.screen_positive) == (("cssrs",), False)
    assert done.escalation_level == "tier2"


def test_screen_totals_at_and_above_their_thresholds_are_positive() -> None:
    # The cut-offs are the rules file's (table v2: PC-PTSD-5 3, PHQ-2 3, GAD-2 3).
    assert records.screen_results({"screen.pc_ptsd5": 2, "screen.phq2": 2, "screen.gad2": 2}) == (
        ["pc_ptsd5", "phq2", "gad2"],
        False,
    )
    assert records.screen_results({"screen.pc_ptsd5": 3}) == (["pc_ptsd5"], True)
    assert records.screen_results({"screen.pc_ptsd5": 4}) == (["pc_ptsd5"], True)
    assert records.screen_results({"screen.phq2": 3}) == (["phq2"], True)
    assert records.screen_results({"screen.gad2": 3}) == (["gad2"], True)
    assert records.screen_results({}) == ([], False)


def test_screen_positive_follows_the_thresholds_of_the_rules_file() -> None:
    # A program that lowers PHQ-2 to 2 in its rules file gets screen_positive at 2 as well;
    # nothing in the record code keeps a number of its own.
    assert records.screen_results({"screen.phq2": 2}, {"screen.phq2": 2}) == (["phq2"], True)
    assert records.screen_results({"screen.phq2": 2}, {"screen.phq2": 3}) == (["phq2"], False)
    # A screen no rule reads is done, never positive.
    assert records.screen_results({"screen.gad2": 6}, {}) == (["gad2"], False)
    text = Path(records.__file__).read_text(encoding="utf-8")
    assert "_SCREEN_TOTALS" not in text


def test_completion_names_the_missing_required_fields(unit: Unit) -> None:
    ctx = unit.ctx()
    draft = drafts.start_conversation(ctx, protocol())
    answer_all(ctx, draft, {"stress.zone": "green", "modality": "phone", "followup_plan": "none"})
    with pytest.raises(ValidationError) as caught:
        cases.complete(ctx, draft.id, protocol())
    missing = {field for field, problem in caught.value.problems if problem == "is required"}
    assert missing == {
        "format", "people_reached", "role_category", "unit_category", "activation_source",
        "duration", "needs_met",
    }  # fmt: skip
    assert "duration" in caught.value.message
    # nothing was stored: the draft is still open, no encounter, no case
    assert [d.id for d in drafts.open_drafts(ctx)] == [draft.id]
    assert unit.db["encounters"].count == 0
    assert unit.db["cases"].count == 0


def test_a_draft_cannot_be_completed_twice(unit: Unit) -> None:
    ctx = unit.ctx()
    draft = conversation(ctx)
    cases.complete(ctx, draft.id, protocol())
    with pytest.raises(InvalidInput, match="no longer open"):
        cases.complete(ctx, draft.id, protocol())
    assert unit.db["encounters"].count == 1


def test_completion_creates_the_case_with_the_event_date_and_symptom_days(unit: Unit) -> None:
    ctx = unit.ctx()
    draft = conversation(ctx, event__days_since=3, stress__symptom_days=2)
    cases.complete(ctx, draft.id, protocol())
    case = unit.db["cases"].get(draft.case_code)
    assert case["event_date"] == "2026-10-30"  # clock: 2026-11-02, three days earlier
    assert case["symptom_days"] == 2
    assert case["symptom_days_on"] == "2026-11-02"
    assert case["status"] == "open"


@pytest.mark.parametrize(
    ("plan", "due"),
    [("h24_72", "2026-11-03"), ("w1", "2026-11-09"), ("w2", "2026-11-16"),
     ("w4", "2026-11-30")],
)  # fmt: skip
def test_completion_schedules_the_follow_up_of_the_plan(unit: Unit, plan: str, due: str) -> None:
    ctx = unit.ctx()
    draft = conversation(ctx, followup_plan=plan)
    cases.complete(ctx, draft.id, protocol())
    rows = list(unit.db.query("SELECT * FROM followups"))
    assert [(r["plan"], r["due_date"], r["status"]) for r in rows] == [(plan, due, "scheduled")]
    assert rows[0]["assigned_supporter_id"] == "sup-A"
    assert rows[0]["case_code"] == draft.case_code


def test_plan_none_schedules_nothing_and_closes_the_case(unit: Unit) -> None:
    ctx = unit.ctx()
    draft = conversation(ctx, followup_plan="none")
    cases.complete(ctx, draft.id, protocol())
    assert unit.db["followups"].count == 0
    assert unit.db["cases"].get(draft.case_code)["status"] == "closed"


def test_completion_opens_an_escalation_only_when_the_rules_ask(unit: Unit) -> None:
    ctx = unit.ctx()
    cases.complete(ctx, conversation(ctx).id, protocol())
    assert unit.db["escalations"].count == 0

    unsafe = conversation(ctx, safety__unsafe_to_continue_care=True)
    done = cases.complete(ctx, unsafe.id, protocol())
    [row] = list(unit.db.query("SELECT * FROM escalations"))
    assert (row["level"], row["actions"], row["encounter_id"]) == (
        "tier2",
        '["relieve_from_duty"]',
        done.encounter_id,
    )
    assert row["due_at"] == unit.clock.now().isoformat()  # relieving from duty is for now


def test_screening_answers_are_nowhere_in_the_store_after_completion(unit: Unit) -> None:
    ctx = unit.ctx()
    first = conversation(ctx, event__days_since=30, stress__zone="orange", followup_plan="w4")
    cases.complete(ctx, first.id, protocol())
    [item] = list(unit.db.query("SELECT id FROM followups"))
    unit.clock.advance(days=28)
    from svdesk.unit import followups  # noqa: F401  (the follow-up path asks the screens)

    draft = drafts.start_followup(ctx, protocol(), item["id"])
    screening = {
        "safety.cssrs.wish_dead": True,
        "safety.cssrs.suicidal_thoughts": True,
        "safety.cssrs.method": True,
        "safety.cssrs.intent": False,
        "safety.cssrs.plan": False,
        "safety.cssrs.behavior_lifetime": True,
        "safety.cssrs.behavior_3mo": False,
        "screen.pc_ptsd5": 5,
        "screen.phq2": 6,
        "screen.gad2": 6,
    }
    # Many saves, so old versions of the draft row pass through the pages and the log.
    for _ in range(3):
        draft = answer_all(ctx, draft, screening)
    draft = answer_all(ctx, draft, {"modality": "phone", "duration": "lt_15",
                                    "needs_met": "partly", "followup_plan": "none"})  # fmt: skip
    assert set(screening) <= set(draft.answers)
    done = cases.complete(ctx, draft.id, protocol())
    assert done.screens_done == ("cssrs", "pc_ptsd5", "phq2", "gad2")
    assert done.screen_positive is True
    assert done.escalation_level == "tier3_same_day"

    text = table_text(unit.db)
    for item_id in screening:
        assert item_id not in text
    assert "safety.cssrs" not in text
    assert '"screen.' not in text

    # complete() checkpoints the write-ahead log itself: the files hold no trace right away.
    raw = unit.path.read_bytes()
    wal = Path(f"{unit.path}-wal")
    raw += wal.read_bytes() if wal.exists() else b""
    for item_id in screening:
        assert item_id.encode() not in raw, item_id
    unit.db.execute("VACUUM")
    assert b"safety.cssrs" not in unit.path.read_bytes()


def test_completion_is_all_or_nothing(unit: Unit, monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = unit.ctx()
    draft = conversation(ctx, stress__zone="red")

    def broken(*_args: object, **_kwargs: object) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(cases, "open_or_merge_escalation", broken)  # fails after the other writes
    with pytest.raises(OSError, match="disk gone"):
        cases.complete(ctx, draft.id, protocol())
    for table in ("encounters", "cases", "followups", "escalations"):
        assert unit.db[table].count == 0, table
    assert drafts.load_draft(ctx, draft.id).answers["stress.zone"] == "red"
    assert "encounter_completed" not in [r["action"] for r in unit.audit_rows()]
