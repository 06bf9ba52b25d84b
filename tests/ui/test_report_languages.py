"""The PDF report and the dashboard's report sections in each language (issue 16, item 4).

Every section the PDF draws (`report_pdf.pdf_sections`) takes its title, note, total and fixed
row labels from the report texts (resources/reports/texts*.toml) in the report's language. A
section whose texts are missing there, in any language, fails
`test_every_section_is_in_the_catalogue_of_every_language`: add `section.<key>` (and `.note`,
`.total`, `.row.<code>`) to texts.toml and to each translation.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from test_coordinator_reports import coord, tab_for, write
from test_report_pdf import figures, pdf_pages

from svdesk.coordinator.outcomes import Outcome, OutcomeFigures
from svdesk.coordinator.report_texts import report_languages, report_texts
from svdesk.coordinator.survey_figures import SubscaleFigure, SurveyFigures
from ui.coordinator.report_pdf import pdf_sections, write_pdf_report
from ui.coordinator.report_sections import ReportSection

__all__ = ["coord"]  # the Reports tab's store fixture, used below

TRANSLATIONS = report_languages()[1:]
# Texts that read the same in Spanish as in English.
SAME = {"Total", "No", "PDF"}


def outcomes() -> OutcomeFigures:
    return OutcomeFigures(
        period_from="2026-W01", period_to="2026-W26", unit=None, threshold=11, cases_followed=40,
        zone_change={"improved": 29, "unchanged": 11, "worse": 0},
        outcomes=(
            Outcome("improved", "Cases whose zone improved", 29, 40, 29 / 40, "Higher."),
            Outcome("weeks_to_green", "Weeks to green (median)", None, 22, 1.5, "Lower."),
            Outcome("closed_in_time", "Escalations closed in time", None, 4, None, "Higher."),
        ),
    )  # fmt: skip


def survey() -> SurveyFigures:
    reach = SubscaleFigure("reach", "Knowing how to reach support", 40, 3.9, 3.6, 4.2, "Higher.")
    return SurveyFigures(
        survey_id="program_pulse", title="Program pulse", validated=False, threshold=11,
        responses=40, subscales=(reach,), by_month={"2026-11": (reach,)}, not_scored=0,
    )  # fmt: skip


def sections(language: str) -> list[ReportSection]:
    return pdf_sections(figures(), 11, outcomes(), [survey()], language)


def _title_id(section: ReportSection) -> str:
    return "section.survey" if section.key.startswith("survey.") else f"section.{section.key}"


@pytest.mark.parametrize("language", report_languages())
def test_every_section_is_in_the_catalogue_of_every_language(language: str) -> None:
    texts = report_texts(language)
    missing = [_title_id(s) for s in sections(language) if _title_id(s) not in texts.texts]
    assert missing == [], f"add these ids to resources/reports/texts*.toml ({language})"


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_no_section_text_is_left_in_english(language: str) -> None:
    english, translated = sections("en"), sections(language)
    assert [s.key for s in english] == [s.key for s in translated]
    left: list[str] = []
    for en, tr in zip(english, translated, strict=True):
        pairs = [(en.title, tr.title), (en.note, tr.note), (en.value_header, tr.value_header)]
        if en.with_total:
            pairs.append((en.total_label, tr.total_label))
        for row_en, row_tr in zip(en.rows, tr.rows, strict=True):
            assert row_en.code == row_tr.code  # codes in every language
            if row_en.label != row_en.code:  # a month or a code shows as itself
                pairs.append((row_en.label, row_tr.label))
        left += [f"{en.key}: {a!r}" for a, b in pairs if a and a == b and a not in SAME]
    assert left == []


def test_a_spanish_pdf_writes_numbers_with_a_decimal_comma(qapp: Any, tmp_path: Path) -> None:
    out = write_pdf_report(
        figures(), tmp_path / "informe.pdf", outcomes=outcomes(), surveys=[survey()],
        language="es",
    )  # fmt: skip
    pages = pdf_pages(out)
    text = " ".join("\n".join(pages).split())
    assert "Informe del programa de apoyo entre pares" in text
    assert "Periodo: 2026-W01 a 2026-W26 · Unidad: todas las unidades" in text
    assert "1,5 semanas" in text
    assert "3,90 (IC del 95 % 3,60–4,20)" in text
    assert "suprimido" in text
    assert "suppressed" not in text
    assert "53 %" in text  # 30 of 57 conversations in February
    for number, page in enumerate(pages, start=1):
        assert f"Página {number} de {len(pages)}" in page
    english = report_texts("en")
    for text_id in ("pdf.category", "pdf.hidden", "section.per_month", "value.count"):
        assert not re.search(rf"\b{re.escape(english.text(text_id))}\b", text), text_id


def test_the_dashboard_sections_follow_the_interface_language(qapp: Any) -> None:
    from ui.coordinator.report_sections import report_sections
    from ui.runtime import language

    try:
        assert language.use_language("es", qapp) == "es"
        shown = {s.key: s for s in report_sections(figures())}
        assert shown["per_month"].title == "Conversaciones por mes"
        role = {r.code: r.label for r in shown["role"].rows}
        assert role["nurse"] != "Nurse"
        assert role["nurse"]
    finally:
        language.use_language("en", qapp)
    assert report_sections(figures())[1].title == "Conversations per month"


def test_the_reports_tab_writes_in_the_chosen_language_by_keyboard(
    qtbot: Any, tmp_path: Path, coord: Any, qapp: Any
) -> None:
    """Default: the coordinator's interface language; Alt+G chooses another one."""
    from ui.qt import QtCore, QtWidgets
    from ui.runtime import language

    tab = tab_for(qtbot, coord)
    assert tab.language.currentData() == "en"  # the interface is in English
    tab.format.setFocus()
    qtbot.keyClick(tab.format, QtCore.Qt.Key.Key_G, QtCore.Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QtWidgets.QApplication.focusWidget() is tab.language, timeout=5_000)
    qtbot.keyClicks(tab.language, "Esp")
    assert tab.language.currentData() == "es"
    (pdf,) = write(qtbot, tab, "pdf", tmp_path / "informe.pdf")
    text = " ".join("\n".join(pdf_pages(pdf)).split())
    assert "Informe del programa de apoyo entre pares" in text
    assert "Peer support program report" not in text
    (csv,) = write(qtbot, tab, "csv", tmp_path / "informe.csv")
    assert csv.read_text(encoding="utf-8-sig").startswith("Tabla,Categoría,Código")
    try:
        language.use_language("es", qapp)
        assert tab_for(qtbot, coord).language.currentData() == "es"  # follows the interface
    finally:
        language.use_language("en", qapp)
