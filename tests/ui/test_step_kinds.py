"""The conversation window places its extras by the step's declared kind, never by its id."""

from __future__ import annotations

from typing import Any

from test_conversation_fakes import fake_services

from svdesk.content.loading import parse_toml
from svdesk.content.protocol.loader import parse_protocol
from svdesk.content.resources import read_text
from ui.qt import QtWidgets
from ui.unit.conversation import start_new_conversation

# A program's copy of the protocol with its own step ids: nothing in them says "disposition",
# "coping" or "record".
RENAMED = {
    'id = "coping_resources"': 'id = "hand_over"',
    'id = "disposition"': 'id = "next_steps"',
    'id = "record"': 'id = "write_up"',
}


def test_renamed_steps_keep_their_extras(qtbot: Any) -> None:
    text = read_text("protocols", "default.toml")
    for old, new in RENAMED.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    protocol = parse_protocol(parse_toml(text, "renamed.toml"), "renamed.toml")
    window = start_new_conversation(None, services=fake_services(), protocol=protocol)
    qtbot.addWidget(window)
    window.show()
    window.go_to_step("hand_over")
    assert window.findChild(QtWidgets.QLabel, "resourcesHeading") is not None
    assert window._disposition is None
    window.go_to_step("next_steps")
    assert window._disposition is not None
    assert window._record_page is None
    window.go_to_step("write_up")
    assert window._record_page is not None
    # The required record fields the record page asks for are marked on the renamed step.
    assert "write_up" in window._steps_missing_record_fields()
