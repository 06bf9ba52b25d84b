"""Requests for peer support (issue 15, item 1): logged when someone asks, shown in the unit's
queue with a 30-minute clock, overdue on every supporter's home when nobody took them up, and
the source of a conversation's `activation_source`, `people_reached` and `response_time`.

A request keeps no name and no story: who asked is an `activation_source` code, plus how many
people, how urgent, whether a supporter from another unit is preferred, and the times.
`response_time` is computed from the real times: request to first contact (the conversation
started from it), coded as the data dictionary says (`le_30min`, `le_24h`, `gt_24h`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

from svdesk.content.protocol.model import Protocol
from svdesk.content.record_fields import load_record_vocabulary
from svdesk.errors import InvalidInput
from svdesk.unit import drafts
from svdesk.unit.context import UnitContext, insert_row, update_row, write_transaction
from svdesk.unit.drafts import Draft

__all__ = [
    "CONTACT_TARGET",
    "URGENCIES",
    "SupportRequest",
    "log_request",
    "open_requests",
    "response_time_code",
    "start_from_request",
    "withdraw_request",
]

# Peer programs promise first contact within 30 minutes of a request (issue 15: RISE, forYOU).
CONTACT_TARGET: Final = timedelta(minutes=30)
URGENCIES: Final[tuple[str, ...]] = ("now", "today", "this_week")
PEOPLE_MAX: Final = 200
# A request logged later than it was made is fine; one dated in the future or long ago is a typo.
_BACKDATE_MAX: Final = timedelta(days=7)
_FUTURE_SLACK: Final = timedelta(minutes=5)


@dataclass(frozen=True)
class SupportRequest:
    id: str
    requested_at: datetime
    source: str
    people: int
    urgency: str
    other_unit: bool
    status: str = "open"
    taken_at: datetime | None = None
    draft_id: str | None = None

    @property
    def due_at(self) -> datetime:
        """When first contact is due (the 30-minute promise)."""
        return self.requested_at + CONTACT_TARGET

    def overdue(self, now: datetime) -> bool:
        return self.status == "open" and now > self.due_at

    def minutes_left(self, now: datetime) -> int:
        """Whole minutes until due (negative once overdue)."""
        return int((self.due_at - now).total_seconds() // 60)


def response_time_code(requested_at: datetime, contact_at: datetime) -> str:
    """The `response_time` code of a first contact at `contact_at` for a request at
    `requested_at` (data dictionary: request to first contact)."""
    waited = contact_at - requested_at
    if waited <= CONTACT_TARGET:
        return "le_30min"
    if waited <= timedelta(hours=24):
        return "le_24h"
    return "gt_24h"


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _moment(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _from_row(row: dict[str, object]) -> SupportRequest:
    requested = _moment(str(row["requested_at"]))
    assert requested is not None
    taken = row.get("taken_at")
    return SupportRequest(
        id=str(row["id"]),
        requested_at=requested,
        source=str(row["source"]),
        people=int(str(row["people"])),
        urgency=str(row["urgency"]),
        other_unit=bool(row["other_unit"]),
        status=str(row["status"]),
        taken_at=_moment(str(taken)) if taken is not None else None,
        draft_id=str(row["draft_id"]) if row.get("draft_id") is not None else None,
    )


def log_request(
    ctx: UnitContext,
    *,
    source: str | None,
    people: int | None,
    urgency: str = "now",
    requested_at: datetime | None = None,
    other_unit: bool = False,
) -> SupportRequest:
    """Log a request (any supporter). `requested_at` defaults to now; it may be earlier (the
    request came by phone before it was typed in), up to a week, never in the future."""
    sources = load_record_vocabulary().codes("activation_source")
    if not source:
        raise InvalidInput(
            "Say who asked for support (" + ", ".join(sources) + "); the request was not logged."
        )
    if source not in sources:
        raise InvalidInput(f"{source!r} is not a request source; use one of {', '.join(sources)}.")
    if people is None or isinstance(people, bool) or not isinstance(people, int) or people < 1:
        raise InvalidInput(
            "Say how many people the request is for (1 or more); the request was not logged."
        )
    if people > PEOPLE_MAX:
        raise InvalidInput(
            f"{people} people is more than {PEOPLE_MAX}; for a whole department log one "
            "request per group."
        )
    if urgency not in URGENCIES:
        raise InvalidInput(f"{urgency!r} is not an urgency; use one of {', '.join(URGENCIES)}.")
    now = ctx.now()
    when = requested_at if requested_at is not None else now
    if when.tzinfo is None:
        raise InvalidInput("The request time needs a time zone; this is a bug, please report it.")
    if when > now + _FUTURE_SLACK:
        raise InvalidInput("The request time is in the future; enter when the request was made.")
    if when < now - _BACKDATE_MAX:
        raise InvalidInput(
            "The request time is more than a week ago; log only requests of the last 7 days."
        )
    request = SupportRequest(
        id=str(uuid.uuid4()),
        requested_at=when.astimezone(UTC).replace(microsecond=0),
        source=source,
        people=people,
        urgency=urgency,
        other_unit=other_unit,
    )
    with write_transaction(ctx):
        insert_row(
            ctx.db,
            "support_requests",
            {
                "id": request.id,
                "requested_at": _iso(request.requested_at),
                "logged_at": _iso(now),
                "logged_by": ctx.supporter_id,
                "source": source,
                "people": people,
                "urgency": urgency,
                "other_unit": int(other_unit),
                "status": "open",
            },
        )
        ctx.audit("request_logged", {"id": request.id, "source": source, "urgency": urgency})
    return request


def open_requests(ctx: UnitContext) -> list[SupportRequest]:
    """The unit's requests nobody has taken up yet, oldest first."""
    rows = ctx.db.query(
        "SELECT * FROM support_requests WHERE status = 'open' ORDER BY requested_at, id"
    )
    return [_from_row(dict(row)) for row in rows]


