"""Issue 14, item 5: the staff survey by wave and the recipient feedback in the report files. The
CSV and XLSX carry one row per subscale and wave (mean, responses, 95 % interval), the change
between consecutive waves with its reading, the reading aids and the feedback summary; a wave
below the threshold and a small feedback share are withheld, in every format."""

from __future__ import annotations

import csv
import io
import json
import secrets
import zipfile
from pathlib import Path
from typing import Any

import pytest
from test_survey_waves import SURVEY, define, new_coordinator, respond

from svdesk.coordinator import reports
from svdesk.coordinator.report_texts import report_texts
from svdesk.coordinator.wave_report import in_period, wave_report, wave_tables
from svdesk.progress import run_to_end


def feedback(coord: Any, unit: str, month: str, n: int, *, helpful: int, choice: int = 1) -> None:
    """`n` feedback responses of `unit` in `month`, stored as an import stores them."""
    answers = {"helpful": helpful, "recommend": 5, "would_have_helped": choice}
    for _ in range(n):
        coord.db.execute(
            "INSERT INTO coord_feedback_responses (response_id, workstation_id, site_code, "
            "unit_code, survey_id, survey_version, month, answers) "
            "VALUES (?, ?, 'S01', ?, 'recipient_feedback', '1.0.0', ?, ?)",
            [secrets.token_hex(16), "ws-" + unit, unit, month, json.dumps(answers)],
        )
    coord.db.conn.commit()


def store() -> Any:
    """Spring: 12 responses of ICU (shown); Summer: 6 of ICU and 4 of ED1 (withheld); Autumn: 15
    of ICU (shown); 14 feedback responses in November, 3 of them not helpful."""
    coord = new_coordinator()
    define(coord, "2026-W10", "2026-W13", label="Spring")
    define(coord, "2026-W25", "2026-W28", label="Summer")
    define(coord, "2026-W40", "2026-W43", label="Autumn")
    respond(coord, "ICU", "2026-W11", 2, 12)
    respond(coord, "ICU", "2026-W26", 4, 6)
    respond(coord, "ED1", "2026-W27", 4, 4)
    respond(coord, "ICU", "2026-W41", 4, 15)
    feedback(coord, "ICU", "2026-11", 11, helpful=5)
    feedback(coord, "ICU", "2026-11", 3, helpful=2, choice=2)
    return coord


def rows_of(tables: list[reports.ReportTable], key: str) -> dict[str, tuple[Any, ...]]:
    table = next(t for t in tables if t.key == key)
    return {str(r[1]): r for r in table.rows}


def test_the_tables_show_a_wave_with_enough_responses_and_withhold_a_small_one() -> None:
    coord = store()
    report = wave_report(coord, threshold=11)
    assert [f.wave.label for f in report.series[0].waves] == ["Spring", "Summer", "Autumn"]
    rows = rows_of(wave_tables(report), f"waves.{SURVEY}")
    spring, summer, autumn = (
        rows["know_how.2026-W10"],
        rows["know_how.2026-W25"],
        rows["know_how.2026-W40"],
    )
    assert spring[0] == "Knowing how to get support, Spring (2026-W10 to 2026-W13)"
    assert (spring[2], spring[4]) == (2.0, "12")
    assert spring[5] is not None
    assert spring[5].count("–") == 1
    assert (summer[2], summer[4], summer[5]) == ("suppressed", "0", None)
    assert autumn[2] == 4.0
    # No change into or out of the withheld wave; the reading aid says which way is better.
    assert rows["know_how.change.2026-W25"][2] == "suppressed"
    assert rows["know_how.change.2026-W40"][2] == "suppressed"
    assert "withheld" in str(rows["know_how.change.2026-W40"][4])
    assert str(rows["know_how.reading"][2]).startswith("Higher is better. A change of 0.5 points")
    assert rows["units_withheld.2026-W25"][2] == 2
    # With the summer wave outside the period, Spring → Autumn are consecutive: a change shows.
    short = wave_report(coord, period_from="2026-W30", threshold=11)
    assert [f.wave.label for f in short.series[0].waves] == ["Autumn"]
    both = wave_report(coord, period_to="2026-W20", threshold=11)
    assert [f.wave.label for f in both.series[0].waves] == ["Spring"]


