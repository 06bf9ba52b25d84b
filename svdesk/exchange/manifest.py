"""The signed manifest of a bundle (line 1 of its inner layout): what it declares, its canonical
JSON, and reading it back with every field checked."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Final

from svdesk.errors import InvalidInput
from svdesk.exchange.card import canonical_json
from svdesk.exchange.errors import BundleRejected
from svdesk.exchange.weeks import parse_week

_HASH_RE: Final = re.compile(r"[0-9a-f]{64}")
# Most abandoned sequence numbers one manifest declares (each is a failed or killed export; the
# unit sends its latest ones): ~1.5 KB of the 8 KB a manifest may take.
MAX_ABANDONED: Final = 200

BUNDLE_FORMAT: Final = "svdesk-bundle"
# Format 2 (issue 11): rule ids, the supporter id and the escalation's encounter link no longer
# travel (docs/privacy.md). Format 1 bundles still import; what they carry in those fields is
# discarded (svdesk.exchange.fields, `withheld`).
# Format 3 (issues 15 and 14): the payload also carries the unit's requests for support (coded,
# no names) and its kiosk survey responses (no identity, weeks only); the manifest counts both.
# Format 4 (issue 14, item 3): the payload also carries recipient feedback (a colleague's coded
# answers to the feedback survey, by month only); the manifest counts it. Formats 1 to 3 still
# import; a payload of format 4 without the list reads as none.
# Also in format 4 (issue 15, item 4): the unit's on-call coverage, per ISO week the hours it
# watched and those of them with nobody on call (no names); the manifest counts its weeks
# (`counts.coverage`, left out when there are none).
BUNDLE_FORMAT_VERSION: Final = 4
READABLE_FORMAT_VERSIONS: Final = (1, 2, 3, 4)
REQUESTS_SINCE_FORMAT: Final = 3
FEEDBACK_SINCE_FORMAT: Final = 4


@dataclass(frozen=True)
class AuditMark:
    """An entry of the unit's audit log: its number and hash (None: the entry is gone)."""

    seq: int
    hash: str | None


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
    requests: int = 0  # format 3 on
    survey_responses: int = 0  # format 3 on
    feedback_responses: int = 0  # format 4 on
    coverage: int = 0  # format 4 on: weeks of on-call coverage (not records: not in `records`)
    # The unit's audit log as the bundle was made: its last entry, and the entry that was last
    # when the previous bundle was made, as it is now (so the coordinator can tell that the log
    # it saw then still stands). Bundles of format 1, or of units before this, carry none.
    audit_head: AuditMark | None = None
    audit_anchor: AuditMark | None = None
    # Sequence numbers below this one that the unit reserved but never wrote a bundle for (a
    # failed write, a kill): the coordinator stops waiting for them. Absent when there are none.
    abandoned: tuple[int, ...] = ()

    @property
    def records(self) -> int:
        return (
            self.encounters
            + self.escalations
            + self.requests
            + self.survey_responses
            + self.feedback_responses
        )


def manifest_dict(m: BundleManifest) -> dict[str, Any]:
    return (
        {
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
            "counts": {"encounters": m.encounters, "escalations": m.escalations}
            | (
                {"requests": m.requests, "survey_responses": m.survey_responses}
                if m.format_version >= REQUESTS_SINCE_FORMAT
                else {}
            )
            | (
                {"feedback_responses": m.feedback_responses}
                | ({"coverage": m.coverage} if m.coverage else {})  # absent: none
                if m.format_version >= FEEDBACK_SINCE_FORMAT
                else {}
            ),
        }
        | ({"abandoned": list(m.abandoned)} if m.abandoned else {})
        | (
            {}
            if m.audit_head is None
            else {
                "audit": {
                    "head": _mark_list(m.audit_head),
                    "anchor": None if m.audit_anchor is None else _mark_list(m.audit_anchor),
                }
            }
        )
    )


def _mark_list(mark: AuditMark) -> list[Any]:
    return [mark.seq, mark.hash]


