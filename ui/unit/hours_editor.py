"""The unit admin's editor of the directory's opening hours: per entry, its weekly hours (typed,
e.g. "Mon-Fri 08:00-17:00" or "24/7") and the entry to call while it is closed.

Every row is checked by the core's parser before anything is saved; rows that do not parse are
marked with the parser's sentence and nothing is saved. Everyone can read the hours; only an
admin saves them.
"""

from __future__ import annotations

from svdesk.content.hours import parse_hours
from svdesk.errors import InvalidInput, SvdeskError
from svdesk.unit.context import UnitContext
from svdesk.unit.directory import DirectoryEntry, directory, set_directory_hours
from ui.qt import QtWidgets, Signal
from ui.runtime.errors import describe, show_error
from ui.runtime.language import content_language
from ui.widgets.forms import FormMessage, editor_buttons, explanation, field_error, named


class HoursDialog(QtWidgets.QDialog):
    """One row per entry: service | hours | after hours (another entry, or none)."""

    #: the whole directory after a save
    hours_changed = Signal(object)

    def __init__(self, ctx: UnitContext, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hoursDialog")
        self.setWindowTitle(self.tr("Opening hours"))
        self.setMinimumWidth(760)
        self._ctx = ctx
        self.can_edit = bool(ctx.is_admin)
        self.entries: list[DirectoryEntry] = directory(ctx, content_language())
        self.hours_fields: dict[str, QtWidgets.QLineEdit] = {}
        self.after_fields: dict[str, QtWidgets.QComboBox] = {}
        self.error_labels: dict[str, QtWidgets.QLabel] = {}
        self.message = FormMessage()

        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(
            explanation(
                self.tr(
                    "When each service can be reached, in this workstation's local time: e.g. "
                    "“Mon-Fri 08:00-17:00”, “Mon-Fri 08:00-17:00; Sat 09:00-12:00”, “Fri "
                    "22:00-Mon 06:00” or “24/7”. Leave it empty if you do not know. While a "
                    "service is closed, the crisis screen and the disposition point to the "
                    "service chosen under “After hours”."
                )
                if self.can_edit
                else self.tr(
                    "When each service can be reached. Only a unit admin can change the hours; "
                    "ask your unit admin."
                )
            )
        )
        grid = QtWidgets.QGridLayout()
        grid.setHorizontalSpacing(12)
        for column, text in enumerate(
            (self.tr("Service"), self.tr("Opening hours"), self.tr("After hours, call"))
        ):
            header = QtWidgets.QLabel(text)
            bold = header.font()
            bold.setBold(True)
            header.setFont(bold)
            grid.addWidget(header, 0, column)
        row = 1
        for entry in self.entries:
            label = QtWidgets.QLabel(entry.label)
            hours = QtWidgets.QLineEdit(entry.hours)
            hours.setObjectName(f"directoryHours:{entry.code}")
            hours.setPlaceholderText(self.tr("not set"))
            hours.setReadOnly(not self.can_edit)
            hours.setMinimumWidth(260)
            named(hours, self.tr("{service}: opening hours").format(service=entry.label))
            label.setBuddy(hours)
            after = QtWidgets.QComboBox()
            after.setObjectName(f"directoryAfterHours:{entry.code}")
            after.addItem(self.tr("(none)"), "")
            for other in self.entries:
                if other.code != entry.code:
                    after.addItem(other.label, other.code)
            after.setCurrentIndex(max(0, after.findData(entry.after_hours or "")))
            after.setEnabled(self.can_edit)
            named(after, self.tr("{service}: after hours, call").format(service=entry.label))
            error = field_error(f"hoursError:{entry.code}")
            grid.addWidget(label, row, 0)
            grid.addWidget(hours, row, 1)
            grid.addWidget(after, row, 2)
            grid.addWidget(error, row + 1, 1, 1, 2)
            row += 2
            self.hours_fields[entry.code] = hours
            self.after_fields[entry.code] = after
            self.error_labels[entry.code] = error
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        layout.addWidget(self.message)

        self.buttons = editor_buttons(self, can_save=self.can_edit, on_save=self.save)
        layout.addWidget(self.buttons)
        first = next(iter(self.hours_fields.values()), None)
        if first is not None:
            first.setFocus()

    def changes(self) -> dict[str, tuple[str, str | None]]:
        """The rows whose hours or after-hours entry differ from what is saved."""
        changed: dict[str, tuple[str, str | None]] = {}
        for entry in self.entries:
            hours = " ".join(self.hours_fields[entry.code].text().split())
            after = str(self.after_fields[entry.code].currentData() or "") or None
            if hours != entry.hours or after != entry.after_hours:
                changed[entry.code] = (hours, after)
        return changed

    def show_entry_error(self, code: str, message: str) -> None:
        label = self.error_labels[code]
        label.setText(message)
        label.setVisible(bool(message))
        self.hours_fields[code].setAccessibleDescription(message)

    def save(self) -> None:
        if not self.can_edit:
            return
        for code in self.error_labels:
            self.show_entry_error(code, "")
        self.message.clear_message()
        changes = self.changes()
        if not changes:
            self.accept()
            return
        # Every row first (the core's parser, no store access): all the problems at once.
        refused: list[str] = []
        for code, (hours, _after) in changes.items():
            try:
                parse_hours(hours)
            except InvalidInput as exc:
                self.show_entry_error(code, describe(exc)[1])
                refused.append(code)
        if refused:
            self.message.show_message(
                self.tr("Nothing was saved: correct the marked hours and save again.")
            )
            self.hours_fields[refused[0]].setFocus()
            return
        try:
            self.entries = set_directory_hours(self._ctx, changes)
        except SvdeskError as exc:
            self.message.show_message(describe(exc)[1])
            return
        except Exception as exc:  # a bug: the one error dialog
            show_error(self, exc)
            return
        self.hours_changed.emit(self.entries)
        self.accept()
