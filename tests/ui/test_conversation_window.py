"""The conversation window over the real protocol, rules and vocabulary, with an in-memory
stand-in for the store (`test_conversation_fakes.FakeUnitServices`)."""

from __future__ import annotations

from typing import Any

import pytest
from test_conversation_fakes import (
    COMPLETE_INITIAL,
    FakeUnitServices,
    answer,
    default_protocol,
    fake_services,
    fill,
)

from ui.qt import QtCore, QtWidgets
from ui.unit.conversation import ConversationWindow, start_new_conversation
from ui.unit.record_page import OverrideReasonDialog

SCREENER_BRANCH = ("safety.cssrs.method", "safety.cssrs.intent", "safety.cssrs.plan")


@pytest.fixture
def cases() -> FakeUnitServices:
    return FakeUnitServices()


@pytest.fixture
def window(qtbot: Any, cases: FakeUnitServices) -> ConversationWindow:
    win = start_new_conversation(None, services=fake_services(cases), protocol=default_protocol())
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_yes_on_imminent_danger_turns_the_banner_to_emergency_before_moving_on(
    qtbot: Any, window: ConversationWindow, cases: FakeUnitServices
) -> None:
    window.go_to_step("check")
    assert window.banner.level() == "tier2"
    yes = window.question_widget("safety.imminent_danger").radio(True)  # type: ignore[attr-defined]
    yes.setFocus()
    qtbot.keyClick(yes, QtCore.Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.banner.level() == "emergency")
    assert window.current_step_id() == "check"  # still on the same step
    assert "EMERGENCY" in window.banner.text()
    assert "Do not leave the person alone" in window.banner.text()
    assert window.banner.accessibleDescription() == window.banner.text()
    assert ("safety.imminent_danger", True) in cases.saves
    assert "✓" in window.saved_label.text()


def test_no_answer_is_not_no(window: ConversationWindow, cases: FakeUnitServices) -> None:
    widget = window.question_widget("safety.imminent_danger")
    assert widget.value() is None  # "Not asked" is checked at first
    answer(window, "safety.imminent_danger", False)
    answer(window, "safety.imminent_danger", None)
    assert "safety.imminent_danger" not in window.answers()
    assert cases.saves[-1] == ("safety.imminent_danger", None)


def test_screener_items_3_to_5_appear_only_after_a_yes_to_item_2(
    window: ConversationWindow,
) -> None:
    window.go_to_step("safety_check")

    def shown(qid: str) -> bool:
        return window.question_widget(qid).isVisibleTo(window)

    assert not any(shown(q) for q in SCREENER_BRANCH)
    # Item 6 is asked "ever" first; "within the past 3 months" only after a yes (protocol 2.0.0).
    assert shown("safety.cssrs.behavior_lifetime")
    assert not shown("safety.cssrs.behavior_3mo")
    answer(window, "safety.cssrs.suicidal_thoughts", True)
    assert all(shown(q) for q in SCREENER_BRANCH)
    assert window.banner.level() == "tier3_72h"
    answer(window, "safety.cssrs.method", True)
    assert window.banner.level() == "tier3_same_day"
    # Back to no: the items disappear, their answers go, and the banner follows.
    answer(window, "safety.cssrs.suicidal_thoughts", False)
    assert not any(shown(q) for q in SCREENER_BRANCH)
    assert "safety.cssrs.method" not in window.answers()
    assert window.banner.level() == "tier2"


def test_the_safety_step_is_suggested_in_the_orange_zone(window: ConversationWindow) -> None:
    assert "suggested" not in window.rail.step_text("safety_check")
    answer(window, "stress.zone", "orange")
    assert "suggested" in window.rail.step_text("safety_check")
    assert "answers missing" in window.rail.step_text("before_you_start")
    assert "answers missing" not in window.rail.step_text("check")


