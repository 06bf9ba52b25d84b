"""Issue 17 findings in the conversation window (items 1, 6 and 7): the mouse wheel never changes
an answer the supporter is not in, the keyboard path after Next starts at the first unanswered
question and arrows choose, Crisis never takes the default focus, and an emergency cannot end
with "No follow-up"."""

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
from ui.widgets.question_widgets import (
    ChoiceComboQuestion,
    NumberQuestion,
    QuestionWidget,
    RadioQuestion,
)


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


def _wheel(widget: QtWidgets.QWidget, steps: int = -1) -> None:
    """One notch of the mouse wheel over `widget` (negative: towards the user, "down")."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QWheelEvent

    centre = QtCore.QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QtCore.QPointF(widget.mapToGlobal(widget.rect().center())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        QtCore.Qt.MouseButton.NoButton,
        QtCore.Qt.KeyboardModifier.NoModifier,
        QtCore.Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QtWidgets.QApplication.sendEvent(widget, event)


def _first(window: ConversationWindow, kind: type[QuestionWidget]) -> QuestionWidget:
    for step_id in window.step_ids():
        window.go_to_step(step_id)
        page = window._page(step_id)
        for widget in page.question_widgets.values():
            if isinstance(widget, kind) and widget.isVisibleTo(window):
                return widget
    raise AssertionError(f"no {kind.__name__} in the protocol")


# -- item 1: the wheel -------------------------------------------------------------------------


def test_the_wheel_over_an_unfocused_combo_or_spin_box_changes_no_answer(
    qtbot: Any, window: ConversationWindow, cases: FakeUnitServices
) -> None:
    combo_question = _first(window, ChoiceComboQuestion)
    combo = combo_question.findChild(QtWidgets.QComboBox)
    assert combo is not None
    window.next_button.setFocus()
    assert not combo.hasFocus()
    _wheel(combo)
    assert combo.currentIndex() == 0
    assert combo_question.value() is None

    number_question = _first(window, NumberQuestion)
    spin = number_question.findChild(QtWidgets.QSpinBox)
    assert spin is not None
    window.next_button.setFocus()
    before = spin.value()
    _wheel(spin, +1)
    _wheel(spin, -1)
    assert spin.value() == before
    assert number_question.value() is None
    assert not [s for s in cases.saves if s[0] in (combo_question.qid, number_question.qid)]


def test_the_wheel_still_works_in_the_field_that_has_the_focus(
    qtbot: Any, window: ConversationWindow
) -> None:
    combo_question = _first(window, ChoiceComboQuestion)
    combo = combo_question.findChild(QtWidgets.QComboBox)
    assert combo is not None
    assert combo.focusPolicy() == QtCore.Qt.FocusPolicy.StrongFocus  # Tab or click, never the wheel
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    _wheel(combo)
    assert combo.currentIndex() == 1


# -- item 6: focus after Next, arrows choose, Crisis never the default ----------------------


def _unanswered_target(window: ConversationWindow) -> QtWidgets.QWidget | None:
    page = window._page(window.current_step_id())
    for widget in page.question_widgets.values():
        if widget.isVisibleTo(window) and widget.value() is None:
            return widget
    return None


def test_after_each_next_the_focus_is_on_the_first_unanswered_question(
    qtbot: Any, window: ConversationWindow
) -> None:
    window.rail.setFocus()
    moves = 0
    while window.next_button.isEnabled():
        window.next_button.setFocus()
        qtbot.keyClick(window.next_button, QtCore.Qt.Key.Key_Space)
        moves += 1
        focus = QtWidgets.QApplication.focusWidget()
        assert focus is not None
        assert focus is not window.crisis_button
        target = _unanswered_target(window)
        step = window.current_step_id()
        if target is not None:
            assert target.isAncestorOf(focus), f"{step}: the focus is on {focus!r}"
        else:
            assert focus in (window.next_button, window.complete_button), step
    assert moves == len(window.step_ids()) - 1


def test_arrow_keys_choose_between_radio_buttons(qtbot: Any, window: ConversationWindow) -> None:
    window.go_to_step("check")
    widget = window.question_widget("safety.imminent_danger")
    assert isinstance(widget, RadioQuestion)
    not_asked = widget.radio(None)
    not_asked.setFocus()
    qtbot.waitUntil(not_asked.hasFocus)
    qtbot.keyClick(not_asked, QtCore.Qt.Key.Key_Left)
    focused = QtWidgets.QApplication.focusWidget()
    assert isinstance(focused, QtWidgets.QRadioButton)
    assert focused is not not_asked
    assert focused.isChecked()
    assert widget.value() is False  # "No", the one before "Not asked"


def test_crisis_never_takes_the_default_focus(qtbot: Any, window: ConversationWindow) -> None:
    assert window.focusWidget() is not window.crisis_button
    assert not window.crisis_button.autoDefault()
    assert not window.crisis_button.isDefault()
    # Reachable by Tab (and Ctrl+E, Alt+C), but a click or the last step leaves it alone.
    assert window.crisis_button.focusPolicy() == QtCore.Qt.FocusPolicy.TabFocus
    last = window.step_ids()[-1]
    window.go_to_step(window.step_ids()[-2])
    window.next_step()
    assert window.current_step_id() == last
    assert QtWidgets.QApplication.focusWidget() is not window.crisis_button


# -- item 7: an emergency with no follow-up --------------------------------------------------


def _confirm_emergency(window: ConversationWindow) -> None:
    panel = window._disposition
    assert panel is not None
    panel.confirm_stay.setChecked(True)
    panel.confirm_called.setChecked(True)
    panel.confirm_handover.setChecked(True)
    panel.handover_target.setCurrentIndex(1)


def test_an_emergency_cannot_complete_with_no_follow_up(
    window: ConversationWindow, cases: FakeUnitServices
) -> None:
    fill(window, {**COMPLETE_INITIAL, "followup_plan": "none"})
    answer(window, "safety.imminent_danger", True)
    window.go_to_step("disposition")
    _confirm_emergency(window)
    window.request_complete()
    assert cases.completed == []
    assert "follow-up" in window.message.text().lower()
    assert window.current_step_id() == window._step_of.get("followup_plan", "disposition")
    answer(window, "followup_plan", "h24_72")
    window.request_complete()
    assert len(cases.completed) == 1


def test_no_follow_up_is_still_fine_without_an_emergency(
    window: ConversationWindow, cases: FakeUnitServices
) -> None:
    fill(window, {**COMPLETE_INITIAL, "followup_plan": "none"})
    window.request_complete()
    assert len(cases.completed) == 1
