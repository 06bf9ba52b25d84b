"""The default escalation rules give the level, actions and reasons escalation.md promises."""

from __future__ import annotations

import datetime
import tomllib
from pathlib import Path
from typing import Any

import pytest

from svdesk.content.answers import ANSWER_TYPES, answer_spec
from svdesk.content.record_fields import ESCALATION_ACTIONS, ESCALATION_LEVELS
from svdesk.content.rules import (
    EscalationResult,
    FiredRule,
    due_after,
    evaluate,
    level_rank,
    load_rules,
    validate_answers,
)
from svdesk.errors import ValidationError

VIGNETTES_FILE = Path(__file__).with_name("vignettes.toml")
NULL = "__null__"  # TOML has no null; the vignettes file spells it so


def _vignettes() -> list[dict[str, Any]]:
    with VIGNETTES_FILE.open("rb") as f:
        vignettes: list[dict[str, Any]] = tomllib.load(f)["vignette"]
    return vignettes


def _answers(raw: dict[str, Any]) -> dict[str, object]:
    return {k: (None if v == NULL else v) for k, v in raw.items()}


def fired_ids(result: EscalationResult) -> list[str]:
    return [f.id for f in result.fired]


# ---------------------------------------------------------------- vocabulary and public constants

DICTIONARY_ANSWER_IDS = {
    "event.categories": "code_list",
    "event.days_since": "integer",
    "event.staff_affected": "integer",
    "event.multiple_departments": "bool",
    "event.repeat_in_90d": "bool",
    "safety.imminent_danger": "bool",
    "safety.harm_to_others_thoughts": "bool",
    "safety.harm_to_others_intent": "bool",
    "safety.impaired_at_work": "bool",
    "safety.cssrs.wish_dead": "bool",
    "safety.cssrs.suicidal_thoughts": "bool",
    "safety.cssrs.method": "bool",
    "safety.cssrs.intent": "bool",
    "safety.cssrs.plan": "bool",
    "safety.cssrs.behavior_lifetime": "bool",
    "safety.cssrs.behavior_3mo": "bool",
    "safety.unsafe_to_continue_care": "bool",
    "stress.zone": "code",
    "stress.symptom_days": "integer",
    "stress.recovery_stage": "code",
    "stress.functional_impairment": "bool",
    "stress.substance_use_to_cope": "bool",
    "stress.considering_leaving": "bool",
    "screen.pc_ptsd5": "integer",
    "screen.phq2": "integer",
    "screen.gad2": "integer",
    "situation.litigation_or_investigation": "bool",
    "situation.requests_professional_help": "bool",
    "situation.supporter_out_of_depth": "bool",
    "supporter.own_distress": "code",
}


def test_vocabulary_has_exactly_the_data_dictionary_answers() -> None:
    assert dict(ANSWER_TYPES) == DICTIONARY_ANSWER_IDS


@pytest.mark.parametrize(
    ("answer_id", "codes", "low", "high"),
    [
        ("stress.zone", ("green", "yellow", "orange", "red", "not_assessed"), None, None),
        ("supporter.own_distress", ("none", "some", "high"), None, None),
        ("screen.pc_ptsd5", (), 0, 5),
        ("screen.phq2", (), 0, 6),
        ("screen.gad2", (), 0, 6),
        ("event.staff_affected", (), 1, None),
        ("stress.symptom_days", (), 0, None),
    ],
)
def test_vocabulary_codes_and_ranges_follow_the_dictionary(
    answer_id: str, codes: tuple[str, ...], low: int | None, high: int | None
) -> None:
    spec = answer_spec(answer_id)
    assert spec.codes == codes
    assert (spec.minimum, spec.maximum) == (low, high)


def test_recovery_stages_and_event_categories_are_the_dictionary_codes() -> None:
    assert answer_spec("stress.recovery_stage").codes == (
        "1_chaos", "2_intrusive_reflections", "3_restoring_integrity", "4_enduring_inquisition",
        "5_emotional_first_aid", "6_dropping_out", "6_surviving", "6_thriving", "unclear",
    )  # fmt: skip
    assert len(answer_spec("event.categories").codes) == 15
    assert "litigation_notice" in answer_spec("event.categories").codes


def test_answer_spec_of_unknown_id_names_it() -> None:
    with pytest.raises(ValidationError, match=r"stress\.zonee"):
        answer_spec("stress.zonee")


