"""Staff survey figures by wave (issue 14, item 5): for each wave of a survey, the subscale means
with their 95 % intervals and the number of responses, and the change from the wave before
(difference of means with Welch's 95 % interval: the responses are anonymous, so the two waves
are independent samples, not the same people answering twice).

Small cells: a unit with fewer responses in a wave than the suppression threshold counts for
none of that wave's figures (its responses are left out of the all-units figures too, so they
cannot be worked out by subtraction); a wave with fewer counted responses than the threshold
shows no means, and a change is shown only between two waves that both show theirs.
"""

from __future__ import annotations

import json
import math
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Final, Literal

from svdesk.access.session import Session
from svdesk.content.surveys import Survey, bundled_surveys, score
from svdesk.coordinator.suppression import DEFAULT_THRESHOLD, check_threshold
from svdesk.coordinator.survey_figures import SubscaleFigure, subscale_figures, t975
from svdesk.coordinator.waves import list_waves
from svdesk.errors import InvalidInput
from svdesk.exchange.wave_file import Wave

Reading = Literal["better", "worse", "slightly_better", "slightly_worse", "no_clear_change"]
READINGS: Final[dict[str, str]] = {
    "better": "Better, by at least the survey's meaningful change.",
    "worse": "Worse, by at least the survey's meaningful change.",
    "slightly_better": "Better, but by less than the survey's meaningful change.",
    "slightly_worse": "Worse, but by less than the survey's meaningful change.",
    "no_clear_change": "No clear change: the interval includes no change at all.",
}


@dataclass(frozen=True)
class WaveFigures:
    wave: Wave
    responses: int  # counted: of units that reached the threshold in this wave
    units_withheld: int  # units with some responses, but fewer than the threshold
    subscales: tuple[SubscaleFigure, ...]
    threshold: int

    @property
    def shown(self) -> bool:
        return self.responses >= self.threshold


@dataclass(frozen=True)
class WaveChange:
    """The change of a subscale's mean from wave `earlier` to wave `later` (later − earlier);
    None when either wave's mean is withheld."""

    subscale_id: str
    label: str
    earlier: str  # wave ids
    later: str
    difference: float | None
    low: float | None
    high: float | None
    reading: Reading | None
    meaningful_change: float


@dataclass(frozen=True)
class WaveSeries:
    survey_id: str
    title: str
    threshold: int
    unit: str | None
    waves: tuple[WaveFigures, ...]  # oldest first
    changes: tuple[WaveChange, ...]  # consecutive waves, each subscale


def _values(
    survey: Survey, session: Session, wave: Wave, unit: str | None, threshold: int
) -> tuple[list[dict[str, float | None]], int]:
    """The scored responses of `wave` (of `unit`, or of every unit of the wave that reached the
    threshold) and the number of units left out for having fewer responses."""
    clauses = ["survey_id = ?", "survey_version = ?", "week >= ?", "week <= ?"]
    params: list[object] = [wave.survey_id, wave.survey_version, wave.start_week, wave.end_week]
    if unit is not None:
        clauses.append("unit_code = ?")
        params.append(unit)
    by_unit: dict[str | None, list[dict[str, float | None]]] = {}
    for unit_code, answers in session.db.execute(
        f"SELECT unit_code, answers FROM coord_survey_responses WHERE {' AND '.join(clauses)}",
        params,
    ):
        if wave.includes(unit_code):
            by_unit.setdefault(unit_code, []).append(score(survey, json.loads(answers)))
    counts = Counter({u: len(v) for u, v in by_unit.items()})
    kept = [s for u, scored in by_unit.items() if counts[u] >= threshold for s in scored]
    return kept, sum(1 for n in counts.values() if n < threshold)


def _welch(a: list[float], b: list[float]) -> tuple[float, float, float]:
    """b's mean − a's, and its 95 % interval (Welch–Satterthwaite degrees of freedom)."""
    difference = statistics.fmean(b) - statistics.fmean(a)
    va, vb = statistics.variance(a) / len(a), statistics.variance(b) / len(b)
    se = math.sqrt(va + vb)
    if se == 0:
        return difference, difference, difference
    df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    half = t975(max(4, math.floor(df))) * se
    return difference, difference - half, difference + half


def _reading(
    difference: float, low: float, high: float, meaningful: float, higher_better: bool
) -> Reading:
    if low <= 0 <= high:
        return "no_clear_change"
    improved = (difference > 0) == higher_better
    if abs(difference) >= meaningful:
        return "better" if improved else "worse"
    return "slightly_better" if improved else "slightly_worse"


def wave_figures(
    session: Session,
    survey_id: str,
    *,
    unit: str | None = None,
    threshold: int = DEFAULT_THRESHOLD,
) -> WaveSeries:
    """The figures of every wave of `survey_id` (for one unit, or all units), oldest first,
    and the change between each two consecutive waves."""
    check_threshold(threshold)
    survey = bundled_surveys().get(survey_id)
    if survey is None:
        raise InvalidInput(f"{survey_id!r} is not a survey this coordinator has.")
    figures: list[WaveFigures] = []
    samples: list[dict[str, list[float]]] = []
    for wave in list_waves(session, survey.id):
        if unit is not None and not wave.includes(unit):
            continue
        scored, withheld = _values(survey, session, wave, unit, threshold)
        per_sub = {
            sub.id: [float(v) for s in scored if (v := s.get(sub.id)) is not None]
            for sub in survey.subscales
        }
        figures.append(
            WaveFigures(
                wave=wave,
                responses=len(scored),
                units_withheld=withheld,
                subscales=subscale_figures(survey, scored, threshold),
                threshold=threshold,
            )
        )
        samples.append(per_sub)
    changes: list[WaveChange] = []
    for i in range(1, len(figures)):
        earlier, later = figures[i - 1], figures[i]
        for sub, before, after in zip(
            survey.subscales, earlier.subscales, later.subscales, strict=True
        ):
            if before.mean is None or after.mean is None:
                changes.append(
                    WaveChange(
                        sub.id, sub.label, earlier.wave.wave_id, later.wave.wave_id,
                        None, None, None, None, sub.meaningful_change,
                    )
                )  # fmt: skip
                continue
            difference, low, high = _welch(samples[i - 1][sub.id], samples[i][sub.id])
            changes.append(
                WaveChange(
                    sub.id, sub.label, earlier.wave.wave_id, later.wave.wave_id,
                    difference, low, high,
                    _reading(difference, low, high, sub.meaningful_change, sub.better == "higher"),
                    sub.meaningful_change,
                )
            )  # fmt: skip
    return WaveSeries(
        survey_id=survey.id,
        title=survey.title,
        threshold=threshold,
        unit=unit,
        waves=tuple(figures),
        changes=tuple(changes),
    )


def wave_changes(series: WaveSeries, later: str) -> tuple[WaveChange, ...]:
    """The changes into wave `later` (from the wave before it), one per subscale."""
    return tuple(c for c in series.changes if c.later == later)
