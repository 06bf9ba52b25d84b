"""The on-call roster in the GUI (issue 15, item 2, minimal): the admin sets shifts by keyboard
from the home screen (overlaps refused in place), and the home and crisis screens say who is on
call now and next — with a controllable clock."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from svdesk.access.session import Session
from svdesk.unit.context import context_for
from svdesk.unit.oncall import set_on_call, shifts
from ui.qt import QtCore, QtWidgets
from ui.shell.home import HomePage
from ui.unit.crisis import CrisisDialog
from ui.unit.oncall import OnCallDialog

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(autouse=True)
def _berlin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")


@pytest.fixture
def admin(store: Any, kit: Any) -> Iterator[Session]:
    workstation = store.workstation()
    session = workstation.unlock(store.admin_id, kit.ADMIN_PASSPHRASE)
    yield session
    session.lock()
    workstation.close()


def test_admin_sets_the_roster_by_keyboard_from_home(
    qtbot: Any, admin: Session, store: Any
) -> None:
    home = HomePage(admin)
    qtbot.addWidget(home)
    home.show()
    with qtbot.waitActive(home):
        home.activateWindow()
    assert not home.on_call.isVisible()  # no roster yet
    qtbot.keyClick(home, QtCore.Qt.Key.Key_O, QtCore.Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QtWidgets.QApplication.activeModalWidget(), OnCallDialog))
    dialog = QtWidgets.QApplication.activeModalWidget()
    assert isinstance(dialog, OnCallDialog)
    alex, blake = store.admin_id, store.other_id
    for sid, hours in ((alex, "24/7"), (blake, "Sat 08:00-20:00")):
        field = dialog.hours_fields[sid]
        field.setFocus()
        qtbot.keyClicks(field, hours)
    qtbot.keyClicks(dialog.phone_fields[blake], "0170 222")
    qtbot.keyClick(dialog.phone_fields[blake], QtCore.Qt.Key.Key_Return)
    assert "overlap" in dialog.message.text()
    assert dialog.isVisible()
    assert shifts(context_for(admin)) == []
    dialog.hours_fields[alex].selectAll()
    dialog.hours_fields[alex].setFocus()
    qtbot.keyClicks(dialog.hours_fields[alex], "Mon-Fri 08:00-20:00")
    qtbot.keyClick(dialog.hours_fields[alex], QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert [s.hours for s in shifts(context_for(admin))] == [
        "Mon-Fri 08:00-20:00",
        "Sat 08:00-20:00",
    ]
    assert home.on_call.isVisible()


def test_the_crisis_screen_says_who_is_on_call_now_and_next(
    qtbot: Any, admin: Session, store: Any, kit: Any
) -> None:
    ctx = context_for(admin)
    set_on_call(
        ctx,
        {
            store.admin_id: ("Mon-Fri 08:00-20:00", None),
            store.other_id: ("Mon-Fri 20:00-08:00", "0170 222"),
        },
    )
    friday_evening = datetime(2026, 12, 4, 19, 30, tzinfo=BERLIN).astimezone(UTC)
    dialog = CrisisDialog(replace(ctx, now=lambda: friday_evening))
    qtbot.addWidget(dialog)
    assert dialog.on_call.text() == (
        f"On call now: {kit.ADMIN_NAME} until 20:00. Next: {kit.OTHER_NAME} (0170 222) from 20:00."
    )
