"""The crisis screen and the escalation queue over a real unit store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fakes import close_session, make_session

from svdesk import directory, escalations
from svdesk.records import context_for
from svdesk.workstation import Session
from ui.conversation import start_new_conversation
from ui.crisis import CrisisDialog
from ui.escalation_queue import EscalationQueue, OutcomeDialog, due_text, is_overdue
from ui.qt import QAbstractButton, Qt, QWidget


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    current = make_session(tmp_path)
    yield current
    close_session(current)


def test_crisis_dialog_records_an_emergency_that_the_queue_shows_due_now(
    qtbot: Any, session: Session
) -> None:
    ctx = context_for(session)
    directory.set_directory_entry(ctx, "crisis_line", "988", "24/7")
    queue = EscalationQueue(ctx)
    qtbot.addWidget(queue)
    assert queue.due_texts() == []
    assert "No open escalations" in queue.summary.text()

    dialog = CrisisDialog(ctx)  # no conversation open
    qtbot.addWidget(dialog)
    dialog.show()
    # The numbers are shown, and unset ones say who can fill them.
    assert dialog.directory_view.number_labels["crisis_line"].text() == "988"
    assert "ask your unit admin" in dialog.directory_view.number_labels["emergency"].text()
    assert dialog.record_button.hasFocus() or dialog.focusWidget() is dialog.record_button
    with qtbot.waitSignal(dialog.emergency_recorded):
        qtbot.keyClick(dialog.record_button, Qt.Key.Key_Space)
    assert not dialog.record_button.isEnabled()  # one escalation per opening
    assert "Recorded" in dialog.status.text()

    queue.refresh()
    [due] = queue.due_texts()
    assert "now" in due
    assert "OVERDUE" not in due
    assert queue.table.item(0, 1).text().startswith("EMERGENCY")
    assert "1 open, 0 overdue" in queue.summary.text()


def test_crisis_from_a_conversation_links_the_case(qtbot: Any, session: Session) -> None:
    ctx = context_for(session)
    window = start_new_conversation(ctx)
    qtbot.addWidget(window)
    window.show()
    window.crisis_button.click()
    dialog = window.crisis_dialog
    dialog.record_button.click()
    [esc] = escalations.open_escalations(ctx)
    assert esc.case_code == window.draft.case_code
    assert esc.source == "crisis"


def test_queue_hand_off_then_close_with_an_outcome(qtbot: Any, session: Session) -> None:
    ctx = context_for(session)
    raised = escalations.record_emergency(ctx)
    queue = EscalationQueue(ctx)
    qtbot.addWidget(queue)
    assert not queue.hand_off_button.isEnabled()
    queue.select_row(0)
    assert queue.hand_off_button.isEnabled()
    dialog = queue.ask_hand_off()
    assert dialog is not None
    dialog.target.setCurrentIndex(dialog.target.findData("emergency_department"))
    with qtbot.waitSignal(queue.changed):
        dialog.accept()
    assert "Handed off" in queue.table.item(0, 2).text()

    queue.select_row(0)
    closing = queue.ask_close()
    assert isinstance(closing, OutcomeDialog)
    codes = [o.code for o in escalations.escalation_outcomes()]
    assert closing.codes == codes
    ok = closing.buttons.buttons()[0]
    assert not ok.isEnabled()  # an outcome must be chosen
    closing.choose("emergency_services")
    with qtbot.waitSignal(queue.changed):
        closing.accept()
    assert queue.due_texts() == []
    closed = escalations.escalation(ctx, raised.id)
    assert (closed.status, closed.outcome) == ("closed", "emergency_services")
    assert closed.handed_to == "emergency_department"


def test_overdue_is_said_in_words() -> None:
    now = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
    assert due_text(now, now) == "now"
    assert due_text(now - timedelta(minutes=5), now) == "now"
    assert due_text(now - timedelta(hours=3), now) == "OVERDUE by 3 h"
    assert due_text(now - timedelta(days=2, hours=1), now) == "OVERDUE by 2 days"
    assert is_overdue(now - timedelta(hours=3), now)
    assert not is_overdue(now, now)
    assert due_text(now + timedelta(days=2), now) == "in 2 days"


def test_queue_and_crisis_controls_are_named(qtbot: Any, session: Session) -> None:
    ctx = context_for(session)
    escalations.record_emergency(ctx)
    for widget in (EscalationQueue(ctx), CrisisDialog(ctx)):
        qtbot.addWidget(widget)
        widget.show()
        for child in widget.findChildren(QWidget):
            if child.focusPolicy() == Qt.FocusPolicy.NoFocus or not child.isVisibleTo(widget):
                continue
            if child.metaObject().className() in ("QScrollBar",):
                continue
            name = child.accessibleName() or (
                child.text() if isinstance(child, QAbstractButton) else ""
            )
            assert name, f"{child.metaObject().className()} {child.objectName()} has no name"
