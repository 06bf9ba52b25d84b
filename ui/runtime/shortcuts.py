"""The application's keyboard shortcuts, defined once: Crisis (Ctrl+E) and Lock (Ctrl+L). Every
screen that offers or names one takes it from here (tests/ui/test_shortcuts.py).

Ctrl+E opens the crisis screen even while a text field has the keyboard focus. On Linux desktops
Qt's text fields take Ctrl+E for themselves ("end of line", the Emacs-style bindings of the GNOME
and KDE key themes) through a ShortcutOverride event, so the Crisis shortcut never fired while
typing — on the unlock screen, whose passphrase field has the focus from the start, not at all.
(The offscreen platform has no such binding: the tests did not see it; found by driving the real
window under Xvfb.) `CrisisShortcutGuard` keeps that override from reaching the field for the
crisis keys only; with no Crisis shortcut in reach, the key still goes to the field as a normal
key press.
"""

from __future__ import annotations

from ui.qt import QtCore, QtGui, QtWidgets

CRISIS_SHORTCUT = "Ctrl+E"  # "Emergency"; F1 stays free for help
LOCK_SHORTCUT = "Ctrl+L"


class CrisisShortcutGuard(QtCore.QObject):
    """Application-wide event filter; install with `install_crisis_shortcut_guard`."""

    def __init__(self, keys: str, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._sequence = QtGui.QKeySequence(keys)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if event.type() != QtCore.QEvent.Type.ShortcutOverride or not isinstance(
            event, QtGui.QKeyEvent
        ):
            return False
        pressed = QtGui.QKeySequence(event.keyCombination())
        # Filtered, the override is never accepted, so the shortcut (if any) fires.
        return bool(pressed.matches(self._sequence) == QtGui.QKeySequence.SequenceMatch.ExactMatch)


def install_crisis_shortcut_guard(app: QtWidgets.QApplication, keys: str) -> CrisisShortcutGuard:
    """Install the guard for `keys` on `app` once; returns it."""
    guard = getattr(app, "_svdesk_crisis_guard", None)
    if not isinstance(guard, CrisisShortcutGuard):
        guard = CrisisShortcutGuard(keys, app)
        app.installEventFilter(guard)
        app._svdesk_crisis_guard = guard  # type: ignore[attr-defined]
    return guard
