"""Opening hours in the GUI (issue 15, item 3): the admin edits them by keyboard from the
directory editor (bad hours refused in place, nothing saved), and at 03:00 the crisis screen and
the disposition say what is closed and whom to call instead."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fakes import close_session, make_session

from svdesk.access.session import Session
from svdesk.content.rules import EscalationResult
from svdesk.unit.context import UnitContext, context_for
from svdesk.unit.directory import directory, set_directory_entry
from ui.qt import QtCore, QtWidgets
from ui.unit.crisis import CrisisDialog
from ui.unit.directory_editor import DirectoryDialog
from ui.unit.disposition import DispositionPanel
from ui.unit.hours_editor import HoursDialog

BERLIN = ZoneInfo("Europe/Berlin")
THREE_AM = datetime(2026, 12, 2, 3, 0, tzinfo=BERLIN)  # a Wednesday
TEN_AM = datetime(2026, 12, 2, 10, 0, tzinfo=BERLIN)


@pytest.fixture(autouse=True)
def _berlin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    current = make_session(tmp_path)
    yield current
    close_session(current)


def _at(session: Session, moment: datetime) -> UnitContext:
    return replace(context_for(session), now=lambda: moment.astimezone(UTC))


def _show(qtbot: Any, dialog: QtWidgets.QWidget) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()


def _hours_of(ctx: UnitContext) -> dict[str, tuple[str, str | None]]:
    return {e.code: (e.hours, e.after_hours) for e in directory(ctx)}


def test_admin_edits_hours_by_keyboard_and_bad_hours_save_nothing(
    qtbot: Any, session: Session
) -> None:
    ctx = context_for(session)
    before = _hours_of(ctx)
    editor = DirectoryDialog(None, ctx=ctx)
    _show(qtbot, editor)
    qtbot.keyClick(editor, QtCore.Qt.Key.Key_H, QtCore.Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QtWidgets.QApplication.activeModalWidget(), HoursDialog))
    hours = QtWidgets.QApplication.activeModalWidget()
    assert isinstance(hours, HoursDialog)
    # The dialog takes the focus once the window system activates it, a moment after it is modal.
    qtbot.waitUntil(lambda: QtWidgets.QApplication.focusWidget() is hours.hours_fields["emergency"])

    eap = hours.hours_fields["eap"]
    eap.setFocus()
    eap.selectAll()
    qtbot.keyClicks(eap, "Mon-Thu 09:00-15:00")
    psychology = hours.hours_fields["psychology"]
    psychology.setFocus()
    psychology.selectAll()
    qtbot.keyClicks(psychology, "weekdays 9 to 5")
    qtbot.keyClick(psychology, QtCore.Qt.Key.Key_Return)
    error = hours.error_labels["psychology"]
    assert error.isVisible()
    assert "Cannot read 'weekdays 9 to 5'" in error.text()
    assert "Nothing was saved" in hours.message.text()
    assert QtWidgets.QApplication.focusWidget() is psychology
    assert _hours_of(ctx) == before  # EAP's good row was not saved either

    psychology.selectAll()
    qtbot.keyClicks(psychology, "Mon-Fri 08:30-16:30")
    # After hours for psychology: from the crisis line to the chaplain, by keyboard.
    combo = hours.after_fields["psychology"]
    combo.setFocus()
    target = combo.findData("chaplain")
    while combo.currentIndex() != target:
        qtbot.keyClick(
            combo, QtCore.Qt.Key.Key_Down if combo.currentIndex() < target else QtCore.Qt.Key.Key_Up
        )
    qtbot.keyClick(psychology, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not hours.isVisible())
    saved = _hours_of(ctx)
    assert saved["eap"] == ("Mon-Thu 09:00-15:00", "crisis_line")
    assert saved["psychology"] == ("Mon-Fri 08:30-16:30", "chaplain")
    assert editor.entries == directory(ctx)


def test_a_supporter_reads_the_hours_but_cannot_change_them(qtbot: Any, session: Session) -> None:
    ctx = replace(context_for(session), is_admin=False)
    dialog = HoursDialog(ctx)
    _show(qtbot, dialog)
    assert dialog.hours_fields["eap"].isReadOnly()
    assert dialog.hours_fields["eap"].text() == "Mon-Fri 08:00-17:00"
    assert not dialog.after_fields["eap"].isEnabled()
    dialog.save()
    assert dialog.isVisible()


def test_at_three_in_the_morning_the_crisis_screen_says_what_is_closed_and_whom_to_call(
    qtbot: Any, session: Session
) -> None:
    set_directory_entry(context_for(session), "crisis_line", "0800 111 222")
    dialog = CrisisDialog(_at(session, THREE_AM))
    _show(qtbot, dialog)
    view = dialog.open_now_view
    assert view.isVisible()
    text = "\n".join(view.lines)
    assert (
        "Staff psychology (on call) is closed until 08:00 — for help now call Crisis line "
        "(0800 111 222)." in view.lines
    )
    assert "Crisis line is open around the clock." in view.lines
    assert "Emergency is open around the clock." in view.lines
    assert "Employee assistance programme (EAP) is open" not in text
    # Reachable by Tab, read out as one description.
    assert view.focusPolicy() == QtCore.Qt.FocusPolicy.TabFocus
    assert "closed until 08:00" in view.accessibleDescription()


def test_in_office_hours_the_crisis_screen_shows_them_open(qtbot: Any, session: Session) -> None:
    dialog = CrisisDialog(_at(session, TEN_AM))
    _show(qtbot, dialog)
    lines = dialog.open_now_view.lines
    assert "Staff psychology (on call) is open until 16:30." in lines
    assert not any("closed" in line for line in lines)


def test_the_disposition_shows_what_is_open_for_the_level(qtbot: Any, session: Session) -> None:
    panel = DispositionPanel(directory(context_for(session)), [])
    qtbot.addWidget(panel)
    panel.now = lambda: THREE_AM.astimezone(UTC)
    panel.show_result(EscalationResult("tier3_same_day", ("crisis_line_info",), (), "2"))
    assert panel.open_now_view.lines[:2] == [
        "Staff psychology (on call) is closed until 08:00 — for same-day contact call Crisis line.",
        "Employee assistance programme (EAP) is closed until 08:00 — for same-day contact "
        "call Crisis line.",
    ]
    assert "Crisis line is open around the clock." in panel.open_now_view.lines
    # A two-week referral only says when it opens: it opens in time.
    panel.now = lambda: datetime(2026, 12, 5, 3, 0, tzinfo=BERLIN).astimezone(UTC)  # Saturday
    panel.show_result(EscalationResult("tier3_2wk", (), (), "2"))
    assert "Employee assistance programme (EAP) is closed until Mon 08:00." in (
        panel.open_now_view.lines
    )
