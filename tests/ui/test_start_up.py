"""What the GUI start does to be quick keeps behaviour intact: the garbage collector paused until
the first screen is painted (and restored whatever happens), then collecting on the GUI thread
only."""

from __future__ import annotations

import argparse
import gc
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import ui.runtime.app
from svdesk.cli import gui_cmds
from ui.qt import QApplication
from ui.runtime.collector import GuiThreadCollector


@pytest.fixture
def collector_on() -> Iterator[None]:
    """Python's own collection on, as for a command-line start (the GUI tests run with
    `ui.runtime.collector` in charge); the suite's policy is restored afterwards."""
    gc.enable()
    yield
    gc.disable()


@pytest.mark.usefixtures("collector_on")
def test_the_collector_is_paused_during_the_start_and_back_on_after(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: list[bool] = []

    def run_gui(home: Path) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(ui.runtime.app, "run_gui", run_gui)
    assert gui_cmds.cmd_gui(argparse.Namespace(home=tmp_path)) == 0
    assert seen == [False]
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_on")
def test_the_collector_is_back_on_when_the_start_fails(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def run_gui(home: Path) -> int:
        raise RuntimeError("the window could not be built")

    monkeypatch.setattr(ui.runtime.app, "run_gui", run_gui)
    with pytest.raises(RuntimeError):
        gui_cmds.cmd_gui(argparse.Namespace(home=tmp_path))
    assert gc.isenabled()


def test_a_start_leaves_a_paused_collector_paused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert not gc.isenabled()  # the GUI tests' policy, as inside the running app
    monkeypatch.setattr(ui.runtime.app, "run_gui", lambda home: 0)
    assert gui_cmds.cmd_gui(argparse.Namespace(home=tmp_path)) == 0
    assert not gc.isenabled()


def test_first_paint_freezes_what_the_start_made() -> None:
    before = gc.get_freeze_count()
    junk = [object() for _ in range(100)]
    ui.runtime.app._start_done()
    try:
        assert gc.get_freeze_count() >= before + len(junk)
    finally:
        gc.unfreeze()


def test_the_application_collects_on_the_gui_thread_only(qapp: QApplication) -> None:
    gc.enable()  # as before the application is set up
    collector = ui.runtime.app.gui_thread_collector(qapp)  # what create_application starts
    try:
        assert isinstance(collector, GuiThreadCollector)
        assert not gc.isenabled()  # no automatic collection, on any thread
        assert ui.runtime.app.gui_thread_collector(qapp) is collector  # one per application
    finally:
        collector.stop()
        del qapp._svdesk_collector  # type: ignore[attr-defined]
        gc.disable()


def test_the_gui_thread_collects_what_python_would_have(qapp: QApplication) -> None:
    collector = GuiThreadCollector(qapp, interval_ms=10)
    try:
        gc.collect()
        assert collector.check() is None  # nothing over a threshold yet
        threshold0 = gc.get_threshold()[0]
        cycles = []
        for _ in range(threshold0 * 3):
            pair: list[object] = []
            pair.append(pair)  # a reference cycle: only the collector frees it
            cycles.append(weakref.ref(_Box(pair)))
        assert gc.get_count()[0] > threshold0
        assert collector.check() == 0
        assert collector.collections[0] == 1
        assert all(ref() is None for ref in cycles)
        assert not gc.isenabled()
    finally:
        collector.stop()
        gc.disable()


def test_a_worker_thread_never_collects(qapp: QApplication, qtbot: Any) -> None:
    """The reason for it all: allocating on another thread past every threshold frees no cycle
    there; the GUI thread's collector frees it."""
    freed_on: list[str] = []

    class Tracked:
        def __init__(self) -> None:
            self.me = self

        def __del__(self) -> None:
            freed_on.append(threading.current_thread().name)

    Tracked()
    kept: list[list[object]] = []
    worker = threading.Thread(
        target=lambda: kept.extend([] for _ in range(gc.get_threshold()[0] * 20)), name="worker"
    )
    worker.start()
    worker.join()
    assert gc.get_count()[0] > gc.get_threshold()[0]  # well past the threshold, on the worker
    assert freed_on == []  # ... and nothing was collected there
    collector = GuiThreadCollector(qapp, interval_ms=10)
    try:
        qtbot.waitUntil(lambda: freed_on == ["MainThread"], timeout=5_000)
    finally:
        collector.stop()
        gc.disable()


class _Box:
    """Weak-referenceable holder of a cycle (lists are not)."""

    def __init__(self, value: object) -> None:
        self.value = value
        self.me = self
