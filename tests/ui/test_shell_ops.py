"""The background-operation helper, the error dialogs, many Qt calls and emits, and
`svdesk selftest`."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Generator
from pathlib import Path

import pytest

from svdesk.errors import StoreDamaged
from ui.qt import QtCore, QtWidgets, Signal
from ui.runtime import ops
from ui.runtime.errors import describe, error_dialog

ROOT = Path(__file__).resolve().parents[2]


def test_result_arrives_on_the_gui_thread(qtbot):  # type: ignore[no-untyped-def]
    owner = QtWidgets.QWidget()
    qtbot.addWidget(owner)
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.current_thread()
        return 42

    def success(result: int) -> None:
        seen["result"] = result
        seen["callback"] = threading.current_thread()

    op = ops.BackgroundOp(owner, op=work, success=success)
    with qtbot.waitSignal(op.finished, timeout=5_000):
        op.run()
    assert seen["result"] == 42
    assert seen["worker"] is not threading.main_thread()
    assert seen["callback"] is threading.main_thread()
    assert op.done
    assert not ops.busy()


def test_progress_generator_reports_then_returns(qtbot):  # type: ignore[no-untyped-def]
    owner = QtWidgets.QWidget()
    qtbot.addWidget(owner)
    progress: list[object] = []
    results: list[object] = []

    def work() -> Generator[int, None, str]:
        yield from range(3)
        return "done"

    op = ops.BackgroundOp(owner, op=work, success=results.append, progress=progress.append)
    with qtbot.waitSignal(op.finished, timeout=5_000):
        op.run()
    assert progress == [0, 1, 2]
    assert results == ["done"]


def test_cancel_closes_the_generator(qtbot):  # type: ignore[no-untyped-def]
    owner = QtWidgets.QWidget()
    qtbot.addWidget(owner)
    started = threading.Event()
    release = threading.Event()
    cleaned = threading.Event()
    outcome: list[str] = []

    def work() -> Generator[int, None, str]:
        try:
            yield 0
            started.set()
            release.wait(5)
            yield 1
            yield 2
            return "finished"
        finally:
            cleaned.set()

    op = ops.BackgroundOp(
        owner,
        op=work,
        success=lambda r: outcome.append(f"success {r}"),
        cancelled=lambda: outcome.append("cancelled"),
    )
    op.run()
    assert started.wait(5)
    assert op.cancel()
    release.set()
    qtbot.waitUntil(lambda: op.done, timeout=5_000)
    assert outcome == ["cancelled"]
    assert cleaned.is_set()


def test_failure_goes_to_the_failure_callback(qtbot):  # type: ignore[no-untyped-def]
    owner = QtWidgets.QWidget()
    qtbot.addWidget(owner)
    errors: list[BaseException] = []

    def work() -> None:
        raise StoreDamaged("The store is damaged; restore a backup.")

    op = ops.BackgroundOp(owner, op=work, failure=errors.append)
    with qtbot.waitSignal(op.finished, timeout=5_000):
        op.run()
    assert len(errors) == 1
    assert isinstance(errors[0], StoreDamaged)


def test_failure_without_callback_shows_the_error_dialog(qtbot):  # type: ignore[no-untyped-def]
    owner = QtWidgets.QWidget()
    qtbot.addWidget(owner)
    owner.show()

    def work() -> None:
        raise StoreDamaged("The store is damaged; restore a backup.")

    op = ops.BackgroundOp(owner, op=work)
    with qtbot.waitSignal(op.finished, timeout=5_000):
        op.run()
    box = owner.findChild(QtWidgets.QMessageBox, "errorDialog")
    assert box is not None
    assert box.text() == "Store damaged"
    assert box.informativeText() == "The store is damaged; restore a backup."
    box.close()


def test_no_callback_after_the_owner_is_gone(qtbot):  # type: ignore[no-untyped-def]
    owner = QtWidgets.QWidget()
    release = threading.Event()
    calls: list[object] = []
    op = ops.BackgroundOp(owner, op=lambda: release.wait(5), success=calls.append)
    op.run()
    owner.deleteLater()
    qtbot.waitUntil(lambda: op._parent is None, timeout=5_000)
    release.set()
    qtbot.waitUntil(lambda: op.done, timeout=5_000)
    assert calls == []


def test_operations_run_one_at_a_time_on_one_thread(qtbot):  # type: ignore[no-untyped-def]
    owner = QtWidgets.QWidget()
    qtbot.addWidget(owner)
    threads: set[int] = set()
    running = [0]
    overlap = [False]
    lock = threading.Lock()

    def work() -> None:
        with lock:
            running[0] += 1
            overlap[0] |= running[0] > 1
        threads.add(threading.get_ident())
        with lock:
            running[0] -= 1

    started = [ops.BackgroundOp(owner, op=work).run() for _ in range(5)]
    qtbot.waitUntil(lambda: all(op.done for op in started), timeout=5_000)
    assert len(threads) == 1
    assert not overlap[0]


def test_domain_error_dialog_shows_title_and_message(qtbot):  # type: ignore[no-untyped-def]
    box = error_dialog(None, StoreDamaged("The keys file is damaged; restore a backup."))
    qtbot.addWidget(box)
    assert box.windowTitle() == "Store damaged"
    assert box.informativeText() == "The keys file is damaged; restore a backup."
    assert box.detailedText() == ""


def test_unexpected_error_is_an_internal_error_with_hidden_details(qtbot, capsys):  # type: ignore[no-untyped-def]
    try:
        raise KeyError("slot")
    except KeyError as exc:
        box = error_dialog(None, exc)
    qtbot.addWidget(box)
    assert describe(KeyError("x"))[0] == "Internal error"
    assert box.text() == "Internal error"
    assert "KeyError" in box.detailedText()
    assert "Traceback" in box.detailedText()
    assert "KeyError" in capsys.readouterr().err


def test_qt_calls_do_not_drain_none_and_true():  # type: ignore[no-untyped-def]
    # PySide6 6.12.0 on Python 3.11 loses a reference to None per void call and to True per
    # emit; the pinned PySide6 (pyproject, checked by ui.qt) does not. Thousands of calls must
    # not abort the interpreter nor drain the counts.
    class Pinger(QtCore.QObject):
        ping = Signal()

    pinger = Pinger()
    for _ in range(20_000):
        pinger.setObjectName("x")
        pinger.ping.emit()
    if sys.version_info < (3, 12):
        assert sys.getrefcount(None) > 1_000
        assert sys.getrefcount(True) > 1_000


@pytest.mark.gui
def test_selftest_command_passes() -> None:
    env = {k: v for k, v in os.environ.items() if k != "SVDESK_KDF_PROFILE"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run(
        [sys.executable, "-m", "svdesk_app", "selftest"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "selftest passed" in result.stdout
    assert "ok    unlock" in result.stdout
    assert "ok    render the unlock screen offscreen" in result.stdout
