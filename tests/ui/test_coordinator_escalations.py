"""The Escalations tab: most urgent first, overdue said in words (emergencies at once), whom to
contact without a supporter id, acknowledge, close only with a chosen outcome after a
confirmation naming the case (then only listed with "show closed"), the selection never moving
to another case."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fakes import close_session
from test_coordinator_support import (
    ESCALATING,
    coordinator_store,
    export_directly,
    idle,
    pair_directly,
    record_conversation,
    unit_store,
)

from svdesk.access.session import Session
from svdesk.coordinator.importing import import_bundles, workstations
from svdesk.coordinator.queue import QueuedEscalation, escalation_queue
from svdesk.progress import run_to_end
from ui.coordinator.escalations_tab import EscalationsTab
from ui.qt import QtCore, QtWidgets

ESCALATE = {k.replace(".", "__"): v for k, v in ESCALATING.items()}


@pytest.fixture
def coord(tmp_path: Path) -> Iterator[Session]:
    """One escalation long overdue (January) and one raised today."""
    unit = unit_store(tmp_path)
    coord = coordinator_store(tmp_path)
    pair_directly(unit, coord)
    old = record_conversation(unit, on=date(2026, 1, 7), **ESCALATE)
    new = record_conversation(unit, on=date.today(), **ESCALATE)
    record_conversation(unit)  # no escalation
    coord.cases = {"old": old.case_code, "new": new.case_code}  # type: ignore[attr-defined]
    coord.supporter_on_unit = unit.supporter.id  # type: ignore[attr-defined]
    bundle = export_directly(unit, tmp_path / "usb")
    run_to_end(import_bundles(coord, [bundle], trust_new=True))
    close_session(unit)
    yield coord
    close_session(coord)


def shown(qtbot: Any, coord: Session) -> EscalationsTab:
    tab = EscalationsTab(coord)
    qtbot.addWidget(tab)
    tab.resize(1200, 500)
    tab.show()
    tab.refresh()
    qtbot.waitUntil(lambda: tab.table.rowCount() == 2, timeout=10_000)
    return tab


def row_of(tab: EscalationsTab, case_code: str) -> dict[str, str]:
    headers = [tab.table.horizontalHeaderItem(c).text() for c in range(tab.table.columnCount())]
    for r in range(tab.table.rowCount()):
        values = [tab.table.item(r, c).text() for c in range(tab.table.columnCount())]
        if case_code in values:
            return dict(zip(headers, values, strict=True))
    raise AssertionError(f"{case_code} is not in the queue")


def test_overdue_is_said_in_words_with_whom_to_contact(qtbot: Any, coord: Session) -> None:
    tab = shown(qtbot, coord)
    cases = coord.cases  # type: ignore[attr-defined]
    old, new = row_of(tab, cases["old"]), row_of(tab, cases["new"])
    assert old["Overdue?"] == "OVERDUE"
    assert new["Overdue?"] == "no"
    assert old["Due"].startswith("2026-01-11 (week 2026-W02)")
    assert old["Level"] == "Professional referral within 72 hours"
    (station,) = workstations(coord)
    start = "-".join(str(station["fingerprint"]).split("-")[:2])
    for row in (old, new):
        # Whom to contact is the unit's admin, about the case code, on the workstation its
        # pairing settings show: bundles of format 2 carry no supporter id (docs/privacy.md).
        assert row["Contact"] == f"SITE1 / ICU admin, workstation {start}"
        shown_text = " ".join(row.values())
        assert coord.supporter_on_unit not in shown_text  # type: ignore[attr-defined]
        assert str(station["workstation_id"]) not in shown_text
        assert row["Unit"] == "SITE1 / ICU"
        assert row["Status"] == "New"
    overdue_item = tab.table.item(
        [tab.table.item(r, 5).text() for r in range(2)].index(cases["old"]), 2
    )
    assert overdue_item.font().bold()  # emphasis beyond colour
    idle(qtbot)


def row_index(tab: EscalationsTab, case_code: str) -> int:
    return [tab.table.item(i, 5).text() for i in range(tab.table.rowCount())].index(case_code)


def close_prompt(qtbot: Any, tab: EscalationsTab) -> QtWidgets.QMessageBox:
    with qtbot.waitSignal(tab.close_prompt_opened, timeout=5_000) as opened:
        qtbot.mouseClick(tab.close_button, QtCore.Qt.MouseButton.LeftButton)
    box: QtWidgets.QMessageBox = opened.args[0]
    return box


def test_acknowledge_then_close_with_a_chosen_outcome(qtbot: Any, coord: Session) -> None:
    tab = shown(qtbot, coord)
    cases = coord.cases  # type: ignore[attr-defined]
    assert not tab.acknowledge_button.isEnabled()  # nothing selected yet
    tab.table.selectRow(row_index(tab, cases["old"]))
    assert tab.acknowledge_button.isEnabled()
    with qtbot.waitSignal(tab.changed, timeout=10_000):
        qtbot.mouseClick(tab.acknowledge_button, QtCore.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: row_of(tab, cases["old"])["Status"] == "Acknowledged")
    selected = tab.selected()
    assert selected is not None
    assert selected.case_code == cases["old"]
    assert not tab.acknowledge_button.isEnabled()
    assert tab.close_button.isEnabled()

    # No outcome is preselected: Close says what is missing and closes nothing.
    assert tab.outcome.currentData() is None
    qtbot.mouseClick(tab.close_button, QtCore.Qt.MouseButton.LeftButton)
    assert tab.close_prompt is None
    assert tab.message.text() == (
        f"Choose the outcome for case {cases['old']} first, then close it."
    )
    assert tab.focusWidget() is tab.outcome

    # The confirmation names the case and the outcome; Enter keeps it open.
    tab.outcome.setCurrentIndex(tab.outcome.findData("referral_made"))
    box = close_prompt(qtbot, tab)
    assert box.text() == f"Close the escalation of case {cases['old']}?"
    assert "Outcome: Referral made." in box.informativeText()
    assert "SITE1 / ICU" in box.informativeText()
    assert box.defaultButton().objectName() == "keepEscalationOpen"
    qtbot.keyClick(box, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.close_prompt is None, timeout=5_000)
    idle(qtbot)
    assert row_of(tab, cases["old"])["Status"] == "Acknowledged"
    assert len(escalation_queue(coord)) == 2

    box = close_prompt(qtbot, tab)
    confirm = box.findChild(QtWidgets.QPushButton, "confirmCloseEscalation")
    with qtbot.waitSignal(tab.changed, timeout=10_000):
        confirm.click()
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=10_000)
    # The closed case left the list; the selection did not move to the other case.
    assert tab.selected() is None
    assert not tab.close_button.isEnabled()
    assert tab.status.text() == f"Closed the escalation of case {cases['old']}: Referral made."
    assert row_of(tab, cases["new"])["Status"] == "New"
    tab.show_closed.setChecked(True)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 2, timeout=10_000)
    closed = row_of(tab, cases["old"])
    assert closed["Status"] == "Closed: Referral made"
    assert closed["Overdue?"] == "no"  # closed escalations are not overdue
    idle(qtbot)
    (queued,) = [
        q for q in escalation_queue(coord, include_closed=True)
        if q.case_code == cases["old"]
    ]  # fmt: skip
    assert queued.outcome == "referral_made"
    assert queued.acknowledged_by == coord.supporter.id


def test_the_selection_stays_on_the_case_closed_while_closed_ones_are_shown(
    qtbot: Any, coord: Session
) -> None:
    tab = shown(qtbot, coord)
    cases = coord.cases  # type: ignore[attr-defined]
    tab.show_closed.setChecked(True)
    idle(qtbot)
    tab.table.selectRow(row_index(tab, cases["new"]))
    tab.outcome.setCurrentIndex(tab.outcome.findData("referral_made"))
    box = close_prompt(qtbot, tab)
    with qtbot.waitSignal(tab.changed, timeout=10_000):
        box.findChild(QtWidgets.QPushButton, "confirmCloseEscalation").click()
    qtbot.waitUntil(lambda: row_of(tab, cases["new"])["Status"].startswith("Closed"))
    selected = tab.selected()
    assert selected is not None
    assert selected.case_code == cases["new"]
    assert not tab.close_button.isEnabled()
    # Choosing another case starts without an outcome again.
    tab.table.selectRow(row_index(tab, cases["old"]))
    assert tab.outcome.currentData() is None
    idle(qtbot)


def test_an_emergency_is_overdue_from_the_day_it_was_raised(qtbot: Any, coord: Session) -> None:
    """Only weeks leave a unit: the tab says an emergency was due the day it was raised (not on
    its week's Sunday) and shows it overdue."""
    tab = EscalationsTab(coord)
    qtbot.addWidget(tab)
    queued = QueuedEscalation(
        escalation_id="e1", level="emergency", actions=(), rules=(),
        workstation_id="0c1d2e3f-0000-4000-8000-000000000002",
        workstation_fingerprint="ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567",
        site_code="SITE1", unit_code="ICU", supporter_id=None, case_code="K7Q-4MX",
        created_week="2026-W49", due_week="2026-W49", due=date(2026, 12, 6),
        due_within_a_day=True, overdue=True, unit_status="open",
        received_at="2026-12-02T09:00:00+00:00", acknowledged_at=None, acknowledged_by=None,
        outcome=None, closed_at=None,
    )  # fmt: skip
    tab._show([queued])
    row = row_of(tab, "K7Q-4MX")
    assert row["Due"] == "the day it was raised (week 2026-W49)"
    assert row["Overdue?"] == "OVERDUE"
    assert row["Contact"] == "SITE1 / ICU admin, workstation ABCD-EFGH"
