"""Issue 17 item 2: the banner says EMERGENCY, the supporter presses Ctrl+E and records the
emergency, then completes the conversation — one emergency escalation for the case, not two."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fakes import close_session, make_session
from test_conversation_fakes import COMPLETE_INITIAL, answer, fill

from svdesk.access.session import Session
from svdesk.unit import escalations
from svdesk.unit.context import context_for
from ui.qt import QtCore
from ui.unit.conversation import start_new_conversation


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    current = make_session(tmp_path)
    yield current
    close_session(current)


def test_banner_emergency_then_ctrl_e_record_then_complete_gives_one_escalation(
    qtbot: Any, session: Session
) -> None:
    ctx = context_for(session)
    window = start_new_conversation(ctx)
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    fill(window, COMPLETE_INITIAL)
    answer(window, "safety.imminent_danger", True)
    assert window.draft.escalation().level == "emergency"  # the banner's level

    window.open_crisis()  # what Ctrl+E and the Crisis button do (tests/ui/test_shortcuts.py)
    dialog = window.crisis_dialog
    assert dialog is not None
    with qtbot.waitSignal(dialog.emergency_recorded):
        qtbot.keyClick(dialog.record_button, QtCore.Qt.Key.Key_Space)
    qtbot.keyClick(dialog.focusWidget() or dialog, QtCore.Qt.Key.Key_Escape)

    window.request_complete()
    panel = window._disposition
    assert panel is not None
    for box in (panel.confirm_stay, panel.confirm_called, panel.confirm_handover):
        box.click()
    panel.handover_target.setCurrentIndex(2)
    with qtbot.waitSignal(window.completed):
        window.request_complete()

    found = escalations.escalations_for_case(ctx, window.draft.case_code)
    assert [(e.level, e.source) for e in found] == [("emergency", "crisis")]
    assert found[0].encounter_id is not None  # linked to the completed encounter
    assert found[0].rules  # and carries the rules that fired
    assert len(escalations.open_escalations(ctx)) == 1
