"""Survey figures by wave and the recipient-feedback summary for the Effectiveness tab and the
reports (issue 14, item 5): which waves a period shows, how to read a subscale, and the CSV/XLSX
tables, with the small-cell rules of `wave_figures`, `feedback` and `suppression`.

A wave belongs to a period when its weeks meet the period's; a change is shown between two
consecutive waves of the period only. Below the threshold a mean, a change, a share or a count
is withheld, never shown as 0: a wave with fewer counted responses has no mean ("suppressed" in
the files), and a change into or out of it none either.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

from svdesk.access.session import Session
from svdesk.content.catalogue import Catalogue
from svdesk.content.feedback_survey import CHOICE_ITEM, POSITIVE_FROM, feedback_survey
from svdesk.content.languages import DEFAULT_LANGUAGE
from svdesk.content.surveys import Subscale, bundled_surveys
from svdesk.coordinator.feedback import FeedbackSummary, ShareFigure, feedback_summary
from svdesk.coordinator.report_table import ReportTable
from svdesk.coordinator.report_texts import cell_text, report_texts
from svdesk.coordinator.spreadsheet import Value
from svdesk.coordinator.suppression import DEFAULT_THRESHOLD, Cell, check_threshold, count_text
from svdesk.coordinator.survey_figures import SubscaleFigure
from svdesk.coordinator.wave_figures import WaveChange, WaveFigures, WaveSeries, wave_figures
from svdesk.coordinator.waves import list_waves
from svdesk.exchange.wave_file import Wave
from svdesk.exchange.weeks import parse_week


@dataclass(frozen=True)
class WaveReport:
    """Every survey's waves of a period and unit, and the feedback of the same months."""

    period_from: str | None
    period_to: str | None
    unit: str | None
    threshold: int
    series: tuple[WaveSeries, ...]  # one per survey with waves in the period, by survey id
    feedback: FeedbackSummary

    @property
    def has_content(self) -> bool:
        """Whether there is anything to report: a wave, or feedback (counted or not)."""
        return bool(self.series) or bool(self.feedback.responses or self.feedback.not_scored)


def in_period(wave: Wave, period_from: str | None, period_to: str | None) -> bool:
    """Whether the wave's weeks meet ISO weeks `period_from`..`period_to` (None: no limit)."""
    return (period_from is None or wave.end_week >= period_from) and (
        period_to is None or wave.start_week <= period_to
    )


def _in_period(series: WaveSeries, period_from: str | None, period_to: str | None) -> WaveSeries:
    kept = tuple(f for f in series.waves if in_period(f.wave, period_from, period_to))
    ids = [f.wave.wave_id for f in kept]
    pairs = set(itertools.pairwise(ids))
    return replace(
        series,
        waves=kept,
        changes=tuple(c for c in series.changes if (c.earlier, c.later) in pairs),
    )


def wave_report(
    session: Session,
    *,
    period_from: str | None = None,
    period_to: str | None = None,
    unit: str | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    language: str = DEFAULT_LANGUAGE,
) -> WaveReport:
    """The waves of every survey this coordinator has that meet the period (for `unit`, or all
    units), and the feedback summary of the period's months, with `threshold`."""
    check_threshold(threshold)
    for week in (period_from, period_to):
        if week is not None:
            parse_week(week)
    have = bundled_surveys()
    surveys = sorted({w.survey_id for w in list_waves(session)} & set(have))
    series = [
        _in_period(wave_figures(session, s, unit=unit, threshold=threshold), period_from, period_to)
        for s in surveys
    ]
    return WaveReport(
        period_from=period_from,
        period_to=period_to,
        unit=unit,
        threshold=threshold,
        series=tuple(s for s in series if s.waves),
        feedback=feedback_summary(
            session, period_from=period_from, period_to=period_to, unit=unit,
            threshold=threshold, language=language,
        ),
    )  # fmt: skip


# ---------------------------------------------------------------- reading aids


def survey_texts(survey_id: str, language: str) -> tuple[str, dict[str, Subscale]]:
    """The survey's title and subscales (by id) in `language`, English when it has none."""
    survey = bundled_surveys(language).get(survey_id) or bundled_surveys()[survey_id]
    return survey.title, {s.id: s for s in survey.subscales}


def reading_aid(subscale: Subscale, texts: Catalogue) -> str:
    """ "Higher is better", what counts as a meaningful change, and the survey's own sentence,
    in the texts' language."""
    direction = texts.text(
        "wave.higher_better" if subscale.better == "higher" else "wave.lower_better"
    )
    change = texts.text("wave.meaningful", points=texts.short_number(subscale.meaningful_change))
    return " ".join(p for p in (direction, change, subscale.reading.strip()) if p)


def change_reading(change: WaveChange, texts: Catalogue) -> str:
    """The change's reading ("Better, by at least …"), or why there is none."""
    if change.reading is None:
        return texts.text("wave.change_withheld")
    return texts.text(f"wave.reading.{change.reading}")


def withheld(figure: WaveFigures, sub: SubscaleFigure) -> bool:
    """A mean not shown although responses came in (of this wave, or of units left out)."""
    return sub.mean is None and bool(sub.n or figure.units_withheld)


def interval_text(low: float | None, high: float | None, texts: Catalogue) -> str | None:
    if low is None or high is None:
        return None
    return texts.text("wave.interval", low=texts.number(low, 2), high=texts.number(high, 2))


def wave_name(wave: Wave, texts: Catalogue) -> str:
    return texts.text("wave.name", wave=wave.label, start=wave.start_week, end=wave.end_week)


# ---------------------------------------------------------------- CSV / XLSX tables


def _shown(cell: Cell, texts: Catalogue) -> Value:
    return cell_text(cell, texts) if cell.suppressed else cell.count


