"""The append-only, hash-chained audit log (table `audit`): append and verify.

hash = sha256(prev_hash || canonical JSON of seq, at, actor, action, detail); the first row's
prev_hash is 64 zeros. Details are coded values (ids, counts, flags), never text a user typed.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Mapping
from typing import Any

GENESIS = "0" * 64


def now_iso() -> str:
    """Now in UTC to the second, as records and the keys file write it (2025-01-31T09:05:00Z);
    with `time`, as the unlock screen does not load datetime (tests/ui/test_unlock_imports.py)."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def canonical_detail(detail: Mapping[str, object] | None) -> str:
    return json.dumps(dict(detail or {}), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def row_hash(
    prev_hash: str, seq: int, at: str, actor: str | None, action: str, *, detail: str
) -> str:
    body = json.dumps(
        {"seq": seq, "at": at, "actor": actor, "action": action, "detail": detail},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def append(
    conn: Any,
    actor: str | None,
    action: str,
    detail: Mapping[str, object] | None = None,
    *,
    at: str | None = None,
) -> int:
    """Append one entry on `conn` (inside the caller's transaction); returns its seq."""
    last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (int(last[0]) + 1, str(last[1])) if last else (1, GENESIS)
    when = at or now_iso()
    text = canonical_detail(detail)
    digest = row_hash(prev, seq, when, actor, action, detail=text)
    conn.execute(
        "INSERT INTO audit (seq, at, actor, action, detail, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (seq, when, actor, action, text, prev, digest),
    )
    return seq


def verify(conn: Any) -> tuple[int, list[str]]:
    """(entries, problems): every link and hash is recomputed; gaps in seq are problems."""
    problems: list[str] = []
    prev = GENESIS
    expected_seq = 1
    count = 0
    for seq, at, actor, action, detail, prev_hash, digest in conn.execute(
        "SELECT seq, at, actor, action, detail, prev_hash, hash FROM audit ORDER BY seq"
    ):
        count += 1
        if seq != expected_seq:
            problems.append(f"audit entry {expected_seq} is missing (next is {seq})")
        if prev_hash != prev:
            problems.append(f"audit entry {seq} does not link to the entry before it")
        if row_hash(prev_hash, seq, at, actor, action, detail=detail) != digest:
            problems.append(f"audit entry {seq} was altered after it was written")
        prev = str(digest)
        expected_seq = int(seq) + 1
        if len(problems) > 20:
            problems.append("more audit problems not listed")
            break
    return count, problems


def head(conn: Any) -> tuple[int, str] | None:
    """(seq, hash) of the last entry, or None for an empty log."""
    row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    return None if row is None else (int(row[0]), str(row[1]))


def hash_at(conn: Any, seq: int) -> str | None:
    """The hash of entry `seq` as the log holds it now (None when there is no such entry)."""
    row = conn.execute("SELECT hash FROM audit WHERE seq = ?", (seq,)).fetchone()
    return None if row is None else str(row[0])


# ---- seals: what an enrolled supporter holding the database key cannot redo -------------------
# The hash chain above can be recomputed by anyone who can write the store. An admin's session
# seals the log when it locks: an "audit_sealed" entry holds an HMAC, under the audit key that
# only admins' slots and the recovery slot hold, of the entry before it. Changing or removing an
# entry before a seal then shows, whatever is re-chained.
SEAL_ACTION = "audit_sealed"


def seal_mac(audit_key: bytes, store_id: str, seq: int, digest: str) -> str:
    import hashlib  # noqa: PLC0415 (see row_hash)
    import hmac  # noqa: PLC0415

    return hmac.new(audit_key, f"{store_id}|{seq}|{digest}".encode(), hashlib.sha256).hexdigest()


def seal(conn: Any, actor: str | None, audit_key: bytes, store_id: str) -> None:
    """Append a seal over the log as it is now (inside the caller's transaction)."""
    last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    if last is None or last[1] is None:
        return
    mac = seal_mac(audit_key, store_id, int(last[0]), str(last[1]))
    append(conn, actor, SEAL_ACTION, {"upto": int(last[0]), "mac": mac})


def verify_seals(conn: Any, audit_key: bytes, store_id: str) -> tuple[int, list[str]]:
    """(seals, problems): each seal must match the entry it sealed, as it is now."""
    import hmac  # noqa: PLC0415

    problems: list[str] = []
    sealed_upto = 0
    count = 0
    for seq, detail in conn.execute(
        "SELECT seq, detail FROM audit WHERE action = ? ORDER BY seq", (SEAL_ACTION,)
    ).fetchall():
        count += 1
        try:
            data = json.loads(detail)
            upto, mac = int(data["upto"]), str(data["mac"])
        except (ValueError, KeyError, TypeError):
            problems.append(f"audit entry {seq} is a seal that cannot be read")
            continue
        row = conn.execute("SELECT hash FROM audit WHERE seq = ?", (upto,)).fetchone()
        if row is None or not hmac.compare_digest(
            seal_mac(audit_key, store_id, upto, str(row[0])), mac
        ):
            problems.append(
                f"an audit entry from {sealed_upto + 1} to {upto} was changed or removed after "
                f"an admin sealed the log (the seal is entry {seq})"
            )
        else:
            sealed_upto = upto
    return count, problems
