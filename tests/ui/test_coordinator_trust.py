"""The coordinator's trust prompt registers exactly the workstation whose fingerprint was confirmed:
never another unknown workstation of the same batch, never another key claiming the same id."""

from __future__ import annotations

from collections.abc import Collection, Generator, Iterator
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
from svdesk.coordinator.importing import ImportSummary, workstations
from svdesk.coordinator.keys import card_bytes
from svdesk.exchange import bundle, card, weeks
from svdesk.progress import Progress
from svdesk.storage.schema import SCHEMA_VERSION
from svdesk.unit import export
from ui.coordinator.import_tab import core_import
from ui.coordinator.page import CoordinatorPage
from ui.qt import QtWidgets
from ui.unit.pairing import aloud


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[tuple[Session, Session, Session]]:
    coord = coordinator_store(tmp_path)
    first = unit_store(tmp_path, "unit-a")
    second = unit_store(tmp_path, "unit-b")
    pair_directly(first, coord)
    pair_directly(second, coord)
    yield first, second, coord
    for session in (first, second, coord):
        close_session(session)


def one_bundle(unit: Session, folder: Path) -> Path:
    record_conversation(unit)
    return export_directly(unit, folder)


def forged_bundle(claimed: Session, coord: Session, folder: Path) -> tuple[Path, str]:
    """A bundle claiming `claimed`'s workstation id, signed with a key that is not its own."""
    key = card.new_signing_key()
    coordinator_card = card.read_card(card_bytes(coord))
    info = claimed.workstation.info
    built = bundle.build_bundle(
        records=[],
        escalations=[],
        workstation_id=info.store_id,
        sequence=1,
        signing_key=key,
        recipients=[coordinator_card.age_recipient],
        schema_version=SCHEMA_VERSION,
        created_week=weeks.iso_week(datetime.now(UTC)),
        site_code=info.site_code,
        unit_code=info.unit_code or "",
    )
    path = folder / "forged.svdbundle"
    path.write_bytes(built.data)
    return path, card.fingerprint(card.public_key_of(key))


class SpyImport:
    """The real import, noting which fingerprints each pass was allowed to trust."""

    def __init__(self) -> None:
        self.trusted: list[frozenset[str]] = []

    def __call__(
        self, session: Session, files: list[Path], trusted: Collection[str]
    ) -> Generator[Progress, None, ImportSummary]:
        self.trusted.append(frozenset(trusted))
        return core_import(session, files, trusted)


def open_tab(qtbot: Any, coord: Session) -> tuple[CoordinatorPage, SpyImport]:
    page = CoordinatorPage(coord)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    idle(qtbot)
    spy = SpyImport()
    page.import_tab.import_operation = spy
    return page, spy


def answer(box: QtWidgets.QMessageBox, button: str) -> None:
    found = box.findChild(QtWidgets.QPushButton, button)
    assert found is not None
    found.click()


def test_confirming_one_workstation_leaves_the_other_unknown(
    qtbot: Any, tmp_path: Path, stores: tuple[Session, Session, Session]
) -> None:
    first, second, coord = stores
    usb = tmp_path / "usb"
    files = [one_bundle(first, usb), one_bundle(second, usb)]
    fp_first = export.workstation_fingerprint(first)
    fp_second = export.workstation_fingerprint(second)
    assert fp_first is not None
    assert fp_second is not None
    assert fp_first != fp_second
    page, spy = open_tab(qtbot, coord)
    tab = page.import_tab
    tab.set_files(files)
    with qtbot.waitSignal(tab.trust_prompt_opened, timeout=10_000) as prompt:
        tab.import_button.click()
    box = prompt.args[0]
    assert aloud(fp_first) in box.informativeText()
    with qtbot.waitSignal(tab.trust_prompt_opened, timeout=10_000) as prompt2:
        answer(box, "registerWorkstation")
    box2 = prompt2.args[0]
    assert aloud(fp_second) in box2.informativeText()
    with qtbot.waitSignal(tab.imported, timeout=10_000) as done:
        answer(box2, "skipWorkstation")
    summary: ImportSummary = done.args[0]

    assert [(w["workstation_id"], w["fingerprint"]) for w in workstations(coord)] == [
        (first.workstation.info.store_id, fp_first)
    ]
    assert [Path(str(i["file"])) for i in summary.imported] == [files[0]]
    (rejected,) = summary.rejected
    assert Path(str(rejected["file"])) == files[1]
    assert rejected["reason"] == "unknown_workstation"
    # The confirming pass trusted the confirmed fingerprint and nothing else.
    assert spy.trusted == [frozenset(), frozenset({fp_first})]
    assert "1 rejected" in tab.status.text()
    idle(qtbot)


def test_a_second_key_claiming_the_same_workstation_is_asked_about_separately(
    qtbot: Any, tmp_path: Path, stores: tuple[Session, Session, Session]
) -> None:
    first, _second, coord = stores
    usb = tmp_path / "usb"
    genuine = one_bundle(first, usb)
    forged, fp_forged = forged_bundle(first, coord, usb)
    fp_first = export.workstation_fingerprint(first)
    assert fp_first is not None
    page, spy = open_tab(qtbot, coord)
    tab = page.import_tab
    # The forged file comes first: it must not ride on the confirmation of the genuine key.
    tab.set_files([forged, genuine])
    with qtbot.waitSignal(tab.trust_prompt_opened, timeout=10_000) as prompt:
        tab.import_button.click()
    box = prompt.args[0]
    assert aloud(fp_forged) in box.informativeText()
    with qtbot.waitSignal(tab.trust_prompt_opened, timeout=10_000) as prompt2:
        answer(box, "skipWorkstation")
    box2 = prompt2.args[0]
    assert aloud(fp_first) in box2.informativeText()
    with qtbot.waitSignal(tab.imported, timeout=10_000) as done:
        answer(box2, "registerWorkstation")
    summary: ImportSummary = done.args[0]

    assert [w["fingerprint"] for w in workstations(coord)] == [fp_first]
    assert [Path(str(i["file"])) for i in summary.imported] == [genuine]
    assert [(Path(str(r["file"])), r["reason"]) for r in summary.rejected] == [
        (forged, "unknown_workstation")
    ]
    assert spy.trusted == [frozenset(), frozenset({fp_first})]
    idle(qtbot)
