"""The recovery-code dialogs: a forgotten passphrase (from the unlock screen) and a keyring that
lost this store's device secret (from the problem page). Loaded when first opened.
"""

from __future__ import annotations

from pathlib import Path

from svdesk.access.recovery import recover_device_secret
from svdesk.access.store_info import SupporterInfo
from svdesk.access.workstation import Workstation
from svdesk.errors import InvalidInput, Refused
from svdesk.keys.keyring import DeviceSecrets
from ui.qt import QtCore, QtWidgets, Signal
from ui.runtime.errors import show_error
from ui.runtime.ops import BackgroundOp
from ui.widgets.forms import (
    FormMessage,
    PassphrasePair,
    add_row,
    explanation,
    fill_supporters,
)


class RecoveryDialog(QtWidgets.QDialog):
    """Recovery code + supporter + new passphrase → `Workstation.unlock_with_recovery`."""

    recovered = Signal(object)  # Session, or None when the core only reset the passphrase

    def __init__(
        self,
        workstation: Workstation | None,
        parent: QtWidgets.QWidget | None = None,
        *,
        supporters: list[SupporterInfo] | None = None,
        intro: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.setWindowTitle(self.tr("Forgot passphrase"))
        self._ws = workstation
        self._op: BackgroundOp | None = None
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(
            explanation(
                intro
                or self.tr(
                    "Type the recovery code your unit keeps on paper, choose whose passphrase "
                    "to reset, and choose a new passphrase."
                )
            )
        )
        form = QtWidgets.QFormLayout()
        self.code = QtWidgets.QLineEdit()
        self.code.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX")
        add_row(form, self.tr("Recovery &code:"), self.code)
        self.supporter = QtWidgets.QComboBox()
        add_row(form, self.tr("&Supporter:"), self.supporter)
        self.passphrase = PassphrasePair(
            form, self.tr("&New passphrase:"), self.tr("New passphrase a&gain:"), self
        )
        layout.addLayout(form)
        self.message = FormMessage()
        layout.addWidget(self.message)
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Reset passphrase"))
        ok.setAccessibleName(self.tr("Reset passphrase"))
        ok.setDefault(True)
        cancel = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        if supporters is None:
            assert workstation is not None
            supporters = workstation.supporters()
        fill_supporters(self.supporter, supporters)
        self.code.setFocus()

    def recover(self, code: str, supporter_id: str, new_passphrase: str) -> object:
        """The core call (on the worker thread)."""
        assert self._ws is not None
        return self._ws.unlock_with_recovery(code, supporter_id, new_passphrase)

    def submit(self) -> None:
        if self._op is not None and not self._op.done:
            return
        code = self.code.text().strip()
        if not code:
            self.message.show_message(self.tr("Type the recovery code."))
            return
        problem = self.passphrase.problem()
        if problem:
            self.message.show_message(problem)
            return
        supporter_id = str(self.supporter.currentData())
        new = self.passphrase.value() or ""
        self.buttons.setEnabled(False)
        self.message.show_progress(self.tr("Checking the recovery code…"))
        self._op = BackgroundOp(
            self,
            op=lambda: self.recover(code, supporter_id, new),
            success=self._done,
            failure=self._failed,
            cancellable=False,
        ).run()

    def _done(self, result: object) -> None:
        self.passphrase.clear()
        self.code.clear()
        self.accept()
        self.recovered.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, Refused | InvalidInput):
            self.message.show_message(exc.message)
        else:
            self.message.clear_message()
            show_error(self, exc)


class KeyringRecoveryDialog(RecoveryDialog):
    """The keyring lost this store's device secret (OS account or keyring reset): the recovery
    code proves the right to store a new one (`recover_device_secret`)."""

    def __init__(
        self,
        home: Path,
        secrets: DeviceSecrets,
        supporters: list[SupporterInfo],
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(
            None,
            parent,
            supporters=supporters,
            intro=QtCore.QCoreApplication.translate(
                "KeyringRecoveryDialog",
                "This computer's keyring no longer holds the secret that opens this store. "
                "With the recovery code svdesk stores a new secret and sets a new passphrase "
                "for you; an admin then sets new passphrases for the other supporters.",
            ),
        )
        self.setObjectName("keyringRecoveryDialog")
        self.setWindowTitle(self.tr("Recover with the recovery code"))
        self._home = home
        self._secrets = secrets

    def recover(self, code: str, supporter_id: str, new_passphrase: str) -> object:
        return recover_device_secret(self._home, self._secrets, code, supporter_id, new_passphrase)