def test_levels_and_actions_are_the_contract() -> None:
    assert ESCALATION_LEVELS == (
        "emergency", "tier3_same_day", "tier3_72h", "tier3_2wk", "tier2_intensified", "tier2",
    )  # fmt: skip
    assert set(ESCALATION_ACTIONS) == {
        "relieve_from_duty", "group_response", "risk_legal_support",
        "leader_involvement", "supporter_debrief", "crisis_line_info",
        "security_alert", "fitness_for_duty",
    }  # fmt: skip


def test_level_rank_orders_levels_by_urgency() -> None:
    ranks = [level_rank(level) for level in ESCALATION_LEVELS]
    assert ranks == sorted(ranks, reverse=True)
    assert len(set(ranks)) == len(ESCALATION_LEVELS)
    assert level_rank("tier2") == 0
    with pytest.raises(ValidationError, match="urgent"):
        level_rank("urgent")


def test_due_after_each_level() -> None:
    hours = datetime.timedelta(hours=1)
    assert due_after("emergency") == datetime.timedelta(0)
    assert due_after("tier3_same_day") == 12 * hours
    assert due_after("tier3_72h") == 72 * hours
    assert due_after("tier3_2wk") == datetime.timedelta(days=14)
    assert due_after("tier2_intensified") == 72 * hours
    assert due_after("tier2") is None
    # More urgent levels are never due later than less urgent tier-3 levels.
    tier3 = [due_after(level) for level in ESCALATION_LEVELS[:4]]
    assert tier3 == sorted(d for d in tier3 if d is not None)
    with pytest.raises(ValidationError):
        due_after("soon")


# ---------------------------------------------------------------- vignettes from the literature


@pytest.mark.parametrize("vignette", _vignettes(), ids=lambda v: str(v["name"]))
def test_vignette(vignette: dict[str, Any]) -> None:
    result = evaluate(_answers(vignette["answers"]))
    assert (result.level, list(result.actions), fired_ids(result)) == (
        vignette["level"],
        vignette["actions"],
        vignette["fired"],
    ), vignette["description"]


def test_there_are_at_least_40_described_vignettes_with_unique_names() -> None:
    vignettes = _vignettes()
    assert len(vignettes) >= 40
    assert len({v["name"] for v in vignettes}) == len(vignettes)
    assert all(len(v["description"]) > 20 for v in vignettes)


# ---------------------------------------------------------------- every row of the default table

