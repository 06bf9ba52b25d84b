"""Notices above the unlocked page: things to see to that do not block the work.

The clock warning (issue 18, item 2): when this computer's clock looks wrong (behind the store's
last recorded time, or far ahead of it: svdesk/access/clock_check.py), what is wrong and what to
do; "Hide this warning" (Alt+G) puts it away until the next unlock. The crisis-numbers notice
(issue 13, item 8): the plain copy of the crisis numbers was changed outside svdesk."""

from __future__ import annotations

from ui.qt import QtCore, QtGui, QtWidgets, Signal
from ui.runtime.shortcuts import CRISIS_SHORTCUT


def _tr(text: str) -> str:
    return QtCore.QCoreApplication.translate("clock", text)


class Notice(QtWidgets.QFrame):
    """A yellow notice above the unlocked page: a heading, a sentence on what is wrong and what
    to do, and a button that hides it. Shown by `MainWindow.show_notice`; locking removes it."""

    dismissed = Signal()  # hidden by its button (the window then gives the page the focus)

    def __init__(
        self,
        heading: str,
        text: str,
        *,
        object_name: str,
        hide_text: str,
        hide_name: str,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        # The look of the home page's crisis-numbers notice: a thing to see to, not an error.
        self.setStyleSheet(f"#{object_name} {{ background: #fff4ce; border: 1px solid #8a6d00; }}")
        layout = QtWidgets.QHBoxLayout(self)
        texts = QtWidgets.QVBoxLayout()
        self.heading = QtWidgets.QLabel(heading)
        self.heading.setObjectName(f"{object_name}Heading")
        self.heading.setStyleSheet("font-weight: 600;")
        texts.addWidget(self.heading)
        self.text = QtWidgets.QLabel(text)
        self.text.setObjectName(f"{object_name}Text")
        self.text.setWordWrap(True)
        self.text.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        texts.addWidget(self.text)
        layout.addLayout(texts, 1)
        self.hide_button = QtWidgets.QPushButton(hide_text)
        self.hide_button.setObjectName(f"hide{object_name[0].upper()}{object_name[1:]}")
        self.hide_button.setAccessibleName(hide_name)
        self.hide_button.setAutoDefault(False)
        self.hide_button.clicked.connect(self._dismiss)
        layout.addWidget(self.hide_button, 0, QtCore.Qt.AlignmentFlag.AlignTop)
        self.setAccessibleName(self.heading.text())
        self.setAccessibleDescription(self.text.text())

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()

    def announce(self) -> None:
        """Say it to a screen reader, which does not watch labels appearing."""
        if QtGui.QAccessible.isActive():
            QtGui.QAccessible.updateAccessibility(
                QtGui.QAccessibleAnnouncementEvent(
                    self, f"{self.heading.text()}. {self.text.text()}"
                )
            )


class ClockWarning(Notice):
    """The clock check's warning (its sentence comes from the core)."""

    def __init__(self, warning: str, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(
            _tr("Check this computer's clock"),
            _tr(warning),
            object_name="clockWarning",
            hide_text=_tr("Hide this warnin&g"),
            hide_name=_tr("Hide the clock warning"),
            parent=parent,
        )


def crisis_numbers_notice() -> Notice:
    """The crisis-numbers file was edited or removed outside svdesk since its last write."""
    return Notice(
        _tr("The crisis numbers file was changed outside svdesk"),
        _tr(
            "The copy of the crisis numbers that the locked crisis screen shows was edited or "
            "removed since svdesk last wrote it, so while locked it may have shown wrong "
            "numbers. It has been rewritten from the unit's directory. Tell your unit admin, "
            "and check the numbers on the Crisis screen ({key})."
        ).format(key=CRISIS_SHORTCUT),
        object_name="crisisNumbersWarning",
        hide_text=_tr("Hide this notice"),
        hide_name=_tr("Hide the crisis numbers notice"),
    )
