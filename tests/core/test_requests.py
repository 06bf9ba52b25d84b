"""Request intake (issue 15, item 1): logging with clear refusals, the 30-minute clock, and a
conversation started from a request getting activation_source, people_reached and
response_time from the real times — with a controllable clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from test_cases_support import Unit, new_unit, protocol

from svdesk import demo
from svdesk.errors import InvalidInput
from svdesk.storage.db import Database
from svdesk.storage.schema import MIGRATIONS, migration_sql
from svdesk.unit import cases, drafts, requests
from svdesk.unit.requests import response_time_code


@pytest.fixture
def unit(tmp_path: Path) -> Unit:
    return new_unit(tmp_path)


@pytest.mark.parametrize(
    ("minutes", "code"),
    [
        (0, "le_30min"),
        (30, "le_30min"),
        (30.02, "le_24h"),
        (24 * 60, "le_24h"),
        (24 * 60 + 1, "gt_24h"),
    ],
)
def test_response_time_codes_at_their_boundaries(minutes: float, code: str) -> None:
    start = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
    assert response_time_code(start, start + timedelta(minutes=minutes)) == code


def test_a_logged_request_is_open_with_a_30_minute_clock(unit: Unit) -> None:
    ctx = unit.ctx("sup-A")
    request = requests.log_request(ctx, source="manager", people=3, urgency="now")
    assert request.requested_at == unit.clock.at
    [queued] = requests.open_requests(ctx)
    assert queued == request
    assert queued.due_at == unit.clock.at + timedelta(minutes=30)
    assert not queued.overdue(unit.clock.at + timedelta(minutes=30))
    assert queued.overdue(unit.clock.at + timedelta(minutes=31))
    assert queued.minutes_left(unit.clock.at + timedelta(minutes=10)) == 20
    assert (
        "sup-A",
        "request_logged",
        {"id": request.id, "source": "manager", "urgency": "now"},
    ) in (unit.audited)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"source": None, "people": 1}, "Say who asked for support"),
        ({"source": "", "people": 1}, "Say who asked for support"),
        ({"source": "boss", "people": 1}, "'boss' is not a request source"),
        ({"source": "self", "people": 0}, "Say how many people"),
        ({"source": "self", "people": None}, "Say how many people"),
        ({"source": "self", "people": 1000}, "more than 200"),
        ({"source": "self", "people": 1, "urgency": "asap"}, "'asap' is not an urgency"),
    ],
)
def test_bad_requests_are_refused_and_nothing_is_logged(
    unit: Unit, kwargs: dict[str, object], message: str
) -> None:
    ctx = unit.ctx()
    with pytest.raises(InvalidInput, match=message):
        requests.log_request(ctx, **kwargs)  # type: ignore[arg-type]
    assert requests.open_requests(ctx) == []


def test_request_times_in_the_future_or_long_ago_are_refused(unit: Unit) -> None:
    ctx = unit.ctx()
    with pytest.raises(InvalidInput, match="in the future"):
        requests.log_request(
            ctx, source="self", people=1, requested_at=unit.clock.at + timedelta(hours=1)
        )
    with pytest.raises(InvalidInput, match="more than a week ago"):
        requests.log_request(
            ctx, source="self", people=1, requested_at=unit.clock.at - timedelta(days=8)
        )


def test_a_conversation_from_a_request_fills_the_activation_fields_from_real_times(
    unit: Unit,
) -> None:
    ctx = unit.ctx("sup-A")
    made = unit.clock.at - timedelta(minutes=20)  # asked by phone 20 minutes ago
    request = requests.log_request(
        ctx, source="safety_team", people=4, urgency="today", requested_at=made
    )
    unit.clock.advance(minutes=25)  # first contact 45 minutes after the request
    other = unit.ctx("sup-B")
    draft = requests.start_from_request(other, protocol(), request.id)
    assert draft.answers["activation_source"] == "safety_team"
    assert draft.answers["people_reached"] == 4
    assert draft.answers["response_time"] == "le_24h"
    assert requests.open_requests(ctx) == []
    row = dict(
        next(iter(ctx.db.query("SELECT * FROM support_requests WHERE id = ?", [request.id])))
    )
    assert row["status"] == "taken"
    assert row["taken_by"] == "sup-B"
    assert row["draft_id"] == draft.id
    assert drafts.load_draft(ctx, draft.id).answers == draft.answers
    # Taken once: a second supporter is told, and no second draft is made.
    with pytest.raises(InvalidInput, match="already taken up"):
        requests.start_from_request(ctx, protocol(), request.id)
    assert len(drafts.open_drafts(ctx)) == 1


def test_a_request_taken_within_30_minutes_is_le_30min(unit: Unit) -> None:
    ctx = unit.ctx()
    request = requests.log_request(ctx, source="self", people=1)
    unit.clock.advance(minutes=29)
    draft = requests.start_from_request(ctx, protocol(), request.id)
    assert draft.answers["response_time"] == "le_30min"


def test_a_failed_start_leaves_the_request_in_the_queue(
    unit: Unit, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = unit.ctx()
    request = requests.log_request(ctx, source="peer", people=2)

    def broken(*args: object, **kwargs: object) -> object:
        raise InvalidInput("disk trouble")

    monkeypatch.setattr(drafts, "save_answer", broken)
    with pytest.raises(InvalidInput, match="disk trouble"):
        requests.start_from_request(ctx, protocol(), request.id)
    assert [r.id for r in requests.open_requests(ctx)] == [request.id]
    assert drafts.open_drafts(ctx) == []  # the draft went with the failed transaction


def test_withdrawn_requests_leave_the_queue(unit: Unit) -> None:
    ctx = unit.ctx()
    request = requests.log_request(ctx, source="proactive", people=6, urgency="this_week")
    requests.withdraw_request(ctx, request.id)
    assert requests.open_requests(ctx) == []
    with pytest.raises(InvalidInput, match="already taken up"):
        requests.withdraw_request(ctx, request.id)


def test_the_requests_migration_refuses_zero_people(tmp_path: Path) -> None:
    db = Database(str(tmp_path / "m.db"))
    version = next(i for i, names in enumerate(MIGRATIONS, 1) if "v5_requests.sql" in names)
    for v in range(1, version + 1):
        db.conn.executescript(migration_sql(v))
    with pytest.raises(Exception, match="CHECK"):
        db.conn.execute(
            "INSERT INTO support_requests (id, requested_at, logged_at, source, people, urgency)"
            " VALUES ('x', '2026-12-02T03:00:00+00:00', '2026-12-02T03:00:00+00:00', 'self', 0,"
            " 'now')"
        )


def test_the_completed_record_keeps_the_response_time_of_the_request(unit: Unit) -> None:
    """End to end in the core: a manager's request, first contact 50 minutes later, the
    conversation completed with the demo's first scenario: the record says le_24h."""
    ctx = unit.ctx("sup-A")
    request = requests.log_request(ctx, source="manager", people=2)
    unit.clock.advance(minutes=50)
    draft = requests.start_from_request(ctx, protocol(), request.id)
    _days_ago, answers, record = demo.SCENARIOS[0]
    filled = {"activation_source", "people_reached", "response_time"}
    for qid, value in demo._answers_with_days(answers).items():
        if qid in filled:
            continue
        if protocol().has_question(qid) and protocol().question(qid).asked_in("initial"):
            drafts.save_answer(ctx, draft.id, qid, value, protocol=protocol())
        elif "." not in qid:
            drafts.save_record_field(ctx, draft.id, qid, value)
    for name, value in record.items():
        if name not in filled:
            drafts.save_record_field(ctx, draft.id, name, value)
    encounter = cases.complete(ctx, draft.id, protocol())
    row = next(
        iter(
            ctx.db.query(
                "SELECT activation_source, people_reached, response_time FROM encounters "
                "WHERE encounter_id = ?",
                [encounter.encounter_id],
            )
        )
    )
    assert dict(row) == {
        "activation_source": "manager",
        "people_reached": 2,
        "response_time": "le_24h",
    }
