"""Open drafts started under an older protocol: moved to the current one with a notice
(decision and reasons: docs/content-migration.md; the answers: svdesk.content.protocol.migration).
"""

from __future__ import annotations

from dataclasses import dataclass

from svdesk.content.protocol.conversation import Conversation
from svdesk.content.protocol.migration import migrate_answers
from svdesk.content.protocol.model import Protocol
from svdesk.unit.context import UnitContext, to_json, update_row, write_transaction
from svdesk.unit.drafts import Draft, load_draft

__all__ = ["DraftMigrated", "migrate_draft"]


@dataclass(frozen=True)
class DraftMigrated:
    draft: Draft
    from_version: str
    notices: tuple[str, ...]


def migrate_draft(ctx: UnitContext, draft_id: str, protocol: Protocol) -> DraftMigrated | None:
    """Move draft `draft_id` to `protocol`'s version when it was started under another one.

    None when it already is on that version. Durable and audit-logged (versions only, never
    answers) when this returns.
    """
    with write_transaction(ctx):
        draft = load_draft(ctx, draft_id)
        if draft.protocol_version == protocol.version or draft.protocol_id != protocol.id:
            return None
        moved = migrate_answers(
            draft.answers, draft.protocol_version, protocol, encounter_type=draft.encounter_type
        )
        # The protocol's own rules (hidden questions lose their answers) apply at once.
        answers = Conversation(protocol, moved.answers, draft.encounter_type).answers
        update_row(
            ctx.db,
            "drafts",
            ("id", draft_id),
            {
                "answers": to_json(answers),
                "protocol_version": protocol.version,
                "updated_at": ctx.now().isoformat(),
            },
        )
        ctx.audit(
            "draft_migrated",
            {"draft_id": draft_id, "from": draft.protocol_version, "to": protocol.version},
        )
    return DraftMigrated(load_draft(ctx, draft_id), moved.from_version, moved.notices)
