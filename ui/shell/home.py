"""The home screen of a unit store after unlocking: who is signed in, "New conversation", and the
unit's queues (unfinished conversations and follow-ups: ui/unit/followup_queue.py; open
escalations: ui/unit/escalation_queue.py)."""

from __future__ import annotations

from svdesk.access.session import Session
from svdesk.unit.context import context_for
from svdesk.unit.crisis_numbers import missing_crisis_numbers
from svdesk.unit.directory import directory
from ui.qt import QtCore, QtWidgets, Signal
from ui.runtime.shortcuts import LOCK_SHORTCUT
from ui.unit.directory_editor import DirectoryDialog
from ui.unit.escalation_queue import EscalationQueue
from ui.unit.followup_queue import FollowupsWidget, OpenDraftsWidget
from ui.unit.home_queues import HomeQueues
from ui.unit.oncall import OnCallDialog, OnCallLabel
from ui.unit.requests import RequestQueue
from ui.widgets.forms import explanation, page_title, push_button


class HomePage(QtWidgets.QWidget):
    """The main window opens what the signals ask for (conversations, dialogs, the lock)."""

    new_conversation_requested = Signal()
    #: a saved draft to reopen (an unfinished conversation, or a follow-up started or resumed)
    conversation_requested = Signal(str)
    lock_requested = Signal()
    supporters_requested = Signal()
    settings_requested = Signal()
    change_passphrase_requested = Signal()

    def __init__(self, session: Session, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("homePage")
        self._session = session
        layout = QtWidgets.QVBoxLayout(self)

        header = QtWidgets.QHBoxLayout()
        self.signed_in = QtWidgets.QLabel(
            self.tr("Signed in as {name}").format(name=session.supporter.name)
        )
        self.signed_in.setObjectName("signedIn")
        self.signed_in.setAccessibleName(self.signed_in.text())
        header.addWidget(self.signed_in)
        header.addStretch(1)
        self.change_passphrase_button = push_button(self.tr("Change &passphrase…"))
        header.addWidget(self.change_passphrase_button)
        self.supporters_button = push_button(self.tr("S&upporters…"))
        header.addWidget(self.supporters_button)
        self.settings_button = push_button(self.tr("Sett&ings…"))
        header.addWidget(self.settings_button)
        self.lock_button = push_button(
            self.tr("Loc&k"),
            name=self.tr("Lock ({key})").format(key=LOCK_SHORTCUT),
            object_name="lockButton",
        )
        self.lock_button.setToolTip(self.tr("Lock now ({key})").format(key=LOCK_SHORTCUT))
        header.addWidget(self.lock_button)
        layout.addLayout(header)

        line = QtWidgets.QFrame()
        line.setFrameShape(QtWidgets.QFrame.Shape.HLine)
        layout.addWidget(line)

        # A new unit has no crisis numbers: ask until the emergency and crisis line are set.
        self.crisis_numbers_notice = QtWidgets.QFrame(self)
        self.crisis_numbers_notice.setObjectName("crisisNumbersNotice")
        self.crisis_numbers_notice.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.crisis_numbers_notice.setStyleSheet(
            "#crisisNumbersNotice { background: #fff4ce; border: 1px solid #8a6d00; }"
        )
        notice_layout = QtWidgets.QHBoxLayout(self.crisis_numbers_notice)
        self.crisis_numbers_text = QtWidgets.QLabel(self.crisis_numbers_notice)
        self.crisis_numbers_text.setWordWrap(True)
        notice_layout.addWidget(self.crisis_numbers_text, 1)
        self.set_numbers_button = push_button(
            self.tr("Set crisis nu&mbers…"), object_name="setCrisisNumbers"
        )
        self.set_numbers_button.setAutoDefault(False)
        self.directory_dialog: DirectoryDialog | None = None
        notice_layout.addWidget(self.set_numbers_button)
        layout.addWidget(self.crisis_numbers_notice)

        # Below the header the page scrolls on a small screen instead of squeezing its rows
        # (at 1000x700 the queues showed no row and New conversation was cut; issue 17).
        body = QtWidgets.QWidget(self)
        body.setObjectName("homeBody")
        self.body_scroll = QtWidgets.QScrollArea(self)
        self.body_scroll.setObjectName("homeScroll")
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.body_scroll.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.body_scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body_scroll.setWidget(body)
        layout.addWidget(self.body_scroll, 1)
        layout = QtWidgets.QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)

        # The start in one row, the button first: two rows fewer for the queues.
        start = QtWidgets.QHBoxLayout()
        self.new_conversation_button = push_button(
            self.tr("&New conversation"), object_name="newConversation"
        )
        self.new_conversation_button.setDefault(True)
        start.addWidget(self.new_conversation_button, 0, QtCore.Qt.AlignmentFlag.AlignVCenter)
        intro = QtWidgets.QVBoxLayout()
        intro.setSpacing(0)
        intro.addWidget(page_title(self.tr("Support a colleague")))
        intro.addWidget(
            explanation(
                self.tr(
                    "Start a guided support conversation. It keeps no names and no story, "
                    "only what is needed to follow up."
                )
            )
        )
        start.addLayout(intro, 1)
        layout.addLayout(start)

        ctx = context_for(session)
        self.open_drafts = OpenDraftsWidget(ctx, self)
        layout.addWidget(self.open_drafts)
        # Who is on call now and next (issue 15, item 2); the roster editor next to it.
        on_call_row = QtWidgets.QHBoxLayout()
        self.on_call = OnCallLabel(ctx, self)
        on_call_row.addWidget(self.on_call, 1)
        self.on_call_button = push_button(self.tr("&On-call roster…"), object_name="onCallRoster")
        self.on_call_button.setAutoDefault(False)
        self.on_call_button.clicked.connect(self.open_on_call)
        on_call_row.addWidget(self.on_call_button)
        on_call_row.addStretch(0)  # the button keeps its width while nobody is on the roster
        layout.addLayout(on_call_row)
        # Requests for support with their 30-minute clock (overdue ones in a banner).
        self.requests = RequestQueue(ctx, self)
        layout.addWidget(self.requests)
        self.follow_ups = FollowupsWidget(ctx, self)
        self.escalations = EscalationQueue(ctx, self)
        self.queues = HomeQueues(
            self.follow_ups, self.escalations, (self.follow_ups.table, self.escalations.table)
        )
        layout.addWidget(self.queues, 1)

        self.new_conversation_button.clicked.connect(self.new_conversation_requested)
        self.lock_button.clicked.connect(self.lock_requested)
        self.supporters_button.clicked.connect(self.supporters_requested)
        self.settings_button.clicked.connect(self.settings_requested)
        self.change_passphrase_button.clicked.connect(self.change_passphrase_requested)
        self.open_drafts.conversation_requested.connect(self.conversation_requested)
        self.requests.conversation_requested.connect(self.conversation_requested)
        self.follow_ups.conversation_requested.connect(self.conversation_requested)
        # Only now that it has a parent: a parentless widget made visible becomes a window.
        self.supporters_button.setVisible(bool(session.supporter.is_admin))
        self.set_numbers_button.clicked.connect(self.open_directory)
        self._refresh_crisis_numbers()
        self.new_conversation_button.setFocus()

    @property
    def session(self) -> Session:
        return self._session

    def initial_focus(self) -> QtWidgets.QWidget:
        return self.new_conversation_button

    def refresh(self) -> None:
        """Read the queues again (after a conversation, a crisis record, a change in a queue)."""
        for queue in (self.open_drafts, self.requests, self.follow_ups, self.escalations):
            queue.refresh()
        self.on_call.refresh()
        self._refresh_crisis_numbers()

    def open_on_call(self) -> OnCallDialog:
        dialog = OnCallDialog(context_for(self._session), self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.on_call.refresh)
        dialog.open()
        return dialog

    def _refresh_crisis_numbers(self) -> None:
        entries = directory(context_for(self._session))
        missing = missing_crisis_numbers(entries)
        labels = {e.code: e.label for e in entries}
        names = ", ".join(labels.get(code, code) for code in missing)
        admin = bool(self._session.supporter.is_admin)
        if admin:
            text = self.tr(
                "The crisis screen has no {names} number for this unit yet. Set them now "
                "(Alt+M); until then it shows general emergency numbers."
            ).format(names=names)
        else:
            text = self.tr(
                "The crisis screen has no {names} number for this unit yet; ask your unit admin "
                "to set them. Until then it shows general emergency numbers."
            ).format(names=names)
        self.crisis_numbers_text.setText(text)
        self.crisis_numbers_notice.setAccessibleName(text)
        self.set_numbers_button.setVisible(admin)
        self.crisis_numbers_notice.setVisible(bool(missing))

    def open_directory(self) -> None:
        """The directory editor (admins edit); the notice follows what was saved."""
        dialog = DirectoryDialog(self._session, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._refresh_crisis_numbers())
        dialog.open()
        self.directory_dialog = dialog
