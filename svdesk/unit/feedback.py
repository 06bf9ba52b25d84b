"""Recipient feedback (issue 14, item 3): at the end of a conversation the supporter offers the
colleague a one-time code; later, at the locked workstation, the colleague types it and answers
the feedback survey (`svdesk.content.feedback_survey`). The answers say nothing but "a
conversation of this unit in this month".

What is kept, and where:
- the store's `feedback_codes`: each code offered, as its keyed hash (`feedback_codes.code_hash`)
  with its month and the day it expires (the last day of the next month), WITHOUT ROWID so the
  table's order is the hashes'. No conversation, supporter, day or time; the offer is not
  audited (an audit entry beside the completed conversation would tie the two together);
- `feedback-codes.json` beside `kiosk.json`: the hashes of the codes that still work, with
  their months and expiries, signed and pinned like `kiosk.json` (`svdesk.unit.kiosk`), so the
  locked kiosk can check a typed code without the store's key (`svdesk.unit.feedback_kiosk`);
- `feedback-inbox/`: one file per used code, encrypted to the workstation's inbox key, holding
  the code's hash, a random response id, the month and the answers; dated the month's first day;
- the store's `feedback_responses` after the next unlock (`settle`): the response id, the month
  and the answers — not the hash. The code is marked used in the same transaction, the code
  list is rewritten without it, and only then are the files removed.
A second answer with the same code is refused by the kiosk (its file is there) and, should the
file have been removed by hand, by the merge (the code is used). Responses travel by month in
bundle format 4 (`svdesk.unit.feedback_sent`).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Final

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from svdesk.access.roles import require_role
from svdesk.access.session import Session
from svdesk.content.feedback_survey import feedback_survey
from svdesk.content.surveys import check_answers
from svdesk.errors import InvalidInput, Refused, SvdeskError
from svdesk.exchange import card
from svdesk.exchange.fields import valid_month
from svdesk.exchange.intake import MAX_FEEDBACK_RESPONSES
from svdesk.storage.db import Database
from svdesk.storage.feedback_files import FEEDBACK_CODES_NAME, FEEDBACK_INBOX_NAME
from svdesk.storage.paths import atomic_write, fsync_dir
from svdesk.storage.settings import transaction
from svdesk.unit import feedback_codes as codes
from svdesk.unit.kiosk import _inbox_identity, _signing_key, open_inbox_file
from svdesk.unit.pinned_file import pin

CODES_FORMAT: Final = 1
CODES_KEYS: Final = frozenset(
    {
        "format",
        "store_id",
        "salt",
        "survey_id",
        "survey_version",
        "recipient",
        "public_key",
        "pin",
        "codes",
    }
)
RESPONSE_KEYS: Final = frozenset({"code", "response_id", "survey", "version", "month", "answers"})
MAX_LIVE_CODES: Final = 5000  # codes that still work; ~100 bytes each in the list
MAX_CODES_BYTES: Final = 1024 * 1024
MAX_RESPONSE_BYTES: Final = 16 * 1024
_RESPONSE_NAME: Final = re.compile(r"^[0-9a-f]{32}\.age\Z")
_LEFTOVER: Final = re.compile(r"^\.[0-9a-f]{32}\.age\..+\.tmp\Z")
_HASH: Final = re.compile(r"^[0-9a-f]{64}\Z")


@dataclass(frozen=True)
class OfferedCode:
    """A code just offered: what the colleague is given (`shown`) and until when it works."""

    code: str
    month: str
    expires: date

    @property
    def shown(self) -> str:
        return codes.shown(self.code)


@dataclass(frozen=True)
class FeedbackSettled:
    """What an unlock did with the feedback inbox: answers added, files refused (a code not
    offered here or already used: removed), files left (unreadable, or for the next unlock)."""

    merged: int
    refused: int
    left: int


# ---------------------------------------------------------------- offering a code


def _salt(db: Database) -> str:
    row = db.execute("SELECT salt FROM feedback_key WHERE id = 1").fetchone()
    if row is not None:
        return str(row[0])
    salt = secrets.token_hex(32)
    db.execute("INSERT INTO feedback_key (id, salt) VALUES (1, ?)", [salt])
    return salt


def offer_code(session: Session, *, today: date | None = None) -> OfferedCode:
    """A new one-time feedback code, kept only as its hash with this month and its expiry, and
    the kiosk's list of codes rewritten. Nothing ties it to a conversation (the caller passes
    none) and nothing is audited. Refused when too many codes are waiting to be used."""
    require_role(session, "unit", "offering a feedback code")
    day = today or date.today()
    month = codes.month_of(day)
    expires = codes.expiry_for(month)
    db = session.db
    code = codes.new_code()
    with transaction(session):
        _signing_key(db)
        _inbox_identity(db)
        key = codes.hash_key(_salt(db), session.workstation.device_secret)
        db.execute("DELETE FROM feedback_codes WHERE expires < ?", [day.isoformat()])
        live = db.execute("SELECT count(*) FROM feedback_codes WHERE used = 0").fetchone()[0]
        if int(live) >= MAX_LIVE_CODES:
            raise Refused(
                f"{MAX_LIVE_CODES} feedback codes are waiting to be used, the most this "
                "workstation keeps; new codes can be offered when some are used or expire."
            )
        db.execute(
            "INSERT INTO feedback_codes (hash, month, expires) VALUES (?, ?, ?)",
            [codes.code_hash(key, code), month, expires.isoformat()],
        )
    write_codes_file(session, today=day)
    return OfferedCode(code, month, expires)


def write_codes_file(session: Session, *, today: date | None = None) -> None:
    """Mirror the codes that still work into `feedback-codes.json` (signed, pinned under the
    device secret, dated the month's first day), or remove it when none does."""
    day = today or date.today()
    home = session.workstation.home
    path = home / FEEDBACK_CODES_NAME
    db = session.db
    live = db.execute(
        "SELECT hash, month, expires FROM feedback_codes WHERE used = 0 AND expires >= ? "
        "ORDER BY hash",
        [day.isoformat()],
    ).fetchall()
    if not live:
        if os.path.lexists(path):
            os.unlink(path)
            fsync_dir(home)
        return
    with transaction(session):
        signing_key = _signing_key(db)
        recipient = str(_inbox_identity(db).to_public())
        salt = _salt(db)
    survey = feedback_survey()
    store_id = session.workstation.info.store_id
    public = card.public_key_of(signing_key)
    device = session.workstation.device_secret
    body: dict[str, Any] = {
        "format": CODES_FORMAT,
        "store_id": store_id,
        "salt": salt,
        "survey_id": survey.id,
        "survey_version": survey.version,
        "recipient": recipient,
        "public_key": public.hex(),
        "pin": pin(device, store_id, public) if device else None,
        "codes": [[str(h), str(m), str(e)] for h, m, e in live],
    }
    signature = Ed25519PrivateKey.from_private_bytes(signing_key).sign(card.canonical_json(body))
    data = json.dumps({**body, "signature": signature.hex()}, indent=0, sort_keys=True)
    monday = datetime.combine(codes.month_start(codes.month_of(day)), time()).timestamp()
    atomic_write(path, data.encode("ascii") + b"\n", mtime=monday)


# ---------------------------------------------------------------- each unlock


def settle(session: Session, *, today: date | None = None) -> FeedbackSettled:
    """After each unlock of a unit store: merge the feedback inbox (each answer whose code was
    offered here and not used yet; the code is marked used), drop codes expired, rewrite the
    kiosk's list, then remove the merged and refused files."""
    if session.workstation.info.role != "unit":
        return FeedbackSettled(0, 0, 0)
    day = today or date.today()
    folder = session.workstation.home / FEEDBACK_INBOX_NAME
    read, unreadable, leftovers = _read_inbox(session, folder)
    merged = refused = 0
    done: list[str] = []
    db = session.db
    with transaction(session):
        for name, response in read:
            row = db.execute(
                "SELECT used FROM feedback_codes WHERE hash = ?", [response["code"]]
            ).fetchone()
            if row is None or int(row[0]) != 0:
                refused += 1
            else:
                db.execute("UPDATE feedback_codes SET used = 1 WHERE hash = ?", [response["code"]])
                merged += db.execute(
                    "INSERT OR IGNORE INTO feedback_responses "
                    "(id, survey_id, survey_version, month, answers) VALUES (?, ?, ?, ?, ?)",
                    [
                        response["response_id"],
                        response["survey"],
                        response["version"],
                        response["month"],
                        json.dumps(response["answers"], sort_keys=True),
                    ],
                ).rowcount
            done.append(name)
        db.execute("DELETE FROM feedback_codes WHERE expires < ?", [day.isoformat()])
    write_codes_file(session, today=day)
    for name in (*done, *leftovers):  # only once the merge is committed
        with contextlib.suppress(FileNotFoundError):
            os.unlink(folder / name)
    if done or leftovers:
        fsync_dir(folder)
    return FeedbackSettled(merged, refused, unreadable)


def _read_inbox(
    session: Session, folder: Path
) -> tuple[list[tuple[str, dict[str, Any]]], int, list[str]]:
    """The responses that open (file name, response), the count of files that do not, and the
    leftovers of cut-short writes."""
    if not folder.is_dir():
        return [], 0, []
    row = session.db.execute("SELECT identity FROM kiosk_inbox_key WHERE id = 1").fetchone()
    names = sorted(os.listdir(folder))
    leftovers = [n for n in names if _LEFTOVER.match(n)]
    candidates = [n for n in names if _RESPONSE_NAME.match(n)]
    if row is None:
        return [], len(candidates), leftovers
    identity = pyrage.x25519.Identity.from_str(row[0])
    read: list[tuple[str, dict[str, Any]]] = []
    unreadable = max(0, len(candidates) - MAX_FEEDBACK_RESPONSES)
    for name in candidates[:MAX_FEEDBACK_RESPONSES]:
        try:
            read.append((name, read_response(folder / name, identity)))
        except (OSError, SvdeskError):
            unreadable += 1
    return read, unreadable, leftovers


def read_response(path: Path, identity: pyrage.x25519.Identity) -> dict[str, Any]:
    """The response in `path`, every value checked; InvalidInput when it is not one (a file
    whose name is not its code's is not one either)."""
    response = open_inbox_file(
        path,
        identity,
        max_bytes=MAX_RESPONSE_BYTES,
        keys=RESPONSE_KEYS,
        kind="feedback",
        fields_of="a feedback response's",
    )
    code_hash = response["code"]
    if not (isinstance(code_hash, str) and _HASH.match(code_hash)):
        raise InvalidInput(f"{path.name} names no code.")
    if path.name != codes.spent_name(code_hash):
        raise InvalidInput(f"{path.name} is not the file of its code.")
    try:
        uuid_ok = str(uuid.UUID(str(response["response_id"]))) == response["response_id"]
    except ValueError:
        uuid_ok = False
    if not uuid_ok:
        raise InvalidInput(f"{path.name} has no response id.")
    if not valid_month(response["month"]):
        raise InvalidInput(f"{path.name} has no month.")
    survey = feedback_survey()
    if response["survey"] != survey.id or response["version"] != survey.version:
        raise InvalidInput(f"{path.name} answers another survey than this version's.")
    answers = response["answers"]
    if not isinstance(answers, dict) or not answers:
        raise InvalidInput(f"{path.name} holds no answers.")
    return {**response, "answers": check_answers(survey, answers)}
