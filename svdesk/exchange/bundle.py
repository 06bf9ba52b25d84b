"""Export bundles: canonical manifest, Ed25519 signature, age encryption; build, read and open.

Pure bytes in and out (no store access). A unit workstation builds a bundle of coded records for
one coordinator; the coordinator opens it and learns exactly why it is refused when it is.

Layout: the file is an age (X25519) encryption, to the coordinator's recipient, of
    line 1  the manifest as canonical JSON (sorted keys, no spaces, ASCII): format, version,
            export id, workstation id and Ed25519 public key, site/unit, sequence, schema
            version, created ISO week, recipient fingerprints, payload SHA-256, record counts
    line 2  base64 Ed25519 signature of b"svdesk-bundle-signature-v1\0" + line 1 + b"\n" + payload
    rest    the payload, canonical JSON {"encounters": [...], "escalations": [...],
            "requests": [...], "survey_responses": [...], "feedback_responses": [...],
            "coverage": [...]} ("requests" and "survey_responses" from format 3,
            "feedback_responses" and the weeks of on-call "coverage" from format 4) holding
            only the allow-listed fields of svdesk.exchange.fields (never `note`, names or
            supporter ids; dates as ISO weeks, feedback by month)
so a coordinator can also open it with the `age` tool and read it.

Longer than 500 lines because building, reading and opening a bundle share its layout and the
order of its checks, which read best side by side (the payload's parsing is in `payload`).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import uuid
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from svdesk.errors import InvalidInput, Refused
from svdesk.exchange import intake
from svdesk.exchange.card import (
    canonical_json,
    fingerprint,
    public_key_of,
    recipient_fingerprint,
    verify_signature,
)
from svdesk.exchange.coverage import COVERAGE_FIELD_NAMES, COVERAGE_FIELDS, coded_coverage
from svdesk.exchange.errors import BundleRejected
from svdesk.exchange.fields import (
    ENCOUNTER_FIELD_NAMES,
    ENCOUNTER_FIELDS,
    ESCALATION_FIELD_NAMES,
    ESCALATION_FIELDS,
    FEEDBACK_RESPONSE_FIELD_NAMES,
    FEEDBACK_RESPONSE_FIELDS,
    REQUEST_FIELD_NAMES,
    REQUEST_FIELDS,
    SURVEY_RESPONSE_FIELD_NAMES,
    SURVEY_RESPONSE_FIELDS,
    CheckedRecords,
    check_records,
    coded_encounter,
    coded_escalation,
    coded_feedback_response,
    coded_request,
    coded_survey_response,
    no_records,
)
from svdesk.exchange.manifest import (
    AuditMark,
    BundleManifest,
    manifest_dict,
    parse_manifest,
)
from svdesk.exchange.payload import PayloadRecords, payload_records
from svdesk.exchange.reidentification import ReidentificationCheck, reidentification_check
from svdesk.exchange.weeks import parse_week

BUNDLE_SUFFIX: Final = ".svdbundle"
# A full bundle (intake.MAX_ENCOUNTERS encounters, ~900 bytes each as exported) is ~4.5 MiB.
MAX_BUNDLE_BYTES: Final = 16 * 1024 * 1024
# An honest workstation skips a number only when a write fails or it crashes mid-export.
MAX_SEQUENCE_JUMP: Final = 1000
_SIGNATURE_DOMAIN: Final = b"svdesk-bundle-signature-v1\x00"


@dataclass(frozen=True)
class BuiltBundle:
    """What `build_bundle` made: the encrypted bytes plus what the exporter keeps in history."""

    data: bytes
    manifest: BundleManifest
    manifest_sha256: str
    data_sha256: str
    #: the smallest group of exported encounters sharing unit, role, week and event categories
    reidentification: ReidentificationCheck | None = None


@dataclass(frozen=True)
class OpenedBundle:
    manifest: BundleManifest
    manifest_sha256: str
    encounter_records: CheckedRecords  # fields of ENCOUNTER_FIELD_NAMES (none if a duplicate)
    escalation_records: CheckedRecords  # fields of ESCALATION_FIELD_NAMES
    request_records: CheckedRecords  # fields of REQUEST_FIELD_NAMES (none before format 3)
    survey_response_records: CheckedRecords  # SURVEY_RESPONSE_FIELD_NAMES (none before 3)
    feedback_response_records: CheckedRecords  # FEEDBACK_RESPONSE_FIELD_NAMES (none before 4)
    duplicate: bool
    new_workstation: bool
    fingerprint: str  # of the workstation's signing key
    missing_sequences: tuple[int, ...]  # skipped between the last imported one and this one
    # Weeks of on-call coverage: fields of COVERAGE_FIELD_NAMES (none before format 4).
    coverage_records: CheckedRecords = field(
        default_factory=lambda: no_records(COVERAGE_FIELD_NAMES)
    )

    @functools.cached_property
    def encounters(self) -> list[dict[str, Any]]:
        """The encounters as records (made when asked: an import works on the rows)."""
        return self.encounter_records.dicts()

    @functools.cached_property
    def escalations(self) -> list[dict[str, Any]]:
        return self.escalation_records.dicts()

    @functools.cached_property
    def requests(self) -> list[dict[str, Any]]:
        return self.request_records.dicts()

    @functools.cached_property
    def survey_responses(self) -> list[dict[str, Any]]:
        return self.survey_response_records.dicts()

    @functools.cached_property
    def feedback_responses(self) -> list[dict[str, Any]]:
        return self.feedback_response_records.dicts()

    @functools.cached_property
    def coverage(self) -> list[dict[str, Any]]:
        return self.coverage_records.dicts()


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
    audit_head: AuditMark | None = None,
    audit_anchor: AuditMark | None = None,
    abandoned: Sequence[int] = (),
    requests: Iterable[Mapping[str, Any]] = (),
    survey_responses: Iterable[Mapping[str, Any]] = (),
    feedback_responses: Iterable[Mapping[str, Any]] = (),
    coverage: Iterable[Mapping[str, Any]] = (),
) -> BuiltBundle:
    """Sign the coded records with the workstation key, then encrypt them to `recipients`.

    `records`/`escalations` may be store rows or §2 records: only allow-listed fields are kept
    (never `note`), list fields may be JSON text, and `created_at`/`due_at` become ISO weeks.
    `audit_head`/`audit_anchor` and the `abandoned` sequence numbers go into the signed
    manifest (see `BundleManifest`).
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
    req = [coded_request(r) for r in requests]
    srv = [coded_survey_response(r) for r in survey_responses]
    fbk = [coded_feedback_response(r) for r in feedback_responses]
    cov = [coded_coverage(w) for w in coverage]
    # The receiver must accept what we send: check with the same rules before signing.
    try:
        check_records(enc, ENCOUNTER_FIELDS, "encounter", "This export")
        check_records(esc, ESCALATION_FIELDS, "escalation", "This export")
        check_records(req, REQUEST_FIELDS, "request", "This export")
        check_records(srv, SURVEY_RESPONSE_FIELDS, "survey response", "This export")
        check_records(fbk, FEEDBACK_RESPONSE_FIELDS, "feedback response", "This export")
        check_records(cov, COVERAGE_FIELDS, "week of on-call coverage", "This export")
    except BundleRejected as exc:
        raise InvalidInput(exc.message) from None
    try:
        intake.check_counts(
            len(enc),
            len(esc),
            "This export",
            requests=len(req),
            survey_responses=len(srv),
            feedback_responses=len(fbk),
            coverage=len(cov),
        )
    except BundleRejected as exc:
        raise InvalidInput(exc.message) from None
    payload = canonical_json(
        {
            "encounters": enc,
            "escalations": esc,
            "requests": req,
            "survey_responses": srv,
            "feedback_responses": fbk,
        }
        | ({"coverage": cov} if cov else {})  # absent, as in the manifest's counts: none
    )
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
        requests=len(req),
        survey_responses=len(srv),
        feedback_responses=len(fbk),
        coverage=len(cov),
        audit_head=audit_head,
        audit_anchor=audit_anchor if audit_head is not None else None,
        abandoned=tuple(sorted(set(abandoned))),
    )
    manifest_bytes = canonical_json(manifest_dict(manifest))
    key = Ed25519PrivateKey.from_private_bytes(signing_key)
    signature = key.sign(_signed_message(manifest_bytes, payload))
    # Verify before encrypting: the workstation cannot decrypt what it writes afterwards.
    if not verify_signature(
        manifest.workstation_key, signature, _signed_message(manifest_bytes, payload)
    ):
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
        reidentification=reidentification_check(enc),
    )


