"""A code copied to the clipboard of a shared workstation, and forgotten again (the recovery
code at first run, a recipient's one-time feedback code): `copy()` puts it there, `forget()`
takes it out again, but only if the clipboard still holds it (something copied since is the
user's own)."""

from __future__ import annotations

from ui.qt import QtGui


class SecretCopy:
    def __init__(self, text: str) -> None:
        self._text = text
        self._copied = False

    def copy(self) -> None:
        QtGui.QGuiApplication.clipboard().setText(self._text)
        self._copied = True

    def forget(self) -> None:
        """The code must not stay in the clipboard of a shared workstation."""
        clipboard = QtGui.QGuiApplication.clipboard()
        if self._copied and clipboard.text() == self._text:
            clipboard.clear()
        self._copied = False
