"""Issue 17 item 5: a new unit's crisis screen has no numbers. The admin is asked on the home
screen, with a keyboard path to the directory editor, until the emergency and crisis line
numbers are set; meanwhile the crisis screen shows general numbers, not "not set"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fakes import close_session, make_session

from svdesk.access.session import Session
from svdesk.unit import directory
from svdesk.unit.context import context_for
from svdesk.unit.crisis_numbers import missing_crisis_numbers, unset_fallback
from ui.qt import QtCore
from ui.shell.home import HomePage
from ui.unit.crisis import CrisisDialog


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    current = make_session(tmp_path)
    yield current
    close_session(current)


def test_the_crisis_screen_of_a_new_unit_shows_general_numbers(
    qtbot: Any, session: Session
) -> None:
    dialog = CrisisDialog(context_for(session))
    qtbot.addWidget(dialog)
    dialog.show()
    emergency = dialog.directory_view.number_labels["emergency"].text()
    assert "not set" not in emergency
    assert "112" in emergency
    assert "911" in emergency
    assert "Settings" in emergency  # and where the unit's own number goes
    assert "988" in dialog.directory_view.number_labels["crisis_line"].text()
    # Entries without a general number still say who can fill them.
    assert "ask your unit admin" in dialog.directory_view.number_labels["eap"].text()


def test_every_required_crisis_number_has_a_fallback() -> None:
    for code in ("emergency", "crisis_line"):
        assert unset_fallback(code)
    assert unset_fallback("eap") is None


def test_home_asks_the_admin_until_both_numbers_are_set_and_alt_m_opens_the_editor(
    qtbot: Any, session: Session
) -> None:
    ctx = context_for(session)
    assert ctx.is_admin
    assert missing_crisis_numbers(directory.directory(ctx)) == ["emergency", "crisis_line"]
    home = HomePage(session)
    qtbot.addWidget(home)
    with qtbot.waitActive(home):
        home.show()
        home.activateWindow()
    assert home.crisis_numbers_notice.isVisible()
    assert "Emergency" in home.crisis_numbers_text.text()
    qtbot.keyClick(
        home.new_conversation_button, QtCore.Qt.Key.Key_M, QtCore.Qt.KeyboardModifier.AltModifier
    )
    qtbot.waitUntil(lambda: home.directory_dialog is not None)  # a mnemonic clicks animated
    dialog = home.directory_dialog
    assert dialog is not None
    assert dialog.isVisible()
    dialog.phone_fields["emergency"].setText("2222")
    dialog.save()  # on a worker; the notice follows when the dialog closes
    qtbot.waitUntil(lambda: "Emergency" not in home.crisis_numbers_text.text())
    assert home.crisis_numbers_notice.isVisible()  # the crisis line is still missing
    assert "Crisis line" in home.crisis_numbers_text.text()

    directory.set_directory_entry(ctx, "crisis_line", "988", "24/7")
    home.refresh()
    assert not home.crisis_numbers_notice.isVisible()