@dataclass(frozen=True)
class ReadBundle:
    """A bundle decrypted and checked as far as it can be without the import ledger: its
    manifest, signature, addressee and content hash. Its records are not parsed yet:
    `open_read_bundle` parses them after the ledger checks (registered workstation, addressee,
    sequence), so a bundle refused there never reaches the costliest step."""

    label: str
    manifest: BundleManifest
    manifest_sha256: str
    fingerprint: str  # of the workstation's signing key
    for_this_coordinator: bool  # this coordinator's recipient is named in the manifest
    intact: bool  # the payload has the manifest's hash
    payload: bytes = field(repr=False)

    def checked_records(self) -> PayloadRecords:
        records = payload_records(self.payload, self.manifest, self.label)
        if isinstance(records, BundleRejected):
            raise records
        return records


def read_bundle(
    data: bytes,
    *,
    identity: str,
    max_bytes: int = MAX_BUNDLE_BYTES,
    label: str = "This bundle",
) -> ReadBundle:
    """Decrypt a bundle and check what needs no import ledger (see `ReadBundle`); refusals
    that come before any ledger check in `open_bundle` are raised here.

    Every step is bounded before it runs (`intake`): the size, then the age header, then the
    decryption, the manifest and its declared counts, the signature."""
    if len(data) > max_bytes:
        raise intake.too_large(label, len(data), max_bytes)
    intake.check_age_header(data, label)
    try:
        me = pyrage.x25519.Identity.from_str(identity)
    except Exception as exc:
        raise Refused("The coordinator's decryption key is damaged; restore a backup.") from exc
    return _read_decrypted(
        _decrypt(data, me, label),
        me,
        max_bytes=max_bytes,
        label=label,
    )


