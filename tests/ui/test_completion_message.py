"""Issue 17, item 8: missing required answers were revealed one round at a time (the answers
first, then the record fields, then the note), and the message kept its first list while the
supporter filled the gaps. Now Complete lists every problem at once and the list follows the
answers until nothing is missing."""

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

from ui.unit.conversation import ConversationWindow, start_new_conversation

# One protocol question and one record field left out of a complete first contact.
QUESTION, FIELD = "stress.zone", "role_category"


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


def _labels(window: ConversationWindow) -> tuple[str, str]:
    question = str(window.question_widget(QUESTION).question.label)
    field = str(window.services.record_vocabulary.field(FIELD).label)
    return question, field


def test_complete_lists_missing_answers_and_fields_at_once(
    window: ConversationWindow, cases: FakeUnitServices
) -> None:
    fill(window, {k: v for k, v in COMPLETE_INITIAL.items() if k not in (QUESTION, FIELD)})
    question, field = _labels(window)
    window.request_complete()
    assert cases.completed == []
    shown = window.message.text()
    assert question in shown
    assert field in shown
    assert window.current_step_id() == window._step_of[QUESTION]  # the first problem's step


def test_the_message_follows_the_answers_and_goes_when_nothing_is_missing(
    window: ConversationWindow, cases: FakeUnitServices
) -> None:
    fill(window, {k: v for k, v in COMPLETE_INITIAL.items() if k not in (QUESTION, FIELD)})
    question, field = _labels(window)
    window.request_complete()
    answer(window, QUESTION, COMPLETE_INITIAL[QUESTION])
    shown = window.message.text()
    assert question not in shown
    assert field in shown
    answer(window, FIELD, COMPLETE_INITIAL[FIELD])
    assert window.message.isHidden()
    window.request_complete()
    assert len(cases.completed) == 1
