"""The clock warning after unlock (issue 18, item 2): when this computer's clock looks wrong
(behind the store's last recorded time, or far ahead of it: svdesk/access/clock_check.py), a
banner above the unlocked page says so and what to do. It does not block: the work goes on, and
"Hide this warning" (Alt+G) puts it away until the next unlock."""

from __future__ import annotations

from ui.qt import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QCoreApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("clock", text)


class ClockWarning(QFrame):
    """A yellow notice: a heading, the core's sentence on what is wrong and what to do, and a
    button that hides it."""

    dismissed = Signal()  # hidden by its button (the window then gives the page the focus)

    def __init__(self, warning: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clockWarning")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # The look of the home page's crisis-numbers notice: a thing to see to, not an error.
        self.setStyleSheet("#clockWarning { background: #fff4ce; border: 1px solid #8a6d00; }")
        layout = QHBoxLayout(self)
        texts = QVBoxLayout()
        self.heading = QLabel(_tr("Check this computer's clock"))
        self.heading.setObjectName("clockWarningHeading")
        self.heading.setStyleSheet("font-weight: 600;")
        texts.addWidget(self.heading)
        self.text = QLabel(_tr(warning))
        self.text.setObjectName("clockWarningText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        texts.addWidget(self.text)
        layout.addLayout(texts, 1)
        self.hide_button = QPushButton(_tr("Hide this warnin&g"))
        self.hide_button.setObjectName("hideClockWarning")
        self.hide_button.setAccessibleName(_tr("Hide the clock warning"))
        self.hide_button.setAutoDefault(False)
        self.hide_button.clicked.connect(self._dismiss)
        layout.addWidget(self.hide_button, 0, Qt.AlignmentFlag.AlignTop)
        self.setAccessibleName(self.heading.text())
        self.setAccessibleDescription(self.text.text())

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()

    def announce(self) -> None:
        """Say it to a screen reader, which does not watch labels appearing."""
        if QAccessible.isActive():
            QAccessible.updateAccessibility(
                QAccessibleAnnouncementEvent(self, f"{self.heading.text()}. {self.text.text()}")
            )
