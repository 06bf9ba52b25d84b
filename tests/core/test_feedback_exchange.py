"""Recipient feedback travels unit → coordinator (issue 14, item 3; bundle format 4): the unit and
the month only, each response once however often it is resent, every answer checked; the
coordinator's summary counts and shares with the small-cell rules."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from test_bundle_support import FakeSession, coordinator_session
from test_coordinator import export_now, import_, pair_unit

from svdesk.coordinator.feedback import feedback_summary
from svdesk.unit import feedback_sent

GOOD = {"helpful": 5, "recommend": 4, "would_have_helped": 1}


def _respond(unit: FakeSession, month: str, answers: dict[str, int], version: str = "1.0.0") -> str:
    rid = str(uuid.uuid4())
    unit.db.execute(
        "INSERT INTO feedback_responses (id, survey_id, survey_version, month, answers) "
        "VALUES (?, 'recipient_feedback', ?, ?, ?)",
        [rid, version, month, json.dumps(answers)],
    )
    unit.db.conn.commit()
    return rid


def test_feedback_travels_once_with_the_unit_and_month_only(tmp_path: Path) -> None:
    coord = coordinator_session()
    unit = pair_unit(coord)
    ids = {_respond(unit, "2026-11", GOOD) for _ in range(3)}
    assert feedback_sent.pending_count(unit.db) == 3
    (tmp_path / "1").mkdir()
    first = export_now(unit, tmp_path / "1")
    assert import_(coord, first).exit_code == 0
    stored = [dict(r) for r in coord.db.query("SELECT * FROM coord_feedback_responses")]
    assert {r["response_id"] for r in stored} == ids
    assert set(stored[0]) == {
        "response_id", "workstation_id", "site_code", "unit_code", "survey_id",
        "survey_version", "month", "answers",
    }  # fmt: skip
    assert {r["month"] for r in stored} == {"2026-11"}
    assert unit.supporter.id not in json.dumps(stored)
    sent = unit.db.execute("SELECT DISTINCT exported FROM feedback_responses").fetchall()
    assert [r[0] for r in sent] == [1]
    assert feedback_sent.pending_count(unit.db) == 0
    # Sent again (the same responses marked unsent, as after a restore): nothing counts twice.
    unit.db.execute("UPDATE feedback_responses SET exported = 0")
    unit.db.conn.commit()
    (tmp_path / "2").mkdir()
    assert import_(coord, export_now(unit, tmp_path / "2")).exit_code == 0
    assert coord.db.execute("SELECT count(*) FROM coord_feedback_responses").fetchone()[0] == 3


def test_an_answer_off_its_scale_refuses_the_bundle_whole(tmp_path: Path) -> None:
    coord = coordinator_session()
    unit = pair_unit(coord)
    _respond(unit, "2026-11", {**GOOD, "would_have_helped": 9})
    summary = import_(coord, export_now(unit, tmp_path))
    assert [r["reason"] for r in summary.rejected] == ["corrupt"]
    assert "not on its scale" in summary.rejected[0]["message"]
    assert coord.db.execute("SELECT count(*) FROM coord_feedback_responses").fetchone()[0] == 0
    assert coord.db.execute("SELECT count(*) FROM coord_encounters").fetchone()[0] == 0


def test_the_summary_counts_shares_and_choices_with_suppression(tmp_path: Path) -> None:
    coord = coordinator_session()
    unit = pair_unit(coord)
    for n in range(12):  # 12 in November: 9 found it helpful (4 or 5), all would recommend
        _respond(
            unit,
            "2026-11",
            {"helpful": 5 if n < 9 else 2, "recommend": 4, "would_have_helped": 1 if n < 8 else 2},
        )
    for _ in range(3):
        _respond(unit, "2026-12", GOOD)
    _respond(unit, "2026-12", GOOD, version="0.9.0")  # another version: not counted
    import_(coord, export_now(unit, tmp_path))

    whole = feedback_summary(coord, threshold=5)
    assert whole.responses == 15
    assert whole.not_scored == 1
    assert whole.shown
    helpful, recommend = whole.shares
    assert (helpful.item, helpful.answered, helpful.positive.count) == ("helpful", 15, 12)
    # 3 said "not helpful": a small cell, so neither it nor the share is shown.
    assert helpful.percent is None
    assert helpful.positive.suppressed
    assert recommend.percent == 100.0
    choices = whole.would_have_helped
    first, second = whole.choice_labels[:2]
    assert choices.cells[first].count == 11
    assert choices.cells[second].text == "<5"
    assert choices.cells[first].suppressed  # complementary: 15 - 11 would give the small one
    assert whole.by_unit.total.count == 15

    november = feedback_summary(coord, period_from="2026-W45", period_to="2026-W48", threshold=5)
    assert november.responses == 12
    december = feedback_summary(coord, period_from="2026-W49", threshold=5)
    assert december.responses == 3
    assert not december.shown
    assert december.responses_text == "<5"
    assert all(s.percent is None for s in december.shares)
    assert feedback_summary(coord, unit="NOPE", threshold=5).responses == 0
