"""Issue 17, item 8: success messages were red, like problems. A success is green and marked
with "✓" (not by colour alone); a problem stays dark red. Messages are plain text, and what a
passphrase field holds stays out of input methods."""

from __future__ import annotations

from typing import Any

from ui.qt import QtCore, QtGui, QtWidgets
from ui.runtime.app import STYLESHEET
from ui.widgets.forms import FormMessage, password_field


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


def test_a_message_is_plain_text_whatever_it_quotes(qtbot: Any) -> None:
    message = FormMessage()
    qtbot.addWidget(message)
    message.show_message("<b>Sam</b> & co. could not be added.")
    assert message.textFormat() == QtCore.Qt.TextFormat.PlainText
    assert message.text() == "<b>Sam</b> & co. could not be added."


def test_a_passphrase_field_keeps_what_is_typed_from_input_methods(qtbot: Any) -> None:
    field = password_field("Passphrase")
    qtbot.addWidget(field)
    hints = field.inputMethodHints()
    for hint in (
        QtCore.Qt.InputMethodHint.ImhHiddenText,
        QtCore.Qt.InputMethodHint.ImhSensitiveData,
        QtCore.Qt.InputMethodHint.ImhNoPredictiveText,
    ):
        assert hints & hint, hint
    assert field.echoMode() == QtWidgets.QLineEdit.EchoMode.Password
