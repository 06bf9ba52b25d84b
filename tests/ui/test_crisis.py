"""The crisis screen and the escalation queue over a real unit store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fakes import MemorySecrets, close_session, make_session

from svdesk.access.session import Session
from svdesk.content import outcomes
from svdesk.unit import directory, escalations
from svdesk.unit.context import context_for
from ui.qt import QtCore, QtWidgets
from ui.unit.conversation import start_new_conversation
from ui.unit.crisis import CRISIS_DIRECTORY_ORDER, CrisisDialog
from ui.unit.escalation_queue import EscalationQueue, OutcomeDialog, due_text, is_overdue


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
    assert "ask your unit admin" in dialog.directory_view.number_labels["eap"].text()
    assert "112" in dialog.directory_view.number_labels["emergency"].text()  # a fallback
    assert dialog.record_button.hasFocus() or dialog.focusWidget() is dialog.record_button
    with qtbot.waitSignal(dialog.emergency_recorded):
        qtbot.keyClick(dialog.record_button, QtCore.Qt.Key.Key_Space)
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
    codes = [o.code for o in outcomes.escalation_outcomes()]
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
        for child in widget.findChildren(QtWidgets.QWidget):
            if child.focusPolicy() == QtCore.Qt.FocusPolicy.NoFocus or not child.isVisibleTo(
                widget
            ):
                continue
            if child.metaObject().className() in ("QScrollBar",):
                continue
            name = child.accessibleName() or (
                child.text() if isinstance(child, QtWidgets.QAbstractButton) else ""
            )
            assert name, f"{child.metaObject().className()} {child.objectName()} has no name"


# -- Crisis while locked ----------------------------------------------------------------------


def _open_crisis(qtbot: Any, main: Any) -> CrisisDialog:
    """Trigger the toolbar's Crisis action (Ctrl+E) and return the crisis screen it opened."""
    main.crisis_action.trigger()
    qtbot.waitUntil(
        lambda: (
            isinstance(getattr(main, "crisis_dialog", None), CrisisDialog)
            and main.crisis_dialog.isVisible()
        )
    )
    dialog: CrisisDialog = main.crisis_dialog
    return dialog


def _close_by_escape(qtbot: Any, dialog: CrisisDialog) -> None:
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.focusWidget() or dialog, QtCore.Qt.Key.Key_Escape)


def _unlock(qtbot: Any, main: Any, kit: Any, name: str, passphrase: str) -> None:
    kit.unlock_by_keyboard(qtbot, main, name, passphrase)
    qtbot.waitUntil(lambda: main.home_page is not None, timeout=20_000)


def test_crisis_on_the_unlock_screen_shows_the_steps_and_says_where_the_numbers_are(
    qtbot: Any, open_window: Any, store: Any, kit: Any
) -> None:
    main = open_window(store.home, store.secrets)
    main.load_screens()
    assert main.session is None  # the unlock screen
    dialog = _open_crisis(qtbot, main)
    assert dialog.locked
    assert "Stay with the person" in dialog.steps_label.text()
    assert "Call your local emergency number" in dialog.steps_label.text()
    assert "numbers below" not in dialog.steps_label.text()  # there are none below
    # No snapshot yet: a plain sentence instead of "not set" rows nobody can fix from here.
    assert not dialog.directory_view.isVisible()
    assert dialog.no_numbers_label.isVisible()
    assert "after unlocking" in dialog.no_numbers_label.text()
    assert "local emergency number now" in dialog.no_numbers_label.text()
    # Recording waits for an unlock, and the screen says so.
    assert not dialog.record_button.isEnabled()
    assert "unlock svdesk and record it" in dialog.status.text()
    assert dialog.status.isVisible()
    assert not dialog.fill_numbers_button.isVisible()
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.close_button)
    assert kit.unnamed_controls(dialog) == []
    _close_by_escape(qtbot, dialog)
    assert main.session is None
    assert not (store.home / directory.CRISIS_SNAPSHOT_NAME).exists()


def test_locked_crisis_shows_the_saved_numbers_and_unlocked_crisis_records(
    qtbot: Any, open_window: Any, store: Any, kit: Any
) -> None:
    main = open_window(store.home, store.secrets)
    main.load_screens()
    _unlock(qtbot, main, kit, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    admin = context_for(main.session)
    directory.set_directory_entry(admin, "crisis_line", "988", "24/7, ask for the on-call team")
    directory.set_directory_entry(admin, "emergency", "2222", "hospital emergency team")
    main.lock()
    assert main.session is None

    dialog = _open_crisis(qtbot, main)
    assert dialog.locked
    numbers = dialog.directory_view.number_labels
    assert list(numbers) == ["emergency", "crisis_line"]  # most urgent first
    assert numbers["emergency"].text() == "2222"
    assert numbers["crisis_line"].text() == "988"
    assert dialog.directory_view.isVisible()
    assert not dialog.no_numbers_label.isVisible()
    assert "(numbers below)" in dialog.steps_label.text()
    # Only the numbers are kept outside the store: the unit's details wait for an unlock.
    assert "on-call team" not in dialog.directory_view.accessibleDescription()
    assert not dialog.record_button.isEnabled()
    assert not dialog.fill_numbers_button.isVisible()  # even though an admin set them up
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.close_button)
    dialog.record_button.click()  # disabled: records nothing
    assert dialog.recorded is None
    _close_by_escape(qtbot, dialog)

    # Unlocked again (another supporter): Crisis records, numbers come from the store.
    _unlock(qtbot, main, kit, kit.OTHER_NAME, kit.OTHER_PASSPHRASE)
    dialog = _open_crisis(qtbot, main)
    assert not dialog.locked
    assert dialog.record_button.isEnabled()
    assert "on-call team" in dialog.directory_view.accessibleDescription()
    assert dialog.focusWidget() is dialog.record_button
    with qtbot.waitSignal(dialog.emergency_recorded):
        dialog.record_button.click()
    [due] = main.home_page.escalations.due_texts()
    assert "now" in due
    _close_by_escape(qtbot, dialog)


