"""`svdesk check`: what a full check of an unlocked store looks at, and its report; the audit
anchor the keys file notes for it."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, NamedTuple

from svdesk.keys.keyfile import AuditHead, KeyFile
from svdesk.storage import audit as audit_log

if TYPE_CHECKING:
    from svdesk.storage.db import Store


class CheckReport(NamedTuple):
    ok: bool
    problems: list[str]
    figures: dict[str, object]


def anchor_for(conn: Any, previous: AuditHead | None) -> AuditHead | None:
    """The audit log's last entry, to note in the keys file as its anchor; None when there is
    none, or when the log lost the entry anchored before (the evidence is kept for check)."""
    from svdesk.storage import db as _store  # noqa: PLC0415 (loaded with the session's store)

    try:
        row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        if previous is not None:
            anchored = conn.execute(
                "SELECT hash FROM audit WHERE seq = ?", (previous.seq,)
            ).fetchone()
            if anchored is None or anchored[0] != previous.hash:
                return None
    except _store.DatabaseError:
        return None
    return AuditHead(int(row[0]), str(row[1])) if row else None


def check_store(store: Store, keys: KeyFile, audit_key: bytes | None) -> CheckReport:
    """SQLCipher page HMACs, integrity_check, foreign keys, the audit chain, the keys file's
    audit anchor and, given the audit key (admins' sessions), the admins' seals on the log."""
    from svdesk.storage import db as _store  # noqa: PLC0415 (loaded with the session's store)

    started = time.monotonic()
    conn = store.conn
    problems: list[str] = []
    try:
        cipher = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
        problems += [f"encryption check: {p}" for p in cipher[:10]]
        integrity = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if integrity != ["ok"]:
            problems += [f"integrity: {p}" for p in integrity[:10]]
        for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check").fetchall()[:10]:
            problems.append(f"foreign key: {table} row {rowid} points to a missing {parent}")
    except _store.DatabaseError as exc:
        problems.append(f"the store could not be read completely ({exc})")
    entries, audit_problems = audit_log.verify(conn)
    problems += audit_problems
    seals: object = "not checked: an admin's check does"
    if audit_key is not None:
        seals, seal_problems = audit_log.verify_seals(conn, audit_key, keys.store_id)
        problems += seal_problems
    head = keys.audit_head
    if head is not None:
        row = conn.execute("SELECT hash FROM audit WHERE seq = ?", (head.seq,)).fetchone()
        if row is None:
            problems.append(f"audit entries from {head.seq} on are missing (the log was cut short)")
        elif row[0] != head.hash:
            problems.append(f"audit entry {head.seq} was replaced")
    page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
    figures: dict[str, object] = {
        "schema_version": store.user_version,
        "page_size": page_size,
        "pages": pages,
        "bytes": page_size * pages,
        "audit_entries": entries,
        "audit_seals": seals,
        "supporters": len(keys.supporters),
        "seconds": round(time.monotonic() - started, 3),
    }
    return CheckReport(ok=not problems, problems=problems, figures=figures)
