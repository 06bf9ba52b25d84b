"""The coordinator's keys and public card; key fingerprints, Ed25519 checks, canonical JSON."""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from dataclasses import dataclass, field
from typing import Any, Final

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from svdesk.errors import InvalidInput

CARD_FORMAT: Final = "svdesk-coordinator-card"
CARD_FORMAT_VERSION: Final = 1
MAX_CARD_BYTES: Final = 64 * 1024
_CARD_DOMAIN: Final = b"svdesk-coordinator-card-v1\x00"


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


def verify_signature(public_raw: bytes, signature: bytes, message: bytes) -> bool:
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
    if len(signing_key) != 32 or not verify_signature(
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
