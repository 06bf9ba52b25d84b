"""Issue 17, item 8: the banner grew when a rule fired and moved the form under the pointer, and
it said "give the crisis line" without showing the number."""

from __future__ import annotations

from typing import Any

from test_conversation_fakes import (
    COMPLETE_INITIAL,
    FakeUnitServices,
    answer,
    default_protocol,
    fake_services,
    fill,
)

from ui.qt import QtWidgets
from ui.unit.conversation import start_new_conversation


def test_the_form_does_not_move_when_a_rule_fires_and_the_crisis_line_is_shown(
    qtbot: Any,
) -> None:
    cases = FakeUnitServices()
    window = start_new_conversation(
        None, services=fake_services(cases), protocol=default_protocol()
    )
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    fill(window, COMPLETE_INITIAL)
    window.go_to_step("check")
    QtWidgets.QApplication.processEvents()
    calm_height = window.banner.height()
    form_top = window.pages.mapTo(window, window.pages.rect().topLeft()).y()
    answer(window, "safety.imminent_danger", True)
    answer(window, "stress.zone", "orange")
    QtWidgets.QApplication.processEvents()
    assert window.banner.level() == "emergency"
    assert window.banner.height() == calm_height
    assert window.pages.mapTo(window, window.pages.rect().topLeft()).y() == form_top

    numbers = {e.code: e.phone for e in cases.directory_entries}
    text = window.banner.text() + window.banner._actions_label.text()
    if numbers.get("crisis_line"):
        assert str(numbers["crisis_line"]) in text
    else:
        assert "988" in text  # the general fallback
