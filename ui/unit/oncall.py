"""The on-call roster (issue 15, item 2): the admin's editor (each supporter's weekly on-call
shifts, the number they chose to share, and the exceptions: time off and extra shifts) and the
"who is on call now / next" line the home screen and the crisis screen show.

The weekly shifts are saved with Save; an exception is saved (or removed) at once, each checked
by the core (`svdesk.unit.oncall`), whose message is shown in place when it is refused."""

from __future__ import annotations

from datetime import datetime
from functools import cache

from svdesk.errors import SvdeskError
from svdesk.unit.context import UnitContext
from svdesk.unit.oncall import (
    OFF,
    ON,
    OnCallNow,
    OnCallPerson,
    RosterException,
    Shift,
    add_exception,
    describe_span,
    exception_span,
    exceptions,
    on_call_now,
    remove_exception,
    roster_rows,
    set_on_call,
)
from ui.qt import QtCore, QtGui, QtWidgets, Signal
from ui.runtime.errors import describe
from ui.widgets.forms import FormMessage, add_row, editor_buttons, explanation, named, push_button


def _tr(text: str) -> str:
    return QtCore.QCoreApplication.translate("OnCall", text)


def _when(moment: datetime, at: datetime) -> str:
    clock = moment.strftime("%H:%M")
    days = (moment.date() - at.date()).days
    if days == 0:
        return clock
    if days == 1:
        return _tr("tomorrow {time}").format(time=clock)
    if days < 7:
        return f"{moment.strftime('%a')} {clock}"
    # Leave or a long gap: a weekday alone would read as this week.
    return f"{moment.strftime('%a %Y-%m-%d')} {clock}"


def _reach(person: OnCallPerson) -> str:
    return f"{person.name} ({person.phone})" if person.phone else person.name


def on_call_text(state: OnCallNow) -> str:
    """One or two sentences: who is on call now (until when) and who is next (from when)."""
    if state.now:
        people = "; ".join(
            _reach(p)
            + (
                " " + _tr("until {time}").format(time=_when(p.until, state.at))
                if p.until is not None
                else ""
            )
            for p in state.now
        )
        text = _tr("On call now: {people}.").format(people=people)
    else:
        text = _tr("Nobody is on call now.")
    if state.next is not None and state.next.starts is not None:
        text += " " + _tr("Next: {person} from {time}.").format(
            person=_reach(state.next), time=_when(state.next.starts, state.at)
        )
    return text


class RosterChanges(QtCore.QObject):
    """Says that the roster was changed in this program, so that every on-call line on screen
    reads it again (the home screen stays open under the roster editor)."""

    changed = Signal()


@cache
def roster_changes() -> RosterChanges:
    return RosterChanges()


class OnCallLabel(QtWidgets.QLabel):
    """The on-call line; hidden while the unit has no roster. It reads the roster again when
    the roster editor changes it."""

    def __init__(self, ctx: UnitContext | None, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onCallNow")
        self.setWordWrap(True)
        self.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.TabFocus)
        self.setAccessibleName(_tr("Who is on call"))
        self.ctx = ctx
        roster_changes().changed.connect(self._roster_changed)
        self.refresh()

    def _roster_changed(self) -> None:
        if self.window().isVisible():  # not a screen left behind by an earlier sign-in
            self.refresh()

    def refresh(self) -> None:
        state = None
        if self.ctx is not None:
            try:
                state = on_call_now(self.ctx)
            except SvdeskError:
                state = None
        if state is None or (not state.now and state.next is None):
            self.clear()
            self.setVisible(False)
            return
        text = on_call_text(state)
        self.setText(text)
        self.setAccessibleDescription(text)
        self.setVisible(True)


def exception_text(exception: RosterException) -> str:
    """An exception as the roster lists it: "Blake — off: Mon 2026-12-14 – Fri 2026-12-18"."""
    kind = _tr("off") if exception.kind == OFF else _tr("extra shift")
    return _tr("{name} — {kind}: {span}").format(
        name=exception.name, kind=kind, span=describe_span(exception.starts, exception.ends)
    )


