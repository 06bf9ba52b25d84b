"""Recipient feedback at the locked workstation (issue 14, item 3; `svdesk.unit.feedback`): the
signed list of codes that work is read and verified, a typed code is checked against its
hashes, and the answers go encrypted to the feedback inbox, one file per code.

A typed code that does not work — a slip, someone else's guess, a used or expired code — gets
one and the same message (`feedback_codes.WRONG_CODE`), so nobody learns whether a code like it
exists. Wrong codes slow the next try down (after three, 1 s, then doubling up to 5 minutes,
for this process); with 50 random bits per code and at most a few thousand codes that work,
guessing one at the kiosk is out of reach either way.
"""

from __future__ import annotations

import hmac
import os
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from datetime import time as day_time
from pathlib import Path
from typing import Any, Final

import pyrage

from svdesk.access.session import Opened
from svdesk.content.feedback_survey import feedback_survey
from svdesk.content.surveys import Survey, check_answers
from svdesk.errors import InvalidInput, Refused
from svdesk.exchange import card
from svdesk.exchange.fields import valid_month
from svdesk.storage.feedback_files import FEEDBACK_CODES_NAME, FEEDBACK_INBOX_NAME
from svdesk.storage.paths import ensure_private_dir
from svdesk.unit import feedback_codes as codes
from svdesk.unit.feedback import CODES_FORMAT, CODES_KEYS, MAX_CODES_BYTES, MAX_LIVE_CODES
from svdesk.unit.kiosk import _not_kept, _write_dated
from svdesk.unit.pinned_file import read_pinned

FREE_TRIES: Final = 3
MAX_WAIT_S: Final = 300.0
_FIX: Final = "Ask the unit's peer support team to unlock the workstation once (that rewrites it)."
# Wrong tries per store, for this process: (count, time of the last).
_WRONG: dict[str, tuple[int, float]] = {}


class FeedbackDelayed(Refused):
    """Too many codes that do not work: wait `seconds` before the next try."""

    title = "Please wait"

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(
            "Several codes that do not work were typed; wait "
            f"{int(seconds + 0.999)} seconds, then try again."
        )


def wait_for(wrong: int) -> float:
    """Seconds to wait after `wrong` codes in a row that did not work: none for the first three,
    then 1, 2, 4, … up to five minutes."""
    if wrong < FREE_TRIES:
        return 0.0
    return float(min(2 ** (wrong - FREE_TRIES), MAX_WAIT_S))


@dataclass(frozen=True)
class FeedbackEntry:
    """A code that works, as the kiosk knows it: its hash, month and expiry."""

    hash: str
    month: str
    expires: date


@dataclass
class FeedbackKiosk:
    """The feedback survey offered at a locked workstation, and its codes."""

    store_id: str
    survey: Survey
    recipient: str
    inbox: Path
    key: bytes
    entries: Mapping[str, FeedbackEntry]
    clock: Callable[[], float] = time.monotonic

    def seconds_to_wait(self) -> float:
        count, last = _WRONG.get(self.store_id, (0, 0.0))
        wait = wait_for(count)
        return max(0.0, min(wait, last + wait - self.clock())) if wait else 0.0

    def check(self, text: str, *, today: date | None = None) -> FeedbackEntry:
        """The code typed, if it works. InvalidInput for what is not shaped like a code;
        `FeedbackDelayed` while a wait runs; Refused with `WRONG_CODE` for any code that does
        not work (a slip, unknown, used, expired — the same message for all)."""
        wait = self.seconds_to_wait()
        if wait > 0:
            raise FeedbackDelayed(wait)
        code = codes.normalise(text)
        digest = codes.code_hash(self.key, code)  # computed for every code: the same work
        entry = self.entries.get(digest)
        day = today or date.today()
        works = (
            codes.well_formed(code)
            and entry is not None
            and hmac.compare_digest(entry.hash, digest)
            and entry.expires >= day
            and not os.path.lexists(self.inbox / codes.spent_name(digest))
        )
        if not works or entry is None:
            count, _ = _WRONG.get(self.store_id, (0, 0.0))
            _WRONG[self.store_id] = (count + 1, self.clock())
            raise Refused(codes.WRONG_CODE)
        _WRONG.pop(self.store_id, None)
        return entry

    def submit(self, entry: FeedbackEntry, answers: Mapping[str, object]) -> None:
        """Keep the answers (item id -> point value; None = not answered) for the next unlock,
        with the code's hash, in the code's own inbox file. InvalidInput for an answer off its
        scale or nothing answered; Refused when the code was used meanwhile."""
        checked = check_answers(self.survey, answers)
        if not checked:
            raise InvalidInput(
                "No question is answered yet; choose an answer for at least one question, or leave."
            )
        name = codes.spent_name(entry.hash)
        if os.path.lexists(self.inbox / name):
            raise Refused(codes.WRONG_CODE)
        response = {
            "code": entry.hash,
            "response_id": str(uuid.uuid4()),
            "survey": self.survey.id,
            "version": self.survey.version,
            "month": entry.month,
            "answers": checked,
        }
        encrypted = pyrage.encrypt(
            card.canonical_json(response), [pyrage.x25519.Recipient.from_str(self.recipient)]
        )
        first = datetime.combine(codes.month_start(entry.month), day_time()).timestamp()
        try:
            ensure_private_dir(self.inbox)
        except OSError as exc:
            raise _not_kept(self.inbox, exc) from exc
        _write_dated(self.inbox, name, encrypted, first)


