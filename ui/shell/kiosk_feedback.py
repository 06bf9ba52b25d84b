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
from ui.qt import QtCore, QtWidgets
from ui.runtime.errors import show_error
from ui.runtime.language import content_language
from ui.shell.kiosk_page import (
    KioskPageBase,
    centred,
    chosen,
    first_choice,
    item_box,
    show_over_unlock,
    unchoose,
)
from ui.widgets.forms import FormMessage, add_row, explanation, named, page_title, push_button

FEEDBACK_IDLE_MS = 60_000  # untouched this long, the page forgets the code and answers
THANKS_MS = 8_000  # the thank-you shows this long, unless Done comes first
WAIT_TICK_MS = 200  # how often the wait after wrong codes is counted down
CODE_PAGE, QUESTIONS_PAGE, THANKS_PAGE = 0, 1, 2


class KioskFeedbackPage(KioskPageBase):
    """The code, the questions, the thank-you; emits `finished` (submitted, left or idle)."""

    def __init__(self, station: FeedbackKiosk, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(FEEDBACK_IDLE_MS, parent)
        self.setObjectName("kioskFeedbackPage")
        self._station = station
        self._entry: FeedbackEntry | None = None
        # The questions in the screen's language (ids, scales and values are the same).
        survey = feedback_survey(content_language())

        # -- the code
        code_page = QtWidgets.QWidget()
        column = centred(code_page)
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
            # A choice with long labels goes down; a scale goes across.
            box, group = item_box(
                self.tr("Question {n} of {count}").format(n=number, count=count),
                f"feedback_{item.id}",
                item,
                survey.scale(item.scale),
                across=item.id != CHOICE_ITEM,
            )
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
        self.thanks = self._last_page(
            self.tr("Thank you for your feedback."),
            explanation(
                self.tr(
                    "Your answers are kept for the peer support program with this month only: "
                    "not your name, not the supporter, not the day. In a few seconds the screen "
                    "goes back to the locked workstation."
                )
            ),
            self.tr("&Done"),
            "kioskFeedbackDone",
        )

        self.leave_button.clicked.connect(self.leave)
        self.next_button.clicked.connect(self.check_code)
        self.code.returnPressed.connect(self.check_code)
        self.leave_answers_button.clicked.connect(self.leave)
        self.submit_button.clicked.connect(self.submit)
        self._thanks_timer = self._timer(THANKS_MS, self.leave)
        self._wait_timer = self._timer(WAIT_TICK_MS, self._tick, once=False)
        self._watch()
        if station.seconds_to_wait() > 0:  # a wait still running from the last visit
            self._start_wait()

    def initial_focus(self) -> QtWidgets.QWidget:
        return self.code

    def answers(self) -> dict[str, int | None]:
        """What is chosen, by item id (None: not answered)."""
        return chosen(self._groups)

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
        return first_choice(self._groups, self.submit_button)

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
        self._show_last(self._thanks_timer)

    def _forget(self) -> None:
        self._entry = None
        self.code.clear()
        unchoose(self._groups)

    _forget_on_leave = _forget


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

    def make_page(station: FeedbackKiosk) -> KioskFeedbackPage:
        page = KioskFeedbackPage(station, host)
        named(page, QtCore.QCoreApplication.translate("KioskFeedbackPage", "Give feedback"))
        return page

    return show_over_unlock(
        pages, lambda: open_feedback(workstation), make_page, refused=refused, closed=closed
    )


def settle_feedback(parent: QtWidgets.QWidget, session: Session) -> feedback.FeedbackSettled | None:
    """After each unlock of a unit store: the feedback answers given at the locked screen merged
    (a few small files: here, at once) and the kiosk's list of codes rewritten. A problem is said
    in a dialog and does not stop the unlock; files not merged wait for the next unlock."""
    try:
        return feedback.settle(session)
    except SvdeskError as exc:
        show_error(parent, exc)
        return None
