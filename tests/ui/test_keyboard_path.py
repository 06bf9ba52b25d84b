"""Issue 17, the keyboard's common path in the conversation: Enter goes on to the next unanswered
question (then the next step, then Complete), every arrow key chooses in a row of radio buttons,
an unanswered question gets the focus on its first choice, and a typed number is saved as it is
typed (not only when the focus leaves the box)."""

from __future__ import annotations

from typing import Any

import pytest
from test_conversation_fakes import FakeUnitServices, default_protocol, fake_services

from ui.qt import QtCore, QtWidgets
from ui.unit.conversation import ConversationWindow, start_new_conversation
from ui.widgets.question_widgets import NumberQuestion, RadioQuestion


@pytest.fixture
def cases() -> FakeUnitServices:
    return FakeUnitServices()


@pytest.fixture
def window(qtbot: Any, cases: FakeUnitServices) -> ConversationWindow:
    win = start_new_conversation(None, services=fake_services(cases), protocol=default_protocol())
    qtbot.addWidget(win)
    win.resize(1200, 760)
    with qtbot.waitActive(win):
        win.show()
        win.activateWindow()
    return win


def test_opening_puts_the_focus_on_the_first_choice_of_the_first_question(
    window: ConversationWindow,
) -> None:
    first = window.question_widget("safety.unsafe_to_continue_care")
    assert isinstance(first, RadioQuestion)
    assert QtWidgets.QApplication.focusWidget() is first.radio(True)  # not "Not asked", not Crisis


def test_enter_goes_to_the_next_unanswered_question_then_the_next_step(
    qtbot: Any, window: ConversationWindow, cases: FakeUnitServices
) -> None:
    first = window.question_widget("safety.unsafe_to_continue_care")
    qtbot.keyClick(
        QtWidgets.QApplication.focusWidget(), QtCore.Qt.Key.Key_Down
    )  # chooses "No" on a row
    assert first.value() is False
    assert ("safety.unsafe_to_continue_care", False) in cases.saves
    qtbot.keyClick(QtWidgets.QApplication.focusWidget(), QtCore.Qt.Key.Key_Return)
    second = window.question_widget("safety.impaired_at_work")
    assert second.isAncestorOf(QtWidgets.QApplication.focusWidget())
    for _ in range(10):  # Enter past every question left: on to the next step
        if window.current_step_id() != "before_you_start":
            break
        qtbot.keyClick(QtWidgets.QApplication.focusWidget(), QtCore.Qt.Key.Key_Return)
    assert window.current_step_id() == "frame"


def test_up_and_left_choose_the_choice_before(qtbot: Any, window: ConversationWindow) -> None:
    window.go_to_step("check")
    window.focus_first_unanswered()
    zone = window.question_widget("stress.zone")
    assert isinstance(zone, RadioQuestion)
    focus = QtWidgets.QApplication.focusWidget()
    qtbot.keyClick(focus, QtCore.Qt.Key.Key_Down)
    qtbot.keyClick(QtWidgets.QApplication.focusWidget(), QtCore.Qt.Key.Key_Down)
    assert zone.value() == "orange"
    qtbot.keyClick(QtWidgets.QApplication.focusWidget(), QtCore.Qt.Key.Key_Up)
    assert zone.value() == "yellow"
    qtbot.keyClick(QtWidgets.QApplication.focusWidget(), QtCore.Qt.Key.Key_Left)
    assert zone.value() == "green"


def test_a_typed_number_is_saved_without_leaving_the_box(
    qtbot: Any, window: ConversationWindow, cases: FakeUnitServices
) -> None:
    widget = window.question_widget("people_reached")
    assert isinstance(widget, NumberQuestion)
    widget.spin.setFocus()
    widget.spin.lineEdit().selectAll()
    qtbot.keyClicks(widget.spin, "3")
    assert widget.spin.hasFocus()
    assert ("people_reached", 3) in cases.saves
