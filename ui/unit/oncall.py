"""The on-call roster (issue 15, item 2, minimal): the admin's editor (each supporter's weekly
on-call shifts and the number they chose to share) and the "who is on call now / next" line the
home screen and the crisis screen show."""

from __future__ import annotations

from datetime import datetime

from svdesk.errors import SvdeskError
from svdesk.unit.context import UnitContext
from svdesk.unit.oncall import OnCallNow, OnCallPerson, on_call_now, roster_rows, set_on_call
from ui.qt import (
    QCoreApplication,
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    Qt,
    QVBoxLayout,
    QWidget,
)
from ui.runtime.errors import describe
from ui.widgets.forms import FormMessage, editor_buttons, explanation, named


def _tr(text: str) -> str:
    return QCoreApplication.translate("OnCall", text)


def _when(moment: datetime, at: datetime) -> str:
    clock = moment.strftime("%H:%M")
    days = (moment.date() - at.date()).days
    if days == 0:
        return clock
    if days == 1:
        return _tr("tomorrow {time}").format(time=clock)
    return f"{moment.strftime('%a')} {clock}"


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


class OnCallLabel(QLabel):
    """The on-call line; hidden while the unit has no roster."""

    def __init__(self, ctx: UnitContext | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onCallNow")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAccessibleName(_tr("Who is on call"))
        self.ctx = ctx
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


class OnCallDialog(QDialog):
    """One row per supporter: name | on-call shifts | number they share. Admins edit."""

    def __init__(self, ctx: UnitContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onCallDialog")
        self.setWindowTitle(self.tr("On-call roster"))
        self.setMinimumWidth(700)
        self.ctx = ctx
        self.can_edit = bool(ctx.is_admin)
        self.rows = roster_rows(ctx)
        self.hours_fields: dict[str, QLineEdit] = {}
        self.phone_fields: dict[str, QLineEdit] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(
            explanation(
                self.tr(
                    "Each supporter's weekly on-call time, e.g. “Mon-Fri 08:00-20:00” or “Fri "
                    "20:00-Mon 08:00”, and the number they chose to share for on-call contact. "
                    "Leave the shifts empty for someone who is not on call. Shifts must not "
                    "overlap."
                )
            )
        )
        grid = QGridLayout()
        for column, text in enumerate(
            (self.tr("Supporter"), self.tr("On-call shifts"), self.tr("Number they share"))
        ):
            header = QLabel(text)
            bold = header.font()
            bold.setBold(True)
            header.setFont(bold)
            grid.addWidget(header, 0, column)
        for row, shift in enumerate(self.rows, start=1):
            label = QLabel(shift.name)
            hours = QLineEdit(shift.hours)
            hours.setObjectName(f"onCallHours:{shift.supporter_id}")
            hours.setReadOnly(not self.can_edit)
            hours.setMinimumWidth(260)
            named(hours, self.tr("{name}: on-call shifts").format(name=shift.name))
            label.setBuddy(hours)
            phone = QLineEdit(shift.phone or "")
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
        self.message = FormMessage()
        layout.addWidget(self.message)
        self.buttons = editor_buttons(self, can_save=self.can_edit, on_save=self.save)
        layout.addWidget(self.buttons)
        first = next(iter(self.hours_fields.values()), None)
        if first is not None:
            first.setFocus()

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
        self.accept()
