"""The coordinator's Effectiveness tab (issue 14): what became of the people supported (item 4)
and the staff survey's subscale means with their 95 % intervals, overall and by month (items 2
and 5), for the dashboard's period and unit, each with its base and how to read it. Figures
from fewer records than the report threshold are withheld here too."""

from __future__ import annotations

from svdesk.access.session import Session
from svdesk.content.surveys import bundled_surveys
from svdesk.coordinator.dashboard import DashboardFigures
from svdesk.coordinator.outcomes import Outcome, OutcomeFigures, outcome_figures
from svdesk.coordinator.report_texts import report_texts
from svdesk.coordinator.reports import survey_labels
from svdesk.coordinator.suppression import DEFAULT_THRESHOLD, count_text
from svdesk.coordinator.survey_figures import (
    SubscaleFigure,
    SurveyFigures,
    survey_figures,
    surveys_with_responses,
)
from svdesk.coordinator.wave_report import WaveReport, wave_report
from svdesk.errors import SvdeskError
from ui.coordinator.effectiveness_waves import WavesSection
from ui.coordinator.tables import cell, fit_height, result_table, tr
from ui.qt import QtCore, QtGui, QtWidgets
from ui.runtime.errors import show_error
from ui.runtime.language import content_language
from ui.runtime.ops import BackgroundOp
from ui.widgets.forms import FormMessage, explanation


def value_text(outcome: Outcome, threshold: int) -> str:
    if outcome.value is None:
        if outcome.whole == 0:
            return tr("no records yet")
        return tr("withheld (fewer than {t} records)").format(t=threshold)
    if outcome.part is None:  # a median
        if outcome.value == 1:
            return tr("1 week")
        return tr("{n:g} weeks").format(n=outcome.value)
    return tr("{p:.0f} % ({part} of {whole})").format(
        p=100 * outcome.value, part=outcome.part, whole=outcome.whole
    )


def mean_text(figure: SubscaleFigure, threshold: int) -> str:
    if figure.mean is None or figure.low is None or figure.high is None:
        if figure.n == 0:
            return tr("no responses")
        return tr("withheld (fewer than {t} responses)").format(t=threshold)
    return tr("{m:.2f} (95 % CI {lo:.2f}–{hi:.2f})").format(
        m=figure.mean, lo=figure.low, hi=figure.high
    )


def period_text(period_from: str | None, period_to: str | None, unit: str | None) -> str:
    span = (
        tr("all weeks")
        if not (period_from or period_to)
        else tr("ISO weeks {a} to {b}").format(a=period_from or "…", b=period_to or "…")
    )
    return tr("{span}, {unit}").format(span=span, unit=unit or tr("all units"))


