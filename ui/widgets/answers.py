"""A question's answer without a closure over the question.

A message box shown with `open()` and deleted on close (WA_DeleteOnClose) used to report its
answer through a lambda on its own `finished` signal that held the box (`box.clickedButton()`).
That closure is released while Qt destroys the box, so the box's last Python reference went in
the middle of its own destructor; now and then the process crashed a little later, on the next
posted event (seen under gdb: QMessageBox::event into freed memory, in the test suite). A
Python QObject made a child of the box to relay the answer crashed the same way, in the box's
deleteChildren. So the slot here holds nothing but a number: the box is looked up through a
weak reference, and only the clicked button's object name is passed on.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable

from ui.qt import QtWidgets

_Answered = Callable[[str], object]
_PENDING: dict[int, tuple[weakref.ref[QtWidgets.QMessageBox], _Answered]] = {}


def when_answered(box: QtWidgets.QMessageBox, answered: _Answered) -> None:
    """Call `answered` with the object name of the button chosen ("" for none) once `box` is
    finished. Give each button an object name; `answered` must not refer to the box."""
    key = id(box)
    _PENDING[key] = (weakref.ref(box), answered)
    box.finished.connect(functools.partial(_finished, key))
    box.destroyed.connect(functools.partial(_forget, key))


def _finished(key: int, _result: int) -> None:
    ref, answered = _PENDING.pop(key, (None, None))
    box = ref() if ref is not None else None
    if box is None or answered is None:
        return
    button = box.clickedButton()
    name = button.objectName() if button is not None else ""
    del box, button  # no reference to the box outlives this slot
    answered(name)


def _forget(key: int, *_args: object) -> None:
    _PENDING.pop(key, None)
