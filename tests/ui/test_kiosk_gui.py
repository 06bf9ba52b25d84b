"""Issue 14, item 2: the kiosk survey on the unlock screen, by keyboard. A staff member answers
without anyone unlocking; the answers are merged at the next unlock; the kiosk goes back to the
unlock screen when done or idle; no shortcut reaches another screen, except Crisis."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from keyboard_walk import keyboard_problems
from kiosk_shortcuts import (
    crisis_opens,
    open_over_unlock,
    page_over,
    press_all_but_crisis,
    window_keys,
)
from test_firstrun_shell import fill_form_by_keyboard

from svdesk.storage.datadir import KIOSK_CHOICE_NAME, KIOSK_INBOX_NAME
from svdesk.unit import kiosk
from ui.qt import QtCore, QtWidgets
from ui.runtime import ops
from ui.shell import kiosk as kiosk_page
from ui.shell.firstrun import FirstRunPage, last_group
from ui.shell.home import HomePage
from ui.shell.kiosk import KioskPage
from ui.shell.settings import SettingsDialog
from ui.shell.unlock import UnlockPage

SURVEY = "program_pulse"


def _choose(store: Any, survey: str | None = SURVEY) -> None:
    ws = store.workstation()
    session = ws.unlock(store.admin_id, "correct horse battery staple")
    try:
        kiosk.choose_survey(session, survey)
    finally:
        session.lock()
        ws.close()


def _inbox(store: Any) -> list[Path]:
    inbox = store.home / KIOSK_INBOX_NAME
    return sorted(inbox.iterdir()) if inbox.exists() else []


def _key(
    qtbot: Any,
    key: QtCore.Qt.Key,
    modifier: QtCore.Qt.KeyboardModifier = QtCore.Qt.KeyboardModifier.NoModifier,
) -> None:
    widget = QtWidgets.QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    qtbot.keyClick(widget, key, modifier)


def _kiosk_of(page: UnlockPage) -> KioskPage | None:
    return page_over(page, KioskPage)


def _open_kiosk(qtbot: Any, window: Any) -> KioskPage:
    return open_over_unlock(qtbot, window, "kiosk_button", QtCore.Qt.Key.Key_T, KioskPage)  # S&taff


@pytest.fixture
def chosen(store: Any) -> Any:
    _choose(store)
    return store


def test_a_staff_member_answers_by_keyboard_and_the_next_unlock_merges_it(
    qtbot: Any, open_window: Any, chosen: Any, kit: SimpleNamespace
) -> None:
    window = open_window(chosen.home, chosen.secrets)
    unlock = window.page
    station = _open_kiosk(qtbot, window)
    assert keyboard_problems(window, "kiosk") == []
    # Nothing of the store shows: the unlock form (with the supporters' names) is hidden.
    assert not unlock.supporter.isVisible()
    texts = " ".join(
        w.text() for w in station.findChildren(QtWidgets.QWidget) if hasattr(w, "text")
    )
    assert kit.ADMIN_NAME not in texts
    assert kit.OTHER_NAME not in texts

    # Statement 1: Space picks the first answer, Right moves to the next (Agree... = 2).
    _key(qtbot, QtCore.Qt.Key.Key_Space)
    _key(qtbot, QtCore.Qt.Key.Key_Right)
    # Statement 2: Tab to it, then Space, Right, Right, Right (= 4).
    _key(qtbot, QtCore.Qt.Key.Key_Tab)
    _key(qtbot, QtCore.Qt.Key.Key_Space)
    for _ in range(3):
        _key(qtbot, QtCore.Qt.Key.Key_Right)
    assert station.answers()["know_reach"] == 2
    assert station.answers()["know_what_happens"] == 4
    _key(qtbot, QtCore.Qt.Key.Key_S, QtCore.Qt.KeyboardModifier.AltModifier)  # &Submit answers
    qtbot.waitUntil(station.thanks.isVisible, timeout=5_000)
    assert len(_inbox(chosen)) == 1
    assert QtWidgets.QApplication.focusWidget() is station.done_button
    _key(qtbot, QtCore.Qt.Key.Key_Space)  # Done
    qtbot.waitUntil(lambda: _kiosk_of(unlock) is None, timeout=5_000)
    assert unlock.passphrase.isVisible()
    assert unlock.passphrase.hasFocus()
    assert window.session is None

    kit.unlock_by_keyboard(qtbot, window, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(window.page, HomePage), timeout=10_000)
    qtbot.waitUntil(lambda: not ops.busy(), timeout=20_000)
    assert _inbox(chosen) == []
    stored = kiosk.stored_responses(window.session, SURVEY)
    assert [r["answers"] for r in stored] == [{"know_reach": 2, "know_what_happens": 4}]


def test_nothing_answered_is_said_and_nothing_is_kept(
    qtbot: Any, open_window: Any, chosen: Any
) -> None:
    window = open_window(chosen.home, chosen.secrets)
    station = _open_kiosk(qtbot, window)
    _key(
        qtbot, QtCore.Qt.Key.Key_S, QtCore.Qt.KeyboardModifier.AltModifier
    )  # a mnemonic clicks after 100 ms
    qtbot.waitUntil(station.message.isVisible, timeout=5_000)
    assert "No statement is answered" in station.message.text()
    assert _inbox(chosen) == []
    _key(qtbot, QtCore.Qt.Key.Key_Escape)  # leaves without answering
    qtbot.waitUntil(lambda: _kiosk_of(window.page) is None, timeout=5_000)


def test_untouched_for_the_idle_time_it_forgets_the_answers_and_goes_back(
    qtbot: Any, open_window: Any, chosen: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kiosk_page, "KIOSK_IDLE_MS", 300)
    window = open_window(chosen.home, chosen.secrets)
    station = _open_kiosk(qtbot, window)
    _key(qtbot, QtCore.Qt.Key.Key_Space)
    assert station.answers()["know_reach"] == 1
    qtbot.waitUntil(lambda: _kiosk_of(window.page) is None, timeout=5_000)
    assert _inbox(chosen) == []
    assert window.page.passphrase.hasFocus()
    # The next person finds nothing chosen.
    assert set(_open_kiosk(qtbot, window).answers().values()) == {None}


def test_the_thank_you_goes_back_by_itself(
    qtbot: Any, open_window: Any, chosen: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kiosk_page, "THANKS_MS", 200)
    window = open_window(chosen.home, chosen.secrets)
    _open_kiosk(qtbot, window)
    _key(qtbot, QtCore.Qt.Key.Key_Space)
    _key(qtbot, QtCore.Qt.Key.Key_S, QtCore.Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: _kiosk_of(window.page) is None, timeout=5_000)
    assert len(_inbox(chosen)) == 1


def test_no_shortcut_reaches_another_screen_but_crisis(
    qtbot: Any, open_window: Any, chosen: Any
) -> None:
    window = open_window(chosen.home, chosen.secrets)
    unlock = window.page
    station = _open_kiosk(qtbot, window)
    own = {"Alt+L", "Alt+S", "Alt+D"}  # Leave, Submit, Done: the kiosk's own buttons
    keys = window_keys(window, station, own)
    assert {"Ctrl+E", "Ctrl+L", "Alt+U", "Alt+F", "Alt+P", "Alt+T"} <= set(keys)

    def still_there(text: str) -> None:
        assert window.page is unlock, text
        assert _kiosk_of(unlock) is station, text
        assert window.session is None, text

    press_all_but_crisis(qtbot, keys, still_there)

    # Crisis stays available, and the kiosk is still there behind it.
    crisis_opens(qtbot, window)
    assert _kiosk_of(unlock) is station


def test_no_survey_chosen_no_button_and_a_bad_file_hides_it_saying_why(
    qtbot: Any, open_window: Any, store: Any
) -> None:
    window = open_window(store.home, store.secrets)
    assert not window.page.kiosk_button.isVisible()
    window.shutdown()
    _choose(store)
    path = store.home / KIOSK_CHOICE_NAME
    data = json.loads(path.read_text())
    path.write_text(json.dumps({**data, "survey_version": "0.1"}))  # not what was signed
    window = open_window(store.home, store.secrets)
    page = window.page
    assert page.kiosk_button.isVisible()  # the file is there; it is checked on use
    _key(qtbot, QtCore.Qt.Key.Key_T, QtCore.Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not page.kiosk_button.isVisible(), timeout=5_000)
    assert _kiosk_of(page) is None
    assert "cannot be offered" in page.message.text()
    assert "Settings" in page.message.text()
    assert page.passphrase.hasFocus()


def test_the_admin_chooses_the_survey_in_settings(
    qtbot: Any, open_window: Any, store: Any, kit: SimpleNamespace
) -> None:
    window = open_window(store.home, store.secrets)
    kit.unlock_by_keyboard(qtbot, window, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(window.page, HomePage), timeout=10_000)
    qtbot.waitUntil(lambda: not ops.busy(), timeout=20_000)
    dialog = window.open_settings()
    assert isinstance(dialog, SettingsDialog)
    qtbot.waitUntil(lambda: QtWidgets.QApplication.activeWindow() is dialog, timeout=5_000)
    assert dialog.kiosk_survey.currentData() is None
    assert keyboard_problems(dialog, "settings") == []
    _key(qtbot, QtCore.Qt.Key.Key_U, QtCore.Qt.KeyboardModifier.AltModifier)  # Staff s&urvey
    qtbot.waitUntil(
        lambda: QtWidgets.QApplication.focusWidget() is dialog.kiosk_survey, timeout=5_000
    )
    _key(qtbot, QtCore.Qt.Key.Key_Down)
    assert dialog.kiosk_survey.currentData() == SURVEY
    _key(qtbot, QtCore.Qt.Key.Key_Return)  # Save
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert (store.home / KIOSK_CHOICE_NAME).is_file()
    window.lock()
    assert window.page.kiosk_button.isVisible()
    window.activateWindow()
    qtbot.waitUntil(lambda: QtWidgets.QApplication.focusWidget() is not None, timeout=5_000)
    _open_kiosk(qtbot, window)


def test_a_new_store_gets_its_inbox_key_at_first_run(
    qtbot: Any, open_window: Any, tmp_path: Path
) -> None:
    window = open_window(tmp_path / "new")
    page = window.page
    assert isinstance(page, FirstRunPage)
    fill_form_by_keyboard(qtbot, page)
    qtbot.keyClick(page.form.passphrase.second, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.recovery is not None, timeout=20_000)
    recovery = page.recovery
    qtbot.keyClicks(recovery.confirm_field, last_group(recovery.code_label.text()))
    qtbot.keyClick(recovery.confirm_field, QtCore.Qt.Key.Key_Return)
    assert isinstance(window.page, HomePage)
    qtbot.waitUntil(lambda: not ops.busy(), timeout=20_000)
    keys = window.session.db.execute("SELECT count(*) FROM kiosk_inbox_key").fetchone()[0]
    assert keys == 1
    offered = json.loads((tmp_path / "new" / KIOSK_CHOICE_NAME).read_text())
    assert offered["survey_id"] is None  # no survey chosen yet
    window.lock()
    assert not window.page.kiosk_button.isVisible()
