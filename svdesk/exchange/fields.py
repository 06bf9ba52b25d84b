"""The record fields a bundle carries (data-dictionary.md §2 minus `note`, dates as weeks) and
their checks; the codes of coded fields come from the record vocabulary (record_fields)."""

from __future__ import annotations

import itertools
import json
import operator
import re
import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

from svdesk.content.record_fields import (
    ESCALATION_ACTIONS,
    ESCALATION_LEVELS,
    RecordFieldType,
    load_record_vocabulary,
)
from svdesk.errors import InvalidInput
from svdesk.exchange.errors import BundleRejected
from svdesk.exchange.weeks import iso_week, parse_week

FieldKind = Literal["uuid", "text", "code", "code_list", "int", "bool", "week", "month"]


@dataclass(frozen=True)
class RecordField:
    name: str
    kind: FieldKind
    label: str
    codes: tuple[str, ...] = ()
    identifying: bool = False  # carried to the coordinator, never in reports that leave it
    required: bool = False
    # Kept on the unit only (docs/privacy.md): the field stays in the bundle's column list so
    # that bundles of format 1 still read, but it travels empty (None / []) and whatever an
    # older bundle carries in it is discarded on import, never stored.
    withheld: bool = False


def _codes(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_VOCABULARY: Final = load_record_vocabulary()
_KIND_OF_VOCABULARY_TYPE: Final[Mapping[RecordFieldType, FieldKind]] = {
    "code": "code",
    "code_list": "code_list",
    "integer": "int",
}


def _vocabulary_field(name: str, label: str) -> RecordField:
    """A field of the record vocabulary (resources/vocab/record.toml): its kind and codes come
    from there, so a code added or renamed there travels and is checked the same way."""
    spec = _VOCABULARY.field(name)
    return RecordField(name, _KIND_OF_VOCABULARY_TYPE[spec.type], label, spec.code_ids())


# The level order (most urgent first) and the action codes: those of the record vocabulary.
# The life cycle of svdesk/unit/escalations.py (a test ties the two).
ESCALATION_STATUSES: Final = _codes("open handed_off closed")

# Labels here are column titles of exports (REDCap data dictionary); screens use the vocabulary's.
ENCOUNTER_FIELDS: Final[tuple[RecordField, ...]] = (
    RecordField("encounter_id", "uuid", "Encounter id", required=True),
    RecordField("case_code", "text", "Case code", identifying=True),
    RecordField("site_code", "text", "Site"),
    RecordField("unit_code", "text", "Unit"),
    _vocabulary_field("encounter_type", "Encounter type"),
    _vocabulary_field("modality", "Modality"),
    _vocabulary_field("format", "Format"),
    _vocabulary_field("people_reached", "People reached"),
    _vocabulary_field("role_category", "Role category"),
    _vocabulary_field("unit_category", "Unit category"),
    _vocabulary_field("activation_source", "Activation source"),
    _vocabulary_field("event_categories", "Event categories"),
    _vocabulary_field("time_since_event", "Time since event"),
    _vocabulary_field("response_time", "Response time"),
    _vocabulary_field("duration", "Duration"),
    _vocabulary_field("recovery_stage", "Recovery stage"),
    _vocabulary_field("stress_zone", "Stress zone"),
    _vocabulary_field("interventions", "Interventions"),
    _vocabulary_field("screens_done", "Screens done"),
    RecordField("screen_positive", "bool", "Any screen positive"),
    _vocabulary_field("escalation_level", "Escalation level"),
    _vocabulary_field("escalation_actions", "Escalation actions"),
    # Rule ids beside unit, role, event and week could single someone out; the coordinator's
    # queue needs level, actions, due week and case code (format 2 withholds the ids).
    RecordField("escalation_rules", "code_list", "Escalation rules fired", withheld=True),
    _vocabulary_field("referral_targets", "Referral targets"),
    _vocabulary_field("referral_accepted", "Referral accepted"),
    _vocabulary_field("followup_plan", "Follow-up plan"),
    _vocabulary_field("needs_met", "Needs met"),
    _vocabulary_field("supporter_own_distress", "Supporter's own distress"),
    # Supporter distress travels without the supporter's id (format 2).
    RecordField("supporter_id", "uuid", "Supporter id", identifying=True, withheld=True),
    RecordField("protocol_version", "text", "Protocol version"),
    RecordField("rules_version", "text", "Rules version"),
    RecordField("created_week", "week", "ISO week", required=True),
)
ENCOUNTER_FIELD_NAMES: Final = tuple(f.name for f in ENCOUNTER_FIELDS)

ESCALATION_FIELDS: Final[tuple[RecordField, ...]] = (
    RecordField("escalation_id", "uuid", "Escalation id", required=True),
    RecordField("case_code", "text", "Case code", identifying=True),
    # The link to the encounter (its unit, role, events) is not needed to act on the escalation.
    RecordField("encounter_id", "uuid", "Encounter id", withheld=True),
    RecordField("level", "code", "Level", ESCALATION_LEVELS, required=True),
    RecordField("actions", "code_list", "Actions", ESCALATION_ACTIONS),
    RecordField("rules", "code_list", "Rules fired", withheld=True),
    RecordField("status", "code", "Status on the unit", ESCALATION_STATUSES),
    RecordField("source", "code", "Raised by", _codes("rules crisis")),
    RecordField("handed_to", "code", "Handed to", _VOCABULARY.codes("referral_targets")),
    RecordField("outcome", "code", "Outcome on the unit"),
    RecordField("supporter_id", "uuid", "Recorded by", identifying=True, withheld=True),
    RecordField("created_week", "week", "ISO week raised"),
    RecordField("due_week", "week", "ISO week due"),
)
ESCALATION_FIELD_NAMES: Final = tuple(f.name for f in ESCALATION_FIELDS)
# Requests for support (issue 15, bundle format 3): who asked as a code, how many, how urgent,
# whether a supporter of another unit is wanted, the state on the unit and, once taken up, the
# request-to-contact time coded from the real times. No names, no supporter ids. The urgencies
# and states of svdesk/unit/requests.py (a test ties the two).
REQUEST_URGENCIES: Final = _codes("now today this_week")
REQUEST_STATUSES: Final = _codes("open taken withdrawn")
REQUEST_HOURS: Final = tuple(f"{hour:02d}" for hour in range(24))
REQUEST_FIELDS: Final[tuple[RecordField, ...]] = (
    RecordField("request_id", "uuid", "Request id", required=True),
    RecordField("requested_week", "week", "ISO week requested", required=True),
    _vocabulary_field("activation_source", "Who asked"),
    RecordField("people", "int", "People"),
    RecordField("urgency", "code", "Urgency", REQUEST_URGENCIES),
    RecordField("other_unit", "bool", "Supporter from another unit wanted"),
    RecordField("status", "code", "Status on the unit", REQUEST_STATUSES, required=True),
    _vocabulary_field("response_time", "Request to first contact"),
    # For the coordinator's figures (issue 15, item 4): the minutes to first contact once taken
    # up, and the hour of day (the unit's local time) the request was made.
    RecordField("minutes_to_contact", "int", "Minutes from request to first contact"),
    RecordField("requested_hour", "code", "Hour requested", REQUEST_HOURS),
)
REQUEST_FIELD_NAMES: Final = tuple(f.name for f in REQUEST_FIELDS)
# Staff survey responses (issue 14, format 3): taken in the kiosk, with no identity, no time of
# day and no order (svdesk/unit/kiosk.py). The answers travel as "item.value" codes
# ("know_reach.4") so that the bundle's own checks apply; the coordinator checks them against
# the bundled survey before it stores them.
SURVEY_RESPONSE_FIELDS: Final[tuple[RecordField, ...]] = (
    RecordField("response_id", "text", "Response id", required=True),
    RecordField("survey_id", "code", "Survey", required=True),
    RecordField("survey_version", "text", "Survey version", required=True),
    RecordField("week", "week", "ISO week", required=True),
    RecordField("answers", "code_list", "Answers"),
)
SURVEY_RESPONSE_FIELD_NAMES: Final = tuple(f.name for f in SURVEY_RESPONSE_FIELDS)
# Recipient feedback (issue 14, item 3; format 4): a colleague's answers to the feedback survey,
# entered with a one-time code at the locked kiosk. It says nothing but "a conversation of this
# unit in this month" (svdesk/unit/feedback.py): a random id (resends), the month of the code, the
# answers as "item.value" codes, checked against the feedback survey on import.
FEEDBACK_RESPONSE_FIELDS: Final[tuple[RecordField, ...]] = (
    RecordField("response_id", "uuid", "Response id", required=True),
    RecordField("survey_id", "code", "Survey", required=True),
    RecordField("survey_version", "text", "Survey version", required=True),
    RecordField("month", "month", "Month", required=True),
    RecordField("answers", "code_list", "Answers"),
)
FEEDBACK_RESPONSE_FIELD_NAMES: Final = tuple(f.name for f in FEEDBACK_RESPONSE_FIELDS)
# What actually travels (docs/privacy.md lists each with its purpose).
EXPORTED_ENCOUNTER_FIELDS: Final = tuple(f.name for f in ENCOUNTER_FIELDS if not f.withheld)
EXPORTED_ESCALATION_FIELDS: Final = tuple(f.name for f in ESCALATION_FIELDS if not f.withheld)


def _empty(f: RecordField) -> Any:
    return [] if f.kind == "code_list" else None


_CODE_RE: Final = re.compile(r"^[a-z0-9_.]{1,64}$")
_TEXT_MAX: Final = 100


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str):
        loaded = json.loads(value) if value.strip() else []
        return list(loaded) if isinstance(loaded, list) else []
    return list(value)


