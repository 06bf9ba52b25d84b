"""Every rule of the default rule set, fired through the conversation window on a real store.

For each rule: the answers that make it fire are given through the question widgets by keyboard
(radio buttons, check boxes, the combo box and spin boxes); the banner must show the rule's level
and reason (and actions) while the supporter is still on that step. Every result is then
completed, and the escalation must be in the unit's queue: due `rules.due_after(level)` after it
was raised, or with its action for action-only rules. Issues: "every row of the default table
fires exactly as written, through the GUI" and "a supporter who ticks a safety answer sees the
banner change before moving on".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from fakes import close_session, make_session

from svdesk.access.session import Session
from svdesk.content import rules
from svdesk.content.protocol.loader import load_protocol
from svdesk.unit import cases, drafts, escalations
from svdesk.unit.context import context_for, to_json
from ui.qt import QtCore, QtWidgets
from ui.unit.conversation import ConversationWindow, resume_conversation, start_new_conversation
from ui.unit.escalation_queue import EscalationQueue, due_text
from ui.widgets.escalation_banner import action_label, level_label
from ui.widgets.question_widgets import (
    BoolQuestion,
    ChoiceComboQuestion,
    ChoiceRadioQuestion,
    MultiQuestion,
    NumberQuestion,
)

RULES = rules.load_rules()
RULE_BY_ID = {rule.id: rule for rule in RULES.rules}

# Required answers of a first conversation that fire no rule (the conversation can complete).
INITIAL_BASICS: dict[str, object] = {
    "activation_source": "self",
    "modality": "in_person",
    "format": "individual",
    "people_reached": 1,
    "stress.zone": "yellow",
    "followup_plan": "w1",
    "duration": "m15_30",
    "needs_met": "yes",
    "role_category": "nurse",
    "unit_category": "icu_adult",
}
# A follow-up carries format, people, role and unit from the case.
FOLLOWUP_BASICS: dict[str, object] = {
    "modality": "phone",
    "stress.zone": "yellow",
    "followup_plan": "w1",
    "duration": "lt_15",
    "needs_met": "yes",
}


@dataclass(frozen=True)
class Scenario:
    """Answers (given in order, the last one being the one that makes the rule fire) and the
    rules expected to fire: only the rule itself, unless the protocol makes that impossible."""

    answers: dict[str, object]
    also_fires: tuple[str, ...] = ()
    follow_up: bool = False  # a follow-up of a case whose event was 30 days ago
    basics: dict[str, object] = field(default_factory=dict)


SCENARIOS: dict[str, Scenario] = {
    "imminent_danger": Scenario({"safety.imminent_danger": True}),
    # Item 6 second part ("within the past 3 months") is asked only after a yes to "ever",
    # which is the lifetime rule itself.
    "cssrs_high": Scenario(
        {"safety.cssrs.behavior_lifetime": True, "safety.cssrs.behavior_3mo": True},
        also_fires=("cssrs_behavior_lifetime",),
    ),
    "cssrs_behavior_lifetime": Scenario({"safety.cssrs.behavior_lifetime": True}),
    # Item 3 is asked only after a yes to item 2, which is ideation itself.
    "cssrs_method": Scenario(
        {"safety.cssrs.suicidal_thoughts": True, "safety.cssrs.method": True},
        also_fires=("cssrs_ideation",),
    ),
    "cssrs_ideation": Scenario({"safety.cssrs.wish_dead": True}),
    # Intent or a plan is asked only after a yes to thoughts of harming someone.
    "harm_to_others_intent": Scenario(
        {"safety.harm_to_others_thoughts": True, "safety.harm_to_others_intent": True},
        also_fires=("harm_to_others",),
    ),
    "harm_to_others": Scenario({"safety.harm_to_others_thoughts": True}),
    "unsafe_to_continue": Scenario({"safety.unsafe_to_continue_care": True}),
    "impaired_at_work": Scenario({"safety.impaired_at_work": True}),
    "red_zone": Scenario({"stress.zone": "red"}),
    "orange_zone": Scenario({"stress.zone": "orange"}),
    "orange_persisting": Scenario(
        {"stress.zone": "orange", "stress.symptom_days": 15}, also_fires=("orange_zone",)
    ),
    "symptoms_over_30d": Scenario({"stress.symptom_days": 31}),  # zone yellow (not green)
    "impairment_persisting": Scenario(
        {"stress.symptom_days": 15, "stress.functional_impairment": True}
    ),
    "substance_use": Scenario({"stress.substance_use_to_cope": True}),
    # The list-of-codes side of the rule, through a check box.
    "litigation": Scenario({"event.categories": ["near_miss", "litigation_notice"]}),
    "repeated_events": Scenario({"event.categories": ["multiple_bad_outcomes"]}),
    # Nine stages: a combo box.
    "considering_leaving": Scenario({"stress.recovery_stage": "6_dropping_out"}),
    # The screens are offered from day 28 at a first conversation too (conversation.md v2).
    "screen_ptsd": Scenario({"event.days_since": 30, "screen.pc_ptsd5": 3}),
    "screen_depression": Scenario({"screen.phq2": 3}, follow_up=True),
    "screen_anxiety": Scenario({"event.days_since": 28, "screen.gad2": 3}),
    "group_event": Scenario({"event.multiple_departments": True}),
    "asks_for_help": Scenario({"situation.requests_professional_help": True}),
    "out_of_depth": Scenario({"situation.supporter_out_of_depth": True}),
    "supporter_distress": Scenario({"supporter.own_distress": "high"}),
}


# The default table v2 of shared/spec/escalation.md as written there: id -> (level, actions).
SPEC_TABLE: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "imminent_danger": ("emergency", ("crisis_line_info",)),
    "cssrs_high": ("emergency", ("crisis_line_info",)),
    "cssrs_method": ("tier3_same_day", ("crisis_line_info",)),
    "cssrs_behavior_lifetime": ("tier3_same_day", ("crisis_line_info",)),
    "cssrs_ideation": ("tier3_72h", ("crisis_line_info",)),
    "harm_to_others_intent": ("emergency", ("security_alert",)),
    "harm_to_others": ("tier3_same_day", ()),
    "unsafe_to_continue": (None, ("relieve_from_duty",)),
    "impaired_at_work": ("tier3_same_day", ("relieve_from_duty", "fitness_for_duty")),
    "red_zone": ("tier3_72h", ()),
    "orange_zone": ("tier2_intensified", ()),
    "orange_persisting": ("tier3_2wk", ()),
    "symptoms_over_30d": ("tier3_2wk", ()),
    "impairment_persisting": ("tier3_2wk", ()),
    "substance_use": ("tier3_72h", ()),
    "litigation": ("tier3_2wk", ("risk_legal_support",)),
    "repeated_events": ("tier2_intensified", ()),
    "considering_leaving": ("tier3_2wk", ("leader_involvement",)),
    "screen_ptsd": ("tier3_2wk", ()),
    "screen_depression": ("tier3_2wk", ()),
    "screen_anxiety": ("tier3_2wk", ()),
    "group_event": (None, ("group_response",)),
    "asks_for_help": ("tier3_72h", ()),
    "out_of_depth": ("tier3_72h", ()),
    "supporter_distress": (None, ("supporter_debrief",)),
}


def test_every_default_rule_has_a_scenario_and_matches_the_spec_table() -> None:
    assert set(SCENARIOS) == set(RULE_BY_ID) == set(SPEC_TABLE)
    for rule in RULES.rules:
        assert (rule.level, rule.actions) == SPEC_TABLE[rule.id], rule.id


# ------------------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    """One unit store for the module (each test opens its own case in it)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SVDESK_KDF_PROFILE", "test")
        current = make_session(tmp_path_factory.mktemp("rules"))
    yield current
    close_session(current)


