"""`svdesk demo`: a synthetic unit store made through the use cases, reused on the next run."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import tests.fakes  # noqa: F401  (cheap key derivation for tests)
from svdesk.access.workstation import Workstation
from svdesk.cli import main
from svdesk.demo import SIGN_INS, create_demo
from svdesk.unit import drafts, escalations, followups
from svdesk.unit.context import context_for

TODAY = date(2026, 11, 28)


def _unlock(home: Path, name: str, phrase: str):  # type: ignore[no-untyped-def]
    workstation = Workstation.open(home, None)
    supporter = next(s for s in workstation.supporters() if s.name == name)
    return workstation.unlock(supporter.id, phrase)


def test_demo_store_has_every_kind_of_data_and_every_sign_in_works(tmp_path: Path) -> None:
    home = tmp_path / "demo"
    summary = create_demo(home, today=TODAY)
    assert summary["home"] == str(home)
    assert [s["supporter"] for s in summary["sign_ins"]] == [n for n, _, _ in SIGN_INS]
    with Workstation.open(home, None) as workstation:
        assert workstation.info.passphrase_only  # works without an OS keyring
    for name, phrase, _ in reversed(SIGN_INS):
        session = _unlock(home, name, phrase)
        session.lock()
        session.workstation.close()
    session = _unlock(home, *SIGN_INS[0][:2])
    ctx = context_for(session)
    encounters = session.db.execute("SELECT encounter_type, escalation_level FROM encounters")
    rows = encounters.fetchall()
    assert len([r for r in rows if r[0] == "initial"]) >= 10
    assert any(r[0] == "follow_up" for r in rows)
    assert {r[1] for r in rows} >= {"tier2", "tier3_72h", "tier3_2wk"}
    queue = followups.followups_for_unit(ctx, TODAY)
    assert queue.overdue or queue.due_today or queue.upcoming
    open_now = escalations.open_escalations(ctx)
    assert any(e.level == "emergency" for e in open_now)
    assert len(drafts.open_drafts(ctx)) == 1
    assert session.check().ok
    session.lock()
    session.workstation.close()


def test_demo_is_reused_not_recreated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "demo"
    assert main(["--home", str(home), "demo", "--no-gui"]) == 0
    first = json.loads(capsys.readouterr().out)
    store_bytes = (home / "svdesk.db").stat().st_size if (home / "svdesk.db").exists() else None
    assert main(["demo", "--no-gui", "--home", str(home)]) == 0
    assert json.loads(capsys.readouterr().out) == first
    if store_bytes is not None:
        assert (home / "svdesk.db").stat().st_size == store_bytes


def test_demo_program_has_two_waves_kiosk_answers_and_feedback_at_its_coordinator(
    tmp_path: Path,
) -> None:
    """Issue 14, item 6: the coordinator beside the demo unit defined two waves, the unit
    imported them, staff answered at the kiosk in the waves' weeks only, colleagues gave
    feedback with their codes, and one bundle carried it all to the coordinator."""
    from svdesk.coordinator.feedback import feedback_summary
    from svdesk.coordinator.wave_figures import wave_figures
    from svdesk.demo.program import COORDINATOR_FOLDER, DEMO_WAVES, FEEDBACK_ANSWERED
    from svdesk.exchange import weeks
    from svdesk.unit import kiosk, kiosk_requests
    from svdesk.unit import waves as unit_waves

    home = tmp_path / "demo"
    create_demo(home, today=TODAY)
    inbox = sorted(p.name for p in (home / "kiosk-inbox").iterdir())
    assert len(inbox) == 1
    assert inbox[0].startswith("request-")
    assert not list((home / "feedback-inbox").iterdir())
    session = _unlock(home, *SIGN_INS[0][:2])
    try:
        assert kiosk.chosen_survey(session) == "program_pulse"
        assert [w.label for w in unit_waves.unit_waves(session)] == [w[0] for w in DEMO_WAVES]
        assert kiosk_requests.settle(session).merged == 1
        stored = kiosk.stored_responses(session, "program_pulse")
    finally:
        session.lock()
        session.workstation.close()
    answered_weeks = {r["week"] for r in stored}
    wave_weeks = {
        weeks.iso_week(date.fromordinal(TODAY.toordinal() + 7 * offset))
        for _label, first, last in DEMO_WAVES
        for offset in range(first, min(last, 0) + 1)
    }
    assert answered_weeks == wave_weeks  # every begun week of each wave, no other week

    coordinator = _unlock(home / COORDINATOR_FOLDER, *SIGN_INS[0][:2])
    try:
        series = wave_figures(coordinator, "program_pulse")
        assert [f.wave.label for f in series.waves] == [w[0] for w in DEMO_WAVES]
        assert sum(f.responses for f in series.waves) == len(stored)
        assert all(f.shown for f in series.waves)  # each wave above the threshold of 11
        know_how = next(c for c in series.changes if c.subscale_id == "know_how")
        assert know_how.difference is not None
        assert know_how.difference > 0
        summary = feedback_summary(coordinator)
        assert summary.responses == FEEDBACK_ANSWERED
        assert summary.shown
    finally:
        coordinator.lock()
        coordinator.workstation.close()


def test_demo_has_an_on_call_roster_with_an_exception(tmp_path: Path) -> None:
    from svdesk.unit import oncall

    home = tmp_path / "demo"
    create_demo(home, today=TODAY)
    session = _unlock(home, *SIGN_INS[0][:2])
    try:
        ctx = context_for(session)
        hours = {s.hours for s in oncall.shifts(ctx)}
        assert "Mon-Fri 08:00-20:00" in hours
        kinds = sorted(e.kind for e in oncall.exceptions(ctx))
        assert kinds == [oncall.OFF, oncall.ON]  # next Wednesday: the admin covers the day
    finally:
        session.lock()
        session.workstation.close()
