"""The single main window: chooses first-run / unlock / home, owns the session, the Crisis and
Lock actions and the idle auto-lock. Locking destroys every unlocked page and dialog.

Long because it is one state machine, the session's life in the GUI: which page shows, what
unlocking, locking (every unlocked page and dialog destroyed) and shutting down do, and the
entry points that open a dialog only while unlocked. Split, each part would need the others'
state; the pages and dialogs themselves are in their own modules (screens, supporters, ...).
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard, TypeVar

from svdesk.access.store_info import SupporterInfo
from svdesk.access.workstation import Workstation
from svdesk.errors import SecretStoreUnavailable, SvdeskError
from svdesk.keys.keyfile import read_keyfile
from svdesk.keys.keyring import DeviceSecrets, check_usable, default_secrets
from ui.qt import QtCore, QtGui, QtWidgets, Signal
from ui.runtime import ops
from ui.runtime.autolock import IdleLock, lock_interval_ms
from ui.runtime.errors import show_error
from ui.runtime.language import session_language, use_language, workstation_language
from ui.runtime.shortcuts import CRISIS_SHORTCUT, LOCK_SHORTCUT, install_crisis_shortcut_guard
from ui.shell.screens import ScreenRegistry, crisis_fallback
from ui.shell.unlock import UnlockPage

# What only an unlocked store shows is imported when the store is unlocked: these modules load the
# store's database code (and the coordinator's, QtCharts), which the unlock screen does not load
# (tests/ui/test_unlock_imports.py). So are the pages and dialogs the unlock screen does not
# show: first run (no store yet), what is wrong with a store that cannot be opened, the
# keyring's recovery (from that problem page), the dialogs of an unlocked store.
if TYPE_CHECKING:
    from svdesk.access.session import Session
    from ui.coordinator.page import CoordinatorPage
    from ui.shell.clock_notice import ClockWarning, Notice
    from ui.shell.firstrun import FirstRunPage
    from ui.shell.home import HomePage
    from ui.shell.passphrase_dialogs import ChangePassphraseDialog
    from ui.shell.recovery import KeyringRecoveryDialog
    from ui.shell.settings import SettingsDialog
    from ui.shell.supporters import SupportersDialog
    from ui.unit.export import ExportDialog


def _loaded_page_class(module: str, name: str) -> type | None:
    """The class `module.name` if that module was imported, else None (then no page of it
    exists, so an isinstance test against it is False without importing it)."""
    loaded = sys.modules.get(module)
    return getattr(loaded, name, None) if loaded is not None else None


def _is_first_run(page: object) -> TypeGuard[FirstRunPage]:
    cls = _loaded_page_class("ui.shell.firstrun", "FirstRunPage")
    return cls is not None and isinstance(page, cls)


def _is_home(page: object) -> TypeGuard[HomePage]:
    cls = _loaded_page_class("ui.shell.home", "HomePage")
    return cls is not None and isinstance(page, cls)


WINDOW_TITLE = "svdesk"  # never changes: nothing on screen says who is signed in or what is open


def read_supporters(home: Path) -> list[SupporterInfo]:
    """Names on the locked store's keys file (to pick whose passphrase a recovery sets)."""
    return [SupporterInfo(s.id, s.name, s.is_admin) for s in read_keyfile(home).supporters]


def _workstation_of(session: Session) -> Workstation:
    """The opened folder of a session made here (by `Workstation.create` or `.unlock`)."""
    workstation = session.workstation
    assert isinstance(workstation, Workstation)
    return workstation


def _passphrase_only(home: Path) -> bool:
    """Whether the store in `home` is in passphrase-only mode (False when there is none yet or
    its keys file cannot be read: opening it then says what is wrong)."""
    try:
        return read_keyfile(home).passphrase_only
    except (SvdeskError, OSError, ValueError):
        return False


_Dialog = TypeVar("_Dialog", bound="QtWidgets.QDialog")


