"""The garbage collector while the GUI runs: collecting on the GUI thread only, what the start
made frozen at the first paint, and ui/runtime/collector.py the one module that changes it."""

from __future__ import annotations

import gc
import re
import threading
import weakref
from pathlib import Path
from typing import Any

import ui.runtime.app
from ui.qt import QtWidgets
from ui.runtime.collector import GuiThreadCollector

ROOT = Path(__file__).resolve().parents[2]


def test_first_paint_freezes_what_the_start_made(qapp: QtWidgets.QApplication) -> None:
    collector = GuiThreadCollector(qapp, interval_ms=10)
    before = gc.get_freeze_count()
    junk = [object() for _ in range(100)]
    try:
        collector.freeze()
        assert gc.get_freeze_count() >= before + len(junk)
    finally:
        gc.unfreeze()
        collector.stop()
        gc.disable()


def test_only_the_collector_changes_the_collectors_state() -> None:
    """One owner of the garbage collector's state: ui/runtime/collector.py."""
    changes = re.compile(r"\bgc\.(disable|enable|freeze|unfreeze|set_threshold)\(")
    owner = ROOT / "ui" / "runtime" / "collector.py"
    elsewhere = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("svdesk", "ui", "scripts")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path != owner
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if changes.search(line)
    ]
    assert elsewhere == []
    assert changes.search(owner.read_text(encoding="utf-8"))


def test_the_application_collects_on_the_gui_thread_only(qapp: QtWidgets.QApplication) -> None:
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


def test_the_gui_thread_collects_what_python_would_have(qapp: QtWidgets.QApplication) -> None:
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


def test_a_worker_thread_never_collects(qapp: QtWidgets.QApplication, qtbot: Any) -> None:
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
