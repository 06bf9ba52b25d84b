"""The unit admin's resource directory and roster editors over a real unit store: keyboard
editing, the core's refusals shown in place, read-only for supporters, and the roster reaching
the identifier guard of a note."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from svdesk.access.session import Session
from svdesk.errors import InvalidInput, NotPermitted
from svdesk.unit import guard
from svdesk.unit.context import context_for
from svdesk.unit.directory import (
    directory,
    normalise_phone,
    roster,
    set_directory_entry,
    set_roster,
)
from ui.qt import QtCore, QtWidgets
from ui.shell.settings import SettingsDialog
from ui.unit.conversation import start_new_conversation
from ui.unit.crisis import CrisisDialog
from ui.unit.directory_editor import DirectoryDialog, RosterDialog

CRISIS_NUMBER = "0800 123 456"
ROSTER_NAME = "Quillon Marrowby"

Unlock = Callable[[str], Session]


@pytest.fixture
def unlock(store: Any, kit: Any) -> Iterator[Unlock]:
    """Unlock the store as "admin" (Alex) or "other" (Blake, a supporter); closed after."""
    workstation = store.workstation()
    sessions: list[Session] = []

    def open_as(who: str) -> Session:
        for old in sessions:
            old.lock()
        if who == "admin":
            session = workstation.unlock(store.admin_id, kit.ADMIN_PASSPHRASE)
        else:
            session = workstation.unlock(store.other_id, kit.OTHER_PASSPHRASE)
        sessions.append(session)
        return session

    yield open_as
    for session in sessions:
        session.lock()
    workstation.close()


def _show(qtbot: Any, dialog: QtWidgets.QWidget) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()


def _focus() -> QtWidgets.QWidget | None:
    return QtWidgets.QApplication.focusWidget()


def _entry(ctx: Any, code: str) -> Any:
    return next(e for e in directory(ctx) if e.code == code)


def test_admin_sets_the_crisis_line_by_keyboard_and_the_crisis_screen_shows_it(
    qtbot: Any, unlock: Unlock, kit: Any
) -> None:
    session = unlock("admin")
    ctx = context_for(session)
    dialog = DirectoryDialog(session)
    _show(qtbot, dialog)
    phone = dialog.phone_fields["crisis_line"]
    assert phone.text() == ""
    assert phone.placeholderText() == "not set"
    assert dialog.unset_hint.isVisible()
    assert "6 of 6 numbers are not set" in dialog.unset_hint.text()
    assert kit.unnamed_controls(dialog) == []

    # Focus starts on the first number (Emergency); Tab goes number → detail → next number.
    assert _focus() is dialog.phone_fields["emergency"]
    qtbot.keyClick(_focus(), QtCore.Qt.Key.Key_Tab)
    assert _focus() is dialog.detail_fields["emergency"]
    qtbot.keyClick(_focus(), QtCore.Qt.Key.Key_Tab)
    assert _focus() is phone
    qtbot.keyClicks(phone, CRISIS_NUMBER)
    qtbot.keyClick(phone, QtCore.Qt.Key.Key_Tab)
    qtbot.keyClicks(_focus(), "24/7, ask for the on-call team")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClick(_focus(), QtCore.Qt.Key.Key_Return)

    saved = _entry(ctx, "crisis_line")
    assert (saved.phone, saved.detail) == (CRISIS_NUMBER, "24/7, ask for the on-call team")
    assert _entry(ctx, "emergency").phone is None  # untouched rows are not written

    crisis = CrisisDialog(ctx)
    qtbot.addWidget(crisis)
    crisis.show()
    assert crisis.directory_view.number_labels["crisis_line"].text() == CRISIS_NUMBER
    assert "24/7, ask for the on-call team" in crisis.directory_view.accessibleDescription()

    reopened = DirectoryDialog(session)
    qtbot.addWidget(reopened)
    assert reopened.phone_fields["crisis_line"].text() == CRISIS_NUMBER
    assert "5 of 6 numbers are not set" in reopened.unset_hint.text()


def test_an_invalid_number_shows_the_cores_message_and_keeps_what_was_typed(
    qtbot: Any, unlock: Unlock
) -> None:
    session = unlock("admin")
    ctx = context_for(session)
    dialog = DirectoryDialog(session)
    _show(qtbot, dialog)
    qtbot.keyClicks(dialog.phone_fields["psychology"], "4411")
    qtbot.keyClicks(dialog.phone_fields["eap"], "call Sam")
    qtbot.keyClicks(dialog.detail_fields["eap"], "weekdays")
    qtbot.keyClick(dialog.phone_fields["eap"], QtCore.Qt.Key.Key_Return)

    with pytest.raises(InvalidInput) as refused:
        normalise_phone("call Sam")
    error = dialog.error_labels["eap"]
    assert error.isVisible()
    assert error.text() == refused.value.message
    assert dialog.phone_fields["eap"].accessibleDescription() == refused.value.message
    assert not dialog.error_labels["psychology"].isVisible()
    assert "Nothing was saved" in dialog.message.text()
    assert dialog.isVisible()
    assert dialog.phone_fields["eap"].text() == "call Sam"
    assert dialog.detail_fields["eap"].text() == "weekdays"
    assert dialog.phone_fields["psychology"].text() == "4411"
    assert _focus() is dialog.phone_fields["eap"]
    assert _entry(ctx, "psychology").phone is None  # one wrong number saves nothing
    assert _entry(ctx, "eap").phone is None

    dialog.phone_fields["eap"].selectAll()
    qtbot.keyClicks(dialog.phone_fields["eap"], "+44 20 7946 0000 ext 12")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClick(dialog.phone_fields["eap"], QtCore.Qt.Key.Key_Return)
    assert _entry(ctx, "eap").phone == "+44 20 7946 0000 ext 12"
    assert _entry(ctx, "eap").detail == "weekdays"
    assert _entry(ctx, "psychology").phone == "4411"


def test_escape_closes_without_saving(qtbot: Any, unlock: Unlock) -> None:
    session = unlock("admin")
    ctx = context_for(session)
    dialog = DirectoryDialog(session)
    _show(qtbot, dialog)
    qtbot.keyClicks(dialog.phone_fields["emergency"], "112")
    with qtbot.waitSignal(dialog.rejected, timeout=2_000):
        qtbot.keyClick(dialog.phone_fields["emergency"], QtCore.Qt.Key.Key_Escape)
    assert _entry(ctx, "emergency").phone is None


def test_a_supporter_sees_the_directory_read_only_and_cannot_open_the_roster(
    qtbot: Any, unlock: Unlock, kit: Any
) -> None:
    admin = unlock("admin")
    set_directory_entry(context_for(admin), "crisis_line", CRISIS_NUMBER, "24/7")
    set_roster(context_for(admin), [ROSTER_NAME])
    session = unlock("other")
    ctx = context_for(session)

    dialog = DirectoryDialog(session)
    _show(qtbot, dialog)
    assert dialog.phone_fields["crisis_line"].text() == CRISIS_NUMBER
    assert all(f.isReadOnly() for f in dialog.phone_fields.values())
    assert all(f.isReadOnly() for f in dialog.detail_fields.values())
    assert dialog.save_button() is None
    assert "Only a unit admin can change them" in dialog.intro.text()
    qtbot.keyClicks(dialog.phone_fields["emergency"], "999")
    assert dialog.phone_fields["emergency"].text() == ""
    assert kit.unnamed_controls(dialog) == []
    with qtbot.waitSignal(dialog.rejected, timeout=2_000):
        qtbot.keyClick(_focus(), QtCore.Qt.Key.Key_Escape)

    settings = SettingsDialog(session)
    qtbot.addWidget(settings)
    settings.show()
    assert settings.directory_button.isEnabled()
    assert not settings.roster_button.isEnabled()
    assert kit.unnamed_controls(settings) == []

    roster_dialog = RosterDialog(session)
    qtbot.addWidget(roster_dialog)
    roster_dialog.show()
    assert not roster_dialog.editor.isVisible()
    assert ROSTER_NAME not in roster_dialog.editor.toPlainText()
    assert roster_dialog.save_button() is None
    with pytest.raises(NotPermitted):
        set_roster(ctx, ["Someone"])

    crisis = CrisisDialog(ctx)
    qtbot.addWidget(crisis)
    crisis.show()
    assert not crisis.fill_numbers_button.isVisible()


def test_roster_saved_from_settings_reaches_the_notes_guard(
    qtbot: Any, unlock: Unlock, kit: Any
) -> None:
    session = unlock("admin")
    ctx = context_for(session)
    settings = SettingsDialog(session)
    _show(qtbot, settings)
    assert settings.roster_button.isEnabled()
    settings.roster_button.setFocus()
    qtbot.keyClick(settings.roster_button, QtCore.Qt.Key.Key_Space)
    dialog = settings.findChild(RosterDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: _focus() is dialog.editor, timeout=2_000)
    assert "never leaves" in dialog.intro.text()
    assert "identifier guard" in dialog.intro.text()
    assert kit.unnamed_controls(dialog) == []

    qtbot.keyClicks(dialog.editor, "  Jo Chen ")
    qtbot.keyClick(dialog.editor, QtCore.Qt.Key.Key_Return)
    qtbot.keyClick(dialog.editor, QtCore.Qt.Key.Key_Return)  # a blank line is dropped
    qtbot.keyClicks(dialog.editor, ROSTER_NAME)
    qtbot.keyClick(dialog.editor, QtCore.Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.editor, "jo chen")  # the same name twice is kept once
    assert dialog.count.text() == "2 names"
    qtbot.keyClick(dialog.editor, QtCore.Qt.Key.Key_Tab)  # Tab leaves the editor for Save
    save = dialog.save_button()
    assert _focus() is save
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClick(save, QtCore.Qt.Key.Key_Space)
    assert roster(ctx) == ["Jo Chen", ROSTER_NAME]

    note = f"Spoke with {ROSTER_NAME} afterwards"
    assert "roster_name" not in {f.kind for f in guard.check(note).findings}
    assert "roster_name" in {f.kind for f in guard.check(note, roster(ctx)).findings}

    # A new conversation's record page warns about the name.
    window = start_new_conversation(ctx)
    qtbot.addWidget(window)
    window.go_to_step("record")
    page = window._record_page
    assert page is not None
    qtbot.keyClicks(page.note.editor, note)
    assert "roster_name" in {f.kind for f in page.note.findings()}
    assert page.note.verdict() == "warn"
    assert "a name from the unit roster" in (page.note.warning_message() or "")

    # Reopened, the editor shows the saved list; an over-long name is refused in place.
    again = settings.open_roster()  # a child of the settings dialog, deleted on close
    assert again.names() == ["Jo Chen", ROSTER_NAME]
    long_name = "A" * 101
    qtbot.keyClicks(again.editor, long_name)
    again.save()
    qtbot.waitUntil(lambda: not again.busy(), timeout=10_000)
    assert "at most 100" in again.message.text()
    assert long_name in again.editor.toPlainText()
    assert again.isVisible()
    assert roster(ctx) == ["Jo Chen", ROSTER_NAME]


def test_settings_opens_the_directory_and_the_crisis_screen_offers_admins_to_fill_numbers(
    qtbot: Any, unlock: Unlock, kit: Any
) -> None:
    session = unlock("admin")
    ctx = context_for(session)
    settings = SettingsDialog(session)
    _show(qtbot, settings)
    assert kit.unnamed_controls(settings) == []
    settings.directory_button.setFocus()
    qtbot.keyClick(settings.directory_button, QtCore.Qt.Key.Key_Space)
    opened = settings.findChild(DirectoryDialog)
    assert opened is not None
    assert opened.isVisible()
    opened.reject()

    crisis = CrisisDialog(ctx)
    _show(qtbot, crisis)
    button = crisis.fill_numbers_button
    assert button.isVisible()
    assert kit.unnamed_controls(crisis) == []
    button.setFocus()
    qtbot.keyClick(button, QtCore.Qt.Key.Key_Space)
    editor = crisis.findChild(DirectoryDialog)
    assert editor is not None
    qtbot.waitUntil(lambda: _focus() is editor.phone_fields["emergency"], timeout=2_000)
    for code, number in (
        ("emergency", "112"),
        ("crisis_line", CRISIS_NUMBER),
        ("eap", "1001"),
        ("psychology", "1002"),
        ("chaplain", "1003"),
        ("occupational_health", "1004"),
    ):
        qtbot.keyClicks(editor.phone_fields[code], number)
    with qtbot.waitSignal(editor.accepted, timeout=10_000):
        qtbot.keyClick(editor.phone_fields["occupational_health"], QtCore.Qt.Key.Key_Return)
    # The crisis screen shows the new numbers at once, and needs no more filling in.
    assert crisis.directory_view.number_labels["emergency"].text() == "112"
    assert crisis.directory_view.number_labels["crisis_line"].text() == CRISIS_NUMBER
    assert not button.isVisible()


def test_save_and_cancel_are_named_buttons(qtbot: Any, unlock: Unlock) -> None:
    session = unlock("admin")
    dialog = DirectoryDialog(session)
    qtbot.addWidget(dialog)
    box = dialog.buttons
    assert box.button(QtWidgets.QDialogButtonBox.StandardButton.Save).accessibleName() == "Save"
    assert box.button(QtWidgets.QDialogButtonBox.StandardButton.Cancel).accessibleName() == "Cancel"


def test_a_coordinator_store_has_no_unit_directory_in_settings(qtbot: Any, tmp_path: Any) -> None:
    from fakes import close_session, make_session

    session = make_session(tmp_path, role="coordinator")
    try:
        settings = SettingsDialog(session)
        qtbot.addWidget(settings)
        assert not hasattr(settings, "directory_button")
        assert not hasattr(settings, "roster_button")
    finally:
        close_session(session)