def _request(ctx: UnitContext, request_id: str) -> SupportRequest:
    rows = list(ctx.db.query("SELECT * FROM support_requests WHERE id = ?", [request_id]))
    if not rows:
        raise InvalidInput("That request is no longer in the queue; refresh the home screen.")
    return _from_row(dict(rows[0]))


def start_from_request(ctx: UnitContext, protocol: Protocol, request_id: str) -> Draft:
    """Start the conversation of a request: the draft gets `activation_source`,
    `people_reached` and `response_time` (request to now), and the request leaves the queue —
    together, or not at all."""
    with write_transaction(ctx):
        request = _request(ctx, request_id)
        if request.status != "open":
            raise InvalidInput(
                "Another supporter has already taken up that request; refresh the home screen."
            )
        now = ctx.now()
        draft = drafts.start_conversation(ctx, protocol)
        answers = {
            "activation_source": request.source,
            "people_reached": request.people,
            "response_time": response_time_code(request.requested_at, now),
        }
        for qid, value in answers.items():
            if protocol.has_question(qid):
                draft = drafts.save_answer(ctx, draft.id, qid, value, protocol=protocol)
            else:
                draft = drafts.save_record_field(ctx, draft.id, qid, value)
        update_row(
            ctx.db,
            "support_requests",
            ("id", request_id),
            {
                "status": "taken",
                "taken_at": _iso(now),
                "taken_by": ctx.supporter_id,
                "draft_id": draft.id,
            },
        )
        ctx.audit("request_taken", {"id": request_id, "response_time": answers["response_time"]})
    return draft


def withdraw_request(ctx: UnitContext, request_id: str) -> None:
    """Take a request out of the queue without a conversation (it was withdrawn or met
    elsewhere)."""
    with write_transaction(ctx):
        request = _request(ctx, request_id)
        if request.status != "open":
            raise InvalidInput("That request was already taken up; nothing to withdraw.")
        update_row(ctx.db, "support_requests", ("id", request_id), {"status": "withdrawn"})
        ctx.audit("request_withdrawn", {"id": request_id})
