"""The demo's program side (issue 14, item 6): a coordinator store beside the demo unit, two
survey waves the coordinator defines and the unit admin imports, staff answers at the locked
kiosk in each wave's weeks, recipient feedback through one-time codes, and one bundle the
coordinator imports, so its Effectiveness tab has waves to compare.

All through the real use cases (`define_wave`, `import_wave`, `Kiosk.submit`, `offer_code`,
`FeedbackKiosk.submit`, `settle`, `export_bundle`, `import_bundles`), never raw rows. The
coordinator store lives in the demo folder's `coordinator` folder and signs in with the demo
unit admin's name and passphrase.
"""

from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from svdesk.access.session import Session
from svdesk.access.workstation import Workstation
from svdesk.content.feedback_survey import feedback_survey
from svdesk.content.surveys import bundled_surveys
from svdesk.coordinator import waves
from svdesk.coordinator.importing import import_bundles
from svdesk.coordinator.keys import card_bytes, init_coordinator_keys
from svdesk.exchange import weeks
from svdesk.progress import run_to_end
from svdesk.unit import export, feedback, kiosk
from svdesk.unit import waves as unit_waves
from svdesk.unit.feedback_kiosk import open_feedback

COORDINATOR_FOLDER = "coordinator"
DEMO_SURVEY = "program_pulse"
# (label, first and last week as offsets from this week): a baseline in the autumn, then the
# wave running now, after the program's posters.
DEMO_WAVES: tuple[tuple[str, int, int], ...] = (
    ("Autumn baseline", -10, -7),
    ("Winter follow-up", -2, 1),
)
FEEDBACK_OFFERED, FEEDBACK_ANSWERED = 16, 13


@dataclass(frozen=True)
class ProgramCounts:
    survey_responses: int
    feedback_responses: int


def create_coordinator(folder: Path, *, site: str, admin_name: str, passphrase: str) -> Session:
    """A passphrase-only coordinator store with its keys (the card it gives units)."""
    session, _code = Workstation.create(
        folder,
        role="coordinator",
        site=site,
        unit=None,
        admin_name=admin_name,
        passphrase=passphrase,
        secrets=None,
        passphrase_only=True,
    )
    init_coordinator_keys(session)
    return session


def define_waves(coordinator: Session, unit_session: Session, today: date) -> None:
    """The coordinator defines the two waves for the unit; the unit admin pairs with the
    coordinator and imports each wave file (the baseline at its start, the current one now)."""
    export.pair(unit_session, card_bytes(coordinator))
    unit_code = unit_session.workstation.info.unit_code or ""
    for label, first, last in DEMO_WAVES:
        wave = waves.define_wave(
            coordinator,
            survey_id=DEMO_SURVEY,
            start_week=weeks.iso_week(today + timedelta(weeks=first)),
            end_week=weeks.iso_week(today + timedelta(weeks=last)),
            label=label,
            units=[unit_code],
        )
        imported_on = min(today, today + timedelta(weeks=first))
        unit_waves.import_wave(
            unit_session, waves.wave_file_bytes(coordinator, wave.wave_id), today=imported_on
        )


def kiosk_answers(workstation: Workstation, today: date, rng: random.Random) -> int:
    """Staff answer the survey at the locked kiosk in every week of both waves that has begun;
    knowing how to get support is higher in the later wave. Returns the number of answers."""
    survey = bundled_surveys()[DEMO_SURVEY]
    count = 0
    for index, (_label, first, last) in enumerate(DEMO_WAVES):
        for offset in range(first, min(last, 0) + 1):
            day = today + timedelta(weeks=offset)
            station = kiosk.open_kiosk(workstation, today=day)
            for _ in range(rng.randint(4, 6)):
                answers: dict[str, object] = {}
                for item in survey.items:
                    if item.subscale == "helped" and rng.random() < 0.6:
                        continue  # only for colleagues who had support recently
                    base = (2.9 + 0.9 * index) if item.subscale == "know_how" else 3.6
                    value = round(min(5, max(1, rng.gauss(base, 0.8))))
                    answers[item.id] = 6 - value if item.reverse else value
                station.submit(answers, today=day)
                count += 1
    return count


def offer_feedback_codes(session: Session, today: date) -> list[str]:
    """The supporters offer a feedback code at the end of some conversations (as shown)."""
    return [feedback.offer_code(session, today=today).shown for _ in range(FEEDBACK_OFFERED)]


def feedback_answers(
    workstation: Workstation, codes: list[str], rng: random.Random, today: date
) -> int:
    """Some colleagues enter their code at the locked workstation and answer."""
    survey = feedback_survey()
    station = open_feedback(workstation)
    for code in codes[:FEEDBACK_ANSWERED]:
        entry = station.check(code, today=today)
        answers: dict[str, object] = {}
        for item in survey.items:
            values = survey.scale(item.scale).values()
            answers[item.id] = rng.choice(values[len(values) // 2 :])  # mostly the upper half
        station.submit(entry, answers)
    return FEEDBACK_ANSWERED


def send_to_coordinator(unit_session: Session, coordinator: Session) -> None:
    """The unit exports its bundle; the coordinator imports it, trusting the new workstation."""
    with tempfile.TemporaryDirectory(prefix="svdesk-demo-bundle-") as folder:
        result = run_to_end(export.export_bundle(unit_session, Path(folder)))
        run_to_end(import_bundles(coordinator, [result.path], trust_new=True))


def run_program(
    home: Path,
    unit_session: Session,
    *,
    admin: tuple[str, str],
    today: date,
    seed: int = 11,
) -> tuple[Session, ProgramCounts]:
    """The program side for the demo unit in `home`, unlocked as its admin: returns the unit
    session unlocked again (the kiosk's answers merged, the bundle sent) and the counts. The
    coordinator store in `home/coordinator` is closed again."""
    rng = random.Random(seed)
    admin_name, passphrase = admin
    coordinator = create_coordinator(
        home / COORDINATOR_FOLDER,
        site=unit_session.workstation.info.site_code,
        admin_name=admin_name,
        passphrase=passphrase,
    )
    try:
        define_waves(coordinator, unit_session, today)
        codes = offer_feedback_codes(unit_session, today)
        admin_id = unit_session.supporter.id
        workstation = unit_session.workstation
        if not isinstance(workstation, Workstation):  # the demo opens its own store
            raise TypeError("the demo runs on a workstation it opened")
        unit_session.lock()
        answered = kiosk_answers(workstation, today, rng)
        feedback_given = feedback_answers(workstation, codes, rng, today)
        unit_session = workstation.unlock(admin_id, passphrase)
        kiosk.merge_inbox(unit_session)
        feedback.settle(unit_session, today=today)
        send_to_coordinator(unit_session, coordinator)
    finally:
        coordinator.lock()
        coordinator.workstation.close()
    return unit_session, ProgramCounts(answered, feedback_given)
