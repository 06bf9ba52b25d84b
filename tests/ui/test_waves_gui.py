"""Survey waves in the GUI (issue 14, item 2), by keyboard over real encrypted stores: the
coordinator defines a wave for a unit known from an imported export, exports its signed file
(asked before a file is replaced), the unit admin imports it from Settings and sees it listed;
a changed file or one of another coordinator is refused with the core's reason; an overlapping
wave is refused at the coordinator; End wave moves the last week to this week."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from fakes import close_session
from keyboard_walk import keyboard_problems
from test_coordinator_support import (
    coordinator_store,
    export_directly,
    idle,
    pair_directly,
    unit_store,
)

from svdesk.access.session import Session
from svdesk.access.workstation import Workstation
from svdesk.content.surveys import bundled_surveys
from svdesk.coordinator import waves
from svdesk.coordinator.importing import import_bundles
from svdesk.exchange import weeks
from svdesk.progress import run_to_end
from svdesk.unit import kiosk
from svdesk.unit.waves import unit_waves
from ui.coordinator.page import CoordinatorPage
from ui.coordinator.waves_tab import WavesTab
from ui.qt import QtCore, QtWidgets
from ui.shell.settings import SettingsDialog
from ui.unit.wave_import import WavesDialog

ALT = QtCore.Qt.KeyboardModifier.AltModifier
TODAY = date.today()


def week(offset: int) -> str:
    return weeks.iso_week(TODAY + timedelta(weeks=offset))


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[tuple[Session, Session]]:
    """A unit paired with the coordinator, whose first export the coordinator imported (so the
    unit is known there)."""
    unit = unit_store(tmp_path)
    coord = coordinator_store(tmp_path)
    pair_directly(unit, coord)
    bundle = export_directly(unit, tmp_path / "out")
    assert run_to_end(import_bundles(coord, [bundle], trust_new=True)).rejected == []
    yield unit, coord
    close_session(unit)
    close_session(coord)


def key(
    qtbot: Any,
    k: QtCore.Qt.Key,
    modifier: QtCore.Qt.KeyboardModifier = QtCore.Qt.KeyboardModifier.NoModifier,
) -> None:
    widget = QtWidgets.QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    qtbot.keyClick(widget, k, modifier)


def activate(qtbot: Any, window: QtWidgets.QWidget) -> None:
    """Make `window` the active one again (offscreen does not, when a dialog above it closes)."""
    if QtWidgets.QApplication.activeWindow() is not window:
        with qtbot.waitActive(window):
            window.activateWindow()


def waves_tab(qtbot: Any, coord: Session) -> tuple[CoordinatorPage, WavesTab]:
    page = CoordinatorPage(coord)
    qtbot.addWidget(page)
    page.resize(1200, 860)
    page.show()
    page.activateWindow()
    idle(qtbot)
    qtbot.keyClick(page, QtCore.Qt.Key.Key_Y, ALT)  # Surve&y waves
    tab = page.waves_tab
    assert page.tabs.currentWidget() is tab
    idle(qtbot)
    return page, tab


def fill(qtbot: Any, tab: WavesTab, label: str, start: str, end: str) -> None:
    """The form by Alt+letter keys: label, first and last week."""
    for letter, field, text in (
        (QtCore.Qt.Key.Key_B, tab.label, label),
        (QtCore.Qt.Key.Key_K, tab.start_week, start),
        (QtCore.Qt.Key.Key_W, tab.end_week, end),
    ):
        key(qtbot, letter, ALT)
        assert QtWidgets.QApplication.focusWidget() is field
        field.selectAll()
        qtbot.keyClicks(field, text)


def save_as(qtbot: Any, dialog: QtWidgets.QFileDialog, path: Path) -> None:
    """In the (Qt, not native) file dialog: go to the file's folder, give its name, press Enter.
    (The name is set, not typed: typed, Qt's completion list pops up, which the offscreen
    platform cannot show.)"""
    qtbot.waitExposed(dialog)
    dialog.setDirectory(str(path.parent))
    name = dialog.findChild(QtWidgets.QLineEdit, "fileNameEdit")
    assert name is not None
    name.setFocus()
    name.setText(path.name)
    qtbot.keyClick(name, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)


def open_file_dialog(qtbot: Any, tab: WavesTab) -> QtWidgets.QFileDialog:
    activate(qtbot, tab.window())
    tab.table.setFocus()
    key(qtbot, QtCore.Qt.Key.Key_X, ALT)  # E&xport wave file… (an animated click)
    qtbot.waitUntil(
        lambda: tab.findChild(QtWidgets.QFileDialog, "waveSaveDialog") is not None, timeout=5_000
    )
    return tab.findChild(QtWidgets.QFileDialog, "waveSaveDialog")


def open_waves_dialog(qtbot: Any, unit: Session) -> tuple[SettingsDialog, WavesDialog]:
    """The unit admin's Settings, then Survey wa&ves… (Alt+V): the dialog, active."""
    settings = SettingsDialog(unit)
    qtbot.addWidget(settings)
    with qtbot.waitActive(settings):
        settings.show()
        settings.activateWindow()
    key(qtbot, QtCore.Qt.Key.Key_V, ALT)  # Survey wa&ves…
    qtbot.waitUntil(lambda: settings.findChild(WavesDialog) is not None, timeout=5_000)
    dialog = settings.findChild(WavesDialog)
    qtbot.waitUntil(lambda: QtWidgets.QApplication.activeWindow() is dialog, timeout=5_000)
    return settings, dialog


