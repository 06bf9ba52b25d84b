"""An enrolled supporter rewriting the audit log with the database key (issue 13, item 3): drop
the triggers, delete an entry, re-chain the rest, move the anchor in keys.json and recompute its
MAC. The admins' seals (an HMAC under a key only admins' slots hold) show it, and say where."""

from __future__ import annotations

import json
import re
from pathlib import Path

from svdesk.access.workstation import Workstation
from svdesk.keys.keyfile import KeyFile, keyfile_mac
from svdesk.storage.audit import GENESIS, row_hash
from svdesk.storage.db import connect
from tests.fakes import ADMIN_PASSPHRASE, close_session, make_session, session_secrets

SAM_PASS = "sam's own long passphrase"


def _rewrite_without(home: Path, key: bytes, doomed: int) -> None:
    """What Sam can do with his database key: drop entry `doomed`, re-chain, re-anchor."""
    raw = connect(home / "svdesk.db", key)
    raw.execute("DROP TRIGGER audit_no_update")
    raw.execute("DROP TRIGGER audit_no_delete")
    rows = raw.execute(
        "SELECT seq, at, actor, action, detail FROM audit WHERE seq != ? ORDER BY seq", (doomed,)
    ).fetchall()
    raw.execute("DELETE FROM audit")
    prev = GENESIS
    for seq, (_, at, actor, action, detail) in enumerate(rows, start=1):
        digest = row_hash(prev, seq, at, actor, action, detail=detail)
        raw.execute(
            "INSERT INTO audit (seq, at, actor, action, detail, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (seq, at, actor, action, detail, prev, digest),
        )
        prev = digest
    raw.commit()
    raw.close()
    data = json.loads((home / "keys.json").read_text())
    data["audit_head"] = {"seq": len(rows), "hash": prev}
    data["mac"] = keyfile_mac(key, KeyFile.from_json(data))
    (home / "keys.json").write_text(json.dumps(data))


def test_a_supporter_rewriting_the_audit_log_is_found_by_an_admins_check(
    tmp_path: Path,
) -> None:
    session = make_session(tmp_path)
    sam = session.enrol("Sam", SAM_PASS)
    for i in range(3):
        session.audit("export", {"sequence": i})
    home, secrets, admin = session.workstation.home, session_secrets(session), session.supporter.id
    close_session(session)  # the admin's lock seals the log

    as_sam = Workstation.open(home, secrets).unlock(sam.id, SAM_PASS)
    doomed = as_sam.db.execute(
        "SELECT seq FROM audit WHERE action = 'export' ORDER BY seq LIMIT 1"
    ).fetchone()[0]
    key = as_sam._db_key()
    assert as_sam.check().ok  # Sam's own check cannot see seals ...
    assert as_sam.check().figures["audit_seals"] == "not checked: an admin's check does"
    close_session(as_sam)
    _rewrite_without(home, key, doomed)

    again = Workstation.open(home, secrets).unlock(admin, ADMIN_PASSPHRASE)
    report = again.check()
    close_session(again)
    assert not report.ok
    found = [
        re.search(
            r"an audit entry from (\d+) to (\d+) was changed or removed after an admin sealed", p
        )
        for p in report.problems
    ]
    ranges = [(int(m.group(1)), int(m.group(2))) for m in found if m]
    assert ranges, report.problems
    assert ranges[0][0] <= doomed <= ranges[0][1]  # says where: the deleted entry is in range
    # the hash chain itself is whole: only the seal tells
    assert not any("does not link" in p or "was altered" in p for p in report.problems)


def test_seals_hold_through_a_rotation_and_a_new_admin(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    kim = session.enrol("Kim", "kim's own long passphrase", is_admin=True)
    session.rotate_key()
    home, secrets = session.workstation.home, session_secrets(session)
    close_session(session)
    as_kim = Workstation.open(home, secrets).unlock(kim.id, "kim's own long passphrase")
    report = as_kim.check()
    assert report.ok, report.problems
    assert report.figures["audit_seals"] == 1  # Alex's, checked with the key Kim's slot holds
    close_session(as_kim)
