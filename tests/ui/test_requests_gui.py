"""Request intake in the GUI (issue 15, item 1), by keyboard and with a controllable clock: a
manager's request is logged (no source and zero people refused in place), it waits with its
30-minute clock, goes overdue on every supporter's home, and the conversation started from it
gets activation_source, people_reached and response_time from the real times."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from svdesk.access.session import Session
from svdesk.unit import drafts, requests
from svdesk.unit.context import UnitContext, context_for
from ui.qt import QtCore, QtWidgets
from ui.shell.home import HomePage
from ui.unit.requests import RequestDialog, RequestQueue


@dataclass
class Clock:
    at: datetime = datetime(2026, 12, 2, 2, 50, tzinfo=UTC)

    def now(self) -> datetime:
        return self.at


@pytest.fixture
def sessions(store: Any, kit: Any) -> Iterator[dict[str, Session]]:
    workstation = store.workstation()
    opened = {
        "admin": workstation.unlock(store.admin_id, kit.ADMIN_PASSPHRASE),
    }
    yield opened
    for session in opened.values():
        session.lock()
    workstation.close()


def _choose(qtbot: Any, combo: Any, data: str) -> None:
    combo.setFocus()
    target = combo.findData(data)
    assert target >= 0
    while combo.currentIndex() != target:
        key = QtCore.Qt.Key.Key_Down if combo.currentIndex() < target else QtCore.Qt.Key.Key_Up
        qtbot.keyClick(combo, key)


def _modal(qtbot: Any) -> QtWidgets.QWidget:
    qtbot.waitUntil(lambda: isinstance(QtWidgets.QApplication.activeModalWidget(), RequestDialog))
    dialog = QtWidgets.QApplication.activeModalWidget()
    assert isinstance(dialog, RequestDialog)
    return dialog


def test_a_request_is_logged_by_keyboard_waits_goes_overdue_and_starts_a_conversation(
    qtbot: Any, sessions: dict[str, Session]
) -> None:
    clock = Clock()
    ctx: UnitContext = replace(context_for(sessions["admin"]), now=clock.now)
    queue = RequestQueue(ctx)
    qtbot.addWidget(queue)
    queue.show()
    with qtbot.waitActive(queue):
        queue.activateWindow()
    assert queue.requests == []

    qtbot.keyClick(queue, QtCore.Qt.Key.Key_Q, QtCore.Qt.KeyboardModifier.AltModifier)
    dialog = _modal(qtbot)
    assert isinstance(dialog, RequestDialog)
    qtbot.waitUntil(lambda: QtWidgets.QApplication.focusWidget() is dialog.source)
    # No source: refused in place, nothing logged.
    qtbot.keyClick(dialog.source, QtCore.Qt.Key.Key_Return)
    assert "Say who asked for support" in dialog.message.text()
    assert dialog.isVisible()
    _choose(qtbot, dialog.source, "manager")
    # Zero people: refused in place.
    dialog.people.setFocus()
    dialog.people.selectAll()
    qtbot.keyClicks(dialog.people, "0")
    qtbot.keyClick(dialog.people, QtCore.Qt.Key.Key_Return)
    assert "Say how many people" in dialog.message.text()
    assert QtWidgets.QApplication.focusWidget() is dialog.people
    assert requests.open_requests(ctx) == []
    dialog.people.selectAll()
    qtbot.keyClicks(dialog.people, "3")
    # Asked ten minutes ago, by phone.
    dialog.minutes_ago.setFocus()
    dialog.minutes_ago.selectAll()
    qtbot.keyClicks(dialog.minutes_ago, "10")
    qtbot.keyClick(dialog.minutes_ago, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    [request] = queue.requests
    assert request.source == "manager"
    assert request.people == 3
    assert request.requested_at == clock.at - timedelta(minutes=10)
    assert queue.table.item(0, 0).text() == "20 min left"
    assert not queue.overdue_banner.isVisible()

    clock.at += timedelta(minutes=35)  # 45 minutes after the request
    queue.refresh()
    assert queue.table.item(0, 0).text() == "⚠ OVERDUE by 15 min"
    assert queue.overdue_banner.isVisible()
    assert "first contact was due 15 min ago" in queue.overdue_banner.text()

    started: list[str] = []
    queue.conversation_requested.connect(started.append)
    assert queue.start_button.isEnabled()
    with qtbot.waitActive(queue):  # back from the dialog
        queue.activateWindow()
    queue.table.setFocus()
    qtbot.keyClick(queue.table, QtCore.Qt.Key.Key_V, QtCore.Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(started) == 1)  # a mnemonic clicks after a short animation
    draft = drafts.load_draft(ctx, started[0])
    assert draft.answers["activation_source"] == "manager"
    assert draft.answers["people_reached"] == 3
    assert draft.answers["response_time"] == "le_24h"
    assert queue.requests == []
    assert not queue.overdue_banner.isVisible()


def test_an_overdue_request_shows_on_every_supporters_home(
    qtbot: Any, store: Any, kit: Any, sessions: dict[str, Session]
) -> None:
    admin = context_for(sessions["admin"])
    requests.log_request(
        admin,
        source="safety_team",
        people=2,
        requested_at=datetime.now(UTC) - timedelta(minutes=40),
    )
    sessions["admin"].lock()
    other = sessions["admin"].workstation.unlock(store.other_id, kit.OTHER_PASSPHRASE)
    sessions["other"] = other
    home = HomePage(other)
    qtbot.addWidget(home)
    home.show()
    assert home.requests.overdue_banner.isVisible()
    assert "1 request for support is overdue" in home.requests.overdue_banner.text()
    started: list[str] = []
    home.conversation_requested.connect(started.append)
    home.requests.start()
    assert len(started) == 1
    assert drafts.load_draft(context_for(other), started[0]).answers["response_time"] == "le_24h"


def test_a_request_taken_meanwhile_by_someone_else_is_said_and_the_queue_refreshes(
    qtbot: Any, sessions: dict[str, Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = context_for(sessions["admin"])
    request = requests.log_request(ctx, source="peer", people=1)
    queue = RequestQueue(ctx)
    qtbot.addWidget(queue)
    requests.withdraw_request(ctx, request.id)  # on another screen, say
    shown: list[str] = []
    monkeypatch.setattr(
        "ui.unit.requests.show_error", lambda _parent, exc: shown.append(exc.message)
    )
    assert queue.start() is None
    assert shown
    assert "already taken up" in shown[0]
    assert queue.requests == []


def test_the_clock_runs_only_while_the_queue_is_on_screen(
    qtbot: Any, sessions: dict[str, Session]
) -> None:
    clock = Clock()
    ctx = replace(context_for(sessions["admin"]), now=clock.now)
    requests.log_request(ctx, source="self", people=1)
    queue = RequestQueue(ctx)
    qtbot.addWidget(queue)
    assert not queue.timer.isActive()
    queue.show()
    assert queue.timer.isActive()
    clock.at += timedelta(minutes=31)
    queue.timer.timeout.emit()  # what the timer does every 30 s
    assert queue.table.item(0, 0).text() == "⚠ OVERDUE by 1 min"
    queue.hide()
    assert not queue.timer.isActive()
