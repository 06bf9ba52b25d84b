"""The signed manifest of a bundle (line 1 of its inner layout): what it declares, its canonical
JSON, and reading it back with every field checked."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Final

from svdesk.errors import InvalidInput
from svdesk.exchange.card import canonical_json
from svdesk.exchange.errors import BundleRejected
from svdesk.exchange.weeks import parse_week

BUNDLE_FORMAT: Final = "svdesk-bundle"
# Format 2 (issue 11): rule ids, the supporter id and the escalation's encounter link no longer
# travel (docs/privacy.md). Format 1 bundles still import; what they carry in those fields is
# discarded (svdesk.exchange.fields, `withheld`).
BUNDLE_FORMAT_VERSION: Final = 2
READABLE_FORMAT_VERSIONS: Final = (1, 2)


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


def manifest_dict(m: BundleManifest) -> dict[str, Any]:
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
            format_version=version,
        )
        parse_week(manifest.created_week)
    except (KeyError, TypeError, ValueError, InvalidInput) as exc:
        raise corrupt("its manifest is incomplete") from exc
    if len(manifest.workstation_key) != 32 or manifest.sequence < 1:
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


def _str(v: Any) -> str:
    if not isinstance(v, str):
        raise TypeError("expected text")
    return v


def _int(v: Any) -> int:
    if not isinstance(v, int) or isinstance(v, bool):
        raise TypeError("expected an integer")
    return v
