"""The default protocol and the conversation engine: what a supporter sees and what is kept."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svdesk.content.cards import load_cards
from svdesk.content.protocol.conversation import Conversation
from svdesk.content.protocol.loader import load_protocol
from svdesk.content.protocol.model import Protocol
from svdesk.errors import ValidationError

# Data dictionary §1, copied from shared/spec/data-dictionary.md on purpose: the test checks the
# resource files against the contract, not against themselves.
ANSWER_TYPES: dict[str, str] = {
    "event.categories": "multi",
    "event.days_since": "int",
    "event.staff_affected": "int",
    "event.repeat_in_90d": "bool",
    "safety.imminent_danger": "bool",
    "safety.harm_to_others_thoughts": "bool",
    "safety.cssrs.wish_dead": "bool",
    "safety.cssrs.suicidal_thoughts": "bool",
    "safety.cssrs.method": "bool",
    "safety.cssrs.intent": "bool",
    "safety.cssrs.plan": "bool",
    "safety.cssrs.behavior_3mo": "bool",
    "safety.unsafe_to_continue_care": "bool",
    "stress.zone": "choice",
    "stress.symptom_days": "int",
    "stress.recovery_stage": "choice",
    "stress.functional_impairment": "bool",
    "stress.substance_use_to_cope": "bool",
    "stress.considering_leaving": "bool",
    "screen.pc_ptsd5": "int",
    "screen.phq2": "int",
    "screen.gad2": "int",
    "situation.litigation_or_investigation": "bool",
    "situation.requests_professional_help": "bool",
    "situation.supporter_out_of_depth": "bool",
    "supporter.own_distress": "choice",
}
RECORD_TYPES: dict[str, str] = {
    "activation_source": "choice",
    "modality": "choice",
    "format": "choice",
    "people_reached": "int",
    "response_time": "choice",
    "role_category": "choice",
    "unit_category": "choice",
    "interventions": "multi",
    "referral_targets": "multi",
    "referral_accepted": "choice",
    "followup_plan": "choice",
    "duration": "choice",
    "needs_met": "choice",
}
DICTIONARY_CODES: dict[str, set[str]] = {
    "event.categories": {
        "unexpected_death",
        "deterioration_or_transfer",
        "medication_or_treatment_error",
        "near_miss",
        "pediatric_event",
        "first_patient_death",
        "multiple_bad_outcomes",
        "violence_or_aggression",
        "litigation_notice",
        "staff_death",
        "moral_distress",
        "long_term_patient_death",
        "high_profile_event",
        "needlestick_exposure",
        "other",
    },
    "stress.zone": {"green", "yellow", "orange", "red", "not_assessed"},
    "stress.recovery_stage": {
        "1_chaos",
        "2_intrusive_reflections",
        "3_restoring_integrity",
        "4_enduring_inquisition",
        "5_emotional_first_aid",
        "6_dropping_out",
        "6_surviving",
        "6_thriving",
        "unclear",
    },
    "supporter.own_distress": {"none", "some", "high"},
    "activation_source": {"self", "peer", "manager", "safety_team", "proactive"},
    "modality": {"in_person", "phone", "video"},
    "format": {"individual", "group_small", "group_large"},
    "response_time": {"le_30min", "le_24h", "gt_24h"},
    "role_category": {
        "nurse",
        "physician_app",
        "trainee",
        "pharmacy",
        "allied_health",
        "non_clinical",
        "leader",
        "prefer_not_to_say",
    },
    "unit_category": {
        "emergency",
        "icu_adult",
        "icu_pediatric_neonatal",
        "perioperative",
        "med_surg",
        "obstetrics",
        "pharmacy",
        "ambulatory",
        "other",
        "prefer_not_to_say",
    },
    "interventions": {
        "listening",
        "normalisation",
        "calming",
        "practical_help",
        "social_connection",
        "coping_plan",
        "resources_given",
    },
    "referral_targets": {
        "eap",
        "psychology",
        "psychiatry",
        "chaplain",
        "occupational_health",
        "risk_legal",
        "leader",
        "crisis_line",
        "emergency_department",
        "own_provider",
    },
    "referral_accepted": {"yes", "no", "not_offered"},
    "followup_plan": {"none", "h24_72", "w1", "w2", "w4"},
    "duration": {"lt_15", "m15_30", "m31_60", "gt_60"},
    "needs_met": {"yes", "partly", "no"},
}
RANGES: dict[str, tuple[int, int | None]] = {
    "event.days_since": (0, None),
    "event.staff_affected": (1, None),
    "stress.symptom_days": (0, None),
    "screen.pc_ptsd5": (0, 5),
    "screen.phq2": (0, 6),
    "screen.gad2": (0, 6),
    "people_reached": (1, None),
}
CSSRS_BRANCH = ("safety.cssrs.method", "safety.cssrs.intent", "safety.cssrs.plan")
CSSRS_ALWAYS = (
    "safety.cssrs.wish_dead",
    "safety.cssrs.suicidal_thoughts",
    "safety.cssrs.behavior_lifetime",
)


@pytest.fixture
def protocol() -> Protocol:
    return load_protocol()


def _ids(questions: object) -> list[str]:
    return [q.id for q in questions]  # type: ignore[attr-defined]


# ---------------------------------------------------------------- the default protocol


def test_default_protocol_has_the_twelve_steps_of_the_conversation(protocol: Protocol) -> None:
    assert protocol.id == "default"
    assert protocol.language == "en"
    assert [s.number for s in protocol.steps] == list(range(12))
    assert [s.id for s in protocol.steps] == [
        "before_you_start",
        "frame",
        "their_story",
        "check",
        "safety_check",
        "prioritise",
        "support",
        "coping_resources",
        "disposition",
        "close",
        "record",
        "self_check",
    ]
    assert load_protocol() is protocol  # bundled default is cached


def test_every_dictionary_answer_and_conversation_record_field_is_asked(
    protocol: Protocol,
) -> None:
    expected = {**ANSWER_TYPES, **RECORD_TYPES}
    asked = {q.id: q.type for q in protocol.questions}
    missing = sorted(set(expected) - set(asked))
    assert missing == []
    wrong_type = {
        qid: asked[qid]
        for qid, kind in expected.items()
        if not (asked[qid] == kind or (kind == "int" and asked[qid] == "scale"))
    }
    assert wrong_type == {}
    assert "note" not in asked  # handled by the record screen


def test_every_coded_question_offers_exactly_the_dictionary_codes(protocol: Protocol) -> None:
    offered = {qid: set(protocol.question(qid).codes()) for qid in DICTIONARY_CODES}
    assert offered == DICTIONARY_CODES
    for question in protocol.questions:
        assert all(o.label.strip() for o in question.options), question.id


def test_number_questions_keep_the_dictionary_ranges(protocol: Protocol) -> None:
    for qid, (low, high) in RANGES.items():
        question = protocol.question(qid)
        assert (question.min, question.max) == (low, high), qid


def test_questions_are_in_the_steps_of_the_conversation_table(protocol: Protocol) -> None:
    def step_of(qid: str) -> str:
        return protocol.question(qid).step_id

    assert step_of("safety.unsafe_to_continue_care") == "before_you_start"
    assert {step_of(q) for q in ("modality", "format", "people_reached")} == {"before_you_start"}
    assert {step_of(q) for q in ANSWER_TYPES if q.startswith("event.")} == {"their_story"}
    assert {step_of(q) for q in ANSWER_TYPES if q.startswith("stress.")} == {"check"}
    assert step_of("safety.imminent_danger") == "check"
    assert {step_of(q) for q in ANSWER_TYPES if q.startswith("safety.cssrs.")} == {"safety_check"}
    assert step_of("interventions") == "support"
    assert step_of("situation.requests_professional_help") == "coping_resources"
    assert step_of("followup_plan") == "disposition"
    assert {step_of("duration"), step_of("needs_met")} == {"record"}
    assert step_of("supporter.own_distress") == "self_check"


def test_every_step_carries_real_guidance_with_sources(protocol: Protocol) -> None:
    for step in protocol.steps:
        assert len(step.intent.split()) >= 20, step.id
        assert 3 <= len(step.phrasings) <= 5, step.id
        assert step.avoid, step.id
        assert step.tips, step.id
        assert step.sources, step.id


def test_card_links_point_to_existing_cards(protocol: Protocol) -> None:
    cards = load_cards()
    linked = {card for step in protocol.steps for card in step.cards}
    assert linked <= set(cards)
    assert {"six_stages", "stress_continuum", "seven_cs"} <= linked


def test_content_uses_neutral_language(protocol: Protocol) -> None:
    texts: list[str] = [protocol.title, protocol.description]
    for step in protocol.steps:
        texts += [step.title, step.intent, *step.phrasings, *step.avoid, *step.tips, *step.sources]
        for q in step.questions:
            texts += [q.label, q.help, *(o.label for o in q.options), *(o.help for o in q.options)]
    for card in load_cards().values():
        texts += [card.title, card.summary, *card.sources]
        for section in card.sections:
            texts += [section.heading, section.text, *section.items]
    offending = [t for t in texts if re.search(r"second[- ]victim", t, re.IGNORECASE)]
    assert offending == []


# ---------------------------------------------------------------- follow-ups


def test_follow_up_reuses_check_safety_and_steps_six_to_eleven(protocol: Protocol) -> None:
    numbers = {s.number for s in protocol.steps_for("follow_up")}
    assert {3, 4, 6, 7, 8, 9, 10, 11} <= numbers
    assert not numbers & {1, 2, 5}  # no re-framing, no retelling, no re-prioritising
    assert len(protocol.steps_for("initial")) == 12
    with pytest.raises(ValidationError, match="encounter type"):
        protocol.steps_for("later")


def test_first_contact_questions_are_not_asked_again_at_follow_up(protocol: Protocol) -> None:
    follow_up = Conversation(protocol, {"event.days_since": 3}, encounter_type="follow_up")
    shown = _ids(follow_up.visible_questions("before_you_start"))
    assert "modality" in shown
    assert "activation_source" not in shown
    assert "response_time" not in shown
    assert not follow_up.is_visible("event.categories")  # step 2 is not part of a follow-up


@pytest.mark.parametrize(
    ("encounter_type", "days", "shown"),
    [
        ("follow_up", 28, True),
        ("follow_up", 45, True),
        ("follow_up", 27, False),
        ("follow_up", None, False),
        # conversation.md v2: from 28 days on at a first contact too.
        ("initial", 60, True),
        ("initial", 28, True),
        ("initial", 27, False),
        ("initial", 0, False),
        ("initial", None, False),
    ],
)
def test_brief_screens_are_offered_from_28_days_at_every_contact(
    protocol: Protocol, encounter_type: str, days: int | None, shown: bool
) -> None:
    answers = {} if days is None else {"event.days_since": days}
    conversation = Conversation(protocol, answers, encounter_type=encounter_type)
    screens = {"screen.pc_ptsd5", "screen.phq2", "screen.gad2"}
    visible = set(_ids(conversation.visible_questions("check")))
    assert (screens <= visible) is shown
    assert (screens & visible == set()) is (not shown)


def test_case_history_answers_survive_in_a_follow_up(protocol: Protocol) -> None:
    carried = {"event.days_since": 30, "stress.symptom_days": 20}
    conversation = Conversation(protocol, carried, encounter_type="follow_up")
    conversation.answer("screen.phq2", 4)
    assert conversation.answers == {**carried, "screen.phq2": 4}


# ---------------------------------------------------------------- the screener branching


def test_screener_items_3_to_5_appear_only_after_a_yes_to_item_2(protocol: Protocol) -> None:
    conversation = Conversation(protocol)
    assert _ids(conversation.visible_questions("safety_check")) == [
        *CSSRS_ALWAYS,
        "safety.harm_to_others_thoughts",
    ]
    conversation.answer("safety.cssrs.suicidal_thoughts", False)
    assert not any(conversation.is_visible(q) for q in CSSRS_BRANCH)
    conversation.answer("safety.cssrs.suicidal_thoughts", True)
    assert all(conversation.is_visible(q) for q in CSSRS_BRANCH)
    assert _ids(conversation.visible_questions("safety_check")) == [
        "safety.cssrs.wish_dead",
        "safety.cssrs.suicidal_thoughts",
        *CSSRS_BRANCH,
        "safety.cssrs.behavior_lifetime",
        "safety.harm_to_others_thoughts",
    ]


def test_answers_to_items_3_to_5_are_removed_when_item_2_goes_back_to_no(
    protocol: Protocol,
) -> None:
    conversation = Conversation(protocol)
    conversation.answer("safety.cssrs.wish_dead", True)
    conversation.answer("safety.cssrs.suicidal_thoughts", True)
    conversation.answer("safety.cssrs.method", True)
    conversation.answer("safety.cssrs.intent", False)
    conversation.answer("safety.cssrs.plan", False)
    after = conversation.answer("safety.cssrs.suicidal_thoughts", False)
    assert after == {"safety.cssrs.wish_dead": True, "safety.cssrs.suicidal_thoughts": False}
    assert conversation.answers == after
    # and the same when item 2 is cleared instead
    conversation.answer("safety.cssrs.suicidal_thoughts", True)
    conversation.answer("safety.cssrs.method", True)
    conversation.clear("safety.cssrs.suicidal_thoughts")
    assert conversation.answers == {"safety.cssrs.wish_dead": True}


def test_a_hidden_screener_item_cannot_be_answered(protocol: Protocol) -> None:
    conversation = Conversation(protocol)
    with pytest.raises(ValidationError, match=r"safety\.cssrs\.plan") as err:
        conversation.answer("safety.cssrs.plan", True)
    assert err.value.problems == [("safety.cssrs.plan", "is hidden by its show_if condition")]
    assert conversation.answers == {}


def test_a_resumed_draft_drops_answers_that_were_never_shown(protocol: Protocol) -> None:
    draft = {"safety.cssrs.suicidal_thoughts": False, "safety.cssrs.method": True}
    assert Conversation(protocol, draft).answers == {"safety.cssrs.suicidal_thoughts": False}


# ---------------------------------------------------------------- answer validation


@pytest.mark.parametrize(
    ("qid", "value", "problem"),
    [
        ("safety.cssrs.wish_dead", 1, "must be true or false"),
        ("safety.cssrs.wish_dead", "yes", "must be true or false"),
        ("event.days_since", True, "whole number"),
        ("event.days_since", 2.5, "whole number"),
        ("event.days_since", -1, "at least 0"),
        ("event.staff_affected", 0, "at least 1"),
        ("screen.pc_ptsd5", 6, "from 0 to 5"),
        ("screen.phq2", 7, "from 0 to 6"),
        ("stress.zone", "purple", "must be one of green"),
        ("stress.zone", ["red"], "must be one of"),
        ("event.categories", ["near_miss", "bad_luck"], "'bad_luck'"),
        ("event.categories", "near_miss", "list of codes"),
        ("event.categories", ["near_miss", "near_miss"], "twice"),
        ("modality", "carrier_pigeon", "in_person"),
    ],
)
def test_wrong_answers_are_refused_with_the_id_named(
    protocol: Protocol, qid: str, value: object, problem: str
) -> None:
    conversation = Conversation(protocol)
    with pytest.raises(ValidationError) as err:
        conversation.answer(qid, value)
    assert qid in err.value.message
    assert err.value.problems[0][0] == qid
    assert problem in err.value.problems[0][1]
    assert conversation.answers == {}


def test_unknown_question_id_is_refused(protocol: Protocol) -> None:
    conversation = Conversation(protocol)
    with pytest.raises(ValidationError, match=r"safety\.cssrs\.mood"):
        conversation.answer("safety.cssrs.mood", True)
    with pytest.raises(ValidationError, match="note"):
        Conversation(protocol, {"note": "free text"})
    with pytest.raises(ValidationError, match=r"stress\.zone"):
        Conversation(protocol, {"stress.zone": "blue"})


def test_multi_answers_are_kept_in_option_order_and_none_clears(protocol: Protocol) -> None:
    conversation = Conversation(protocol)
    conversation.answer("event.categories", ("other", "near_miss"))
    assert conversation.answers["event.categories"] == ["near_miss", "other"]
    conversation.answer("event.categories", None)
    assert "event.categories" not in conversation.answers
    conversation.answer("event.days_since", 0)  # 0 is a real answer (today), not "absent"
    assert conversation.answers["event.days_since"] == 0


# ---------------------------------------------------------------- suggestions, completeness


@pytest.mark.parametrize(
    ("zone", "suggested"),
    [
        ("red", True),
        ("orange", True),
        ("yellow", False),
        ("green", False),
        ("not_assessed", False),
        (None, False),
    ],
)
def test_safety_check_is_suggested_in_the_orange_and_red_zones(
    protocol: Protocol, zone: str | None, suggested: bool
) -> None:
    conversation = Conversation(protocol, {"stress.zone": zone})
    assert ("safety_check" in conversation.suggested_steps()) is suggested


def test_missing_required_lists_the_few_required_answers_in_step_order(
    protocol: Protocol,
) -> None:
    initial = Conversation(protocol)
    assert initial.missing_required() == [
        "activation_source",
        "modality",
        "format",
        "stress.zone",
        "followup_plan",
        "duration",
        "needs_met",
    ]
    initial.answer("modality", "phone")
    initial.answer("stress.zone", "yellow")
    assert "modality" not in initial.missing_required()
    assert "stress.zone" not in initial.missing_required()
    follow_up = Conversation(protocol, encounter_type="follow_up")
    assert "activation_source" not in follow_up.missing_required()


def test_rule_answers_and_record_answers_are_split(protocol: Protocol) -> None:
    from svdesk.content.rules import evaluate

    conversation = Conversation(protocol)
    conversation.answer("modality", "in_person")
    conversation.answer("safety.cssrs.suicidal_thoughts", True)
    conversation.answer("safety.cssrs.method", True)
    assert conversation.record_answers() == {"modality": "in_person"}
    rule_answers = conversation.rule_answers()
    assert set(rule_answers) == {"safety.cssrs.suicidal_thoughts", "safety.cssrs.method"}
    assert evaluate(rule_answers).level == "tier3_same_day"


def test_conditions_treat_absent_answers_as_unknown_never_as_no() -> None:
    from svdesk.content.protocol.loader import parse_protocol

    def question(qid: str, kind: str, **extra: object) -> dict[str, object]:
        return {"id": qid, "type": kind, "label": qid, **extra}

    data = {
        "id": "t",
        "version": "1",
        "language": "en",
        "title": "T",
        "steps": [
            {
                "id": "s",
                "number": 0,
                "title": "S",
                "kind": "talk",
                "intent": "Conditions.",
                "questions": [
                    question("stress.considering_leaving", "bool"),
                    question("event.staff_affected", "int"),
                    question("interventions", "multi"),
                    question(
                        "stress.substance_use_to_cope",
                        "bool",
                        show_if={
                            "any": [
                                {"answer": "stress.considering_leaving", "op": "ne", "value": True},
                                {
                                    "all": [
                                        {"answer": "event.staff_affected", "op": "gt", "value": 5},
                                        {
                                            "answer": "interventions",
                                            "op": "contains",
                                            "value": "calming",
                                        },
                                    ]
                                },
                            ]
                        },
                    ),
                ],
            },
            # every protocol has one disposition and one record step
            *(
                {"id": k, "number": n, "title": k, "kind": k, "intent": k, "followup": True}
                for n, k in ((1, "disposition"), (2, "record"))
            ),
        ],
    }
    protocol = parse_protocol(data, "t.toml", card_ids=(), rule_answer_ids=())

    def shown(answers: dict[str, object]) -> bool:
        return Conversation(protocol, answers).is_visible("stress.substance_use_to_cope")

    assert not shown({})  # "ne true" is false while the answer is absent
    assert shown({"stress.considering_leaving": False})
    assert not shown({"stress.considering_leaving": True})
    assert not shown({"event.staff_affected": 6})
    assert not shown({"event.staff_affected": 5, "interventions": ["calming"]})
    assert shown({"event.staff_affected": 6, "interventions": ["calming", "listening"]})


_SEQUENCE_QUESTIONS = (
    *CSSRS_ALWAYS,
    *CSSRS_BRANCH,
    "event.days_since",
    "screen.phq2",
    "stress.zone",
)


def _candidate_values(qid: str) -> list[object]:
    if qid == "event.days_since":
        return [None, 0, 27, 28, 60]
    if qid == "screen.phq2":
        return [None, 0, 3, 6]
    if qid == "stress.zone":
        return [None, "green", "orange", "red"]
    return [None, True, False]


@given(
    steps=st.lists(
        st.sampled_from(_SEQUENCE_QUESTIONS).flatmap(
            lambda qid: st.tuples(st.just(qid), st.sampled_from(_candidate_values(qid)))
        ),
        max_size=25,
    ),
    encounter_type=st.sampled_from(["initial", "follow_up"]),
)
@settings(max_examples=200, deadline=None)
def test_no_answer_outlives_the_condition_that_showed_its_question(
    steps: list[tuple[str, object]], encounter_type: str
) -> None:
    protocol = load_protocol()
    conversation = Conversation(protocol, encounter_type=encounter_type)
    for qid, value in steps:
        question = protocol.question(qid)
        before = dict(conversation.answers)
        try:
            conversation.answer(qid, value)
        except ValidationError:
            # Refused only because the question is hidden right now; nothing changed.
            assert question.show_if is not None
            assert not question.show_if.holds(before)
            assert conversation.answers == before
        for answered in conversation.answers:
            condition = protocol.question(answered).show_if
            assert condition is None or condition.holds(conversation.answers), answered


# ---------------------------------------------------------------- screener fidelity (v2)


def test_item_6_is_asked_ever_then_within_3_months_only_after_a_yes(protocol: Protocol) -> None:
    conversation = Conversation(protocol)
    ever = protocol.question("safety.cssrs.behavior_lifetime")
    recent = protocol.question("safety.cssrs.behavior_3mo")
    assert ever.label.startswith("6. Have you ever done anything, started to do anything, or")
    # The screener's examples of behaviour go with the question.
    for example in ("collected pills", "obtained a gun", "wrote a will or suicide note"):
        assert example in ever.help.lower()
    assert "within the past 3 months" in recent.label
    assert not conversation.is_visible("safety.cssrs.behavior_3mo")
    conversation.answer("safety.cssrs.behavior_lifetime", False)
    assert not conversation.is_visible("safety.cssrs.behavior_3mo")
    conversation.answer("safety.cssrs.behavior_lifetime", True)
    assert conversation.is_visible("safety.cssrs.behavior_3mo")
    conversation.answer("safety.cssrs.behavior_3mo", True)
    after = conversation.answer("safety.cssrs.behavior_lifetime", False)
    assert "safety.cssrs.behavior_3mo" not in after  # never kept without the first part


@pytest.mark.parametrize(
    "qid",
    [
        "safety.cssrs.wish_dead",
        "safety.cssrs.suicidal_thoughts",
        "safety.cssrs.method",
        "safety.cssrs.intent",
        "safety.cssrs.plan",
    ],
)
def test_items_1_to_5_say_past_month_first_and_since_we_last_spoke_at_follow_ups(
    protocol: Protocol, qid: str
) -> None:
    question = protocol.question(qid)
    first, later = question.label_for("initial"), question.label_for("follow_up")
    assert "In the past month" in first
    assert "since we last spoke" not in first.lower()
    assert "Since we last spoke" in later
    assert "past month" not in later
    # Same item, same question otherwise: only the time frame differs.
    assert first.replace("In the past month", "") == later.replace("Since we last spoke", "")


def test_screener_items_keep_the_columbia_wording(protocol: Protocol) -> None:
    wording = {
        "safety.cssrs.wish_dead": "have you wished you were dead or wished you could go to sleep "
        "and not wake up?",
        "safety.cssrs.suicidal_thoughts": "have you actually had any thoughts of killing yourself?",
        "safety.cssrs.method": "have you been thinking about how you might do this?",
        "safety.cssrs.intent": "have you had these thoughts and had some intention of acting on "
        "them?",
        "safety.cssrs.plan": "have you started to work out or worked out the details of how to "
        "kill yourself? Do you intend to carry out this plan?",
    }
    for qid, text in wording.items():
        assert protocol.question(qid).label.endswith(text), qid


def test_questions_without_a_followup_label_read_the_same_at_follow_ups(
    protocol: Protocol,
) -> None:
    question = protocol.question("stress.zone")
    assert question.label_for("follow_up") == question.label_for("initial") == question.label


def test_harm_to_others_asks_intent_towards_a_person_only_after_a_yes(protocol: Protocol) -> None:
    conversation = Conversation(protocol)
    assert not conversation.is_visible("safety.harm_to_others_intent")
    conversation.answer("safety.harm_to_others_thoughts", True)
    assert conversation.is_visible("safety.harm_to_others_intent")
    assert "particular person" in protocol.question("safety.harm_to_others_intent").label
    conversation.answer("safety.harm_to_others_intent", True)
    after = conversation.answer("safety.harm_to_others_thoughts", False)
    assert "safety.harm_to_others_intent" not in after


@pytest.mark.parametrize(
    "answers",
    [
        {"stress.zone": "orange"},
        {"stress.zone": "red"},
        {"situation.litigation_or_investigation": True},
        {"event.categories": ["litigation_notice"]},
        {"stress.substance_use_to_cope": True},
        {"safety.impaired_at_work": True},
        {"stress.considering_leaving": True},
        {"stress.recovery_stage": "6_dropping_out"},
    ],
)
def test_safety_check_is_suggested_for_each_v2_reason(
    protocol: Protocol, answers: dict[str, object]
) -> None:
    assert "safety_check" in Conversation(protocol, answers).suggested_steps()


@pytest.mark.parametrize(
    "answers",
    [
        {},
        {"stress.zone": "yellow"},
        {"stress.substance_use_to_cope": False},
        {"event.categories": ["near_miss"]},
        {"stress.recovery_stage": "6_thriving"},
    ],
)
def test_safety_check_is_not_pushed_without_a_reason(
    protocol: Protocol, answers: dict[str, object]
) -> None:
    assert "safety_check" not in Conversation(protocol, answers).suggested_steps()


def test_the_new_v2_answers_are_collected(protocol: Protocol) -> None:
    for qid in (
        "safety.cssrs.behavior_lifetime",
        "safety.harm_to_others_intent",
        "safety.impaired_at_work",
        "event.multiple_departments",
    ):
        assert protocol.has_question(qid), qid
    assert protocol.version == "2.0.0"


def test_frame_shows_the_confidentiality_program_text(protocol: Protocol) -> None:
    frame = protocol.step("frame")
    assert frame.program_text == "confidentiality"
    phrasings = " ".join(frame.phrasings)
    assert "your name is never recorded" in phrasings
    assert "won't write down" not in phrasings  # the record does keep a few categories
    assert "legally privileged" in " ".join(frame.avoid)


def test_content_corrections_of_v2(protocol: Protocol) -> None:
    check = protocol.step("check")
    assert "not by how long ago" in check.intent
    assert "orange" in check.intent
    assert "day 1" in check.intent
    prioritise = protocol.step("prioritise")
    assert "most at risk" in prioritise.intent
    assert "most affected" in prioritise.intent
    story = protocol.step("their_story")
    assert "without probing or judging" in story.intent
    # Group support is voluntary Stress First Aid based support, never a one-off debriefing.
    tips = " ".join(protocol.step("disposition").tips)
    assert "voluntary group support based on Stress First Aid" in tips
    assert "never a single compulsory debriefing" in tips
    assert "debrief" not in protocol.question("event.staff_affected").help


def test_a_follow_up_conversation_shows_the_since_last_contact_wording(
    protocol: Protocol,
) -> None:
    follow_up = Conversation(protocol, {"event.days_since": 3}, encounter_type="follow_up")
    shown = {q.id: q.label for q in follow_up.visible_questions("safety_check")}
    assert shown["safety.cssrs.wish_dead"].startswith("1. Since we last spoke, have you")
    assert shown["safety.cssrs.suicidal_thoughts"].startswith("2. Since we last spoke")
    step = next(s for s in follow_up.steps() if s.id == "safety_check")
    assert all("In the past month" not in q.label for q in step.questions)
    first = Conversation(protocol, {}, encounter_type="initial")
    shown = {q.id: q.label for q in first.visible_questions("safety_check")}
    assert shown["safety.cssrs.wish_dead"].startswith("1. In the past month, have you")
    # The protocol itself keeps both wordings; item 6 reads the same at both.
    assert protocol.question("safety.cssrs.wish_dead").label.startswith("1. In the past month")
    ever = protocol.question("safety.cssrs.behavior_lifetime")
    assert ever.label_for("follow_up") == ever.label
