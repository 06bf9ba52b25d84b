"""The whole coordinator journey in the GUI over real encrypted stores: pair a unit in the pairing
dialog, export from the export dialog, import on the coordinator page (registering the new
workstation after its fingerprint is shown), act on the escalation, read the dashboard and write
a PDF report with small-cell suppression."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fakes import close_session
from PySide6.QtPdf import QPdfDocument
from test_coordinator_support import (
    ESCALATING,
    card_file,
    coordinator_store,
    idle,
    record_conversation,
    unit_store,
)

from svdesk.access.session import Session
from svdesk.coordinator.importing import workstations
from svdesk.coordinator.keys import init_coordinator_keys
from svdesk.unit import export
from ui.coordinator.page import CoordinatorPage
from ui.qt import QtWidgets
from ui.unit.export import ExportDialog
from ui.unit.pairing import PairingDialog, aloud


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[tuple[Session, Session]]:
    unit = unit_store(tmp_path)
    coord = coordinator_store(tmp_path)
    yield unit, coord
    close_session(unit)
    close_session(coord)


def pdf_text(path: Path) -> tuple[int, str]:
    doc = QPdfDocument()
    assert doc.load(str(path)) == QPdfDocument.Error.None_
    text = "\n".join(doc.getAllText(i).text() for i in range(doc.pageCount()))
    count = doc.pageCount()
    doc.close()
    return count, text


def test_unit_to_coordinator_round_trip_in_the_gui(
    qtbot: Any, tmp_path: Path, stores: tuple[Session, Session]
) -> None:
    unit, coord = stores
    escalated = record_conversation(
        unit, **{k.replace(".", "__"): v for k, v in ESCALATING.items()}
    )
    assert escalated.escalation_level == "tier3_72h"
    record_conversation(unit)

    # Pairing (unit admin): the card's fingerprint is shown to compare aloud, then confirmed.
    pairing = PairingDialog(unit)
    qtbot.addWidget(pairing)
    pairing.show()
    pairing.card_path.setText(str(card_file(coord, tmp_path)))
    qtbot.mouseClick(pairing.read_button, qtbot_left())
    qtbot.waitUntil(pairing.matches.isEnabled)
    card_fp = init_coordinator_keys(coord)
    assert pairing.coordinator_fingerprint.text() == aloud(card_fp)
    assert not pairing.pair_button.isEnabled()  # not before the fingerprints were compared
    pairing.matches.setChecked(True)
    with qtbot.waitSignal(pairing.paired, timeout=10_000) as paired:
        qtbot.mouseClick(pairing.pair_button, qtbot_left())
    workstation_fp = paired.args[0]
    assert pairing.own_fingerprint.text() == aloud(workstation_fp)
    idle(qtbot)

    # Export dialog: writes the bundle to a folder, with history.
    out = tmp_path / "usb"
    out.mkdir()
    dialog = ExportDialog(unit, folder=out)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.export_button.isEnabled)
    assert "3 records" in dialog.pending.text()  # two encounters and one escalation
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as exported:
        qtbot.mouseClick(dialog.export_button, qtbot_left())
    bundle_path = exported.args[0].path
    assert bundle_path.parent == out
    assert bundle_path.exists()
    assert str(bundle_path) in dialog.status.text()
    qtbot.waitUntil(lambda: dialog.history.rowCount() == 1)
    assert dialog.history.item(0, 0).text() == "1"
    idle(qtbot)

    # Coordinator: the unknown workstation's fingerprint is shown and must be registered.
    page = CoordinatorPage(coord)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    idle(qtbot)
    page.import_tab.set_files([bundle_path])
    with qtbot.waitSignal(page.import_tab.trust_prompt_opened, timeout=10_000) as prompt:
        qtbot.mouseClick(page.import_tab.import_button, qtbot_left())
    box = prompt.args[0]
    assert aloud(workstation_fp) in box.informativeText()
    assert workstations(coord) == []  # nothing registered before the answer
    register = box.findChild(QtWidgets.QPushButton, "registerWorkstation")
    with qtbot.waitSignal(page.import_tab.imported, timeout=10_000) as imported:
        register.click()
    summary = imported.args[0]
    assert [i["sequence"] for i in summary.imported] == [1]
    assert summary.rejected == []
    rows = page.import_tab.summary_rows()
    assert [(r[0], r[1], r[3], r[4]) for r in rows] == [(bundle_path.name, "Imported", "1", "3")]
    # The unit is named once the registered workstations are read back.
    qtbot.waitUntil(lambda: page.import_tab.summary_rows()[0][2] == "SITE1 / ICU")

    # The escalation reaches the coordinator's queue with whom to contact.
    queue = page.escalations_tab
    qtbot.waitUntil(lambda: queue.table.rowCount() == 1, timeout=10_000)
    texts = [queue.table.item(0, c).text() for c in range(queue.table.columnCount())]
    assert escalated.case_code in texts
    assert "SITE1 / ICU" in texts
    assert unit.supporter.id not in texts  # format 2: the supporter's id stays on the unit
    assert "New" in texts
    assert texts[2] in ("no", "OVERDUE")  # overdue said in words
    queue.table.selectRow(0)
    qtbot.mouseClick(queue.acknowledge_button, qtbot_left())
    qtbot.waitUntil(lambda: queue.table.item(0, 6).text() == "Acknowledged", timeout=10_000)

    # Dashboard shows the two conversations.
    qtbot.waitUntil(
        lambda: page.dashboard.figures is not None and page.dashboard.figures.encounters == 2,
        timeout=10_000,
    )
    assert page.dashboard.headline["encounters"].text() == "2"

    # PDF report: suppressed ("<11"), no case codes, no supporter ids.
    reports = page.reports_tab
    reports.format.setCurrentIndex(reports.format.findData("pdf"))
    report = tmp_path / "report.pdf"
    reports.out_path.setText(str(report))
    with qtbot.waitSignal(reports.written, timeout=20_000):
        qtbot.mouseClick(reports.write_button, qtbot_left())
    pages, text = pdf_text(report)
    assert pages >= 1
    assert "<11" in text
    assert "Page 1 of" in text
    assert escalated.case_code not in text
    assert unit.supporter.id not in text
    assert export.workstation_fingerprint(unit) == workstation_fp
    idle(qtbot)


def qtbot_left() -> Any:
    from ui.qt import QtCore

    return QtCore.Qt.MouseButton.LeftButton
