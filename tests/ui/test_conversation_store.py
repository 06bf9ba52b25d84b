"""The conversation window end to end over the real core: an encrypted unit store in tmp_path
(fast test key derivation), `svdesk.unit.cases`, the rules and the identifier guard."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fakes import close_session, make_session, reopen
from test_conversation_fakes import COMPLETE_INITIAL, answer, fill

from svdesk.access.session import Session
from svdesk.content.protocol.loader import load_protocol
from svdesk.unit import drafts, escalations, followups
from svdesk.unit.context import context_for
from ui.qt import QtCore
from ui.unit.conversation import ConversationWindow, resume_conversation, start_new_conversation
from ui.unit.record_page import OverrideReasonDialog


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    current = make_session(tmp_path)
    holder = {"session": current}
    current.holder = holder  # type: ignore[attr-defined]
    yield current
    close_session(holder["session"])


def _open(qtbot: Any, ctx: Any) -> ConversationWindow:
    window = start_new_conversation(ctx)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    return window


def test_answers_are_durable_and_the_draft_resumes_after_a_new_unlock(
    qtbot: Any, session: Session
) -> None:
    ctx = context_for(session)
    window = _open(qtbot, ctx)
    answer(window, "stress.zone", "orange")
    answer(window, "safety.cssrs.suicidal_thoughts", True)
    answer(window, "safety.cssrs.method", True)
    window.go_to_step("safety_check")
    assert window.banner.level() == "tier3_same_day"
    draft_id = window.draft.id
    window.close()

    # A new unlock (as after a crash or the idle lock) finds the draft and resumes it.
    again_session = reopen(session)
    session.holder["session"] = again_session  # type: ignore[attr-defined]
    ctx2 = context_for(again_session)
    assert [d.id for d in drafts.open_drafts(ctx2)] == [draft_id]
    again = resume_conversation(ctx2, draft_id)
    qtbot.addWidget(again)
    assert again.current_step_id() == "safety_check"
    assert again.question_widget("safety.cssrs.method").value() is True
    assert again.question_widget("stress.zone").value() == "orange"
    assert again.banner.level() == "tier3_same_day"
    assert "suggested" in again.rail.step_text("safety_check")


def test_hidden_screener_answers_are_removed_from_the_store(qtbot: Any, session: Session) -> None:
    ctx = context_for(session)
    window = _open(qtbot, ctx)
    answer(window, "safety.cssrs.suicidal_thoughts", True)
    answer(window, "safety.cssrs.plan", True)
    assert window.banner.level() == "emergency"
    answer(window, "safety.cssrs.suicidal_thoughts", False)
    stored = drafts.load_draft(ctx, window.draft.id).answers
    assert "safety.cssrs.plan" not in stored
    assert stored["safety.cssrs.suicidal_thoughts"] is False
    assert window.banner.level() == "tier2"


def test_complete_with_a_warned_note_and_override_creates_the_record(
    qtbot: Any, session: Session
) -> None:
    ctx = context_for(session)
    window = _open(qtbot, ctx)
    fill(window, COMPLETE_INITIAL)
    window.go_to_step("record")
    page = window._record_page
    assert page is not None
    qtbot.keyClicks(page.note.editor, "ring 555-123-4567")
    assert page.note.verdict() == "block"
    window.request_complete()
    assert "a phone number" in window.message.text()
    assert drafts.open_drafts(ctx)  # nothing completed

    page.note.editor.clear()
    qtbot.keyClicks(page.note.editor, "Anna was calmer at the end")
    assert page.note.verdict() == "warn"
    with qtbot.waitSignal(window.completed) as done:
        window.request_complete()
        dialog = window._pending_box
        assert isinstance(dialog, OverrideReasonDialog)
        qtbot.keyClicks(dialog.reason, "a drug brand, not a person")
        qtbot.keyClick(dialog.reason, QtCore.Qt.Key.Key_Return)
    encounter = done.args[0]
    assert encounter.escalation_level == "tier2"
    assert drafts.open_drafts(ctx) == []
    queue = followups.followups_for_unit(ctx)
    assert [f.case_code for f in queue.upcoming] == [window.draft.case_code]


def test_emergency_completion_needs_the_crisis_confirmations_then_queues_it(
    qtbot: Any, session: Session
) -> None:
    ctx = context_for(session)
    window = _open(qtbot, ctx)
    fill(window, COMPLETE_INITIAL)
    answer(window, "safety.imminent_danger", True)
    window.request_complete()
    assert window.current_step_id() == "disposition"
    assert drafts.open_drafts(ctx)
    panel = window._disposition
    assert panel is not None
    for box in (panel.confirm_stay, panel.confirm_called, panel.confirm_handover):
        box.click()
    panel.handover_target.setCurrentIndex(2)
    with qtbot.waitSignal(window.completed):
        window.request_complete()
    [open_one] = escalations.open_escalations(ctx)
    assert open_one.level == "emergency"
    assert open_one.case_code == window.draft.case_code


def test_a_followup_opens_with_the_case_history(qtbot: Any, session: Session) -> None:
    ctx = context_for(session)
    window = _open(qtbot, ctx)
    fill(window, {**COMPLETE_INITIAL, "event.days_since": 1})
    with qtbot.waitSignal(window.completed):
        window.request_complete()
    [due] = followups.followups_for_unit(ctx, ctx.today() + timedelta(days=1)).due_today
    draft = drafts.start_followup(ctx, load_protocol(), due.id)
    followup_window = resume_conversation(ctx, draft.id)
    qtbot.addWidget(followup_window)
    assert "frame" not in followup_window.step_ids()  # follow-ups skip steps 1, 2, 5
    assert followup_window.draft.encounter_type == "follow_up"
    # Asked at the first conversation only: not shown again.
    assert not followup_window.question_widget("activation_source").isVisibleTo(followup_window)
    fill(
        followup_window,
        {
            "modality": "phone",
            "stress.zone": "green",
            "followup_plan": "none",
            "duration": "lt_15",
            "needs_met": "yes",
        },
    )
    assert followup_window.completion_problem() is None
    with qtbot.waitSignal(followup_window.completed) as done:
        followup_window.request_complete()
    assert done.args[0].encounter_type == "follow_up"
    assert followups.followups_for_unit(ctx, ctx.today() + timedelta(days=1)).due_today == []


def test_followups_widget_take_over_and_start(qtbot: Any, session: Session) -> None:
    from dataclasses import replace

    from ui.unit.followup_queue import FollowupsWidget

    ctx = context_for(session)
    window = _open(qtbot, ctx)
    fill(window, COMPLETE_INITIAL)  # followup_plan h24_72: due tomorrow
    with qtbot.waitSignal(window.completed):
        window.request_complete()

    other = session.enrol("Blake", "purple lantern quiet river")
    tomorrow = ctx.today() + timedelta(days=1)
    colleague = replace(ctx, supporter_id=other.id, today=lambda: tomorrow)
    widget = FollowupsWidget(colleague)
    qtbot.addWidget(widget)
    assert "0 overdue, 1 due today, 0 upcoming" in widget.summary.text()
    assert widget.table.item(0, 0).text() == "Due today"
    assert widget.table.item(0, 4).text() == "another supporter"
    widget.select_row(0)
    assert widget.take_over_button.isEnabled()
    with qtbot.waitSignal(widget.changed):
        widget.take_over_button.click()
    assert widget.table.item(0, 4).text() == "you"
    widget.select_row(0)
    assert not widget.take_over_button.isEnabled()  # already theirs
    with qtbot.waitSignal(widget.conversation_requested) as started:
        widget.start_button.click()
    draft = drafts.load_draft(colleague, started.args[0])
    assert draft.encounter_type == "follow_up"
    widget.select_row(0)
    assert widget.start_button.text().replace("&", "") == "Resume follow-up"
