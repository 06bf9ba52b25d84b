"""The signed survey-wave file (issue 14, item 2): how a wave the coordinator defined reaches a
unit. The coordinator signs it with its card's Ed25519 key (the domain `svdesk-survey-wave-v1`
before the canonical JSON of the body, so no other signed file of svdesk can pass for one); the
unit admin imports it, checked against the key of the coordinator card the unit was paired with.

A wave names the survey and its version, its first and last ISO week, the units it is for
(none listed: every unit), a label, and a revision that grows when the coordinator ends it
early (the newer file replaces the older at the unit). It holds nothing about any response.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from svdesk.errors import InvalidInput
from svdesk.exchange import card, weeks

WAVE_FORMAT: Final = "svdesk-survey-wave"
WAVE_FORMAT_VERSION: Final = 1
MAX_WAVE_BYTES: Final = 16 * 1024  # a wave with 100 units is about 2 KiB
MAX_UNITS: Final = 200
MAX_LABEL: Final = 80
WAVE_FILE_SUFFIX: Final = ".svwave"
_DOMAIN: Final = b"svdesk-survey-wave-v1\x00"
_BODY_KEYS: Final = frozenset(
    {
        "format",
        "format_version",
        "wave_id",
        "coordinator_id",
        "signing_key",
        "survey_id",
        "survey_version",
        "label",
        "start_week",
        "end_week",
        "units",
        "revision",
    }
)
_WAVE_ID: Final = re.compile(r"^[0-9a-f]{32}\Z")
_SURVEY_ID: Final = re.compile(r"^[a-z][a-z0-9_]{0,63}\Z")
_UNIT_CODE: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}\Z")  # as a store's unit code
_ASK: Final = "ask the coordinator for the wave file again"


@dataclass(frozen=True)
class Wave:
    """A survey wave as it travels: weeks inclusive, `units` empty for every unit."""

    wave_id: str
    coordinator_id: str
    survey_id: str
    survey_version: str
    label: str
    start_week: str
    end_week: str
    units: tuple[str, ...]
    revision: int

    def includes(self, unit_code: str | None) -> bool:
        return not self.units or (unit_code is not None and unit_code in self.units)

    def covers(self, week: str) -> bool:
        return self.start_week <= week <= self.end_week


def check_label(label: str) -> str:
    """The label trimmed; InvalidInput when empty, too long or holding a line break."""
    text = label.strip()
    if not text:
        raise InvalidInput("Give the wave a label, for example “Spring 2027”.")
    if len(text) > MAX_LABEL:
        raise InvalidInput(f"The wave's label is longer than {MAX_LABEL} characters; shorten it.")
    if any(not ch.isprintable() for ch in text):
        raise InvalidInput("The wave's label has a line break or a control character; remove it.")
    return text


def check_units(units: object) -> tuple[str, ...]:
    """Unit codes, sorted and without repeats; InvalidInput naming a bad one."""
    if not isinstance(units, list | tuple) or len(units) > MAX_UNITS:
        raise InvalidInput(f"A wave lists at most {MAX_UNITS} unit codes.")
    for unit in units:
        if not isinstance(unit, str) or not _UNIT_CODE.match(unit):
            raise InvalidInput(
                f"{unit!r} is not a unit code (letters, digits, . _ -, at most 32 characters)."
            )
    return tuple(sorted(set(units)))


def check_weeks(start_week: str, end_week: str) -> None:
    """Both ISO weeks (`YYYY-Www`) and the end not before the start."""
    for week in (start_week, end_week):
        weeks.parse_week(week)
    if end_week < start_week:
        raise InvalidInput(
            f"The wave ends in week {end_week}, before it starts ({start_week}); "
            "choose an end week on or after the start week."
        )


def _body(wave: Wave, public_key: bytes) -> dict[str, Any]:
    return {
        "format": WAVE_FORMAT,
        "format_version": WAVE_FORMAT_VERSION,
        "wave_id": wave.wave_id,
        "coordinator_id": wave.coordinator_id,
        "signing_key": public_key.hex(),
        "survey_id": wave.survey_id,
        "survey_version": wave.survey_version,
        "label": wave.label,
        "start_week": wave.start_week,
        "end_week": wave.end_week,
        "units": list(wave.units),
        "revision": wave.revision,
    }


def build_wave_file(keys: card.CoordinatorKeys, wave: Wave) -> bytes:
    """The wave file, signed with the coordinator's card-signing key."""
    if wave.coordinator_id != keys.coordinator_id:
        raise InvalidInput("This wave belongs to another coordinator's store.")
    body = _body(wave, card.public_key_of(keys.signing_key))
    signature = Ed25519PrivateKey.from_private_bytes(keys.signing_key).sign(
        _DOMAIN + card.canonical_json(body)
    )
    return (
        json.dumps({**body, "signature": signature.hex()}, indent=2, sort_keys=True).encode("utf-8")
        + b"\n"
    )


