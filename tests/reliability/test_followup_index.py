"""Issue 18, item 5: the follow-up queue took seconds with 10,000 drafts — each follow-up's
latest draft was found by scanning every draft (no index on drafts.followup_id). The plan of
the queue's query must now use the index (before migration 6 it was a full scan), and the query
stays fast on a store with 10,000 drafts."""

from __future__ import annotations

import time
import uuid

from svdesk.storage.db import Database
from svdesk.storage.schema import SCHEMA_VERSION, migration_sql
from svdesk.unit import followups


def _store() -> Database:
    db = Database(memory=True)
    for version in range(1, SCHEMA_VERSION + 1):
        db.conn.executescript(migration_sql(version))
    return db


def test_the_queue_query_uses_an_index_for_drafts() -> None:
    db = _store()
    plan = " ".join(str(r[-1]) for r in db.execute(f"EXPLAIN QUERY PLAN {followups._SELECT}"))
    assert "USING INDEX drafts_followup" in plan or "USING COVERING INDEX drafts_followup" in plan


def test_the_queue_query_is_fast_with_10000_drafts() -> None:
    db = _store()
    fids = [str(uuid.uuid4()) for _ in range(2000)]
    db.conn.executemany(
        "INSERT INTO followups (id, case_code, plan, due_date, created_at) "
        "VALUES (?, 'C', 'w1', '2026-12-01', 'x')",
        [(f,) for f in fids],
    )
    db.conn.executemany(
        "INSERT INTO drafts (id, case_code, encounter_type, followup_id, supporter_id, "
        "protocol_id, protocol_version, created_at, updated_at) "
        "VALUES (?, 'C', 'follow_up', ?, 's', 'p', '2', 'x', ?)",
        [
            (str(uuid.uuid4()), fids[i % 2000] if i % 5 == 0 else None, f"2026-11-{i % 28 + 1:02d}")
            for i in range(10_000)
        ],
    )
    start = time.perf_counter()
    rows = db.execute(followups._SELECT).fetchall()
    elapsed = time.perf_counter() - start
    print(f"follow-up queue query, 2,000 follow-ups and 10,000 drafts: {elapsed * 1000:.1f} ms")
    assert len(rows) == 2000
    assert elapsed < 0.2  # without the index ~1.1 s on the shared machine
