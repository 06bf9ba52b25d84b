"""The conversation and crisis screens plugged into the real main window (shell fixtures of
tests/ui/conftest.py): crisis from the toolbar shortcut, the home queues, lock and resume."""

from __future__ import annotations

from typing import Any

from test_conversation_fakes import answer

from ui.qt import QtWidgets
from ui.unit.conversation_host import ConversationHost
from ui.unit.crisis import CrisisDialog
from ui.unit.escalation_queue import EscalationQueue
from ui.unit.followup_queue import FollowupsWidget, OpenDraftsWidget


def _unlocked(qtbot: Any, open_window: Any, store: Any, kit: Any) -> Any:
    main = open_window(store.home, store.secrets)
    main.load_screens()
    kit.unlock_by_keyboard(qtbot, main, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: main.home_page is not None, timeout=20_000)
    return main


def _hosts() -> list[ConversationHost]:
    return [
        w
        for w in QtWidgets.QApplication.topLevelWidgets()
        if isinstance(w, ConversationHost) and w.isVisible()
    ]


def test_crisis_action_records_an_escalation_shown_on_home(
    qtbot: Any, open_window: Any, store: Any, kit: Any
) -> None:
    main = _unlocked(qtbot, open_window, store, kit)
    home = main.home_page
    assert isinstance(home.escalations, EscalationQueue)
    assert isinstance(home.follow_ups, FollowupsWidget)
    assert home.escalations.due_texts() == []
    # The toolbar's Crisis action (Ctrl+E); the offscreen platform has no active window, so
    # shortcuts cannot be typed here.
    main.crisis_action.trigger()
    qtbot.waitUntil(lambda: isinstance(getattr(main, "crisis_dialog", None), CrisisDialog))
    dialog = main.crisis_dialog
    dialog.record_button.click()
    [due] = home.escalations.due_texts()
    assert "now" in due
    assert kit.unnamed_controls(home) == []


def test_new_conversation_opens_a_window_that_lock_closes_and_unlock_resumes(
    qtbot: Any, open_window: Any, store: Any, kit: Any
) -> None:
    main = _unlocked(qtbot, open_window, store, kit)
    main.home_page.new_conversation_button.click()
    qtbot.waitUntil(lambda: len(_hosts()) == 1)
    host = _hosts()[0]
    window = host.conversation
    answer(window, "stress.zone", "red")
    draft_id = window.draft.id
    assert main.home_page.open_drafts.isVisibleTo(main.home_page)

    main.lock()
    qtbot.waitUntil(lambda: _hosts() == [])
    kit.unlock_by_keyboard(qtbot, main, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: main.home_page is not None, timeout=20_000)
    drafts = main.home_page.open_drafts
    assert isinstance(drafts, OpenDraftsWidget)
    assert drafts.isVisibleTo(main.home_page)
    drafts.resume_button.click()
    qtbot.waitUntil(lambda: len(_hosts()) == 1)
    resumed = _hosts()[0].conversation
    assert resumed.draft.id == draft_id
    assert resumed.question_widget("stress.zone").value() == "red"
    assert resumed.banner.level() == "tier3_72h"
    _hosts()[0].close()


def test_completing_from_the_window_confirms_and_updates_home(
    qtbot: Any, open_window: Any, store: Any, kit: Any
) -> None:
    from test_conversation_fakes import COMPLETE_INITIAL, fill

    from ui.qt import QtWidgets

    main = _unlocked(qtbot, open_window, store, kit)
    main.home_page.new_conversation_button.click()
    qtbot.waitUntil(lambda: len(_hosts()) == 1)
    window = _hosts()[0].conversation
    fill(window, {**COMPLETE_INITIAL, "stress.zone": "red"})
    window.request_complete()
    qtbot.waitUntil(lambda: _hosts() == [])
    box = main.findChild(QtWidgets.QMessageBox, "conversationCompleted")
    assert box is not None
    assert "Professional referral within 72 hours" in box.informativeText()
    assert "Follow-up: In 24–72 hours." in box.informativeText()  # record.toml's labels
    home = main.home_page
    assert not home.open_drafts.isVisibleTo(home)
    assert "1 upcoming" in home.follow_ups.summary.text()
    [due] = home.escalations.due_texts()
    assert "in 3 days" in due
