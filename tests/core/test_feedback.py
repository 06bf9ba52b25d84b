"""Issue 14, item 3: recipient feedback. A supporter offers a one-time code; the colleague types it
at the locked workstation and answers; the next unlock merges the answers and marks the code
used. A code works once, until the last day of the next month; a wrong code says so in one
message whatever it is; nothing kept links the feedback to the conversation, the supporter or a
time of day."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyrage
import pytest

from svdesk.access.session import Session
from svdesk.access.workstation import Workstation
from svdesk.content.feedback_survey import feedback_survey
from svdesk.content.languages import SHIPPED_LANGUAGES
from svdesk.errors import InvalidInput, Refused
from svdesk.keys.codes import CROCKFORD
from svdesk.storage.feedback_files import FEEDBACK_CODES_NAME, FEEDBACK_INBOX_NAME
from svdesk.unit import feedback, feedback_kiosk
from svdesk.unit import feedback_codes as codes
from tests.fakes import ADMIN_NAME, ADMIN_PASSPHRASE, close_session, make_session, session_secrets

TODAY = date(2026, 11, 17)
ANSWERS = {"helpful": 5, "recommend": 4, "would_have_helped": 2}
TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}|T\d{2}")
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class Unit:
    """A unit store that offered `offered` codes, then locked."""

    def __init__(self, tmp_path: Path, offered: int = 1, *, passphrase_only: bool = False) -> None:
        session = make_session(tmp_path, passphrase_only=passphrase_only)
        self.codes = [feedback.offer_code(session, today=TODAY) for _ in range(offered)]
        self.home = session.workstation.home
        self.secrets = None if passphrase_only else session_secrets(session)
        self.supporter = session.supporter.id
        close_session(session)
        self.ws = Workstation.open(self.home, self.secrets)
        _OPEN.append(self.ws)

    def kiosk(self) -> feedback_kiosk.FeedbackKiosk:
        return feedback_kiosk.open_feedback(self.ws)

    def unlock(self) -> Session:
        return self.ws.unlock(self.supporter, ADMIN_PASSPHRASE)

    def settle(self, today: date = TODAY) -> feedback.FeedbackSettled:
        session = self.unlock()
        try:
            return feedback.settle(session, today=today)
        finally:
            session.lock()

    def stored(self) -> list[tuple[object, ...]]:
        session = self.unlock()
        try:
            return session.db.execute(
                "SELECT id, survey_id, survey_version, month, answers FROM feedback_responses"
            ).fetchall()
        finally:
            session.lock()


_OPEN: list[Workstation] = []


@pytest.fixture(autouse=True)
def _no_wait() -> Iterator[None]:
    feedback_kiosk._WRONG.clear()
    yield
    feedback_kiosk._WRONG.clear()
    while _OPEN:
        _OPEN.pop().close()


def test_a_code_is_issued_shown_and_expires_the_last_day_of_the_next_month(
    tmp_path: Path,
) -> None:
    unit = Unit(tmp_path)
    offered = unit.codes[0]
    assert re.fullmatch(r"[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]", offered.shown)
    assert all(ch in CROCKFORD for ch in offered.code)
    assert len(offered.code) == 11
    assert offered.month == "2026-11"
    assert offered.expires == date(2026, 12, 31)
    assert codes.expiry_for("2026-12") == date(2027, 1, 31)
    assert codes.expiry_for("2027-01") == date(2027, 2, 28)
    assert (unit.home / FEEDBACK_CODES_NAME).is_file()


def test_a_code_works_once_and_its_answers_merge_at_the_next_unlock(tmp_path: Path) -> None:
    unit = Unit(tmp_path)
    code = unit.codes[0]
    station = unit.kiosk()
    typed = code.shown.lower().replace("-", " ")  # case and separators do not matter
    entry = station.check(typed, today=TODAY)
    assert entry.month == "2026-11"
    station.submit(entry, ANSWERS)
    # Used before the next unlock: refused by the kiosk, with the same message as any wrong code.
    with pytest.raises(Refused) as again:
        unit.kiosk().check(code.code, today=TODAY)
    assert again.value.message == codes.WRONG_CODE
    with pytest.raises(Refused):
        station.submit(entry, ANSWERS)  # the page kept open: still once

    settled = unit.settle()
    assert (settled.merged, settled.refused, settled.left) == (1, 0, 0)
    assert not any((unit.home / FEEDBACK_INBOX_NAME).iterdir())
    assert not (unit.home / FEEDBACK_CODES_NAME).exists()  # the list without it: empty
    [row] = unit.stored()
    assert row[1:4] == ("recipient_feedback", "1.0.0", "2026-11")
    assert json.loads(str(row[4])) == ANSWERS
    with pytest.raises(Refused):  # no list any more: nothing to enter a code for
        unit.kiosk()


def test_a_replayed_file_is_refused_by_the_merge(tmp_path: Path) -> None:
    unit = Unit(tmp_path, offered=2)
    station = unit.kiosk()
    entry = station.check(unit.codes[0].code, today=TODAY)
    station.submit(entry, ANSWERS)
    path = unit.home / FEEDBACK_INBOX_NAME / codes.spent_name(entry.hash)
    copy = path.read_bytes()
    assert unit.settle().merged == 1
    path.write_bytes(copy)  # the same answers put back after the merge
    settled = unit.settle()
    assert (settled.merged, settled.refused) == (0, 1)
    assert len(unit.stored()) == 1
    assert not path.exists()
    # The other code still works, and the rewritten list holds it alone.
    assert list(unit.kiosk().entries) != [entry.hash]
    assert len(unit.kiosk().entries) == 1


def test_a_wrong_code_says_the_same_for_a_near_miss_a_random_code_and_an_expired_one(
    tmp_path: Path,
) -> None:
    unit = Unit(tmp_path)
    code = unit.codes[0].code
    station = unit.kiosk()
    near = ("1" if code[3] != "1" else "2").join((code[:3], code[4:]))  # one character off
    swapped = code[:10] + ("0" if code[10] != "0" else "1")  # the check character off
    fresh = codes.new_code()  # well formed, never offered
    messages = []
    for typed, day in ((near, TODAY), (swapped, TODAY), (fresh, TODAY), (code, date(2027, 1, 1))):
        with pytest.raises(Refused) as info:
            station.check(typed, today=day)
        messages.append(info.value.message)
        feedback_kiosk._WRONG.clear()
    assert set(messages) == {codes.WRONG_CODE}
    assert "exist" not in codes.WRONG_CODE
    # A typing slip of the shape (length, characters) is said as such, about the shape only.
    for typed in ("", code[:10], code + "7", code[:10] + "U", "K7Q2M-4XPR9-T!"):
        with pytest.raises(InvalidInput, match="11 letters and digits"):
            station.check(typed, today=TODAY)
    assert station.check(code, today=date(2026, 12, 31)).expires == date(2026, 12, 31)


def test_wrong_codes_slow_the_next_try_down(tmp_path: Path) -> None:
    unit = Unit(tmp_path)
    now = [1000.0]
    station = unit.kiosk()
    station.clock = lambda: now[0]
    for _ in range(feedback_kiosk.FREE_TRIES):
        with pytest.raises(Refused):
            station.check(codes.new_code(), today=TODAY)
    with pytest.raises(feedback_kiosk.FeedbackDelayed) as info:
        station.check(unit.codes[0].code, today=TODAY)  # even the right code waits
    assert info.value.seconds == 1.0
    now[0] += 1.0
    assert station.check(unit.codes[0].code, today=TODAY)  # then it works, and resets
    assert station.seconds_to_wait() == 0
    assert [feedback_kiosk.wait_for(n) for n in (0, 2, 3, 4, 5, 20)] == [0, 0, 1, 2, 4, 300]


def test_answers_off_the_scale_or_none_are_refused_and_nothing_is_kept(tmp_path: Path) -> None:
    unit = Unit(tmp_path)
    station = unit.kiosk()
    entry = station.check(unit.codes[0].code, today=TODAY)
    with pytest.raises(InvalidInput, match="not on its scale"):
        station.submit(entry, {"helpful": 6})
    with pytest.raises(InvalidInput, match="has no item"):
        station.submit(entry, {"story": 1})
    with pytest.raises(InvalidInput, match="No question is answered"):
        station.submit(entry, {"helpful": None})
    assert not (unit.home / FEEDBACK_INBOX_NAME).exists()
    station.submit(entry, {"helpful": 4})  # the code still works after refused answers


def test_a_changed_or_foreign_code_list_is_refused(tmp_path: Path) -> None:
    unit = Unit(tmp_path)
    path = unit.home / FEEDBACK_CODES_NAME
    data = json.loads(path.read_text())
    data["codes"].append(["0" * 64, "2026-11", "2026-12-31"])  # a code added by hand
    path.write_text(json.dumps(data))
    with pytest.raises(Refused, match="signature does not match"):
        unit.kiosk()
    other = Unit(tmp_path / "other")
    path.write_bytes((other.home / FEEDBACK_CODES_NAME).read_bytes())
    with pytest.raises(Refused, match="another store"):
        unit.kiosk()
    path.write_text("{")
    with pytest.raises(Refused, match="not JSON"):
        unit.kiosk()
    assert unit.settle().merged == 0  # an unlock writes it again
    assert unit.kiosk().entries


def test_a_passphrase_only_store_offers_feedback_too(tmp_path: Path) -> None:
    unit = Unit(tmp_path, passphrase_only=True)
    station = unit.kiosk()
    station.submit(station.check(unit.codes[0].code, today=TODAY), ANSWERS)
    assert unit.settle().merged == 1


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)
    elif value is not None:
        yield str(value)


def test_nothing_links_feedback_to_the_conversation_the_supporter_or_a_time_of_day(
    tmp_path: Path,
) -> None:
    unit = Unit(tmp_path, offered=3)
    station = unit.kiosk()
    entries = [station.check(c.code, today=TODAY) for c in unit.codes[:2]]
    for entry in entries:
        station.submit(entry, ANSWERS)
    inbox = sorted((unit.home / FEEDBACK_INBOX_NAME).iterdir())
    listing = (unit.home / FEEDBACK_CODES_NAME).read_text()
    first_of_month = (unit.home / FEEDBACK_CODES_NAME).stat().st_mtime
    # The files are dated the month's first day, not the day of the offer or the answer.
    assert {p.stat().st_mtime for p in inbox} == {first_of_month}
    assert date.fromtimestamp(first_of_month) == date(2026, 11, 1)

    session = unit.unlock()
    try:
        key = session.db.execute("SELECT identity FROM kiosk_inbox_key").fetchone()[0]
        opened = [
            json.loads(pyrage.decrypt(p.read_bytes(), [pyrage.x25519.Identity.from_str(key)]))
            for p in inbox
        ]
        assert all(set(o) == set(feedback.RESPONSE_KEYS) for o in opened)
        assert feedback.settle(session, today=TODAY).merged == 2
        tables = {
            name: [r[1] for r in session.db.execute(f"PRAGMA table_info({name})")]
            for name in ("feedback_codes", "feedback_responses", "feedback_key")
        }
        assert tables == {
            "feedback_codes": ["hash", "month", "expires", "used"],
            "feedback_responses": [
                *("id", "survey_id", "survey_version", "month", "answers", "exported")
            ],
            "feedback_key": ["id", "salt"],
        }
        for table in ("feedback_codes", "feedback_responses"):
            sql = session.db.execute(
                "SELECT sql FROM sqlite_master WHERE name = ?", [table]
            ).fetchone()[0]
            assert "WITHOUT ROWID" in sql  # no insertion order
        stored = [
            *session.db.execute("SELECT * FROM feedback_responses").fetchall(),
        ]
        code_rows = session.db.execute("SELECT hash, month, used FROM feedback_codes").fetchall()
        audit = [r[0] for r in session.db.execute("SELECT action FROM audit")]
        supporter_ids = [ADMIN_NAME, session.supporter.id]
    finally:
        session.lock()
    # Offering, answering and merging are not audited (an entry's time would date them).
    assert [a for a in audit if "feedback" in a] == []
    # The stored responses keep nothing of their codes.
    hashes = {e.hash for e in entries}
    assert not any(h in s for r in stored for s in _strings(r) for h in hashes)
    assert sorted(r[2] for r in code_rows) == [0, 1, 1]
    found = [
        s
        for s in (*_strings(stored), *_strings(opened), *_strings(code_rows))
        if TIME_OF_DAY.search(s) or ISO_DAY.search(s) or any(n in s for n in supporter_ids)
    ]
    assert found == []
    assert not any(n in listing for n in supporter_ids)
    assert not TIME_OF_DAY.search(listing.replace('"', " "))


def test_the_feedback_survey_is_three_coded_questions_in_every_language() -> None:
    english = feedback_survey()
    assert english.validated is False
    assert "not a validated instrument" in english.source
    assert [i.id for i in english.items] == ["helpful", "recommend", "would_have_helped"]
    for language in SHIPPED_LANGUAGES[1:]:
        translated = feedback_survey(language)
        assert translated.language == language
        assert translated.title != english.title
        assert [i.id for i in translated.items] == [i.id for i in english.items]
        assert [s.values() for s in translated.scales] == [s.values() for s in english.scales]
        assert [s.id for s in translated.subscales] == [s.id for s in english.subscales]
        assert translated.version == english.version
    assert os.path.basename(english.id) == "recipient_feedback"


def test_only_a_unit_store_offers_codes(tmp_path: Path) -> None:
    session = make_session(tmp_path, role="coordinator")
    try:
        with pytest.raises(Refused):
            feedback.offer_code(session, today=TODAY)
    finally:
        close_session(session)
