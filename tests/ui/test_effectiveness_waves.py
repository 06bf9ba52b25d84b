"""Issue 14, item 5: the Effectiveness tab's survey waves by keyboard. A wave with enough responses
shows its mean and interval, a small wave is withheld (a gap in the chart, never a 0), the change
between shown waves has its reading, the tab's unit filter and threshold hold, the recipient
feedback is summarised with its suppression, and the PDF carries the same rows."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fakes import close_session
from test_coordinator_support import coordinator_store, idle
from test_report_pdf import figures, pdf_pages

from svdesk.access.session import Session
from svdesk.coordinator import reports, waves
from svdesk.coordinator.wave_report import wave_report
from svdesk.progress import run_to_end
from ui.coordinator.effectiveness_waves import Point, chart_segments
from ui.coordinator.page import CoordinatorPage
from ui.coordinator.report_pdf import write_pdf_report
from ui.qt import QtCore, QtWidgets

SURVEY = "program_pulse"


@pytest.fixture
def coord(tmp_path: Path) -> Iterator[Session]:
    session = coordinator_store(tmp_path)
    yield session
    close_session(session)


def respond(coord: Session, unit: str, week: str, know: int, n: int) -> None:
    """`n` kiosk responses of `unit` in `week` as an import stores them; know_how about `know`."""
    for i in range(n):
        value = max(1, min(5, know + (i % 3) - 1))
        answers = {"know_reach": value, "know_what_happens": value, "know_out_of_hours": value}
        coord.db.execute(
            "INSERT INTO coord_survey_responses (response_id, workstation_id, site_code, "
            "unit_code, survey_id, survey_version, week, answers) VALUES (?, ?, 'S01', ?, ?, "
            "'1.0.0', ?, ?)",
            [secrets.token_hex(16), "ws-" + unit, unit, SURVEY, week, json.dumps(answers)],
        )
    coord.db.conn.commit()


def feedback(coord: Session, n: int, helpful: int, choice: int = 1) -> None:
    answers = {"helpful": helpful, "recommend": 5, "would_have_helped": choice}
    for _ in range(n):
        coord.db.execute(
            "INSERT INTO coord_feedback_responses (response_id, workstation_id, site_code, "
            "unit_code, survey_id, survey_version, month, answers) "
            "VALUES (?, 'ws-ICU', 'S01', 'ICU', 'recipient_feedback', '1.0.0', '2026-11', ?)",
            [secrets.token_hex(16), json.dumps(answers)],
        )
    coord.db.conn.commit()


def three_waves(coord: Session) -> None:
    """Spring (12 of ICU: shown), Summer (6 of ICU + 4 of ED1: withheld), Autumn (15 of ICU)."""
    for start, end, label in (
        ("2026-W10", "2026-W13", "Spring"),
        ("2026-W25", "2026-W28", "Summer"),
        ("2026-W40", "2026-W43", "Autumn"),
    ):
        waves.define_wave(coord, survey_id=SURVEY, start_week=start, end_week=end, label=label)
    respond(coord, "ICU", "2026-W11", 2, 12)
    respond(coord, "ICU", "2026-W26", 4, 6)
    respond(coord, "ED1", "2026-W27", 4, 4)
    respond(coord, "ICU", "2026-W41", 4, 15)
    feedback(coord, 11, helpful=5)
    feedback(coord, 3, helpful=2, choice=2)


def open_tab(qtbot: Any, coord: Session) -> CoordinatorPage:
    page = CoordinatorPage(coord)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    idle(qtbot)
    qtbot.keyClick(page, QtCore.Qt.Key.Key_V, QtCore.Qt.KeyboardModifier.AltModifier)
    assert page.tabs.currentWidget() is page.outcomes_tab
    qtbot.waitUntil(lambda: page.outcomes_tab.waves.table.rowCount() == 3, timeout=10_000)
    idle(qtbot)
    return page


def texts(table: QtWidgets.QTableWidget, row: int) -> list[str]:
    return [table.item(row, c).text() for c in range(table.columnCount())]


def test_a_wave_with_enough_responses_shows_and_a_small_one_is_withheld(
    qtbot: Any, coord: Session
) -> None:
    three_waves(coord)
    page = open_tab(qtbot, coord)
    section = page.outcomes_tab.waves
    assert section.choice.currentText() == "Peer support program pulse — Knowing how to get support"
    assert section.reading.text().startswith("Higher is better. A change of 0.5 points or more")
    spring, summer, autumn = (texts(section.table, r) for r in range(3))
    assert spring[:5] == ["Spring", "2026-W10 to 2026-W13", "12", "2.00", spring[4]]
    assert spring[4].count(" to ") == 1
    assert spring[5] == "first wave shown"
    assert summer[0] == "Summer"
    assert summer[3] == "withheld (fewer than 11 responses)"
    assert summer[4] == ""
    assert summer[5] == "not shown"
    assert "withheld" in summer[7]
    assert autumn[3] == "4.00"
    assert autumn[5] == "not shown"  # no change out of the withheld wave
    assert "Summer: 2 unit(s) left out" in section.left_out.text()

    # The chart: the withheld wave is a gap (two separate lines), no point drawn at 0.
    assert section.chart.mean_lines() == [[(0, 2.0)], [(2, 4.0)]]
    drawn = [y for run in section.chart.mean_lines() for _x, y in run]
    assert drawn
    assert min(drawn) > 0
    view = section.chart.view
    # It is drawn: the first wave's point is painted, the corner is background.
    image = view.grab().toImage()
    dot = image.pixelColor(int(view.x_of(0)), int(view.y_of(2.0)))
    assert dot != image.pixelColor(1, 1)
    assert view.accessibleName() == "Survey waves: trend chart of Knowing how to get support"
    assert "Spring: 2.00 (95 % CI" in view.accessibleDescription()
    assert "Summer: withheld" in view.accessibleDescription()

    # The recipient feedback: 3 of 14 not helpful is a small cell, so the share is withheld.
    assert "14 responses" in section.feedback_title.text()
    rows = {texts(section.feedback_table, r)[0]: texts(section.feedback_table, r)[1:]
            for r in range(section.feedback_table.rowCount())}  # fmt: skip
    helpful = rows["The conversation helped: answered 4 or 5 of 5"]
    assert helpful[0] == "withheld (a count below 11)"  # 3 of 14 not helpful
    recommend = rows["Would recommend peer support: answered 4 or 5 of 5"]
    assert recommend[0] == "100 % (14 of 14)"
    assert rows["Responses from unit ICU"][0] == "14"
    assert (
        "barriers to access, not low need"
        in section.findChild(QtWidgets.QLabel, "wavesCaveat").text()
    )


def test_the_change_between_shown_waves_and_the_unit_filter(qtbot: Any, coord: Session) -> None:
    waves.define_wave(coord, survey_id=SURVEY, start_week="2026-W10", end_week="2026-W13",
                      label="Before")  # fmt: skip
    waves.define_wave(coord, survey_id=SURVEY, start_week="2026-W20", end_week="2026-W23",
                      label="After")  # fmt: skip
    respond(coord, "ICU", "2026-W11", 2, 12)
    respond(coord, "ICU", "2026-W21", 4, 15)
    respond(coord, "ED1", "2026-W21", 4, 5)
    page = CoordinatorPage(coord)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    idle(qtbot)
    qtbot.keyClick(page, QtCore.Qt.Key.Key_V, QtCore.Qt.KeyboardModifier.AltModifier)
    section = page.outcomes_tab.waves
    qtbot.waitUntil(lambda: section.table.rowCount() == 2, timeout=10_000)
    idle(qtbot)
    after = texts(section.table, 1)
    assert after[5] == "+2.00"
    assert after[7] == "Better, by at least the survey's meaningful change."
    assert len(section.chart.mean_lines()) == 1  # no gap: one line through both waves

    # The dashboard's unit: ED1's 5 responses are below the threshold, nothing is shown for it.
    page.dashboard.set_filters(unit="ED1")
    page.dashboard.refresh()
    qtbot.waitUntil(
        lambda: section.report is not None and section.report.unit == "ED1", timeout=10_000
    )
    idle(qtbot)
    assert section.table.rowCount() == 2
    assert texts(section.table, 1)[3] == "withheld (fewer than 11 responses)"
    assert section.chart.mean_lines() == []
    # With the threshold at 5 (the Reports tab's setting), ED1's wave shows.
    page.outcomes_tab.threshold = 5
    page.outcomes_tab.refresh()
    qtbot.waitUntil(lambda: section.report is not None and section.report.threshold == 5,
                    timeout=10_000)  # fmt: skip
    idle(qtbot)
    assert texts(section.table, 1)[3] == "3.80"  # 3, 4, 5, 3, 4


def test_keyboard_focus_reaches_the_subscale_choice_the_table_and_the_chart(
    qtbot: Any, coord: Session
) -> None:
    three_waves(coord)
    page = open_tab(qtbot, coord)
    section = page.outcomes_tab.waves
    page.outcomes_tab.trend_table.setFocus()
    reached: list[QtWidgets.QWidget] = []
    for _ in range(30):
        qtbot.keyClick(QtWidgets.QApplication.focusWidget(), QtCore.Qt.Key.Key_Tab)
        widget = QtWidgets.QApplication.focusWidget()
        reached.append(widget)
        if widget is section.chart.view:
            break
    assert section.choice in reached
    assert section.table in reached
    assert section.chart.view in reached
    # The subscale is chosen by keyboard: the table follows.
    section.choice.setFocus()
    qtbot.keyClick(section.choice, QtCore.Qt.Key.Key_Down)
    assert section.choice.currentText().endswith(
        "— Trust that support is confidential and non-punitive"
    )
    assert section.table.rowCount() == 3
    assert section.table.item(0, 3).text() == "no responses"  # no trust item was answered
    assert section.table.item(1, 3).text() == "withheld (fewer than 11 responses)"


def test_chart_segments_leave_a_gap_at_each_withheld_wave() -> None:
    points = [
        Point(0, "A", 2.0, 1.5, 2.5),
        Point(1, "B", None, None, None),
        Point(2, "C", 3.0, 2.5, 3.5),
        Point(3, "D", 3.5, 3.0, 4.0),
        Point(4, "E", None, None, None),
    ]
    assert [[p.label for p in run] for run in chart_segments(points)] == [["A"], ["C", "D"]]
    assert chart_segments([Point(0, "A", None, None, None)]) == []


def test_the_pdf_carries_the_wave_rows_and_the_feedback_withheld_below_the_threshold(
    qapp: Any, coord: Session, tmp_path: Path
) -> None:
    three_waves(coord)
    out = write_pdf_report(
        figures(), tmp_path / "report.pdf", threshold=11, waves=wave_report(coord, threshold=11)
    )
    text = " ".join(" ".join(pdf_pages(out)).split())
    assert "Staff survey by wave: Peer support program pulse" in text
    assert (
        "Knowing how to get support Spring (2026-W10 to 2026-W13) (12 responses) 2.00 (95 % CI"
        in text
    )
    assert "Summer (2026-W25 to 2026-W28) (0 responses) withheld" in text
    assert "Change from Spring to Summer withheld" in text
    assert "Knowing how to get support: Higher is better." in text
    assert "Recipient feedback" in text
    assert "barriers to access, not low need" in text
    spanish = write_pdf_report(
        figures(), tmp_path / "informe.pdf", threshold=11, language="es",
        waves=wave_report(coord, threshold=11, language="es"),
    )  # fmt: skip
    texto = " ".join(" ".join(pdf_pages(spanish)).split())
    assert "Encuesta al personal por oleada" in texto
    assert "2,00 (IC del 95 %" in texto
    assert "barreras de acceso" in texto


def test_the_reports_tab_writer_draws_the_waves_into_the_pdf(
    qapp: Any, coord: Session, tmp_path: Path
) -> None:
    """`write_report` hands the waves to the PDF writer the Reports tab and `svdesk report`
    pass (only when there are waves or feedback: an older writer keeps working)."""
    three_waves(coord)
    out = tmp_path / "report.pdf"
    run_to_end(reports.write_report(coord, "pdf", out, threshold=11, pdf_writer=write_pdf_report))
    text = " ".join(" ".join(pdf_pages(out)).split())
    assert "Staff survey by wave: Peer support program pulse" in text
    assert "Summer (2026-W25 to 2026-W28) (0 responses) withheld" in text


def test_the_tab_speaks_spanish(qtbot: Any, qapp: Any, coord: Session) -> None:
    from ui.runtime import language

    three_waves(coord)
    try:
        assert language.use_language("es", qapp) == "es"
        page = open_tab(qtbot, coord)
        section = page.outcomes_tab.waves
        header = section.table.horizontalHeaderItem(0).text()
        assert header == "Oleada"
        assert section.reading.text().startswith("Cuanto más alto, mejor.")
        assert section.table.item(1, 3).text() == "no se muestra (menos de 11 respuestas)"
        assert "barreras de acceso" in section.findChild(QtWidgets.QLabel, "wavesCaveat").text()
    finally:
        language.use_language("en", qapp)
