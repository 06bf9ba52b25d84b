"""A question's answer reaches its caller without a closure over the question (ui/widgets/
answers.py). Under gdb the suite crashed now and then in QMessageBox::event on a box deleted on
close whose own `finished` slot held it; no slot in ui/ may read `clickedButton()` any more."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from ui.qt import QtCore, QtWidgets
from ui.widgets.answers import when_answered

ROOT = Path(__file__).resolve().parents[2]


def _box(parent: QtWidgets.QWidget) -> QtWidgets.QMessageBox:
    box = QtWidgets.QMessageBox(parent)
    box.setText("Replace it?")
    yes = box.addButton("&Replace", QtWidgets.QMessageBox.ButtonRole.AcceptRole)
    yes.setObjectName("yes")
    keep = box.addButton("&Keep", QtWidgets.QMessageBox.ButtonRole.RejectRole)
    keep.setObjectName("keep")
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


@pytest.mark.parametrize(("button", "expected"), [(None, "keep"), ("yes", "yes")])
def test_the_chosen_buttons_name_is_passed_on_and_the_box_goes(
    qtbot: Any, button: str | None, expected: str
) -> None:
    parent = QtWidgets.QWidget()
    qtbot.addWidget(parent)
    parent.show()
    answers: list[str] = []
    box = _box(parent)
    when_answered(box, answers.append)
    box.open()
    qtbot.waitExposed(box)
    if button is None:
        qtbot.keyClick(box, QtCore.Qt.Key.Key_Escape)
    else:
        chosen = box.findChild(QtWidgets.QPushButton, button)
        chosen.setFocus()
        qtbot.keyClick(chosen, QtCore.Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: answers == [expected], timeout=5_000)
    qtbot.waitUntil(lambda: parent.findChild(QtWidgets.QMessageBox) is None, timeout=5_000)


def test_no_slot_in_ui_reads_the_clicked_button_of_its_own_box() -> None:
    pattern = re.compile(r"\.clickedButton\(\)")
    found = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "ui").rglob("*.py")
        if path.name != "answers.py" and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert found == [], f"use ui.widgets.answers.when_answered instead: {found}"