@pytest.fixture
def ctx(session: Session) -> Any:
    return context_for(session)


def _show(qtbot: Any, window: ConversationWindow) -> ConversationWindow:
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def _followup_window(qtbot: Any, ctx: Any) -> ConversationWindow:
    """A follow-up of a case whose event was 30 days ago (the first conversation through the
    core: only the follow-up is under test)."""
    protocol = load_protocol()
    first = drafts.start_conversation(ctx, protocol)
    for qid, value in {**INITIAL_BASICS, "event.days_since": 30}.items():
        drafts.save_answer(ctx, first.id, qid, value, protocol=protocol)
    cases.complete(ctx, first.id, protocol)
    draft = drafts.start_conversation(
        ctx, protocol, encounter_type="follow_up", case_code=first.case_code
    )
    return _show(qtbot, ConversationWindow(ctx, draft, protocol))


# ------------------------------------------------------------------------------ keyboard


def _focus(qtbot: Any, widget: QtWidgets.QWidget) -> None:
    widget.setFocus(QtCore.Qt.FocusReason.TabFocusReason)


def key_answer(qtbot: Any, window: ConversationWindow, qid: str, value: object) -> None:
    """Give `value` to question `qid` by keyboard, on its step, as a supporter would."""
    step = window._step_of[qid]
    if window.current_step_id() != step:
        window.go_to_step(step)
    widget = window.question_widget(qid)
    assert widget.isVisibleTo(window), f"{qid} is not shown"
    if isinstance(widget, BoolQuestion | ChoiceRadioQuestion):
        radio = widget.radio(value)
        _focus(qtbot, radio)
        qtbot.keyClick(radio, QtCore.Qt.Key.Key_Space)
    elif isinstance(widget, ChoiceComboQuestion):
        combo = widget.combo
        _focus(qtbot, combo)
        target = combo.findData(value)
        assert target >= 0, f"{value!r} is not offered for {qid}"
        key = QtCore.Qt.Key.Key_Down if combo.currentIndex() < target else QtCore.Qt.Key.Key_Up
        for _ in range(combo.count()):
            if combo.currentIndex() == target:
                break
            qtbot.keyClick(combo, key)
    elif isinstance(widget, MultiQuestion):
        wanted = set(value or ())  # type: ignore[call-overload]
        for code, box in widget.boxes.items():
            if box.isChecked() != (code in wanted):
                _focus(qtbot, box)
                qtbot.keyClick(box, QtCore.Qt.Key.Key_Space)
    elif isinstance(widget, NumberQuestion):
        spin = widget.spin
        _focus(qtbot, spin)
        qtbot.keyClick(spin, QtCore.Qt.Key.Key_A, QtCore.Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(spin, str(value))
        qtbot.keyClick(spin, QtCore.Qt.Key.Key_Return)
    else:  # pragma: no cover - a new widget type needs a way here
        raise AssertionError(f"no keyboard path for {type(widget).__name__}")
    assert widget.value() == value, f"{qid}: the widget shows {widget.value()!r}"
    assert window.conversation.answers.get(qid) == value, f"{qid} was not taken"
    assert window.current_step_id() == step  # answering never moves on by itself


def key_answers(qtbot: Any, window: ConversationWindow, answers: dict[str, object]) -> None:
    for qid, value in answers.items():
        key_answer(qtbot, window, qid, value)


def banner_level_text(window: ConversationWindow) -> str:
    label = window.banner.findChild(QtWidgets.QLabel, "bannerLevel")
    assert label is not None
    return label.text()


def tick_emergency_confirmations(qtbot: Any, window: ConversationWindow) -> None:
    panel = window._disposition
    assert panel is not None
    assert panel.emergency_box.isVisibleTo(window)
    for box in (panel.confirm_stay, panel.confirm_called, panel.confirm_handover):
        _focus(qtbot, box)
        qtbot.keyClick(box, QtCore.Qt.Key.Key_Space)
    _focus(qtbot, panel.handover_target)
    qtbot.keyClick(panel.handover_target, QtCore.Qt.Key.Key_Down)
    assert panel.confirmations_complete()


def complete_by_keyboard(qtbot: Any, window: ConversationWindow) -> Any:
    with qtbot.waitSignal(window.completed, timeout=10_000) as done:
        _focus(qtbot, window.complete_button)
        qtbot.keyClick(window.complete_button, QtCore.Qt.Key.Key_Space)
        if window.message.isVisible():  # a completion problem: say which
            pytest.fail(window.message.text())
    return done.args[0]


# ------------------------------------------------------------------------------ tests


@pytest.mark.parametrize("rule_id", list(SCENARIOS))
def test_rule_fires_in_the_banner_and_reaches_the_queue(qtbot: Any, ctx: Any, rule_id: str) -> None:
    rule = RULE_BY_ID[rule_id]
    scenario = SCENARIOS[rule_id]
    if scenario.follow_up:
        window = _followup_window(qtbot, ctx)
        basics = FOLLOWUP_BASICS
    else:
        window = _show(qtbot, start_new_conversation(ctx))
        basics = INITIAL_BASICS
    key_answers(qtbot, window, {q: v for q, v in basics.items() if q not in scenario.answers})
    assert window.banner.level() == "tier2"
    assert [f.id for f in window._result.fired] == []

    key_answers(qtbot, window, scenario.answers)
    last_step = window._step_of[list(scenario.answers)[-1]]
    # Still on the step of the answer: the banner has changed before any navigation.
    assert window.current_step_id() == last_step
    fired = {f.id for f in window._result.fired}
    assert fired == {rule_id, *scenario.also_fires}
    spec_level, spec_actions = SPEC_TABLE[rule_id]
    expected_level = spec_level or "tier2"
    assert set(spec_actions) <= set(window._result.actions)
    assert window.banner.level() == expected_level
    assert level_label(expected_level) in banner_level_text(window)
    assert rule.reason in window.banner.text()
    reasons = " ".join(
        label.text()
        for label in window.banner.findChildren(QtWidgets.QLabel)
        if label.isVisibleTo(window)
    )
    assert rule.reason.split(".")[0] in reasons  # on screen, not only for screen readers
    for action in spec_actions:
        assert action_label(action) in window.banner.text()
        assert action_label(action) in reasons

    if expected_level == "emergency":
        window.request_complete()  # refused until the crisis steps are confirmed
        assert window.current_step_id() == "disposition"
        assert drafts.open_drafts(ctx)
        tick_emergency_confirmations(qtbot, window)
    encounter = complete_by_keyboard(qtbot, window)
    assert encounter.escalation_level == expected_level
    assert rule_id in encounter.escalation_rules

    [raised] = [
        e for e in escalations.open_escalations(ctx) if e.encounter_id == encounter.encounter_id
    ]
    assert raised.level == expected_level
    assert rule_id in raised.rules
    assert set(spec_actions) <= set(raised.actions)
    if spec_level is not None:  # action-only results have no level to take a due time from
        assert raised.due_at - raised.created_at == rules.due_after(spec_level)
    if spec_level == "emergency":
        assert raised.due_at == raised.created_at  # due now
    # The unit's queue (as on the home page) lists it with its level and when it is due.
    queue = EscalationQueue(ctx)
    qtbot.addWidget(queue)
    shown = []
    for row in range(len(queue.due_texts())):
        queue.select_row(row)
        shown.append(queue.selected().id)
    assert raised.id in shown
    row = shown.index(raised.id)
    assert queue.table.item(row, 1).text() == level_label(expected_level)
    due = queue.due_texts()[row]
    assert due.removeprefix("⚠ ") == due_text(raised.due_at, ctx.now())
    if expected_level == "emergency":
        assert due == "⚠ now"


def test_symptom_days_boundary_in_the_orange_zone(qtbot: Any, ctx: Any) -> None:
    """14 days of orange-zone reactions is not yet "more than two weeks"; 15 is."""
    window = _show(qtbot, start_new_conversation(ctx))
    key_answer(qtbot, window, "stress.zone", "orange")
    key_answer(qtbot, window, "stress.symptom_days", 14)
    # Orange on its own is closer follow-up (table v2), whatever the number of days.
    assert window.banner.level() == "tier2_intensified"
    assert "orange_persisting" not in {f.id for f in window._result.fired}

    spin = window.question_widget("stress.symptom_days").spin  # type: ignore[attr-defined]
    _focus(qtbot, spin)
    qtbot.keyClick(spin, QtCore.Qt.Key.Key_Up)
    assert window.conversation.answers["stress.symptom_days"] == 15
    assert window.banner.level() == "tier3_2wk"
    assert [f.id for f in window._result.fired] == ["orange_zone", "orange_persisting"]
    assert RULE_BY_ID["orange_persisting"].reason in window.banner.text()

    qtbot.keyClick(spin, QtCore.Qt.Key.Key_Down)
    assert window.banner.level() == "tier2_intensified"
    assert drafts.load_draft(ctx, window.draft.id).answers["stress.symptom_days"] == 14
    window.close()


@dataclass(frozen=True)
class Threshold:
    """A numeric rule "exactly as written": `below` is the highest value that must not fire;
    one arrow press up crosses the threshold."""

    rule_id: str
    qid: str
    below: int
    context: dict[str, object] = field(default_factory=dict)
    follow_up: bool = False


THRESHOLDS = (
    Threshold("symptoms_over_30d", "stress.symptom_days", 30, {"stress.zone": "yellow"}),
    Threshold(
        "impairment_persisting",
        "stress.symptom_days",
        14,
        {"stress.zone": "yellow", "stress.functional_impairment": True},
    ),
    Threshold("group_event", "event.staff_affected", 5),
    Threshold("screen_ptsd", "screen.pc_ptsd5", 2, follow_up=True),
    Threshold("screen_ptsd", "screen.pc_ptsd5", 2, {"event.days_since": 28}),
    Threshold("screen_depression", "screen.phq2", 2, follow_up=True),
    Threshold("screen_anxiety", "screen.gad2", 2, follow_up=True),
)


@pytest.mark.parametrize(
    "case", THRESHOLDS, ids=[t.rule_id + ("-follow-up" if t.follow_up else "") for t in THRESHOLDS]
)
def test_threshold_is_exact_through_the_spin_box(qtbot: Any, ctx: Any, case: Threshold) -> None:
    window = (
        _followup_window(qtbot, ctx)
        if case.follow_up
        else _show(qtbot, start_new_conversation(ctx))
    )
    key_answers(qtbot, window, case.context)
    key_answer(qtbot, window, case.qid, case.below)
    assert case.rule_id not in {f.id for f in window._result.fired}
    spin = window.question_widget(case.qid).spin  # type: ignore[attr-defined]
    _focus(qtbot, spin)
    qtbot.keyClick(spin, QtCore.Qt.Key.Key_Up)
    assert window.conversation.answers[case.qid] == case.below + 1
    assert case.rule_id in {f.id for f in window._result.fired}
    assert RULE_BY_ID[case.rule_id].reason in window.banner.text()
    window.close()


def test_not_green_is_false_while_the_zone_is_not_asked(qtbot: Any, ctx: Any) -> None:
    """ "stress.zone is not green" never fires on an absent zone; it does on not_assessed."""
    window = _show(qtbot, start_new_conversation(ctx))
    key_answer(qtbot, window, "stress.symptom_days", 31)
    assert window.conversation.answers.get("stress.zone") is None
    assert window.banner.level() == "tier2"
    key_answer(qtbot, window, "stress.zone", "green")
    assert window.banner.level() == "tier2"
    key_answer(qtbot, window, "stress.zone", "not_assessed")
    assert window.banner.level() == "tier3_2wk"
    assert [f.id for f in window._result.fired] == ["symptoms_over_30d"]
    key_answer(qtbot, window, "stress.zone", None)  # back to "Not asked"
    assert window.banner.level() == "tier2"
    assert "stress.zone" not in drafts.load_draft(ctx, window.draft.id).answers
    window.close()


# ------------------------------------------------------------------------------ issue 11 done-when


def test_lifetime_only_behaviour_shows_same_day_and_past_3_months_emergency(
    qtbot: Any, ctx: Any
) -> None:
    """Item 6 in two parts, by keyboard: "ever" yes alone is same day; the second part appears
    only then, and a yes to it is an emergency."""
    window = _show(qtbot, start_new_conversation(ctx))
    assert not window.question_widget("safety.cssrs.behavior_3mo").isVisibleTo(window)
    key_answer(qtbot, window, "safety.cssrs.behavior_lifetime", True)
    assert window.banner.level() == "tier3_same_day"
    assert "same day" in banner_level_text(window)
    assert [f.id for f in window._result.fired] == ["cssrs_behavior_lifetime"]
    key_answer(qtbot, window, "safety.cssrs.behavior_3mo", False)
    assert "same day" in banner_level_text(window)
    key_answer(qtbot, window, "safety.cssrs.behavior_3mo", True)
    assert window.banner.level() == "emergency"
    assert "EMERGENCY" in banner_level_text(window)
    assert [f.id for f in window._result.fired] == ["cssrs_high", "cssrs_behavior_lifetime"]
    # Back to "never": the second part is hidden again and its answer removed.
    key_answer(qtbot, window, "safety.cssrs.behavior_lifetime", False)
    assert not window.question_widget("safety.cssrs.behavior_3mo").isVisibleTo(window)
    assert "safety.cssrs.behavior_3mo" not in drafts.load_draft(ctx, window.draft.id).answers
    assert window.banner.level() == "tier2"
    window.close()


def test_screener_items_say_since_we_last_spoke_at_a_follow_up(qtbot: Any, ctx: Any) -> None:
    first = _show(qtbot, start_new_conversation(ctx))
    first.go_to_step("safety_check")
    label = first.question_widget("safety.cssrs.wish_dead").question_label.text()
    assert label.startswith("1. In the past month, have you wished you were dead")
    first.close()

    window = _followup_window(qtbot, ctx)
    window.go_to_step("safety_check")
    for qid in ("safety.cssrs.wish_dead", "safety.cssrs.suicidal_thoughts"):
        text = window.question_widget(qid).question_label.text()
        assert "Since we last spoke" in text, text
        assert "past month" not in text
    key_answer(qtbot, window, "safety.cssrs.suicidal_thoughts", True)
    for qid in ("safety.cssrs.method", "safety.cssrs.intent", "safety.cssrs.plan"):
        assert "Since we last spoke" in window.question_widget(qid).question_label.text()
    window.close()


def test_safety_check_is_suggested_for_impairment_at_work(qtbot: Any, ctx: Any) -> None:
    window = _show(qtbot, start_new_conversation(ctx))
    assert "safety_check" not in window.conversation.suggested_steps()
    key_answer(qtbot, window, "safety.impaired_at_work", True)
    assert "safety_check" in window.conversation.suggested_steps()
    assert window.banner.level() == "tier3_same_day"
    window.close()


def test_a_draft_started_under_protocol_1_shows_a_notice_and_the_new_result(
    qtbot: Any, ctx: Any
) -> None:
    """docs/content-migration.md: re-evaluated under the current content, with a notice."""
    protocol = load_protocol()
    draft = drafts.start_conversation(ctx, protocol)
    ctx.db.execute(
        "UPDATE drafts SET protocol_version = '1.0.0', answers = ? WHERE id = ?",
        [to_json({"safety.cssrs.behavior_3mo": True}), draft.id],
    )
    window = _show(qtbot, resume_conversation(ctx, draft.id))
    notice = window.migration_notice
    assert notice.isVisibleTo(window)
    assert "started with protocol 1.0.0" in notice.text()
    assert "two parts" in notice.text()
    assert notice.focusPolicy() == QtCore.Qt.FocusPolicy.StrongFocus  # reachable by keyboard
    assert window.banner.level() == "emergency"
    assert window.conversation.answers["safety.cssrs.behavior_lifetime"] is True
    assert drafts.load_draft(ctx, draft.id).protocol_version == protocol.version
    window.close()
    # Opened again: nothing left to move, no notice.
    again = _show(qtbot, resume_conversation(ctx, draft.id))
    assert not again.migration_notice.isVisibleTo(again)
    again.close()
