"""The main window once unlocked: Ctrl+L and idle auto-lock clear the screen (also over modal
dialogs), supporter management, passphrase change, settings, the hooks for other windows, the
queues' empty state, and names for every control."""

from __future__ import annotations

import pytest

from svdesk.access.workstation import Workstation
from svdesk.storage.settings import read_setting, save_setting
from ui.qt import QtCore, QtWidgets
from ui.runtime import ops
from ui.shell.home import HomePage
from ui.shell.main_window import MainWindow
from ui.shell.passphrase_dialogs import ChangePassphraseDialog
from ui.shell.settings import SettingsDialog
from ui.shell.supporters import EnrolDialog, SupportersDialog
from ui.shell.unlock import UnlockPage

NEW_NAME = "Casey"
NEW_PASSPHRASE = "orange bicycle under rain"


@pytest.fixture
def unlocked(qtbot, open_window, store, kit) -> MainWindow:  # type: ignore[no-untyped-def]
    """The window on the store, unlocked as admin Alex."""
    window = open_window(store.home, store.secrets)
    kit.unlock_by_keyboard(qtbot, window, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(window.page, HomePage), timeout=10_000)
    # The unlock's retention purge runs on the worker: let it end, so that a test's own
    # background work (and ops.busy()) is not raced by it.
    qtbot.waitUntil(lambda: window.retention_op is not None and window.retention_op.done)
    return window


def visible_dialogs() -> list[QtWidgets.QWidget]:
    return [
        w
        for w in QtWidgets.QApplication.topLevelWidgets()
        if isinstance(w, QtWidgets.QDialog) and w.isVisible()
    ]


def assert_locked_and_cleared(window: MainWindow, session) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(window.page, UnlockPage)
    assert window.session is None
    assert session.locked
    texts = [label.text() for label in window.findChildren(QtWidgets.QLabel)]
    assert not any("Signed in" in t for t in texts), texts
    assert not any(t in ("Follow-ups", "Escalations") for t in texts)
    assert window.findChildren(HomePage) == []
    assert window.findChildren(QtWidgets.QDialog) == []
    assert visible_dialogs() == []
    assert window.windowTitle() == "svdesk"


def test_ctrl_l_locks_and_destroys_the_home_page(qtbot, unlocked, kit):  # type: ignore[no-untyped-def]
    session = unlocked.session
    home = unlocked.page
    assert "Signed in as Alex" in kit.label_texts(unlocked)
    qtbot.keyClick(
        home.new_conversation_button,
        QtCore.Qt.Key.Key_L,
        QtCore.Qt.KeyboardModifier.ControlModifier,
    )
    assert_locked_and_cleared(unlocked, session)
    # And it unlocks again into a fresh home page.
    kit.unlock_by_keyboard(qtbot, unlocked, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(unlocked.page, HomePage), timeout=10_000)
    assert unlocked.page is not home


def test_lock_button_locks(qtbot, unlocked):  # type: ignore[no-untyped-def]
    session = unlocked.session
    qtbot.mouseClick(unlocked.page.lock_button, QtCore.Qt.MouseButton.LeftButton)
    assert_locked_and_cleared(unlocked, session)


def test_idle_timeout_locks(qtbot, open_window, store, kit):  # type: ignore[no-untyped-def]
    ws = store.workstation()
    session = ws.unlock(store.admin_id, kit.ADMIN_PASSPHRASE)
    save_setting(session, "lock_minutes", 0.005)  # 300 ms
    session.lock()
    ws.close()
    window = open_window(store.home, store.secrets)
    kit.unlock_by_keyboard(qtbot, window, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(window.page, HomePage), timeout=10_000)
    session = window.session
    assert window.idle_lock.interval_ms() == 300
    qtbot.waitUntil(lambda: isinstance(window.page, UnlockPage), timeout=5_000)
    assert_locked_and_cleared(window, session)
    assert not window.idle_lock.armed


def test_activity_restarts_the_idle_timer(qtbot, unlocked):  # type: ignore[no-untyped-def]
    unlocked.apply_lock_minutes(1 / 60)  # 1 s
    timer = unlocked.idle_lock._timer
    qtbot.waitUntil(lambda: timer.remainingTime() < 700, timeout=5_000)
    qtbot.keyClick(unlocked.page.new_conversation_button, QtCore.Qt.Key.Key_Shift)
    assert timer.remainingTime() > 800
    assert isinstance(unlocked.page, HomePage)