def test_a_draft_survives_closing_the_window(
    qtbot: Any, window: ConversationWindow, cases: FakeUnitServices
) -> None:
    answer(window, "event.categories", ["near_miss", "medication_or_treatment_error"])
    answer(window, "event.days_since", 2)
    answer(window, "stress.zone", "red")
    window.go_to_step("support")
    draft_id = window.draft.id
    window.close()

    again = ConversationWindow(
        None,
        cases.load_draft(None, draft_id),
        default_protocol(),
        services=fake_services(cases),
    )
    qtbot.addWidget(again)
    assert again.current_step_id() == "support"
    assert again.question_widget("stress.zone").value() == "red"
    assert again.question_widget("event.days_since").value() == 2
    assert again.question_widget("event.categories").value() == [
        "medication_or_treatment_error",
        "near_miss",
    ]
    assert again.banner.level() == "tier3_72h"


def test_keyboard_moves_between_steps(qtbot: Any, window: ConversationWindow) -> None:
    window.go_to_step("frame")
    window.next_button.setFocus()
    qtbot.keyClick(
        window.next_button, QtCore.Qt.Key.Key_Right, QtCore.Qt.KeyboardModifier.AltModifier
    )
    assert window.current_step_id() == "their_story"
    qtbot.keyClick(window.next_button, QtCore.Qt.Key.Key_PageDown)
    assert window.current_step_id() == "check"
    qtbot.keyClick(
        window.next_button, QtCore.Qt.Key.Key_Left, QtCore.Qt.KeyboardModifier.AltModifier
    )
    qtbot.keyClick(window.next_button, QtCore.Qt.Key.Key_PageUp)
    assert window.current_step_id() == "frame"
    # The rail moves freely, too.
    window.rail.setFocus()
    qtbot.keyClick(window.rail, QtCore.Qt.Key.Key_End)
    assert window.current_step_id() == "self_check"


def test_emergency_disposition_cannot_complete_without_confirmations(
    qtbot: Any, window: ConversationWindow, cases: FakeUnitServices
) -> None:
    fill(window, COMPLETE_INITIAL)
    answer(window, "safety.imminent_danger", True)
    window.request_complete()
    assert cases.completed == []
    assert window.current_step_id() == "disposition"
    assert "emergency" in window.message.text().lower()
    panel = window._disposition
    assert panel is not None
    assert panel.emergency_box.isVisibleTo(window)
    assert "988" in panel.directory_view.accessibleDescription()  # crisis line shown
    panel.confirm_stay.click()
    panel.confirm_called.click()
    window.request_complete()
    assert cases.completed == []  # hand-over not confirmed yet
    panel.confirm_handover.click()
    panel.handover_target.setCurrentIndex(1)
    window.request_complete()
    assert len(cases.completed) == 1


def test_missing_required_answers_block_completion(
    window: ConversationWindow, cases: FakeUnitServices
) -> None:
    window.request_complete()
    assert cases.completed == []
    assert window.message.isVisibleTo(window)
    assert "How did you meet" in window.message.text() or "required" in window.message.text()
    assert window.current_step_id() == "before_you_start"


def test_guarded_note_blocks_a_phone_number_and_warns_on_a_name_with_override(
    qtbot: Any, window: ConversationWindow, cases: FakeUnitServices
) -> None:
    fill(window, COMPLETE_INITIAL)
    window.go_to_step("record")
    page = window._record_page
    assert page is not None
    editor = page.note.editor
    editor.setFocus()
    qtbot.keyClicks(editor, "call back on 555-123-4567")
    assert page.note.verdict() == "block"
    assert "a phone number" in page.note.messages.text()
    window.request_complete()
    assert cases.completed == []
    assert "a phone number" in window.message.text()

    editor.clear()
    qtbot.keyClicks(editor, "Anna was calmer at the end")
    assert page.note.verdict() == "warn"
    window.request_complete()
    dialog = window._pending_box
    assert isinstance(dialog, OverrideReasonDialog)
    qtbot.keyClicks(dialog.reason, "a drug name, not a person")
    dialog.accept()
    assert len(cases.completed) == 1
    assert cases.completed[0]["reason"] == "a drug name, not a person"
    assert ("note", "Anna was calmer at the end") in cases.saves


