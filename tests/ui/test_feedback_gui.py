"""Issue 14, item 3, through the GUI by keyboard: at the end of a conversation the supporter offers
a one-time feedback code (shown large, with a Copy button); at the locked workstation the
colleague types it, answers the feedback questions and is thanked; the code works once; the next
unlock merges the answers into the store, ready for the bundle. A wrong code gets one message
for every reason; after several, a wait; untouched, the page forgets and locks back; no shortcut
reaches another screen but Crisis."""

from __future__ import annotations

from datetime import date
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
from test_conversation_fakes import COMPLETE_INITIAL, fill
from untranslated import english_on

from svdesk.storage.feedback_files import FEEDBACK_CODES_NAME, FEEDBACK_INBOX_NAME
from svdesk.storage.settings import write_workstation_language
from svdesk.unit import feedback, feedback_codes, feedback_kiosk, feedback_sent
from ui.qt import QtCore, QtGui, QtWidgets
from ui.runtime import ops
from ui.shell import kiosk_feedback as page_module
from ui.shell.home import HomePage
from ui.shell.kiosk_feedback import KioskFeedbackPage
from ui.shell.unlock import UnlockPage
from ui.unit.conversation_host import ConversationHost
from ui.unit.feedback_code import FeedbackCodeDialog, offer_feedback_code

WRONG = "This feedback code does not work."


@pytest.fixture(autouse=True)
def _no_wrong_tries(monkeypatch: pytest.MonkeyPatch) -> None:
    """The kiosk counts wrong codes per store for the process: each test starts from none."""
    monkeypatch.setattr(feedback_kiosk, "_WRONG", {})


def _key(
    qtbot: Any,
    key: QtCore.Qt.Key,
    modifier: QtCore.Qt.KeyboardModifier = QtCore.Qt.KeyboardModifier.NoModifier,
) -> None:
    widget = QtWidgets.QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    qtbot.keyClick(widget, key, modifier)


def _alt(qtbot: Any, key: QtCore.Qt.Key) -> None:
    _key(qtbot, key, QtCore.Qt.KeyboardModifier.AltModifier)


def _inbox(store: Any) -> list[Path]:
    folder = store.home / FEEDBACK_INBOX_NAME
    return sorted(folder.iterdir()) if folder.exists() else []


def _offered(store: Any, kit: SimpleNamespace) -> str:
    """A code offered through the core (the GUI's offer is tested end to end below)."""
    ws = store.workstation()
    session = ws.unlock(store.admin_id, kit.ADMIN_PASSPHRASE)
    try:
        return feedback.offer_code(session).shown
    finally:
        session.lock()
        ws.close()


def _page_of(unlock: UnlockPage) -> KioskFeedbackPage | None:
    return page_over(unlock, KioskFeedbackPage)


def _open(qtbot: Any, window: Any) -> KioskFeedbackPage:
    # Give fee&dback…
    page = open_over_unlock(
        qtbot, window, "feedback_button", QtCore.Qt.Key.Key_D, KioskFeedbackPage
    )
    assert page.code.hasFocus()
    return page


def _type_code(qtbot: Any, page: KioskFeedbackPage, text: str) -> None:
    page.code.clear()
    qtbot.keyClicks(page.code, text)
    _key(qtbot, QtCore.Qt.Key.Key_Return)


def _activate(qtbot: Any, window: QtWidgets.QWidget) -> None:
    """Make `window` the active one, as a user's click would (the closing conversation window
    hands the activation back to the main window a moment later)."""

    def active() -> bool:
        if QtWidgets.QApplication.activeWindow() is not window:
            window.activateWindow()
            return False
        return True

    qtbot.waitUntil(active, timeout=5_000)


def _hosts() -> list[ConversationHost]:
    return [
        w
        for w in QtWidgets.QApplication.topLevelWidgets()
        if isinstance(w, ConversationHost) and w.isVisible()
    ]


