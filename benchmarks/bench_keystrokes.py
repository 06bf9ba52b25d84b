"""Keystrokes of a calm first contact: the real main window, unlocked, then a minimal complete
conversation typed with Qt key events (QTest) from "New conversation" to "Completed".

    .venv/bin/python benchmarks/run.py --only keystrokes [--runs 5]

Target (issue 17): ≤ 60 keystrokes. The conversation is a calm first contact: the two
before-you-start safety questions and the four core safety-check items answered "No", stress
zone green, the required record fields, a follow-up in 24-72 hours. Each key goes to the widget
that has the focus, as a supporter's would; `tests/ui/test_keystrokes.py` asserts the count.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import ROOT, Figure

TARGET = 60
NAME = "Sam Night"
PASSPHRASE = "keystroke benchmark passphrase 7"

# (key, what it does): the whole path, from the home screen's focused "New conversation".
CALM_FIRST_CONTACT: tuple[tuple[str, str], ...] = (
    ("Space", "home: New conversation (it has the focus)"),
    # Before you start: the focus is on the first question's first choice; Enter goes on to
    # the next unanswered question, Page Down to the next step.
    ("Down", "unable to continue care safely? No"),
    ("Enter", "next question"),
    ("Down", "impaired at work? No"),
    ("Enter", "next question"),
    ("Space", "who asked: the colleague"),
    ("Enter", "next question"),
    ("Space", "meeting: in person"),
    ("Enter", "next question"),
    ("Space", "taking part: one colleague"),
    ("Enter", "next question"),
    ("1", "people reached: 1"),
    ("Enter", "next question"),
    ("PgDown", "the rest is optional: next step"),
    ("Enter", "Frame: nothing to answer, next step"),
    ("PgDown", "Their story: nothing required, next step"),
    ("Space", "Check: stress zone green"),
    ("PgDown", "next step"),
    ("Down", "Safety check 1, wished to be dead? No"),
    ("Enter", "next question"),
    ("Down", "2, thoughts of killing yourself? No"),
    ("Enter", "next question"),
    ("Down", "6, suicidal behaviour ever? No"),
    ("Enter", "next question"),
    ("Down", "thoughts of harming someone else? No"),
    ("Enter", "nothing left: next step"),
    ("Enter", "Prioritise: next step"),
    ("Space", "Support: listening"),
    ("PgDown", "next step"),
    ("PgDown", "Coping and resources: next step"),
    ("Down", "Disposition: litigation or investigation? No"),
    ("Enter", "next question"),
    ("Down", "beyond peer support? No"),
    ("Enter", "next question"),
    ("Enter", "no referral: next question"),
    ("Enter", "next question"),
    ("Down", "follow-up: in 24-72 hours"),
    ("Enter", "next step"),
    ("Enter", "Close: next step"),
    ("Down", "Record: 15-30 minutes"),
    ("Enter", "next question"),
    ("Space", "needs met: yes"),
    ("Enter", "next field"),
    ("Down", "role: nurse"),
    ("Enter", "next field"),
    ("Down", "area: emergency department"),
    ("Enter", "next step"),
    ("Enter", "Self-check (optional): Complete"),
)


@dataclass
class Run:
    keystrokes: int
    seconds: float
    completed: bool
    trace: list[str]


def _qt_key(name: str) -> object:
    from ui.qt import QtCore

    keys = {
        "Space": QtCore.Qt.Key.Key_Space,
        "Enter": QtCore.Qt.Key.Key_Return,
        "Down": QtCore.Qt.Key.Key_Down,
        "PgDown": QtCore.Qt.Key.Key_PageDown,
        "1": QtCore.Qt.Key.Key_1,
    }
    return keys[name]


def _make_store(home: Path) -> None:
    from svdesk.access.workstation import Workstation

    session, _code = Workstation.create(
        home,
        role="unit",
        site="BENCH",
        unit="ICU",
        admin_name=NAME,
        passphrase=PASSPHRASE,
        secrets=None,
        passphrase_only=True,
    )
    session.lock()
    session.workstation.close()


def _wait(condition: object, timeout_s: float = 30.0) -> bool:
    from PySide6.QtTest import QTest

    assert callable(condition)
    deadline = time.perf_counter() + timeout_s
    while not condition():
        if time.perf_counter() > deadline:
            return False
        QTest.qWait(10)
    return True


def drive(home: Path, plan: tuple[tuple[str, str], ...] = CALM_FIRST_CONTACT) -> Run:
    """Unlock the main window on `home` (not counted), then type `plan` into whatever has the
    focus; Completed is the conversation's `completed` signal (the "record is saved" notice)."""
    from PySide6.QtTest import QTest

    from ui.qt import QtCore, QtWidgets
    from ui.runtime import ops
    from ui.shell.home import HomePage
    from ui.shell.main_window import MainWindow
    from ui.unit.conversation import ConversationWindow

    window = MainWindow(home, None)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    unlock = window.page
    unlock.supporter.setCurrentIndex(unlock.supporter.findText(NAME))  # type: ignore[attr-defined]
    QTest.keyClicks(unlock.passphrase, PASSPHRASE)  # type: ignore[attr-defined]
    QTest.keyClick(unlock.passphrase, QtCore.Qt.Key.Key_Return)  # type: ignore[attr-defined]
    _wait(lambda: isinstance(window.page, HomePage) and not ops.busy())
    completed: list[object] = []
    trace: list[str] = []
    conversation: ConversationWindow | None = None
    started = time.perf_counter()
    try:
        for name, why in plan:
            target = (
                QtWidgets.QApplication.focusWidget()
                or QtWidgets.QApplication.activeWindow()
                or window
            )
            QTest.keyClick(target, _qt_key(name))  # type: ignore[call-overload]
            QtWidgets.QApplication.processEvents()
            if conversation is None:
                found = [
                    w.findChild(ConversationWindow)
                    for w in QtWidgets.QApplication.topLevelWidgets()
                    if w.isVisible()
                ]
                conversation = next((c for c in found if c is not None), None)
                if conversation is not None:
                    conversation.completed.connect(completed.append)
            if completed:  # the window is gone: the notice says the record is saved
                trace.append(f"{name:6} {why:45} → Completed")
                break
            step = conversation.current_step_id() if conversation is not None else "home"
            focus = QtWidgets.QApplication.focusWidget()
            trace.append(
                f"{name:6} {why:45} [{step}] → {focus.accessibleName() if focus else None}"
            )
        seconds = time.perf_counter() - started
        return Run(len(trace), seconds, bool(completed), trace)
    finally:
        _wait(lambda: not ops.busy())
        for box in QtWidgets.QApplication.topLevelWidgets():
            if box is not window and box.isVisible():
                box.close()
        window.shutdown()
        QtWidgets.QApplication.processEvents()


