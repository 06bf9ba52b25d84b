"""Issue 14, item 2: the anonymous kiosk survey. Responses taken while the store is locked wait,
encrypted, in the inbox; each unlock merges them into `survey_responses` and removes the files.
Nothing but survey, version, week and answers is kept (no time of day, no order, no identity),
and a kill in the middle of a merge loses or duplicates nothing."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path

import pyrage
import pytest

from svdesk.access.session import Session
from svdesk.access.workstation import Workstation
from svdesk.errors import InvalidInput, NotPermitted, Refused
from svdesk.exchange import card
from svdesk.storage import schema
from svdesk.storage.datadir import KIOSK_CHOICE_NAME, KIOSK_INBOX_NAME
from svdesk.unit import kiosk
from tests.fakes import (
    ADMIN_NAME,
    ADMIN_PASSPHRASE,
    close_session,
    make_session,
    session_secrets,
)

ROOT = Path(__file__).resolve().parents[2]
SURVEY = "program_pulse"
ITEMS = (
    "know_reach",
    "know_what_happens",
    "know_out_of_hours",
    "trust_confidential",
    "trust_not_held_against",
    "trust_worry_found_out",
    "helped_soon_enough",
    "helped_carry_on",
    "helped_recommend",
)
TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}|T\d{2}")
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class Locked:
    """A unit store with the kiosk survey chosen, closed and opened again locked."""

    def __init__(self, tmp_path: Path, *, passphrase_only: bool = False) -> None:
        session = make_session(tmp_path, passphrase_only=passphrase_only)
        kiosk.choose_survey(session, SURVEY)
        self.home = session.workstation.home
        self.store_id = session.workstation.info.store_id
        self.secrets = None if passphrase_only else session_secrets(session)
        self.supporter = session.supporter.id
        close_session(session)
        self.ws = Workstation.open(self.home, self.secrets)

    @property
    def inbox(self) -> Path:
        return self.home / KIOSK_INBOX_NAME

    def files(self) -> list[Path]:
        return sorted(self.inbox.iterdir()) if self.inbox.exists() else []

    def unlock(self) -> Session:
        return self.ws.unlock(self.supporter, ADMIN_PASSPHRASE)


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[Locked]:
    store = Locked(tmp_path)
    yield store
    store.ws.close()


def rows(session: Session) -> list[tuple[str, ...]]:
    return list(session.db.execute("SELECT * FROM survey_responses"))


def canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True)


def answers(n: int) -> dict[str, int | None]:
    """The n-th of many distinct responses (every item answered, a few left blank)."""
    return {item: None if (n + i) % 7 == 0 else 1 + (n * 3 + i) % 5 for i, item in enumerate(ITEMS)}


# -- taking and merging ---------------------------------------------------------------------------
def test_responses_taken_while_locked_are_merged_at_the_next_unlock(locked: Locked) -> None:
    station = kiosk.open_kiosk(locked.ws)
    assert station.survey.id == SURVEY
    station.submit({"know_reach": 4, "trust_confidential": 2}, today=date(2026, 12, 3))
    station.submit({"helped_recommend": 5, "know_reach": None}, today=date(2026, 12, 7))
    assert len(locked.files()) == 2

    session = locked.unlock()
    try:
        assert kiosk.settle(session) == kiosk.Settled(merged=2, left=0)
        assert locked.files() == []
        stored = sorted(kiosk.stored_responses(session, SURVEY), key=lambda r: r["week"])
        assert stored == [
            {
                "survey_version": "1.0.0",
                "week": "2026-W49",
                "answers": {"know_reach": 4, "trust_confidential": 2},
            },
            {"survey_version": "1.0.0", "week": "2026-W50", "answers": {"helped_recommend": 5}},
        ]
        assert kiosk.settle(session) == kiosk.Settled(merged=0, left=0)  # nothing twice
    finally:
        session.lock()


def test_a_response_out_of_range_or_empty_is_refused_and_nothing_is_kept(locked: Locked) -> None:
    station = kiosk.open_kiosk(locked.ws)
    with pytest.raises(InvalidInput, match="not on its scale"):
        station.submit({"know_reach": 6})
    with pytest.raises(InvalidInput, match="has no item"):
        station.submit({"know_reach": 3, "name": 1})
    with pytest.raises(InvalidInput, match="No statement is answered"):
        station.submit({"know_reach": None})
    assert locked.files() == []


def test_unreadable_inbox_files_stay_and_leftovers_of_a_killed_write_go(locked: Locked) -> None:
    station = kiosk.open_kiosk(locked.ws)
    station.submit({"know_reach": 4})
    other = pyrage.x25519.Identity.generate().to_public()
    locked.inbox.joinpath("a" * 32 + ".age").write_bytes(
        pyrage.encrypt(b'{"answers":{"know_reach":1}}', [other])
    )
    recipient = pyrage.x25519.Recipient.from_str(station.recipient)
    # A hand-made file with a time of day in it: refused, not merged.
    extra = {"survey": SURVEY, "version": "1.0.0", "week": "2026-W49", "answers": {"know_reach": 1}}
    locked.inbox.joinpath("b" * 32 + ".age").write_bytes(
        pyrage.encrypt(json.dumps({**extra, "at": "10:32"}).encode(), [recipient])
    )
    locked.inbox.joinpath("c" * 32 + ".age").write_bytes(b"not age at all")
    locked.inbox.joinpath("d" * 32 + ".age").write_bytes(
        pyrage.encrypt(json.dumps({**extra, "answers": {"know_reach": 9}}).encode(), [recipient])
    )
    leftover = locked.inbox / f".{'e' * 32}.age.x1y2.tmp"
    leftover.write_bytes(b"half")
    session = locked.unlock()
    try:
        assert kiosk.settle(session) == kiosk.Settled(merged=1, left=4)
        assert {p.name[0] for p in locked.files()} == {"a", "b", "c", "d"}
        assert not leftover.exists()
        assert [r[4] for r in rows(session)] == ['{"know_reach": 4}']
    finally:
        session.lock()


# -- what is kept ---------------------------------------------------------------------------------
def _strings(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)
    else:
        yield str(value)


def test_nothing_but_survey_week_and_answers_is_kept_no_time_no_order_no_identity(
    locked: Locked,
) -> None:
    station = kiosk.open_kiosk(locked.ws)
    today = date.today()
    monday = datetime.combine(date.fromisocalendar(*today.isocalendar()[:2], 1), time())
    given = [answers(n) for n in range(24)]
    for response in given:
        station.submit(response)
    files = locked.files()
    assert len(files) == 24
    identity = locked.unlock()
    key = identity.db.execute("SELECT identity FROM kiosk_inbox_key").fetchone()[0]
    supporter_names = [ADMIN_NAME, identity.supporter.id]
    identity.lock()
    me = pyrage.x25519.Identity.from_str(key)

    # The files: random names, dated the week's Monday 00:00, holding the four fields only.
    names = [p.name for p in files]
    assert all(re.fullmatch(r"[0-9a-f]{32}\.age", n) for n in names)
    assert len({n[:8] for n in names}) == 24  # no counter, no shared prefix
    assert all(p.stat().st_mtime == monday.timestamp() for p in files)
    assert locked.inbox.stat().st_mtime == monday.timestamp()
    opened = [json.loads(pyrage.decrypt(p.read_bytes(), [me])) for p in files]
    assert all(set(o) == {"survey", "version", "week", "answers"} for o in opened)
    order_in_folder = [o["answers"] for o in opened]  # names sorted: not the order given
    checked = [{k: v for k, v in r.items() if v is not None} for r in given]
    assert sorted(map(canonical, order_in_folder)) == sorted(map(canonical, checked))
    assert order_in_folder != checked

    session = locked.unlock()
    try:
        assert kiosk.settle(session).merged == 24
        columns = [r[1] for r in session.db.execute("PRAGMA table_info(survey_responses)")]
        # `exported` (migration 10) is a 0/1 flag: sent to the coordinator or not, never when.
        assert columns == ["id", "survey_id", "survey_version", "week", "answers", "exported"]
        table_sql = session.db.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'survey_responses'"
        ).fetchone()[0]
        assert "WITHOUT ROWID" in table_sql  # no rowid keeps the insertion order
        stored = rows(session)
        assert [json.loads(r[4]) for r in stored] != checked  # the table's order is the ids'
        # Neither the responses nor their merge are audited (an entry's time would date them).
        audit = [r[0] for r in session.db.execute("SELECT action FROM audit")]
        assert [a for a in audit if "kiosk" in a or "survey" in a] == ["kiosk_survey_chosen"]
    finally:
        session.lock()
    # Search every file and every stored value for anything but week and answers.
    searched = [*(_strings(o) for o in opened), *(_strings(r) for r in stored)]
    found = [
        s
        for strings in searched
        for s in strings
        if TIME_OF_DAY.search(s) or ISO_DAY.search(s) or any(n in s for n in supporter_names)
    ]
    assert found == []
    assert {r[3] for r in stored} == {f"{today.isocalendar()[0]}-W{today.isocalendar()[1]:02d}"}


# -- the signed choice ----------------------------------------------------------------------------
def test_only_the_unit_admin_chooses_and_no_choice_means_no_survey_offered(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    try:
        with pytest.raises(InvalidInput, match=r"no bundled survey 'svest'.*program_pulse"):
            kiosk.choose_survey(session, "svest")
        kiosk.choose_survey(session, SURVEY)
        assert kiosk.chosen_survey(session) == SURVEY
        assert (session.workstation.home / KIOSK_CHOICE_NAME).is_file()
        kiosk.choose_survey(session, None)
        assert kiosk.chosen_survey(session) is None
        # The file stays (the kiosk's request for support reads its inbox key), offering none.
        offered = json.loads((session.workstation.home / KIOSK_CHOICE_NAME).read_text())
        assert (offered["survey_id"], offered["survey_version"]) == (None, None)
        with pytest.raises(Refused, match="No staff survey is offered"):
            kiosk.open_kiosk(session.workstation)
        session.supporter = session.supporter._replace(is_admin=False)
        with pytest.raises(NotPermitted, match="unit admin"):
            kiosk.choose_survey(session, SURVEY)
    finally:
        close_session(session)
    coordinator = make_session(tmp_path, role="coordinator", home_name="coord")
    try:
        with pytest.raises(Refused, match="needs a unit store"):
            kiosk.choose_survey(coordinator, SURVEY)
    finally:
        close_session(coordinator)


def _edit_choice(home: Path, **changes: object) -> None:
    path = home / KIOSK_CHOICE_NAME
    data = json.loads(path.read_text())
    data.update(changes)
    path.write_text(json.dumps(data))


def _signed_by(home: Path, key: bytes, **changes: object) -> None:
    """A consistent choice file signed by `key` (someone else's), with `changes`."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    data = json.loads((home / KIOSK_CHOICE_NAME).read_text())
    del data["signature"]
    data.update(public_key=card.public_key_of(key).hex(), **changes)
    signature = Ed25519PrivateKey.from_private_bytes(key).sign(card.canonical_json(data))
    (home / KIOSK_CHOICE_NAME).write_text(json.dumps({**data, "signature": signature.hex()}))


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        (lambda h: _edit_choice(h, survey_version="0.9"), "signature does not match"),
        (lambda h: _edit_choice(h, recipient="age1" + "q" * 58), "signature does not match"),
        (lambda h: _edit_choice(h, store_id="another"), "belongs to another store"),
        (lambda h: _edit_choice(h, pin=None), "not signed by this workstation"),
        (lambda h: _edit_choice(h, signature="zz"), "not hexadecimal"),
        (lambda h: _edit_choice(h, extra=1), "fields are not those"),
        (lambda h: _signed_by(h, card.new_signing_key()), "not signed by this workstation"),
        (lambda h: (h / KIOSK_CHOICE_NAME).write_text("{"), "is not JSON"),
        (lambda h: (h / KIOSK_CHOICE_NAME).write_bytes(b" " * 20_000), "larger than 16 KiB"),
    ],
    ids=[
        "version",
        "recipient",
        "store",
        "pin",
        "hex",
        "field",
        "other-key",
        "json",
        "size",
    ],
)
def test_a_changed_or_foreign_choice_file_is_refused(
    locked: Locked, damage: object, problem: str
) -> None:
    assert callable(damage)
    damage(locked.home)
    with pytest.raises(Refused, match=problem) as caught:
        kiosk.open_kiosk(locked.ws)
    assert "choose the survey again in Settings" in caught.value.message


