"""A request for support made at the locked workstation (issue 15, item 1): a colleague says who
asks (self, peer, manager, safety team; proactive outreach is a supporter's own), for how many
people, how urgently and whether a supporter from another unit is preferred — no name, nobody
signed in — and is then shown who is on call now and how to reach them.

Two plain things beside the store make that possible while it is locked, both written at each
unlock of a unit store (`svdesk.unit.kiosk` writes the first):
- `kiosk.json`: the inbox's age key and the workstation's signing key (pinned, verified);
- `kiosk-oncall.json`: who is on call over the next 14 days — each on-call span's start and
  end, the supporter's name (already on the unlock screen's list) and the number they chose to
  share — signed with the same key, so a file someone else wrote is refused. Past its 14 days
  (nobody unlocked meanwhile) it says nothing: the page then says to call the crisis line.
The request goes into the kiosk inbox as `request-<random>.age`, encrypted to the inbox key,
holding only the coded fields and the time of the request (the 30-minute clock runs from it).
At the next unlock, by any supporter, it is merged into `support_requests` (origin 'kiosk',
logged by nobody), keyed by the file's random name, and only then is the file removed: merged
once, never lost (`settle`). The survey's reader leaves these files alone (another name).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import stat
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any, Final

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from svdesk.access.session import Opened, Session
from svdesk.content.hours import workstation_zone
from svdesk.content.record_fields import load_record_vocabulary
from svdesk.errors import InvalidInput, Refused, SvdeskError, WriteFailed
from svdesk.exchange import card
from svdesk.storage.datadir import KIOSK_CHOICE_NAME, KIOSK_INBOX_NAME
from svdesk.storage.paths import atomic_write, ensure_private_dir, fsync_dir
from svdesk.storage.settings import read_setting, transaction
from svdesk.unit import kiosk
from svdesk.unit.export import SETTING_SIGNING_KEY
from svdesk.unit.oncall import OnCallNow, OnCallPerson
from svdesk.unit.oncall_coverage import record_coverage, roster_plans
from svdesk.unit.oncall_spans import instant, wall_of
from svdesk.unit.requests import PEOPLE_MAX, URGENCIES

__all__ = [
    "KIOSK_SOURCES",
    "ONCALL_SNAPSHOT_NAME",
    "RequestInbox",
    "RequestKiosk",
    "check_request",
    "merge_requests",
    "open_request_kiosk",
    "read_requests",
    "settle",
    "store_requests",
    "write_on_call",
]

# Who may ask at the kiosk: the request sources of the data dictionary but `proactive`.
KIOSK_SOURCES: Final = ("self", "peer", "manager", "safety_team")
REQUEST_KEYS: Final = frozenset({"source", "people", "urgency", "other_unit", "requested_at"})
ONCALL_SNAPSHOT_NAME: Final = "kiosk-oncall.json"
ONCALL_DAYS: Final = 14
MAX_REQUEST_BYTES: Final = 4 * 1024  # a request is about 300 bytes encrypted
MAX_ONCALL_BYTES: Final = 256 * 1024
MAX_MERGED_PER_UNLOCK: Final = 500  # a flooded inbox is merged over several unlocks
_REQUEST_NAME: Final = re.compile(r"^request-([0-9a-f]{32})\.age\Z")
_LEFTOVER: Final = re.compile(r"^\.request-[0-9a-f]{32}\.age\..+\.tmp\Z")
_ONCALL_FORMAT: Final = 1
_ONCALL_KEYS: Final = frozenset(
    {"format", "store_id", "written_at", "valid_until", "people", "spans"}
)
_FUTURE_SLACK: Final = timedelta(minutes=5)
_BACK: Final = timedelta(days=1)
_FIX: Final = "Unlocking svdesk writes it again; until then, call the crisis line."


def check_request(source: str | None, people: int | None, urgency: str, other_unit: bool) -> None:
    """InvalidInput, saying what to do, for a request the kiosk cannot take."""
    if not source:
        raise InvalidInput(
            "Choose who asks for support (yourself, a peer, a manager or the safety team); "
            "nothing was sent."
        )
    if source not in KIOSK_SOURCES:
        if source in load_record_vocabulary().codes("activation_source"):
            raise InvalidInput(
                f"{source!r} is a supporter's own outreach, not a request made here; choose "
                "who asks: yourself, a peer, a manager or the safety team."
            )
        raise InvalidInput(f"{source!r} is not someone who can ask; use one of {KIOSK_SOURCES}.")
    if people is None or isinstance(people, bool) or not isinstance(people, int) or people < 1:
        raise InvalidInput("Say how many people need support (1 or more); nothing was sent.")
    if people > PEOPLE_MAX:
        raise InvalidInput(
            f"{people} people is more than {PEOPLE_MAX}; for a whole department, ask for "
            "each group once."
        )
    if urgency not in URGENCIES:
        raise InvalidInput(f"{urgency!r} is not an urgency; use one of {', '.join(URGENCIES)}.")
    if not isinstance(other_unit, bool):
        raise InvalidInput("Say whether a supporter from another unit is preferred (yes or no).")


# ---------------------------------------------------------------- who is on call, while locked


def _spans(session: Session, now: datetime, zone: tzinfo) -> tuple[list[Any], list[Any], str]:
    """The on-call spans of the next ONCALL_DAYS: (people, spans, valid_until)."""
    moment = now.astimezone(zone)
    low = wall_of(moment, zone)
    high = low + timedelta(days=ONCALL_DAYS)
    valid_until = instant(high, zone, moment).astimezone(UTC)
    people: list[Any] = []
    spans: list[Any] = []
    for plan in roster_plans(session.db):
        # From a day back: the copy also answers for a moment just before it was written.
        cover = [span for span in plan.cover(low - _BACK, high) if span[1] > low]
        if not cover:
            continue
        index = len(people)
        people.append({"name": plan.name, "phone": plan.phone})
        for start, end in cover:
            begins = instant(start, zone, moment - _BACK).astimezone(UTC)
            ends = None if end >= high else instant(end, zone, moment).astimezone(UTC)
            spans.append([index, _iso(begins), None if ends is None else _iso(ends)])
    spans.sort(key=lambda s: (s[1], s[0]))
    return people, spans, _iso(valid_until)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def write_on_call(
    session: Session, *, now: datetime | None = None, zone: tzinfo | None = None
) -> None:
    """Mirror who is on call over the next 14 days into `kiosk-oncall.json`, signed with the
    workstation's key (the one `kiosk.json` names). Written at each unlock and roster change."""
    if session.workstation.info.role != "unit":
        return
    key_hex = read_setting(session.db, SETTING_SIGNING_KEY)
    if not isinstance(key_hex, str):
        return  # no kiosk.json yet either (`kiosk.prepare` makes the key first)
    at = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    people, spans, valid_until = _spans(session, at, zone or workstation_zone())
    body: dict[str, Any] = {
        "format": _ONCALL_FORMAT,
        "store_id": session.workstation.info.store_id,
        "written_at": _iso(at),
        "valid_until": valid_until,
        "people": people,
        "spans": spans,
    }
    signature = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(key_hex)).sign(
        card.canonical_json(body)
    )
    data = json.dumps({**body, "signature": signature.hex()}, ensure_ascii=False, indent=1)
    atomic_write(session.workstation.home / ONCALL_SNAPSHOT_NAME, data.encode("utf-8") + b"\n")


