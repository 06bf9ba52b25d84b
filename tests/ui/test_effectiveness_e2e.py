"""Issue 14, "done when", end to end through the GUI by keyboard over real encrypted stores: the
coordinator defines a survey wave and exports its file; the admins of two unit workstations (ICU
and ED1) import it in Settings; staff answer the survey at each locked workstation and a
colleague of ICU gives feedback with the code the supporter offered; each unit exports; the
coordinator imports both bundles, and the Effectiveness tab and the PDF report show the wave's
figures, with ED1's few responses and the few feedback answers withheld. Then every table on
either side that holds a response is searched for a link to a person, a supporter or a time of
day."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fakes import ADMIN_NAME, ADMIN_PASSPHRASE, close_session, make_session, session_secrets
from test_coordinator_support import coordinator_store, idle, pair_directly
from test_feedback_gui import _answer_by_keyboard as answer_feedback_by_keyboard
from test_feedback_gui import _open as open_feedback
from test_kiosk_gui import _kiosk_of, _open_kiosk
from test_report_pdf import pdf_pages
from test_waves_gui import (
    define_by_keyboard,
    open_file_dialog,
    open_waves_dialog,
    save_as,
    waves_tab,
)

from svdesk.access.session import Session
from svdesk.coordinator import waves
from svdesk.exchange import weeks
from svdesk.storage.db import Database
from svdesk.unit import feedback_codes, feedback_kiosk
from ui.coordinator.page import CoordinatorPage
from ui.qt import QtCore, QtWidgets
from ui.runtime import ops
from ui.shell.home import HomePage
from ui.shell.kiosk_feedback import QUESTIONS_PAGE
from ui.unit.export import ExportDialog
from ui.unit.feedback_code import FeedbackCodeDialog, add_offer_button

ALT = QtCore.Qt.KeyboardModifier.AltModifier
TODAY = date.today()
ICU_ANSWERS, ED_ANSWERS, FEEDBACK = 12, 3, 2  # ED1's 3 and the 2 feedback answers are too few


@pytest.fixture(autouse=True)
def _no_wrong_tries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feedback_kiosk, "_WRONG", {})


def key(
    qtbot: Any,
    k: QtCore.Qt.Key,
    modifier: QtCore.Qt.KeyboardModifier = QtCore.Qt.KeyboardModifier.NoModifier,
) -> None:
    widget = QtWidgets.QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    qtbot.keyClick(widget, k, modifier)


def week(offset: int) -> str:
    return weeks.iso_week(TODAY + timedelta(weeks=offset))


def define_and_export_wave(qtbot: Any, coord: Session, folder: Path) -> Path:
    page, tab = waves_tab(qtbot, coord)
    define_by_keyboard(qtbot, tab, "Winter pulse", week(0), week(2))  # every unit
    assert tab.message.kind() == "success", tab.message.text()
    [wave] = waves.list_waves(coord)
    folder.mkdir()
    target = folder / waves.wave_file_name(wave)
    with qtbot.waitSignal(tab.exported, timeout=10_000):
        save_as(qtbot, open_file_dialog(qtbot, tab), target)
    page.close()
    return target


def import_wave_in_settings(qtbot: Any, unit: Session, wave_file: Path) -> None:
    settings, dialog = open_waves_dialog(qtbot, unit)
    with qtbot.waitSignal(dialog.file_dialog_opened, timeout=5_000) as chosen:
        key(qtbot, QtCore.Qt.Key.Key_I, ALT)  # &Import survey wave…
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        save_as(qtbot, chosen.args[0], wave_file)
    idle(qtbot)
    assert dialog.message.kind() == "success", dialog.message.text()
    assert [row[0] for row in dialog.rows()] == ["Winter pulse"]
    dialog.reject()
    settings.reject()


def offer_codes(qtbot: Any, unit: Session, count: int) -> list[str]:
    """The "Conversation completed" note's Offer a feedback code… (Alt+F), `count` times."""
    host = QtWidgets.QWidget()
    qtbot.addWidget(host)
    host.show()
    codes = []
    for _ in range(count):
        note = QtWidgets.QMessageBox(host)
        note.setText("Conversation completed.")
        add_offer_button(note, unit)
        note.addButton(QtWidgets.QMessageBox.StandardButton.Close)
        note.open()
        with qtbot.waitActive(note):
            note.activateWindow()
        qtbot.keyClick(note, QtCore.Qt.Key.Key_F, ALT)
        qtbot.waitUntil(lambda: host.findChild(FeedbackCodeDialog) is not None, timeout=5_000)
        dialog = host.findChild(FeedbackCodeDialog)
        codes.append(dialog.code_label.text())
        dialog.close()
        qtbot.waitUntil(lambda: host.findChild(FeedbackCodeDialog) is None, timeout=5_000)
    return codes


