"""What the tests of the pages a locked workstation shows over its unlock form (the survey, the
request for support, the feedback) share: the page opened by its Alt+letter key and found over
the form, and the keyboard walk: no key the window knows reaches another screen, a dialog or a
session while the page shows, and Crisis still does."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ui.qt import QtCore, QtGui, QtWidgets
from ui.runtime.shortcuts import CRISIS_SHORTCUT
from ui.shell.unlock import UnlockPage

Page = TypeVar("Page", bound=QtWidgets.QWidget)


def page_over(unlock: UnlockPage, kind: type[Page]) -> Page | None:
    """The page of `kind` shown over the unlock form, if one is."""
    current = unlock.pages.currentWidget()
    return current if isinstance(current, kind) else None


def open_over_unlock(
    qtbot: Any, window: Any, button: str, key: QtCore.Qt.Key, kind: type[Page]
) -> Page:
    """The page of `kind` opened by Alt+`key`, the unlock page's `button` being shown."""
    unlock = window.page
    assert isinstance(unlock, UnlockPage)
    assert getattr(unlock, button).isVisible()
    _press(qtbot, key, QtCore.Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page_over(unlock, kind) is not None, timeout=5_000)
    page = page_over(unlock, kind)
    assert page is not None
    return page


def window_keys(window: Any, page: QtWidgets.QWidget, own: set[str]) -> dict[str, Any]:
    """Every key the window defines (actions, shortcuts, Alt+letter mnemonics of any page) and
    Alt/Ctrl with every letter and F1 to F12, by their text, except `own` (the page's own keys,
    and the shortcuts the page itself makes)."""
    keys = [a.shortcut() for a in window.findChildren(QtGui.QAction) if not a.shortcut().isEmpty()]
    keys += [s.key() for s in window.findChildren(QtGui.QShortcut) if s.parent() is not page]
    keys += [
        QtGui.QKeySequence(f"{mod}+{chr(c)}") for mod in ("Alt", "Ctrl") for c in range(65, 91)
    ]
    keys += [QtGui.QKeySequence(f"F{n}") for n in range(1, 13)]
    seen: dict[str, Any] = {}
    for key in keys:
        text = key.toString()
        if text and text not in own:
            seen.setdefault(text, key)
    return seen


def _press(qtbot: Any, key: QtCore.Qt.Key, modifier: QtCore.Qt.KeyboardModifier) -> None:
    widget = QtWidgets.QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    qtbot.keyClick(widget, key, modifier)


def open_dialogs() -> list[QtWidgets.QDialog]:
    return [
        w
        for w in QtWidgets.QApplication.topLevelWidgets()
        if isinstance(w, QtWidgets.QDialog) and w.isVisible()
    ]


def press_all_but_crisis(
    qtbot: Any,
    keys: dict[str, Any],
    still_there: Callable[[str], None],
    *,
    before_each: Callable[[], None] | None = None,
) -> None:
    """Each key but Crisis pressed on the widget with the focus (after `before_each()`), then
    `still_there(text)` (it asserts, naming the key); no dialog may be open after any."""
    for text, key in keys.items():
        if (
            key.matches(QtGui.QKeySequence(CRISIS_SHORTCUT))
            == QtGui.QKeySequence.SequenceMatch.ExactMatch
        ):
            continue
        combination = key[0]
        if before_each is not None:
            before_each()
        _press(qtbot, combination.key(), combination.keyboardModifiers())
        QtWidgets.QApplication.processEvents()
        dialogs = open_dialogs()
        still_there(text)
        assert dialogs == [], text


def crisis_opens(qtbot: Any, window: Any) -> None:
    """Ctrl+E opens the Crisis dialog over the page; it is closed again."""
    _press(qtbot, QtCore.Qt.Key.Key_E, QtCore.Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: window.crisis_dialog is not None and window.crisis_dialog.isVisible(),
        timeout=10_000,
    )
    window.crisis_dialog.reject()
