"""The PDF report's on-call coverage section (issue 15, item 4): hours in the last month with
nobody on call, by unit, as the CSV and XLSX reports' `coverage` table has them
(`svdesk.coordinator.coverage`). A unit with under a week of hours recorded is withheld; only
the month's totals are shown, never which hours. Texts: `section.coverage*` and `coverage.*` in
resources/reports/texts*.toml.
"""

from __future__ import annotations

from svdesk.content.catalogue import Catalogue
from svdesk.coordinator.coverage import CoverageFigures, UnitCoverage
from svdesk.coordinator.report_texts import report_texts
from svdesk.coordinator.suppression import Cell
from ui.coordinator.report_sections import ReportRow, ReportSection
from ui.runtime.language import content_language


def _hours(n: int, texts: Catalogue) -> str:
    return texts.plural("coverage.hours", n, n=n)


def _figure(gap_hours: int, hours: int, texts: Catalogue) -> str:
    share = texts.text("figure.percent", value=texts.number(100 * gap_hours / hours, 1))
    return f"{_hours(gap_hours, texts)} ({share})"  # signs only: the same in every language


def _row(unit: UnitCoverage, texts: Catalogue) -> ReportRow:
    label = texts.text("coverage.row", unit=unit.label, hours=unit.hours)
    if not unit.shown:
        return ReportRow(
            unit.unit_code, label, Cell(0, True, 1), None, texts.text("coverage.withheld")
        )
    figure = _figure(unit.gap_hours, unit.hours, texts)
    return ReportRow(unit.unit_code, label, Cell(unit.gap_hours, False, 1), None, figure)


def coverage_section(coverage: CoverageFigures, language: str | None = None) -> ReportSection:
    """One row per unit that reported any of the month's weeks (its gap hours and their share
    of the hours it recorded), then all units shown together; a note when none reported."""
    texts = report_texts(language or content_language())
    rows = [_row(u, texts) for u in coverage.units]
    if coverage.hours:
        rows.append(
            ReportRow(
                "all",
                texts.text("coverage.row", unit=texts.text("coverage.all"), hours=coverage.hours),
                Cell(coverage.gap_hours, False, 1),
                None,
                _figure(coverage.gap_hours, coverage.hours, texts),
            )
        )
    note = texts.text("section.coverage.note")
    if not coverage.units:
        note = texts.text("section.coverage.none") + " " + note
    return ReportSection(
        "coverage",
        texts.text("section.coverage", first=coverage.weeks[0], last=coverage.weeks[-1]),
        tuple(rows),
        Cell(coverage.gap_hours, False, 1),
        texts.text("row.total"),
        note=note,
        with_total=False,
        value_header=texts.text("value.figure"),
    )
