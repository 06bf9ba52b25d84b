"""Retention: closed cases whose records all reached the coordinator are deleted N days after their
last export or close; open, unexported, still-escalated and recent cases stay. Real encrypted
stores, conversations through `svdesk.unit.cases`, exports through `svdesk.unit.export`."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from fakes import close_session, make_session

from svdesk.access.session import Session
from svdesk.content.protocol.loader import load_protocol
from svdesk.errors import InvalidInput, NotPermitted
from svdesk.exchange import card
from svdesk.progress import run_to_end
from svdesk.storage.settings import save_setting
from svdesk.unit import cases, drafts, escalations, export, records, retention
from svdesk.unit.context import UnitContext, context_for

D0 = date(2026, 1, 5)
COORD = card.generate_coordinator_keys()
CARD = card.make_card(COORD, site_code="SITE1")
PROTOCOL = load_protocol()
CASE_TABLES = ("cases", "encounters", "followups", "escalations", "drafts")

BASICS: dict[str, object] = {
    "activation_source": "self",
    "modality": "in_person",
    "format": "individual",
    "people_reached": 1,
    "stress.zone": "yellow",
    "followup_plan": "none",
    "duration": "m15_30",
    "needs_met": "yes",
    "role_category": "nurse",
    "unit_category": "emergency",
}
# A passive death wish without thoughts of suicide: opens an escalation.
ESCALATING: dict[str, object] = {
    "stress.zone": "orange",
    "safety.cssrs.wish_dead": True,
    "safety.cssrs.suicidal_thoughts": False,
}
FOLLOWUP: dict[str, object] = {
    "stress.zone": "green",
    "modality": "phone",
    "interventions": ["listening"],
    "followup_plan": "none",
    "duration": "lt_15",
    "needs_met": "yes",
    "supporter.own_distress": "none",
}


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    s = make_session(tmp_path)
    export.pair(s, CARD)
    yield s
    close_session(s)


def on(session: Session, day: date) -> UnitContext:
    moment = datetime.combine(day, time(10), tzinfo=UTC)
    return dataclasses.replace(context_for(session), today=lambda: day, now=lambda: moment)


def answer_all(ctx: UnitContext, draft: drafts.Draft, answers: dict[str, object]) -> None:
    for qid, value in answers.items():
        if PROTOCOL.has_question(qid) and PROTOCOL.question(qid).asked_in(draft.encounter_type):
            drafts.save_answer(ctx, draft.id, qid, value, protocol=PROTOCOL)
        elif qid in records.EDITABLE_FIELDS:
            drafts.save_record_field(ctx, draft.id, qid, value)


def converse(ctx: UnitContext, **answers: object) -> records.Encounter:
    """Complete an initial conversation (dots in answer ids written as __); closes the case
    unless a follow-up plan is given."""
    draft = drafts.start_conversation(ctx, PROTOCOL)
    answer_all(ctx, draft, {**BASICS, **{k.replace("__", "."): v for k, v in answers.items()}})
    return cases.complete(ctx, draft.id, PROTOCOL)


def follow_up(ctx: UnitContext, case_code: str) -> records.Encounter:
    """Do the case's scheduled follow-up; its plan `none` closes the case."""
    (item,) = ctx.db.query(
        "SELECT id FROM followups WHERE case_code = ? AND status = 'scheduled'", [case_code]
    )
    draft = drafts.start_followup(ctx, PROTOCOL, item["id"])
    answer_all(ctx, draft, FOLLOWUP)
    return cases.complete(ctx, draft.id, PROTOCOL)


def close_escalations(ctx: UnitContext, case_code: str) -> None:
    for item in escalations.open_escalations(ctx):
        if item.case_code == case_code:
            escalations.close_escalation(ctx, item.id, "referral_made")


def export_on(session: Session, day: date, folder: Path) -> export.ExportResult:
    folder.mkdir(parents=True, exist_ok=True)
    moment = datetime.combine(day, time(16), tzinfo=UTC)
    return run_to_end(export.export_bundle(session, folder, now=lambda: moment))


def rows_of(session: Session, case_code: str) -> dict[str, int]:
    """How many rows of each case-level table carry the case code."""
    db = session.db
    sql = "SELECT count(*) FROM {} WHERE case_code = ?"
    return {t: int(db.execute(sql.format(t), [case_code]).fetchone()[0]) for t in CASE_TABLES}


