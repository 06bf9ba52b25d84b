"""Issue 15, item 1, by keyboard with a controllable clock: a manager asks for support at the
locked workstation (no unlock, no name), is shown who is on call and how to reach them; at the
next unlock the on-call supporter sees the request with its 30-minute clock counted from the
kiosk's time (overdue on home when late), starts the conversation from it, and the response
time is computed from the real times. While the page shows no shortcut reaches another screen
but Crisis, and untouched it goes back to the unlock screen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
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

from svdesk.storage.datadir import KIOSK_INBOX_NAME
from svdesk.unit import drafts, kiosk, kiosk_requests
from svdesk.unit.context import context_for
from svdesk.unit.oncall import set_on_call
from ui.qt import QtCore, QtWidgets
from ui.runtime import ops
from ui.shell import kiosk_request as page_module
from ui.shell.home import HomePage
from ui.shell.kiosk_request import KioskRequestPage
from ui.shell.unlock import UnlockPage

PHONE = "0170 555 123"


def _key(
    qtbot: Any,
    key: QtCore.Qt.Key,
    modifier: QtCore.Qt.KeyboardModifier = QtCore.Qt.KeyboardModifier.NoModifier,
) -> None:
    widget = QtWidgets.QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    qtbot.keyClick(widget, key, modifier)


@pytest.fixture
def rostered(store: Any, kit: SimpleNamespace) -> Any:
    """Blake on call around the clock with a shared number; unlocked once (the kiosk files)."""
    ws = store.workstation()
    session = ws.unlock(store.admin_id, kit.ADMIN_PASSPHRASE)
    try:
        set_on_call(context_for(session), {store.other_id: ("24/7", PHONE)})
        kiosk.prepare(session)
        kiosk_requests.write_on_call(session)
    finally:
        session.lock()
        ws.close()
    return store


def _page_of(unlock: UnlockPage) -> KioskRequestPage | None:
    return page_over(unlock, KioskRequestPage)


def _open(qtbot: Any, window: Any) -> KioskRequestPage:
    assert not window.page.kiosk_button.isVisible()  # no survey chosen: only the request
    # &Request support…
    page = open_over_unlock(qtbot, window, "request_button", QtCore.Qt.Key.Key_R, KioskRequestPage)
    assert QtWidgets.QApplication.focusWidget() is page.source
    return page


def _ask_as_manager(qtbot: Any, page: KioskRequestPage, people: int) -> None:
    while page.source.currentData() != "manager":
        _key(qtbot, QtCore.Qt.Key.Key_Down)
    _key(qtbot, QtCore.Qt.Key.Key_Tab)
    assert QtWidgets.QApplication.focusWidget() is page.people
    _key(qtbot, QtCore.Qt.Key.Key_Up)
    for _ in range(people - 2):
        _key(qtbot, QtCore.Qt.Key.Key_Up)
    assert page.people.value() == people
    _key(qtbot, QtCore.Qt.Key.Key_S, QtCore.Qt.KeyboardModifier.AltModifier)  # &Send request
    qtbot.waitUntil(page.sent_title.isVisible, timeout=5_000)


def _inbox(store: Any) -> list[Path]:
    inbox = store.home / KIOSK_INBOX_NAME
    return sorted(inbox.iterdir()) if inbox.exists() else []


@pytest.mark.parametrize(("minutes_ago", "code"), [(12, "le_30min"), (45, "le_24h")])
def test_a_managers_request_at_the_locked_screen_reaches_the_on_call_supporter(
    qtbot: Any,
    open_window: Any,
    *,
    rostered: Any,
    kit: SimpleNamespace,
    monkeypatch: pytest.MonkeyPatch,
    minutes_ago: int,
    code: str,
) -> None:
    asked = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=minutes_ago)
    monkeypatch.setattr(page_module, "clock", lambda: asked)
    window = open_window(rostered.home, rostered.secrets)
    page = _open(qtbot, window)
    assert keyboard_problems(window, "kiosk request") == []
    _ask_as_manager(qtbot, page, 3)
    (request_file,) = _inbox(rostered)
    assert kit.OTHER_NAME.encode() not in request_file.read_bytes()
    # Who is on call and how to reach them, while still locked.
    assert f"{kit.OTHER_NAME} ({PHONE})" in page.on_call.text()
    assert QtWidgets.QApplication.focusWidget() is page.done_button
    _key(qtbot, QtCore.Qt.Key.Key_Space)  # Done
    unlock = window.page
    qtbot.waitUntil(lambda: _page_of(unlock) is None, timeout=5_000)
    assert unlock.passphrase.hasFocus()
    assert window.session is None

    kit.unlock_by_keyboard(qtbot, window, kit.OTHER_NAME, kit.OTHER_PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(window.page, HomePage), timeout=10_000)
    qtbot.waitUntil(lambda: not ops.busy(), timeout=20_000)
    assert _inbox(rostered) == []
    queue = window.page.requests
    qtbot.waitUntil(lambda: len(queue.requests) == 1, timeout=5_000)
    (request,) = queue.requests
    assert request.requested_at == asked  # the clock counts from the kiosk's time
    assert (request.source, request.people) == ("manager", 3)
    clock_cell = queue.table.item(0, 0).text()
    if minutes_ago < 30:
        assert clock_cell in {"18 min left", "17 min left"}
        assert not queue.overdue_banner.isVisible()
    else:
        assert "OVERDUE by 15 min" in clock_cell or "OVERDUE by 16 min" in clock_cell
        assert queue.overdue_banner.isVisible()

    queue.table.setFocus()
    _key(qtbot, QtCore.Qt.Key.Key_V, QtCore.Qt.KeyboardModifier.AltModifier)  # Start con&versation
    qtbot.waitUntil(lambda: not queue.requests, timeout=5_000)
    row = window.session.db.execute(
        "SELECT draft_id, origin, logged_by FROM support_requests"
    ).fetchone()
    assert tuple(row[1:]) == ("kiosk", None)
    draft = drafts.load_draft(context_for(window.session), row[0])
    assert draft.answers["activation_source"] == "manager"
    assert draft.answers["people_reached"] == 3
    assert draft.answers["response_time"] == code


def test_nothing_chosen_is_said_and_nothing_is_kept(
    qtbot: Any, open_window: Any, rostered: Any
) -> None:
    window = open_window(rostered.home, rostered.secrets)
    page = _open(qtbot, window)
    _key(qtbot, QtCore.Qt.Key.Key_S, QtCore.Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(page.message.isVisible, timeout=5_000)
    assert "Choose who asks for support" in page.message.text()
    assert QtWidgets.QApplication.focusWidget() is page.source
    assert _inbox(rostered) == []
    _key(qtbot, QtCore.Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _page_of(window.page) is None, timeout=5_000)


def test_untouched_it_forgets_and_goes_back(
    qtbot: Any, open_window: Any, rostered: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(page_module, "REQUEST_IDLE_MS", 300)
    window = open_window(rostered.home, rostered.secrets)
    page = _open(qtbot, window)
    _key(qtbot, QtCore.Qt.Key.Key_Down)
    assert page.source.currentData() == "self"
    qtbot.waitUntil(lambda: _page_of(window.page) is None, timeout=5_000)
    assert _inbox(rostered) == []
    assert window.page.passphrase.hasFocus()
    assert _open(qtbot, window).source.currentData() == ""  # the next person finds nothing


def test_no_shortcut_reaches_another_screen_but_crisis(
    qtbot: Any, open_window: Any, rostered: Any
) -> None:
    window = open_window(rostered.home, rostered.secrets)
    unlock = window.page
    page = _open(qtbot, window)
    own = {"Alt+L", "Alt+S", "Alt+D", "Alt+W", "Alt+P", "Alt+R", "Alt+A"}  # the page's own
    keys = window_keys(window, page, own)
    assert {"Ctrl+E", "Ctrl+L", "Alt+U", "Alt+F", "Alt+T"} <= set(keys)

    def still_there(text: str) -> None:
        assert window.page is unlock, text
        assert _page_of(unlock) is page, text
        assert window.session is None, text

    # (the focus on Send: F4 on the list would open its popup)
    press_all_but_crisis(qtbot, keys, still_there, before_each=page.send_button.setFocus)
    assert _inbox(rostered) == []
    crisis_opens(qtbot, window)
    assert _page_of(unlock) is page


def test_a_store_never_unlocked_since_offers_no_request(
    qtbot: Any, open_window: Any, store: Any
) -> None:
    window = open_window(store.home, store.secrets)
    assert not window.page.request_button.isVisible()
