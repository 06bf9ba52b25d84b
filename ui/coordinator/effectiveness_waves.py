"""The Effectiveness tab's "Survey waves" (issue 14, item 5): for the subscale chosen, a table
with one row per survey wave of the tab's period and unit (weeks, responses, mean, 95 % interval,
the change from the wave before with Welch's interval and its reading), the reading aid ("higher
is better", what counts as a meaningful change), and the trend drawn with QtCharts: each wave's
mean as a point on a line, its interval as an error bar, a withheld wave left as a gap (never
drawn as 0). Then the recipient-feedback summary and the caveat that low use can mean barriers,
not low need. Figures from fewer responses than the report threshold are withheld, as in the
reports (`svdesk.coordinator.wave_report`); the chart's accessible description and the table
carry the same numbers."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from svdesk.content.catalogue import Catalogue
from svdesk.content.feedback_survey import POSITIVE_FROM
from svdesk.content.surveys import bundled_surveys
from svdesk.coordinator.feedback import FeedbackSummary
from svdesk.coordinator.report_texts import report_texts
from svdesk.coordinator.suppression import count_text
from svdesk.coordinator.wave_figures import WaveChange, WaveFigures, WaveSeries
from svdesk.coordinator.wave_report import (
    WaveReport,
    change_reading,
    reading_aid,
    share_shown,
    survey_texts,
    withheld,
)
from ui.coordinator.tables import cell, fit_height, result_table, tr
from ui.qt import QtCore, QtGui, QtWidgets
from ui.runtime.language import content_language
from ui.widgets.forms import explanation, named


def columns() -> list[str]:
    """The wave table's column titles (literal tr() calls, so that lupdate finds them)."""
    return [
        tr("Wave"),
        tr("Weeks"),
        tr("Responses"),
        tr("Mean"),
        tr("95 % CI"),
        tr("Change from the wave before"),
        tr("95 % CI of the change"),
        tr("Reading"),
    ]


@dataclass(frozen=True)
class Point:
    """One wave on the chart: its position, label and, when shown, mean and interval."""

    index: int
    label: str
    mean: float | None
    low: float | None
    high: float | None


def withheld_text(threshold: int) -> str:
    return tr("withheld (fewer than {t} responses)").format(t=threshold)


def small_part_text(threshold: int) -> str:
    """Enough responses, but the figure would show, or let one work out, a count below the
    threshold (a share's part or rest, one choice's count)."""
    return tr("withheld (a count below {t})").format(t=threshold)


def mean_cells(figure: WaveFigures, index: int) -> tuple[str, str]:
    """The mean and interval texts of subscale `index` of a wave, or why there are none."""
    sub = figure.subscales[index]
    if sub.mean is None or sub.low is None or sub.high is None:
        if withheld(figure, sub):
            return withheld_text(figure.threshold), ""
        return tr("no responses"), ""
    return f"{sub.mean:.2f}", tr("{lo:.2f} to {hi:.2f}").format(lo=sub.low, hi=sub.high)


def change_cells(change: WaveChange | None, texts: Catalogue) -> tuple[str, str, str]:
    if change is None:
        return tr("first wave shown"), "", ""
    if change.difference is None or change.low is None or change.high is None:
        return tr("not shown"), "", change_reading(change, texts)
    return (
        f"{change.difference:+.2f}",
        tr("{lo:+.2f} to {hi:+.2f}").format(lo=change.low, hi=change.high),
        change_reading(change, texts),
    )


def chart_segments(points: list[Point]) -> list[list[Point]]:
    """The runs of consecutive shown waves: each is drawn as one line; a withheld wave ends a
    run, so the line has a gap there."""
    runs: list[list[Point]] = [[]]
    for point in points:
        if point.mean is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


