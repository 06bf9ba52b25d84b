"""Background work for the GUI: runs a core call (or a progress generator) on the single worker
thread and hands its result, progress or error back on the GUI thread (after Anki's QueryOp).

Rule: `op` takes core objects and returns core objects; it never touches a widget.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Generator
from typing import Any

from ui.qt import QtCore, QtWidgets, Signal, Slot
from ui.runtime.errors import show_error

SuccessCallback = Callable[[Any], None]
FailureCallback = Callable[[BaseException], None]
ProgressCallback = Callable[[Any], None]

# Relays of operations still running: keeps them alive until their result has been delivered,
# whatever happens to the widget that started them.
_running: set[_Relay] = set()


@functools.cache
def worker_pool() -> QtCore.QThreadPool:
    """The one worker thread: core operations never run concurrently with each other."""
    pool = QtCore.QThreadPool()
    pool.setObjectName("svdesk-worker")
    pool.setMaxThreadCount(1)
    # A thread that never expires: the core sees the same worker thread for the whole run.
    pool.setExpiryTimeout(-1)
    return pool


def busy() -> bool:
    """True while any background operation has not yet delivered its outcome."""
    return bool(_running)


def wait_for_all(msecs: int = 30_000) -> bool:
    """Block until the worker is idle (shutdown and selftest only; never from an event handler)."""
    return worker_pool().waitForDone(msecs)


class _Relay(QtCore.QObject):
    """Lives on the GUI thread; its signals, emitted from the worker, reach its own slots queued,
    so the callbacks of the `BackgroundOp` always run on the GUI thread."""

    progressed = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, owner: BackgroundOp) -> None:
        super().__init__()
        self._owner = owner
        self.progressed.connect(self._on_progressed)
        self.succeeded.connect(self._on_succeeded)
        self.failed.connect(self._on_failed)
        self.cancelled.connect(self._on_cancelled)

    @Slot(object)
    def _on_progressed(self, item: object) -> None:
        self._owner._deliver_progress(item)

    @Slot(object)
    def _on_succeeded(self, result: object) -> None:
        self._owner._deliver_success(result)

    @Slot(object)
    def _on_failed(self, exc: object) -> None:
        self._owner._deliver_failure(exc)

    @Slot()
    def _on_cancelled(self) -> None:
        self._owner._deliver_cancelled()

    @Slot()
    def parent_gone(self) -> None:
        self._owner._parent_gone()


class _Job(QtCore.QRunnable):
    def __init__(self, op: Callable[[], Any], relay: _Relay, cancel: threading.Event) -> None:
        super().__init__()
        self._op = op
        self._relay = relay
        self._cancel = cancel

    def run(self) -> None:
        relay = self._relay
        try:
            result = self._op()
            if isinstance(result, Generator):
                result = self._drain(result)
                if result is _CANCELLED:
                    relay.cancelled.emit()
                    return
            if self._cancel.is_set():
                relay.cancelled.emit()
                return
            relay.succeeded.emit(result)
        except BaseException as exc:  # delivered to the GUI thread, which decides what to show
            relay.failed.emit(exc)

    def _drain(self, gen: Generator[Any, None, Any]) -> Any:
        while True:
            if self._cancel.is_set():
                # close() runs the generator's `finally` blocks: the core cleans up itself.
                gen.close()
                return _CANCELLED
            try:
                item = next(gen)
            except StopIteration as stop:
                return stop.value
            self._relay.progressed.emit(item)


_CANCELLED = object()


class BackgroundOp:
    """One background operation, started with `.run()`.

    `op` is a callable taking no arguments; if it returns a generator, each yielded value is
    progress and the generator's return value is the result. `success(result)`,
    `failure(exc)` and `progress(item)` run on the GUI thread, and only while `parent` still
    exists (a page destroyed by locking never receives a late result). Without `failure`,
    errors are shown by `ui.runtime.errors.show_error`.
    """

    def __init__(
        self,
        parent: QtWidgets.QWidget,
        *,
        op: Callable[[], Any],
        success: SuccessCallback | None = None,
        failure: FailureCallback | None = None,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], None] | None = None,
        cancellable: bool = True,
    ) -> None:
        self._parent: QtWidgets.QWidget | None = parent
        self._op = op
        self._success = success
        self._failure = failure
        self._progress = progress
        self._on_cancelled = cancelled
        self._cancellable = cancellable
        self._cancel = threading.Event()
        self._relay = _Relay(self)
        self._started = False
        self._done = False
        #: emitted on the GUI thread once the outcome has been delivered (or dropped)
        self.finished = self._relay.finished
        parent.destroyed.connect(self._relay.parent_gone)

    @property
    def done(self) -> bool:
        return self._done

    def run(self) -> BackgroundOp:
        if self._started:
            raise RuntimeError("a BackgroundOp runs once")
        self._started = True
        _running.add(self._relay)
        worker_pool().start(_Job(self._op, self._relay, self._cancel))
        return self

    def cancel(self) -> bool:
        """Ask the operation to stop at its next progress step; False if it cannot be cancelled."""
        if not self._cancellable or self._done:
            return False
        self._cancel.set()
        return True

    def _parent_gone(self) -> None:
        self._parent = None
        # Nobody is left to show the outcome: stop a cancellable operation early.
        if self._cancellable:
            self._cancel.set()

    def _alive(self) -> bool:
        return self._parent is not None

    def _deliver_progress(self, item: object) -> None:
        if self._alive() and self._progress is not None and not self._cancel.is_set():
            self._progress(item)

    def _deliver_success(self, result: object) -> None:
        self._done = True  # callbacks may start the next operation
        try:
            if self._alive() and self._success is not None:
                self._success(result)
        finally:
            self._finish()

    def _deliver_failure(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        self._done = True
        try:
            if self._alive():
                if self._failure is not None:
                    self._failure(exc)
                else:
                    show_error(self._parent, exc)
        finally:
            self._finish()

    def _deliver_cancelled(self) -> None:
        self._done = True
        try:
            if self._alive() and self._on_cancelled is not None:
                self._on_cancelled()
        finally:
            self._finish()

    def _finish(self) -> None:
        _running.discard(self._relay)
        self._relay.finished.emit()