def audit_entries(session: Session, action: str) -> list[dict[str, Any]]:
    rows = session.db.execute(
        "SELECT detail FROM audit WHERE action = ? ORDER BY seq", [action]
    ).fetchall()
    return [json.loads(r[0]) for r in rows]


def closed_case(session: Session, day: date, *, escalated: bool = False) -> str:
    """A case with an initial conversation and its follow-up, closed by the follow-up on `day`;
    optionally with an escalation, closed too."""
    ctx = on(session, day - timedelta(days=7))
    answers: dict[str, object] = {"followup_plan": "w1"}
    if escalated:
        answers.update({k.replace(".", "__"): v for k, v in ESCALATING.items()})
    first = converse(ctx, **answers)
    if escalated:
        close_escalations(ctx, first.case_code)
    follow_up(on(session, day), first.case_code)
    return first.case_code


# ---------------------------------------------------------------------------- purging


def test_a_closed_exported_case_is_purged_from_every_table_after_the_retention_days(
    session: Session, tmp_path: Path
) -> None:
    code = closed_case(session, D0, escalated=True)
    encounter_ids = [
        r[0]
        for r in session.db.execute(
            "SELECT encounter_id FROM encounters WHERE case_code = ?", [code]
        ).fetchall()
    ]
    assert rows_of(session, code) == {
        "cases": 1, "encounters": 2, "followups": 1, "escalations": 1, "drafts": 0
    }  # fmt: skip
    export_on(session, D0, tmp_path / "usb")
    assert session.db.execute("PRAGMA secure_delete").fetchone()[0] == 1

    report = retention.purge_expired(on(session, D0 + timedelta(days=181)))

    assert report == retention.PurgeReport(cases=1, encounters=2, followups=1, escalations=1)
    assert report.total == 5
    assert rows_of(session, code) == dict.fromkeys(CASE_TABLES, 0)
    marks = ",".join("?" for _ in encounter_ids)
    left = session.db.execute(
        f"SELECT count(*) FROM escalations WHERE encounter_id IN ({marks})", encounter_ids
    ).fetchone()[0]
    assert left == 0
    # Counts only: no case code or record id in the audit log's entry.
    (entry,) = audit_entries(session, "retention_purge")
    assert entry == {
        "cases": 1, "encounters": 2, "followups": 1, "escalations": 1, "retention_days": 180
    }  # fmt: skip
    assert code not in json.dumps(entry)
    # A second run finds nothing and logs nothing.
    assert retention.purge_expired(on(session, D0 + timedelta(days=200))).total == 0
    assert len(audit_entries(session, "retention_purge")) == 1


