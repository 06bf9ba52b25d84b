"""The coordinator's Import tab: cancelling between files, rejected files with their reasons, a
workstation the coordinator declines to register, resends reported as already imported."""

from __future__ import annotations

import threading
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest
from fakes import close_session
from test_coordinator_support import (
    coordinator_store,
    export_directly,
    idle,
    pair_directly,
    record_conversation,
    unit_store,
)

from svdesk.access.session import Session
from svdesk.coordinator.importing import ImportSummary, import_bundles, workstations
from svdesk.progress import Progress, run_to_end
from svdesk.unit import export
from ui.coordinator.import_tab import core_import
from ui.coordinator.page import CoordinatorPage
from ui.qt import QtWidgets


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[tuple[Session, Session]]:
    unit = unit_store(tmp_path)
    coord = coordinator_store(tmp_path)
    pair_directly(unit, coord)
    yield unit, coord
    close_session(unit)
    close_session(coord)


def open_page(qtbot: Any, coord: Session) -> CoordinatorPage:
    page = CoordinatorPage(coord)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    idle(qtbot)
    return page


def bundles(unit: Session, folder: Path, count: int) -> list[Path]:
    out = []
    for _ in range(count):
        record_conversation(unit)
        out.append(export_directly(unit, folder))
    return out


def imported_count(coord: Session) -> int:
    return int(coord.db.execute("SELECT count(*) FROM imports").fetchone()[0])


def test_cancel_stops_after_the_file_being_imported(
    qtbot: Any, tmp_path: Path, stores: tuple[Session, Session]
) -> None:
    unit, coord = stores
    first, *rest = bundles(unit, tmp_path / "usb", 4)
    run_to_end(import_bundles(coord, [first], trust_new=True))
    page = open_page(qtbot, coord)
    gate = threading.Event()
    waiting = threading.Event()

    def gated(
        session: Session, files: list[Path], trust_new: bool
    ) -> Generator[Progress, None, ImportSummary]:
        # Hold the worker after the first progress step until the test has pressed Cancel.
        operation = core_import(session, files, trust_new)
        yield next(operation)
        waiting.set()
        gate.wait(10)
        return (yield from operation)

    tab = page.import_tab
    tab.import_operation = gated
    tab.set_files(rest)
    qtbot.mouseClick(tab.import_button, left())
    qtbot.waitUntil(lambda: "Importing" in tab.status.text())
    qtbot.waitUntil(waiting.is_set)  # the worker is inside the first file's step
    assert tab.cancel_button.isEnabled()
    assert not tab.import_button.isEnabled()
    qtbot.mouseClick(tab.cancel_button, left())
    gate.set()
    qtbot.waitUntil(lambda: "cancelled" in tab.status.text(), timeout=10_000)
    # The file being imported when Cancel was pressed finished; the other two were not touched.
    assert imported_count(coord) == 2
    assert tab.import_button.isEnabled()
    assert not tab.cancel_button.isEnabled()
    idle(qtbot)
    # Importing the same files again picks up where the cancel stopped.
    tab.import_operation = core_import
    with qtbot.waitSignal(tab.imported, timeout=10_000) as done:
        qtbot.mouseClick(tab.import_button, left())
    summary = done.args[0]
    assert [d["sequence"] for d in summary.duplicates] == [2]
    assert [i["sequence"] for i in summary.imported] == [3, 4]
    assert [r[1] for r in tab.summary_rows()] == ["Imported", "Imported", "Already imported"]
    idle(qtbot)


def test_tampered_and_misaddressed_files_are_rejected_with_their_reason(
    qtbot: Any, tmp_path: Path, stores: tuple[Session, Session]
) -> None:
    unit, coord = stores
    (good,) = bundles(unit, tmp_path / "usb", 1)
    tampered = tmp_path / "tampered.svdbundle"
    data = bytearray(good.read_bytes())
    data[len(data) // 2] ^= 0x40
    tampered.write_bytes(bytes(data))
    # A bundle encrypted for another coordinator.
    other_coord = coordinator_store(tmp_path, "other")
    other_unit = unit_store(tmp_path, "other-unit")
    try:
        pair_directly(other_unit, other_coord)
        (misaddressed,) = bundles(other_unit, tmp_path / "other-usb", 1)
    finally:
        close_session(other_unit)
        close_session(other_coord)

    page = open_page(qtbot, coord)
    tab = page.import_tab
    tab.set_files([tampered, misaddressed])
    with qtbot.waitSignal(tab.imported, timeout=10_000) as done:
        qtbot.mouseClick(tab.import_button, left())
    reasons = {Path(r["file"]).name: r["reason"] for r in done.args[0].rejected}
    assert reasons == {tampered.name: "corrupt", misaddressed.name: "wrong_recipient"}
    rows = {r[0]: r for r in tab.summary_rows()}
    assert rows[tampered.name][1] == "Rejected"
    assert rows[tampered.name][5].startswith("Damaged or not a bundle: ")
    assert rows[misaddressed.name][5].startswith("Not for this coordinator: ")
    assert len(rows[misaddressed.name][5]) > len("Not for this coordinator: ") + 10
    assert "rejected" in tab.status.text()
    assert imported_count(coord) == 0
    idle(qtbot)


def test_declining_to_register_a_workstation_imports_nothing_from_it(
    qtbot: Any, tmp_path: Path, stores: tuple[Session, Session]
) -> None:
    unit, coord = stores
    (bundle,) = bundles(unit, tmp_path / "usb", 1)
    page = open_page(qtbot, coord)
    tab = page.import_tab
    tab.set_files([bundle])
    with qtbot.waitSignal(tab.trust_prompt_opened, timeout=10_000) as prompt:
        qtbot.mouseClick(tab.import_button, left())
    box = prompt.args[0]
    assert box.windowTitle() == "Register this workstation?"
    # Registering must be a deliberate choice: Enter/Escape pick "Do not import".
    assert box.defaultButton().objectName() == "skipWorkstation"
    with qtbot.waitSignal(tab.imported, timeout=10_000) as done:
        box.findChild(QtWidgets.QPushButton, "skipWorkstation").click()
    (rejected,) = done.args[0].rejected
    assert rejected["reason"] == "unknown_workstation"
    assert rejected["fingerprint"] == export.workstation_fingerprint(unit)
    assert tab.summary_rows()[0][5].startswith("Unknown workstation: ")
    assert workstations(coord) == []
    assert imported_count(coord) == 0
    idle(qtbot)


def test_a_gap_in_the_sequence_is_reported_as_missing(
    qtbot: Any, tmp_path: Path, stores: tuple[Session, Session]
) -> None:
    unit, coord = stores
    first, _lost, third = bundles(unit, tmp_path / "usb", 3)
    run_to_end(import_bundles(coord, [first], trust_new=True))
    page = open_page(qtbot, coord)
    tab = page.import_tab
    tab.set_files([third])
    with qtbot.waitSignal(tab.imported, timeout=10_000):
        qtbot.mouseClick(tab.import_button, left())
    assert tab.missing.isVisible()
    assert "bundles 2 from workstation" in tab.missing.text()
    idle(qtbot)


def left() -> Any:
    from ui.qt import QtCore

    return QtCore.Qt.MouseButton.LeftButton
