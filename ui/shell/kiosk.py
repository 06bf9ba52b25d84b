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
from svdesk.errors import SvdeskError
from svdesk.unit import kiosk
from ui.qt import QtWidgets
from ui.runtime.errors import show_error
from ui.runtime.language import content_language
from ui.runtime.ops import BackgroundOp
from ui.shell.kiosk_feedback import settle_feedback
from ui.shell.kiosk_page import (
    KioskPageBase,
    chosen,
    first_choice,
    item_box,
    show_over_unlock,
    unchoose,
)
from ui.widgets.forms import FormMessage, explanation, page_title, push_button

KIOSK_IDLE_MS = 60_000  # untouched this long, the kiosk forgets the answers and locks back
THANKS_MS = 8_000  # the thank-you shows this long, unless Done comes first


class KioskPage(KioskPageBase):
    """The survey, then the thank-you; emits `finished` (submitted, left or idle)."""

    def __init__(self, station: kiosk.Kiosk, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(KIOSK_IDLE_MS, parent)
        self.setObjectName("kioskPage")
        self._station = station
        # The survey's texts in the screen's language (ids, scales and scoring are the same).
        survey = bundled_surveys(content_language()).get(station.survey.id, station.survey)
        self._groups: dict[str, QtWidgets.QButtonGroup] = {}

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
            box, group = item_box(
                self.tr("Statement {n} of {count}").format(n=number, count=count),
                f"item_{item.id}",
                item,
                survey.scale(item.scale),
            )
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

        self.thanks = self._last_page(
            self.tr("Thank you."),
            explanation(
                self.tr(
                    "Your answers are kept for the peer support program, without your name or "
                    "the time. In a few seconds the screen goes back to the locked workstation."
                )
            ),
            self.tr("&Done"),
            "kioskDone",
        )

        self.leave_button.clicked.connect(self.leave)
        self.submit_button.clicked.connect(self.submit)
        self._thanks_timer = self._timer(THANKS_MS, self.leave)
        self._watch()

    def initial_focus(self) -> QtWidgets.QWidget:
        return first_choice(self._groups, self.submit_button)

    def answers(self) -> dict[str, int | None]:
        """What is chosen, by item id (None: not answered)."""
        return chosen(self._groups)

    def submit(self) -> None:
        if self._left:
            return
        try:
            self._station.submit(self.answers())
        except SvdeskError as exc:
            self.message.show_message(exc.message)
            return
        unchoose(self._groups)
        self._show_last(self._thanks_timer)

    def _forget_on_leave(self) -> None:
        unchoose(self._groups)


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
    return show_over_unlock(
        pages,
        lambda: kiosk.open_kiosk(workstation),
        lambda station: KioskPage(station, host),
        refused=refused,
        closed=closed,
    )


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