def read_wave_file(
    data: bytes, *, coordinator: card.CoordinatorCard, today: date | None = None
) -> Wave:
    """Parse and check a wave file against the paired coordinator's card; InvalidInput saying
    what is wrong and what to do: not a wave file, another format, another coordinator, changed
    after signing, or a wave whose last week is already over (`today`: the unit's clock)."""

    def bad(problem: str) -> InvalidInput:
        return InvalidInput(f"This is not a valid survey wave file: {problem}; {_ASK}.")

    if len(data) > MAX_WAVE_BYTES:
        raise bad(f"it is larger than {MAX_WAVE_BYTES // 1024} KiB")
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise bad("it is not JSON") from None
    if not isinstance(raw, dict) or raw.get("format") != WAVE_FORMAT:
        raise bad("it does not say it is an svdesk survey wave")
    if raw.get("format_version") != WAVE_FORMAT_VERSION:
        raise InvalidInput(
            f"This survey wave file is in format {raw.get('format_version')!r}, which this "
            "version of svdesk does not read; update svdesk or ask the coordinator for a file "
            f"in format {WAVE_FORMAT_VERSION}."
        )
    if set(raw) != _BODY_KEYS | {"signature"}:
        raise bad("its fields are not those of a survey wave")
    body = {k: v for k, v in raw.items() if k != "signature"}
    try:
        public = bytes.fromhex(str(body["signing_key"]))
        signature = bytes.fromhex(str(raw["signature"]))
    except ValueError:
        raise bad("its key or signature is not hexadecimal") from None
    if public != coordinator.signing_key or body["coordinator_id"] != coordinator.coordinator_id:
        raise InvalidInput(
            "This survey wave file was signed by another coordinator than the one this "
            f"workstation is paired with (fingerprint {coordinator.fingerprint}); ask your "
            "coordinator for their wave file, or pair with the coordinator who sent it."
        )
    if not card.verify_signature(public, signature, _DOMAIN + card.canonical_json(body)):
        raise bad("its signature does not match its content (it was changed or damaged)")
    wave = _wave_of(body, bad)
    current = weeks.iso_week(today or date.today())
    if wave.end_week < current:
        raise InvalidInput(
            f"The survey wave “{wave.label}” ended in week {wave.end_week} (this is week "
            f"{current}); nothing was imported. Ask the coordinator for the current wave's file."
        )
    return wave


def _wave_of(body: dict[str, Any], bad: Any) -> Wave:
    """The body's values checked (the signature already was: a bad value is a bad file)."""
    wave_id, survey_id, version = body["wave_id"], body["survey_id"], body["survey_version"]
    revision = body["revision"]
    if not (isinstance(wave_id, str) and _WAVE_ID.match(wave_id)):
        raise bad("its wave id is not 32 hexadecimal characters")
    if not (isinstance(survey_id, str) and _SURVEY_ID.match(survey_id)):
        raise bad("it names no survey")
    if not (isinstance(version, str) and 0 < len(version) <= 32):
        raise bad("it names no survey version")
    if not (isinstance(revision, int) and not isinstance(revision, bool) and revision >= 1):
        raise bad("its revision is not a whole number from 1")
    if not isinstance(body["coordinator_id"], str) or not body["coordinator_id"]:
        raise bad("it names no coordinator")
    try:
        label = check_label(str(body["label"]))
        check_weeks(str(body["start_week"]), str(body["end_week"]))
        units = check_units(body["units"])
    except InvalidInput as exc:
        raise bad(exc.message.rstrip(".")) from None
    return Wave(
        wave_id=wave_id,
        coordinator_id=body["coordinator_id"],
        survey_id=survey_id,
        survey_version=version,
        label=label,
        start_week=str(body["start_week"]),
        end_week=str(body["end_week"]),
        units=units,
        revision=revision,
    )
