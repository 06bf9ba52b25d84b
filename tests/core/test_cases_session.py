"""The domain operations on a real unlocked (encrypted) store, through `context_for(session)`."""

from __future__ import annotations

from pathlib import Path

from fakes import close_session, make_session, reopen
from test_cases_support import BASICS, protocol

from svdesk.storage import audit
from svdesk.unit import cases, drafts, escalations, followups
from svdesk.unit.context import context_for


def test_a_conversation_on_the_encrypted_store_survives_a_restart(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    ctx = context_for(session)
    assert (ctx.site_code, ctx.unit_code, ctx.is_admin) == ("SITE1", "ICU", True)
    draft = drafts.start_conversation(ctx, protocol())
    for qid, value in {**BASICS, "stress.zone": "red"}.items():
        drafts.save_answer(ctx, draft.id, qid, value, protocol=protocol())

    session = reopen(session)
    ctx = context_for(session)
    [summary] = drafts.open_drafts(ctx)
    assert summary.id == draft.id
    done = cases.complete(ctx, draft.id, protocol())
    assert done.escalation_level == "tier3_72h"
    assert done.supporter_id == session.supporter.id

    session = reopen(session)
    ctx = context_for(session)
    [item] = escalations.open_escalations(ctx)
    assert item.encounter_id == done.encounter_id
    assert [f.case_code for f in followups.followups_for_unit(ctx).upcoming] == [done.case_code]
    _, problems = audit.verify(session.store.conn)
    assert problems == []
    # (an admin's lock seals the log: those entries are left out here)
    actions = [
        r[0]
        for r in session.db.execute(
            "SELECT action FROM audit WHERE action != 'audit_sealed' ORDER BY seq"
        )
    ]
    assert actions[-3:] == ["escalation_opened", "encounter_completed", "unlock"]
    close_session(session)
