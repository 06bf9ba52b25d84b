"""The unit's screens the shell opens (through `ui.shell.screens.ScreenRegistry`): a
conversation in a window of its own, the crisis screen, and the crisis numbers' copy refreshed at
each unlock."""

from __future__ import annotations

import sys
import traceback
from typing import TYPE_CHECKING

from svdesk.errors import SvdeskError
from svdesk.unit import directory, retention
from svdesk.unit.context import context_for
from ui.qt import QtCore
from ui.runtime.errors import show_error
from ui.runtime.ops import BackgroundOp
from ui.unit.conversation import ConversationWindow, resume_conversation, start_new_conversation
from ui.unit.conversation_host import ConversationHost, completed_message
from ui.unit.crisis import CrisisDialog, locked_crisis_dialog

if TYPE_CHECKING:
    from svdesk.access.session import Session
    from ui.shell.home import HomePage
    from ui.shell.main_window import MainWindow


def _refresh_home(main: MainWindow) -> None:
    page = main.home_page
    if page is not None:
        page.refresh()


def open_conversation(main: MainWindow, draft_id: str | None = None) -> ConversationHost | None:
    """A new conversation (`draft_id` None) or the saved draft `draft_id` in a window of its own
    beside `main`; None when locked or when the store refused (it says why)."""
    session = main.session
    if session is None:
        return None
    ctx = context_for(session)
    try:
        window = (
            start_new_conversation(ctx) if draft_id is None else resume_conversation(ctx, draft_id)
        )
    except SvdeskError as exc:
        show_error(main, exc)
        _refresh_home(main)
        return None
    host = _show_host(main, window)
    _refresh_home(main)  # the new draft is among the unfinished conversations
    return host


def _show_host(main: MainWindow, window: ConversationWindow) -> ConversationHost:
    host = ConversationHost(window, main)
    host.lock_requested.connect(main.lock)
    window.completed.connect(lambda _e: _refresh_home(main))
    window.completed.connect(
        lambda encounter: completed_message(main, encounter, session=main.session)
    )
    window.discarded.connect(lambda _d: _refresh_home(main))
    window.emergency_recorded.connect(lambda _e: _refresh_home(main))
    host.show()
    host.activateWindow()
    return host


def open_crisis(main: MainWindow) -> CrisisDialog:
    """The crisis screen over `main`: it records an emergency while unlocked; locked (or with no
    store yet) it shows the steps and the saved numbers."""
    session = main.session
    if session is None:
        dialog = locked_crisis_dialog(main)
    else:
        dialog = CrisisDialog(context_for(session), parent=main)
        dialog.emergency_recorded.connect(lambda _e: _refresh_home(main))
    dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def refresh_crisis_numbers(main: MainWindow, session: Session) -> None:
    """The copy of the crisis numbers the locked crisis screen shows (stores made before it
    existed get one here); a copy changed outside svdesk since its last write is reported."""
    try:
        result = directory.refresh_crisis_snapshot(context_for(session), session.workstation.home)
    except Exception as exc:  # the unlock goes on; the next save or unlock tries again
        traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
        return
    if result.changed_outside:
        from ui.shell.clock_notice import crisis_numbers_notice  # noqa: PLC0415 (rarely needed)

        main.show_notice(crisis_numbers_notice())


def purge_expired(main: MainWindow, session: Session, page: HomePage) -> BackgroundOp:
    """Retention: closed cases exported more than the policy's days ago go at each unlock, and
    kiosk survey responses sent to the coordinator whose week is that old.

    Looked for on the worker; deleted on the GUI thread, where the conversation screens
    write too, so that two transactions never interleave on the one connection.
    """

    ctx = context_for(session)

    def purge(expired: list[str]) -> None:
        if session.locked:
            return
        try:
            if expired:
                retention.purge_expired(ctx)
            retention.purge_sent_survey_responses(ctx)
        except Exception as exc:
            show_error(main, exc)

    return BackgroundOp(
        page, op=lambda: retention.expired_cases(ctx), success=purge, cancellable=False
    ).run()
