"""The kiosk page: a staff member answers the unit's survey at the locked workstation, anonymously
(issue 14, item 2). It fills the unlock screen, shows the survey and nothing of the store, takes
its answers by keyboard (Tab to a statement, arrow keys to an answer), thanks, and goes back to the
unlock screen when done or after a minute untouched. Only Crisis (the window's toolbar) stays
within reach: the unlock form, and with it every other shortcut, is hidden while it shows.
"""

from __future__ import annotations

from collections.abc import Callable

from svdesk.access.session import Opened, Session
from svdesk.content.surveys import bundled_surveys
from svdesk.errors import Refused, SvdeskError
from svdesk.unit import kiosk
from ui.qt import QtCore, QtGui, QtWidgets, Signal
from ui.runtime.errors import show_error
from ui.runtime.language import content_language
from ui.runtime.ops import BackgroundOp
from ui.shell.kiosk_feedback import settle_feedback
from ui.widgets.forms import FormMessage, explanation, page_title, push_button

KIOSK_IDLE_MS = 60_000  # untouched this long, the kiosk forgets the answers and locks back
THANKS_MS = 8_000  # the thank-you shows this long, unless Done comes first
_ACTIVITY = frozenset(
    {
        QtCore.QEvent.Type.KeyPress,
        QtCore.QEvent.Type.MouseButtonPress,
        QtCore.QEvent.Type.Wheel,
        QtCore.QEvent.Type.TouchBegin,
    }
)


