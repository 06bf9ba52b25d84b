"""What the GUI start does to be quick keeps behaviour intact: the garbage collector paused until
the first screen is painted (and on again whatever happens), and PySide6's scan of imported
modules answered from their bytes with PySide6's own answers."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

import pytest

import ui.app
import ui.qt
from svdesk.cli import gui_cmds


def test_the_collector_is_paused_during_the_start_and_back_on_after(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: list[bool] = []

    def run_gui(home: Path) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(ui.app, "run_gui", run_gui)
    assert gc.isenabled()
    assert gui_cmds.cmd_gui(argparse.Namespace(home=tmp_path)) == 0
    assert seen == [False]
    assert gc.isenabled()


def test_the_collector_is_back_on_when_the_start_fails(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def run_gui(home: Path) -> int:
        raise RuntimeError("the window could not be built")

    monkeypatch.setattr(ui.app, "run_gui", run_gui)
    with pytest.raises(RuntimeError):
        gui_cmds.cmd_gui(argparse.Namespace(home=tmp_path))
    assert gc.isenabled()


def test_first_paint_turns_the_collector_on_and_freezes_the_start() -> None:
    gc.disable()
    try:
        before = gc.get_freeze_count()
        junk = [object() for _ in range(100)]
        ui.app._start_done()
        assert gc.isenabled()
        assert gc.get_freeze_count() >= before + len(junk)
    finally:
        gc.unfreeze()
        gc.enable()


def test_feature_scan_gives_pysides_own_answers() -> None:
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not ui.qt.FEATURE_SCAN_QUICKENED:
        pytest.skip("this PySide6 has no per-module source scan")
    ours = feature._mod_uses_pyside
    upstream = ours.upstream
    modules = [m for m in list(sys.modules.values()) if m is not None]
    assert len(modules) > 100
    disagree = [m.__name__ for m in modules if ours(m) != upstream(m)]
    assert disagree == []
    # both ways are met: our Qt module mentions PySide6, the core does not
    assert ours(ui.qt) is True
    assert ours(sys.modules["svdesk.workstation"]) is False
    assert ours(sys) is False  # built in: PySide6's answer


def test_feature_scan_is_installed_once() -> None:
    assert ui.qt._quicker_feature_scan() is False  # already in place: not wrapped twice


def test_set_shortcut_is_a_real_shortcut_and_refuses_a_non_action(qapp) -> None:  # type: ignore[no-untyped-def]
    from ui.qt import QAction, QObject, set_shortcut

    action = QAction(qapp)
    set_shortcut(action, "Ctrl+L")
    assert action.shortcut().toString() == "Ctrl+L"
    with pytest.raises(ValueError, match="no shortcut property"):
        set_shortcut(QObject(), "Ctrl+L")