def _bad_on_call(problem: str) -> Refused:
    return Refused(f"Who is on call cannot be shown: {ONCALL_SNAPSHOT_NAME} {problem}. {_FIX}")


def _read_on_call(home: Path, store_id: str, public_key: bytes) -> dict[str, Any]:
    path = home / ONCALL_SNAPSHOT_NAME
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ONCALL_BYTES:
            raise _bad_on_call("is not a file svdesk wrote")
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise Refused(
            f"Who is on call shows here once a supporter has unlocked svdesk. {_FIX}"
        ) from None
    except (OSError, ValueError):
        raise _bad_on_call("cannot be read") from None
    if not isinstance(data, dict) or set(data) != _ONCALL_KEYS | {"signature"}:
        raise _bad_on_call("has other fields than svdesk writes")
    body = {k: v for k, v in data.items() if k != "signature"}
    try:
        signature = bytes.fromhex(str(data["signature"]))
    except ValueError:
        raise _bad_on_call("has no signature") from None
    if not card.verify_signature(public_key, signature, card.canonical_json(body)):
        raise _bad_on_call("was not signed by this workstation")
    if body["format"] != _ONCALL_FORMAT or body["store_id"] != store_id:
        raise _bad_on_call("belongs to another store or version")
    return body


def _moment(text: object) -> datetime:
    moment = datetime.fromisoformat(str(text))
    if moment.tzinfo is None:
        raise ValueError("no time zone")
    return moment