def _coded(
    record: Mapping[str, Any], fields: Sequence[RecordField], week_sources: Mapping[str, str]
) -> dict[str, Any]:
    """Only the allow-listed fields, normalised; dates become ISO weeks."""
    out: dict[str, Any] = {}
    for f in fields:
        if f.withheld:
            out[f.name] = _empty(f)
        elif f.kind == "week":
            value = record.get(f.name)
            source = week_sources.get(f.name)
            if value is None and source is not None and record.get(source) is not None:
                value = iso_week(str(record[source]))
            out[f.name] = value
        elif f.kind == "code_list":
            out[f.name] = [str(v) for v in _as_list(record.get(f.name))]
        elif f.kind == "bool":
            v = record.get(f.name)
            out[f.name] = None if v is None else bool(v)
        elif f.kind == "int":
            v = record.get(f.name)
            out[f.name] = None if v is None else int(v)
        else:
            v = record.get(f.name)
            out[f.name] = None if v is None else str(v)
    return out


def coded_encounter(record: Mapping[str, Any]) -> dict[str, Any]:
    """An encounter row or §2 record reduced to what may leave the workstation."""
    return _coded(record, ENCOUNTER_FIELDS, {"created_week": "created_at"})


def coded_escalation(record: Mapping[str, Any]) -> dict[str, Any]:
    """An escalation row reduced to what may leave the workstation (`id` → `escalation_id`)."""
    source = dict(record)
    if "escalation_id" not in source and "id" in source:
        source["escalation_id"] = source["id"]
    if "supporter_id" not in source and "created_by" in source:
        source["supporter_id"] = source["created_by"]
    if source.get("status") not in ESCALATION_STATUSES:
        source["status"] = "open"
    return _coded(source, ESCALATION_FIELDS, {"created_week": "created_at", "due_week": "due_at"})


