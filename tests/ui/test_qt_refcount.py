"""PySide6 6.12.0 on Python 3.11 loses a reference to None at each void Qt call and to True at
each emit, and the interpreter aborts after a few thousand: svdesk pins PySide6 6.11 (pyproject)
and `ui.qt` refuses any other version with a sentence saying what to do.

The loop runs in a child process, on plain PySide6: the failure guarded against aborts it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import ui.qt
from ui.qt import UnsupportedQt, check_pyside_version, version_tuple

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


@pytest.mark.gui  # starts Qt, in a child process
def test_the_installed_pyside_survives_many_void_calls_and_emits() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", LOOP],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "survived" in result.stdout


def _pins() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = {}
    for requirement in project["dependencies"]:
        match = re.fullmatch(r"(PySide6[-\w]*)\s*([^;]*)", requirement)
        if match:
            pins[match[1]] = match[2].replace(" ", "")
    return pins


def test_pyproject_pins_the_range_ui_qt_checks() -> None:
    lowest = ".".join(map(str, ui.qt.LOWEST_PYSIDE))
    first_unsupported = ".".join(map(str, ui.qt.FIRST_UNSUPPORTED_PYSIDE))
    expected = f">={lowest},<{first_unsupported}"
    assert _pins() == {"PySide6-Essentials": expected, "PySide6-Addons": expected}


def test_the_installed_pyside_is_in_the_range() -> None:
    check_pyside_version()  # ui.qt did it at import too
    assert version_tuple(ui.qt.PYSIDE_VERSION) >= ui.qt.LOWEST_PYSIDE


@pytest.mark.parametrize("version", ["6.11.3", "6.11.4", "6.11.10"])
def test_versions_in_the_range_are_accepted(version: str) -> None:
    check_pyside_version(version)


@pytest.mark.parametrize("version", ["6.12.0", "6.12.1", "6.11.2", "6.7.3", "7.0.0"])
def test_other_versions_are_refused_saying_what_to_do(version: str) -> None:
    with pytest.raises(UnsupportedQt) as refused:
        check_pyside_version(version)
    message = refused.value.message
    assert f"PySide6 {version} is installed" in message
    assert "6.11.3" in message
    assert "scripts/setup" in message