def define_by_keyboard(
    qtbot: Any, tab: WavesTab, label: str, start: str, end: str, *, unit: str | None = None
) -> None:
    tab.survey.setFocus()
    fill(qtbot, tab, label, start, end)
    if unit is not None:
        assert tab.some_units.isEnabled(), tab.units_note.text()
        key(qtbot, QtCore.Qt.Key.Key_H, ALT)  # Only t&hese units:
        qtbot.waitUntil(tab.some_units.isChecked, timeout=2_000)  # an animated click
        key(qtbot, QtCore.Qt.Key.Key_Tab)
        assert QtWidgets.QApplication.focusWidget() is tab.unit_list
        assert [tab.unit_list.item(i).text() for i in range(tab.unit_list.count())] == [unit]
        key(qtbot, QtCore.Qt.Key.Key_Space)
        assert tab.chosen_units() == [unit]
    tab.message.clear_message()
    key(qtbot, QtCore.Qt.Key.Key_F, ALT)  # De&fine wave (an animated click)
    qtbot.waitUntil(lambda: bool(tab.message.text()), timeout=10_000)
    idle(qtbot)


def test_a_wave_defined_and_exported_at_the_coordinator_is_imported_and_listed_at_the_unit(
    qtbot: Any, tmp_path: Path, stores: tuple[Session, Session], kit: SimpleNamespace
) -> None:
    unit, coord = stores
    page, tab = waves_tab(qtbot, coord)
    assert tab.empty.isVisible()
    assert keyboard_problems(page, "survey waves tab") == []
    assert kit.unnamed_controls(tab) == []
    survey_id = str(tab.survey.currentData())
    title = bundled_surveys()[survey_id].title
    define_by_keyboard(qtbot, tab, "Winter 2026", week(0), week(3), unit="ICU")
    assert tab.message.kind() == "success", tab.message.text()
    assert "Defined “Winter 2026”" in tab.message.text()
    assert tab.table.rowCount() == 1
    row = [tab.table.item(0, c).text() for c in range(tab.table.columnCount())]
    assert row == ["Winter 2026", title, week(0), week(3), "ICU", "Running"]
    [wave] = waves.list_waves(coord)
    assert wave.units == ("ICU",)
    assert tab.selected_wave() == wave
    assert tab.label.text() == ""  # ready for the next wave

    # Export: the file dialog, typed; the file is the core's signed file of the wave.
    out = tmp_path / "usb"
    out.mkdir()
    target = out / waves.wave_file_name(wave)
    with qtbot.waitSignal(tab.exported, timeout=10_000):
        save_as(qtbot, open_file_dialog(qtbot, tab), target)
    assert target.read_bytes() == waves.wave_file_bytes(coord, wave.wave_id)
    assert str(target) in tab.message.text()
    # Again to the same file: asked, and Enter (the default) keeps it.
    target.write_bytes(b"older")
    with qtbot.waitSignal(tab.prompt_opened, timeout=10_000) as asked:
        save_as(qtbot, open_file_dialog(qtbot, tab), target)
    box = asked.args[0]
    assert "already exists" in box.text()
    qtbot.keyClick(box, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.prompt is None, timeout=5_000)
    assert target.read_bytes() == b"older"
    assert "Nothing was changed" in tab.message.text()
    with qtbot.waitSignal(tab.prompt_opened, timeout=10_000) as asked:
        save_as(qtbot, open_file_dialog(qtbot, tab), target)
    replace = asked.args[0].findChild(QtWidgets.QPushButton, "waveYes")
    replace.setFocus()
    with qtbot.waitSignal(tab.exported, timeout=10_000):
        qtbot.keyClick(replace, QtCore.Qt.Key.Key_Space)
    assert target.read_bytes() == waves.wave_file_bytes(coord, wave.wave_id)
    idle(qtbot)

    # The unit admin: Settings, Survey wa&ves…, then &Import survey wave…
    settings, dialog = open_waves_dialog(qtbot, unit)
    idle(qtbot)
    assert dialog.empty.isVisible()
    assert dialog.rows() == []
    assert keyboard_problems(dialog, "survey waves dialog") == []
    assert kit.unnamed_controls(dialog) == []
    with qtbot.waitSignal(dialog.file_dialog_opened, timeout=5_000) as chosen:
        key(qtbot, QtCore.Qt.Key.Key_I, ALT)
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        save_as(qtbot, chosen.args[0], target)
    idle(qtbot)
    text = dialog.message.text()
    assert dialog.message.kind() == "success", text
    assert (
        f"Imported “Winter 2026”: the locked workstation offers the staff survey “{title}”" in text
    )
    assert f"from week {week(0)} to week {week(3)}" in text
    assert dialog.rows() == [("Winter 2026", title, week(0), week(3), "Running")]
    assert [w.wave_id for w in unit_waves(unit)] == [wave.wave_id]
    assert kiosk.chosen_survey(unit) == survey_id
    assert settings.kiosk_survey.currentData() == survey_id  # Settings shows the kiosk's survey

    # The same file again changes nothing and says so.
    dialog.import_path(target)
    idle(qtbot)
    assert "was imported already" in dialog.message.text()
    assert len(dialog.rows()) == 1
    dialog.reject()
    settings.reject()


