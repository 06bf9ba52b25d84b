"""Issue 17: walk every screen by keyboard — unit (unlock, home, each conversation step with the
record, crisis, settings, supporters, directory editor, export, pairing) and coordinator (each
tab) — and fail on an Alt+letter key used twice in one window or dialog, or on an enabled,
visible control that Tab never reaches."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from fakes import close_session
from keyboard_walk import keyboard_problems
from test_coordinator_support import coordinator_store, idle, record_conversation

from svdesk.unit import escalations
from svdesk.unit.context import context_for
from ui.coordinator.page import CoordinatorPage
from ui.qt import QtWidgets
from ui.shell.home import HomePage
from ui.unit.conversation import start_new_conversation
from ui.unit.crisis import CrisisDialog
from ui.unit.directory_editor import DirectoryDialog, RosterDialog
from ui.unit.pairing import PairingDialog


def _shown(qtbot: Any, widget: QtWidgets.QWidget) -> QtWidgets.QWidget:
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    QtWidgets.QApplication.processEvents()
    return widget


def test_every_unit_screen_by_keyboard(
    qtbot: Any, open_window: Any, store: Any, kit: SimpleNamespace
) -> None:
    problems: list[str] = []
    window = open_window(store.home, store.secrets)
    window.resize(1366, 768)
    problems += keyboard_problems(window, "unlock")
    kit.unlock_by_keyboard(qtbot, window, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(window.page, HomePage), timeout=10_000)
    idle(qtbot)
    session = window.page.session
    # Every queue with a row, so that its buttons show (Take over, Start follow-up, Hand off, …).
    ctx = context_for(session)
    record_conversation(session)  # a follow-up in a week
    escalations.record_emergency(ctx)
    window.page.refresh()
    idle(qtbot)
    QtWidgets.QApplication.processEvents()
    problems += keyboard_problems(window, "home")

    for name, opener in (
        ("settings", window.open_settings),
        ("supporters", window.open_supporters),
        ("export", window.open_export),
        ("change passphrase", window.open_change_passphrase),
    ):
        dialog = opener()
        assert dialog is not None, name
        idle(qtbot)
        problems += keyboard_problems(dialog, name)
        dialog.reject()
    for name, dialog in (
        ("directory editor", DirectoryDialog(session)),
        ("roster", RosterDialog(session)),
        ("pairing", PairingDialog(session)),
        ("crisis", CrisisDialog(context_for(session))),
    ):
        _shown(qtbot, dialog)
        idle(qtbot)
        problems += keyboard_problems(dialog, name)
        assert isinstance(dialog, QtWidgets.QDialog)
        dialog.reject()

    conversation = _shown(qtbot, start_new_conversation(context_for(session)))
    for step in conversation.step_ids():
        conversation.go_to_step(step)
        QtWidgets.QApplication.processEvents()
        problems += keyboard_problems(conversation, f"conversation step {step}")
    idle(qtbot)
    assert problems == [], "\n".join(problems)


def test_first_run_by_keyboard(qtbot: Any, open_window: Any, tmp_path: Any) -> None:
    window = open_window(tmp_path / "new")
    window.resize(1366, 768)
    QtWidgets.QApplication.processEvents()
    assert keyboard_problems(window, "first run") == []


def test_every_coordinator_tab_by_keyboard(qtbot: Any, tmp_path: Any) -> None:
    coord = coordinator_store(tmp_path)
    page = _shown(qtbot, CoordinatorPage(coord))
    idle(qtbot)
    problems: list[str] = []
    assert isinstance(page, CoordinatorPage)
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        QtWidgets.QApplication.processEvents()
        problems += keyboard_problems(page, f"coordinator {page.tabs.tabText(index)}")
    idle(qtbot)
    close_session(coord)
    assert problems == [], "\n".join(problems)
