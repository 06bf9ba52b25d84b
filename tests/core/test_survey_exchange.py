"""Kiosk survey responses travel unit → coordinator (issue 14; bundle format 3) with nothing
but survey, version, week and answers, and the coordinator's figures: subscale means with 95 %
intervals, by month, withheld below the suppression threshold."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest
from test_bundle_support import FakeSession, coordinator_session
from test_coordinator import export_now, import_, pair_unit

from svdesk.coordinator.survey_figures import survey_figures, surveys_with_responses, t975
from svdesk.exchange import fields

SURVEY = "program_pulse"
ALL_FOURS = {
    "know_reach": 4, "know_what_happens": 4, "know_out_of_hours": 4,
    "trust_confidential": 4, "trust_not_held_against": 4, "trust_worry_found_out": 2,
    "helped_soon_enough": 4, "helped_carry_on": 4, "helped_recommend": 4,
}  # fmt: skip


def _respond(unit: FakeSession, week: str, answers: dict[str, int], version: str = "1.0.0") -> str:
    rid = secrets.token_hex(16)
    unit.db.execute(
        "INSERT INTO survey_responses (id, survey_id, survey_version, week, answers) "
        "VALUES (?, ?, ?, ?, ?)",
        [rid, SURVEY, version, week, json.dumps(answers)],
    )
    unit.db.conn.commit()
    return rid


def test_answers_travel_as_item_value_codes_and_come_back() -> None:
    coded = fields.coded_survey_response(
        {"id": "a" * 32, "survey_id": SURVEY, "survey_version": "1.0.0", "week": "2026-W49",
         "answers": json.dumps({"know_reach": 4, "trust_confidential": 5})}
    )  # fmt: skip
    assert coded["answers"] == ["know_reach.4", "trust_confidential.5"]
    assert fields.survey_answers(coded["answers"]) == {"know_reach": 4, "trust_confidential": 5}
    for bad in (["know_reach"], ["know_reach.x"], ["a.1", "a.2"]):
        with pytest.raises(ValueError, match="not an answer"):
            fields.survey_answers(bad)


def test_responses_travel_once_and_the_coordinator_keeps_nothing_else(tmp_path: Path) -> None:
    coord = coordinator_session()
    unit = pair_unit(coord)
    ids = {_respond(unit, "2026-W49", ALL_FOURS) for _ in range(3)}
    (tmp_path / "1").mkdir()
    summary = import_(coord, export_now(unit, tmp_path / "1"))
    assert summary.exit_code == 0
    stored = [dict(r) for r in coord.db.query("SELECT * FROM coord_survey_responses")]
    assert {r["response_id"] for r in stored} == ids
    # Nothing but the unit, the survey, the week and the answers: no time, order or person.
    assert set(stored[0]) == {
        "response_id", "workstation_id", "site_code", "unit_code", "survey_id",
        "survey_version", "week", "answers",
    }  # fmt: skip
    assert unit.supporter.id not in json.dumps(stored)
    # On the unit a response is marked sent with a flag, never with the export (and its time).
    assert [r[0] for r in unit.db.execute("SELECT DISTINCT exported FROM survey_responses")] == [1]
    (tmp_path / "2").mkdir()
    second = export_now(unit, tmp_path / "2")
    import_(coord, second)
    assert coord.db.execute("SELECT count(*) FROM coord_survey_responses").fetchone()[0] == 3
    assert surveys_with_responses(coord) == [SURVEY]


def test_a_response_off_its_scale_refuses_the_bundle_whole(tmp_path: Path) -> None:
    coord = coordinator_session()
    unit = pair_unit(coord)
    _respond(unit, "2026-W49", {**ALL_FOURS, "know_reach": 9})
    summary = import_(coord, export_now(unit, tmp_path))
    assert [r["reason"] for r in summary.rejected] == ["corrupt"]
    assert "not on its scale" in summary.rejected[0]["message"]
    assert coord.db.execute("SELECT count(*) FROM coord_encounters").fetchone()[0] == 0
    assert coord.db.execute("SELECT count(*) FROM coord_survey_responses").fetchone()[0] == 0


def test_subscale_means_intervals_by_month_and_suppression(tmp_path: Path) -> None:
    coord = coordinator_session()
    unit = pair_unit(coord)
    # November (W45): 6 responses, know_how 3 or 5; December (W49): 3 responses only.
    for value in (3, 5, 3, 5, 3, 5):
        _respond(unit, "2026-W45", {**ALL_FOURS, "know_reach": value, "know_what_happens": value,
                                    "know_out_of_hours": value})  # fmt: skip
    for _ in range(3):
        _respond(unit, "2026-W49", ALL_FOURS)
    _respond(unit, "2026-W49", ALL_FOURS, version="0.9.0")  # another version: not scored
    import_(coord, export_now(unit, tmp_path))

    figures = survey_figures(coord, SURVEY, threshold=5)
    assert figures.responses == 9
    assert figures.not_scored == 1
    know = next(s for s in figures.subscales if s.subscale_id == "know_how")
    assert know.n == 9
    assert know.mean == pytest.approx((3 * 3 + 3 * 5 + 3 * 4) / 9)
    # sd of (3,5,3,5,3,5,4,4,4) is sqrt(0.75); t(8) = 2.306
    half = 2.306 * (0.75**0.5) / 3
    assert (know.low, know.high) == (
        pytest.approx(know.mean - half),
        pytest.approx(know.mean + half),
    )
    trust = next(s for s in figures.subscales if s.subscale_id == "trust")
    assert trust.mean == pytest.approx(4.0)  # the reverse item 2 counts as 4
    assert "Higher is better" in trust.reading

    assert list(figures.by_month) == ["2026-11", "2026-12"]
    november = next(s for s in figures.by_month["2026-11"] if s.subscale_id == "know_how")
    assert november.mean == pytest.approx(4.0)
    december = next(s for s in figures.by_month["2026-12"] if s.subscale_id == "know_how")
    assert december.n == 3
    assert december.mean is None  # 3 responses: below the threshold, no figure

    small = survey_figures(coord, SURVEY, period_from="2026-W49", threshold=5)
    assert not small.shown
    assert all(s.mean is None for s in small.subscales)


def test_t_quantiles() -> None:
    assert t975(4) == 2.776
    assert t975(35) == 2.042  # the next smaller tabled df: wider, never narrower
    assert t975(500) == 1.96
    with pytest.raises(ValueError, match="too few"):
        t975(3)


def test_sent_responses_go_after_the_retention_days_and_unsent_ones_stay() -> None:
    from datetime import date

    from test_request_export import context_for

    from svdesk.unit import retention

    coord = coordinator_session()
    unit = pair_unit(coord)
    old_sent = _respond(unit, "2026-W10", ALL_FOURS)
    old_unsent = _respond(unit, "2026-W10", ALL_FOURS)
    new_sent = _respond(unit, "2026-W48", ALL_FOURS)
    unit.db.execute(
        "UPDATE survey_responses SET exported = 1 WHERE id IN (?, ?)", [old_sent, new_sent]
    )
    unit.db.conn.commit()
    ctx = context_for(unit)
    assert retention.purge_sent_survey_responses(ctx, today=date(2026, 12, 2)) == 1  # 180 days
    kept = {r[0] for r in unit.db.execute("SELECT id FROM survey_responses")}
    assert kept == {old_unsent, new_sent}
    assert retention.purge_sent_survey_responses(ctx, today=date(2026, 12, 2)) == 0
    assert not [a for a, _ in unit.audited if "survey" in a]  # nothing that would date them
