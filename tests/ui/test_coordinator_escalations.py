"""The Escalations tab: most urgent first, overdue said in words, whom to contact, acknowledge,
close with an outcome (then only listed with "show closed")."""

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
from svdesk.coordinator.importing import import_bundles
from svdesk.coordinator.queue import escalation_queue
from svdesk.progress import run_to_end
from ui.coordinator.escalations_tab import EscalationsTab
from ui.qt import Qt

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
    for row in (old, new):
        # Whom to contact is the unit, about the case code: bundles of format 2 do not carry
        # the supporter's id (docs/privacy.md).
        assert row["Supporter"] == "—"
        assert coord.supporter_on_unit not in row.values()  # type: ignore[attr-defined]
        assert row["Unit"] == "SITE1 / ICU"
        assert row["Status"] == "New"
    overdue_item = tab.table.item(
        [tab.table.item(r, 5).text() for r in range(2)].index(cases["old"]), 2
    )
    assert overdue_item.font().bold()  # emphasis beyond colour
    idle(qtbot)


def test_acknowledge_then_close_with_an_outcome(qtbot: Any, coord: Session) -> None:
    tab = shown(qtbot, coord)
    cases = coord.cases  # type: ignore[attr-defined]
    assert not tab.acknowledge_button.isEnabled()  # nothing selected yet
    r = [tab.table.item(i, 5).text() for i in range(2)].index(cases["old"])
    tab.table.selectRow(r)
    assert tab.acknowledge_button.isEnabled()
    with qtbot.waitSignal(tab.changed, timeout=10_000):
        qtbot.mouseClick(tab.acknowledge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: row_of(tab, cases["old"])["Status"] == "Acknowledged")
    assert not tab.acknowledge_button.isEnabled()  # the same row stays selected
    assert tab.close_button.isEnabled()
    tab.outcome.setCurrentIndex(tab.outcome.findData("referral_made"))
    with qtbot.waitSignal(tab.changed, timeout=10_000):
        qtbot.mouseClick(tab.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=10_000)
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
