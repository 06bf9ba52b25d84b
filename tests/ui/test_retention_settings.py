"""The retention policy in Settings (shown to everyone, changed by admins) and the purge that runs
after each unlock of a unit store."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from test_coordinator_support import record_conversation

from svdesk.access.session import Session
from svdesk.exchange import card
from svdesk.progress import run_to_end
from svdesk.unit import export, retention
from ui.qt import QtCore, QtWidgets
from ui.shell.home import HomePage
from ui.shell.settings import SettingsDialog


def audit_details(session: Session, action: str) -> list[dict[str, Any]]:
    rows = session.db.execute(
        "SELECT detail FROM audit WHERE action = ? ORDER BY seq", [action]
    ).fetchall()
    return [json.loads(r[0]) for r in rows]


def mnemonics(root: QtWidgets.QWidget) -> list[str]:
    """The Alt+letter keys of the buttons and buddy labels visible under `root`."""
    texts = [
        w.text()
        for w in root.findChildren(QtWidgets.QWidget)
        if w.isVisibleTo(root)
        and (
            isinstance(w, QtWidgets.QAbstractButton)
            or (isinstance(w, QtWidgets.QLabel) and w.buddy())
        )
    ]
    found = (re.search(r"&([^&])", t.replace("&&", "")) for t in texts)
    return [m.group(1).lower() for m in found if m]


def unlocked_window(qtbot: Any, open_window: Any, store: Any, kit: Any, *, admin: bool = True):  # type: ignore[no-untyped-def]
    """The main window unlocked by keyboard, once the purge that unlocking starts has run."""
    window = open_window(store.home, store.secrets)
    if admin:
        kit.unlock_by_keyboard(qtbot, window, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    else:
        kit.unlock_by_keyboard(qtbot, window, kit.OTHER_NAME, kit.OTHER_PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(window.page, HomePage), timeout=10_000)
    qtbot.waitUntil(lambda: window.retention_op is not None and window.retention_op.done)
    return window


def test_the_policy_is_shown_and_an_admin_changes_it(qtbot, open_window, store, kit) -> None:  # type: ignore[no-untyped-def]
    window = unlocked_window(qtbot, open_window, store, kit)
    qtbot.mouseClick(window.page.settings_button, QtCore.Qt.MouseButton.LeftButton)
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None
    assert kit.unnamed_controls(dialog) == []
    text = dialog.retention_text.text()
    assert "Case records are deleted 180 days after they were exported and the case closed" in text
    spin = dialog.retention_days
    assert spin.isEnabled()
    assert (spin.minimum(), spin.maximum()) == (30, 3650)
    # By keyboard: Alt+F (no other control of the dialog uses it) reaches the spin box.
    (label,) = [w for w in dialog.findChildren(QtWidgets.QLabel) if w.buddy() is spin]
    assert label.text() == "Delete case records a&fter:"
    assert sorted(mnemonics(dialog)).count("f") == 1
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "90")
    assert "deleted 90 days after" in dialog.retention_text.text()
    qtbot.keyClick(spin, QtCore.Qt.Key.Key_Return)
    assert not dialog.isVisible()
    session = window.session
    assert retention.retention_days(session) == 90
    assert audit_details(session, "retention_changed") == [{"from_days": 180, "to_days": 90}]
    # Shown again with the saved value.
    again = window.open_settings()
    assert again.retention_days.value() == 90
    assert "deleted 90 days after" in again.retention_text.text()


def test_saving_other_settings_does_not_touch_the_retention(qtbot, open_window, store, kit) -> None:  # type: ignore[no-untyped-def]
    window = unlocked_window(qtbot, open_window, store, kit)
    dialog = window.open_settings()
    dialog.lock_minutes.setValue(12)
    dialog.save()
    assert not dialog.isVisible()
    assert audit_details(window.session, "retention_changed") == []


def test_a_supporter_sees_the_policy_but_cannot_change_it(qtbot, open_window, store, kit) -> None:  # type: ignore[no-untyped-def]
    window = unlocked_window(qtbot, open_window, store, kit, admin=False)
    dialog = window.open_settings()
    assert "deleted 180 days after they were exported" in dialog.retention_text.text()
    assert not dialog.retention_days.isEnabled()


def test_unlocking_purges_expired_cases_and_keeps_open_ones(
    qtbot, open_window, store, kit, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    long_ago = date.today() - timedelta(days=400)
    ws = store.workstation()
    session = ws.unlock(store.admin_id, kit.ADMIN_PASSPHRASE)
    try:
        coordinator_card = card.make_card(card.generate_coordinator_keys(), site_code="SITE1")
        export.pair(session, coordinator_card)
        expired = record_conversation(session, on=long_ago, followup_plan="none").case_code
        still_open = record_conversation(session, on=long_ago).case_code
        (tmp_path / "usb").mkdir()
        moment = datetime.combine(long_ago, time(16), tzinfo=UTC)
        run_to_end(export.export_bundle(session, tmp_path / "usb", now=lambda: moment))
    finally:
        session.lock()
        ws.close()

    window = unlocked_window(qtbot, open_window, store, kit)
    assert window.retention_op is not None
    db = window.session.db
    codes = [r[0] for r in db.execute("SELECT case_code FROM cases").fetchall()]
    assert codes == [still_open]
    assert expired not in codes
    (entry,) = audit_details(window.session, "retention_purge")
    assert entry["cases"] == 1
    assert entry["encounters"] == 1