def test_a_changed_or_foreign_wave_file_is_refused_with_its_reason(
    qtbot: Any, tmp_path: Path, stores: tuple[Session, Session]
) -> None:
    unit, coord = stores
    wave = waves.define_wave(
        coord, survey_id="program_pulse", start_week=week(0), end_week=week(2), label="Pulse"
    )
    raw = json.loads(waves.wave_file_bytes(coord, wave.wave_id))
    changed = tmp_path / "changed.svwave"
    changed.write_text(json.dumps({**raw, "end_week": week(8)}))
    other = coordinator_store(tmp_path, name="other-coord")
    try:
        theirs = waves.define_wave(
            other, survey_id="program_pulse", start_week=week(0), end_week=week(2), label="X"
        )
        foreign = tmp_path / "foreign.svwave"
        waves.export_wave_file(other, theirs.wave_id, foreign)
    finally:
        close_session(other)
    not_a_wave = tmp_path / "notes.txt"
    not_a_wave.write_text("hello")

    dialog = WavesDialog(unit)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    idle(qtbot)
    for path, reason in (
        (changed, "does not match its content (it was changed or damaged); ask the coordinator"),
        (foreign, "signed by another coordinator than the one this workstation is paired with"),
        (not_a_wave, "it is not JSON"),
        (tmp_path / "missing.svwave", "Cannot read the survey wave file"),
    ):
        activate(qtbot, dialog)
        dialog.import_button.setFocus()
        with qtbot.waitSignal(dialog.file_dialog_opened, timeout=5_000) as chosen:
            key(qtbot, QtCore.Qt.Key.Key_I, ALT)
        file_dialog = chosen.args[0]
        file_dialog.fileSelected.emit(str(path))  # the Qt dialog will not return a missing file
        file_dialog.reject()
        idle(qtbot)
        text = dialog.message.text()
        assert dialog.message.kind() == "problem"
        assert reason in text, text
        assert dialog.import_button.isEnabled()
        assert dialog.rows() == []
    assert unit_waves(unit) == []
    assert kiosk.chosen_survey(unit) is None


def test_an_overlapping_wave_or_a_bad_week_is_refused_at_the_coordinator(
    qtbot: Any, stores: tuple[Session, Session]
) -> None:
    _unit, coord = stores
    _page, tab = waves_tab(qtbot, coord)
    define_by_keyboard(qtbot, tab, "Spring", week(1), week(4))
    assert tab.table.rowCount() == 1
    assert tab.table.item(0, 4).text() == "Every unit"
    assert tab.table.item(0, 5).text() == "Not started"

    define_by_keyboard(qtbot, tab, "Overlap", week(3), week(6), unit="ICU")
    text = tab.message.text()
    assert tab.message.kind() == "problem"
    assert "The wave would overlap “Spring”" in text
    assert "Choose other weeks or other units." in text
    assert len(waves.list_waves(coord)) == 1
    assert tab.table.rowCount() == 1
    assert tab.label.text() == "Overlap"  # kept to correct

    fill(qtbot, tab, "Later", "2026-W60", week(9))
    key(qtbot, QtCore.Qt.Key.Key_Return)
    assert "2026-W60 is not an ISO week" in tab.message.text()
    assert QtWidgets.QApplication.focusWidget() is tab.start_week
    fill(qtbot, tab, "Later", week(9), week(7))
    key(qtbot, QtCore.Qt.Key.Key_Return)
    idle(qtbot)
    assert "choose an end week on or after the start week" in tab.message.text()
    assert len(waves.list_waves(coord)) == 1


