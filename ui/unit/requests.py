"""Requests for support on the home screen (issue 15, item 1): "Log a request…" (who asked, how
many people, how urgent, how long ago, another unit's supporter preferred) and the unit's queue
with its 30-minute clock; an overdue request is said in a banner on every supporter's home.
"Start conversation" makes the draft through `svdesk.unit.requests.start_from_request` (which
fills activation_source, people_reached and response_time) and asks the home to open it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from svdesk.content.protocol.loader import load_protocol
from svdesk.content.protocol.model import Protocol
from svdesk.content.record_fields import load_record_vocabulary
from svdesk.errors import SvdeskError
from svdesk.unit.context import UnitContext
from svdesk.unit.requests import (
    URGENCIES,
    SupportRequest,
    log_request,
    open_requests,
    start_from_request,
    withdraw_request,
)
from ui.qt import QtCore, QtGui, QtWidgets, Signal
from ui.runtime.errors import describe, show_error
from ui.runtime.language import content_language
from ui.unit.queue_table import TableOrEmpty, queue_item, queue_table
from ui.widgets.forms import FormMessage, explanation, named


def _tr(text: str) -> str:
    return QtCore.QCoreApplication.translate("Requests", text)


OVERDUE_STYLE = "background: #fde2e1; border: 1px solid #8b0000; color: #5a0000; padding: 4px;"
REFRESH_MS = 30_000  # the clock column moves on by itself
REQUEST_ROWS_SHOWN = 3  # more open requests scroll


def urgency_label(code: str) -> str:
    labels = {
        "now": _tr("Now (within 30 minutes)"),
        "today": _tr("Today"),
        "this_week": _tr("This week"),
    }
    return labels.get(code, code)


def source_label(code: str) -> str:
    return load_record_vocabulary(language=content_language()).label("activation_source", code)


def clock_text(request: SupportRequest, now: datetime) -> str:
    left = request.minutes_left(now)
    if left >= 0:
        return _tr("{n} min left").format(n=left)
    return "⚠ " + _tr("OVERDUE by {n} min").format(n=-left)


class RequestDialog(QtWidgets.QDialog):
    """Log a request by keyboard; the core's refusal shows under the form, nothing is saved."""

    def __init__(self, ctx: UnitContext, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestDialog")
        self.setWindowTitle(self.tr("Log a request for support"))
        self.ctx = ctx
        self.logged: SupportRequest | None = None
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(
            explanation(
                self.tr(
                    "No names and no story: only who asked, for how many people and how "
                    "urgently. The request waits in the unit's queue with a 30-minute clock."
                )
            )
        )
        form = QtWidgets.QFormLayout()
        self.source = QtWidgets.QComboBox(self)
        self.source.setObjectName("requestSource")
        self.source.addItem(self.tr("— choose —"), "")
        for code in load_record_vocabulary(language=content_language()).codes("activation_source"):
            self.source.addItem(source_label(code), code)
        named(self.source, self.tr("Who asked for support"))
        form.addRow(self.tr("&Who asked:"), self.source)
        self.people = QtWidgets.QSpinBox(self)
        self.people.setObjectName("requestPeople")
        self.people.setRange(0, 999)
        self.people.setValue(1)
        named(self.people, self.tr("How many people"))
        form.addRow(self.tr("How many &people:"), self.people)
        self.urgency = QtWidgets.QComboBox(self)
        self.urgency.setObjectName("requestUrgency")
        for code in URGENCIES:
            self.urgency.addItem(urgency_label(code), code)
        named(self.urgency, self.tr("How urgent"))
        form.addRow(self.tr("&Urgency:"), self.urgency)
        self.minutes_ago = QtWidgets.QSpinBox(self)
        self.minutes_ago.setObjectName("requestMinutesAgo")
        self.minutes_ago.setRange(0, 7 * 24 * 60)
        self.minutes_ago.setSuffix(self.tr(" min ago"))
        named(
            self.minutes_ago,
            self.tr("How long ago the request was made, in minutes"),
            self.tr("0 if it is being made now; the 30-minute clock starts then."),
        )
        form.addRow(self.tr("Asked whe&n:"), self.minutes_ago)
        self.other_unit = QtWidgets.QCheckBox(
            self.tr("A supporter from &another unit is preferred"), self
        )
        self.other_unit.setObjectName("requestOtherUnit")
        form.addRow("", self.other_unit)
        layout.addLayout(form)
        self.message = FormMessage()
        self.message.setObjectName("requestMessage")
        layout.addWidget(self.message)
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Save
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        save = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Save)
        save.setText(self.tr("&Log request"))
        save.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.source.setFocus()

    def save(self) -> None:
        self.message.clear_message()
        requested_at = self.ctx.now() - timedelta(minutes=self.minutes_ago.value())
        try:
            self.logged = log_request(
                self.ctx,
                source=str(self.source.currentData() or ""),
                people=self.people.value(),
                urgency=str(self.urgency.currentData()),
                requested_at=requested_at,
                other_unit=self.other_unit.isChecked(),
            )
        except SvdeskError as exc:
            self.message.show_message(describe(exc)[1])
            if not self.source.currentData():
                self.source.setFocus()
            elif self.people.value() < 1:
                self.people.setFocus()
            return
        self.accept()