def answer_survey_by_keyboard(qtbot: Any, window: Any, agree: int) -> None:
    """At the locked screen: S&taff survey…, the first two statements answered (Space picks the
    first point, Right moves along), &Submit answers, Done."""
    unlock = window.page
    station = _open_kiosk(qtbot, window)
    for _statement in range(2):
        key(qtbot, QtCore.Qt.Key.Key_Space)
        for _ in range(agree):
            key(qtbot, QtCore.Qt.Key.Key_Right)
        key(qtbot, QtCore.Qt.Key.Key_Tab)
    key(qtbot, QtCore.Qt.Key.Key_S, ALT)
    qtbot.waitUntil(station.thanks.isVisible, timeout=5_000)
    key(qtbot, QtCore.Qt.Key.Key_Space)  # Done
    qtbot.waitUntil(lambda: _kiosk_of(unlock) is None, timeout=5_000)


def give_feedback_by_keyboard(qtbot: Any, window: Any, code: str) -> None:
    page = open_feedback(qtbot, window)
    qtbot.keyClicks(page.code, code)
    key(qtbot, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.pages.currentIndex() == QUESTIONS_PAGE, timeout=5_000)
    answer_feedback_by_keyboard(qtbot, page)
    key(qtbot, QtCore.Qt.Key.Key_S, ALT)  # &Submit answers
    qtbot.waitUntil(page.thanks.isVisible, timeout=5_000)
    key(qtbot, QtCore.Qt.Key.Key_Space)  # Done
    qtbot.waitUntil(lambda: window.page.pages.currentWidget() is not page, timeout=5_000)


def unlock_and_export(qtbot: Any, window: Any, kit: Any, folder: Path) -> Path:
    """Unlock by keyboard (the kiosk's answers are merged), then Export for coordinator… from
    the toolbar (Tab-reachable: focus and Space) and Export now (Enter)."""
    kit.unlock_by_keyboard(qtbot, window, ADMIN_NAME, ADMIN_PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(window.page, HomePage), timeout=20_000)
    qtbot.waitUntil(lambda: not ops.busy(), timeout=20_000)
    button = window.findChild(QtWidgets.QToolButton, "exportButton")
    button.setFocus()
    qtbot.keyClick(button, QtCore.Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.findChild(ExportDialog) is not None, timeout=5_000)
    dialog = window.findChild(ExportDialog)
    qtbot.waitUntil(dialog.export_button.isEnabled, timeout=10_000)
    folder.mkdir(exist_ok=True)
    chooser = dialog.choose_folder()
    chooser.setDirectory(str(folder.parent))
    chooser.selectFile(str(folder))
    chooser.accept()
    dialog.export_button.setFocus()
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as done:
        qtbot.keyClick(dialog.export_button, QtCore.Qt.Key.Key_Return)
    idle(qtbot)
    dialog.close()
    path: Path = done.args[0].path
    return path


def collect_at_unit(
    qtbot: Any,
    open_window: Any,
    kit: Any,
    unit: Session,
    *,
    answers: int,
    codes: list[str],
    folder: Path,
) -> tuple[Path, Any]:
    """The unit's staff answer and give feedback at its locked window; its admin unlocks and
    exports. The bundle, and the window (still unlocked)."""
    home, secrets = unit.workstation.home, session_secrets(unit)
    close_session(unit)
    window = open_window(home, secrets)
    for i in range(answers):
        answer_survey_by_keyboard(qtbot, window, agree=2 + i % 3)
    for code in codes:
        give_feedback_by_keyboard(qtbot, window, code)
    return unlock_and_export(qtbot, window, kit, folder), window


def import_at_coordinator(qtbot: Any, coord: Session, bundles: list[Path]) -> CoordinatorPage:
    page = CoordinatorPage(coord)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    with qtbot.waitActive(page):
        page.activateWindow()
    idle(qtbot)
    tab = page.import_tab
    tab.set_files(bundles)  # what C&hoose export files… fills in; I&mport has the focus
    with qtbot.waitSignal(tab.imported, timeout=30_000):
        key(qtbot, QtCore.Qt.Key.Key_Space)
        for _workstation in bundles:  # each new workstation is registered after asking
            qtbot.waitUntil(lambda: tab.trust_prompt is not None, timeout=10_000)
            box = tab.trust_prompt
            assert box is not None
            qtbot.keyClick(box, QtCore.Qt.Key.Key_R, ALT)  # &Register and import
            qtbot.waitUntil(lambda b=box: tab.trust_prompt is not b, timeout=10_000)
    idle(qtbot)
    return page


TIME_OF_DAY = re.compile(r"\b\d{1,2}:\d{2}\b|T\d{2}:")
ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
LINKING_COLUMNS = {
    "supporter_id",
    "supporter",
    "created_at",
    "submitted_at",
    "answered_at",
    "imported_at",
    "time",
    "timestamp",
    "case_code",
    "encounter_id",
    "draft_id",
    "conversation_id",
}


def response_tables(db: Database) -> list[str]:
    names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return [n for n in names if re.search(r"survey|feedback|wave|kiosk", n)]


