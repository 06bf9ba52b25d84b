"""The PDF report's on-call coverage section (issue 15, item 4), as the CSV and XLSX have it:
hours in the last month with nobody on call, by unit, with their share of the hours recorded;
a unit with under a week recorded withheld; in English and in Spanish (decimal comma). Read
back from the PDF drawn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_report_pdf import figures, pdf_pages

from svdesk.coordinator.coverage import CoverageFigures, UnitCoverage
from ui.coordinator.report_coverage import coverage_section
from ui.coordinator.report_pdf import pdf_sections, write_pdf_report

MONTH = ("2026-W45", "2026-W46", "2026-W47", "2026-W48")
COVERAGE = CoverageFigures(
    weeks=MONTH,
    units=(
        UnitCoverage("S1", "ED1", 4, 4 * 168, 4 * 108 + 12),  # 444 of 672
        UnitCoverage("S1", "ICU1", 4, 4 * 168, 0),
        UnitCoverage("S2", "NEW1", 1, 48, 20),  # two days recorded: withheld
    ),
)

EXPECTED = {
    "en": [
        "Hours with nobody on call, 2026-W45 to 2026-W48",
        "S1 / ED1 (of 672 hours recorded)",
        "444 hours (66.1 %)",
        "S1 / ICU1 (of 672 hours recorded)",
        "0 hours (0.0 %)",
        "S2 / NEW1 (of 48 hours recorded)",
        "withheld: under a week recorded",
        "All units shown (of 1344 hours recorded)",
        "444 hours (33.0 %)",
        "never which hours",
    ],
    "es": [
        "Horas sin nadie de guardia, de 2026-W45 a 2026-W48",
        "S1 / ED1 (de 672 horas registradas)",
        "444 horas (66,1 %)",
        "0 horas (0,0 %)",
        "S2 / NEW1 (de 48 horas registradas)",
        "omitida: menos de una semana registrada",
        "Todas las unidades mostradas (de 1344 horas registradas)",
        "444 horas (33,0 %)",
        "nunca qué horas",
    ],
}


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_pdf_has_the_months_hours_with_nobody_on_call_by_unit(
    qapp: Any, tmp_path: Path, language: str
) -> None:
    out = write_pdf_report(
        figures(), tmp_path / f"report-{language}.pdf", coverage=COVERAGE, language=language
    )
    text = _flat("\n".join(pdf_pages(out)))
    missing = [line for line in EXPECTED[language] if line not in text]
    assert missing == []
    # The withheld unit's hours without nobody on call are not in it.
    assert "20 hours" not in text
    assert "20 horas" not in text
    if language == "es":
        assert "Hours with nobody" not in text


def test_the_section_is_the_pdfs_last_and_only_with_coverage(qapp: Any) -> None:
    with_it = pdf_sections(figures(), 11, None, [], "en", coverage=COVERAGE)
    without = pdf_sections(figures(), 11, None, [], "en")
    assert [s.key for s in with_it] == [*(s.key for s in without), "coverage"]
    section = with_it[-1]
    assert [r.code for r in section.rows] == ["ED1", "ICU1", "NEW1", "all"]
    assert section.rows[2].cell.suppressed  # withheld: no bar, no count


def test_no_unit_reporting_says_so(qapp: Any, tmp_path: Path) -> None:
    empty = CoverageFigures(weeks=MONTH, units=())
    section = coverage_section(empty, "es")
    assert section.rows == ()
    assert section.note.startswith("Ninguna unidad ha comunicado su cobertura de guardia")
    out = write_pdf_report(figures(), tmp_path / "empty.pdf", coverage=empty)
    assert "No unit has reported its on-call coverage" in _flat("\n".join(pdf_pages(out)))
