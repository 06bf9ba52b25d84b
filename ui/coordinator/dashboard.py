"""The coordinator's dashboard: QtCharts bar charts of utilization and effectiveness, filtered by
ISO-week period and unit, optionally "as reported" (small counts shown as "<11", as in reports).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from svdesk.access.session import Session
from svdesk.coordinator.dashboard import DashboardFigures, dashboard_figures, units
from svdesk.coordinator.suppression import DEFAULT_THRESHOLD
from svdesk.errors import SvdeskError
from ui.coordinator.report_sections import ReportSection, percent_text, report_sections
from ui.qt import QtCore, QtGui, QtWidgets, Signal
from ui.qt_charts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from ui.runtime.errors import show_error
from ui.runtime.ops import BackgroundOp
from ui.widgets.forms import FormMessage, named, push_button

# Below this width the charts go in one column (see DashboardView.resizeEvent).
TWO_COLUMNS_MIN_WIDTH = 1240
WEEK_PATTERN = re.compile(r"^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$")

# Which report sections become charts, in reading order (the summary is the figures row).
CHARTS: tuple[tuple[str, str], ...] = (
    ("per_month", "Conversations per month"),
    ("unit_category", "By unit category"),
    ("role", "By role"),
    ("event_category", "By event category"),
    ("response_time", "Response time (separate bands, not cumulative)"),
    ("format", "Individual or group (conversations)"),
    ("people_by_format", "People reached, individual or group"),
    ("escalation_level", "Escalation rate by level"),
    ("referral_accepted", "Referral acceptance"),
    ("followup", "Follow-up completion"),
    ("needs_met", "Needs met"),
    ("supporter_load", "Supporter load (supporters by conversations)"),
    ("supporter_distress", "Supporters' own distress"),
)


def _tr(text: str) -> str:
    return QtCore.QCoreApplication.translate("Dashboard", text)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int  # 0 for a hidden count: its size must not show
    text: str  # the count as shown ("<11" when hidden)
    percent: float | None


def shorten(label: str, limit: int = 24) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def bars_of(section: ReportSection) -> list[Bar]:
    return [
        Bar(r.label, 0 if r.cell.suppressed else r.cell.count, r.cell.text, r.percent)
        for r in section.rows
    ]


# The response-time chart counts each conversation in one band, so the bars add up to the
# conversations. Beside "30 minutes or less", the vocabulary's "Within 24 hours" would read as
# cumulative (it once stood beside cumulative rows): the chart names each band by its bounds.
RESPONSE_BANDS: dict[str, str] = {
    "le_30min": "30 min or less",
    "le_24h": "Over 30 min, up to 24 h",
    "gt_24h": "More than 24 h",
}


def response_bars(section: ReportSection) -> list[Bar]:
    """The response-time rows as bands that do not overlap (one kind of figure only)."""
    return [
        Bar(
            _tr(RESPONSE_BANDS[r.code]) if r.code in RESPONSE_BANDS else r.label,
            b.value,
            b.text,
            b.percent,
        )
        for r, b in zip(section.rows, bars_of(section), strict=True)
    ]


class ChartCard(QtWidgets.QFrame):
    """A titled horizontal bar chart; its values are also its accessible description."""

    def __init__(self, key: str, title: str, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"chart_{key}")
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.title = QtWidgets.QLabel(title)
        self.title.setObjectName("chartTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)
        # Every chart object is made by Qt or with a Qt parent, never owned by a Python wrapper
        # alone: a wrapper that owned an axis deleted it when garbage-collected while the chart
        # still drew it (crashes under gdb in the chart's layout and its axis items).
        self.view = QChartView()
        self.chart = self.view.chart()
        self.chart.legend().hide()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.setMargins(self.chart.margins() * 0)
        self.chart.setBackgroundRoundness(0)
        self.view.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(190)
        self.view.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        self.view.setSizePolicy(
            QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Expanding
        )
        named(self.view, title, _tr("No data yet"))
        named(self.view.viewport(), title, _tr("No data yet"))
        layout.addWidget(self.view, 1)
        # The axes live as long as the chart; each refresh changes them, never replaces them
        # (an axis removed from the chart is the caller's, and deleting it from Python crashed
        # the suite now and then in the chart item's destructor).
        self.y_axis = QBarCategoryAxis(self.chart)
        self.x_axis = QValueAxis(self.chart)
        self.x_axis.setLabelFormat("%d")
        self.x_axis.setTickCount(3)
        small = self.font()
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
        self.y_axis.setLabelsFont(small)
        self.x_axis.setLabelsFont(small)
        self.chart.addAxis(self.y_axis, QtCore.Qt.AlignmentFlag.AlignLeft)
        self.chart.addAxis(self.x_axis, QtCore.Qt.AlignmentFlag.AlignBottom)
        self.caption = QtWidgets.QLabel("")
        self.caption.setObjectName("chartCaption")
        self.caption.setWordWrap(True)
        layout.addWidget(self.caption)
        self.bars: list[Bar] = []

    def set_bars(self, bars: Sequence[Bar], caption: str = "") -> None:
        """What the chart shows: its bars, caption and accessible description now; the chart
        itself is drawn by `draw` (`DashboardView` draws one chart per turn of the event loop:
        each takes QtCharts 2-12 ms of the GUI thread)."""
        self.bars = list(bars)
        self.caption.setText(caption)
        self.caption.setVisible(bool(caption))
        description = "; ".join(
            f"{b.label}: {b.text}" + ("" if b.percent is None else f" ({percent_text(b.percent)})")
            for b in self.bars
        )
        named(self.view, self.title.text(), description or _tr("No data"))
        named(self.view.viewport(), self.title.text(), description or _tr("No data"))

    def draw(self) -> None:
        """Draw the bars last set (`set_bars`) in the chart."""
        self.chart.removeAllSeries()
        series = QHorizontalBarSeries(self.chart)
        bar_set = QBarSet(self.title.text(), series)
        bar_set.setColor(QtGui.QColor("#3465a4"))
        categories = []
        # Horizontal bars are drawn bottom-up: reverse so the list reads top-down.
        for bar in reversed(self.bars):
            bar_set.append(float(bar.value))
            pct = "" if bar.percent is None else f" · {percent_text(bar.percent)}"
            # Long labels are shortened here, so Qt never elides the count at their end.
            categories.append(f"{shorten(bar.label)} — {bar.text}{pct}")
        series.append(bar_set)
        self.chart.addSeries(series)
        self.y_axis.clear()
        self.y_axis.append(categories or [_tr("(none)")])
        top = max((b.value for b in self.bars), default=0)
        self.x_axis.setTickCount(3)
        self.x_axis.setRange(0, max(1, top))
        self.x_axis.applyNiceNumbers()
        series.attachAxis(self.y_axis)
        series.attachAxis(self.x_axis)
        # Room for every category label: QtCharts elides labels that do not fit their band.
        self.view.setMinimumHeight(max(150, 60 + 30 * len(self.bars)))

    def texts(self) -> dict[str, str]:
        """What the chart shows for each category (for tests and the accessible description)."""
        return {b.label: b.text for b in self.bars}


class DashboardView(QtWidgets.QWidget):
    """Filters, headline figures and the charts. Figures are computed on the worker."""

    figures_changed = Signal(object)  # DashboardFigures

    def __init__(self, session: Session, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard")
        self._session = session
        self.figures: DashboardFigures | None = None
        self.threshold = DEFAULT_THRESHOLD
        self._loading: BackgroundOp | None = None
        self._again = False
        layout = QtWidgets.QVBoxLayout(self)

        filters = QtWidgets.QHBoxLayout()
        self.period_from = self._week_field(_tr("From week"), "periodFrom")
        self.period_to = self._week_field(_tr("To week"), "periodTo")
        self.unit = QtWidgets.QComboBox()
        self.unit.setObjectName("unitFilter")
        self.unit.addItem(_tr("All units"), None)
        self.unit.setAccessibleName(_tr("Unit"))
        self.as_reported = QtWidgets.QCheckBox(_tr("&As reported (small counts shown as <11)"))
        self.as_reported.setObjectName("asReported")
        self.apply_button = push_button(_tr("&Show"), object_name="applyFilters")
        for text, field in (
            (_tr("&From week:"), self.period_from),
            (_tr("To wee&k:"), self.period_to),
            (_tr("U&nit:"), self.unit),
        ):
            label = QtWidgets.QLabel(text)
            label.setBuddy(field)
            filters.addWidget(label)
            filters.addWidget(field)
        filters.addWidget(self.as_reported)
        filters.addStretch(1)
        filters.addWidget(self.apply_button)
        layout.addLayout(filters)
        self.message = FormMessage()
        layout.addWidget(self.message)

        headline = QtWidgets.QHBoxLayout()
        self.headline: dict[str, QtWidgets.QLabel] = {}
        for key, text in (
            ("encounters", _tr("Conversations")),
            ("people_reached", _tr("People reached")),
            ("escalations_open", _tr("Escalations open")),
            ("escalations_overdue", _tr("Overdue")),
        ):
            box = QtWidgets.QFrame()
            box.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
            box_layout = QtWidgets.QVBoxLayout(box)
            value = QtWidgets.QLabel("–")
            value.setObjectName(f"headline_{key}")
            font = value.font()
            font.setPointSizeF(font.pointSizeF() * 1.8)
            font.setBold(True)
            value.setFont(font)
            caption = QtWidgets.QLabel(text)
            box_layout.addWidget(value)
            box_layout.addWidget(caption)
            named(value, text)
            self.headline[key] = value
            headline.addWidget(box)
        headline.addStretch(1)
        layout.addLayout(headline)

        self.status = QtWidgets.QLabel("")
        self.status.setObjectName("dashboardStatus")
        layout.addWidget(self.status)

        grid_holder = QtWidgets.QWidget()
        self._grid = QtWidgets.QGridLayout(grid_holder)
        self.charts: dict[str, ChartCard] = {}
        for key, title in CHARTS:
            self.charts[key] = ChartCard(key, _tr(title))
        self.columns = 0
        self._arrange(2)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_holder)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        named(scroll, _tr("Charts"))
        layout.addWidget(scroll, 1)

        # Charts whose bars changed and are not drawn yet, drawn one per turn of the event
        # loop (`_draw_next`), so that a refresh never holds the GUI thread for all of them.
        self._undrawn: list[ChartCard] = []
        self._draw_timer = QtCore.QTimer(self)
        self._draw_timer.setSingleShot(True)
        self._draw_timer.setInterval(0)
        self._draw_timer.timeout.connect(self._draw_next)

        self.apply_button.clicked.connect(self.refresh)
        self.unit.activated.connect(self.refresh)
        self.as_reported.toggled.connect(self._redraw)

    def _arrange(self, columns: int) -> None:
        """The charts in `columns` columns (reading order left to right, top to bottom)."""
        if columns == self.columns:
            return
        self.columns = columns
        for card in self.charts.values():
            self._grid.removeWidget(card)
        for index, card in enumerate(self.charts.values()):
            self._grid.addWidget(card, index // columns, index % columns)
        for column in range(2):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        # Two charts side by side only where each has room for its category labels: at
        # 1000 px QtCharts cut them, counts included ("Prefer not to say — 0 · …"; issue 17).
        self._arrange(2 if event.size().width() >= TWO_COLUMNS_MIN_WIDTH else 1)
        super().resizeEvent(event)

    def _week_field(self, name: str, object_name: str) -> QtWidgets.QLineEdit:
        field = QtWidgets.QLineEdit()
        field.setObjectName(object_name)
        field.setPlaceholderText("2026-W01")
        field.setMaxLength(8)
        field.setFixedWidth(field.fontMetrics().horizontalAdvance("2026-W000") + 16)
        field.setAccessibleName(name)
        field.setAccessibleDescription(_tr("An ISO week such as 2026-W01; empty for no limit"))
        field.returnPressed.connect(self.refresh)
        return field

    # -- filters -------------------------------------------------------------------------------
    def filters(self) -> dict[str, Any]:
        """The current filters; raises ValueError naming a malformed week."""
        out: dict[str, Any] = {}
        for key, field in (("period_from", self.period_from), ("period_to", self.period_to)):
            text = field.text().strip().upper()
            if text and not WEEK_PATTERN.match(text):
                raise ValueError(
                    _tr("{text} is not an ISO week; write it like 2026-W05.").format(text=text)
                )
            out[key] = text or None
        out["unit"] = self.unit.currentData()
        return out

    def set_filters(
        self,
        *,
        period_from: str | None = None,
        period_to: str | None = None,
        unit: str | None = None,
    ) -> None:
        self.period_from.setText(period_from or "")
        self.period_to.setText(period_to or "")
        index = self.unit.findData(unit) if unit is not None else 0
        if index < 0 and unit is not None:
            self.unit.addItem(unit, unit)
            index = self.unit.count() - 1
        self.unit.setCurrentIndex(index)

    # -- loading -------------------------------------------------------------------------------
    def refresh(self) -> BackgroundOp | None:
        """Recompute the figures for the filters on the worker, then redraw."""
        try:
            filters = self.filters()
        except ValueError as exc:
            self.message.show_message(str(exc))
            return None
        self.message.clear_message()
        if self._loading is not None and not self._loading.done:
            self._again = True  # filters changed while loading: load once more at the end
            return self._loading
        session = self._session

        def load() -> tuple[DashboardFigures, list[str]]:
            return dashboard_figures(session, **filters), units(session)

        self.status.setText(_tr("Counting…"))
        self._loading = BackgroundOp(self, op=load, success=self._loaded, failure=self._failed)
        self._loading.finished.connect(self._maybe_again)
        return self._loading.run()

    def _maybe_again(self) -> None:
        if self._again:
            self._again = False
            self.refresh()

    def _loaded(self, result: tuple[DashboardFigures, list[str]]) -> None:
        figures, units = result
        current = self.unit.currentData()
        known = {self.unit.itemData(i) for i in range(self.unit.count())}
        for unit in units:
            if unit not in known:
                self.unit.addItem(unit, unit)
        if current is not None:
            self.unit.setCurrentIndex(max(0, self.unit.findData(current)))
        self.figures = figures
        self.status.setText("")
        self._redraw()
        self.figures_changed.emit(figures)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText("")
        if isinstance(exc, SvdeskError):
            self.message.show_message(_tr(exc.message))
        else:
            show_error(self, exc)

    # -- drawing -------------------------------------------------------------------------------
    def _redraw(self) -> None:
        figures = self.figures
        if figures is None:
            return
        reported = self.as_reported.isChecked()
        sections = {
            s.key: s for s in report_sections(figures, threshold=self.threshold, suppress=reported)
        }
        summary = {r.code: r.cell.text for r in sections["summary"].rows}
        open_total = figures.escalations_open
        overdue = figures.escalations_overdue
        values = {
            "encounters": summary["encounters"],
            "people_reached": summary["people_reached"],
            # The queue is the coordinator's own work list: never suppressed on screen.
            "escalations_open": str(open_total),
            "escalations_overdue": str(overdue),
        }
        for key, text in values.items():
            self.headline[key].setText(text)
            self.headline[key].setAccessibleDescription(text)
        for key, card in self.charts.items():
            section = sections[key]
            caption = section.note
            bars = bars_of(section)
            if key == "response_time":
                bars = response_bars(section)
                caption = (
                    _tr("Each conversation is in one band; the bands add up to all of them. ")
                    + caption
                )
            if key == "escalation_level":
                caption = _tr("Percent of conversations that reached each level.")
            card.set_bars(bars, caption.strip())
        self._undrawn = list(self.charts.values())
        self._draw_next()
        mode = (
            _tr("As reported: counts from 1 to {n} are shown as <{t}.").format(
                n=self.threshold - 1, t=self.threshold
            )
            if reported
            else _tr("Exact counts (for the coordinator only; reports hide small counts).")
        )
        self.status.setText(mode)

    def _draw_next(self) -> None:
        """Draw one chart whose bars changed; the next on the next turn of the event loop."""
        if self._undrawn:
            self._undrawn.pop(0).draw()
        if self._undrawn:
            self._draw_timer.start()

    def drawn(self) -> bool:
        """Whether every chart shows its latest bars (for tests)."""
        return not self._undrawn

    def chart_texts(self, key: str) -> dict[str, str]:
        return self.charts[key].texts()
