"""The dashboard's tables as the leadership report shows them (no Qt): each section's rows with
small-cell suppression ("<11", complementary suppression, no percentages from hidden cells).
The PDF report (`report_pdf`) draws them and the dashboard shows them when "as reported" is on.

Every text of a section comes from the report texts in the report's language
(`svdesk.coordinator.report_texts`, resources/reports/texts.toml): `section.<key>` is its title,
`section.<key>.note`, `.total` and `.row.<code>` its note, total and fixed row labels, and rows of
a `field` take the vocabulary's label in that language. The English given in the code is used
only when the texts lack an id; tests/ui/test_report_languages.py fails for any such section.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from svdesk.content.catalogue import Catalogue
from svdesk.content.record_fields import load_record_vocabulary
from svdesk.content.surveys import bundled_surveys
from svdesk.coordinator.dashboard import DashboardFigures
from svdesk.coordinator.outcomes import Outcome, OutcomeFigures
from svdesk.coordinator.report_texts import cell_text, report_texts, shown_text
from svdesk.coordinator.reports import LOAD_BANDS, load_not_available, survey_labels
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
    field: str | None = None  # the vocabulary field that labels the rows' codes

    def shown_max(self) -> int:
        return max((r.cell.count for r in self.rows if not r.cell.suppressed), default=0)


def code_label(field: str, code: str, language: str | None = None) -> str:
    """A code's label in the vocabulary of `language` (default: the interface's)."""
    language = language or content_language()
    if code == NOT_RECORDED:
        return report_texts(language).text("row.not_recorded")
    try:
        return load_record_vocabulary(language=language).label(field, code)
    except Exception:  # a field the vocabulary lacks: the code is still meaningful
        return code


# The English value headers the code writes, and their report texts.
_VALUE_HEADERS = {"Count": "value.count", "Figure": "value.figure", "Mean": "value.mean"}


def localised(section: ReportSection, language: str) -> ReportSection:
    """`section` with its title, note, total, value header and row labels in `language` (see
    the module's note); what the texts lack keeps the code's English."""
    texts = report_texts(language)
    key = f"section.{section.key}"

    def label(row: ReportRow) -> str:
        fixed = f"{key}.row.{row.code}"
        if texts.has(fixed):
            return texts.text(fixed)
        return code_label(section.field, row.code, language) if section.field else row.label

    header = _VALUE_HEADERS.get(section.value_header)
    return replace(
        section,
        title=texts.get(key, section.title),
        rows=tuple(replace(r, label=label(r)) for r in section.rows),
        total_label=texts.get(
            f"{key}.total",
            texts.text("row.total") if section.total_label == "Total" else section.total_label,
        ),
        note=texts.get(f"{key}.note", section.note) if section.note else "",
        value_header=texts.text(header) if header else section.value_header,
    )


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
        key, title, tuple(rows), suppressed.total, total_label, note, with_total=with_total,
        field=field,
    )  # fmt: skip


def _unsuppressed(counts: Mapping[str, int], threshold: int, total: int | None) -> SuppressedCounts:
    """The same shape with nothing hidden: the coordinator's own dashboard view."""
    whole = sum(counts.values()) if total is None else total
    return SuppressedCounts(
        cells={k: Cell(v, False, threshold) for k, v in counts.items()},
        total=Cell(whole, False, threshold),
    )


def load_bands(load: Sequence[int]) -> dict[str, int]:
    """How many supporters held how many conversations, by band code ("1-5", "21+")."""
    return {
        f"{low}+" if high is None else f"{low}-{high}": sum(
            1 for n in load if n >= low and (high is None or n <= high)
        )
        for low, high in LOAD_BANDS
    }


def band_labels(texts: Catalogue) -> dict[str, str]:
    """The load bands' labels ("1–5 conversations") by band code."""
    return {
        f"{low}+" if high is None else f"{low}-{high}": (
            texts.text("band.open", low=low)
            if high is None
            else texts.text("band.range", low=low, high=high)
        )
        for low, high in LOAD_BANDS
    }


def report_sections(
    figures: DashboardFigures,
    *,
    threshold: int = DEFAULT_THRESHOLD,
    suppress: bool = True,
    language: str | None = None,
) -> list[ReportSection]:
    """Every table of the report, suppressed with `threshold` (minimum 5) unless `suppress` is
    False (the coordinator's own view, never for output); in `language` (default: the
    interface's content language)."""
    check_threshold(threshold)
    t = threshold
    lang = language or content_language()

    def _section(*args: Any, **kwargs: Any) -> ReportSection:
        return localised(_make_section(*args, suppress=suppress, **kwargs), lang)

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
            report_texts(lang),
            _section(
                "supporter_load",
                "Supporter load",
                load,
                threshold=t,
                labels=band_labels(report_texts(lang)),
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


def supporter_load_section(
    figures: DashboardFigures, texts: Catalogue, section: ReportSection
) -> ReportSection:
    """The supporter-load section, or, when no encounter of the period carries a supporter id
    (every bundle of format 2 and later), one that says the figure is not available instead of
    showing every band as 0."""
    if not load_not_available(figures):
        return section
    return ReportSection(
        section.key, section.title, (), section.total, section.total_label,
        note=texts.text("load.not_available"), with_total=False,
    )  # fmt: skip


def outcome_figure_text(outcome: Outcome, texts: Catalogue) -> str:
    """An outcome's figure as the report shows it: "83 %", "1.5 weeks" ("1,5 semanas"),
    "withheld" or "no records", in the texts' language."""
    if outcome.value is None:
        return texts.text("figure.no_records" if outcome.whole == 0 else "figure.withheld")
    if outcome.part is None:  # a median, in weeks
        return texts.plural("figure.weeks", outcome.value, n=texts.short_number(outcome.value))
    return texts.text("figure.percent", value=texts.number(100 * outcome.value))


def outcome_section(outcomes: OutcomeFigures, language: str | None = None) -> ReportSection:
    """The outcomes of support as one section of measures: each figure with its base in the
    label ("<11" when small), withheld figures shown as hidden, no bars."""
    texts = report_texts(language or content_language())
    t = outcomes.threshold
    rows = tuple(
        ReportRow(
            o.code,
            texts.text(
                "outcome.row",
                label=texts.get(f"outcome.{o.code}", o.label),
                base=shown_text(o.base_text(t), texts),
            ),
            Cell(o.part or 0, not o.shown, t),
            None,
            figure=outcome_figure_text(o, texts) if o.shown else None,
        )
        for o in outcomes.outcomes
    )
    followed = outcomes.cases_followed
    return ReportSection(
        "outcomes",
        texts.text("section.outcomes"),
        rows,
        Cell(followed, 0 < followed < t, t),
        texts.text("section.outcomes.total"),
        note=texts.text("section.outcomes.note"),
        with_total=False,
        value_header=texts.text("value.figure"),
    )


def survey_section(survey: SurveyFigures, language: str | None = None) -> ReportSection:
    """A staff survey as a section of measures: each subscale's mean, its 95 % interval and
    responses in the label, then the same by month; below the threshold no mean is shown."""
    lang = language or content_language()
    texts = report_texts(lang)
    t = survey.threshold
    title, labels = survey_labels(survey, lang)
    own = bundled_surveys(lang).get(survey.survey_id) if lang != "en" else None
    readings_by_id = {s.id: s.reading_aid() for s in own.subscales} if own is not None else {}

    def row(code: str, label: str, sub: SubscaleFigure) -> ReportRow:
        n = count_text(sub.n, t)
        figure = (
            texts.text(
                "survey.figure",
                mean=texts.number(sub.mean, 2),
                low=texts.number(sub.low, 2),
                high=texts.number(sub.high, 2),
            )
            if sub.mean is not None and sub.low is not None and sub.high is not None
            else None
        )
        return ReportRow(
            code, texts.text("survey.row", label=label, n=n), Cell(sub.n, figure is None, t),
            None, figure=figure,
        )  # fmt: skip

    def name(sub: SubscaleFigure) -> str:
        return labels.get(sub.subscale_id, sub.label)

    rows = [row(s.subscale_id, name(s), s) for s in survey.subscales]
    for month, subs in survey.by_month.items():
        rows += [
            row(
                f"{s.subscale_id}.{month}",
                texts.text("survey.month_row", month=month, label=name(s)),
                s,
            )
            for s in subs
        ]
    kind = texts.text("survey.validated" if survey.validated else "survey.not_validated")
    readings = " ".join(
        texts.text(
            "survey.reading", label=name(s), reading=readings_by_id.get(s.subscale_id, s.reading)
        )
        for s in survey.subscales
    )
    return ReportSection(
        f"survey.{survey.survey_id}",
        texts.text("section.survey", title=title),
        tuple(rows),
        Cell(survey.responses, 0 < survey.responses < t, t),
        texts.text("section.survey.total"),
        note=texts.text("section.survey.note", kind=kind, readings=readings),
        with_total=False,
        value_header=texts.text("value.mean"),
    )


def percent_text(value: float | None, language: str | None = None) -> str:
    if value is None:
        return "—"
    texts = report_texts(language or content_language())
    return texts.text("figure.percent", value=texts.number(value))


def period_text(figures: DashboardFigures, language: str | None = None) -> str:
    texts = report_texts(language or content_language())
    start, end = figures.period_from, figures.period_to
    if start and end:
        period = texts.text("period.both", start=start, end=end)
    elif start:
        period = texts.text("period.from", start=start)
    elif end:
        period = texts.text("period.to", end=end)
    else:
        period = texts.text("period.all")
    unit = figures.unit or texts.text("about.all_units")
    return texts.text("period.line", period=period, unit=unit)


def shown_cell(cell: Cell, language: str | None = None) -> str:
    """A cell's text in the report's language ("suppressed" → "suprimido")."""
    return cell_text(cell, report_texts(language or content_language()))
