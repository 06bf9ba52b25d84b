"""A unit's audit log rewritten or rolled back, as an enrolled supporter holding the database
key could (issue 13, item 3, second half): every bundle's signed manifest carries the log's
head and what became of the entry the previous bundle ended at, and the coordinator flags, in
the import summary, a bundle whose log does not extend what it saw before."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

from svdesk.coordinator.importing import import_bundles
from svdesk.coordinator.keys import card_bytes
from svdesk.exchange import audit_chain, bundle, card
from svdesk.exchange.manifest import AuditMark, BundleManifest
from svdesk.progress import run_to_end
from svdesk.storage import audit
from svdesk.storage.schema import SCHEMA_VERSION
from svdesk.unit import export
from tests.core.test_bundle_support import (
    FakeSession,
    coordinator_session,
    insert_encounter,
    unit_session,
)

H1, H2, H3 = ("1" * 64, "2" * 64, "3" * 64)


def manifest(sequence: int, head: AuditMark | None, anchor: AuditMark | None) -> BundleManifest:
    return BundleManifest(
        export_id=str(uuid.uuid4()), workstation_id="ws", workstation_key=b"k" * 32,
        site_code="S01", unit_code="ED1", sequence=sequence, schema_version=1,
        created_week="2026-W07", recipients=(), payload_sha256="0" * 64, encounters=0,
        escalations=0, audit_head=head, audit_anchor=anchor,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("seen", "sequence", "head", "anchor", "verdict"),
    [
        ({}, 1, AuditMark(5, H1), None, "first"),
        ({}, 1, None, None, "none"),
        ({1: AuditMark(5, H1)}, 2, AuditMark(9, H2), AuditMark(5, H1), "extends"),
        ({1: AuditMark(5, H1)}, 2, AuditMark(5, H1), None, "extends"),
        ({1: AuditMark(5, H1)}, 2, AuditMark(9, H2), AuditMark(5, H3), "rewritten"),
        ({1: AuditMark(5, H1)}, 2, AuditMark(9, H2), AuditMark(5, None), "rewritten"),
        ({1: AuditMark(5, H1)}, 2, AuditMark(5, H2), None, "rewritten"),
        ({1: AuditMark(5, H1)}, 2, AuditMark(3, H2), None, "rolled_back"),
        ({1: AuditMark(5, H1)}, 2, AuditMark(9, H2), None, "unverified"),
        ({1: AuditMark(5, H1)}, 2, AuditMark(9, H2), AuditMark(4, H1), "unverified"),
        ({1: AuditMark(5, H1)}, 2, None, None, "not_declared"),
        # A late bundle is compared with the one before it, not with a later one seen first.
        ({1: AuditMark(5, H1), 3: AuditMark(20, H3)}, 2, AuditMark(9, H2), AuditMark(5, H1),
         "extends"),
    ],
)  # fmt: skip
def test_chain_verdicts(
    seen: dict[int, AuditMark],
    sequence: int,
    head: AuditMark | None,
    anchor: AuditMark | None,
    verdict: str,
) -> None:
    check = audit_chain.check_chain(seen, manifest(sequence, head, anchor), "The bundle b")
    assert check.verdict == verdict
    assert check.flagged == bool(check.message)


def test_the_audit_marks_travel_in_the_signed_manifest() -> None:
    coord = card.generate_coordinator_keys()
    key = card.new_signing_key()
    built = bundle.build_bundle(
        records=[], escalations=[], workstation_id="ws-1", sequence=2, signing_key=key,
        recipients=[coord.age_recipient], schema_version=SCHEMA_VERSION,
        created_week="2026-W07", site_code="S01", unit_code="ED1",
        audit_head=AuditMark(12, H2), audit_anchor=AuditMark(7, None),
    )  # fmt: skip
    opened = bundle.open_bundle(
        built.data, identity=coord.age_identity, known_workstations={},
        last_sequences={}, seen_hashes=(), trust_new=True,
    )  # fmt: skip
    assert opened.manifest.audit_head == AuditMark(12, H2)
    assert opened.manifest.audit_anchor == AuditMark(7, None)


def _drop_triggers(db: Any) -> None:
    for (name,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'"
    ).fetchall():
        db.execute(f"DROP TRIGGER {name}")


def rewrite_log(unit: FakeSession, *, drop: int) -> None:
    """Delete entry `drop` and re-chain the rest so that the log verifies again."""
    db = unit.db
    rows = db.execute("SELECT seq, at, actor, action, detail FROM audit ORDER BY seq").fetchall()
    _drop_triggers(db)
    db.execute("DELETE FROM audit")
    prev, seq = audit.GENESIS, 0
    for old_seq, at, actor, action, detail in rows:
        if old_seq == drop:
            continue
        seq += 1
        digest = audit.row_hash(prev, seq, at, actor, action, detail=detail)
        db.execute(
            "INSERT INTO audit (seq, at, actor, action, detail, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (seq, at, actor, action, detail, prev, digest),
        )
        prev = digest
    assert audit.verify(db.conn)[1] == []  # undetectable on the unit itself


def roll_back_log(unit: FakeSession, *, keep: int) -> None:
    """Keep entries 1..`keep` only (an older copy of the store's log)."""
    _drop_triggers(unit.db)
    unit.db.execute("DELETE FROM audit WHERE seq > ?", [keep])
    assert audit.verify(unit.db.conn)[1] == []


def export_and_import(unit: FakeSession, coord: FakeSession, folder: Path) -> dict[str, Any]:
    insert_encounter(unit.db, case_code=f"K7Q-{uuid.uuid4().hex[:3]}")
    path = run_to_end(export.export_bundle(unit, folder)).path
    summary = run_to_end(import_bundles(coord, [path], trust_new=True))
    [item] = summary.imported
    return item


def test_a_rewritten_unit_log_is_flagged_at_import(tmp_path: Path) -> None:
    coord, unit = coordinator_session(), unit_session()
    export.pair(unit, card_bytes(coord))
    assert "audit_chain" not in export_and_import(unit, coord, tmp_path)  # the first one
    for _ in range(3):
        unit.audit("view_case", {"case": "K7Q"})
    assert "audit_chain" not in export_and_import(unit, coord, tmp_path)  # it extends
    rewrite_log(unit, drop=2)
    item = export_and_import(unit, coord, tmp_path)
    assert item["audit_chain"] == "rewritten"
    assert "rewritten" in item["audit_message"]
    flagged = coord.db.execute(
        "SELECT detail FROM audit WHERE action = 'import_audit_chain'"
    ).fetchall()
    assert len(flagged) == 1
    assert '"verdict":"rewritten"' in flagged[0][0]


def test_a_rolled_back_unit_log_is_flagged_at_import(tmp_path: Path) -> None:
    coord, unit = coordinator_session(), unit_session()
    export.pair(unit, card_bytes(coord))
    export_and_import(unit, coord, tmp_path)
    for _ in range(5):
        unit.audit("view_case", {"case": "K7Q"})
    assert "audit_chain" not in export_and_import(unit, coord, tmp_path)
    roll_back_log(unit, keep=2)
    item = export_and_import(unit, coord, tmp_path)
    assert item["audit_chain"] == "rolled_back"
    assert "rolled back" in item["audit_message"]
    # The import itself goes ahead: flagged, not rejected.
    assert item["records"] == 1
