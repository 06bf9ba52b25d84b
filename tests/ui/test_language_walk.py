"""The screens in each shipped language (issue 16, "done when"): a walk through every screen a
supporter and a coordinator reach — unlock, the kiosk survey, home with its queues, the crisis
screen, a whole conversation through the record to its completion, Settings and each dialog it
opens, supporters, export, the directory and roster editors, pairing, and each coordinator tab
with figures — that fails on any English text shown in Spanish (tests/ui/untranslated.py: the
interface's, the content's and the reports' texts, with a small allowlist of names and codes).

Known limitation: messages the core raises (`SvdeskError`) are English unless the interface
translates them (`tr(exc.message)` finds the ones listed in the .ts); the walk meets none.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from fakes import close_session
from test_conversation_fakes import COMPLETE_INITIAL, fill
from test_coordinator_support import (
    coordinator_store,
    export_directly,
    idle,
    pair_directly,
    record_conversation,
    unit_store,
)
from test_kiosk_gui import _choose, _kiosk_of
from untranslated import english_on, shown_texts

from svdesk.coordinator.importing import import_bundles
from svdesk.progress import run_to_end
from svdesk.storage.settings import write_workstation_language
from svdesk.unit import escalations
from svdesk.unit.context import context_for
from ui.qt import QtCore, QtWidgets
from ui.shell.home import HomePage
from ui.unit.conversation_host import ConversationHost
from ui.unit.crisis import CrisisDialog
from ui.unit.directory_editor import DirectoryDialog, RosterDialog
from ui.unit.pairing import PairingDialog
from ui.unit.record_page import OverrideReasonDialog


class Walk:
    """Collects what each screen shows in English, by screen."""

    def __init__(self, qtbot: Any, language: str) -> None:
        self.qtbot = qtbot
        self.language = language
        self.problems: list[str] = []
        self.screens = 0

    def check(self, name: str, widget: QtWidgets.QWidget | None) -> None:
        assert widget is not None, name
        idle(self.qtbot)
        QtWidgets.QApplication.processEvents()
        assert shown_texts(widget), name
        self.screens += 1
        self.problems += [f"{name}: {p}" for p in english_on(widget, self.language)]

    def dialog(self, name: str, opener: Callable[[], QtWidgets.QWidget | None]) -> None:
        dialog = opener()
        assert dialog is not None, name
        if not dialog.isVisible():
            self.qtbot.addWidget(dialog)
            dialog.show()
        self.check(name, dialog)
        dialog.close()


def _host() -> ConversationHost:
    [host] = _hosts()
    return host


def _hosts() -> list[ConversationHost]:
    return [
        w
        for w in QtWidgets.QApplication.topLevelWidgets()
        if isinstance(w, ConversationHost) and w.isVisible()
    ]


def test_every_unit_screen_in_each_translation(
    qtbot: Any, open_window: Any, store: Any, kit: Any, translated_ui: str
) -> None:
    _choose(store)  # a staff survey on offer: the kiosk button on the unlock screen
    write_workstation_language(store.home, translated_ui)
    walk = Walk(qtbot, translated_ui)
    main = open_window(store.home, store.secrets)
    main.load_screens()
    walk.check("unlock", main)
    main.page.open_kiosk()
    qtbot.waitUntil(lambda: _kiosk_of(main.page) is not None, timeout=5_000)
    station = _kiosk_of(main.page)
    assert station is not None
    walk.check("kiosk", main)
    station.submit()  # nothing answered: said so
    qtbot.waitUntil(station.message.isVisible, timeout=5_000)
    walk.check("kiosk, nothing answered", main)
    station.leave()
    qtbot.waitUntil(lambda: _kiosk_of(main.page) is None, timeout=5_000)

    kit.unlock_by_keyboard(qtbot, main, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(main.page, HomePage), timeout=20_000)
    idle(qtbot)
    session = main.session
    record_conversation(session)  # a follow-up on the queue
    escalations.record_emergency(context_for(session))  # an escalation on the queue
    main.page.refresh()
    walk.check("home", main)

    main.crisis_action.trigger()
    qtbot.waitUntil(lambda: isinstance(getattr(main, "crisis_dialog", None), CrisisDialog))
    walk.check("crisis", main.crisis_dialog)
    main.crisis_dialog.record_button.click()
    walk.check("crisis, recorded", main.crisis_dialog)
    main.crisis_dialog.close()

    main.home_page.new_conversation_button.click()
    qtbot.waitUntil(lambda: len(_hosts()) == 1)
    host = _host()
    conversation = host.conversation
    for step in conversation.step_ids():
        conversation.go_to_step(step)
        walk.check(f"conversation step {step}", host)
    fill(conversation, COMPLETE_INITIAL)
    conversation.go_to_step("record")
    page = conversation._record_page
    assert page is not None
    qtbot.keyClicks(page.note.editor, "Anna estaba tranquila al final")
    walk.check("record page, a warned note", host)
    with qtbot.waitSignal(conversation.completed, timeout=20_000):
        conversation.request_complete()
        override = conversation._pending_box
        assert isinstance(override, OverrideReasonDialog), conversation.message.text()
        walk.check("override reason", override)
        # English: the identifier guard reads common Spanish words as names ("una", "nadie")
        # or as id labels ("sin"), and a reason it flags is refused (reported, not ours here).
        qtbot.keyClicks(override.reason, "a drug brand, not a person")
        qtbot.keyClick(override.reason, QtCore.Qt.Key.Key_Return)
    idle(qtbot)
    [done] = [
        w for w in QtWidgets.QApplication.topLevelWidgets()
        if isinstance(w, QtWidgets.QMessageBox) and w.objectName() == "conversationCompleted"
    ]  # fmt: skip
    walk.check("conversation completed", done)
    done.close()

    walk.dialog("supporters", main.open_supporters)
    walk.dialog("export", main.open_export)
    walk.dialog("change passphrase", main.open_change_passphrase)
    home = main.home_page
    walk.dialog("on call", home.open_on_call)
    walk.dialog("requests log", home.requests.open_log_dialog)
    walk.dialog("directory editor", lambda: DirectoryDialog(session))
    walk.dialog("roster", lambda: RosterDialog(session))
    walk.dialog("pairing", lambda: PairingDialog(session))
    settings = main.open_settings()
    walk.check("settings", settings)
    for name in ("open_pairing", "open_directory", "open_roster", "open_program_texts"):
        walk.dialog(f"settings: {name}", getattr(settings, name))
    settings.reject()
    assert walk.screens >= 25
    assert walk.problems == [], "\n".join(walk.problems)


def test_every_coordinator_tab_with_figures_in_each_translation(
    qtbot: Any, tmp_path: Path, translated_ui: str
) -> None:
    from ui.coordinator.page import CoordinatorPage

    unit, coord = unit_store(tmp_path), coordinator_store(tmp_path)
    pair_directly(unit, coord)
    for i in range(14):
        record_conversation(unit, on=date(2026, 2, 4), role_category="nurse" if i else "trainee")
    escalations.record_emergency(context_for(unit))
    run_to_end(import_bundles(coord, [export_directly(unit, tmp_path / "usb")], trust_new=True))
    close_session(unit)
    page = CoordinatorPage(coord)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    walk = Walk(qtbot, translated_ui)
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        walk.check(f"coordinator tab {page.tabs.tabText(index)}", page)
    idle(qtbot)
    close_session(coord)
    assert walk.problems == [], "\n".join(walk.problems)
