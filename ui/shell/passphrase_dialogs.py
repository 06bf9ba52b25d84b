"""Passphrase dialogs: change one's own, an admin's reset of another's, a new recovery code; and
the base of the dialogs that run one store operation in the background while they wait.
"""

from __future__ import annotations

from svdesk.access.session import Session
from svdesk.errors import InvalidInput, Refused
from ui.qt import QtGui, QtWidgets
from ui.runtime.errors import show_error
from ui.runtime.ops import BackgroundOp
from ui.shell.firstrun import RecoveryCodeStep
from ui.widgets.forms import (
    FormMessage,
    PassphrasePair,
    add_row,
    explanation,
    password_field,
)


def ok_cancel(dialog: QtWidgets.QDialog, ok_text: str, ok_name: str) -> QtWidgets.QDialogButtonBox:
    buttons = QtWidgets.QDialogButtonBox(
        QtWidgets.QDialogButtonBox.StandardButton.Ok
        | QtWidgets.QDialogButtonBox.StandardButton.Cancel
    )
    ok = buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setAccessibleName(ok_name)
    ok.setDefault(True)
    buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
        dialog.tr("Cancel")
    )
    buttons.rejected.connect(dialog.reject)
    return buttons


class WorkingDialog(QtWidgets.QDialog):
    """A dialog whose OK runs one core call in the background; in-place message on refusal."""

    def __init__(self, parent: QtWidgets.QWidget | None) -> None:
        super().__init__(parent)
        self._op: BackgroundOp | None = None
        self.message = FormMessage()
        self.setMinimumWidth(520)

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        # Grow with the strength hint and messages instead of clipping them.
        layout = self.layout()
        if layout is not None:
            layout.setSizeConstraint(QtWidgets.QLayout.SizeConstraint.SetMinimumSize)
        super().showEvent(event)

    def busy(self) -> bool:
        return self._op is not None and not self._op.done

    def _run(self, op: object, working_text: str) -> None:
        assert callable(op)
        self.buttons.setEnabled(False)
        self.message.show_message(working_text)
        self._op = BackgroundOp(
            self, op=op, success=self._succeeded, failure=self._failed, cancellable=False
        ).run()

    def _succeeded(self, result: object) -> None:
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, Refused | InvalidInput):
            self.message.show_message(exc.message)
        else:
            self.message.clear_message()
            show_error(self, exc)

    buttons: QtWidgets.QDialogButtonBox


class ChangePassphraseDialog(WorkingDialog):
    def __init__(self, session: Session, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changePassphraseDialog")
        self.setWindowTitle(self.tr("Change your passphrase"))
        self._session = session
        layout = QtWidgets.QVBoxLayout(self)
        form = QtWidgets.QFormLayout()
        self.current = password_field(self.tr("Current passphrase"))
        add_row(form, self.tr("&Current passphrase:"), self.current)
        self.passphrase = PassphrasePair(
            form, self.tr("&New passphrase:"), self.tr("New passphrase a&gain:"), self
        )
        layout.addLayout(form)
        layout.addWidget(self.message)
        self.buttons = ok_cancel(self, self.tr("C&hange passphrase"), self.tr("Change passphrase"))
        self.buttons.accepted.connect(self.submit)
        layout.addWidget(self.buttons)
        self.current.setFocus()

    def submit(self) -> None:
        if self.busy():
            return
        old = self.current.text()
        if not old:
            self.message.show_message(self.tr("Type your current passphrase."))
            return
        problem = self.passphrase.problem()
        if problem:
            self.message.show_message(problem)
            return
        new = self.passphrase.value() or ""
        session = self._session
        self._run(lambda: session.change_passphrase(old, new), self.tr("Changing…"))

    def _succeeded(self, result: object) -> None:
        self.current.clear()
        self.passphrase.clear()
        super()._succeeded(result)


class ResetPassphraseDialog(WorkingDialog):
    """(admin) A new passphrase for another supporter who forgot theirs, or whose passphrase
    must be set again after the keyring was renewed."""

    def __init__(
        self,
        session: Session,
        supporter_id: str,
        name: str,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("resetPassphraseDialog")
        self.setWindowTitle(self.tr("Reset a passphrase"))
        self._session = session
        self._supporter_id = supporter_id
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(
            explanation(
                self.tr(
                    "Let {name} type their new passphrase here. Their old passphrase stops working."
                ).format(name=name)
            )
        )
        form = QtWidgets.QFormLayout()
        self.passphrase = PassphrasePair(
            form, self.tr("&New passphrase:"), self.tr("New passphrase a&gain:"), self
        )
        layout.addLayout(form)
        layout.addWidget(self.message)
        self.buttons = ok_cancel(self, self.tr("&Reset passphrase"), self.tr("Reset passphrase"))
        self.buttons.accepted.connect(self.submit)
        layout.addWidget(self.buttons)
        self.passphrase.first.setFocus()

    def submit(self) -> None:
        if self.busy():
            return
        problem = self.passphrase.problem()
        if problem:
            self.message.show_message(problem)
            return
        new = self.passphrase.value() or ""
        session, supporter_id = self._session, self._supporter_id
        self._run(lambda: session.reset_passphrase(supporter_id, new), self.tr("Resetting…"))

    def _succeeded(self, result: object) -> None:
        self.passphrase.clear()
        super()._succeeded(result)


class NewRecoveryCodeDialog(QtWidgets.QDialog):
    """(admin) Replace the recovery code (the old one stops working); the new one is shown once
    and must be confirmed like at first run."""

    def __init__(self, session: Session, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newRecoveryCodeDialog")
        self.setWindowTitle(self.tr("New recovery code"))
        self._session = session
        self._op: BackgroundOp | None = None
        self.step: RecoveryCodeStep | None = None
        self._layout = QtWidgets.QVBoxLayout(self)
        self.intro = explanation(
            self.tr(
                "Make a new recovery code when the paper with the old one is lost or was seen "
                "by someone outside the unit. The old code stops working at once."
            )
        )
        self._layout.addWidget(self.intro)
        self.message = FormMessage()
        self._layout.addWidget(self.message)
        self.buttons = ok_cancel(self, self.tr("&Make a new code"), self.tr("Make a new code"))
        self.buttons.accepted.connect(self.submit)
        self._layout.addWidget(self.buttons)
        self.resize(620, 320)

    def submit(self) -> None:
        if self._op is not None and not self._op.done:
            return
        self.buttons.setEnabled(False)
        session = self._session
        self._op = BackgroundOp(
            self,
            op=session.replace_recovery_code,
            success=self._show_code,
            failure=self._failed,
            cancellable=False,
        ).run()

    def _show_code(self, code: str) -> None:
        for widget in (self.intro, self.message, self.buttons):
            widget.hide()
            widget.deleteLater()
        self.step = RecoveryCodeStep(code)
        self.step.confirmed.connect(self.accept)
        self._layout.addWidget(self.step)
        self.step.confirm_field.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, Refused | InvalidInput):
            self.message.show_message(exc.message)
        else:
            show_error(self, exc)

    def done(self, result: int) -> None:
        if self.step is not None:
            self.step.forget_clipboard()
        super().done(result)

    def hideEvent(self, event: QtGui.QHideEvent) -> None:
        # Locking hides the dialog. The step's own hideEvent is not enough: a widget added to a
        # shown layout is shown by a queued call, so a lock that comes first never hides it.
        if self.step is not None:
            self.step.forget_clipboard()
        super().hideEvent(event)