# escalation.md "Default rules" (table v2): id -> (smallest answer sets that fire it, level,
# actions). Written from the table, in its order, not from the rules file.
CONTRACT_ROWS: dict[str, tuple[list[dict[str, object]], str | None, tuple[str, ...]]] = {
    "imminent_danger": ([{"safety.imminent_danger": True}], "emergency", ("crisis_line_info",)),
    "cssrs_high": (
        [
            {"safety.cssrs.intent": True},
            {"safety.cssrs.plan": True},
            {"safety.cssrs.behavior_3mo": True},
        ],
        "emergency",
        ("crisis_line_info",),
    ),
    "cssrs_method": ([{"safety.cssrs.method": True}], "tier3_same_day", ("crisis_line_info",)),
    "cssrs_behavior_lifetime": (
        [{"safety.cssrs.behavior_lifetime": True}],
        "tier3_same_day",
        ("crisis_line_info",),
    ),
    "cssrs_ideation": (
        [{"safety.cssrs.wish_dead": True}, {"safety.cssrs.suicidal_thoughts": True}],
        "tier3_72h",
        ("crisis_line_info",),
    ),
    "harm_to_others_intent": (
        [{"safety.harm_to_others_intent": True}],
        "emergency",
        ("security_alert",),
    ),
    "harm_to_others": ([{"safety.harm_to_others_thoughts": True}], "tier3_same_day", ()),
    "unsafe_to_continue": (
        [{"safety.unsafe_to_continue_care": True}],
        None,
        ("relieve_from_duty",),
    ),
    "impaired_at_work": (
        [{"safety.impaired_at_work": True}],
        "tier3_same_day",
        ("relieve_from_duty", "fitness_for_duty"),
    ),
    "red_zone": ([{"stress.zone": "red"}], "tier3_72h", ()),
    "orange_zone": ([{"stress.zone": "orange"}], "tier2_intensified", ()),
    "orange_persisting": (
        [{"stress.zone": "orange", "stress.symptom_days": 15}],
        "tier3_2wk",
        (),
    ),
    "symptoms_over_30d": (
        [
            {"stress.symptom_days": 31, "stress.zone": "yellow"},
            {"stress.symptom_days": 31, "stress.zone": "not_assessed"},
        ],
        "tier3_2wk",
        (),
    ),
    "impairment_persisting": (
        [{"stress.functional_impairment": True, "stress.symptom_days": 15}],
        "tier3_2wk",
        (),
    ),
    "substance_use": ([{"stress.substance_use_to_cope": True}], "tier3_72h", ()),
    "litigation": (
        [
            {"situation.litigation_or_investigation": True},
            {"event.categories": ["litigation_notice"]},
        ],
        "tier3_2wk",
        ("risk_legal_support",),
    ),
    "repeated_events": (
        [
            {"event.repeat_in_90d": True},
            {"event.categories": ["near_miss", "multiple_bad_outcomes"]},
        ],
        "tier2_intensified",
        (),
    ),
    "considering_leaving": (
        [{"stress.considering_leaving": True}, {"stress.recovery_stage": "6_dropping_out"}],
        "tier3_2wk",
        ("leader_involvement",),
    ),
    "screen_ptsd": (
        [{"screen.pc_ptsd5": 3}, {"screen.pc_ptsd5": 4}, {"screen.pc_ptsd5": 5}],
        "tier3_2wk",
        (),
    ),
    "screen_depression": ([{"screen.phq2": 3}, {"screen.phq2": 6}], "tier3_2wk", ()),
    "screen_anxiety": ([{"screen.gad2": 3}, {"screen.gad2": 6}], "tier3_2wk", ()),
    "group_event": (
        [
            {"event.staff_affected": 6},
            {"event.multiple_departments": True},
            {"event.categories": ["staff_death"]},
            {"event.staff_affected": 2, "event.multiple_departments": True},
        ],
        None,
        ("group_response",),
    ),
    "asks_for_help": ([{"situation.requests_professional_help": True}], "tier3_72h", ()),
    "out_of_depth": ([{"situation.supporter_out_of_depth": True}], "tier3_72h", ()),
    "supporter_distress": ([{"supporter.own_distress": "high"}], None, ("supporter_debrief",)),
}


# Rules that necessarily fire together with a row's smallest answer set, per the table: the
# orange zone on its own is a rule (tier2_intensified), so "orange for more than 14 days" fires it
# too. The result level is still the row's own (the higher one).
ALSO_FIRES: dict[str, list[str]] = {"orange_persisting": ["orange_zone"]}

# The table's source column, word for word ("no rule sourced to a text that does not say it").
TABLE_SOURCES: dict[str, str] = {
    "imminent_danger": "UW Medicine peer support; Creamer 2012 Delphi",
    "cssrs_high": "Columbia Protocol screen version triage (high risk)",
    "cssrs_method": "Columbia Protocol triage (moderate risk)",
    "cssrs_behavior_lifetime": "Columbia Protocol triage (lifetime behaviour: moderate risk)",
    "cssrs_ideation": "Columbia Protocol triage (low risk: referral and crisis line)",
    "harm_to_others_intent": "Creamer 2012; program violence policy",
    "harm_to_others": "Creamer 2012",
    "unsafe_to_continue": 'Scott 2009 stage 1; Stress First Aid "Cover"',
    "impaired_at_work": "program policy (fitness for duty); physician / nurse health programs",
    "red_zone": "Stress First Aid continuum",
    "orange_zone": "Stress First Aid (orange = injury: closer follow-up)",
    "orange_persisting": (
        'program convention (Stress First Aid says "persistent", no number of days)'
    ),
    "symptoms_over_30d": "AMA STEPS Forward (stress illness > 30 days)",
    "impairment_persisting": "program convention",
    "substance_use": "Stress First Aid orange indicators",
    "litigation": "Joint Commission QS39; Scott 2009 stages 4–5",
    "repeated_events": "forYOU high-risk scenarios",
    "considering_leaving": "Scott 2009 stage 6",
    "screen_ptsd": "Prins 2016 (3 maximises sensitivity); Bovin 2021 (women may need 3)",
    "screen_depression": "Kroenke 2003",
    "screen_anxiety": "Kroenke 2007",
    "group_event": "Nationwide Children's YOU Matter; Code Lavender",
    "asks_for_help": "ERNST; Creamer 2012",
    "out_of_depth": "Creamer 2012",
    "supporter_distress": "Creamer 2012; ERNST",
}


