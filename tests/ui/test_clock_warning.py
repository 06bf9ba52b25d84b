"""Issue 18, item 2, in the GUI: the clock check at unlock (svdesk/access/clock_check.py) found a
clock behind the store's last change, or far ahead of it, but only the command line said so; the
GUI unlocked as if all were well. Now the unlocked screen shows a warning above the page that
says what is wrong and what to do, without blocking the work; Alt+G hides it, locking ends it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from svdesk.access import clock_check
from tests.fakes import close_session, make_session, session_secrets
from ui.coordinator.page import CoordinatorPage
from ui.qt import QtCore, QtWidgets
from ui.shell.home import HomePage
from ui.shell.unlock import UnlockPage

DAYS_BEHIND = timedelta(days=-2)
A_YEAR_AHEAD = timedelta(days=400)


def set_clock(monkeypatch: pytest.MonkeyPatch, shift: timedelta) -> None:
    """This computer's clock, `shift` away from the true time, as the clock check reads it."""
    monkeypatch.setattr(clock_check, "now", lambda: datetime.now(UTC) + shift)


def unlock(qtbot: Any, window: Any, kit: Any, page_class: type = HomePage) -> None:
    kit.unlock_by_keyboard(qtbot, window, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(window.page, page_class), timeout=10_000)


def banners(window: Any) -> list[QtWidgets.QWidget]:
    """The clock warnings in the window that are on screen."""
    return [w for w in window.findChildren(QtWidgets.QWidget, "clockWarning") if w.isVisible()]


# the clock's error: (what the warning says is wrong, what it says to do)
WRONG_CLOCKS = {
    "behind": (DAYS_BEHIND, "is behind the last time recorded in this store", "Set the correct"),
    "a year ahead": (A_YEAR_AHEAD, "more than 180 days after the last time", "set it before"),
}


@pytest.fixture(params=sorted(WRONG_CLOCKS))
def wrong_clock(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """This computer's clock set wrong: (what the warning must say is wrong, what to do)."""
    shift, wrong, what_to_do = WRONG_CLOCKS[request.param]
    set_clock(monkeypatch, shift)
    return wrong, what_to_do


def test_a_wrong_clock_is_said_on_the_unlocked_screen(  # type: ignore[no-untyped-def]
    qtbot, open_window, store, kit, wrong_clock
):
    wrong, what_to_do = wrong_clock
    window = open_window(store.home, store.secrets)
    unlock(qtbot, window, kit)
    warning = window.clock_warning
    assert warning is not None
    assert banners(window) == [warning]
    assert warning.heading.text() == "Check this computer's clock"
    text = warning.text.text()
    assert wrong in text  # what is wrong ...
    assert what_to_do in text  # ... and what to do
    assert "overdue" in text  # ... and why it matters
    assert warning.accessibleName() == "Check this computer's clock"
    assert warning.accessibleDescription() == text
    # Not blocking: no dialog, the page has the focus and works as always.
    assert QtWidgets.QApplication.activeModalWidget() is None
    home = window.page
    assert home.new_conversation_button.hasFocus()
    assert home.new_conversation_button.isEnabled()
    # Above the page, not inside it: on screen before the page's first row.
    assert (
        warning.mapTo(window, warning.rect().bottomLeft()).y()
        <= home.mapTo(window, home.rect().topLeft()).y()
    )


def test_a_right_clock_shows_nothing(qtbot, open_window, store, kit, monkeypatch):  # type: ignore[no-untyped-def]
    set_clock(monkeypatch, timedelta(minutes=-3))  # ordinary drift
    window = open_window(store.home, store.secrets)
    unlock(qtbot, window, kit)
    assert window.clock_warning is None
    assert banners(window) == []


def test_alt_g_hides_it_and_gives_the_page_the_focus(  # type: ignore[no-untyped-def]
    qtbot, open_window, store, kit, monkeypatch
):
    set_clock(monkeypatch, DAYS_BEHIND)
    window = open_window(store.home, store.secrets)
    unlock(qtbot, window, kit)
    warning = window.clock_warning
    button = warning.hide_button
    assert button.text() == "Hide this warnin&g"
    assert button.focusPolicy() & QtCore.Qt.FocusPolicy.TabFocus  # reachable by Tab too
    qtbot.keyClick(
        window.page.new_conversation_button,
        QtCore.Qt.Key.Key_G,
        QtCore.Qt.KeyboardModifier.AltModifier,
    )
    qtbot.waitUntil(lambda: not warning.isVisible(), timeout=5_000)
    assert banners(window) == []
    assert window.page.new_conversation_button.hasFocus()


def test_the_hide_button_is_in_the_tab_order(  # type: ignore[no-untyped-def]
    qtbot, open_window, store, kit, monkeypatch
):
    set_clock(monkeypatch, DAYS_BEHIND)
    window = open_window(store.home, store.secrets)
    unlock(qtbot, window, kit)
    button = window.clock_warning.hide_button
    start = window.page.new_conversation_button
    seen, widget = 0, start.nextInFocusChain()
    while widget is not start and widget is not button and seen < 500:
        seen, widget = seen + 1, widget.nextInFocusChain()
    assert widget is button


def test_locking_ends_it_and_a_right_clock_brings_none_back(  # type: ignore[no-untyped-def]
    qtbot, open_window, store, kit, monkeypatch
):
    set_clock(monkeypatch, DAYS_BEHIND)
    window = open_window(store.home, store.secrets)
    unlock(qtbot, window, kit)
    assert banners(window)
    window.lock()
    assert isinstance(window.page, UnlockPage)
    assert window.clock_warning is None
    assert banners(window) == []  # nothing of the unlocked store on the lock screen
    set_clock(monkeypatch, timedelta(0))  # the clock was set right
    unlock(qtbot, window, kit)
    assert window.clock_warning is None
    assert banners(window) == []


def test_the_coordinator_is_warned_too(  # type: ignore[no-untyped-def]
    qtbot, open_window, kit, monkeypatch, tmp_path: Path
):
    """A wrong clock there makes overdue escalations look on time in the coordinator's queue."""
    session = make_session(tmp_path, role="coordinator")
    home, secrets = session.workstation.home, session_secrets(session)
    close_session(session)
    set_clock(monkeypatch, A_YEAR_AHEAD)
    window = open_window(home, secrets)
    unlock(qtbot, window, kit, CoordinatorPage)
    assert window.clock_warning is not None
    assert banners(window) == [window.clock_warning]
