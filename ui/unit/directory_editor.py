"""The unit admin's editors for the resource directory (the unit's own numbers for EAP, crisis
line, …) and for the staff roster the identifier guard checks notes against.
"""

from __future__ import annotations

from dataclasses import dataclass

from svdesk.access.session import Session
from svdesk.errors import InvalidInput, SvdeskError
from svdesk.unit.context import UnitContext, context_for, write_transaction
from svdesk.unit.directory import (
    DETAIL_MAX,
    DirectoryEntry,
    directory,
    normalise_phone,
    roster,
    set_directory_entry,
    set_roster,
)
from ui.qt import QtCore, QtGui, QtWidgets, Signal
from ui.runtime.errors import describe, show_error
from ui.runtime.language import content_language
from ui.runtime.ops import BackgroundOp
from ui.unit.hours_editor import HoursDialog
from ui.widgets.forms import FormMessage, explanation, field_error, named


def _unit_context(session: Session | None, ctx: UnitContext | None) -> UnitContext:
    if ctx is not None:
        return ctx
    if session is None:
        raise TypeError("a session or a unit context is needed")
    return context_for(session)


def _phone_text(entry: DirectoryEntry) -> str:
    return entry.phone or ""


def _detail_text(entry: DirectoryEntry) -> str:
    return entry.detail or ""


@dataclass(frozen=True)
class _Change:
    code: str
    phone: str
    detail: str


