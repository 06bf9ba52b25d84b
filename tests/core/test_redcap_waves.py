"""Issue 14, item 5: the survey waves in the REDCap export. Next to the encounter project the
folder gets a second project — a data dictionary and an import file with one record per wave and
subscale — written through `write_report`: the figures of `wave_report`, withheld ones blank, no
count below the threshold and no response."""

from __future__ import annotations

import csv
import io
import json
import secrets
from pathlib import Path
from typing import Any

import pytest
from test_survey_waves import SURVEY, define, new_coordinator, respond
from test_wave_report import store

from svdesk.coordinator import reports
from svdesk.coordinator.redcap import REDCAP_HEADERS
from svdesk.coordinator.redcap_waves import REDCAP_WAVE_FILE_NAMES, WAVE_FORM
from svdesk.coordinator.wave_figures import READINGS, wave_changes
from svdesk.coordinator.wave_report import WaveReport, wave_report
from svdesk.progress import run_to_end

THRESHOLD = 11
NUMBERS = ("mean", "ci_low", "ci_high", "change_from_previous", "change_ci_low", "change_ci_high")


def helped(coord: Any, unit: str, week_: str, n: int) -> None:
    """`n` responses that also answer the "recent support helped" items (few: a small count)."""
    for _ in range(n):
        answers = {
            "know_reach": 4, "know_what_happens": 4, "trust_confidential": 4,
            "trust_not_held_against": 4, "helped_soon_enough": 5, "helped_carry_on": 4,
        }  # fmt: skip
        coord.db.execute(
            "INSERT INTO coord_survey_responses (response_id, workstation_id, site_code, "
            "unit_code, survey_id, survey_version, week, answers) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [secrets.token_hex(16), "ws-" + unit, "S01", unit, SURVEY, "1.0.0", week_,
             json.dumps(answers)],
        )  # fmt: skip
    coord.db.conn.commit()


def read(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # REDCap wants no BOM
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))


def write(coord: Any, folder: Path, period_from: str | None = None) -> list[Path]:
    return run_to_end(
        reports.write_report(coord, "redcap", folder, period_from=period_from, threshold=THRESHOLD)
    )


def check_against_the_dictionary(folder: Path) -> tuple[dict[str, dict[str, str]], list[str]]:
    """The dictionary's rows by field, and the import's columns, each checked against it."""
    raw = (folder / REDCAP_WAVE_FILE_NAMES[0]).read_text(encoding="utf-8")
    lines = list(csv.reader(io.StringIO(raw)))
    assert tuple(lines[0]) == REDCAP_HEADERS
    declared = {r[0]: dict(zip(REDCAP_HEADERS, r, strict=True)) for r in lines[1:]}
    assert lines[1][0] == "record_id"  # REDCap: the record id is the first field
    assert all(d["Form Name"] == WAVE_FORM for d in declared.values())
    assert all(d["Identifier?"] == "" for d in declared.values())  # nothing identifying
    with (folder / REDCAP_WAVE_FILE_NAMES[1]).open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    # Every column is declared, but REDCap's own form-status field, which it makes itself.
    assert header[-1] == f"{WAVE_FORM}_complete"
    assert [c for c in header[:-1] if c not in declared] == []
    for name in NUMBERS:
        assert (declared[name]["Field Type"], declared[name][REDCAP_HEADERS[7]]) == (
            "text",
            "number",
        )
    assert declared["units_left_out"][REDCAP_HEADERS[7]] == "integer"
    assert declared["withheld"]["Field Type"] == "yesno"
    assert declared["change_reading"]["Field Type"] == "dropdown"
    codes = [
        c.split(",")[0].strip() for c in declared["change_reading"][REDCAP_HEADERS[5]].split("|")
    ]
    assert codes == list(READINGS)
    return declared, header


def expected(report: WaveReport) -> dict[str, dict[str, Any]]:
    """What each record should say, from `wave_report`'s own figures."""
    out: dict[str, dict[str, Any]] = {}
    for series in report.series:
        for figure in series.waves:
            into = {c.subscale_id: c for c in wave_changes(series, figure.wave.wave_id)}
            for sub in figure.subscales:
                out[f"{figure.wave.wave_id}_{sub.subscale_id}"] = {
                    "figure": figure, "sub": sub, "change": into.get(sub.subscale_id),
                }  # fmt: skip
    return out


