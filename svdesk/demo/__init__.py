"""A demo unit store with synthetic data, made through the real use cases (never raw rows), and
beside it in `coordinator/` the coordinator it exports to (svdesk/demo/program.py).

Used by `svdesk demo`, the screenshots and the benchmarks. Every colleague, answer and note is
invented; passphrases are public demo values. Demo stores are passphrase-only (no OS keyring).
"""

from __future__ import annotations

import dataclasses
import json
import random
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from svdesk.access.session import Session
from svdesk.access.workstation import Workstation
from svdesk.content.protocol.loader import load_protocol
from svdesk.content.protocol.model import Protocol
from svdesk.demo.program import run_program
from svdesk.storage.paths import atomic_write, ensure_private_dir
from svdesk.unit import (
    cases,
    directory,
    drafts,
    escalations,
    followups,
    kiosk,
    kiosk_requests,
    oncall,
)
from svdesk.unit.context import UnitContext, context_for

SITE, UNIT = "DEMO", "ICU4"
SIGN_INS: tuple[tuple[str, str, bool], ...] = (
    ("Sam Admin", "demo sunrise harbour", True),
    ("Jordan", "demo quiet meadow", False),
    ("Riley", "demo river stone", False),
)
MARKER = "demo.json"
CLOSING_OUTCOMES = ("referral_made", "resolved_peer")

DIRECTORY_NUMBERS = {
    "eap": ("+1 555 0100 200", "Employee assistance, free and confidential"),
    "chaplain": ("+1 555 0100 310", "On-call chaplain via switchboard"),
    "psychology": ("+1 555 0100 420", "Staff psychology, same-day slots on weekdays"),
    "occupational_health": ("+1 555 0100 530", None),
    "crisis_line": ("988", "Suicide and crisis line"),
    "emergency": ("911", "Or the hospital's rapid response number"),
}
# Opening hours (local time) and whom to call while closed: office hours, on-call services 24/7.
DIRECTORY_HOURS: dict[str, tuple[str, str | None]] = {
    "eap": ("Mon-Fri 08:00-17:00", "crisis_line"),
    "psychology": ("Mon-Fri 08:00-18:00; Sat 09:00-12:00", "crisis_line"),
    "occupational_health": ("Mon-Fri 07:00-15:30", "emergency"),
    "chaplain": ("24/7", None),
    "crisis_line": ("24/7", None),
    "emergency": ("24/7", None),
}

# (days ago, answers, record fields) — synthetic, shaped after the brief's scenarios.
_Scenario = tuple[int, dict[str, object], dict[str, object]]
_BASE: dict[str, object] = {
    "activation_source": "peer",
    "modality": "in_person",
    "format": "individual",
    "people_reached": 1,
    "response_time": "le_30min",
    "interventions": ["listening", "normalisation"],
    "referral_accepted": "not_offered",
    "followup_plan": "h24_72",
    "duration": "m15_30",
    "needs_met": "yes",
    "supporter.own_distress": "none",
}
SCENARIOS: tuple[_Scenario, ...] = (
    (
        52,
        {
            "event.categories": ["unexpected_death"],
            "stress.zone": "yellow",
            "role_category": "nurse",
            "unit_category": "icu_adult",
        },
        {},
    ),
    (
        47,
        {
            "event.categories": ["medication_or_treatment_error"],
            "stress.zone": "orange",
            "stress.symptom_days": 2,
            "role_category": "nurse",
            "unit_category": "icu_adult",
            "followup_plan": "w1",
        },
        {"note": "Talked through the shift; plans to rest."},
    ),
    (
        41,
        {
            "event.categories": ["pediatric_event"],
            "stress.zone": "orange",
            "role_category": "physician_app",
            "unit_category": "emergency",
            "format": "group_large",
            "people_reached": 9,
            "event.staff_affected": 9,
            "interventions": ["listening", "calming", "social_connection"],
        },
        {},
    ),
    (
        36,
        {
            "event.categories": ["first_patient_death"],
            "stress.zone": "yellow",
            "safety.cssrs.wish_dead": True,
            "safety.cssrs.suicidal_thoughts": False,
            "role_category": "trainee",
            "unit_category": "med_surg",
            "referral_targets": ["psychology"],
            "referral_accepted": "yes",
        },
        {},
    ),
    (
        30,
        {
            "event.categories": ["litigation_notice"],
            "stress.zone": "orange",
            "stress.recovery_stage": "4_enduring_inquisition",
            "role_category": "physician_app",
            "unit_category": "perioperative",
            "referral_targets": ["risk_legal"],
            "referral_accepted": "yes",
            "followup_plan": "w2",
        },
        {},
    ),
    (
        24,
        {
            "event.categories": ["violence_or_aggression"],
            "stress.zone": "red",
            "stress.functional_impairment": True,
            "role_category": "allied_health",
            "unit_category": "emergency",
            "referral_targets": ["eap"],
            "referral_accepted": "no",
            "needs_met": "partly",
        },
        {},
    ),
    (
        19,
        {
            "event.categories": ["deterioration_or_transfer"],
            "stress.zone": "green",
            "role_category": "nurse",
            "unit_category": "icu_adult",
            "followup_plan": "none",
            "modality": "phone",
        },
        {},
    ),
    (
        15,
        {
            "event.categories": ["near_miss"],
            "stress.zone": "yellow",
            "role_category": "pharmacy",
            "unit_category": "pharmacy",
            "supporter.own_distress": "some",
        },
        {},
    ),
    (
        11,
        {
            "event.categories": ["multiple_bad_outcomes"],
            "stress.zone": "orange",
            "event.repeat_in_90d": True,
            "stress.considering_leaving": True,
            "role_category": "nurse",
            "unit_category": "icu_adult",
            "referral_targets": ["eap", "leader"],
            "referral_accepted": "yes",
        },
        {},
    ),
    (
        8,
        {
            "event.categories": ["staff_death"],
            "stress.zone": "orange",
            "format": "group_small",
            "people_reached": 4,
            "event.staff_affected": 4,
            "role_category": "leader",
            "unit_category": "icu_adult",
            "supporter.own_distress": "high",
        },
        {},
    ),
    (
        5,
        {
            "event.categories": ["moral_distress"],
            "stress.zone": "yellow",
            "stress.symptom_days": 20,
            "stress.functional_impairment": True,
            "role_category": "nurse",
            "unit_category": "icu_adult",
            "modality": "video",
        },
        {},
    ),
    (
        3,
        {
            "event.categories": ["medication_or_treatment_error"],
            "stress.zone": "orange",
            "safety.unsafe_to_continue_care": True,
            "role_category": "nurse",
            "unit_category": "icu_adult",
            "situation.requests_professional_help": True,
            "referral_targets": ["psychology"],
            "referral_accepted": "yes",
        },
        {},
    ),
    (
        1,
        {
            "event.categories": ["unexpected_death"],
            "stress.zone": "yellow",
            "role_category": "trainee",
            "unit_category": "icu_adult",
        },
        {},
    ),
)


