"""Drafts started under protocol 1.0.0 (item 6 asked only as "past 3 months") are moved to the
current protocol with a visible notice and re-evaluated with the current rules; completed
records keep the versions they were made with (docs/content-migration.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cases_support import BASICS, Unit, new_unit, protocol

from svdesk.content.protocol.migration import migrate_answers
from svdesk.content.rules import load_rules
from svdesk.errors import InvalidInput, Refused
from svdesk.unit import cases, drafts
from svdesk.unit.context import UnitContext, to_json
from svdesk.unit.draft_migration import migrate_draft


def v1_draft(ctx: UnitContext, unit: Unit, answers: dict[str, object]) -> str:
    """A draft as protocol 1.0.0 saved it (the answers as they were stored then)."""
    draft = drafts.start_conversation(ctx, protocol())
    stored = {**{k: v for k, v in BASICS.items() if protocol().has_question(k)}, **answers}
    unit.db.execute(
        "UPDATE drafts SET protocol_version = '1.0.0', answers = ? WHERE id = ?",
        [to_json(stored), draft.id],
    )
    return draft.id


@pytest.fixture
def unit(tmp_path: Path) -> Unit:
    return new_unit(tmp_path)


def test_a_v1_draft_is_not_finished_silently_under_v2(unit: Unit) -> None:
    ctx = unit.ctx()
    draft_id = v1_draft(ctx, unit, {"safety.cssrs.behavior_3mo": True})
    with pytest.raises(Refused, match="open it again from the home screen"):
        drafts.save_answer(ctx, draft_id, "stress.zone", "red", protocol=protocol())
    with pytest.raises(Refused, match=r"version 1\.0\.0"):
        cases.complete(ctx, draft_id, protocol())


def test_past_3_months_yes_becomes_yes_to_both_parts_and_the_result_is_re_evaluated(
    unit: Unit,
) -> None:
    ctx = unit.ctx()
    draft_id = v1_draft(ctx, unit, {"safety.cssrs.behavior_3mo": True})
    moved = migrate_draft(ctx, draft_id, protocol())
    assert moved is not None
    assert moved.from_version == "1.0.0"
    assert moved.draft.protocol_version == protocol().version == "2.0.0"
    assert moved.draft.answers["safety.cssrs.behavior_lifetime"] is True
    assert moved.draft.answers["safety.cssrs.behavior_3mo"] is True
    assert "started with protocol 1.0.0" in moved.notices[0]
    assert any("two parts" in n and "yes to both" in n for n in moved.notices)
    assert moved.draft.escalation().level == "emergency"
    audit = [r for r in unit.audit_rows() if r["action"] == "draft_migrated"]
    assert audit == [
        {
            "actor": "sup-A",
            "action": "draft_migrated",
            "detail": {"draft_id": draft_id, "from": "1.0.0", "to": "2.0.0"},
        }
    ]
    assert "behavior" not in json.dumps(audit)  # versions only, never answers
    # Now it finishes, with the versions it was finished with.
    done = cases.complete(ctx, draft_id, protocol())
    assert (done.protocol_version, done.rules_version) == ("2.0.0", load_rules().version)
    assert done.escalation_level == "emergency"
    assert "cssrs_behavior_lifetime" in done.escalation_rules
    with pytest.raises(InvalidInput, match="no longer open"):
        migrate_draft(ctx, draft_id, protocol())


def test_past_3_months_no_is_dropped_and_the_notice_asks_item_6_again(unit: Unit) -> None:
    ctx = unit.ctx()
    draft_id = v1_draft(
        ctx, unit, {"safety.cssrs.wish_dead": False, "safety.cssrs.behavior_3mo": False}
    )
    moved = migrate_draft(ctx, draft_id, protocol())
    assert moved is not None
    assert "safety.cssrs.behavior_3mo" not in moved.draft.answers
    assert "safety.cssrs.behavior_lifetime" not in moved.draft.answers  # not known: ask again
    assert moved.draft.answers["safety.cssrs.wish_dead"] is False
    assert any("ask again whether they have ever done" in n for n in moved.notices)
    # Once moved, it is on the current version: opening it again changes nothing.
    assert migrate_draft(ctx, draft_id, protocol()) is None


def test_a_draft_on_the_current_version_is_left_alone(unit: Unit) -> None:
    ctx = unit.ctx()
    draft = drafts.start_conversation(ctx, protocol())
    assert migrate_draft(ctx, draft.id, protocol()) is None
    assert not [r for r in unit.audit_rows() if r["action"] == "draft_migrated"]


def test_completed_records_keep_the_versions_they_were_made_with(unit: Unit) -> None:
    ctx = unit.ctx()
    old = drafts.start_conversation(ctx, protocol())
    for qid, value in BASICS.items():
        if protocol().has_question(qid):
            drafts.save_answer(ctx, old.id, qid, value, protocol=protocol())
        else:
            drafts.save_record_field(ctx, old.id, qid, value)
    done = cases.complete(ctx, old.id, protocol())
    unit.db.execute(
        "UPDATE encounters SET protocol_version = '1.0.0', rules_version = '2026.1' "
        "WHERE encounter_id = ?",
        [done.encounter_id],
    )
    draft_id = v1_draft(ctx, unit, {"safety.cssrs.behavior_3mo": False})
    migrate_draft(ctx, draft_id, protocol())
    row = unit.db.execute(
        "SELECT protocol_version, rules_version, escalation_level FROM encounters "
        "WHERE encounter_id = ?",
        [done.encounter_id],
    ).fetchone()
    assert tuple(row) == ("1.0.0", "2026.1", done.escalation_level)


def test_follow_up_drafts_are_told_about_the_since_last_contact_wording() -> None:
    moved = migrate_answers(
        {"safety.cssrs.wish_dead": True, "local.unknown": 3, "stress.zone": "purple"},
        "1.0.0",
        protocol(),
        encounter_type="follow_up",
    )
    assert moved.answers == {"safety.cssrs.wish_dead": True}
    assert any("local.unknown, stress.zone" in n for n in moved.notices)
    assert any("since you last spoke" in n for n in moved.notices)
