"""The coordinator's outcomes tab (issue 14, item 4): what became of the people supported, for
the dashboard's period and unit, with each figure's base and how to read it. Figures from fewer
records than the report threshold are withheld here too."""

from __future__ import annotations

from svdesk.access.session import Session
from svdesk.coordinator.dashboard import DashboardFigures
from svdesk.coordinator.outcomes import Outcome, OutcomeFigures, outcome_figures
from svdesk.coordinator.suppression import DEFAULT_THRESHOLD
from svdesk.errors import SvdeskError
from ui.coordinator.tables import cell, result_table, tr
from ui.qt import QHeaderView, QLabel, QVBoxLayout, QWidget
from ui.runtime.errors import show_error
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


def period_text(period_from: str | None, period_to: str | None, unit: str | None) -> str:
    span = (
        tr("all weeks")
        if not (period_from or period_to)
        else tr("ISO weeks {a} to {b}").format(a=period_from or "…", b=period_to or "…")
    )
    return tr("{span}, {unit}").format(span=span, unit=unit or tr("all units"))


class OutcomesTab(QWidget):
    COLUMNS = ("Outcome", "Figure", "Based on", "How to read it")

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcomesTab")
        self._session = session
        self.threshold = DEFAULT_THRESHOLD
        self._filters: tuple[str | None, str | None, str | None] = (None, None, None)
        self.figures: OutcomeFigures | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(
            explanation(
                tr(
                    "What became of the colleagues supported, from the coded records only. "
                    "The period and unit are the dashboard's: change them on the Dashboard tab. "
                    "Low use of the program can mean barriers to access, not low need."
                )
            )
        )
        self.period = QLabel()
        self.period.setObjectName("outcomesPeriod")
        layout.addWidget(self.period)
        self.table = result_table(
            "outcomesTable", [tr(c) for c in self.COLUMNS], tr("Outcomes of support")
        )
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.message = FormMessage()
        layout.addWidget(self.message)
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
        self._op = BackgroundOp(
            self,
            op=lambda: outcome_figures(
                session,
                period_from=period_from,
                period_to=period_to,
                unit=unit,
                threshold=threshold,
            ),
            success=self._show,
            failure=self._failed,
            cancellable=False,
        ).run()
        return self._op

    def _show(self, figures: OutcomeFigures) -> None:
        self.figures = figures
        self.message.clear_message()
        self.period.setText(
            tr("Cases first seen in {period}; {n} followed up with the zone assessed.").format(
                period=period_text(figures.period_from, figures.period_to, figures.unit),
                n=figures.cases_followed,
            )
        )
        self.table.setRowCount(len(figures.outcomes))
        for row, outcome in enumerate(figures.outcomes):
            self.table.setItem(row, 0, cell(tr(outcome.label)))
            self.table.setItem(row, 1, cell(value_text(outcome, figures.threshold)))
            self.table.setItem(row, 2, cell(str(outcome.whole), right=True))
            self.table.setItem(row, 3, cell(tr(outcome.reading)))
        self.table.resizeRowsToContents()
        if self._filters != (figures.period_from, figures.period_to, figures.unit):
            self.refresh()  # the dashboard moved on while this ran

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, SvdeskError):
            self.message.show_message(exc.message)
        else:
            show_error(self, exc)