class KioskPage(QtWidgets.QWidget):
    """The survey, then the thank-you; emits `finished` (submitted, left or idle)."""

    finished = Signal()

    def __init__(self, station: kiosk.Kiosk, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskPage")
        self._station = station
        # The survey's texts in the screen's language (ids, scales and scoring are the same).
        survey = bundled_surveys(content_language()).get(station.survey.id, station.survey)
        self._groups: dict[str, QtWidgets.QButtonGroup] = {}
        self.pages = QtWidgets.QStackedWidget()
        QtWidgets.QVBoxLayout(self).addWidget(self.pages)

        form = QtWidgets.QWidget()
        column = QtWidgets.QVBoxLayout(form)
        column.addWidget(page_title(survey.title))
        column.addWidget(explanation(survey.instructions.strip()))
        column.addWidget(
            explanation(
                self.tr(
                    "Your answers are kept with this week's number only: not your name, not the "
                    "time, not the order of answers. Nobody is signed in while you answer."
                )
            )
        )
        items = QtWidgets.QWidget()
        items_layout = QtWidgets.QVBoxLayout(items)
        count = len(survey.items)
        self.statements: list[QtWidgets.QGroupBox] = []
        for number, item in enumerate(survey.items, 1):
            box = QtWidgets.QGroupBox(
                self.tr("Statement {n} of {count}").format(n=number, count=count)
            )
            box.setObjectName(f"item_{item.id}")
            inner = QtWidgets.QVBoxLayout(box)
            inner.addWidget(explanation(item.text))
            row = QtWidgets.QHBoxLayout()
            group = QtWidgets.QButtonGroup(box)
            group.setExclusive(True)
            for point in survey.scale(item.scale).points:
                radio = QtWidgets.QRadioButton(point.label.replace("&", "&&"))
                radio.setAccessibleName(point.label)
                radio.setAccessibleDescription(item.text)
                group.addButton(radio, point.value)
                row.addWidget(radio)
            row.addStretch(1)
            inner.addLayout(row)
            items_layout.addWidget(box)
            self._groups[item.id] = group
            self.statements.append(box)
        scroll = QtWidgets.QScrollArea()
        scroll.setObjectName("kioskItems")
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setWidget(items)
        column.addWidget(scroll, 1)
        self.message = FormMessage()
        column.addWidget(self.message)
        buttons = QtWidgets.QHBoxLayout()
        self.leave_button = push_button(
            self.tr("&Leave without answering"), object_name="kioskLeave"
        )
        self.leave_button.setAutoDefault(False)
        self.submit_button = push_button(self.tr("&Submit answers"), object_name="kioskSubmit")
        self.submit_button.setAutoDefault(False)
        buttons.addWidget(self.leave_button)
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        column.addLayout(buttons)
        self.pages.addWidget(form)

        thanks = QtWidgets.QWidget()
        thanks_row = QtWidgets.QHBoxLayout(thanks)  # centred, as the unlock form is
        thanks_column = QtWidgets.QVBoxLayout()
        thanks_row.addStretch(1)
        thanks_row.addLayout(thanks_column, 2)
        thanks_row.addStretch(1)
        thanks_column.addStretch(1)
        self.thanks = page_title(self.tr("Thank you."))
        thanks_column.addWidget(self.thanks)
        thanks_column.addWidget(
            explanation(
                self.tr(
                    "Your answers are kept for the peer support program, without your name or "
                    "the time. In a few seconds the screen goes back to the locked workstation."
                )
            )
        )
        self.done_button = push_button(self.tr("&Done"), object_name="kioskDone")
        done_row = QtWidgets.QHBoxLayout()
        done_row.addStretch(1)
        done_row.addWidget(self.done_button)
        thanks_column.addLayout(done_row)
        thanks_column.addStretch(2)
        self.pages.addWidget(thanks)

        self.leave_button.clicked.connect(self.leave)
        self.submit_button.clicked.connect(self.submit)
        self.done_button.clicked.connect(self.leave)
        QtGui.QShortcut(QtGui.QKeySequence("Escape"), self).activated.connect(self.leave)

        self._idle = QtCore.QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(KIOSK_IDLE_MS)
        self._idle.timeout.connect(self.leave)
        self._thanks_timer = QtCore.QTimer(self)
        self._thanks_timer.setSingleShot(True)
        self._thanks_timer.setInterval(THANKS_MS)
        self._thanks_timer.timeout.connect(self.leave)
        app = QtWidgets.QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._idle.start()
        self._left = False

    def initial_focus(self) -> QtWidgets.QWidget:
        first = next(iter(self._groups.values()), None)
        buttons = first.buttons() if first is not None else []
        return buttons[0] if buttons else self.submit_button

    def answers(self) -> dict[str, int | None]:
        """What is chosen, by item id (None: not answered)."""
        return {
            item_id: (group.checkedId() if group.checkedButton() is not None else None)
            for item_id, group in self._groups.items()
        }

    def submit(self) -> None:
        if self._left:
            return
        try:
            self._station.submit(self.answers())
        except SvdeskError as exc:
            self.message.show_message(exc.message)
            return
        self._forget_answers()
        self.pages.setCurrentIndex(1)
        self.done_button.setFocus()
        self._thanks_timer.start()

    def leave(self) -> None:
        """Forget what was chosen and go back to the unlock screen (once)."""
        if self._left:
            return
        self._left = True
        self._idle.stop()
        self._thanks_timer.stop()
        app = QtWidgets.QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._forget_answers()
        self.finished.emit()

    def _forget_answers(self) -> None:
        for group in self._groups.values():
            checked = group.checkedButton()
            if checked is not None:
                group.setExclusive(False)
                checked.setChecked(False)
                group.setExclusive(True)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if event.type() in _ACTIVITY and not self._left:
            self._idle.start()  # restarts: a minute from the last key or click
        return False


def show_kiosk(
    host: QtWidgets.QWidget,
    workstation: Opened,
    pages: QtWidgets.QStackedWidget,
    *,
    refused: Callable[[str], None],
    closed: Callable[[], None],
) -> KioskPage | None:
    """Open the kiosk over the unlock form in `pages` (the unlock page's own stack). When the
    survey cannot be offered (`kiosk.open_kiosk` refuses), `refused(message)` instead."""
    try:
        station = kiosk.open_kiosk(workstation)
    except Refused as exc:
        refused(exc.message)
        return None
    page = KioskPage(station, host)
    pages.addWidget(page)
    pages.setCurrentWidget(page)
    page.initial_focus().setFocus()

    def back() -> None:
        pages.setCurrentIndex(0)
        pages.removeWidget(page)
        page.hide()
        page.deleteLater()
        closed()

    page.finished.connect(back)
    return page


# The unlocked session (and its window) whose roster the locked kiosk is to show.
_mirroring: list[tuple[QtWidgets.QWidget, Session]] = []


def _roster_changed() -> None:
    from svdesk.unit import kiosk_requests  # noqa: PLC0415 (only after an unlock)

    for parent, session in _mirroring[-1:]:
        if not session.locked:
            try:
                kiosk_requests.write_on_call(session)
            except SvdeskError as exc:
                show_error(parent, exc)


def settle_requests(parent: QtWidgets.QWidget, session: Session) -> None:
    """The kiosk's requests for support merged (a few small files: here, at once), who is on
    call mirrored for the locked kiosk (again whenever the roster changes), the on-call hours
    passed judged; then the request queues on screen read again."""
    from svdesk.unit import kiosk_requests  # noqa: PLC0415 (only after an unlock)
    from ui.unit.oncall import roster_changes  # noqa: PLC0415
    from ui.unit.requests import RequestQueue  # noqa: PLC0415

    try:
        kiosk_requests.settle(session)
    except SvdeskError as exc:
        show_error(parent, exc)
    for queue in parent.findChildren(RequestQueue):
        queue.refresh()
    if not _mirroring:
        roster_changes().changed.connect(_roster_changed)
    _mirroring[:] = [(parent, session)]


def settle_after_unlock(parent: QtWidgets.QWidget, session: Session) -> BackgroundOp | None:
    """After each unlock of a unit store: the inbox key and the survey file at once, the
    requests for support and the recipient feedback merged (`settle_feedback`), then the
    inbox read and decrypted on the worker and merged here, on the GUI thread, where the other
    screens write (500 responses take about a second to decrypt). A problem is said in a
    dialog and does not stop the unlock; files not merged wait for the next unlock."""
    try:
        kiosk.prepare(session)
    except SvdeskError as exc:
        show_error(parent, exc)
    settle_requests(parent, session)
    settle_feedback(parent, session)

    def merge(inbox: kiosk.Inbox) -> None:
        if session.locked:
            return  # locked meanwhile: the files wait for the next unlock
        try:
            kiosk.store_inbox(session, inbox)
        except Exception as exc:
            show_error(parent, exc)

    return BackgroundOp(
        parent, op=lambda: kiosk.read_inbox(session), success=merge, cancellable=False
    ).run()
