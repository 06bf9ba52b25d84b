"""A one-time feedback code offered at the end of a support conversation (issue 14, item 3;
`svdesk.unit.feedback`). The "Conversation completed" note gets a button that offers a code; the
code shows large in a dialog that says where to type it (the locked workstation's Feedback
button), until when it works and what it is linked to, with a Copy button. The code is shown
only in this dialog: the store keeps its hash. A copied code leaves the clipboard when the
dialog closes (and with it when the workstation locks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svdesk.errors import SvdeskError
from svdesk.unit import feedback
from ui.qt import QtCore, QtGui, QtWidgets
from ui.runtime.errors import show_error
from ui.widgets.forms import explanation, named, page_title, push_button
from ui.widgets.secret_copy import SecretCopy

if TYPE_CHECKING:
    from svdesk.access.session import Session


def _tr(text: str) -> str:
    return QtCore.QCoreApplication.translate("FeedbackCodeDialog", text)


def long_date(day: QtCore.QDate) -> str:
    return QtCore.QLocale().toString(day, QtCore.QLocale.FormatType.LongFormat)


class FeedbackCodeDialog(QtWidgets.QDialog):
    """Shows one offered code; nothing else of the conversation."""

    def __init__(self, offered: feedback.OfferedCode, parent: QtWidgets.QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("feedbackCodeDialog")
        self.setWindowTitle(self.tr("Feedback code"))
        self.setAccessibleName(self.windowTitle())
        self._code = offered.shown
        self._secret = SecretCopy(self._code)
        until = long_date(
            QtCore.QDate(offered.expires.year, offered.expires.month, offered.expires.day)
        )
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(page_title(self.tr("A feedback code for your colleague")))
        layout.addWidget(
            explanation(
                self.tr(
                    "Give this code to the colleague you supported. When this workstation is "
                    'locked, they choose "Give feedback…" on the locked screen, type the code and '
                    "answer three short questions, without anyone signing in."
                )
            )
        )
        self.code_label = QtWidgets.QLabel(self._code)
        self.code_label.setObjectName("feedbackCode")
        self.code_label.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(
            QtCore.Qt.TextInteractionFlag.TextSelectableByMouse
            | QtCore.Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.code_label.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        font = QtGui.QFontDatabase.systemFont(QtGui.QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(self.font().pointSizeF(), 9.0) * 2.4)
        font.setBold(True)
        font.setLetterSpacing(QtGui.QFont.SpacingType.PercentageSpacing, 115)
        self.code_label.setFont(font)
        # Read out character by character by a screen reader.
        named(self.code_label, self.tr("Feedback code"), " ".join(self._code))
        layout.addWidget(self.code_label)
        self.valid_label = explanation(
            self.tr(
                "It works once, until {date}. Letters and digits count; dashes and small or "
                "capital letters do not."
            ).format(date=until)
        )
        self.valid_label.setObjectName("feedbackCodeValid")
        layout.addWidget(self.valid_label)
        layout.addWidget(
            explanation(
                self.tr(
                    'The code and the answers are linked to nothing but "a conversation of this '
                    'unit in this month": not to the colleague, not to you, not to this '
                    "conversation. svdesk keeps only a fingerprint of the code and cannot show it "
                    "again: copy it or write it down now."
                )
            )
        )
        row = QtWidgets.QHBoxLayout()
        self.copy_button = push_button(self.tr("&Copy code"), object_name="feedbackCodeCopy")
        self.copy_button.setAutoDefault(False)
        row.addWidget(self.copy_button)
        row.addStretch(1)
        self.close_button = push_button(self.tr("C&lose"), object_name="feedbackCodeClose")
        self.close_button.setDefault(True)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.copy_button.clicked.connect(self.copy)
        self.close_button.clicked.connect(self.accept)
        self.close_button.setFocus()

    def code(self) -> str:
        return self._code

    def copy(self) -> None:
        self._secret.copy()
        self.copy_button.setText(self.tr("Copied (cleared when this closes)"))
        self.copy_button.setAccessibleName(self.tr("Copied"))

    def done(self, result: int) -> None:
        self.forget_clipboard()
        super().done(result)

    def hideEvent(self, event: QtGui.QHideEvent) -> None:
        # Locking closes the dialog: the code leaves the clipboard with it.
        self.forget_clipboard()
        super().hideEvent(event)

    def forget_clipboard(self) -> None:
        self._secret.forget()


def offer_feedback_code(parent: QtWidgets.QWidget, session: Session) -> FeedbackCodeDialog | None:
    """A new code offered (`feedback.offer_code`, which also rewrites the locked kiosk's list of
    codes) and shown; None when the core refused (it says why)."""
    if session.locked:
        return None
    try:
        offered = feedback.offer_code(session)
    except SvdeskError as exc:
        show_error(parent, exc)
        return None
    dialog = FeedbackCodeDialog(offered, parent)
    dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def add_offer_button(box: QtWidgets.QMessageBox, session: Session) -> QtWidgets.QPushButton:
    """The "Conversation completed" note's button that offers a code (the note closes; the
    code's dialog opens over the note's parent)."""
    button = box.addButton(
        _tr("Offer a &feedback code…"), QtWidgets.QMessageBox.ButtonRole.ActionRole
    )
    button.setObjectName("offerFeedbackCode")
    button.setAccessibleName(_tr("Offer a feedback code"))
    host = box.parentWidget() or box
    button.clicked.connect(lambda: offer_feedback_code(host, session))
    return button