def coded_request(record: Mapping[str, Any]) -> dict[str, Any]:
    """A support request row reduced to what may leave the workstation (`id` → `request_id`,
    `source` → `activation_source`, `requested_at` → its ISO week; `response_time` as the
    caller computed it from the real times)."""
    source = dict(record)
    if "request_id" not in source and "id" in source:
        source["request_id"] = source["id"]
    if "activation_source" not in source and "source" in source:
        source["activation_source"] = source["source"]
    return _coded(source, REQUEST_FIELDS, {"requested_week": "requested_at"})


def coded_survey_response(record: Mapping[str, Any]) -> dict[str, Any]:
    """A stored kiosk response (`id`, `survey_id`, `survey_version`, `week`, `answers` as JSON
    text or a mapping) as it travels."""
    answers = record["answers"]
    if isinstance(answers, str):
        answers = json.loads(answers)
    return {
        "response_id": str(record.get("response_id", record.get("id"))),
        "survey_id": str(record["survey_id"]),
        "survey_version": str(record["survey_version"]),
        "week": str(record["week"]),
        "answers": [f"{item}.{value}" for item, value in sorted(answers.items())],
    }


def coded_feedback_response(record: Mapping[str, Any]) -> dict[str, Any]:
    """A stored feedback response (`id`, `survey_id`, `survey_version`, `month`, `answers` as
    JSON text or a mapping) as it travels."""
    answers = record["answers"]
    if isinstance(answers, str):
        answers = json.loads(answers)
    return {
        "response_id": str(record.get("response_id", record.get("id"))),
        "survey_id": str(record["survey_id"]),
        "survey_version": str(record["survey_version"]),
        "month": str(record["month"]),
        "answers": [f"{item}.{value}" for item, value in sorted(answers.items())],
    }