def _answers_with_days(answers: Mapping[str, object]) -> dict[str, object]:
    merged = {**_BASE, **answers}
    merged.setdefault("event.days_since", 0)
    return merged


def _at(ctx: UnitContext, day: date, hour: int = 10) -> UnitContext:
    moment = datetime.combine(day, time(hour, 0), tzinfo=UTC)
    return dataclasses.replace(ctx, today=lambda: day, now=lambda: moment)


def _as(ctx: UnitContext, supporter_id: str) -> UnitContext:
    return dataclasses.replace(ctx, supporter_id=supporter_id)


def _conversation(
    ctx: UnitContext,
    protocol: Protocol,
    answers: Mapping[str, object],
    record: Mapping[str, object],
    *,
    followup_id: str | None = None,
    finish: bool = True,
) -> str:
    """Run one conversation through the engine; returns the draft or encounter id."""
    if followup_id is None:
        draft = drafts.start_conversation(ctx, protocol)
    else:
        draft = drafts.start_followup(ctx, protocol, followup_id)
    for qid, value in answers.items():
        if protocol.has_question(qid) and protocol.question(qid).asked_in(draft.encounter_type):
            draft = drafts.save_answer(ctx, draft.id, qid, value, protocol=protocol)
        elif "." not in qid:  # a record field this kind of conversation does not ask
            drafts.save_record_field(ctx, draft.id, qid, value)
    for field, value in record.items():
        drafts.save_record_field(ctx, draft.id, field, value)
    if not finish:
        return draft.id
    return cases.complete(ctx, draft.id, protocol).encounter_id


def _on_call(ctx: UnitContext, supporters: list[str]) -> None:
    """The unit's on-call roster: days by one supporter, nights and weekends by another, and
    next Wednesday the day supporter off with the admin covering (an Off, then an extra shift)."""
    if len(supporters) < 2:
        return
    admin, day, *others = supporters
    roster = {
        admin: ("", "+1 555 0100 610"),
        day: ("Mon-Fri 08:00-20:00", "+1 555 0100 611"),
    }
    if others:
        roster[others[0]] = ("Mon-Thu 20:00-08:00, Fri 20:00-Mon 08:00", "+1 555 0100 612")
    oncall.set_on_call(ctx, roster)
    # The real calendar, not the demo's `today`: an exception that is over already is refused.
    wednesday = date.today() + timedelta(days=(2 - date.today().weekday()) % 7 + 7)
    span = oncall.exception_span(wednesday.isoformat(), "", "08:00-20:00")
    oncall.add_exception(ctx, day, oncall.OFF, span)
    oncall.add_exception(ctx, admin, oncall.ON, span)