def read_bundle_file(
    path: Path,
    *,
    identity: str,
    max_bytes: int = MAX_BUNDLE_BYTES,
    label: str = "This bundle",
) -> ReadBundle:
    """`read_bundle` of a file, refused from its size before it is read."""
    return read_bundle(
        intake.read_limited(path, max_bytes, label),
        identity=identity,
        max_bytes=max_bytes,
        label=label,
    )


def _decrypt(data: bytes, me: pyrage.x25519.Identity, label: str) -> bytes:
    try:
        inner: bytes = pyrage.decrypt(data, [me])
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
    return inner


def _read_decrypted(
    inner: bytes,
    me: pyrage.x25519.Identity,
    *,
    max_bytes: int,
    label: str,
) -> ReadBundle:
    if len(inner) > max_bytes:
        raise BundleRejected("too_large", f"{label} holds more data than a bundle may carry.")
    first = inner.find(b"\n", 0, intake.MAX_MANIFEST_BYTES + 1)
    # Line 2 is the base64 of a 64-byte signature: 88 characters.
    second = inner.find(b"\n", first + 1, first + 1 + 89) if first >= 0 else -1
    if first < 0 or second < 0:
        raise BundleRejected(
            "corrupt", f"{label} is damaged (its layout is broken); ask the unit to resend it."
        )
    manifest_bytes, sig_b64, payload = inner[:first], inner[first + 1 : second], inner[second + 1 :]
    del inner
    manifest = parse_manifest(manifest_bytes, label)
    m = manifest
    intake.check_counts(
        m.encounters,
        m.escalations,
        label,
        requests=m.requests,
        survey_responses=m.survey_responses,
        feedback_responses=m.feedback_responses,
        coverage=m.coverage,
    )
    try:
        signature = base64.b64decode(sig_b64, validate=True)
    except ValueError:
        signature = b""
    if len(signature) != 64 or not verify_signature(
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
    return ReadBundle(
        label=label,
        manifest=manifest,
        manifest_sha256=manifest_sha256,
        fingerprint=fingerprint(manifest.workstation_key),
        for_this_coordinator=for_me,
        intact=intact,
        payload=payload,
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
    registered_codes: Mapping[str, tuple[str, str]] | None = None,
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
    codes = (registered_codes or {}).get(ws)
    claimed = (manifest.site_code, manifest.unit_code)
    if (
        registered is not None
        and codes is not None
        and codes != claimed
        and not (trust_new or ws_fingerprint in trusted_fingerprints)
    ):
        raise BundleRejected(
            "unknown_workstation",
            f"{label} comes from workstation {ws}, registered as {codes[0]}/{codes[1]}, but now "
            f"says it is {claimed[0]}/{claimed[1]}, so its records would count for another "
            f"site or unit; if that workstation (fingerprint {ws_fingerprint}) was really moved, "
            "import it again and confirm, otherwise check with the unit.",
            workstation_id=ws,
            fingerprint=ws_fingerprint,
            registered_as=f"{codes[0]}/{codes[1]}",
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
    encounters = no_records(ENCOUNTER_FIELD_NAMES)
    escalations = no_records(ESCALATION_FIELD_NAMES)
    requests = no_records(REQUEST_FIELD_NAMES)
    responses = no_records(SURVEY_RESPONSE_FIELD_NAMES)
    feedback = no_records(FEEDBACK_RESPONSE_FIELD_NAMES)
    coverage = no_records(COVERAGE_FIELD_NAMES)
    if not duplicate:
        encounters, escalations, requests, responses, feedback, coverage = read.checked_records()
    missing = tuple(range(last + 1, manifest.sequence)) if manifest.sequence > last else ()
    return OpenedBundle(
        manifest=manifest,
        manifest_sha256=read.manifest_sha256,
        encounter_records=encounters,
        escalation_records=escalations,
        request_records=requests,
        survey_response_records=responses,
        feedback_response_records=feedback,
        duplicate=duplicate,
        new_workstation=registered is None,
        fingerprint=ws_fingerprint,
        missing_sequences=missing,
        coverage_records=coverage,
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
    registered_codes: Mapping[str, tuple[str, str]] | None = None,
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
    `registered_codes` maps registered ids to their (site, unit): a bundle claiming other codes
    is refused as `unknown_workstation` until a person confirms it (as for a new one).
    """
    read = read_bundle(data, identity=identity, max_bytes=max_bytes, label=label)
    return open_read_bundle(
        read,
        known_workstations=known_workstations,
        last_sequences=last_sequences,
        seen_hashes=seen_hashes,
        trust_new=trust_new,
        trusted_fingerprints=trusted_fingerprints,
        missing_sequences=missing_sequences,
        registered_codes=registered_codes,
    )