def test_the_change_between_two_shown_waves_has_its_difference_interval_and_reading() -> None:
    coord = new_coordinator()
    define(coord, "2026-W10", "2026-W13", label="Before")
    define(coord, "2026-W20", "2026-W23", label="After")
    respond(coord, "ICU", "2026-W11", 2, 12)
    respond(coord, "ICU", "2026-W21", 4, 15)
    rows = rows_of(wave_tables(wave_report(coord, threshold=11)), f"waves.{SURVEY}")
    change = rows["know_how.change.2026-W20"]
    assert change[0] == "Knowing how to get support: change from Before to After"
    assert change[2] == 2.0
    assert change[4] == "Better, by at least the survey's meaningful change."
    low, high = (float(x) for x in str(change[5]).split("–"))
    assert low < 2.0 < high
    assert rows["trust.change.2026-W20"][4].startswith("No clear change")


def test_the_feedback_table_withholds_a_small_share_and_says_low_use_is_not_low_need() -> None:
    coord = store()
    rows = rows_of(wave_tables(wave_report(coord, threshold=11)), "feedback")
    assert rows["responses"][2] == "14"
    # 11 found it helpful, 3 did not: 3 is a small cell, so the share is withheld.
    assert rows["helpful"][2:5] == ("suppressed", None, "14")
    assert rows["recommend"][2:5] == (14, 100.0, "14")
    assert rows["would_have_helped.2"][2] == "<11"
    assert rows["unit.ICU"][2] == 14
    assert "barriers to access, not low need" in str(rows["caveat"][0])
    # A month with few answers shows no share at all.
    december = rows_of(
        wave_tables(wave_report(coord, period_from="2026-W49", threshold=11)), "feedback"
    )
    assert december["responses"][2] == "0"
    assert december["helpful"][2] is None


def test_csv_and_xlsx_files_carry_the_wave_rows_and_withhold_the_small_wave(
    tmp_path: Path,
) -> None:
    coord = store()
    csv_path, xlsx_path = tmp_path / "r.csv", tmp_path / "r.xlsx"
    run_to_end(reports.write_report(coord, "csv", csv_path, threshold=11))
    run_to_end(reports.write_report(coord, "xlsx", xlsx_path, threshold=11))
    lines = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    by_code = {line[2]: line for line in lines if line[0].startswith("Staff survey by wave")}
    assert by_code["know_how.2026-W10"][3] == "2.0"
    assert by_code["know_how.2026-W10"][5] == "12"
    assert by_code["know_how.2026-W25"][3:6] == ["suppressed", "", "0"]
    assert by_code["know_how.2026-W40"][3] == "4.0"
    feedback_rows = {line[2]: line for line in lines if line[0].startswith("Recipient feedback")}
    assert feedback_rows["helpful"][3] == "suppressed"
    with zipfile.ZipFile(xlsx_path) as book:
        workbook = book.read("xl/workbook.xml").decode()
        assert 'name="Survey waves"' in workbook
        assert 'name="Recipient feedback"' in workbook
        sheets = " ".join(
            book.read(n).decode() for n in book.namelist() if n.startswith("xl/worksheets/")
        )
    assert "Knowing how to get support, Summer (2026-W25 to 2026-W28)" in sheets
    assert "barriers to access, not low need" in sheets


def test_a_report_without_waves_or_feedback_has_no_wave_tables(tmp_path: Path) -> None:
    coord = new_coordinator()
    out = tmp_path / "r.csv"
    run_to_end(reports.write_report(coord, "csv", out, threshold=11))
    text = out.read_text(encoding="utf-8-sig")
    assert "Staff survey by wave" not in text
    assert "Recipient feedback" not in text


def test_a_spanish_report_writes_the_wave_rows_in_spanish(tmp_path: Path) -> None:
    coord = store()
    tables = wave_tables(wave_report(coord, threshold=11, language="es"), language="es")
    rows = rows_of(tables, f"waves.{SURVEY}")
    assert rows["know_how.2026-W25"][2] == report_texts("es").text("cell.suppressed")
    assert str(rows["know_how.reading"][2]).startswith("Cuanto más alto, mejor. Un cambio de 0,5")
    assert "barreras de acceso" in str(rows_of(tables, "feedback")["caveat"][0])


@pytest.mark.parametrize(
    ("start", "end", "period", "inside"),
    [
        ("2026-W10", "2026-W13", ("2026-W13", None), True),
        ("2026-W10", "2026-W13", ("2026-W14", None), False),
        ("2026-W10", "2026-W13", (None, "2026-W10"), True),
        ("2026-W10", "2026-W13", (None, "2026-W09"), False),
        ("2026-W10", "2026-W13", ("2026-W11", "2026-W12"), True),
    ],
)
def test_a_wave_is_in_a_period_when_their_weeks_meet(
    start: str, end: str, period: tuple[str | None, str | None], inside: bool
) -> None:
    coord = new_coordinator()
    wave = define(coord, start, end)
    assert in_period(wave, *period) is inside