def test_open_unexported_escalated_and_recent_cases_are_kept(
    session: Session, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    ctx = on(session, D0)
    open_case = converse(ctx, followup_plan="w2").case_code
    escalated_open = converse(ctx, **{k.replace(".", "__"): v for k, v in ESCALATING.items()})
    changed_after_export = converse(
        ctx, **{k.replace(".", "__"): v for k, v in ESCALATING.items()}
    ).case_code
    with_draft = converse(ctx).case_code
    # An emergency from the crisis screen for a case (no encounter of its own), still open.
    crisis = converse(ctx).case_code
    escalations.record_emergency(ctx, crisis)
    export_on(session, D0, usb)
    # After the export: a closed case not exported yet, an escalation closed (not yet sent).
    unexported = converse(on(session, D0 + timedelta(days=1))).case_code
    close_escalations(on(session, D0 + timedelta(days=2)), changed_after_export)
    # Someone is writing a follow-up of a closed case.
    draft = drafts.start_conversation(
        on(session, D0 + timedelta(days=3)), PROTOCOL, encounter_type="follow_up",
        case_code=with_draft,
    )  # fmt: skip
    late = D0 + timedelta(days=400)
    kept = [open_case, escalated_open.case_code, unexported, changed_after_export, with_draft]
    kept.append(crisis)
    assert retention.purge_expired(on(session, late)).total == 0
    for code in kept:
        assert rows_of(session, code)["cases"] == 1, code

    # A second export sends `unexported`, the escalation closed since, and a recent case: all
    # of them were exported ten days ago now, so they are kept too.
    recent = converse(on(session, late - timedelta(days=10))).case_code
    export_on(session, late - timedelta(days=10), usb)
    assert retention.purge_expired(on(session, late)).total == 0
    for code in [*kept, recent]:
        assert rows_of(session, code)["cases"] == 1, code
    assert audit_entries(session, "retention_purge") == []

    # Long after: the cases sent late go now; the open ones, the open escalation and the case
    # with a draft stay for as long as they are open.
    much_later = late + timedelta(days=181)
    report = retention.purge_expired(on(session, much_later))
    assert report.cases == 3
    gone = {unexported, changed_after_export, recent}
    for code in gone:
        assert rows_of(session, code)["cases"] == 0, code
    for code in (open_case, escalated_open.case_code, with_draft, crisis):
        assert rows_of(session, code)["cases"] == 1, code
    assert drafts.load_draft(context_for(session), draft.id).case_code == with_draft


def test_an_unexported_encounter_keeps_its_case(session: Session, tmp_path: Path) -> None:
    code = closed_case(session, D0)
    far = D0 + timedelta(days=1000)
    assert retention.purge_expired(on(session, far)).total == 0
    assert rows_of(session, code)["encounters"] == 2
    # Exporting it is what lets it go (counted from the export, not the close).
    export_on(session, far, tmp_path / "usb")
    assert retention.purge_expired(on(session, far + timedelta(days=180))).total == 0
    assert retention.purge_expired(on(session, far + timedelta(days=181))).cases == 1


@pytest.mark.parametrize(("days_after", "purged"), [(179, 0), (180, 0), (181, 1), (182, 1)])
def test_the_boundary_day(session: Session, tmp_path: Path, days_after: int, purged: int) -> None:
    code = closed_case(session, D0)
    export_on(session, D0, tmp_path / "usb")
    report = retention.purge_expired(on(session, D0 + timedelta(days=days_after)))
    assert report.cases == purged
    assert rows_of(session, code)["cases"] == 1 - purged


def test_the_last_export_counts_when_it_came_after_the_close(
    session: Session, tmp_path: Path
) -> None:
    code = closed_case(session, D0)
    sent = D0 + timedelta(days=20)
    export_on(session, sent, tmp_path / "usb")
    assert retention.expired_cases(on(session, sent), sent + timedelta(days=180)) == []
    assert retention.expired_cases(on(session, sent), sent + timedelta(days=181)) == [code]


def test_a_shorter_retention_purges_sooner(session: Session, tmp_path: Path) -> None:
    code = closed_case(session, D0)
    export_on(session, D0, tmp_path / "usb")
    ctx = on(session, D0 + timedelta(days=31))
    assert retention.purge_expired(ctx).total == 0
    retention.set_retention_days(ctx, 30)
    assert retention.purge_expired(ctx).cases == 1
    assert rows_of(session, code)["cases"] == 0
    assert audit_entries(session, "retention_purge")[0]["retention_days"] == 30


# ---------------------------------------------------------------------------- the setting


def test_retention_days_default_and_admin_change_is_audited(session: Session) -> None:
    assert retention.retention_days(session) == 180
    ctx = context_for(session)
    assert retention.retention_days(ctx) == 180
    assert retention.set_retention_days(ctx, 365) == 365
    assert retention.retention_days(session) == 365
    assert audit_entries(session, "retention_changed") == [{"from_days": 180, "to_days": 365}]


def test_only_an_admin_can_change_the_retention(session: Session) -> None:
    colleague = session.enrol("Jordan", "a long passphrase for jordan")
    ctx = dataclasses.replace(
        context_for(session), supporter_id=colleague.id, is_admin=colleague.is_admin
    )
    with pytest.raises(NotPermitted, match="unit admin"):
        retention.set_retention_days(ctx, 90)
    assert retention.retention_days(session) == 180
    assert audit_entries(session, "retention_changed") == []


@pytest.mark.parametrize("days", [0, 29, 3651, -5, True, 90.5])
def test_retention_outside_the_bounds_is_refused(session: Session, days: Any) -> None:
    with pytest.raises(InvalidInput, match="30 to 3650 days"):
        retention.set_retention_days(context_for(session), days)
    assert retention.retention_days(session) == 180


@pytest.mark.parametrize("days", [30, 3650])
def test_the_bounds_themselves_are_accepted(session: Session, days: int) -> None:
    assert retention.set_retention_days(context_for(session), days) == days
    assert retention.retention_days(session) == days


def test_a_damaged_setting_reads_as_the_default(session: Session) -> None:
    save_setting(session, retention.SETTING_DAYS, 5)
    assert retention.retention_days(session) == 180
    save_setting(session, retention.SETTING_DAYS, "forever")
    assert retention.retention_days(session) == 180