class TrendView(QtWidgets.QWidget):
    """The drawing of a WaveChart, painted with QPainter: a few lines and dots need no QtCharts,
    whose axis objects made from Python crashed the test suite now and then under gdb (in the
    chart's layout, a QMetaObject::cast of an axis into PySide's MetaObjectBuilder)."""

    MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 44, 24, 34, 42

    def __init__(self, chart: WaveChart) -> None:
        super().__init__(chart)
        self._chart = chart
        self.setMinimumHeight(280)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        self.setBackgroundRole(QtGui.QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)

    def x_of(self, index: float) -> float:
        count = max(1, len(self._chart.points))
        width = self.width() - self.MARGIN_LEFT - self.MARGIN_RIGHT
        return self.MARGIN_LEFT + width * (index + 0.5) / count

    def y_of(self, value: float) -> float:
        low, high = self._chart.lowest, self._chart.highest
        height = self.height() - self.MARGIN_TOP - self.MARGIN_BOTTOM
        return self.MARGIN_TOP + height * (high - value) / max(1e-9, high - low)

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        chart = self._chart
        painter = QtGui.QPainter(self)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QtGui.QPalette.ColorRole.Text)
        grid = QtGui.QColor(text)
        grid.setAlpha(40)
        painter.setPen(text)
        title_box = QtCore.QRectF(0, 4, self.width(), self.MARGIN_TOP - 8)
        painter.drawText(title_box, QtCore.Qt.AlignmentFlag.AlignCenter, chart.title)
        metrics = painter.fontMetrics()
        for step in range(int(chart.lowest), int(chart.highest) + 1):  # the value axis
            y = self.y_of(step)
            painter.setPen(grid)
            painter.drawLine(
                QtCore.QPointF(self.MARGIN_LEFT, y),
                QtCore.QPointF(self.width() - self.MARGIN_RIGHT, y),
            )
            painter.setPen(text)
            label = str(step)
            painter.drawText(
                QtCore.QPointF(self.MARGIN_LEFT - 8 - metrics.horizontalAdvance(label), y + 4),
                label,
            )
        bottom = self.height() - self.MARGIN_BOTTOM
        for point in chart.points:  # the waves, withheld ones said so
            shown = (
                point.label
                if point.mean is not None
                else tr("{label} (withheld)").format(label=point.label)
            )
            box = QtCore.QRectF(self.x_of(point.index) - 90, bottom + 6, 180, metrics.height())
            painter.drawText(box, QtCore.Qt.AlignmentFlag.AlignHCenter, shown)
        band = QtGui.QPen(QtGui.QColor("#729fcf"), 3)
        line = QtGui.QPen(QtGui.QColor("#3465a4"), 2)
        for point in chart.points:  # each shown wave's 95 % interval, as an error bar
            if point.mean is None or point.low is None or point.high is None:
                continue
            painter.setPen(band)
            x = self.x_of(point.index)
            low = max(chart.lowest, point.low)
            high = min(chart.highest, point.high)
            painter.drawLine(QtCore.QPointF(x, self.y_of(low)), QtCore.QPointF(x, self.y_of(high)))
        painter.setPen(line)
        for run in chart.mean_lines():  # one line per run of shown waves: a gap at a withheld
            for (x1, y1), (x2, y2) in itertools.pairwise(run):
                painter.drawLine(
                    QtCore.QPointF(self.x_of(x1), self.y_of(y1)),
                    QtCore.QPointF(self.x_of(x2), self.y_of(y2)),
                )
        painter.setBrush(QtGui.QColor("#3465a4"))
        for run in chart.mean_lines():
            for x, y in run:
                painter.drawEllipse(QtCore.QPointF(self.x_of(x), self.y_of(y)), 4.5, 4.5)
        painter.end()


