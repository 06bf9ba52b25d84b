"""Feedback codes as the colleague reads and types them, and their keyed hashes (issue 14, item 3).

A code is 10 random characters of the one Crockford alphabet (`svdesk.keys.codes`, 50 bits) and
a check character, shown as `K7Q2M-4XPR9-T`. The check character catches most typing slips on
the spot; it is derived from the code alone, so it says nothing about which codes exist.

The store and the locked kiosk both know a code only by its hash: an HMAC-SHA-256 under a key
made from the store's random salt and, where the workstation has one, its device secret (the OS
keyring): a copy of the data folder alone does not let anyone test guesses offline.
"""

from __future__ import annotations

import calendar
import hashlib
import hmac
from datetime import date
from typing import Final

from svdesk.errors import InvalidInput
from svdesk.keys.codes import CROCKFORD, crockford_clean, random_crockford

CODE_BODY: Final = 10  # 50 random bits
CODE_LENGTH: Final = CODE_BODY + 1  # and the check character
_CHECK_LABEL: Final = b"svdesk feedback code check v1\x00"
_KEY_LABEL: Final = b"svdesk feedback code key v1\x00"
_HASH_LABEL: Final = b"svdesk feedback code v1\x00"
_SPENT_LABEL: Final = b"svdesk feedback code spent v1\x00"

WRONG_CODE: Final = (
    "This feedback code does not work. Check each character against the code you were given "
    "and type it again; a code works once, until the day it says."
)


def _check_char(body: str) -> str:
    return CROCKFORD[hashlib.sha256(_CHECK_LABEL + body.encode("ascii")).digest()[0] % 32]


def new_code() -> str:
    """A fresh code (11 characters, not grouped)."""
    body = random_crockford(CODE_BODY)
    return body + _check_char(body)


def shown(code: str) -> str:
    """The code as people read it: groups of five, then the check character."""
    return f"{code[:5]}-{code[5:10]}-{code[10:]}"


def normalise(text: str) -> str:
    """The typed code, Crockford reading rules applied (case, I/L → 1, O → 0, dashes and spaces).

    InvalidInput when it does not have the shape of a code (length, characters); the message is
    about the shape only. A code of the right shape whose check character is wrong is returned
    as it is: it is refused like any code that does not work (`WRONG_CODE`).
    """
    cleaned = crockford_clean(text)
    if len(cleaned) != CODE_LENGTH or any(ch not in CROCKFORD for ch in cleaned):
        raise InvalidInput(
            f"A feedback code has {CODE_LENGTH} letters and digits, like K7Q2M-4XPR9-T "
            "(dashes and spaces do not matter); check what you typed."
        )
    return cleaned


def well_formed(code: str) -> bool:
    """Whether the check character of a normalised code fits its first ten."""
    return hmac.compare_digest(code[CODE_BODY:], _check_char(code[:CODE_BODY]))


def hash_key(salt_hex: str, device_secret: bytes | None) -> bytes:
    """The HMAC key of the code hashes: the store's salt, under the device secret if any."""
    return hmac.new(
        device_secret or bytes(32), _KEY_LABEL + bytes.fromhex(salt_hex), hashlib.sha256
    ).digest()


def code_hash(key: bytes, code: str) -> str:
    return hmac.new(key, _HASH_LABEL + code.encode("ascii"), hashlib.sha256).hexdigest()


def spent_name(hash_hex: str) -> str:
    """The inbox file a response with this code goes to: one file per code, so the kiosk sees a
    code already used before the next unlock merges it (the name is not the code's hash)."""
    return hashlib.sha256(_SPENT_LABEL + bytes.fromhex(hash_hex)).hexdigest()[:32] + ".age"


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def expiry_for(month: str) -> date:
    """The last day a code offered in `month` works: the last day of the month after (so the
    expiry dates the offer by its month only)."""
    year, number = int(month[:4]), int(month[5:])
    year, number = (year + 1, 1) if number == 12 else (year, number + 1)
    return date(year, number, calendar.monthrange(year, number)[1])


def month_start(month: str) -> date:
    return date(int(month[:4]), int(month[5:]), 1)
