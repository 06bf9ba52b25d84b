"""A unit's survey waves (issue 14, item 2): the unit admin imports the signed wave file the
coordinator exported (`svdesk.exchange.wave_file`), checked against the key of the coordinator
card this workstation is paired with; the kiosk then offers the wave's survey (it becomes the
kiosk's survey) in the wave's weeks only (`svdesk.unit.wave_window`, carried by `kiosk.json`).

A newer file of the same wave (the coordinator ended it early) replaces the older one; an older
or the same file changes nothing and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

from svdesk.access.roles import require_role
from svdesk.access.session import Session
from svdesk.content.surveys import bundled_surveys
from svdesk.errors import InvalidInput, NotPermitted
from svdesk.exchange.wave_file import MAX_WAVE_BYTES, Wave, read_wave_file
from svdesk.storage.inputs import read_regular_file
from svdesk.storage.settings import transaction
from svdesk.unit import kiosk
from svdesk.unit.export import paired_card

_COLUMNS: Final = (
    "wave_id, coordinator_id, survey_id, survey_version, label, start_week, end_week, revision"
)


@dataclass(frozen=True)
class Imported:
    """What an import did: the wave as now kept, and whether it was new, replaced an older
    file of the same wave, or was there already."""

    wave: Wave
    outcome: str  # "added" | "replaced" | "unchanged"


def unit_waves(session: Session) -> list[Wave]:
    """The waves this unit imported, by first week."""
    return [
        Wave(
            wave_id=str(r[0]),
            coordinator_id=str(r[1]),
            survey_id=str(r[2]),
            survey_version=str(r[3]),
            label=str(r[4]),
            start_week=str(r[5]),
            end_week=str(r[6]),
            units=(),
            revision=int(r[7]),
        )
        for r in session.db.execute(
            f"SELECT {_COLUMNS} FROM unit_survey_waves ORDER BY start_week, end_week"
        )
    ]


def read_wave_path(path: Path) -> bytes:
    """The bytes of a wave file the admin chose; InvalidInput when it cannot be one."""
    try:
        return read_regular_file(path, what="survey wave file", limit=MAX_WAVE_BYTES)
    except OSError as exc:
        raise InvalidInput(
            f"Cannot read the survey wave file {path} ({exc.strerror or exc})."
        ) from exc


def import_wave(session: Session, data: bytes, *, today: date | None = None) -> Imported:
    """Check and keep a wave file (unit admin only): signed by the paired coordinator, for this
    unit, a survey this version of svdesk ships, not over, not overlapping another imported wave
    of the survey. The kiosk offers the wave's survey from now on (in its waves' weeks).
    InvalidInput or NotPermitted saying what is wrong; nothing is kept then."""
    require_role(session, "unit", "importing a survey wave")
    if not session.supporter.is_admin:
        raise NotPermitted("Only a unit admin can import a survey wave; ask your unit admin.")
    coordinator = paired_card(session)
    if coordinator is None:
        raise InvalidInput(
            "This workstation is not paired with a coordinator yet, so a survey wave file "
            "cannot be checked; import the coordinator card first (Settings, Pair…)."
        )
    wave = read_wave_file(data, coordinator=coordinator, today=today)
    unit = session.workstation.info.unit_code
    if not wave.includes(unit):
        raise InvalidInput(
            f"The survey wave “{wave.label}” is for units {', '.join(wave.units)}, and this "
            f"workstation is unit {unit or '(none)'}; nothing was imported. Ask the coordinator "
            "to add this unit to the wave."
        )
    survey = bundled_surveys().get(wave.survey_id)
    if survey is None or survey.version != wave.survey_version:
        raise InvalidInput(
            f"The survey wave “{wave.label}” is of survey {wave.survey_id!r} version "
            f"{wave.survey_version}, which this version of svdesk does not ship; update svdesk "
            "on this workstation, then import the file again."
        )
    with transaction(session):
        known = {w.wave_id: w for w in unit_waves(session)}
        old = known.get(wave.wave_id)
        if old is not None and old.revision >= wave.revision:
            return Imported(old, "unchanged")
        for other in known.values():
            if (
                other.wave_id != wave.wave_id
                and other.survey_id == wave.survey_id
                and not (other.end_week < wave.start_week or wave.end_week < other.start_week)
            ):
                raise InvalidInput(
                    f"The survey wave “{wave.label}” ({wave.start_week} to {wave.end_week}) "
                    f"overlaps “{other.label}” ({other.start_week} to {other.end_week}), "
                    "already imported; nothing was imported. Ask the coordinator which wave runs."
                )
        session.db.execute(
            f"INSERT OR REPLACE INTO unit_survey_waves ({_COLUMNS}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                wave.wave_id,
                wave.coordinator_id,
                wave.survey_id,
                wave.survey_version,
                wave.label,
                wave.start_week,
                wave.end_week,
                wave.revision,
            ],
        )
        session.audit(
            "survey_wave_imported",
            {
                "wave": wave.wave_id,
                "survey": wave.survey_id,
                "weeks": [wave.start_week, wave.end_week],
                "revision": wave.revision,
            },
        )
        # The kiosk offers the wave's survey; `kiosk.json` is rewritten with the waves' weeks.
        kiosk.choose_survey(session, wave.survey_id)
    return Imported(wave, "added" if old is None else "replaced")
