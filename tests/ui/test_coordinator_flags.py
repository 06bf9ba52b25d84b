"""What the import tab says about a workstation that claims another unit than it was registered
with (the trust prompt asks to confirm the move) and about a bundle whose audit log does not
extend the one seen before (imported, flagged in the summary) — issue 13, items 8 and 3."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
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
from svdesk.coordinator.keys import card_bytes
from svdesk.exchange import bundle, card, weeks
from svdesk.progress import run_to_end
from svdesk.storage import audit
from svdesk.storage.schema import SCHEMA_VERSION
from svdesk.storage.settings import read_setting
from svdesk.unit import export
from ui.coordinator.page import CoordinatorPage
from ui.qt import QtWidgets
from ui.unit.pairing import aloud


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[tuple[Session, Session]]:
    coord = coordinator_store(tmp_path)
    unit = unit_store(tmp_path, "unit-a")
    pair_directly(unit, coord)
    record_conversation(unit)
    first = export_directly(unit, tmp_path / "usb")
    run_to_end(import_bundles(coord, [first], trust_new=True))
    yield unit, coord
    for session in (unit, coord):
        close_session(session)


def open_tab(qtbot: Any, coord: Session) -> CoordinatorPage:
    page = CoordinatorPage(coord)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    idle(qtbot)
    return page


def moved_bundle(unit: Session, coord: Session, folder: Path, unit_code: str) -> Path:
    """The unit's next bundle, signed with its own key, but claiming another unit code."""
    info = unit.workstation.info
    built = bundle.build_bundle(
        records=[], escalations=[], workstation_id=info.store_id, sequence=2,
        signing_key=bytes.fromhex(read_setting(unit.db, export.SETTING_SIGNING_KEY)),
        recipients=[card.read_card(card_bytes(coord)).age_recipient],
        schema_version=SCHEMA_VERSION, created_week=weeks.iso_week(datetime.now(UTC)),
        site_code=info.site_code, unit_code=unit_code,
    )  # fmt: skip
    path = folder / "moved.svdbundle"
    path.write_bytes(built.data)
    return path


def test_a_workstation_claiming_another_unit_is_asked_about_and_moves_when_confirmed(
    qtbot: Any, tmp_path: Path, stores: tuple[Session, Session]
) -> None:
    unit, coord = stores
    registered = unit.workstation.info.unit_code
    path = moved_bundle(unit, coord, tmp_path, "ICU9")
    page = open_tab(qtbot, coord)
    tab = page.import_tab
    tab.set_files([path])
    with qtbot.waitSignal(tab.trust_prompt_opened, timeout=10_000) as prompt:
        tab.import_button.click()
    box: QtWidgets.QMessageBox = prompt.args[0]
    assert box.text() == "Confirm that this workstation moved?"
    assert f"registered as {unit.workstation.info.site_code}/{registered}" in box.informativeText()
    assert "/ICU9" in box.informativeText()
    fingerprint = export.workstation_fingerprint(unit)
    assert fingerprint is not None
    assert aloud(fingerprint) in box.informativeText()
    button = box.findChild(QtWidgets.QPushButton, "registerWorkstation")
    assert button is not None
    assert button.text() == "&Confirm and import"
    with qtbot.waitSignal(tab.imported, timeout=10_000) as done:
        button.click()
    summary: ImportSummary = done.args[0]
    assert [Path(str(i["file"])) for i in summary.imported] == [path]
    assert [w["unit_code"] for w in workstations(coord)] == ["ICU9"]
    idle(qtbot)


def test_a_skipped_move_keeps_the_registered_unit(
    qtbot: Any, tmp_path: Path, stores: tuple[Session, Session]
) -> None:
    unit, coord = stores
    registered = unit.workstation.info.unit_code
    path = moved_bundle(unit, coord, tmp_path, "ICU9")
    page = open_tab(qtbot, coord)  # kept: the tab lives as long as its page
    tab = page.import_tab
    tab.set_files([path])
    with qtbot.waitSignal(tab.trust_prompt_opened, timeout=10_000) as prompt:
        tab.import_button.click()
    skip = prompt.args[0].findChild(QtWidgets.QPushButton, "skipWorkstation")
    with qtbot.waitSignal(tab.imported, timeout=10_000) as done:
        skip.click()
    assert [r["reason"] for r in done.args[0].rejected] == ["unknown_workstation"]
    assert [w["unit_code"] for w in workstations(coord)] == [registered]
    idle(qtbot)


def rewrite_log(unit: Session, *, drop: int) -> None:
    """What an enrolled supporter with the database key can do: drop the triggers, delete an
    entry and re-chain the rest."""
    db = unit.db
    rows = db.execute("SELECT seq, at, actor, action, detail FROM audit ORDER BY seq").fetchall()
    for (name,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'"
    ).fetchall():
        db.execute(f"DROP TRIGGER {name}")
    db.execute("DELETE FROM audit")
    prev, seq = audit.GENESIS, 0
    for old, at, actor, action, detail in rows:
        if old == drop:
            continue
        seq += 1
        digest = audit.row_hash(prev, seq, at, actor, action, detail=detail)
        db.execute(
            "INSERT INTO audit (seq, at, actor, action, detail, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (seq, at, actor, action, detail, prev, digest),
        )
        prev = digest


def test_a_bundle_whose_audit_log_was_rewritten_is_imported_and_flagged(
    qtbot: Any, tmp_path: Path, stores: tuple[Session, Session]
) -> None:
    unit, coord = stores
    rewrite_log(unit, drop=2)
    record_conversation(unit)
    path = export_directly(unit, tmp_path / "usb2")
    page = open_tab(qtbot, coord)  # kept: the tab lives as long as its page
    tab = page.import_tab
    tab.set_files([path])
    with qtbot.waitSignal(tab.imported, timeout=10_000) as done:
        tab.import_button.click()
    [item] = done.args[0].imported
    assert item["audit_chain"] == "rewritten"
    table = tab.summary_table
    assert table.item(0, 1).text() == "Imported; check"
    assert table.item(0, 1).font().bold()
    assert "was rewritten" in table.item(0, 5).text()
    idle(qtbot)
