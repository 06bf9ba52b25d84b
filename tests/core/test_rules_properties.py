"""Properties escalation.md requires of the engine: agrees with the table, monotone, explainable,
total. Answers are generated from the vocabulary, so a new answer id is covered automatically."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svdesk.content.answers import ANSWERS, AnswerSpec
from svdesk.content.record_fields import ESCALATION_LEVELS
from svdesk.content.rules import EscalationResult, evaluate, level_rank, load_rules
from svdesk.errors import ValidationError

ZONE_ORDER = ("green", "yellow", "orange", "red")
BOOL_IDS = sorted(k for k, s in ANSWERS.items() if s.type == "bool")


def _value(spec: AnswerSpec) -> st.SearchStrategy[object]:
    if spec.type == "bool":
        return st.booleans()
    if spec.type == "integer":
        low = spec.minimum if spec.minimum is not None else 0
        high = spec.maximum if spec.maximum is not None else low + 60
        return st.integers(low, high)
    if spec.type == "code":
        return st.sampled_from(spec.codes)
    return st.lists(st.sampled_from(spec.codes), unique=True, max_size=4)


# Each answer is absent, null or a valid value.
valid_answers: st.SearchStrategy[dict[str, object]] = st.fixed_dictionaries(
    {},
    optional={
        k: st.one_of(st.none(), _value(spec)) if k != "stress.zone" else _value(spec)
        for k, spec in ANSWERS.items()
    },
)


# ---------------------------------------------------------------- an independent oracle
# escalation.md's table v2, transcribed by hand (not read from the TOML), absent = never fires.


def _yes(a: Mapping[str, Any], k: str) -> bool:
    return a.get(k) is True


def _num(a: Mapping[str, Any], k: str) -> int | None:
    v = a.get(k)
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def _gt(a: Mapping[str, Any], k: str, n: int) -> bool:
    v = _num(a, k)
    return v is not None and v > n


def _ge(a: Mapping[str, Any], k: str, n: int) -> bool:
    v = _num(a, k)
    return v is not None and v >= n


def _cats(a: Mapping[str, Any]) -> list[str]:
    return list(a.get("event.categories") or [])


ORACLE: list[tuple[str, str | None, tuple[str, ...], Callable[[Mapping[str, Any]], bool]]] = [
    ("imminent_danger", "emergency", ("crisis_line_info",),
     lambda a: _yes(a, "safety.imminent_danger")),
    ("cssrs_high", "emergency", ("crisis_line_info",),
     lambda a: any(_yes(a, f"safety.cssrs.{k}") for k in ("intent", "plan", "behavior_3mo"))),
    ("cssrs_method", "tier3_same_day", ("crisis_line_info",),
     lambda a: _yes(a, "safety.cssrs.method")),
    ("cssrs_behavior_lifetime", "tier3_same_day", ("crisis_line_info",),
     lambda a: _yes(a, "safety.cssrs.behavior_lifetime")),
    ("cssrs_ideation", "tier3_72h", ("crisis_line_info",),
     lambda a: _yes(a, "safety.cssrs.wish_dead") or _yes(a, "safety.cssrs.suicidal_thoughts")),
    ("harm_to_others_intent", "emergency", ("security_alert",),
     lambda a: _yes(a, "safety.harm_to_others_intent")),
    ("harm_to_others", "tier3_same_day", (),
     lambda a: _yes(a, "safety.harm_to_others_thoughts")),
    ("unsafe_to_continue", None, ("relieve_from_duty",),
     lambda a: _yes(a, "safety.unsafe_to_continue_care")),
    ("impaired_at_work", "tier3_same_day", ("relieve_from_duty", "fitness_for_duty"),
     lambda a: _yes(a, "safety.impaired_at_work")),
    ("red_zone", "tier3_72h", (), lambda a: a.get("stress.zone") == "red"),
    ("orange_zone", "tier2_intensified", (), lambda a: a.get("stress.zone") == "orange"),
    ("orange_persisting", "tier3_2wk", (),
     lambda a: a.get("stress.zone") == "orange" and _gt(a, "stress.symptom_days", 14)),
    ("symptoms_over_30d", "tier3_2wk", (),
     lambda a: _gt(a, "stress.symptom_days", 30)
     and a.get("stress.zone") is not None and a.get("stress.zone") != "green"),
    ("impairment_persisting", "tier3_2wk", (),
     lambda a: _yes(a, "stress.functional_impairment") and _gt(a, "stress.symptom_days", 14)),
    ("substance_use", "tier3_72h", (), lambda a: _yes(a, "stress.substance_use_to_cope")),
    ("litigation", "tier3_2wk", ("risk_legal_support",),
     lambda a: _yes(a, "situation.litigation_or_investigation")
     or "litigation_notice" in _cats(a)),
    ("repeated_events", "tier2_intensified", (),
     lambda a: _yes(a, "event.repeat_in_90d") or "multiple_bad_outcomes" in _cats(a)),
    ("considering_leaving", "tier3_2wk", ("leader_involvement",),
     lambda a: _yes(a, "stress.considering_leaving")
     or a.get("stress.recovery_stage") == "6_dropping_out"),
    ("screen_ptsd", "tier3_2wk", (), lambda a: _ge(a, "screen.pc_ptsd5", 3)),
    ("screen_depression", "tier3_2wk", (), lambda a: _ge(a, "screen.phq2", 3)),
    ("screen_anxiety", "tier3_2wk", (), lambda a: _ge(a, "screen.gad2", 3)),
    ("group_event", None, ("group_response",),
     lambda a: _gt(a, "event.staff_affected", 5) or _yes(a, "event.multiple_departments")
     or "staff_death" in _cats(a)),
    ("asks_for_help", "tier3_72h", (),
     lambda a: _yes(a, "situation.requests_professional_help")),
    ("out_of_depth", "tier3_72h", (), lambda a: _yes(a, "situation.supporter_out_of_depth")),
    ("supporter_distress", None, ("supporter_debrief",),
     lambda a: a.get("supporter.own_distress") == "high"),
]  # fmt: skip


@given(valid_answers)
def test_engine_agrees_with_the_table_as_written(answers: dict[str, object]) -> None:
    fired = [(i, lvl, acts) for i, lvl, acts, when in ORACLE if when(answers)]
    levels = [lvl for _, lvl, _ in fired if lvl is not None]
    expected_level = max(levels, key=ESCALATION_LEVELS[::-1].index) if levels else "tier2"
    expected_actions = tuple(sorted({a for _, _, acts in fired for a in acts}))
    result = evaluate(answers)
    assert [(f.id, f.level, f.actions) for f in result.fired] == fired
    assert (result.level, result.actions) == (expected_level, expected_actions)


# ---------------------------------------------------------------- monotone


def _not_lower(before: EscalationResult, after: EscalationResult) -> None:
    assert level_rank(after.level) >= level_rank(before.level)
    assert set(before.actions) <= set(after.actions)


@given(valid_answers, st.sampled_from(BOOL_IDS))
def test_turning_a_bool_to_yes_never_lowers_the_result(
    answers: dict[str, object], answer_id: str
) -> None:
    if answers.get(answer_id) is True:
        answers[answer_id] = False
    before = evaluate(answers)
    after = evaluate({**answers, answer_id: True})
    _not_lower(before, after)
    without = {k: v for k, v in answers.items() if k != answer_id}
    _not_lower(evaluate(without), after)


@given(valid_answers, st.integers(0, 3), st.integers(0, 3))
def test_moving_up_the_stress_continuum_never_lowers_the_result(
    answers: dict[str, object], low: int, high: int
) -> None:
    low, high = min(low, high), max(low, high)
    before = evaluate({**answers, "stress.zone": ZONE_ORDER[low]})
    after = evaluate({**answers, "stress.zone": ZONE_ORDER[high]})
    _not_lower(before, after)


@given(valid_answers, st.data())
def test_turning_many_answers_up_at_once_never_lowers_the_result(
    answers: dict[str, object], data: st.DataObject
) -> None:
    ups = data.draw(st.lists(st.sampled_from(BOOL_IDS), unique=True, min_size=1))
    raised = {**answers, **dict.fromkeys(ups, True)}
    zone = answers.get("stress.zone")
    if zone in ZONE_ORDER:
        raised["stress.zone"] = ZONE_ORDER[data.draw(st.integers(ZONE_ORDER.index(str(zone)), 3))]
    _not_lower(evaluate(answers), evaluate(raised))


@given(valid_answers, st.data())
def test_answering_one_more_question_never_lowers_the_result(
    answers: dict[str, object], data: st.DataObject
) -> None:
    # The banner may rise as the conversation goes on, never fall because a question was answered.
    unanswered = sorted(k for k in ANSWERS if answers.get(k) is None)
    if not unanswered:
        return
    answer_id = data.draw(st.sampled_from(unanswered))
    value = data.draw(_value(ANSWERS[answer_id]))
    _not_lower(evaluate(answers), evaluate({**answers, answer_id: value}))


# ---------------------------------------------------------------- explainable


@given(valid_answers)
def test_each_fired_rule_appears_once_with_its_explanation(answers: dict[str, object]) -> None:
    result = evaluate(answers)
    rules = {r.id: r for r in load_rules().rules}
    order = list(rules)
    ids = [f.id for f in result.fired]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids, key=order.index)
    for fired in result.fired:
        rule = rules[fired.id]
        assert (fired.level, fired.actions, fired.reason, fired.source) == (
            rule.level, rule.actions, rule.reason, rule.source,
        )  # fmt: skip
        assert fired.reason
        assert fired.source
    # Every part of the result is explained by some fired rule.
    for action in result.actions:
        assert any(action in f.actions for f in result.fired)
    if result.level != "tier2":
        assert any(f.level == result.level for f in result.fired)
    assert result.actions == tuple(sorted(set(result.actions)))


# ---------------------------------------------------------------- total

json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=8)
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)
any_key = st.one_of(st.sampled_from(sorted(ANSWERS)), st.text(max_size=12), st.integers(-5, 5))
arbitrary_answers = st.dictionaries(
    any_key,
    st.one_of(json_values, st.sampled_from(["red", "high", "6_dropping_out", "near_miss"])),
    max_size=6,
)


@settings(max_examples=300)
@given(st.one_of(arbitrary_answers, valid_answers))
def test_any_mapping_gives_a_result_or_a_validation_error_naming_an_id(
    answers: dict[str, object],
) -> None:
    error: ValidationError | None = None
    result: EscalationResult | None = None
    try:
        result = evaluate(answers)
    except ValidationError as exc:
        error = exc
    if error is not None:
        assert error.problems
        assert {path for path, _ in error.problems} <= {str(k) for k in answers}
        assert error.problems[0][0] in error.message
    else:
        assert result is not None
        assert result.level in ESCALATION_LEVELS
        assert set(answers) <= set(ANSWERS)


@given(st.one_of(json_values, st.integers(), st.text()))
def test_a_non_mapping_is_a_validation_error(value: object) -> None:
    if isinstance(value, dict):
        value = list(value.items())
    with pytest.raises(ValidationError):
        evaluate(value)  # type: ignore[arg-type]
