"""The coordinator's requests tab (issue 15, item 2): requests for support that want a supporter
from another unit and are still open on their unit, most urgent first, with whom to call; and
what became of the period's requests (first contact within 30 minutes, 24 hours, later, from
the real times); and the on-call coverage gaps the units report (issue 15, item 4): hours in
the last month with nobody on call. Coded records only: no names travel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from svdesk.access.session import Session
from svdesk.coordinator.coverage import CoverageFigures, coverage_gaps
from svdesk.coordinator.requests import (
    CoordRequest,
    RequestTimes,
    request_figures,
    request_times,
    unmatched_requests,
)
from svdesk.coordinator.suppression import DEFAULT_THRESHOLD, SuppressedCounts, count_text
from svdesk.errors import SvdeskError
from ui.coordinator.report_sections import code_label
from ui.coordinator.tables import cell, result_table, tr
from ui.qt import QtWidgets
from ui.runtime.errors import show_error
from ui.runtime.ops import BackgroundOp
from ui.widgets.forms import FormMessage, explanation, named, push_button

URGENCY_TEXT = {"now": "Now", "today": "Today", "this_week": "This week"}
OUTCOME_TEXT = {
    "le_30min": "First contact within 30 minutes",
    "le_24h": "First contact within 24 hours",
    "gt_24h": "First contact after more than 24 hours",
    "open": "Still open on the unit",
    "withdrawn": "Withdrawn",
}


def contact_text(r: CoordRequest) -> str:
    """Whom to call: the requesting unit's admin, on the workstation whose fingerprint starts
    so (as the escalation queue says it)."""
    unit = " / ".join(x for x in (r.site_code, r.unit_code) if x) or tr("unit")
    fingerprint = r.workstation_fingerprint or ""
    start = "-".join(fingerprint.split("-")[:2]) if fingerprint else "?"
    return tr("{unit} admin, workstation {start}").format(unit=unit, start=start)


def times_text(times: RequestTimes, threshold: int) -> str:
    """First contact's median and share within 30 minutes, then the requests by who asked and
    by hour of day (cells below the threshold as "<11")."""
    if times.median_minutes is None:
        first = tr("First contact: too few requests taken up ({n}) to show how soon.").format(
            n=count_text(times.taken, threshold)
        )
    else:
        share = (
            tr("the share within 30 minutes is withheld (a small count)")
            if times.within_30_share is None
            else tr("{p:.0f} % within 30 minutes").format(p=100 * times.within_30_share)
        )
        first = tr(
            "First contact: median {m:g} minutes after the request; {share} (of {n})."
        ).format(m=times.median_minutes, share=share, n=times.taken)
    sources = "; ".join(
        f"{code_label('activation_source', code)}: {c.text}"
        for code, c in times.by_source.cells.items()
    )
    hours = "; ".join(f"{band}: {c.text}" for band, c in times.by_hour.cells.items())
    return "\n".join(
        (
            first,
            tr("Requests by who asked: {parts}.").format(parts=sources),
            tr("Requests by hour of day (the unit's time): {parts}.").format(parts=hours),
        )
    )


def coverage_text(figures: CoverageFigures) -> str:
    """Hours in the last month (four complete ISO weeks) with nobody on call, in all and by
    unit; a unit with less than a week of hours recorded says so instead of a share."""
    first, last = figures.weeks[0], figures.weeks[-1]
    if not figures.units:
        return tr(
            "On-call coverage, {first} to {last}: no unit has reported its on-call roster yet."
        ).format(first=first, last=last)
    lines = []
    if figures.hours:
        lines.append(
            tr(
                "On-call coverage, {first} to {last}: {gaps} hours with nobody on call, of "
                "{hours} hours recorded ({p:.0f} %)."
            ).format(
                first=first,
                last=last,
                gaps=figures.gap_hours,
                hours=figures.hours,
                p=100 * figures.gap_hours / figures.hours,
            )
        )
    else:
        lines.append(tr("On-call coverage, {first} to {last}:").format(first=first, last=last))
    for unit in figures.units:
        share = unit.gap_share
        if share is None:
            lines.append(
                tr("{unit}: too few hours recorded to show ({hours} of at least 168).").format(
                    unit=unit.label, hours=unit.hours
                )
            )
        else:
            lines.append(
                tr(
                    "{unit}: {gaps} of {hours} hours with nobody on call ({p:.0f} %); {weeks} "
                    "of 4 weeks reported."
                ).format(
                    unit=unit.label,
                    gaps=unit.gap_hours,
                    hours=unit.hours,
                    p=100 * share,
                    weeks=unit.weeks_reported,
                )
            )
    return "\n".join(lines)


class RequestsTab(QtWidgets.QWidget):
    COLUMNS = ("Urgency", "Week", "Unit", "Contact", "Who asked", "People")

    def __init__(self, session: Session, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestsTab")
        self._session = session
        self.threshold = DEFAULT_THRESHOLD
        self.rows: list[CoordRequest] = []
        self.figures: SuppressedCounts | None = None
        self.request_times: RequestTimes | None = None
        self.coverage: CoverageFigures | None = None
        self.today: Callable[[], date] = date.today  # the month of the coverage figure
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(
            explanation(
                tr(
                    "Requests for support that ask for a supporter from another unit and are "
                    "still open on their unit, most urgent first. Find a supporter in another "
                    "unit and call the requesting unit's admin (Contact); the request leaves "
                    "this list when that unit's next export says it was taken up or withdrawn."
                )
            )
        )
        top = QtWidgets.QHBoxLayout()
        top.addStretch(1)
        self.refresh_button = push_button(tr("Refres&h"), object_name="refreshRequests")
        top.addWidget(self.refresh_button)
        layout.addLayout(top)
        self.table = result_table(
            "unmatchedRequests", [tr(c) for c in self.COLUMNS], tr("Unmatched requests")
        )
        header = self.table.horizontalHeader()
        for column in range(len(self.COLUMNS)):
            header.setSectionResizeMode(column, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QtWidgets.QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.empty = QtWidgets.QLabel(tr("No unmatched requests."))
        self.empty.setObjectName("noUnmatchedRequests")
        layout.addWidget(self.empty)
        self.times = QtWidgets.QLabel()
        self.times.setObjectName("requestTimes")
        self.times.setWordWrap(True)
        named(self.times, tr("How soon first contact came"))
        layout.addWidget(self.times)
        self.summary = QtWidgets.QLabel()
        self.summary.setObjectName("requestFigures")
        self.summary.setWordWrap(True)
        named(self.summary, tr("What became of the requests"))
        layout.addWidget(self.summary)
        self.coverage_label = QtWidgets.QLabel()
        self.coverage_label.setObjectName("coverageGaps")
        self.coverage_label.setWordWrap(True)
        named(self.coverage_label, tr("Hours in the last month with nobody on call"))
        layout.addWidget(self.coverage_label)
        self.message = FormMessage()
        layout.addWidget(self.message)
        self.refresh_button.clicked.connect(self.refresh)
        self._op: BackgroundOp | None = None

    def refresh(self) -> BackgroundOp | None:
        if self._op is not None and not self._op.done:
            return None
        session, threshold, today = self._session, self.threshold, self.today()
        self._op = BackgroundOp(
            self,
            op=lambda: (
                unmatched_requests(session),
                request_figures(session, threshold=threshold),
                request_times(session, threshold=threshold),
                coverage_gaps(session, today=today),
            ),
            success=self._show,
            failure=self._failed,
            cancellable=False,
        ).run()
        return self._op

    def _show(
        self,
        result: tuple[list[CoordRequest], SuppressedCounts, RequestTimes, CoverageFigures],
    ) -> None:
        self.rows, self.figures, self.request_times, self.coverage = result
        self.coverage_label.setText(coverage_text(self.coverage))
        self.times.setText(times_text(self.request_times, self.threshold))
        self.message.clear_message()
        self.table.setRowCount(len(self.rows))
        for row, r in enumerate(self.rows):
            values = (
                tr(URGENCY_TEXT.get(r.urgency or "", r.urgency or "—")),
                r.requested_week,
                " / ".join(x for x in (r.site_code, r.unit_code) if x) or "—",
                contact_text(r),
                code_label("activation_source", r.source) if r.source else "—",
                "—" if r.people is None else str(r.people),
            )
            for column, text in enumerate(values):
                self.table.setItem(row, column, cell(text, right=column == 5))
        self.table.setVisible(bool(self.rows))
        self.empty.setVisible(not self.rows)
        parts = [
            f"{tr(OUTCOME_TEXT.get(code, code))}: {c.text}"
            for code, c in self.figures.cells.items()
        ]
        self.summary.setText(
            tr("All requests reported ({total}): {parts}.").format(
                total=self.figures.total.text, parts="; ".join(parts)
            )
        )

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, SvdeskError):
            self.message.show_message(exc.message)
        else:
            show_error(self, exc)
