"""The kiosk's request for support (issue 15, item 1): at the locked workstation a colleague asks
for a peer supporter without anyone unlocking and without a name — who asks, how many people,
how urgent, another unit's supporter preferred — and is then shown who is on call now and how
to reach them (the signed copy of the roster, `svdesk.unit.kiosk_requests`), and the crisis
line. It fills the unlock screen like the survey kiosk: the unlock form, and with it every
other shortcut, is hidden while it shows; only Crisis stays within reach. It goes back to the
unlock screen when done, or after a minute untouched (the request page) or two (what it
showed after sending).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from svdesk.access.session import Opened
from svdesk.errors import Refused, SvdeskError
from svdesk.unit import kiosk_requests
from svdesk.unit.crisis_numbers import read_crisis_snapshot
from svdesk.unit.requests import URGENCIES
from ui.qt import QtCore, QtWidgets
from ui.shell.kiosk_page import KioskPageBase, centred, show_over_unlock
from ui.unit.oncall import on_call_text
from ui.unit.requests import source_label, urgency_label
from ui.widgets.forms import FormMessage, add_row, explanation, named, page_title, push_button

REQUEST_IDLE_MS = 60_000  # untouched this long, the page forgets what was chosen and goes back
SENT_IDLE_MS = 120_000  # who is on call stays this long after the last key, unless Done


def _now() -> datetime:
    return datetime.now(UTC)


# The kiosk's clock (the tests set it): the request's time, and who is on call then.
clock: Callable[[], datetime] = _now


class KioskRequestPage(KioskPageBase):
    """The request, then who is on call; emits `finished` (sent and done, left or idle)."""

    def __init__(
        self, station: kiosk_requests.RequestKiosk, home_numbers: list[tuple[str, str]],
        parent: QtWidgets.QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(REQUEST_IDLE_MS, parent)
        self.setObjectName("kioskRequestPage")
        self._station = station
        self._numbers = home_numbers

        form_page = QtWidgets.QWidget()
        column = centred(form_page)
        column.addStretch(1)
        column.addWidget(page_title(self.tr("Ask for peer support")))
        column.addWidget(
            explanation(
                self.tr(
                    "A peer supporter contacts you, or the colleagues you ask for, within 30 "
                    "minutes. No name is asked and nobody is signed in: only who asks, for how "
                    "many people and how urgently are kept, with the time."
                )
            )
        )
        form = QtWidgets.QFormLayout()
        self.source = QtWidgets.QComboBox()
        self.source.setObjectName("kioskRequestSource")
        self.source.addItem(self.tr("— choose —"), "")
        for code in kiosk_requests.KIOSK_SOURCES:
            self.source.addItem(source_label(code), code)
        named(self.source, self.tr("Who asks for support"))
        add_row(form, self.tr("&Who asks:"), self.source)
        self.people = QtWidgets.QSpinBox()
        self.people.setObjectName("kioskRequestPeople")
        self.people.setRange(0, 999)
        self.people.setValue(1)
        named(self.people, self.tr("How many people need support"))
        add_row(form, self.tr("How many &people:"), self.people)
        self.urgency = QtWidgets.QComboBox()
        self.urgency.setObjectName("kioskRequestUrgency")
        for code in URGENCIES:
            self.urgency.addItem(urgency_label(code), code)
        named(self.urgency, self.tr("How urgent"))
        add_row(form, self.tr("U&rgency:"), self.urgency)
        self.other_unit = QtWidgets.QCheckBox(
            self.tr("A supporter from &another unit is preferred")
        )
        self.other_unit.setObjectName("kioskRequestOtherUnit")
        form.addRow("", self.other_unit)
        column.addLayout(form)
        self.message = FormMessage()
        self.message.setObjectName("kioskRequestMessage")
        column.addWidget(self.message)
        buttons = QtWidgets.QHBoxLayout()
        self.leave_button = push_button(
            self.tr("&Leave without asking"), object_name="kioskRequestLeave"
        )
        self.leave_button.setAutoDefault(False)
        self.send_button = push_button(self.tr("&Send request"), object_name="kioskRequestSend")
        self.send_button.setAutoDefault(False)
        buttons.addWidget(self.leave_button)
        buttons.addStretch(1)
        buttons.addWidget(self.send_button)
        column.addLayout(buttons)
        column.addStretch(2)
        self.pages.addWidget(form_page)

        self.on_call = QtWidgets.QLabel()
        self.on_call.setObjectName("kioskOnCall")
        self.on_call.setWordWrap(True)
        self.on_call.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.on_call.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.on_call.setFocusPolicy(QtCore.Qt.FocusPolicy.TabFocus)
        font = self.on_call.font()
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.3)
        self.on_call.setFont(font)
        named(self.on_call, self.tr("Who is on call"))
        self.sent_title = self._last_page(
            self.tr("Your request is in."), self.on_call, self.tr("&Done"), "kioskRequestDone"
        )

        self.leave_button.clicked.connect(self.leave)
        self.send_button.clicked.connect(self.send)
        self.sent_at: datetime | None = None
        self._watch()

    def initial_focus(self) -> QtWidgets.QWidget:
        return self.source

    def send(self) -> None:
        if self._left or self.sent_at is not None:
            return
        self.message.clear_message()
        try:
            self.sent_at = self._station.submit(
                source=str(self.source.currentData() or "") or None,
                people=self.people.value(),
                urgency=str(self.urgency.currentData()),
                other_unit=self.other_unit.isChecked(),
                at=clock(),
            )
        except SvdeskError as exc:
            self.message.show_message(exc.message)
            (self.source if not self.source.currentData() else self.people).setFocus()
            return
        self.on_call.setText(self.reach_text())
        self.on_call.setAccessibleDescription(self.on_call.text())
        self._forget()
        self._idle.setInterval(SENT_IDLE_MS)
        self._show_last(self._idle)

    def reach_text(self) -> str:
        """Who is on call now and next (from the signed copy of the roster), then the crisis
        line; a sentence saying why when the copy cannot be used."""
        parts: list[str] = []
        try:
            state = self._station.on_call(clock())
        except Refused as exc:
            parts.append(exc.message)
        else:
            if state is None:
                parts.append(
                    self.tr(
                        "Who is on call cannot be shown: no supporter has unlocked svdesk here "
                        "for two weeks. A supporter will see your request at the next unlock."
                    )
                )
            else:
                parts.append(on_call_text(state))
                parts.append(
                    self.tr(
                        "A supporter sees your request when svdesk is next unlocked; if it "
                        "cannot wait, call the supporter on call."
                    )
                )
        for label, phone in self._numbers:
            parts.append(
                self.tr("If someone may be in danger, call {label}: {phone}.").format(
                    label=label, phone=phone
                )
            )
        return "\n\n".join(parts)

    def _forget_on_leave(self) -> None:
        self._forget()
        self.on_call.clear()

    def _forget(self) -> None:
        self.source.setCurrentIndex(0)
        self.people.setValue(1)
        self.urgency.setCurrentIndex(0)
        self.other_unit.setChecked(False)


def show_kiosk_request(
    host: QtWidgets.QWidget,
    workstation: Opened,
    pages: QtWidgets.QStackedWidget,
    *,
    refused: Callable[[str], None],
    closed: Callable[[], None],
) -> KioskRequestPage | None:
    """Open the request page over the unlock form in `pages`; `refused(message)` instead when
    this workstation cannot take requests (`kiosk_requests.open_request_kiosk` refuses)."""

    def make_page(station: kiosk_requests.RequestKiosk) -> KioskRequestPage:
        numbers = [
            (n.label, n.phone)
            for n in read_crisis_snapshot(workstation.home)
            if n.code == "crisis_line"
        ]
        return KioskRequestPage(station, numbers, host)

    return show_over_unlock(
        pages,
        lambda: kiosk_requests.open_request_kiosk(workstation),
        make_page,
        refused=refused,
        closed=closed,
    )