def number(text: str) -> float | None:
    return None if text == "" else float(text)


def test_the_wave_project_carries_one_record_per_wave_and_subscale_with_suppression(
    tmp_path: Path,
) -> None:
    coord = store()  # Spring 12 (shown), Summer 6 + 4 (withheld), Autumn 15 (shown)
    helped(coord, "ICU", "2026-W42", 4)  # Autumn: 4 answer "helped" — a small count
    folder = tmp_path / "redcap"
    written = write(coord, folder)
    assert [p.name for p in written] == list(reports.REDCAP_FILE_NAMES)
    assert reports.REDCAP_FILE_NAMES[2:] == REDCAP_WAVE_FILE_NAMES
    declared, header = check_against_the_dictionary(folder)
    records = read(folder / REDCAP_WAVE_FILE_NAMES[1])
    report = wave_report(coord, threshold=THRESHOLD)
    want = expected(report)
    # No response-level data: exactly one record per wave × subscale.
    assert len(report.series) == 1
    assert len(records) == 3 * 3 == len(want)
    assert [r["record_id"] for r in records] == list(want)
    for record in records:
        figure, sub, change = (want[record["record_id"]][k] for k in ("figure", "sub", "change"))
        assert record["survey_id"] == SURVEY
        assert record["survey_version"] == "1.0.0"
        assert record["wave_label"] == figure.wave.label
        assert (record["start_week"], record["end_week"]) == (
            figure.wave.start_week,
            figure.wave.end_week,
        )
        assert record["unit"] == "all"
        assert record["subscale_id"] == sub.subscale_id
        assert record["units_left_out"] == str(figure.units_withheld)
        assert record[f"{WAVE_FORM}_complete"] == "2"
        # A count is shown as it is counted, or "<11": never a small number.
        shown_n = record["responses"]
        assert shown_n == (f"<{THRESHOLD}" if 0 < sub.n < THRESHOLD else str(sub.n))
        if shown_n.isdigit():
            assert int(shown_n) == 0 or int(shown_n) >= THRESHOLD
        if sub.mean is None:
            assert [record[c] for c in ("mean", "ci_low", "ci_high")] == ["", "", ""]
        else:
            assert number(record["mean"]) == round(sub.mean, 2)
            assert number(record["ci_low"]) == round(sub.low, 2)
            assert number(record["ci_high"]) == round(sub.high, 2)
        assert record["withheld"] == (
            "1" if sub.mean is None and (sub.n or figure.units_withheld) else "0"
        )
        if record["withheld"] == "1":
            assert record["mean"] == ""
        if change is None or change.difference is None:
            assert [record[c] for c in NUMBERS[3:]] + [record["change_reading"]] == [""] * 4
        else:
            assert number(record["change_from_previous"]) == round(change.difference, 2)
            assert record["change_reading"] == change.reading
    by_id = {(r["wave_label"], r["subscale_id"]): r for r in records}
    spring, summer = by_id["Spring", "know_how"], by_id["Summer", "know_how"]
    autumn_helped = by_id["Autumn", "helped"]
    assert (spring["mean"], spring["responses"], spring["withheld"]) == ("2.0", "12", "0")
    assert (summer["mean"], summer["responses"], summer["withheld"]) == ("", "0", "1")
    assert summer["units_left_out"] == "2"
    assert (autumn_helped["mean"], autumn_helped["responses"], autumn_helped["withheld"]) == (
        "",
        "<11",
        "1",
    )
    # The change into Autumn is from the withheld Summer wave: blank.
    assert by_id["Autumn", "know_how"]["change_from_previous"] == ""
    # No response and no workstation leaves: their ids appear in neither file.
    text = "".join((folder / n).read_text(encoding="utf-8") for n in REDCAP_WAVE_FILE_NAMES)
    for (response_id,) in coord.db.execute("SELECT response_id FROM coord_survey_responses"):
        assert response_id not in text
    assert "ws-ICU" not in text
    assert "helped_soon_enough" not in text
    assert set(declared) == set(header[:-1])