class _EntryRefused(Exception):
    """The core refused one entry: which one, and its message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class _EditorDialog(QtWidgets.QDialog):
    """Save runs one core call in the background; the dialog stays open with the typed text
    when the core refuses it."""

    def __init__(self, parent: QtWidgets.QWidget | None) -> None:
        super().__init__(parent)
        self._op: BackgroundOp | None = None
        self.message = FormMessage()

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        # Grow with the error lines instead of clipping them.
        layout = self.layout()
        if layout is not None:
            layout.setSizeConstraint(QtWidgets.QLayout.SizeConstraint.SetMinimumSize)
        super().showEvent(event)

    def busy(self) -> bool:
        return self._op is not None and not self._op.done

    def _buttons(self, can_save: bool) -> QtWidgets.QDialogButtonBox:
        if can_save:
            buttons = QtWidgets.QDialogButtonBox(
                QtWidgets.QDialogButtonBox.StandardButton.Save
                | QtWidgets.QDialogButtonBox.StandardButton.Cancel
            )
            save = buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Save)
            save.setText(self.tr("&Save"))
            save.setAccessibleName(self.tr("Save"))
            save.setDefault(True)
            buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
                self.tr("Cancel")
            )
            buttons.accepted.connect(self.save)
        else:
            buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
            close = buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Close)
            close.setAccessibleName(self.tr("Close"))
            close.setDefault(True)
        buttons.rejected.connect(self.reject)
        return buttons

    def save_button(self) -> QtWidgets.QPushButton | None:
        return self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Save)

    def save(self) -> None:
        raise NotImplementedError

    def _start(self, op: object, working_text: str) -> None:
        assert callable(op)
        self.buttons.setEnabled(False)
        self.message.show_message(working_text)
        self._op = BackgroundOp(
            self, op=op, success=self._succeeded, failure=self._failed, cancellable=False
        ).run()

    def _succeeded(self, result: object) -> None:
        raise NotImplementedError

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, SvdeskError):
            self.message.show_message(describe(exc)[1])  # the core's sentence, translated
        else:
            self.message.clear_message()
            show_error(self, exc)

    buttons: QtWidgets.QDialogButtonBox


class DirectoryDialog(_EditorDialog):
    """One row per directory entry: service | phone number | short detail, plus the core's
    message under a row it refused. Admins edit; everyone else reads."""

    #: the whole directory after a save
    directory_changed = Signal(object)

    def __init__(
        self,
        session: Session | None,
        parent: QtWidgets.QWidget | None = None,
        *,
        ctx: UnitContext | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("directoryDialog")
        self.setWindowTitle(self.tr("Resource directory"))
        self.setMinimumWidth(720)
        self._ctx = _unit_context(session, ctx)
        self.can_edit = bool(self._ctx.is_admin)
        self.entries = directory(self._ctx, content_language())
        self.phone_fields: dict[str, QtWidgets.QLineEdit] = {}
        self.detail_fields: dict[str, QtWidgets.QLineEdit] = {}
        self.error_labels: dict[str, QtWidgets.QLabel] = {}

        layout = QtWidgets.QVBoxLayout(self)
        unset = sum(1 for e in self.entries if not e.phone)
        if self.can_edit:
            intro = self.tr(
                "The numbers supporters see in support conversations and on the crisis screen. "
                "Type each number as it should be dialled from this unit; leave it empty if "
                "your unit has no such service."
            )
        else:
            intro = self.tr(
                "The numbers supporters see in support conversations and on the crisis screen. "
                "Only a unit admin can change them; ask your unit admin."
            )
        self.intro = explanation(intro)
        layout.addWidget(self.intro)
        self.unset_hint = explanation(
            self.tr(
                "%n of {total} number(s) are not set yet: supporters see “not set — ask your "
                "unit admin” instead. Fill them in.",
                "",
                unset,
            ).format(total=len(self.entries))
            if self.can_edit
            else self.tr("%n of {total} number(s) are not set yet.", "", unset).format(
                total=len(self.entries)
            )
        )
        self.unset_hint.setObjectName("directoryUnsetHint")
        self.unset_hint.setVisible(unset > 0)
        layout.addWidget(self.unset_hint)

        grid = QtWidgets.QGridLayout()
        grid.setHorizontalSpacing(12)
        for column, text in enumerate(
            (self.tr("Service"), self.tr("Phone number"), self.tr("Detail (optional)"))
        ):
            header = QtWidgets.QLabel(text)
            bold = header.font()
            bold.setBold(True)
            header.setFont(bold)
            grid.addWidget(header, 0, column)
        row = 1
        for entry in self.entries:
            label = QtWidgets.QLabel(entry.label)
            phone = QtWidgets.QLineEdit(_phone_text(entry))
            phone.setObjectName(f"directoryPhone:{entry.code}")
            phone.setPlaceholderText(self.tr("not set"))
            phone.setReadOnly(not self.can_edit)
            phone.setMinimumWidth(180)
            named(
                phone,
                self.tr("{service}: phone number").format(service=entry.label),
                entry.description,
            )
            label.setBuddy(phone)
            if entry.description:
                label.setToolTip(entry.description)
            detail = QtWidgets.QLineEdit(_detail_text(entry))
            detail.setObjectName(f"directoryDetail:{entry.code}")
            detail.setPlaceholderText(self.tr("e.g. on call, 24/7") if self.can_edit else "")
            detail.setMaxLength(DETAIL_MAX)
            detail.setReadOnly(not self.can_edit)
            detail.setMinimumWidth(260)
            named(detail, self.tr("{service}: detail").format(service=entry.label))
            error = field_error(f"directoryError:{entry.code}")
            grid.addWidget(label, row, 0)
            grid.addWidget(phone, row, 1)
            grid.addWidget(detail, row, 2)
            grid.addWidget(error, row + 1, 1, 1, 2)
            row += 2
            self.phone_fields[entry.code] = phone
            self.detail_fields[entry.code] = detail
            self.error_labels[entry.code] = error
        grid.setColumnStretch(2, 1)
        layout.addLayout(grid)
        # Opening hours and after-hours alternatives: their own dialog (ui/unit/hours_editor).
        self.hours_button = QtWidgets.QPushButton(self.tr("Opening &hours…"))
        self.hours_button.setObjectName("directoryHoursButton")
        self.hours_button.setAutoDefault(False)
        named(self.hours_button, self.tr("Opening hours of the services"))
        self.hours_button.clicked.connect(self.open_hours_editor)
        layout.addWidget(self.hours_button, 0, QtCore.Qt.AlignmentFlag.AlignLeft)

        layout.addWidget(self.message)
        self.buttons = self._buttons(self.can_edit)
        layout.addWidget(self.buttons)
        first = next(iter(self.phone_fields.values()), None)
        if first is not None:
            first.setFocus()

    def open_hours_editor(self) -> QtWidgets.QDialog:
        dialog = HoursDialog(self._ctx, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.hours_changed.connect(self._hours_changed)
        dialog.open()
        return dialog

    def _hours_changed(self, entries: object) -> None:
        assert isinstance(entries, list)
        saved = {e.code: e for e in entries}
        # Keep the typed numbers; only the hours changed in the store.
        self.entries = [saved.get(e.code, e) for e in self.entries]
        self.directory_changed.emit(entries)

    # -- reading the form ---------------------------------------------------------------------
    def changes(self) -> list[_Change]:
        """The rows whose number or detail differ from what is saved."""
        changed = []
        for entry in self.entries:
            phone = self.phone_fields[entry.code].text().strip()
            detail = " ".join(self.detail_fields[entry.code].text().split())
            if phone != _phone_text(entry) or detail != _detail_text(entry):
                changed.append(_Change(entry.code, phone, detail))
        return changed

    def show_entry_error(self, code: str, message: str) -> None:
        label = self.error_labels[code]
        label.setText(message)
        label.setVisible(bool(message))
        self.phone_fields[code].setAccessibleDescription(message)

    def _clear_errors(self) -> None:
        for code in self.error_labels:
            self.show_entry_error(code, "")

    # -- saving -------------------------------------------------------------------------------
    def save(self) -> None:
        if self.busy() or not self.can_edit:
            return
        self._clear_errors()
        self.message.clear_message()
        changes = self.changes()
        if not changes:
            self.accept()
            return
        # Check every number first (the core's own check, no store access) so that one wrong
        # number saves nothing and all the problems show at once.
        refused: list[str] = []
        for change in changes:
            try:
                normalise_phone(change.phone)
            except InvalidInput as exc:
                self.show_entry_error(change.code, describe(exc)[1])
                refused.append(change.code)
        if refused:
            self.message.show_message(
                self.tr("Nothing was saved: correct the marked numbers and save again.")
            )
            self.phone_fields[refused[0]].setFocus()
            return
        ctx = self._ctx

        def op() -> list[DirectoryEntry]:
            with write_transaction(ctx):  # all rows or none
                for change in changes:
                    try:
                        set_directory_entry(ctx, change.code, change.phone, change.detail or None)
                    except InvalidInput as exc:
                        raise _EntryRefused(change.code, exc.message) from exc
            return directory(ctx, content_language())

        self._start(op, self.tr("Saving…"))

    def _succeeded(self, result: object) -> None:
        assert isinstance(result, list)
        self.entries = result
        self.message.clear_message()
        self.directory_changed.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, _EntryRefused):
            self.buttons.setEnabled(True)
            self.show_entry_error(
                exc.code, QtCore.QCoreApplication.translate("ErrorDialog", exc.message)
            )
            self.message.show_message(
                self.tr("Nothing was saved: correct the marked entry and save again.")
            )
            self.phone_fields[exc.code].setFocus()
            return
        super()._failed(exc)


def roster_lines(text: str) -> list[str]:
    """The names typed in the roster editor, one per line, blank lines left out."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class RosterDialog(_EditorDialog):
    """The unit's staff names, one per line, for the identifier guard only (admins)."""

    #: the saved roster (trimmed, deduplicated, sorted)
    roster_changed = Signal(object)

    def __init__(
        self,
        session: Session | None,
        parent: QtWidgets.QWidget | None = None,
        *,
        ctx: UnitContext | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rosterDialog")
        self.setWindowTitle(self.tr("Unit roster"))
        self.setMinimumWidth(520)
        self._ctx = _unit_context(session, ctx)
        self.can_edit = bool(self._ctx.is_admin)
        layout = QtWidgets.QVBoxLayout(self)
        self.intro = explanation(
            self.tr(
                "Optional: the names of your unit's staff, one per line. Only the identifier "
                "guard reads this list: it warns when one of these names is typed into a "
                "note, so that colleagues are not named in the record. The list is kept in "
                "this workstation's encrypted store and never leaves it: it is not exported "
                "and not sent to the coordinator."
            )
        )
        layout.addWidget(self.intro)
        self.editor = QtWidgets.QPlainTextEdit()
        self.editor.setObjectName("rosterEditor")
        self.editor.setTabChangesFocus(True)  # Tab reaches Save; Return starts a new name
        self.editor.setPlaceholderText(self.tr("One name per line, e.g.\nSam Rivera\nJo Chen"))
        self.editor.setMinimumHeight(220)
        editor_label = QtWidgets.QLabel(self.tr("Staff &names (one per line):"))
        editor_label.setBuddy(self.editor)
        named(
            self.editor,
            self.tr("Staff names, one per line"),
            self.tr("Only the identifier guard reads these names."),
        )
        self.count = QtWidgets.QLabel()
        self.count.setObjectName("rosterCount")
        if self.can_edit:
            self.editor.setPlainText("\n".join(roster(self._ctx)) + "\n")
            layout.addWidget(editor_label)
            layout.addWidget(self.editor, 1)
            layout.addWidget(self.count)
            self.editor.textChanged.connect(self._update_count)
            self._update_count()
        else:
            # The names stay with the admins: a supporter never needs to read the list.
            self.editor.hide()
            editor_label.hide()
            refusal = explanation(
                self.tr("Only a unit admin can see or change the roster; ask your unit admin.")
            )
            refusal.setObjectName("rosterRefusal")
            layout.addWidget(refusal)
        layout.addWidget(self.message)
        self.buttons = self._buttons(self.can_edit)
        layout.addWidget(self.buttons)
        if self.can_edit:
            self.editor.setFocus()
            cursor = self.editor.textCursor()
            cursor.movePosition(cursor.MoveOperation.End)
            self.editor.setTextCursor(cursor)

    def names(self) -> list[str]:
        return roster_lines(self.editor.toPlainText())

    def _update_count(self) -> None:
        n = len({name.casefold() for name in self.names()})
        self.count.setText(self.tr("%n name(s)", "", n))

    def save(self) -> None:
        if self.busy() or not self.can_edit:
            return
        ctx, names = self._ctx, self.names()
        self._start(lambda: set_roster(ctx, names), self.tr("Saving…"))

    def _succeeded(self, result: object) -> None:
        assert isinstance(result, list)
        self.message.clear_message()
        self.roster_changed.emit(result)
        self.accept()
