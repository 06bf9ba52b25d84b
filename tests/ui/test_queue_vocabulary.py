"""The unit's queues name statuses, hand-off targets and follow-up plans as the core and the
record vocabulary do (each had its own copy: the hand-off list offered a `coordinator` that the
core refuses, and lacked two of the core's targets)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fakes import close_session, make_session
from test_conversation_fakes import COMPLETE_INITIAL

from svdesk.access.session import Session
from svdesk.content.protocol.loader import load_protocol
from svdesk.content.record_fields import load_record_vocabulary
from svdesk.unit import cases, drafts, escalations, followups
from svdesk.unit.context import context_for
from ui.unit.escalation_queue import EscalationQueue, status_labels
from ui.unit.followup_queue import FollowupsWidget


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    current = make_session(tmp_path)
    yield current
    close_session(current)


def test_hand_off_offers_the_targets_the_core_accepts(qtbot: Any, session: Session) -> None:
    ctx = context_for(session)
    targets = load_record_vocabulary().field("referral_targets").codes
    queue = EscalationQueue(ctx)
    qtbot.addWidget(queue)
    for target in targets:
        escalations.record_emergency(ctx)
        queue.refresh()
        statuses = [queue.table.item(i, 2).text() for i in range(queue.table.rowCount())]
        queue.select_row(statuses.index("Open"))
        dialog = queue.ask_hand_off()
        assert dialog is not None
        offered = [dialog.target.itemData(i) for i in range(dialog.target.count())]
        assert offered == [t.code for t in targets]
        dialog.target.setCurrentIndex(dialog.target.findData(target.code))
        with qtbot.waitSignal(queue.changed):
            dialog.accept()  # the core accepts every one of them
    shown = {queue.table.item(i, 2).text() for i in range(queue.table.rowCount())}
    assert shown == {f"Handed off → {t.label}" for t in targets}


def test_every_status_of_the_core_has_a_label() -> None:
    assert set(status_labels()) == set(escalations.STATUSES)


def test_the_follow_up_queue_names_plans_as_the_record_vocabulary(
    qtbot: Any, session: Session
) -> None:
    ctx = context_for(session)
    plans = load_record_vocabulary().field("followup_plan")
    protocol = load_protocol()
    for plan in followups.PLAN_OFFSETS:  # a conversation per plan, each schedules its follow-up
        draft = drafts.start_conversation(ctx, protocol)
        for qid, value in {**COMPLETE_INITIAL, "followup_plan": plan}.items():
            drafts.save_answer(ctx, draft.id, qid, value, protocol=protocol)
        cases.complete(ctx, draft.id, protocol)
    widget = FollowupsWidget(ctx)
    qtbot.addWidget(widget)
    shown = {widget.table.item(i, 3).text() for i in range(widget.table.rowCount())}
    assert shown == {plans.label_of(plan) for plan in followups.PLAN_OFFSETS}
