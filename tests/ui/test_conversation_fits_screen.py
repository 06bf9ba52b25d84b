"""Issue 17, item 8: the conversation window opened taller than a 1366×768 screen (1280×860)."""

from __future__ import annotations

from typing import Any

from test_conversation_fakes import FakeUnitServices, default_protocol, fake_services

from ui.qt import QtGui
from ui.unit.conversation import start_new_conversation
from ui.unit.conversation_host import ConversationHost


def test_the_conversation_window_fits_the_screen_it_opens_on(qtbot: Any) -> None:
    window = start_new_conversation(
        None, services=fake_services(FakeUnitServices()), protocol=default_protocol()
    )
    host = ConversationHost(window)
    qtbot.addWidget(host)
    host.show()
    screen = host.screen() or QtGui.QGuiApplication.primaryScreen()
    free = screen.availableGeometry()
    assert free.height() < 860  # the offscreen screen is smaller than the old fixed size
    assert host.frameGeometry().height() <= free.height()
    assert host.width() <= free.width()