class OutcomesTab(QtWidgets.QWidget):
    COLUMNS = ("Outcome", "Figure", "Based on", "How to read it")

    def __init__(self, session: Session, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcomesTab")
        self._session = session
        self.threshold = DEFAULT_THRESHOLD
        self._filters: tuple[str | None, str | None, str | None] = (None, None, None)
        self.figures: OutcomeFigures | None = None
        # One scroll area for the whole tab: each table is as tall as its rows (fit_height).
        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QtWidgets.QScrollArea()
        self.scroll_area.setObjectName("outcomesScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        outer.addWidget(self.scroll_area)
        content = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(content)
        layout.addWidget(
            explanation(
                tr(
                    "What became of the colleagues supported, from the coded records only. "
                    "The period and unit are the dashboard's: change them on the Dashboard tab. "
                    "Low use of the program can mean barriers to access, not low need."
                )
            )
        )
        self.period = QtWidgets.QLabel()
        self.period.setObjectName("outcomesPeriod")
        layout.addWidget(self.period)
        self.table = result_table(
            "outcomesTable", [tr(c) for c in self.COLUMNS], tr("Outcomes of support")
        )
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table)
        self.survey_title = QtWidgets.QLabel()
        self.survey_title.setObjectName("surveyTitle")
        self.survey_title.setWordWrap(True)
        layout.addWidget(self.survey_title)
        self.survey_table = result_table(
            "surveyTable",
            [tr(c) for c in ("Subscale", "Responses", "Mean", "How to read it")],
            tr("Staff survey"),
        )
        self.survey_table.setWordWrap(True)
        header = self.survey_table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.survey_table)
        self.trend_table = result_table("surveyTrend", [tr("Month")], tr("Staff survey by month"))
        # Every subscale column as wide as the others, the month as its text: the header names
        # the subscales in full (they wrap) instead of eliding them.
        trend_header = self.trend_table.horizontalHeader()
        trend_header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Stretch)
        trend_header.setStretchLastSection(False)
        layout.addWidget(self.trend_table)
        self.waves = WavesSection()  # survey figures by wave and the recipient feedback
        layout.addWidget(self.waves)
        self.message = FormMessage()
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.scroll_area.setWidget(content)
        self.surveys: list[SurveyFigures] = []
        self._op: BackgroundOp | None = None

    def follow(self, figures: DashboardFigures) -> None:
        """Recompute for the period and unit the dashboard now shows."""
        self._filters = (figures.period_from, figures.period_to, figures.unit)
        self.refresh()

    def refresh(self) -> BackgroundOp | None:
        if self._op is not None and not self._op.done:
            return None
        session, threshold = self._session, self.threshold
        period_from, period_to, unit = self._filters
        language = content_language()
        self._op = BackgroundOp(
            self,
            op=lambda: (
                outcome_figures(
                    session,
                    period_from=period_from,
                    period_to=period_to,
                    unit=unit,
                    threshold=threshold,
                ),
                [
                    survey_figures(
                        session,
                        survey_id,
                        period_from=period_from,
                        period_to=period_to,
                        unit=unit,
                        threshold=threshold,
                    )
                    for survey_id in surveys_with_responses(session)
                ],
                wave_report(
                    session,
                    period_from=period_from,
                    period_to=period_to,
                    unit=unit,
                    threshold=threshold,
                    language=language,
                ),
            ),
            success=self._show,
            failure=self._failed,
            cancellable=False,
        ).run()
        return self._op

    def _show(self, result: tuple[OutcomeFigures, list[SurveyFigures], WaveReport]) -> None:
        figures, self.surveys, waves = result
        self.figures = figures
        self._show_surveys()
        self.waves.show_report(waves)
        self.message.clear_message()
        self.period.setText(
            tr("Cases first seen in {period}; {n} followed up with the zone assessed.").format(
                period=period_text(figures.period_from, figures.period_to, figures.unit),
                n=figures.cases_followed,
            )
        )
        self.table.setRowCount(len(figures.outcomes))
        # The outcomes' names and readings as the reports write them, in the interface's language.
        texts = report_texts(content_language())
        for row, outcome in enumerate(figures.outcomes):
            label = texts.get(f"outcome.{outcome.code}", tr(outcome.label))
            reading = texts.get(f"outcome.{outcome.code}.reading", tr(outcome.reading))
            self.table.setItem(row, 0, cell(label))
            self.table.setItem(row, 1, cell(value_text(outcome, figures.threshold)))
            self.table.setItem(row, 2, cell(str(outcome.whole), right=True))
            self.table.setItem(row, 3, cell(reading))
        self.fit_tables()
        QtCore.QTimer.singleShot(0, self, self.fit_tables)  # again once laid out
        if self._filters != (figures.period_from, figures.period_to, figures.unit):
            self.refresh()  # the dashboard moved on while this ran

    def _show_surveys(self) -> None:
        """The first survey with responses (a program runs one at a time)."""
        if not self.surveys:
            self.survey_title.setText(tr("Staff survey: no responses imported yet."))
            self.survey_table.setRowCount(0)
            self.trend_table.setRowCount(0)
            self.survey_table.hide()
            self.trend_table.hide()
            return
        survey = self.surveys[0]
        t = survey.threshold
        language = content_language()  # the survey's own texts in the interface's language
        title, labels = survey_labels(survey, language)
        own = bundled_surveys(language).get(survey.survey_id)
        readings = {s.id: s.reading_aid() for s in own.subscales} if own is not None else {}
        note = (
            "" if survey.validated else tr(" (written by the program, not a validated instrument)")
        )
        self.survey_title.setText(
            tr("Staff survey “{title}”{note}: {n} responses in this period.").format(
                title=title, note=note, n=count_text(survey.responses, t)
            )
        )
        self.survey_table.show()
        self.survey_table.setRowCount(len(survey.subscales))
        for row, sub in enumerate(survey.subscales):
            self.survey_table.setItem(row, 0, cell(labels.get(sub.subscale_id, sub.label)))
            self.survey_table.setItem(row, 1, cell(count_text(sub.n, t), right=True))
            self.survey_table.setItem(row, 2, cell(mean_text(sub, t)))
            self.survey_table.setItem(row, 3, cell(readings.get(sub.subscale_id, sub.reading)))
        months = list(survey.by_month)
        self.trend_table.setVisible(bool(months))
        self.trend_table.setColumnCount(1 + len(survey.subscales))
        self.trend_table.setHorizontalHeaderLabels(
            [tr("Month"), *(labels.get(sub.subscale_id, sub.label) for sub in survey.subscales)]
        )
        self.trend_table.horizontalHeader().setSectionResizeMode(
            0, QtWidgets.QHeaderView.ResizeMode.ResizeToContents
        )
        self.trend_table.setRowCount(len(months))
        for row, month in enumerate(months):
            self.trend_table.setItem(row, 0, cell(month))
            for column, sub in enumerate(survey.by_month[month], start=1):
                text = f"{sub.mean:.2f}" if sub.mean is not None else f"— ({count_text(sub.n, t)})"
                self.trend_table.setItem(row, column, cell(text, right=True))

    def fit_tables(self) -> None:
        """Each table as tall as its rows, for the width it has now."""
        for table in (self.table, self.survey_table, self.trend_table):
            fit_height(table)
        self.waves.fit_tables()

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        # A new width wraps the readings anew; fit once the columns have their new widths.
        QtCore.QTimer.singleShot(0, self, self.fit_tables)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, SvdeskError):
            self.message.show_message(exc.message)
        else:
            show_error(self, exc)