def on_call_of(body: dict[str, Any], at: datetime, zone: tzinfo) -> OnCallNow | None:
    """Who is on call at `at` by a verified snapshot (None: the snapshot does not reach `at`)."""
    try:
        if not _moment(body["written_at"]) - _BACK <= at < _moment(body["valid_until"]):
            return None
        people = [
            (str(p["name"]), None if p["phone"] is None else str(p["phone"]))
            for p in body["people"]
        ]
        spans = [
            (int(i), _moment(s), None if e is None else _moment(e)) for i, s, e in body["spans"]
        ]
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    now: list[OnCallPerson] = []
    upcoming: list[tuple[datetime, OnCallPerson]] = []
    current = set()
    for index, starts, ends in spans:
        if not 0 <= index < len(people):
            return None
        name, phone = people[index]
        if starts <= at and (ends is None or at < ends):
            current.add(index)
            until = None if ends is None else ends.astimezone(zone)
            now.append(OnCallPerson(name, phone, until=until))
    for index, starts, _ends in spans:
        if starts > at and index not in current:
            name, phone = people[index]
            upcoming.append((starts, OnCallPerson(name, phone, starts=starts.astimezone(zone))))
    upcoming.sort(key=lambda item: item[0])
    return OnCallNow(at.astimezone(zone), tuple(now), upcoming[0][1] if upcoming else None)


# ---------------------------------------------------------------- the locked kiosk


def _bad_kiosk(problem: str) -> Refused:
    return Refused(
        f"Requests for support cannot be taken here: {KIOSK_CHOICE_NAME} {problem}. "
        "Unlocking svdesk writes it again; until then, call a supporter or the crisis line."
    )


_NOT_YET: Final = (
    "Requests for support can be made here once a supporter has unlocked svdesk on this "
    "workstation; until then, call a supporter or the crisis line."
)


