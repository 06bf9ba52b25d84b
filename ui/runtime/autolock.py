"""Idle auto-lock: an application-wide event filter that restarts a timer on every key or mouse
event, in any window (modal dialogs included), and emits `idle` when it runs out.
"""

from __future__ import annotations

import functools

from ui.qt import QtCore, QtWidgets, Signal

DEFAULT_LOCK_MINUTES = 5.0


@functools.cache
def _activity() -> frozenset[QtCore.QEvent.Type]:
    """The events that count as user activity."""
    return frozenset(
        {
            QtCore.QEvent.Type.KeyPress,
            QtCore.QEvent.Type.KeyRelease,
            QtCore.QEvent.Type.MouseButtonPress,
            QtCore.QEvent.Type.MouseButtonRelease,
            QtCore.QEvent.Type.MouseButtonDblClick,
            QtCore.QEvent.Type.MouseMove,
            QtCore.QEvent.Type.Wheel,
            QtCore.QEvent.Type.TouchBegin,
            QtCore.QEvent.Type.TabletPress,
        }
    )


def lock_interval_ms(minutes: object) -> int:
    """Milliseconds for a `lock_minutes` setting; falls back to the default on a bad value.

    Fractions are allowed (tests use a fraction of a second); the settings screen offers 1–60.
    """
    try:
        value = float(minutes)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        value = DEFAULT_LOCK_MINUTES
    if not value > 0 or value > 24 * 60:
        value = DEFAULT_LOCK_MINUTES
    return max(50, round(value * 60_000))


class IdleLock(QtCore.QObject):
    """Emits `idle` after `interval_ms` without user input, while armed."""

    idle = Signal()

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(lock_interval_ms(DEFAULT_LOCK_MINUTES))
        self._timer.timeout.connect(self.idle)
        self._installed = False

    @property
    def armed(self) -> bool:
        return self._timer.isActive()

    def interval_ms(self) -> int:
        return self._timer.interval()

    def set_interval_ms(self, msecs: int) -> None:
        self._timer.setInterval(msecs)
        if self._timer.isActive():
            self._timer.start()

    def arm(self) -> None:
        app = QtWidgets.QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self._timer.start()

    def disarm(self) -> None:
        self._timer.stop()
        app = QtWidgets.QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    def poke(self) -> None:
        """Count as user activity."""
        if self._timer.isActive():
            self._timer.start()

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if event.type() in _activity() and self._timer.isActive():
            self._timer.start()
        return False
