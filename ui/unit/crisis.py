"""The crisis screen: what to do now, the unit's emergency and crisis numbers shown big, and
"Record emergency escalation" (works with or without an open conversation).

While svdesk is locked it opens too (`locked=True`): the same steps, the numbers of the crisis
snapshot (`svdesk.unit.directory.read_crisis_snapshot`) or a plain sentence, who is on call now and
next by the signed copy of the roster (`ui.unit.crisis_on_call`), and recording waits for an
unlock.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from svdesk.errors import SvdeskError
from svdesk.unit.context import UnitContext
from svdesk.unit.crisis_numbers import (
    CRISIS_ORDER,
    CrisisNumber,
    NumberedEntry,
    read_crisis_snapshot,
)
from svdesk.unit.directory import DirectoryEntry
from svdesk.unit.opening import open_now, open_now_of
from ui.qt import QtCore, QtGui, QtWidgets, Signal
from ui.runtime.errors import show_error
from ui.runtime.language import content_language
from ui.unit.crisis_on_call import LockedOnCallLabel, OnCallReader, kiosk_on_call
from ui.unit.directory_editor import DirectoryDialog
from ui.unit.oncall import OnCallLabel
from ui.unit.services import CoreUnitServices, UnitServices
from ui.widgets.directory_view import DirectoryView, order_entries
from ui.widgets.open_now import OpenNowView

if TYPE_CHECKING:
    from svdesk.unit.escalations import Escalation
    from ui.shell.main_window import MainWindow

# The numbers the crisis screen shows, most urgent first (the rest of the directory follows).
CRISIS_DIRECTORY_ORDER = CRISIS_ORDER


def _now() -> datetime:
    return datetime.now(UTC)


# The locked crisis screen's clock (the tests set it): what is open and who is on call then.
clock: Callable[[], datetime] = _now


def crisis_size(parent: QtWidgets.QWidget | None) -> tuple[int, int]:
    """880×760, shrunk to the free area of the screen it opens on (less the title bar)."""
    screen = (
        parent.screen() if parent is not None else None
    ) or QtGui.QGuiApplication.primaryScreen()
    if screen is None:
        return 880, 640
    free = screen.availableGeometry()
    return min(880, free.width()), max(400, min(760, free.height() - 40))


class CrisisDialog(QtWidgets.QDialog):
    """Open from anywhere (toolbar action, Crisis button, shortcut). `case_code` ties the recorded
    escalation to the open conversation's case; without one it is recorded on its own.

    `locked=True` (no `ctx`: svdesk is locked): shows `numbers` (the crisis snapshot; empty: a
    sentence saying where the numbers are), and recording is disabled with what to do instead.
    `unit_directory=False` (a coordinator store, which has no unit directory) changes that
    sentence. `on_call` (locked): who is on call at a moment, by the signed copy of the roster
    (None: not shown, as for a coordinator store).
    """

    emergency_recorded = Signal(object)

    def __init__(
        self,
        ctx: UnitContext | None,
        case_code: str | None = None,
        parent: QtWidgets.QWidget | None = None,
        *,
        services: UnitServices | None = None,
        locked: bool = False,
        numbers: Iterable[CrisisNumber] = (),
        unit_directory: bool = True,
        now: Callable[[], datetime] | None = None,
        on_call: OnCallReader | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("crisisDialog")
        # The clock "open now" is read at while locked (unlocked, the unit context's).
        self._now = now if now is not None else lambda: datetime.now(UTC)
        self.ctx = ctx
        self.case_code = case_code
        self.locked = locked or ctx is None
        # Locked: nothing is called (there is no store to call it on).
        self._services = services if services is not None else CoreUnitServices()
        self._numbers: list[NumberedEntry] = (
            order_entries(numbers, CRISIS_DIRECTORY_ORDER) if self.locked else []
        )
        self.recorded: Escalation | None = None
        self.setWindowTitle(self.tr("Crisis — what to do now"))
        self.setAccessibleName(self.windowTitle())
        self.setModal(True)
        self.resize(*crisis_size(parent))

        title = QtWidgets.QLabel("⚠ " + self.tr("Crisis — what to do now"), self)
        title.setObjectName("crisisTitle")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.8)
        title.setFont(font)
        title.setStyleSheet("color: #8b0000;")

        no_numbers = self.locked and not self._numbers
        steps = [
            self.tr("Stay with the person. Do not leave them alone, not even briefly."),
            self.tr("Call your local emergency number or the crisis line now.")
            if no_numbers
            else self.tr("Call the emergency response or the crisis line now (numbers below)."),
            self.tr("If it is safe, remove anything they could use to harm themselves or others."),
            self.tr("Inform the leader on duty; ask someone to get help if you cannot call."),
            self.tr(
                "Hand over in person to the emergency or crisis team, then record the escalation."
            ),
        ]
        self.steps_label = QtWidgets.QLabel(self)
        self.steps_label.setObjectName("crisisSteps")
        self.steps_label.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.steps_label.setWordWrap(True)
        self.steps_label.setText(
            "<ol style='margin-left:0'>"
            + "".join(f"<li style='margin-bottom:6px'>{_esc(s)}</li>" for s in steps)
            + "</ol>"
        )
        steps_font = self.steps_label.font()
        steps_font.setPointSizeF(max(steps_font.pointSizeF(), 9.0) * 1.25)
        self.steps_label.setFont(steps_font)
        self.steps_label.setAccessibleName(self.tr("What to do now"))
        self.steps_label.setAccessibleDescription(" ".join(steps))

        numbers_title = QtWidgets.QLabel(self.tr("Numbers from your unit directory"), self)
        numbers_title.setFont(font)
        numbers_font = numbers_title.font()
        numbers_font.setPointSizeF(numbers_font.pointSizeF() * 0.7)
        numbers_title.setFont(numbers_font)
        self.directory_view = DirectoryView(self._directory(), self, big=True)
        self.directory_view.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        # What is open now (unlocked: the store's hours; locked: those of the crisis snapshot).
        self.open_now_view = OpenNowView(self)
        self._show_open_now()
        # Locked without a snapshot: where the numbers are, and what to do meanwhile.
        self.no_numbers_label = QtWidgets.QLabel(self)
        self.no_numbers_label.setObjectName("crisisNoNumbers")
        self.no_numbers_label.setWordWrap(True)
        self.no_numbers_label.setFont(numbers_font)
        if unit_directory:
            no_numbers_text = self.tr(
                "Your unit's numbers show here after unlocking. Call your local emergency "
                "number now."
            )
        else:
            no_numbers_text = self.tr(
                "This workstation has no unit directory. Call your local emergency number now."
            )
        self.no_numbers_label.setText(no_numbers_text)
        self.no_numbers_label.setAccessibleName(no_numbers_text)
        self.directory_view.setVisible(not no_numbers)
        self.no_numbers_label.setVisible(no_numbers)
        # Admins fill unset numbers from here (everyone else is told to ask them).
        self.fill_numbers_button = QtWidgets.QPushButton(self.tr("&Fill in numbers…"), self)
        self.fill_numbers_button.setObjectName("fillNumbers")
        self.fill_numbers_button.setAccessibleName(self.tr("Fill in the unit's numbers"))
        self.fill_numbers_button.setAutoDefault(False)
        self.fill_numbers_button.clicked.connect(self.open_directory_editor)
        self._update_fill_numbers()

        self.record_button = QtWidgets.QPushButton(self.tr("&Record emergency escalation"), self)
        self.record_button.setObjectName("recordEmergency")
        self.record_button.setAccessibleName(self.tr("Record emergency escalation"))
        self.record_button.setAccessibleDescription(
            self.tr(
                "Adds an emergency escalation, due now, to the unit's escalation queue. "
                "Only the level and the time are kept, never who it is about."
            )
        )
        self.record_button.setStyleSheet(
            # The border is there unfocused too (same colour as the button): a border added
            # only on focus eats into the text and clips its descenders.
            "QPushButton#recordEmergency { background: #8b0000; color: white; font-weight: bold;"
            " padding: 8px 16px; border: 3px solid #8b0000; border-radius: 4px; }"
            "QPushButton#recordEmergency:focus { border-color: #f2b632; }"
            "QPushButton#recordEmergency:disabled { background: #d6d6d6; color: #1a1a1a;"
            " border-color: #d6d6d6; }"
        )
        self.record_button.setMinimumWidth(self.record_button.sizeHint().width() + 40)
        self.record_button.clicked.connect(self.record_emergency)
        self.status = QtWidgets.QLabel(self)
        self.status.setObjectName("crisisStatus")
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Escalation status"))
        if case_code:
            self.status.setText(
                self.tr("The escalation will be linked to case {code}.").format(code=case_code)
            )

        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close the crisis screen"))
        buttons.rejected.connect(self.reject)
        self.close_button = close

        if self.locked:
            self.fill_numbers_button.setVisible(False)
            self.record_button.setEnabled(False)
            why = self.tr(
                "Recording the escalation needs svdesk unlocked. The steps above come first; "
                "then unlock svdesk and record it."
            )
            self.status.setText(why)
            self.record_button.setAccessibleDescription(why)
            self.status.setAccessibleDescription(why)

        record_row = QtWidgets.QHBoxLayout()
        record_row.addWidget(self.record_button)
        record_row.addWidget(self.status, 1)
        # The steps and numbers scroll between the title and the record button, which stay in
        # view: squeezed into the dialog, the wrapped numbers were cut to a line (issue 17).
        body = QtWidgets.QWidget(self)
        body.setObjectName("crisisBody")
        body_layout = QtWidgets.QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.steps_label)
        body_layout.addWidget(numbers_title)
        body_layout.addWidget(self.directory_view)
        body_layout.addWidget(self.open_now_view)
        # Who is on call now and next: unlocked from the roster, locked from its signed copy.
        self.on_call: OnCallLabel | LockedOnCallLabel
        if self.locked and on_call is not None:
            crisis_line = next(
                ((n.label, n.phone) for n in self._numbers if n.code == "crisis_line" and n.phone),
                None,
            )
            self.on_call = LockedOnCallLabel(on_call, self._now, self, crisis_line=crisis_line)
        else:
            self.on_call = OnCallLabel(None if self.locked else self.ctx, self)
        body_layout.addWidget(self.on_call)
        body_layout.addWidget(self.no_numbers_label)
        body_layout.addWidget(self.fill_numbers_button, 0, QtCore.Qt.AlignmentFlag.AlignLeft)
        body_layout.addStretch(1)
        self.body_scroll = QtWidgets.QScrollArea(self)
        self.body_scroll.setObjectName("crisisScroll")
        self.body_scroll.setWidget(body)
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.body_scroll.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.body_scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fit_numbers()
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.body_scroll, 1)
        layout.addLayout(record_row)
        layout.addWidget(buttons)
        # Locked, the record button is disabled: Close is the one thing to do here.
        (close if self.locked else self.record_button).setFocus()

    def _fit_numbers(self) -> None:
        """Never narrower than the numbers: the dialog widens instead of cutting them off."""
        body = self.body_scroll.widget()
        if body is not None:
            self.body_scroll.setMinimumWidth(
                body.minimumSizeHint().width()
                + self.body_scroll.verticalScrollBar().sizeHint().width()
            )

    def _directory(self) -> list[NumberedEntry]:
        if self.locked:
            return self._numbers
        entries: list[NumberedEntry] = []
        if self.ctx is not None:
            with contextlib.suppress(SvdeskError):
                entries = list(self._services.directory(self.ctx))
        return order_entries(entries, CRISIS_DIRECTORY_ORDER)

    def _show_open_now(self) -> None:
        state = None
        if not self.locked and self.ctx is not None:
            with contextlib.suppress(SvdeskError):
                state = open_now(self.ctx, language=content_language())
        elif self.locked and any(getattr(n, "hours", "") for n in self._numbers):
            # Locked: the hours the snapshot carries, checked when they were read.
            entries = [
                DirectoryEntry(
                    code=n.code,
                    label=n.label,
                    phone=n.phone,
                    detail=None,
                    hours=str(getattr(n, "hours", "")),
                    after_hours=getattr(n, "after_hours", None),
                )
                for n in self._numbers
            ]
            with contextlib.suppress(SvdeskError):
                state = open_now_of(entries, self._now())
        self.open_now_view.show_state(state, level="emergency")

    def _update_fill_numbers(self) -> None:
        if self.locked:
            self.fill_numbers_button.setVisible(False)
            return
        is_admin = isinstance(self.ctx, UnitContext) and self.ctx.is_admin
        entries = self._directory() if is_admin else []
        unset = not entries or any(not e.phone for e in entries)
        self.fill_numbers_button.setVisible(bool(is_admin and unset))

    def open_directory_editor(self) -> QtWidgets.QDialog:
        dialog = DirectoryDialog(None, self, ctx=self.ctx)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.directory_changed.connect(self._directory_changed)
        dialog.open()
        return dialog

    def _directory_changed(self) -> None:
        self.directory_view.set_entries(self._directory())
        self._fit_numbers()
        self._show_open_now()
        self._update_fill_numbers()

    def record_emergency(self) -> Escalation | None:
        """Record an emergency escalation (once per opening of the screen)."""
        if self.locked or self.ctx is None:
            return None
        try:
            escalation = self._services.record_emergency(self.ctx, case_code=self.case_code)
        except SvdeskError as exc:
            show_error(self, exc)
            return None
        self.recorded = escalation
        self.record_button.setEnabled(False)
        self.record_button.setText(self.tr("Emergency escalation recorded"))
        text = self.tr(
            "✓ Recorded at {time}. It is in the unit's escalation queue, due now."
        ).format(time=datetime.now().strftime("%H:%M"))
        self.status.setText(text)
        self.status.setAccessibleDescription(text)
        self.emergency_recorded.emit(escalation)
        return escalation


def locked_crisis_dialog(main: MainWindow) -> CrisisDialog:
    """The crisis screen for the main window while it is locked: the numbers of the data folder's
    crisis snapshot and who is on call by its signed copy of the roster (neither for a
    coordinator store, which has no unit directory and no roster)."""
    workstation = main.workstation
    # No workstation (first run, or the store could not be opened): the folder may still hold
    # a snapshot.
    unit_directory = workstation is None or workstation.info.role == "unit"
    numbers = read_crisis_snapshot(main.home) if unit_directory else []
    return CrisisDialog(
        None,
        parent=main,
        locked=True,
        numbers=numbers,
        unit_directory=unit_directory,
        now=clock,
        on_call=kiosk_on_call(workstation) if unit_directory else None,
    )


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
