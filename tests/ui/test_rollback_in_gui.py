"""Issue 13, item 6, in the GUI: an older database put back alone is refused at unlock, and the
unlock screen says what happened and what to do, in place; nothing is unlocked."""

from __future__ import annotations

import shutil
from typing import Any

from ui.qt import QtWidgets
from ui.runtime import ops
from ui.shell.unlock import UnlockPage


def _error_boxes() -> list[QtWidgets.QMessageBox]:
    return [
        w
        for w in QtWidgets.QApplication.topLevelWidgets()
        if isinstance(w, QtWidgets.QMessageBox)
        and w.objectName() == "errorDialog"
        and w.isVisible()
    ]


def test_an_older_database_put_back_is_refused_at_unlock_in_the_gui(  # type: ignore[no-untyped-def]
    qtbot: Any, open_window, store, kit, tmp_path
):
    shutil.copy(store.home / "svdesk.db", tmp_path / "old.db")  # copied aside while locked
    ws = store.workstation()
    session = ws.unlock(store.admin_id, kit.ADMIN_PASSPHRASE)
    session.lock()  # an unlock and a lock: the keys file now records a later change
    ws.close()
    for name in ("svdesk.db-wal", "svdesk.db-shm"):
        (store.home / name).unlink(missing_ok=True)
    shutil.copy(tmp_path / "old.db", store.home / "svdesk.db")

    window = open_window(store.home, store.secrets)
    kit.unlock_by_keyboard(qtbot, window, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: not ops.busy(), timeout=10_000)
    page = window.page
    assert isinstance(page, UnlockPage)
    assert window.session is None
    assert page.message.isVisible()
    text = page.message.text()
    assert "is older than its keys file" in text
    assert "restore the latest backup" in text
    assert _error_boxes() == []  # said in place, no dialog to dismiss
