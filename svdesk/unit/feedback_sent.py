"""Recipient feedback that travels (issue 14, item 3; bundle format 4): the responses not yet sent,
and the flag set when they are (`svdesk.unit.export`). A flag, not the export's number: the
export's time would date the response."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from svdesk.exchange.intake import MAX_FEEDBACK_RESPONSES
from svdesk.storage.db import Database


def pending_responses(db: Database) -> list[dict[str, Any]]:
    """Feedback not yet sent, in the order of the random ids (no other order is kept)."""
    cursor = db.execute(
        "SELECT id, survey_id, survey_version, month, answers FROM feedback_responses "
        "WHERE exported = 0 ORDER BY id LIMIT ?",
        [MAX_FEEDBACK_RESPONSES],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def pending_count(db: Database) -> int:
    count = db.execute("SELECT count(*) FROM feedback_responses WHERE exported = 0").fetchone()
    return min(int(count[0]), MAX_FEEDBACK_RESPONSES)


def mark_sent(db: Database, responses: Sequence[Mapping[str, Any]]) -> None:
    """Inside the export's transaction: these responses travelled (a flag, no export number)."""
    db.conn.executemany(
        "UPDATE feedback_responses SET exported = 1 WHERE id = ?", [(r["id"],) for r in responses]
    )
