"""Limits that keep reading a bundle cheap whatever the file holds: each check here runs before
the step it protects (decrypting, parsing the manifest, parsing the records) and costs a pass over
bytes already in memory, so a crafted file is refused before any costly step runs on it.

Why checks and not a child process under RLIMIT_AS: with these bounds every step is linear in a
file of at most MAX_BUNDLE_BYTES (decrypt, signature, hashes) except the JSON parse, and that runs
only on a payload signed by the key it claims, within a token budget derived from the record
fields; a child per bundle would cost a process start and a second parse of every honest bundle,
has no RLIMIT_AS on Windows, and needs its own entry point in the frozen build.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

from svdesk.exchange.coverage import COVERAGE_FIELDS
from svdesk.exchange.errors import BundleRejected
from svdesk.exchange.fields import (
    ENCOUNTER_FIELDS,
    ESCALATION_FIELDS,
    FEEDBACK_RESPONSE_FIELDS,
    REQUEST_FIELDS,
    SURVEY_RESPONSE_FIELDS,
    RecordField,
)
from svdesk.exchange.manifest import DuplicateKey, unique_keys

# A unit writes at most this many records into one bundle (more wait for the next export).
MAX_ENCOUNTERS: Final = 5_000
MAX_ESCALATIONS: Final = 2_000
MAX_REQUESTS: Final = 2_000
MAX_SURVEY_RESPONSES: Final = 5_000
MAX_FEEDBACK_RESPONSES: Final = 5_000
MAX_COVERAGE_WEEKS: Final = 8  # a unit sends its last 6 weeks of on-call coverage
AGE_MAGIC: Final = b"age-encryption.org/v1\n"
# An svdesk bundle names one coordinator (a few at most), plus the one grease stanza rage adds;
# the age decrypter's time grows with the square of the stanza count, so it never sees more.
MAX_AGE_STANZAS: Final = 8
MAX_AGE_HEADER_BYTES: Final = 8 * 1024
MAX_MANIFEST_BYTES: Final = 8 * 1024
# Codes a list field without a fixed code list may hold (rule ids), and their longest spelling.
MAX_UNLISTED_CODES: Final = 64
_CODE_BYTES: Final = 64 + 3  # "code",
_TEXT_BYTES: Final = 2 + 100 * 6  # quotes, 100 characters each at most \uXXXX
_SCALAR_BYTES: Final = {
    "uuid": 38,
    "code": _CODE_BYTES,
    "int": 7,
    "bool": 5,
    "week": 10,
    "month": 9,
}
# What a record may carry beyond its fields (a newer unit's extra keys are dropped on reading).
_SLACK_TOKENS: Final = 16
_SLACK_BYTES: Final = 1024
_ENVELOPE_BYTES: Final = 176  # {"encounters": [], ... "feedback_responses": [], "coverage": []}


def _list_size(f: RecordField) -> int:
    return len(f.codes) if f.codes else MAX_UNLISTED_CODES


def record_budget(fields: Sequence[RecordField]) -> tuple[int, int]:
    """(JSON tokens, bytes) one valid record of `fields` can take at most: tokens count the
    `{ [ : ,` that open or separate values, so json.loads makes no more objects than that."""
    tokens = 1 + _SLACK_TOKENS
    size = 2 + _SLACK_BYTES
    for f in fields:
        tokens += 2  # the key's ":" and the "," after the value
        size += len(f.name) + 4
        if f.kind == "code_list":
            tokens += 1 + _list_size(f)
            size += 2 + _list_size(f) * _CODE_BYTES
        elif f.kind == "text":
            size += _TEXT_BYTES
        else:
            size += _SCALAR_BYTES[f.kind]
    return tokens, size


ENCOUNTER_BUDGET: Final = record_budget(ENCOUNTER_FIELDS)
ESCALATION_BUDGET: Final = record_budget(ESCALATION_FIELDS)
REQUEST_BUDGET: Final = record_budget(REQUEST_FIELDS)
SURVEY_BUDGET: Final = record_budget(SURVEY_RESPONSE_FIELDS)
FEEDBACK_BUDGET: Final = record_budget(FEEDBACK_RESPONSE_FIELDS)
COVERAGE_BUDGET: Final = record_budget(COVERAGE_FIELDS)


def read_limited(path: Path, max_bytes: int, label: str) -> bytes:
    """The bytes of a bundle file, refused as `too_large` from its size before it is read."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise too_large(label, size, max_bytes)
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise BundleRejected(
            "corrupt",
            f"{label} could not be read ({exc.strerror or exc}); check the file and try again.",
        ) from exc
    if len(data) > max_bytes:
        raise too_large(label, len(data), max_bytes)
    return data


def too_large(label: str, size: int, max_bytes: int) -> BundleRejected:
    return BundleRejected(
        "too_large",
        f"{label} is {size / (1024 * 1024):.1f} MiB, over the "
        f"{max_bytes // (1024 * 1024)} MiB limit for a bundle; it is not an svdesk export.",
    )


def check_age_header(data: bytes, label: str) -> None:
    """Refuse what is not an age file, or whose header is larger or names more recipients than
    an svdesk bundle's, before the age decrypter reads it."""
    if not data.startswith(AGE_MAGIC):
        raise BundleRejected(
            "corrupt",
            f"{label} is not an encrypted svdesk bundle (it may be truncated or another file).",
        )
    end = data.find(b"\n--- ", 0, MAX_AGE_HEADER_BYTES)
    stanzas = data.count(b"\n-> ", 0, end + 1 if end >= 0 else MAX_AGE_HEADER_BYTES)
    if stanzas > MAX_AGE_STANZAS:
        more = "" if end >= 0 else "at least "
        raise BundleRejected(
            "corrupt",
            f"{label} is encrypted to {more}{stanzas} recipients; an svdesk bundle names at most "
            f"{MAX_AGE_STANZAS}, so it is not an svdesk export.",
        )
    if end < 0:
        if len(data) <= MAX_AGE_HEADER_BYTES:
            raise BundleRejected(
                "corrupt",
                f"{label} is truncated or damaged and cannot be decrypted; "
                "ask the unit to resend it.",
            )
        raise BundleRejected(
            "corrupt",
            f"{label} has an encryption header over {MAX_AGE_HEADER_BYTES // 1024} KiB; an "
            "svdesk bundle's is a few hundred bytes, so it is not an svdesk export.",
        )


