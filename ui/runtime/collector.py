"""The cyclic garbage collector runs on the GUI thread only.

Python collects on whichever thread happens to allocate past its threshold, and svdesk runs
Python on worker threads (the core's operations, the import's read-ahead). Collected there, a
Qt wrapper that owns its C++ object has that object deleted later on the GUI thread by shiboken
("deletion in main thread") — by then Qt may have deleted it already, and the process crashes
(seen in the test suite: a dashboard closed by one test, collected on a worker during the next).
So automatic collection stays off while the GUI runs, and a timer on the GUI thread collects
the generations Python would have collected, as their counts pass Python's own thresholds.

This module is the only one that changes the collector's state (tests/ui/test_start_up.py).
"""

from __future__ import annotations

import gc

from ui.qt import QtCore

# Often enough that garbage never piles up between two looks; a look with nothing to collect
# costs a few microseconds.
CHECK_INTERVAL_MS = 250


class GuiThreadCollector(QtCore.QObject):
    """Turns automatic collection off and collects from a GUI-thread timer instead."""

    def __init__(
        self, parent: QtCore.QObject | None = None, interval_ms: int = CHECK_INTERVAL_MS
    ) -> None:
        super().__init__(parent)
        gc.disable()
        self.collections = [0, 0, 0]  # per generation, for tests and diagnostics
        self._timer = QtCore.QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> int | None:
        """Collect the oldest generation whose count passed its threshold; which one, or None."""
        counts = gc.get_count()
        thresholds = gc.get_threshold()
        generation = None
        for gen in range(3):
            if counts[gen] > thresholds[gen]:
                generation = gen
        if generation is not None:
            gc.collect(generation)
            self.collections[generation] += 1
        return generation

    def freeze(self) -> None:
        """Keep what exists now (the start's imports, the first screen) out of every later
        collection: it stays for the whole run, and a full collection need not walk it again."""
        gc.freeze()

    def stop(self) -> None:
        """Back to Python's own collection (on whatever thread)."""
        self._timer.stop()
        gc.enable()