def test_default_rule_ids_are_exactly_the_table_in_order() -> None:
    assert [r.id for r in load_rules().rules] == list(CONTRACT_ROWS)
    assert list(TABLE_SOURCES) == list(CONTRACT_ROWS)


def test_rules_version_is_table_v2() -> None:
    assert load_rules().version == "2026.2"


@pytest.mark.parametrize("rule_id", list(CONTRACT_ROWS))
def test_each_rule_fires_as_written(rule_id: str) -> None:
    cases, level, actions = CONTRACT_ROWS[rule_id]
    for answers in cases:
        result = evaluate(answers)
        assert sorted(fired_ids(result)) == sorted([rule_id, *ALSO_FIRES.get(rule_id, [])]), answers
        fired = next(f for f in result.fired if f.id == rule_id)
        assert (fired.level, fired.actions) == (level, actions)
        assert result.level == (level or "tier2")
        assert result.actions == tuple(sorted(actions))
        assert fired.reason.strip()
        assert fired.source == TABLE_SOURCES[rule_id]


def test_reasons_are_plain_single_paragraphs_that_say_what_to_do() -> None:
    for rule in load_rules().rules:
        assert "\n" not in rule.reason
        assert "  " not in rule.reason
        assert 40 <= len(rule.reason) <= 400, rule.id
        assert "second victim" not in rule.reason.lower()


def test_answer_ids_read_by_the_default_rules() -> None:
    ids = load_rules().answer_ids()
    assert ids <= set(ANSWER_TYPES)
    # Context-only answers the rules never read:
    assert set(ANSWER_TYPES) - ids == {"event.days_since"}


# ---------------------------------------------------------------- exact boundaries


@pytest.mark.parametrize(
    ("answers", "fires"),
    [
        ({"stress.zone": "orange", "stress.symptom_days": 0}, ["orange_zone"]),
        ({"stress.zone": "orange", "stress.symptom_days": 14}, ["orange_zone"]),
        (
            {"stress.zone": "orange", "stress.symptom_days": 15},
            ["orange_zone", "orange_persisting"],
        ),
        ({"stress.functional_impairment": True, "stress.symptom_days": 14}, []),
        (
            {"stress.functional_impairment": True, "stress.symptom_days": 15},
            ["impairment_persisting"],
        ),
        ({"stress.zone": "yellow", "stress.symptom_days": 30}, []),
        ({"stress.zone": "yellow", "stress.symptom_days": 31}, ["symptoms_over_30d"]),
        (
            {"stress.zone": "orange", "stress.symptom_days": 31},
            ["orange_zone", "orange_persisting", "symptoms_over_30d"],
        ),
        ({"stress.zone": "green", "stress.symptom_days": 31}, []),
        ({"screen.phq2": 2}, []),
        ({"screen.phq2": 3}, ["screen_depression"]),
        ({"screen.gad2": 2}, []),
        ({"screen.gad2": 3}, ["screen_anxiety"]),
        ({"screen.pc_ptsd5": 2}, []),
        ({"screen.pc_ptsd5": 3}, ["screen_ptsd"]),
        ({"screen.phq2": 0, "screen.gad2": 0, "screen.pc_ptsd5": 0}, []),
        ({"event.staff_affected": 5}, []),
        ({"event.staff_affected": 1}, []),
        ({"event.staff_affected": 6}, ["group_event"]),
        ({"event.staff_affected": 5, "event.multiple_departments": False}, []),
        ({"event.staff_affected": 5, "event.multiple_departments": True}, ["group_event"]),
        ({"event.categories": ["unexpected_death", "staff_death"]}, ["group_event"]),
        ({"event.categories": ["unexpected_death"]}, []),
        # Item 6 in two parts: lifetime alone is same day; within 3 months is an emergency.
        ({"safety.cssrs.behavior_lifetime": False}, []),
        ({"safety.cssrs.behavior_lifetime": True}, ["cssrs_behavior_lifetime"]),
        (
            {"safety.cssrs.behavior_lifetime": True, "safety.cssrs.behavior_3mo": False},
            ["cssrs_behavior_lifetime"],
        ),
        (
            {"safety.cssrs.behavior_lifetime": True, "safety.cssrs.behavior_3mo": True},
            ["cssrs_high", "cssrs_behavior_lifetime"],
        ),
        # Harm to others: thoughts are same day; intent or a plan is an emergency with security.
        ({"safety.harm_to_others_thoughts": False}, []),
        (
            {"safety.harm_to_others_thoughts": True, "safety.harm_to_others_intent": False},
            ["harm_to_others"],
        ),
        (
            {"safety.harm_to_others_thoughts": True, "safety.harm_to_others_intent": True},
            ["harm_to_others_intent", "harm_to_others"],
        ),
        ({"safety.impaired_at_work": False}, []),
        ({"stress.zone": "yellow"}, []),
        ({"stress.zone": "red"}, ["red_zone"]),
    ],
)
def test_boundaries_are_exact(answers: dict[str, object], fires: list[str]) -> None:
    assert fired_ids(evaluate(answers)) == fires


