"""Issue 15, item 2, while locked: the crisis screen opened by keyboard (Ctrl+E at the unlock
screen) says who is on call now and next, with the number each shares, from the signed copy of
the roster an unlock wrote (`kiosk-oncall.json`) — at a controllable clock. A copy that is
missing, changed outside svdesk or past its 14 days is said plainly, with the crisis line to
call instead; the screen opens whatever the copy holds."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from svdesk.unit import kiosk, kiosk_requests
from svdesk.unit.context import context_for
from svdesk.unit.crisis_numbers import CrisisNumber, write_crisis_snapshot
from svdesk.unit.oncall import set_on_call
from ui.qt import QtCore, QtWidgets
from ui.shell.unlock import UnlockPage
from ui.unit import crisis as crisis_module
from ui.unit.crisis import CrisisDialog
from ui.unit.crisis_on_call import LockedOnCallLabel, kiosk_on_call

BERLIN = ZoneInfo("Europe/Berlin")
WRITTEN = datetime(2026, 12, 2, 9, 0, tzinfo=BERLIN)  # a Wednesday: the last unlock
TEN_AM = datetime(2026, 12, 2, 10, 0, tzinfo=BERLIN)
ADMIN_PHONE = "0170 555 999"
OTHER_PHONE = "0170 555 123"
CRISIS_LINE = CrisisNumber("crisis_line", "Crisis line", "0800 111 222", hours="24/7")


@pytest.fixture(autouse=True)
def berlin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")


@pytest.fixture
def rostered(store: Any, kit: SimpleNamespace) -> Any:
    """Blake on call by day, Alex by night, each with a shared number; unlocked at WRITTEN."""
    ws = store.workstation()
    session = ws.unlock(store.admin_id, kit.ADMIN_PASSPHRASE)
    try:
        set_on_call(
            context_for(session),
            {
                store.other_id: ("Mon-Sun 08:00-20:00", OTHER_PHONE),
                store.admin_id: ("Mon-Sun 20:00-08:00", ADMIN_PHONE),
            },
        )
        kiosk.prepare(session)
        kiosk_requests.write_on_call(session, now=WRITTEN.astimezone(UTC), zone=BERLIN)
        write_crisis_snapshot(store.home, [CRISIS_LINE])
    finally:
        session.lock()
        ws.close()
    return store


def _crisis_by_keyboard(qtbot: Any, window: Any) -> tuple[CrisisDialog, LockedOnCallLabel]:
    assert isinstance(window.page, UnlockPage)
    assert window.session is None
    widget = QtWidgets.QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(
        widget, QtCore.Qt.Key.Key_E, QtCore.Qt.KeyboardModifier.ControlModifier
    )  # Crisis
    qtbot.waitUntil(
        lambda: window.crisis_dialog is not None and window.crisis_dialog.isVisible(),
        timeout=10_000,
    )
    dialog = window.crisis_dialog
    assert isinstance(dialog, CrisisDialog)
    assert dialog.locked
    assert isinstance(dialog.on_call, LockedOnCallLabel)
    return dialog, dialog.on_call


def _at(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    monkeypatch.setattr(crisis_module, "clock", lambda: moment.astimezone(UTC))


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (
            TEN_AM,
            "On call now: {other} ({other_phone}) until 20:00. "
            "Next: {admin} ({admin_phone}) from 20:00.",
        ),
        (
            datetime(2026, 12, 3, 23, 30, tzinfo=BERLIN),
            "On call now: {admin} ({admin_phone}) until tomorrow 08:00. "
            "Next: {other} ({other_phone}) from tomorrow 08:00.",
        ),
    ],
)
def test_the_locked_crisis_screen_says_who_is_on_call_now_and_next(
    qtbot: Any,
    open_window: Any,
    *,
    rostered: Any,
    kit: SimpleNamespace,
    monkeypatch: pytest.MonkeyPatch,
    moment: datetime,
    expected: str,
) -> None:
    _at(monkeypatch, moment)
    window = open_window(rostered.home, rostered.secrets)
    dialog, on_call = _crisis_by_keyboard(qtbot, window)
    assert on_call.available
    assert dialog.on_call.isVisible()
    assert dialog.on_call.text() == expected.format(
        other=kit.OTHER_NAME,
        other_phone=OTHER_PHONE,
        admin=kit.ADMIN_NAME,
        admin_phone=ADMIN_PHONE,
    )
    assert dialog.on_call.accessibleDescription() == dialog.on_call.text()
    # Reachable by keyboard (Tab), as the unlocked line is.
    assert dialog.on_call.focusPolicy() & QtCore.Qt.FocusPolicy.TabFocus
    assert not dialog.record_button.isEnabled()
    qtbot.keyClick(dialog, QtCore.Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.crisis_dialog is None or not window.crisis_dialog.isVisible())


def _tamper(path: Any) -> None:
    data = json.loads(path.read_text("utf-8"))
    data["people"][0]["phone"] = "0900 666 666"  # someone else's number, signature kept
    path.write_text(json.dumps(data), "utf-8")


@pytest.mark.parametrize(
    ("spoil", "later", "why"),
    [
        (lambda path: path.unlink(), timedelta(0), "no supporter has unlocked svdesk"),
        (_tamper, timedelta(0), "changed outside svdesk or cannot be read"),
        (lambda path: path.write_text("{not json", "utf-8"), timedelta(0), "cannot be read"),
        (lambda path: None, timedelta(days=15), "nobody has unlocked svdesk here for two weeks"),
    ],
    ids=["missing", "tampered", "damaged", "expired"],
)
def test_a_copy_that_cannot_be_used_says_so_and_to_call_the_crisis_line(
    qtbot: Any,
    open_window: Any,
    *,
    rostered: Any,
    kit: SimpleNamespace,
    monkeypatch: pytest.MonkeyPatch,
    spoil: Any,
    later: timedelta,
    why: str,
) -> None:
    spoil(rostered.home / kiosk_requests.ONCALL_SNAPSHOT_NAME)
    _at(monkeypatch, TEN_AM + later)
    window = open_window(rostered.home, rostered.secrets)
    dialog, on_call = _crisis_by_keyboard(qtbot, window)
    text = on_call.text()
    assert not on_call.available
    assert dialog.on_call.isVisible()
    assert text.startswith("Who is on call cannot be shown: ")
    assert why in text
    assert text.endswith("Call Crisis line: 0800 111 222.")
    assert "0900 666 666" not in text
    assert kit.OTHER_NAME not in text
    # The rest of the screen is there as always.
    assert "0800 111 222" in " ".join(kit.label_texts(dialog.directory_view))
    qtbot.waitUntil(
        lambda: QtWidgets.QApplication.focusWidget() is dialog.close_button, timeout=5_000
    )


def test_without_crisis_numbers_it_says_to_call_the_crisis_line(
    qtbot: Any, open_window: Any, rostered: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    (rostered.home / kiosk_requests.ONCALL_SNAPSHOT_NAME).unlink()
    (rostered.home / "crisis-numbers.json").unlink()
    _at(monkeypatch, TEN_AM)
    window = open_window(rostered.home, rostered.secrets)
    _dialog, on_call = _crisis_by_keyboard(qtbot, window)
    assert on_call.text().endswith("Call the crisis line now.")


def test_a_reader_that_fails_never_stops_the_crisis_screen(qtbot: Any) -> None:
    def broken(_at: datetime) -> Any:
        raise RuntimeError("disk gone")

    dialog = CrisisDialog(None, locked=True, numbers=[CRISIS_LINE], on_call=broken)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.on_call.isVisible()
    assert dialog.on_call.text().startswith("Who is on call cannot be shown: ")


def test_nobody_on_call_now_says_who_is_next_and_the_crisis_line(
    qtbot: Any, store: Any, kit: SimpleNamespace
) -> None:
    ws = store.workstation()
    session = ws.unlock(store.admin_id, kit.ADMIN_PASSPHRASE)
    try:
        set_on_call(context_for(session), {store.other_id: ("Sat 08:00-20:00", OTHER_PHONE)})
        kiosk.prepare(session)
        kiosk_requests.write_on_call(session, now=WRITTEN.astimezone(UTC), zone=BERLIN)
        dialog = CrisisDialog(
            None,
            locked=True,
            numbers=[CRISIS_LINE],
            now=lambda: TEN_AM,
            on_call=kiosk_on_call(ws),
        )
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.on_call.text() == (
            f"Nobody is on call now. Next: {kit.OTHER_NAME} ({OTHER_PHONE}) from Sat 08:00. "
            "Call Crisis line: 0800 111 222."
        )
    finally:
        session.lock()
        ws.close()