def _mark(value: Any, *, gone_allowed: bool) -> AuditMark:
    """An `[seq, hash]` pair; TypeError/ValueError when it is not one."""
    if not isinstance(value, list) or len(value) != 2:
        raise TypeError("expected [seq, hash]")
    seq, digest = _int(value[0]), value[1]
    if digest is None and gone_allowed:
        return AuditMark(seq, None)
    if seq < 1 or not isinstance(digest, str) or not _HASH_RE.fullmatch(digest):
        raise ValueError("expected an audit entry number and hash")
    return AuditMark(seq, digest)


def parse_manifest(raw: bytes, label: str) -> BundleManifest:
    def corrupt(what: str) -> BundleRejected:
        return BundleRejected("corrupt", f"{label} is damaged ({what}); ask the unit to resend it.")

    try:
        m = json.loads(raw.decode("ascii"), object_pairs_hook=unique_keys)
    except DuplicateKey as exc:
        raise corrupt(f"its manifest names {exc.key!r} twice") from exc
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise corrupt("its manifest is unreadable") from exc
    if not isinstance(m, dict) or m.get("format") != BUNDLE_FORMAT:
        raise corrupt("it has no svdesk manifest")
    version = m.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise corrupt("its format version is missing")
    if version not in READABLE_FORMAT_VERSIONS:
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
            requests=_int(counts["requests"]) if version >= REQUESTS_SINCE_FORMAT else 0,
            survey_responses=(
                _int(counts["survey_responses"]) if version >= REQUESTS_SINCE_FORMAT else 0
            ),
            feedback_responses=(
                _int(counts["feedback_responses"]) if version >= FEEDBACK_SINCE_FORMAT else 0
            ),
            coverage=(_int(counts.get("coverage", 0)) if version >= FEEDBACK_SINCE_FORMAT else 0),
            format_version=version,
            **_audit_marks(m.get("audit")),
            abandoned=_abandoned(m.get("abandoned", [])),
        )
        parse_week(manifest.created_week)
    except (KeyError, TypeError, ValueError, InvalidInput) as exc:
        raise corrupt("its manifest is incomplete") from exc
    if len(manifest.workstation_key) != 32 or manifest.sequence < 1:
        raise corrupt("its manifest is invalid")
    if any(seq >= manifest.sequence for seq in manifest.abandoned):
        raise corrupt("its manifest is invalid")
    if canonical_json(manifest_dict(manifest)) != raw:
        raise corrupt("its manifest is not in canonical form")
    return manifest


class DuplicateKey(ValueError):
    """A JSON object names a key twice (json.loads would silently keep the last value)."""

    def __init__(self, key: str) -> None:
        super().__init__(f"duplicate key {key!r}")
        self.key = key


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKey(key)
            seen.add(key)
    return obj


def _audit_marks(value: Any) -> dict[str, AuditMark | None]:
    if value is None:
        return {}
    if not isinstance(value, dict) or set(value) != {"head", "anchor"}:
        raise TypeError("expected the audit head and anchor")
    anchor = value["anchor"]
    return {
        "audit_head": _mark(value["head"], gone_allowed=False),
        "audit_anchor": None if anchor is None else _mark(anchor, gone_allowed=True),
    }


def _abandoned(value: Any) -> tuple[int, ...]:
    """Declared abandoned sequence numbers: ascending, distinct, positive; ValueError if not."""
    if not isinstance(value, list) or len(value) > MAX_ABANDONED:
        raise ValueError("expected a bounded list of sequence numbers")
    seqs = tuple(_int(v) for v in value)
    if any(s < 1 for s in seqs) or list(seqs) != sorted(set(seqs)):
        raise ValueError("expected ascending, distinct sequence numbers")
    return seqs


def _str(v: Any) -> str:
    if not isinstance(v, str):
        raise TypeError("expected text")
    return v


def _int(v: Any) -> int:
    if not isinstance(v, int) or isinstance(v, bool):
        raise TypeError("expected an integer")
    return v
