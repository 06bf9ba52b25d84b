"""The minimal encounter record (data-dictionary.md §2): its fields, how it is built from a
draft's answers and checked, and how it is stored and read back.

Building the record from a draft's answers is a pure function here, so it can be tested on its
own; `svdesk.unit.cases` stores it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Final

from svdesk.content.record_fields import load_record_vocabulary
from svdesk.content.rules import load_rules
from svdesk.errors import InvalidInput, ValidationError
from svdesk.keys.codes import CROCKFORD, crockford_clean, random_crockford
from svdesk.storage.db import Database
from svdesk.unit.context import UnitContext, from_json, to_json

if TYPE_CHECKING:
    pass

__all__ = [
    "EDITABLE_FIELDS",
    "RECORD_FIELDS",
    "REQUIRED",
    "Encounter",
    "build_record",
    "encounter",
    "encounters_for_case",
    "field_problem",
    "new_case_code",
    "parse_case_code",
    "random_case_code",
    "record_to_row",
    "screen_results",
    "time_since_event_code",
    "validate_record",
]


# ---------------------------------------------------------------------------- case codes

# Crockford base32 (svdesk.keys.codes, as the recovery code): nothing to misread.


def random_case_code() -> str:
    """A random `XXX-XXX` code from `secrets` (30 bits), never derived from anything."""
    chars = random_crockford(6)
    return f"{chars[:3]}-{chars[3:]}"


def new_case_code(db: Database) -> str:
    """A random case code not yet used by any case or draft in the store."""
    while True:
        code = random_case_code()
        used = db.execute(
            "SELECT 1 FROM cases WHERE case_code = ? UNION ALL "
            "SELECT 1 FROM drafts WHERE case_code = ? LIMIT 1",
            [code, code],
        ).fetchone()
        if used is None:
            return code


def parse_case_code(text: str) -> str:
    """Normalise a typed case code (any case, spaces or dashes, O→0, I/L→1) to `XXX-XXX`."""
    compact = crockford_clean(text)
    if len(compact) != 6 or any(c not in CROCKFORD for c in compact):
        raise InvalidInput(
            f"{text.strip()!r} is not a case code; a case code has six letters and digits, "
            "like K7Q-4MX."
        )
    return f"{compact[:3]}-{compact[3:]}"


# ---------------------------------------------------------------------------- vocabulary

# Codes and labels of the coded fields come from the record vocabulary
# (svdesk.content.record_fields).
LIST_FIELDS: Final = frozenset(
    {"event_categories", "interventions", "screens_done", "escalation_actions",
     "escalation_rules", "referral_targets"}
)  # fmt: skip

# Fields the supporter fills or corrects on the record screen (or answers in the protocol under
# the same id). The rest are derived from the answers, the rules or the context.
EDITABLE_FIELDS: Final = frozenset(
    {"modality", "format", "people_reached", "role_category", "unit_category",
     "activation_source", "event_categories", "response_time", "duration", "interventions",
     "referral_targets", "referral_accepted", "followup_plan", "needs_met", "note"}
)  # fmt: skip

# Record field <- answer id of data-dictionary §1 that prefills it.
FROM_ANSWERS: Final[Mapping[str, str]] = {
    "event_categories": "event.categories",
    "stress_zone": "stress.zone",
    "recovery_stage": "stress.recovery_stage",
    "supporter_own_distress": "supporter.own_distress",
}

_REQUIRED_FIELDS: Final = (
    "modality", "format", "people_reached", "role_category", "unit_category",
    "activation_source", "duration", "needs_met", "followup_plan",
)  # fmt: skip
# Per encounter type. The same fields: a follow-up starts with format, people reached, the
# colleague's role and unit carried from the case and activation_source "proactive".
REQUIRED: Final[Mapping[str, tuple[str, ...]]] = {
    "initial": _REQUIRED_FIELDS,
    "follow_up": _REQUIRED_FIELDS,
}

NOTE_MAX: Final = 280

RECORD_FIELDS: Final[tuple[str, ...]] = (
    "encounter_id", "case_code", "site_code", "unit_code", "encounter_type", "modality", "format",
    "people_reached", "role_category", "unit_category", "activation_source", "event_categories",
    "time_since_event", "response_time", "duration", "recovery_stage", "stress_zone",
    "interventions", "screens_done", "screen_positive", "escalation_level", "escalation_actions",
    "escalation_rules", "referral_targets", "referral_accepted", "followup_plan", "needs_met",
    "supporter_own_distress", "note", "supporter_id", "protocol_version", "rules_version",
    "created_at",
)  # fmt: skip

# Brief screens: answer id -> screens_done code. Their cut-offs are NOT kept here: they are read
# from the rules file (RuleSet.screen_thresholds), the one place escalation.md allows them.
_SCREENS: Final[Mapping[str, str]] = {
    "screen.pc_ptsd5": "pc_ptsd5",
    "screen.phq2": "phq2",
    "screen.gad2": "gad2",
}


def field_problem(field: str, value: object) -> str | None:
    """Why `value` cannot be stored in record field `field`, or None (None = not filled)."""
    if value is None:
        return None
    if field == "note":
        if not isinstance(value, str):
            return "must be text"
        if len(value) > NOTE_MAX:
            return f"must be at most {NOTE_MAX} characters (it has {len(value)})"
        return None
    spec = load_record_vocabulary().fields.get(field)
    if spec is None:
        return None
    if spec.type == "integer":
        low, high = spec.minimum, spec.maximum
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or (low is not None and value < low)
            or (high is not None and value > high)
        ):
            bounds = f" of at least {low}" if low is not None else ""
            return f"must be a whole number{bounds}"
        return None
    codes = spec.code_ids()
    if spec.type == "code_list":
        if not isinstance(value, (list, tuple)):
            return f"must be a list of codes from {', '.join(codes)}"
        bad = [v for v in value if not isinstance(v, str) or v not in codes]
        return f"has {bad[0]!r}, which is not one of {', '.join(codes)}" if bad else None
    if not isinstance(value, str) or value not in codes:
        return f"must be one of {', '.join(codes)}"
    return None


def field_label(field: str) -> str:
    spec = load_record_vocabulary().fields.get(field)
    return spec.label if spec is not None else field


# ---------------------------------------------------------------------------- derivations


def time_since_event_code(days: int) -> str:
    """`event.days_since` as the record's `time_since_event` code (0 = the same day)."""
    if days <= 0:
        return "lt_24h"
    if days <= 3:
        return "d1_3"
    if days <= 14:
        return "d4_14"
    if days <= 30:
        return "d15_30"
    return "gt_30d"