def test_idle_lock_closes_modal_dialogs(qtbot, unlocked):  # type: ignore[no-untyped-def]
    session = unlocked.session
    supporters = unlocked.open_supporters()
    enrol = supporters.open_enrol()
    qtbot.keyClicks(enrol.name, NEW_NAME)
    qtbot.keyClicks(enrol.passphrase.first, NEW_PASSPHRASE)
    assert enrol.isVisible()
    assert enrol.isModal()
    unlocked.apply_lock_minutes(0.003)  # 180 ms, counted from now
    qtbot.waitUntil(lambda: isinstance(unlocked.page, UnlockPage), timeout=5_000)
    assert_locked_and_cleared(unlocked, session)
    # Closed at once; destroyed when Qt processes the deferred delete, hence the wait.
    assert not [
        w
        for w in QtWidgets.QApplication.topLevelWidgets()
        if isinstance(w, EnrolDialog) and w.isVisible()
    ]
    qtbot.waitUntil(
        lambda: (
            not [w for w in QtWidgets.QApplication.topLevelWidgets() if isinstance(w, EnrolDialog)]
        ),
        timeout=2_000,
    )


def test_ctrl_l_inside_a_modal_dialog_locks(qtbot, unlocked):  # type: ignore[no-untyped-def]
    session = unlocked.session
    dialog = unlocked.open_change_passphrase()
    qtbot.keyClicks(dialog.current, "half typed")
    qtbot.keyClick(dialog.current, QtCore.Qt.Key.Key_L, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert_locked_and_cleared(unlocked, session)


def test_error_box_is_closed_by_locking(qtbot, unlocked):  # type: ignore[no-untyped-def]
    from svdesk.errors import WriteFailed
    from ui.runtime.errors import show_error

    session = unlocked.session
    box = show_error(unlocked, WriteFailed("Could not write; nothing was changed."))
    assert box.isVisible()
    unlocked.lock()
    assert_locked_and_cleared(unlocked, session)


def test_enrol_and_remove_a_supporter(qtbot, unlocked, store, kit):  # type: ignore[no-untyped-def]
    home = unlocked.page
    qtbot.mouseClick(home.supporters_button, QtCore.Qt.MouseButton.LeftButton)
    dialog = unlocked.findChild(SupportersDialog)
    assert dialog is not None
    assert dialog.isVisible()
    assert kit.unnamed_controls(dialog) == []
    listed = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert listed == ["Alex (admin, you)", "Blake"]
    dialog.list.setCurrentRow(0)
    assert not dialog.remove_button.isEnabled()  # nobody removes themselves

    qtbot.mouseClick(dialog.add_button, QtCore.Qt.MouseButton.LeftButton)
    enrol = dialog.enrol_dialog
    assert enrol is not None
    assert enrol.isVisible()
    assert kit.unnamed_controls(enrol) == []
    qtbot.keyClicks(enrol.name, NEW_NAME)
    qtbot.keyClicks(enrol.passphrase.first, NEW_PASSPHRASE)
    qtbot.keyClicks(enrol.passphrase.second, NEW_PASSPHRASE)
    qtbot.keyClick(enrol.passphrase.second, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.enrol_dialog is None, timeout=10_000)
    listed = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert listed == ["Alex (admin, you)", "Blake", "Casey"]
    assert "Casey was added." in dialog.message.text()

    dialog.list.setCurrentRow(1)
    qtbot.mouseClick(dialog.remove_button, QtCore.Qt.MouseButton.LeftButton)
    box = dialog.confirm_box
    assert box is not None
    assert box.isVisible()
    assert "key" in box.informativeText()
    remove = next(b for b in box.buttons() if b.text() == "Remove")
    qtbot.mouseClick(remove, QtCore.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Blake was removed." in dialog.message.text(), timeout=10_000)
    listed = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert listed == ["Alex (admin, you)", "Casey"]
    names = [s.name for s in unlocked.workstation.supporters()]
    assert names == ["Alex", "Casey"]

    # Casey can sign in; Blake is no longer offered.
    unlocked.lock()
    page = unlocked.page
    offered = [page.supporter.itemText(i) for i in range(page.supporter.count())]
    assert offered == ["Alex", "Casey"]
    kit.unlock_by_keyboard(qtbot, unlocked, NEW_NAME, NEW_PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(unlocked.page, HomePage), timeout=10_000)


def test_cancel_removal_keeps_the_supporter(qtbot, unlocked):  # type: ignore[no-untyped-def]
    dialog = unlocked.open_supporters()
    dialog.list.setCurrentRow(1)
    box = dialog.confirm_remove()
    qtbot.keyClick(box, QtCore.Qt.Key.Key_Escape)
    assert not ops.busy()
    assert [s.name for s in unlocked.workstation.supporters()] == ["Alex", "Blake"]


def test_enrol_duplicate_name_is_refused_in_place(qtbot, unlocked, kit):  # type: ignore[no-untyped-def]
    dialog = unlocked.open_supporters()
    enrol = dialog.open_enrol()
    qtbot.keyClicks(enrol.name, kit.OTHER_NAME)
    qtbot.keyClicks(enrol.passphrase.first, NEW_PASSPHRASE)
    qtbot.keyClicks(enrol.passphrase.second, NEW_PASSPHRASE)
    qtbot.keyClick(enrol.passphrase.second, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not ops.busy(), timeout=10_000)
    assert enrol.isVisible()
    assert "already enrolled" in enrol.message.text()
    qtbot.keyClick(enrol, QtCore.Qt.Key.Key_Escape)
    assert not enrol.isVisible()


def test_change_own_passphrase(qtbot, unlocked, kit):  # type: ignore[no-untyped-def]
    qtbot.mouseClick(unlocked.page.change_passphrase_button, QtCore.Qt.MouseButton.LeftButton)
    dialog = unlocked.findChild(ChangePassphraseDialog)
    assert dialog is not None
    assert kit.unnamed_controls(dialog) == []
    qtbot.keyClicks(dialog.current, "wrong current one")
    qtbot.keyClicks(dialog.passphrase.first, NEW_PASSPHRASE)
    qtbot.keyClicks(dialog.passphrase.second, NEW_PASSPHRASE)
    qtbot.keyClick(dialog.passphrase.second, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: "current passphrase is not right" in dialog.message.text(), timeout=10_000
    )
    dialog.current.clear()
    qtbot.keyClicks(dialog.current, kit.ADMIN_PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClick(dialog.current, QtCore.Qt.Key.Key_Return)
    unlocked.lock()
    kit.unlock_by_keyboard(qtbot, unlocked, kit.ADMIN_NAME, NEW_PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(unlocked.page, HomePage), timeout=10_000)


def test_settings_lock_timeout_is_saved_and_applied(qtbot, unlocked, kit):  # type: ignore[no-untyped-def]
    qtbot.mouseClick(unlocked.page.settings_button, QtCore.Qt.MouseButton.LeftButton)
    dialog = unlocked.findChild(SettingsDialog)
    assert dialog is not None
    assert kit.unnamed_controls(dialog) == []
    assert dialog.lock_minutes.value() == 5
    assert (dialog.lock_minutes.minimum(), dialog.lock_minutes.maximum()) == (1, 60)
    dialog.lock_minutes.selectAll()
    qtbot.keyClicks(dialog.lock_minutes, "12")
    qtbot.keyClick(dialog.lock_minutes, QtCore.Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert read_setting(unlocked.session.db, "lock_minutes") == 12
    assert unlocked.idle_lock.interval_ms() == 12 * 60_000


def test_settings_escape_cancels(qtbot, unlocked):  # type: ignore[no-untyped-def]
    dialog = unlocked.open_settings()
    dialog.lock_minutes.setValue(30)
    qtbot.keyClick(dialog, QtCore.Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert read_setting(unlocked.session.db, "lock_minutes", None) is None
    assert unlocked.idle_lock.interval_ms() == 5 * 60_000


def test_non_admin_cannot_change_the_lock_timeout(qtbot, open_window, store, kit):  # type: ignore[no-untyped-def]
    window = open_window(store.home, store.secrets)
    kit.unlock_by_keyboard(qtbot, window, kit.OTHER_NAME, kit.OTHER_PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(window.page, HomePage), timeout=10_000)
    dialog = window.open_settings()
    assert not dialog.lock_minutes.isEnabled()
    assert "Only an admin" in " ".join(kit.label_texts(dialog))


def test_new_conversation_hook(qtbot, unlocked):  # type: ignore[no-untyped-def]
    received = []
    unlocked.new_conversation_requested.connect(received.append)
    with qtbot.waitSignal(unlocked.page.new_conversation_requested, timeout=1_000):
        qtbot.keyClick(unlocked.page.new_conversation_button, QtCore.Qt.Key.Key_Space)
    assert received == [unlocked.session]
    assert unlocked.findChildren(QtWidgets.QMessageBox) == []
    qtbot.waitUntil(lambda: len(_conversation_hosts()) == 1, timeout=10_000)
    for host in _conversation_hosts():
        host.close()


def _conversation_hosts() -> list[QtWidgets.QWidget]:
    from ui.unit.conversation_host import ConversationHost

    windows = QtWidgets.QApplication.topLevelWidgets()
    return [w for w in windows if isinstance(w, ConversationHost) and w.isVisible()]


def test_new_conversation_before_the_screens_are_attached_opens_one(qtbot, unlocked):  # type: ignore[no-untyped-def]
    # run_gui attaches the conversation screens just after the first paint; a click that comes
    # before that loads them on the spot instead of doing nothing.
    assert _conversation_hosts() == []
    unlocked.page.new_conversation_button.click()
    qtbot.waitUntil(lambda: len(_conversation_hosts()) == 1, timeout=10_000)
    assert unlocked.findChildren(QtWidgets.QMessageBox) == []
    for host in _conversation_hosts():
        host.close()
    unlocked.load_screens()  # run_gui's own call comes later: loaded once, not twice
    unlocked.page.new_conversation_button.click()
    qtbot.waitUntil(lambda: len(_conversation_hosts()) == 1, timeout=10_000)
    qtbot.wait(50)
    assert len(_conversation_hosts()) == 1


def test_crisis_shortcut_from_unlock_and_home(qtbot, open_window, store, kit):  # type: ignore[no-untyped-def]
    window = open_window(store.home, store.secrets)
    received = []
    window.crisis_requested.connect(lambda: received.append(type(window.page).__name__))
    assert window.crisis_action.shortcut().toString() == "Ctrl+E"
    qtbot.keyClick(
        window.page.passphrase, QtCore.Qt.Key.Key_E, QtCore.Qt.KeyboardModifier.ControlModifier
    )
    locked = window.crisis_dialog
    assert locked is not None
    assert locked.isVisible()
    assert locked.locked  # the steps, no recording
    locked.reject()
    kit.unlock_by_keyboard(qtbot, window, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(window.page, HomePage), timeout=10_000)
    # The offscreen platform has no window manager to hand activation back once the closed
    # dialog is deleted; a desktop's does.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(
        window.page.new_conversation_button,
        QtCore.Qt.Key.Key_E,
        QtCore.Qt.KeyboardModifier.ControlModifier,
    )
    assert received == ["UnlockPage", "HomePage"]
    unlocked = window.crisis_dialog
    assert unlocked is not locked
    assert unlocked.isVisible()
    assert not unlocked.locked
    unlocked.reject()


def test_home_shows_the_real_queues_with_a_friendly_empty_state(qtbot, unlocked):  # type: ignore[no-untyped-def]
    from ui.unit.escalation_queue import EscalationQueue
    from ui.unit.followup_queue import FollowupsWidget, OpenDraftsWidget

    page = unlocked.page
    # Built with the page, once: nothing is swapped in later.
    assert isinstance(page.follow_ups, FollowupsWidget)
    assert isinstance(page.escalations, EscalationQueue)
    assert isinstance(page.open_drafts, OpenDraftsWidget)
    assert page.findChildren(FollowupsWidget) == [page.follow_ups]
    assert page.findChildren(EscalationQueue) == [page.escalations]
    assert page.follow_ups.view.is_empty()
    assert page.follow_ups.view.empty.isVisible()
    assert "No follow-ups" in page.follow_ups.view.empty.text()
    assert not page.follow_ups.table.isVisible()
    assert page.escalations.view.empty.isVisible()
    assert not page.escalations.table.isVisible()
    assert not page.open_drafts.isVisible()  # no unfinished conversation


def test_home_controls_are_named_and_focus_starts_on_new_conversation(qtbot, unlocked, kit):  # type: ignore[no-untyped-def]
    assert kit.unnamed_controls(unlocked) == []
    assert unlocked.page.focusWidget() is unlocked.page.new_conversation_button
    buttons = [b for b in unlocked.findChildren(QtWidgets.QPushButton) if b.isVisibleTo(unlocked)]
    assert all(b.accessibleName() for b in buttons)


def test_closing_the_window_releases_the_store(qtbot, unlocked, store):  # type: ignore[no-untyped-def]
    session = unlocked.session
    unlocked.close()
    assert session.locked
    Workstation.open(store.home, store.secrets).close()  # no "already running"


def test_lock_while_a_core_call_runs_waits_for_it(qtbot, unlocked):  # type: ignore[no-untyped-def]
    session = unlocked.session
    dialog = unlocked.open_supporters()
    enrol = dialog.open_enrol()
    qtbot.keyClicks(enrol.name, NEW_NAME)
    qtbot.keyClicks(enrol.passphrase.first, NEW_PASSPHRASE)
    qtbot.keyClicks(enrol.passphrase.second, NEW_PASSPHRASE)
    qtbot.keyClick(enrol.passphrase.second, QtCore.Qt.Key.Key_Return)
    assert ops.busy()
    unlocked.lock()  # while the enrolment is still deriving keys on the worker
    assert_locked_and_cleared(unlocked, session)
    qtbot.waitUntil(lambda: not ops.busy(), timeout=10_000)
    # The enrolment finished before the store closed; nothing arrived into the dead dialog.
    assert [s.name for s in unlocked.workstation.supporters()] == ["Alex", "Blake", "Casey"]


def test_crisis_before_the_screens_are_attached_opens_the_crisis_screen(qtbot, unlocked):  # type: ignore[no-untyped-def]
    from ui.unit.crisis import CrisisDialog

    unlocked.crisis_action.trigger()
    qtbot.waitUntil(
        lambda: isinstance(getattr(unlocked, "crisis_dialog", None), CrisisDialog), timeout=10_000
    )
    assert unlocked.crisis_dialog.isVisible()


def test_crisis_still_says_what_to_do_when_its_screen_cannot_load(  # type: ignore[no-untyped-def]
    qtbot, unlocked, monkeypatch, capsys
):
    import ui.unit.screens

    def broken(main):  # type: ignore[no-untyped-def]
        raise ImportError("the crisis screen is missing from this build")

    monkeypatch.setattr(ui.unit.screens, "open_crisis", broken)
    unlocked.crisis_action.trigger()
    box = unlocked.findChild(QtWidgets.QMessageBox, "crisisFallback")
    assert box is not None
    assert box.isVisible()
    assert "emergency number" in box.text()
    assert "the crisis screen is missing" in capsys.readouterr().err


class _EmacsLineEdit(QtWidgets.QLineEdit):
    """A text field as Linux desktops' key themes make it: it claims Ctrl+E ("end of line")
    through ShortcutOverride (the offscreen platform's fields do not)."""

    def event(self, event):  # type: ignore[no-untyped-def]
        from ui.qt import QtCore

        if event.type() == QtCore.QEvent.Type.ShortcutOverride and (
            event.key() == QtCore.Qt.Key.Key_E
            and event.modifiers() == QtCore.Qt.KeyboardModifier.ControlModifier
        ):
            event.accept()
            return True
        return super().event(event)


def test_ctrl_e_reaches_crisis_even_from_a_field_that_claims_it(qtbot, open_window, store):  # type: ignore[no-untyped-def]
    from ui.runtime.shortcuts import CrisisShortcutGuard

    window = open_window(store.home, store.secrets)
    window.load_screens()  # installs the guard, as run_gui does after the first paint
    received: list[str] = []
    window.crisis_requested.connect(lambda: received.append("crisis"))
    field = _EmacsLineEdit()
    window.page.layout().addWidget(field)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    guard = QtWidgets.QApplication.instance()._svdesk_crisis_guard
    assert isinstance(guard, CrisisShortcutGuard)

    QtWidgets.QApplication.instance().removeEventFilter(guard)  # as before: the field takes Ctrl+E
    qtbot.keyClick(field, QtCore.Qt.Key.Key_E, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert received == []
    QtWidgets.QApplication.instance().installEventFilter(guard)
    qtbot.keyClick(field, QtCore.Qt.Key.Key_E, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert received == ["crisis"]
    for dialog in window.findChildren(QtWidgets.QDialog):
        dialog.reject()
    # Other keys still go to the field.
    qtbot.keyClicks(field, "abc")
    assert field.text() == "abc"