def test_a_change_between_two_shown_waves_is_exported_with_its_interval_and_reading(
    tmp_path: Path,
) -> None:
    coord = new_coordinator()
    define(coord, "2026-W10", "2026-W13", label="Before")
    define(coord, "2026-W20", "2026-W23", label="After")
    respond(coord, "ICU", "2026-W11", 2, 12)
    respond(coord, "ICU", "2026-W21", 4, 15)
    write(coord, tmp_path / "rc")
    check_against_the_dictionary(tmp_path / "rc")
    records = {
        (r["wave_label"], r["subscale_id"]): r
        for r in read(tmp_path / "rc" / REDCAP_WAVE_FILE_NAMES[1])
    }
    series = wave_report(coord, threshold=THRESHOLD).series[0]
    change = next(c for c in series.changes if c.subscale_id == "know_how")
    assert change.low is not None
    assert change.high is not None
    after = records["After", "know_how"]
    assert number(after["change_from_previous"]) == 2.0
    assert number(after["change_ci_low"]) == round(change.low, 2)
    assert number(after["change_ci_high"]) == round(change.high, 2)
    assert after["change_reading"] == "better"
    assert records["After", "trust"]["change_reading"] == "no_clear_change"
    assert records["Before", "know_how"]["change_from_previous"] == ""  # the first wave


def test_the_period_of_the_report_chooses_the_waves(tmp_path: Path) -> None:
    coord = store()
    write(coord, tmp_path / "autumn", period_from="2026-W30")
    records = read(tmp_path / "autumn" / REDCAP_WAVE_FILE_NAMES[1])
    assert {r["wave_label"] for r in records} == {"Autumn"}
    assert len(records) == 3
    assert all(r["change_from_previous"] == "" for r in records)  # first wave of the period


def test_without_a_wave_no_wave_project_is_written_and_an_old_one_is_removed(
    tmp_path: Path,
) -> None:
    coord = store()
    folder = tmp_path / "rc"
    assert len(write(coord, folder)) == 4
    # The same folder again for a period with no wave: the encounter files only, and no wave
    # files of the earlier period left beside them.
    written = write(coord, folder, period_from="2026-W49")
    assert [p.name for p in written] == list(reports.REDCAP_FILE_NAMES[:2])
    assert sorted(p.name for p in folder.iterdir()) == sorted(reports.REDCAP_FILE_NAMES[:2])
    empty = tmp_path / "none"
    assert len(write(new_coordinator(), empty)) == 2
    assert not any((empty / n).exists() for n in REDCAP_WAVE_FILE_NAMES)


def test_report_files_name_the_wave_files_for_the_checks_before_writing(tmp_path: Path) -> None:
    names = [p.name for p in reports.report_files("redcap", tmp_path)]
    assert names[2:] == list(REDCAP_WAVE_FILE_NAMES)
    assert all(n.startswith("svdesk_redcap_") and n.endswith(".csv") for n in names)


@pytest.mark.parametrize("threshold", [5, 20])
def test_the_threshold_of_the_report_applies(tmp_path: Path, threshold: int) -> None:
    coord = store()
    run_to_end(reports.write_report(coord, "redcap", tmp_path / "rc", threshold=threshold))
    records = {
        (r["wave_label"], r["subscale_id"]): r
        for r in read(tmp_path / "rc" / REDCAP_WAVE_FILE_NAMES[1])
    }
    summer, spring = records["Summer", "know_how"], records["Spring", "know_how"]
    if threshold == 5:  # ICU's 6 count in summer (ED1's 4 do not): shown
        assert (summer["responses"], summer["withheld"], summer["units_left_out"]) == (
            "6",
            "0",
            "1",
        )
        assert summer["mean"] != ""
    else:  # ICU's 12 spring responses are below 20: the unit is left out, the mean withheld
        assert (spring["responses"], spring["withheld"], spring["mean"]) == ("0", "1", "")
        assert spring["units_left_out"] == "1"
    dictionary = (tmp_path / "rc" / REDCAP_WAVE_FILE_NAMES[0]).read_text(encoding="utf-8")
    assert f"written <{threshold}" in dictionary
