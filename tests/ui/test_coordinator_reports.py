"""The Reports tab: every format through the core writers with suppression, the threshold floor
and the program's saved threshold, bad periods explained, reports audited."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
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
from svdesk.coordinator.importing import import_bundles
from svdesk.coordinator.reports import FILE_SUFFIXES, REPORT_FORMATS, SETTING_THRESHOLD
from svdesk.progress import run_to_end
from svdesk.storage.settings import save_setting
from ui.coordinator.reports_tab import FORMAT_LABELS, ReportsTab


@pytest.fixture
def coord(tmp_path: Path) -> Iterator[Session]:
    unit = unit_store(tmp_path)
    coord = coordinator_store(tmp_path)
    pair_directly(unit, coord)
    for _ in range(13):
        record_conversation(unit, on=date(2026, 2, 4))
    record_conversation(unit, on=date(2026, 2, 4), role_category="trainee")
    bundle = export_directly(unit, tmp_path / "usb")
    run_to_end(import_bundles(coord, [bundle], trust_new=True))
    case_codes = [r[0] for r in coord.db.execute("SELECT case_code FROM coord_encounters")]
    coord.case_codes = case_codes  # type: ignore[attr-defined]
    close_session(unit)
    yield coord
    close_session(coord)


def tab_for(qtbot: Any, coord: Session) -> ReportsTab:
    tab = ReportsTab(coord)
    qtbot.addWidget(tab)
    tab.show()
    idle(qtbot)
    return tab


def write(qtbot: Any, tab: ReportsTab, fmt: str, out: Path) -> list[Path]:
    tab.format.setCurrentIndex(tab.format.findData(fmt))
    tab.out_path.setText(str(out))
    with qtbot.waitSignal(tab.written, timeout=20_000) as written:
        tab.start_report()
    idle(qtbot)
    paths: list[Path] = written.args[0]
    return paths


def test_csv_xlsx_and_redcap_go_through_the_core_writers_with_suppression(
    qtbot: Any, tmp_path: Path, coord: Session
) -> None:
    tab = tab_for(qtbot, coord)
    assert tab.threshold.minimum() == 5
    assert tab.threshold.value() == 11
    (csv,) = write(qtbot, tab, "csv", tmp_path / "report.csv")
    text = csv.read_text(encoding="utf-8")
    assert "<11" in text  # the single trainee
    assert "14" in text  # the total is shown
    for code in coord.case_codes:  # type: ignore[attr-defined]
        assert code not in text
    (xlsx,) = write(qtbot, tab, "xlsx", tmp_path / "report.xlsx")
    assert xlsx.read_bytes().startswith(b"PK")
    redcap = write(qtbot, tab, "redcap", tmp_path / "redcap")
    assert sorted(p.name for p in redcap) == [
        "svdesk_redcap_data_dictionary.csv",
        "svdesk_redcap_import.csv",
    ]
    assert str(tmp_path / "redcap") in tab.status.text()
    actions = [
        json.loads(detail)["format"]
        for action, detail in coord.db.execute("SELECT action, detail FROM audit")
        if action == "report"
    ]
    assert actions == ["csv", "xlsx", "redcap"]


def test_the_saved_program_threshold_is_the_default(
    qtbot: Any, tmp_path: Path, coord: Session
) -> None:
    save_setting(coord, SETTING_THRESHOLD, 5)
    tab = tab_for(qtbot, coord)
    assert tab.threshold.value() == 5
    (csv,) = write(qtbot, tab, "csv", tmp_path / "report.csv")
    text = csv.read_text(encoding="utf-8")
    assert "<5" in text
    assert "<11" not in text


def test_bad_period_and_missing_target_are_explained(
    qtbot: Any, tmp_path: Path, coord: Session
) -> None:
    tab = tab_for(qtbot, coord)
    tab.out_path.setText("")
    assert tab.start_report() is None
    assert tab.message.text() == "Choose where to save the report."
    tab.out_path.setText(str(tmp_path / "r.pdf"))
    tab.period_from.setText("2026-W60")
    assert tab.start_report() is None
    assert "2026-W60 is not an ISO week" in tab.message.text()
    tab.period_from.setText("2026-W10")
    tab.period_to.setText("2026-W02")
    assert tab.start_report() is None
    assert "starts after it ends" in tab.message.text()
    tab.period_from.setText("")
    tab.period_to.setText("")
    tab.out_path.setText(str(tmp_path / "missing" / "r.pdf"))
    tab.start_report()
    qtbot.waitUntil(lambda: "does not exist" in tab.message.text(), timeout=10_000)
    assert tab.write_button.isEnabled()
    idle(qtbot)


def test_the_tab_offers_the_cores_formats_with_their_suffixes(
    qtbot: Any, tmp_path: Path, coord: Session
) -> None:
    """One label per format of the core, no other; the suffix follows `reports.FILE_SUFFIXES`."""
    assert set(FORMAT_LABELS) == set(REPORT_FORMATS)
    tab = tab_for(qtbot, coord)
    assert [tab.format.itemData(i) for i in range(tab.format.count())] == list(REPORT_FORMATS)
    tab.format.setCurrentIndex(tab.format.findData("redcap"))  # a folder: no suffix
    tab.out_path.setText(str(tmp_path / "report.txt"))
    for fmt, suffix in FILE_SUFFIXES.items():
        tab.format.setCurrentIndex(tab.format.findData(fmt))
        assert tab.out_path.text() == str(tmp_path / f"report{suffix}")
