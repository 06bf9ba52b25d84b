"""The escalation banner: level in words and colour, reasons, sources on demand, accessibility."""

from __future__ import annotations

from typing import Any

from svdesk.content import rules
from svdesk.content.record_fields import ESCALATION_LEVELS
from ui.widgets.escalation_banner import EscalationBanner, level_label


def _banner(qtbot: Any) -> EscalationBanner:
    banner = EscalationBanner()
    qtbot.addWidget(banner)
    banner.show()
    return banner


def test_banner_says_the_level_the_reason_and_what_to_do(qtbot: Any) -> None:
    banner = _banner(qtbot)
    result = rules.evaluate(
        {"safety.cssrs.suicidal_thoughts": True, "safety.unsafe_to_continue_care": True}
    )
    with qtbot.waitSignal(banner.level_changed) as changed:
        banner.show_result(result)
    assert changed.args == ["tier3_72h"]
    text = banner.text()
    assert "Professional referral within 72 hours" in text
    assert "crisis line" in text.lower()  # action crisis_line_info, in plain words
    assert "relieve them from patient care" in text  # action relieve_from_duty
    for fired in result.fired:
        assert fired.reason in text
    assert banner.accessibleDescription() == text


def test_sources_are_shown_on_demand(qtbot: Any) -> None:
    banner = _banner(qtbot)
    result = rules.evaluate({"safety.imminent_danger": True})
    banner.show_result(result)
    source = result.fired[0].source
    assert source not in banner._reasons_label.text()
    banner._sources_button.click()
    assert source in banner._reasons_label.text()
    assert banner._sources_button.text() == "Hide sources"


def test_no_escalation_says_so_and_every_level_has_words(qtbot: Any) -> None:
    banner = _banner(qtbot)
    banner.show_result(rules.evaluate({}))
    assert banner.level() == "tier2"
    assert "No escalation rule applies" in banner._reasons_label.text()
    assert not banner._sources_button.isEnabled()
    for level in ESCALATION_LEVELS:
        assert level_label(level) != level