def feedback_offered(workstation: Opened) -> bool:
    """Whether the unlock screen offers feedback (a list of codes is there; checked on use)."""
    return (workstation.home / FEEDBACK_CODES_NAME).is_file()


def open_feedback(workstation: Opened) -> FeedbackKiosk:
    """The feedback kiosk of a locked unit workstation: `feedback-codes.json` read and verified
    (its signature, the pin under the device secret, this store, this version's survey).

    Refused, saying why and what to do, when there is no list or it is not right."""
    if workstation.info.role != "unit":
        raise Refused("Feedback is given on unit workstations only.")
    body, _public = read_pinned(
        workstation,
        workstation.home / FEEDBACK_CODES_NAME,
        keys=CODES_KEYS,
        file_format=CODES_FORMAT,
        max_bytes=MAX_CODES_BYTES,
        fields_of="a list of feedback codes",
        bad=_bad_list,
        missing=(
            "No feedback code works on this workstation now; codes are offered by a supporter "
            "at the end of a conversation."
        ),
    )
    salt = str(body["salt"])
    try:
        if len(bytes.fromhex(salt)) != 32:
            raise ValueError(salt)
    except ValueError:
        raise _bad_list("its salt is not 32 bytes of hexadecimal") from None
    survey = feedback_survey()
    if body["survey_id"] != survey.id or body["survey_version"] != survey.version:
        raise _bad_list("it names a feedback survey this version of svdesk does not ship")
    recipient = str(body["recipient"])
    try:
        pyrage.x25519.Recipient.from_str(recipient)
    except Exception:  # pyrage raises its own exception types for a bad key
        raise _bad_list("its inbox key is not an age recipient") from None
    return FeedbackKiosk(
        store_id=workstation.info.store_id,
        survey=survey,
        recipient=recipient,
        inbox=workstation.home / FEEDBACK_INBOX_NAME,
        key=codes.hash_key(salt, workstation.device_secret or None),
        entries=_entries(body["codes"]),
    )


def _entries(value: Any) -> dict[str, FeedbackEntry]:
    if not isinstance(value, list) or len(value) > MAX_LIVE_CODES:
        raise _bad_list("its list of codes is not one")
    entries: dict[str, FeedbackEntry] = {}
    for item in value:
        try:
            digest, month, expires = item
            day = date.fromisoformat(str(expires))
        except (TypeError, ValueError):
            raise _bad_list("a code in it is not a hash, month and expiry") from None
        if not (isinstance(digest, str) and len(digest) == 64 and valid_month(month)):
            raise _bad_list("a code in it is not a hash, month and expiry")
        entries[digest] = FeedbackEntry(digest, str(month), day)
    return entries


def _bad_list(problem: str) -> Refused:
    return Refused(f"Feedback cannot be given now: {FEEDBACK_CODES_NAME} {problem}. {_FIX}")
