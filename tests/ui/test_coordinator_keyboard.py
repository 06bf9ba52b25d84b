"""Accessibility and keyboard use of the coordinator page, export and pairing dialogs: every
control can be named by a screen reader, and the Alt+letter keys on screen never collide."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from fakes import close_session
from test_coordinator_support import coordinator_store, idle, unit_store

from svdesk.access.session import Session
from ui.coordinator.page import CoordinatorPage
from ui.qt import QtWidgets
from ui.unit.export import ExportDialog
from ui.unit.pairing import PairingDialog


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[tuple[Session, Session]]:
    unit = unit_store(tmp_path)
    coord = coordinator_store(tmp_path)
    yield unit, coord
    close_session(unit)
    close_session(coord)


def mnemonics(root: QtWidgets.QWidget) -> list[str]:
    """The Alt+letter keys of what is visible under `root` (buttons, buddy labels, tabs)."""
    texts: list[str] = []
    for widget in root.findChildren(QtWidgets.QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QtWidgets.QAbstractButton) or (
            isinstance(widget, QtWidgets.QLabel) and widget.buddy()
        ):
            texts.append(widget.text())
        if isinstance(widget, QtWidgets.QTabWidget):
            texts.extend(widget.tabText(i) for i in range(widget.count()))
    keys = []
    for text in texts:
        match = re.search(r"&([^&])", text.replace("&&", ""))
        if match:
            keys.append(match.group(1).lower())
    return keys


def test_coordinator_page_is_named_and_keyboard_unambiguous(
    qtbot: Any, kit: SimpleNamespace, stores: tuple[Session, Session]
) -> None:
    _unit, coord = stores
    page = CoordinatorPage(coord)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    idle(qtbot)
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        assert kit.unnamed_controls(page) == [], page.tabs.tabText(index)
        keys = mnemonics(page)
        repeated = [k for k, n in Counter(keys).items() if n > 1]
        assert repeated == [], (page.tabs.tabText(index), repeated)
    idle(qtbot)


def test_dialogs_are_named_and_keyboard_unambiguous(
    qtbot: Any, kit: SimpleNamespace, stores: tuple[Session, Session]
) -> None:
    unit, _coord = stores
    for dialog in (ExportDialog(unit), PairingDialog(unit)):
        qtbot.addWidget(dialog)
        dialog.show()
        idle(qtbot)
        assert kit.unnamed_controls(dialog) == [], type(dialog).__name__
        keys = mnemonics(dialog)
        assert len(keys) == len(set(keys)), (type(dialog).__name__, keys)
        # The first field takes the focus: the dialog can be used without a mouse.
        assert dialog.focusWidget() is not None