def test_discard_asks_first(
    qtbot: Any, window: ConversationWindow, cases: FakeUnitServices
) -> None:
    draft_id = window.draft.id
    with qtbot.waitSignal(window.discarded):
        box = window.ask_discard()
        keep = next(b for b in box.buttons() if b.text() == "Keep it")
        keep.click()
        assert draft_id in cases.drafts
        box = window.ask_discard()
        discard = next(
            b
            for b in box.buttons()
            if box.buttonRole(b) == QtWidgets.QMessageBox.ButtonRole.DestructiveRole
        )
        discard.click()
    assert draft_id not in cases.drafts


def test_every_focusable_control_has_an_accessible_name(window: ConversationWindow) -> None:
    for step_id in window.step_ids():
        window.go_to_step(step_id)
    unnamed = []
    for widget in window.findChildren(QtWidgets.QWidget):
        if widget.focusPolicy() == QtCore.Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(window):
            continue
        if widget.metaObject().className() in ("QScrollBar", "QSplitterHandle"):
            continue
        name = widget.accessibleName()
        if not name and isinstance(widget, QtWidgets.QAbstractButton):
            name = widget.text()
        if not name:
            unnamed.append(f"{widget.metaObject().className()} {widget.objectName()}")
    assert unnamed == []


def test_a_failed_save_says_so_and_shows_what_is_stored(
    qtbot: Any, window: ConversationWindow, cases: FakeUnitServices
) -> None:
    from svdesk.errors import WriteFailed

    answer(window, "stress.zone", "yellow")
    assert "✓" in window.saved_label.text()

    def full_disk(*_args: Any, **_kwargs: Any) -> Any:
        raise WriteFailed("The disk is full; free some space and try again.")

    cases.save_answer = full_disk  # type: ignore[method-assign]
    answer(window, "stress.zone", "red")
    assert "Not saved" in window.saved_label.text()
    assert window.question_widget("stress.zone").value() == "yellow"  # the stored answer
    assert window.banner.level() == "tier2"  # red would have been tier3_72h
    boxes = [
        b for b in window.findChildren(QtWidgets.QMessageBox) if b.objectName() == "errorDialog"
    ]
    assert boxes
    assert "disk is full" in boxes[-1].informativeText()


def test_tab_reaches_every_part_of_the_step(qtbot: Any, window: ConversationWindow) -> None:
    window.go_to_step("check")
    window.crisis_button.setFocus()
    seen: list[QtWidgets.QWidget] = []
    for _ in range(80):
        focus = window.focusWidget()
        if focus is not None and focus not in seen:
            seen.append(focus)
        qtbot.keyClick(focus or window, QtCore.Qt.Key.Key_Tab)
    zone = window.question_widget("stress.zone")
    danger = window.question_widget("safety.imminent_danger")
    assert window.rail in seen
    assert any(w.parent() is zone for w in seen)  # one radio of the group (arrows move inside)
    assert any(w.parent() is danger for w in seen)
    assert window.next_button in seen
    assert window.complete_button in seen
    assert window.cards_panel.chooser in seen


def test_number_and_scale_widgets_have_an_unknown_position(qtbot: Any) -> None:
    from types import SimpleNamespace

    from ui.widgets.question_widgets import NumberQuestion, make_question_widget

    question = SimpleNamespace(
        id="screen.phq2",
        type="scale",
        label="PHQ-2 total",
        help="",
        options=(),
        min=0,
        max=6,
        show_if=None,
        required=False,
    )
    widget = make_question_widget(question)
    qtbot.addWidget(widget)
    assert isinstance(widget, NumberQuestion)
    assert widget.slider is not None
    assert widget.value() is None
    assert widget.spin.text() == "unknown"
    with qtbot.waitSignal(widget.value_changed) as changed:
        widget.slider.setValue(3)
    assert changed.args == ["screen.phq2", 3]
    assert widget.spin.value() == 3
    widget.spin.setFocus()
    for _ in range(4):  # 3, 2, 1, 0, then "unknown" (not 0)
        qtbot.keyClick(widget.spin, QtCore.Qt.Key.Key_Down)
    assert widget.spin.text() == "unknown"
    assert widget.value() is None
