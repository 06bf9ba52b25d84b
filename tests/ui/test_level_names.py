"""Issue 17: "one level, one name, everywhere". A level had three names: the queue's short one
("Tier 3 — 72 h"), the banner's ("Professional referral within 72 hours") and the vocabulary's
("… within 2 weeks" where the banner said 14 days). Now every screen shows the vocabulary's
label, so a level reads the same on the banner, the unit's queue and the coordinator's table."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fakes import close_session, make_session

from svdesk.access.session import Session
from svdesk.content.record_fields import ESCALATION_LEVELS, load_record_vocabulary
from svdesk.content.rules import EscalationResult
from svdesk.unit import escalations
from svdesk.unit.context import context_for
from ui.coordinator.report_sections import code_label
from ui.unit.escalation_queue import EscalationQueue
from ui.widgets.escalation_banner import EscalationBanner, level_label

# Levels the unit's queue holds (tier2 is "no escalation": it never opens one).
QUEUED = [level for level in ESCALATION_LEVELS if level != "tier2"]


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    current = make_session(tmp_path)
    yield current
    close_session(current)


def _vocabulary_name(level: str) -> str:
    return load_record_vocabulary().label("escalation_level", level)


def test_each_level_has_one_distinct_name() -> None:
    names = [_vocabulary_name(level) for level in ESCALATION_LEVELS]
    assert len(set(names)) == len(names)
    assert all(level_label(level) == _vocabulary_name(level) for level in ESCALATION_LEVELS)
    assert all(
        code_label("escalation_level", lv) == _vocabulary_name(lv) for lv in ESCALATION_LEVELS
    )


def test_the_banner_names_the_level_as_the_vocabulary(qtbot: Any) -> None:
    banner = EscalationBanner()
    qtbot.addWidget(banner)
    for level in ESCALATION_LEVELS:
        banner.show_result(EscalationResult(level, (), (), "test"))
        assert _vocabulary_name(level) in banner._level_label.text()


def test_the_unit_queue_names_the_level_as_the_vocabulary(qtbot: Any, session: Session) -> None:
    ctx = context_for(session)
    for level in QUEUED:
        escalations.open_escalation(
            ctx, level=level, actions=(), rule_ids=(), case_code=None, encounter_id=None
        )
    queue = EscalationQueue(ctx)
    qtbot.addWidget(queue)
    queue.refresh()
    column = queue._headers.index("Level")
    shown = {
        queue.table.item(i, column).text().removeprefix("⚠ ") for i in range(queue.table.rowCount())
    }
    assert shown == {_vocabulary_name(level) for level in QUEUED}
