"""The one module of ui/ that imports Qt (Core, Gui, Widgets); everything else in ui/ does
`from ui.qt import QtCore, QtGui, QtWidgets` (and `Signal`, `Slot`) and uses Qt through the
module objects (`QtWidgets.QLabel`, `QtCore.Qt.AlignmentFlag`), so that a start builds only the
class wrappers its screens use. QtCharts, which only the coordinator's dashboard draws, is
re-exported by `ui.qt_charts`, so that the unlock screen does not load it.

The `Qt` namespace is not re-exported: PySide6 builds all of its ~90 enums (~1,200 members,
with Python's enum module) the first time `QtCore.Qt` is touched, ~15 ms, so `QtCore.Qt.X` is
written where it is used, and the unlock screen is painted without it
(tests/ui/test_unlock_imports.py says how).

Importing this module checks the PySide6 version against the range pyproject.toml pins (a test
ties the two): PySide6 6.12.0 on Python 3.11 loses a reference to None at every void Qt call
and to True at every signal emit, and the interpreter aborts after a few thousand of them.
"""

from __future__ import annotations

import re
import sys

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import Signal, Slot

from svdesk.errors import SvdeskError

# The PySide6 versions svdesk runs on: [LOWEST, FIRST_UNSUPPORTED), as pinned in pyproject.toml.
LOWEST_PYSIDE = (6, 11, 3)
FIRST_UNSUPPORTED_PYSIDE = (6, 12)


class UnsupportedQt(SvdeskError):
    """The installed PySide6 is outside the range svdesk is tested with."""

    title = "Unsupported Qt version"


def version_tuple(version: str) -> tuple[int, ...]:
    """(6, 11, 3) for "6.11.3" (its first three numbers)."""
    return tuple(int(number) for number in re.findall(r"\d+", version)[:3])


def check_pyside_version(version: str = PYSIDE_VERSION) -> None:
    """Raise UnsupportedQt, saying what to do, unless `version` is in the pinned range."""
    if LOWEST_PYSIDE <= version_tuple(version) < FIRST_UNSUPPORTED_PYSIDE:
        return
    lowest = ".".join(map(str, LOWEST_PYSIDE))
    first_unsupported = ".".join(map(str, FIRST_UNSUPPORTED_PYSIDE))
    raise UnsupportedQt(
        f"svdesk needs PySide6 {lowest} or a later {lowest.rsplit('.', 1)[0]}.x release, "
        f"but PySide6 {version} is installed (Python {sys.version.split()[0]}); "
        f"PySide6 {first_unsupported}.0 crashes Python 3.11 after a few thousand Qt calls. "
        "Run scripts/setup, or `pip install -e .`, to install the supported version."
    )


check_pyside_version()

__all__ = [
    "FIRST_UNSUPPORTED_PYSIDE",
    "LOWEST_PYSIDE",
    "PYSIDE_VERSION",
    "QtCore",
    "QtGui",
    "QtWidgets",
    "Signal",
    "Slot",
    "UnsupportedQt",
    "check_pyside_version",
    "version_tuple",
]
