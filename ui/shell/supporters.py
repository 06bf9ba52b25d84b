"""Supporter management (admins): list, enrol, remove with key rotation, reset a passphrase and
make a new recovery code (the passphrase dialogs are in ui.shell.passphrase_dialogs).
"""

from __future__ import annotations

from svdesk.access.session import Session
from svdesk.access.store_info import SupporterInfo
from svdesk.errors import InvalidInput, Refused
from ui.qt import QtCore, QtWidgets, Signal
from ui.runtime.errors import show_error
from ui.runtime.ops import BackgroundOp
from ui.shell.passphrase_dialogs import (
    NewRecoveryCodeDialog,
    ResetPassphraseDialog,
    WorkingDialog,
    ok_cancel,
)
from ui.widgets.answers import when_answered
from ui.widgets.forms import (
    FormMessage,
    PassphrasePair,
    add_row,
    explanation,
    named,
)


class EnrolDialog(WorkingDialog):
    """Add a supporter: name, passphrase twice, admin or not."""

    enrolled = Signal(object)  # whatever Session.enrol returns (a SupporterInfo)

    def __init__(self, session: Session, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("enrolDialog")
        self.setWindowTitle(self.tr("Add a supporter"))
        self._session = session
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(
            explanation(
                self.tr(
                    "Let the new supporter type their own passphrase here: only they should "
                    "know it."
                )
            )
        )
        form = QtWidgets.QFormLayout()
        self.name = QtWidgets.QLineEdit()
        add_row(form, self.tr("&Name:"), self.name)
        self.passphrase = PassphrasePair(
            form, self.tr("&Passphrase:"), self.tr("Passphrase a&gain:"), self
        )
        self.is_admin = named(
            QtWidgets.QCheckBox(self.tr("&Admin (can add and remove supporters, change settings)")),
            self.tr("Admin"),
        )
        form.addRow("", self.is_admin)
        layout.addLayout(form)
        layout.addWidget(self.message)
        self.buttons = ok_cancel(self, self.tr("&Add supporter"), self.tr("Add supporter"))
        self.buttons.accepted.connect(self.submit)
        layout.addWidget(self.buttons)
        self.name.setFocus()

    def submit(self) -> None:
        if self.busy():
            return
        name = self.name.text().strip()
        if not name:
            self.message.show_message(self.tr("Type the supporter's name."))
            return
        problem = self.passphrase.problem()
        if problem:
            self.message.show_message(problem)
            return
        passphrase = self.passphrase.value() or ""
        is_admin = self.is_admin.isChecked()
        session = self._session
        self._run(
            lambda: session.enrol(name, passphrase, is_admin=is_admin),
            self.tr("Adding {name}…").format(name=name),
        )

    def _succeeded(self, result: object) -> None:
        self.passphrase.clear()
        self.enrolled.emit(result)
        super()._succeeded(result)


class SupportersDialog(QtWidgets.QDialog):
    """The list of supporters; Add…, Reset passphrase…, Remove…, New recovery code…, Close."""

    def __init__(self, session: Session, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supportersDialog")
        self.setWindowTitle(self.tr("Supporters"))
        self._session = session
        self._op: BackgroundOp | None = None
        self.enrol_dialog: EnrolDialog | None = None
        self.confirm_box: QtWidgets.QMessageBox | None = None
        layout = QtWidgets.QVBoxLayout(self)
        self.list = QtWidgets.QListWidget()
        self.list.setAccessibleName(self.tr("Supporters"))
        layout.addWidget(self.list)
        self.message = FormMessage()
        layout.addWidget(self.message)
        row = QtWidgets.QHBoxLayout()
        self.add_button = QtWidgets.QPushButton(self.tr("&Add…"))
        self.add_button.setAccessibleName(self.tr("Add supporter"))
        self.remove_button = QtWidgets.QPushButton(self.tr("&Remove…"))
        self.remove_button.setAccessibleName(self.tr("Remove supporter"))
        self.reset_button = QtWidgets.QPushButton(self.tr("Reset &passphrase…"))
        self.reset_button.setAccessibleName(self.tr("Reset the passphrase of this supporter"))
        self.recovery_button = QtWidgets.QPushButton(self.tr("New reco&very code…"))
        self.recovery_button.setAccessibleName(self.tr("Make a new recovery code"))
        self.close_button = QtWidgets.QPushButton(self.tr("&Close"))
        self.close_button.setAccessibleName(self.tr("Close"))
        buttons = (
            self.add_button,
            self.reset_button,
            self.remove_button,
            self.recovery_button,
            self.close_button,
        )
        for button in buttons:
            button.setAutoDefault(False)
        self.close_button.setDefault(True)
        row.addWidget(self.add_button)
        row.addWidget(self.reset_button)
        row.addWidget(self.remove_button)
        row.addWidget(self.recovery_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.open_enrol)
        self.remove_button.clicked.connect(self.confirm_remove)
        self.reset_button.clicked.connect(self.open_reset)
        self.recovery_button.clicked.connect(self.open_new_recovery_code)
        self.close_button.clicked.connect(self.accept)
        self.list.currentItemChanged.connect(self._update_buttons)
        self.resize(640, 380)
        self.reload()
        self.list.setFocus()

    def supporters(self) -> list[SupporterInfo]:
        return self._session.workstation.supporters()

    def reload(self) -> None:
        self.list.clear()
        me = self._session.supporter.id
        ws = self._session.workstation
        for info in sorted(self.supporters(), key=lambda s: s.name.casefold()):
            text = info.name
            marks = []
            if info.is_admin:
                marks.append(self.tr("admin"))
            if info.id == me:
                marks.append(self.tr("you"))
            if ws.needs_reset(info.id):
                marks.append(self.tr("needs a new passphrase"))
            if marks:
                text += f" ({', '.join(marks)})"
            item = QtWidgets.QListWidgetItem(text)
            item.setData(QtCore.Qt.ItemDataRole.UserRole, info.id)
            item.setData(QtCore.Qt.ItemDataRole.UserRole + 1, info.name)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def selected(self) -> tuple[str, str] | None:
        item = self.list.currentItem()
        if item is None:
            return None
        return (
            str(item.data(QtCore.Qt.ItemDataRole.UserRole)),
            str(item.data(QtCore.Qt.ItemDataRole.UserRole + 1)),
        )

    def _update_buttons(self) -> None:
        chosen = self.selected()
        busy = self._op is not None and not self._op.done
        # Nobody removes themselves here: the store must keep an admin who can sign in.
        other = chosen is not None and chosen[0] != self._session.supporter.id
        self.remove_button.setEnabled(not busy and other)
        # One's own passphrase is changed from the home screen (it needs the current one).
        self.reset_button.setEnabled(not busy and other)
        self.add_button.setEnabled(not busy)
        self.recovery_button.setEnabled(not busy)

    def open_enrol(self) -> EnrolDialog:
        dialog = EnrolDialog(self._session, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.enrolled.connect(self._enrolled)
        dialog.finished.connect(self._enrol_closed)
        self.enrol_dialog = dialog
        dialog.open()
        return dialog

    def _enrol_closed(self) -> None:
        self.enrol_dialog = None  # deleted on close
        self.list.setFocus()

    def _enrolled(self, info: object) -> None:
        self.reload()
        name = getattr(info, "name", "")
        self.message.show_success(self.tr("{name} was added.").format(name=name) if name else "")

    def open_reset(self) -> ResetPassphraseDialog | None:
        chosen = self.selected()
        if chosen is None or not self.reset_button.isEnabled():
            return None
        supporter_id, name = chosen
        dialog = ResetPassphraseDialog(self._session, supporter_id, name, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._after_reset(name))
        dialog.open()
        return dialog

    def _after_reset(self, name: str) -> None:
        self.reload()
        self.message.show_success(self.tr("{name} has a new passphrase.").format(name=name))

    def open_new_recovery_code(self) -> NewRecoveryCodeDialog:
        dialog = NewRecoveryCodeDialog(self._session, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def confirm_remove(self) -> QtWidgets.QMessageBox | None:
        chosen = self.selected()
        if chosen is None or not self.remove_button.isEnabled():
            return None
        supporter_id, name = chosen
        box = QtWidgets.QMessageBox(self)
        box.setObjectName("confirmRemove")
        box.setIcon(QtWidgets.QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Remove supporter"))
        box.setText(self.tr("Remove {name}?").format(name=name))
        box.setInformativeText(
            self.tr(
                "Their passphrase will no longer open this store. svdesk changes the store's "
                "key (key rotation) so that an old copy of their key slot cannot open it "
                "either. The records they made stay."
            )
        )
        remove = box.addButton(self.tr("Remove"), QtWidgets.QMessageBox.ButtonRole.DestructiveRole)
        remove.setAccessibleName(self.tr("Remove"))
        remove.setObjectName("removeSupporter")
        cancel = box.addButton(QtWidgets.QMessageBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(button: str) -> None:
            if button == "removeSupporter":
                self._remove(supporter_id, name)

        when_answered(box, finished)
        self.confirm_box = box
        box.open()
        return box

    def _remove(self, supporter_id: str, name: str) -> None:
        session = self._session
        self.message.show_message(
            self.tr("Removing {name} and changing the key…").format(name=name)
        )
        self._op = BackgroundOp(
            self,
            op=lambda: session.remove_supporter(supporter_id),
            success=lambda _result: self._removed(name),
            failure=self._remove_failed,
            cancellable=False,
        ).run()
        self._update_buttons()

    def _removed(self, name: str) -> None:
        self.reload()
        self.message.show_success(self.tr("{name} was removed.").format(name=name))

    def _remove_failed(self, exc: BaseException) -> None:
        self._update_buttons()
        if isinstance(exc, Refused | InvalidInput):
            self.message.show_message(exc.message)
        else:
            self.message.clear_message()
            show_error(self, exc)
