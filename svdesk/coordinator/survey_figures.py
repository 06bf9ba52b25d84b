"""Staff survey figures at the coordinator (issue 14): per subscale of a bundled survey, the
mean score of the period's kiosk responses with its 95 % confidence interval, and the same by
month to show the trend. A period, unit or month with fewer responses than the suppression
threshold shows no figures (its count is shown as "<11").

Responses are scored with the survey file's own rules (`svdesk.content.surveys.score`); a
response that answers too few items of a subscale does not count for that subscale."""

from __future__ import annotations

import json
import math
import statistics
from dataclasses import dataclass

from svdesk.access.session import Session
from svdesk.content.surveys import Survey, bundled_surveys, score
from svdesk.coordinator.periods import period_clauses
from svdesk.coordinator.summaries import period_month
from svdesk.coordinator.suppression import DEFAULT_THRESHOLD, check_threshold
from svdesk.errors import InvalidInput

# Two-sided 95 % quantiles of Student's t by degrees of freedom (a threshold of at least 5
# responses gives at least 4); beyond the table the normal 1.96 is within 0.3 % of t.
_T975 = {
    4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228, 11: 2.201,
    12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120, 17: 2.110, 18: 2.101, 19: 2.093,
    20: 2.086, 21: 2.080, 22: 2.074, 23: 2.069, 24: 2.064, 25: 2.060, 26: 2.056, 27: 2.052,
    28: 2.048, 29: 2.045, 30: 2.042, 40: 2.021, 60: 2.000, 120: 1.980,
}  # fmt: skip


def t975(df: int) -> float:
    """The 97.5 % quantile of t with `df` degrees of freedom (the next smaller tabled df above
    30, which errs on the wide side)."""
    if df < 4:
        raise ValueError("too few responses for an interval")
    if df in _T975:
        return _T975[df]
    below = [d for d in _T975 if d <= df]
    return _T975[max(below)] if df <= 120 else 1.96


@dataclass(frozen=True)
class SubscaleFigure:
    subscale_id: str
    label: str
    n: int  # responses scored on this subscale
    mean: float | None  # None when n is below the threshold
    low: float | None
    high: float | None
    reading: str


@dataclass(frozen=True)
class SurveyFigures:
    survey_id: str
    title: str
    validated: bool
    threshold: int
    responses: int
    subscales: tuple[SubscaleFigure, ...]
    by_month: dict[str, tuple[SubscaleFigure, ...]]  # YYYY-MM → subscales, oldest first
    not_scored: int  # responses to another version of the survey (or one it does not have)

    @property
    def shown(self) -> bool:
        return self.responses >= self.threshold


def subscale_figures(
    survey: Survey, scored: list[dict[str, float | None]], threshold: int
) -> tuple[SubscaleFigure, ...]:
    """Each subscale's mean of the responses `scored` on it, with its 95 % interval (withheld
    below `threshold`)."""
    out = []
    for sub in survey.subscales:
        values = [s[sub.id] for s in scored if s.get(sub.id) is not None]
        numbers = [float(v) for v in values if v is not None]
        n = len(numbers)
        mean = low = high = None
        if n >= threshold:
            mean = statistics.fmean(numbers)
            half = t975(n - 1) * statistics.stdev(numbers) / math.sqrt(n)
            low, high = mean - half, mean + half
        out.append(SubscaleFigure(sub.id, sub.label, n, mean, low, high, sub.reading_aid()))
    return tuple(out)


def survey_figures(
    session: Session,
    survey_id: str,
    *,
    period_from: str | None = None,
    period_to: str | None = None,
    unit: str | None = None,
    threshold: int = DEFAULT_THRESHOLD,
) -> SurveyFigures:
    """The figures of `survey_id`'s responses of ISO weeks `period_from`..`period_to` and a
    unit (all units when None)."""
    check_threshold(threshold)
    survey = bundled_surveys().get(survey_id)
    if survey is None:
        raise InvalidInput(f"{survey_id!r} is not a survey this coordinator has.")
    period, period_params = period_clauses(period_from, period_to, unit, "week")
    clauses, params = ["survey_id = ?", *period], [survey_id, *period_params]
    scored: list[tuple[str, dict[str, float | None]]] = []
    not_scored = 0
    for version, week, answers in session.db.execute(
        f"SELECT survey_version, week, answers FROM coord_survey_responses "
        f"WHERE {' AND '.join(clauses)}",
        params,
    ):
        if version != survey.version:
            not_scored += 1
            continue
        scored.append((period_month(str(week)), score(survey, json.loads(answers))))
    months = sorted({month for month, _ in scored})
    return SurveyFigures(
        survey_id=survey.id,
        title=survey.title,
        validated=survey.validated,
        threshold=threshold,
        responses=len(scored),
        subscales=subscale_figures(survey, [s for _, s in scored], threshold),
        by_month={
            month: subscale_figures(survey, [s for m, s in scored if m == month], threshold)
            for month in months
        },
        not_scored=not_scored,
    )


def surveys_with_responses(session: Session) -> list[str]:
    """The ids of bundled surveys that have responses here, in survey-id order."""
    have = {
        str(r[0])
        for r in session.db.execute("SELECT DISTINCT survey_id FROM coord_survey_responses")
    }
    return [s for s in sorted(bundled_surveys()) if s in have]