class WaveChart(QtWidgets.QFrame):
    """The trend of one subscale by wave: means as points joined by a line, intervals as error
    bars, withheld waves as gaps; the numbers are also its accessible description."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wavesChartFrame")
        self.title = ""
        self.points: list[Point] = []
        self.lowest, self.highest = 1.0, 5.0
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.view = TrendView(self)
        self.view.setObjectName("wavesChart")
        named(self.view, tr("Survey waves: trend chart"), tr("No waves yet"))
        layout.addWidget(self.view)

    def mean_lines(self) -> list[list[tuple[float, float]]]:
        """The lines of means (one per run of shown waves) as (wave index, mean)."""
        return [
            [(float(point.index), float(point.mean or 0.0)) for point in run]
            for run in chart_segments(self.points)
        ]

    def show_points(self, title: str, points: list[Point], lowest: float, highest: float) -> None:
        self.title, self.points = title, points
        self.lowest, self.highest = lowest, highest
        name = tr("Survey waves: trend chart of {title}").format(title=title)
        named(self.view, name, self.description())
        self.view.update()

    def description(self) -> str:
        parts = []
        for point in self.points:
            if point.mean is None or point.low is None or point.high is None:
                parts.append(tr("{label}: withheld").format(label=point.label))
            else:
                parts.append(
                    tr("{label}: {m:.2f} (95 % CI {lo:.2f} to {hi:.2f})").format(
                        label=point.label, m=point.mean, lo=point.low, hi=point.high
                    )
                )
        return "; ".join(parts) or tr("No waves yet")


class WavesSection(QtWidgets.QWidget):
    """The survey waves and the recipient feedback of the Effectiveness tab (which scrolls)."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("surveyWaves")
        named(self, tr("Survey waves"))
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QtWidgets.QLabel(tr("Survey waves"))
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        layout.addWidget(
            explanation(
                tr(
                    "The staff survey wave by wave, for the period and unit above. A unit with "
                    "fewer responses in a wave than the report threshold is left out of that "
                    "wave, and a wave with fewer counted responses shows no mean; the change is "
                    "the later wave's mean minus the earlier one's."
                )
            )
        )
        self.choice = QtWidgets.QComboBox()
        self.choice.setObjectName("wavesSubscale")
        named(self.choice, tr("Survey and subscale shown"))
        self.choice.currentIndexChanged.connect(self._show_choice)
        layout.addWidget(self.choice)
        self.reading = explanation("")
        self.reading.setObjectName("wavesReading")
        layout.addWidget(self.reading)
        titles = columns()
        self.table = result_table("wavesTable", titles, tr("Survey waves"))
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column in range(len(titles) - 1):
            header.setSectionResizeMode(column, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table)
        self.chart = WaveChart()
        layout.addWidget(self.chart)
        self.left_out = explanation("")
        self.left_out.setObjectName("wavesLeftOut")
        layout.addWidget(self.left_out)
        self.feedback_title = QtWidgets.QLabel()
        self.feedback_title.setObjectName("feedbackTitle")
        self.feedback_title.setWordWrap(True)
        self.feedback_title.setFont(font)
        layout.addWidget(self.feedback_title)
        self.feedback_table = result_table(
            "feedbackTable",
            [tr("Question"), tr("Figure"), tr("Based on")],
            tr("Recipient feedback"),
        )
        self.feedback_table.setWordWrap(True)
        feedback_header = self.feedback_table.horizontalHeader()
        feedback_header.setStretchLastSection(False)
        feedback_header.setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            feedback_header.setSectionResizeMode(
                column, QtWidgets.QHeaderView.ResizeMode.ResizeToContents
            )
        layout.addWidget(self.feedback_table)
        caveat = explanation(
            tr(
                "Low use of the program, or few answers here, can mean barriers to access, not "
                "low need: colleagues may not know the program, not trust it, or not reach it."
            )
        )
        caveat.setObjectName("wavesCaveat")
        layout.addWidget(caveat)
        self.report: WaveReport | None = None

    def fit_tables(self) -> None:
        """Each table as tall as its rows (again after the width changed their wrapping)."""
        for table in (self.table, self.feedback_table):
            fit_height(table)

    # ------------------------------------------------------------------ showing
    def show_report(self, report: WaveReport) -> None:
        self.report = report
        language = content_language()
        previous = self.choice.currentData()
        self.choice.blockSignals(True)
        self.choice.clear()
        for s, series in enumerate(report.series):
            title, subscales = survey_texts(series.survey_id, language)
            for i, sub in enumerate(subscales.values()):
                self.choice.addItem(f"{title} — {sub.label}", (s, i))
        self.choice.blockSignals(False)
        found = self.choice.findData(previous) if previous is not None else -1
        self.choice.setCurrentIndex(max(found, 0) if self.choice.count() else -1)
        self.choice.setEnabled(self.choice.count() > 0)
        self._show_choice()
        self._show_feedback(report.feedback, report.unit is None)

    def _show_choice(self) -> None:
        data = self.choice.currentData()
        if self.report is None or data is None:
            self.reading.setText(tr("No survey waves in this period."))
            self.table.setRowCount(0)
            fit_height(self.table)
            self.chart.show_points(tr("No survey waves in this period"), [], 1.0, 5.0)
            self.left_out.setText("")
            return
        s, index = data
        self._show_series(self.report.series[s], index)

    def _show_series(self, series: WaveSeries, index: int) -> None:
        language = content_language()
        texts = report_texts(language)
        _, subscales = survey_texts(series.survey_id, language)
        sub = list(subscales.values())[index]
        self.reading.setText(reading_aid(sub, texts))
        into = {c.later: c for c in series.changes if c.subscale_id == sub.id}
        self.table.setRowCount(len(series.waves))
        points: list[Point] = []
        for row, figure in enumerate(series.waves):
            wave = figure.wave
            mean, interval = mean_cells(figure, index)
            change = into.get(wave.wave_id)
            values = (
                wave.label,
                tr("{a} to {b}").format(a=wave.start_week, b=wave.end_week),
                count_text(figure.subscales[index].n, series.threshold),
                mean,
                interval,
                *change_cells(change, texts),
            )
            for column, value in enumerate(values):
                number = column in (2, 3, 5) and value[:1] in "0123456789+-<"
                self.table.setItem(row, column, cell(value, right=number and bool(value)))
            fig = figure.subscales[index]
            points.append(Point(row, wave.label, fig.mean, fig.low, fig.high))
        fit_height(self.table)
        lowest, highest = self._range(series.survey_id, sub.id)
        self.chart.show_points(sub.label, points, lowest, highest)
        left = [f for f in series.waves if f.units_withheld]
        self.left_out.setText(
            " ".join(
                tr("{wave}: {n} unit(s) left out, with fewer than {t} responses each.").format(
                    wave=f.wave.label, n=f.units_withheld, t=series.threshold
                )
                for f in left
            )
        )

    @staticmethod
    def _range(survey_id: str, subscale_id: str) -> tuple[float, float]:
        """The lowest and highest score of the subscale's response scale (1 to 5)."""
        survey = bundled_surveys()[survey_id]
        scales = {i.scale for i in survey.items if i.subscale == subscale_id}
        values = [p.value for s in scales for p in survey.scale(s).points] or [1, 5]
        return float(min(values)), float(max(values))

    def _show_feedback(self, summary: FeedbackSummary, all_units: bool) -> None:
        t = summary.threshold
        self.feedback_title.setText(
            tr("Recipient feedback “{title}”: {n} responses in this period.").format(
                title=summary.title, n=count_text(summary.responses, t)
            )
        )
        rows: list[tuple[str, str, str]] = []
        for share in summary.shares:
            label = tr("{label}: answered {p} or 5 of 5").format(label=share.label, p=POSITIVE_FROM)
            if share_shown(share, t) and share.percent is not None:
                figure = tr("{p:.0f} % ({part} of {whole})").format(
                    p=share.percent, part=share.positive.count, whole=share.answered
                )
            elif share.answered:
                figure = withheld_text(t) if share.answered < t else small_part_text(t)
            else:
                figure = tr("no responses")
            rows.append((label, figure, count_text(share.answered, t)))
        choices = summary.would_have_helped
        for choice, item in choices.cells.items():
            label = tr("What would have helped: {choice}").format(choice=choice)
            if not summary.responses:
                figure = tr("no responses")
            elif not summary.shown:
                figure = withheld_text(t)
            elif item.suppressed:
                figure = small_part_text(t)
            else:
                figure = str(item.count)
            rows.append((label, figure, count_text(summary.responses, t)))
        if all_units:
            for unit, item in summary.by_unit.cells.items():
                label = tr("Responses from unit {unit}").format(unit=unit or "?")
                rows.append((label, withheld_text(t) if item.suppressed else str(item.count), ""))
        self.feedback_table.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.feedback_table.setItem(row, column, cell(value, right=column == 2))
        fit_height(self.feedback_table)
