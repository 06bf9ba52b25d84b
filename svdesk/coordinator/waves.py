"""The coordinator's survey waves (issue 14, items 2 and 5): a survey offered at the units from a
first to a last ISO week, to every unit or to those listed, under a label. Defined here, handed
to units as a signed wave file (`svdesk.exchange.wave_file`), ended early when the coordinator
says so (the revision grows: a unit that imports the new file ends it too).

A response belongs to a wave by its survey, its week (inside the wave's weeks) and its unit (in
the wave's units) — all three already travel in the bundle; nothing else is matched. Two waves
of the same survey never overlap for the same unit, so a response belongs to one wave at most.
"""

from __future__ import annotations

import json
import secrets
from datetime import date
from pathlib import Path

from svdesk.access.roles import require_role
from svdesk.access.session import Session
from svdesk.content.surveys import bundled_surveys
from svdesk.coordinator.keys import coordinator_keys
from svdesk.errors import InvalidInput
from svdesk.exchange import weeks
from svdesk.exchange.wave_file import (
    Wave,
    build_wave_file,
    check_label,
    check_units,
    check_weeks,
)
from svdesk.storage.outputs import check_output_file
from svdesk.storage.paths import atomic_write
from svdesk.storage.settings import transaction

_COLUMNS = "wave_id, survey_id, survey_version, label, start_week, end_week, units, revision"


def _wave(row: tuple[object, ...], coordinator_id: str) -> Wave:
    return Wave(
        wave_id=str(row[0]),
        coordinator_id=coordinator_id,
        survey_id=str(row[1]),
        survey_version=str(row[2]),
        label=str(row[3]),
        start_week=str(row[4]),
        end_week=str(row[5]),
        units=tuple(json.loads(str(row[6]))),
        revision=int(str(row[7])),
    )


def _coordinator_id(session: Session) -> str:
    row = session.db.execute("SELECT coordinator_id FROM coordinator_keys WHERE id = 1").fetchone()
    return str(row[0]) if row is not None else coordinator_keys(session).coordinator_id


def list_waves(session: Session, survey_id: str | None = None) -> list[Wave]:
    """The waves defined here, by survey then first week."""
    require_role(session, "coordinator", "survey waves")
    coordinator_id = _coordinator_id(session)
    where, params = ("WHERE survey_id = ?", [survey_id]) if survey_id else ("", [])
    return [
        _wave(tuple(r), coordinator_id)
        for r in session.db.execute(
            f"SELECT {_COLUMNS} FROM coord_survey_waves {where} "
            "ORDER BY survey_id, start_week, end_week",
            params,
        )
    ]


def get_wave(session: Session, wave_id: str) -> Wave:
    for wave in list_waves(session):
        if wave.wave_id == wave_id:
            return wave
    raise InvalidInput(f"There is no survey wave {wave_id!r} here; choose one from the list.")


def _overlap(wave: Wave, others: list[Wave]) -> Wave | None:
    """The first other wave of the same survey whose weeks and units meet `wave`'s."""
    for other in others:
        if other.wave_id == wave.wave_id or other.survey_id != wave.survey_id:
            continue
        if other.end_week < wave.start_week or wave.end_week < other.start_week:
            continue
        if not wave.units or not other.units or set(wave.units) & set(other.units):
            return other
    return None


def _units_text(units: tuple[str, ...]) -> str:
    return ", ".join(units) if units else "every unit"


def define_wave(
    session: Session,
    *,
    survey_id: str,
    start_week: str,
    end_week: str,
    label: str,
    units: list[str] | tuple[str, ...] = (),
    survey_version: str | None = None,
) -> Wave:
    """A new wave, checked: a survey this coordinator has (in that version), real ISO weeks with
    the end not before the start, a label, unit codes, and no overlap with a wave of the same
    survey for one of the same units. InvalidInput saying which; nothing is stored then."""
    require_role(session, "coordinator", "survey waves")
    survey = bundled_surveys().get(survey_id)
    if survey is None:
        known = ", ".join(sorted(bundled_surveys())) or "none"
        raise InvalidInput(f"There is no survey {survey_id!r} here; choose one of: {known}.")
    version = survey.version if survey_version is None else survey_version
    if version != survey.version:
        raise InvalidInput(
            f"This coordinator has survey {survey_id!r} in version {survey.version}, not "
            f"{version}; define the wave for version {survey.version}."
        )
    check_weeks(start_week, end_week)
    wave = Wave(
        wave_id=secrets.token_hex(16),
        coordinator_id=coordinator_keys(session).coordinator_id,
        survey_id=survey.id,
        survey_version=version,
        label=check_label(label),
        start_week=start_week,
        end_week=end_week,
        units=check_units(list(units)),
        revision=1,
    )
    with transaction(session):
        other = _overlap(wave, list_waves(session, survey.id))
        if other is not None:
            raise InvalidInput(
                f"The wave would overlap “{other.label}” ({other.start_week} to "
                f"{other.end_week}, {_units_text(other.units)}) of the same survey; a response "
                "must belong to one wave only. Choose other weeks or other units."
            )
        session.db.execute(
            f"INSERT INTO coord_survey_waves ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                wave.wave_id,
                wave.survey_id,
                wave.survey_version,
                wave.label,
                wave.start_week,
                wave.end_week,
                json.dumps(list(wave.units)),
                wave.revision,
            ],
        )
        session.audit(
            "survey_wave_defined",
            {"wave": wave.wave_id, "survey": wave.survey_id, "weeks": [start_week, end_week]},
        )
    return wave


def end_wave(session: Session, wave_id: str, *, today: date | None = None) -> Wave:
    """End a wave early: its last week becomes this week (the revision grows, so units that
    import the new file end it too). InvalidInput when it has not started or is already over."""
    require_role(session, "coordinator", "survey waves")
    current = weeks.iso_week(today or date.today())
    with transaction(session):
        wave = get_wave(session, wave_id)
        if wave.start_week > current:
            raise InvalidInput(
                f"“{wave.label}” starts in week {wave.start_week}, after this week ({current}): "
                "it cannot end before it starts. Leave it, or define a new wave."
            )
        if wave.end_week <= current:
            raise InvalidInput(
                f"“{wave.label}” already ends in week {wave.end_week}; there is nothing to end."
            )
        session.db.execute(
            "UPDATE coord_survey_waves SET end_week = ?, revision = revision + 1 WHERE wave_id = ?",
            [current, wave_id],
        )
        session.audit("survey_wave_ended", {"wave": wave_id, "end_week": current})
    return get_wave(session, wave_id)


def wave_file_bytes(session: Session, wave_id: str) -> bytes:
    """The signed wave file of `wave_id` (its latest revision)."""
    return build_wave_file(coordinator_keys(session), get_wave(session, wave_id))


def wave_file_name(wave: Wave) -> str:
    return f"svdesk-wave-{wave.survey_id}-{wave.start_week}.svwave"


def export_wave_file(session: Session, wave_id: str, path: Path, *, force: bool = False) -> Path:
    """Write the signed wave file to `path` (never inside the data folder; an existing file
    only with `force`)."""
    data = wave_file_bytes(session, wave_id)
    check_output_file(path, session.workstation.home, force=force, what="survey wave file")
    atomic_write(path, data)
    return path


def wave_of_response(waves: list[Wave], survey_id: str, week: str, unit: str | None) -> Wave | None:
    """The wave a response of `survey_id`, `week` and `unit` belongs to (None: no wave)."""
    for wave in waves:
        if wave.survey_id == survey_id and wave.covers(week) and wave.includes(unit):
            return wave
    return None
