"""First-run set-up: create the store (role, site, unit, first admin, passphrase), then show the
recovery code once and make sure it was written down before going on.
"""

from __future__ import annotations

import re
from pathlib import Path

from svdesk.access.session import Session
from svdesk.access.workstation import Workstation
from svdesk.errors import InvalidInput, SecretStoreUnavailable
from svdesk.keys.keyring import DeviceSecrets
from ui.qt import QtCore, QtGui, QtWidgets, Signal
from ui.runtime.errors import show_error
from ui.runtime.ops import BackgroundOp
from ui.widgets.forms import (
    FormMessage,
    PassphrasePair,
    add_row,
    explanation,
    named,
    page_title,
    push_button,
)
from ui.widgets.secret_copy import SecretCopy


class SetupForm(QtWidgets.QWidget):
    """Step 1: what the store is and who its first admin is."""

    created = Signal(object, str)  # Session, recovery code

    def __init__(
        self,
        home: Path,
        secrets: DeviceSecrets | None,
        keyring_problem: SecretStoreUnavailable | None,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._home = home
        self._secrets = secrets
        self._op: BackgroundOp | None = None

        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(page_title(self.tr("Set up svdesk on this computer")))
        layout.addWidget(
            explanation(
                self.tr(
                    "This creates an encrypted store for your unit. You become its first "
                    "admin and can add the other supporters afterwards."
                )
            )
        )

        form = QtWidgets.QFormLayout()
        form.setFieldGrowthPolicy(QtWidgets.QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        role_box = QtWidgets.QGroupBox(self.tr("This computer is"))
        role_box.setAccessibleName(self.tr("This computer is"))
        role_layout = QtWidgets.QVBoxLayout(role_box)
        self.role_unit = named(
            QtWidgets.QRadioButton(self.tr("a &unit workstation (peer supporters)")),
            self.tr("Unit workstation"),
        )
        self.role_coordinator = named(
            QtWidgets.QRadioButton(self.tr("the program coo&rdinator's desktop")),
            self.tr("Coordinator desktop"),
        )
        self.role_unit.setChecked(True)
        self._roles = QtWidgets.QButtonGroup(self)
        self._roles.addButton(self.role_unit)
        self._roles.addButton(self.role_coordinator)
        role_layout.addWidget(self.role_unit)
        role_layout.addWidget(self.role_coordinator)
        form.addRow(role_box)

        self.site = QtWidgets.QLineEdit()
        self.site.setPlaceholderText(self.tr("e.g. NORTH"))
        add_row(form, self.tr("&Site code:"), self.site)
        self.unit = QtWidgets.QLineEdit()
        self.unit.setPlaceholderText(self.tr("e.g. ICU2"))
        self.unit_label = add_row(form, self.tr("U&nit code:"), self.unit)
        self.admin_name = QtWidgets.QLineEdit()
        self.admin_name.setPlaceholderText(self.tr("how colleagues know you, e.g. Sam R."))
        add_row(form, self.tr("Your na&me:"), self.admin_name)
        self.passphrase = PassphrasePair(
            form, self.tr("&Passphrase:"), self.tr("Passphrase a&gain:"), self
        )
        layout.addLayout(form)

        # No usable keyring: never fall back silently; an admin chooses passphrase-only mode.
        self.keyring_box = QtWidgets.QGroupBox(self.tr("No secret store on this computer"))
        self.keyring_box.setObjectName("keyringProblem")
        self.keyring_box.setAccessibleName(self.tr("No secret store on this computer"))
        box_layout = QtWidgets.QVBoxLayout(self.keyring_box)
        self.keyring_reason = explanation("")
        box_layout.addWidget(self.keyring_reason)
        box_layout.addWidget(
            explanation(
                self.tr(
                    "svdesk normally locks the store with a supporter's passphrase AND a "
                    "secret kept by this computer's account, so a copied file is useless. "
                    "Without that secret, anyone with a copy of the file only has to guess "
                    "a passphrase. Fix the secret store and start svdesk again, or continue "
                    "with passphrases alone: every screen then shows a banner saying so."
                )
            )
        )
        self.passphrase_only = named(
            QtWidgets.QCheckBox(self.tr("Protect this store with passphrases &only")),
            self.tr("Protect this store with passphrases only"),
        )
        box_layout.addWidget(self.passphrase_only)
        self.keyring_box.hide()
        layout.addWidget(self.keyring_box)
        if keyring_problem is not None:
            self._show_keyring_problem(keyring_problem)

        self.message = FormMessage()
        layout.addWidget(self.message)
        self.status = QtWidgets.QLabel()
        self.status.setAccessibleName(self.tr("Progress"))
        layout.addWidget(self.status)

        buttons = QtWidgets.QHBoxLayout()
        buttons.addStretch(1)
        self.create_button = push_button(self.tr("&Create store"), object_name="createStore")
        self.create_button.setDefault(True)
        buttons.addWidget(self.create_button)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self.role_coordinator.toggled.connect(self._role_changed)
        self.create_button.clicked.connect(self.submit)
        for field in (self.site, self.unit, self.admin_name):
            field.returnPressed.connect(self.submit)
        self.passphrase.submitted.connect(self.submit)
        self.site.setFocus()

    def _role_changed(self, coordinator: bool) -> None:
        self.unit.setEnabled(not coordinator)
        self.unit_label.setEnabled(not coordinator)

    def _show_keyring_problem(self, exc: SecretStoreUnavailable) -> None:
        self.keyring_reason.setText(exc.message)
        self.keyring_box.show()

    def _problem(self) -> str | None:
        if not self.site.text().strip():
            return self.tr("Type the site code.")
        if self.role_unit.isChecked() and not self.unit.text().strip():
            return self.tr("Type the unit code.")
        if not self.admin_name.text().strip():
            return self.tr("Type your name.")
        problem = self.passphrase.problem()
        if problem:
            return problem
        if self.keyring_box.isVisible() and not self.passphrase_only.isChecked():
            return self.tr(
                "The secret store cannot be used: fix it and start svdesk again, or tick "
                "“Protect this store with passphrases only”."
            )
        return None

    def submit(self) -> None:
        if self._op is not None and not self._op.done:
            return
        problem = self._problem()
        if problem:
            self.message.show_message(problem)
            return
        self.message.clear_message()
        home = self._home
        role = "coordinator" if self.role_coordinator.isChecked() else "unit"
        site = self.site.text().strip()
        unit = self.unit.text().strip() if role == "unit" else None
        name = self.admin_name.text().strip()
        passphrase = self.passphrase.value() or ""
        secrets = self._secrets
        passphrase_only = self.keyring_box.isVisible() and self.passphrase_only.isChecked()
        self._set_busy(True)

        def create() -> tuple[Session, str]:
            return Workstation.create(
                home,
                role=role,
                site=site,
                unit=unit,
                admin_name=name,
                passphrase=passphrase,
                secrets=secrets,
                passphrase_only=passphrase_only,
            )

        self._op = BackgroundOp(
            self, op=create, success=self._created, failure=self._failed, cancellable=False
        ).run()

    def _set_busy(self, busy: bool) -> None:
        for widget in (
            self.role_unit,
            self.role_coordinator,
            self.site,
            self.admin_name,
            self.passphrase_only,
            self.create_button,
        ):
            widget.setEnabled(not busy)
        self.unit.setEnabled(not busy and self.role_unit.isChecked())
        self.passphrase.set_enabled(not busy)
        self.status.setText(self.tr("Creating the encrypted store…") if busy else "")

    def _created(self, result: tuple[Session, str]) -> None:
        session, code = result
        self.passphrase.clear()
        self.created.emit(session, code)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, SecretStoreUnavailable):
            self._show_keyring_problem(exc)
            self.message.show_message(
                self.tr(
                    "The store was not created. Fix the secret store and start svdesk again, "
                    "or tick “Protect this store with passphrases only”."
                )
            )
            self.passphrase_only.setFocus()
        elif isinstance(exc, InvalidInput):
            self.message.show_message(exc.message)
        else:
            show_error(self, exc)


_READING = str.maketrans({"I": "1", "L": "1", "O": "0"})


def last_group(code: str) -> str:
    """The last group of a recovery code, read the way the core reads codes (O→0, I/L→1)."""
    groups = [g for g in re.split(r"[\s\-]+", code.strip().upper()) if g]
    return groups[-1].translate(_READING) if groups else ""


class RecoveryCodeStep(QtWidgets.QWidget):
    """Step 2: the recovery code, shown once; continue only after it was noted."""

    confirmed = Signal()

    def __init__(self, code: str, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._code = code
        self._secret = SecretCopy(code)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(page_title(self.tr("Write down the recovery code")))
        layout.addWidget(
            explanation(
                self.tr(
                    "If a supporter forgets their passphrase, this code lets them choose a new "
                    "one. It is shown only now. Write it on paper and keep it where your unit "
                    "keeps emergency keys — not on this computer."
                )
            )
        )
        self.code_label = QtWidgets.QLabel(code)
        self.code_label.setObjectName("recoveryCode")
        self.code_label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setAccessibleName(self.tr("Recovery code"))
        self.code_label.setAccessibleDescription(code)
        self.code_label.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.code_label)

        row = QtWidgets.QHBoxLayout()
        self.copy_button = push_button(self.tr("C&opy to clipboard"))
        row.addWidget(self.copy_button)
        row.addStretch(1)
        layout.addLayout(row)

        form = QtWidgets.QFormLayout()
        self.confirm_field = QtWidgets.QLineEdit()
        self.confirm_field.setPlaceholderText(self.tr("the last group of the code"))
        add_row(form, self.tr("Type the &last group to confirm:"), self.confirm_field)
        layout.addLayout(form)
        self.written_down = named(
            QtWidgets.QCheckBox(self.tr("I have &written it down")),
            self.tr("I have written it down"),
        )
        layout.addWidget(self.written_down)

        buttons = QtWidgets.QHBoxLayout()
        buttons.addStretch(1)
        self.continue_button = push_button(self.tr("Con&tinue"), object_name="recoveryContinue")
        self.continue_button.setDefault(True)
        self.continue_button.setEnabled(False)
        buttons.addWidget(self.continue_button)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self.copy_button.clicked.connect(self._copy)
        self.confirm_field.textChanged.connect(self._update)
        self.written_down.toggled.connect(self._update)
        self.confirm_field.returnPressed.connect(self._continue)
        self.continue_button.clicked.connect(self._continue)
        self.confirm_field.setFocus()

    def is_confirmed(self) -> bool:
        typed = last_group(self.confirm_field.text())
        return self.written_down.isChecked() or (bool(typed) and typed == last_group(self._code))

    def _update(self) -> None:
        self.continue_button.setEnabled(self.is_confirmed())

    def _copy(self) -> None:
        self._secret.copy()
        self.copy_button.setText(self.tr("Copied (cleared when you continue)"))

    def _continue(self) -> None:
        if not self.is_confirmed():
            return
        self.forget_clipboard()
        self.confirmed.emit()

    def hideEvent(self, event: QtGui.QHideEvent) -> None:
        # Locking, closing the window or a dialog: the code leaves the clipboard with the screen.
        self.forget_clipboard()
        super().hideEvent(event)

    def forget_clipboard(self) -> None:
        self._secret.forget()


class FirstRunPage(QtWidgets.QWidget):
    """Both steps; emits `completed(session)` once the recovery code was confirmed."""

    created = Signal(object)  # Session: the store exists, the recovery code is on screen
    completed = Signal(object)  # Session

    def __init__(
        self,
        home: Path,
        secrets: DeviceSecrets | None,
        keyring_problem: SecretStoreUnavailable | None = None,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunPage")
        self._session: Session | None = None
        self._stack = QtWidgets.QStackedWidget(self)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)
        self.form = SetupForm(home, secrets, keyring_problem)
        self._stack.addWidget(self.form)
        self.recovery: RecoveryCodeStep | None = None
        self.form.created.connect(self._show_recovery)

    @property
    def session(self) -> Session | None:
        """The session opened by creating the store (the admin is signed in)."""
        return self._session

    def initial_focus(self) -> QtWidgets.QWidget:
        return self.recovery.confirm_field if self.recovery is not None else self.form.site

    def _show_recovery(self, session: Session, code: str) -> None:
        self._session = session
        self.created.emit(session)
        self.recovery = RecoveryCodeStep(code)
        self._stack.addWidget(self.recovery)
        self._stack.setCurrentWidget(self.recovery)
        # The form holds passphrase widgets: destroy it rather than keep it hidden.
        self._stack.removeWidget(self.form)
        self.form.setParent(None)
        self.form.deleteLater()
        self.recovery.confirmed.connect(self._confirmed)
        self.recovery.confirm_field.setFocus()

    def _confirmed(self) -> None:
        assert self._session is not None
        self.completed.emit(self._session)

    def forget_clipboard(self) -> None:
        if self.recovery is not None:
            self.recovery.forget_clipboard()