# ---------------------------------------------------------------- absent answers


def test_empty_answers_give_tier2_with_nothing_fired() -> None:
    result = evaluate({})
    assert (result.level, result.actions, result.fired) == ("tier2", (), ())
    assert not result.escalated


@pytest.mark.parametrize(
    "answers",
    [
        {"stress.symptom_days": 40},  # zone absent: "not green" is not known
        {"stress.symptom_days": 40, "stress.zone": None},
        {"stress.functional_impairment": True, "stress.symptom_days": None},  # days absent
        {"stress.zone": None, "stress.symptom_days": 15},
        {"stress.functional_impairment": True},
        {"safety.imminent_danger": None, "safety.cssrs.intent": None},
        {"event.categories": []},
        {"event.categories": None},
    ],
)
def test_absent_or_null_answers_never_fire(answers: dict[str, object]) -> None:
    assert evaluate(answers).fired == ()


def test_not_assessed_zone_is_not_green_but_absent_zone_is_unknown() -> None:
    assert fired_ids(evaluate({"stress.zone": "not_assessed", "stress.symptom_days": 31})) == [
        "symptoms_over_30d"
    ]
    assert fired_ids(evaluate({"stress.symptom_days": 31})) == []


def test_no_is_not_yes() -> None:
    every_bool_no = {k: False for k, t in ANSWER_TYPES.items() if t == "bool"}
    assert evaluate(every_bool_no).fired == ()


# ---------------------------------------------------------------- result shape


def test_to_json_has_exactly_the_contract_shape() -> None:
    result = evaluate(
        {
            "safety.cssrs.wish_dead": True,
            "safety.unsafe_to_continue_care": True,
            "event.staff_affected": 9,
        }
    )
    data = result.to_json()
    assert list(data) == ["level", "actions", "fired", "rules_version"]
    assert data["level"] == "tier3_72h"
    assert data["actions"] == ["crisis_line_info", "group_response", "relieve_from_duty"]
    assert data["rules_version"] == load_rules().version
    fired = data["fired"]
    assert isinstance(fired, list)
    assert [f["id"] for f in fired] == ["cssrs_ideation", "unsafe_to_continue", "group_event"]
    for item in fired:
        assert list(item) == ["id", "level", "actions", "reason", "source"]
        assert isinstance(item["actions"], list)
    assert fired[1]["level"] is None  # action-only rule


def test_actions_are_sorted_and_unique_across_rules() -> None:
    # imminent_danger, cssrs_high, cssrs_method and cssrs_ideation all carry crisis_line_info.
    result = evaluate(
        {
            "safety.imminent_danger": True,
            "safety.cssrs.plan": True,
            "safety.cssrs.method": True,
            "safety.cssrs.wish_dead": True,
            "supporter.own_distress": "high",
        }
    )
    assert result.actions == ("crisis_line_info", "supporter_debrief")
    assert fired_ids(result) == [
        "imminent_danger", "cssrs_high", "cssrs_method", "cssrs_ideation", "supporter_distress",
    ]  # fmt: skip


def test_fired_rule_carries_reason_and_source_from_the_file() -> None:
    result = evaluate({"situation.litigation_or_investigation": True})
    assert result.fired == (
        FiredRule(
            id="litigation",
            level="tier3_2wk",
            actions=("risk_legal_support",),
            reason=result.fired[0].reason,
            source="Joint Commission QS39; Scott 2009 stages 4–5",
        ),
    )
    assert "risk management" in result.fired[0].reason
    assert "facts of the case" in result.fired[0].reason


