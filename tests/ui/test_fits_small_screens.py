"""Issue 17, item 8: Settings opened 804 px high (taller than a 1366×768 screen), and the crisis
screen's "not set — ask your unit admin" hints were clipped in their rows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fakes import close_session, make_session

from svdesk.access.session import Session
from svdesk.unit.context import context_for
from ui.qt import QtWidgets
from ui.shell.settings import SettingsDialog
from ui.unit.crisis import CrisisDialog


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    current = make_session(tmp_path)
    yield current
    close_session(current)


def test_settings_fit_a_1366x768_screen(qtbot: Any, session: Session) -> None:
    dialog = SettingsDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    QtWidgets.QApplication.processEvents()
    assert dialog.height() <= 768 - 60  # the panel and the title bar
    assert dialog.width() <= 1366


def test_the_crisis_screens_not_set_hints_are_whole(qtbot: Any, session: Session) -> None:
    dialog = CrisisDialog(context_for(session))
    qtbot.addWidget(dialog)
    dialog.show()
    QtWidgets.QApplication.processEvents()
    label = dialog.directory_view.number_labels["eap"]
    assert "not set" in label.text()
    assert label.height() >= label.sizeHint().height()
    assert label.width() >= label.sizeHint().width()


def test_the_main_window_opens_within_the_screen(open_window: Any, tmp_path: Path) -> None:
    window = open_window(tmp_path / "new")
    free = window.screen().availableGeometry()
    assert window.frameGeometry().height() <= free.height()
    assert window.width() <= free.width()


def test_settings_say_when_a_saved_value_is_clamped(qtbot: Any, session: Session) -> None:
    from svdesk.storage.settings import save_setting
    from ui.shell.settings import LOCK_MINUTES_KEY, LOCK_MINUTES_RANGE

    save_setting(session, LOCK_MINUTES_KEY, 240)
    dialog = SettingsDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.lock_minutes.value() == LOCK_MINUTES_RANGE[1]
    assert "240" in dialog.message.text()
    assert dialog.message.isVisible()
