"""The program's confidentiality statement: a unit admin adapts it in Settings by keyboard; it is
kept in the encrypted store and shown in the Frame step of the next conversation."""

from __future__ import annotations

from typing import Any

from test_retention_settings import mnemonics, unlocked_window

from svdesk.content.program_texts import load_program_texts
from svdesk.unit import program_texts
from svdesk.unit.context import context_for
from ui.qt import QtCore, QtWidgets
from ui.unit.conversation import start_new_conversation
from ui.unit.program_texts import ProgramTextsDialog

OWN = "Our policy: I must report child abuse to the safeguarding lead. Nothing else is written."


def _dialog(qtbot: Any, window: Any) -> ProgramTextsDialog:
    settings = window.open_settings()
    # Alt+X is the only mnemonic of its letter in Settings; the button opens by Space.
    assert sorted(mnemonics(settings)).count("x") == 1
    button = settings.program_texts_button
    assert button.text() == "Program te&xts…"
    button.setFocus(QtCore.Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(button, QtCore.Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: settings.findChild(ProgramTextsDialog) is not None)
    dialog = settings.findChild(ProgramTextsDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _save_by_keyboard(qtbot: Any, dialog: ProgramTextsDialog) -> None:
    save = dialog.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Save)
    save.setFocus(QtCore.Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(save, QtCore.Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_an_admin_adapts_the_statement_by_keyboard_and_the_frame_shows_it(
    qtbot: Any, open_window: Any, store: Any, kit: Any
) -> None:
    window = unlocked_window(qtbot, open_window, store, kit)
    dialog = _dialog(qtbot, window)
    assert kit.unnamed_controls(dialog) == []
    editor = dialog.editors["confidentiality"]
    assert editor.toPlainText() == load_program_texts()["confidentiality"].text
    assert not editor.isReadOnly()
    assert dialog.focusWidget() is editor  # the text has the focus when the dialog opens
    qtbot.keyClick(editor, QtCore.Qt.Key.Key_A, QtCore.Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, OWN)
    qtbot.keyClick(editor, QtCore.Qt.Key.Key_Tab)  # Tab leaves the text, it types no tab
    assert "\t" not in editor.toPlainText()
    _save_by_keyboard(qtbot, dialog)
    session = window.session
    assert program_texts.program_text(session, "confidentiality").text == OWN

    conversation = start_new_conversation(context_for(session))
    qtbot.addWidget(conversation)
    conversation.go_to_step("frame")
    page = conversation._page("frame")
    assert page.program_text is not None
    assert page.program_text.text() == OWN
    assert page.program_text.focusPolicy() == QtCore.Qt.FocusPolicy.StrongFocus  # reachable by Tab

    # Reset to default by keyboard: Alt+R, then save.
    dialog = _dialog(qtbot, window)
    reset = dialog.reset_buttons["confidentiality"]
    assert reset.text() == "&Reset to default"  # type: ignore[attr-defined]
    reset.setFocus(QtCore.Qt.FocusReason.TabFocusReason)  # type: ignore[attr-defined]
    qtbot.keyClick(reset, QtCore.Qt.Key.Key_Space)
    default = dialog.texts["confidentiality"].default
    assert dialog.editors["confidentiality"].toPlainText() == default
    _save_by_keyboard(qtbot, dialog)
    assert not program_texts.program_text(session, "confidentiality").adapted


def test_a_supporter_reads_the_statement_but_cannot_change_it(
    qtbot: Any, open_window: Any, store: Any, kit: Any
) -> None:
    window = unlocked_window(qtbot, open_window, store, kit, admin=False)
    dialog = _dialog(qtbot, window)
    editor = dialog.findChild(QtWidgets.QPlainTextEdit)
    assert editor is not None
    assert editor.isReadOnly()
    assert dialog.reset_buttons == {}
    assert "Only a unit admin can change them" in " ".join(
        w.text() for w in dialog.findChildren(QtWidgets.QLabel)
    )
