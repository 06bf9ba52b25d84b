"""Issue 17, item 8: success messages were red, like problems. A success is green and marked
with "✓" (not by colour alone); a problem stays dark red."""

from __future__ import annotations

from typing import Any

from ui.qt import QtGui, QtWidgets
from ui.runtime.app import STYLESHEET
from ui.widgets.forms import FormMessage


def test_success_reads_as_success_and_problem_as_problem(qtbot: Any) -> None:
    holder = QtWidgets.QWidget()
    holder.setStyleSheet(STYLESHEET % {"title": "12"})  # the app's style sheet, here only
    message = FormMessage(holder)
    qtbot.addWidget(holder)
    message.show_success("Sam was added.")
    holder.show()
    message.ensurePolished()
    success = message.palette().color(QtGui.QPalette.ColorRole.WindowText)
    assert message.text().startswith("✓ ")
    assert message.kind() == "success"
    message.show_message("Type the supporter's name.")
    message.ensurePolished()
    problem = message.palette().color(QtGui.QPalette.ColorRole.WindowText)
    assert message.kind() == "problem"
    assert success.green() > success.red()
    assert problem.red() > problem.green()