def _save_emergency_number(store: Any, kit: Any, phone: str) -> None:
    """Set the unit's emergency number through an admin session opened and closed here."""
    session = store.workstation().unlock(store.admin_id, kit.ADMIN_PASSPHRASE)
    try:
        directory.set_directory_entry(context_for(session), "emergency", phone)
    finally:
        session.lock()
        session.workstation.close()


def test_unlocking_gives_an_older_store_its_snapshot(
    qtbot: Any, open_window: Any, store: Any, kit: Any
) -> None:
    # A store whose numbers were saved before the snapshot existed: no copy beside it.
    _save_emergency_number(store, kit, "2222")
    snapshot = store.home / directory.CRISIS_SNAPSHOT_NAME
    snapshot.unlink()

    main = open_window(store.home, store.secrets)
    main.load_screens()
    _unlock(qtbot, main, kit, kit.OTHER_NAME, kit.OTHER_PASSPHRASE)
    assert [n.phone for n in directory.read_crisis_snapshot(store.home)] == ["2222"]
    main.lock()
    dialog = _open_crisis(qtbot, main)
    assert dialog.directory_view.number_labels["emergency"].text() == "2222"
    _close_by_escape(qtbot, dialog)


def test_a_damaged_snapshot_shows_the_sentence_not_an_error(
    qtbot: Any, open_window: Any, store: Any
) -> None:
    (store.home / directory.CRISIS_SNAPSHOT_NAME).write_bytes(b'{"version": 1, "numbers": [')
    main = open_window(store.home, store.secrets)
    main.load_screens()
    dialog = _open_crisis(qtbot, main)
    assert dialog.no_numbers_label.isVisible()
    assert not dialog.record_button.isEnabled()
    _close_by_escape(qtbot, dialog)


def test_crisis_on_a_locked_coordinator_store_shows_the_steps_without_a_directory(
    qtbot: Any, open_window: Any, tmp_path: Path
) -> None:
    coordinator = make_session(tmp_path, role="coordinator", home_name="coordinator")
    home, secrets = coordinator.workstation.home, coordinator.secrets  # type: ignore[attr-defined]
    close_session(coordinator)
    # Even a stray copy in the folder is not shown: a coordinator store has no unit directory.
    directory.write_crisis_snapshot(home, [directory.CrisisNumber("emergency", "Emergency", "1")])

    main = open_window(home, secrets)
    main.load_screens()
    dialog = _open_crisis(qtbot, main)
    assert dialog.locked
    assert "Stay with the person" in dialog.steps_label.text()
    assert dialog.no_numbers_label.isVisible()
    assert "no unit directory" in dialog.no_numbers_label.text()
    assert dialog.directory_view.number_labels == {}
    assert not dialog.record_button.isEnabled()
    assert "unlock svdesk" in dialog.status.text()
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.close_button)
    _close_by_escape(qtbot, dialog)


def test_the_crisis_screen_orders_numbers_as_the_snapshot_does() -> None:
    assert CRISIS_DIRECTORY_ORDER == directory.CRISIS_ORDER
    assert set(CRISIS_DIRECTORY_ORDER) == {e.code for e in directory.default_directory()}


def test_ctrl_e_while_typing_the_passphrase_opens_the_crisis_screen_and_escape_returns(
    qtbot: Any, open_window: Any, store: Any
) -> None:
    main = open_window(store.home, store.secrets)
    page = main.page
    page.passphrase.setFocus()
    qtbot.waitUntil(lambda: QtWidgets.QApplication.focusWidget() is page.passphrase)
    # Not attached yet (as before the first paint ends): Ctrl+E attaches and opens on the spot.
    qtbot.keyClick(page.passphrase, QtCore.Qt.Key.Key_E, QtCore.Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(getattr(main, "crisis_dialog", None), CrisisDialog))
    dialog = main.crisis_dialog
    assert dialog.locked
    assert page.passphrase.text() == ""  # the shortcut did not type into the field
    qtbot.waitUntil(lambda: QtWidgets.QApplication.focusWidget() is dialog.close_button)
    _close_by_escape(qtbot, dialog)
    # Back on the window (active again under a real window manager), in the passphrase field.
    assert main.focusWidget() is page.passphrase
    assert main.page is page  # still the unlock screen, ready to unlock


def test_crisis_on_the_problem_page_still_shows_the_saved_numbers(
    qtbot: Any, open_window: Any, store: Any, kit: Any
) -> None:
    # The store cannot be opened (this computer's keyring lost its secret): no workstation, but
    # the numbers saved beside the store are still there for a crisis.
    _save_emergency_number(store, kit, "2222")
    main = open_window(store.home, MemorySecrets())
    assert main.workstation is None
    assert main.home == store.home
    main.load_screens()
    dialog = _open_crisis(qtbot, main)
    assert dialog.locked
    assert dialog.directory_view.number_labels["emergency"].text() == "2222"
    assert not dialog.record_button.isEnabled()
    _close_by_escape(qtbot, dialog)
