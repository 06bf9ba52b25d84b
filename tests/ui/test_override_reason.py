"""Issue 17, item 8: "keep with a reason" refused some reasons without saying why."""

from __future__ import annotations

from typing import Any

from ui.unit.record_page import OverrideReasonDialog


def test_the_dialog_says_why_a_reason_is_not_taken(qtbot: Any) -> None:
    dialog = OverrideReasonDialog("The note may name a person.")
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog._ok
    assert not ok.isEnabled()
    assert "at least 3 characters" in dialog.reason_hint.text()
    qtbot.keyClicks(dialog.reason, "call 555-123-4567")
    assert not ok.isEnabled()
    assert "identifying" in dialog.reason_hint.text()
    dialog.reason.clear()
    qtbot.keyClicks(dialog.reason, "a medication name, not a person")
    assert ok.isEnabled()
    assert dialog.reason_hint.text() == ""
