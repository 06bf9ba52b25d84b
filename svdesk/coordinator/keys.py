"""The coordinator's own keys (made once, kept in its store) and the signed card handed to units."""

from __future__ import annotations

from svdesk.access.roles import require_role
from svdesk.access.session import Session
from svdesk.coordinator import clock
from svdesk.exchange import card
from svdesk.storage.settings import transaction


def init_coordinator_keys(session: Session) -> str:
    """Create the coordinator's keys once (idempotent); returns the card fingerprint."""
    require_role(session, "coordinator", "coordinator keys")
    db = session.db
    with transaction(session):
        row = db.execute("SELECT fingerprint FROM coordinator_keys WHERE id = 1").fetchone()
        if row is not None:
            return str(row[0])
        keys = card.generate_coordinator_keys()
        db.execute(
            "INSERT INTO coordinator_keys (id, coordinator_id, age_identity, age_recipient, "
            "signing_key, fingerprint, created_at) VALUES (1, ?, ?, ?, ?, ?, ?)",
            [
                keys.coordinator_id,
                keys.age_identity,
                keys.age_recipient,
                keys.signing_key.hex(),
                keys.fingerprint,
                clock.stamp(clock.now()),
            ],
        )
        session.audit("coordinator_keys_created", {"fingerprint": keys.fingerprint})
        return keys.fingerprint


def coordinator_keys(session: Session) -> card.CoordinatorKeys:
    require_role(session, "coordinator", "this")
    row = session.db.execute(
        "SELECT coordinator_id, age_identity, signing_key FROM coordinator_keys WHERE id = 1"
    ).fetchone()
    if row is None:
        init_coordinator_keys(session)
        return coordinator_keys(session)
    return card.CoordinatorKeys(
        coordinator_id=row[0], age_identity=row[1], signing_key=bytes.fromhex(row[2])
    )


def card_bytes(session: Session) -> bytes:
    """The coordinator card to hand to units (public keys and fingerprint, signed)."""
    keys = coordinator_keys(session)
    return card.make_card(keys, site_code=session.workstation.info.site_code)