class ExceptionDialog(QtWidgets.QDialog):
    """One new exception: who, off or an extra shift, the days and (optionally) the times."""

    def __init__(
        self, ctx: UnitContext, rows: list[Shift], parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("onCallExceptionDialog")
        self.setWindowTitle(self.tr("Add an exception to the roster"))
        self.ctx = ctx
        self.added: RosterException | None = None
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(
            explanation(
                self.tr(
                    "Off: the supporter's weekly shifts do not count then (leave, sick, a swap). "
                    "Extra shift: on call then, besides the weekly shifts. Days as YYYY-MM-DD; "
                    "leave the times empty for whole days, or give them as e.g. 20:00-08:00 (a "
                    "night runs into the next morning). To hand a shift over, add the Off of "
                    "the one supporter first, then the extra shift of the other."
                )
            )
        )
        form = QtWidgets.QFormLayout()
        self.supporter = QtWidgets.QComboBox()
        self.supporter.setObjectName("exceptionSupporter")
        for row in rows:
            self.supporter.addItem(row.name, row.supporter_id)
        add_row(form, self.tr("&Supporter:"), self.supporter)
        self.kind = QtWidgets.QComboBox()
        self.kind.setObjectName("exceptionKind")
        self.kind.addItem(self.tr("Off (leave, sick, a swap)"), OFF)
        self.kind.addItem(self.tr("Extra on-call shift"), ON)
        add_row(form, self.tr("&Kind:"), self.kind)
        self.first_day = QtWidgets.QLineEdit()
        self.first_day.setObjectName("exceptionFirstDay")
        self.first_day.setPlaceholderText(self.tr("YYYY-MM-DD"))
        add_row(form, self.tr("&First day:"), self.first_day)
        self.last_day = QtWidgets.QLineEdit()
        self.last_day.setObjectName("exceptionLastDay")
        self.last_day.setPlaceholderText(self.tr("empty: the first day only"))
        add_row(form, self.tr("&Last day:"), self.last_day)
        self.times = QtWidgets.QLineEdit()
        self.times.setObjectName("exceptionTimes")
        self.times.setPlaceholderText(self.tr("empty: whole days; or e.g. 20:00-08:00"))
        add_row(form, self.tr("&Times:"), self.times)
        layout.addLayout(form)
        self.message = FormMessage()
        layout.addWidget(self.message)
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        add = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        add.setText(self.tr("&Add"))
        add.setDefault(True)
        self.buttons.accepted.connect(self.add)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.supporter.setFocus()

    def add(self) -> None:
        self.message.clear_message()
        try:
            span = exception_span(self.first_day.text(), self.last_day.text(), self.times.text())
            self.added = add_exception(
                self.ctx, str(self.supporter.currentData()), str(self.kind.currentData()), span
            )
        except SvdeskError as exc:
            self.message.show_message(describe(exc)[1])
            return
        self.accept()


class OnCallDialog(QtWidgets.QDialog):
    """One row per supporter: name | on-call shifts | number they share; under it the exceptions
    not over yet. Admins edit."""

    def __init__(self, ctx: UnitContext, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onCallDialog")
        self.setWindowTitle(self.tr("On-call roster"))
        self.setMinimumWidth(700)
        self.ctx = ctx
        self.can_edit = bool(ctx.is_admin)
        self.rows = roster_rows(ctx)
        self.hours_fields: dict[str, QtWidgets.QLineEdit] = {}
        self.phone_fields: dict[str, QtWidgets.QLineEdit] = {}
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(
            explanation(
                self.tr(
                    "Each supporter's weekly on-call time, e.g. “Mon-Fri 08:00-20:00” or “Fri "
                    "20:00-Mon 08:00”, and the number they chose to share for on-call contact. "
                    "Leave the shifts empty for someone who is not on call every week. Shifts "
                    "must not overlap."
                )
            )
        )
        grid = QtWidgets.QGridLayout()
        for column, text in enumerate(
            (self.tr("Supporter"), self.tr("On-call shifts"), self.tr("Number they share"))
        ):
            grid.addWidget(_bold(QtWidgets.QLabel(text)), 0, column)
        for row, shift in enumerate(self.rows, start=1):
            label = QtWidgets.QLabel(shift.name)
            hours = QtWidgets.QLineEdit(shift.hours)
            hours.setObjectName(f"onCallHours:{shift.supporter_id}")
            hours.setReadOnly(not self.can_edit)
            hours.setMinimumWidth(260)
            named(hours, self.tr("{name}: on-call shifts").format(name=shift.name))
            label.setBuddy(hours)
            phone = QtWidgets.QLineEdit(shift.phone or "")
            phone.setObjectName(f"onCallPhone:{shift.supporter_id}")
            phone.setReadOnly(not self.can_edit)
            named(phone, self.tr("{name}: number they share").format(name=shift.name))
            grid.addWidget(label, row, 0)
            grid.addWidget(hours, row, 1)
            grid.addWidget(phone, row, 2)
            self.hours_fields[shift.supporter_id] = hours
            self.phone_fields[shift.supporter_id] = phone
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        layout.addLayout(self._exceptions_part())
        self.message = FormMessage()
        layout.addWidget(self.message)
        self.buttons = editor_buttons(self, can_save=self.can_edit, on_save=self.save)
        layout.addWidget(self.buttons)
        self.refresh_exceptions()
        first = next(iter(self.hours_fields.values()), None)
        if first is not None:
            first.setFocus()

    def _exceptions_part(self) -> QtWidgets.QVBoxLayout:
        part = QtWidgets.QVBoxLayout()
        heading = _bold(QtWidgets.QLabel(self.tr("&Exceptions (saved at once)")))
        self.exception_list = QtWidgets.QListWidget()
        self.exception_list.setObjectName("onCallExceptions")
        self.exception_list.setAccessibleName(self.tr("Exceptions to the weekly shifts"))
        self.exception_list.setMaximumHeight(self.fontMetrics().lineSpacing() * 7)
        heading.setBuddy(self.exception_list)
        part.addWidget(heading)
        part.addWidget(self.exception_list)
        buttons = QtWidgets.QHBoxLayout()
        self.add_exception_button = push_button(
            self.tr("&Add exception…"), object_name="addOnCallException"
        )
        self.remove_exception_button = push_button(
            self.tr("&Remove exception"), object_name="removeOnCallException"
        )
        for button in (self.add_exception_button, self.remove_exception_button):
            button.setAutoDefault(False)
            button.setVisible(self.can_edit)
            buttons.addWidget(button)
        buttons.addStretch(1)
        part.addLayout(buttons)
        self.add_exception_button.clicked.connect(self.open_add_exception)
        self.remove_exception_button.clicked.connect(self.remove_selected_exception)
        if self.can_edit:
            delete = QtGui.QShortcut(
                QtGui.QKeySequence(QtGui.QKeySequence.StandardKey.Delete), self.exception_list
            )
            delete.setContext(QtCore.Qt.ShortcutContext.WidgetShortcut)
            delete.activated.connect(self.remove_selected_exception)
        return part

    def refresh_exceptions(self) -> None:
        self.exception_list.clear()
        try:
            found = exceptions(self.ctx)
        except SvdeskError as exc:
            self.message.show_message(describe(exc)[1])
            found = []
        for exception in found:
            item = QtWidgets.QListWidgetItem(exception_text(exception))
            item.setData(QtCore.Qt.ItemDataRole.UserRole, exception.id)
            self.exception_list.addItem(item)
        if not found:
            empty = QtWidgets.QListWidgetItem(self.tr("No exceptions: the weekly shifts count."))
            empty.setFlags(QtCore.Qt.ItemFlag.NoItemFlags)
            self.exception_list.addItem(empty)
        else:
            self.exception_list.setCurrentRow(0)
        self.remove_exception_button.setEnabled(bool(found))

    def open_add_exception(self) -> ExceptionDialog:
        dialog = ExceptionDialog(self.ctx, self.rows, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._added(dialog.added))
        dialog.finished.connect(self._back_from_exception)
        dialog.open()
        return dialog

    def _back_from_exception(self) -> None:
        # Keyboard work goes on here: not every platform gives the activation back by itself.
        self.activateWindow()
        target = self.exception_list if self.exception_list.count() else self.add_exception_button
        target.setFocus()

    def _added(self, added: RosterException | None) -> None:
        self.refresh_exceptions()
        roster_changes().changed.emit()
        if added is not None:
            self.message.show_success(
                self.tr("Added: {exception}.").format(exception=exception_text(added))
            )
            for row in range(self.exception_list.count()):
                if self.exception_list.item(row).data(QtCore.Qt.ItemDataRole.UserRole) == added.id:
                    self.exception_list.setCurrentRow(row)

    def remove_selected_exception(self) -> None:
        item = self.exception_list.currentItem()
        exception_id = item.data(QtCore.Qt.ItemDataRole.UserRole) if item is not None else None
        if not self.can_edit or not exception_id:
            return
        text = item.text()
        try:
            remove_exception(self.ctx, str(exception_id))
        except SvdeskError as exc:
            self.message.show_message(describe(exc)[1])
            return
        self.refresh_exceptions()
        roster_changes().changed.emit()
        self.message.show_success(self.tr("Removed: {exception}.").format(exception=text))
        self.exception_list.setFocus()

    def save(self) -> None:
        if not self.can_edit:
            return
        self.message.clear_message()
        roster = {
            sid: (self.hours_fields[sid].text(), self.phone_fields[sid].text() or None)
            for sid in self.hours_fields
        }
        try:
            self.rows = set_on_call(self.ctx, roster)
        except SvdeskError as exc:
            self.message.show_message(describe(exc)[1])
            return
        roster_changes().changed.emit()
        self.accept()


def _bold(label: QtWidgets.QLabel) -> QtWidgets.QLabel:
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label