def test_evaluate_is_pure() -> None:
    answers: dict[str, object] = {"event.categories": ["litigation_notice"], "stress.zone": "red"}
    snapshot = {k: (list(v) if isinstance(v, list) else v) for k, v in answers.items()}
    first = evaluate(answers)
    assert evaluate(answers) == first
    assert answers == snapshot


# ---------------------------------------------------------------- answer validation


@pytest.mark.parametrize(
    ("answers", "bad_id"),
    [
        ({"stress.zone": "purple"}, "stress.zone"),
        ({"stress.zone": 3}, "stress.zone"),
        ({"screen.phq2": 7}, "screen.phq2"),
        ({"screen.phq2": -1}, "screen.phq2"),
        ({"screen.phq2": True}, "screen.phq2"),  # True is not 1
        ({"screen.phq2": 3.0}, "screen.phq2"),
        ({"screen.phq2": "3"}, "screen.phq2"),
        ({"event.staff_affected": 0}, "event.staff_affected"),
        ({"safety.imminent_danger": 1}, "safety.imminent_danger"),
        ({"safety.imminent_danger": "yes"}, "safety.imminent_danger"),
        ({"event.categories": "litigation_notice"}, "event.categories"),
        ({"event.categories": ["lawsuit"]}, "event.categories"),
        ({"event.categories": [None]}, "event.categories"),
        ({"stress.zonee": "red"}, "stress.zonee"),
        ({"zone": "red", "screen.gad2": 1}, "zone"),
        ({"screen.gad2": 10**5000}, "screen.gad2"),  # too big to print: still one clear sentence
        ({"event.categories": [[[["near_miss"]]]]}, "event.categories"),
        ({"stress.zone": "x" * 100_000}, "stress.zone"),
    ],
)
def test_invalid_answers_raise_validation_error_naming_the_id(
    answers: dict[str, object], bad_id: str
) -> None:
    with pytest.raises(ValidationError) as info:
        evaluate(answers)
    assert bad_id in info.value.message
    assert [p for p, _ in info.value.problems] == [bad_id]
    assert info.value.exit_code == 2
    assert len(info.value.message) < 300


def test_all_invalid_answers_are_listed() -> None:
    with pytest.raises(ValidationError) as info:
        validate_answers({"a": 1, "stress.zone": "x", "screen.gad2": 2, "b": None})
    assert [p for p, _ in info.value.problems] == ["a", "stress.zone", "b"]
    assert "(and 2 more)" in info.value.message


def test_validate_answers_drops_nulls_and_keeps_values() -> None:
    clean = validate_answers(
        {"stress.zone": None, "screen.gad2": 0, "event.categories": ["near_miss"]}
    )
    assert clean == {"screen.gad2": 0, "event.categories": ("near_miss",)}


def test_non_text_key_is_named() -> None:
    with pytest.raises(ValidationError) as info:
        validate_answers({3: True})  # type: ignore[dict-item]
    assert info.value.problems[0][0] == "3"


# ---------------------------------------------------------------- v2 levels, end to end


@pytest.mark.parametrize(
    ("answers", "level", "actions"),
    [
        # Item 6: lifetime only -> same day; past 3 months -> emergency.
        ({"safety.cssrs.behavior_lifetime": True}, "tier3_same_day", ("crisis_line_info",)),
        (
            {"safety.cssrs.behavior_lifetime": True, "safety.cssrs.behavior_3mo": True},
            "emergency",
            ("crisis_line_info",),
        ),
        (
            {"safety.harm_to_others_thoughts": True, "safety.harm_to_others_intent": True},
            "emergency",
            ("security_alert",),
        ),
        (
            {"safety.impaired_at_work": True, "safety.unsafe_to_continue_care": True},
            "tier3_same_day",
            ("fitness_for_duty", "relieve_from_duty"),
        ),
        # Severe reactions are orange even on day 1: closer follow-up, whatever the time.
        ({"stress.zone": "orange", "event.days_since": 0}, "tier2_intensified", ()),
        ({"screen.pc_ptsd5": 3, "event.days_since": 30}, "tier3_2wk", ()),
    ],
)
def test_table_v2_results(answers: dict[str, object], level: str, actions: tuple[str, ...]) -> None:
    result = evaluate(answers)
    assert (result.level, result.actions) == (level, actions)


def test_screen_thresholds_are_the_rules_numbers() -> None:
    assert load_rules().screen_thresholds() == {
        "screen.pc_ptsd5": 3,
        "screen.phq2": 3,
        "screen.gad2": 3,
    }