def _answer_by_keyboard(qtbot: Any, page: KioskFeedbackPage) -> None:
    """Question 1: Space, Right ×3 (= 4); question 2: Tab, Space (= 1) then Right (= 2);
    question 3 (a list going down): Tab, Space, Down (= 2)."""
    assert QtWidgets.QApplication.focusWidget() in page._groups["helpful"].buttons()
    _key(qtbot, QtCore.Qt.Key.Key_Space)
    for _ in range(3):
        _key(qtbot, QtCore.Qt.Key.Key_Right)
    _key(qtbot, QtCore.Qt.Key.Key_Tab)
    _key(qtbot, QtCore.Qt.Key.Key_Space)
    _key(qtbot, QtCore.Qt.Key.Key_Right)
    _key(qtbot, QtCore.Qt.Key.Key_Tab)
    _key(qtbot, QtCore.Qt.Key.Key_Space)
    _key(qtbot, QtCore.Qt.Key.Key_Down)


ANSWERS = {"helpful": 4, "recommend": 2, "would_have_helped": 2}


def test_a_code_offered_at_completion_is_used_once_at_the_lock_and_merged_at_unlock(
    qtbot: Any, open_window: Any, store: Any, kit: SimpleNamespace
) -> None:
    main = open_window(store.home, store.secrets)
    main.load_screens()
    assert not main.page.feedback_button.isVisible()  # no code offered yet
    kit.unlock_by_keyboard(qtbot, main, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: main.home_page is not None, timeout=20_000)
    qtbot.waitUntil(lambda: not ops.busy(), timeout=20_000)

    # The supporter completes a conversation; the note offers a feedback code.
    main.home_page.new_conversation_button.click()
    qtbot.waitUntil(lambda: len(_hosts()) == 1)
    fill(_hosts()[0].conversation, COMPLETE_INITIAL)
    _hosts()[0].conversation.request_complete()
    qtbot.waitUntil(lambda: _hosts() == [])
    box = main.findChild(QtWidgets.QMessageBox, "conversationCompleted")
    assert box is not None
    _activate(qtbot, box)
    assert not (store.home / FEEDBACK_CODES_NAME).exists()
    qtbot.keyClick(
        box, QtCore.Qt.Key.Key_F, QtCore.Qt.KeyboardModifier.AltModifier
    )  # Offer a &feedback code…
    qtbot.waitUntil(lambda: main.findChild(FeedbackCodeDialog) is not None, timeout=5_000)
    dialog = main.findChild(FeedbackCodeDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    _activate(qtbot, dialog)
    code = dialog.code_label.text()
    assert feedback_codes.well_formed(feedback_codes.normalise(code))
    assert code.count("-") == 2
    assert "Give feedback" in " ".join(kit.label_texts(dialog))
    assert "a conversation of this unit in this month" in " ".join(kit.label_texts(dialog))
    expires = feedback_codes.expiry_for(feedback_codes.month_of(date.today()))
    assert f"{expires.day} " in dialog.valid_label.text()  # until the last day of next month
    assert str(expires.year) in dialog.valid_label.text()
    assert (store.home / FEEDBACK_CODES_NAME).is_file()  # the locked kiosk's list is written
    assert kit.unnamed_controls(dialog) == []
    assert keyboard_problems(dialog, "feedback code") == []
    _alt(qtbot, QtCore.Qt.Key.Key_C)  # &Copy code
    qtbot.waitUntil(lambda: QtGui.QGuiApplication.clipboard().text() == code, timeout=5_000)
    _alt(qtbot, QtCore.Qt.Key.Key_L)  # C&lose: the code leaves the clipboard with the dialog
    qtbot.waitUntil(lambda: main.findChild(FeedbackCodeDialog) is None, timeout=5_000)
    assert QtGui.QGuiApplication.clipboard().text() != code

    # Locked: the colleague gives feedback with the code (typed in small letters, no dashes).
    main.lock()
    unlock = main.page
    assert isinstance(unlock, UnlockPage)
    _activate(qtbot, main)
    unlock.passphrase.setFocus()
    page = _open(qtbot, main)
    assert keyboard_problems(main, "kiosk feedback") == []
    assert not unlock.supporter.isVisible()  # nothing of the store shows
    texts = " ".join(w.text() for w in page.findChildren(QtWidgets.QWidget) if hasattr(w, "text"))
    assert kit.ADMIN_NAME not in texts
    assert kit.OTHER_NAME not in texts
    _type_code(qtbot, page, code.replace("-", "").lower())
    qtbot.waitUntil(lambda: page.pages.currentIndex() == page_module.QUESTIONS_PAGE)
    assert keyboard_problems(main, "kiosk feedback questions") == []
    _answer_by_keyboard(qtbot, page)
    assert page.answers() == ANSWERS
    _alt(qtbot, QtCore.Qt.Key.Key_S)  # &Submit answers
    qtbot.waitUntil(page.thanks.isVisible, timeout=5_000)
    assert len(_inbox(store)) == 1
    assert QtWidgets.QApplication.focusWidget() is page.done_button
    _key(qtbot, QtCore.Qt.Key.Key_Space)  # Done
    qtbot.waitUntil(lambda: _page_of(unlock) is None, timeout=5_000)
    assert unlock.passphrase.hasFocus()
    assert main.session is None

    # Used once: the same code again gets the one message for every code that does not work.
    again = _open(qtbot, main)
    _type_code(qtbot, again, code)
    qtbot.waitUntil(again.code_message.isVisible, timeout=5_000)
    assert WRONG in again.code_message.text()
    assert again.pages.currentIndex() == page_module.CODE_PAGE
    _key(qtbot, QtCore.Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _page_of(unlock) is None, timeout=5_000)

    # The next unlock merges the answers: in the store, waiting for the next bundle.
    kit.unlock_by_keyboard(qtbot, main, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(main.page, HomePage), timeout=20_000)
    qtbot.waitUntil(lambda: not ops.busy(), timeout=20_000)
    assert _inbox(store) == []
    pending = feedback_sent.pending_responses(main.session.db)
    assert len(pending) == 1
    assert pending[0]["answers"] == '{"helpful": 4, "recommend": 2, "would_have_helped": 2}'
    assert pending[0]["month"] == feedback_codes.month_of(date.today())
    # The code is used: the locked kiosk's list is gone with it.
    assert not (store.home / FEEDBACK_CODES_NAME).exists()


def test_wrong_codes_get_one_message_then_a_wait(
    qtbot: Any, open_window: Any, store: Any, kit: SimpleNamespace
) -> None:
    code = _offered(store, kit)
    window = open_window(store.home, store.secrets)
    page = _open(qtbot, window)
    _type_code(qtbot, page, "K7Q2")  # not the shape of a code: says so
    qtbot.waitUntil(page.code_message.isVisible, timeout=5_000)
    assert "11 letters and digits" in page.code_message.text()
    # A slip in the check character and a code of the right shape never offered: the same words.
    slip = code[:-1] + ("0" if code[-1] != "0" else "1")
    _type_code(qtbot, page, slip)
    first = page.code_message.text()
    assert first.startswith(WRONG)
    page.code_message.clear_message()
    _type_code(qtbot, page, feedback_codes.shown(feedback_codes.new_code()))
    qtbot.waitUntil(page.code_message.isVisible, timeout=5_000)
    assert page.code_message.text() == first
    assert page.pages.currentIndex() == page_module.CODE_PAGE
    # The third wrong code in a row: a wait, counted down, then the code works.
    _type_code(qtbot, page, slip)
    assert "try again in 1 second" in page.code_message.text()
    assert not page.next_button.isEnabled()
    _type_code(qtbot, page, code)  # refused while the wait runs
    assert page.pages.currentIndex() == page_module.CODE_PAGE
    # Leaving and coming back does not end the wait.
    _key(qtbot, QtCore.Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _page_of(window.page) is None, timeout=5_000)
    page = _open(qtbot, window)
    assert not page.next_button.isEnabled()
    assert "try again in 1 second" in page.code_message.text()
    qtbot.waitUntil(page.next_button.isEnabled, timeout=5_000)
    assert "You can try again now" in page.code_message.text()
    _type_code(qtbot, page, code)
    qtbot.waitUntil(lambda: page.pages.currentIndex() == page_module.QUESTIONS_PAGE)
    # Nothing answered is said, and nothing is kept.
    _alt(qtbot, QtCore.Qt.Key.Key_S)
    qtbot.waitUntil(page.message.isVisible, timeout=5_000)
    assert "No question is answered" in page.message.text()
    assert _inbox(store) == []


def test_untouched_it_forgets_the_code_and_answers_and_locks_back(
    qtbot: Any, open_window: Any, store: Any, kit: SimpleNamespace, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = _offered(store, kit)
    monkeypatch.setattr(page_module, "FEEDBACK_IDLE_MS", 400)
    window = open_window(store.home, store.secrets)
    page = _open(qtbot, window)
    _type_code(qtbot, page, code)
    qtbot.waitUntil(lambda: page.pages.currentIndex() == page_module.QUESTIONS_PAGE)
    _key(qtbot, QtCore.Qt.Key.Key_Space)
    assert page.answers()["helpful"] == 1
    at_leaving: list[dict[str, int | None]] = []
    page.finished.connect(lambda: at_leaving.append(page.answers()))
    qtbot.waitUntil(lambda: _page_of(window.page) is None, timeout=5_000)
    assert _inbox(store) == []
    assert at_leaving == [dict.fromkeys(ANSWERS)]  # forgotten before the page goes
    assert window.page.passphrase.hasFocus()
    # The next person starts from the code again, with nothing typed.
    again = _open(qtbot, window)
    assert again.code.text() == ""
    assert again.pages.currentIndex() == page_module.CODE_PAGE


def test_the_thank_you_goes_back_by_itself(
    qtbot: Any, open_window: Any, store: Any, kit: SimpleNamespace, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = _offered(store, kit)
    monkeypatch.setattr(page_module, "THANKS_MS", 200)
    window = open_window(store.home, store.secrets)
    page = _open(qtbot, window)
    _type_code(qtbot, page, code)
    qtbot.waitUntil(lambda: page.pages.currentIndex() == page_module.QUESTIONS_PAGE)
    _key(qtbot, QtCore.Qt.Key.Key_Space)
    _alt(qtbot, QtCore.Qt.Key.Key_S)
    qtbot.waitUntil(lambda: _page_of(window.page) is None, timeout=5_000)
    assert len(_inbox(store)) == 1


def test_no_shortcut_reaches_another_screen_but_crisis(
    qtbot: Any, open_window: Any, store: Any, kit: SimpleNamespace
) -> None:
    code = _offered(store, kit)
    window = open_window(store.home, store.secrets)
    unlock = window.page
    page = _open(qtbot, window)
    own = {"Alt+L", "Alt+N", "Alt+C", "Alt+S", "Alt+D"}  # the page's own buttons and field
    keys = window_keys(window, page, own)
    assert {"Ctrl+E", "Ctrl+L", "Alt+U", "Alt+F", "Alt+T", "Alt+R", "Alt+P"} <= set(keys)
    for step in (page_module.CODE_PAGE, page_module.QUESTIONS_PAGE):
        if step == page_module.QUESTIONS_PAGE:
            _type_code(qtbot, page, code)
            qtbot.waitUntil(lambda: page.pages.currentIndex() == page_module.QUESTIONS_PAGE)

        def still_there(text: str, step: int = step) -> None:
            assert window.page is unlock, text
            assert _page_of(unlock) is page, text
            assert page.pages.currentIndex() == step, text
            assert window.session is None, text

        press_all_but_crisis(qtbot, keys, still_there)
    assert _inbox(store) == []
    crisis_opens(qtbot, window)
    assert _page_of(unlock) is page


def test_a_damaged_list_hides_the_button_saying_why(
    qtbot: Any, open_window: Any, store: Any, kit: SimpleNamespace
) -> None:
    _offered(store, kit)
    path = store.home / FEEDBACK_CODES_NAME
    path.write_text(path.read_text().replace('"codes"', '"codez"'))
    window = open_window(store.home, store.secrets)
    unlock = window.page
    assert unlock.feedback_button.isVisible()  # the file is there; it is checked on use
    _alt(qtbot, QtCore.Qt.Key.Key_D)
    qtbot.waitUntil(lambda: not unlock.feedback_button.isVisible(), timeout=5_000)
    assert _page_of(unlock) is None
    assert "Feedback cannot be given now" in unlock.message.text()
    assert unlock.passphrase.hasFocus()


def test_in_spanish_nothing_shows_in_english(
    qtbot: Any, open_window: Any, store: Any, kit: SimpleNamespace, spanish_ui: str
) -> None:
    """The code's dialog and every step of the locked screen's page, in Spanish (the questions
    in the survey's Spanish file), with the mnemonics Spanish gives them."""
    write_workstation_language(store.home, "es")
    main = open_window(store.home, store.secrets)
    main.load_screens()
    kit.unlock_by_keyboard(qtbot, main, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(main.page, HomePage), timeout=20_000)
    qtbot.waitUntil(lambda: not ops.busy(), timeout=20_000)
    problems: list[str] = []
    dialog = offer_feedback_code(main, main.session)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    problems += [f"code dialog: {p}" for p in english_on(dialog)]
    assert "«una conversación de esta unidad en este mes»" in " ".join(kit.label_texts(dialog))
    code = dialog.code()
    dialog.accept()
    main.lock()
    unlock = main.page
    _activate(qtbot, main)
    unlock.passphrase.setFocus()
    assert unlock.feedback_button.text() == "Dar su opi&nión…"
    _alt(qtbot, QtCore.Qt.Key.Key_N)
    qtbot.waitUntil(lambda: _page_of(unlock) is not None, timeout=5_000)
    page = _page_of(unlock)
    assert page is not None
    _activate(qtbot, main)  # (the closed dialog hands the activation back a moment later)
    page.code.setFocus()
    _type_code(qtbot, page, feedback_codes.shown(feedback_codes.new_code()))
    qtbot.waitUntil(page.code_message.isVisible, timeout=5_000)
    problems += [f"code, wrong: {p}" for p in english_on(main)]
    _type_code(qtbot, page, code)
    qtbot.waitUntil(lambda: page.pages.currentIndex() == page_module.QUESTIONS_PAGE)
    assert page.questions[0].title() == "Pregunta 1 de 3"
    problems += [f"questions: {p}" for p in english_on(main)]
    page.submit()
    qtbot.waitUntil(page.message.isVisible, timeout=5_000)
    problems += [f"nothing answered: {p}" for p in english_on(main)]
    _key(qtbot, QtCore.Qt.Key.Key_Space)
    _alt(qtbot, QtCore.Qt.Key.Key_E)  # &Enviar las respuestas
    qtbot.waitUntil(page.thanks.isVisible, timeout=5_000)
    problems += [f"thanks: {p}" for p in english_on(main)]
    assert problems == []
    _alt(qtbot, QtCore.Qt.Key.Key_L)  # &Listo
    qtbot.waitUntil(lambda: _page_of(unlock) is None, timeout=5_000)


def test_locking_with_the_code_on_screen_closes_it_and_clears_the_clipboard(
    qtbot: Any, open_window: Any, store: Any, kit: SimpleNamespace
) -> None:
    main = open_window(store.home, store.secrets)
    kit.unlock_by_keyboard(qtbot, main, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(main.page, HomePage), timeout=20_000)
    qtbot.waitUntil(lambda: not ops.busy(), timeout=20_000)
    dialog = offer_feedback_code(main, main.session)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    _activate(qtbot, dialog)
    code = dialog.code()
    _alt(qtbot, QtCore.Qt.Key.Key_C)  # a mnemonic clicks after 100 ms
    qtbot.waitUntil(lambda: QtGui.QGuiApplication.clipboard().text() == code, timeout=5_000)
    main.lock()
    qtbot.waitUntil(lambda: main.findChild(FeedbackCodeDialog) is None, timeout=5_000)
    assert QtGui.QGuiApplication.clipboard().text() != code
    assert isinstance(main.page, UnlockPage)
    assert main.page.feedback_button.isVisible()


def test_crisis_from_the_code_field(
    qtbot: Any, open_window: Any, store: Any, kit: SimpleNamespace
) -> None:
    """Ctrl+E while the code field has the focus (text fields take it for themselves on Linux
    desktops, ui/runtime/shortcuts.py) opens Crisis over the page, which stays."""
    _offered(store, kit)
    window = open_window(store.home, store.secrets)
    page = _open(qtbot, window)
    qtbot.keyClicks(page.code, "K7Q2")
    _key(qtbot, QtCore.Qt.Key.Key_E, QtCore.Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: window.crisis_dialog is not None and window.crisis_dialog.isVisible(),
        timeout=10_000,
    )
    assert page.code.text() == "K7Q2"
    window.crisis_dialog.reject()
    assert _page_of(window.page) is page
