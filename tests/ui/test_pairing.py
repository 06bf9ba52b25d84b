"""Pairing with the coordinator (unit admin): a bad card is explained, pairing needs the
fingerprints compared, non-admins cannot pair, and Settings opens the pairing dialog."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fakes import close_session
from test_coordinator_support import card_file, coordinator_store, idle, unit_store

from svdesk.access.session import Session
from svdesk.coordinator.keys import init_coordinator_keys
from svdesk.unit import export
from ui.qt import QtCore
from ui.shell.settings import SettingsDialog
from ui.unit.pairing import PairingDialog, aloud, spelled


@pytest.fixture
def unit(tmp_path: Path) -> Iterator[Session]:
    unit = unit_store(tmp_path)
    yield unit
    close_session(unit)


def open_dialog(qtbot: Any, session: Session) -> PairingDialog:
    dialog = PairingDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "Checking" not in dialog.current.text())
    return dialog


def test_fingerprint_layout_for_reading_aloud() -> None:
    fp = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"
    assert aloud(fp) == "ABCD EFGH IJKL MNOP\nQRST UVWX YZ23 4567"
    assert spelled(fp).startswith("A B C D, E F G H, ")


def test_a_file_that_is_not_a_card_is_explained(qtbot: Any, tmp_path: Path, unit: Session) -> None:
    bogus = tmp_path / "card.json"
    bogus.write_text('{"hello": "world"}', encoding="utf-8")
    dialog = open_dialog(qtbot, unit)
    dialog.card_path.setText(str(bogus))
    qtbot.keyClick(dialog.card_path, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.message.isVisible, timeout=10_000)
    assert dialog.message.text().startswith("This is not a valid coordinator card")
    assert not dialog.matches.isEnabled()
    assert not dialog.pair_button.isEnabled()
    dialog.card_path.setText(str(tmp_path / "missing.json"))
    dialog.read_card()
    qtbot.waitUntil(lambda: "could not be read" in dialog.message.text(), timeout=10_000)
    idle(qtbot)
    assert export.paired_card(unit) is None


def test_pairing_shows_both_fingerprints_and_is_remembered(
    qtbot: Any, tmp_path: Path, unit: Session
) -> None:
    coord = coordinator_store(tmp_path)
    try:
        card = card_file(coord, tmp_path)
        card_fp = init_coordinator_keys(coord)
    finally:
        close_session(coord)
    dialog = open_dialog(qtbot, unit)
    assert "not paired" in dialog.current.text()
    dialog.card_path.setText(str(card))
    dialog.read_card()
    qtbot.waitUntil(dialog.matches.isEnabled, timeout=10_000)
    assert dialog.coordinator_fingerprint.text() == aloud(card_fp)
    assert dialog.coordinator_fingerprint.accessibleName() == spelled(card_fp)
    assert not dialog.pair_button.isEnabled()
    qtbot.keyClick(dialog.matches, QtCore.Qt.Key.Key_Space)  # by keyboard
    assert dialog.pair_button.isEnabled()
    with qtbot.waitSignal(dialog.paired, timeout=10_000) as paired:
        qtbot.keyClick(dialog.pair_button, QtCore.Qt.Key.Key_Space)
    idle(qtbot)
    assert paired.args[0] == export.workstation_fingerprint(unit)
    assert dialog.own_fingerprint.text() == aloud(paired.args[0])
    # Opened again later: the pairing and both fingerprints are shown.
    again = open_dialog(qtbot, unit)
    assert card_fp in again.current.text()
    assert again.own_fingerprint.text() == aloud(paired.args[0])
    idle(qtbot)


def test_only_an_admin_can_pair(qtbot: Any, unit: Session) -> None:
    unit.enrol("Blake", "purple lantern quiet river")
    ws = unit.workstation
    blake = next(s for s in ws.supporters() if s.name == "Blake")
    other = ws.unlock(blake.id, "purple lantern quiet river")
    try:
        dialog = open_dialog(qtbot, other)
        assert not dialog.card_path.isEnabled()
        assert not dialog.read_button.isEnabled()
        assert "Only a unit admin" in dialog.message.text()
        settings = SettingsDialog(other)
        qtbot.addWidget(settings)
        assert not settings.pairing_button.isEnabled()
        idle(qtbot)
    finally:
        other.lock()


def test_settings_opens_pairing_for_a_unit_admin(qtbot: Any, unit: Session) -> None:
    settings = SettingsDialog(unit)
    qtbot.addWidget(settings)
    settings.show()
    assert settings.pairing_button.isEnabled()
    qtbot.mouseClick(settings.pairing_button, QtCore.Qt.MouseButton.LeftButton)
    dialog = settings.findChild(PairingDialog)
    assert dialog is not None
    assert dialog.isVisible()
    idle(qtbot)