_MONTH_RE: Final = re.compile(r"(20[0-9]{2})-(0[1-9]|1[0-2])")


def valid_month(value: object) -> bool:
    """Whether `value` is a month as it travels: "YYYY-MM", years 2000 to 2099."""
    return isinstance(value, str) and _MONTH_RE.fullmatch(value) is not None


def survey_answers(codes: Sequence[str]) -> dict[str, int]:
    """The answers of a travelled response, back as item id → value; ValueError when a code
    is not "item.value" or names an item twice."""
    out: dict[str, int] = {}
    for code in codes:
        item, _, value = code.rpartition(".")
        if not item or not value.isdigit() or item in out:
            raise ValueError(f"{code!r} is not an answer")
        out[item] = int(value)
    return out


def valid_value(f: RecordField, value: Any) -> bool:
    if value is None:
        return not f.required
    if f.kind == "uuid":
        if not isinstance(value, str):
            return False
        try:
            uuid.UUID(value)
        except ValueError:
            return False
        return True
    if f.kind == "text":
        return isinstance(value, str) and len(value) <= _TEXT_MAX and value.isprintable()
    if f.kind == "code":
        return (
            isinstance(value, str)
            and bool(_CODE_RE.match(value))
            and (not f.codes or value in f.codes)
        )
    if f.kind == "code_list":
        return isinstance(value, list) and all(
            isinstance(v, str) and _CODE_RE.match(v) and (not f.codes or v in f.codes)
            for v in value
        )
    if f.kind == "bool":
        return isinstance(value, bool)
    if f.kind == "int":
        return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 1_000_000
    if f.kind == "month":
        return valid_month(value)
    if f.kind == "week":
        if not isinstance(value, str):
            return False
        try:
            parse_week(value)
        except InvalidInput:
            return False
        return True
    return False  # pragma: no cover


