"""The unlock screen: pick yourself, type your passphrase. It shows nothing of the store's content,
counts a growing delay down after a wrong passphrase, and offers the recovery-code path.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import TYPE_CHECKING

from svdesk.access.workstation import Workstation
from svdesk.errors import InvalidInput, Refused, WrongPassphrase
from svdesk.storage.datadir import KIOSK_CHOICE_NAME
from svdesk.storage.feedback_files import FEEDBACK_CODES_NAME
from ui.qt import QtCore, QtWidgets, Signal
from ui.runtime.errors import show_error
from ui.runtime.ops import BackgroundOp
from ui.widgets.forms import (
    FormMessage,
    add_row,
    fill_supporters,
    page_title,
    password_field,
    push_button,
)

# Opened from here, imported when opened (not at unlock: tests/ui/test_unlock_imports.py).
if TYPE_CHECKING:
    from svdesk.access.session import Session
    from ui.shell.recovery import RecoveryDialog


def kiosk_offers(home: Path) -> tuple[bool, bool]:
    """What the locked kiosk offers as far as `kiosk.json` says (each is checked on use, and
    refused saying why): (a request for support, the staff survey). Read here, not by
    svdesk.unit, which the unlock screen does not load."""
    try:
        with (home / KIOSK_CHOICE_NAME).open("rb") as file:
            raw = file.read(64 * 1024)
    except OSError:
        return False, False
    try:
        data = json.loads(raw)
    except ValueError:
        return True, True  # damaged: refused on use, saying why
    return True, not isinstance(data, dict) or data.get("survey_id") is not None


# How often the countdown text refreshes; the remaining time always comes from the core
# (`Workstation.unlock_delay`), which enforces the delay itself.
COUNTDOWN_TICK_MS = 200


class UnlockPage(QtWidgets.QWidget):
    """Emits `unlocked(session)`; the workstation stays open (only its key slots are read)."""

    unlocked = Signal(object)  # Session

    def __init__(self, workstation: Workstation, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlockPage")
        self._ws = workstation
        self._op: BackgroundOp | None = None
        self._reason = ""
        self._recovery_dialog: RecoveryDialog | None = None

        # The form, and over it the kiosk survey when a staff member takes it (ui/shell/kiosk).
        self.pages = QtWidgets.QStackedWidget()
        frame = QtWidgets.QVBoxLayout(self)
        frame.setContentsMargins(0, 0, 0, 0)
        frame.addWidget(self.pages)
        form_page = QtWidgets.QWidget()
        self.pages.addWidget(form_page)
        outer = QtWidgets.QHBoxLayout(form_page)
        outer.addStretch(1)
        column = QtWidgets.QVBoxLayout()
        outer.addLayout(column, 2)
        outer.addStretch(1)
        column.addStretch(1)
        column.addWidget(page_title(self.tr("svdesk is locked")))
        # A fixed sentence, which Qt's automatic text format shows as it is (explanation() sets
        # plain text for any text, which would build Qt's namespace before the paint: ui/qt.py).
        hint = QtWidgets.QLabel(self.tr("Choose your name and type your passphrase."))
        hint.setWordWrap(True)
        column.addWidget(hint)

        form = QtWidgets.QFormLayout()
        self.supporter = QtWidgets.QComboBox()
        add_row(form, self.tr("&Supporter:"), self.supporter)
        self.passphrase = password_field(self.tr("Passphrase"))
        add_row(form, self.tr("&Passphrase:"), self.passphrase)
        column.addLayout(form)

        self.message = FormMessage()
        column.addWidget(self.message)

        row = QtWidgets.QHBoxLayout()
        self.forgot_button = push_button(self.tr("&Forgot passphrase…"))
        self.forgot_button.setAutoDefault(False)
        row.addWidget(self.forgot_button)
        # Offered when a survey is chosen (a file, so no unit code loads here); checked on use.
        requests_offered, survey_offered = kiosk_offers(workstation.home)
        self.kiosk_button = push_button(self.tr("S&taff survey…"), object_name="kioskButton")
        self.kiosk_button.setAutoDefault(False)
        self.kiosk_button.setVisible(survey_offered)
        row.addWidget(self.kiosk_button)
        # A request for support without unlocking (issue 15): on unit stores once unlocked.
        self.request_button = push_button(
            self.tr("&Request support…"), object_name="kioskRequestButton"
        )
        self.request_button.setAutoDefault(False)
        self.request_button.setVisible(requests_offered)
        row.addWidget(self.request_button)
        # Recipient feedback (issue 14, item 3): while a list of codes that work is there.
        self.feedback_button = push_button(
            self.tr("Give fee&dback…"), object_name="kioskFeedbackButton"
        )
        self.feedback_button.setAutoDefault(False)
        self.feedback_button.setVisible((workstation.home / FEEDBACK_CODES_NAME).is_file())
        row.addWidget(self.feedback_button)
        row.addStretch(1)
        self.unlock_button = push_button(self.tr("&Unlock"), object_name="unlockButton")
        self.unlock_button.setDefault(True)
        row.addWidget(self.unlock_button)
        column.addLayout(row)
        column.addStretch(2)

        self._countdown = QtCore.QTimer(self)
        self._countdown.setInterval(COUNTDOWN_TICK_MS)
        self._countdown.timeout.connect(self._tick)

        self.unlock_button.clicked.connect(self.submit)
        self.passphrase.returnPressed.connect(self.submit)
        self.forgot_button.clicked.connect(self.open_recovery)
        self.kiosk_button.clicked.connect(self.open_kiosk)
        self.request_button.clicked.connect(self.open_kiosk_request)
        self.feedback_button.clicked.connect(self.open_kiosk_feedback)

        fill_supporters(self.supporter, workstation.supporters())
        self.setTabOrder(self.supporter, self.passphrase)
        self.setTabOrder(self.passphrase, self.unlock_button)
        self.setTabOrder(self.unlock_button, self.forgot_button)
        self.setTabOrder(self.forgot_button, self.kiosk_button)
        self.setTabOrder(self.kiosk_button, self.request_button)
        self.setTabOrder(self.request_button, self.feedback_button)
        self.passphrase.setFocus()

        if workstation.unlock_delay() > 0:
            self._start_countdown(self.tr("Several wrong passphrases were typed."))

    def initial_focus(self) -> QtWidgets.QWidget:
        return self.passphrase

    # -- unlocking -------------------------------------------------------------------------
    def submit(self) -> None:
        if self._busy() or self._waiting():
            return
        supporter_id = self.supporter.currentData()
        passphrase = self.passphrase.text()
        if supporter_id is None:
            self.message.show_message(self.tr("Choose your name first."))
            return
        if not passphrase:
            self.message.show_message(self.tr("Type your passphrase."))
            return
        self.passphrase.clear()
        self.message.show_progress(self.tr("Unlocking…"))
        self._set_enabled(False)
        ws = self._ws
        self._op = BackgroundOp(
            self,
            op=lambda: ws.unlock(str(supporter_id), passphrase),
            success=self._unlocked,
            failure=self._failed,
            cancellable=False,
        ).run()

    def _busy(self) -> bool:
        return self._op is not None and not self._op.done

    def _waiting(self) -> bool:
        return self._countdown.isActive()

    def _set_enabled(self, enabled: bool) -> None:
        self.supporter.setEnabled(enabled)
        self.passphrase.setEnabled(enabled)
        self.unlock_button.setEnabled(enabled and not self._waiting())
        self.forgot_button.setEnabled(enabled)

    def _unlocked(self, session: Session) -> None:
        self.message.clear_message()
        self.unlocked.emit(session)

    def _failed(self, exc: BaseException) -> None:
        self._set_enabled(True)
        if isinstance(exc, WrongPassphrase):
            if self._ws.unlock_delay() > 0:
                self._start_countdown(self.tr("That passphrase is not right."))
            else:
                self.message.show_message(self.tr("That passphrase is not right. Try again."))
            self.passphrase.setFocus()
        elif isinstance(exc, Refused | InvalidInput):
            # e.g. still inside the delay, or a supporter removed meanwhile: say it in place.
            self.message.show_message(exc.message)
            if self._ws.unlock_delay() > 0:
                self._start_countdown(exc.message)
        else:
            self.message.clear_message()
            show_error(self, exc)

    # -- the growing delay ----------------------------------------------------------------
    def _start_countdown(self, reason: str) -> None:
        self._reason = reason
        self.unlock_button.setEnabled(False)
        self._countdown.start()
        self._tick()

    def seconds_left(self) -> int:
        return max(0, math.ceil(self._ws.unlock_delay()))

    def _tick(self) -> None:
        left = self.seconds_left()
        if left <= 0:
            self._countdown.stop()
            self.unlock_button.setEnabled(self.passphrase.isEnabled())
            self.message.show_message(self._reason + " " + self.tr("You can try again now."))
            return
        self.unlock_button.setEnabled(False)
        wait = self.tr("You can try again in %n second(s).", "", left)
        self.message.show_message(self._reason + " " + wait)

    # -- the kiosk survey ---------------------------------------------------------------------
    def open_kiosk(self) -> QtWidgets.QWidget | None:
        from ui.shell.kiosk import show_kiosk  # noqa: PLC0415 (not at unlock: loads svdesk.unit)

        def refused(text: str) -> None:
            self.kiosk_button.hide()
            self.message.show_message(text)
            self.passphrase.setFocus()

        return show_kiosk(
            self, self._ws, self.pages, refused=refused, closed=self.passphrase.setFocus
        )

    def open_kiosk_request(self) -> QtWidgets.QWidget | None:
        from ui.shell.kiosk_request import show_kiosk_request  # noqa: PLC0415 (as the survey)

        def refused(text: str) -> None:
            self.request_button.hide()
            self.message.show_message(text)
            self.passphrase.setFocus()

        return show_kiosk_request(
            self, self._ws, self.pages, refused=refused, closed=self.passphrase.setFocus
        )

    def open_kiosk_feedback(self) -> QtWidgets.QWidget | None:
        from ui.shell.kiosk_feedback import show_kiosk_feedback  # noqa: PLC0415 (as the survey)

        def refused(text: str) -> None:
            self.feedback_button.hide()
            self.message.show_message(text)
            self.passphrase.setFocus()

        return show_kiosk_feedback(
            self, self._ws, self.pages, refused=refused, closed=self.passphrase.setFocus
        )

    # -- forgotten passphrase ----------------------------------------------------------------
    def open_recovery(self) -> RecoveryDialog:
        from ui.shell.recovery import RecoveryDialog  # noqa: PLC0415 (see TYPE_CHECKING)

        dialog = RecoveryDialog(self._ws, self)
        index = self.supporter.currentIndex()
        if index >= 0:
            dialog.supporter.setCurrentIndex(index)
        dialog.recovered.connect(self._recovered)
        self._recovery_dialog = dialog
        dialog.open()
        return dialog

    def _recovered(self, session: Session | None) -> None:
        """RecoveryDialog.recovered: a session, or None when only the passphrase was reset."""
        if session is not None:
            self.unlocked.emit(session)
        else:
            self.message.show_message(self.tr("Your new passphrase is set. Unlock with it now."))
            self.passphrase.setFocus()