def populate(session: Session, *, today: date | None = None, seed: int = 7) -> dict[str, int]:
    """Fill an empty unit store with synthetic conversations, follow-ups and escalations."""
    rng = random.Random(seed)
    today = today or date.today()
    protocol = load_protocol()
    base = context_for(session)
    for code, (phone, detail) in DIRECTORY_NUMBERS.items():
        directory.set_directory_entry(base, code, phone, detail)
    directory.set_directory_hours(base, DIRECTORY_HOURS)
    directory.set_roster(base, ["Avery Quinn", "Morgan Blake", "Casey Lund"])
    supporters = [s.id for s in session.workstation.supporters()]
    _on_call(base, supporters)
    counts = {"encounters": 0, "followups_done": 0, "drafts": 0, "emergencies": 0}
    for days_ago, answers, record in SCENARIOS:
        day = today - timedelta(days=days_ago)
        ctx = _as(_at(base, day, hour=rng.randint(7, 20)), rng.choice(supporters))
        _conversation(ctx, protocol, _answers_with_days(answers), record)
        counts["encounters"] += 1
    # Follow-ups that came due more than a few days ago were done; the rest stay in the queue.
    for item in followups.followups_for_unit(base, today).overdue:
        due = date.fromisoformat(str(item.due_date))
        if (today - due).days < 4:
            continue
        ctx = _as(_at(base, due, hour=14), rng.choice(supporters))
        zone = rng.choice(["green", "yellow", "yellow", "orange"])
        answers = {
            "stress.zone": zone,
            "modality": rng.choice(["phone", "in_person"]),
            "interventions": ["listening", "coping_plan"],
            "followup_plan": "none" if zone == "green" else "w2",
            "duration": "lt_15",
            "needs_met": "yes",
            "supporter.own_distress": "none",
        }
        _conversation(ctx, protocol, answers, {}, followup_id=item.id)
        counts["followups_done"] += 1
    # An unfinished conversation from this morning: it resumes on the next unlock.
    ctx = _as(_at(base, today, hour=8), supporters[0])
    _conversation(
        ctx,
        protocol,
        {**_BASE, "event.categories": ["near_miss"], "stress.zone": "yellow"},
        {},
        finish=False,
    )
    counts["drafts"] += 1
    escalations.record_emergency(_at(base, today - timedelta(days=2), hour=23))
    counts["emergencies"] += 1
    # Older escalations were acted on: handed off to professionals, most of them closed.
    for open_item in escalations.open_escalations(base):
        age = (today - open_item.created_at.date()).days
        ctx = _at(base, open_item.created_at.date() + timedelta(days=1), hour=9)
        if age > 20:
            escalations.close_escalation(ctx, open_item.id, rng.choice(CLOSING_OUTCOMES))
        elif age > 6:
            escalations.hand_off_escalation(ctx, open_item.id, "psychology")
    return counts


def sign_ins() -> list[dict[str, str]]:
    return [{"supporter": name, "passphrase": phrase} for name, phrase, _ in SIGN_INS]


def create_demo(home: Path, *, today: date | None = None) -> dict[str, Any]:
    """Create the demo store in `home`, or reuse it if a demo store is already there."""
    ensure_private_dir(home)
    if not (home / MARKER).exists() or not Workstation.exists(home):
        admin_name, admin_phrase, _ = SIGN_INS[0]
        session, _code = Workstation.create(
            home,
            role="unit",
            site=SITE,
            unit=UNIT,
            admin_name=admin_name,
            passphrase=admin_phrase,
            secrets=None,
            passphrase_only=True,
        )
        try:
            for name, phrase, is_admin in SIGN_INS[1:]:
                session.enrol(name, phrase, is_admin=is_admin)
            counts = populate(session, today=today)
            # The program side (a coordinator, two survey waves, kiosk answers, feedback, one
            # bundle with all of it sent): the coordinator store has figures to show too.
            session, program = run_program(
                home, session, admin=(admin_name, admin_phrase), today=today or date.today()
            )
            # Who is on call, for the locked kiosk; then a manager asks there (issue 15).
            kiosk.prepare(session)
            kiosk_requests.write_on_call(session)
            counts["survey_responses"] = program.survey_responses
            counts["feedback_responses"] = program.feedback_responses
            kiosk_requests.open_request_kiosk(session.workstation).submit(
                source="manager", people=2, urgency="now"
            )
        finally:
            session.lock()
            session.workstation.close()
        atomic_write(home / MARKER, json.dumps({"demo": True, **counts}).encode())
    return {"home": str(home), "sign_ins": sign_ins()}