@dataclass(frozen=True)
class CheckedRecords:
    """Records that passed the checks, field by field: `columns[i]` holds every record's value
    of `names[i]` (only allow-listed fields)."""

    names: tuple[str, ...]
    columns: tuple[Sequence[Any], ...]

    def __len__(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    def column(self, name: str) -> Sequence[Any]:
        return self.columns[self.names.index(name)]

    def dicts(self) -> list[dict[str, Any]]:
        names = self.names
        return [dict(zip(names, row, strict=True)) for row in zip(*self.columns, strict=True)]


def _column(items: list[dict[str, Any]], name: str) -> list[Any]:
    try:
        return list(map(operator.itemgetter(name), items))
    except KeyError:  # left out of some record: None there, as in the record-by-record check
        return list(map(operator.methodcaller("get", name), items))


def no_records(names: tuple[str, ...]) -> CheckedRecords:
    return CheckedRecords(names, tuple(() for _ in names))


def check_records(
    items: Any, fields: Sequence[RecordField], what: str, file_label: str
) -> CheckedRecords:
    """The allow-listed values of `items` (fields outside the list are dropped, never stored);
    `BundleRejected` naming the first bad record and field when a value is not valid."""
    if not isinstance(items, list):
        raise BundleRejected("corrupt", f"{file_label} has no list of {what}; it is damaged.")
    names = tuple(f.name for f in fields)
    if not items:
        return no_records(names)
    if set(map(type, items)) <= {dict}:
        # Checked field by field over all records (each distinct value once); on any doubt the
        # record-by-record check below names the first bad record and field.
        columns = tuple(_column(items, name) for name in names)
        if all(valid_column(f, column) for f, column in zip(fields, columns, strict=True)):
            return _without_withheld(CheckedRecords(names, columns), fields)
    checked: list[tuple[Any, ...]] = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise BundleRejected("corrupt", f"{file_label}: {what} #{index + 1} is not a record.")
        values = []
        for f in fields:
            value = item.get(f.name)
            if not valid_value(f, value):
                unknown = _unknown_code(f, value)
                if unknown is not None:
                    raise BundleRejected(
                        "corrupt",
                        f"{file_label}: {what} #{index + 1} has the code {unknown!r} in "
                        f"{f.name}, which is not in this coordinator's vocabulary; update "
                        "svdesk so that the unit and the coordinator use the same codes, and "
                        "import it again.",
                    )
                raise BundleRejected(
                    "corrupt",
                    f"{file_label}: {what} #{index + 1} has an invalid {f.name}; "
                    "check that svdesk is up to date on the unit and export again.",
                )
            values.append(value)
        checked.append(tuple(values))
    return _without_withheld(CheckedRecords(names, tuple(zip(*checked, strict=True))), fields)


def _unknown_code(f: RecordField, value: Any) -> str | None:
    """The first code in `value` that is not one of `f`'s codes, when `value` is otherwise
    well-formed (else None: the value is plain invalid)."""
    if not f.codes:
        return None
    values = value if f.kind == "code_list" and isinstance(value, list) else [value]
    if not all(isinstance(v, str) and _CODE_RE.match(v) for v in values):
        return None
    return next((v for v in values if v not in f.codes), None)


def _without_withheld(records: CheckedRecords, fields: Sequence[RecordField]) -> CheckedRecords:
    """Withheld fields emptied: a bundle of format 1 carried them; they are never stored."""
    if not any(f.withheld for f in fields):
        return records
    count = len(records)
    columns: tuple[Sequence[Any], ...] = tuple(
        ([[] for _ in range(count)] if f.kind == "code_list" else [None] * count)
        if f.withheld
        else column
        for f, column in zip(fields, records.columns, strict=True)
    )
    return CheckedRecords(records.names, columns)


# The canonical spelling of a UUID (what svdesk writes); anything else goes through uuid.UUID.
_UUID_RE: Final = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_UUIDS_RE: Final = re.compile(f"(?:{_UUID_RE.pattern})*")
_KIND_TYPE: Final[Mapping[str, type]] = {
    "uuid": str,
    "text": str,
    "code": str,
    "week": str,
    "month": str,
    "int": int,
    "bool": bool,
    "code_list": list,
}
_NONE_TYPE: Final = type(None)


def valid_column(f: RecordField, values: Sequence[Any]) -> bool:
    """Whether `valid_value(f, v)` holds for every v in `values` (a fast path of it: the exact
    types of the values are checked once, then each distinct value once)."""
    kind = f.kind
    if kind in ("int", "bool", "code_list"):
        # Per value: lists cannot go in a set, and a set would merge True with 1.
        distinct: Collection[Any] = values
        types = set(map(type, values))
    else:
        try:
            distinct = set(values)
        except TypeError:  # a list or object where text belongs
            return False
        types = set(map(type, distinct))
    if _NONE_TYPE in types:
        if f.required:
            return False
        types.discard(_NONE_TYPE)
        distinct = [v for v in distinct if v is not None]
    if not types <= {_KIND_TYPE[kind]}:  # subclasses and wrong types: the plain check
        return all(valid_value(f, v) for v in distinct)
    if kind == "bool":
        return True
    if kind == "int":
        return not distinct or (min(distinct) >= 0 and max(distinct) < 1_000_000)
    if kind == "code_list":
        try:
            lists = set(map(tuple, distinct))
        except TypeError:  # an unhashable element is no code
            return False
        codes = set().union(*lists)
        return all(isinstance(c, str) and _CODE_RE.match(c) for c in codes) and (
            not f.codes or codes.issubset(f.codes)
        )
    if kind == "text":
        return not distinct or (
            max(map(len, distinct)) <= _TEXT_MAX and all(map(str.isprintable, distinct))
        )
    if kind == "uuid":
        # All of canonical length and spelling: one match over them all, not one per id.
        if set(map(len, distinct)) <= {36} and _UUIDS_RE.fullmatch("".join(distinct)):
            return True
        distinct = list(itertools.filterfalse(_UUID_RE.fullmatch, distinct))
    return all(valid_value(f, v) for v in distinct)
