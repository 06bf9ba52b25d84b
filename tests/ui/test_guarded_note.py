"""The guarded note editor with the real identifier guard: highlighting, messages, counter."""

from __future__ import annotations

from typing import Any

from ui.qt import QTextCharFormat
from ui.widgets.guarded_note import BLOCK_COLOUR, WARN_COLOUR, GuardedNoteEdit


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
            fmt: QTextCharFormat = fmt_range.format
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
