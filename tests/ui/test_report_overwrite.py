"""Issue 18, item 1(b), left over: a report path typed into the Reports tab (not picked in the
save dialog, which asks by itself) replaced an existing file without a word. Now the tab asks
first — Keep is the default and the Escape answer, Replace is a deliberate key — and a path
inside the data folder or one that is not a regular file is refused before anything is asked,
with the core's own messages (svdesk/storage/outputs.py)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from svdesk.access.session import Session
from svdesk.coordinator.reports import REDCAP_FILE_NAMES
from tests.fakes import close_session, make_session
from ui.coordinator.reports_tab import ReportsTab
from ui.qt import QtCore, QtWidgets
from ui.runtime import ops

OLD = b"last quarter's report, kept on purpose\n"


@pytest.fixture
def coord(tmp_path: Path) -> Iterator[Session]:
    session = make_session(tmp_path, role="coordinator")
    yield session
    close_session(session)


def idle(qtbot: Any) -> None:
    qtbot.waitUntil(lambda: not ops.busy(), timeout=20_000)


def open_tab(qtbot: Any, coord: Session, fmt: str = "csv") -> ReportsTab:
    tab = ReportsTab(coord)
    qtbot.addWidget(tab)
    tab.show()
    idle(qtbot)
    tab.format.setCurrentIndex(tab.format.findData(fmt))
    return tab


def type_path(qtbot: Any, tab: ReportsTab, path: Path) -> None:
    """As a coordinator does: into the Save to field, by hand."""
    tab.out_path.clear()
    qtbot.keyClicks(tab.out_path, str(path))


def press_write(qtbot: Any, tab: ReportsTab) -> None:
    """Write report now, by keyboard (Space on the focused button)."""
    tab.write_button.setFocus()
    qtbot.keyClick(tab.write_button, QtCore.Qt.Key.Key_Space)


def ask(qtbot: Any, tab: ReportsTab) -> QtWidgets.QMessageBox:
    with qtbot.waitSignal(tab.replace_prompt_opened, timeout=10_000) as prompt:
        press_write(qtbot, tab)
    box: QtWidgets.QMessageBox = prompt.args[0]
    return box


def reports_audited(coord: Session) -> int:
    return sum(1 for (a,) in coord.db.execute("SELECT action FROM audit") if a == "report")


@pytest.mark.parametrize(
    "key", [QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Escape], ids=["Enter", "Escape"]
)
def test_a_typed_path_over_a_file_asks_and_keeps_it_by_default(
    qtbot: Any, tmp_path: Path, coord: Session, key: QtCore.Qt.Key
) -> None:
    existing = tmp_path / "q1.csv"
    existing.write_bytes(OLD)
    tab = open_tab(qtbot, coord)
    type_path(qtbot, tab, existing)
    box = ask(qtbot, tab)
    assert box.windowTitle() == "Replace the existing file?"
    assert f"{existing} already exists" in box.text()
    assert "is lost" in box.informativeText()
    # Replacing must be deliberate: Enter and Escape both keep the file.
    assert box.defaultButton().objectName() == "keepReportFile"
    assert box.escapeButton().objectName() == "keepReportFile"
    qtbot.keyClick(box, key)
    qtbot.waitUntil(lambda: tab.replace_prompt is None, timeout=5_000)
    idle(qtbot)
    assert existing.read_bytes() == OLD
    assert reports_audited(coord) == 0
    assert "Nothing was written" in tab.message.text()
    assert tab.message.kind() == "progress"  # a choice made, not a fault
    assert tab.out_path.hasFocus()  # ready for another name
    assert tab.write_button.isEnabled()


def test_replace_is_one_deliberate_key(qtbot: Any, tmp_path: Path, coord: Session) -> None:
    existing = tmp_path / "q1.csv"
    existing.write_bytes(OLD)
    tab = open_tab(qtbot, coord)
    type_path(qtbot, tab, existing)
    box = ask(qtbot, tab)
    replace = box.findChild(QtWidgets.QPushButton, "replaceReportFile")
    assert replace is not None
    assert replace.text() == "&Replace"
    with qtbot.waitSignal(tab.written, timeout=20_000) as written:
        qtbot.keyClick(
            box, QtCore.Qt.Key.Key_R
        )  # the button's mnemonic letter, as in any message box
    idle(qtbot)
    assert written.args[0] == [existing]
    assert existing.read_bytes() != OLD
    assert reports_audited(coord) == 1


def test_a_new_file_is_written_without_a_question(
    qtbot: Any, tmp_path: Path, coord: Session
) -> None:
    target = tmp_path / "new.csv"
    tab = open_tab(qtbot, coord)
    type_path(qtbot, tab, target)
    with qtbot.waitSignal(tab.written, timeout=20_000):
        press_write(qtbot, tab)
    idle(qtbot)
    assert tab.replace_prompt is None
    assert target.is_file()


def test_redcap_asks_about_the_files_already_in_its_folder(
    qtbot: Any, tmp_path: Path, coord: Session
) -> None:
    folder = tmp_path / "redcap"
    folder.mkdir()
    kept = folder / REDCAP_FILE_NAMES[1]
    kept.write_bytes(OLD)
    tab = open_tab(qtbot, coord, "redcap")
    type_path(qtbot, tab, folder)
    box = ask(qtbot, tab)
    assert f"{folder} already holds {REDCAP_FILE_NAMES[1]}" in box.text()
    qtbot.keyClick(box, QtCore.Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: tab.replace_prompt is None, timeout=5_000)
    idle(qtbot)
    assert kept.read_bytes() == OLD
    assert not (folder / REDCAP_FILE_NAMES[0]).exists()  # nothing half-written either


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.csv"
    os.mkfifo(path)
    return path


# name: (target, with {home} the data folder and {tmp} the folder above it; format; message)
REFUSED = {
    "keys file": ("{home}/keys.json", "csv", "inside the data folder"),
    "new file in the data folder": ("{home}/new-report.csv", "csv", "inside the data folder"),
    "folder": ("{tmp}", "csv", "is a folder; the report is written only to a file"),
    "device": ("/dev/null", "csv", "not a regular file"),
    "redcap into the data folder": ("{home}", "redcap", "inside the data folder"),
    "redcap into the store": ("{home}/svdesk.db", "redcap", "inside the data folder"),
    "redcap into a file": ("{tmp}/q1.csv", "redcap", "is a file, not a folder"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_paths_that_may_not_be_written_are_refused_without_a_question(
    qtbot: Any, coord: Session, case: str
) -> None:
    target, fmt, words = REFUSED[case]
    home = coord.workstation.home
    (home.parent / "q1.csv").write_bytes(OLD)
    path = Path(target.format(home=home, tmp=home.parent))
    before = {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()}
    tab = open_tab(qtbot, coord, fmt)
    type_path(qtbot, tab, path)
    press_write(qtbot, tab)
    idle(qtbot)
    assert tab.replace_prompt is None
    assert words in tab.message.text()
    assert tab.message.kind() == "problem"
    assert tab.out_path.hasFocus()
    assert tab.write_button.isEnabled()
    assert {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()} == before
    assert (home.parent / "q1.csv").read_bytes() == OLD
    assert reports_audited(coord) == 0


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs")
def test_a_fifo_is_refused_without_blocking(qtbot: Any, tmp_path: Path, coord: Session) -> None:
    fifo = _fifo(tmp_path)
    tab = open_tab(qtbot, coord)
    type_path(qtbot, tab, fifo)
    press_write(qtbot, tab)
    idle(qtbot)
    assert "not a regular file" in tab.message.text()
    assert fifo.is_fifo()


def test_a_file_the_save_dialog_returned_is_not_asked_about_twice(
    qtbot: Any, tmp_path: Path, coord: Session
) -> None:
    existing = tmp_path / "q1.csv"
    existing.write_bytes(OLD)
    tab = open_tab(qtbot, coord)
    dialog = tab.choose_out()
    # The save dialog has asked "replace?" itself before it returns an existing file.
    dialog.fileSelected.emit(str(existing))
    dialog.reject()
    assert tab.out_path.text() == str(existing)
    with qtbot.waitSignal(tab.written, timeout=20_000):
        press_write(qtbot, tab)
    idle(qtbot)
    assert tab.replace_prompt is None
    assert existing.read_bytes() != OLD
    # That answer was for one report: writing again over it asks again.
    box = ask(qtbot, tab)
    qtbot.keyClick(box, QtCore.Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: tab.replace_prompt is None, timeout=5_000)
    idle(qtbot)
