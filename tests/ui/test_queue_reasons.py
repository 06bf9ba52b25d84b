"""Issue 17, item 8: the home screen's escalation queue showed raw rule ids ("Rules:
red_zone."); it says why in the rules' own words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fakes import close_session, make_session
from test_coordinator_support import record_conversation

from svdesk.access.session import Session
from svdesk.content.rules import load_rules
from svdesk.unit.context import context_for
from ui.unit.escalation_queue import EscalationQueue


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    current = make_session(tmp_path)
    yield current
    close_session(current)


def test_the_queue_says_why_in_words_not_rule_ids(qtbot: Any, session: Session) -> None:
    record_conversation(session, stress__zone="red")
    queue = EscalationQueue(context_for(session))
    qtbot.addWidget(queue)
    queue.show()
    queue.select_row(0)
    detail = queue.detail.text()
    [rule] = [r for r in load_rules().rules if r.id == "red_zone"]
    assert rule.reason in detail
    assert "red_zone" not in detail


def test_an_emergency_due_now_is_highlighted_like_an_overdue_one(
    qtbot: Any, session: Session
) -> None:
    from svdesk.unit import escalations

    ctx = context_for(session)
    escalations.record_emergency(ctx)
    queue = EscalationQueue(ctx)
    qtbot.addWidget(queue)
    queue.refresh()
    cell = queue.table.item(0, 1)
    assert cell.text().startswith("EMERGENCY")
    assert cell.font().bold()
    assert "overdue" not in queue.summary.text().replace("0 overdue", "")
