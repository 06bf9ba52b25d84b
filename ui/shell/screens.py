"""The screen registry: which screen the main window opens for what — the page of an unlocked
store (home or coordinator), a conversation, the crisis screen — in one place. The main window
asks the registry; no screen plugs itself into the window.

What an unlocked store shows is imported on first use here, not when the main window is: the
unlock screen loads none of it (tests/ui/test_unlock_imports.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.qt import QtCore, QtWidgets

if TYPE_CHECKING:
    from svdesk.access.session import Session
    from ui.coordinator.page import CoordinatorPage
    from ui.qt import QtWidgets
    from ui.runtime.ops import BackgroundOp
    from ui.shell.home import HomePage
    from ui.shell.main_window import MainWindow


class ScreenRegistry:
    """The screens of the main window, by purpose."""

    def load(self) -> None:
        """Import the unit's screens now (`run_gui` does it after the first paint, so that the
        first New conversation or Crisis opens at once)."""
        import ui.unit.screens  # noqa: F401, PLC0415 (not at unlock, see the module docstring)

    def store_page(self, session: Session) -> HomePage | CoordinatorPage:
        """The page an unlocked store opens on: the coordinator's, or a unit's home."""
        if session.workstation.info.role == "coordinator":
            from ui.coordinator.page import CoordinatorPage  # noqa: PLC0415 (see above)

            return CoordinatorPage(session)
        from ui.shell.home import HomePage  # noqa: PLC0415 (see above)

        return HomePage(session)

    def store_unlocked(self, main: MainWindow, session: Session, page: HomePage) -> BackgroundOp:
        """What a unit store does after each unlock beyond its page: refresh the copy of the
        crisis numbers the locked crisis screen shows, merge the kiosk survey's inbox, and start
        the retention purge (returned, running on the worker)."""
        from ui.shell.kiosk import settle_after_unlock  # noqa: PLC0415
        from ui.unit.screens import purge_expired, refresh_crisis_numbers  # noqa: PLC0415

        refresh_crisis_numbers(main, session)
        settle_after_unlock(main, session)
        return purge_expired(main, session, page)

    def conversation(
        self, main: MainWindow, draft_id: str | None = None
    ) -> QtWidgets.QWidget | None:
        """A new conversation (`draft_id` None) or a saved draft, in a window of its own."""
        from ui.unit.screens import open_conversation  # noqa: PLC0415 (see above)

        return open_conversation(main, draft_id)

    def crisis(self, main: MainWindow) -> QtWidgets.QDialog:
        """The crisis screen: recording while unlocked, the steps and saved numbers while
        locked."""
        from ui.unit.screens import open_crisis  # noqa: PLC0415 (see above)

        return open_crisis(main)


def crisis_fallback(parent: QtWidgets.QWidget) -> QtWidgets.QMessageBox:
    """What to do now, when the crisis screen itself could not be loaded."""
    box = QtWidgets.QMessageBox(parent)
    box.setObjectName("crisisFallback")
    box.setIcon(QtWidgets.QMessageBox.Icon.Warning)
    box.setWindowTitle(QtCore.QCoreApplication.translate("MainWindow", "Crisis"))
    box.setText(
        QtCore.QCoreApplication.translate(
            "MainWindow",
            "If a colleague may harm themselves: stay with them, and call your local "
            "emergency number or on-call psychiatry now.",
        )
    )
    box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
