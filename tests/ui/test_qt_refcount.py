"""ui/qt.py makes svdesk safe from PySide6 6.12.0's lost references to None/True on Python 3.11.

Run in child processes: the failure being guarded against aborts the interpreter.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui  # starts Qt (in child processes)

ROOT = Path(__file__).resolve().parents[2]
LOOP = """
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel
class Probe(QObject):
    ping = Signal()
app = QApplication([])
label, probe = QLabel(), Probe()
for _ in range(200_000):
    label.setObjectName("x")
    probe.ping.emit()
print("survived")
"""


def _run(prelude: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-c", prelude + LOOP],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def test_many_void_calls_and_emits_after_importing_ui_qt_do_not_abort() -> None:
    result = _run("import ui.qt\n")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "survived" in result.stdout


def test_the_workaround_is_needed_exactly_where_it_is_applied() -> None:
    probe = _run("import ui.qt, sys\nprint('pinned', ui.qt.SINGLETONS_PINNED)\nsys.exit(0)\n")
    pinned = "pinned True" in probe.stdout
    bare = _run("")
    # Where ui.qt pinned the singletons, plain PySide6 aborts; where it did not, it is sound.
    assert (bare.returncode != 0) == pinned, (probe.stdout, bare.returncode, bare.stderr[-500:])