class RequestQueue(QtWidgets.QWidget):
    """The unit's open requests, oldest first, with the minutes left (or overdue by)."""

    changed = Signal()
    #: a conversation draft was started from a request: (draft_id)
    conversation_requested = Signal(str)

    def __init__(
        self,
        ctx: UnitContext,
        parent: QtWidgets.QWidget | None = None,
        *,
        protocol: Protocol | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("requestQueue")
        self.setAccessibleName(self.tr("Requests for support"))
        self.ctx = ctx
        self._protocol = protocol
        self._now = now if now is not None else ctx.now
        self.requests: list[SupportRequest] = []
        title = QtWidgets.QLabel(self.tr("Requests"), self)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.summary = QtWidgets.QLabel(self)
        self.overdue_banner = QtWidgets.QLabel(self)
        self.overdue_banner.setObjectName("requestsOverdue")
        self.overdue_banner.setWordWrap(True)
        self.overdue_banner.setStyleSheet(OVERDUE_STYLE)
        self.overdue_banner.setVisible(False)
        self._headers = [
            self.tr("Clock"),
            self.tr("Asked at"),
            self.tr("Who asked"),
            self.tr("People"),
            self.tr("Urgency"),
            self.tr("Other unit"),
        ]
        self.table = queue_table(self, self._headers, self.tr("Requests for support, oldest first"))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.activated.connect(lambda _i: self.start())  # Enter on a row starts it
        self.log_button = QtWidgets.QPushButton(self.tr("Log a re&quest…"), self)
        self.log_button.setObjectName("logRequest")
        self.log_button.setAccessibleName(self.tr("Log a request for support"))
        self.log_button.clicked.connect(self.open_log_dialog)
        self.start_button = QtWidgets.QPushButton(self.tr("Start con&versation"), self)
        self.start_button.setObjectName("startFromRequest")
        self.start_button.setAccessibleName(self.tr("Start the conversation of the request"))
        self.start_button.clicked.connect(self.start)
        self.withdraw_button = QtWidgets.QPushButton(self.tr("&Withdraw"), self)
        self.withdraw_button.setAccessibleName(self.tr("Withdraw the selected request"))
        self.withdraw_button.clicked.connect(self.withdraw)
        buttons = QtWidgets.QHBoxLayout()
        for button in (self.log_button, self.start_button, self.withdraw_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        # The buttons beside the title and the table only as tall as its rows: the home screen
        # has no height to spare (issue 17).
        head = QtWidgets.QHBoxLayout()
        head.addWidget(title)
        head.addWidget(self.summary, 1)
        head.addLayout(buttons)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.overdue_banner)
        self.view = TableOrEmpty(
            self.table,
            self.tr("No open requests. Log one when someone asks for support."),
            self,
            rows=REQUEST_ROWS_SHOWN,
        )
        self.view.empty.setAlignment(
            QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignVCenter
        )
        layout.addWidget(self.view)
        self.setSizePolicy(
            QtWidgets.QSizePolicy.Policy.Preferred, QtWidgets.QSizePolicy.Policy.Maximum
        )
        self.timer = QtCore.QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.refresh()

    # The clock moves on only while the queue is on screen (never after a lock hid the page).
    def showEvent(self, event: QtGui.QShowEvent) -> None:
        self.timer.start()
        self.refresh()
        super().showEvent(event)

    def hideEvent(self, event: QtGui.QHideEvent) -> None:
        self.timer.stop()
        super().hideEvent(event)

    def refresh(self) -> None:
        try:
            self.requests = open_requests(self.ctx)
        except SvdeskError as exc:
            self.timer.stop()
            show_error(self, exc)
            return
        now = self._now()
        selected = self.selected()
        self.table.setRowCount(len(self.requests))
        for row, request in enumerate(self.requests):
            late = request.overdue(now)
            cells = [
                queue_item(clock_text(request, now), overdue=late, key=request.id),
                queue_item(request.requested_at.astimezone().strftime("%H:%M"), overdue=late),
                queue_item(source_label(request.source), overdue=late),
                queue_item(str(request.people), overdue=late),
                queue_item(urgency_label(request.urgency), overdue=late),
                queue_item(self.tr("preferred") if request.other_unit else "", overdue=late),
            ]
            for column, cell in enumerate(cells):
                cell.setData(
                    QtCore.Qt.ItemDataRole.AccessibleTextRole,
                    f"{self._headers[column]}: {cell.text()}",
                )
                self.table.setItem(row, column, cell)
        overdue = [r for r in self.requests if r.overdue(now)]
        if overdue:
            oldest = -overdue[0].minutes_left(now)
            text = (
                self.tr("⚠ 1 request for support is overdue: first contact was due {n} min ago.")
                if len(overdue) == 1
                else self.tr(
                    "⚠ {count} requests for support are overdue; the oldest was due {n} min ago."
                )
            ).format(count=len(overdue), n=oldest)
            self.overdue_banner.setText(text)
            self.overdue_banner.setAccessibleName(text)
        self.overdue_banner.setVisible(bool(overdue))
        self.summary.setText(
            self.tr("{n} open, {o} overdue").format(n=len(self.requests), o=len(overdue))
        )
        self.table.resizeRowsToContents()
        self.view.update_state()
        if selected is not None:
            for row, request in enumerate(self.requests):
                if request.id == selected.id:
                    self.table.selectRow(row)
        elif self.requests:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> SupportRequest | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.requests):
            return None
        return self.requests[rows[0].row()]

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        self.start_button.setEnabled(has)
        self.withdraw_button.setEnabled(has)

    def open_log_dialog(self) -> RequestDialog:
        dialog = RequestDialog(self.ctx, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._logged)
        dialog.open()
        return dialog

    def _logged(self) -> None:
        self.refresh()
        self.changed.emit()

    def start(self) -> str | None:
        request = self.selected()
        if request is None:
            return None
        if self._protocol is None:
            self._protocol = load_protocol(language=content_language())
        try:
            draft = start_from_request(self.ctx, self._protocol, request.id)
        except SvdeskError as exc:
            show_error(self, exc)
            self.refresh()
            return None
        self.refresh()
        self.changed.emit()
        self.conversation_requested.emit(draft.id)
        return draft.id

    def withdraw(self) -> None:
        request = self.selected()
        if request is None:
            return
        try:
            withdraw_request(self.ctx, request.id)
        except SvdeskError as exc:
            show_error(self, exc)
        self.refresh()
        self.changed.emit()
