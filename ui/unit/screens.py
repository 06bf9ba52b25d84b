"""The unit's screens in the shell: "New conversation" and resumed drafts open a conversation
window, Crisis opens the crisis screen, and the home page gets the unit's queues."""

from __future__ import annotations

import contextlib
import sys
import traceback
from typing import TYPE_CHECKING, Any

from svdesk.errors import SvdeskError
from svdesk.unit import directory
from ui.qt import Qt
from ui.runtime.errors import show_error
from ui.unit.conversation import ConversationWindow, resume_conversation, start_new_conversation
from ui.unit.conversation_host import ConversationHost, completed_message
from ui.unit.crisis import CrisisDialog, locked_crisis_dialog
from ui.unit.queues import EscalationQueue, FollowupsWidget, OpenDraftsWidget

if TYPE_CHECKING:
    from svdesk.access.session import Session
    from svdesk.unit.context import UnitContext


def attach_to_main_window(main: Any) -> None:  # typed by the screen registry (next)
    """Plug the conversation, crisis and queue screens into the shell's `MainWindow`:
    "New conversation" and follow-ups open a conversation window, the toolbar's Crisis action
    opens the crisis screen, and the home page gets the escalation, follow-up and
    unfinished-conversation queues."""
    from svdesk.unit.context import context_for  # noqa: PLC0415

    queues: list[EscalationQueue | FollowupsWidget | OpenDraftsWidget] = []

    def ctx() -> UnitContext | None:
        session = main.session
        return None if session is None else context_for(session)

    def refresh_home() -> None:
        for widget in queues:
            with contextlib.suppress(RuntimeError):  # the page went with a lock
                widget.refresh()

    def show_host(window: ConversationWindow) -> ConversationHost:
        host = ConversationHost(window, main)
        host.lock_requested.connect(main.lock)
        window.completed.connect(lambda _e: refresh_home())
        window.completed.connect(lambda encounter: completed_message(main, encounter))
        window.discarded.connect(lambda _d: refresh_home())
        window.emergency_recorded.connect(lambda _e: refresh_home())
        host.show()
        host.activateWindow()
        return host

    def new_conversation(_session: Session) -> None:
        unit = ctx()
        if unit is None:
            return
        try:
            show_host(start_new_conversation(unit))
        except SvdeskError as exc:
            show_error(main, exc)
        refresh_home()

    def resume(draft_id: str) -> None:
        unit = ctx()
        if unit is None:
            return
        try:
            show_host(resume_conversation(unit, draft_id))
        except SvdeskError as exc:
            show_error(main, exc)
        refresh_home()

    def crisis() -> None:
        unit = ctx()
        if unit is None:  # locked (or no store yet): the steps and the saved numbers
            dialog = locked_crisis_dialog(main)
        else:
            dialog = CrisisDialog(unit, parent=main)
            dialog.emergency_recorded.connect(lambda _e: refresh_home())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        main.crisis_dialog = dialog

    def refresh_crisis_numbers(session: Session) -> None:
        # The copy the locked crisis screen shows; stores made before it existed get one here.
        if session.workstation.info.role != "unit":
            return
        try:
            directory.refresh_crisis_snapshot(context_for(session), session.workstation.home)
        except Exception as exc:  # the unlock goes on; the next save or unlock tries again
            traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)

    def install_queues(page: Any) -> None:
        unit = ctx()
        if unit is None:
            return
        drafts = OpenDraftsWidget(unit)
        follow_ups = FollowupsWidget(unit)
        escalations = EscalationQueue(unit)
        drafts.conversation_requested.connect(resume)
        follow_ups.conversation_requested.connect(resume)
        layout = page.layout()
        for old, new in ((page.follow_ups, follow_ups), (page.escalations, escalations)):
            layout.replaceWidget(old, new, Qt.FindChildOption.FindChildrenRecursively)
            old.hide()
            old.deleteLater()
        layout.insertWidget(layout.count() - 1, drafts)
        page.follow_ups = follow_ups
        page.escalations = escalations
        page.open_drafts = drafts
        queues[:] = [drafts, follow_ups, escalations]

    main.new_conversation_requested.connect(new_conversation)
    main.crisis_requested.connect(crisis)
    main.home_page_created.connect(install_queues)
    main.unlocked.connect(refresh_crisis_numbers)
    if main.home_page is not None:  # already unlocked when attached
        install_queues(main.home_page)
    if main.session is not None:
        refresh_crisis_numbers(main.session)