def bench_keystrokes(runs: int, tmp: Path) -> Iterator[Figure]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from ui.qt import QtWidgets

    _app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    results = []
    for index in range(runs):
        home = tmp / f"keystrokes-{index}"
        _make_store(home)
        result = drive(home)
        if not result.completed:
            raise RuntimeError("the conversation did not complete:\n" + "\n".join(result.trace))
        results.append(result)
    keys = results[0].keystrokes
    yield Figure(
        "calm first contact: keystrokes", keys, "keys", None, f"≤ {TARGET}", keys <= TARGET
    )
    yield Figure(
        "calm first contact: seconds to Completed",
        statistics.median(r.seconds for r in results),
        "s",
        None,
        "report",
    )


BENCHMARKS = {"keystrokes": bench_keystrokes}


def main() -> int:
    """Print the path key by key, then the count and the time."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.qt import QtWidgets

    _app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    with tempfile.TemporaryDirectory(prefix="svdesk-keys-") as folder:
        home = Path(folder) / "store"
        _make_store(home)
        result = drive(home)
    print("\n".join(result.trace))
    state = "Completed" if result.completed else "NOT completed"
    print(f"{state}: {result.keystrokes} keystrokes, {result.seconds:.2f} s (target ≤ {TARGET})")
    return 0 if result.completed and result.keystrokes <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
