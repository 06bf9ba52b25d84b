"""Fixtures for GUI tests: a store on disk with an in-memory keyring, the main window on it, and
helpers to drive it by keyboard. Key derivation uses the cheap test profile."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest
from fakes import ADMIN_NAME, ADMIN_PASSPHRASE, MemorySecrets

from svdesk.access.workstation import Workstation
from ui.qt import QtCore, QtWidgets
from ui.runtime import language, ops
from ui.runtime.collector import GuiThreadCollector
from ui.shell.main_window import MainWindow

OTHER_NAME = "Blake"
OTHER_PASSPHRASE = "purple lantern quiet river"


@dataclass
class StoreOnDisk:
    """A closed (locked) store in `home`: admin Alex and supporter Blake."""

    home: Path
    secrets: MemorySecrets
    admin_id: str
    other_id: str
    recovery_code: str

    def workstation(self) -> Workstation:
        return Workstation.open(self.home, self.secrets)


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SVDESK_KDF_PROFILE", "test")


@pytest.fixture(autouse=True, scope="session")
def _collect_on_the_gui_thread(qapp: QtWidgets.QApplication) -> Iterator[GuiThreadCollector]:
    """As in the app (`ui.runtime.collector`): no garbage collection on worker threads, where a
    collected widget of an earlier test would have its C++ side deleted twice (it crashed the
    suite about one run in three before this)."""
    collector = GuiThreadCollector(qapp)
    yield collector
    collector.stop()


ROOT = Path(__file__).resolve().parents[2]


def compiled_translations() -> None:
    """resources/i18n/*.qm from their .ts (`scripts/i18n release`) when one is missing or older."""
    for ts in (ROOT / "resources" / "i18n").glob("svdesk_*.ts"):
        qm = ts.with_suffix(".qm")
        if not qm.is_file() or qm.stat().st_mtime < ts.stat().st_mtime:
            script = str(ROOT / "scripts" / "i18n")
            subprocess.run([sys.executable, script, "release"], check=True, capture_output=True)
            return


@pytest.fixture(autouse=True, scope="session")
def _english_plural_forms(qapp: QtWidgets.QApplication) -> None:
    """As the app starts (`ui.runtime.app`): English with its plural forms ("1 name", "2 names"
    from svdesk_en.qm), also for screens a test builds without the main window."""
    compiled_translations()
    language.use_language("en", qapp)


@pytest.fixture
def spanish_ui(qapp: QtWidgets.QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The interface in Spanish, also where a window follows the workstation's language."""
    yield from _in_language("es", qapp, monkeypatch)


# The shipped translations of the interface (resources/i18n/svdesk_<lang>.ts, English aside).
TRANSLATIONS = sorted(
    ts.stem.removeprefix("svdesk_")
    for ts in (Path(__file__).resolve().parents[2] / "resources" / "i18n").glob("svdesk_*.ts")
    if ts.stem != "svdesk_en"
)


@pytest.fixture(params=TRANSLATIONS)
def translated_ui(
    request: pytest.FixtureRequest, qapp: QtWidgets.QApplication, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """The test once per shipped translation (issue 16): the interface and the content in it,
    also where a window follows the workstation's language (unset: the system's)."""
    yield from _in_language(str(request.param), qapp, monkeypatch)


def _in_language(
    code: str, qapp: QtWidgets.QApplication, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    compiled_translations()
    monkeypatch.setattr(language, "system_language", lambda: code)
    assert language.use_language(code, qapp) == code
    yield code
    language.use_language("en", qapp)


def make_store(
    home: Path, secrets: MemorySecrets | None = None, *, passphrase_only: bool = False
) -> StoreOnDisk:
    secrets = secrets if secrets is not None else MemorySecrets()
    session, code = Workstation.create(
        home,
        role="unit",
        site="SITE1",
        unit="ICU",
        admin_name=ADMIN_NAME,
        passphrase=ADMIN_PASSPHRASE,
        secrets=None if passphrase_only else secrets,
        passphrase_only=passphrase_only,
    )
    try:
        other = session.enrol(OTHER_NAME, OTHER_PASSPHRASE)
        admin_id = session.supporter.id
    finally:
        session.lock()
        session.workstation.close()
    return StoreOnDisk(home, secrets, admin_id, other.id, code)


@pytest.fixture
def store(tmp_path: Path) -> StoreOnDisk:
    return make_store(tmp_path / "home")


WindowFactory = Callable[..., MainWindow]


class _StrayWindowSpy(QtCore.QObject):
    """Records widgets shown as their own window that are not windows by design (a parentless
    widget made visible pops up as a window and steals activation)."""

    def __init__(self) -> None:
        super().__init__()
        self.strays: list[str] = []

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if (
            event.type() == QtCore.QEvent.Type.Show
            and isinstance(watched, QtWidgets.QWidget)
            and watched.isWindow()
            and not isinstance(watched, QtWidgets.QMainWindow | QtWidgets.QDialog)
            and not watched.windowFlags() & QtCore.Qt.WindowType.Popup
            and type(watched).__name__ not in ("QTipLabel", "QComboBoxPrivateContainer")
        ):
            self.strays.append(f"{type(watched).__name__} {watched.objectName()!r}")
        return False


@pytest.fixture
def open_window(qtbot, tmp_path: Path) -> Iterator[WindowFactory]:  # type: ignore[no-untyped-def]
    """Factory: the main window on a data folder, shown; shut down (store released) after."""
    windows: list[MainWindow] = []
    spy = _StrayWindowSpy()
    QtWidgets.QApplication.instance().installEventFilter(spy)

    def factory(home: Path, secrets: object | None = None, **kwargs: object) -> MainWindow:
        window = MainWindow(home, secrets if secrets is not None else MemorySecrets(), **kwargs)
        qtbot.addWidget(window)
        window.show()
        # Window shortcuts (Ctrl+L, Ctrl+E) need the window to be the active one, as for a user.
        with qtbot.waitActive(window):
            window.activateWindow()
        windows.append(window)
        return window

    yield factory
    # Let background work finish so no result arrives into a torn-down window.
    qtbot.waitUntil(lambda: not ops.busy(), timeout=20_000)
    for window in windows:
        window.shutdown()
    QtWidgets.QApplication.processEvents()
    QtWidgets.QApplication.instance().removeEventFilter(spy)
    assert spy.strays == [], "widgets popped up as windows of their own"


def unlock_by_keyboard(qtbot, window: MainWindow, name: str, passphrase: str) -> None:  # type: ignore[no-untyped-def]
    """Choose `name` in the supporter list, type the passphrase, press Enter."""
    from ui.shell.unlock import UnlockPage

    page = window.page
    assert isinstance(page, UnlockPage)
    index = page.supporter.findText(name)
    assert index >= 0, f"{name} is not offered on the unlock screen"
    page.supporter.setCurrentIndex(index)
    qtbot.keyClicks(page.passphrase, passphrase)
    qtbot.keyClick(page.passphrase, QtCore.Qt.Key.Key_Return)


def label_texts(root: QtWidgets.QWidget) -> list[str]:
    return [label.text() for label in root.findChildren(QtWidgets.QLabel)]


def unnamed_controls(root: QtWidgets.QWidget) -> list[str]:
    """Focusable, visible widgets under `root` a screen reader could not name."""
    buddies = {id(label.buddy()) for label in root.findChildren(QtWidgets.QLabel) if label.buddy()}
    problems = []
    for widget in [root, *root.findChildren(QtWidgets.QWidget)]:
        if widget.focusPolicy() == QtCore.Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(root):
            continue
        parent = widget.parentWidget()
        # Inner editors of spin boxes and combo boxes are named through their owner.
        if parent is not None and parent.inherits("QAbstractSpinBox"):
            continue
        if widget.accessibleName().strip() or id(widget) in buddies:
            continue
        if isinstance(widget, QtWidgets.QAbstractButton) and widget.text().replace("&", "").strip():
            continue  # Qt's accessibility bridge names a button by its text
        problems.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return problems


@pytest.fixture
def kit() -> SimpleNamespace:
    """The helpers and constants above, for test modules (conftest is not importable by name)."""
    return SimpleNamespace(
        ADMIN_NAME=ADMIN_NAME,
        ADMIN_PASSPHRASE=ADMIN_PASSPHRASE,
        OTHER_NAME=OTHER_NAME,
        OTHER_PASSPHRASE=OTHER_PASSPHRASE,
        make_store=make_store,
        unlock_by_keyboard=unlock_by_keyboard,
        label_texts=label_texts,
        unnamed_controls=unnamed_controls,
    )