def screen_results(
    answers: Mapping[str, object], thresholds: Mapping[str, int] | None = None
) -> tuple[list[str], bool]:
    """Which screens were administered and whether any was at or above its threshold.

    `thresholds` (screen answer id -> positive at or above) defaults to the bundled rules'
    (`load_rules().screen_thresholds()`); pass the rule set's own when evaluating with another
    file. C-SSRS counts as done when any of its items was answered, and as positive on any "yes".
    """
    cutoffs = load_rules().screen_thresholds() if thresholds is None else thresholds
    done: list[str] = []
    positive = False
    cssrs = {k: v for k, v in answers.items() if k.startswith("safety.cssrs.") and v is not None}
    if cssrs:
        done.append("cssrs")
        positive = any(v is True for v in cssrs.values())
    for answer_id, code in _SCREENS.items():
        value = answers.get(answer_id)
        if isinstance(value, int) and not isinstance(value, bool):
            done.append(code)
            threshold = cutoffs.get(answer_id)
            positive = positive or (threshold is not None and value >= threshold)
    return done, positive


def build_record(
    *,
    answers: Mapping[str, object],
    carried: Mapping[str, object],
    edits: Mapping[str, object],
    escalation_level: str,
    escalation_actions: list[str],
    escalation_rules: list[str],
    encounter_id: str,
    case_code: str,
    encounter_type: str,
    site_code: str,
    unit_code: str,
    supporter_id: str,
    protocol_version: str,
    rules_version: str,
    created_on: date,
    screen_thresholds: Mapping[str, int] | None = None,
) -> dict[str, object]:
    """The record of data-dictionary §2 prefilled from the answers; `edits` (record screen) win.

    `carried` holds what a follow-up inherits from the case (e.g. `event.days_since`); answers
    given in this conversation take precedence over it.
    """
    seen = {**carried, **answers}
    record: dict[str, object] = dict.fromkeys(RECORD_FIELDS)
    for field in EDITABLE_FIELDS:
        if field in edits:
            record[field] = edits[field]
        elif field in answers:  # a protocol may ask a record field directly, under its own id
            record[field] = answers[field]
    for field, answer_id in FROM_ANSWERS.items():
        if record.get(field) is None and seen.get(answer_id) is not None:
            record[field] = seen[answer_id]
    days = seen.get("event.days_since")
    if isinstance(days, int) and not isinstance(days, bool):
        record["time_since_event"] = time_since_event_code(days)
    screens, positive = screen_results(answers, screen_thresholds)
    for field in LIST_FIELDS:
        value = record.get(field)
        record[field] = list(value) if isinstance(value, (list, tuple)) else []
    record.update(
        encounter_id=encounter_id,
        case_code=case_code,
        site_code=site_code,
        unit_code=unit_code,
        encounter_type=encounter_type,
        screens_done=screens,
        screen_positive=positive,
        escalation_level=escalation_level,
        escalation_actions=list(escalation_actions),
        escalation_rules=list(escalation_rules),
        supporter_id=supporter_id,
        protocol_version=protocol_version,
        rules_version=rules_version,
        created_at=created_on.isoformat(),
    )
    if record.get("note") == "":
        record["note"] = None
    return record


