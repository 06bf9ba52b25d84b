"""The feedback page of the locked workstation (issue 14, item 3): a colleague types the one-time
code a supporter offered at the end of their conversation (ui/unit/feedback_code), answers the
feedback survey's questions by keyboard, is thanked, and the screen goes back to the lock.

Like the kiosk survey (ui/shell/kiosk) it fills the unlock screen and shows nothing of the store;
only Crisis (the window's toolbar) stays within reach. A code that does not work gets one and the
same message, whatever the reason (`feedback_codes.WRONG_CODE`); after several, the page says
how long to wait (`FeedbackKiosk.seconds_to_wait`). Untouched for a minute, it forgets the code
and the answers and locks back. The answers are merged into the store at the next unlock
(`settle_feedback`, from `ui.shell.kiosk.settle_after_unlock`).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from svdesk.access.session import Opened, Session
from svdesk.content.feedback_survey import CHOICE_ITEM, feedback_survey
from svdesk.errors import InvalidInput, Refused, SvdeskError
from svdesk.unit import feedback
from svdesk.unit.feedback_codes import WRONG_CODE
from svdesk.unit.feedback_kiosk import FeedbackDelayed, FeedbackEntry, FeedbackKiosk, open_feedback
from ui.qt import QtCore, QtGui, QtWidgets, Signal
from ui.runtime.errors import show_error
from ui.runtime.language import content_language
from ui.widgets.forms import FormMessage, add_row, explanation, named, page_title, push_button

FEEDBACK_IDLE_MS = 60_000  # untouched this long, the page forgets the code and answers
THANKS_MS = 8_000  # the thank-you shows this long, unless Done comes first
WAIT_TICK_MS = 200  # how often the wait after wrong codes is counted down
_ACTIVITY = frozenset(
    {
        QtCore.QEvent.Type.KeyPress,
        QtCore.QEvent.Type.MouseButtonPress,
        QtCore.QEvent.Type.Wheel,
        QtCore.QEvent.Type.TouchBegin,
    }
)
CODE_PAGE, QUESTIONS_PAGE, THANKS_PAGE = 0, 1, 2


def _centred(page: QtWidgets.QWidget) -> QtWidgets.QVBoxLayout:
    row = QtWidgets.QHBoxLayout(page)  # centred, as the unlock form is
    column = QtWidgets.QVBoxLayout()
    row.addStretch(1)
    row.addLayout(column, 2)
    row.addStretch(1)
    return column


class KioskFeedbackPage(QtWidgets.QWidget):
    """The code, the questions, the thank-you; emits `finished` (submitted, left or idle)."""

    finished = Signal()

    def __init__(self, station: FeedbackKiosk, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskFeedbackPage")
        self._station = station
        self._entry: FeedbackEntry | None = None
        self._left = False
        # The questions in the screen's language (ids, scales and values are the same).
        survey = feedback_survey(content_language())
        self.pages = QtWidgets.QStackedWidget()
        QtWidgets.QVBoxLayout(self).addWidget(self.pages)

        # -- the code
        code_page = QtWidgets.QWidget()
        column = _centred(code_page)
        column.addStretch(1)
        column.addWidget(page_title(self.tr("Give feedback on peer support")))
        column.addWidget(
            explanation(
                self.tr(
                    "Type the feedback code the peer supporter gave you at the end of your "
                    "conversation. Nobody is signed in while you answer, and your answers are "
                    'linked to nothing but "a conversation of this unit in this month".'
                )
            )
        )
        form = QtWidgets.QFormLayout()
        self.code = QtWidgets.QLineEdit()
        self.code.setObjectName("kioskFeedbackCode")
        self.code.setPlaceholderText("K7Q2M-4XPR9-T")
        self.code.setMaxLength(40)
        add_row(form, self.tr("Feedback &code:"), self.code)
        column.addLayout(form)
        self.code_message = FormMessage()
        self.code_message.setObjectName("kioskFeedbackCodeMessage")
        column.addWidget(self.code_message)
        buttons = QtWidgets.QHBoxLayout()
        self.leave_button = push_button(self.tr("&Leave"), object_name="kioskFeedbackLeave")
        self.leave_button.setAutoDefault(False)
        self.next_button = push_button(self.tr("&Next"), object_name="kioskFeedbackNext")
        self.next_button.setAutoDefault(False)
        buttons.addWidget(self.leave_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        column.addLayout(buttons)
        column.addStretch(2)
        self.pages.addWidget(code_page)

        # -- the questions
        questions = QtWidgets.QWidget()
        column = QtWidgets.QVBoxLayout(questions)
        column.addWidget(page_title(survey.title))
        column.addWidget(explanation(survey.instructions.strip()))
        items = QtWidgets.QWidget()
        items_layout = QtWidgets.QVBoxLayout(items)
        self._groups: dict[str, QtWidgets.QButtonGroup] = {}
        self.questions: list[QtWidgets.QGroupBox] = []
        count = len(survey.items)
        for number, item in enumerate(survey.items, 1):
            box = QtWidgets.QGroupBox(
                self.tr("Question {n} of {count}").format(n=number, count=count)
            )
            box.setObjectName(f"feedback_{item.id}")
            inner = QtWidgets.QVBoxLayout(box)
            inner.addWidget(explanation(item.text))
            # A choice with long labels goes down; a scale goes across.
            across = item.id != CHOICE_ITEM
            line: QtWidgets.QBoxLayout = (
                QtWidgets.QHBoxLayout() if across else QtWidgets.QVBoxLayout()
            )
            group = QtWidgets.QButtonGroup(box)
            group.setExclusive(True)
            for point in survey.scale(item.scale).points:
                radio = QtWidgets.QRadioButton(point.label.replace("&", "&&"))
                radio.setAccessibleName(point.label)
                radio.setAccessibleDescription(item.text)
                group.addButton(radio, point.value)
                line.addWidget(radio)
            if across:
                line.addStretch(1)
            inner.addLayout(line)
            items_layout.addWidget(box)
            self._groups[item.id] = group
            self.questions.append(box)
        items_layout.addStretch(1)
        scroll = QtWidgets.QScrollArea()
        scroll.setObjectName("kioskFeedbackItems")
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setWidget(items)
        column.addWidget(scroll, 1)
        self.message = FormMessage()
        self.message.setObjectName("kioskFeedbackMessage")
        column.addWidget(self.message)
        buttons = QtWidgets.QHBoxLayout()
        self.leave_answers_button = push_button(
            self.tr("&Leave without answering"), object_name="kioskFeedbackLeaveAnswers"
        )
        self.leave_answers_button.setAutoDefault(False)
        self.submit_button = push_button(
            self.tr("&Submit answers"), object_name="kioskFeedbackSubmit"
        )
        self.submit_button.setAutoDefault(False)
        buttons.addWidget(self.leave_answers_button)
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        column.addLayout(buttons)
        self.pages.addWidget(questions)

        # -- the thank-you
        thanks = QtWidgets.QWidget()
        column = _centred(thanks)
        column.addStretch(1)
        self.thanks = page_title(self.tr("Thank you for your feedback."))
        column.addWidget(self.thanks)
        column.addWidget(
            explanation(
                self.tr(
                    "Your answers are kept for the peer support program with this month only: "
                    "not your name, not the supporter, not the day. In a few seconds the screen "
                    "goes back to the locked workstation."
                )
            )
        )
        self.done_button = push_button(self.tr("&Done"), object_name="kioskFeedbackDone")
        done_row = QtWidgets.QHBoxLayout()
        done_row.addStretch(1)
        done_row.addWidget(self.done_button)
        column.addLayout(done_row)
        column.addStretch(2)
        self.pages.addWidget(thanks)

        self.leave_button.clicked.connect(self.leave)
        self.next_button.clicked.connect(self.check_code)
        self.code.returnPressed.connect(self.check_code)
        self.leave_answers_button.clicked.connect(self.leave)
        self.submit_button.clicked.connect(self.submit)
        self.done_button.clicked.connect(self.leave)
        QtGui.QShortcut(QtGui.QKeySequence("Escape"), self).activated.connect(self.leave)

        self._idle = QtCore.QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(FEEDBACK_IDLE_MS)
        self._idle.timeout.connect(self.leave)
        self._thanks_timer = QtCore.QTimer(self)
        self._thanks_timer.setSingleShot(True)
        self._thanks_timer.setInterval(THANKS_MS)
        self._thanks_timer.timeout.connect(self.leave)
        self._wait_timer = QtCore.QTimer(self)
        self._wait_timer.setInterval(WAIT_TICK_MS)
        self._wait_timer.timeout.connect(self._tick)
        app = QtWidgets.QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._idle.start()
        if station.seconds_to_wait() > 0:  # a wait still running from the last visit
            self._start_wait()

    def initial_focus(self) -> QtWidgets.QWidget:
        return self.code

    def answers(self) -> dict[str, int | None]:
        """What is chosen, by item id (None: not answered)."""
        return {
            item_id: (group.checkedId() if group.checkedButton() is not None else None)
            for item_id, group in self._groups.items()
        }

    # -- the code ------------------------------------------------------------------------------
    def check_code(self) -> None:
        if self._left or self._entry is not None or self._wait_timer.isActive():
            return
        try:
            entry = self._station.check(self.code.text())
        except FeedbackDelayed:
            self._start_wait()
            return
        except InvalidInput:
            self.code_message.show_message(
                self.tr(
                    "A feedback code has 11 letters and digits, like K7Q2M-4XPR9-T (dashes and "
                    "spaces do not matter); check what you typed."
                )
            )
            self.code.setFocus()
            return
        except Refused:
            self._wrong_code()
            return
        self._entry = entry
        self.code.clear()
        self.code_message.clear_message()
        self.pages.setCurrentIndex(QUESTIONS_PAGE)
        self._first_answer().setFocus()

    def _wrong_code(self) -> None:
        if self._station.seconds_to_wait() > 0:
            self._start_wait()
            return
        self.code_message.show_message(self.wrong_code_text())
        self.code.selectAll()
        self.code.setFocus()

    def wrong_code_text(self) -> str:
        """One message for every code that does not work (it says nothing of similar codes)."""
        return self.tr(
            "This feedback code does not work. Check each character against the code you were "
            "given and type it again; a code works once, until the day it says."
        )

    def _start_wait(self) -> None:
        self.next_button.setEnabled(False)
        self._wait_timer.start()
        self._tick()

    def _tick(self) -> None:
        left = math.ceil(self._station.seconds_to_wait())
        if left <= 0:
            self._wait_timer.stop()
            self.next_button.setEnabled(True)
            self.code_message.show_message(
                self.tr("Several codes that do not work were typed. You can try again now.")
            )
            return
        self.next_button.setEnabled(False)
        self.code_message.show_message(
            self.tr("Several codes that do not work were typed.")
            + " "
            + self.tr("You can try again in %n second(s).", "", left)
        )

    def _first_answer(self) -> QtWidgets.QWidget:
        first = next(iter(self._groups.values()), None)
        buttons = first.buttons() if first is not None else []
        return buttons[0] if buttons else self.submit_button

    # -- the answers -----------------------------------------------------------------------------
    def submit(self) -> None:
        if self._left or self._entry is None:
            return
        try:
            self._station.submit(self._entry, self.answers())
        except InvalidInput:
            self.message.show_message(
                self.tr(
                    "No question is answered yet; choose an answer for at least one question, "
                    "or leave."
                )
            )
            return
        except Refused as exc:
            # The code was used meanwhile (the same words as any code that does not work), or
            # the answers could not be kept (the core says why).
            text = exc.message
            if text == WRONG_CODE:
                text = self.wrong_code_text()
            self.message.show_message(text)
            return
        self._forget()
        self.pages.setCurrentIndex(THANKS_PAGE)
        self.done_button.setFocus()
        self._thanks_timer.start()

    def leave(self) -> None:
        """Forget the code and what was chosen, and go back to the unlock screen (once)."""
        if self._left:
            return
        self._left = True
        self._idle.stop()
        self._thanks_timer.stop()
        self._wait_timer.stop()
        app = QtWidgets.QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._forget()
        self.finished.emit()

    def _forget(self) -> None:
        self._entry = None
        self.code.clear()
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


def show_kiosk_feedback(
    host: QtWidgets.QWidget,
    workstation: Opened,
    pages: QtWidgets.QStackedWidget,
    *,
    refused: Callable[[str], None],
    closed: Callable[[], None],
) -> KioskFeedbackPage | None:
    """Open the feedback page over the unlock form in `pages` (the unlock page's own stack).
    When feedback cannot be given (`open_feedback` refuses), `refused(message)` instead."""
    try:
        station = open_feedback(workstation)
    except Refused as exc:
        refused(exc.message)
        return None
    page = KioskFeedbackPage(station, host)
    named(page, QtCore.QCoreApplication.translate("KioskFeedbackPage", "Give feedback"))
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


def settle_feedback(parent: QtWidgets.QWidget, session: Session) -> feedback.FeedbackSettled | None:
    """After each unlock of a unit store: the feedback answers given at the locked screen merged
    (a few small files: here, at once) and the kiosk's list of codes rewritten. A problem is said
    in a dialog and does not stop the unlock; files not merged wait for the next unlock."""
    try:
        return feedback.settle(session)
    except SvdeskError as exc:
        show_error(parent, exc)
        return None
