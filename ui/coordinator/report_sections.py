"""The dashboard's tables as the leadership report shows them (no Qt): each section's rows with
small-cell suppression ("<11", complementary suppression, no percentages from hidden cells).
The PDF report (`report_pdf`) draws them and the dashboard shows them when "as reported" is on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from svdesk.content.record_fields import load_record_vocabulary
from svdesk.coordinator.dashboard import DashboardFigures
from svdesk.coordinator.outcomes import OutcomeFigures
from svdesk.coordinator.reports import LOAD_BANDS, LOAD_NOT_AVAILABLE, load_not_available
from svdesk.coordinator.summaries import NOT_RECORDED
from svdesk.coordinator.suppression import (
    DEFAULT_THRESHOLD,
    Cell,
    SuppressedCounts,
    check_threshold,
    count_text,
    suppress_counts,
)
from svdesk.coordinator.survey_figures import SubscaleFigure, SurveyFigures
from ui.runtime.language import content_language


@dataclass(frozen=True)
class ReportRow:
    code: str
    label: str
    cell: Cell
    percent: float | None  # of the section total; None when the cell or total is hidden
    figure: str | None = None  # a measure's text ("59 %", "1 week") in place of the count


@dataclass(frozen=True)
class ReportSection:
    """One table of the report: category rows, a total, and a sentence on what is counted."""

    key: str
    title: str
    rows: tuple[ReportRow, ...]
    total: Cell
    total_label: str
    note: str = ""
    with_total: bool = True  # False for a list of separate measures (no meaningful total)
    value_header: str = "Count"

    def shown_max(self) -> int:
        return max((r.cell.count for r in self.rows if not r.cell.suppressed), default=0)


def code_label(field: str, code: str) -> str:
    if code == NOT_RECORDED:
        return "Not recorded"
    try:
        return load_record_vocabulary(language=content_language()).label(field, code)
    except Exception:  # a field the vocabulary lacks: the code is still meaningful
        return code


def _make_section(
    key: str,
    title: str,
    counts: Mapping[str, int],
    *,
    threshold: int,
    field: str | None = None,
    labels: Mapping[str, str] | None = None,
    total: int | None = None,
    total_label: str = "Total",
    note: str = "",
    drop_empty_not_recorded: bool = True,
    with_total: bool = True,
    suppress: bool = True,
) -> ReportSection:
    items = {
        k: int(v)
        for k, v in counts.items()
        if not (drop_empty_not_recorded and k == NOT_RECORDED and v == 0)
    }
    suppressed = (
        suppress_counts(items, threshold=threshold, total=total)
        if suppress
        else _unsuppressed(items, threshold, total)
    )
    rows = []
    for code in items:
        if labels is not None and code in labels:
            label = labels[code]
        elif field is not None:
            label = code_label(field, code)
        else:
            label = code
        percent = suppressed.percent(code) if with_total else None
        rows.append(ReportRow(code, label, suppressed.cells[code], percent))
    return ReportSection(
        key, title, tuple(rows), suppressed.total, total_label, note, with_total=with_total
    )


def _unsuppressed(counts: Mapping[str, int], threshold: int, total: int | None) -> SuppressedCounts:
    """The same shape with nothing hidden: the coordinator's own dashboard view."""
    whole = sum(counts.values()) if total is None else total
    return SuppressedCounts(
        cells={k: Cell(v, False, threshold) for k, v in counts.items()},
        total=Cell(whole, False, threshold),
    )


