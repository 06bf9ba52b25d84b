"""The one place where errors become dialogs: a domain error shows its title and message; anything
else is a bug and shows an "internal error" dialog with the traceback folded under details.
"""

from __future__ import annotations

import sys
import traceback

from svdesk.errors import SvdeskError
from ui.qt import QtCore, QtWidgets


def _tr(text: str) -> str:
    return QtCore.QCoreApplication.translate("ErrorDialog", text)


def describe(exc: BaseException) -> tuple[str, str]:
    """(title, message) a user should see for `exc`."""
    if isinstance(exc, SvdeskError):
        # Core titles/messages are English source strings; a translation file may map them.
        return _tr(exc.title), _tr(exc.message)
    return (
        _tr("Internal error"),
        _tr(
            "svdesk met a problem it did not expect, and stopped what it was doing. "
            "Try again; if it happens again, tell your program coordinator and include the "
            "details below."
        ),
    )


def error_dialog(parent: QtWidgets.QWidget | None, exc: BaseException) -> QtWidgets.QMessageBox:
    """A ready, not yet shown, message box for `exc`."""
    title, message = describe(exc)
    box = QtWidgets.QMessageBox(parent)
    box.setObjectName("errorDialog")
    box.setWindowTitle(title)
    box.setText(title)
    box.setInformativeText(message)
    box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    box.setStandardButtons(QtWidgets.QMessageBox.StandardButton.Ok)
    box.setDefaultButton(QtWidgets.QMessageBox.StandardButton.Ok)
    box.setEscapeButton(QtWidgets.QMessageBox.StandardButton.Ok)
    box.setAccessibleName(title)
    box.setAccessibleDescription(message)
    if isinstance(exc, SvdeskError):
        box.setIcon(QtWidgets.QMessageBox.Icon.Warning)
    else:
        box.setIcon(QtWidgets.QMessageBox.Icon.Critical)
        details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        box.setDetailedText(details)
        # A bug: keep a trace for the person who will fix it (core messages never hold notes).
        print(details, file=sys.stderr)
    box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


def show_error(parent: QtWidgets.QWidget | None, exc: BaseException) -> QtWidgets.QMessageBox:
    """Show `exc` window-modally without blocking (the idle lock can still close it)."""
    box = error_dialog(parent, exc)
    box.open()
    return box
