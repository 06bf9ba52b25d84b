"""The PDF report's sections of the staff survey by wave and the recipient feedback (issue 14,
item 5), from `svdesk.coordinator.wave_report`, in the report's language: for each survey, a
row per subscale and wave (mean with its 95 % interval, responses in the label) and per change
between consecutive waves (difference with Welch's interval), the reading aids in the note; the
feedback's shares and choices with the caveat that low use can mean barriers, not low need.
The PDF draws the figures as a table, not as a chart: the trend chart is on the Effectiveness
tab, and a table carries the same numbers."""

from __future__ import annotations

from svdesk.content.catalogue import Catalogue
from svdesk.content.feedback_survey import POSITIVE_FROM
from svdesk.coordinator.feedback import FeedbackSummary
from svdesk.coordinator.report_texts import report_texts
from svdesk.coordinator.suppression import Cell, count_text
from svdesk.coordinator.wave_figures import WaveChange, WaveSeries
from svdesk.coordinator.wave_report import (
    WaveReport,
    change_reading,
    reading_aid,
    share_shown,
    survey_texts,
    wave_name,
    withheld,
)
from ui.coordinator.report_sections import ReportRow, ReportSection


def signed(value: float, texts: Catalogue) -> str:
    """A difference with its sign: "+0.50", "−0.25", "0.00"."""
    text = texts.number(abs(value), 2)
    if round(value, 2) == 0:
        return text
    return ("+" if value > 0 else "−") + text


def change_figure(change: WaveChange, texts: Catalogue) -> str | None:
    if change.difference is None or change.low is None or change.high is None:
        return None
    return texts.text(
        "wave.change_figure",
        difference=signed(change.difference, texts),
        low=signed(change.low, texts),
        high=signed(change.high, texts),
    )


def waves_section(series: WaveSeries, language: str) -> ReportSection:
    texts = report_texts(language)
    t = series.threshold
    title, subscales = survey_texts(series.survey_id, language)
    names = {f.wave.wave_id: f.wave.label for f in series.waves}
    rows: list[ReportRow] = []
    readings: list[str] = []
    for index, sub in enumerate(subscales.values()):
        # The subscale's name as a row of its own, its waves and changes under it.
        rows.append(ReportRow(sub.id, sub.label, Cell(0, False, t), None, figure=""))
        for figure in series.waves:
            fig = figure.subscales[index]
            shown = fig.mean is not None and fig.low is not None and fig.high is not None
            text = (
                texts.text(
                    "wave.figure",
                    mean=texts.number(fig.mean or 0.0, 2),
                    low=texts.number(fig.low or 0.0, 2),
                    high=texts.number(fig.high or 0.0, 2),
                )
                if shown
                else texts.text("figure.withheld" if withheld(figure, fig) else "figure.no_records")
            )
            label = texts.text(
                "wave.section_row", wave=wave_name(figure.wave, texts), n=count_text(fig.n, t)
            )
            code = f"{sub.id}.{figure.wave.start_week}"
            rows.append(ReportRow(code, label, Cell(fig.n, not shown, t), None, figure=text))
        readings.append(
            texts.text("survey.reading", label=sub.label, reading=reading_aid(sub, texts))
        )
        for change in (c for c in series.changes if c.subscale_id == sub.id):
            label = texts.text(
                "wave.section_change_row", earlier=names[change.earlier], later=names[change.later]
            )
            figure_text = change_figure(change, texts)
            rows.append(
                ReportRow(
                    f"{sub.id}.change.{change.later}", label, Cell(0, figure_text is None, t),
                    None, figure=figure_text or texts.text("figure.withheld"),
                )
            )  # fmt: skip
            readings.append(
                texts.text(
                    "survey.reading",
                    label=f"{sub.label}, {label}",
                    reading=change_reading(change, texts),
                )
            )
    responses = sum(f.responses for f in series.waves)
    return ReportSection(
        f"waves.{series.survey_id}",
        texts.text("section.waves", title=title),
        tuple(rows),
        Cell(responses, 0 < responses < t, t),
        texts.text("section.waves.total"),
        note=texts.text("section.waves.note", threshold=t, readings=" ".join(readings)),
        with_total=False,
        value_header=texts.text("value.mean"),
    )


def feedback_section(summary: FeedbackSummary, unit: str | None, language: str) -> ReportSection:
    texts = report_texts(language)
    t = summary.threshold
    withheld_text = texts.text("figure.withheld")
    rows = [
        ReportRow(
            "responses", texts.text("feedback.responses"),
            Cell(summary.responses, 0 < summary.responses < t, t), None,
            figure=count_text(summary.responses, t),
        )
    ]  # fmt: skip
    for share in summary.shares:
        shown = share_shown(share, t)
        figure = (
            texts.text("figure.percent", value=texts.number(share.percent or 0.0))
            if shown
            else (withheld_text if share.answered else texts.text("figure.no_records"))
        )
        label = texts.text(
            "feedback.section_share_row", label=share.label, positive=POSITIVE_FROM,
            n=count_text(share.answered, t),
        )  # fmt: skip
        rows.append(ReportRow(share.item, label, Cell(share.answered, not shown, t), None, figure))
    for code, cell in summary.would_have_helped.cells.items():
        figure = (
            (withheld_text if cell.suppressed else str(cell.count))
            if summary.shown
            else (withheld_text if summary.responses else "0")
        )
        label = texts.text("feedback.choice_row", label=code)
        rows.append(ReportRow(code, label, cell, None, figure=figure))
    if unit is None:
        for code, cell in summary.by_unit.cells.items():
            figure = withheld_text if cell.suppressed else str(cell.count)
            label = texts.text("feedback.unit_row", unit=code or "?")
            rows.append(ReportRow(f"unit.{code}", label, cell, None, figure=figure))
    return ReportSection(
        "feedback",
        texts.text("section.feedback", title=summary.title),
        tuple(rows),
        Cell(summary.responses, 0 < summary.responses < t, t),
        texts.text("section.feedback.total"),
        note=texts.text("section.feedback.note", threshold=t),
        with_total=False,
        value_header=texts.text("value.figure"),
    )


def wave_sections(report: WaveReport, language: str) -> list[ReportSection]:
    """The PDF's sections of `report`: each survey's waves, then the feedback."""
    sections = [waves_section(s, language) for s in report.series]
    sections.append(feedback_section(report.feedback, report.unit, language))
    return sections
