"""Recipient feedback at the coordinator (issue 14, items 3 and 5): the responses of bundle format 4
checked and stored (`coord_feedback_responses`: the unit and the month only), and their summary
for the Effectiveness tab and the reports — how many answered, the share who found the
conversation helpful and who would recommend peer support (answering 4 or 5 of 5), and what
would have helped, counted by choice — with the small-cell rules of `suppression`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from svdesk.access.session import Session
from svdesk.content.feedback_survey import (
    CHOICE_ITEM,
    POSITIVE_FROM,
    SCALE_ITEMS,
    feedback_survey,
)
from svdesk.content.languages import DEFAULT_LANGUAGE
from svdesk.coordinator.rows import response_answers
from svdesk.coordinator.summaries import period_month
from svdesk.coordinator.suppression import (
    DEFAULT_THRESHOLD,
    Cell,
    SuppressedCounts,
    check_threshold,
    count_text,
    suppress_counts,
)
from svdesk.exchange import bundle
from svdesk.exchange.weeks import parse_week
from svdesk.storage.db import Database

# ---------------------------------------------------------------- import


def feedback_rows(opened: bundle.OpenedBundle) -> list[tuple[Any, ...]]:
    """The bundle's feedback as coord_feedback_responses rows. A response to this coordinator's
    feedback survey (id and version) must answer its items on their scales; ValueError (with a
    sentence) otherwise, before anything is written. One to another version is kept as it came
    (shape checked by the bundle) and left out of the figures."""
    m = opened.manifest
    survey = feedback_survey()
    out: list[tuple[Any, ...]] = []
    for r in opened.feedback_responses:
        known = survey if r["survey_id"] == survey.id else None
        answers = response_answers(r, known, "a feedback response")
        out.append(
            (
                r["response_id"],
                m.workstation_id,
                m.site_code,
                m.unit_code,
                r["survey_id"],
                r["survey_version"],
                r["month"],
                json.dumps(answers, sort_keys=True),
            )
        )
    return out


def insert_feedback(db: Database, rows: list[tuple[Any, ...]]) -> None:
    """Responses never change: a resent one is already there and stays as it is."""
    db.conn.executemany(
        "INSERT OR IGNORE INTO coord_feedback_responses (response_id, workstation_id, site_code, "
        "unit_code, survey_id, survey_version, month, answers) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


# ---------------------------------------------------------------- the summary


@dataclass(frozen=True)
class ShareFigure:
    """The share answering `POSITIVE_FROM` or more of those who answered one question; None
    when either part is a small cell."""

    item: str
    label: str
    answered: int
    positive: Cell
    percent: float | None


@dataclass(frozen=True)
class FeedbackSummary:
    title: str
    threshold: int
    responses: int
    shares: tuple[ShareFigure, ...]
    would_have_helped: SuppressedCounts  # choice label -> count
    choice_labels: tuple[str, ...]
    by_unit: SuppressedCounts  # unit code -> responses
    not_scored: int  # responses to another version of the feedback survey

    @property
    def shown(self) -> bool:
        return self.responses >= self.threshold

    @property
    def responses_text(self) -> str:
        return count_text(self.responses, self.threshold)


def _month_bounds(period_from: str | None, period_to: str | None) -> tuple[str | None, str | None]:
    """The months of ISO weeks `period_from`..`period_to` (feedback is kept by month: a month
    counts when its weeks' Thursday months overlap the period)."""
    for week in (period_from, period_to):
        if week is not None:
            parse_week(week)
    return (
        None if period_from is None else period_month(period_from),
        None if period_to is None else period_month(period_to),
    )


def feedback_summary(
    session: Session,
    *,
    period_from: str | None = None,
    period_to: str | None = None,
    unit: str | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    language: str = DEFAULT_LANGUAGE,
) -> FeedbackSummary:
    """The feedback of the months of ISO weeks `period_from`..`period_to` and a unit (all units
    when None), every count and share with the small-cell rules."""
    check_threshold(threshold)
    survey = feedback_survey(language)
    first, last = _month_bounds(period_from, period_to)
    clauses, params = ["survey_id = ?"], [survey.id]
    for column, op, value in (
        ("month", ">=", first),
        ("month", "<=", last),
        ("unit_code", "=", unit),
    ):
        if value is not None:
            clauses.append(f"{column} {op} ?")
            params.append(value)
    answered: list[dict[str, int]] = []
    units: dict[str, int] = {}
    not_scored = 0
    for version, unit_code, answers in session.db.execute(
        "SELECT survey_version, unit_code, answers FROM coord_feedback_responses "
        f"WHERE {' AND '.join(clauses)}",
        params,
    ):
        if version != survey.version:
            not_scored += 1
            continue
        answered.append(json.loads(answers))
        units[str(unit_code or "")] = units.get(str(unit_code or ""), 0) + 1
    shares = []
    for item_id in SCALE_ITEMS:
        values = [a[item_id] for a in answered if item_id in a]
        positive = sum(1 for v in values if v >= POSITIVE_FROM)
        counts = suppress_counts(
            {"positive": positive, "other": len(values) - positive}, threshold=threshold
        )
        shares.append(
            ShareFigure(
                item_id,
                next(s.label for s in survey.subscales if s.id == item_id),
                len(values),
                counts.cells["positive"],
                counts.percent("positive"),
            )
        )
    scale = survey.scale(survey.item(CHOICE_ITEM).scale)
    choices = {
        point.label: sum(1 for a in answered if a.get(CHOICE_ITEM) == point.value)
        for point in scale.points
    }
    return FeedbackSummary(
        title=survey.title,
        threshold=threshold,
        responses=len(answered),
        shares=tuple(shares),
        would_have_helped=suppress_counts(choices, threshold=threshold),
        choice_labels=tuple(choices),
        by_unit=suppress_counts(dict(sorted(units.items())), threshold=threshold),
        not_scored=not_scored,
    )
