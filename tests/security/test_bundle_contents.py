"""What a validly signed bundle may carry (issue 13, item 8): codes outside the coordinator's
vocabulary and JSON objects that name a key twice are refused as `corrupt`, saying which; a
registered workstation that claims another site or unit is refused until a person confirms it."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

import pyrage
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from svdesk.exchange import bundle, card, fields
from svdesk.exchange.errors import BundleRejected
from svdesk.exchange.manifest import BundleManifest, manifest_dict
from svdesk.storage.schema import SCHEMA_VERSION

COORD = card.generate_coordinator_keys()
WS_KEY = card.new_signing_key()
WS_ID = str(uuid.uuid4())


def manifest_bytes(payload: bytes, *, encounters: int, unit_code: str = "ED1") -> bytes:
    manifest = BundleManifest(
        export_id=str(uuid.uuid4()),
        workstation_id=WS_ID,
        workstation_key=card.public_key_of(WS_KEY),
        site_code="S01",
        unit_code=unit_code,
        sequence=1,
        schema_version=SCHEMA_VERSION,
        created_week="2026-W07",
        recipients=(COORD.fingerprint,),
        payload_sha256=hashlib.sha256(payload).hexdigest(),
        encounters=encounters,
        escalations=0,
    )
    return card.canonical_json(manifest_dict(manifest))


def seal(manifest: bytes, payload: bytes) -> bytes:
    """Signed with the registered workstation's key and encrypted to the coordinator."""
    signature = Ed25519PrivateKey.from_private_bytes(WS_KEY).sign(
        bundle._signed_message(manifest, payload)
    )
    return pyrage.encrypt(
        bundle._inner_bytes(manifest, signature, payload),
        [pyrage.x25519.Recipient.from_str(COORD.age_recipient)],
    )


def encounter(**changes: Any) -> dict[str, Any]:
    row = {"encounter_id": str(uuid.uuid4()), "created_at": "2026-02-10T09:00:00+00:00"}
    return fields.coded_encounter(row) | changes


def payload_of(*encounters: dict[str, Any]) -> bytes:
    return card.canonical_json({"encounters": list(encounters), "escalations": []})


def open_(data: bytes, **ledger: Any) -> bundle.OpenedBundle:
    return bundle.open_bundle(
        data,
        identity=COORD.age_identity,
        known_workstations={WS_ID: card.public_key_of(WS_KEY)},
        last_sequences={},
        seen_hashes=set(),
        **ledger,
    )


def refusal(data: bytes, **ledger: Any) -> BundleRejected:
    with pytest.raises(BundleRejected) as caught:
        open_(data, **ledger)
    return caught.value


def test_a_sound_bundle_of_these_helpers_opens() -> None:
    payload = payload_of(encounter(role_category="nurse", event_categories=["near_miss"]))
    opened = open_(seal(manifest_bytes(payload, encounters=1), payload))
    assert opened.encounters[0]["role_category"] == "nurse"


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"role_category": "wizard"}, "role_category", "wizard"),
        ({"event_categories": ["near_miss", "abduction"]}, "event_categories", "abduction"),
        ({"escalation_level": "tier9"}, "escalation_level", "tier9"),
    ],
)  # fmt: skip
def test_an_out_of_vocabulary_code_is_refused_naming_it(
    changes: dict[str, Any], field: str, code: str
) -> None:
    # Many records, so the field-by-field check over all of them is the one that sees it.
    payload = payload_of(*(encounter() for _ in range(20)), encounter(**changes))
    exc = refusal(seal(manifest_bytes(payload, encounters=21), payload))
    assert exc.reason == "corrupt"
    assert f"#21 has the code {code!r} in {field}" in exc.message
    assert "vocabulary" in exc.message


def test_a_record_naming_a_field_twice_is_refused() -> None:
    payload = payload_of(encounter(role_category="nurse"))
    doubled = payload.replace(
        b'"role_category":"nurse"', b'"role_category":"nurse","role_category":"leader"'
    )
    assert doubled != payload
    exc = refusal(seal(manifest_bytes(doubled, encounters=1), doubled))
    assert exc.reason == "corrupt"
    assert "'role_category' twice" in exc.message


def test_a_manifest_naming_a_key_twice_is_refused() -> None:
    payload = payload_of(encounter())
    manifest = manifest_bytes(payload, encounters=1)
    doubled = manifest.replace(b'"sequence":1', b'"sequence":1,"sequence":1')
    assert doubled != manifest
    exc = refusal(seal(doubled, payload))
    assert exc.reason == "corrupt"
    assert "'sequence' twice" in exc.message


def test_a_registered_workstation_claiming_another_unit_needs_confirmation() -> None:
    payload = payload_of(encounter())
    data = seal(manifest_bytes(payload, encounters=1, unit_code="ICU"), payload)
    registered = {WS_ID: ("S01", "ED1")}
    exc = refusal(data, registered_codes=registered)
    assert exc.reason == "unknown_workstation"
    assert "registered as S01/ED1" in exc.message
    assert "S01/ICU" in exc.message
    assert exc.fingerprint == card.fingerprint(card.public_key_of(WS_KEY))
    confirmed = open_(data, registered_codes=registered, trusted_fingerprints={exc.fingerprint})
    assert confirmed.manifest.unit_code == "ICU"
    same = seal(manifest_bytes(payload, encounters=1, unit_code="ED1"), payload)
    assert open_(same, registered_codes=registered).manifest.unit_code == "ED1"
