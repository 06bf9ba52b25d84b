"""A question's answer without a closure over the question.

A message box shown with `open()` and deleted on close (WA_DeleteOnClose) used to report its
answer through a lambda on its own `finished` signal that held the box (`box.clickedButton()`).
That closure is released while Qt destroys the box, so the box's last Python reference went in
the middle of its own destructor; now and then the process crashed a little later, on the next
posted event (seen under gdb: QMessageBox::event into freed memory, in the test suite). Here a
small relay, a child of the box, reads the clicked button when the box finishes and passes on
only that button's object name: nothing else refers to the box or its buttons.
"""

from __future__ import annotations

from collections.abc import Callable

from ui.qt import QtCore, QtWidgets, Slot


class _Relay(QtCore.QObject):
    def __init__(self, box: QtWidgets.QMessageBox, answered: Callable[[str], object]) -> None:
        super().__init__(box)  # deleted with the box
        self._answered = answered
        box.finished.connect(self._finished)

    @Slot(int)
    def _finished(self, _result: int) -> None:
        box = self.parent()
        button = box.clickedButton() if isinstance(box, QtWidgets.QMessageBox) else None
        self._answered(button.objectName() if button is not None else "")


def when_answered(box: QtWidgets.QMessageBox, answered: Callable[[str], object]) -> None:
    """Call `answered` with the object name of the button chosen ("" for none) once `box` is
    finished. Give each button an object name; `answered` must not refer to the box."""
    _Relay(box, answered)
