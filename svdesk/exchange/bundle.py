"""Export bundles and the coordinator card: canonical manifest, Ed25519 signature, age encryption.

Pure bytes in and out (no store access). A unit workstation builds a bundle of coded records for
one coordinator; the coordinator opens it and learns exactly why it is refused when it is.

Layout: the file is an age (X25519) encryption, to the coordinator's recipient, of
    line 1  the manifest as canonical JSON (sorted keys, no spaces, ASCII): format, version,
            export id, workstation id and Ed25519 public key, site/unit, sequence, schema
            version, created ISO week, recipient fingerprints, payload SHA-256, record counts
    line 2  base64 Ed25519 signature of b"svdesk-bundle-signature-v1\0" + line 1 + b"\n" + payload
    rest    the payload, canonical JSON {"encounters": [...], "escalations": [...]} holding only
            the allow-listed fields below (never `note`; dates as ISO weeks)
so a coordinator can also open it with the `age` tool and read it.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import itertools
import json
import operator
import re
import uuid
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from svdesk.errors import InvalidInput, Refused

BUNDLE_FORMAT: Final = "svdesk-bundle"
BUNDLE_FORMAT_VERSION: Final = 1
CARD_FORMAT: Final = "svdesk-coordinator-card"
CARD_FORMAT_VERSION: Final = 1
BUNDLE_SUFFIX: Final = ".svdbundle"
# 64 MiB of ciphertext holds ~100,000 records; exports are chunked far below that.
MAX_BUNDLE_BYTES: Final = 64 * 1024 * 1024
MAX_CARD_BYTES: Final = 64 * 1024
# An honest workstation skips a number only when a write fails or it crashes mid-export.
MAX_SEQUENCE_JUMP: Final = 1000
_AGE_MAGIC: Final = b"age-encryption.org/v1\n"
_SIGNATURE_DOMAIN: Final = b"svdesk-bundle-signature-v1\x00"
_CARD_DOMAIN: Final = b"svdesk-coordinator-card-v1\x00"

RejectReason = Literal[
    "bad_signature",
    "unknown_workstation",
    "wrong_recipient",
    "unsupported_format",
    "sequence_rollback",
    "corrupt",
    "too_large",
]
REJECT_REASONS: Final[tuple[str, ...]] = (
    "bad_signature",
    "unknown_workstation",
    "wrong_recipient",
    "unsupported_format",
    "sequence_rollback",
    "corrupt",
    "too_large",
)


class BundleRejected(Refused):
    """A bundle the coordinator will not import; `reason` is the cli.md code.

    For `unknown_workstation`, `workstation_id` and `fingerprint` name the sender so that the
    coordinator can compare the fingerprint with the one shown on the workstation and trust it.
    """

    title = "Bundle rejected"

    def __init__(
        self,
        reason: RejectReason,
        message: str,
        *,
        workstation_id: str | None = None,
        fingerprint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.reason: RejectReason = reason
        self.workstation_id = workstation_id
        self.fingerprint = fingerprint


# --------------------------------------------------------------------------------------------
# The record as it leaves the workstation (data-dictionary.md §2 minus `note`, dates as weeks).

FieldKind = Literal["uuid", "text", "code", "code_list", "int", "bool", "week"]


@dataclass(frozen=True)
class RecordField:
    name: str
    kind: FieldKind
    label: str
    codes: tuple[str, ...] = ()
    identifying: bool = False  # carried to the coordinator, never in reports that leave it
    required: bool = False


def _codes(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_EVENT_CODES = _codes(
    "unexpected_death deterioration_or_transfer medication_or_treatment_error near_miss "
    "pediatric_event first_patient_death multiple_bad_outcomes violence_or_aggression "
    "litigation_notice staff_death moral_distress long_term_patient_death high_profile_event "
    "needlestick_exposure other"
)
ESCALATION_LEVELS: Final = _codes(
    "emergency tier3_same_day tier3_72h tier3_2wk tier2_intensified tier2"
)
ESCALATION_ACTIONS: Final = _codes(
    "relieve_from_duty group_response risk_legal_support leader_involvement supporter_debrief "
    "crisis_line_info"
)
ESCALATION_STATUSES: Final = _codes("open handed_off closed")

ENCOUNTER_FIELDS: Final[tuple[RecordField, ...]] = (
    RecordField("encounter_id", "uuid", "Encounter id", required=True),
    RecordField("case_code", "text", "Case code", identifying=True),
    RecordField("site_code", "text", "Site"),
    RecordField("unit_code", "text", "Unit"),
    RecordField("encounter_type", "code", "Encounter type", _codes("initial follow_up")),
    RecordField("modality", "code", "Modality", _codes("in_person phone video")),
    RecordField("format", "code", "Format", _codes("individual group_small group_large")),
    RecordField("people_reached", "int", "People reached"),
    RecordField(
        "role_category",
        "code",
        "Role category",
        _codes(
            "nurse physician_app trainee pharmacy allied_health non_clinical leader "
            "prefer_not_to_say"
        ),
    ),
    RecordField(
        "unit_category",
        "code",
        "Unit category",
        _codes(
            "emergency icu_adult icu_pediatric_neonatal perioperative med_surg obstetrics "
            "pharmacy ambulatory other prefer_not_to_say"
        ),
    ),
    RecordField(
        "activation_source",
        "code",
        "Activation source",
        _codes("self peer manager safety_team proactive"),
    ),
    RecordField("event_categories", "code_list", "Event categories", _EVENT_CODES),
    RecordField(
        "time_since_event", "code", "Time since event", _codes("lt_24h d1_3 d4_14 d15_30 gt_30d")
    ),
    RecordField("response_time", "code", "Response time", _codes("le_30min le_24h gt_24h")),
    RecordField("duration", "code", "Duration", _codes("lt_15 m15_30 m31_60 gt_60")),
    RecordField(
        "recovery_stage",
        "code",
        "Recovery stage",
        _codes(
            "1_chaos 2_intrusive_reflections 3_restoring_integrity 4_enduring_inquisition "
            "5_emotional_first_aid 6_dropping_out 6_surviving 6_thriving unclear"
        ),
    ),
    RecordField(
        "stress_zone", "code", "Stress zone", _codes("green yellow orange red not_assessed")
    ),
    RecordField(
        "interventions",
        "code_list",
        "Interventions",
        _codes(
            "listening normalisation calming practical_help social_connection coping_plan "
            "resources_given"
        ),
    ),
    RecordField("screens_done", "code_list", "Screens done", _codes("cssrs pc_ptsd5 phq2 gad2")),
    RecordField("screen_positive", "bool", "Any screen positive"),
    RecordField("escalation_level", "code", "Escalation level", ESCALATION_LEVELS),
    RecordField("escalation_actions", "code_list", "Escalation actions", ESCALATION_ACTIONS),
    RecordField("escalation_rules", "code_list", "Escalation rules fired"),
    RecordField(
        "referral_targets",
        "code_list",
        "Referral targets",
        _codes(
            "eap psychology psychiatry chaplain occupational_health risk_legal leader "
            "crisis_line emergency_department own_provider"
        ),
    ),
    RecordField("referral_accepted", "code", "Referral accepted", _codes("yes no not_offered")),
    RecordField("followup_plan", "code", "Follow-up plan", _codes("none h24_72 w1 w2 w4")),
    RecordField("needs_met", "code", "Needs met", _codes("yes partly no")),
    RecordField(
        "supporter_own_distress", "code", "Supporter's own distress", _codes("none some high")
    ),
    RecordField("supporter_id", "uuid", "Supporter id", identifying=True),
    RecordField("protocol_version", "text", "Protocol version"),
    RecordField("rules_version", "text", "Rules version"),
    RecordField("created_week", "week", "ISO week", required=True),
)
ENCOUNTER_FIELD_NAMES: Final = tuple(f.name for f in ENCOUNTER_FIELDS)

ESCALATION_FIELDS: Final[tuple[RecordField, ...]] = (
    RecordField("escalation_id", "uuid", "Escalation id", required=True),
    RecordField("case_code", "text", "Case code", identifying=True),
    RecordField("encounter_id", "uuid", "Encounter id"),
    RecordField("level", "code", "Level", ESCALATION_LEVELS, required=True),
    RecordField("actions", "code_list", "Actions", ESCALATION_ACTIONS),
    RecordField("rules", "code_list", "Rules fired"),
    RecordField("status", "code", "Status on the unit", ESCALATION_STATUSES),
    RecordField("source", "code", "Raised by", _codes("rules crisis")),
    RecordField("handed_to", "code", "Handed to"),
    RecordField("outcome", "code", "Outcome on the unit"),
    RecordField("supporter_id", "uuid", "Recorded by", identifying=True),
    RecordField("created_week", "week", "ISO week raised"),
    RecordField("due_week", "week", "ISO week due"),
)
ESCALATION_FIELD_NAMES: Final = tuple(f.name for f in ESCALATION_FIELDS)

_WEEK_RE: Final = re.compile(r"^(\d{4})-W(\d{2})$")
_CODE_RE: Final = re.compile(r"^[a-z0-9_.]{1,64}$")
_TEXT_MAX: Final = 100


def iso_week(value: str | dt.date | dt.datetime) -> str:
    """`YYYY-Www` of a day or ISO timestamp (the only date form that leaves a workstation)."""
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value[:10])
        except ValueError as exc:
            raise InvalidInput(f"{value!r} is not a date (expected YYYY-MM-DD).") from exc
    elif isinstance(value, dt.datetime):
        day = value.date()
    else:
        day = value
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def parse_week(text: str) -> tuple[int, int]:
    """(year, week) of `YYYY-Www`; `InvalidInput` if it is not a real ISO week."""
    m = _WEEK_RE.match(text)
    if m:
        year, week = int(m.group(1)), int(m.group(2))
        try:
            dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            pass
        else:
            return year, week
    raise InvalidInput(f"{text!r} is not an ISO week; write it as YYYY-Www, e.g. 2026-W07.")


def week_monday(text: str) -> dt.date:
    year, week = parse_week(text)
    return dt.date.fromisocalendar(year, week, 1)


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
        if f.kind == "week":
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


def _valid_value(f: RecordField, value: Any) -> bool:
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
        return isinstance(value, str) and bool(_CODE_RE.match(value))
    if f.kind == "code_list":
        return isinstance(value, list) and all(
            isinstance(v, str) and _CODE_RE.match(v) for v in value
        )
    if f.kind == "bool":
        return isinstance(value, bool)
    if f.kind == "int":
        return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 1_000_000
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


def _no_records(names: tuple[str, ...]) -> CheckedRecords:
    return CheckedRecords(names, tuple(() for _ in names))


def _check_records(
    items: Any, fields: Sequence[RecordField], what: str, file_label: str
) -> CheckedRecords:
    """The allow-listed values of `items` (fields outside the list are dropped, never stored);
    `BundleRejected` naming the first bad record and field when a value is not valid."""
    if not isinstance(items, list):
        raise BundleRejected("corrupt", f"{file_label} has no list of {what}; it is damaged.")
    names = tuple(f.name for f in fields)
    if not items:
        return _no_records(names)
    if set(map(type, items)) <= {dict}:
        # Checked field by field over all records (each distinct value once); on any doubt the
        # record-by-record check below names the first bad record and field.
        columns = tuple(_column(items, name) for name in names)
        if all(_valid_column(f, column) for f, column in zip(fields, columns, strict=True)):
            return CheckedRecords(names, columns)
    checked: list[tuple[Any, ...]] = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise BundleRejected("corrupt", f"{file_label}: {what} #{index + 1} is not a record.")
        values = []
        for f in fields:
            value = item.get(f.name)
            if not _valid_value(f, value):
                raise BundleRejected(
                    "corrupt",
                    f"{file_label}: {what} #{index + 1} has an invalid {f.name}; "
                    "check that svdesk is up to date on the unit and export again.",
                )
            values.append(value)
        checked.append(tuple(values))
    return CheckedRecords(names, tuple(zip(*checked, strict=True)))


# The canonical spelling of a UUID (what svdesk writes); anything else goes through uuid.UUID.
_UUID_RE: Final = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_UUIDS_RE: Final = re.compile(f"(?:{_UUID_RE.pattern})*")
_KIND_TYPE: Final[Mapping[str, type]] = {
    "uuid": str,
    "text": str,
    "code": str,
    "week": str,
    "int": int,
    "bool": bool,
    "code_list": list,
}
_NONE_TYPE: Final = type(None)


def _valid_column(f: RecordField, values: Sequence[Any]) -> bool:
    """Whether `_valid_value(f, v)` holds for every v in `values` (a fast path of it: the exact
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
        return all(_valid_value(f, v) for v in distinct)
    if kind == "bool":
        return True
    if kind == "int":
        return not distinct or (min(distinct) >= 0 and max(distinct) < 1_000_000)
    if kind == "code_list":
        try:
            lists = set(map(tuple, distinct))
        except TypeError:  # an unhashable element is no code
            return False
        return all(isinstance(c, str) and _CODE_RE.match(c) for c in set().union(*lists))
    if kind == "text":
        return not distinct or (
            max(map(len, distinct)) <= _TEXT_MAX and all(map(str.isprintable, distinct))
        )
    if kind == "uuid":
        # All of canonical length and spelling: one match over them all, not one per id.
        if set(map(len, distinct)) <= {36} and _UUIDS_RE.fullmatch("".join(distinct)):
            return True
        distinct = list(itertools.filterfalse(_UUID_RE.fullmatch, distinct))
    return all(_valid_value(f, v) for v in distinct)


# --------------------------------------------------------------------------------------------
# Keys and fingerprints


def fingerprint(public_bytes: bytes) -> str:
    """SHA-256 of a public key as 8 groups of 4 base32 characters, easy to compare aloud."""
    digest = hashlib.sha256(public_bytes).digest()
    text = base64.b32encode(digest).decode("ascii")[:32]
    return "-".join(text[i : i + 4] for i in range(0, 32, 4))


def recipient_fingerprint(recipient: str) -> str:
    """Fingerprint of an age recipient string (`age1…`)."""
    return fingerprint(recipient.strip().encode("ascii"))


def new_signing_key() -> bytes:
    """A new Ed25519 private key as its 32 raw bytes (the caller stores it encrypted)."""
    return Ed25519PrivateKey.generate().private_bytes_raw()


def public_key_of(private_raw: bytes) -> bytes:
    return (
        Ed25519PrivateKey.from_private_bytes(private_raw)
        .public_key()
        .public_bytes(Encoding.Raw, PublicFormat.Raw)
    )


def _verify(public_raw: bytes, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def canonical_json(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


@dataclass(frozen=True)
class CoordinatorKeys:
    """The coordinator's secrets: an age identity (decrypts bundles) and a card-signing key."""

    coordinator_id: str
    age_identity: str  # AGE-SECRET-KEY-1…
    signing_key: bytes  # Ed25519 raw private key

    @property
    def age_recipient(self) -> str:
        return str(pyrage.x25519.Identity.from_str(self.age_identity).to_public())

    @property
    def fingerprint(self) -> str:
        return recipient_fingerprint(self.age_recipient)


def generate_coordinator_keys() -> CoordinatorKeys:
    return CoordinatorKeys(
        coordinator_id=str(uuid.uuid4()),
        age_identity=str(pyrage.x25519.Identity.generate()),
        signing_key=new_signing_key(),
    )


@dataclass(frozen=True)
class CoordinatorCard:
    """The public card a coordinator hands to units: whom to encrypt exports to."""

    coordinator_id: str
    site_code: str
    age_recipient: str
    signing_key: bytes  # Ed25519 public key that signed the card
    fingerprint: str
    raw: bytes = field(repr=False, default=b"")


def make_card(keys: CoordinatorKeys, *, site_code: str) -> bytes:
    body = {
        "format": CARD_FORMAT,
        "format_version": CARD_FORMAT_VERSION,
        "coordinator_id": keys.coordinator_id,
        "site_code": site_code,
        "age_recipient": keys.age_recipient,
        "signing_key": public_key_of(keys.signing_key).hex(),
        "fingerprint": keys.fingerprint,
    }
    signature = Ed25519PrivateKey.from_private_bytes(keys.signing_key).sign(
        _CARD_DOMAIN + canonical_json(body)
    )
    card = {**body, "signature": signature.hex()}
    return json.dumps(card, indent=2, sort_keys=True).encode("utf-8") + b"\n"


def read_card(data: bytes) -> CoordinatorCard:
    """Parse and check a coordinator card; `InvalidInput` with what is wrong otherwise."""

    def bad(problem: str) -> InvalidInput:
        return InvalidInput(
            f"This is not a valid coordinator card: {problem}; ask the coordinator for a new one."
        )

    if len(data) > MAX_CARD_BYTES:
        raise bad("the file is far too large")
    try:
        card = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise bad("it is not JSON") from exc
    if not isinstance(card, dict) or card.get("format") != CARD_FORMAT:
        raise bad("it does not say it is an svdesk coordinator card")
    if card.get("format_version") != CARD_FORMAT_VERSION:
        raise InvalidInput(
            "This coordinator card was made by a different version of svdesk; "
            "update svdesk or ask the coordinator for a card this version can read."
        )
    names = ("coordinator_id", "site_code", "age_recipient", "signing_key", "fingerprint")
    for name in (*names, "signature"):
        if not isinstance(card.get(name), str) or not card[name]:
            raise bad(f"{name} is missing")
    try:
        pyrage.x25519.Recipient.from_str(card["age_recipient"])
    except Exception as exc:  # pyrage raises its own RecipientError or ValueError
        raise bad("the encryption key is not an age public key") from exc
    try:
        signing_key = bytes.fromhex(card["signing_key"])
        signature = bytes.fromhex(card["signature"])
    except ValueError as exc:
        raise bad("a key is not hexadecimal") from exc
    body = {k: card[k] for k in names} | {
        "format": CARD_FORMAT,
        "format_version": CARD_FORMAT_VERSION,
    }
    if len(signing_key) != 32 or not _verify(
        signing_key, signature, _CARD_DOMAIN + canonical_json(body)
    ):
        raise bad("its signature does not match (it was changed or damaged)")
    if card["fingerprint"] != recipient_fingerprint(card["age_recipient"]):
        raise bad("its fingerprint does not match its key")
    return CoordinatorCard(
        coordinator_id=card["coordinator_id"],
        site_code=card["site_code"],
        age_recipient=card["age_recipient"],
        signing_key=signing_key,
        fingerprint=card["fingerprint"],
        raw=data,
    )


# --------------------------------------------------------------------------------------------
# Bundles


@dataclass(frozen=True)
class BundleManifest:
    export_id: str
    workstation_id: str
    workstation_key: bytes
    site_code: str
    unit_code: str
    sequence: int
    schema_version: int
    created_week: str
    recipients: tuple[str, ...]
    payload_sha256: str
    encounters: int
    escalations: int
    format_version: int = BUNDLE_FORMAT_VERSION

    @property
    def records(self) -> int:
        return self.encounters + self.escalations


@dataclass(frozen=True)
class BuiltBundle:
    """What `build_bundle` made: the encrypted bytes plus what the exporter keeps in history."""

    data: bytes
    manifest: BundleManifest
    manifest_sha256: str
    data_sha256: str


@dataclass(frozen=True)
class OpenedBundle:
    manifest: BundleManifest
    manifest_sha256: str
    encounter_records: CheckedRecords  # fields of ENCOUNTER_FIELD_NAMES (none if a duplicate)
    escalation_records: CheckedRecords  # fields of ESCALATION_FIELD_NAMES
    duplicate: bool
    new_workstation: bool
    fingerprint: str  # of the workstation's signing key
    missing_sequences: tuple[int, ...]  # skipped between the last imported one and this one

    @functools.cached_property
    def encounters(self) -> list[dict[str, Any]]:
        """The encounters as records (made when asked: an import works on the rows)."""
        return self.encounter_records.dicts()

    @functools.cached_property
    def escalations(self) -> list[dict[str, Any]]:
        return self.escalation_records.dicts()


def _manifest_dict(m: BundleManifest) -> dict[str, Any]:
    return {
        "format": BUNDLE_FORMAT,
        "format_version": m.format_version,
        "export_id": m.export_id,
        "workstation_id": m.workstation_id,
        "workstation_key": m.workstation_key.hex(),
        "site_code": m.site_code,
        "unit_code": m.unit_code,
        "sequence": m.sequence,
        "schema_version": m.schema_version,
        "created_week": m.created_week,
        "recipients": list(m.recipients),
        "payload_sha256": m.payload_sha256,
        "counts": {"encounters": m.encounters, "escalations": m.escalations},
    }


def _inner_bytes(manifest_bytes: bytes, signature: bytes, payload: bytes) -> bytes:
    # Line 1: canonical manifest (JSON has no raw newline); line 2: signature; then the payload.
    return manifest_bytes + b"\n" + base64.b64encode(signature) + b"\n" + payload


def _signed_message(manifest_bytes: bytes, payload: bytes) -> bytes:
    return _SIGNATURE_DOMAIN + manifest_bytes + b"\n" + payload


def build_bundle(
    *,
    records: Iterable[Mapping[str, Any]],
    escalations: Iterable[Mapping[str, Any]],
    workstation_id: str,
    sequence: int,
    signing_key: bytes,
    recipients: Sequence[str],
    schema_version: int,
    created_week: str,
    site_code: str,
    unit_code: str,
    max_bytes: int = MAX_BUNDLE_BYTES,
) -> BuiltBundle:
    """Sign the coded records with the workstation key, then encrypt them to `recipients`.

    `records`/`escalations` may be store rows or §2 records: only allow-listed fields are kept
    (never `note`), list fields may be JSON text, and `created_at`/`due_at` become ISO weeks.
    """
    if sequence < 1:
        raise InvalidInput("A bundle sequence starts at 1.")
    if not recipients:
        raise InvalidInput("This workstation is not paired with a coordinator; pair it first.")
    parse_week(created_week)
    parsed_recipients = []
    for r in recipients:
        try:
            parsed_recipients.append(pyrage.x25519.Recipient.from_str(r))
        except Exception as exc:
            raise InvalidInput(
                "The coordinator's key is not an age public key; pair with a new card."
            ) from exc
    enc = [coded_encounter(r) for r in records]
    esc = [coded_escalation(e) for e in escalations]
    # The receiver must accept what we send: check with the same rules before signing.
    try:
        _check_records(enc, ENCOUNTER_FIELDS, "encounter", "This export")
        _check_records(esc, ESCALATION_FIELDS, "escalation", "This export")
    except BundleRejected as exc:
        raise InvalidInput(exc.message) from None
    payload = canonical_json({"encounters": enc, "escalations": esc})
    manifest = BundleManifest(
        export_id=str(uuid.uuid4()),
        workstation_id=workstation_id,
        workstation_key=public_key_of(signing_key),
        site_code=site_code,
        unit_code=unit_code,
        sequence=sequence,
        schema_version=schema_version,
        created_week=created_week,
        recipients=tuple(recipient_fingerprint(r) for r in recipients),
        payload_sha256=hashlib.sha256(payload).hexdigest(),
        encounters=len(enc),
        escalations=len(esc),
    )
    manifest_bytes = canonical_json(_manifest_dict(manifest))
    key = Ed25519PrivateKey.from_private_bytes(signing_key)
    signature = key.sign(_signed_message(manifest_bytes, payload))
    # Verify before encrypting: the workstation cannot decrypt what it writes afterwards.
    if not _verify(manifest.workstation_key, signature, _signed_message(manifest_bytes, payload)):
        raise InvalidInput("The workstation's signing key is damaged; nothing was exported.")
    data = pyrage.encrypt(_inner_bytes(manifest_bytes, signature, payload), parsed_recipients)
    if len(data) > max_bytes:
        raise InvalidInput(
            f"This export would be {len(data) // (1024 * 1024)} MiB, over the "
            f"{max_bytes // (1024 * 1024)} MiB limit; export fewer records at a time."
        )
    return BuiltBundle(
        data=data,
        manifest=manifest,
        manifest_sha256=hashlib.sha256(manifest_bytes).hexdigest(),
        data_sha256=hashlib.sha256(data).hexdigest(),
    )


def _parse_manifest(raw: bytes, label: str) -> BundleManifest:
    def corrupt(what: str) -> BundleRejected:
        return BundleRejected("corrupt", f"{label} is damaged ({what}); ask the unit to resend it.")

    try:
        m = json.loads(raw.decode("ascii"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise corrupt("its manifest is unreadable") from exc
    if not isinstance(m, dict) or m.get("format") != BUNDLE_FORMAT:
        raise corrupt("it has no svdesk manifest")
    version = m.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise corrupt("its format version is missing")
    if version != BUNDLE_FORMAT_VERSION:
        raise BundleRejected(
            "unsupported_format",
            f"{label} uses bundle format {version}, which this version of svdesk cannot read; "
            "update svdesk on the coordinator's computer and import it again.",
        )
    try:
        counts = m["counts"]
        manifest = BundleManifest(
            export_id=_str(m["export_id"]),
            workstation_id=_str(m["workstation_id"]),
            workstation_key=bytes.fromhex(_str(m["workstation_key"])),
            site_code=_str(m["site_code"]),
            unit_code=_str(m["unit_code"]),
            sequence=_int(m["sequence"]),
            schema_version=_int(m["schema_version"]),
            created_week=_str(m["created_week"]),
            recipients=tuple(_str(r) for r in m["recipients"]),
            payload_sha256=_str(m["payload_sha256"]),
            encounters=_int(counts["encounters"]),
            escalations=_int(counts["escalations"]),
        )
        parse_week(manifest.created_week)
    except (KeyError, TypeError, ValueError, InvalidInput) as exc:
        raise corrupt("its manifest is incomplete") from exc
    if len(manifest.workstation_key) != 32 or manifest.sequence < 1:
        raise corrupt("its manifest is invalid")
    if canonical_json(_manifest_dict(manifest)) != raw:
        raise corrupt("its manifest is not in canonical form")
    return manifest


def _str(v: Any) -> str:
    if not isinstance(v, str):
        raise TypeError("expected text")
    return v


def _int(v: Any) -> int:
    if not isinstance(v, int) or isinstance(v, bool):
        raise TypeError("expected an integer")
    return v


@dataclass(frozen=True)
class ReadBundle:
    """A bundle decrypted and checked as far as it can be without the import ledger: its
    manifest, signature, addressee, content hash and records. This is the costly part of
    opening a bundle, so an import can do it for the next file while it writes this one;
    `open_read_bundle` then decides in exactly the order `open_bundle` does."""

    label: str
    manifest: BundleManifest
    manifest_sha256: str
    fingerprint: str  # of the workstation's signing key
    for_this_coordinator: bool  # this coordinator's recipient is named in the manifest
    intact: bool  # the payload has the manifest's hash
    payload: bytes = field(repr=False)
    # The checked records (encounters, escalations), or why they are refused; None when not
    # read yet (a known duplicate, or one refused before its records matter).
    records: tuple[CheckedRecords, CheckedRecords] | BundleRejected | None = None

    def checked_records(self) -> tuple[CheckedRecords, CheckedRecords]:
        records = self.records
        if records is None:
            records = _payload_records(self.payload, self.manifest, self.label)
        if isinstance(records, BundleRejected):
            raise records
        return records


def _payload_records(
    payload: bytes, manifest: BundleManifest, label: str
) -> tuple[CheckedRecords, CheckedRecords] | BundleRejected:
    try:
        try:
            body = json.loads(payload.decode("ascii"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise BundleRejected(
                "corrupt", f"{label} is damaged (its records are unreadable)."
            ) from exc
        if not isinstance(body, dict):
            raise BundleRejected("corrupt", f"{label} is damaged (its records are unreadable).")
        encounters = _check_records(body.get("encounters"), ENCOUNTER_FIELDS, "encounter", label)
        escalations = _check_records(
            body.get("escalations"), ESCALATION_FIELDS, "escalation", label
        )
        if len(encounters) != manifest.encounters or len(escalations) != manifest.escalations:
            raise BundleRejected(
                "corrupt", f"{label} is damaged (its record counts differ from its manifest)."
            )
    except BundleRejected as exc:
        return exc
    return encounters, escalations


def read_bundle(
    data: bytes,
    *,
    identity: str,
    max_bytes: int = MAX_BUNDLE_BYTES,
    label: str = "This bundle",
    seen_hashes: Collection[str] = (),
) -> ReadBundle:
    """Decrypt a bundle and check what needs no import ledger (see `ReadBundle`); refusals
    that come before any ledger check in `open_bundle` are raised here. The records of a
    bundle whose manifest hash is in `seen_hashes` (a duplicate) are not read."""
    if len(data) > max_bytes:
        raise BundleRejected(
            "too_large",
            f"{label} is {len(data) // (1024 * 1024)} MiB, over the "
            f"{max_bytes // (1024 * 1024)} MiB limit for a bundle; it is not an svdesk export.",
        )
    if not data.startswith(_AGE_MAGIC):
        raise BundleRejected(
            "corrupt",
            f"{label} is not an encrypted svdesk bundle (it may be truncated or another file).",
        )
    try:
        me = pyrage.x25519.Identity.from_str(identity)
    except Exception as exc:
        raise Refused("The coordinator's decryption key is damaged; restore a backup.") from exc
    try:
        inner = pyrage.decrypt(data, [me])
    except pyrage.DecryptError as exc:
        if "no matching keys" in str(exc).lower():
            raise BundleRejected(
                "wrong_recipient",
                f"{label} was encrypted for another coordinator, not this one; ask the unit to "
                "pair with this coordinator's card and export again.",
            ) from exc
        raise BundleRejected(
            "corrupt",
            f"{label} is truncated or damaged and cannot be decrypted; ask the unit to resend it.",
        ) from exc
    except Exception as exc:  # any other parser failure inside pyrage is damage too
        raise BundleRejected(
            "corrupt", f"{label} is damaged and cannot be decrypted; ask the unit to resend it."
        ) from exc
    if len(inner) > max_bytes:
        raise BundleRejected("too_large", f"{label} holds more data than a bundle may carry.")
    first = inner.find(b"\n")
    second = inner.find(b"\n", first + 1) if first >= 0 else -1
    if first < 0 or second < 0:
        raise BundleRejected(
            "corrupt", f"{label} is damaged (its layout is broken); ask the unit to resend it."
        )
    manifest_bytes, sig_b64, payload = inner[:first], inner[first + 1 : second], inner[second + 1 :]
    manifest = _parse_manifest(manifest_bytes, label)
    try:
        signature = base64.b64decode(sig_b64, validate=True)
    except ValueError:
        signature = b""
    if len(signature) != 64 or not _verify(
        manifest.workstation_key, signature, _signed_message(manifest_bytes, payload)
    ):
        raise BundleRejected(
            "bad_signature",
            f"{label} does not match its signature, so it was changed after export; "
            "do not import it, and ask the unit to export again.",
        )
    manifest_sha256 = hashlib.sha256(manifest_bytes).hexdigest()
    for_me = recipient_fingerprint(str(me.to_public())) in manifest.recipients
    intact = hashlib.sha256(payload).hexdigest() == manifest.payload_sha256
    read = for_me and intact and manifest_sha256 not in seen_hashes
    return ReadBundle(
        label=label,
        manifest=manifest,
        manifest_sha256=manifest_sha256,
        fingerprint=fingerprint(manifest.workstation_key),
        for_this_coordinator=for_me,
        intact=intact,
        payload=payload,
        records=_payload_records(payload, manifest, label) if read else None,
    )


def open_read_bundle(
    read: ReadBundle,
    *,
    known_workstations: Mapping[str, bytes],
    last_sequences: Mapping[str, int],
    seen_hashes: Collection[str],
    trust_new: bool = False,
    trusted_fingerprints: Collection[str] = (),
    missing_sequences: Mapping[str, Collection[int]] | None = None,
) -> OpenedBundle:
    """`open_bundle` of a bundle already read (`read_bundle`), against the import ledger."""
    label, manifest, ws_fingerprint = read.label, read.manifest, read.fingerprint
    ws = manifest.workstation_id
    registered = known_workstations.get(ws)
    if registered is not None and registered != manifest.workstation_key:
        raise BundleRejected(
            "bad_signature",
            f"{label} claims to come from workstation {ws} but is signed with another key "
            f"(fingerprint {ws_fingerprint}); do not import it unless that workstation was "
            "re-installed, and check with the unit.",
            workstation_id=ws,
            fingerprint=ws_fingerprint,
        )
    if registered is None and not (trust_new or ws_fingerprint in trusted_fingerprints):
        raise BundleRejected(
            "unknown_workstation",
            f"{label} comes from workstation {ws} ({manifest.site_code}/{manifest.unit_code}), "
            f"which is not registered; if its fingerprint {ws_fingerprint} matches the one shown "
            "on that workstation, import it again and trust it.",
            workstation_id=ws,
            fingerprint=ws_fingerprint,
        )
    if not read.for_this_coordinator:
        raise BundleRejected(
            "wrong_recipient",
            f"{label} is addressed to another coordinator than this one; ask the unit to pair "
            "with this coordinator's card and export again.",
        )
    if not read.intact:
        raise BundleRejected(
            "corrupt", f"{label} is damaged (its content hash differs); ask the unit to resend it."
        )
    last = last_sequences.get(ws, 0)
    gaps = set((missing_sequences or {}).get(ws, ()))
    duplicate = read.manifest_sha256 in seen_hashes
    if not duplicate and manifest.sequence <= last and manifest.sequence not in gaps:
        raise BundleRejected(
            "sequence_rollback",
            f"{label} is export number {manifest.sequence} from workstation {ws}, but number "
            f"{last} was already imported, so it is an old or replayed export; if that "
            "workstation was restored from a backup, its admin renumbers its exports to "
            f"continue after {last} and exports again.",
        )
    if manifest.sequence > last + MAX_SEQUENCE_JUMP:
        raise BundleRejected(
            "corrupt",
            f"{label} is export number {manifest.sequence} from workstation {ws}, but the last "
            f"one imported is {last}; no unit skips that many exports, so check that workstation.",
        )
    encounters = _no_records(ENCOUNTER_FIELD_NAMES)
    escalations = _no_records(ESCALATION_FIELD_NAMES)
    if not duplicate:
        encounters, escalations = read.checked_records()
    missing = tuple(range(last + 1, manifest.sequence)) if manifest.sequence > last else ()
    return OpenedBundle(
        manifest=manifest,
        manifest_sha256=read.manifest_sha256,
        encounter_records=encounters,
        escalation_records=escalations,
        duplicate=duplicate,
        new_workstation=registered is None,
        fingerprint=ws_fingerprint,
        missing_sequences=missing,
    )


def open_bundle(
    data: bytes,
    *,
    identity: str,
    known_workstations: Mapping[str, bytes],
    last_sequences: Mapping[str, int],
    seen_hashes: Collection[str],
    trust_new: bool = False,
    trusted_fingerprints: Collection[str] = (),
    missing_sequences: Mapping[str, Collection[int]] | None = None,
    max_bytes: int = MAX_BUNDLE_BYTES,
    label: str = "This bundle",
) -> OpenedBundle:
    """Decrypt and verify a bundle; `BundleRejected` with a precise reason if it is refused.

    `identity` is the coordinator's age identity; `known_workstations` maps registered ids to
    their Ed25519 public keys. An unregistered workstation is accepted (and reported as new)
    with `trust_new`, or when its fingerprint is in `trusted_fingerprints` (ones a person
    confirmed). `seen_hashes` holds the manifest SHA-256 of imported bundles: an identical
    resend comes back with `duplicate=True`. `missing_sequences` lists sequences skipped
    earlier, so a late bundle that fills a gap is accepted rather than taken for a rollback.
    """
    read = read_bundle(
        data, identity=identity, max_bytes=max_bytes, label=label, seen_hashes=seen_hashes
    )
    return open_read_bundle(
        read,
        known_workstations=known_workstations,
        last_sequences=last_sequences,
        seen_hashes=seen_hashes,
        trust_new=trust_new,
        trusted_fingerprints=trusted_fingerprints,
        missing_sequences=missing_sequences,
    )