def test_unlocking_rewrites_a_damaged_choice_file(locked: Locked) -> None:
    (locked.home / KIOSK_CHOICE_NAME).write_text("{")
    session = locked.unlock()
    try:
        kiosk.settle(session)
    finally:
        session.lock()
    assert kiosk.open_kiosk(locked.ws).survey.id == SURVEY


def test_a_passphrase_only_store_signs_without_a_pin(tmp_path: Path) -> None:
    store = Locked(tmp_path, passphrase_only=True)
    try:
        assert json.loads((store.home / KIOSK_CHOICE_NAME).read_text())["pin"] is None
        kiosk.open_kiosk(store.ws).submit({"know_reach": 2})
        session = store.unlock()
        assert kiosk.settle(session).merged == 1
        session.lock()
    finally:
        store.ws.close()


# -- kill in the middle of a merge ----------------------------------------------------------------
# The child unlocks, makes `point` hang (the parent then kills it with SIGKILL) and merges.
CHILD = textwrap.dedent(
    """
    import os, sys, time
    sys.path.insert(0, sys.argv[1])
    from pathlib import Path
    import pyrage
    from svdesk.access.workstation import Workstation
    from svdesk.unit import kiosk

    ws = Workstation.open(Path(sys.argv[2]), None)
    session = ws.unlock(sys.argv[3], sys.argv[4])
    point, calls = sys.argv[5], [0]

    def hang_after(real, n):
        def wrapper(*args, **kwargs):
            calls[0] += 1
            if point == "decrypt" and calls[0] == n:  # before the commit
                print("HANG", flush=True)
                time.sleep(120)
            result = real(*args, **kwargs)
            if point == "unlink" and calls[0] == n:  # after the commit, some files removed
                print("HANG", flush=True)
                time.sleep(120)
            return result
        return wrapper

    if point == "decrypt":
        pyrage.decrypt = hang_after(pyrage.decrypt, int(sys.argv[6]))
    else:
        os.unlink = hang_after(os.unlink, int(sys.argv[6]))
    kiosk.merge_inbox(session)
    print("DONE", flush=True)
    """
)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("point", ["decrypt", "unlink"])
def test_a_kill_in_the_middle_of_a_merge_loses_and_duplicates_nothing(
    tmp_path: Path, point: str
) -> None:
    store = Locked(tmp_path, passphrase_only=True)
    station = kiosk.open_kiosk(store.ws)
    given = [answers(n) for n in range(12)]
    for response in given:
        station.submit(response)
    store.ws.close()
    rng = random.Random(f"kiosk-{point}")
    figures = []
    for round_no in range(2):
        before = len(list((store.home / KIOSK_INBOX_NAME).iterdir()))
        hang_at = rng.randint(1, before // 2)
        argv = [str(ROOT), str(store.home), store.supporter, ADMIN_PASSPHRASE, point]
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, *argv, str(hang_at)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        line = child.stdout.readline().strip()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        child.stdout.close()
        assert line == "HANG", f"round {round_no}: the child did not reach {point}"
        after = len(list((store.home / KIOSK_INBOX_NAME).iterdir()))
        figures.append((before, hang_at, after))
        if point == "decrypt":
            assert after == before  # killed before the commit: every file still there
        else:
            assert after == before - hang_at  # committed, then some files removed
    ws = Workstation.open(store.home, None)
    session = ws.unlock(store.supporter, ADMIN_PASSPHRASE)
    try:
        kiosk.merge_inbox(session)
        assert session.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = [json.loads(r[4]) for r in rows(session)]
    finally:
        session.lock()
        ws.close()
    checked = [{k: v for k, v in r.items() if v is not None} for r in given]
    assert sorted(map(canonical, stored)) == sorted(map(canonical, checked))
    assert list((store.home / KIOSK_INBOX_NAME).iterdir()) == []
    print(f"kill during {point} (files before, hang at call, files after): {figures}")


# -- the migration --------------------------------------------------------------------------------
def test_a_version_8_store_gets_the_tables_and_its_inbox_key_at_the_first_unlock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    version = next(i for i, names in enumerate(schema.MIGRATIONS, 1) if "v9_kiosk.sql" in names)
    assert "v8_oncall_exceptions.sql" in schema.MIGRATIONS[version - 2]  # appended after v8
    monkeypatch.setattr(schema, "SCHEMA_VERSION", version - 1)
    session = make_session(tmp_path)
    assert not session.db.table("survey_responses").exists()
    home, secrets, sid = session.workstation.home, session_secrets(session), session.supporter.id
    close_session(session)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", version)
    ws = Workstation.open(home, secrets)
    migrated = ws.unlock(sid, ADMIN_PASSPHRASE)
    try:
        assert migrated.store.user_version == version
        assert migrated.db.execute("SELECT count(*) FROM kiosk_inbox_key").fetchone()[0] == 0
        kiosk.settle(migrated)
        key = migrated.db.execute("SELECT identity FROM kiosk_inbox_key").fetchone()[0]
        kiosk.settle(migrated)  # made once, kept
        assert migrated.db.execute("SELECT identity FROM kiosk_inbox_key").fetchone()[0] == key
        with pytest.raises(Refused, match="No staff survey is offered"):
            kiosk.open_kiosk(migrated.workstation)  # no survey chosen yet
        kiosk.choose_survey(migrated, SURVEY)
    finally:
        close_session(migrated)
    ws = Workstation.open(home, secrets)
    try:
        kiosk.open_kiosk(ws).submit({"know_reach": 5})
    finally:
        ws.close()