def validate_record(record: Mapping[str, object]) -> None:
    """Raise `ValidationError` naming every missing required field or ill-formed value."""
    problems: list[tuple[str, str]] = []
    encounter_type = str(record.get("encounter_type"))
    for field in REQUIRED.get(encounter_type, REQUIRED["initial"]):
        value = record.get(field)
        if value is None or value == "":
            problems.append((field, "is required"))
    for field in RECORD_FIELDS:
        problem = field_problem(field, record.get(field))
        if problem is not None:
            problems.append((field, problem))
    if problems:
        missing = [f for f, p in problems if p == "is required"]
        if missing:
            names = ", ".join(field_label(f) for f in missing)
            message = f"The record is missing {names} ({', '.join(missing)}); fill it in to finish."
        else:
            field, problem = problems[0]
            message = f"Record field {field} {problem}; correct it to finish."
        raise ValidationError(message, problems)


# ---------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class Encounter:
    """One completed encounter: the minimal record, nothing else."""

    encounter_id: str
    case_code: str
    site_code: str
    unit_code: str
    encounter_type: str
    modality: str | None
    format: str | None
    people_reached: int | None
    role_category: str | None
    unit_category: str | None
    activation_source: str | None
    event_categories: tuple[str, ...]
    time_since_event: str | None
    response_time: str | None
    duration: str | None
    recovery_stage: str | None
    stress_zone: str | None
    interventions: tuple[str, ...]
    screens_done: tuple[str, ...]
    screen_positive: bool
    escalation_level: str
    escalation_actions: tuple[str, ...]
    escalation_rules: tuple[str, ...]
    referral_targets: tuple[str, ...]
    referral_accepted: str | None
    followup_plan: str | None
    needs_met: str | None
    supporter_own_distress: str | None
    note: str | None
    supporter_id: str
    protocol_version: str
    rules_version: str
    created_at: date

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Encounter:
        values: dict[str, Any] = {}
        for field in RECORD_FIELDS:
            value = row[field]
            if field in LIST_FIELDS:
                value = tuple(from_json(value, []))
            values[field] = value
        values["screen_positive"] = bool(row["screen_positive"])
        values["created_at"] = date.fromisoformat(row["created_at"])
        return cls(**values)


def record_to_row(record: Mapping[str, object]) -> dict[str, object]:
    row: dict[str, object] = {}
    for field in RECORD_FIELDS:
        value = record.get(field)
        if field in LIST_FIELDS:
            value = to_json(list(value) if isinstance(value, (list, tuple)) else [])
        elif field == "screen_positive":
            value = int(bool(value))
        row[field] = value
    return row


def encounter(ctx: UnitContext, encounter_id: str) -> Encounter:
    rows = list(ctx.db.query("SELECT * FROM encounters WHERE encounter_id = ?", [encounter_id]))
    if not rows:
        raise InvalidInput(f"There is no encounter {encounter_id}; refresh the list and try again.")
    return Encounter.from_row(rows[0])


def encounters_for_case(ctx: UnitContext, case_code: str) -> list[Encounter]:
    """The case's encounters, oldest first."""
    rows = ctx.db.query(
        "SELECT * FROM encounters WHERE case_code = ? ORDER BY created_at, rowid", [case_code]
    )
    return [Encounter.from_row(r) for r in rows]