@dataclass(frozen=True)
class RequestKiosk:
    """Where a locked workstation's requests go, and who is on call to tell the colleague."""

    recipient: str
    inbox: Path
    home: Path
    store_id: str
    public_key: bytes

    def submit(
        self,
        *,
        source: str | None,
        people: int | None,
        urgency: str = "now",
        other_unit: bool = False,
        at: datetime | None = None,
    ) -> datetime:
        """Keep one request in the inbox; returns its time. InvalidInput when it cannot be
        taken (nothing is written then), WriteFailed when the inbox cannot be written."""
        check_request(source, people, urgency, other_unit)
        when = (at or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
        request = {
            "source": source,
            "people": people,
            "urgency": urgency,
            "other_unit": other_unit,
            "requested_at": _iso(when),
        }
        encrypted = pyrage.encrypt(
            card.canonical_json(request), [pyrage.x25519.Recipient.from_str(self.recipient)]
        )
        try:
            ensure_private_dir(self.inbox)
            atomic_write(self.inbox / f"request-{secrets.token_hex(16)}.age", encrypted)
            fsync_dir(self.inbox)
        except (OSError, WriteFailed) as exc:
            raise WriteFailed(
                f"Your request could not be kept ({exc}); nothing was sent. Please call a "
                "supporter or the crisis line now."
            ) from exc
        return when

    def on_call(self, at: datetime | None = None, zone: tzinfo | None = None) -> OnCallNow | None:
        """Who is on call at `at` (default now) by the signed snapshot; Refused saying why when
        the snapshot is missing or not right, None when it does not reach `at`."""
        body = _read_on_call(self.home, self.store_id, self.public_key)
        return on_call_of(body, (at or datetime.now(UTC)), zone or workstation_zone())


def open_request_kiosk(workstation: Opened) -> RequestKiosk:
    """The request kiosk of a locked unit workstation (`kiosk.json` verified); Refused, saying
    what to do, when it cannot take requests."""
    if workstation.info.role != "unit":
        raise Refused("Requests for support are taken on unit workstations only.")
    choice = kiosk.read_choice(workstation, _bad_kiosk, missing=_NOT_YET)
    return RequestKiosk(
        recipient=choice.recipient,
        inbox=workstation.home / KIOSK_INBOX_NAME,
        home=workstation.home,
        store_id=workstation.info.store_id,
        public_key=choice.public_key,
    )


# ---------------------------------------------------------------- each unlock


@dataclass(frozen=True)
class RequestInbox:
    """The kiosk requests as read (nothing changed yet): rows for `support_requests`, the count
    of files that did not open, and leftovers of cut-short writes."""

    folder: Path
    rows: tuple[tuple[str, str, str, int, str, int], ...]  # id, requested_at, source, ...
    left: int
    leftovers: tuple[str, ...]


def read_requests(session: Session) -> RequestInbox:
    """Read and decrypt the inbox's requests (no writes: the GUI runs this on its worker)."""
    folder = session.workstation.home / KIOSK_INBOX_NAME
    if not folder.is_dir():
        return RequestInbox(folder, (), 0, ())
    row = session.db.execute("SELECT identity FROM kiosk_inbox_key WHERE id = 1").fetchone()
    names = sorted(os.listdir(folder))
    leftovers = tuple(n for n in names if _LEFTOVER.match(n))
    candidates = [n for n in names if _REQUEST_NAME.match(n)]
    if row is None:
        return RequestInbox(folder, (), len(candidates), leftovers)
    identity = pyrage.x25519.Identity.from_str(row[0])
    rows = []
    left = max(0, len(candidates) - MAX_MERGED_PER_UNLOCK)
    for name in candidates[:MAX_MERGED_PER_UNLOCK]:
        try:
            request = _read_request(folder / name, identity)
        except (OSError, SvdeskError):
            left += 1
            continue
        rows.append(
            (
                str(uuid.UUID(hex=name[len("request-") : len("request-") + 32])),
                str(request["requested_at"]),
                str(request["source"]),
                int(request["people"]),
                str(request["urgency"]),
                int(bool(request["other_unit"])),
            )
        )
    return RequestInbox(folder, tuple(rows), left, leftovers)


def _read_request(path: Path, identity: pyrage.x25519.Identity) -> dict[str, Any]:
    request = kiosk.open_inbox_file(
        path,
        identity,
        max_bytes=MAX_REQUEST_BYTES,
        keys=REQUEST_KEYS,
        kind="request",
        fields_of="a request's",
    )
    check_request(request["source"], request["people"], request["urgency"], request["other_unit"])
    try:
        _moment(request["requested_at"])
    except (TypeError, ValueError):
        raise InvalidInput(f"{path.name} has no time of request.") from None
    return request


def store_requests(
    session: Session, inbox: RequestInbox, *, now: datetime | None = None
) -> kiosk.Settled:
    """Commit the requests of `read_requests` into the unit's queue (one already there is not
    added twice), then remove their files and the leftovers. A request dated after `now` (the
    clock was put back since) counts from `now`."""
    at = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    added = 0
    if inbox.rows:
        with transaction(session) as db:
            for rid, requested, source, people, urgency, other in inbox.rows:
                when = min(_moment(requested), at + _FUTURE_SLACK)
                cursor = db.execute(
                    "INSERT OR IGNORE INTO support_requests (id, requested_at, logged_at, "
                    "logged_by, source, people, urgency, other_unit, status, origin) "
                    "VALUES (?, ?, ?, NULL, ?, ?, ?, ?, 'open', 'kiosk')",
                    [rid, _iso(when), _iso(at), source, people, urgency, other],
                )
                if cursor.rowcount:
                    added += 1
                    session.audit(
                        "request_logged",
                        {"id": rid, "source": source, "urgency": urgency, "origin": "kiosk"},
                    )
        for merged in inbox.rows:  # only once their rows are committed
            with contextlib.suppress(FileNotFoundError):
                os.unlink(inbox.folder / f"request-{uuid.UUID(merged[0]).hex}.age")
    for leftover in inbox.leftovers:
        with contextlib.suppress(OSError):
            os.unlink(inbox.folder / leftover)
    if inbox.rows or inbox.leftovers:
        fsync_dir(inbox.folder)
    return kiosk.Settled(added, inbox.left)


def merge_requests(session: Session, *, now: datetime | None = None) -> kiosk.Settled:
    return store_requests(session, read_requests(session), now=now)


def settle(session: Session, *, now: datetime | None = None) -> kiosk.Settled:
    """After each unlock of a unit store (once `kiosk.prepare` has run): the on-call hours
    passed judged, who is on call mirrored for the locked kiosk, the kiosk's requests merged."""
    if session.workstation.info.role != "unit":
        return kiosk.Settled(0, 0)
    at = now or datetime.now(UTC)
    record_coverage(session, at)
    write_on_call(session, now=at)
    return merge_requests(session, now=at)