def _columns(texts: Catalogue, *names: str) -> tuple[str, ...]:
    return tuple(texts.text(f"column.{c}") for c in names)


def waves_table(series: WaveSeries, *, language: str = DEFAULT_LANGUAGE) -> ReportTable:
    """One survey's waves: for each subscale, a row per wave (mean, responses, interval), a row
    per change between consecutive waves (difference, reading, Welch interval) and its reading
    aid; a withheld figure is "suppressed", a count below the threshold "<11"."""
    texts = report_texts(language)
    t = series.threshold
    title, subscales = survey_texts(series.survey_id, language)
    rows: list[tuple[Value, ...]] = []
    for index, sub in enumerate(subscales.values()):
        for figure in series.waves:
            fig = figure.subscales[index]
            mean: Value = (
                round(fig.mean, 2)
                if fig.mean is not None
                else (texts.text("cell.suppressed") if withheld(figure, fig) else None)
            )
            label = texts.text("wave.row", label=sub.label, wave=wave_name(figure.wave, texts))
            interval = (
                None if fig.low is None or fig.high is None else f"{fig.low:.2f}–{fig.high:.2f}"
            )
            rows.append(
                (
                    label,
                    f"{sub.id}.{figure.wave.start_week}",
                    mean,
                    None,
                    count_text(fig.n, t),
                    interval,
                )
            )
        names = {f.wave.wave_id: f.wave.label for f in series.waves}
        starts = {f.wave.wave_id: f.wave.start_week for f in series.waves}
        for change in (c for c in series.changes if c.subscale_id == sub.id):
            label = texts.text(
                "wave.change_row", label=sub.label, earlier=names[change.earlier],
                later=names[change.later],
            )  # fmt: skip
            difference: Value = (
                texts.text("cell.suppressed")
                if change.difference is None
                else round(change.difference, 2)
            )
            interval = (
                None
                if change.low is None or change.high is None
                else f"{change.low:.2f}–{change.high:.2f}"
            )
            code = f"{sub.id}.change.{starts[change.later]}"
            rows.append((label, code, difference, None, change_reading(change, texts), interval))
        rows.append(
            (texts.text("wave.reading_row", label=sub.label), f"{sub.id}.reading",
             reading_aid(sub, texts), None, None, None)
        )  # fmt: skip
    for figure in series.waves:
        if figure.units_withheld:
            name = wave_name(figure.wave, texts)
            code = f"units_withheld.{figure.wave.start_week}"
            rows.append(
                (texts.text("wave.units_withheld", wave=name, threshold=t), code,
                 figure.units_withheld, None, None, None)
            )  # fmt: skip
    return ReportTable(
        texts.text("table.waves", title=title),
        _columns(texts, "subscale", "code", "mean", "percent", "responses", "interval"),
        tuple(rows),
        f"waves.{series.survey_id}",
    )


def share_shown(share: ShareFigure, threshold: int) -> bool:
    """A share is shown only when at least `threshold` answered its question and neither its
    positive part nor the rest is a small cell."""
    return share.answered >= threshold and share.percent is not None


def feedback_table(
    summary: FeedbackSummary, unit: str | None, *, language: str = DEFAULT_LANGUAGE
) -> ReportTable:
    """The recipient feedback: responses, each share answering 4 or 5 of 5, what would have
    helped by choice, responses by unit (all units only), and the caveat on low use."""
    texts = report_texts(language)
    t = summary.threshold
    rows: list[tuple[Value, ...]] = [
        (
            texts.text("feedback.responses"),
            "responses",
            count_text(summary.responses, t),
            None,
            None,
            None,
        )
    ]
    for share in summary.shares:
        shown = share_shown(share, t)
        value: Value = (
            share.positive.count
            if shown
            else (texts.text("cell.suppressed") if share.answered else None)
        )
        percent = round(share.percent, 1) if shown and share.percent is not None else None
        rows.append(
            (texts.text("feedback.share_row", label=share.label, positive=POSITIVE_FROM),
             share.item, value, percent, count_text(share.answered, t), None)
        )  # fmt: skip
    scale = feedback_survey(language).scale(feedback_survey(language).item(CHOICE_ITEM).scale)
    choices = summary.would_have_helped
    for point in scale.points:
        cell = choices.cells.get(point.label)
        if cell is None:
            continue
        percent = choices.percent(point.label) if summary.shown else None
        value = (
            _shown(cell, texts)
            if summary.shown
            else (texts.text("cell.suppressed") if summary.responses else None)
        )
        rows.append(
            (texts.text("feedback.choice_row", label=point.label), f"{CHOICE_ITEM}.{point.value}",
             value,
             None if percent is None else round(percent, 1), None, None)
        )  # fmt: skip
    if unit is None:
        for code, cell in summary.by_unit.cells.items():
            rows.append(
                (texts.text("feedback.unit_row", unit=code or "?"), f"unit.{code}",
                 _shown(cell, texts), None, None, None)
            )  # fmt: skip
    if summary.not_scored:
        rows.append(
            (texts.text("feedback.not_scored"), "not_scored", count_text(summary.not_scored, t),
             None, None, None)
        )  # fmt: skip
    rows.append((texts.text("feedback.caveat"), "caveat", None, None, None, None))
    return ReportTable(
        texts.text("table.feedback", title=summary.title),
        _columns(texts, "category", "code", "count", "percent", "based_on", "interval"),
        tuple(rows),
        "feedback",
    )


def wave_tables(report: WaveReport, *, language: str = DEFAULT_LANGUAGE) -> list[ReportTable]:
    """The report's survey-wave tables, one per survey, then the feedback table."""
    tables = [waves_table(s, language=language) for s in report.series]
    tables.append(feedback_table(report.feedback, report.unit, language=language))
    return tables
