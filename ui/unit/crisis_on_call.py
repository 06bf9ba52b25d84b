"""Who is on call now and next on the LOCKED crisis screen (issue 15, item 2).

While svdesk is locked there is no roster to read: the screen reads the signed copy an unlock
wrote beside the store (`kiosk-oncall.json`, verified with the key `kiosk.json` pins — see
`svdesk.unit.kiosk_requests`). A copy that is missing, not signed by this workstation or past
its 14 days shows one plain sentence instead, saying that on-call cannot be shown and to call
the crisis line. Nothing here may stop the crisis screen from opening: any failure reading the
copy is that sentence too.

The unlocked crisis screen shows the store's roster (`ui.unit.oncall.OnCallLabel`).
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from svdesk.errors import Refused
from svdesk.unit.oncall import OnCallNow
from ui.qt import QtCore, QtWidgets
from ui.unit.oncall import on_call_text

if TYPE_CHECKING:
    from svdesk.access.session import Opened

# What reading the copy came to: who is on call, or why it cannot be said.
Unavailable = Literal["missing", "refused", "expired"]
OnCallReader = Callable[[datetime], OnCallNow | Unavailable]


def _tr(text: str) -> str:
    return QtCore.QCoreApplication.translate("CrisisOnCall", text)


def kiosk_on_call(workstation: Opened | None) -> OnCallReader:
    """Who is on call at a moment by the workstation's signed copy of the roster."""

    def read(at: datetime) -> OnCallNow | Unavailable:
        if workstation is None:
            return "missing"
        # Imported here: the crisis screen opens even if this part of svdesk cannot load.
        from svdesk.unit import kiosk_requests  # noqa: PLC0415

        if not (workstation.home / kiosk_requests.ONCALL_SNAPSHOT_NAME).exists():
            return "missing"
        try:
            state = kiosk_requests.open_request_kiosk(workstation).on_call(at)
        except Refused:
            return "refused"
        return "expired" if state is None else state

    return read


def unavailable_text(why: Unavailable) -> str:
    if why == "missing":
        return _tr(
            "Who is on call cannot be shown: no supporter has unlocked svdesk on this "
            "workstation yet."
        )
    if why == "expired":
        return _tr(
            "Who is on call cannot be shown: nobody has unlocked svdesk here for two weeks, "
            "so the copy of the roster is out of date."
        )
    return _tr(
        "Who is on call cannot be shown: the copy of the roster on this workstation was "
        "changed outside svdesk or cannot be read (unlocking svdesk writes it again)."
    )


class LockedOnCallLabel(QtWidgets.QLabel):
    """The on-call line of the locked crisis screen: now and next, with their shared numbers;
    or why it cannot be shown and to call the crisis line. Hidden when the copy says nobody is
    on call now or in its 14 days (a unit without a roster), as the unlocked line is."""

    def __init__(
        self,
        read: OnCallReader,
        now: Callable[[], datetime],
        parent: QtWidgets.QWidget | None = None,
        *,
        crisis_line: tuple[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("lockedOnCall")
        self.setWordWrap(True)
        self.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.TabFocus)
        self.setAccessibleName(_tr("Who is on call"))
        self._read = read
        self._now = now
        self._crisis_line = crisis_line
        self.available = False
        self.refresh()

    def _call_the_crisis_line(self) -> str:
        if self._crisis_line is not None:
            label, phone = self._crisis_line
            return _tr("Call {label}: {phone}.").format(label=label, phone=phone)
        return _tr("Call the crisis line now.")

    def refresh(self) -> None:
        try:
            state = self._read(self._now())
        except Exception as exc:  # the crisis screen shows whatever went wrong here
            traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
            state = "refused"
        if isinstance(state, str):
            self.available = False
            text = unavailable_text(state) + " " + self._call_the_crisis_line()
        elif not state.now and state.next is None:
            self.available = True
            self.clear()
            self.setAccessibleDescription("")
            self.setVisible(False)
            return
        else:
            self.available = True
            text = on_call_text(state)
            if not state.now:
                text += " " + self._call_the_crisis_line()
        self.setText(text)
        self.setAccessibleDescription(text)
        self.setVisible(True)
