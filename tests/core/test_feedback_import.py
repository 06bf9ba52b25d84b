"""Issue 14, item 3 at the coordinator: a bundle that reuses the id of another workstation's
feedback response is refused whole, and the first workstation's answer stays as it was."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from test_bundle_support import FakeSession, coordinator_session, unit_session

from svdesk.content.feedback_survey import feedback_survey
from svdesk.coordinator.importing import ImportSummary, import_bundles
from svdesk.coordinator.keys import card_bytes
from svdesk.progress import run_to_end
from svdesk.unit import export


def _paired(coord: FakeSession, unit: str) -> FakeSession:
    session = unit_session(unit=unit)
    export.pair(session, card_bytes(coord))
    return session


def _answer(unit: FakeSession, response_id: str, helpful: int) -> None:
    survey = feedback_survey()
    unit.db.execute(
        "INSERT INTO feedback_responses (id, survey_id, survey_version, month, answers) "
        "VALUES (?, ?, ?, ?, ?)",
        [response_id, survey.id, survey.version, "2026-11", json.dumps({"helpful": helpful})],
    )


def _send(unit: FakeSession, coord: FakeSession, out: Path) -> ImportSummary:
    path = run_to_end(export.export_bundle(unit, out)).path
    return run_to_end(import_bundles(coord, [path], trust_new=True))


def test_a_bundle_reusing_another_workstations_feedback_id_is_refused(tmp_path: Path) -> None:
    coord = coordinator_session()
    honest, rogue = _paired(coord, "ED1"), _paired(coord, "ICU")
    victim = str(uuid.uuid4())
    _answer(honest, victim, 5)
    assert _send(honest, coord, tmp_path).imported
    _answer(rogue, victim, 1)
    summary = _send(rogue, coord, tmp_path)
    assert [r["reason"] for r in summary.rejected] == ["corrupt"]
    assert "another workstation" in summary.rejected[0]["message"]
    rows = coord.db.execute("SELECT unit_code, answers FROM coord_feedback_responses").fetchall()
    assert [tuple(r) for r in rows] == [("ED1", json.dumps({"helpful": 5}))]


def test_sent_feedback_goes_after_the_retention_days_by_month_and_unsent_stays() -> None:
    from datetime import date

    from test_request_export import context_for

    from svdesk.unit import retention

    coord = coordinator_session()
    unit = _paired(coord, "ICU")
    survey = feedback_survey()
    ids = {name: str(uuid.uuid4()) for name in ("old_sent", "old_unsent", "edge_sent", "new")}
    for name, month, sent in (
        ("old_sent", "2026-05", 1),
        ("old_unsent", "2026-05", 0),
        ("edge_sent", "2026-06", 1),  # the cut-off day's month: kept until wholly older
        ("new", "2026-11", 1),
    ):
        unit.db.execute(
            "INSERT INTO feedback_responses (id, survey_id, survey_version, month, answers, "
            "exported) VALUES (?, ?, ?, ?, '{}', ?)",
            [ids[name], survey.id, survey.version, month, sent],
        )
    unit.db.conn.commit()
    ctx = context_for(unit)
    # 180 days before 2 December 2026 is 5 June 2026.
    assert retention.purge_sent_survey_responses(ctx, today=date(2026, 12, 2)) == 1
    kept = {r[0] for r in unit.db.execute("SELECT id FROM feedback_responses")}
    assert kept == {ids["old_unsent"], ids["edge_sent"], ids["new"]}
    assert not [a for a, _ in unit.audited if "feedback" in a]