def check_counts(
    encounters: int,
    escalations: int,
    label: str,
    *,
    requests: int = 0,
    survey_responses: int = 0,
    feedback_responses: int = 0,
    coverage: int = 0,
) -> None:
    """Refuse a manifest that declares more records than a unit puts in one bundle."""
    if coverage > MAX_COVERAGE_WEEKS:
        raise BundleRejected(
            "too_large",
            f"{label} declares {coverage} weeks of on-call coverage; a bundle carries at most "
            f"{MAX_COVERAGE_WEEKS}, so it is not an svdesk export.",
        )
    if feedback_responses > MAX_FEEDBACK_RESPONSES:
        raise BundleRejected(
            "too_large",
            f"{label} declares {feedback_responses} feedback responses; a bundle carries at "
            f"most {MAX_FEEDBACK_RESPONSES}, so it is not an svdesk export.",
        )
    if survey_responses > MAX_SURVEY_RESPONSES:
        raise BundleRejected(
            "too_large",
            f"{label} declares {survey_responses} survey responses; a bundle carries at most "
            f"{MAX_SURVEY_RESPONSES}, so it is not an svdesk export.",
        )
    if requests > MAX_REQUESTS:
        raise BundleRejected(
            "too_large",
            f"{label} declares {requests} requests for support; a bundle carries at most "
            f"{MAX_REQUESTS}, so it is not an svdesk export.",
        )
    if encounters > MAX_ENCOUNTERS or escalations > MAX_ESCALATIONS:
        raise BundleRejected(
            "too_large",
            f"{label} declares {encounters} encounters and {escalations} escalations; a bundle "
            f"carries at most {MAX_ENCOUNTERS} and {MAX_ESCALATIONS}, so it is not an svdesk "
            "export.",
        )


def check_payload_budget(
    payload: bytes,
    encounters: int,
    escalations: int,
    label: str,
    *,
    requests: int = 0,
    survey_responses: int = 0,
    feedback_responses: int = 0,
    coverage: int = 0,
) -> None:
    """Refuse a payload larger, or with more JSON values, than the declared records can take,
    before it is parsed (the parse makes a Python object per value)."""
    enc_tokens, enc_bytes = ENCOUNTER_BUDGET
    esc_tokens, esc_bytes = ESCALATION_BUDGET
    req_tokens, req_bytes = REQUEST_BUDGET
    srv_tokens, srv_bytes = SURVEY_BUDGET
    fbk_tokens, fbk_bytes = FEEDBACK_BUDGET
    cov_tokens, cov_bytes = COVERAGE_BUDGET
    max_size = (
        _ENVELOPE_BYTES
        + encounters * enc_bytes
        + escalations * esc_bytes
        + requests * req_bytes
        + survey_responses * srv_bytes
        + feedback_responses * fbk_bytes
        + coverage * cov_bytes
    )
    max_tokens = (
        16
        + encounters * enc_tokens
        + escalations * esc_tokens
        + requests * req_tokens
        + survey_responses * srv_tokens
        + feedback_responses * fbk_tokens
        + coverage * cov_tokens
    )
    damaged = BundleRejected(
        "corrupt",
        f"{label} is damaged (its records take more room than the {encounters} encounters and "
        f"{escalations} escalations its manifest declares); ask the unit to resend it.",
    )
    if len(payload) > max_size:
        raise damaged
    # One pass: the marks deleted, what is left says how many there were.
    if len(payload) - len(payload.translate(None, b"{[:,")) > max_tokens:
        raise damaged


def parse_payload(payload: bytes, label: str) -> dict[str, Any]:
    """The payload's JSON object; `BundleRejected` when it is unreadable or an object in it
    names a key twice (json.loads would keep the last value silently).

    Parsed plainly first: each key of an object is followed by one ':' outside the strings, so
    when the ':' in the payload are as many as the keys of the parsed envelope and records, no
    key was named twice. Otherwise (a ':' inside a text, a nested object, a duplicate) it is
    parsed again with every object's keys checked, which names the duplicate."""
    try:
        text = payload.decode("ascii")
        loaded = json.loads(text)
        if not isinstance(loaded, dict):
            raise BundleRejected("corrupt", f"{label} is damaged (its records are unreadable).")
        body: dict[str, Any] = loaded
        if payload.count(b":") != _keys_parsed(body):
            body = json.loads(text, object_pairs_hook=unique_keys)
    except DuplicateKey as exc:
        raise BundleRejected(
            "corrupt",
            f"{label} is damaged (a record names the field {exc.key!r} twice, so which "
            "value counts is unclear); ask the unit to export it again.",
        ) from exc
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise BundleRejected(
            "corrupt", f"{label} is damaged (its records are unreadable)."
        ) from exc
    return body


def _keys_parsed(body: dict[str, Any]) -> int:
    """The keys of the envelope and of its lists of records (a list holding anything else is
    not counted: the payload is then parsed again, and its records are refused anyway)."""
    return len(body) + sum(
        sum(map(len, value))
        for value in body.values()
        if isinstance(value, list) and set(map(type, value)) <= {dict}
    )