def test_end_wave_moves_its_last_week_to_this_week_after_asking(
    qtbot: Any, stores: tuple[Session, Session]
) -> None:
    _unit, coord = stores
    waves.define_wave(
        coord, survey_id="program_pulse", start_week=week(-1), end_week=week(3), label="Now"
    )
    _page, tab = waves_tab(qtbot, coord)
    assert tab.table.rowCount() == 1
    tab.table.setFocus()
    tab.table.selectRow(0)
    assert tab.end_button.isEnabled()
    with qtbot.waitSignal(tab.prompt_opened, timeout=5_000) as asked:
        key(qtbot, QtCore.Qt.Key.Key_A, ALT)  # End w&ave
    box = asked.args[0]
    qtbot.keyClick(box, QtCore.Qt.Key.Key_Escape)  # Keep it running
    qtbot.waitUntil(lambda: tab.prompt is None, timeout=5_000)
    assert waves.list_waves(coord)[0].end_week == week(3)
    with qtbot.waitSignal(tab.prompt_opened, timeout=5_000) as asked:
        key(qtbot, QtCore.Qt.Key.Key_A, ALT)
    end = asked.args[0].findChild(QtWidgets.QPushButton, "waveYes")
    end.setFocus()
    with qtbot.waitSignal(tab.changed, timeout=10_000):
        qtbot.keyClick(end, QtCore.Qt.Key.Key_Space)
    idle(qtbot)
    assert waves.list_waves(coord)[0].end_week == week(0)
    assert f"now ends in week {week(0)}" in tab.message.text()
    assert tab.table.item(0, 3).text() == week(0)
    assert not tab.end_button.isEnabled()  # it ends this week: nothing more to end


def test_the_waves_tab_and_dialog_in_spanish_keep_their_alt_letters_apart(
    qtbot: Any, stores: tuple[Session, Session], spanish_ui: str
) -> None:
    unit, coord = stores
    page = CoordinatorPage(coord)
    qtbot.addWidget(page)
    page.resize(1200, 860)
    page.show()
    idle(qtbot)
    index = page.tabs.indexOf(page.waves_tab)
    assert page.tabs.tabText(index) == "O&leadas de encuesta"
    page.tabs.setCurrentIndex(index)
    assert keyboard_problems(page, "pestaña de oleadas") == []
    assert page.waves_tab.define_button.text() == "&Añadir la oleada"
    dialog = WavesDialog(unit)
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot)
    assert dialog.import_button.text() == "&Importar una oleada de encuesta…"
    assert keyboard_problems(dialog, "diálogo de oleadas") == []


def test_a_supporter_who_is_not_admin_sees_the_waves_but_cannot_import(
    qtbot: Any, tmp_path: Path, stores: tuple[Session, Session], kit: SimpleNamespace
) -> None:
    _unit, coord = stores
    other = unit_store(tmp_path, name="unit-two")
    pair_directly(other, coord)
    blake = other.enrol(kit.OTHER_NAME, kit.OTHER_PASSPHRASE)
    home, secrets = other.workstation.home, other.secrets  # type: ignore[attr-defined]
    close_session(other)
    session = Workstation.open(home, secrets).unlock(blake.id, kit.OTHER_PASSPHRASE)
    try:
        wave = waves.define_wave(
            coord, survey_id="program_pulse", start_week=week(0), end_week=week(1), label="B"
        )
        path = tmp_path / "b.svwave"
        waves.export_wave_file(coord, wave.wave_id, path)
        dialog = WavesDialog(session)
        qtbot.addWidget(dialog)
        dialog.show()
        idle(qtbot)
        assert not dialog.import_button.isEnabled()
        assert "Only a unit admin can import a survey wave." in kit.label_texts(dialog)
        dialog.import_path(path)  # the core refuses too
        idle(qtbot)
        assert "Only a unit admin can import a survey wave; ask your unit admin." in (
            dialog.message.text()
        )
        assert unit_waves(session) == []
    finally:
        close_session(session)
