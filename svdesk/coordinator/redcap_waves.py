"""The survey-wave figures as a second REDCap project (issue 14, item 5): a data dictionary and an
import file with one record per wave and subscale — the figures of `wave_report`, never a
response. A count below the threshold is written "<11" (`count_text`, as the other reports do),
a mean withheld by the small-cell rule is blank with `withheld` = 1, and the change from the
wave before is blank unless both waves show their means. Both files are CSV without a BOM;
labels are English and the values codes, the same in every language."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Final

from svdesk.coordinator.redcap import REDCAP_HEADERS, dictionary_row
from svdesk.coordinator.spreadsheet import Value, csv_bytes
from svdesk.coordinator.suppression import check_threshold, count_text
from svdesk.coordinator.wave_figures import READINGS, WaveChange, wave_changes
from svdesk.coordinator.wave_report import WaveReport, withheld
from svdesk.storage.paths import atomic_write

# The two files, after the encounter project's two in the same folder (`REDCAP_FILE_NAMES`).
REDCAP_WAVE_FILE_NAMES: Final = (
    "svdesk_redcap_waves_dictionary.csv",
    "svdesk_redcap_waves_import.csv",
)
# The files of a REDCap report, in the folder given: the encounter project's dictionary and
# import file, then the survey-wave project's two, written only when the period has a wave.
REDCAP_FILE_NAMES: Final = (
    "svdesk_redcap_data_dictionary.csv",
    "svdesk_redcap_import.csv",
    *REDCAP_WAVE_FILE_NAMES,
)
WAVE_FORM: Final = "survey_wave"
ALL_UNITS: Final = "all"
_DECIMALS: Final = 2  # as the CSV and XLSX reports round means and intervals


def waves_dictionary(threshold: int) -> bytes:
    """The wave project's data dictionary: numbers as text with number validation, `withheld`
    as yes/no and the change's reading as a dropdown of its codes."""
    check_threshold(threshold)
    small = f"a count from 1 to {threshold - 1} is written <{threshold}"
    week = "ISO week, YYYY-Www"
    rows: list[Sequence[Value]] = [REDCAP_HEADERS]

    def row(name: str, kind: str, text: str, **options: str) -> None:
        rows.append(dictionary_row(WAVE_FORM, name, kind, text, **options))

    def number(name: str, text: str, note: str = "") -> None:
        row(name, "text", text, validation="number", note=note)

    row("record_id", "text", "Record ID: the wave's id and the subscale's (wave_subscale)")
    row("survey_id", "text", "Survey")
    row("survey_version", "text", "Survey version")
    row("wave_label", "text", "Wave")
    row("start_week", "text", "First week of the wave", note=week)
    row("end_week", "text", "Last week of the wave", note=week)
    row("unit", "text", "Unit", note="all: every unit of the wave; else the unit's code")
    row("subscale_id", "text", "Subscale")
    row("responses", "text", "Responses counted for this subscale", note=small)
    number("mean", "Mean score", "blank when withheld or without responses")
    number("ci_low", "Mean score: 95 % interval, low end", "blank when the mean is blank")
    number("ci_high", "Mean score: 95 % interval, high end", "blank when the mean is blank")
    row("withheld", "yesno", "Mean withheld by the small-cell rule")
    row(
        "units_left_out", "text", f"Units left out of this wave for fewer than {threshold} "
        "responses", validation="integer", minimum="0",
    )  # fmt: skip
    number(
        "change_from_previous", "Change of the mean from the wave before (this wave minus it)",
        "blank for the first wave of the period, or when either wave's mean is withheld",
    )  # fmt: skip
    number(
        "change_ci_low", "Change: 95 % interval (Welch), low end", "blank when the change is blank"
    )
    number(
        "change_ci_high",
        "Change: 95 % interval (Welch), high end",
        "blank when the change is blank",
    )
    choices = " | ".join(f"{code}, {text}" for code, text in READINGS.items())
    row("change_reading", "dropdown", "Reading of the change", choices=choices,
        note="blank when the change is blank")  # fmt: skip
    return csv_bytes(rows, bom=False)


WAVE_COLUMNS: Final = (
    "record_id", "survey_id", "survey_version", "wave_label", "start_week", "end_week", "unit",
    "subscale_id", "responses", "mean", "ci_low", "ci_high", "withheld", "units_left_out",
    "change_from_previous", "change_ci_low", "change_ci_high", "change_reading",
)  # fmt: skip


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, _DECIMALS)


def waves_import(report: WaveReport) -> bytes:
    """One record per wave × subscale of the report's surveys (oldest wave first), then REDCap's
    own `survey_wave_complete` (2: complete)."""
    t = report.threshold
    unit = report.unit or ALL_UNITS
    rows: list[Sequence[Value]] = [(*WAVE_COLUMNS, f"{WAVE_FORM}_complete")]
    for series in report.series:
        for figure in series.waves:
            wave = figure.wave
            into: dict[str, WaveChange] = {
                c.subscale_id: c for c in wave_changes(series, wave.wave_id)
            }
            for sub in figure.subscales:
                change = into.get(sub.subscale_id)
                shown = sub.mean is not None and sub.low is not None and sub.high is not None
                moved = change is not None and change.difference is not None
                rows.append(
                    (
                        f"{wave.wave_id}_{sub.subscale_id}", wave.survey_id, wave.survey_version,
                        wave.label, wave.start_week, wave.end_week, unit, sub.subscale_id,
                        count_text(sub.n, t),
                        _rounded(sub.mean) if shown else None,
                        _rounded(sub.low) if shown else None,
                        _rounded(sub.high) if shown else None,
                        int(withheld(figure, sub)),
                        figure.units_withheld,
                        _rounded(change.difference) if change is not None and moved else None,
                        _rounded(change.low) if change is not None and moved else None,
                        _rounded(change.high) if change is not None and moved else None,
                        change.reading if change is not None and moved else None,
                        2,
                    )
                )  # fmt: skip
    return csv_bytes(rows, bom=False)


def redcap_wave_files(report: WaveReport) -> tuple[bytes, bytes] | None:
    """The wave project's dictionary and import file, or None when the report has no wave."""
    if not any(s.waves for s in report.series):
        return None
    return waves_dictionary(report.threshold), waves_import(report)


def write_wave_files(report: WaveReport, paths: Sequence[Path]) -> list[Path]:
    """Write the wave project to `paths` (dictionary, import file) and return them; with no wave
    in the report write nothing, and remove a wave project an earlier report left there (it
    would be read with encounters of another period; the checks before writing asked about
    replacing it, as `report_files` names it)."""
    files = redcap_wave_files(report)
    if files is None:
        for stale in paths:
            if stale.is_file():
                stale.unlink()
        return []
    for path, data in zip(paths, files, strict=True):
        atomic_write(path, data)
    return list(paths)
