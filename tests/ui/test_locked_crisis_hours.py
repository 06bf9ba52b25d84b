"""The locked crisis screen says what is open now (issue 15, item 3): the crisis snapshot
carries each number's opening hours and after-hours alternative, so at 3 a.m. with svdesk
locked it says that psychology is closed and whom to call instead. Before, the locked screen
had numbers only."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from svdesk.unit.crisis_numbers import (
    CRISIS_SNAPSHOT_NAME,
    CrisisNumber,
    read_crisis_snapshot,
    write_crisis_snapshot,
)
from ui.unit.crisis import CrisisDialog

BERLIN = ZoneInfo("Europe/Berlin")
THREE_AM = datetime(2026, 12, 2, 3, 0, tzinfo=BERLIN)  # a Wednesday
NUMBERS = [
    CrisisNumber("crisis_line", "Crisis line", "0800 111 222", hours="24/7"),
    CrisisNumber(
        "psychology", "Staff psychology", "555 0100", hours="Mon-Fri 08:00-16:30",
        after_hours="crisis_line",
    ),
]  # fmt: skip


@pytest.fixture(autouse=True)
def berlin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")


def test_the_snapshot_keeps_hours_and_the_after_hours_alternative(tmp_path: Path) -> None:
    write_crisis_snapshot(tmp_path, NUMBERS)
    assert read_crisis_snapshot(tmp_path) == NUMBERS


def test_hours_that_do_not_parse_are_dropped_and_the_number_kept(tmp_path: Path) -> None:
    (tmp_path / CRISIS_SNAPSHOT_NAME).write_text(
        '{"version": 1, "numbers": [{"code": "psychology", "label": "Psychology", '
        '"phone": "555 0100", "hours": "whenever", "after_hours": "the moon"}]}',
        "utf-8",
    )
    (number,) = read_crisis_snapshot(tmp_path)
    assert number.phone == "555 0100"
    assert number.hours == ""
    assert number.after_hours is None


def test_at_three_in_the_morning_the_locked_screen_says_whom_to_call(qtbot: Any) -> None:
    dialog = CrisisDialog(None, locked=True, numbers=NUMBERS, now=lambda: THREE_AM)
    qtbot.addWidget(dialog)
    dialog.show()
    lines = dialog.open_now_view.lines
    assert "Crisis line is open around the clock." in lines
    assert any(
        line.startswith("Staff psychology is closed until 08:00") and "Crisis line" in line
        for line in lines
    ), lines


def test_a_snapshot_without_hours_shows_no_open_now(qtbot: Any) -> None:
    numbers = [CrisisNumber("crisis_line", "Crisis line", "0800 111 222")]
    dialog = CrisisDialog(None, locked=True, numbers=numbers, now=lambda: THREE_AM)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.open_now_view.lines
