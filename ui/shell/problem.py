"""The page shown when the store cannot be opened (damaged, too new, in use, keyring missing): what
is wrong, Try again, and the recovery code when this computer's keyring lost its secret."""

from __future__ import annotations

from ui.qt import QtWidgets, Signal
from ui.runtime.errors import describe
from ui.widgets.forms import explanation, page_title, push_button


class ProblemPage(QtWidgets.QWidget):
    """The store cannot be opened (damaged, too new, in use, keyring missing): say why."""

    retry_requested = Signal()
    recovery_requested = Signal()

    def __init__(self, exc: BaseException, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemPage")
        title, message = describe(exc)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(page_title(title))
        self.message = explanation(message)
        layout.addWidget(self.message)
        row = QtWidgets.QHBoxLayout()
        # A lost keyring entry can be replaced with the recovery code (never silently).
        self.recovery_button = push_button(self.tr("Use the &recovery code…"))
        self.recovery_button.setAutoDefault(False)
        self.recovery_button.clicked.connect(self.recovery_requested)
        row.addWidget(self.recovery_button)
        row.addStretch(1)
        self.retry_button = push_button(self.tr("&Try again"))
        self.retry_button.setDefault(True)
        row.addWidget(self.retry_button)
        layout.addLayout(row)
        layout.addStretch(2)
        self.retry_button.clicked.connect(self.retry_requested)
        self.recovery_button.setVisible(False)

    def initial_focus(self) -> QtWidgets.QWidget:
        return self.retry_button
