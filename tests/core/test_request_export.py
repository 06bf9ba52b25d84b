"""Requests for support travel unit → coordinator (issue 15, item 2; bundle format 3): coded,
with no names or supporter ids; the coordinator sees the cross-unit requests still open on
their unit, and the request-to-contact figures from the real times."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from test_bundle_support import coordinator_session
from test_coordinator import export_now, import_, pair_unit

from svdesk.coordinator.requests import request_figures, unmatched_requests
from svdesk.exchange import bundle, fields, intake
from svdesk.exchange.errors import BundleRejected
from svdesk.unit import requests
from svdesk.unit.context import UnitContext
from svdesk.unit.requests import URGENCIES


def context_for(session) -> UnitContext:  # type: ignore[no-untyped-def]
    """The unit context of a test session (no durable store: plain transactions)."""
    info = session.workstation.info
    return UnitContext(
        db=session.db,
        site_code=info.site_code,
        unit_code=info.unit_code or "",
        supporter_id=session.supporter.id,
        is_admin=True,
        audit=session.audit,
        today=lambda: datetime.now(UTC).date(),
        now=lambda: datetime.now(UTC),
        transaction=None,
    )


def _payload(path: Path, coord) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from svdesk.coordinator.keys import coordinator_keys

    read = bundle.read_bundle(path.read_bytes(), identity=coordinator_keys(coord).age_identity)
    return json.loads(read.payload)  # type: ignore[no-any-return]


def test_the_exchange_knows_the_units_urgencies() -> None:
    assert fields.REQUEST_URGENCIES == URGENCIES


def test_requests_travel_coded_and_the_coordinator_sees_the_unmatched_ones(
    tmp_path: Path,
) -> None:
    coord = coordinator_session()
    unit = pair_unit(coord)
    ctx = context_for(unit)
    now = ctx.now()
    elsewhere = requests.log_request(
        ctx, source="peer", people=2, urgency="today", other_unit=True,
        requested_at=now - timedelta(minutes=5),
    )  # fmt: skip
    here = requests.log_request(ctx, source="self", people=1, requested_at=now - timedelta(hours=2))
    taken = requests.log_request(
        ctx, source="manager", people=1, requested_at=now - timedelta(minutes=20)
    )
    from test_cases_support import protocol

    requests.start_from_request(ctx, protocol(), taken.id)
    path = export_now(unit, tmp_path)

    payload = _payload(path, coord)
    sent = {r["request_id"]: r for r in payload["requests"]}  # type: ignore[attr-defined]
    assert set(sent) == {elsewhere.id, here.id, taken.id}
    assert sent[taken.id]["status"] == "taken"
    assert sent[taken.id]["response_time"] == "le_30min"
    assert sent[elsewhere.id]["other_unit"] is True
    text = json.dumps(payload["requests"])
    assert unit.supporter.id not in text  # logged_by / taken_by never travel
    assert "T" not in "".join(str(r["requested_week"]) for r in sent.values())  # weeks only

    summary = import_(coord, path)
    assert summary.exit_code == 0
    unmatched = unmatched_requests(coord)
    assert [r.request_id for r in unmatched] == [elsewhere.id]
    assert unmatched[0].unit_code == "ED1"
    assert unmatched[0].people == 2
    assert unmatched[0].workstation_fingerprint is not None
    figures = request_figures(coord, threshold=5)
    assert {k: c.count for k, c in figures.cells.items()} == {
        "le_30min": 1, "le_24h": 0, "gt_24h": 0, "open": 2, "withdrawn": 0,
    }  # fmt: skip


def test_a_request_changed_after_an_export_is_sent_again_and_only_then(tmp_path: Path) -> None:
    coord = coordinator_session()
    unit = pair_unit(coord)
    ctx = context_for(unit)
    elsewhere = requests.log_request(ctx, source="peer", people=1, other_unit=True)
    (tmp_path / "1").mkdir()
    import_(coord, export_now(unit, tmp_path / "1"))
    assert [r.request_id for r in unmatched_requests(coord)] == [elsewhere.id]

    (tmp_path / "2").mkdir()
    second = export_now(unit, tmp_path / "2")
    assert _payload(second, coord)["requests"] == []  # unchanged: not sent again
    import_(coord, second)

    requests.withdraw_request(ctx, elsewhere.id)
    (tmp_path / "3").mkdir()
    third = export_now(unit, tmp_path / "3")
    assert [r["status"] for r in _payload(third, coord)["requests"]] == ["withdrawn"]  # type: ignore[index]
    import_(coord, third)
    assert unmatched_requests(coord) == []
    assert request_figures(coord, threshold=5).cells["withdrawn"].count == 1


def test_an_older_bundle_imported_late_does_not_undo_a_newer_state(tmp_path: Path) -> None:
    coord = coordinator_session()
    unit = pair_unit(coord)
    ctx = context_for(unit)
    wanted = requests.log_request(ctx, source="peer", people=1, other_unit=True)
    (tmp_path / "1").mkdir()
    first = export_now(unit, tmp_path / "1")
    requests.withdraw_request(ctx, wanted.id)
    (tmp_path / "2").mkdir()
    import_(coord, export_now(unit, tmp_path / "2"))
    import_(coord, first)  # arrives after the newer one
    status = coord.db.execute("SELECT status FROM coord_requests").fetchone()[0]
    assert status == "withdrawn"


def test_a_manifest_declaring_too_many_requests_is_refused_before_parsing() -> None:
    with pytest.raises(BundleRejected) as info:
        intake.check_counts(1, 0, "This bundle", requests=intake.MAX_REQUESTS + 1)
    assert info.value.reason == "too_large"
    assert "requests for support" in info.value.message


def test_a_request_id_of_another_workstation_is_refused_whole(tmp_path: Path) -> None:
    coord = coordinator_session()
    first, second = pair_unit(coord), pair_unit(coord, unit="ICU")
    taken = requests.log_request(context_for(first), source="peer", people=1)
    (tmp_path / "a").mkdir()
    import_(coord, export_now(first, tmp_path / "a"))
    # The second workstation sends a request with the first one's id.
    second.db.execute(
        "INSERT INTO support_requests (id, requested_at, logged_at, source, people, urgency) "
        "VALUES (?, ?, ?, 'self', 1, 'now')",
        [taken.id, datetime.now(UTC).isoformat(), datetime.now(UTC).isoformat()],
    )
    second.db.conn.commit()
    (tmp_path / "b").mkdir()
    summary = import_(coord, export_now(second, tmp_path / "b"))
    assert [r["reason"] for r in summary.rejected] == ["corrupt"]
    assert coord.db.execute("SELECT count(*) FROM coord_requests").fetchone()[0] == 1


def test_minutes_and_hour_travel_with_a_taken_request(tmp_path: Path) -> None:
    coord = coordinator_session()
    unit = pair_unit(coord)
    ctx = context_for(unit)
    taken = requests.log_request(
        ctx, source="manager", people=1, requested_at=ctx.now() - timedelta(minutes=20)
    )
    from test_cases_support import protocol

    requests.start_from_request(ctx, protocol(), taken.id)
    (sent,) = _payload(export_now(unit, tmp_path), coord)["requests"]  # type: ignore[misc]
    assert sent["minutes_to_contact"] in (19, 20, 21)
    assert sent["requested_hour"] in fields.REQUEST_HOURS


def _coord_request(coord, n: int, *, minutes: int | None, source: str, hour: str) -> None:  # type: ignore[no-untyped-def]
    coord.db.execute(
        "INSERT INTO coord_requests (request_id, workstation_id, import_sequence, unit_code, "
        "requested_week, source, people, urgency, other_unit, status, minutes_to_contact, "
        "requested_hour, received_at, updated_at) "
        "VALUES (?, 'ws', 1, 'ED1', '2026-W49', ?, 1, 'now', 0, ?, ?, ?, 'x', 'x')",
        [f"00000000-0000-0000-0000-{n:012d}", source, "open" if minutes is None else "taken",
         minutes, hour],
    )  # fmt: skip


def test_request_to_contact_times_by_source_and_hour_with_suppression() -> None:
    from svdesk.coordinator.requests import request_times

    coord = coordinator_session()
    for n, minutes in enumerate([5, 10, 12, 20, 25, 28, 29, 40, 45, 60, 90, 120]):
        _coord_request(coord, n, minutes=minutes, source="self", hour="02" if n < 6 else "14")
    _coord_request(coord, 99, minutes=None, source="manager", hour="03")
    coord.db.conn.commit()
    times = request_times(coord, threshold=5)
    assert times.taken == 12
    assert times.median_minutes == 28.5
    assert times.within_30 == 7  # 7 of 12 within 30 minutes (and 5 later: not small at 5)
    assert times.within_30_share == pytest.approx(7 / 12)
    assert times.by_source.cells["self"].count == 12
    assert times.by_source.cells["manager"].suppressed  # 1 request: "<5"
    assert times.by_hour.cells["00–04"].count == 7  # six at 02, one at 03
    assert times.by_hour.cells["12–16"].count == 6
    # With the default threshold 11 the share is withheld (7 and 5 are small counts).
    default = request_times(coord)
    assert default.median_minutes == 28.5
    assert default.within_30 is None
