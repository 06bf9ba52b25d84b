"""A weak passphrase typed in the GUI is refused with advice, by keyboard (issue 13, item 5)."""

from __future__ import annotations

import pytest

from ui.qt import QtCore
from ui.shell.home import HomePage
from ui.shell.main_window import MainWindow
from ui.shell.passphrase_dialogs import ResetPassphraseDialog


@pytest.fixture
def unlocked(qtbot, open_window, store, kit) -> MainWindow:  # type: ignore[no-untyped-def]
    window = open_window(store.home, store.secrets)
    kit.unlock_by_keyboard(qtbot, window, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(window.page, HomePage), timeout=10_000)
    return window


def test_a_common_password_is_refused_in_the_reset_dialog(qtbot, unlocked) -> None:  # type: ignore[no-untyped-def]
    dialog = unlocked.open_supporters()
    dialog.list.setCurrentRow(1)  # Blake
    qtbot.mouseClick(dialog.reset_button, QtCore.Qt.MouseButton.LeftButton)
    reset = dialog.findChild(ResetPassphraseDialog)
    assert reset is not None
    qtbot.keyClicks(reset.passphrase.first, "Password1")
    qtbot.keyClicks(reset.passphrase.second, "Password1")
    qtbot.keyClick(reset.passphrase.second, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "common passwords" in reset.message.text(), timeout=10_000)
    assert "unrelated everyday words" in reset.message.text()
    assert reset.isVisible()  # nothing changed; the supporter can try a better one