def fit_screen(window: QtWidgets.QWidget, preferred: tuple[int, int]) -> tuple[int, int]:
    """`preferred`, shrunk to the free area of the screen `window` opens on (less 40 px for
    the title bar and frame, which resize() does not count)."""
    screen = window.screen() or QtGui.QGuiApplication.primaryScreen()
    if screen is None:
        return preferred
    free = screen.availableGeometry()
    return min(preferred[0], free.width()), min(preferred[1], max(400, free.height() - 40))


def _open(dialog: _Dialog) -> _Dialog:
    """Open `dialog` window-modal; it is deleted when closed (locking closes every dialog)."""
    dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def _keyring_can_hold(secrets: DeviceSecrets | None) -> bool:
    """Whether a recovery code could store a new device secret here (offered only then)."""
    if secrets is None:
        return False
    try:
        check_usable(secrets)
    except SecretStoreUnavailable:
        return False
    return True


def _tool_button(
    toolbar: QtWidgets.QToolBar, action: QtGui.QAction, object_name: str
) -> tuple[QtWidgets.QToolButton, QtWidgets.QWidgetAction]:
    """A button of `action` at the end of `toolbar`, and the toolbar's item that shows or hides
    it. Tab reaches it (issue 17): a QToolButton takes Tab focus by default, unlike the buttons
    a toolbar makes for the actions added to it."""
    button = QtWidgets.QToolButton(toolbar)
    button.setObjectName(object_name)
    button.setAutoRaise(True)  # flat, as a toolbar's own buttons
    button.setDefaultAction(action)
    item = QtWidgets.QWidgetAction(toolbar)
    item.setDefaultWidget(button)
    toolbar.addAction(item)
    return button, item


def _action(text: str, parent: QtCore.QObject) -> QtGui.QAction:
    """`QAction(text, parent)` without that constructor's overload check, which builds QIcon's
    class wrapper and enums (~1 ms of a start)."""
    action = QtGui.QAction(parent)
    action.setText(text)
    return action


