"""How checked bundle records become coordinator rows: code lists as compact JSON, booleans as
0/1, the upsert statements of coord_encounters and coord_escalations, and the one-off scrub of
fields that no longer travel."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any, Final

from svdesk.content.surveys import Survey, bundled_surveys, check_answers
from svdesk.coordinator import summaries
from svdesk.errors import InvalidInput
from svdesk.exchange import bundle, fields
from svdesk.storage.db import Database
from svdesk.storage.settings import read_setting, write_setting

LIST_FIELDS: Final = frozenset(
    f.name for f in fields.ENCOUNTER_FIELDS if f.kind == "code_list"
) | frozenset(f.name for f in fields.ESCALATION_FIELDS if f.kind == "code_list")


def json_codes(value: list[str] | None) -> str:
    """A code list as coord_encounters and coord_escalations store it: compact JSON, `[]` for
    none."""
    return _json_of(tuple(value or ()))


@lru_cache(maxsize=4096)
def _json_of(codes: tuple[str, ...]) -> str:
    # A bundle's 2,000 encounters share a few dozen code lists: encoding each list once took
    # the import from 0.29x to 0.38x raw executemany (benchmarks/bench_import.py).
    return json.dumps(codes, separators=(",", ":"))


def db_value(name: str, value: Any) -> Any:
    if name in LIST_FIELDS:
        return json_codes(value)
    if isinstance(value, bool):
        return int(value)
    return value


ENCOUNTER_COLUMNS: Final = (
    *fields.ENCOUNTER_FIELD_NAMES,
    "workstation_id",
    "import_sequence",
    "period_month",
)
INSERT_ENCOUNTERS: Final = (
    f"INSERT INTO coord_encounters ({', '.join(ENCOUNTER_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in ENCOUNTER_COLUMNS)}) "
    "ON CONFLICT(encounter_id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in ENCOUNTER_COLUMNS if c != "encounter_id")
)


def db_columns(records: fields.CheckedRecords) -> dict[str, Sequence[Any]]:
    """The coord_encounters values of checked encounters field by field: code lists as JSON
    text, booleans as 0/1."""
    columns: dict[str, Sequence[Any]] = {}
    for name, values in zip(records.names, records.columns, strict=True):
        if name in LIST_FIELDS:
            columns[name] = [json_codes(v) for v in values]
        elif name == "screen_positive":
            columns[name] = [None if v is None else int(v) for v in values]
        else:
            columns[name] = values
    return columns


_ESCALATION_UNIT_SIDE: Final = (
    "case_code",
    "encounter_id",
    "level",
    "actions",
    "rules",
    "supporter_id",
    "created_week",
    "due_week",
)
_INSERT_ESCALATION: Final = (
    "INSERT INTO coord_escalations (escalation_id, workstation_id, import_sequence, "
    f"unit_status, received_at, updated_at, {', '.join(_ESCALATION_UNIT_SIDE)}) "
    f"VALUES (?, ?, ?, ?, ?, ?, {', '.join('?' for _ in _ESCALATION_UNIT_SIDE)}) "
    "ON CONFLICT(escalation_id) DO UPDATE SET import_sequence = excluded.import_sequence, "
    "unit_status = excluded.unit_status, updated_at = excluded.updated_at, "
    + ", ".join(f"{c} = excluded.{c}" for c in _ESCALATION_UNIT_SIDE)
)


def insert_escalations(db: Database, opened: bundle.OpenedBundle, at: str) -> None:
    m = opened.manifest
    for esc in opened.escalations:
        values = [db_value(n, esc[n]) for n in _ESCALATION_UNIT_SIDE]
        db.execute(
            _INSERT_ESCALATION,
            [esc["escalation_id"], m.workstation_id, m.sequence, esc["status"], at, at, *values],
        )


_UPSERT_REQUEST: Final = (
    "INSERT INTO coord_requests (request_id, workstation_id, import_sequence, site_code, "
    "unit_code, requested_week, source, people, urgency, other_unit, status, response_time, "
    "minutes_to_contact, requested_hour, received_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT(request_id) DO UPDATE SET import_sequence = excluded.import_sequence, "
    "site_code = excluded.site_code, unit_code = excluded.unit_code, "
    "requested_week = excluded.requested_week, source = excluded.source, "
    "people = excluded.people, urgency = excluded.urgency, other_unit = excluded.other_unit, "
    "status = excluded.status, response_time = excluded.response_time, "
    "minutes_to_contact = excluded.minutes_to_contact, requested_hour = excluded.requested_hour, "
    "updated_at = excluded.updated_at WHERE excluded.import_sequence >= import_sequence"
)


def upsert_requests(db: Database, opened: bundle.OpenedBundle, at: str) -> None:
    """The requests for support of a bundle (format 3): the latest state each unit reported,
    with the unit from the manifest; an older bundle imported late changes nothing."""
    m = opened.manifest
    db.conn.executemany(
        _UPSERT_REQUEST,
        [
            (
                r["request_id"],
                m.workstation_id,
                m.sequence,
                m.site_code,
                m.unit_code,
                r["requested_week"],
                r["activation_source"],
                r["people"],
                r["urgency"],
                int(bool(r["other_unit"])),
                r["status"],
                r["response_time"],
                r["minutes_to_contact"],
                r["requested_hour"],
                at,
                at,
            )
            for r in opened.requests
        ],
    )


def survey_rows(opened: bundle.OpenedBundle) -> list[tuple[Any, ...]]:
    """The bundle's survey responses as coord_survey_responses rows. A response to a survey this
    coordinator has (id and version) must answer its items on their scales; ValueError (with a
    sentence) otherwise, before anything is written. One to a survey it does not have is kept
    as it came (shape checked by the bundle) and left out of the figures until it has it."""
    m = opened.manifest
    surveys = bundled_surveys()
    out: list[tuple[Any, ...]] = []
    for r in opened.survey_responses:
        answers = response_answers(r, surveys.get(r["survey_id"]), "a survey response")
        out.append(
            (
                r["response_id"],
                m.workstation_id,
                m.site_code,
                m.unit_code,
                r["survey_id"],
                r["survey_version"],
                r["week"],
                json.dumps(answers, sort_keys=True),
            )
        )
    return out


def response_answers(record: Mapping[str, Any], survey: Survey | None, what: str) -> dict[str, int]:
    """A travelled response's answers (item id -> value), checked against `survey` when this
    version ships it in the same version; ValueError naming `what` otherwise."""
    try:
        answers = fields.survey_answers(record["answers"])
    except ValueError as exc:
        raise ValueError(f"{what}'s answers are unreadable ({exc})") from exc
    if survey is not None and survey.version == record["survey_version"]:
        try:
            check_answers(survey, answers)
        except InvalidInput as exc:
            raise ValueError(exc.message) from exc
    return answers


def insert_survey_responses(db: Database, survey: list[tuple[Any, ...]]) -> None:
    """Responses never change: a resent one is already there and stays as it is."""
    db.conn.executemany(
        "INSERT OR IGNORE INTO coord_survey_responses (response_id, workstation_id, site_code, "
        "unit_code, survey_id, survey_version, week, answers) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        survey,
    )


def _withheld_sql(table: str, record_fields: Sequence[fields.RecordField]) -> str | None:
    withheld = [f for f in record_fields if f.withheld]
    if not withheld:
        return None
    empty = {f.name: "'[]'" if f.kind == "code_list" else "NULL" for f in withheld}
    sets = ", ".join(f"{name} = {value}" for name, value in empty.items())
    kept = " OR ".join(
        f"{name} != '[]'" if value == "'[]'" else f"{name} IS NOT NULL"
        for name, value in empty.items()
    )
    return f"UPDATE {table} SET {sets} WHERE {kept}"


_SCRUB_ENCOUNTERS: Final = _withheld_sql("coord_encounters", fields.ENCOUNTER_FIELDS)
_SCRUB_ESCALATIONS: Final = _withheld_sql("coord_escalations", fields.ESCALATION_FIELDS)


SCRUBBED_SETTING: Final = "coordinator.withheld_scrubbed"


def scrub_withheld(db: Database) -> None:
    """Empty what rows imported by a version before bundle format 2 still hold in fields that no
    longer travel (rule ids, supporter ids, the escalation's encounter link; docs/privacy.md);
    the dashboard counts are recounted when that changed anything.

    Once per store: format-1 bundles imported now arrive with those fields emptied, so after the
    first scrub there is nothing left to find (scanning both tables at every import made the
    import slower with each bundle the store held)."""
    if read_setting(db, SCRUBBED_SETTING, False):
        return
    write_setting(db, SCRUBBED_SETTING, True)
    changed = 0
    for sql in (_SCRUB_ENCOUNTERS, _SCRUB_ESCALATIONS):
        if sql is not None:
            changed += db.execute(sql).rowcount
    if changed:
        summaries.refresh_summaries(db)