def load_bands(load: Sequence[int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for low, high in LOAD_BANDS:
        label = f"{low} or more conversations" if high is None else f"{low}–{high} conversations"
        out[label] = sum(1 for n in load if n >= low and (high is None or n <= high))
    return out


def report_sections(
    figures: DashboardFigures, *, threshold: int = DEFAULT_THRESHOLD, suppress: bool = True
) -> list[ReportSection]:
    """Every table of the report, suppressed with `threshold` (minimum 5) unless `suppress` is
    False (the coordinator's own view, never for output)."""
    check_threshold(threshold)
    t = threshold

    def _section(*args: Any, **kwargs: Any) -> ReportSection:
        return _make_section(*args, suppress=suppress, **kwargs)

    planned = figures.followup.get("planned", 0)
    completed = figures.followup.get("completed", 0)
    load = load_bands(figures.supporter_load)
    open_not_overdue = max(0, figures.escalations_open - figures.escalations_overdue)
    return [
        _section(
            "summary",
            "Conversations and people reached",
            {"encounters": figures.encounters, "people_reached": figures.people_reached},
            threshold=t,
            labels={"encounters": "Support conversations", "people_reached": "People reached"},
            note="People reached counts everyone in group conversations.",
            with_total=False,
        ),
        _section("per_month", "Conversations per month", figures.per_month, threshold=t),
        _section(
            "unit_category",
            "By unit category",
            figures.by_unit_category,
            threshold=t,
            field="unit_category",
        ),
        _section("role", "By role", figures.by_role, threshold=t, field="role_category"),
        _section(
            "event_category",
            "By event category",
            figures.by_event_category,
            threshold=t,
            field="event_categories",
            total=figures.encounters,
            total_label="Conversations",
            note="A conversation can have several event categories; percentages are of "
            "conversations.",
        ),
        _section(
            "response_time",
            "Response time",
            figures.response_time,
            threshold=t,
            field="response_time",
            note="Time from the request for support to the conversation.",
        ),
        _section(
            "format",
            "Individual or group",
            figures.by_format,
            threshold=t,
            field="format",
        ),
        _section(
            "people_by_format",
            "People reached, individual or group",
            figures.people_reached_by_format,
            threshold=t,
            field="format",
            total_label="People reached",
        ),
        _section(
            "escalation_level",
            "Escalation by level",
            figures.escalation_level,
            threshold=t,
            field="escalation_level",
            note="Percentages are the escalation rate of conversations at each level.",
        ),
        _section(
            "referral_accepted",
            "Referral acceptance",
            figures.referral_accepted,
            threshold=t,
            field="referral_accepted",
        ),
        _section(
            "followup",
            "Follow-up completion",
            {"completed": completed, "not_completed": max(0, planned - completed)},
            threshold=t,
            labels={"completed": "Followed up", "not_completed": "Not (yet) followed up"},
            total_label="Follow-ups planned",
        ),
        _section("needs_met", "Needs met", figures.needs_met, threshold=t, field="needs_met"),
        _section(
            "supporter_distress",
            "Supporters' own distress after the conversation",
            figures.supporter_distress,
            threshold=t,
            field="supporter_own_distress",
        ),
        supporter_load_section(
            figures,
            _section(
                "supporter_load",
                "Supporter load",
                load,
                threshold=t,
                total_label="Supporters",
                note="Number of supporters by how many conversations each held in the period.",
            ),
        ),
        _section(
            "escalations_open",
            "Escalations open at the time of the report",
            {"open": open_not_overdue, "overdue": figures.escalations_overdue},
            threshold=t,
            labels={"open": "Open, within the due time", "overdue": "Overdue"},
        ),
    ]


def supporter_load_section(figures: DashboardFigures, section: ReportSection) -> ReportSection:
    """The supporter-load section, or, when no encounter of the period carries a supporter id
    (every bundle of format 2 and later), one that says the figure is not available instead of
    showing every band as 0."""
    if not load_not_available(figures):
        return section
    return ReportSection(
        section.key, section.title, (), section.total, section.total_label,
        note=LOAD_NOT_AVAILABLE, with_total=False,
    )  # fmt: skip


def outcome_section(outcomes: OutcomeFigures) -> ReportSection:
    """The outcomes of support as one section of measures: each figure with its base in the
    label ("<11" when small), withheld figures shown as hidden, no bars."""
    t = outcomes.threshold
    rows = tuple(
        ReportRow(
            o.code,
            f"{o.label} (of {o.base_text(t)})",
            Cell(o.part or 0, not o.shown, t),
            None,
            figure=o.figure_text(t) if o.shown else None,
        )
        for o in outcomes.outcomes
    )
    followed = outcomes.cases_followed
    return ReportSection(
        "outcomes",
        "Outcomes of support",
        rows,
        Cell(followed, 0 < followed < t, t),
        "Cases followed up",
        note=(
            "Higher is better, except weeks to green (lower is better) and referrals accepted "
            "(a colleague may rightly decline). Cases are counted by the week of their first "
            "conversation, escalations by the week they were raised; weeks are ISO weeks. A "
            "figure is withheld when its base, or the part or the rest of it, is a small count. "
            "Low use of the program can mean barriers to access, not low need."
        ),
        with_total=False,
        value_header="Figure",
    )


def survey_section(survey: SurveyFigures) -> ReportSection:
    """A staff survey as a section of measures: each subscale's mean, its 95 % interval and
    responses in the label, then the same by month; below the threshold no mean is shown."""
    t = survey.threshold

    def row(code: str, label: str, sub: SubscaleFigure) -> ReportRow:
        n = count_text(sub.n, t)
        shown = sub.mean is not None
        figure = f"{sub.mean:.2f} (95 % CI {sub.low:.2f}–{sub.high:.2f})" if shown else None
        return ReportRow(
            code, f"{label} ({n} responses)", Cell(sub.n, not shown, t), None, figure=figure
        )

    rows = [row(s.subscale_id, s.label, s) for s in survey.subscales]
    for month, subs in survey.by_month.items():
        rows += [row(f"{s.subscale_id}.{month}", f"{month}: {s.label}", s) for s in subs]
    kind = "a validated instrument" if survey.validated else "written by the program, not validated"
    readings = " ".join(f"{s.label}: {s.reading}" for s in survey.subscales)
    return ReportSection(
        f"survey.{survey.survey_id}",
        f"Staff survey: {survey.title}",
        tuple(rows),
        Cell(survey.responses, 0 < survey.responses < t, t),
        "Responses",
        note=f"Anonymous kiosk responses ({kind}); mean of the subscale's items. {readings}",
        with_total=False,
        value_header="Mean",
    )


def percent_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f} %"


def period_text(figures: DashboardFigures) -> str:
    start, end = figures.period_from, figures.period_to
    if start and end:
        period = f"{start} to {end}"
    elif start:
        period = f"from {start}"
    elif end:
        period = f"up to {end}"
    else:
        period = "all weeks"
    return f"Period: {period} · Unit: {figures.unit or 'all units'}"
