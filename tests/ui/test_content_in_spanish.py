"""The content follows the interface's language (issue 16, items 2 and 3): a supporter working
in Spanish sees the Spanish protocol, cards and rule reasons, and the record keeps the same
codes as in English."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from test_conversation_fakes import answer
from test_i18n_screens import _hosts, in_spanish  # noqa: F401  (the fixture)

from svdesk.content.protocol.loader import load_protocol
from svdesk.content.rules import load_rules
from svdesk.storage.settings import write_workstation_language
from ui.qt import QtWidgets
from ui.runtime import language, ops
from ui.widgets.escalation_banner import reason_text


@pytest.fixture
def english_after(qapp: QtWidgets.QApplication) -> Iterator[None]:
    yield
    language.use_language("en", qapp)


def test_the_content_language_follows_the_interface(
    qapp: QtWidgets.QApplication, english_after: None
) -> None:
    assert language.content_language(qapp) == "en"
    language.use_language("es", qapp)
    assert language.content_language(qapp) == "es"
    rule = load_rules(language="es").rules[0]
    assert reason_text(rule.id, "english reason") == rule.reason
    assert reason_text("no_such_rule", "kept") == "kept"


def test_a_conversation_in_spanish_shows_the_spanish_protocol_and_keeps_the_codes(
    qtbot: Any,
    open_window: Any,
    store: Any,
    kit: Any,
    in_spanish: None,  # noqa: F811
) -> None:
    write_workstation_language(store.home, "es")
    main = open_window(store.home, store.secrets)
    main.load_screens()
    kit.unlock_by_keyboard(qtbot, main, kit.ADMIN_NAME, kit.ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: main.home_page is not None, timeout=20_000)
    qtbot.waitUntil(lambda: not ops.busy(), timeout=20_000)
    main.home_page.new_conversation_button.click()
    qtbot.waitUntil(lambda: len(_hosts()) == 1)
    host = _hosts()[0]
    conversation = host.conversation
    spanish, english = load_protocol(language="es"), load_protocol()
    first = conversation.current_step_id()
    title_es = next(s.title for s in spanish.steps if s.id == first)
    title_en = next(s.title for s in english.steps if s.id == first)
    assert title_es != title_en
    shown = [w.text() for w in conversation.findChildren(QtWidgets.QLabel) if w.isVisible()]
    assert any(title_es in text for text in shown), shown
    assert not any(title_en == text for text in shown)
    answer(conversation, "stress.zone", "red")
    assert conversation.answers()["stress.zone"] == "red"  # the code, not "rojo"
    host.close()
