"""The guarded note editor with the real identifier guard: highlighting, messages, counter."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtGui import QHelpEvent  # only the test builds a help event; ui/qt.py need not

from svdesk.unit import guard
from ui.qt import QtCore, QtGui
from ui.runtime import ops
from ui.widgets.guarded_note import BLOCK_COLOUR, WARN_COLOUR, GuardedNoteEdit, explanation


def _note(qtbot: Any, roster: tuple[str, ...] = ()) -> GuardedNoteEdit:
    note = GuardedNoteEdit(roster=roster)
    qtbot.addWidget(note)
    note.show()
    return note


def _underline_at(note: GuardedNoteEdit, position: int) -> Any:
    block = note.editor.document().findBlock(position)
    offset = position - block.position()
    for fmt_range in block.layout().formats():
        if fmt_range.start <= offset < fmt_range.start + fmt_range.length:
            fmt: QtGui.QTextCharFormat = fmt_range.format
            return fmt.underlineColor()
    return None


def test_phone_number_is_blocked_named_and_underlined_red(qtbot: Any) -> None:
    note = _note(qtbot)
    qtbot.keyClicks(note.editor, "call back on 555-123-4567")
    assert note.verdict() == "block"
    assert note.blocking_message() == ("The note contains a phone number; remove it before saving.")
    assert "555-123-4567" in note.messages.text()
    assert _underline_at(note, 15) == BLOCK_COLOUR
    assert _underline_at(note, 2) is None
    assert "a phone number" in note.editor.accessibleDescription()


def test_roster_name_warns_in_amber_and_can_be_kept(qtbot: Any) -> None:
    note = _note(qtbot, roster=("Carla Mendes",))
    qtbot.keyClicks(note.editor, "Spoke with Carla Mendes")
    assert note.verdict() == "warn"
    assert note.blocking_message() is None
    assert note.warning_message() == "The note may contain a name from the unit roster."
    assert _underline_at(note, 12) == WARN_COLOUR


def test_counter_and_length_limit(qtbot: Any) -> None:
    note = _note(qtbot)
    qtbot.keyClicks(note.editor, "slept badly")
    assert note.counter.text() == "11 / 280 characters"
    note.set_text("x " * 141)
    assert note.verdict() == "block"
    assert "too long" in note.counter.text()
    assert "longer than 280" in (note.blocking_message() or "")
    note.set_text("")
    assert note.verdict() == "ok"
    assert not note.messages.isVisibleTo(note)


def test_each_highlight_says_what_it_is_and_how_to_rephrase(qtbot: Any) -> None:
    note = _note(qtbot)
    qtbot.keyClicks(note.editor, "spoke with Ngozi from pharmacy")
    assert note.verdict() == "warn"
    start = note.text().index("Ngozi")
    # the highlight's own format carries the explanation (core texts, shared with the CLI)
    block = note.editor.document().findBlock(start)
    tips = [r.format.toolTip() for r in block.layout().formats() if r.format.toolTip()]
    advice = guard.EXPLANATIONS["person_name"].advice
    assert tips
    assert advice in tips[0]
    assert "a colleague" in tips[0]
    # the message list gives the same advice
    assert advice in note.messages.text().replace("&#x27;", "'")
    assert note.explanation_at(start + 2) == tips[0]
    assert note.explanation_at(0) is None


def test_keyboard_user_reads_the_explanation_when_the_cursor_is_on_a_highlight(qtbot: Any) -> None:
    note = _note(qtbot)
    qtbot.keyClicks(note.editor, "bed 12 upset")
    assert note.verdict() == "block"
    note.editor.setFocus()
    qtbot.keyClick(note.editor, QtCore.Qt.Key.Key_End)
    assert not note.hint.isVisibleTo(note)  # the cursor is after "upset", on no finding
    qtbot.keyClick(note.editor, QtCore.Qt.Key.Key_Home)
    qtbot.keyClick(note.editor, QtCore.Qt.Key.Key_Right)
    assert note.hint.isVisibleTo(note)
    assert note.hint.text() == explanation(note.findings()[0])
    assert guard.EXPLANATIONS["id_label"].advice in note.hint.text()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen shows the tooltip
def test_tooltip_event_over_a_highlight_sets_the_explanation(qtbot: Any) -> None:
    note = _note(qtbot)
    note.set_text("ring 07700 900123 later")
    rect = note.editor.cursorRect(_cursor_at(note, 8))
    event = QHelpEvent(
        QtCore.QEvent.Type.ToolTip, rect.center(), note.editor.mapToGlobal(rect.center())
    )
    QtCore.QCoreApplication.sendEvent(note.editor.viewport(), event)
    assert note.editor.viewport().toolTip() == explanation(note.findings()[0])
    assert "phone" in note.editor.viewport().toolTip()


def _cursor_at(note: GuardedNoteEdit, position: int) -> Any:
    cursor = note.editor.textCursor()
    cursor.setPosition(position)
    return cursor


def test_every_kind_has_an_explanation_and_warn_kinds_say_how_to_rephrase() -> None:
    assert set(guard.EXPLANATIONS) == set(guard.KINDS)
    for kind, known in guard.EXPLANATIONS.items():
        assert known.label
        assert known.message.endswith(".")
        if kind not in guard.BLOCKING:
            assert "instead" in known.advice, kind


def test_the_guard_lists_load_on_the_worker_when_the_editor_is_built(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first check loads ~150 ms of lists; the editor has the worker load them first, so the
    first keystroke on the GUI thread does not wait."""
    threads: list[threading.Thread] = []
    monkeypatch.setattr(guard, "load_lists", lambda: threads.append(threading.current_thread()))
    editor = GuardedNoteEdit()
    qtbot.addWidget(editor)
    assert ops.wait_for_all()
    assert len(threads) == 1
    assert threads[0] is not threading.main_thread()