def links_found(db: Database, supporter_ids: set[str]) -> list[str]:
    found = []
    for table in response_tables(db):
        columns = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
        found += [f"{table}.{c}" for c in columns & LINKING_COLUMNS]
        cursor = db.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cursor.description]
        for values in cursor.fetchall():
            row = dict(zip(names, values, strict=True))
            if "expires" in row:  # a code's expiry: the last day of the month after its month
                assert row["expires"] == feedback_codes.expiry_for(row["month"]).isoformat()
                del row["expires"]
            for value in row.values():
                text = str(value)
                if TIME_OF_DAY.search(text) or ISO_DAY.search(text):
                    found.append(f"{table}: {text[:60]}")
                if any(s in text for s in supporter_ids) or ADMIN_NAME in text:
                    found.append(f"{table}: names a supporter: {text[:60]}")
    return found


def test_a_wave_and_feedback_from_two_units_reach_the_effectiveness_tab_and_the_pdf(
    qtbot: Any, tmp_path: Path, open_window: Any, kit: Any
) -> None:
    coord = coordinator_store(tmp_path)
    icu = make_session(tmp_path, home_name="icu")
    ed = make_session(tmp_path, home_name="ed", unit="ED1")
    for unit in (icu, ed):
        pair_directly(unit, coord)
    supporter_ids = {icu.supporter.id, ed.supporter.id}

    wave_file = define_and_export_wave(qtbot, coord, tmp_path / "usb")
    for unit in (icu, ed):
        import_wave_in_settings(qtbot, unit, wave_file)
    codes = offer_codes(qtbot, icu, FEEDBACK)
    collected = [
        collect_at_unit(
            qtbot,
            open_window,
            kit,
            icu,
            answers=ICU_ANSWERS,
            codes=codes,
            folder=tmp_path / "icu-usb",
        ),
        collect_at_unit(
            qtbot, open_window, kit, ed, answers=ED_ANSWERS, codes=[], folder=tmp_path / "ed-usb"
        ),
    ]

    page = import_at_coordinator(qtbot, coord, [bundle for bundle, _window in collected])
    assert [row[5] for row in page.import_tab.summary_rows()] == ["new workstation registered"] * 2
    responses = coord.db.execute("SELECT count(*) FROM coord_survey_responses").fetchone()[0]
    assert responses == ICU_ANSWERS + ED_ANSWERS

    # Effectiveness (Alt+V): the wave from ICU's 12 answers; ED1's 3 are left out of it.
    if QtWidgets.QApplication.activeWindow() is not page:
        with qtbot.waitActive(page):
            page.activateWindow()
    key(qtbot, QtCore.Qt.Key.Key_V, ALT)
    assert page.tabs.currentWidget() is page.outcomes_tab
    section = page.outcomes_tab.waves
    qtbot.waitUntil(lambda: section.table.rowCount() == 1, timeout=10_000)
    idle(qtbot)
    row = [section.table.item(0, c).text() for c in range(section.table.columnCount())]
    assert row[0] == "Winter pulse"
    assert row[1] == f"{week(0)} to {week(2)}"
    assert row[2] == str(ICU_ANSWERS)
    assert re.fullmatch(r"\d\.\d\d", row[3]), row
    assert "1 unit(s) left out" in section.left_out.text()
    assert "ED1" not in " ".join(row)
    # The feedback: 2 answers arrived, too few: not even their count is shown.
    given = coord.db.execute("SELECT count(*) FROM coord_feedback_responses").fetchone()[0]
    assert given == FEEDBACK
    assert "<11 responses" in section.feedback_title.text()
    shown = " ".join(
        section.feedback_table.item(r, c).text()
        for r in range(section.feedback_table.rowCount())
        for c in range(section.feedback_table.columnCount())
        if section.feedback_table.item(r, c) is not None
    )
    assert "%" not in shown

    # The PDF (Reports, Alt+R): the same wave row, the small cells withheld.
    key(qtbot, QtCore.Qt.Key.Key_R, ALT)
    reports = page.reports_tab
    assert page.tabs.currentWidget() is reports
    reports.format.setFocus()
    reports.format.setCurrentIndex(reports.format.findData("pdf"))
    out = tmp_path / "report.pdf"
    reports.out_path.setText(str(out))  # what Bro&wse… fills in
    with qtbot.waitSignal(reports.written, timeout=30_000):
        key(qtbot, QtCore.Qt.Key.Key_N, ALT)  # Write report &now
    idle(qtbot)
    text = " ".join(" ".join(pdf_pages(out)).split())
    assert "Winter pulse" in text
    assert f"{week(0)} to {week(2)}" in text
    assert "withheld" in text
    page.close()

    # Nothing on either side links a response to a person, a supporter or a time of day.
    assert {"coord_survey_responses", "coord_feedback_responses", "coord_survey_waves"} <= set(
        response_tables(coord.db)
    )
    found = links_found(coord.db, supporter_ids)
    for _bundle, window in collected:
        assert window.session.db.execute("SELECT count(*) FROM survey_responses").fetchone()[0]
        held = set(response_tables(window.session.db))
        assert {"survey_responses", "feedback_responses", "feedback_codes"} <= held
        found += links_found(window.session.db, supporter_ids)
    assert found == []
    close_session(coord)
