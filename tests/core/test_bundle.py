"""The bundle format: coordinator cards, a real signed + encrypted round trip, every rejection."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import uuid
from typing import Any

import pyrage
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_bundle_support import CANARY, encounter_row

from svdesk.errors import InvalidInput, Refused
from svdesk.exchange import bundle, card, fields, weeks
from svdesk.exchange.errors import REJECT_REASONS, BundleRejected

COORD = card.generate_coordinator_keys()
OTHER_COORD = card.generate_coordinator_keys()
WS_KEY = card.new_signing_key()
WS_ID = str(uuid.uuid4())


def make(
    sequence: int = 1,
    *,
    key: bytes = WS_KEY,
    ws: str = WS_ID,
    recipient: str | None = None,
    records: list[dict[str, Any]] | None = None,
) -> bundle.BuiltBundle:
    return bundle.build_bundle(
        records=records if records is not None else [encounter_row(), encounter_row()],
        escalations=[
            {
                "id": str(uuid.uuid4()),
                "case_code": "K7Q-4MX",
                "encounter_id": None,
                "level": "tier3_72h",
                "actions": '["crisis_line_info"]',
                "rules": '["cssrs_ideation"]',
                "status": "open",
                "created_by": str(uuid.uuid4()),
                "created_at": "2026-11-24T10:00:00+00:00",
                "due_at": "2026-11-27T10:00:00+00:00",
                "outcome": None,
            }
        ],
        workstation_id=ws,
        sequence=sequence,
        signing_key=key,
        recipients=[recipient or COORD.age_recipient],
        schema_version=1,
        created_week="2026-W48",
        site_code="S01",
        unit_code="ED1",
    )


def open_(data: bytes, **kw: Any) -> bundle.OpenedBundle:
    args: dict[str, Any] = {
        "identity": COORD.age_identity,
        "known_workstations": {WS_ID: card.public_key_of(WS_KEY)},
        "last_sequences": {},
        "seen_hashes": set(),
    }
    args.update(kw)
    return bundle.open_bundle(data, **args)


def inner_parts(data: bytes) -> tuple[bytes, bytes, bytes]:
    inner = pyrage.decrypt(data, [pyrage.x25519.Identity.from_str(COORD.age_identity)])
    manifest, sig, payload = inner.split(b"\n", 2)
    return manifest, sig, payload


def reseal(manifest: bytes, sig: bytes, payload: bytes) -> bytes:
    recipient = pyrage.x25519.Recipient.from_str(COORD.age_recipient)
    return pyrage.encrypt(manifest + b"\n" + sig + b"\n" + payload, [recipient])


def resign(manifest: dict[str, Any], payload: bytes, key: bytes = WS_KEY) -> bytes:
    raw = card.canonical_json(manifest)
    sig = Ed25519PrivateKey.from_private_bytes(key).sign(
        b"svdesk-bundle-signature-v1\x00" + raw + b"\n" + payload
    )
    return reseal(raw, base64.b64encode(sig), payload)


def reason_of(data: bytes, **kw: Any) -> str:
    with pytest.raises(BundleRejected) as info:
        open_(data, **kw)
    assert info.value.message.endswith(".")
    assert isinstance(info.value, Refused)
    return info.value.reason


# ---------------------------------------------------------------------------- cards


def test_card_round_trip_and_fingerprint_is_readable_aloud() -> None:
    coordinator_card = card.read_card(card.make_card(COORD, site_code="S01"))
    assert coordinator_card.age_recipient == COORD.age_recipient
    assert coordinator_card.fingerprint == COORD.fingerprint
    groups = coordinator_card.fingerprint.split("-")
    assert len(groups) == 8
    assert all(len(g) == 4 and g == g.upper() and g.isalnum() for g in groups)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda c: c.update(site_code="S99"), "signature"),
        (lambda c: c.update(age_recipient=OTHER_COORD.age_recipient), "signature"),
        (lambda c: c.update(format="something-else"), "svdesk coordinator card"),
        (lambda c: c.update(format_version=2), "different version"),
        (lambda c: c.pop("signature"), "signature is missing"),
        (lambda c: c.update(age_recipient="age1notakey"), "not an age public key"),
    ],
)
def test_damaged_card_is_refused_with_what_is_wrong(change: Any, expected: str) -> None:
    coordinator_card = json.loads(card.make_card(COORD, site_code="S01"))
    change(coordinator_card)
    with pytest.raises(InvalidInput, match=expected):
        card.read_card(json.dumps(coordinator_card).encode())


def test_card_that_is_not_json_is_refused() -> None:
    with pytest.raises(InvalidInput, match="not JSON"):
        card.read_card(b"\xff\x00 not json")


# ---------------------------------------------------------------------------- round trip


def test_round_trip_carries_coded_fields_only_with_weeks() -> None:
    rec = encounter_row(created_at="2026-01-01")  # Thursday of 2026-W01
    built = make(records=[rec])
    assert CANARY.encode() not in built.data
    opened = open_(built.data)
    assert not opened.duplicate
    assert opened.manifest.sequence == 1
    assert opened.manifest.encounters == 1
    assert opened.manifest.escalations == 1
    (enc,) = opened.encounters
    assert enc["encounter_id"] == rec["encounter_id"]
    assert enc["event_categories"] == ["unexpected_death"]
    assert enc["created_week"] == "2026-W01"
    assert "note" not in enc
    assert "created_at" not in enc
    assert CANARY not in json.dumps(opened.encounters)
    (esc,) = opened.escalations
    assert esc["created_week"] == "2026-W48"
    assert esc["due_week"] == "2026-W48"
    assert esc["actions"] == ["crisis_line_info"]


def test_decrypted_inner_bytes_hold_no_note_and_no_day_dates() -> None:
    built = make(records=[encounter_row(created_at="2026-11-24")])
    manifest, _, payload = inner_parts(built.data)
    assert CANARY.encode() not in payload
    assert b"2026-11-24" not in payload
    assert b"note" not in payload
    assert json.loads(manifest)["recipients"] == [COORD.fingerprint]


def test_unknown_workstation_is_refused_with_its_fingerprint_unless_trusted() -> None:
    built = make()
    with pytest.raises(BundleRejected) as info:
        open_(built.data, known_workstations={})
    assert info.value.reason == "unknown_workstation"
    expected = card.fingerprint(card.public_key_of(WS_KEY))
    assert info.value.fingerprint == expected
    assert expected in info.value.message
    opened = open_(built.data, known_workstations={}, trust_new=True)
    assert opened.new_workstation
    assert opened.fingerprint == expected


def test_identical_resend_is_a_duplicate_not_an_error() -> None:
    built = make(sequence=3)
    opened = open_(built.data, last_sequences={WS_ID: 3}, seen_hashes={built.manifest_sha256})
    assert opened.duplicate
    assert opened.encounters == []


def test_gap_is_reported_as_missing_sequences() -> None:
    opened = open_(make(sequence=5).data, last_sequences={WS_ID: 2})
    assert opened.missing_sequences == (3, 4)


def test_late_bundle_that_fills_a_gap_is_accepted() -> None:
    opened = open_(
        make(sequence=3).data, last_sequences={WS_ID: 5}, missing_sequences={WS_ID: [3, 4]}
    )
    assert opened.manifest.sequence == 3
    assert opened.missing_sequences == ()


# ---------------------------------------------------------------------------- rejections


def test_tampered_payload_is_a_bad_signature() -> None:
    manifest, sig, payload = inner_parts(make().data)
    tampered = payload.replace(b'"nurse"', b'"leader"')
    assert tampered != payload
    assert reason_of(reseal(manifest, sig, tampered)) == "bad_signature"


def test_tampered_manifest_is_a_bad_signature() -> None:
    manifest, sig, payload = inner_parts(make().data)
    m = json.loads(manifest)
    m["sequence"] = 99
    assert reason_of(reseal(card.canonical_json(m), sig, payload)) == "bad_signature"


def test_replayed_lower_sequence_is_a_rollback() -> None:
    older = make(sequence=2)  # a different bundle with an already-imported number
    assert reason_of(older.data, last_sequences={WS_ID: 4}) == "sequence_rollback"


def test_same_sequence_with_other_content_is_a_rollback() -> None:
    assert (
        reason_of(make(sequence=4).data, last_sequences={WS_ID: 4}, seen_hashes={"abc"})
        == "sequence_rollback"
    )


def test_bundle_signed_by_a_foreign_key_for_a_registered_id_is_a_bad_signature() -> None:
    foreign = card.new_signing_key()
    with pytest.raises(BundleRejected) as info:
        open_(make(key=foreign).data)
    assert info.value.reason == "bad_signature"
    assert "another key" in info.value.message


def test_bundle_for_another_coordinator_is_wrong_recipient() -> None:
    assert reason_of(make(recipient=OTHER_COORD.age_recipient).data) == "wrong_recipient"


def test_recipient_named_in_the_signed_manifest_must_be_this_coordinator() -> None:
    # Encrypted to us, but signed as addressed to another coordinator.
    _, _, payload = inner_parts(make().data)
    m = json.loads(inner_parts(make().data)[0])
    m["recipients"] = [OTHER_COORD.fingerprint]
    assert reason_of(resign(m, payload)) == "wrong_recipient"


def test_future_format_is_unsupported() -> None:
    manifest, _, payload = inner_parts(make().data)
    m = json.loads(manifest)
    m["format_version"] = 5
    with pytest.raises(BundleRejected) as info:
        open_(resign(m, payload))
    assert info.value.reason == "unsupported_format"
    assert "update svdesk" in info.value.message


def test_truncated_bundle_is_corrupt() -> None:
    data = make().data
    for cut in (10, len(data) // 2, len(data) - 1):
        assert reason_of(data[:cut]) == "corrupt"


def test_other_file_is_corrupt() -> None:
    assert reason_of(b"PK\x03\x04 a zip file") == "corrupt"
    assert reason_of(b"") == "corrupt"


def test_oversize_input_is_too_large() -> None:
    data = make().data
    assert reason_of(data, max_bytes=len(data) - 1) == "too_large"


def test_signed_payload_with_invalid_fields_is_corrupt() -> None:
    manifest, _, _ = inner_parts(make().data)
    payload = card.canonical_json(
        {"encounters": [{"encounter_id": "not-a-uuid"}], "escalations": []}
    )
    m = json.loads(manifest)
    m["payload_sha256"] = hashlib.sha256(payload).hexdigest()
    m["counts"] = {"encounters": 1, "escalations": 0}
    assert reason_of(resign(m, payload)) == "corrupt"


def test_fields_outside_the_allow_list_are_dropped_on_open() -> None:
    manifest, _, _ = inner_parts(make().data)
    enc = fields.coded_encounter(encounter_row()) | {"note": CANARY}
    payload = card.canonical_json(
        {"encounters": [enc], "escalations": [], "requests": [], "survey_responses": []}
    )
    m = json.loads(manifest)
    m["payload_sha256"] = hashlib.sha256(payload).hexdigest()
    m["counts"] = {
        "encounters": 1,
        "escalations": 0,
        "requests": 0,
        "survey_responses": 0,
        "feedback_responses": 0,  # format 4: counted; the payload may leave the list out
    }
    opened = open_(resign(m, payload))
    assert "note" not in opened.encounters[0]


def test_every_reason_is_one_of_the_contract() -> None:
    assert set(REJECT_REASONS) == {
        "bad_signature",
        "unknown_workstation",
        "wrong_recipient",
        "unsupported_format",
        "sequence_rollback",
        "corrupt",
        "too_large",
    }


def test_build_refuses_without_a_coordinator_and_when_oversize() -> None:
    with pytest.raises(InvalidInput, match="not paired"):
        bundle.build_bundle(
            records=[],
            escalations=[],
            workstation_id=WS_ID,
            sequence=1,
            signing_key=WS_KEY,
            recipients=[],
            schema_version=1,
            created_week="2026-W48",
            site_code="S01",
            unit_code="ED1",
        )
    with pytest.raises(InvalidInput, match="limit"):
        bundle.build_bundle(
            records=[encounter_row()],
            escalations=[],
            workstation_id=WS_ID,
            sequence=1,
            signing_key=WS_KEY,
            recipients=[COORD.age_recipient],
            schema_version=1,
            created_week="2026-W48",
            site_code="S01",
            unit_code="ED1",
            max_bytes=100,
        )


@pytest.mark.parametrize("week", ["2026-W00", "2026-W54", "2025-W53", "26-W01", "2026W01"])
def test_bad_iso_weeks_are_refused(week: str) -> None:
    with pytest.raises(InvalidInput, match="ISO week"):
        weeks.parse_week(week)


def test_iso_week_of_year_boundary_days() -> None:
    assert weeks.iso_week("2026-12-31") == "2026-W53"
    assert weeks.iso_week("2027-01-03") == "2026-W53"
    assert weeks.iso_week("2024-12-30") == "2025-W01"


# ---------------------------------------------------------------------------- fuzzing

_VALID = make().data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_random_bytes_are_rejected_never_crash(data: bytes) -> None:
    with pytest.raises(BundleRejected):
        open_(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, len(_VALID) - 1), st.integers(0, 255)), min_size=1, max_size=8
    )
)
def test_flipped_bytes_in_a_real_bundle_are_rejected_never_crash(
    flips: list[tuple[int, int]],
) -> None:
    data = bytearray(_VALID)
    for pos, value in flips:
        data[pos] = value
    if bytes(data) == _VALID:
        return
    with pytest.raises(BundleRejected):
        open_(bytes(data))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_random_inner_content_encrypted_to_us_is_rejected_never_crash(inner: bytes) -> None:
    recipient = pyrage.x25519.Recipient.from_str(COORD.age_recipient)
    with pytest.raises(BundleRejected):
        open_(pyrage.encrypt(inner, [recipient]))


def test_deeply_nested_inner_json_is_corrupt_not_a_crash() -> None:
    recipient = pyrage.x25519.Recipient.from_str(COORD.age_recipient)
    deep = b"[" * 100_000 + b"\n\n"
    assert reason_of(pyrage.encrypt(deep, [recipient])) == "corrupt"


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
_MANIFEST, _, _PAYLOAD = inner_parts(_VALID)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(json.loads(_MANIFEST)) + list(fields.ENCOUNTER_FIELD_NAMES)),
    _JSON,
    st.booleans(),
)
def test_signed_manifests_with_odd_values_are_rejected_or_opened_never_crash(
    key: str, value: object, fuzz_payload: bool
) -> None:
    manifest = json.loads(_MANIFEST)
    payload = _PAYLOAD
    if fuzz_payload:
        base = fields.coded_encounter(encounter_row())
        base[key if key in base else "modality"] = value
        payload = json.dumps({"encounters": [base], "escalations": []}).encode()
        manifest["payload_sha256"] = hashlib.sha256(payload).hexdigest()
    else:
        manifest[key] = value
    with contextlib.suppress(BundleRejected):
        open_(resign(manifest, payload))


def test_an_absurd_jump_in_sequence_is_refused() -> None:
    assert reason_of(make(sequence=5000).data, last_sequences={WS_ID: 3}) == "corrupt"
    assert open_(make(sequence=1003).data, last_sequences={WS_ID: 3}).manifest.sequence == 1003


# ---------------------------------------------------------------- format 2: data-minimal (issue 11)


def test_rule_ids_supporter_and_encounter_link_do_not_travel() -> None:
    row = encounter_row()
    row["escalation_rules"] = '["cssrs_high"]'
    built = make(records=[row])
    manifest, _, payload = inner_parts(built.data)
    assert json.loads(manifest)["format_version"] == 4
    data = json.loads(payload)
    for encounter in data["encounters"]:
        assert encounter["escalation_rules"] == []
        assert encounter["supporter_id"] is None
        assert encounter["supporter_own_distress"] == row["supporter_own_distress"]
    for escalation in data["escalations"]:
        assert escalation["rules"] == []
        assert escalation["supporter_id"] is None
        assert escalation["encounter_id"] is None
        assert escalation["level"]  # what the queue needs
        assert escalation["case_code"]
    assert b"cssrs_high" not in payload
    assert set(fields.EXPORTED_ENCOUNTER_FIELDS).isdisjoint({"escalation_rules", "supporter_id"})
    assert set(fields.EXPORTED_ESCALATION_FIELDS).isdisjoint(
        {"rules", "supporter_id", "encounter_id"}
    )


def test_a_format_1_bundle_still_imports_and_its_withheld_fields_are_discarded() -> None:
    manifest, _, payload = inner_parts(make().data)
    m = json.loads(manifest)
    m["format_version"] = 1
    del m["counts"]["requests"]  # formats 1 and 2 carry no requests and no survey responses
    del m["counts"]["survey_responses"]
    del m["counts"]["feedback_responses"]  # format 4 on
    data = json.loads(payload)
    del data["requests"]
    del data["survey_responses"]
    del data["feedback_responses"]
    someone = str(uuid.uuid4())
    for encounter in data["encounters"]:
        encounter["escalation_rules"] = ["cssrs_high", "litigation"]
        encounter["supporter_id"] = someone
    for escalation in data["escalations"]:
        escalation["rules"] = ["cssrs_high"]
        escalation["supporter_id"] = someone
        escalation["encounter_id"] = data["encounters"][0]["encounter_id"]
    old_payload = card.canonical_json(data)
    m["payload_sha256"] = hashlib.sha256(old_payload).hexdigest()
    opened = open_(resign(m, old_payload))
    assert opened.manifest.format_version == 1
    assert len(opened.encounters) == 2
    for encounter in opened.encounters:
        assert encounter["escalation_rules"] == []
        assert encounter["supporter_id"] is None
    for escalation in opened.escalations:
        assert escalation["rules"] == []
        assert escalation["supporter_id"] is None
        assert escalation["encounter_id"] is None
        assert escalation["level"]


def test_the_export_reports_the_smallest_group() -> None:
    same = [encounter_row(), encounter_row()]
    check = make(records=same).reidentification
    assert check is not None
    assert (check.records, check.smallest_group, check.unique_records) == (2, 2, 0)
    assert check.warning == ""
    other = encounter_row()
    other["role_category"] = "pharmacy"
    check = make(records=[*same, other]).reidentification
    assert check is not None
    assert (check.records, check.groups, check.smallest_group, check.unique_records) == (3, 2, 1, 1)
    assert "1 of 3 exported records" in check.warning
