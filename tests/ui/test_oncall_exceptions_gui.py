"""Exceptions to the on-call roster in the GUI (issue 15, item 2): the admin adds and removes
them by keyboard in the roster editor, bad days are refused in place with the core's message,
and the crisis screen's on-call line honours them — with a controllable clock."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from svdesk.access.session import Session
from svdesk.unit.context import UnitContext, context_for
from svdesk.unit.oncall import (
    OFF,
    ON,
    add_exception,
    exception_span,
    exceptions,
    on_call_now,
    set_on_call,
)
from ui.qt import QtCore, QtWidgets
from ui.shell.home import HomePage
from ui.unit.crisis import CrisisDialog
from ui.unit.oncall import ExceptionDialog, OnCallDialog, on_call_text

BERLIN = ZoneInfo("Europe/Berlin")
THURSDAY = datetime(2026, 12, 3, 10, 0, tzinfo=BERLIN).astimezone(UTC)


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


def at_thursday(session: Session) -> UnitContext:
    return replace(context_for(session), now=lambda: THURSDAY)


def items(dialog: OnCallDialog) -> list[str]:
    listed = dialog.exception_list
    return [listed.item(row).text() for row in range(listed.count())]


def open_exception_dialog(qtbot: Any, dialog: OnCallDialog) -> ExceptionDialog:
    qtbot.waitUntil(
        lambda: QtWidgets.QApplication.activeWindow() is dialog
    )  # Alt+A needs it active
    qtbot.keyClick(dialog, QtCore.Qt.Key.Key_A, QtCore.Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QtWidgets.QApplication.activeModalWidget(), ExceptionDialog))
    added = QtWidgets.QApplication.activeModalWidget()
    assert isinstance(added, ExceptionDialog)
    qtbot.waitUntil(added.supporter.hasFocus)
    return added


def fill(
    qtbot: Any,
    added: ExceptionDialog,
    *,
    first: str,
    last: str = "",
    times: str = "",
    who: str = "Blake",
) -> None:
    """The supporter picked by typing the name, then the fields typed."""
    qtbot.keyClicks(added.supporter, who)
    assert added.supporter.currentText() == who
    for field, text in ((added.first_day, first), (added.last_day, last), (added.times, times)):
        field.setFocus()
        field.selectAll()
        if text:
            qtbot.keyClicks(field, text)
        else:
            qtbot.keyClick(field, QtCore.Qt.Key.Key_Delete)


def test_the_admin_adds_and_removes_an_exception_by_keyboard(
    qtbot: Any, admin: Session, store: Any, kit: Any
) -> None:
    ctx = at_thursday(admin)
    set_on_call(ctx, {store.other_id: ("Mon-Thu 20:00-08:00", "0170 222")})
    dialog = OnCallDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    assert items(dialog) == ["No exceptions: the weekly shifts count."]
    assert not dialog.remove_exception_button.isEnabled()
    assert kit.unnamed_controls(dialog) == []

    added = open_exception_dialog(qtbot, dialog)
    assert kit.unnamed_controls(added) == []
    qtbot.keyClick(added.supporter, QtCore.Qt.Key.Key_Tab)
    assert added.kind.hasFocus()  # the fields in order: who, kind, first day, last day, times
    fill(qtbot, added, first="2026-12-10", last="2026-12-09")
    qtbot.keyClick(added.times, QtCore.Qt.Key.Key_Return)
    assert added.message.text().startswith(
        "The last day (2026-12-09) is before the first day (2026-12-10)"
    )
    assert added.isVisible()
    assert exceptions(ctx) == []
    added.last_day.setFocus()
    added.last_day.selectAll()
    qtbot.keyClicks(added.last_day, "2026-12-11")
    qtbot.keyClick(added.last_day, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QtWidgets.QApplication.activeModalWidget() is None)
    assert items(dialog) == ["Blake — off: Thu 2026-12-10 – Fri 2026-12-11"]
    assert dialog.message.text() == "✓ Added: Blake — off: Thu 2026-12-10 – Fri 2026-12-11."
    assert [(e.name, e.kind) for e in exceptions(ctx)] == [("Blake", OFF)]

    past = open_exception_dialog(qtbot, dialog)
    fill(qtbot, past, first="2026-12-01")
    qtbot.keyClick(past.first_day, QtCore.Qt.Key.Key_Return)
    assert "Tue 2026-12-01 is over already (it is Thu 2026-12-03 10:00 now)" in past.message.text()
    overlapping = past
    qtbot.keyClick(overlapping.kind, QtCore.Qt.Key.Key_Down)
    assert overlapping.kind.currentData() == ON
    fill(qtbot, overlapping, first="2026-12-11", times="20:00-08:00")
    qtbot.keyClick(overlapping.times, QtCore.Qt.Key.Key_Return)
    assert "Blake is off then already (Thu 2026-12-10 – Fri 2026-12-11)" in (
        overlapping.message.text()
    )
    qtbot.keyClick(overlapping, QtCore.Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QtWidgets.QApplication.activeModalWidget() is None)
    assert len(exceptions(ctx)) == 1

    qtbot.waitUntil(lambda: QtWidgets.QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog, QtCore.Qt.Key.Key_E, QtCore.Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.exception_list.hasFocus)
    qtbot.keyClick(dialog.exception_list, QtCore.Qt.Key.Key_Delete)
    assert exceptions(ctx) == []
    assert items(dialog) == ["No exceptions: the weekly shifts count."]
    assert dialog.message.text() == "✓ Removed: Blake — off: Thu 2026-12-10 – Fri 2026-12-11."
    assert dialog.isVisible()  # exceptions are saved at once; the dialog stays for the rest


def test_a_supporter_who_is_not_admin_sees_the_exceptions_only(
    qtbot: Any, store: Any, kit: Any
) -> None:
    workstation = store.workstation()
    alex = workstation.unlock(store.admin_id, kit.ADMIN_PASSPHRASE)
    span = exception_span("2026-12-24", "", "20:00-08:00")
    add_exception(at_thursday(alex), store.other_id, ON, span)
    alex.lock()
    blake = workstation.unlock(store.other_id, kit.OTHER_PASSPHRASE)
    try:
        dialog = OnCallDialog(at_thursday(blake))
        qtbot.addWidget(dialog)
        dialog.show()
        assert items(dialog) == ["Blake — extra shift: Thu 2026-12-24 20:00 – Fri 2026-12-25 08:00"]
        assert not dialog.add_exception_button.isVisible()
        assert not dialog.remove_exception_button.isVisible()
        dialog.exception_list.setFocus()
        qtbot.keyClick(dialog.exception_list, QtCore.Qt.Key.Key_Delete)
        assert len(exceptions(at_thursday(blake))) == 1
    finally:
        blake.lock()
        workstation.close()


def test_the_crisis_screen_honours_a_day_off_and_an_extra_shift(
    qtbot: Any, admin: Session, store: Any, kit: Any
) -> None:
    ctx = at_thursday(admin)
    set_on_call(
        ctx,
        {
            store.admin_id: ("Mon-Fri 08:00-20:00", None),
            store.other_id: ("Mon-Thu 20:00-08:00", "0170 222"),
        },
    )
    add_exception(ctx, store.admin_id, OFF, exception_span("2026-12-04"))  # Friday
    add_exception(ctx, store.other_id, ON, exception_span("2026-12-04", "", "12:00-18:00"))
    friday = datetime(2026, 12, 4, 10, 30, tzinfo=BERLIN).astimezone(UTC)
    dialog = CrisisDialog(replace(ctx, now=lambda: friday))
    qtbot.addWidget(dialog)
    assert dialog.on_call.text() == (
        f"Nobody is on call now. Next: {kit.OTHER_NAME} (0170 222) from 12:00."
    )
    afternoon = datetime(2026, 12, 4, 13, 0, tzinfo=BERLIN).astimezone(UTC)
    later = CrisisDialog(replace(ctx, now=lambda: afternoon))
    qtbot.addWidget(later)
    assert later.on_call.text() == (
        f"On call now: {kit.OTHER_NAME} (0170 222) until 18:00. "
        f"Next: {kit.ADMIN_NAME} from Mon 08:00."
    )


def test_the_home_screen_follows_an_exception_made_in_the_roster_editor(
    qtbot: Any, admin: Session, store: Any, kit: Any
) -> None:
    set_on_call(context_for(admin), {store.admin_id: ("24/7", None)})
    home = HomePage(admin)
    qtbot.addWidget(home)
    home.show()
    with qtbot.waitActive(home):
        home.activateWindow()
    assert home.on_call.text() == f"On call now: {kit.ADMIN_NAME}."
    qtbot.keyClick(home, QtCore.Qt.Key.Key_O, QtCore.Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QtWidgets.QApplication.activeModalWidget(), OnCallDialog))
    roster = QtWidgets.QApplication.activeModalWidget()
    assert isinstance(roster, OnCallDialog)
    added = open_exception_dialog(qtbot, roster)
    today = datetime.now(BERLIN).date().isoformat()
    fill(qtbot, added, first=today, who=kit.ADMIN_NAME)
    qtbot.keyClick(added.first_day, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QtWidgets.QApplication.activeModalWidget() is roster)
    qtbot.keyClick(roster, QtCore.Qt.Key.Key_Escape)  # the weekly shifts unchanged: Cancel
    qtbot.waitUntil(lambda: not roster.isVisible())
    assert home.on_call.text() == (
        f"Nobody is on call now. Next: {kit.ADMIN_NAME} from tomorrow 00:00."
    )


def test_a_return_a_week_or_more_away_is_said_with_its_date(
    qtbot: Any, admin: Session, store: Any, kit: Any
) -> None:
    ctx = at_thursday(admin)
    set_on_call(ctx, {store.admin_id: ("24/7", None)})
    add_exception(ctx, store.admin_id, OFF, exception_span("2026-12-03", "2026-12-09"))
    add_exception(ctx, store.admin_id, OFF, exception_span("2026-12-11"))
    assert on_call_text(on_call_now(ctx)) == (
        f"Nobody is on call now. Next: {kit.ADMIN_NAME} from Thu 2026-12-10 00:00."
    )
    tuesday = replace(ctx, now=lambda: datetime(2026, 12, 8, 9, 0, tzinfo=UTC))
    assert on_call_text(on_call_now(tuesday)) == (
        f"Nobody is on call now. Next: {kit.ADMIN_NAME} from Thu 00:00."
    )
    back = replace(ctx, now=lambda: datetime(2026, 12, 10, 9, 0, tzinfo=UTC))  # Thu 10:00
    assert on_call_text(on_call_now(back)) == (
        f"On call now: {kit.ADMIN_NAME} until tomorrow 00:00."
    )
