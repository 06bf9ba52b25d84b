"""QApplication set-up (names, calm style, readable font, translations) and `run_gui`, the GUI's
entry point (svdesk_app.main starts it for `svdesk` with no command).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# The core modules the unlock screen uses, imported before Qt: PySide6 reads the source of every
# module imported after it (looking for `from __feature__ import`), ~0.5 ms a module
# (tests/ui/test_unlock_imports.py checks that none is left after).
import svdesk.access.workstation
import svdesk.content.languages
import svdesk.storage.feedback_files
import svdesk.storage.settings  # noqa: F401
from svdesk.keys.keyring import DeviceSecrets
from ui.qt import QtCore, QtGui, QtWidgets
from ui.runtime import ops
from ui.runtime.collector import GuiThreadCollector
from ui.runtime.language import (
    load_translations,
    source_language_suffices,
    system_language,
    use_language,
)
from ui.shell.main_window import MainWindow

__all__ = [
    "APP_NAME",
    "create_application",
    "load_translations",
    "run_gui",
    "source_language_suffices",
]

APP_NAME = "svdesk"
# Set to 1, the GUI exits as soon as its first screen is painted, printing `shown` (benchmarks).
EXIT_WHEN_SHOWN_ENV = "SVDESK_EXIT_WHEN_SHOWN"
ORGANISATION = "svdesk"
# Points: comfortable at arm's length on a ward workstation; users can still scale via the OS.
BASE_POINT_SIZE = 11.0

STYLESHEET = """
QLabel#pageTitle { font-size: %(title)spt; font-weight: 600; }
QLabel#bannerPassphraseOnly, QLabel#bannerDemo {
    background: #fdf3d8; color: #4a3b00; border: 1px solid #e0c56e;
    border-radius: 4px; padding: 6px 10px;
}
QLabel#formMessage { color: #8a1c1c; }
QLabel#formMessage[kind="success"] { color: #1d5e20; }
QLabel#formMessage[kind="progress"] { color: #2b3a42; }
QLabel#recoveryCode {
    font-family: monospace; font-size: %(title)spt; letter-spacing: 1px;
    background: #ffffff; border: 1px solid #b8c4cc; border-radius: 4px; padding: 10px;
}
QPushButton { padding: 6px 14px; }
QPushButton#newConversation {
    font-size: %(title)spt; padding: 12px 26px; background: #2f6f8f; color: white;
    border: 3px solid #2f6f8f; border-radius: 6px;
}
QPushButton#newConversation:focus { border-color: #f2b632; }
QToolBar#mainToolbar {
    /* flat, with a rule under it: Fusion's own toolbar gradient is painted by two extra threads
       it starts for the purpose (~1 ms of every start) */
    border: none; border-bottom: 1px solid #c9d3da; spacing: 6px; padding: 4px;
}
QToolButton#crisisButton {
    background: #a8322d; color: white; font-weight: 600; padding: 4px 12px;
    border: 3px solid #a8322d; border-radius: 4px;
}
QToolButton#crisisButton:focus { border-color: #f2b632; }
"""


def calm_palette() -> QtGui.QPalette:
    """Soft blue-grey, high enough contrast for text (WCAG AA on every text/background pair)."""
    pal = QtGui.QPalette()
    pal.setColor(QtGui.QPalette.ColorRole.Window, QtGui.QColor("#eef2f4"))
    pal.setColor(QtGui.QPalette.ColorRole.WindowText, QtGui.QColor("#1d2a33"))
    pal.setColor(QtGui.QPalette.ColorRole.Base, QtGui.QColor("#ffffff"))
    pal.setColor(QtGui.QPalette.ColorRole.AlternateBase, QtGui.QColor("#f5f8fa"))
    pal.setColor(QtGui.QPalette.ColorRole.Text, QtGui.QColor("#1d2a33"))
    pal.setColor(QtGui.QPalette.ColorRole.Button, QtGui.QColor("#dde5ea"))
    pal.setColor(QtGui.QPalette.ColorRole.ButtonText, QtGui.QColor("#1d2a33"))
    pal.setColor(QtGui.QPalette.ColorRole.Highlight, QtGui.QColor("#2f6f8f"))
    pal.setColor(QtGui.QPalette.ColorRole.HighlightedText, QtGui.QColor("#ffffff"))
    pal.setColor(QtGui.QPalette.ColorRole.ToolTipBase, QtGui.QColor("#ffffff"))
    pal.setColor(QtGui.QPalette.ColorRole.ToolTipText, QtGui.QColor("#1d2a33"))
    pal.setColor(QtGui.QPalette.ColorRole.PlaceholderText, QtGui.QColor("#5b6b75"))
    pal.setColor(QtGui.QPalette.ColorRole.Link, QtGui.QColor("#1f5a78"))
    return pal


def create_application(argv: list[str] | None = None) -> QtWidgets.QApplication:
    """The QApplication, set up once (reused if one exists, e.g. under pytest-qt)."""
    existing = QtWidgets.QApplication.instance()
    if isinstance(existing, QtWidgets.QApplication):
        app = existing
        style = app.style()
        if style is None or style.name().casefold() != "fusion":
            app.setStyle("Fusion")
    else:
        # Fusion chosen on the command line Qt reads, not with app.setStyle(): touching a QStyle
        # from Python builds its class wrapper and a dozen enums (~4 ms of every start).
        app = QtWidgets.QApplication([*(argv or [APP_NAME]), "-style", "fusion"])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setPalette(calm_palette())
    font = app.font()
    if font.pointSizeF() < BASE_POINT_SIZE:
        font.setPointSizeF(BASE_POINT_SIZE)
        app.setFont(font)
    pt = max(font.pointSizeF(), BASE_POINT_SIZE)
    app.setStyleSheet(STYLESHEET % {"title": f"{pt * 1.35:g}"})
    if not hasattr(app, "_svdesk_language"):
        # the system's language until a window says otherwise (the main window: the store's)
        use_language(system_language(), app)
    gui_thread_collector(app)
    return app


def gui_thread_collector(app: QtWidgets.QApplication) -> GuiThreadCollector:
    """The application's collector (started on first call): while there is a GUI, garbage is
    collected on the GUI thread only (see `ui.runtime.collector`)."""
    collector = getattr(app, "_svdesk_collector", None)
    if not isinstance(collector, GuiThreadCollector):
        collector = GuiThreadCollector(app)
        app._svdesk_collector = collector  # type: ignore[attr-defined]
    return collector


def run_gui(
    home: Path, secrets: DeviceSecrets | None = None, *, demo_banner: str | None = None
) -> int:
    """Start the GUI on the store in `home` (first-run set-up if there is none); exit status."""
    app = create_application(sys.argv[:1])
    window = MainWindow(home, secrets, demo_banner=demo_banner)
    window.show()
    if os.environ.get(EXIT_WHEN_SHOWN_ENV) == "1":  # benchmarks/run.py times the start
        return _exit_when_shown(app, window)
    app.processEvents()  # paint the first screen before loading what only later screens need
    gui_thread_collector(app).freeze()
    QtCore.QTimer.singleShot(0, window.load_screens)
    # While the passphrase is typed, the worker loads what unlocking needs, so the first unlock
    # is as quick as any later one.
    ops.BackgroundOp(window, op=_warm_unlock_imports, failure=lambda _exc: None).run()
    status = app.exec()
    window.shutdown()
    ops.wait_for_all()
    return status


def _warm_unlock_imports() -> None:
    """Import the core modules the unlock screen does not load (tests/ui/test_unlock_imports.py;
    no Qt here: runs on the worker)."""
    from argon2 import low_level  # noqa: PLC0415, F401
    from cryptography.hazmat.primitives.ciphers import aead  # noqa: PLC0415, F401

    from svdesk.access import session  # noqa: PLC0415, F401
    from svdesk.storage import db  # noqa: PLC0415, F401


def _exit_when_shown(app: QtWidgets.QApplication, window: MainWindow) -> int:
    while not window.isVisible():
        app.processEvents()
    app.processEvents()
    window.grab()  # forces a real paint of the whole window, as benchmarks/startup_probe.py does
    print("shown", flush=True)
    gui_thread_collector(app).freeze()
    window.shutdown()
    ops.wait_for_all()
    return 0
