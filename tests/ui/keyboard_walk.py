"""What a keyboard-only user needs of any window or dialog: no two visible controls share an
Alt+letter key, and every enabled, visible control can be reached by Tab."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QAbstractSpinBox, QTabBar

from ui.qt import QtCore, QtWidgets

_INTERACTIVE = (
    QtWidgets.QAbstractButton,
    QtWidgets.QLineEdit,
    QtWidgets.QTextEdit,
    QtWidgets.QPlainTextEdit,
    QtWidgets.QComboBox,
    QAbstractSpinBox,
    QtWidgets.QAbstractItemView,
    QtWidgets.QSlider,
    QTabBar,
)


def _key(text: str) -> str | None:
    match = re.search(r"&([^&\s])", text.replace("&&", ""))
    return match.group(1).lower() if match else None


def _shown(widget: QtWidgets.QWidget, root: QtWidgets.QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.window() is root.window()


def mnemonic_owners(root: QtWidgets.QWidget) -> dict[str, list[str]]:
    """Alt+letter → the texts that claim it, for what is visible in `root`'s window (disabled
    controls too: they clash as soon as they are enabled)."""
    found: dict[str, list[str]] = {}
    for widget in [root, *root.findChildren(QtWidgets.QWidget)]:
        if not _shown(widget, root):
            continue
        texts: list[str] = []
        if isinstance(widget, QtWidgets.QAbstractButton) or (
            isinstance(widget, QtWidgets.QLabel) and widget.buddy()
        ):
            texts.append(widget.text())
        elif isinstance(widget, QtWidgets.QGroupBox) and widget.isCheckable():
            texts.append(widget.title())
        if isinstance(widget, QtWidgets.QTabWidget):
            texts.extend(widget.tabText(i) for i in range(widget.count()))
        for text in texts:
            key = _key(text)
            if key is not None:
                found.setdefault(key, []).append(text)
    return found


def duplicate_mnemonics(root: QtWidgets.QWidget) -> dict[str, list[str]]:
    return {k: v for k, v in mnemonic_owners(root).items() if len(v) > 1}


def _inner(widget: QtWidgets.QWidget) -> bool:
    """Parts of a compound control that take the focus through their owner."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractSpinBox | QtWidgets.QComboBox):
            return True
        if isinstance(widget, QTabBar) and isinstance(parent, QtWidgets.QTabWidget):
            return False
        parent = parent.parentWidget() if isinstance(parent, QtWidgets.QAbstractItemView) else None
    return widget.focusProxy() is not None


def _tab_stop(widget: QtWidgets.QWidget, chain: dict[int, QtWidgets.QWidget]) -> bool:
    tab = bool(widget.focusPolicy().value & QtCore.Qt.FocusPolicy.TabFocus.value)
    return tab and id(widget) in chain


def unreachable_by_tab(root: QtWidgets.QWidget) -> list[str]:
    """Enabled, visible controls of `root`'s window that Tab never lands on."""
    top = root.window()
    # The widgets themselves are kept: a wrapper let go could give its id to another.
    chain: dict[int, QtWidgets.QWidget] = {}
    widget: QtWidgets.QWidget | None = top
    for _ in range(5000):
        assert widget is not None
        chain[id(widget)] = widget
        widget = widget.nextInFocusChain()
        if widget is top:
            break
    problems = []
    for widget in list(root.findChildren(QtWidgets.QWidget)):
        if not isinstance(widget, _INTERACTIVE) or isinstance(widget, QtWidgets.QHeaderView):
            continue
        if not _shown(widget, root) or not widget.isEnabled() or _inner(widget):
            continue
        if widget.objectName().startswith("qt_"):  # Qt's own scroll and spin arrows
            continue
        # Radio buttons of one exclusive group are one Tab stop (Qt gives Tab to the checked or
        # focused one; the arrows move within): the group must be reachable, not each button.
        group = widget.group() if isinstance(widget, QtWidgets.QRadioButton) else None
        members = group.buttons() if group is not None and group.exclusive() else [widget]
        if not any(_tab_stop(m, chain) for m in members):
            label = widget.accessibleName() or getattr(widget, "text", lambda: "")()
            problems.append(f"{type(widget).__name__} {widget.objectName()!r} {label!r}")
    return problems


def keyboard_problems(root: QtWidgets.QWidget, where: str) -> list[str]:
    out = [f"{where}: Alt+{k} on {v}" for k, v in duplicate_mnemonics(root).items()]
    out += [f"{where}: not reachable by Tab: {p}" for p in unreachable_by_tab(root)]
    return out
