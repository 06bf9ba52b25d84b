"""The identifier guard at completion: block, warn + override reason (audited, no note text)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cases_support import BASICS, Unit, new_unit, protocol, table_text

from svdesk.errors import InvalidInput
from svdesk.unit import cases, directory, drafts
from svdesk.unit.cases import NoteBlocked, NoteNeedsReason
from svdesk.unit.context import UnitContext


@pytest.fixture
def unit(tmp_path: Path) -> Unit:
    return new_unit(tmp_path)


def with_note(ctx: UnitContext, note: str) -> str:
    draft = drafts.start_conversation(ctx, protocol())
    for qid, value in BASICS.items():
        drafts.save_answer(ctx, draft.id, qid, value, protocol=protocol())
    drafts.save_record_field(ctx, draft.id, "note", note)
    return draft.id


def test_a_blocking_identifier_refuses_completion_and_keeps_the_draft(unit: Unit) -> None:
    ctx = unit.ctx()
    draft_id = with_note(ctx, "Call her back on 555-123-4567 tomorrow")
    with pytest.raises(NoteBlocked, match="phone") as caught:
        cases.complete(ctx, draft_id, protocol(), guard_override_reason="it is fine")
    assert caught.value.kinds == ("phone",)
    assert unit.db["encounters"].count == 0
    assert drafts.load_draft(ctx, draft_id).record["note"].startswith("Call her back")
    assert "note_guard_override" not in unit.actions()


def test_a_warning_needs_a_reason(unit: Unit) -> None:
    ctx = unit.ctx()
    draft_id = with_note(ctx, "Talked with Maria Lopez about the shift")
    with pytest.raises(NoteNeedsReason, match="reason") as caught:
        cases.complete(ctx, draft_id, protocol())
    assert caught.value.kinds == ("person_name",)
    with pytest.raises(NoteNeedsReason):
        cases.complete(ctx, draft_id, protocol(), guard_override_reason="   ")
    assert unit.db["encounters"].count == 0


def test_an_override_reason_saves_the_note_and_is_audited_without_the_note(unit: Unit) -> None:
    ctx = unit.ctx()
    draft_id = with_note(ctx, "Talked with Maria Lopez about the shift")
    done = cases.complete(
        ctx, draft_id, protocol(), guard_override_reason="a character in a film, not a person"
    )
    assert done.note == "Talked with Maria Lopez about the shift"
    [entry] = [r for r in unit.audit_rows() if r["action"] == "note_guard_override"]
    assert entry["detail"] == {
        "encounter_id": done.encounter_id,
        "kinds": ["person_name"],
        "reason": "a character in a film, not a person",
    }
    audit_text = "\n".join(str(r) for r in unit.audit_rows())
    assert "Maria" not in audit_text


def test_an_override_reason_that_itself_identifies_someone_is_refused(unit: Unit) -> None:
    ctx = unit.ctx()
    draft_id = with_note(ctx, "Talked with Maria Lopez about the shift")
    with pytest.raises(InvalidInput, match="reason itself"):
        cases.complete(ctx, draft_id, protocol(), guard_override_reason="ask 555-123-4567")
    assert "555-123-4567" not in "\n".join(str(r) for r in unit.audit_rows())


def test_roster_names_in_the_note_warn(unit: Unit) -> None:
    admin = unit.ctx("admin", admin=True)
    directory.set_roster(admin, ["Jordan Smith"])
    ctx = unit.ctx()
    draft_id = with_note(ctx, "Jordan felt better at the end")
    with pytest.raises(NoteNeedsReason) as caught:
        cases.complete(ctx, draft_id, protocol())
    assert caught.value.kinds == ("roster_name",)


def test_a_clean_note_needs_no_reason_and_nothing_is_audited(unit: Unit) -> None:
    ctx = unit.ctx()
    draft_id = with_note(ctx, "Calmer by the end; wants to talk again next week.")
    done = cases.complete(ctx, draft_id, protocol())
    assert done.note == "Calmer by the end; wants to talk again next week."
    assert "note_guard_override" not in unit.actions()


def test_an_empty_note_is_stored_as_no_note(unit: Unit) -> None:
    ctx = unit.ctx()
    draft_id = with_note(ctx, "")
    assert cases.complete(ctx, draft_id, protocol()).note is None
    assert "Maria" not in table_text(unit.db)
