"""Issue 15, item 1: a request for support made at the locked workstation. It keeps no name and
no supporter, only the coded fields and the time of the request; the next unlock, by anyone,
merges it once into the unit's queue, whose 30-minute clock runs from the kiosk's time; the
locked page learns who is on call from a signed copy of the roster, and bad input is refused
saying what to do, with nothing written."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from test_cases_support import protocol

from svdesk.access.session import Session
from svdesk.access.workstation import Workstation
from svdesk.errors import InvalidInput, Refused
from svdesk.storage.datadir import KIOSK_CHOICE_NAME, KIOSK_INBOX_NAME
from svdesk.unit import drafts, kiosk, kiosk_requests, requests
from svdesk.unit.context import context_for
from svdesk.unit.kiosk_requests import ONCALL_SNAPSHOT_NAME
from svdesk.unit.oncall import add_exception, exception_span, set_on_call
from tests.fakes import ADMIN_NAME, ADMIN_PASSPHRASE, close_session, make_session, session_secrets

BERLIN = ZoneInfo("Europe/Berlin")
T0 = datetime(2026, 12, 7, 2, 50, tzinfo=UTC)  # Monday 03:50 in Berlin


class Store:
    """A unit store with a roster (Alex on call 24/7 but Tuesday), unlocked once at T0, then
    locked."""

    def __init__(self, tmp_path: Path) -> None:
        session = make_session(tmp_path)
        ctx = replace(context_for(session), now=lambda: T0)
        set_on_call(ctx, {session.supporter.id: ("24/7", "0170 555 123")}, BERLIN)
        add_exception(ctx, session.supporter.id, "off", exception_span("2026-12-08"), BERLIN)
        kiosk.prepare(session)
        kiosk_requests.write_on_call(session, now=T0, zone=BERLIN)
        self.home = session.workstation.home
        self.secrets = session_secrets(session)
        self.supporter = session.supporter.id
        close_session(session)
        self.ws = Workstation.open(self.home, self.secrets)

    def files(self) -> list[Path]:
        inbox = self.home / KIOSK_INBOX_NAME
        return sorted(inbox.iterdir()) if inbox.exists() else []

    def unlock(self) -> Session:
        return self.ws.unlock(self.supporter, ADMIN_PASSPHRASE)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    made = Store(tmp_path)
    yield made
    made.ws.close()


def test_a_managers_request_is_kept_with_no_name_and_merged_once_with_its_time(
    store: Store,
) -> None:
    station = kiosk_requests.open_request_kiosk(store.ws)
    asked = T0 + timedelta(minutes=5)
    kept = station.submit(source="manager", people=3, urgency="now", other_unit=True, at=asked)
    assert kept == asked
    (file,) = store.files()
    assert file.name.startswith("request-")
    raw = file.read_bytes()
    assert ADMIN_NAME.encode() not in raw
    assert b"manager" not in raw  # encrypted

    session = store.unlock()
    try:
        merged_at = T0 + timedelta(hours=1)
        assert kiosk_requests.settle(session, now=merged_at) == kiosk.Settled(1, 0)
        assert store.files() == []
        (row,) = session.db.execute(
            "SELECT source, people, urgency, other_unit, requested_at, logged_by, origin, status "
            "FROM support_requests"
        ).fetchall()
        assert tuple(row) == ("manager", 3, "now", 1, asked.isoformat(), None, "kiosk", "open")
        assert kiosk_requests.settle(session, now=merged_at) == kiosk.Settled(0, 0)
        ctx = replace(context_for(session), now=lambda: asked + timedelta(minutes=12))
        (waiting,) = requests.open_requests(ctx)
        assert waiting.minutes_left(ctx.now()) == 18  # the clock counts from the kiosk's time
        draft = requests.start_from_request(ctx, protocol(), waiting.id)
        answers = drafts.load_draft(ctx, draft.id).answers
        assert answers["activation_source"] == "manager"
        assert answers["people_reached"] == 3
        assert answers["response_time"] == "le_30min"  # 12 minutes after the kiosk's time
    finally:
        session.lock()


def test_a_file_merged_before_a_kill_is_not_added_twice(store: Store, tmp_path: Path) -> None:
    station = kiosk_requests.open_request_kiosk(store.ws)
    station.submit(source="peer", people=1, at=T0)
    (file,) = store.files()
    copy = tmp_path / "copy"
    shutil.copy(file, copy)
    session = store.unlock()
    try:
        assert kiosk_requests.settle(session, now=T0).merged == 1
        shutil.copy(copy, file)  # as if the kill came after the commit, before the unlink
        assert kiosk_requests.settle(session, now=T0).merged == 0
        assert store.files() == []
        count = session.db.execute("SELECT count(*) FROM support_requests").fetchone()[0]
        assert count == 1
    finally:
        session.lock()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"source": None, "people": 1}, "Choose who asks for support"),
        ({"source": "proactive", "people": 1}, "supporter's own outreach"),
        ({"source": "visitor", "people": 1}, "not someone who can ask"),
        ({"source": "self", "people": 0}, "how many people"),
        ({"source": "self", "people": 500}, "more than 200"),
        ({"source": "self", "people": 1, "urgency": "later"}, "not an urgency"),
    ],
    ids=["no-source", "proactive", "unknown", "nobody", "too-many", "urgency"],
)
def test_bad_input_is_refused_saying_what_to_do_and_nothing_is_written(
    store: Store, fields: dict[str, object], message: str
) -> None:
    station = kiosk_requests.open_request_kiosk(store.ws)
    with pytest.raises(InvalidInput, match=message):
        station.submit(**fields)  # type: ignore[arg-type]
    assert store.files() == []


def test_the_locked_page_reads_who_is_on_call_from_the_signed_roster(store: Store) -> None:
    station = kiosk_requests.open_request_kiosk(store.ws)
    now = station.on_call(T0 + timedelta(minutes=1), BERLIN)
    assert now is not None
    ((person,),) = (now.now,)
    assert (person.name, person.phone) == (ADMIN_NAME, "0170 555 123")
    assert person.until == datetime(2026, 12, 8, 0, 0, tzinfo=BERLIN)  # off on Tuesday
    tuesday = station.on_call(datetime(2026, 12, 8, 12, 0, tzinfo=BERLIN), BERLIN)
    assert tuesday is not None
    assert tuesday.now == ()
    assert tuesday.next is not None
    assert tuesday.next.starts == datetime(2026, 12, 9, 0, 0, tzinfo=BERLIN)
    # Past its 14 days the copy says nothing (nobody unlocked meanwhile).
    assert station.on_call(T0 + timedelta(days=15), BERLIN) is None


def test_an_edited_or_missing_roster_copy_is_refused_saying_why(store: Store) -> None:
    path = store.home / ONCALL_SNAPSHOT_NAME
    data = json.loads(path.read_text())
    data["people"][0]["phone"] = "0900 666"
    path.write_text(json.dumps(data))
    station = kiosk_requests.open_request_kiosk(store.ws)
    with pytest.raises(Refused, match="not signed by this workstation"):
        station.on_call(T0, BERLIN)
    path.unlink()
    with pytest.raises(Refused, match="once a supporter has unlocked"):
        station.on_call(T0, BERLIN)


def test_no_survey_chosen_the_survey_is_refused_and_requests_still_work(store: Store) -> None:
    offered = json.loads((store.home / KIOSK_CHOICE_NAME).read_text())
    assert offered["survey_id"] is None
    with pytest.raises(Refused, match="No staff survey is offered"):
        kiosk.open_kiosk(store.ws)
    kiosk_requests.open_request_kiosk(store.ws).submit(source="self", people=1, at=T0)
    session = store.unlock()
    try:
        assert kiosk.settle(session) == kiosk.Settled(0, 0)  # the survey's reader leaves it
        assert kiosk_requests.settle(session, now=T0).merged == 1
    finally:
        session.lock()


def test_a_store_never_unlocked_since_takes_no_request(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    home, secrets = session.workstation.home, session_secrets(session)
    close_session(session)
    (home / KIOSK_CHOICE_NAME).unlink(missing_ok=True)
    ws = Workstation.open(home, secrets)
    try:
        with pytest.raises(Refused, match="once a supporter has unlocked"):
            kiosk_requests.open_request_kiosk(ws)
    finally:
        ws.close()


def test_a_store_of_the_version_before_migrates_its_requests_as_logged_by_supporters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from svdesk.storage import schema

    version = next(i for i, names in enumerate(schema.MIGRATIONS, 1) if "v13_coverage.sql" in names)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", version - 1)
    session = make_session(tmp_path)
    requests.log_request(context_for(session), source="peer", people=2)
    home, secrets, sid = session.workstation.home, session_secrets(session), session.supporter.id
    close_session(session)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", version)
    ws = Workstation.open(home, secrets)
    migrated = ws.unlock(sid, ADMIN_PASSPHRASE)
    try:
        assert migrated.store.user_version == version
        origins = migrated.db.execute("SELECT origin FROM support_requests").fetchall()
        assert [tuple(r) for r in origins] == [("supporter",)]
        assert migrated.db.execute("SELECT count(*) FROM oncall_coverage").fetchone()[0] == 0
        assert kiosk_requests.settle(migrated).merged == 0
    finally:
        close_session(migrated)
