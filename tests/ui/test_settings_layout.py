"""Settings opens tall enough to read: a window opens at most 2/3 of the screen high and does
not ask its layout how high wrapped text is at its width, which squashed the explanations."""

from __future__ import annotations

from typing import Any

from ui.qt import QtWidgets


def test_settings_opens_with_every_explanation_and_button_readable(
    qtbot: Any, open_window: Any, store: Any, kit: Any
) -> None:
    main = open_window(store.home, store.secrets)
    kit.unlock_by_keyboard(qtbot, main, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: main.home_page is not None, timeout=20_000)
    dialog = main.open_settings()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    wrapped = [w for w in dialog.findChildren(QtWidgets.QLabel) if w.isVisible() and w.wordWrap()]
    assert any("Case records are deleted" in w.text() for w in wrapped)
    for label in wrapped:
        assert label.height() >= label.heightForWidth(label.width()), label.text()
    for button in dialog.findChildren(QtWidgets.QPushButton):
        if button.isVisible():
            assert button.height() >= button.sizeHint().height(), button.text()
    dialog.reject()
