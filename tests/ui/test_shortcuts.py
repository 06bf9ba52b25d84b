"""Crisis (Ctrl+E) and Lock (Ctrl+L) are defined once, in ui/runtime/shortcuts.py: the windows'
actions use those constants, and no other module of ui/ writes the keys out."""

from __future__ import annotations

import ast
from pathlib import Path

from ui.qt import QtGui
from ui.runtime import shortcuts
from ui.runtime.shortcuts import CRISIS_SHORTCUT, LOCK_SHORTCUT

ROOT = Path(__file__).resolve().parents[2]


def test_the_keys_are_written_out_in_shortcuts_py_only() -> None:
    owner = Path(shortcuts.__file__).resolve()
    keys = {CRISIS_SHORTCUT.casefold(), LOCK_SHORTCUT.casefold()}
    copies = sorted(
        f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}"
        for path in sorted((ROOT / "ui").rglob("*.py"))
        if path.resolve() != owner
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and any(key in node.value.casefold() for key in keys)
    )
    assert copies == []


def test_the_main_windows_actions_use_them(open_window, store) -> None:  # type: ignore[no-untyped-def]
    window = open_window(store.home, store.secrets)
    assert window.crisis_action.shortcut() == QtGui.QKeySequence(CRISIS_SHORTCUT)
    assert window.lock_action.shortcut() == QtGui.QKeySequence(LOCK_SHORTCUT)
    assert CRISIS_SHORTCUT in window.crisis_action.toolTip()
    assert LOCK_SHORTCUT in window.lock_action.toolTip()