class MainWindow(QtWidgets.QMainWindow):
    """Opens the screens of `self.screens` (the screen registry, ui/shell/screens.py)."""

    crisis_requested = Signal()  # Crisis was asked for (the crisis screen then opens)
    new_conversation_requested = Signal(object)  # Session; a conversation window then opens
    unlocked = Signal(object)  # Session
    locked = Signal()

    def __init__(
        self,
        home: Path,
        secrets: DeviceSecrets | None = None,
        *,
        demo_banner: str | None = None,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(WINDOW_TITLE)
        self.setAccessibleName(WINDOW_TITLE)
        # As large as a 1366×768 workstation allows (the home page's queues need the height),
        # never larger than the screen it opens on.
        self.resize(*fit_screen(self, (1366, 768)))
        self._home = home
        self._explicit_secrets = secrets
        self._workstation: Workstation | None = None
        self._session: Session | None = None
        self._page: QtWidgets.QWidget | None = None
        self._discarded: list[QtWidgets.QWidget] = []
        self.retention_op: ops.BackgroundOp | None = None  # the purge started by the last unlock
        self.screens = ScreenRegistry()
        self._screens_loaded = False
        self.crisis_dialog: QtWidgets.QDialog | None = None  # the crisis screen last opened
        self.clock_warning: ClockWarning | None = None  # shown while unlocked, if the clock is off
        self.notices: list[Notice] = []  # the clock warning and others, above the page

        self.idle_lock = IdleLock(self)
        self.idle_lock.idle.connect(self.lock)

        toolbar = QtWidgets.QToolBar()
        self._toolbar = toolbar
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setFloatable(False)
        self.addToolBar(toolbar)  # the top area
        # Shortcuts through setShortcuts: setShortcut's overloads (one takes a Qt.Key) would build
        # Qt's namespace before the first screen is painted (ui/qt.py).
        self.crisis_action = _action("", self)
        self.crisis_action.setObjectName("crisisAction")
        self.crisis_action.setShortcuts([QtGui.QKeySequence(CRISIS_SHORTCUT)])
        self.crisis_action.triggered.connect(self._crisis)
        self._crisis_button, self._crisis_item = _tool_button(
            toolbar, self.crisis_action, "crisisButton"
        )
        # Export for the coordinator: unit stores only, shown while unlocked.
        self.export_action = _action("", self)
        self.export_action.setObjectName("exportAction")
        self.export_action.triggered.connect(self.open_export)
        self._export_button, self._export_item = _tool_button(
            toolbar, self.export_action, "exportButton"
        )
        self._show_export(False)
        self.lock_action = _action("", self)
        self.lock_action.setObjectName("lockAction")
        self.lock_action.setShortcuts([QtGui.QKeySequence(LOCK_SHORTCUT)])
        self.lock_action.triggered.connect(self.lock)
        self.lock_action.setEnabled(False)
        # (a QAction's shortcut works in its window: Qt's default, WindowShortcut)
        # On the window, not the toolbar: the home page has its own Lock button.
        self.addAction(self.lock_action)

        central = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(central)
        self._central_layout = layout  # the banners above the page, then the page
        self.demo_banner = QtWidgets.QLabel(demo_banner or "")
        self.demo_banner.setObjectName("bannerDemo")
        self.demo_banner.setWordWrap(True)
        self.demo_banner.setAccessibleName(demo_banner or "")
        layout.addWidget(self.demo_banner)
        self.demo_banner.setVisible(bool(demo_banner))
        self.passphrase_only_banner = QtWidgets.QLabel()
        self.passphrase_only_banner.setObjectName("bannerPassphraseOnly")
        self.passphrase_only_banner.setWordWrap(True)
        self.passphrase_only_banner.hide()
        layout.addWidget(self.passphrase_only_banner)
        self.stack = QtWidgets.QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.retranslate()

        self.start()

    def _show_export(self, shown: bool) -> None:
        self.export_action.setVisible(shown)
        self._export_item.setVisible(shown)

    def createPopupMenu(self) -> QtWidgets.QMenu | None:
        """No menu on a right-click on the toolbar (Qt's offers to hide it, and Crisis with it)."""
        return None

    def retranslate(self) -> None:
        """The window's own texts (toolbar, banner) in the language now installed."""
        self._toolbar.setWindowTitle(self.tr("Actions"))
        self.crisis_action.setText(self.tr("Crisis — what to do now"))
        self.crisis_action.setToolTip(
            self.tr("Someone may be in danger: open the crisis steps ({key})").format(
                key=CRISIS_SHORTCUT
            )
        )
        self._crisis_button.setAccessibleName(self.tr("Crisis"))
        self._crisis_button.setAccessibleDescription(self.crisis_action.toolTip())
        self.export_action.setText(self.tr("Export for coordinator…"))
        self.lock_action.setText(self.tr("Lock"))
        self.lock_action.setToolTip(self.tr("Lock now ({key})").format(key=LOCK_SHORTCUT))
        self.passphrase_only_banner.setText(
            self.tr(
                "Passphrase-only mode: the store is protected by passphrases alone, not by this "
                "computer's keyring. Use long passphrases."
            )
        )
        self.passphrase_only_banner.setAccessibleName(self.passphrase_only_banner.text())

    def _use_language(self, code: str) -> None:
        effective = use_language(code)
        if effective != getattr(self, "_language", None):
            self._language = effective
            self.retranslate()

    def apply_language(self, code: str) -> None:
        """Switch to `code` now, without a restart: the window's texts, and the unlocked page
        built afresh (as at each unlock) in the new language."""
        self._use_language(code)
        if self._session is not None and self._page is not None:
            self._show_store_page(self._session)

    # -- state -------------------------------------------------------------------------------
    @property
    def session(self) -> Session | None:
        return self._session

    @property
    def workstation(self) -> Workstation | None:
        return self._workstation

    @property
    def home(self) -> Path:
        """The data folder this window opens (also when its store cannot be opened)."""
        return self._home

    @property
    def page(self) -> QtWidgets.QWidget | None:
        """The page on screen: FirstRunPage, UnlockPage, HomePage or ProblemPage."""
        return self._page

    @property
    def home_page(self) -> HomePage | None:
        return self._page if _is_home(self._page) else None

    def _device_secrets(self) -> tuple[DeviceSecrets | None, SecretStoreUnavailable | None]:
        if self._explicit_secrets is not None:
            return self._explicit_secrets, None
        if _passphrase_only(self._home):
            return None, None  # never reads the keyring: don't load it (nor let it prompt)
        try:
            return default_secrets(), None
        except SecretStoreUnavailable as exc:
            return None, exc

    def start(self) -> None:
        """Show first run, unlock, or what is wrong with the store."""
        self._use_language(workstation_language(self._home))
        secrets, problem = self._device_secrets()
        try:
            if not Workstation.exists(self._home):
                from ui.shell.firstrun import FirstRunPage  # noqa: PLC0415 (see TYPE_CHECKING)

                self._show(FirstRunPage(self._home, secrets, problem))
                return
            if self._workstation is None:
                self._workstation = Workstation.open(self._home, secrets)
        except Exception as exc:
            self._show_problem(exc)
            return
        self._show_unlock()

    def _show_problem(self, exc: BaseException) -> None:
        if not isinstance(exc, SvdeskError):
            traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
        from ui.shell.problem import ProblemPage  # noqa: PLC0415 (as those of TYPE_CHECKING)

        page = ProblemPage(exc)
        page.retry_requested.connect(self.start)
        secrets, _problem = self._device_secrets()
        if isinstance(exc, SecretStoreUnavailable) and _keyring_can_hold(secrets):
            assert secrets is not None
            try:
                supporters = read_supporters(self._home)
            except SvdeskError:
                supporters = []
            if supporters:
                page.recovery_button.setVisible(True)
                page.recovery_requested.connect(
                    lambda: self.open_keyring_recovery(secrets, supporters)
                )
        self._show(page)

    def open_keyring_recovery(
        self, secrets: DeviceSecrets, supporters: list[SupporterInfo]
    ) -> KeyringRecoveryDialog:
        from ui.shell.recovery import KeyringRecoveryDialog  # noqa: PLC0415 (see TYPE_CHECKING)

        dialog = KeyringRecoveryDialog(self._home, secrets, supporters, self)
        dialog.recovered.connect(self._first_run_done)
        return _open(dialog)

    def _show(self, page: QtWidgets.QWidget) -> None:
        old = self._page
        self._page = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        if _is_first_run(page):
            page.created.connect(self._store_created)
            page.completed.connect(self._first_run_done)
        elif isinstance(page, UnlockPage):
            page.unlocked.connect(self._unlocked)
        if old is not None:
            self._destroy(old)
        self._update_banners()
        self._focus_page()

    def _destroy(self, widget: QtWidgets.QWidget) -> None:
        """Take `widget` out of the window at once (findChildren no longer sees it) and delete
        it on the next turn of the event loop (it may be the sender of the current signal)."""
        widget.hide()
        if self.stack.indexOf(widget) >= 0:
            self.stack.removeWidget(widget)
        widget.setParent(None)
        widget.deleteLater()
        self._discarded.append(widget)  # keep the wrapper until Qt deletes it
        if len(self._discarded) > 16:
            del self._discarded[:-16]

    def _update_banners(self) -> None:
        ws = self._workstation
        self.passphrase_only_banner.setVisible(ws is not None and ws.info.passphrase_only)

    def _show_unlock(self) -> None:
        assert self._workstation is not None
        self._use_language(workstation_language(self._home))  # the workstation's, not the last
        self._show(UnlockPage(self._workstation))

    # -- unlocked ----------------------------------------------------------------------------
    def _store_created(self, session: Session) -> None:
        """The recovery code is on screen: the idle lock guards it like any unlocked page."""
        from ui.shell.settings import lock_minutes  # noqa: PLC0415 (see TYPE_CHECKING)

        self._workstation = _workstation_of(session)
        self._session = session
        self.lock_action.setEnabled(True)
        self.apply_lock_minutes(lock_minutes(session))
        self.idle_lock.arm()
        app = QtWidgets.QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def _first_run_done(self, session: Session) -> None:
        self._workstation = _workstation_of(session)
        self._unlocked(session)

    def _unlocked(self, session: Session) -> None:
        from ui.shell.settings import lock_minutes  # noqa: PLC0415 (see TYPE_CHECKING)

        self._session = session
        self._use_language(session_language(session))  # the supporter's own choice
        page = self._show_store_page(session)
        self._show_clock_warning(session)
        self.lock_action.setEnabled(True)
        self.apply_lock_minutes(lock_minutes(session))
        self.idle_lock.arm()
        app = QtWidgets.QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        if _is_home(page):
            self.retention_op = self.screens.store_unlocked(self, session, page)
        self.unlocked.emit(session)

    def _show_store_page(self, session: Session) -> HomePage | CoordinatorPage:
        page = self.screens.store_page(session)
        if _is_home(page):
            page.new_conversation_requested.connect(self._new_conversation)
            page.conversation_requested.connect(self.resume_conversation)
        self._show_export(_is_home(page))
        page.lock_requested.connect(self.lock)
        page.supporters_requested.connect(self.open_supporters)
        page.settings_requested.connect(self.open_settings)
        page.change_passphrase_requested.connect(self.open_change_passphrase)
        self._show(page)
        return page

    def _show_clock_warning(self, session: Session) -> None:
        """The clock check's warning (made at unlock) above the page, until hidden or locked."""
        if session.clock_warning is None:
            return
        from ui.shell.clock_notice import ClockWarning  # noqa: PLC0415 (see TYPE_CHECKING)

        self.clock_warning = ClockWarning(session.clock_warning)
        self.show_notice(self.clock_warning)

    def show_notice(self, banner: Notice) -> None:
        """A notice above the page until it is hidden or svdesk locks."""
        layout = self._central_layout
        layout.insertWidget(layout.indexOf(self.stack), banner)
        banner.show()  # now, not by the layout's queued call: a lock may come first
        banner.dismissed.connect(self._focus_page)
        self.notices.append(banner)
        banner.announce()

    def _focus_page(self) -> None:
        page = self._page
        initial = getattr(page, "initial_focus", None)
        target = initial() if callable(initial) else page
        if target is not None:
            target.setFocus()  # QtCore.Qt.FocusReason.OtherFocusReason

    def apply_lock_minutes(self, minutes: float) -> None:
        self.idle_lock.set_interval_ms(lock_interval_ms(minutes))

    def load_screens(self) -> None:
        """Load the screens of an unlocked store and the Crisis key guard, once. `run_gui` does
        it right after the first paint (the unlock screen needs none of them); a New
        conversation or Crisis that comes first loads them on the spot."""
        if self._screens_loaded:
            return
        self._screens_loaded = True
        app = QtWidgets.QApplication.instance()
        if isinstance(app, QtWidgets.QApplication):
            install_crisis_shortcut_guard(app, CRISIS_SHORTCUT)
        self.screens.load()

    def _new_conversation(self) -> None:
        if self._session is None:
            return
        self.new_conversation_requested.emit(self._session)
        self.load_screens()
        self.screens.conversation(self)

    def resume_conversation(self, draft_id: str) -> None:
        """Reopen the saved draft `draft_id` (from the home page's queues)."""
        if self._session is not None:
            self.screens.conversation(self, draft_id)

    def _crisis(self) -> None:
        self.crisis_requested.emit()
        try:
            self.load_screens()
            self.crisis_dialog = self.screens.crisis(self)
        except Exception as exc:  # the crisis steps must show, whatever else failed
            traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
            crisis_fallback(self)

    def open_supporters(self) -> SupportersDialog | None:
        if self._session is None:
            return None
        from ui.shell.supporters import SupportersDialog  # noqa: PLC0415 (see TYPE_CHECKING)

        return _open(SupportersDialog(self._session, self))

    def open_export(self) -> ExportDialog | None:
        if self._session is None:
            return None
        from ui.unit.export import ExportDialog  # noqa: PLC0415 (see TYPE_CHECKING)

        return _open(ExportDialog(self._session, self))

    def open_settings(self) -> SettingsDialog | None:
        if self._session is None:
            return None
        from ui.shell.settings import SettingsDialog  # noqa: PLC0415 (see TYPE_CHECKING)

        dialog = SettingsDialog(self._session, self)
        dialog.lock_minutes_changed.connect(self.apply_lock_minutes)
        dialog.language_changed.connect(self.apply_language)
        return _open(dialog)

    def open_change_passphrase(self) -> ChangePassphraseDialog | None:
        if self._session is None:
            return None
        from ui.shell.passphrase_dialogs import ChangePassphraseDialog  # noqa: PLC0415 (as above)

        return _open(ChangePassphraseDialog(self._session, self))

    # -- locking -----------------------------------------------------------------------------
    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        # Ctrl+L also while a modal dialog is up (window shortcuts are blocked by modality).
        if (
            isinstance(event, QtGui.QKeyEvent)
            and event.type() == QtCore.QEvent.Type.KeyPress
            and self._session is not None
            and QtWidgets.QApplication.activeModalWidget() is not None
            and QtGui.QKeySequence(event.keyCombination()).matches(
                QtGui.QKeySequence(LOCK_SHORTCUT)
            )
            == QtGui.QKeySequence.SequenceMatch.ExactMatch
        ):
            self.lock()
            return True
        return False

    def _close_other_windows(self) -> None:
        for widget in QtWidgets.QApplication.topLevelWidgets():
            if widget is self or not isinstance(widget, QtWidgets.QDialog | QtWidgets.QMainWindow):
                continue
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
            self._discarded.append(widget)
        for dialog in self.findChildren(QtWidgets.QDialog):
            dialog.hide()
            dialog.setParent(None)
            dialog.deleteLater()
            self._discarded.append(dialog)

    def lock(self) -> None:
        """Lock now: close dialogs and other windows, destroy the unlocked page, forget the
        session, show the unlock screen."""
        session = self._session
        if session is None:
            return
        self._session = None
        self.idle_lock.disarm()
        self._show_export(False)
        app = QtWidgets.QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.lock_action.setEnabled(False)
        if _is_first_run(self._page):
            self._page.forget_clipboard()
        for banner in self.notices:
            self._destroy(banner)
        self.notices.clear()
        self.clock_warning = None
        self._close_other_windows()
        # A core call still running on the worker may be using the session: let it end (a
        # cancellable one stops at its next step, its window being gone) before closing.
        if ops.busy():
            ops.wait_for_all(10_000)
        try:
            session.lock()
        except Exception as exc:  # locking must go on: the screen is cleared regardless
            traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
        if self._workstation is None:
            self.start()
        else:
            self._show_unlock()
        self.locked.emit()

    def shutdown(self) -> None:
        """Lock and release the data folder (window closing or application quitting)."""
        page = self._page
        if _is_first_run(page) and page.session is not None:
            # Closed while the recovery code was on screen: the new store is complete.
            page.forget_clipboard()
            page.session.lock()
            self._workstation = _workstation_of(page.session)
        self.lock()
        if self._workstation is not None:
            self._workstation.close()
            self._workstation = None

    def closeEvent(self, event: QtCore.QEvent) -> None:
        self.shutdown()
        super().closeEvent(event)  # type: ignore[arg-type]

    def show_error(self, exc: BaseException) -> None:
        show_error(self, exc)
